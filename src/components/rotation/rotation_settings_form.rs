use crate::components::{number_settings, NumberRow, NumberSetting};
use crate::i18n::{t, use_i18n};
use crate::insight::use_insight;
use leptos::prelude::*;
use liuke_engine::book::settings::range;
use liuke_engine::rotation::{RotationSettings, TierPolicy};
use liuke_engine::Tier;

/// The cost model's points and the former owner's read-only days: (label key, read,
/// write, the engine's range).
const POINTS: [NumberRow<RotationSettings>; 9] = [
    (
        "settings.rotation.former_access_days",
        |s| f64::from(s.schedule.former_access_days),
        |s, v| s.schedule.former_access_days = v as u32,
        range::FORMER_ACCESS_DAYS,
    ),
    (
        "settings.rotation.knows_customer",
        |s| s.knows_customer,
        |s, v| s.knows_customer = v,
        range::POINTS,
    ),
    (
        "settings.rotation.recent_contact",
        |s| s.recent_contact,
        |s, v| s.recent_contact = v,
        range::POINTS,
    ),
    (
        "settings.rotation.region_mismatch",
        |s| s.region_mismatch,
        |s, v| s.region_mismatch = v,
        range::POINTS,
    ),
    (
        "settings.rotation.industry_mismatch",
        |s| s.industry_mismatch,
        |s, v| s.industry_mismatch = v,
        range::POINTS,
    ),
    (
        "settings.rotation.experience",
        |s| s.experience,
        |s, v| s.experience = v,
        range::POINTS,
    ),
    (
        "settings.rotation.load",
        |s| s.load,
        |s, v| s.load = v,
        range::POINTS,
    ),
    (
        "settings.rotation.spread",
        |s| s.spread,
        |s, v| s.spread = v,
        range::POINTS,
    ),
    (
        "settings.rotation.default_capacity",
        |s| s.default_capacity.into(),
        |s, v| s.default_capacity = v as u32,
        range::DEFAULT_CAPACITY,
    ),
];

fn policy(s: &mut RotationSettings, tier: Tier) -> &mut TierPolicy {
    match tier {
        Tier::A => &mut s.tier_a,
        Tier::B => &mut s.tier_b,
        Tier::C => &mut s.tier_c,
    }
}

/// The rotation policy: per tier whether periodic rotation applies and after how many
/// years (seed 000 recommends rotating, seed 001 warns against new faces: the user
/// decides), and the points of the cost model.
#[component]
pub fn RotationSettingsForm() -> impl IntoView {
    let settings = use_insight().rotation;
    let i18n = use_i18n();
    let tiers = Tier::ALL
        .into_iter()
        .map(|tier| {
            let read = move || settings.with(|s| { let mut s = s.clone(); *policy(&mut s, tier) });
            view! {
                <div class="setting tier-policy" data-tier=format!("{tier:?}")>
                    <label class="check">
                        <input type="checkbox" name=format!("rotate_{tier:?}") prop:checked=move || read().periodic
                            on:change=move |ev| settings.update(|s| policy(s, tier).periodic = event_target_checked(&ev))/>
                        {move || i18n.tf("settings.rotation.tier_rotates", &[("tier", format!("{tier:?}"))])}
                    </label>
                    <NumberSetting label=Signal::derive(move || i18n.tf("settings.rotation.max_years", &[("tier", format!("{tier:?}"))]))
                        get=Signal::derive(move || f64::from(read().max_years))
                        set=Callback::new(move |v: f64| settings.try_update(|s| policy(s, tier).max_years = v as u32).err())
                        range=range::MAX_YEARS/>
                </div>
            }
        })
        .collect_view();
    let points = number_settings(settings, &POINTS);
    view! {
        <section class="card rotation-settings">
            <h2>{t("settings.rotation.title")}</h2>
            <p class="hint">{t("settings.rotation.lead")}</p>
            <div class="settings-grid">{tiers}</div>
            <h3>{t("settings.rotation.points")}</h3>
            <div class="settings-grid">
                {points}
                <label class="check">
                    <input type="checkbox" name="region_required" prop:checked=move || settings.with(|s| s.region_required)
                        on:change=move |ev| settings.update(|s| s.region_required = event_target_checked(&ev))/>
                    {t("settings.rotation.region_required")}
                </label>
                <label class="check">
                    <input type="checkbox" name="directors_take_customers" prop:checked=move || settings.with(|s| s.directors_take_customers)
                        on:change=move |ev| settings.update(|s| s.directors_take_customers = event_target_checked(&ev))/>
                    {t("settings.rotation.directors_take_customers")}
                </label>
            </div>
            <button type="button" on:click=move |_| settings.set(RotationSettings::default())>{t("settings.restore_defaults")}</button>
        </section>
    }
}
