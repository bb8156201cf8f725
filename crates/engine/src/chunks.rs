//! How records are grouped for storage, in chunks (called pages in the code below; not
//! the app's screens). A browser database is slow with hundreds of
//! thousands of tiny values, so each kind's records are kept in pages of consecutive ids:
//! a change rewrites only the pages that hold the records it touched, and loading a big
//! book reads thousands of values instead of a million.

use crate::book::Book;
use crate::command::Change;
use crate::records::{Record, RecordKind};
use crate::schema::record_from_value;
use std::collections::{BTreeMap, BTreeSet};

/// Ids per page. A page of orders is about 40 KB of JSON.
pub const PAGE_SIZE: u64 = 256;

pub fn page_of(id: u64) -> u64 {
    id / PAGE_SIZE
}

/// One page as stored: its kind, its number, and its records as a JSON array, or `None`
/// when the page is now empty and should be deleted.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub kind: RecordKind,
    pub number: u64,
    pub json: Option<String>,
}

fn page_json<'a>(records: impl Iterator<Item = &'a Record>) -> Option<String> {
    let mut out = String::from("[");
    let mut any = false;
    for record in records {
        if any {
            out.push(',');
        }
        out.push_str(&record.to_json());
        any = true;
    }
    out.push(']');
    any.then_some(out)
}

/// The pages a change touches, as they will be once it is applied to `book`.
pub fn changed_pages(book: &Book, change: &Change) -> Vec<Page> {
    let touched: BTreeSet<(RecordKind, u64)> = change
        .puts
        .iter()
        .map(Record::key)
        .chain(change.deletes.iter().copied())
        .map(|key| (key.kind, page_of(key.id)))
        .collect();
    touched
        .into_iter()
        .map(|(kind, number)| {
            let from = number * PAGE_SIZE;
            let mut rows: BTreeMap<u64, Record> = book
                .records_in(kind, from, from + PAGE_SIZE)
                .into_iter()
                .map(|r| (r.id(), r))
                .collect();
            for key in change
                .deletes
                .iter()
                .filter(|k| k.kind == kind && page_of(k.id) == number)
            {
                rows.remove(&key.id);
            }
            for record in change
                .puts
                .iter()
                .filter(|r| r.kind() == kind && page_of(r.id()) == number)
            {
                rows.insert(record.id(), record.clone());
            }
            Page {
                kind,
                number,
                json: page_json(rows.values()),
            }
        })
        .collect()
}

/// Every non-empty page of the book, for writing it whole.
pub fn all_pages(book: &Book) -> Vec<Page> {
    let mut pages = Vec::new();
    for kind in RecordKind::ALL {
        let records = book.records(kind);
        let mut start = 0;
        while start < records.len() {
            let number = page_of(records[start].id());
            let end = records[start..]
                .iter()
                .position(|r| page_of(r.id()) != number)
                .map_or(records.len(), |n| start + n);
            pages.push(Page {
                kind,
                number,
                json: page_json(records[start..end].iter()),
            });
            start = end;
        }
    }
    pages
}

/// One stored page as read: the records that read, and the text of each that did not
/// (kept as it was, so it can be set aside instead of lost when the page is rewritten).
#[derive(Debug, Default)]
pub struct PageRead {
    pub records: Vec<Record>,
    pub unreadable: Vec<String>,
}

/// Reads one stored page (or a single record, as older builds stored them). A record
/// that does not parse, or holds a date or amount out of range, is left out and its
/// text returned; the rest are kept.
pub fn read_page(kind: RecordKind, text: &str) -> PageRead {
    let mut read = PageRead::default();
    if !text.trim_start().starts_with('[') {
        match Record::from_json(kind, text) {
            Ok(record) if record.check_range().is_ok() => read.records.push(record),
            _ => read.unreadable.push(text.to_string()),
        }
        return read;
    }
    if let Ok(records) = Record::many_from_json(kind, text) {
        if records.iter().all(|r| r.check_range().is_ok()) {
            read.records = records;
            return read;
        }
    }
    match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => values.into_iter().for_each(|v| read.take(kind, v)),
        Err(_) => read.unreadable.push(text.to_string()),
    }
    read
}

impl PageRead {
    /// One stored value: a record if it reads and is within range, else its text.
    fn take(&mut self, kind: RecordKind, value: serde_json::Value) {
        match record_from_value(kind, value.clone()) {
            Ok(record) if record.check_range().is_ok() => self.records.push(record),
            _ => self.unreadable.push(value.to_string()),
        }
    }
}

/// Reads a page stored under an older schema `version`: its records are brought up to
/// the current version through the same migrations as a backup, one page at a time (so
/// a migration must not need records of another kind), then read as [`read_page`] does.
pub fn read_old_page(
    kind: RecordKind,
    text: &str,
    version: u32,
) -> Result<PageRead, crate::schema::SchemaError> {
    let values = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(values)) => values,
        // Older builds stored one record per value.
        Ok(value @ serde_json::Value::Object(_)) => vec![value],
        _ => {
            return Ok(PageRead {
                records: Vec::new(),
                unreadable: vec![text.to_string()],
            })
        }
    };
    let mut snapshot = serde_json::json!({
        "format": crate::schema::FORMAT,
        "schema_version": version,
        "next_id": 1,
    });
    snapshot[kind.store()] = serde_json::Value::Array(values);
    let mut upgraded = crate::schema::upgrade(snapshot)?;
    let mut read = PageRead::default();
    if let Some(values) = upgraded
        .get_mut(kind.store())
        .and_then(serde_json::Value::as_array_mut)
    {
        values.drain(..).for_each(|v| read.take(kind, v));
    }
    Ok(read)
}

/// Why a stored text was set aside at load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    /// A record that does not parse, or holds a date or amount out of range.
    Record,
    /// A sealed page that does not open with the book's key where it is stored
    /// (damaged on disk, or moved from another place).
    Sealed,
    /// A page in the clear in a locked book: not written by the app.
    Unsealed,
}

/// A stored text that could not be read, kept as it was in a store of its own: the
/// page it came from is rewritten from the records that did read at its next edit, and
/// without this copy the text would be gone. The user can count it, export it and,
/// once satisfied, discard it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SetAside {
    pub store: String,
    pub page: u64,
    pub why: Unreadable,
    pub text: String,
}

impl SetAside {
    pub fn new(kind: RecordKind, page: u64, why: Unreadable, text: String) -> SetAside {
        SetAside {
            store: kind.store().to_string(),
            page,
            why,
            text,
        }
    }

    /// Its storage key, the same each time the same text is found: setting it aside
    /// at every load keeps one copy.
    pub fn key(&self) -> String {
        // FNV-1a: stable across builds and platforms, unlike the standard hasher.
        let hash = self.text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{}:{}:{hash:016x}", self.store, self.page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{sample_book, SampleSize};
    use crate::{Command, Customer, Date};

    fn today() -> Date {
        Date::from_ymd_opt(2026, 11, 22).expect("valid")
    }

    fn read_all(pages: &[Page], next_id: u64) -> Book {
        let records = pages
            .iter()
            .filter_map(|p| p.json.as_ref().map(|j| read_page(p.kind, j).records))
            .flatten();
        Book::from_records(records, next_id)
    }

    #[test]
    fn all_pages_read_back_as_the_same_book() {
        let book = sample_book(SampleSize::S, today());
        let pages = all_pages(&book);
        assert!(pages.len() < 200, "{} pages", pages.len());
        assert_eq!(read_all(&pages, book.next_id()), book);
    }

    #[test]
    fn a_change_rewrites_only_its_pages_and_they_match_the_new_book() {
        let mut book = sample_book(SampleSize::S, today());
        let mut stored: BTreeMap<(RecordKind, u64), Page> = all_pages(&book)
            .into_iter()
            .map(|p| ((p.kind, p.number), p))
            .collect();
        let create = Command::Create {
            record: Record::Customer(Customer::new("新客户", today())),
        };
        let delete_key = book.records(RecordKind::Order)[3].key();
        for command in [create, Command::Delete { key: delete_key }] {
            let change = book.plan(&command, today()).expect("valid");
            let pages = changed_pages(&book, &change);
            assert_eq!(pages.len(), 1);
            book.commit(&change);
            for page in pages {
                stored.insert((page.kind, page.number), page);
            }
        }
        let pages: Vec<Page> = stored.into_values().collect();
        assert_eq!(read_all(&pages, book.next_id()), book);
    }

    #[test]
    fn a_bad_record_in_a_page_costs_only_that_record_and_its_text_is_kept() {
        let read = read_page(
            RecordKind::Customer,
            r#"[{"id":1,"name":"A","since":"2026-01-01"},{"id":2}]"#,
        );
        assert_eq!(read.records.len(), 1);
        assert_eq!(read.unreadable, vec![r#"{"id":2}"#.to_string()]);
        assert_eq!(
            read_page(RecordKind::Customer, "{not json").unreadable,
            vec!["{not json".to_string()]
        );
        let single = read_page(
            RecordKind::Customer,
            r#"{"id":1,"name":"A","since":"2026-01-01"}"#,
        );
        assert_eq!((single.records.len(), single.unreadable.len()), (1, 0));
    }

    /// Issue 15.2: a stored record dated in year 262000 (written before the range check,
    /// or by hand) is set aside at load instead of reaching the views.
    #[test]
    fn a_stored_record_out_of_range_is_set_aside_at_load() {
        let page = r#"[{"id":1,"name":"A","since":"2026-01-01"},{"id":2,"name":"B","since":"+262000-01-01"}]"#;
        let read = read_page(RecordKind::Customer, page);
        assert_eq!(read.records.len(), 1);
        assert_eq!(read.unreadable.len(), 1);
        assert!(read.unreadable[0].contains("262000"));
        let order = r#"[{"id":5,"customer":1,"date":"2026-01-01","amount":99999999999999999}]"#;
        let read = read_page(RecordKind::Order, order);
        assert_eq!((read.records.len(), read.unreadable.len()), (0, 1));
        // The same records within range read: it is the range that sets them aside.
        let fine = read_page(RecordKind::Customer, &page.replace("+262000", "2025"));
        assert_eq!((fine.records.len(), fine.unreadable.len()), (2, 0));
        let fine = read_page(
            RecordKind::Order,
            &order.replace("99999999999999999", "100"),
        );
        assert_eq!((fine.records.len(), fine.unreadable.len()), (1, 0));
    }

    /// Issue 15.6: the old migration path took a stored page for one record, so the
    /// first real migration would have failed or dropped pages. Each record of a page,
    /// and a single record as older builds stored it, comes through.
    #[test]
    fn an_old_page_is_migrated_record_by_record() {
        use crate::schema::{SchemaError, CURRENT_VERSION};
        let book = sample_book(SampleSize::S, today());
        let pages = all_pages(&book);
        let orders = pages
            .iter()
            .find(|p| p.kind == RecordKind::Order)
            .and_then(|p| p.json.clone())
            .expect("a page of orders");
        let read = read_old_page(RecordKind::Order, &orders, CURRENT_VERSION).expect("reads");
        assert_eq!(read.records, read_page(RecordKind::Order, &orders).records);
        assert!(read.records.len() > 100, "{}", read.records.len());
        let single = r#"{"id":1,"name":"A","since":"2026-01-01"}"#;
        let read = read_old_page(RecordKind::Customer, single, CURRENT_VERSION).expect("reads");
        assert_eq!((read.records.len(), read.unreadable.len()), (1, 0));
        let bad = r#"[{"id":1,"name":"A","since":"2026-01-01"},{"id":2}]"#;
        let read = read_old_page(RecordKind::Customer, bad, CURRENT_VERSION).expect("reads");
        assert_eq!((read.records.len(), read.unreadable.len()), (1, 1));
        assert!(matches!(
            read_old_page(RecordKind::Customer, single, 0),
            Err(SchemaError::NoMigration(0))
        ));
    }

    #[test]
    fn a_text_set_aside_twice_has_one_key() {
        let aside = |text: &str| {
            SetAside::new(RecordKind::Order, 3, Unreadable::Record, text.to_string()).key()
        };
        assert_eq!(aside("{\"id\":2}"), aside("{\"id\":2}"));
        assert_ne!(aside("{\"id\":2}"), aside("{\"id\":3}"));
        assert!(aside("x").starts_with("orders:3:"));
    }
}
