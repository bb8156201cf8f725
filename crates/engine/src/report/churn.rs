//! Churn by month as a director reads it: the customers who stopped buying that month
//! (their silence since the last order reached [`STOPPED_BUYING_DAYS`] in it) or who were
//! marked lost that month, over the customers active when it began. The earlier reading
//! (customers now lost, in the month of their last order) showed 0.0 % in every month of
//! a book whose lost customers last bought over a year ago.

use crate::book::Book;
use crate::ids::IdHashMap;
use crate::records::{CustomerId, CustomerStatus};
use crate::Date;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// Days without an order after which a customer has stopped buying.
pub const STOPPED_BUYING_DAYS: i64 = 180;

/// One month of the churn chart.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChurnMonth {
    /// The month's first day.
    pub month: Date,
    /// Customers who stopped buying or were marked lost in the month (up to today in
    /// the current one).
    pub churned: usize,
    /// Customers active when the month began: an order in the [`STOPPED_BUYING_DAYS`]
    /// before its first day.
    pub active: usize,
    /// The month is today's, not over yet.
    pub so_far: bool,
}

impl ChurnMonth {
    /// `churned / active`; `None` when nobody was active (no rate, not 0 %).
    pub fn rate(&self) -> Option<f64> {
        (self.active > 0).then(|| self.churned as f64 / self.active as f64)
    }
}

fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The twelve months up to today's, oldest first.
pub fn churn_by_month(book: &Book, today: Date) -> Vec<ChurnMonth> {
    let last = month_index(today);
    let first = last - 11;
    let start_of = |i: i64| {
        Date::from_ymd_opt(i.div_euclid(12) as i32, i.rem_euclid(12) as u32 + 1, 1).unwrap_or(today)
    };
    let mut months: Vec<ChurnMonth> = (first..=last)
        .map(|i| ChurnMonth {
            month: start_of(i),
            churned: 0,
            active: 0,
            so_far: i == last,
        })
        .collect();
    let mut orders: IdHashMap<CustomerId, Vec<Date>> = IdHashMap::default();
    for o in book.orders().iter().filter(|o| o.date <= today) {
        orders.entry(o.customer).or_default().push(o.date);
    }
    let slot = |d: Date| {
        usize::try_from(month_index(d) - first)
            .ok()
            .filter(|i| *i < 12)
    };
    for (customer, dates) in &mut orders {
        dates.sort_unstable();
        dates.dedup();
        // Active at a month's start: an order in the window before it.
        for m in &mut months {
            let from = m.month - chrono::Duration::days(STOPPED_BUYING_DAYS);
            if dates.iter().any(|d| *d >= from && *d < m.month) {
                m.active += 1;
            }
        }
        // Stopped buying: the day the silence after an order reaches the limit, with no
        // order in between (a customer who comes back and stops again counts again).
        let mut stopped = None;
        for (i, d) in dates.iter().enumerate() {
            let reached = *d + chrono::Duration::days(STOPPED_BUYING_DAYS);
            let next = dates.get(i + 1).copied();
            if reached <= today && next.is_none_or(|n| n > reached) {
                stopped = Some(reached);
                if let Some(k) = slot(reached) {
                    months[k].churned += 1;
                }
            }
        }
        // Marked lost while still buying: counted in the month the win-back case about
        // it opened, or else of its last order (the status itself is not dated).
        let lost = book
            .customers()
            .get(customer.0)
            .is_some_and(|c| c.status == CustomerStatus::Lost);
        if lost && stopped.is_none_or(|s| dates.last().is_some_and(|l| *l > s)) {
            let opened = book
                .winback_cases()
                .of_customer(*customer)
                .map(|w| w.opened)
                .max();
            if let Some(k) = opened.or(dates.last().copied()).and_then(slot) {
                months[k].churned += 1;
            }
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;
    use crate::money::Money;
    use crate::records::*;
    use crate::sample::{sample_book, SampleSize};

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn order(book: &mut Book, customer: CustomerId, date: &str) {
        let today = d("2026-11-22");
        let record = Record::Order(Order {
            customer,
            date: d(date),
            amount: Money(10_000),
            ..Order::default()
        });
        let _ = book.apply(&Command::Create { record }, today);
    }

    #[test]
    fn a_customer_stops_buying_in_the_month_its_silence_reaches_the_limit() {
        let today = d("2026-11-22");
        let mut book = Book::new();
        let mut ids = Vec::new();
        for name in ["甲", "乙", "丙"] {
            let record = Record::Customer(Customer::new(name, d("2024-01-01")));
            let change = book.apply(&Command::Create { record }, today);
            ids.push(CustomerId(
                change.map(|c| c.puts[0].id()).unwrap_or_default(),
            ));
        }
        // 甲 last bought 2026-02-10: silent 180 days on 2026-08-09, an August churn.
        order(&mut book, ids[0], "2025-12-01");
        order(&mut book, ids[0], "2026-02-10");
        // 乙 keeps buying every two months.
        for date in [
            "2025-11-15",
            "2026-01-15",
            "2026-03-15",
            "2026-05-15",
            "2026-07-15",
            "2026-09-15",
            "2026-11-15",
        ] {
            order(&mut book, ids[1], date);
        }
        // 丙 bought in March and is marked lost in October with a case opened then.
        order(&mut book, ids[2], "2026-09-01");
        let mut c = book.customers().get(ids[2].0).cloned().unwrap_or_default();
        c.status = CustomerStatus::Lost;
        let _ = book.apply(
            &Command::Update {
                record: Record::Customer(c),
            },
            today,
        );
        let case = Record::WinbackCase(WinbackCase {
            customer: ids[2],
            opened: d("2026-10-12"),
            ..WinbackCase::default()
        });
        let _ = book.apply(&Command::Create { record: case }, today);

        let churn = churn_by_month(&book, today);
        assert_eq!(churn.len(), 12);
        assert_eq!(churn[0].month, d("2025-12-01"));
        assert!(churn[11].so_far && !churn[10].so_far);
        let at = |m: &str| {
            churn
                .iter()
                .find(|c| c.month == d(m))
                .copied()
                .unwrap_or(churn[0])
        };
        assert_eq!(at("2026-08-01").churned, 1);
        // Active on 1 August: 甲 (February is within 180 days) and 乙.
        assert_eq!(at("2026-08-01").active, 2);
        assert_eq!(at("2026-08-01").rate(), Some(0.5));
        assert_eq!(at("2026-10-01").churned, 1, "丙, marked lost");
        let total: usize = churn.iter().map(|c| c.churned).sum();
        assert_eq!(total, 2);
        // Before any order nobody was active: no rate, not 0 %.
        assert_eq!(churn_by_month(&Book::new(), today)[0].rate(), None);
    }

    /// The sample book's history reads as a believable curve: customers stop buying in
    /// most months, at a monthly rate a distributor would recognise (the old reading
    /// gave 0.0 % in every month).
    #[test]
    fn the_sample_book_shows_churn_in_most_months() {
        let today = d("2026-11-22");
        let book = sample_book(SampleSize::S, today);
        let churn = churn_by_month(&book, today);
        let with_churn = churn.iter().filter(|m| m.churned > 0).count();
        assert!(with_churn >= 8, "{churn:?}");
        for m in &churn {
            let rate = m.rate().unwrap_or(0.0);
            assert!(rate < 0.25, "{m:?}");
        }
    }
}
