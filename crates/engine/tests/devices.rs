//! Issue 17.1: ids unique across the devices of a team. A device gives out ids from its
//! own space (`device << 32 | counter`), records of other devices never move its counter,
//! and a book kept on one device moves into its device's space with every reference.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::book::MoveError;
use liuke_engine::ids::{Device, MAX_DEVICE, MAX_ID};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use serde_json::Value;
use std::collections::HashSet;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

fn new_customer(name: &str) -> Command {
    Command::Create {
        record: Record::Customer(Customer::new(name, today())),
    }
}

#[test]
fn device_spaces_split_the_ids_below_the_largest_exact_one() {
    assert_eq!(Device::LOCAL.first_id(), 1);
    assert_eq!(Device::LOCAL.last_id(), (1 << 32) - 1);
    let seven = Device::new(7).expect("a device");
    assert_eq!(seven.first_id(), 7 << 32);
    assert_eq!(Device::of(seven.first_id() + 41), seven);
    assert_eq!(seven.adopt(41), (7 << 32) | 41);
    assert_eq!(
        seven.adopt(seven.first_id() + 3),
        seven.first_id() + 3,
        "already placed"
    );
    let last = Device::new(MAX_DEVICE).expect("the last device");
    assert_eq!(last.last_id(), MAX_ID);
    assert_eq!(Device::new(MAX_DEVICE + 1), None);
}

#[test]
fn a_device_gives_ids_from_its_own_space_whatever_arrives_from_others() {
    let three = Device::new(3).expect("a device");
    let nine = Device::new(9).expect("a device");
    // A team book: one customer from device 9 (far above device 3's space).
    let mut theirs = Customer::new("另一台设备的客户", today());
    theirs.id = CustomerId(nine.first_id() + 500);
    let mut book = Book::from_records([Record::Customer(theirs)], 1).on_device(three);
    assert_eq!(book.next_id(), three.first_id());
    let first = book.apply(&new_customer("甲"), today()).expect("creates");
    let second = book.apply(&new_customer("乙"), today()).expect("creates");
    let ids = [
        first.created.expect("id").id,
        second.created.expect("id").id,
    ];
    assert_eq!(ids, [three.first_id(), three.first_id() + 1]);
    // Loading it again (the counter stored, or lost) never reuses an id of this device.
    let reloaded = Book::from_records(book.records(RecordKind::Customer), 1).on_device(three);
    assert_eq!(reloaded.next_id(), three.first_id() + 2);
    let last = three.last_id() + 1;
    let full = Book::from_records(book.records(RecordKind::Customer), last).on_device(three);
    assert_eq!(
        full.plan(&new_customer("丙"), today()).err(),
        Some(BookError::IdsExhausted)
    );
}

/// Every number the JSON of a record holds under a key that names a record.
fn references(record: &Record) -> Vec<u64> {
    const KEYS: [&str; 9] = [
        "id",
        "customer",
        "staff",
        "contact",
        "order",
        "owner",
        "from",
        "to",
        "reports_to",
    ];
    fn walk(value: &Value, out: &mut Vec<u64>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if let (true, Some(n)) = (KEYS.contains(&key.as_str()), v.as_u64()) {
                        out.push(n);
                    }
                    walk(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::from_str(&record.to_json()).expect("json"),
        &mut out,
    );
    out
}

#[test]
fn moving_a_book_keeps_every_reference() {
    let mut book = sample_book(SampleSize::S, today());
    // One of every kind the sample lacks, each naming what it can.
    let customer = book
        .customers()
        .iter()
        .next()
        .map(|c| c.id)
        .expect("a customer");
    let staff: Vec<StaffId> = book.staff().iter().map(|s| s.id).take(2).collect();
    let order = book.orders().of_customer(customer).next().map(|o| o.id);
    let extra = [
        Record::Task(Task {
            customer: Some(customer),
            staff: Some(staff[0]),
            due: today(),
            title: "回访".into(),
            ..Task::default()
        }),
        Record::Handover(Handover {
            customer,
            from: Some(staff[0]),
            to: staff[1],
            on: today(),
            steps: vec![HandoverStep {
                kind: HandoverStepKind::TellCustomer,
                due: today(),
                staff: Some(staff[0]),
                done: None,
            }],
            ..Handover::default()
        }),
        Record::Instalment(Instalment {
            customer,
            order,
            due: today(),
            amount: Money(100_000),
            ..Instalment::default()
        }),
        Record::WinbackCase(WinbackCase {
            customer,
            opened: today(),
            owner: Some(staff[1]),
            actions: vec![WinbackAction {
                what: "拜访".into(),
                staff: Some(staff[0]),
                due: today(),
                done: None,
            }],
            ..WinbackCase::default()
        }),
        Record::Announcement(Announcement {
            date: today(),
            title: "价格调整".into(),
            told: vec![Told {
                customer,
                on: today(),
            }],
            ..Announcement::default()
        }),
        Record::Deferral(Deferral {
            customer,
            duty: Duty::ContactCadence,
            due: today(),
            made: today(),
            until: Some(today() + chrono::Duration::days(7)),
            ..Deferral::default()
        }),
    ];
    for record in extra {
        book.apply(&Command::Create { record }, today())
            .expect("a valid record");
    }
    for kind in RecordKind::ALL {
        assert!(book.count(kind) > 0, "the sample has no {kind:?}");
    }
    let five = Device::new(5).expect("a device");
    let moved = book.clone().move_into(five).expect("moves");
    let records: Vec<Record> = RecordKind::ALL
        .iter()
        .flat_map(|k| moved.records(*k))
        .collect();
    liuke_engine::schema::check_records(records, moved.next_id()).expect("every reference whole");
    assert_eq!(moved.settings(), book.settings());
    for kind in RecordKind::ALL {
        assert_eq!(moved.count(kind), book.count(kind));
        for record in moved.records(kind) {
            for id in references(&record) {
                assert!(
                    five.owns(id),
                    "{kind:?} {} still names {id}",
                    record.key().id
                );
            }
        }
    }
    for customer in book.customers().iter() {
        let there = CustomerId(five.adopt(customer.id.0));
        assert_eq!(
            moved.customers().get(there.0).map(|c| &c.name),
            Some(&customer.name)
        );
        assert_eq!(
            moved.staff_name(moved.owner_of(there)),
            book.staff_name(book.owner_of(customer.id))
        );
        assert_eq!(
            moved.customer_file(there).len(),
            book.customer_file(customer.id).len()
        );
    }
    // New records continue the same counter in the device's space: no id given out
    // before is given again.
    let mut moved = moved;
    let change = moved
        .apply(&new_customer("入队后新增"), today())
        .expect("creates");
    assert_eq!(change.created.expect("id").id, five.adopt(book.next_id()));
    let all: HashSet<u64> = RecordKind::ALL
        .iter()
        .flat_map(|k| moved.records(*k))
        .map(|r| r.key().id)
        .collect();
    assert_eq!(
        all.len(),
        RecordKind::ALL
            .iter()
            .map(|k| moved.count(*k))
            .sum::<usize>()
    );
}

#[test]
fn a_book_does_not_move_into_a_space_its_records_already_use() {
    let five = Device::new(5).expect("a device");
    let mut theirs = Customer::new("已在该设备空间的客户", today());
    theirs.id = CustomerId(five.first_id() + 1);
    let book = Book::from_records([Record::Customer(theirs)], 1);
    assert_eq!(book.move_into(five).err(), Some(MoveError::SpaceInUse(5)));
}
