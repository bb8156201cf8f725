use crate::components::{
    AsOfSetting, LangSwitch, LockSettings, PoolSettingsForm, RiskSettingsForm,
    RotationSettingsForm, TeamSyncSettings,
};
use crate::i18n::{format_date, t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::schema::CURRENT_VERSION;
use liuke_engine::sync::role::Role;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let rep = move || state.role() == Some(Role::Rep);
    view! {
        <section class="page">
            <h1>{t("nav.settings")}</h1>
            <div class="card">
                <h2>{t("settings.language")}</h2>
                <LangSwitch/>
            </div>
            <AsOfSetting/>
            // The team's settings: a manager's to change in a team book.
            <fieldset class="team-settings" disabled=rep>
                <Show when=rep>
                    <p class="card forbidden-hint">{t("forbidden.team_settings")}</p>
                </Show>
                <RiskSettingsForm/>
                <RotationSettingsForm/>
                <PoolSettingsForm/>
            </fieldset>
            <LockSettings/>
            <TeamSyncSettings/>
            <div class="card">
                <h2>{t("settings.about")}</h2>
                <dl class="facts">
                    <dt>{t("settings.today")}</dt>
                    <dd class="today">{move || format_date(state.calendar_today())}</dd>
                    <dt>{t("settings.schema")}</dt>
                    <dd>{CURRENT_VERSION}</dd>
                    <dt>{t("settings.version")}</dt>
                    <dd>{env!("CARGO_PKG_VERSION")}</dd>
                </dl>
                <p class="hint">{move || i18n.t("settings.today_hint")}</p>
            </div>
        </section>
    }
}
