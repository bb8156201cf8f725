//! Model fits (CDNOW and the L book) and rescoring the L book, and how well the risk
//! score ranks who then stopped buying on each data set (CDNOW's real customers and the
//! S, M and L sample books) beside days since the last order and BG/NBD expected
//! purchases on the same customers.
//!
//! Machines here are shared and noisy, so beside criterion's absolute figures this
//! prints each figure as a ratio against a reference run in the same process: one plain
//! pass over every order of the L book into per-customer sums (the least any scoring
//! must do), and, for the fits, a fixed yardstick of one million `ln` calls.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/cdnow.rs"]
mod cdnow;

use criterion::{criterion_group, criterion_main, Criterion};
use liuke_engine::risk::backtest::auc;
use liuke_engine::risk::{backtest, score_book, OrderModel, RiskSettings};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::value::{summaries, BgNbd, FitOptions, GammaGamma, Summary};
use liuke_engine::*;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn today() -> Date {
    Date::from_ymd_opt(2026, 3, 15).expect("a valid date")
}

fn cdnow() -> Vec<Summary> {
    include_str!("../tests/fixtures/cdnow_summary.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<f64> = line
                .split(',')
                .filter_map(|c| c.trim().parse().ok())
                .collect();
            (cols.len() == 5).then(|| Summary {
                x: cols[1] as u32,
                t_x: cols[2],
                t: cols[3],
                mean_spend: cols[4],
            })
        })
        .collect()
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

fn fit_both(data: &[Summary]) -> (Option<BgNbd>, Option<GammaGamma>) {
    (
        BgNbd::fit(data, &FitOptions::default()).ok(),
        GammaGamma::fit(data, 10).ok(),
    )
}

fn bench(c: &mut Criterion) {
    let data = cdnow();
    let book = sample_book(SampleSize::L, today());
    let l_data: Vec<Summary> = summaries(&book, today())
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let settings = RiskSettings::default();
    let bgnbd = BgNbd::fit(&l_data, &FitOptions::default()).ok();
    let model = OrderModel::fit(&book, today(), settings.window_days, bgnbd.as_ref());

    let mut group = short(c, "fit");
    group.bench_function("CDNOW BG/NBD + Gamma-Gamma", |b| b.iter(|| fit_both(&data)));
    group.bench_function("L BG/NBD + Gamma-Gamma", |b| b.iter(|| fit_both(&l_data)));
    group.finish();

    let mut group = short(c, "risk L");
    group.bench_function("score_book (fitted model given)", |b| {
        b.iter_with_large_drop(|| score_book(&book, today(), &settings, model.as_ref()));
    });
    group.finish();

    let yardstick = best_of(5, || {
        (1..=1_000_000).map(|i| f64::from(i).ln()).sum::<f64>()
    });
    let order_pass = best_of(5, || {
        let mut sums: HashMap<CustomerId, i64> = HashMap::new();
        for o in book.orders().iter() {
            *sums.entry(o.customer).or_default() += o.amount.fen();
        }
        sums
    });
    let cdnow_fit = best_of(5, || fit_both(&data));
    let l_fit = best_of(3, || fit_both(&l_data));
    let score = best_of(5, || score_book(&book, today(), &settings, model.as_ref()));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration, r: Duration| d.as_secs_f64() / r.as_secs_f64();
    println!(
        "CDNOW fit {:.1} ms (budget 50) = {:.1}× the 1M-ln yardstick ({:.2} ms)",
        ms(cdnow_fit),
        ratio(cdnow_fit, yardstick),
        ms(yardstick)
    );
    println!(
        "L fit {:.0} ms (budget 1000) = {:.1}× the yardstick",
        ms(l_fit),
        ratio(l_fit, yardstick)
    );
    println!(
        "L rescore {:.1} ms (budget 150) = {:.1}× one pass over the orders ({:.1} ms)",
        ms(score),
        ratio(score, order_pass),
        ms(order_pass)
    );
}

/// One data set's AUCs at `at` with a `watch`-day outcome: the score with the
/// hand-set and the learned weights, and the two naive rankings.
fn ranking(name: &str, book: &Book, today: Date, at: Date, watch: u32) {
    let hand = RiskSettings::default();
    let mut learned = hand;
    learned.learned = liuke_engine::risk::learn::learn(book, at, &hand).ok();
    learned.use_learned = true;
    let run = |s: &RiskSettings| backtest(book, today, at, watch, s).map_or(f64::NAN, |b| b.auc);
    let (mut recency, mut expected) = cdnow::baselines(book, at, watch);
    println!(
        "{name} as of {at}, watch {watch} days: score AUC {:.4} (learned weights {:.4}); \
         days since last order {:.4}; BG/NBD expected purchases {:.4}",
        run(&hand),
        run(&learned),
        auc(&mut recency).unwrap_or(f64::NAN),
        auc(&mut expected).unwrap_or(f64::NAN),
    );
}

/// The AUCs on every data set: quality, printed beside the speed figures.
fn rankings(_: &mut Criterion) {
    let book = cdnow::cdnow_book();
    ranking(
        "CDNOW",
        &book,
        cdnow::date("1998-06-30"),
        cdnow::cut(),
        cdnow::WATCH_DAYS,
    );
    for size in [SampleSize::S, SampleSize::M, SampleSize::L] {
        let book = sample_book(size, today());
        let at = today() - chrono::Duration::days(180);
        ranking(&format!("{size:?} book"), &book, today(), at, 180);
    }
}

criterion_group!(benches, bench, rankings);
criterion_main!(benches);
