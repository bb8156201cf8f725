//! Hostile backups: random books with extreme dates, ids, amounts, scores and long
//! strings, written as a backup file and restored as a user would. Each is either refused
//! with a reason or restored, and a restored book computes every view (risk, value, the
//! register, the agenda, the pool, the reports, the win-back review, the customer list,
//! the concentration report, learning weights, the backtest) without a panic.
//!
//! 2,000 cases in the suite; `PROPTEST_CASES=1000000 cargo test --release -p liuke-engine
//! --test hostile` runs a million. `HOSTILE_TRACE=1` prints whether each book was restored
//! or why it was refused, to keep the generator producing books that restore.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/views.rs"]
mod views;

use liuke_engine::interchange::backup::restore;
use liuke_engine::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("a date")
}

/// Mostly recent days, sometimes the ends of what the year check allows and beyond it,
/// written as a backup writes them (years past 9999 with a sign).
fn date() -> BoxedStrategy<String> {
    prop_oneof![
        150 => (0i64..3000).prop_map(|d| (today() - chrono::Duration::days(d)).to_string()),
        10 => (-400i64..0).prop_map(|d| (today() - chrono::Duration::days(d)).to_string()),
        1 => prop_oneof![Just(1900), Just(2200), Just(1899), Just(2201), Just(262_000), Just(-262_000), Just(9999)]
            .prop_map(|y: i32| {
                let d = Date::from_ymd_opt(y, 12, 31).unwrap_or(if y > 0 { Date::MAX } else { Date::MIN });
                d.to_string()
            }),
    ]
    .boxed()
}

fn id() -> BoxedStrategy<u64> {
    prop_oneof![
        200 => 1u64..40,
        1 => Just(0u64),
        2 => prop_oneof![Just((1u64 << 53) - 1), Just(1u64 << 53), Just(u64::MAX), Just((1u64 << 61) + 1)],
    ]
    .boxed()
}

fn amount() -> BoxedStrategy<i64> {
    prop_oneof![
        100 => 0i64..10_000_000,
        1 => prop_oneof![Just(i64::MAX), Just(i64::MIN), Just(-1i64), Just(i64::MAX / 2)],
    ]
    .boxed()
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        60 => "[a-z\\u{4e00}-\\u{4e2f}]{1,12}",
        1 => Just(String::new()),
        1 => (1usize..20_000).prop_map(|n| "长".repeat(n)),
    ]
    .boxed()
}

/// One record of some kind, as backup JSON, referring to customers and staff by id.
/// Boxed branches: unboxed, the strategy's trees overflow a test thread's stack.
fn record() -> BoxedStrategy<(&'static str, Value)> {
    prop_oneof![
        (id(), text(), date(), prop_oneof![Just("A"), Just("B"), Just("C")]).prop_map(|(id, name, since, tier)| ("customers", json!({
            "id": id, "name": name, "since": since, "tier": tier
        }))).boxed(),
        (id(), text(), date(), prop::option::weighted(0.1, date())).prop_map(|(id, name, hired, leaving)| ("staff", json!({
            "id": id, "name": name, "hire_date": hired,
            "status": leaving.map_or(json!({"state": "active"}), |d| json!({"state": "leaving", "on": d}))
        }))).boxed(),
        (id(), id(), id(), date(), prop::option::weighted(0.1, date())).prop_map(|(id, c, s, since, until)| ("relationships", json!({
            "id": id, "customer": c, "staff": s, "role": "owner", "since": since, "until": until
        }))).boxed(),
        (id(), id(), date(), amount(), prop_oneof![9 => Just(None), 1 => amount().prop_map(Some)], 0u32..1000).prop_map(|(id, c, d, a, m, q)| ("orders", json!({
            "id": id, "customer": c, "date": d, "amount": a, "margin": m.unwrap_or(a / 5), "quantity": q
        }))).boxed(),
        (id(), id(), date(), prop::option::weighted(0.1, date())).prop_map(|(id, c, d, next)| ("interactions", json!({
            "id": id, "customer": c, "date": d, "next_contact": next, "summary": "回访"
        }))).boxed(),
        (id(), id(), date(), prop::option::weighted(0.1, date())).prop_map(|(id, c, d, resolved)| ("complaints", json!({
            "id": id, "customer": c, "received": d, "subject": "质量",
            "investigating_on": resolved.clone(), "resolved_on": resolved
        }))).boxed(),
        (id(), id(), date(), prop_oneof![9 => 1u8..=5, 1 => any::<u8>()]).prop_map(|(id, c, d, score)| ("surveys", json!({
            "id": id, "customer": c, "date": d, "score": score
        }))).boxed(),
        (id(), id(), date()).prop_map(|(id, c, d)| ("signals", json!({
            "id": id, "customer": c, "date": d
        }))).boxed(),
        (id(), id(), text(), prop::option::weighted(0.1, date())).prop_map(|(id, c, name, birthday)| ("contacts", json!({
            "id": id, "customer": c, "name": name, "birthday": birthday
        }))).boxed(),
        (id(), id(), date()).prop_map(|(id, c, due)| ("tasks", json!({
            "id": id, "customer": c, "due": due, "title": "跟进"
        }))).boxed(),
    ]
    .boxed()
}

/// The records as a backup file. Ordinary ids are given out in turn and ordinary
/// references point at records that exist, so most books restore and their views run;
/// the extreme ids and references are kept as they were drawn.
fn backup() -> impl Strategy<Value = String> {
    (prop::collection::vec(record(), 0..40), id()).prop_map(|(mut records, next_id)| {
        let ordinary = |v: &Value| v.as_u64().filter(|n| (1..40).contains(n));
        let mut next = 1u64;
        let mut given = |row: &mut Value| {
            if ordinary(&row["id"]).is_some() {
                row["id"] = json!(next);
                next += 1;
            }
        };
        let mut customers = Vec::new();
        let mut staff = Vec::new();
        for (store, row) in &mut records {
            given(row);
            match *store {
                "customers" => customers.push(row["id"].clone()),
                "staff" => staff.push(row["id"].clone()),
                _ => {}
            }
        }
        for (_, row) in &mut records {
            for (field, pool) in [("customer", &customers), ("staff", &staff)] {
                if let (Some(n), false) = (ordinary(&row[field]), pool.is_empty()) {
                    row[field] = pool[n as usize % pool.len()].clone();
                }
            }
        }
        let mut book = json!({"format": "liuke-book", "schema_version": 1, "next_id": next_id});
        for (store, row) in records {
            let mut list = book[store]
                .as_array_mut()
                .map(std::mem::take)
                .unwrap_or_default();
            list.push(row);
            book[store] = Value::Array(list);
        }
        book.to_string()
    })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_hostile_backup_is_refused_or_computes_every_view(text in backup()) {
        let restored = restore(&text);
        if std::env::var("HOSTILE_TRACE").is_ok() {
            eprintln!("{}", restored.as_ref().map_or_else(|e| format!("refused: {e}"), |b| format!("restored {} customers", b.customers().len())));
        }
        if let Ok(book) = restored {
            for r in book.customers().iter() {
                prop_assert!(r.id.0 <= liuke_engine::ids::MAX_ID);
            }
            prop_assert!(book.next_id() <= liuke_engine::ids::MAX_ID + 1);
            views::every_view(&book, today());
        }
    }
}
