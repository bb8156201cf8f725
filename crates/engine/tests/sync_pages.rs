//! Issue 17.4: a device's sync data kept in pages like the records: read back whole
//! (trees, current bodies, local sequence, checkpoints), only changed pages written
//! again, a page that does not read left out and named.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/couch.rs"]
mod couch;
#[path = "support/devices.rs"]
mod devices;

use couch::Couch;
use devices::{device, run, same_documents};
use liuke_engine::sync::pages::{page_key, META_PAGE};
use liuke_engine::sync::replicator::Direction;
use liuke_engine::sync::store::SyncStore;
use serde_json::Value;

fn stored(pages: Vec<(String, Option<String>)>) -> Vec<(String, String)> {
    pages
        .into_iter()
        .filter_map(|(key, json)| Some((key, json?)))
        .collect()
}

#[test]
fn a_devices_sync_data_reads_back_whole_from_its_pages() {
    let mut couch = Couch::new();
    let mut a = device(8);
    run(Direction::Push, "a-1", &mut a, None, |r| couch.handle(r)).expect("done");
    // A conflict and a deletion, so the pages hold more than straight histories.
    let mut b = SyncStore::new();
    run(Direction::Pull, "b-1", &mut b, None, |r| couch.handle(r)).expect("done");
    let id = a
        .doc_ids()
        .find(|id| id.starts_with("customer:"))
        .expect("a customer")
        .clone();
    let mut body = a
        .doc(&id)
        .and_then(|d| d.winner_body())
        .expect("body")
        .clone();
    body.insert("notes".into(), Value::from("甲"));
    a.edit(&id, Some(body.clone())).expect("edit");
    body.insert("notes".into(), Value::from("乙"));
    b.edit(&id, Some(body)).expect("edit");
    run(Direction::Push, "b-2", &mut b, None, |r| couch.handle(r)).expect("done");
    run(Direction::Pull, "a-2", &mut a, None, |r| couch.handle(r)).expect("done");
    let gone = a
        .doc_ids()
        .find(|id| id.starts_with("signal:"))
        .expect("a signal")
        .clone();
    a.edit(&gone, None).expect("deleted");
    assert_eq!(a.doc(&id).expect("doc").tree.conflicts().len(), 1);

    let pages = a.all_pages();
    assert!(pages.iter().any(|(k, _)| k == META_PAGE));
    let (back, unreadable) = SyncStore::from_pages(stored(pages));
    assert!(unreadable.is_empty());
    same_documents(&a, &back);
    assert_eq!(back.seq(), a.seq());
    assert_eq!(
        back.doc(&id).expect("doc").tree,
        a.doc(&id).expect("doc").tree
    );
    assert_eq!(
        back.doc(&gone).expect("doc").tree.winner().map(|(_, d)| d),
        Some(true)
    );
    // Its checkpoints came back too: a push from it finds only the deletion to send.
    let mut back = back;
    let report = run(Direction::Push, "a-3", &mut back, None, |r| couch.handle(r)).expect("done");
    assert_eq!(
        report.written, 2,
        "the deletion and the edit made after the last push"
    );
}

#[test]
fn an_edit_rewrites_only_its_documents_page_and_the_meta_page() {
    let mut a = device(8);
    a.all_pages();
    assert!(a.take_changed_pages().is_empty());
    let id = a
        .doc_ids()
        .find(|id| id.starts_with("order:"))
        .expect("an order")
        .clone();
    let body = a
        .doc(&id)
        .and_then(|d| d.winner_body())
        .expect("body")
        .clone();
    a.edit(&id, Some(body)).expect("edit");
    let changed: Vec<String> = a.take_changed_pages().into_iter().map(|(k, _)| k).collect();
    assert_eq!(changed, vec![META_PAGE.to_string(), page_key(&id)]);
    assert!(page_key(&id).starts_with("orders/"));
}

#[test]
fn a_page_that_does_not_read_is_left_out_and_named() {
    let mut a = device(8);
    let mut pages = stored(a.all_pages());
    let broken = pages
        .iter()
        .position(|(k, _)| k.starts_with("customers/"))
        .expect("a customers page");
    pages[broken].1 = "[{\"id\":".into();
    let key = pages[broken].0.clone();
    let (back, unreadable) = SyncStore::from_pages(pages);
    assert_eq!(unreadable, vec![key]);
    assert!(back.doc_ids().count() > 0);
    assert!(back.doc_ids().all(|id| !id.starts_with("customer:")));
}
