use crate::browser::download;
use crate::i18n::{format_date, t, use_i18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Stored records that could not be read at load are kept aside, never silently lost:
/// the Data page counts them and lets the user export them (to repair by hand or send
/// for help) and then, if they choose, discard them.
#[component]
pub fn UnreadableRecords() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let export = move |_| {
        spawn_local(async move {
            let result = state.export_set_aside().await.and_then(|text| {
                let name = format!(
                    "liuke-unreadable-{}.json",
                    format_date(state.calendar_today())
                );
                download(&name, &text, "application/json")
            });
            if let Err(e) = result {
                state.notice.set(Some(Notice::Error(e)));
            }
        });
    };
    let discard = move |_| {
        if !crate::browser::confirm(&i18n.t("data.unreadable_confirm_discard")) {
            return;
        }
        spawn_local(async move {
            match state.discard_set_aside().await {
                Ok(()) => state
                    .notice
                    .set(Some(Notice::Saved("data.unreadable_discarded"))),
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };
    view! {
        <Show when=move || { state.set_aside.get() > 0 }>
            <div class="card unreadable-records">
                <h2>{t("data.unreadable")}</h2>
                <p class="count">{move || i18n.tf("data.unreadable_count", &[("count", i18n.count(state.set_aside.get()))])}</p>
                <p>{t("data.unreadable_hint")}</p>
                <div class="actions">
                    <button type="button" name="export-unreadable" on:click=export>{t("data.unreadable_export")}</button>
                    <button type="button" class="danger" name="discard-unreadable" on:click=discard>{t("data.unreadable_discard")}</button>
                </div>
            </div>
        </Show>
    }
}
