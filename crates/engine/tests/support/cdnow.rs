//! The public CDNOW sample's raw transactions (2,357 customers of a CD retailer, first
//! purchases in Q1 1997, orders to 1998-06-30) as a user's book, and the two naive
//! rankings any analyst tries first. Shared by the risk tests and the value benchmark.

use liuke_engine::value::{summaries, BgNbd, FitOptions};
use liuke_engine::*;
use std::collections::BTreeMap;

pub fn date(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").expect("a date in the fixture")
}

pub fn cut() -> Date {
    date("1997-09-30")
}

pub const WATCH_DAYS: u32 = 273;

/// One customer per CDNOW id, starting on its first order, with every transaction
/// (several on one day included) as an order.
pub fn cdnow_book() -> Book {
    let text = include_str!("../fixtures/cdnow_transactions.csv");
    let rows: Vec<(u64, Date, u32, i64)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            let id = cols[0].parse().expect("an id");
            let amount: f64 = cols[3].parse().expect("an amount");
            (
                id,
                date(cols[1]),
                cols[2].parse().expect("a count"),
                (amount * 100.0).round() as i64,
            )
        })
        .collect();
    let mut first: BTreeMap<u64, Date> = BTreeMap::new();
    for (id, d, _, _) in &rows {
        let f = first.entry(*id).or_insert(*d);
        *f = (*f).min(*d);
    }
    let mut records: Vec<Record> = first
        .iter()
        .map(|(id, since)| {
            Record::Customer(Customer {
                id: CustomerId(*id),
                name: format!("CDNOW-{id:05}"),
                industry: "零售".into(),
                tier: Tier::C,
                since: *since,
                ..Customer::default()
            })
        })
        .collect();
    let mut next = first.keys().max().copied().unwrap_or(0) + 1;
    for (id, d, cds, fen) in rows {
        records.push(Record::Order(Order {
            id: OrderId(next),
            customer: CustomerId(id),
            date: d,
            amount: Money(fen),
            quantity: cds,
            ..Order::default()
        }));
        next += 1;
    }
    Book::from_records(records, next)
}

/// (ranking value, churned) per customer.
pub type Ranking = Vec<(f64, bool)>;

/// Days since the last order and BG/NBD expected purchases in the watch (negated) as
/// of `at`, for every customer who ordered in the year before it (the backtest's
/// customers); the model is fitted on what was known at `at`.
pub fn baselines(book: &Book, at: Date, watch_days: u32) -> (Ranking, Ranking) {
    let end = at + chrono::Duration::days(i64::from(watch_days));
    let bought_after: std::collections::HashSet<CustomerId> = book
        .orders()
        .iter()
        .filter(|o| o.date > at && o.date <= end)
        .map(|o| o.customer)
        .collect();
    let data = summaries(book, at);
    let only: Vec<_> = data.iter().map(|(_, s)| *s).collect();
    let model = BgNbd::fit(&only, &FitOptions::default()).expect("BG/NBD fits");
    let weeks = f64::from(watch_days) / 7.0;
    let mut recency = Vec::new();
    let mut expected = Vec::new();
    for (id, s) in &data {
        let days = ((s.t - s.t_x) * 7.0).round();
        if days >= 365.0 {
            continue;
        }
        let churned = !bought_after.contains(id);
        recency.push((days, churned));
        let e = model.expected_purchases(s, weeks).expect("converges");
        expected.push((-e, churned));
    }
    (recency, expected)
}
