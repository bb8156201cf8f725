//! Names as a Chinese user looks them up and reads a list: by full pinyin (`nanjing`) or
//! by initials (`njhl`), and in pinyin order (东莞, 九江, 中山), as every Chinese CRM and
//! phone contact list does. Each character takes its usual reading (重庆 reads zhong);
//! other text is kept, lower-cased.

use std::cmp::Ordering;

mod table {
    include!(concat!(env!("OUT_DIR"), "/pinyin_table.rs"));
}

/// For each character from [`table::FIRST`], its syllable's number (u16, little-endian).
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin_index.bin"));

/// The usual toneless reading of a Chinese character (`南` → `nan`), `None` for any
/// other character.
pub fn reading(ch: char) -> Option<&'static str> {
    let offset = u32::from(ch).checked_sub(table::FIRST)?;
    let at = usize::try_from(offset).ok()? * 2;
    let number = u16::from_le_bytes([*INDEX.get(at)?, *INDEX.get(at + 1)?]);
    match number {
        0 => None,
        n => table::SYLLABLES.get(usize::from(n)).copied(),
    }
}

/// The spellings a search matches besides the text itself: the full pinyin and the
/// initials, each run together (南京宏利 → `nanjinghongli`, `njhl`). Empty when the text
/// has no Chinese character, since then the text says it all.
pub fn search_forms(text: &str) -> Option<(String, String)> {
    let mut full = String::with_capacity(text.len() * 2);
    let mut initials = String::with_capacity(text.len());
    let mut chinese = false;
    for ch in text.chars() {
        match reading(ch) {
            Some(p) => {
                chinese = true;
                full.push_str(p);
                initials.extend(p.chars().next());
            }
            None if ch.is_whitespace() => {}
            None => {
                full.extend(ch.to_lowercase());
                initials.extend(ch.to_lowercase());
            }
        }
    }
    chinese.then_some((full, initials))
}

/// Whether a name is found by what was typed (lower-cased): in the name itself, its full
/// pinyin or its initials, as the customer list searches.
pub fn name_matches(name: &str, needle: &str) -> bool {
    needle.is_empty()
        || name.to_lowercase().contains(needle)
        || search_forms(name)
            .is_some_and(|(full, initials)| full.contains(needle) || initials.contains(needle))
}

/// A key that orders names as a Chinese reader expects: each Chinese character by its
/// pinyin (syllable by syllable, so 西安 `xi an` comes before 先 `xian`), other text
/// lower-cased, so Latin and Chinese names mix in one alphabet.
pub fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() * 2);
    for ch in text.chars() {
        match reading(ch) {
            Some(p) => {
                key.push_str(p);
                // Below every letter: a syllable ends before a longer one begins.
                key.push('\u{1}');
            }
            None => key.extend(ch.to_lowercase()),
        }
    }
    key
}

/// Compares two names in pinyin order; names that read alike fall back to the text, so
/// the order is total and stable.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_common_characters_and_none_for_others() {
        assert_eq!(reading('南'), Some("nan"));
        assert_eq!(reading('一'), Some("yi"));
        assert_eq!(reading('龥'), Some("yu"));
        assert_eq!(reading('绿'), Some("lv"));
        assert_eq!(reading('a'), None);
        assert_eq!(reading('，'), None);
        assert_eq!(reading('\u{A000}'), None);
        assert_eq!(reading('\u{10FFFF}'), None);
    }

    #[test]
    fn full_pinyin_and_initials_of_a_company_name() {
        assert_eq!(
            search_forms("南京宏利建材"),
            Some(("nanjinghonglijiancai".into(), "njhljc".into()))
        );
        assert_eq!(
            search_forms("李国强"),
            Some(("liguoqiang".into(), "lgq".into()))
        );
        // Latin letters and digits stay; spaces go.
        assert_eq!(
            search_forms("3M 中国"),
            Some(("3mzhongguo".into(), "3mzg".into()))
        );
        assert_eq!(search_forms("Blue Harbor Trading"), None);
    }

    #[test]
    fn a_name_is_found_by_its_text_its_pinyin_or_its_initials() {
        for needle in ["", "宏利", "nanjing", "njhl", "hongli", "blue"] {
            let name = if needle == "blue" {
                "Blue Harbor"
            } else {
                "南京宏利建材"
            };
            assert!(name_matches(name, needle), "{needle}");
        }
        assert!(!name_matches("南京宏利建材", "shanghai"));
        assert!(!name_matches("Blue Harbor", "nj"));
    }

    #[test]
    fn chinese_names_sort_in_pinyin_order_not_by_code_point() {
        let mut cities = vec![
            "中山",
            "九江",
            "东莞",
            "北京",
            "Anhui Trading",
            "西安",
            "先锋",
        ];
        cities.sort_by(|a, b| compare(a, b));
        assert_eq!(
            cities,
            [
                "Anhui Trading",
                "北京",
                "东莞",
                "九江",
                "西安",
                "先锋",
                "中山"
            ]
        );
        // By code point 中 (U+4E2D) came before 九 (U+4E5D) and 东 (U+4E1C) before both.
        assert!("中山" < "九江");
    }
}
