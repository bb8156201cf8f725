//! Issue 17.6: books of two devices meeting in one team database. A device's own book
//! joins with its ids moved into the device's space; every change after that is sent;
//! what the other device sends arrives as one change of the book; no id ever meets
//! another device's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/couch.rs"]
mod couch;
#[path = "support/devices.rs"]
mod devices;
#[path = "support/tablet.rs"]
mod tablet;

use couch::Couch;
use devices::{reloaded, run, today};
use liuke_engine::ids::Device;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::sync::connection::Connection;
use liuke_engine::sync::replicator::Direction;
use liuke_engine::sync::store::SyncStore;
use liuke_engine::sync::team::{join, replication_id, JoinError, JoinMode};
use liuke_engine::*;
use tablet::{start_of_day, Tablet};

fn all_records(book: &Book) -> Vec<Record> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| book.records(*k))
        .collect()
}

#[test]
fn a_book_joins_a_team_and_reaches_another_device_and_back() {
    let mut couch = Couch::new();
    let own = sample_book(SampleSize::S, today());
    let customers = own.customers().len();
    let mut a = Tablet::joining(own, "平板 A", &mut couch);
    let device_a = Device::new(1).unwrap();
    assert_eq!(a.store.device(), Some(device_a));
    // Every id moved into the device's space, references with them.
    assert!(all_records(&a.book)
        .iter()
        .all(|r| device_a.owns(r.key().id)));
    assert_eq!(a.book.customers().len(), customers);
    a.sync("a-1", &mut couch);

    let mut b = Tablet::joining(Book::new(), "笔记本 B", &mut couch);
    assert_eq!(b.store.device(), Some(Device::new(2).unwrap()));
    b.sync("b-1", &mut couch);
    assert_eq!(all_records(&b.book), all_records(&a.book));
    assert_eq!(b.book.settings(), a.book.settings());

    // B adds a customer: its id is B's; A gets it, and A's next customer takes A's id.
    let added = b.change(&Command::Create {
        record: Record::Customer(Customer::new("南京华联", today())),
    });
    let b_id = added.created.expect("an id").id;
    assert_eq!(Device::of(b_id), Device::new(2).unwrap());
    b.sync("b-2", &mut couch);
    let arrived = a.sync("a-2", &mut couch);
    assert_eq!(arrived.puts.len(), 1);
    assert!(a
        .book
        .get(RecordKey {
            kind: RecordKind::Customer,
            id: b_id
        })
        .is_some());
    let a_new = a.change(&Command::Create {
        record: Record::Customer(Customer::new("苏州新区", today())),
    });
    assert_eq!(Device::of(a_new.created.expect("an id").id), device_a);
    a.sync("a-3", &mut couch);
    b.sync("b-3", &mut couch);
    assert_eq!(all_records(&a.book), all_records(&b.book));
    assert_eq!(b.book.customers().len(), customers + 2);

    // A deletion travels too.
    let gone = a.change(&Command::Delete {
        key: RecordKey {
            kind: RecordKind::Customer,
            id: b_id,
        },
    });
    assert_eq!(gone.deletes.len(), 1);
    a.sync("a-4", &mut couch);
    b.sync("b-4", &mut couch);
    assert!(b
        .book
        .get(RecordKey {
            kind: RecordKind::Customer,
            id: b_id
        })
        .is_none());
    assert_eq!(all_records(&a.book), all_records(&b.book));
}

#[test]
fn a_device_joins_once_and_keeps_its_number_in_its_pages() {
    let mut couch = Couch::new();
    let mut a = Tablet::joining(Book::new(), "A", &mut couch);
    let again = join(
        Book::new(),
        Device::new(5).unwrap(),
        &mut a.store,
        JoinMode::Merge,
        start_of_day(),
    );
    assert_eq!(again.err(), Some(JoinError::Joined(1)));
    let pages: Vec<(String, String)> = a
        .store
        .all_pages()
        .into_iter()
        .filter_map(|(k, j)| j.map(|j| (k, j)))
        .collect();
    let (back, unreadable) = SyncStore::from_pages(pages);
    assert!(unreadable.is_empty());
    assert_eq!(back.device(), Some(Device::new(1).unwrap()));
    // A device number that would put ids past 2^53 does not read.
    let hostile = r#"{"seq":1,"checkpoints":{},"device":4294967295}"#;
    let (back, unreadable) = SyncStore::from_pages([("meta".to_string(), hostile.to_string())]);
    assert_eq!(unreadable, vec!["meta".to_string()]);
    assert_eq!(back.device(), None);
}

#[test]
fn before_joining_nothing_is_recorded_to_send() {
    let mut store = SyncStore::new();
    let mut book = Book::new();
    let change = book
        .apply(
            &Command::Create {
                record: Record::Customer(Customer::new("无锡", today())),
            },
            today(),
        )
        .unwrap();
    store.record_change(&change, start_of_day()).unwrap();
    assert_eq!(store.doc_ids().count(), 0);
    assert_eq!(store.seq(), 0);
}

#[test]
fn replications_are_named_per_device_direction_and_database() {
    let team = Connection::new("https://couch.example.com", "team", "li", None).unwrap();
    let other = Connection::new("https://couch.example.com", "team2", "li", None).unwrap();
    let (one, two) = (Device::new(1).unwrap(), Device::new(2).unwrap());
    let ids = [
        replication_id(Direction::Push, one, &team),
        replication_id(Direction::Pull, one, &team),
        replication_id(Direction::Push, two, &team),
        replication_id(Direction::Push, one, &other),
    ];
    let distinct: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    assert_eq!(ids[0], replication_id(Direction::Push, one, &team));
    // Another user name on the same database is the same replication.
    let as_wang = Connection::new("https://couch.example.com", "team", "wang", None).unwrap();
    assert_eq!(ids[0], replication_id(Direction::Push, one, &as_wang));
}

#[test]
fn what_arrived_is_kept_until_the_book_has_taken_it() {
    let mut couch = Couch::new();
    let mut a = Tablet::joining(sample_book(SampleSize::S, today()), "A", &mut couch);
    a.sync("a-1", &mut couch);
    let mut b = Tablet::joining(Book::new(), "B", &mut couch);
    run(Direction::Pull, "b-1", &mut b.store, None, |r| {
        couch.handle(r)
    })
    .expect("pulled");
    // The page closed after the pull, before the book was written: the arrivals are
    // still there after a reload, and the pull's checkpoint does not lose them.
    let mut store = reloaded(&mut b.store);
    let arrivals = store.arrivals();
    assert_eq!(arrivals.len(), b.store.arrivals().len());
    assert!(
        arrivals.len() > all_records(&a.book).len(),
        "records, settings and devices"
    );
    let again = run(Direction::Pull, "b-2", &mut store, None, |r| {
        couch.handle(r)
    })
    .expect("pulled");
    assert_eq!(again.written, 0);
    // Offered in the worst order, part at a time: what names missing records waits.
    let orders: Vec<_> = arrivals
        .iter()
        .filter(|i| matches!(i, liuke_engine::sync::Incoming::Record(r) if r.kind() == RecordKind::Order))
        .cloned()
        .collect();
    let first = b.book.plan_arrival(orders.clone());
    assert_eq!(first.waiting.len(), orders.len());
    store.settle_arrivals(&first.waiting);
    assert_eq!(store.arrivals().len(), orders.len());
    let mut store = reloaded(&mut store);
    assert_eq!(store.arrivals().len(), orders.len());
    // The rest arrives (here: everything pulled once more from a fresh device's view).
    let mut all = arrivals;
    all.extend(store.arrivals());
    let whole = b.book.plan_arrival(all);
    assert!(whole.waiting.is_empty());
    store.settle_arrivals(&whole.waiting);
    b.book.commit(&whole.change);
    assert!(store.arrivals().is_empty());
    assert_eq!(all_records(&b.book), all_records(&a.book));
}

#[test]
fn a_live_pull_asks_the_server_to_wait_and_the_waiting_count_follows_pushes() {
    use liuke_engine::sync::replicator::{Replication, Step};
    let mut couch = Couch::new();
    let mut a = Tablet::joining(Book::new(), "A", &mut couch);
    let connection = Connection::new("https://x.cn", "team", "li", None).unwrap();
    let device = a.store.device().unwrap();
    let push_id = replication_id(Direction::Push, device, &connection);
    // The settings document, before any push.
    assert_eq!(Replication::waiting(&a.store, &push_id), 1);
    a.change(&Command::Create {
        record: Record::Customer(Customer::new("常州", today())),
    });
    assert_eq!(Replication::waiting(&a.store, &push_id), 2);
    let mut push = Replication::new(Direction::Push, &push_id, "s-1", 10);
    let mut request = push.start();
    loop {
        match push.step(couch.handle(&request), &mut a.store).unwrap() {
            Step::Send(next) => request = next,
            Step::Done(report) => {
                assert_eq!(report.written, 2);
                break;
            }
        }
    }
    assert_eq!(Replication::waiting(&a.store, &push_id), 0);
    let pull_id = replication_id(Direction::Pull, device, &connection);
    let mut pull = Replication::new(Direction::Pull, &pull_id, "s-2", 10).live(25_000);
    let first = pull.start();
    let Step::Send(changes) = pull.step(couch.handle(&first), &mut a.store).unwrap() else {
        panic!("asks for changes");
    };
    assert!(
        changes.path.contains("feed=longpoll&timeout=25000"),
        "{}",
        changes.path
    );
    let plain = Replication::new(Direction::Pull, &pull_id, "s-3", 10);
    let mut plain = plain;
    let first = plain.start();
    let Step::Send(changes) = plain.step(couch.handle(&first), &mut a.store).unwrap() else {
        panic!("asks for changes");
    };
    assert!(!changes.path.contains("longpoll"), "{}", changes.path);
}

#[test]
fn what_arrived_is_not_counted_as_waiting_to_be_sent() {
    use liuke_engine::sync::replicator::Replication;
    let mut couch = Couch::new();
    let mut a = Tablet::joining(sample_book(SampleSize::S, today()), "A", &mut couch);
    a.sync("a-1", &mut couch);
    let mut b = Tablet::joining(Book::new(), "B", &mut couch);
    let connection = Connection::new("https://x.cn", "team", "li", None).unwrap();
    let push_b = replication_id(Direction::Push, b.store.device().unwrap(), &connection);
    run(Direction::Pull, "b-1", &mut b.store, None, |r| {
        couch.handle(r)
    })
    .expect("pulled");
    // Nothing of what arrived (and B, joining a team, takes the team's settings).
    assert_eq!(Replication::waiting(&b.store, &push_b), 0);
    b.change(&Command::Create {
        record: Record::Customer(Customer::new("镇江", today())),
    });
    assert_eq!(Replication::waiting(&b.store, &push_b), 1);
}

#[test]
fn a_team_database_recreated_empty_gets_everything_a_device_knows() {
    let mut couch = Couch::new();
    let mut a = Tablet::joining(sample_book(SampleSize::S, today()), "A", &mut couch);
    a.sync("a-1", &mut couch);
    let mut b = Tablet::joining(Book::new(), "B", &mut couch);
    b.sync("b-1", &mut couch);
    let everything = couch.doc_count();
    assert_eq!(b.store.doc_ids().count(), everything);
    // Restored from a backup older than any of it: B, which only received A's book,
    // sends all of it back, device claims included.
    couch.recreate();
    b.sync("b-2", &mut couch);
    assert_eq!(couch.doc_count(), everything);
    assert!(couch.winner("device:1").is_some() && couch.winner("device:2").is_some());
    // Through the pages too.
    let mut c = reloaded(&mut b.store);
    couch.recreate();
    run(Direction::Push, "c-1", &mut c, None, |r| couch.handle(r)).expect("pushed");
    assert_eq!(couch.doc_count(), everything);
}

#[test]
fn a_device_joining_with_its_own_book_merges_it_or_starts_from_the_teams() {
    let mut couch = Couch::new();
    let mut a = Tablet::joining(Book::new(), "A", &mut couch);
    a.change(&Command::Create {
        record: Record::Customer(Customer::new("南京华联", today())),
    });
    // The team's settings, changed on A.
    let mut settings = a.book.settings().clone();
    settings.risk.cadence_a_days = 21;
    a.change(&Command::SetSettings {
        settings: Box::new(settings.clone()),
    });
    a.sync("a-1", &mut couch);

    // B merges its own book: its customer joins the team's, the team's settings stay.
    let mut own = Book::new();
    own.apply(
        &Command::Create {
            record: Record::Customer(Customer::new("无锡新区五金", today())),
        },
        today(),
    )
    .unwrap();
    let mut b = Tablet::joining_as(own.clone(), "B", &mut couch, JoinMode::Merge);
    b.sync("b-1", &mut couch);
    assert_eq!(b.book.customers().len(), 2);
    assert_eq!(b.book.settings(), &settings);
    assert_eq!(
        couch.conflicts(liuke_engine::sync::document::SETTINGS_ID),
        0
    );
    a.sync("a-2", &mut couch);
    assert_eq!(a.book.customers().len(), 2);
    assert_eq!(a.book.settings(), &settings);

    // C starts from the team's book: its own customer is not sent, the team's arrive.
    let mut c = Tablet::joining_as(own, "C", &mut couch, JoinMode::FromTeam);
    assert_eq!(c.book.customers().len(), 0);
    c.sync("c-1", &mut couch);
    let mut names: Vec<String> = c.book.customers().iter().map(|x| x.name.clone()).collect();
    names.sort();
    assert_eq!(
        names,
        vec!["南京华联".to_string(), "无锡新区五金".to_string()]
    );
    assert_eq!(c.book.settings(), &settings);
    a.sync("a-3", &mut couch);
    assert_eq!(a.book.customers().len(), 2);
}

#[test]
fn a_change_the_server_refuses_is_taken_back_shown_and_never_sent_again() {
    let mut couch = Couch::new();
    let mut a = Tablet::joining(Book::new(), "A", &mut couch);
    let created = a.change(&Command::Create {
        record: Record::Customer(Customer::new("常州武进", today())),
    });
    let kept = created.created.expect("an id");
    a.sync("a-0", &mut couch);
    let mut b = Tablet::joining(Book::new(), "B", &mut couch);
    b.sync("b-0", &mut couch);
    let before = all_records(&b.book);

    // From now on the database's rules refuse any customer from B (a rep).
    couch.forbid = Some(|id| id.starts_with("customer:"));
    b.change(&Command::Delete { key: kept });
    let made = b
        .change(&Command::Create {
            record: Record::Customer(Customer::new("金坛新客户", today())),
        })
        .created
        .expect("an id");
    let staff = b
        .change(&Command::Create {
            record: Record::Staff(Staff {
                name: "赵敏".into(),
                hire_date: today(),
                ..Staff::default()
            }),
        })
        .created
        .expect("an id");
    let writes = couch.writes;
    b.sync("b-1", &mut couch);
    // The rest went through; the refused changes are taken back on B: the deleted
    // customer is there again, the one made here is gone.
    assert_eq!(couch.writes, writes + 1);
    assert!(b.book.get(staff).is_some());
    assert!(b.book.get(kept).is_some());
    assert!(b.book.get(made).is_none());
    let mut after = all_records(&b.book);
    after.retain(|r| r.key() != staff);
    assert_eq!(after, before);
    // Each is shown with the server's reason, after a reload too.
    let refused: Vec<&String> = b.store.refusals().keys().collect();
    let mut expected = [
        liuke_engine::sync::document::doc_id(kept),
        liuke_engine::sync::document::doc_id(made),
    ];
    expected.sort();
    assert_eq!(refused, expected.iter().collect::<Vec<_>>());
    assert!(b
        .store
        .refusals()
        .values()
        .all(|r| r == "a rep cannot change this"));
    assert_eq!(reloaded(&mut b.store).refusals(), b.store.refusals());
    // Nothing refused is sent again, and nothing waits.
    b.sync("b-2", &mut couch);
    assert_eq!(couch.writes, writes + 1);
    assert_eq!(
        liuke_engine::sync::replicator::Replication::waiting(&b.store, "push-team"),
        0
    );
    // The next change of the record clears its refusal.
    couch.forbid = None;
    let customer = b.book.customers().get(kept.id).expect("back").clone();
    let mut edited = customer.clone();
    edited.notes = "经理同意保留".into();
    b.change(&Command::Edit {
        base: Box::new(Record::Customer(customer)),
        edited: Box::new(Record::Customer(edited)),
    });
    assert_eq!(b.store.refusals().len(), 1);
}
