use crate::browser::confirm;
use crate::components::{BackupCard, CsvExport, CsvImport, SampleButtons, UnreadableRecords};
use crate::i18n::{t, use_i18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::Book;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let empty = Memo::new(move |_| state.stored.with(Book::is_empty));
    let clear = move |_| {
        if state.in_team() {
            state
                .notice
                .set(Some(Notice::Error(crate::errors::UiError::InTeam)));
            return;
        }
        if !confirm(&i18n.t("data.confirm_clear")) {
            return;
        }
        spawn_local(async move {
            match state.replace(Book::new()).await {
                Ok(()) => state.notice.set(Some(Notice::Saved("data.cleared"))),
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };

    view! {
        <section class="page">
            <h1>{t("nav.data")}</h1>
            <BackupCard/>
            <CsvImport/>
            <CsvExport/>
            <Show when=move || empty.get()>
                <div class="card">
                    <h2>{t("sample.title")}</h2>
                    <p>{t("sample.hint")}</p>
                    <SampleButtons/>
                </div>
            </Show>
            <UnreadableRecords/>
            <div class="card">
                <h2>{t("data.storage")}</h2>
                <StorageFacts/>
            </div>
            <Show when=move || !empty.get()>
                <div class="card">
                    <h2>{t("data.clear")}</h2>
                    <p>{t("data.clear_hint")}</p>
                    <button type="button" class="danger" on:click=clear>{t("data.clear")}</button>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn StorageFacts() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let mb = |bytes: Option<f64>| bytes.map(|b| format!("{:.1} MB", b / 1_048_576.0));
    view! {
        <dl class="facts">
            <dt>{t("data.persisted")}</dt>
            <dd id="persisted">{move || match state.storage_info.get().persisted {
                Some(true) => i18n.t("data.persisted_yes"),
                Some(false) => i18n.t("data.persisted_no"),
                None => i18n.t("data.unknown"),
            }}</dd>
            <dt>{t("data.usage")}</dt>
            <dd>{move || {
                let info = state.storage_info.get();
                match (mb(info.usage_bytes), mb(info.quota_bytes)) {
                    (Some(u), Some(q)) => i18n.tf("data.usage_of", &[("used", u), ("quota", q)]),
                    _ => i18n.t("data.unknown"),
                }
            }}</dd>
        </dl>
    }
}
