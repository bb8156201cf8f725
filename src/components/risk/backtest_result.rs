use crate::components::{bars, BarChart};
use crate::i18n::{t, use_i18n, variant, I18n};
use leptos::prelude::*;
use liuke_engine::risk::Backtest;
use liuke_engine::Date;

/// What a backtest found: at the chosen date the AUC with its interval beside the
/// naive ranking, the lift and how often each band really left; then the same figures
/// at the earlier dates, and a verdict that follows from all of them.
#[component]
pub fn BacktestResult(runs: Vec<(Date, Backtest)>) -> impl IntoView {
    let i18n = use_i18n();
    let Some((_, b)) = runs.first().cloned() else {
        return ().into_any();
    };
    let n = runs.len() as f64;
    let mean_auc = runs.iter().map(|(_, r)| r.auc).sum::<f64>() / n;
    let mean_recency = runs.iter().map(|(_, r)| r.recency_auc).sum::<f64>() / n;
    let two = |v: f64| format!("{v:.2}");
    let lift: Vec<(String, f64)> = b
        .lift
        .iter()
        .map(|(share, lift)| (format!("{:.0}%", share * 100.0), *lift))
        .collect();
    let bands: Vec<(String, f64)> = b
        .bands
        .iter()
        .filter_map(|o| {
            let share = o.share()?;
            Some((i18n.t(&format!("band.{}", variant(&o.band))), share))
        })
        .collect();
    let overall = b.churned as f64 / b.customers.max(1) as f64;
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    let calibration = b
        .bands
        .iter()
        .filter(|o| o.customers > 0)
        .map(|o| {
            let name = i18n.t(&format!("band.{}", variant(&o.band)));
            view! {
                <tr data-band=variant(&o.band)>
                    <td>{name}</td>
                    <td class="num">{i18n.count(o.customers)}</td>
                    <td class="num expected">{o.expected_share().map(pct)}</td>
                    <td class="num observed">{o.share().map(pct)}</td>
                </tr>
            }
        })
        .collect_view();
    let auc_text = i18n.tf(
        "backtest.auc_value",
        &[
            ("auc", two(b.auc)),
            ("low", two(b.auc_low)),
            ("high", two(b.auc_high)),
        ],
    );
    let rows = runs
        .iter()
        .map(|(date, r)| {
            view! {
                <tr data-date=date.to_string()>
                    <td>{i18n.date_prose(*date)}</td>
                    <td class="num">{two(r.auc)}</td>
                    <td class="num">{two(r.recency_auc)}</td>
                    <td class="num">{format!("{:.0}%", r.precision_top_decile * 100.0)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="backtest-result" data-auc=format!("{:.3}", b.auc) data-recency-auc=format!("{:.3}", b.recency_auc)
            data-mean-auc=format!("{mean_auc:.3}") data-mean-recency-auc=format!("{mean_recency:.3}") data-runs=runs.len()>
            <dl class="facts">
                <dt>{t("backtest.auc")}</dt><dd class="auc">{auc_text}</dd>
                <dt>{t("backtest.recency_auc")}</dt><dd class="recency-auc">{two(b.recency_auc)}</dd>
                <dt>{t("backtest.precision")}</dt><dd>{format!("{:.0}%", b.precision_top_decile * 100.0)}</dd>
                <dt>{t("backtest.customers")}</dt>
                <dd>{i18n.tf("backtest.churned_of", &[("churned", i18n.count(b.churned)), ("customers", i18n.count(b.customers))])}</dd>
            </dl>
            <p class="verdict">{verdict(&i18n, mean_auc, mean_recency, runs.len())}</p>
            <div class="table-wrap">
                <table class="list backtest-dates">
                    <thead><tr>
                        <th>{t("backtest.as_of")}</th><th class="num">{t("backtest.col.auc")}</th>
                        <th class="num">{t("backtest.col.recency")}</th><th class="num">{t("backtest.col.top")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <BarChart title=Signal::derive(t("backtest.lift")) bars=Signal::derive(move || bars(lift.clone()))
                label=Callback::new(|v: f64| format!("{v:.1}×")) reference=1.0/>
            <div class="calibration">
                <BarChart title=Signal::derive(t("backtest.by_band")) bars=Signal::derive(move || bars(bands.clone()))
                    label=Callback::new(|v: f64| format!("{:.0}%", v * 100.0)) reference=overall/>
                <div class="table-wrap">
                    <table class="list calibration-table">
                        <thead><tr>
                            <th>{t("backtest.col.band")}</th><th class="num">{t("backtest.customers")}</th>
                            <th class="num">{t("backtest.col.expected")}</th><th class="num">{t("backtest.col.observed")}</th>
                        </tr></thead>
                        <tbody>{calibration}</tbody>
                    </table>
                </div>
            </div>
        </div>
    }
    .into_any()
}

/// The verdict follows from the figures, averaged over the dates: first whether the
/// score beats the naive ranking by days since the last order on the same customers,
/// then how well it ranks.
fn verdict(i18n: &I18n, auc: f64, recency: f64, dates: usize) -> String {
    let two = |v: f64| format!("{v:.2}");
    let mut text = if dates > 1 {
        i18n.tf("backtest.verdict.over", &[("dates", dates.to_string())])
    } else {
        String::new()
    };
    // Differences below half a point of AUC are noise on a book of a few hundred.
    if auc < recency - 0.005 {
        text.push_str(&i18n.tf(
            "backtest.verdict.below_recency",
            &[("recency", two(recency)), ("auc", two(auc))],
        ));
        return text;
    }
    let key = if auc >= 0.75 {
        "backtest.verdict.good"
    } else if auc >= 0.6 {
        "backtest.verdict.fair"
    } else {
        "backtest.verdict.poor"
    };
    text.push_str(&i18n.t(key));
    if auc > recency + 0.005 {
        text.push_str(&i18n.tf(
            "backtest.verdict.beats_recency",
            &[("recency", two(recency)), ("auc", two(auc))],
        ));
    }
    text
}
