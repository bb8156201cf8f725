//! A book holding dates at the very ends of chrono's range — what a restored backup could
//! hold before dates were checked, or a book built without the check — must never panic
//! a view: the dashboard, the register, the agenda, the pool, the win-back review, the
//! customer list and the rotation's concentration report all compute on it.

use liuke_engine::agenda::{agenda, AgendaSettings};
use liuke_engine::pool::{clocks, warnings, PoolSettings};
use liuke_engine::register::{assess, register, RegisterSettings};
use liuke_engine::risk::RiskSettings;
use liuke_engine::rotation::{concentration, PlanInputs};
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
        let risk = RiskSettings::default();
        let assessment = assess(&book, today(), &risk, &ValueSettings::default());
        let lines = register(&book, &assessment, &RegisterSettings::default());
        assert!(lines.len() <= 1);
        let _ = agenda(&book, today(), &risk, &AgendaSettings::default());
        let pool = PoolSettings::default();
        let _ = clocks(&book, &pool, today());
        let _ = warnings(&book, &pool, today());
        let _ = liuke_engine::report::monthly_revenue(&book, today(), 12);
        let _ = liuke_engine::report::forgotten(&book, today());
        let _ = liuke_engine::report::forgotten_list(&book, today(), None);
        let _ = liuke_engine::winback::review(&book, today());
        let _ = liuke_engine::winback::churn_by_month(&book, today());
        let _ = liuke_engine::directory::customer_lines(&book, today());
        let _ = concentration(
            &book,
            today(),
            &PlanInputs::from_views(&assessment.values, &assessment.risks),
        );
        // The dashboard and the customer page ask every complaint when it is due.
        for c in book.complaints().iter() {
            let _ = c.next_due();
            let _ = c.is_overdue(today());
        }
        let _ = liuke_engine::risk::backtest(
            &book,
            today(),
            today() - chrono::Duration::days(200),
            180,
            &risk,
        );
    }
}
