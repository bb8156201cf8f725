//! Sample books, the JSON backup of the L book, and one edit on it.
//!
//! Machines here are shared and noisy, so beside criterion's absolute figures this prints
//! ratios against reference runs in the same process: restoring the backup against
//! merely parsing the same text into a `serde_json::Value`, and exporting against
//! serializing that `Value` back to text.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use liuke_engine::interchange::backup::{export, restore};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn today() -> Date {
    Date::from_ymd_opt(2026, 3, 15).expect("a valid date")
}

fn short<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    group
}

/// The fastest of a few runs, each without the cost of dropping what it built.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = f();
            let elapsed = start.elapsed();
            drop(black_box(out));
            elapsed
        })
        .min()
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let mut group = short(c, "sample");
    group.bench_function("generate S", |b| {
        b.iter_with_large_drop(|| sample_book(SampleSize::S, today()));
    });
    group.bench_function("generate L", |b| {
        b.iter_with_large_drop(|| sample_book(SampleSize::L, today()));
    });
    group.finish();

    let mut book = sample_book(SampleSize::L, today());
    let text = export(&book, today());
    let mut group = short(c, "backup L");
    group.bench_function("export", |b| {
        b.iter_with_large_drop(|| export(&book, today()));
    });
    group.bench_function("restore", |b| {
        b.iter_with_large_drop(|| restore(&text).expect("restores"));
    });
    group.finish();

    let restore_time = best_of(3, || restore(&text).expect("restores"));
    let parse_time = best_of(2, || {
        serde_json::from_str::<serde_json::Value>(&text).expect("parses")
    });
    let value: serde_json::Value = serde_json::from_str(&text).expect("parses");
    let export_time = best_of(3, || export(&book, today()));
    let write_time = best_of(2, || serde_json::to_string(&value).expect("serializes"));
    drop(value);
    println!(
        "L backup is {:.0} MB; restore {restore_time:?} vs raw parse {parse_time:?}: restore / raw-parse ratio {:.2}",
        text.len() as f64 / 1e6,
        restore_time.as_secs_f64() / parse_time.as_secs_f64(),
    );
    println!(
        "export {export_time:?} vs raw serialize {write_time:?}: export / raw-serialize ratio {:.2}",
        export_time.as_secs_f64() / write_time.as_secs_f64(),
    );

    let customer = book
        .customers()
        .iter()
        .nth(1234)
        .map(|c| c.id)
        .expect("a customer");
    let staff = book.owner_of(customer);
    let command = Command::Create {
        record: Record::Order(Order {
            customer,
            date: today(),
            amount: Money(1_288_000),
            quantity: 120,
            margin: Money(190_000),
            cost_to_serve: Money(15_000),
            staff,
            ..Order::default()
        }),
    };
    let mut group = c.benchmark_group("command L");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(1));
    group.bench_function("create order (plan + commit)", |b| {
        b.iter(|| {
            let change = book.plan(black_box(&command), today()).expect("valid");
            book.commit(&change);
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
