use crate::components::{number_settings, LearnedWeights, NumberRow, NumberSetting};
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use leptos::prelude::*;
use liuke_engine::book::settings::range;
use liuke_engine::book::TeamSettings;
use liuke_engine::register::ValueBasis;
use liuke_engine::risk::learn::WEIGHTED;

/// Windows, cadences and thresholds: (label key, read, write, the engine's range).
const NUMBERS: [NumberRow<TeamSettings>; 14] = [
    (
        "settings.risk.window_days",
        |s| s.risk.window_days.into(),
        |s, v| s.risk.window_days = v as u32,
        range::WINDOW_DAYS,
    ),
    (
        "settings.risk.baseline_windows",
        |s| s.risk.baseline_windows.into(),
        |s, v| s.risk.baseline_windows = v as u32,
        range::BASELINE_WINDOWS,
    ),
    (
        "settings.risk.cadence_a",
        |s| s.risk.cadence_a_days.into(),
        |s, v| s.risk.cadence_a_days = v as u32,
        range::CADENCE_AB_DAYS,
    ),
    (
        "settings.risk.cadence_b",
        |s| s.risk.cadence_b_days.into(),
        |s, v| s.risk.cadence_b_days = v as u32,
        range::CADENCE_AB_DAYS,
    ),
    (
        "settings.risk.cadence_c",
        |s| s.risk.cadence_c_days.into(),
        |s, v| s.risk.cadence_c_days = v as u32,
        range::CADENCE_C_DAYS,
    ),
    (
        "settings.risk.cadence_per_day",
        |s| s.risk.cadence_per_day.into(),
        |s, v| s.risk.cadence_per_day = v as u32,
        range::CADENCE_PER_DAY,
    ),
    (
        "settings.risk.survey_interval",
        |s| s.risk.survey_interval_days.into(),
        |s, v| s.risk.survey_interval_days = v as u32,
        range::SURVEY_INTERVAL_DAYS,
    ),
    (
        "settings.risk.handover_days",
        |s| s.risk.handover_days.into(),
        |s, v| s.risk.handover_days = v as u32,
        range::HANDOVER_DAYS,
    ),
    (
        "settings.risk.little_data_orders",
        |s| s.risk.little_data_orders.into(),
        |s, v| s.risk.little_data_orders = v as u32,
        range::LITTLE_DATA_ORDERS,
    ),
    (
        "settings.risk.band_watch",
        |s| s.risk.bands.watch,
        |s, v| s.risk.bands.watch = v,
        range::BAND,
    ),
    (
        "settings.risk.band_high",
        |s| s.risk.bands.high,
        |s, v| s.risk.bands.high = v,
        range::BAND,
    ),
    (
        "settings.risk.band_critical",
        |s| s.risk.bands.critical,
        |s, v| s.risk.bands.critical = v,
        range::BAND,
    ),
    (
        "settings.value.horizon_months",
        |s| s.value.horizon_months.into(),
        |s, v| s.value.horizon_months = v as u32,
        range::HORIZON_MONTHS,
    ),
    (
        "settings.value.annual_discount",
        |s| liuke_engine::value::annual_rate(s.value.monthly_discount) * 100.0,
        |s, v| s.value.monthly_discount = liuke_engine::value::monthly_rate(v / 100.0),
        range::ANNUAL_DISCOUNT_PERCENT,
    ),
];

/// The scoring and value settings; every change rescores the book at once.
#[component]
pub fn RiskSettingsForm() -> impl IntoView {
    let insight = use_insight();
    let i18n = use_i18n();
    let settings = insight.settings;
    let weights = WEIGHTED
        .into_iter()
        .map(|factor| {
            let key = format!("factor.{}", variant(&factor));
            view! {
                <NumberSetting label=Signal::derive(move || i18n.t(&key))
                    get=Signal::derive(move || settings.with(|s| s.risk.weights.weight(factor)))
                    set=Callback::new(move |v| settings.try_update(|s| if let Some(w) = s.risk.weights.weight_mut(factor) { *w = v }).err())
                    range=range::WEIGHT/>
            }
        })
        .collect_view();
    let numbers = number_settings(settings, &NUMBERS);
    view! {
        <section class="card risk-settings">
            <h2>{t("settings.risk.title")}</h2>
            <p class="hint">{t("settings.risk.lead")}</p>
            <LearnedWeights/>
            <h3>{t("settings.risk.weights")}</h3>
            <div class="settings-grid">{weights}</div>
            <h3>{t("settings.risk.windows")}</h3>
            <div class="settings-grid">{numbers}</div>
            <h3>{t("settings.register.title")}</h3>
            <div class="settings-grid">
                <label class="setting">
                    <span>{t("settings.register.value_basis")}</span>
                    <select name="value_basis" on:change=move |ev| {
                        let basis = if event_target_value(&ev) == "clv" { ValueBasis::Clv } else { ValueBasis::Revenue12m };
                        settings.update(|s| s.register.value_basis = basis);
                    }>
                        {[ValueBasis::Revenue12m, ValueBasis::Clv].into_iter().map(|b| {
                            let key = format!("settings.register.basis.{}", variant(&b));
                            view! { <option value=variant(&b) selected=move || settings.with(|s| s.register.value_basis == b)>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" name="top_tier_cannot_lose" prop:checked=move || settings.with(|s| s.register.top_tier_cannot_lose)
                        on:change=move |ev| settings.update(|s| s.register.top_tier_cannot_lose = event_target_checked(&ev))/>
                    {t("settings.register.top_tier_rule")}
                </label>
            </div>
            <button type="button" on:click=move |_| settings.update(|s| {
                let defaults = TeamSettings::default();
                (s.risk, s.value, s.register) = (defaults.risk, defaults.value, defaults.register);
            })>{t("settings.restore_defaults")}</button>
        </section>
    }
}
