//! Saving a customer with its owner is one command and one change: the customer and the
//! owner's relationship are written together, refused together and undone together.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::*;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> Date {
    day(2026, 11, 22)
}

fn staff(book: &mut Book, name: &str, status: StaffStatus) -> StaffId {
    let record = Record::Staff(Staff {
        name: name.into(),
        hire_date: day(2020, 1, 1),
        status,
        capacity: 80,
        ..Staff::default()
    });
    StaffId(
        book.apply(&Command::Create { record }, today())
            .expect("staff")
            .created
            .expect("created")
            .id,
    )
}

/// Every record of the book: what undo must give back (the next id stays advanced, so
/// ids are never given out twice).
fn all_records(book: &Book) -> Vec<Record> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| book.records(*k))
        .collect()
}

fn new_customer() -> Customer {
    Customer::new("苏州恒远精密机械有限公司", day(2024, 3, 1))
}

#[test]
fn a_customer_and_its_owner_are_one_change_and_one_undo() {
    let mut book = Book::new();
    let wang = staff(&mut book, "王芳", StaffStatus::Active);
    let before = book.clone();
    let change = book
        .apply(
            &Command::CreateCustomer {
                customer: new_customer(),
                owner: Some(wang),
            },
            today(),
        )
        .expect("saved");
    assert_eq!(
        change.puts.len(),
        2,
        "the customer and the owner's relationship"
    );
    let id = CustomerId(change.created.expect("created").id);
    assert_eq!(book.owner_of(id), Some(wang));
    let owner = book
        .live_relationships(id)
        .next()
        .expect("a relationship")
        .clone();
    assert_eq!(
        (owner.role, owner.since),
        (RelationshipRole::Owner, today())
    );
    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert_eq!(
        all_records(&book),
        all_records(&before),
        "one undo takes both back"
    );
}

/// Before, the customer was created first and the owner assigned after: an owner who
/// had left was refused, but the customer stayed saved without one.
#[test]
fn an_owner_who_cannot_own_refuses_the_whole_save() {
    let mut book = Book::new();
    let gone = staff(&mut book, "王强", StaffStatus::Left(day(2025, 12, 31)));
    let before = book.clone();
    let error = book
        .apply(
            &Command::CreateCustomer {
                customer: new_customer(),
                owner: Some(gone),
            },
            today(),
        )
        .expect_err("refused");
    assert_eq!(error, BookError::invalid(Field::Staff, Problem::Invalid));
    assert!(book == before, "nothing half-written");
    let error = book
        .apply(
            &Command::CreateCustomer {
                customer: Customer::new("", today()),
                owner: None,
            },
            today(),
        )
        .expect_err("a customer needs a name");
    assert!(matches!(
        error,
        BookError::Invalid {
            field: Field::Name,
            ..
        }
    ));
}

#[test]
fn an_edit_changes_the_owner_only_when_it_changed() {
    let mut book = Book::new();
    let wang = staff(&mut book, "王芳", StaffStatus::Active);
    let li = staff(&mut book, "李强", StaffStatus::Active);
    let id = CustomerId(
        book.apply(
            &Command::CreateCustomer {
                customer: new_customer(),
                owner: Some(wang),
            },
            day(2026, 1, 5),
        )
        .expect("saved")
        .created
        .expect("created")
        .id,
    );
    let mut edited = book.customers().get(id.0).expect("there").clone();
    edited.region = "华东".into();
    let change = book
        .apply(
            &Command::EditCustomer {
                customer: edited.clone(),
                owner: Some(wang),
            },
            today(),
        )
        .expect("saved");
    assert_eq!(
        change.puts.len(),
        1,
        "the same owner: only the customer is written"
    );

    edited.notes = "只接受月结".into();
    let before = book.clone();
    let change = book
        .apply(
            &Command::EditCustomer {
                customer: edited.clone(),
                owner: Some(li),
            },
            today(),
        )
        .expect("saved with a new owner");
    assert_eq!(change.puts.len(), 3, "customer, ended owner, new owner");
    assert_eq!(book.owner_of(id), Some(li));
    assert_eq!(
        book.customers().get(id.0).map(|c| c.notes.as_str()),
        Some("只接受月结")
    );
    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert_eq!(all_records(&book), all_records(&before));

    book.apply(
        &Command::EditCustomer {
            customer: edited,
            owner: None,
        },
        today(),
    )
    .expect("back to no owner");
    assert_eq!(book.owner_of(id), None);
}
