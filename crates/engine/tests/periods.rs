//! Issue 16.4: "revenue of the last 12 months" has one definition. Before, an order
//! exactly 365 days old counted on the customer's page and in the export but not in the
//! list or on the dashboard.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::interchange::csv_export::export_csv;
use liuke_engine::interchange::csv_import::{ImportKind, Language};
use liuke_engine::records::dates::plus_days;
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

#[test]
fn every_screen_counts_the_same_12_months() {
    let mut book = Book::new();
    let customer = CustomerId(
        book.apply(
            &Command::Create {
                record: Record::Customer(Customer::new(
                    "杭州宏达建材有限公司",
                    plus_days(today(), -800),
                )),
            },
            today(),
        )
        .expect("customer")
        .created
        .expect("created")
        .id,
    );
    // Two orders in the last 12 months (today, 364 days ago), two in the year before
    // (365 and 729 days ago), one older.
    for (days, fen) in [
        (0, 100),
        (364, 1_000),
        (365, 10_000),
        (729, 100_000),
        (730, 1_000_000),
    ] {
        book.apply(
            &Command::Create {
                record: Record::Order(Order {
                    customer,
                    date: plus_days(today(), -days),
                    amount: Money(fen),
                    ..Order::default()
                }),
            },
            today(),
        )
        .expect("order");
    }
    let last_12 = Money(1_100);
    assert_eq!(
        book.revenue_12m(customer, today()),
        last_12,
        "customer page"
    );
    let orders: Vec<&Order> = book.orders().of_customer(customer).collect();
    let historic = value::historic(&orders, today());
    assert_eq!(historic.revenue_12m, last_12, "value, register, risk");
    assert_eq!(historic.revenue_prev_12m, Money(110_000));
    let line = directory::customer_lines(&book, today())
        .into_iter()
        .next()
        .expect("a line");
    assert_eq!(line.revenue_12m, last_12, "customer list");
    let summary = report::summary(&book, today());
    assert_eq!(summary.revenue_12m, last_12, "dashboard");
    assert_eq!(summary.orders_12m, 2);
    assert_eq!(summary.revenue_prev_12m, Money(110_000));
    assert_eq!(summary.revenue_trend(), Some(1_100.0 / 110_000.0 - 1.0));
    let csv = export_csv(&book, ImportKind::Customers, today(), Language::Zh, &|c| {
        c.default_header(ImportKind::Customers, Language::Zh)
            .to_string()
    });
    assert!(csv.contains(",11.00"), "export: {csv}");
}
