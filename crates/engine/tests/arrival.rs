//! Issue 17: between the book and the team database. A committed change becomes the
//! documents it writes; what arrives becomes one change of the book, in any order, with
//! records whose references have not arrived yet waiting for them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::book::TeamSettings;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::sync::arrival::{documents, outgoing};
use liuke_engine::sync::document::{doc_id, DocKey, SETTINGS_ID};
use liuke_engine::sync::Incoming;
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

fn incoming(book: &Book) -> Vec<Incoming> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| book.records(*k))
        .map(|r| Incoming::Record(Box::new(r)))
        .collect()
}

#[test]
fn a_book_arriving_in_any_order_is_the_same_book() {
    let sent = sample_book(SampleSize::S, today());
    let mut arriving = incoming(&sent);
    // The worst order: every record before what it names.
    arriving.reverse();
    let mut here = Book::new();
    let arrival = here.plan_arrival(arriving);
    assert!(
        arrival.waiting.is_empty(),
        "{} waiting",
        arrival.waiting.len()
    );
    here.commit(&arrival.change);
    for kind in RecordKind::ALL {
        assert_eq!(here.records(kind), sent.records(kind), "{kind:?}");
    }
    // No new record can take an id that arrived.
    let change = here
        .apply(
            &Command::Create {
                record: Record::Customer(Customer::new("新客户", today())),
            },
            today(),
        )
        .expect("creates");
    let largest = RecordKind::ALL
        .iter()
        .flat_map(|k| sent.records(*k))
        .map(|r| r.key().id)
        .max()
        .expect("records");
    assert!(change.created.expect("id").id > largest);
    assert_eq!(here.customers().len(), sent.customers().len() + 1);
    // The same records arriving again (a conflict looked at, a version echoed back)
    // change nothing.
    let again = here.plan_arrival(incoming(&sent));
    assert!(again.change.is_empty(), "{} puts", again.change.puts.len());
}

#[test]
fn a_record_whose_customer_has_not_arrived_waits_for_it() {
    let sent = sample_book(SampleSize::S, today());
    let customer = sent.customers().iter().next().expect("a customer").clone();
    let orders: Vec<Incoming> = sent
        .orders()
        .of_customer(customer.id)
        .cloned()
        .map(|o| Incoming::Record(Box::new(Record::Order(o))))
        .collect();
    assert!(!orders.is_empty());
    let staff: Vec<Incoming> = sent
        .staff()
        .iter()
        .cloned()
        .map(|s| Incoming::Record(Box::new(Record::Staff(s))))
        .collect();
    let mut here = Book::new();
    let first = here.plan_arrival(staff.into_iter().chain(orders.clone()).collect());
    assert_eq!(first.waiting.len(), orders.len(), "the orders wait");
    here.commit(&first.change);
    assert_eq!(here.orders().len(), 0);
    // The customer arrives; the waiting orders are offered again with it.
    let mut next = first.waiting;
    next.push(Incoming::Record(Box::new(Record::Customer(
        customer.clone(),
    ))));
    let second = here.plan_arrival(next);
    assert!(second.waiting.is_empty());
    here.commit(&second.change);
    assert_eq!(here.orders().of_customer(customer.id).count(), orders.len());
}

#[test]
fn a_deletion_still_named_waits_and_settings_arrive_whole() {
    let mut here = sample_book(SampleSize::S, today());
    let order = here.orders().iter().next().expect("an order").clone();
    let customer = order.customer;
    let deletion = Incoming::Deleted(DocKey::Record(RecordKey {
        kind: RecordKind::Customer,
        id: customer.0,
    }));
    let arrival = here.plan_arrival(vec![deletion.clone()]);
    assert_eq!(arrival.waiting, vec![deletion]);
    assert!(arrival.change.deletes.is_empty());
    // A record nobody names goes at once.
    let signal = here.signals().iter().next().expect("a signal").clone();
    let key = RecordKey {
        kind: RecordKind::Signal,
        id: signal.id.0,
    };
    let mut settings = TeamSettings::default();
    settings.pool.enabled = true;
    let arrival = here.plan_arrival(vec![
        Incoming::Deleted(DocKey::Record(key)),
        Incoming::Settings(Box::new(settings.clone())),
    ]);
    assert!(arrival.waiting.is_empty());
    here.commit(&arrival.change);
    assert!(!here.contains(key));
    assert_eq!(here.settings(), &settings);
}

#[test]
fn a_committed_change_sends_exactly_the_documents_it_wrote() {
    let mut book = sample_book(SampleSize::S, today());
    let customer = book.customers().iter().next().expect("a customer").id;
    let change = book
        .apply(
            &Command::PlanInstalment {
                customer,
                due: today(),
                amount: Money(500_000),
            },
            today(),
        )
        .expect("planned");
    let out = outgoing(&change);
    let created = change.created.expect("an instalment");
    assert_eq!(out.len(), change.puts.len());
    assert!(out
        .iter()
        .any(|(id, body)| *id == doc_id(created) && body.is_some()));
    let mut settings = book.settings().clone();
    settings.risk.cadence_a_days = 21;
    let change = book
        .apply(
            &Command::SetSettings {
                settings: Box::new(settings),
            },
            today(),
        )
        .expect("set");
    let out = outgoing(&change);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0, SETTINGS_ID);
    assert_eq!(
        out[0].1.as_ref().expect("a body")["risk"]["cadence_a_days"],
        21
    );
    let key = RecordKey {
        kind: RecordKind::Instalment,
        id: created.id,
    };
    let change = book
        .apply(&Command::Delete { key }, today())
        .expect("deleted");
    assert!(outgoing(&change).contains(&(doc_id(key), None)));
    // A whole book: one document per record and the settings.
    let all = documents(&book);
    let records: usize = RecordKind::ALL.iter().map(|k| book.count(*k)).sum();
    assert_eq!(all.len(), records + 1);
}

/// The rules `scripts/prepare-team-db.mjs` installs on the server check that a record's
/// document holds the record its name says, by its `id`: every document the app sends
/// must carry it.
#[test]
fn every_record_document_carries_the_id_its_name_says() {
    let book = sample_book(SampleSize::S, today());
    let mut seen = std::collections::BTreeSet::new();
    for (name, body) in documents(&book) {
        let Some(body) = body else { continue };
        if name == SETTINGS_ID {
            continue;
        }
        let (kind, id) = name.split_once(':').unwrap();
        seen.insert(kind.to_string());
        assert_eq!(
            body.get("id").map(ToString::to_string),
            Some(id.to_string()),
            "{name}"
        );
    }
    assert!(seen.len() >= 10, "{seen:?}");
}

/// The money fields named for display hold money as the record does (fen).
#[test]
fn the_money_fields_of_a_record_are_its_amounts_in_fen() {
    let book = sample_book(SampleSize::S, today());
    let order = book.records(RecordKind::Order).into_iter().next().unwrap();
    let Record::Order(typed) = &order else {
        panic!("an order")
    };
    let json: serde_json::Value = serde_json::from_str(&order.to_json()).unwrap();
    assert_eq!(json["amount"].as_i64(), Some(typed.amount.0));
    assert_eq!(json["margin"].as_i64(), Some(typed.margin.0));
    for kind in RecordKind::ALL {
        let Some(record) = book.records(kind).into_iter().next() else {
            continue;
        };
        let json: serde_json::Value = serde_json::from_str(&record.to_json()).unwrap();
        for field in Record::money_fields(kind) {
            assert!(json[field].is_i64(), "{kind:?}.{field}: {}", json[field]);
        }
    }
    assert!(Record::money_fields(RecordKind::Customer).is_empty());
}
