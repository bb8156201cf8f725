//! Reading cell values the way Excel and people write them.
//!
//! Dates (year first only, since 3/4/2026 is ambiguous between locales):
//! `2026-11-22`, `2026/11/22`, `2026.11.22`, `2026年11月22日`, `20261122`, any of them
//! followed by a time (`2026/11/22 14:30`, `2026-11-22T14:30:00`), and Excel serial day
//! numbers of five digits (`46348` is 2026-11-22; 10000–99999 covers 1927–2173), with or
//! without a time fraction. Full-width digits are accepted.
//!
//! Money: `1234.5`, `1,234.50`, `¥1234.5`, `￥ 1 234`, `1234.50元`, `RMB 12`, `1.5万`,
//! `1234,5` (a decimal comma: one comma followed by one or two digits), and negatives as
//! `-12`, `¥-12` or `(12)`. More than two decimals are rounded half away from zero to the
//! fen, since Excel writes computed values (a margin as amount × rate) unrounded.

use crate::money::Money;
use crate::Date;
use std::borrow::Cow;

/// A trimmed cell without the apostrophe the export puts before `= + - @` to stop
/// spreadsheet formulas; `None` when blank.
pub(crate) fn clean(cell: &str) -> Option<&str> {
    let cell = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    };
    (!cell.is_empty()).then_some(cell)
}

/// Full-width digits and punctuation to ASCII, as some input methods type them.
fn half_width(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' | '．' | '，' | '－' | '（' | '）' | '／' | '：' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '−' => '-',
            _ => c,
        })
        .collect::<String>()
        .into()
}

pub(crate) fn parse_date(text: &str) -> Option<Date> {
    if let Some(date) = plain_date(text.as_bytes()) {
        return Some(date);
    }
    let text = half_width(text.trim());
    let first = text.split_whitespace().next()?;
    let day = match first.split_once('T') {
        Some((day, _)) if day.len() >= 8 => day,
        _ => first,
    };
    let digits = day.bytes().all(|b| b.is_ascii_digit());
    if digits && day.len() == 8 {
        return ymd(day.get(..4)?, day.get(4..6)?, day.get(6..)?);
    }
    if let Some(date) = excel_serial(day) {
        return Some(date);
    }
    let parts: Vec<&str> = day
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => ymd(y, m, d),
        _ => None,
    }
}

/// `2026-11-22` or `2026/1/5` without allocating: most cells of a big file look like this.
fn plain_date(b: &[u8]) -> Option<Date> {
    let number = |part: &[u8]| -> Option<u32> {
        if part.is_empty() || part.len() > 4 || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let separator = *b.get(4)?;
    if separator != b'-' && separator != b'/' {
        return None;
    }
    let mut parts = b.split(|c| *c == separator);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let year = i32::try_from(number(y)?).ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    Date::from_ymd_opt(year, number(m)?, number(d)?)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    if ![y, m, d]
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    Date::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// Excel counts days from 1899-12-30 (for every day after its fictitious 1900-02-29).
fn excel_serial(text: &str) -> Option<Date> {
    let whole = match text.split_once('.') {
        Some((whole, frac)) if frac.bytes().all(|b| b.is_ascii_digit()) => whole,
        Some(_) => return None,
        None => text,
    };
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = whole.parse().ok()?;
    Date::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::try_days(days)?)
}

/// Money as written in a cell; `None` if it is not a number.
pub(crate) fn parse_money(text: &str) -> Option<Money> {
    if let Some(money) = plain_money(text.as_bytes()) {
        return Some(money);
    }
    let text = half_width(text.trim());
    let mut s: &str = &text;
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner;
    }
    let mut s = s.trim();
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.trim_start();
    }
    let upper = s.to_ascii_uppercase();
    let mut s: &str = &upper;
    for prefix in ["RMB", "CNY", "¥", "￥"] {
        s = s.strip_prefix(prefix).unwrap_or(s).trim_start();
    }
    if !negative {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest;
        }
    }
    for suffix in ["元", "RMB", "CNY"] {
        s = s.strip_suffix(suffix).unwrap_or(s).trim_end();
    }
    let (s, scale) = match s.strip_suffix('万') {
        Some(rest) => (rest.trim_end(), 4),
        None => (s, 0),
    };
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let (whole, frac) = split_number(&digits)?;
    let fen = to_fen(&whole, &frac, scale)?;
    Some(Money(if negative { -fen } else { fen }))
}

/// `1234.5` or `-12` without allocating: most cells of a big file look like this.
fn plain_money(b: &[u8]) -> Option<Money> {
    let (negative, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (whole, frac) = match b.iter().position(|c| *c == b'.') {
        Some(dot) => (&b[..dot], &b[dot + 1..]),
        None => (b, &b[..0]),
    };
    let digits = |p: &[u8]| p.iter().all(u8::is_ascii_digit);
    if whole.is_empty() || whole.len() > 13 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    let fen = whole
        .iter()
        .chain(frac)
        .chain(&b"00"[frac.len()..])
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    Some(Money(if negative { -fen } else { fen }))
}

/// The whole and fraction digits of `1,234.5`, `1234,5` or `1234`, checking that
/// grouping commas really group by three.
fn split_number(s: &str) -> Option<(String, String)> {
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => match s.rsplit_once(',') {
            Some((w, f)) if (1..=2).contains(&f.len()) && !w.contains(',') => (w, f),
            _ => (s, ""),
        },
    };
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() > 1;
    for (i, g) in groups.iter().enumerate() {
        let ok_len = !grouped
            || if i == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            };
        if !ok_len || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((groups.concat(), frac.to_owned()))
}

/// Whole and fraction digits times 10^scale, in fen, rounded half away from zero.
fn to_fen(whole: &str, frac: &str, scale: usize) -> Option<i64> {
    let digits = format!("{whole}{frac}");
    let point = whole.len() + scale + 2; // digits before the fen point
    let mut fen: i64 = 0;
    for (i, b) in digits.bytes().enumerate() {
        if i < point {
            fen = fen.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        } else {
            if i == point && b >= b'5' {
                fen = fen.checked_add(1)?;
            }
            break;
        }
    }
    for _ in digits.len()..point {
        fen = fen.checked_mul(10)?;
    }
    // A hundred thousand billion yuan is no order anyone has.
    (fen <= 10_000_000_000_000_000).then_some(fen)
}

/// A whole number such as a quantity: `12`, `1,200`, `12.0`, `12件`.
pub(crate) fn parse_count(text: &str) -> Option<i64> {
    let text = text
        .trim()
        .trim_end_matches(|c: char| !c.is_ascii() && c.is_alphabetic() && c != '万')
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let money = parse_money(text)?;
    (money.0 % 100 == 0).then_some(money.0 / 100)
}

/// Tags, regions, industries: one cell, several values.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split([',', '，', '、', ';', '；', '|', '/', '\n']) {
        let part = part.trim();
        if !part.is_empty() && !out.iter().any(|p| p == part) {
            out.push(part.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::from_ymd_opt(y, m, day)
    }

    #[test]
    fn reads_dates() {
        for text in [
            "2026-11-22",
            "2026/11/22",
            "2026.11.22",
            "2026年11月22日",
            "20261122",
            "46348",
            "46348.75",
            "2026/11/22 14:30",
            "2026-11-22T08:00:00Z",
            "２０２６－１１－２２",
        ] {
            assert_eq!(parse_date(text), d(2026, 11, 22), "{text}");
        }
        assert_eq!(parse_date("2026/1/5"), d(2026, 1, 5));
        for bad in [
            "11/22/2026",
            "2026-02-30",
            "2026",
            "abc",
            "",
            "26-11-22",
            "1234567",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_money() {
        let m = |t: &str| parse_money(t).map(|m| m.0);
        assert_eq!(m("1,234.50"), Some(123_450));
        assert_eq!(m("¥1234.5"), Some(123_450));
        assert_eq!(m("1234.50元"), Some(123_450));
        assert_eq!(m("RMB 12"), Some(1_200));
        assert_eq!(m("1.5万"), Some(1_500_000));
        assert_eq!(m("1234,5"), Some(123_450));
        assert_eq!(m("(12)"), Some(-1_200));
        assert_eq!(m("¥-12"), Some(-1_200));
        assert_eq!(m("-¥12.01"), Some(-1_201));
        assert_eq!(m("0.125"), Some(13));
        assert_eq!(m(".5"), Some(50));
        assert_eq!(m("1,23"), Some(123));
        assert_eq!(m("12,34,567"), None);
        assert_eq!(m("1.2E+05"), None);
        assert_eq!(m("abc"), None);
        assert_eq!(m("."), None);
        assert_eq!(m("99999999999999999999"), None);
    }

    #[test]
    fn reads_counts_and_lists() {
        assert_eq!(parse_count("1,200"), Some(1200));
        assert_eq!(parse_count("12件"), Some(12));
        assert_eq!(parse_count("12pcs"), Some(12));
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(split_list("华东、华南, 华东;"), vec!["华东", "华南"]);
        assert_eq!(clean(" '=SUM(A1) "), Some("=SUM(A1)"));
        assert_eq!(clean("'abc"), Some("'abc"));
        assert_eq!(clean("　"), None);
    }
}
