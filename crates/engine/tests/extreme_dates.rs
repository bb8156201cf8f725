//! A book holding dates at the very ends of chrono's range — what a restored backup could
//! hold before dates were checked, or a book built without the check — must never panic
//! a view: the dashboard, the register, the agenda, the pool, the win-back review, the
//! customer list and the rotation's concentration report all compute on it.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/views.rs"]
mod views;

use liuke_engine::register::{assess, register, RegisterSettings};
use liuke_engine::risk::RiskSettings;
use liuke_engine::value::ValueSettings;
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("a date")
}

/// Every kind of dated record, each at one end of the range or the other.
fn extreme_book(at: Date) -> Book {
    let customer = CustomerId(1);
    let staff = StaffId(2);
    let records = vec![
        Record::Customer(Customer {
            id: customer,
            name: "极端日期公司".into(),
            since: at,
            ..Customer::default()
        }),
        Record::Staff(Staff {
            id: staff,
            name: "王芳".into(),
            hire_date: at,
            status: StaffStatus::Leaving(at),
            ..Staff::default()
        }),
        Record::Relationship(Relationship {
            id: RelationshipId(3),
            customer,
            staff,
            role: RelationshipRole::Owner,
            since: at,
            ..Relationship::default()
        }),
        Record::Order(Order {
            id: OrderId(4),
            customer,
            date: at,
            amount: Money::from_yuan(100),
            ..Order::default()
        }),
        Record::Order(Order {
            id: OrderId(5),
            customer,
            date: today(),
            amount: Money::from_yuan(100),
            ..Order::default()
        }),
        Record::Complaint(Complaint {
            id: ComplaintId(6),
            customer,
            received: at,
            subject: "送货延迟".into(),
            ..Complaint::default()
        }),
        Record::Interaction(Interaction {
            id: InteractionId(7),
            customer,
            date: at,
            next_contact: Some(at),
            ..Interaction::default()
        }),
        Record::Survey(Survey {
            id: SurveyId(8),
            customer,
            date: at,
            score: 2,
            ..Survey::default()
        }),
        Record::Signal(Signal {
            id: SignalId(9),
            customer,
            date: at,
            ..Signal::default()
        }),
        Record::Contact(Contact {
            id: ContactId(10),
            customer,
            name: "陈经理".into(),
            birthday: Some(at),
            ..Contact::default()
        }),
        Record::Task(Task {
            id: TaskId(11),
            customer: Some(customer),
            due: at,
            ..Task::default()
        }),
    ];
    Book::from_records(records, 100)
}

#[test]
fn dates_at_the_ends_of_the_range_never_panic_a_view() {
    for at in [Date::MAX, Date::MIN] {
        let book = extreme_book(at);
        let assessment = assess(
            &book,
            today(),
            &RiskSettings::default(),
            &ValueSettings::default(),
        );
        assert!(register(&book, &assessment, &RegisterSettings::default()).len() <= 1);
        views::every_view(&book, today());
    }
}
