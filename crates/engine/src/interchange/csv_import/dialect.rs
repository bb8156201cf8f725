//! How a CSV file is written: its delimiter and which row holds the headers. Excel writes
//! commas, semicolons (European locales) or tabs, and people often put a title row above
//! the headers; both are guessed from the first records and can be overridden.

use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::io::Cursor;

/// The delimiters Excel and WPS write.
pub const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// Enough of the file to guess from, and to show the mapping step's sample rows.
const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLE_RECORDS: usize = 50;
/// Rows shown under the headers in the mapping step.
const PREVIEW_ROWS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dialect {
    /// `b','`, `b'\t'` or `b';'` (any ASCII byte other than `"` and newlines works).
    pub delimiter: u8,
    /// The row holding the headers, counted as Excel does: the first row is 1.
    pub header_row: usize,
}

impl Default for Dialect {
    fn default() -> Dialect {
        Dialect {
            delimiter: b',',
            header_row: 1,
        }
    }
}

/// What the mapping step shows: the guessed dialect, the headers and a few rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub dialect: Dialect,
    pub headers: Vec<String>,
    pub sample: Vec<Vec<String>>,
}

/// A reader that owns the text, so an importer can keep it across steps.
pub(crate) fn reader(text: String, delimiter: u8) -> csv::Reader<Cursor<Vec<u8>>> {
    builder(delimiter).from_reader(Cursor::new(text.into_bytes()))
}

fn builder(delimiter: u8) -> csv::ReaderBuilder {
    let delimiter = match delimiter {
        b'"' | b'\r' | b'\n' => b',',
        d if d.is_ascii() => d,
        _ => b',',
    };
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(true)
        .double_quote(true)
        .comment(None);
    builder
}

/// A cell as text. The reader splits valid UTF-8 only at ASCII bytes, so this never
/// fails in practice; if it did, the cell would read as blank.
pub(crate) fn cell(record: &csv::ByteRecord, index: usize) -> &str {
    record
        .get(index)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

pub(crate) fn cells(record: &csv::ByteRecord) -> Vec<String> {
    (0..record.len())
        .map(|i| cell(record, i).trim().to_owned())
        .collect()
}

/// Whether every cell is empty or spaces: Excel writes empty rows as `,,,,`.
pub(crate) fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace))
}

/// The first records of the text's beginning, read with `delimiter`.
fn sample(text: &str, delimiter: u8) -> Vec<csv::ByteRecord> {
    let cut = sample_end(text);
    let mut rdr = builder(delimiter).from_reader(&text.as_bytes()[..cut]);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    while out.len() < SAMPLE_RECORDS {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => out.push(record.clone()),
            Ok(false) | Err(_) => break,
        }
    }
    // A record cut by the sample's end would look ragged.
    if cut < text.len() && out.len() > 1 {
        out.pop();
    }
    out
}

fn sample_end(text: &str) -> usize {
    if text.len() <= SAMPLE_BYTES {
        return text.len();
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(newline) => newline + 1,
        None => end,
    }
}

fn filled(record: &csv::ByteRecord) -> usize {
    record
        .iter()
        .filter(|c| !c.iter().all(u8::is_ascii_whitespace))
        .count()
}

/// The header is the first row with at least half as many filled cells as the fullest
/// row (and at least two), which skips a title such as "2026年客户名单" above it.
fn header_index(records: &[csv::ByteRecord]) -> usize {
    let most = records.iter().map(filled).max().unwrap_or(0);
    let wanted = (most.div_ceil(2)).max(2).min(most.max(1));
    records
        .iter()
        .position(|r| filled(r) >= wanted)
        .unwrap_or(0)
}

/// How well a delimiter explains the sample: the share of rows after the header with the
/// header's number of fields, then how many rows that is (a header alone proves little),
/// then the number of fields, then an earlier header. One field explains nothing.
fn score(records: &[csv::ByteRecord]) -> (usize, usize, usize, Reverse<usize>) {
    let start = header_index(records);
    let Some(header) = records.get(start) else {
        return (0, 0, 0, Reverse(start));
    };
    let width = header.len();
    if width < 2 {
        return (0, 0, width, Reverse(start));
    }
    let rows: Vec<&csv::ByteRecord> = records[start + 1..]
        .iter()
        .filter(|r| !is_blank(r))
        .collect();
    let same = rows.iter().filter(|r| r.len() == width).count();
    let share = if rows.is_empty() {
        1000
    } else {
        same * 1000 / rows.len()
    };
    (share, same, width, Reverse(start))
}

/// Guesses the dialect and reads the headers and a few rows; `None` for a file with no
/// non-blank row.
pub fn sniff(text: &str) -> Option<Head> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    type Scored = (
        (usize, usize, usize, Reverse<usize>),
        u8,
        Vec<csv::ByteRecord>,
    );
    let mut best: Option<Scored> = None;
    for delimiter in DELIMITERS {
        let records = sample(text, delimiter);
        let s = score(&records);
        if best.as_ref().is_none_or(|(b, _, _)| s > *b) {
            best = Some((s, delimiter, records));
        }
    }
    let (_, delimiter, records) = best?;
    let start = header_index(&records);
    let header = records.get(start).filter(|r| !is_blank(r))?;
    Some(Head {
        dialect: Dialect {
            delimiter,
            header_row: start + 1,
        },
        headers: cells(header),
        sample: records[start + 1..]
            .iter()
            .filter(|r| !is_blank(r))
            .take(PREVIEW_ROWS)
            .map(cells)
            .collect(),
    })
}

/// Reads the headers of a text with a dialect the user chose.
pub fn head_with(text: &str, dialect: Dialect) -> Option<Head> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let records = sample(text, dialect.delimiter);
    let start = dialect.header_row.max(1) - 1;
    let header = records.get(start)?;
    Some(Head {
        dialect,
        headers: cells(header),
        sample: records[start + 1..]
            .iter()
            .filter(|r| !is_blank(r))
            .take(PREVIEW_ROWS)
            .map(cells)
            .collect(),
    })
}

/// The Excel row on which a quoted cell opens and never closes, if one does: read as
/// CSV, the rest of the file would become that cell and the preview would show one
/// strange row instead of what is wrong. A quote opens a cell only at its start (a
/// quote inside an unquoted cell is text); inside, `""` is a quote.
pub fn unterminated_quote(text: &str, delimiter: u8) -> Option<usize> {
    enum State {
        FieldStart,
        Unquoted,
        Quoted { opened: usize },
        AfterQuote { opened: usize },
    }
    let mut row = 1usize;
    let mut state = State::FieldStart;
    for b in text.bytes() {
        state = match (state, b) {
            (State::Quoted { opened }, b'"') => State::AfterQuote { opened },
            (State::Quoted { opened }, _) => State::Quoted { opened },
            (State::AfterQuote { opened }, b'"') => State::Quoted { opened },
            (State::FieldStart, b'"') => State::Quoted { opened: row },
            (_, b'\n') => {
                row += 1;
                State::FieldStart
            }
            (_, b) if b == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    match state {
        State::Quoted { opened } => Some(opened),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delimiter(text: &str) -> Option<u8> {
        sniff(text).map(|h| h.dialect.delimiter)
    }

    #[test]
    fn guesses_the_delimiter() {
        assert_eq!(delimiter("a,b,c\n1,2,3\n"), Some(b','));
        assert_eq!(delimiter("a;b;c\n1;\"2;5\";3\n"), Some(b';'));
        assert_eq!(delimiter("a\tb\n\"1,5\"\t2\n"), Some(b'\t'));
        assert_eq!(delimiter("客户;金额\n\"甲,乙\";1,5\n"), Some(b';'));
        assert_eq!(delimiter("only\n1\n"), Some(b','));
        assert_eq!(delimiter(""), None);
        assert_eq!(delimiter(",,\n,,\n"), None);
    }

    #[test]
    fn skips_a_title_row() {
        let head = sniff("2026年订单,,\n客户,日期,金额\n甲,2026-01-02,5\n");
        assert_eq!(head.as_ref().map(|h| h.dialect.header_row), Some(2));
        assert_eq!(
            head.map(|h| h.headers),
            Some(vec!["客户".into(), "日期".into(), "金额".into()])
        );
    }
}
