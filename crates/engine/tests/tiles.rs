//! Issue 19, point 2: every dashboard tile agrees with the list it names or links to,
//! on the sample book: the customers by status with the customer list's status filter,
//! the forgotten buckets with the forgotten list, the open complaints with the
//! complaints, the win-back cases with the review, the 12-month orders with the orders.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::directory::{customer_lines, CustomerQuery};
use liuke_engine::report::{forgotten, forgotten_list, summary, FORGOTTEN_DAYS};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::winback::review;
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("a date")
}

#[test]
fn each_tile_counts_what_its_list_shows() {
    let today = today();
    let book = sample_book(SampleSize::S, today);
    let s = summary(&book, today);
    let lines = customer_lines(&book, today);
    let listed = |status: CustomerStatus| {
        CustomerQuery {
            status: Some(status),
            ..CustomerQuery::default()
        }
        .run(&lines)
        .len()
    };
    assert_eq!(s.customers, CustomerQuery::default().run(&lines).len());
    assert_eq!(s.at_risk, listed(CustomerStatus::AtRisk));
    assert_eq!(s.lost, listed(CustomerStatus::Lost));
    assert_eq!(s.won_back, listed(CustomerStatus::WonBack));
    assert!(s.won_back > 0, "the sample has customers won back");
    // The forgotten buckets and the forgotten list for each of them.
    let buckets = forgotten(&book, today);
    for (days, count) in FORGOTTEN_DAYS.iter().zip(buckets) {
        let list = forgotten_list(&book, today, Some(*days));
        assert_eq!(list.len(), count, "more than {days} days");
    }
    // Open complaints: those not resolved.
    let open = book
        .complaints()
        .iter()
        .filter(|c| c.resolved_on.is_none())
        .count();
    assert_eq!(s.open_complaints, open);
    // Orders of the last 12 months: the 365 days up to today.
    let year = book
        .orders()
        .iter()
        .filter(|o| o.date <= today && (today - o.date).num_days() < 365)
        .count();
    assert_eq!(s.orders_12m, year);
    // The win-back tile's cases are the review's.
    let r = review(&book, today);
    let open_cases = book.winback_cases().iter().filter(|c| c.is_open()).count();
    assert_eq!(r.open as usize, open_cases);
}
