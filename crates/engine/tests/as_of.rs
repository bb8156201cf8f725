//! Looking at the book as of a day (issue 25, point 2): every figure counts only what had
//! happened by then. The view is decided once (`Book::as_of`); these tests check it on
//! the real CDNOW history cut at 1997-10-01, on the sample book with every kind of dated
//! step, and that each figure family computed on it agrees with a count made here.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::book::Later;
use liuke_engine::report::{forgotten, summary};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use proptest::prelude::*;
use std::borrow::Cow;

#[path = "support/cdnow.rs"]
#[allow(dead_code)]
mod cdnow;

use cdnow::{cdnow_book, date};

/// The CDNOW history as of 1997-10-01 is the book of the orders dated by then, nothing
/// more; the rest is counted as later.
#[test]
fn cdnow_as_of_a_day_is_the_history_up_to_it() {
    let book = cdnow_book();
    let day = date("1997-10-01");
    let view = book.as_of(day);
    assert!(matches!(view, Cow::Owned(_)), "later orders are left out");
    let before: Vec<Record> = book
        .records(RecordKind::Customer)
        .into_iter()
        .chain(
            book.records(RecordKind::Order)
                .into_iter()
                .filter(|r| matches!(r, Record::Order(o) if o.date <= day)),
        )
        .collect();
    let expected = Book::from_records(before, book.next_id());
    assert_eq!(*view, expected);
    let later = book.orders().iter().filter(|o| o.date > day).count();
    assert_eq!(
        book.later_than(day),
        Later {
            customers: 0,
            orders: later,
            other: 0
        }
    );
    // The 12-month tile counts the orders of the year up to the day, none after it.
    let year_before = book
        .orders()
        .iter()
        .filter(|o| o.date <= day && (day - o.date).num_days() < 365)
        .count();
    assert_eq!(summary(&view, day).orders_12m, year_before);
    // A customer's last order as of the day is never one placed after it.
    let last_then = |c: CustomerId| {
        book.orders()
            .of_customer(c)
            .filter(|o| o.date <= day)
            .map(|o| o.date)
            .max()
    };
    let moved = book
        .customers()
        .iter()
        .filter(|c| book.last_order(c.id) != last_then(c.id))
        .count();
    assert!(moved > 500, "many CDNOW customers ordered after the day");
    for c in view.customers().iter() {
        assert_eq!(view.last_order(c.id), last_then(c.id));
    }
}

/// The sample book cut at mid-year: nothing in the view is dated after the day, steps
/// taken later are undone, customers who came later are gone with all their records,
/// and what was left out is counted.
#[test]
fn sample_as_of_mid_year_undoes_what_came_after() {
    let today = date("2026-11-22");
    let book = sample_book(SampleSize::S, today);
    assert!(
        matches!(book.as_of(today), Cow::Borrowed(_)),
        "looking at today copies nothing"
    );
    let day = date("2026-06-30");
    let view = book.as_of(day).into_owned();
    for c in view.customers().iter() {
        assert!(c.since <= day);
    }
    for kind in RecordKind::ALL {
        for record in view.records(kind) {
            for d in record_dates(&record) {
                assert!(d <= day, "{kind:?} {record:?} keeps a date after {day}");
            }
            if let Some(c) = record.customer() {
                assert!(
                    view.customers().contains(c.0),
                    "{record:?} lost its customer"
                );
            }
        }
    }
    // Complaints: those received by then are all there, open if resolved later.
    let open_then = book
        .complaints()
        .iter()
        .filter(|c| c.received <= day && c.resolved_on.is_none_or(|r| r > day))
        .filter(|c| {
            book.customers()
                .get(c.customer.0)
                .is_some_and(|x| x.since <= day)
        })
        .count();
    assert!(
        book.complaints()
            .iter()
            .any(|c| c.received <= day && c.resolved_on.is_some_and(|r| r > day)),
        "the sample has a complaint resolved after the day"
    );
    assert_eq!(summary(&view, day).open_complaints, open_then);
    assert_ne!(summary(&book, day).open_complaints, open_then);
    // Ownerships ended later are live on the day.
    for r in view.relationships().iter() {
        let now = book.relationships().get(r.id.0).unwrap();
        assert_eq!(r.until.is_none(), now.until.is_none_or(|u| u > day));
    }
    // Staff who left after the day were still employed, leaving on that date.
    for m in view.staff().iter() {
        if let StaffStatus::Left(on) = book.staff().get(m.id.0).unwrap().status {
            let then = if on > day {
                StaffStatus::Leaving(on)
            } else {
                StaffStatus::Left(on)
            };
            assert_eq!(m.status, then);
        }
    }
    // Orders: every one dated by then of a customer who was one by then.
    let orders_then = book
        .orders()
        .iter()
        .filter(|o| o.date <= day)
        .filter(|o| {
            book.customers()
                .get(o.customer.0)
                .is_some_and(|c| c.since <= day)
        })
        .count();
    assert_eq!(view.orders().len(), orders_then);
    let later = book.later_than(day);
    assert_eq!(later.orders, book.orders().len() - orders_then);
    assert_eq!(
        later.customers,
        book.customers().iter().filter(|c| c.since > day).count()
    );
    assert!(later.other > 0);
    // The forgotten buckets and the customer count follow the customers of the day.
    assert_eq!(
        summary(&view, day).customers,
        book.customers().len() - later.customers
    );
    assert!(forgotten(&view, day)
        .iter()
        .zip(forgotten(&book, day))
        .all(|(a, b)| a <= &b));
    // Looking again at the view changes nothing.
    assert!(matches!(view.as_of(day), Cow::Borrowed(_)));

    // A handover planned for the leaver's last day, ahead of today, is there today: a
    // plan is not a record dated after the day.
    let mut planned = book.clone();
    let customer = planned.customers().iter().next().unwrap().id;
    let to = planned.staff().iter().next().unwrap().id;
    let handover = Record::Handover(Handover {
        customer,
        to,
        on: today + chrono::Duration::days(39),
        ..Handover::default()
    });
    planned
        .apply(&Command::Create { record: handover }, today)
        .expect("a planned handover");
    assert!(matches!(planned.as_of(today), Cow::Borrowed(_)));
}

/// Every date a record holds that says something happened (not a due date or a
/// birthday, which may lie ahead).
fn record_dates(record: &Record) -> Vec<Date> {
    match record {
        Record::Customer(c) => vec![c.since],
        Record::Order(o) => vec![o.date],
        Record::Interaction(i) => vec![i.date],
        Record::Survey(s) => vec![s.date],
        Record::Signal(s) => vec![s.date],
        Record::Complaint(c) => [
            Some(c.received),
            c.investigating_on,
            c.resolved_on,
            c.reported_back_on,
        ]
        .into_iter()
        .flatten()
        .collect(),
        Record::Relationship(r) => [Some(r.since), r.until].into_iter().flatten().collect(),
        Record::Task(t) => t.done.into_iter().collect(),
        // A handover's own day is when it is due, which may lie ahead.
        Record::Handover(h) => h
            .status_on
            .into_iter()
            .chain(h.steps.iter().filter_map(|s| s.done))
            .collect(),
        Record::Instalment(i) => i.paid_on.into_iter().collect(),
        Record::WinbackCase(w) => [Some(w.opened), w.closed]
            .into_iter()
            .flatten()
            .chain(w.actions.iter().filter_map(|a| a.done))
            .collect(),
        Record::Announcement(a) => std::iter::once(a.date)
            .chain(a.told.iter().map(|t| t.on))
            .collect(),
        Record::Deferral(d) => vec![d.made],
        Record::Staff(s) => match s.status {
            StaffStatus::Left(on) => vec![on],
            _ => Vec::new(),
        },
        Record::Contact(_) | Record::KeyDate(_) => Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any day a user picks, from before the book began to years after: the view never
    /// panics, holds nothing dated after the day, and looking at it again copies nothing.
    #[test]
    fn any_day_gives_a_view_with_nothing_after_it(offset in -4_000i64..2_000) {
        let today = date("2026-11-22");
        let book = sample_book(SampleSize::S, today);
        let day = today + chrono::Duration::days(offset);
        let view = book.as_of(day).into_owned();
        for kind in RecordKind::ALL {
            for record in view.records(kind) {
                prop_assert!(record_dates(&record).iter().all(|d| *d <= day));
            }
        }
        prop_assert!(matches!(view.as_of(day), Cow::Borrowed(_)));
        let later = book.later_than(day);
        prop_assert_eq!(later.orders, book.orders().len() - view.orders().len());
    }
}
