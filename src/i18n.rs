//! UI text comes from `locales/*.json` (flat key → text maps); nothing is written inline
//! in components. A test checks that every locale has every key.

use leptos::prelude::*;
use liuke_engine::{Date, Money};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code.starts_with("zh") {
            Some(Lang::Zh)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "简体中文",
            Lang::En => "English",
        }
    }
}

pub const ZH_CN: &str = include_str!("../locales/zh-CN.json");
pub const EN: &str = include_str!("../locales/en.json");

fn table(lang: Lang) -> &'static HashMap<String, String> {
    static ZH: OnceLock<HashMap<String, String>> = OnceLock::new();
    static ENG: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Zh => (&ZH, ZH_CN),
        Lang::En => (&ENG, EN),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default())
}

/// The text for a key; a missing key shows itself so it is noticed, never a blank.
pub fn text(lang: Lang, key: &str) -> String {
    table(lang)
        .get(key)
        .or_else(|| table(Lang::En).get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// Suffix of a key's singular form: "1 customer changes hands", not "1 customers".
pub const ONE: &str = "#one";

fn text_for_count(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let one = args
        .iter()
        .any(|(name, value)| *name == "count" && value == "1");
    one.then(|| table(lang).get(&format!("{key}{ONE}")).cloned())
        .flatten()
        .unwrap_or_else(|| text(lang, key))
}

/// Fills `{name}` placeholders.
pub fn fill(template: String, args: &[(&str, String)]) -> String {
    args.iter().fold(template, |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

/// The language in use, provided as context by the app.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self, key: &str) -> String {
        text(self.lang.get(), key)
    }

    /// `key` filled with `args`; where `count` is 1 and the language has a singular
    /// form (`key#one`, English only: Chinese nouns have no plural), that form.
    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        fill(text_for_count(self.lang.get(), key, args), args)
    }

    pub fn money(&self, money: Money) -> String {
        format_money(self.lang.get(), money)
    }

    /// A computed amount in yuan (a value, a CLV), shown like money.
    pub fn yuan(&self, yuan: f64) -> String {
        self.money(fen_of(yuan))
    }

    /// A chart label: whole 万 (or K) so twelve bars stay readable.
    pub fn yuan_short(&self, yuan: f64) -> String {
        match self.lang.get() {
            Lang::Zh if yuan.abs() >= 10_000.0 => format!("{:.0}万", yuan / 10_000.0),
            Lang::En if yuan.abs() >= 1_000_000.0 => format!("{:.1}M", yuan / 1_000_000.0),
            Lang::En if yuan.abs() >= 1_000.0 => format!("{:.0}K", yuan / 1_000.0),
            _ => format!("{yuan:.0}"),
        }
    }

    pub fn date(&self, date: Date) -> String {
        format_date(date)
    }

    /// A date inside a sentence (2026年11月22日).
    pub fn date_prose(&self, date: Date) -> String {
        format_date_prose(self.lang.get(), date)
    }

    /// A sum in a column whose header already says 元.
    pub fn amount(&self, money: Money) -> String {
        format_amount(self.lang.get(), money)
    }

    /// A computed amount in yuan for a column whose header already says 元.
    pub fn amount_yuan(&self, yuan: f64) -> String {
        self.amount(fen_of(yuan))
    }

    /// A big sum on a tile: 万/亿 or K/M.
    pub fn money_compact(&self, money: Money) -> String {
        format_money_compact(self.lang.get(), money)
    }

    /// A big computed sum on a tile.
    pub fn yuan_compact(&self, yuan: f64) -> String {
        self.money_compact(fen_of(yuan))
    }

    /// The short name of month 1..=12 for chart labels (11月, Nov).
    pub fn month_name(&self, month: u32) -> String {
        self.t("dashboard.months")
            .split(',')
            .nth(month.saturating_sub(1) as usize)
            .unwrap_or_default()
            .to_string()
    }

    pub fn trend(&self, change: f64) -> String {
        format_trend(self.lang.get(), change)
    }

    pub fn count(&self, n: usize) -> String {
        group_digits(n as u64)
    }
}

fn fen_of(yuan: f64) -> Money {
    Money(if yuan.is_finite() {
        (yuan * 100.0).round() as i64
    } else {
        0
    })
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for a key, for use directly in `view!`.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// The snake_case name serde gives an enum variant, to build translation keys from.
pub fn variant<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Object(o)) => o
            .get("state")
            .or_else(|| o.get("kind"))
            .or_else(|| o.get("part"))
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_default(),
        _ => String::new(),
    }
}

pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "¥1,234.50". Both languages show yuan with the ¥ sign; Chinese users read big sums in
/// 万 and 亿, so Chinese shows sums of 100,000 and more that way ("¥12.35万").
pub fn format_money(lang: Lang, money: Money) -> String {
    let (sign, body) = amount_parts(lang, money);
    format!("{sign}¥{body}")
}

/// A sum in a column whose header names the unit (金额（元）): the number alone.
pub fn format_amount(lang: Lang, money: Money) -> String {
    let (sign, body) = amount_parts(lang, money);
    format!("{sign}{body}")
}

/// A big figure on a tile, read at a glance: 万 and 亿 in Chinese from 1万, K and M in
/// English from 1,000.
pub fn format_money_compact(lang: Lang, money: Money) -> String {
    let abs = money.fen().unsigned_abs();
    let sign = if money.fen() < 0 { "-" } else { "" };
    let short = |unit: u64, suffix: &str| format!("{sign}¥{}", scaled(abs, unit, suffix));
    match lang {
        Lang::Zh if abs >= 10_000_000_000 => short(100_000_000, "亿"),
        Lang::Zh if abs >= 1_000_000 => short(10_000, "万"),
        Lang::En if abs >= 100_000_000 => short(1_000_000, "M"),
        Lang::En if abs >= 100_000 => short(1_000, "K"),
        _ => format_money(lang, money),
    }
}

/// `abs` fen in a larger unit with two decimals and its suffix; `unit` is in fen per
/// hundredth of the shown unit.
fn scaled(abs: u64, unit: u64, suffix: &str) -> String {
    let hundredths = (abs as f64 / unit as f64).round() as u64;
    format!(
        "{}.{:02}{suffix}",
        group_digits(hundredths / 100),
        hundredths % 100
    )
}

/// The sign and the digits of a sum; Chinese switches to 万 from 10万 and to 亿 from 1亿.
fn amount_parts(lang: Lang, money: Money) -> (&'static str, String) {
    let fen = money.fen();
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let body = if lang == Lang::Zh && abs >= 10_000_000_000 {
        scaled(abs, 100_000_000, "亿")
    } else if lang == Lang::Zh && abs >= 10_000_000 {
        scaled(abs, 10_000, "万")
    } else {
        format!("{}.{:02}", group_digits(abs / 100), abs % 100)
    };
    (sign, body)
}

/// ISO dates (2026-11-22) read the same in both languages and sort as text: forms and
/// table columns use them.
pub fn format_date(date: Date) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A moment on this device's clock and in its time zone: 2026-12-07 21:20.
pub fn format_moment(at: chrono::DateTime<chrono::Utc>) -> String {
    let millis = at.timestamp_millis() as f64;
    // Minutes the local time is behind UTC at that moment (summer time included).
    let behind = js_sys::Date::new(&millis.into()).get_timezone_offset();
    let local = at.naive_utc() - chrono::Duration::minutes(behind as i64);
    local.format("%Y-%m-%d %H:%M").to_string()
}

/// A date inside a sentence: 2026年11月22日, or 22 November 2026.
pub fn format_date_prose(lang: Lang, date: Date) -> String {
    match lang {
        Lang::Zh => date.format("%Y年%-m月%-d日").to_string(),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

/// A change against the year before, never by colour alone: an arrow, the figure and a word.
pub fn format_trend(lang: Lang, change: f64) -> String {
    let pct = (change * 100.0).round();
    let key = if pct > 0.0 {
        "trend.up"
    } else if pct < 0.0 {
        "trend.down"
    } else {
        "trend.flat"
    };
    fill(text(lang, key), &[("pct", format!("{:.0}", pct.abs()))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_something_reads_in_the_singular() {
        let args = |n: &str| [("count", n.to_string()), ("cost", "46".to_string())];
        assert!(text_for_count(Lang::En, "rotation.summary", &args("1"))
            .starts_with("{count} customer changes hands"));
        assert!(text_for_count(Lang::En, "rotation.summary", &args("2"))
            .starts_with("{count} customers change hands"));
        assert_eq!(
            text_for_count(Lang::Zh, "rotation.summary", &args("1")),
            text(Lang::Zh, "rotation.summary")
        );
    }

    /// Issue 18.10: Chinese text uses full-width punctuation (忘记口令？, not 忘记口令?):
    /// no ASCII comma, question or exclamation mark, colon, semicolon or parenthesis
    /// touches a Chinese character. The month names are a list the code splits at ','.
    #[test]
    fn chinese_text_uses_full_width_punctuation() {
        let zh: HashMap<String, String> = serde_json::from_str(ZH_CN).expect("zh-CN.json parses");
        let chinese = |c: Option<char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut found: Vec<&str> = zh
            .iter()
            .filter(|(key, _)| key.as_str() != "dashboard.months")
            .filter(|(_, text)| {
                let chars: Vec<char> = text.chars().collect();
                chars.iter().enumerate().any(|(i, c)| {
                    ",?!:;()".contains(*c)
                        && (chinese(i.checked_sub(1).map(|j| chars[j]))
                            || chinese(chars.get(i + 1).copied()))
                })
            })
            .map(|(key, _)| key.as_str())
            .collect();
        found.sort_unstable();
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn every_locale_has_every_key() {
        let zh: HashMap<String, String> = serde_json::from_str(ZH_CN).expect("zh-CN.json parses");
        let en: HashMap<String, String> = serde_json::from_str(EN).expect("en.json parses");
        let mut missing: Vec<String> = zh
            .keys()
            .filter(|k| !en.contains_key(*k))
            .map(|k| format!("en lacks {k}"))
            .chain(
                en.keys()
                    .filter(|k| !zh.contains_key(*k) && !k.ends_with(ONE))
                    .map(|k| format!("zh-CN lacks {k}")),
            )
            .chain(
                en.keys()
                    .filter_map(|k| k.strip_suffix(ONE))
                    .filter(|base| !en.contains_key(*base))
                    .map(|base| format!("{base}{ONE} has no plural form")),
            )
            .collect();
        missing.sort();
        assert!(missing.is_empty(), "{missing:?}");
        assert!(zh.values().chain(en.values()).all(|v| !v.trim().is_empty()));
    }

    /// One word for one thing (issue 19, point 5): `locales/glossary.json` holds each
    /// term of the product's glossary the UI uses, in both languages, with the words it
    /// replaced. Every term is used and no replaced word is left.
    #[test]
    fn locales_use_each_glossary_term_and_none_it_retired() {
        #[derive(serde::Deserialize)]
        struct Term {
            en: String,
            zh: String,
            retired_en: Vec<String>,
            retired_zh: Vec<String>,
        }
        let terms: Vec<Term> = serde_json::from_str(include_str!("../locales/glossary.json"))
            .expect("glossary.json parses");
        let all = |text: &str| {
            let table: HashMap<String, String> = serde_json::from_str(text).expect("a locale");
            let mut values: Vec<String> = table.into_values().collect();
            values.sort();
            values.join("\n")
        };
        let zh = all(ZH_CN);
        let en = all(EN).to_lowercase();
        let mut wrong = Vec::new();
        for term in &terms {
            if !zh.contains(&term.zh) {
                wrong.push(format!("zh-CN never says {}", term.zh));
            }
            if !en.contains(&term.en.to_lowercase()) {
                wrong.push(format!("en never says {}", term.en));
            }
            for old in &term.retired_zh {
                if zh.contains(old.as_str()) {
                    wrong.push(format!("zh-CN still says {old} for {}", term.zh));
                }
            }
            for old in &term.retired_en {
                if en.contains(&old.to_lowercase()) {
                    wrong.push(format!("en still says {old} for {}", term.en));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
        assert!(terms.len() >= 20);
    }

    #[test]
    fn money_follows_the_locale() {
        assert_eq!(format_money(Lang::En, Money(123450)), "¥1,234.50");
        assert_eq!(format_money(Lang::Zh, Money(123450)), "¥1,234.50");
        assert_eq!(format_money(Lang::Zh, Money(12_345_600)), "¥12.35万");
        assert_eq!(format_money(Lang::En, Money(12_345_600)), "¥123,456.00");
        assert_eq!(format_money(Lang::Zh, Money(25_000_000_000)), "¥2.50亿");
        assert_eq!(format_money(Lang::Zh, Money(1_407_300_000)), "¥1,407.30万");
        assert_eq!(format_money(Lang::En, Money(-5)), "-¥0.05");
    }

    #[test]
    fn big_sums_read_in_wan_or_thousands() {
        assert_eq!(format_money_compact(Lang::Zh, Money(1_234_500)), "¥1.23万");
        assert_eq!(format_money_compact(Lang::Zh, Money(987_600)), "¥9,876.00");
        assert_eq!(
            format_money_compact(Lang::Zh, Money(31_000_000_000)),
            "¥3.10亿"
        );
        assert_eq!(format_money_compact(Lang::En, Money(1_234_500)), "¥12.35K");
        assert_eq!(format_money_compact(Lang::En, Money(345_600_000)), "¥3.46M");
        assert_eq!(format_money_compact(Lang::En, Money(-99_900)), "-¥999.00");
        assert_eq!(format_amount(Lang::Zh, Money(12_345_600)), "12.35万");
        assert_eq!(format_amount(Lang::En, Money(-123_450)), "-1,234.50");
    }

    #[test]
    fn dates_in_prose_and_trends_in_words() {
        let d = Date::from_ymd_opt(2026, 11, 2).expect("valid date");
        assert_eq!(format_date(d), "2026-11-02");
        assert_eq!(format_date_prose(Lang::Zh, d), "2026年11月2日");
        assert_eq!(format_date_prose(Lang::En, d), "2 November 2026");
        assert_eq!(format_trend(Lang::Zh, -0.124), "↓ 12%（较上年减少）");
        assert_eq!(format_trend(Lang::En, 0.3), "↑ 30% (up on last year)");
        assert_eq!(format_trend(Lang::En, 0.001), "→ 0% (as last year)");
    }

    #[test]
    fn languages_from_browser_codes() {
        assert_eq!(Lang::from_code("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill(
                "{a} and {b}".into(),
                &[("a", "1".into()), ("b", "2".into())]
            ),
            "1 and 2"
        );
    }
}
