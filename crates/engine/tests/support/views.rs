//! Every view the app computes on a book, for tests that only ask that none panics.

use liuke_engine::agenda::{agenda, AgendaSettings};
use liuke_engine::pool::{clocks, warnings, PoolSettings};
use liuke_engine::register::{assess, register, RegisterSettings};
use liuke_engine::risk::RiskSettings;
use liuke_engine::rotation::{concentration, PlanInputs};
use liuke_engine::value::ValueSettings;
use liuke_engine::*;

/// Risk, value and the register; the agenda; the pool; the reports; the win-back review;
/// the customer list; the concentration report; learning weights; the backtest; and
/// every complaint's due date, which the dashboard and the customer page ask for.
pub fn every_view(book: &Book, today: Date) {
    let risk = RiskSettings::default();
    let assessment = assess(book, today, &risk, &ValueSettings::default());
    let _ = register(book, &assessment, &RegisterSettings::default());
    let _ = agenda(book, today, &risk, &AgendaSettings::default());
    let pool = PoolSettings::default();
    let _ = clocks(book, &pool, today);
    let _ = warnings(book, &pool, today);
    let _ = liuke_engine::report::monthly_revenue(book, today, 12);
    let _ = liuke_engine::report::forgotten(book, today);
    let _ = liuke_engine::report::forgotten_list(book, today, None);
    let _ = liuke_engine::winback::review(book, today);
    let _ = liuke_engine::report::churn_by_month(book, today);
    let _ = liuke_engine::directory::customer_lines(book, today);
    let inputs = PlanInputs::from_views(&assessment.values, &assessment.risks);
    let _ = concentration(book, today, &inputs);
    let _ = liuke_engine::risk::learn::learn(book, today, &risk);
    let _ =
        liuke_engine::risk::backtest(book, today, today - chrono::Duration::days(200), 180, &risk);
    for c in book.complaints().iter() {
        let _ = c.is_overdue(today);
    }
}
