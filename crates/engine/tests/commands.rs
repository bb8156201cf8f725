//! Book and commands: what is accepted, what is refused (and that a refusal changes
//! nothing), and that every change can be undone exactly.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::schema::check_records;
use liuke_engine::*;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> Date {
    day(2025, 6, 30)
}

fn create(book: &mut Book, record: Record) -> u64 {
    let change = book
        .apply(&Command::Create { record }, today())
        .expect("valid record");
    change.created.expect("a create names its record").id
}

/// A small book: two customers, three staff (one of whom left), an owner, a contact,
/// an order, an interaction with that contact, and a birthday.
struct Fixture {
    book: Book,
    customer: CustomerId,
    other: CustomerId,
    staff: StaffId,
    second: StaffId,
    gone: StaffId,
    contact: ContactId,
    owner: RelationshipId,
}

fn fixture() -> Fixture {
    let mut book = Book::new();
    let customer = CustomerId(create(
        &mut book,
        Record::Customer(Customer::new("杭州宏达建材有限公司", day(2020, 1, 1))),
    ));
    let other = CustomerId(create(
        &mut book,
        Record::Customer(Customer::new("Blue Harbor Trading Co.", day(2021, 5, 1))),
    ));
    let staff_member = |name: &str, status| {
        Record::Staff(Staff {
            name: name.into(),
            hire_date: day(2018, 3, 1),
            status,
            capacity: 80,
            ..Staff::default()
        })
    };
    let staff = StaffId(create(&mut book, staff_member("张伟", StaffStatus::Active)));
    let second = StaffId(create(&mut book, staff_member("李娜", StaffStatus::Active)));
    let gone = StaffId(create(
        &mut book,
        staff_member("王强", StaffStatus::Left(day(2024, 12, 31))),
    ));
    let owner = RelationshipId(create(
        &mut book,
        Record::Relationship(Relationship {
            customer,
            staff,
            since: day(2020, 1, 1),
            ..Relationship::default()
        }),
    ));
    let contact = ContactId(create(
        &mut book,
        Record::Contact(Contact {
            customer,
            name: "刘芳".into(),
            birthday: Some(day(1985, 8, 8)),
            ..Contact::default()
        }),
    ));
    create(&mut book, Record::Order(order(customer, 120_000, 20_000)));
    create(
        &mut book,
        Record::Interaction(Interaction {
            customer,
            date: day(2025, 6, 1),
            staff: Some(staff),
            contact: Some(contact),
            summary: "拜访采购部".into(),
            ..Interaction::default()
        }),
    );
    create(
        &mut book,
        Record::KeyDate(KeyDate {
            customer,
            contact: Some(contact),
            kind: KeyDateKind::Birthday,
            date: day(1985, 8, 8),
            recurring: true,
            label: "刘芳生日".into(),
            ..KeyDate::default()
        }),
    );
    Fixture {
        book,
        customer,
        other,
        staff,
        second,
        gone,
        contact,
        owner,
    }
}

fn order(customer: CustomerId, amount: i64, margin: i64) -> Order {
    Order {
        customer,
        date: day(2025, 6, 2),
        amount: Money(amount),
        margin: Money(margin),
        quantity: 10,
        ..Order::default()
    }
}

fn all_records(book: &Book) -> Vec<Record> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| book.records(*k))
        .collect()
}

#[test]
fn create_allocates_fresh_unique_ids() {
    let mut f = fixture();
    let first = f.book.next_id();
    let mut record = order(f.customer, 5_000, 500);
    record.id = OrderId(1);
    let a = create(&mut f.book, Record::Order(record.clone()));
    let b = create(&mut f.book, Record::Order(record));
    let c = create(
        &mut f.book,
        Record::Customer(Customer::new("张伟", day(2024, 1, 1))),
    );
    assert_eq!(
        (a, b, c),
        (first, first + 1, first + 2),
        "the id in the record is ignored"
    );
    assert_eq!(f.book.next_id(), first + 3);
    let ids: Vec<u64> = all_records(&f.book).iter().map(Record::id).collect();
    let unique: std::collections::BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "ids are unique across kinds");
    assert_eq!(f.book.orders().count_of_customer(f.customer), 3);
}

#[test]
fn plan_changes_nothing_until_commit() {
    let f = fixture();
    let mut book = f.book.clone();
    let change = book
        .plan(
            &Command::Create {
                record: Record::Order(order(f.customer, 1_000, 100)),
            },
            today(),
        )
        .expect("valid");
    assert!(book == f.book);
    book.commit(&change);
    assert_eq!(
        book.count(RecordKind::Order),
        f.book.count(RecordKind::Order) + 1
    );
    assert_eq!(book.next_id(), change.next_id);
}

#[test]
fn invalid_input_is_refused_and_changes_nothing() {
    let f = fixture();
    let future = day(2025, 7, 1);
    let complaint = |investigating, resolved| Complaint {
        customer: f.customer,
        received: day(2025, 6, 10),
        subject: "送货延迟".into(),
        investigating_on: investigating,
        resolved_on: resolved,
        ..Complaint::default()
    };
    let survey = |score| Survey {
        customer: f.customer,
        date: day(2025, 6, 1),
        score,
        ..Survey::default()
    };
    let invalid = |field, problem| BookError::Invalid { field, problem };
    let unknown = |kind, id| Problem::Unknown { kind, id };
    let mut moved_order = f.book.orders().iter().next().expect("an order").clone();
    moved_order.customer = f.other;
    let cases: Vec<(&str, Command, BookError)> = vec![
        (
            "empty name",
            Command::Create {
                record: Record::Customer(Customer::new("   ", day(2024, 1, 1))),
            },
            invalid(Field::Name, Problem::Required),
        ),
        (
            "negative amount",
            Command::Create {
                record: Record::Order(order(f.customer, -1, 0)),
            },
            invalid(Field::Amount, Problem::Negative),
        ),
        (
            "future date",
            Command::Create {
                record: Record::Order(Order {
                    date: future,
                    ..order(f.customer, 100, 10)
                }),
            },
            invalid(Field::Date, Problem::InFuture),
        ),
        (
            "margin above amount",
            Command::Create {
                record: Record::Order(order(f.customer, 100, 101)),
            },
            invalid(Field::Margin, Problem::MarginAboveAmount),
        ),
        (
            "unknown customer",
            Command::Create {
                record: Record::Order(order(CustomerId(9_999), 100, 10)),
            },
            invalid(Field::Customer, unknown(RecordKind::Customer, 9_999)),
        ),
        (
            "unknown staff",
            Command::Create {
                record: Record::Order(Order {
                    staff: Some(StaffId(8_888)),
                    ..order(f.customer, 100, 10)
                }),
            },
            invalid(Field::Staff, unknown(RecordKind::Staff, 8_888)),
        ),
        (
            "another customer's contact",
            Command::Create {
                record: Record::Interaction(Interaction {
                    customer: f.other,
                    date: day(2025, 6, 1),
                    contact: Some(f.contact),
                    ..Interaction::default()
                }),
            },
            invalid(Field::Contact, unknown(RecordKind::Contact, f.contact.0)),
        ),
        (
            "second live owner",
            Command::Create {
                record: Record::Relationship(Relationship {
                    customer: f.customer,
                    staff: f.second,
                    since: day(2025, 1, 1),
                    ..Relationship::default()
                }),
            },
            invalid(Field::Role, Problem::Duplicate),
        ),
        (
            "owner who has left",
            Command::Create {
                record: Record::Relationship(Relationship {
                    customer: f.other,
                    staff: f.gone,
                    since: day(2025, 1, 1),
                    ..Relationship::default()
                }),
            },
            invalid(Field::Staff, Problem::Invalid),
        ),
        (
            "relationship ending in the future",
            Command::Create {
                record: Record::Relationship(Relationship {
                    customer: f.other,
                    staff: f.second,
                    role: RelationshipRole::Secondary,
                    since: day(2025, 1, 1),
                    until: Some(future),
                    ..Relationship::default()
                }),
            },
            invalid(Field::Date, Problem::InFuture),
        ),
        (
            "complaint resolved without investigation",
            Command::Create {
                record: Record::Complaint(complaint(None, Some(day(2025, 6, 20)))),
            },
            BookError::ComplaintStep {
                from: "investigating".into(),
                to: "resolved".into(),
            },
        ),
        (
            "complaint resolved before investigated",
            Command::Create {
                record: Record::Complaint(complaint(
                    Some(day(2025, 6, 12)),
                    Some(day(2025, 6, 11)),
                )),
            },
            invalid(
                Field::Resolved,
                Problem::BeforeDate {
                    other: Field::Investigating,
                },
            ),
        ),
        (
            "complaint investigated before received",
            Command::Create {
                record: Record::Complaint(complaint(Some(day(2025, 6, 9)), None)),
            },
            invalid(
                Field::Investigating,
                Problem::BeforeDate {
                    other: Field::Received,
                },
            ),
        ),
        (
            "survey score 0",
            Command::Create {
                record: Record::Survey(survey(0)),
            },
            invalid(Field::Score, Problem::OutOfRange { min: 1, max: 5 }),
        ),
        (
            "survey score 6",
            Command::Create {
                record: Record::Survey(survey(6)),
            },
            invalid(Field::Score, Problem::OutOfRange { min: 1, max: 5 }),
        ),
        (
            "update of a missing record",
            Command::Update {
                record: Record::Order(Order {
                    id: OrderId(7_777),
                    ..order(f.customer, 100, 10)
                }),
            },
            BookError::NotFound {
                kind: RecordKind::Order,
                id: 7_777,
            },
        ),
        (
            "update moving a record to another customer",
            Command::Update {
                record: Record::Order(moved_order),
            },
            invalid(Field::Customer, Problem::Invalid),
        ),
        (
            "delete of a missing record",
            Command::Delete {
                key: RecordKey {
                    kind: RecordKind::Survey,
                    id: 6_666,
                },
            },
            BookError::NotFound {
                kind: RecordKind::Survey,
                id: 6_666,
            },
        ),
        (
            "deleting staff in use",
            Command::Delete {
                key: RecordKey {
                    kind: RecordKind::Staff,
                    id: f.staff.0,
                },
            },
            BookError::InUse { count: 2 },
        ),
        (
            "owner assigned from a future day",
            Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: future,
            },
            invalid(Field::Date, Problem::InFuture),
        ),
        (
            "owner assigned for an unknown customer",
            Command::AssignOwner {
                customer: CustomerId(5_555),
                staff: Some(f.second),
                on: today(),
            },
            invalid(Field::Customer, unknown(RecordKind::Customer, 5_555)),
        ),
        (
            "owner assigned before the current owner started",
            Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: day(2019, 12, 31),
            },
            invalid(
                Field::Date,
                Problem::BeforeDate {
                    other: Field::Since,
                },
            ),
        ),
        (
            "undo of nothing",
            Command::Revert {
                change: Change::default(),
            },
            BookError::Conflict("nothing to undo".into()),
        ),
    ];
    for (name, command, expected) in cases {
        let mut book = f.book.clone();
        assert_eq!(book.apply(&command, today()), Err(expected), "{name}");
        assert!(book == f.book, "{name}: the book changed");
        assert_eq!(book.next_id(), f.book.next_id(), "{name}");
    }
}

#[test]
fn deleting_a_customer_removes_its_file_and_undo_restores_it() {
    let f = fixture();
    let mut book = f.book.clone();
    let file = book.customer_file(f.customer);
    assert_eq!(
        file.len(),
        6,
        "customer, owner, contact, order, interaction, key date"
    );
    let change = book
        .apply(
            &Command::Delete {
                key: RecordKey {
                    kind: RecordKind::Customer,
                    id: f.customer.0,
                },
            },
            today(),
        )
        .expect("delete");
    assert_eq!(change.deletes.len(), file.len());
    assert!(book.customer_file(f.customer).is_empty());
    assert!(book.owned_by(f.staff).next().is_none());
    assert_eq!(book.count(RecordKind::Customer), 1);
    check_records(all_records(&book), book.next_id()).expect("nothing dangles");

    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert!(book == f.book);
    assert_eq!(book.customer_file(f.customer), file);
    assert_eq!(book.owner_of(f.customer), Some(f.staff));
}

#[test]
fn deleting_a_contact_detaches_interactions_and_drops_its_key_dates() {
    let f = fixture();
    let mut book = f.book.clone();
    let change = book
        .apply(
            &Command::Delete {
                key: RecordKey {
                    kind: RecordKind::Contact,
                    id: f.contact.0,
                },
            },
            today(),
        )
        .expect("delete");
    assert!(book.interactions().iter().all(|i| i.contact.is_none()));
    assert_eq!(book.count(RecordKind::KeyDate), 0);
    check_records(all_records(&book), book.next_id()).expect("nothing dangles");
    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert!(book == f.book);
}

#[test]
fn assigning_an_owner_ends_the_old_relationship_and_starts_a_new_one() {
    let f = fixture();
    let mut book = f.book.clone();
    let on = day(2025, 6, 15);
    let change = book
        .apply(
            &Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on,
            },
            today(),
        )
        .expect("assign");
    let old = book
        .relationships()
        .get(f.owner.0)
        .expect("kept as history");
    assert_eq!(old.until, Some(on));
    assert_eq!(book.owner_of(f.customer), Some(f.second));
    let new: Vec<&Relationship> = book.live_relationships(f.customer).collect();
    assert_eq!(new.len(), 1);
    assert_eq!(
        (new[0].role, new[0].since, new[0].staff),
        (RelationshipRole::Owner, on, f.second)
    );
    assert_eq!(change.created, None);
    assert_eq!(book.owned_by(f.second).count(), 1);
    assert_eq!(book.owned_by(f.staff).count(), 0);

    let again = book
        .apply(
            &Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on,
            },
            today(),
        )
        .expect("same owner");
    assert!(
        again.is_empty(),
        "assigning the current owner changes nothing"
    );

    let mut pooled = book.clone();
    pooled
        .apply(
            &Command::AssignOwner {
                customer: f.customer,
                staff: None,
                on: today(),
            },
            today(),
        )
        .expect("to the pool");
    assert_eq!(pooled.owner_of(f.customer), None);

    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert_eq!(all_records(&book), all_records(&f.book));
    assert_eq!(book.owner_of(f.customer), Some(f.staff));
}

#[test]
fn deleting_unused_staff_works_and_staff_in_use_is_kept() {
    let f = fixture();
    let mut book = f.book.clone();
    let key = |id: StaffId| RecordKey {
        kind: RecordKind::Staff,
        id: id.0,
    };
    assert_eq!(
        book.apply(&Command::Delete { key: key(f.staff) }, today()),
        Err(BookError::InUse { count: 2 })
    );
    book.apply(&Command::Delete { key: key(f.second) }, today())
        .expect("unused");
    assert!(book.staff().get(f.second.0).is_none());
}

#[test]
fn undoing_a_create_removes_it_and_undoing_that_puts_it_back() {
    let f = fixture();
    let mut book = f.book.clone();
    let created = book
        .apply(
            &Command::Create {
                record: Record::Order(order(f.customer, 8_800, 800)),
            },
            today(),
        )
        .expect("create");
    let with_order = book.clone();
    let undo = book
        .apply(&Command::Revert { change: created }, today())
        .expect("undo");
    assert_eq!(
        book.records(RecordKind::Order),
        f.book.records(RecordKind::Order)
    );
    book.apply(&Command::Revert { change: undo }, today())
        .expect("redo");
    assert!(book == with_order);
}

#[test]
fn updating_replaces_the_record_and_undo_brings_the_old_one_back() {
    let f = fixture();
    let mut book = f.book.clone();
    let mut customer = book
        .customers()
        .get(f.customer.0)
        .expect("customer")
        .clone();
    customer.tier = Tier::A;
    customer.tags = vec!["战略合作".into()];
    let change = book
        .apply(
            &Command::Update {
                record: Record::Customer(customer.clone()),
            },
            today(),
        )
        .expect("update");
    assert_eq!(book.customers().get(f.customer.0), Some(&customer));
    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert!(book == f.book);
}

#[test]
fn an_old_undo_that_would_break_the_book_is_refused() {
    let f = fixture();
    let mut book = f.book.clone();
    let created = book
        .apply(
            &Command::Create {
                record: Record::Customer(Customer::new("成都天成装饰有限公司", day(2025, 1, 1))),
            },
            today(),
        )
        .expect("create");
    let customer = CustomerId(created.created.expect("created").id);
    book.apply(
        &Command::Create {
            record: Record::Order(order(customer, 1_000, 100)),
        },
        today(),
    )
    .expect("order");
    let before = book.clone();
    assert_eq!(
        book.apply(&Command::Revert { change: created }, today()),
        Err(BookError::InUse { count: 1 }),
        "undoing the customer's creation would orphan its order"
    );
    assert!(book == before);

    let first = book
        .apply(
            &Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: day(2025, 6, 1),
            },
            today(),
        )
        .expect("assign");
    book.apply(
        &Command::AssignOwner {
            customer: f.customer,
            staff: None,
            on: day(2025, 6, 10),
        },
        today(),
    )
    .expect("to the pool");
    book.apply(
        &Command::AssignOwner {
            customer: f.customer,
            staff: Some(f.staff),
            on: day(2025, 6, 20),
        },
        today(),
    )
    .expect("back to the first owner");
    let before = book.clone();
    assert_eq!(
        book.apply(&Command::Revert { change: first }, today()),
        Err(BookError::invalid(Field::Role, Problem::Duplicate)),
        "undoing the first handover would leave two live owners"
    );
    assert!(book == before);
    check_records(all_records(&book), book.next_id()).expect("still sound");
}

#[test]
fn commands_and_changes_survive_json() {
    let f = fixture();
    let command = Command::AssignOwner {
        customer: f.customer,
        staff: Some(f.second),
        on: day(2025, 6, 15),
    };
    let text = serde_json::to_string(&command).expect("serialize");
    let back: Command = serde_json::from_str(&text).expect("deserialize");
    assert_eq!(back, command);
    let mut book = f.book.clone();
    let change = book.apply(&command, today()).expect("assign");
    let text = serde_json::to_string(&change).expect("serialize");
    assert_eq!(
        serde_json::from_str::<Change>(&text).expect("deserialize"),
        change
    );
}

#[test]
fn tasks_and_handovers_are_checked_kept_in_backups_and_hold_their_staff() {
    let mut f = fixture();
    let task = Task {
        customer: Some(f.customer),
        staff: Some(f.staff),
        due: day(2025, 7, 2),
        action: Some(register::NextAction::ScheduleVisit),
        ..Task::default()
    };
    create(&mut f.book, Record::Task(task.clone()));
    let empty = Task {
        action: None,
        ..task.clone()
    };
    let refused = f.book.apply(
        &Command::Create {
            record: Record::Task(empty),
        },
        today(),
    );
    assert!(matches!(
        refused,
        Err(BookError::Invalid {
            field: Field::Title,
            ..
        })
    ));

    let handover = Handover {
        customer: f.customer,
        from: Some(f.staff),
        to: f.second,
        on: day(2025, 7, 31),
        steps: vec![HandoverStep {
            kind: HandoverStepKind::TellCustomer,
            due: day(2025, 7, 10),
            staff: Some(f.staff),
            done: None,
        }],
        message: "您好，我是新的客户经理李娜。".into(),
        ..Handover::default()
    };
    create(&mut f.book, Record::Handover(handover.clone()));
    let too_long = Handover {
        message: "长".repeat(MAX_MESSAGE + 1),
        ..handover.clone()
    };
    let refused = f.book.apply(
        &Command::Create {
            record: Record::Handover(too_long),
        },
        today(),
    );
    assert!(refused.is_err());
    let unknown_staff = Handover {
        to: StaffId(9_999),
        ..handover
    };
    assert!(f
        .book
        .apply(
            &Command::Create {
                record: Record::Handover(unknown_staff)
            },
            today()
        )
        .is_err());

    let delete_successor = Command::Delete {
        key: RecordKey {
            kind: RecordKind::Staff,
            id: f.second.0,
        },
    };
    assert!(matches!(
        f.book.plan(&delete_successor, today()),
        Err(BookError::InUse { .. })
    ));

    let text = interchange::backup::export(&f.book, today());
    let restored = interchange::backup::restore(&text).expect("a backup restores");
    assert!(restored == f.book);
    assert_eq!(restored.tasks().len(), 1);
    assert_eq!(restored.handovers().len(), 1);
}

#[test]
fn a_batch_is_all_or_nothing_and_undone_as_one() {
    let mut f = fixture();
    let before = f.book.clone();
    let handover = |customer| Handover {
        customer,
        from: Some(f.staff),
        to: f.second,
        on: day(2025, 6, 30),
        ..Handover::default()
    };
    let good = Command::Batch {
        commands: vec![
            Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: today(),
            },
            Command::Create {
                record: Record::Handover(handover(f.customer)),
            },
            Command::AssignOwner {
                customer: f.other,
                staff: Some(f.second),
                on: today(),
            },
        ],
    };
    let change = f.book.apply(&good, today()).expect("the batch applies");
    assert_eq!(f.book.owner_of(f.customer), Some(f.second));
    assert_eq!(f.book.owner_of(f.other), Some(f.second));
    assert_eq!(f.book.handovers().len(), 1);
    f.book
        .apply(&Command::Revert { change }, today())
        .expect("undo");
    // Ids are never reused, so only the next id differs.
    assert_eq!(all_records(&f.book), all_records(&before));
    let before = f.book.clone();

    let bad = Command::Batch {
        commands: vec![
            Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: today(),
            },
            Command::AssignOwner {
                customer: f.other,
                staff: Some(f.gone),
                on: today(),
            },
        ],
    };
    assert!(f.book.apply(&bad, today()).is_err());
    assert!(f.book == before);

    let twice = Command::Batch {
        commands: vec![
            Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: today(),
            },
            Command::AssignOwner {
                customer: f.customer,
                staff: Some(f.second),
                on: today(),
            },
        ],
    };
    assert!(f.book.apply(&twice, today()).is_err());
    assert!(f.book == before);
}
