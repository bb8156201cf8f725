//! Issue 16.5: one answer to "who names this record" serves delete, undo and batches.
//! Before, undo could remove a staff member a task still named, a win-back case's owner
//! could be deleted, and an order could be deleted from under its instalments.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

fn create(book: &mut Book, record: Record) -> Change {
    book.apply(&Command::Create { record }, today())
        .expect("valid")
}

fn setup() -> (Book, CustomerId) {
    let mut book = Book::new();
    let customer = CustomerId(
        create(
            &mut book,
            Record::Customer(Customer::new("杭州宏达建材有限公司", today())),
        )
        .created
        .expect("created")
        .id,
    );
    (book, customer)
}

fn staff() -> Record {
    Record::Staff(Staff {
        name: "王芳".into(),
        hire_date: today(),
        capacity: 80,
        ..Staff::default()
    })
}

#[test]
fn undoing_a_staff_member_a_task_names_is_refused() {
    let (mut book, customer) = setup();
    let hired = create(&mut book, staff());
    let id = StaffId(hired.created.expect("created").id);
    create(
        &mut book,
        Record::Task(Task {
            customer: Some(customer),
            staff: Some(id),
            due: today(),
            title: "回访".into(),
            ..Task::default()
        }),
    );
    let before = book.clone();
    let error = book
        .apply(&Command::Revert { change: hired }, today())
        .expect_err("the task still names them");
    assert_eq!(error, BookError::InUse { count: 1 });
    assert!(book == before);
}

#[test]
fn a_staff_member_owning_a_winback_case_cannot_be_deleted() {
    let (mut book, customer) = setup();
    let id = StaffId(create(&mut book, staff()).created.expect("created").id);
    let mut case = WinbackCase {
        customer,
        opened: today(),
        owner: Some(id),
        ..WinbackCase::default()
    };
    case.exit = Default::default();
    create(&mut book, Record::WinbackCase(case));
    let error = book
        .apply(
            &Command::Delete {
                key: RecordKey {
                    kind: RecordKind::Staff,
                    id: id.0,
                },
            },
            today(),
        )
        .expect_err("the case names them");
    assert_eq!(error, BookError::InUse { count: 1 });
}

#[test]
fn an_order_with_instalments_cannot_be_deleted_from_under_them() {
    let (mut book, customer) = setup();
    let order = OrderId(
        create(
            &mut book,
            Record::Order(Order {
                customer,
                date: today(),
                amount: Money(500_000),
                ..Order::default()
            }),
        )
        .created
        .expect("created")
        .id,
    );
    create(
        &mut book,
        Record::Instalment(Instalment {
            customer,
            order: Some(order),
            due: today(),
            amount: Money(500_000),
            ..Instalment::default()
        }),
    );
    let key = RecordKey {
        kind: RecordKind::Order,
        id: order.0,
    };
    let before = book.clone();
    let error = book
        .apply(&Command::Delete { key }, today())
        .expect_err("an instalment names it");
    assert_eq!(error, BookError::InUse { count: 1 });
    assert!(book == before);
}
