use crate::browser::{confirm, download};
use crate::i18n::{t, use_i18n, variant, Lang};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use liuke_engine::interchange::csv_export::export_csv;
use liuke_engine::interchange::csv_import::{ImportKind, Language};

/// Lists as CSV for Excel (UTF-8 with BOM), with the same headers the import reads back.
#[component]
pub fn CsvExport() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let kind = RwSignal::new(ImportKind::Customers);
    let export = move |_| {
        // The lock keeps the book encrypted on this device; a CSV file never is.
        if state.lock_on.get_untracked() && !confirm(&i18n.t("export.confirm_plain")) {
            return;
        }
        let kind = kind.get_untracked();
        let language = match i18n.lang.get_untracked() {
            Lang::Zh => Language::Zh,
            Lang::En => Language::En,
        };
        let text = state.book.with_untracked(|b| {
            export_csv(b, kind, state.today(), language, &|c| {
                c.default_header(kind, language).to_string()
            })
        });
        let name = format!("liuke-{}-{}.csv", variant(&kind), state.today());
        if let Err(e) = download(&name, &text, "text/csv;charset=utf-8") {
            state.notice.set(Some(Notice::Error(e)));
        }
    };
    view! {
        <section class="card csv-export">
            <h2>{t("export.title")}</h2>
            <p class="hint">{t("export.lead")}</p>
            <div class="toolbar">
                <select name="export_kind" aria-label=t("import.kind") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(k) = ImportKind::ALL.into_iter().find(|k| variant(k) == value) { kind.set(k) }
                }>
                    {ImportKind::ALL.into_iter().map(|k| {
                        let key = format!("import.kind.{}", variant(&k));
                        view! { <option value=variant(&k)>{move || i18n.t(&key)}</option> }
                    }).collect_view()}
                </select>
                <button type="button" class="export-list" on:click=export>{t("export.button")}</button>
            </div>
        </section>
    }
}
