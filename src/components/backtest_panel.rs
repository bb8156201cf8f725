use crate::components::BarChart;
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::risk::{backtest, Backtest, BacktestError};
use liuke_engine::Date;

/// "Can I trust this score?": scores the book as of a past date with only what was
/// known then and shows how well it ranked the customers who then stopped buying.
#[component]
pub fn BacktestPanel() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let today = state.today;
    let as_of = RwSignal::new(
        (today - chrono::Duration::days(180))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let horizon = RwSignal::new("180".to_string());
    let result: RwSignal<Option<Result<Backtest, String>>> = RwSignal::new(None);
    let run = move |_| {
        let date = Date::parse_from_str(as_of.get_untracked().trim(), "%Y-%m-%d");
        let days = horizon.get_untracked().trim().parse::<u32>();
        let outcome = match (date, days) {
            (Ok(date), Ok(days)) if (1..=1095).contains(&days) => {
                let settings = insight.settings.with_untracked(|s| s.risk);
                state
                    .book
                    .with_untracked(|b| backtest(b, today, date, days, &settings))
                    .map_err(|e| explain(&i18n, &e))
            }
            (Err(_), _) => Err(i18n.t("backtest.bad_date")),
            _ => Err(i18n.t("backtest.bad_horizon")),
        };
        result.set(Some(outcome));
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
                <button type="button" class="primary" on:click=run>{t("backtest.run")}</button>
            </div>
            {move || result.get().map(|r| match r {
                Err(message) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
                Ok(b) => {
                    let bars: Vec<(String, f64)> = b.lift.iter().map(|(share, lift)| (format!("{:.0}%", share * 100.0), *lift)).collect();
                    view! {
                        <div class="backtest-result" data-auc=format!("{:.3}", b.auc) data-recency-auc=format!("{:.3}", b.recency_auc)>
                            <dl class="facts">
                                <dt>{t("backtest.auc")}</dt><dd class="auc">{i18n.tf("backtest.auc_value", &[("auc", format!("{:.2}", b.auc)), ("low", format!("{:.2}", b.auc_low)), ("high", format!("{:.2}", b.auc_high))])}</dd>
                                <dt>{t("backtest.recency_auc")}</dt><dd class="recency-auc">{format!("{:.2}", b.recency_auc)}</dd>
                                <dt>{t("backtest.precision")}</dt><dd>{format!("{:.0}%", b.precision_top_decile * 100.0)}</dd>
                                <dt>{t("backtest.customers")}</dt>
                                <dd>{i18n.tf("backtest.churned_of", &[("churned", i18n.count(b.churned)), ("customers", i18n.count(b.customers))])}</dd>
                            </dl>
                            <p class="verdict">{verdict(&i18n, &b)}</p>
                            <BarChart title=Signal::derive(t("backtest.lift")) bars=Signal::derive(move || bars.clone())
                                label=Callback::new(|v: f64| format!("{v:.1}×")) reference=1.0/>
                        </div>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// The verdict follows from the figures: first whether the score beats the naive
/// ranking by days since the last order on the same customers, then how well it ranks.
fn verdict(i18n: &crate::i18n::I18n, b: &Backtest) -> String {
    let two = |v: f64| format!("{v:.2}");
    // Differences below half a point of AUC are noise on a book of a few hundred.
    if b.auc < b.recency_auc - 0.005 {
        return i18n.tf(
            "backtest.verdict.below_recency",
            &[("recency", two(b.recency_auc)), ("auc", two(b.auc))],
        );
    }
    let key = if b.auc >= 0.75 {
        "backtest.verdict.good"
    } else if b.auc >= 0.6 {
        "backtest.verdict.fair"
    } else {
        "backtest.verdict.poor"
    };
    let mut text = i18n.t(key);
    if b.auc > b.recency_auc + 0.005 {
        text.push_str(&i18n.tf(
            "backtest.verdict.beats_recency",
            &[("recency", two(b.recency_auc))],
        ));
    }
    text
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
