use crate::components::{number_settings, NumberRow, NumberSetting};
use crate::i18n::{t, use_i18n};
use crate::insight::use_insight;
use leptos::prelude::*;
use liuke_engine::book::settings::range;
use liuke_engine::pool::{PoolRule, PoolSettings};
use liuke_engine::Tier;

/// The team-wide numbers: (label key, read, write, the engine's range).
const NUMBERS: [NumberRow<PoolSettings>; 3] = [
    (
        "settings.pool.warning_days",
        |s| f64::from(s.warning_days),
        |s, v| s.warning_days = v as u32,
        range::WARNING_DAYS,
    ),
    (
        "settings.pool.claim_cap",
        |s| f64::from(s.claim_cap),
        |s, v| s.claim_cap = v as u32,
        range::CLAIM_CAP,
    ),
    (
        "settings.pool.bar_days",
        |s| f64::from(s.bar_days),
        |s, v| s.bar_days = v as u32,
        range::BAR_DAYS,
    ),
];

type Limit = fn(&mut PoolRule) -> &mut Option<u32>;

/// Per tier, the two limits: (label key, field).
const LIMITS: [(&str, Limit); 2] = [
    ("settings.pool.follow_up_days", |r| &mut r.follow_up_days),
    ("settings.pool.order_days", |r| &mut r.order_days),
];

/// The pool rules (公海规则): when an unattended customer returns to the pool, who is
/// exempt, and the limits on claiming. A limit of 0 switches that rule off.
#[component]
pub fn PoolSettingsForm() -> impl IntoView {
    let pool = use_insight().pool;
    let i18n = use_i18n();
    let tiers = Tier::ALL
        .into_iter()
        .flat_map(|tier| {
            LIMITS.into_iter().map(move |(key, limit)| {
                let read = move || pool.with(|s| limit(&mut s.rule(tier)).unwrap_or(0));
                view! {
                    <NumberSetting label=Signal::derive(move || i18n.tf(key, &[("tier", format!("{tier:?}"))]))
                        get=Signal::derive(move || f64::from(read()))
                        set=Callback::new(move |v: f64| {
                            pool.try_update(|s| *limit(s.rule_mut(tier)) = (v >= 1.0).then_some(v as u32)).err()
                        })
                        range=range::LIMIT_DAYS/>
                }
            })
        })
        .collect_view();
    let numbers = number_settings(pool, &NUMBERS);
    view! {
        <section class="card pool-settings">
            <h2>{t("settings.pool.title")}</h2>
            <p class="hint">{t("settings.pool.lead")}</p>
            <label class="check">
                <input type="checkbox" name="pool_enabled" prop:checked=move || pool.with(|s| s.enabled)
                    on:change=move |ev| pool.update(|s| s.enabled = event_target_checked(&ev))/>
                {t("settings.pool.enabled")}
            </label>
            <div class="settings-grid">{tiers}</div>
            <div class="settings-grid">
                {numbers}
                <label class="check">
                    <input type="checkbox" name="exempt_locked" prop:checked=move || pool.with(|s| s.exempt_locked)
                        on:change=move |ev| pool.update(|s| s.exempt_locked = event_target_checked(&ev))/>
                    {t("settings.pool.exempt_locked")}
                </label>
                <label class="check">
                    <input type="checkbox" name="exempt_lost" prop:checked=move || pool.with(|s| s.exempt_lost)
                        on:change=move |ev| pool.update(|s| s.exempt_lost = event_target_checked(&ev))/>
                    {t("settings.pool.exempt_lost")}
                </label>
            </div>
            <button type="button" on:click=move |_| pool.update(|s| *s = PoolSettings { enabled: s.enabled, ..PoolSettings::default() })>
                {t("settings.restore_defaults")}
            </button>
        </section>
    }
}
