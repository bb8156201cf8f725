//! From a transaction log to the models' RFM summary, exactly as Python `lifetimes`
//! 0.11.3 does it in `utils.summary_data_from_transaction_data(..., freq='W' or 'D',
//! monetary_value_col=..., observation_period_end=end)`:
//!
//! 1. Every date becomes its *period*: the day itself (`D`), or the Monday starting its
//!    week (`W`, which pandas reads as `W-SUN`: weeks run Monday to Sunday). The end of
//!    observation becomes its period the same way.
//! 2. Rows whose period lies after the end's period are dropped. With weeks this keeps
//!    rows dated later in the end's own week, as `lifetimes` does (it compares period
//!    starts); with days it is exactly "rows after the end are ignored". A customer left
//!    without rows is not in the summary.
//! 3. Rows of one customer in the same period are one purchase worth their sum.
//! 4. frequency = purchases (periods) − 1; recency = last period − first period and
//!    T = end period − first period, counted in units (whole weeks or days); the
//!    monetary value is the mean of the repeat periods' sums (the first period is left
//!    out), 0 without repeat purchases.
//!
//! The engine's [`liuke_engine::value::summarize`] is a different derivation: it keeps
//! days and divides them by 7 (fractional weeks), which is what the app fits on.

use crate::Date;
use chrono::Datelike;
use liuke_engine::value::Summary;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// The model's time unit, as `lifetimes`' `freq`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Week,
    Day,
}

impl Unit {
    pub fn parse(text: &str) -> Option<Unit> {
        match text {
            "week" | "weeks" | "W" => Some(Unit::Week),
            "day" | "days" | "D" => Some(Unit::Day),
            _ => None,
        }
    }

    /// The first day of the period `date` falls in.
    pub fn period(self, date: Date) -> Date {
        match self {
            Unit::Day => date,
            Unit::Week => {
                date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()))
            }
        }
    }

    fn days(self) -> f64 {
        match self {
            Unit::Week => 7.0,
            Unit::Day => 1.0,
        }
    }
}

/// One row of a transaction log.
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    pub customer: String,
    pub date: Date,
    pub amount: f64,
}

/// The summary of every customer with a purchase in a period up to `end`'s, ordered by
/// customer id (numerically when every id is a whole number, as pandas would sort them).
pub fn summarize(transactions: &[Transaction], end: Date, unit: Unit) -> Vec<(String, Summary)> {
    let last = unit.period(end);
    let mut periods: HashMap<&str, BTreeMap<Date, f64>> = HashMap::new();
    for t in transactions {
        let period = unit.period(t.date);
        if period <= last {
            *periods
                .entry(t.customer.as_str())
                .or_default()
                .entry(period)
                .or_insert(0.0) += t.amount;
        }
    }
    let units = |from: Date, to: Date| (to - from).num_days() as f64 / unit.days();
    let mut out: Vec<(String, Summary)> = periods
        .into_iter()
        .filter_map(|(customer, sums)| {
            let (&first, _) = sums.first_key_value()?;
            let (&latest, _) = sums.last_key_value()?;
            let x = sums.len() - 1;
            let repeat: f64 = sums.values().skip(1).sum();
            let summary = Summary {
                x: u32::try_from(x).unwrap_or(u32::MAX),
                t_x: units(first, latest),
                t: units(first, last),
                mean_spend: if x > 0 { repeat / x as f64 } else { 0.0 },
            };
            Some((customer.to_string(), summary))
        })
        .collect();
    let numeric = out.iter().all(|(id, _)| id.parse::<i128>().is_ok());
    out.sort_by(|(p, _), (q, _)| compare_ids(p, q, numeric));
    out
}

fn compare_ids(p: &str, q: &str, numeric: bool) -> Ordering {
    if numeric {
        if let (Ok(a), Ok(b)) = (p.parse::<i128>(), q.parse::<i128>()) {
            return a.cmp(&b).then_with(|| p.cmp(q));
        }
    }
    p.cmp(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or_default()
    }

    fn log(rows: &[(&str, &str, f64)]) -> Vec<Transaction> {
        rows.iter()
            .map(|&(c, d, a)| Transaction {
                customer: c.to_string(),
                date: day(d),
                amount: a,
            })
            .collect()
    }

    fn find<'a>(rows: &'a [(String, Summary)], id: &str) -> Option<&'a Summary> {
        rows.iter().find(|(c, _)| c == id).map(|(_, s)| s)
    }

    // 2024-01-01 is a Monday; 2024-01-31 (the end) a Wednesday in the week of Mon 29 Jan.
    // Values checked by hand against lifetimes 0.11.3 (pandas periods 'W-SUN' / 'D').
    fn sample() -> Vec<Transaction> {
        log(&[
            // Customer 1: Mon 1 Jan and Sun 7 Jan share a week; Wed 17 Jan is week +2;
            // Fri 2 Feb is after the end but in the end's week, so lifetimes keeps it.
            ("1", "2024-01-01", 10.0),
            ("1", "2024-01-07", 5.0),
            ("1", "2024-01-17", 20.0),
            ("1", "2024-02-02", 30.0),
            // Customer 2: one purchase only, on Tue 9 Jan.
            ("2", "2024-01-09", 50.0),
            // Customer 10: first purchase after the end's week: dropped.
            ("10", "2024-02-05", 8.0),
            // Customer 3: two rows the same day, then one a week later.
            ("3", "2024-01-15", 4.0),
            ("3", "2024-01-15", 6.0),
            ("3", "2024-01-22", 12.5),
        ])
    }

    #[test]
    fn weeks_as_lifetimes_counts_them() {
        let rows = summarize(&sample(), day("2024-01-31"), Unit::Week);
        let ids: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        // Weeks starting 1, 15 and 29 Jan: x = 2, recency 4, T 4, mean (20 + 30) / 2.
        let one = find(&rows, "1").copied();
        assert_eq!(
            one,
            Some(Summary {
                x: 2,
                t_x: 4.0,
                t: 4.0,
                mean_spend: 25.0
            })
        );
        // Week of 8 Jan to the week of 29 Jan: T = 3.
        let two = find(&rows, "2").copied();
        assert_eq!(
            two,
            Some(Summary {
                x: 0,
                t_x: 0.0,
                t: 3.0,
                mean_spend: 0.0
            })
        );
        let three = find(&rows, "3").copied();
        assert_eq!(
            three,
            Some(Summary {
                x: 1,
                t_x: 1.0,
                t: 2.0,
                mean_spend: 12.5
            })
        );
    }

    #[test]
    fn days_as_lifetimes_counts_them() {
        let rows = summarize(&sample(), day("2024-01-31"), Unit::Day);
        // The 2 Feb row is after the end: x = 2 (1, 7 and 17 Jan), recency 16, T 30,
        // mean (5 + 20) / 2.
        let one = find(&rows, "1").copied();
        assert_eq!(
            one,
            Some(Summary {
                x: 2,
                t_x: 16.0,
                t: 30.0,
                mean_spend: 12.5
            })
        );
        // Same-day rows are one purchase; the first day's 10 is not a repeat.
        let three = find(&rows, "3").copied();
        assert_eq!(
            three,
            Some(Summary {
                x: 1,
                t_x: 7.0,
                t: 16.0,
                mean_spend: 12.5
            })
        );
        assert!(find(&rows, "10").is_none());
    }

    #[test]
    fn periods_start_on_monday() {
        assert_eq!(Unit::Week.period(day("2024-01-07")), day("2024-01-01"));
        assert_eq!(Unit::Week.period(day("2024-01-08")), day("2024-01-08"));
        assert_eq!(Unit::Day.period(day("2024-01-07")), day("2024-01-07"));
    }

    #[test]
    fn numeric_ids_sort_as_numbers_others_as_text() {
        let rows = summarize(
            &log(&[("10", "2024-01-01", 1.0), ("9", "2024-01-01", 1.0)]),
            day("2024-01-31"),
            Unit::Day,
        );
        assert_eq!(rows[0].0, "9");
        let rows = summarize(
            &log(&[("b", "2024-01-01", 1.0), ("a", "2024-01-01", 1.0)]),
            day("2024-01-31"),
            Unit::Day,
        );
        assert_eq!(rows[0].0, "a");
    }
}
