//! Value of the customers in a book: summaries as `lifetimes` derives them, ABC tiers,
//! and CLV from models fitted on the sample book.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::value::*;
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 3, 15).expect("valid")
}

fn order(id: u64, date: Date, yuan: i64) -> Order {
    Order {
        id: OrderId(id),
        customer: CustomerId(1),
        date,
        amount: Money::from_yuan(yuan),
        ..Order::default()
    }
}

#[test]
fn a_summary_counts_purchase_days_in_weeks() {
    let d = |day: u32| Date::from_ymd_opt(2026, 1, day).expect("valid");
    let orders = [
        order(1, d(1), 100),
        order(2, d(8), 30),
        order(3, d(8), 20),
        order(4, d(29), 70),
    ];
    let refs: Vec<&Order> = orders.iter().collect();
    let s = summarize(&refs, d(31)).expect("a summary");
    assert_eq!(s.x, 2);
    assert!((s.t_x - 4.0).abs() < 1e-12);
    assert!((s.t - 30.0 / 7.0).abs() < 1e-12);
    // Repeat purchase days: 50 and 70.
    assert!((s.mean_spend - 60.0).abs() < 1e-12);
    assert!(summarize(&[], d(31)).is_none());
}

#[test]
fn abc_tiers_follow_the_pareto_shares() {
    let revenue: Vec<(CustomerId, Money)> = [600, 150, 100, 80, 40, 20, 10, 0]
        .iter()
        .enumerate()
        .map(|(i, y)| (CustomerId(i as u64 + 1), Money::from_yuan(*y)))
        .collect();
    let tiers: std::collections::HashMap<CustomerId, Abc> =
        abc_tiers(&revenue).into_iter().collect();
    let of = |i: u64| tiers[&CustomerId(i)];
    // Total 1000: 600 reaches 60 %, 150 starts below 70 % → A; 100 and 80 take it past 90 %.
    assert_eq!([of(1), of(2)], [Abc::A, Abc::A]);
    assert_eq!([of(3), of(4)], [Abc::B, Abc::B]);
    assert_eq!([of(5), of(6), of(7), of(8)], [Abc::C; 4]);
}

#[test]
fn value_at_risk_is_value_times_risk() {
    assert_eq!(value_at_risk(1000.0, 0.25), 250.0);
    assert_eq!(value_at_risk(1000.0, 2.0), 1000.0);
    assert_eq!(value_at_risk(-5.0, 0.5), 0.0);
}

#[test]
fn the_sample_book_supports_a_fit_and_gives_clv() {
    let book = sample_book(SampleSize::S, today());
    let models = fit_book(&book, today(), &FitOptions::default()).expect("fits");
    let values = value_book(&book, today(), Some(&models), &ValueSettings::default());
    assert_eq!(values.len(), book.customers().len());
    let with_clv: Vec<&CustomerValue> = values.iter().filter(|v| v.clv.is_some()).collect();
    assert!(!with_clv.is_empty());
    for v in &with_clv {
        let clv = v.clv.unwrap_or_default();
        assert!(clv.is_finite() && clv >= 0.0, "{v:?}");
        let p = v.p_alive.unwrap_or_default();
        assert!((0.0..=1.0).contains(&p));
    }
    // The biggest customers by recent revenue are A, and A is a minority.
    let a = values.iter().filter(|v| v.abc == Abc::A).count();
    assert!(a > 0 && a < values.len() / 2, "{a}");
    // A longer horizon never lowers CLV.
    let longer = ValueSettings {
        horizon_months: 24,
        ..ValueSettings::default()
    };
    let later = value_book(&book, today(), Some(&models), &longer);
    for (short, long) in values.iter().zip(&later) {
        if let (Some(s), Some(l)) = (short.clv, long.clv) {
            assert!(l >= s - 1e-9);
        }
    }
}

#[test]
fn an_empty_book_cannot_be_fitted_and_says_why() {
    let book = Book::new();
    assert!(matches!(
        fit_book(&book, today(), &FitOptions::default()),
        Err(FitError::TooLittleData { .. })
    ));
    assert!(value_book(&book, today(), None, &ValueSettings::default()).is_empty());
}
