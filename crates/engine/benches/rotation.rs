//! Rotation plans on the M sample book and the bare assignment solver.
//!
//! Machines here are shared and noisy, so beside criterion's figures this prints each
//! as a ratio against a reference run in the same process: for plans, one pass over
//! the book's relationships and interactions (the least gathering a plan must do); for
//! the solver, one pass over its cost matrix taking each row's minimum.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use liuke_engine::rotation::assignment::{random_matrix, solve};
use liuke_engine::rotation::{
    plan_departure, plan_periodic, PlanInputs, RotationSettings, TierPolicy,
};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn today() -> Date {
    Date::from_ymd_opt(2026, 3, 15).expect("a valid date")
}

/// The M book with one active account manager made to own 400 customers and leave in
/// a month; the others stay with their owners.
fn departure_book() -> (Book, StaffId) {
    let book = sample_book(SampleSize::M, today());
    let active = |s: StaffId| {
        book.staff()
            .get(s.0)
            .is_some_and(|s| s.status == StaffStatus::Active)
    };
    let leaver = book
        .staff()
        .iter()
        .find(|s| s.role == StaffRole::AccountManager && s.status == StaffStatus::Active)
        .map(|s| s.id)
        .expect("the M book has account managers");
    let mut taken = book.owned_by(leaver).count();
    let mut records = Vec::new();
    for kind in RecordKind::ALL {
        for mut record in book.records(kind) {
            match &mut record {
                Record::Relationship(r)
                    if taken < 400
                        && r.is_live()
                        && r.role == RelationshipRole::Owner
                        && r.staff != leaver
                        && active(r.staff) =>
                {
                    r.staff = leaver;
                    taken += 1;
                }
                Record::Staff(s) if s.id == leaver => {
                    s.status = StaffStatus::Leaving(today() + chrono::Duration::days(30));
                }
                _ => {}
            }
            records.push(record);
        }
    }
    (Book::from_records(records, book.next_id()), leaver)
}

fn short<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3));
    group
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Every customer held for a year or more is due, in every tier: the biggest re-plan.
fn rotate_everything() -> RotationSettings {
    let all = TierPolicy {
        periodic: true,
        max_years: 0,
    };
    RotationSettings {
        tier_a: all,
        tier_b: all,
        tier_c: all,
        ..RotationSettings::default()
    }
}

fn matrix_pass(costs: &[Vec<Option<f64>>]) -> f64 {
    costs
        .iter()
        .map(|r| r.iter().flatten().fold(f64::INFINITY, |a, b| a.min(*b)))
        .sum()
}

fn bench(c: &mut Criterion) {
    let (book, leaver) = departure_book();
    let on = today() + chrono::Duration::days(30);
    let inputs = PlanInputs::default();
    let settings = RotationSettings::default();
    let everything = rotate_everything();
    let depart = || plan_departure(&book, leaver, on, today(), &inputs, &settings, &[]);
    let periodic = || plan_periodic(&book, on, today(), &inputs, &everything, &[]);
    match (depart(), periodic()) {
        (Ok(d), Ok(p)) => println!(
            "departure: {} customers; periodic: {} customers; {} staff may take them",
            d.lines.len(),
            p.lines.len(),
            p.load.iter().filter(|l| l.customers_after > 0).count()
        ),
        (d, p) => panic!(
            "the bench plans must be feasible: {:?} {:?}",
            d.err(),
            p.err()
        ),
    }

    let small = random_matrix(400, 60, 1);
    let small_caps = vec![8u32; 60];
    let tall = random_matrix(5000, 60, 2);
    let tall_caps = vec![85u32; 60];
    let square = random_matrix(2000, 2000, 3);
    let square_caps = vec![1u32; 2000];

    let mut group = short(c, "rotation");
    group.bench_function("plan_departure 400 customers, M book", |b| b.iter(depart));
    group.bench_function("plan_periodic everything, M book", |b| b.iter(periodic));
    group.bench_function("solve 400 x 60", |b| b.iter(|| solve(&small, &small_caps)));
    group.bench_function("solve 5000 x 60", |b| b.iter(|| solve(&tall, &tall_caps)));
    group.bench_function("solve 2000 x 2000", |b| {
        b.iter(|| solve(&square, &square_caps));
    });
    group.finish();

    let book_pass = best_of(5, || {
        let live = book.relationships().iter().filter(|r| r.is_live()).count();
        live + book
            .interactions()
            .iter()
            .filter(|i| i.staff.is_some())
            .count()
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration, r: Duration| d.as_secs_f64() / r.as_secs_f64();
    let d = best_of(5, depart);
    let p = best_of(3, periodic);
    println!(
        "departure {:.1} ms (budget 200), periodic {:.0} ms (budget 2000) = {:.1}× and {:.1}× one pass over relationships and interactions ({:.2} ms)",
        ms(d),
        ms(p),
        ratio(d, book_pass),
        ratio(p, book_pass),
        ms(book_pass)
    );
    for (name, costs, caps, budget) in [
        ("400 × 60", &small, &small_caps, 20.0),
        ("5000 × 60", &tall, &tall_caps, 1000.0),
        ("2000 × 2000", &square, &square_caps, 3000.0),
    ] {
        let pass = best_of(5, || matrix_pass(costs));
        let solved = best_of(3, || solve(costs, caps));
        println!(
            "solve {name}: {:.1} ms (target {budget} ms) = {:.0}× one pass over the matrix ({:.2} ms)",
            ms(solved),
            ratio(solved, pass),
            ms(pass)
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
