use crate::components::BacktestResult;
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::risk::{backtest_series, Backtest, BacktestError};
use liuke_engine::Date;
use std::time::Duration;

/// The chosen date and up to two earlier ones, a quarter apart: one date can be lucky.
const DATES: usize = 3;
const STEP_DAYS: u32 = 90;

/// The backtest at each date, the chosen one first.
#[derive(Clone, Debug, PartialEq)]
struct Runs(Vec<(Date, Backtest)>);

/// "Can I trust this score?": scores the book as of a past date with only what was
/// known then and shows how well it ranked the customers who then stopped buying.
#[component]
pub fn BacktestPanel() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let today = state.today();
    let as_of = RwSignal::new(
        (today - chrono::Duration::days(180))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let horizon = RwSignal::new("180".to_string());
    let result: RwSignal<Option<Result<Runs, String>>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let run = move |_| {
        let date = Date::parse_from_str(as_of.get_untracked().trim(), "%Y-%m-%d");
        let days = horizon.get_untracked().trim().parse::<u32>();
        let (date, days) = match (date, days) {
            (Ok(date), Ok(days)) if (1..=1095).contains(&days) => (date, days),
            (Err(_), _) => return result.set(Some(Err(i18n.t("backtest.bad_date")))),
            _ => return result.set(Some(Err(i18n.t("backtest.bad_horizon")))),
        };
        busy.set(true);
        // Let the page say it is working: several dates, each with its own fits.
        set_timeout(
            move || {
                let settings = insight.settings.with_untracked(|s| s.risk);
                let outcome = state
                    .book
                    .with_untracked(|b| {
                        backtest_series(b, today, date, days, &settings, DATES, STEP_DAYS)
                    })
                    .map(Runs)
                    .map_err(|e| explain(&i18n, &e));
                result.set(Some(outcome));
                busy.set(false);
            },
            Duration::from_millis(30),
        );
    };
    view! {
        <section class="card backtest">
            <h2>{t("backtest.title")}</h2>
            <p class="hint">{t("backtest.lead")}</p>
            <div class="toolbar">
                <label>{t("backtest.as_of")}
                    <input type="date" name="as_of" prop:value=move || as_of.get() on:input=move |ev| as_of.set(event_target_value(&ev))/>
                </label>
                <label>{t("backtest.horizon")}
                    <input type="number" name="horizon" min="1" max="1095" prop:value=move || horizon.get() on:input=move |ev| horizon.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="primary" disabled=move || busy.get() on:click=run>{t("backtest.run")}</button>
                <Show when=move || busy.get()>
                    <span class="busy" role="status">{t("backtest.running")}</span>
                </Show>
            </div>
            {move || result.get().map(|r| match r {
                Err(message) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
                Ok(Runs(runs)) => view! { <BacktestResult runs=runs/> }.into_any(),
            })}
        </section>
    }
}

fn explain(i18n: &crate::i18n::I18n, e: &BacktestError) -> String {
    let key = format!("backtest.error.{}", variant(e));
    match e {
        BacktestError::HorizonNotOver {
            as_of,
            horizon_days,
            ..
        } => i18n.tf(
            &key,
            &[(
                "date",
                i18n.date_prose(*as_of + chrono::Duration::days(i64::from(*horizon_days))),
            )],
        ),
        BacktestError::OneSidedOutcome { customers, churned } => i18n.tf(
            &key,
            &[
                ("customers", i18n.count(*customers)),
                ("churned", i18n.count(*churned)),
            ],
        ),
        BacktestError::NoActiveCustomers => i18n.t(&key),
    }
}
