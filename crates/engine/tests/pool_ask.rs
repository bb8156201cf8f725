//! Issue 15.12: turning the pool rules on moved 63 of 200 sample customers at the next
//! opening — cannot-lose customers among them — without asking. A run that the new
//! rules, cannot-lose customers or a large share would make asks first.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::pool::{ask_first, recycle, AskFirst, PoolSettings};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

#[test]
fn switching_the_rules_on_for_a_full_book_asks_before_moving_anyone() {
    let book = sample_book(SampleSize::S, today());
    let settings = PoolSettings {
        enabled: true,
        ..PoolSettings::default()
    };
    let (due, _) = recycle(&book, &settings, today()).expect("some are due");
    assert!(due.len() > 5, "{}", due.len());
    let ask = ask_first(&book, &settings, None, &due);
    assert!(ask.contains(&AskFirst::RulesChanged), "{ask:?}");
    assert!(
        ask.iter().any(|a| matches!(a, AskFirst::LargeShare { .. })),
        "{ask:?}"
    );
    let cannot_lose = due
        .iter()
        .filter(|c| {
            book.customers()
                .get(c.customer.0)
                .is_some_and(|x| x.cannot_lose)
        })
        .count();
    if cannot_lose > 0 {
        assert!(ask.contains(&AskFirst::CannotLose(cannot_lose)), "{ask:?}");
    }
    // Once the manager said yes to these rules, a few due customers move without asking.
    let few = &due[..3.min(due.len())];
    let plain: Vec<_> = few
        .iter()
        .filter(|c| {
            !book
                .customers()
                .get(c.customer.0)
                .is_some_and(|x| x.cannot_lose)
        })
        .copied()
        .collect();
    assert_eq!(ask_first(&book, &settings, Some(&settings), &plain), vec![]);
    // Nothing due: nothing to ask.
    assert_eq!(ask_first(&book, &settings, None, &[]), vec![]);
}
