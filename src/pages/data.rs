use crate::components::{CsvExport, CsvImport, SampleButtons, UnreadableRecords};
use crate::errors::UiError;
use crate::i18n::{format_date, t, use_i18n, I18n};
use crate::state::{use_state, AppState, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::interchange::backup;
use liuke_engine::{Book, RecordKind};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let empty = Memo::new(move |_| state.book.with(Book::is_empty));
    let restore_error = RwSignal::new(None::<UiError>);
    spawn_local(async move { state.refresh_storage_info().await });

    let export = move |_| {
        let text = state
            .book
            .with_untracked(|b| backup::export(b, state.today));
        let name = format!("liuke-backup-{}.json", format_date(state.today));
        if let Err(e) = download(&name, &text, "application/json") {
            state.notice.set(Some(Notice::Error(e)));
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move { restore_file(state, i18n, file, restore_error).await });
    };
    let clear = move |_| {
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
            <div class="card">
                <h2>{t("data.backup")}</h2>
                <p>{t("data.backup_hint")}</p>
                <p class="counts">{move || counts_text(state, i18n)}</p>
                <div class="actions">
                    <button type="button" class="primary" id="export-backup" on:click=export>{t("data.export")}</button>
                    <label class="button">
                        {t("data.restore")}
                        <input type="file" id="restore-file" class="visually-hidden" accept=".json,application/json" on:change=on_file/>
                    </label>
                </div>
                {move || restore_error.get().map(|e| view! { <p class="field-error" role="alert">{e.message(&i18n)}</p> })}
            </div>
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

fn counts_text(state: AppState, i18n: I18n) -> String {
    state.book.with(|b| {
        [
            RecordKind::Customer,
            RecordKind::Order,
            RecordKind::Interaction,
            RecordKind::Staff,
        ]
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                crate::errors::kind_label(&i18n, *k),
                i18n.count(b.count(*k))
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
    })
}

async fn restore_file(
    state: AppState,
    i18n: I18n,
    file: web_sys::File,
    error: RwSignal<Option<UiError>>,
) {
    let text = match JsFuture::from(file.text()).await {
        Ok(t) => t.as_string().unwrap_or_default(),
        Err(_) => {
            return error.set(Some(UiError::Schema(
                liuke_engine::schema::SchemaError::NotJson(String::new()),
            )))
        }
    };
    let book = match backup::restore(&text) {
        Ok(book) => book,
        Err(e) => return error.set(Some(UiError::Schema(e))),
    };
    error.set(None);
    let question = i18n.tf(
        "data.confirm_restore",
        &[
            ("customers", i18n.count(book.customers().len())),
            ("orders", i18n.count(book.orders().len())),
        ],
    );
    if !confirm(&question) {
        return;
    }
    match state.replace(book).await {
        Ok(()) => state.notice.set(Some(Notice::Saved("data.restored"))),
        Err(e) => error.set(Some(e)),
    }
}

fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Offers text as a file download.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), UiError> {
    let fail = |_| UiError::Storage(crate::storage::StorageError::Failed("download".into()));
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(UiError::Storage(crate::storage::StorageError::Failed(
            "document".into(),
        )))?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
