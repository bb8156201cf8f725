//! Devices for the sync tests: stores holding part of the sample book, a replication run
//! to its end (or cut off), and a check that two devices hold the same documents.
// Shared by several test binaries; each uses part of it.
#![allow(dead_code)]

use liuke_engine::ids::Device;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::sync::device::{ClaimStep, DeviceClaim};
use liuke_engine::sync::document::doc_id;
use liuke_engine::sync::replicator::{Direction, Replication, Report, Request, Response, Step};
use liuke_engine::sync::store::SyncStore;
use liuke_engine::*;
use serde_json::{Map, Value};

pub fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

/// A device's store holding the files of the sample's first `customers` customers and
/// every staff member: a few hundred documents.
pub fn device(customers: usize) -> SyncStore {
    let book = sample_book(SampleSize::S, today());
    let mut store = SyncStore::new();
    let mut records: Vec<Record> = book.records(RecordKind::Staff);
    for customer in book.customers().iter().take(customers) {
        records.extend(book.customer_file(customer.id));
    }
    for record in records {
        store
            .edit(&doc_id(record.key()), Some(body(&record)))
            .expect("an edit");
    }
    store
}

pub fn body(record: &Record) -> Map<String, Value> {
    match serde_json::from_str(&record.to_json()).expect("json") {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Runs a replication with `send` answering its requests, to its end, or stops it after
/// `interrupt_after` requests (the page closed mid-sync): then `None`.
pub fn run(
    direction: Direction,
    session: &str,
    store: &mut SyncStore,
    interrupt_after: Option<usize>,
    mut send: impl FnMut(&Request) -> Response,
) -> Option<Report> {
    let id = match direction {
        Direction::Push => "push-team",
        Direction::Pull => "pull-team",
    };
    let mut replication = Replication::new(direction, id, session, 40);
    let mut request = replication.start();
    for sent in 0.. {
        if interrupt_after == Some(sent) {
            return None;
        }
        let response = send(&request);
        match replication.step(response, store).expect("a protocol step") {
            Step::Send(next) => request = next,
            Step::Done(report) => return Some(report),
        }
    }
    None
}

/// Claims a device number, with `send` answering.
pub fn claim(label: &str, mut send: impl FnMut(&Request) -> Response) -> Device {
    let mut claim = DeviceClaim::new(label);
    let mut request = claim.start();
    loop {
        match claim.step(&send(&request)).expect("a claim step") {
            ClaimStep::Send(next) => request = next,
            ClaimStep::Claimed(device) => return device,
        }
    }
}

pub fn same_documents(a: &SyncStore, b: &SyncStore) {
    let ids: Vec<&String> = a.doc_ids().collect();
    assert_eq!(ids, b.doc_ids().collect::<Vec<_>>());
    for id in ids {
        let (x, y) = (a.doc(id).expect("doc"), b.doc(id).expect("doc"));
        assert_eq!(x.tree.winner(), y.tree.winner(), "{id}");
        assert_eq!(x.winner_body(), y.winner_body(), "{id}");
    }
}

/// Reads a store back from its pages, as a reload does.
pub fn reloaded(store: &mut SyncStore) -> SyncStore {
    let pages: Vec<(String, String)> = store
        .all_pages()
        .into_iter()
        .filter_map(|(k, j)| j.map(|j| (k, j)))
        .collect();
    let (back, unreadable) = SyncStore::from_pages(pages);
    assert!(unreadable.is_empty(), "{unreadable:?}");
    back
}
