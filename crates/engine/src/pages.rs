//! How records are grouped for storage. A browser database is slow with hundreds of
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

/// Reads one stored page (or a single record, as older builds stored them). Records that
/// do not read are counted and left out; the rest are kept.
pub fn read_page(kind: RecordKind, text: &str) -> (Vec<Record>, usize) {
    if !text.trim_start().starts_with('[') {
        return match Record::from_json(kind, text) {
            Ok(record) => (vec![record], 0),
            Err(_) => (Vec::new(), 1),
        };
    }
    if let Ok(records) = Record::many_from_json(kind, text) {
        return (records, 0);
    }
    match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => {
            let total = values.len();
            let records: Vec<Record> = values
                .into_iter()
                .filter_map(|v| record_from_value(kind, v).ok())
                .collect();
            let skipped = total - records.len();
            (records, skipped)
        }
        Err(_) => (Vec::new(), 1),
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
            .filter_map(|p| p.json.as_ref().map(|j| read_page(p.kind, j).0))
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
    fn a_bad_record_in_a_page_costs_only_that_record() {
        let (records, skipped) = read_page(
            RecordKind::Customer,
            r#"[{"id":1,"name":"A","since":"2026-01-01"},{"id":2}]"#,
        );
        assert_eq!((records.len(), skipped), (1, 1));
        assert_eq!(read_page(RecordKind::Customer, "{not json").1, 1);
        let single = read_page(
            RecordKind::Customer,
            r#"{"id":1,"name":"A","since":"2026-01-01"}"#,
        );
        assert_eq!((single.0.len(), single.1), (1, 0));
    }
}
