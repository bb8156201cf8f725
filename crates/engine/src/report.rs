//! Figures for the dashboard: series over time that no single record holds.

mod churn;

pub use churn::{churn_by_month, ChurnMonth, STOPPED_BUYING_DAYS};

use crate::book::Book;
use crate::money::Money;
use crate::records::CustomerId;
use crate::Date;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// The book's plain figures for the dashboard's first row: customers by status, revenue
/// and orders of the last 12 months (and revenue of the 12 before, for the trend), open
/// complaints, staff by status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub customers: usize,
    /// Customers by the status someone gave them (not by the score): the customer
    /// list's status filter shows the same customers.
    pub at_risk: usize,
    pub lost: usize,
    pub won_back: usize,
    pub revenue_12m: Money,
    pub revenue_prev_12m: Money,
    pub orders_12m: usize,
    pub open_complaints: usize,
    pub staff_active: usize,
    pub staff_leaving: usize,
    pub staff_left: usize,
}

impl Summary {
    /// Change of revenue against the 12 months before, as a fraction; `None` without
    /// revenue before to compare with.
    pub fn revenue_trend(&self) -> Option<f64> {
        (self.revenue_prev_12m.fen() > 0)
            .then(|| self.revenue_12m.fen() as f64 / self.revenue_prev_12m.fen() as f64 - 1.0)
    }
}

pub fn summary(book: &Book, today: Date) -> Summary {
    use crate::records::{CustomerStatus, StaffStatus};
    let last = crate::period::Period::last_12_months(today);
    let before = crate::period::Period::previous_12_months(today);
    let mut s = Summary {
        customers: book.customers().len(),
        ..Summary::default()
    };
    for c in book.customers().iter() {
        match c.status {
            CustomerStatus::AtRisk => s.at_risk += 1,
            CustomerStatus::Lost => s.lost += 1,
            CustomerStatus::WonBack => s.won_back += 1,
            CustomerStatus::Active => {}
        }
    }
    for o in book.orders().iter() {
        if last.contains(o.date) {
            s.revenue_12m += o.amount;
            s.orders_12m += 1;
        } else if before.contains(o.date) {
            s.revenue_prev_12m += o.amount;
        }
    }
    s.open_complaints = book.complaints().iter().filter(|c| c.is_open()).count();
    for m in book.staff().iter() {
        match m.status {
            StaffStatus::Active => s.staff_active += 1,
            StaffStatus::Leaving(_) => s.staff_leaving += 1,
            StaffStatus::Left(_) => s.staff_left += 1,
        }
    }
    s
}

/// Revenue of one calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRevenue {
    pub year: i32,
    pub month: u32,
    pub revenue: Money,
    pub orders: u32,
}

/// Revenue per calendar month for the `months` months up to and including today's,
/// oldest first; months without orders are there with zero so gaps show.
pub fn monthly_revenue(book: &Book, today: Date, months: u32) -> Vec<MonthRevenue> {
    let index = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month0());
    let last = index(today);
    let first = last - i64::from(months.max(1)) + 1;
    let mut out: Vec<MonthRevenue> = (first..=last)
        .map(|i| MonthRevenue {
            year: i.div_euclid(12) as i32,
            month: i.rem_euclid(12) as u32 + 1,
            revenue: Money::ZERO,
            orders: 0,
        })
        .collect();
    for o in book.orders().iter().filter(|o| o.date <= today) {
        let i = index(o.date);
        if i >= first {
            if let Some(slot) = usize::try_from(i - first).ok().and_then(|k| out.get_mut(k)) {
                slot.revenue += o.amount;
                slot.orders += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{sample_book, SampleSize};

    #[test]
    fn months_add_up_to_the_orders_in_their_span() {
        let today = Date::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let book = sample_book(SampleSize::S, today);
        let series = monthly_revenue(&book, today, 12);
        assert_eq!(series.len(), 12);
        assert_eq!((series[0].year, series[0].month), (2025, 12));
        assert_eq!((series[11].year, series[11].month), (2026, 11));
        let start = Date::from_ymd_opt(2025, 12, 1).unwrap_or_default();
        let expected: Money = book
            .orders()
            .iter()
            .filter(|o| o.date >= start && o.date <= today)
            .map(|o| o.amount)
            .sum();
        assert_eq!(series.iter().map(|m| m.revenue).sum::<Money>(), expected);
        assert!(series.iter().all(|m| m.orders > 0));
    }

    #[test]
    fn january_wraps_to_the_year_before() {
        let today = Date::from_ymd_opt(2026, 1, 5).unwrap_or_default();
        let series = monthly_revenue(&Book::new(), today, 3);
        let months: Vec<(i32, u32)> = series.iter().map(|m| (m.year, m.month)).collect();
        assert_eq!(months, vec![(2025, 11), (2025, 12), (2026, 1)]);
    }
}

/// The "forgotten customer" buckets Chinese CRMs show (遗忘客户): how many customers not
/// lost have had no follow-up for more than each of these days.
pub const FORGOTTEN_DAYS: [i64; 5] = [7, 15, 30, 90, 180];

/// Customers (not lost) with no interaction for more than each of [`FORGOTTEN_DAYS`],
/// counted from the day they came when there never was one. Each bucket includes the
/// longer ones ("more than 30 days" counts those silent for 90 too).
pub fn forgotten(book: &Book, today: Date) -> [usize; 5] {
    let mut last: std::collections::HashMap<crate::CustomerId, Date> =
        std::collections::HashMap::new();
    for i in book.interactions().iter().filter(|i| i.date <= today) {
        let slot = last.entry(i.customer).or_insert(i.date);
        *slot = (*slot).max(i.date);
    }
    let mut counts = [0; 5];
    for c in book
        .customers()
        .iter()
        .filter(|c| c.status != crate::CustomerStatus::Lost)
    {
        let since = last.get(&c.id).copied().unwrap_or(c.since);
        let silent = (today - since).num_days();
        for (slot, days) in counts.iter_mut().zip(FORGOTTEN_DAYS) {
            if silent > days {
                *slot += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod forgotten_tests {
    use super::*;
    use crate::command::Command;
    use crate::records::*;

    #[test]
    fn buckets_count_customers_silent_longer_than_each_limit() {
        let today = Date::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let mut book = Book::new();
        let ago = |d: i64| crate::records::dates::plus_days(today, -(d));
        for (name, last) in [
            ("a", Some(3)),
            ("b", Some(20)),
            ("c", Some(100)),
            ("d", None),
        ] {
            let Ok(change) = book.apply(
                &Command::Create {
                    record: Record::Customer(Customer::new(name, ago(400))),
                },
                today,
            ) else {
                panic!("valid customer");
            };
            let customer = CustomerId(change.created.map_or(0, |k| k.id));
            if let Some(days) = last {
                let interaction = Interaction {
                    customer,
                    date: ago(days),
                    ..Interaction::default()
                };
                assert!(book
                    .apply(
                        &Command::Create {
                            record: Record::Interaction(interaction)
                        },
                        today
                    )
                    .is_ok());
            }
        }
        assert_eq!(forgotten(&book, today), [3, 3, 2, 2, 1]);
    }
}

/// A customer left without follow-up, for the forgotten-customer lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Forgotten {
    pub customer: CustomerId,
    /// The latest interaction, if there ever was one.
    pub last: Option<Date>,
    /// Days since then (or since the customer came).
    pub silent_days: i64,
    /// A next contact planned at the latest interaction and not kept.
    pub missed_next_contact: Option<Date>,
}

/// Customers (not lost) silent for more than `days`, longest silence first; with
/// `days = None`, those whose planned next contact has passed with no interaction since.
pub fn forgotten_list(book: &Book, today: Date, days: Option<i64>) -> Vec<Forgotten> {
    let latest = crate::next_contact::latest_follow_ups(book, today);
    let mut out: Vec<Forgotten> = book
        .customers()
        .iter()
        .filter(|c| c.status != crate::CustomerStatus::Lost)
        .filter_map(|c| {
            let last = latest.get(&c.id).copied();
            let silent_days = (today - last.map_or(c.since, |l| l.date)).num_days();
            let missed = last
                .and_then(|l| l.next_contact)
                .filter(|next| *next < today);
            let listed = match days {
                Some(d) => silent_days > d,
                None => missed.is_some(),
            };
            listed.then_some(Forgotten {
                customer: c.id,
                last: last.map(|l| l.date),
                silent_days,
                missed_next_contact: missed,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.silent_days
            .cmp(&a.silent_days)
            .then(a.customer.cmp(&b.customer))
    });
    out
}

#[cfg(test)]
mod forgotten_list_tests {
    use super::*;
    use crate::command::Command;
    use crate::records::*;

    #[test]
    fn lists_agree_with_the_counts_and_catch_missed_next_contacts() {
        let today = Date::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let book = crate::sample::sample_book(crate::sample::SampleSize::S, today);
        let counts = forgotten(&book, today);
        for (days, count) in FORGOTTEN_DAYS.iter().zip(counts) {
            let list = forgotten_list(&book, today, Some(*days));
            assert_eq!(list.len(), count, "{days}");
            assert!(list
                .windows(2)
                .all(|w| w[0].silent_days >= w[1].silent_days));
        }
        let mut book = book;
        let customer = book
            .customers()
            .iter()
            .find(|c| c.status != CustomerStatus::Lost)
            .map(|c| c.id)
            .unwrap_or_default();
        let ago = |d: i64| crate::records::dates::plus_days(today, -(d));
        let log = |next: Option<Date>, date: Date| Command::Create {
            record: Record::Interaction(Interaction {
                customer,
                date,
                next_contact: next,
                ..Interaction::default()
            }),
        };
        assert!(book.apply(&log(Some(ago(2)), ago(10)), today).is_ok());
        let missed = forgotten_list(&book, today, None);
        assert!(missed
            .iter()
            .any(|f| f.customer == customer && f.missed_next_contact == Some(ago(2))));
        assert!(book.apply(&log(None, ago(1)), today).is_ok());
        let missed = forgotten_list(&book, today, None);
        assert!(
            missed.iter().all(|f| f.customer != customer),
            "a later contact keeps the promise"
        );
        let bad = log(Some(ago(20)), ago(10));
        assert!(
            book.apply(&bad, today).is_err(),
            "next contact before the contact itself"
        );
    }
}
