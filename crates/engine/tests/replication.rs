//! Issue 17.3: the replicator as a state machine, run against an in-memory CouchDB
//! database: push and pull in batches, checkpoints on both sides, an interrupted sync
//! resuming with nothing lost or written twice, a database recreated empty getting
//! everything again, opaque sequences, conflicts reaching every device alike, and a
//! document the server refuses reported while the rest syncs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/couch.rs"]
mod couch;

#[path = "support/devices.rs"]
mod devices;

use couch::Couch;
use devices::{device, same_documents};
use liuke_engine::sync::replicator::{Direction, Report};
use liuke_engine::sync::store::SyncStore;
use liuke_engine::sync::Incoming;
use serde_json::Value;

fn run(
    direction: Direction,
    session: &str,
    store: &mut SyncStore,
    couch: &mut Couch,
    interrupt_after: Option<usize>,
) -> Option<Report> {
    devices::run(direction, session, store, interrupt_after, |r| {
        couch.handle(r)
    })
}

#[test]
fn a_book_pushed_by_one_device_is_pulled_whole_by_another() {
    let mut a = device(12);
    let docs = a.doc_ids().count();
    assert!(docs > 100, "{docs}");
    let mut couch = Couch::new();
    let pushed = run(Direction::Push, "a-1", &mut a, &mut couch, None).expect("done");
    assert_eq!((pushed.written, couch.doc_count()), (docs, docs));
    assert!(pushed.refused.is_empty());
    let mut b = SyncStore::new();
    let pulled = run(Direction::Pull, "b-1", &mut b, &mut couch, None).expect("done");
    assert_eq!(pulled.written, docs);
    assert_eq!(
        pulled.received.len(),
        docs,
        "each new document is for the book"
    );
    assert!(matches!(pulled.received[0], Incoming::Record(_)));
    same_documents(&a, &b);
    // Nothing new: a second run moves nothing and writes nothing twice.
    let writes = couch.writes;
    let again = run(Direction::Push, "a-2", &mut a, &mut couch, None).expect("done");
    assert_eq!((again.written, couch.writes), (0, writes));
    let again = run(Direction::Pull, "b-2", &mut b, &mut couch, None).expect("done");
    assert_eq!(again.written, 0);
}

#[test]
fn an_interrupted_sync_resumes_from_its_checkpoint_with_nothing_lost_or_written_twice() {
    let mut a = device(12);
    let docs = a.doc_ids().count();
    let mut couch = Couch::new();
    // The page closes after a few batches went out.
    assert!(run(Direction::Push, "a-1", &mut a, &mut couch, Some(11)).is_none());
    let partial = couch.doc_count();
    assert!(partial > 0 && partial < docs, "{partial} of {docs}");
    let before = couch.requests;
    let resumed = run(Direction::Push, "a-2", &mut a, &mut couch, None).expect("done");
    assert_eq!(resumed.written + partial, docs, "the rest, once");
    assert_eq!(couch.writes, docs, "no document written twice");
    // It started after the checkpoint: fewer round trips than a sync from the start.
    let full = {
        let mut fresh = Couch::new();
        let mut copy = device(12);
        run(Direction::Push, "c-1", &mut copy, &mut fresh, None);
        fresh.requests
    };
    assert!(
        couch.requests - before < full,
        "{} vs {full}",
        couch.requests - before
    );

    // The same for a pull interrupted midway, with CouchDB 3's opaque sequences.
    let mut opaque = Couch::new();
    opaque.string_seqs = true;
    run(Direction::Push, "a-3", &mut a, &mut opaque, None).expect("done");
    let mut b = SyncStore::new();
    assert!(run(Direction::Pull, "b-1", &mut b, &mut opaque, Some(8)).is_none());
    let got = b.doc_ids().count();
    assert!(got > 0 && got < docs, "{got}");
    let rest = run(Direction::Pull, "b-2", &mut b, &mut opaque, None).expect("done");
    assert_eq!(rest.written + got, docs);
    assert!(
        rest.last_seq.is_string(),
        "the sequence came back as it was given"
    );
    same_documents(&a, &b);
}

#[test]
fn a_server_database_recreated_empty_gets_everything_pushed_again() {
    let mut a = device(6);
    let docs = a.doc_ids().count();
    let mut couch = Couch::new();
    run(Direction::Push, "a-1", &mut a, &mut couch, None).expect("done");
    couch.recreate();
    assert_eq!(couch.doc_count(), 0);
    let again = run(Direction::Push, "a-2", &mut a, &mut couch, None).expect("done");
    assert_eq!((again.written, couch.doc_count()), (docs, docs));
}

#[test]
fn two_devices_editing_one_record_apart_end_with_the_same_winner_and_the_conflict() {
    let mut couch = Couch::new();
    let mut a = device(2);
    run(Direction::Push, "a-1", &mut a, &mut couch, None).expect("done");
    let mut b = SyncStore::new();
    run(Direction::Pull, "b-1", &mut b, &mut couch, None).expect("done");
    let id = a
        .doc_ids()
        .find(|id| id.starts_with("customer:"))
        .expect("a customer")
        .clone();
    let mut on_a = a
        .doc(&id)
        .and_then(|d| d.winner_body())
        .expect("body")
        .clone();
    on_a.insert("notes".into(), Value::from("A：已电话回访"));
    a.edit(&id, Some(on_a)).expect("edit on A");
    let mut on_b = b
        .doc(&id)
        .and_then(|d| d.winner_body())
        .expect("body")
        .clone();
    on_b.insert("notes".into(), Value::from("B：已上门拜访"));
    b.edit(&id, Some(on_b)).expect("edit on B");
    for (store, session) in [(&mut a, "a-2"), (&mut b, "b-2")] {
        run(Direction::Push, session, store, &mut couch, None).expect("done");
    }
    for (store, session) in [(&mut a, "a-3"), (&mut b, "b-3")] {
        run(Direction::Pull, session, store, &mut couch, None).expect("done");
    }
    let (x, y) = (a.doc(&id).expect("doc"), b.doc(&id).expect("doc"));
    assert_eq!(x.tree.winner(), y.tree.winner());
    assert_eq!(x.tree.winner().map(|(r, _)| r.clone()), couch.winner(&id));
    assert_eq!(
        x.tree.conflicts().len(),
        1,
        "the losing edit is kept, as a conflict"
    );
    assert_eq!(x.tree.conflicts(), y.tree.conflicts());
    assert_eq!(x.winner_body(), y.winner_body());
}

#[test]
fn a_document_the_server_refuses_is_reported_and_the_rest_syncs() {
    let mut couch = Couch::new();
    couch.forbid = Some(|id| id.starts_with("staff:"));
    let mut a = device(3);
    let docs = a.doc_ids().count();
    let staff = a.doc_ids().filter(|id| id.starts_with("staff:")).count();
    let report = run(Direction::Push, "a-1", &mut a, &mut couch, None).expect("done");
    assert_eq!(report.refused.len(), staff);
    assert_eq!(report.refused[0].reason, "a rep cannot change this");
    assert_eq!(couch.doc_count(), docs - staff);
    assert_eq!(report.written, docs - staff);
}

/// The whole way: a book on one device goes through the server into an empty book on
/// another device, and what each then adds reaches the other with ids that never meet.
#[test]
fn two_books_meet_through_the_server_with_every_record_and_no_id_twice() {
    use liuke_engine::ids::Device;
    use liuke_engine::sample::{sample_book, SampleSize};
    use liuke_engine::sync::arrival::{documents, outgoing};
    use liuke_engine::*;

    let today = devices::today();
    let mut couch = Couch::new();
    let mut book_a = sample_book(SampleSize::S, today);
    let mut store_a = SyncStore::new();
    for (id, body) in documents(&book_a) {
        store_a.edit(&id, body).expect("an edit");
    }
    run(Direction::Push, "a-1", &mut store_a, &mut couch, None).expect("done");

    let mut book_b = Book::new().on_device(Device::new(1).expect("a device"));
    let mut store_b = SyncStore::new();
    let pulled = run(Direction::Pull, "b-1", &mut store_b, &mut couch, None).expect("done");
    let arrival = book_b.plan_arrival(pulled.received);
    assert!(
        arrival.waiting.is_empty(),
        "{} waiting",
        arrival.waiting.len()
    );
    book_b.commit(&arrival.change);
    for kind in RecordKind::ALL {
        assert_eq!(book_b.records(kind), book_a.records(kind), "{kind:?}");
    }
    assert_eq!(book_b.settings(), book_a.settings());

    // Each adds a customer; both reach the other.
    let add = |book: &mut Book, store: &mut SyncStore, name: &str| {
        let change = book
            .apply(
                &Command::Create {
                    record: Record::Customer(Customer::new(name, today)),
                },
                today,
            )
            .expect("creates");
        for (id, body) in outgoing(&change) {
            store.edit(&id, body).expect("an edit");
        }
        change.created.expect("an id").id
    };
    let from_a = add(&mut book_a, &mut store_a, "甲设备新增");
    let from_b = add(&mut book_b, &mut store_b, "乙设备新增");
    assert_ne!(from_a, from_b);
    assert_eq!(Device::of(from_b), Device::new(1).expect("a device"));
    run(Direction::Push, "a-2", &mut store_a, &mut couch, None).expect("done");
    run(Direction::Push, "b-2", &mut store_b, &mut couch, None).expect("done");
    for (book, store, session) in [
        (&mut book_a, &mut store_a, "a-3"),
        (&mut book_b, &mut store_b, "b-3"),
    ] {
        let pulled = run(Direction::Pull, session, store, &mut couch, None).expect("done");
        let arrival = book.plan_arrival(pulled.received);
        assert!(arrival.waiting.is_empty());
        book.commit(&arrival.change);
    }
    for kind in RecordKind::ALL {
        assert_eq!(book_b.records(kind), book_a.records(kind), "{kind:?}");
    }
    assert!(book_a.customers().get(from_b).is_some() && book_b.customers().get(from_a).is_some());
}

/// A device reads back its own first push with a request per ten batches of changes
/// and one checkpoint each, not three round trips per batch; a fresh device fetches
/// what it lacks a batch at a time.
#[test]
fn changes_are_read_ten_batches_at_a_time_and_documents_fetched_a_batch_at_a_time() {
    use liuke_engine::sync::replicator::CHANGES_PER_BATCH;
    let mut couch = Couch::new();
    let mut a = device(12);
    let docs = a.doc_ids().count();
    run(Direction::Push, "a-1", &mut a, &mut couch, None).expect("pushed");
    // The tests' batch is 40 documents.
    let page = 40 * CHANGES_PER_BATCH;
    assert!(
        docs > page,
        "{docs} documents: more than one page of changes"
    );
    let before = couch.requests;
    let report = run(Direction::Pull, "a-2", &mut a, &mut couch, None).expect("pulled");
    assert_eq!(report.written, 0);
    // Per page of changes: the changes and a checkpoint; and the first checkpoint read.
    let pages = docs.div_ceil(page);
    assert!(
        couch.requests - before <= 2 * pages + 2,
        "{} requests",
        couch.requests - before
    );

    let mut b = SyncStore::new();
    let before = couch.requests;
    let report = run(Direction::Pull, "b-1", &mut b, &mut couch, None).expect("pulled");
    assert_eq!(report.written, docs);
    assert_eq!(b.doc_ids().count(), docs);
    let fetches = docs.div_ceil(40);
    assert!(
        couch.requests - before <= 2 * pages + fetches + 2,
        "{} requests",
        couch.requests - before
    );
}
