use crate::components::{
    LangSwitch, LockSettings, PoolSettingsForm, RiskSettingsForm, RotationSettingsForm,
    TeamSyncSettings,
};
use crate::i18n::{format_date, t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::schema::CURRENT_VERSION;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{t("nav.settings")}</h1>
            <div class="card">
                <h2>{t("settings.language")}</h2>
                <LangSwitch/>
            </div>
            <RiskSettingsForm/>
            <RotationSettingsForm/>
            <PoolSettingsForm/>
            <LockSettings/>
            <TeamSyncSettings/>
            <div class="card">
                <h2>{t("settings.about")}</h2>
                <dl class="facts">
                    <dt>{t("settings.today")}</dt>
                    <dd class="today">{move || format_date(state.today())}</dd>
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
