//! Property tests: random sequences of commands, valid and invalid, including undos of
//! old changes, never break the book; every change undoes exactly; every book survives
//! a backup.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::interchange::backup::{export, restore};
use liuke_engine::schema::{self, check_records};
use liuke_engine::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> Date {
    day(2025, 6, 30)
}

/// A day `ago` days before today; negative values are in the future.
fn ago(days: i64) -> Date {
    today() - chrono::Duration::days(days)
}

/// One user action, with references given as positions among the records that exist
/// when it runs (a position past the end names a record that does not exist).
#[derive(Clone, Debug)]
enum Op {
    Customer {
        name: String,
        since: i64,
    },
    Staff {
        name: String,
        state: u8,
    },
    Contact {
        customer: usize,
        name: String,
    },
    Order {
        customer: usize,
        staff: Option<usize>,
        amount: i64,
        margin: i64,
        date: i64,
    },
    Interaction {
        customer: usize,
        staff: Option<usize>,
        contact: Option<usize>,
        date: i64,
    },
    Relationship {
        customer: usize,
        staff: usize,
        role: u8,
        since: i64,
        ended: bool,
    },
    Complaint {
        customer: usize,
        received: i64,
        steps: Vec<Option<i64>>,
    },
    Survey {
        customer: usize,
        score: u8,
        date: i64,
    },
    Signal {
        customer: usize,
        note: String,
    },
    KeyDate {
        customer: usize,
        contact: Option<usize>,
    },
    Update {
        kind: usize,
        pick: usize,
        text: String,
    },
    Delete {
        kind: usize,
        pick: usize,
    },
    Assign {
        customer: usize,
        staff: Option<usize>,
        on: i64,
    },
    Undo {
        back: usize,
    },
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z张王李宏达建材有限公司 ]{1,16}",
        1 => "[ \\t]{0,3}",
        1 => "\\PC{0,12}",
        1 => "[\"\\\\\n\r\u{0}\u{feff}]{1,6}",
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let pick = 0usize..12;
    let date = -3i64..3000;
    prop_oneof![
        1 => (text(), date.clone()).prop_map(|(name, since)| Op::Customer { name, since }),
        1 => (text(), 0u8..3).prop_map(|(name, state)| Op::Staff { name, state }),
        1 => (pick.clone(), text()).prop_map(|(customer, name)| Op::Contact { customer, name }),
        3 => (pick.clone(), proptest::option::of(pick.clone()), -100i64..10_000_000, -100i64..10_000_000, date.clone())
            .prop_map(|(customer, staff, amount, margin, date)| Op::Order { customer, staff, amount, margin, date }),
        1 => (pick.clone(), proptest::option::of(pick.clone()), proptest::option::of(pick.clone()), date.clone())
            .prop_map(|(customer, staff, contact, date)| Op::Interaction { customer, staff, contact, date }),
        2 => (pick.clone(), pick.clone(), 0u8..4, date.clone(), any::<bool>())
            .prop_map(|(customer, staff, role, since, ended)| Op::Relationship { customer, staff, role, since, ended }),
        1 => (pick.clone(), date.clone(), proptest::collection::vec(proptest::option::of(-5i64..40), 0..4))
            .prop_map(|(customer, received, steps)| Op::Complaint { customer, received, steps }),
        1 => (pick.clone(), 0u8..8, date.clone()).prop_map(|(customer, score, date)| Op::Survey { customer, score, date }),
        1 => (pick.clone(), text()).prop_map(|(customer, note)| Op::Signal { customer, note }),
        1 => (pick.clone(), proptest::option::of(pick.clone())).prop_map(|(customer, contact)| Op::KeyDate { customer, contact }),
        2 => (0usize..10, pick.clone(), text()).prop_map(|(kind, pick, text)| Op::Update { kind, pick, text }),
        2 => (0usize..10, pick.clone()).prop_map(|(kind, pick)| Op::Delete { kind, pick }),
        2 => (pick.clone(), proptest::option::of(pick.clone()), -3i64..400)
            .prop_map(|(customer, staff, on)| Op::Assign { customer, staff, on }),
        2 => (0usize..8).prop_map(|back| Op::Undo { back }),
    ]
}

/// The id at a position among a kind's records, or an id nothing has.
fn pick(book: &Book, kind: RecordKind, at: usize) -> u64 {
    let ids: Vec<u64> = book.records(kind).iter().map(Record::id).collect();
    match ids.get(at % (ids.len() + 1)) {
        Some(id) => *id,
        None => 900_000 + at as u64,
    }
}

/// Turns an op into a command against the current book; `None` for an undo with no history.
fn command(book: &Book, op: &Op, history: &[Change]) -> Option<Command> {
    let customer = |at: usize| CustomerId(pick(book, RecordKind::Customer, at));
    let staff = |at: usize| StaffId(pick(book, RecordKind::Staff, at));
    let contact = |at: usize| ContactId(pick(book, RecordKind::Contact, at));
    let create = |record| Some(Command::Create { record });
    match op.clone() {
        Op::Customer { name, since } => create(Record::Customer(Customer {
            tags: vec![name.clone()],
            ..Customer::new(name, ago(since))
        })),
        Op::Staff { name, state } => create(Record::Staff(Staff {
            name,
            hire_date: day(2015, 1, 1),
            status: match state {
                0 => StaffStatus::Active,
                1 => StaffStatus::Leaving(ago(-20)),
                _ => StaffStatus::Left(ago(10)),
            },
            ..Staff::default()
        })),
        Op::Contact { customer: c, name } => create(Record::Contact(Contact {
            customer: customer(c),
            name,
            ..Contact::default()
        })),
        Op::Order {
            customer: c,
            staff: s,
            amount,
            margin,
            date,
        } => create(Record::Order(Order {
            customer: customer(c),
            staff: s.map(staff),
            amount: Money(amount),
            margin: Money(margin),
            date: ago(date),
            ..Order::default()
        })),
        Op::Interaction {
            customer: c,
            staff: s,
            contact: k,
            date,
        } => create(Record::Interaction(Interaction {
            customer: customer(c),
            staff: s.map(staff),
            contact: k.map(contact),
            date: ago(date),
            ..Interaction::default()
        })),
        Op::Relationship {
            customer: c,
            staff: s,
            role,
            since,
            ended,
        } => create(Record::Relationship(Relationship {
            customer: customer(c),
            staff: staff(s),
            role: [
                RelationshipRole::Owner,
                RelationshipRole::Secondary,
                RelationshipRole::CoFollower,
                RelationshipRole::AfterSales,
            ][usize::from(role) % 4],
            since: ago(since),
            until: ended.then(|| ago(since.clamp(-1, 1))),
            ..Relationship::default()
        })),
        Op::Complaint {
            customer: c,
            received,
            steps,
        } => {
            let mut dates = steps.iter().scan(received, |at, step| {
                Some(step.map(|s| {
                    *at -= s;
                    ago(*at)
                }))
            });
            create(Record::Complaint(Complaint {
                customer: customer(c),
                received: ago(received),
                subject: "送货延迟".into(),
                investigating_on: dates.next().flatten(),
                resolved_on: dates.next().flatten(),
                reported_back_on: dates.next().flatten(),
                ..Complaint::default()
            }))
        }
        Op::Survey {
            customer: c,
            score,
            date,
        } => create(Record::Survey(Survey {
            customer: customer(c),
            score,
            date: ago(date),
            ..Survey::default()
        })),
        Op::Signal { customer: c, note } => create(Record::Signal(Signal {
            customer: customer(c),
            date: ago(3),
            note,
            ..Signal::default()
        })),
        Op::KeyDate {
            customer: c,
            contact: k,
        } => create(Record::KeyDate(KeyDate {
            customer: customer(c),
            contact: k.map(contact),
            date: day(1980, 2, 29),
            recurring: true,
            ..KeyDate::default()
        })),
        Op::Update {
            kind,
            pick: at,
            text,
        } => {
            let kind = RecordKind::ALL[kind];
            let key = RecordKey {
                kind,
                id: pick(book, kind, at),
            };
            let record = if let Some(record) = book.get(key) {
                tweak(record, &text)
            } else {
                let mut customer = Customer::new(text, today());
                customer.id = CustomerId(key.id);
                Record::Customer(customer)
            };
            Some(Command::Update { record })
        }
        Op::Delete { kind, pick: at } => {
            let kind = RecordKind::ALL[kind];
            Some(Command::Delete {
                key: RecordKey {
                    kind,
                    id: pick(book, kind, at),
                },
            })
        }
        Op::Assign {
            customer: c,
            staff: s,
            on,
        } => Some(Command::AssignOwner {
            customer: customer(c),
            staff: s.map(staff),
            on: ago(on),
        }),
        Op::Undo { back } => {
            let change =
                history.get(history.len().checked_sub(1 + back % history.len().max(1))?)?;
            Some(Command::Revert {
                change: change.clone(),
            })
        }
    }
}

/// A plausible edit of a record: renamed, re-noted, rescored, re-ended.
fn tweak(record: Record, text: &str) -> Record {
    match record {
        Record::Customer(mut r) => {
            r.name = text.into();
            Record::Customer(r)
        }
        Record::Contact(mut r) => {
            r.name = text.into();
            Record::Contact(r)
        }
        Record::Staff(mut r) => {
            r.name = text.into();
            r.status = StaffStatus::Left(today());
            Record::Staff(r)
        }
        Record::Relationship(mut r) => {
            r.until = match r.until {
                Some(_) => None,
                None => Some(today()),
            };
            Record::Relationship(r)
        }
        Record::Order(mut r) => {
            r.note = text.into();
            r.amount = Money(r.amount.fen() - text.len() as i64 * 1000);
            Record::Order(r)
        }
        Record::Interaction(mut r) => {
            r.summary = text.into();
            Record::Interaction(r)
        }
        Record::Complaint(mut r) => {
            r.subject = text.into();
            Record::Complaint(r)
        }
        Record::Survey(mut r) => {
            r.score = (text.len() % 7) as u8;
            Record::Survey(r)
        }
        Record::Signal(mut r) => {
            r.note = text.into();
            Record::Signal(r)
        }
        Record::KeyDate(mut r) => {
            r.label = text.into();
            Record::KeyDate(r)
        }
        Record::Task(mut r) => {
            r.title = text.into();
            Record::Task(r)
        }
        Record::Handover(mut r) => {
            r.message = text.into();
            Record::Handover(r)
        }
        Record::Instalment(mut r) => {
            r.note = text.into();
            Record::Instalment(r)
        }
        Record::WinbackCase(mut r) => {
            r.plan = text.into();
            Record::WinbackCase(r)
        }
        Record::Announcement(mut r) => {
            r.title = text.into();
            Record::Announcement(r)
        }
        Record::Deferral(mut r) => {
            r.until = None;
            r.reason = Some(LetGoReason::CustomerAsked);
            Record::Deferral(r)
        }
    }
}

fn all_records(book: &Book) -> Vec<Record> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| book.records(*k))
        .collect()
}

/// A few customers, staff (one gone), owners and a contact to act on.
fn base() -> Book {
    let mut book = Book::new();
    let ops = [
        Op::Customer {
            name: "杭州宏达建材有限公司".into(),
            since: 900,
        },
        Op::Customer {
            name: "Blue Harbor Trading Co.".into(),
            since: 400,
        },
        Op::Customer {
            name: "张伟".into(),
            since: 50,
        },
        Op::Staff {
            name: "陈静".into(),
            state: 0,
        },
        Op::Staff {
            name: "赵磊".into(),
            state: 1,
        },
        Op::Staff {
            name: "刘洋".into(),
            state: 2,
        },
        Op::Relationship {
            customer: 0,
            staff: 0,
            role: 0,
            since: 800,
            ended: false,
        },
        Op::Relationship {
            customer: 2,
            staff: 1,
            role: 0,
            since: 40,
            ended: false,
        },
        Op::Contact {
            customer: 0,
            name: "王丽".into(),
        },
    ];
    for op in &ops {
        let command = command(&book, op, &[]).expect("a command");
        book.apply(&command, today())
            .expect("the base book is valid");
    }
    book
}

/// What must hold after every step, whatever happened.
fn check_invariants(book: &Book) -> Result<(), TestCaseError> {
    let records = all_records(book);
    let ids: BTreeSet<u64> = records.iter().map(Record::id).collect();
    prop_assert_eq!(ids.len(), records.len(), "ids are unique across kinds");
    prop_assert!(
        ids.iter().all(|id| *id < book.next_id()),
        "next_id is past every id"
    );
    let rebuilt = check_records(records.clone(), book.next_id());
    prop_assert!(rebuilt.is_ok(), "reference checks: {:?}", rebuilt.err());
    prop_assert!(rebuilt.ok().as_ref() == Some(book));

    let mut live_owners: BTreeMap<CustomerId, usize> = BTreeMap::new();
    for r in book
        .relationships()
        .iter()
        .filter(|r| r.is_live() && r.role == RelationshipRole::Owner)
    {
        *live_owners.entry(r.customer).or_default() += 1;
    }
    prop_assert!(
        live_owners.values().all(|n| *n == 1),
        "at most one live owner: {:?}",
        live_owners
    );

    let mut by_customer: BTreeMap<CustomerId, Vec<RecordKey>> = BTreeMap::new();
    let mut by_staff: BTreeMap<StaffId, usize> = BTreeMap::new();
    for record in &records {
        if let Some(c) = record.customer() {
            by_customer.entry(c).or_default().push(record.key());
        }
        let staff = match record {
            Record::Relationship(r) => Some(r.staff),
            Record::Order(o) => o.staff,
            Record::Interaction(i) => i.staff,
            _ => None,
        };
        if let Some(s) = staff {
            *by_staff.entry(s).or_default() += 1;
        }
    }
    for (customer, mut keys) in by_customer {
        let mut file: Vec<RecordKey> = book
            .customer_file(customer)
            .iter()
            .map(Record::key)
            .collect();
        keys.sort();
        file.sort();
        prop_assert_eq!(file, keys, "customer index of {}", customer);
    }
    for member in book.staff().iter() {
        let indexed = book.relationships().count_of_staff(member.id)
            + book.orders().count_of_staff(member.id)
            + book.interactions().count_of_staff(member.id);
        prop_assert_eq!(
            indexed,
            by_staff.get(&member.id).copied().unwrap_or(0),
            "staff index of {}",
            member.id
        );
    }
    Ok(())
}

/// Applies ops in turn, checking invariants after each and undoing each change once
/// on a copy to see the book come back exactly. Returns the final book.
fn run(ops: &[Op]) -> Result<Book, TestCaseError> {
    let mut book = base();
    let mut history: Vec<Change> = Vec::new();
    for op in ops {
        let Some(command) = command(&book, op, &history) else {
            continue;
        };
        let before = book.clone();
        match book.apply(&command, today()) {
            Ok(change) => {
                check_invariants(&book)?;
                if !change.is_empty() {
                    let mut undone = book.clone();
                    let undo = undone.apply(
                        &Command::Revert {
                            change: change.clone(),
                        },
                        today(),
                    );
                    prop_assert!(
                        undo.is_ok(),
                        "undo of {:?} failed: {:?}",
                        command,
                        undo.err()
                    );
                    prop_assert_eq!(
                        all_records(&undone),
                        all_records(&before),
                        "undo of {:?}",
                        command
                    );
                    prop_assert!(undone.next_id() >= before.next_id());
                    check_invariants(&undone)?;
                    history.push(change);
                }
            }
            Err(_) => prop_assert!(book == before, "a refused {:?} changed the book", command),
        }
    }
    Ok(book)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn commands_keep_the_book_sound_and_undo_exactly(ops in proptest::collection::vec(op(), 1..60)) {
        run(&ops)?;
    }

    #[test]
    fn every_book_survives_a_backup(ops in proptest::collection::vec(op(), 0..40)) {
        let book = run(&ops)?;
        let text = export(&book, today());
        let restored = restore(&text);
        prop_assert!(restored.as_ref().ok() == Some(&book), "{:?}", restored.err());
        let by_tree = serde_json::from_str(&text).map_err(|e| e.to_string()).and_then(|v| schema::read_book(v).map_err(|e| e.to_string()));
        prop_assert!(by_tree.as_ref().ok() == Some(&book), "{:?}", by_tree.err());
    }
}

#[test]
fn the_base_book_is_sound() {
    let book = base();
    assert_eq!(book.count(RecordKind::Customer), 3);
    assert_eq!(book.count(RecordKind::Relationship), 2);
    check_invariants(&book).expect("sound");
}
