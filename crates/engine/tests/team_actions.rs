//! Staff status and agenda actions as intents, with their rules in the engine.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::register::NextAction;
use liuke_engine::*;

fn day(m: u32, d: u32) -> Date {
    Date::from_ymd_opt(2026, m, d).expect("valid test date")
}

fn today() -> Date {
    day(11, 22)
}

fn create(book: &mut Book, record: Record) -> u64 {
    book.apply(&Command::Create { record }, today())
        .expect("valid")
        .created
        .expect("created")
        .id
}

fn setup() -> (Book, CustomerId, StaffId) {
    let mut book = Book::new();
    let staff = StaffId(create(
        &mut book,
        Record::Staff(Staff {
            name: "王芳".into(),
            hire_date: day(1, 10),
            capacity: 80,
            ..Staff::default()
        }),
    ));
    let customer = CustomerId(
        book.apply(
            &Command::CreateCustomer {
                customer: Customer::new("杭州宏达建材有限公司", day(2, 1)),
                owner: Some(staff),
            },
            today(),
        )
        .expect("customer")
        .created
        .expect("created")
        .id,
    );
    (book, customer, staff)
}

#[test]
fn a_status_is_set_by_the_engine_with_the_staff_rules() {
    let (mut book, _, staff) = setup();
    book.apply(
        &Command::SetStaffStatus {
            staff,
            status: StaffStatus::Leaving(day(12, 31)),
        },
        today(),
    )
    .expect("leaving at the end of the year");
    assert_eq!(
        book.staff().get(staff.0).map(|s| s.status),
        Some(StaffStatus::Leaving(day(12, 31)))
    );
    let before = book.clone();
    let error = book
        .apply(
            &Command::SetStaffStatus {
                staff,
                status: StaffStatus::Left(day(1, 1)),
            },
            today(),
        )
        .expect_err("gone before being hired");
    assert!(matches!(error, BookError::Invalid { .. }), "{error:?}");
    assert!(book == before);
    book.apply(
        &Command::SetStaffStatus {
            staff,
            status: StaffStatus::Active,
        },
        today(),
    )
    .expect("staying after all");
}

#[test]
fn an_action_goes_to_the_owner_once_due_as_it_says() {
    let (mut book, customer, staff) = setup();
    let action = NextAction::KeepInTouch;
    let change = book
        .apply(&Command::AddTask { customer, action }, today())
        .expect("added");
    let task = book
        .tasks()
        .get(change.created.expect("created").id)
        .expect("there")
        .clone();
    assert_eq!(task.staff, Some(staff));
    assert_eq!(task.action, Some(action));
    assert_eq!((task.due - today()).num_days(), action.due_in_days());
    let error = book
        .apply(&Command::AddTask { customer, action }, today())
        .expect_err("already on the agenda");
    assert_eq!(error, BookError::invalid(Field::Record, Problem::Duplicate));
}
