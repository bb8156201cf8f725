//! Which column fills which field: guessed from the headers, then corrected by the user.

use super::fields::{ImportField, ImportKind};
use super::synonyms::synonyms;
use serde::{Deserialize, Serialize};

/// One field and the column (0-based) that fills it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldColumn {
    pub field: ImportField,
    pub column: Option<usize>,
}

/// Every field of a kind, in the kind's order, each with its column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: ImportKind,
    pub fields: Vec<FieldColumn>,
}

impl Mapping {
    /// No column for any field.
    pub fn empty(kind: ImportKind) -> Mapping {
        Mapping {
            kind,
            fields: kind
                .fields()
                .iter()
                .map(|&field| FieldColumn {
                    field,
                    column: None,
                })
                .collect(),
        }
    }

    pub fn column(&self, field: ImportField) -> Option<usize> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .and_then(|f| f.column)
    }

    /// Chooses a column for a field of this kind; fields of other kinds are ignored.
    pub fn set(&mut self, field: ImportField, column: Option<usize>) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.field == field) {
            f.column = column;
        }
    }

    /// The columns of a file with `columns` columns that fill no field: said before the
    /// import, so nothing in the file is dropped without a word.
    pub fn unused(&self, columns: usize) -> Vec<usize> {
        (0..columns)
            .filter(|c| !self.fields.iter().any(|f| f.column == Some(*c)))
            .collect()
    }

    /// Required fields with no column: the import cannot start until they have one.
    pub fn missing(&self) -> Vec<ImportField> {
        self.kind
            .required()
            .iter()
            .copied()
            .filter(|f| self.column(*f).is_none())
            .collect()
    }
}

/// A header as compared with the synonyms: no BOM, no spaces, punctuation or `*` marks,
/// full-width letters made ASCII, lower case, and units in brackets dropped
/// ("金额（元）" and "Amount (¥)" read as "金额" and "amount").
pub fn normalize_header(header: &str) -> String {
    let half: String = header
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' | '〔' => '[',
            '】' | '〕' => ']',
            _ => c,
        })
        .collect();
    let mut kept = String::with_capacity(half.len());
    let mut depth = 0usize;
    for c in half.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| {
                !c.is_whitespace()
                    && !matches!(
                        c,
                        '\u{feff}'
                            | '_'
                            | '-'
                            | '.'
                            | '*'
                            | ':'
                            | '#'
                            | '、'
                            | '('
                            | ')'
                            | '['
                            | ']'
                    )
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let squeezed = squeeze(&kept);
    if squeezed.is_empty() {
        squeeze(&half)
    } else {
        squeezed
    }
}

/// Codes and numbers are never names, however much their header looks like one
/// ("客户编号" is not "客户").
fn is_code(header: &str) -> bool {
    ["编号", "代码", "编码", "code"]
        .iter()
        .any(|w| header.ends_with(w))
        || (header.ends_with("id") && !header.ends_with("paid"))
}

/// Guesses the mapping from the headers: first exact matches with a field's synonyms (in
/// their order of preference), then headers that contain a synonym, longest first.
pub fn guess_mapping<S: AsRef<str>>(kind: ImportKind, headers: &[S]) -> Mapping {
    let normalized: Vec<String> = headers
        .iter()
        .map(|h| normalize_header(h.as_ref()))
        .collect();
    let mut used = vec![false; normalized.len()];
    let mut mapping = Mapping::empty(kind);
    let names = |field| {
        let (zh, en) = synonyms(kind, field);
        zh.iter()
            .chain(en.iter())
            .map(|s| normalize_header(s))
            .collect::<Vec<_>>()
    };
    for &field in kind.fields() {
        let found = names(field)
            .iter()
            .find_map(|name| (0..normalized.len()).find(|&i| !used[i] && normalized[i] == *name));
        if let Some(i) = found {
            used[i] = true;
            mapping.set(field, Some(i));
        }
    }
    for &field in kind.fields() {
        if mapping.column(field).is_some() {
            continue;
        }
        let mut best: Option<(usize, usize)> = None; // (synonym length, column)
        for name in names(field) {
            let long_enough = if name.is_ascii() {
                name.len() >= 4
            } else {
                name.chars().count() >= 2
            };
            if !long_enough {
                continue;
            }
            for (i, header) in normalized.iter().enumerate() {
                let better = best.is_none_or(|(len, _)| name.len() > len);
                if !used[i] && better && !is_code(header) && header.contains(&name) {
                    best = Some((name.len(), i));
                }
            }
        }
        if let Some((_, i)) = best {
            used[i] = true;
            mapping.set(field, Some(i));
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_headers() {
        assert_eq!(normalize_header("\u{feff} 金额（元）"), "金额");
        assert_eq!(normalize_header("*客户名称："), "客户名称");
        assert_eq!(normalize_header("Order_Date"), "orderdate");
        assert_eq!(normalize_header("Ｅｍａｉｌ"), "email");
        assert_eq!(normalize_header("【备注】"), "备注");
    }

    #[test]
    fn guesses_order_columns() {
        let headers = [
            "订单号",
            "客户名称",
            "下单日期",
            "金额（元）",
            "毛利",
            "业务员",
        ];
        let m = guess_mapping(ImportKind::Orders, &headers);
        assert_eq!(m.column(ImportField::Customer), Some(1));
        assert_eq!(m.column(ImportField::Date), Some(2));
        assert_eq!(m.column(ImportField::Amount), Some(3));
        assert_eq!(m.column(ImportField::Margin), Some(4));
        assert_eq!(m.column(ImportField::Staff), Some(5));
        assert_eq!(m.column(ImportField::Notes), None);
        assert!(m.missing().is_empty());
        assert_eq!(
            m.unused(headers.len()),
            vec![0],
            "the order number is not imported"
        );
    }

    #[test]
    fn guesses_by_containment_but_not_codes() {
        let headers = ["客户编号", "客户名称(全称)", "订单金额合计", "Date"];
        let m = guess_mapping(ImportKind::Orders, &headers);
        assert_eq!(m.column(ImportField::Customer), Some(1));
        assert_eq!(m.column(ImportField::Amount), Some(2));
        assert_eq!(m.column(ImportField::Date), Some(3));
        let m = guess_mapping(ImportKind::Orders, &["客户编号", "日期"]);
        assert_eq!(
            m.missing(),
            vec![ImportField::Customer, ImportField::Amount]
        );
    }
}
