use crate::browser::confirm;
use crate::errors::UiError;
use crate::i18n::{format_date, t, use_i18n, I18n};
use crate::state::{use_state, AppState, Notice};
use crate::storage::lock::Cipher;
use crate::storage::StorageError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::interchange::backup::{self, BackupFile, SealedBackup};
use liuke_engine::{Book, RecordKind};
use wasm_bindgen_futures::JsFuture;

/// Export and restore of the whole book. With a passphrase lock on, the backup is
/// encrypted by default — the file holds every name and phone number — and opens on any
/// device with the passphrase; a plain one is an explicit choice, after a warning.
#[component]
pub fn BackupCard() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let restore_error = RwSignal::new(None::<UiError>);
    let pending = RwSignal::new(None::<SealedBackup>);
    let passphrase = RwSignal::new(String::new());
    let opening = RwSignal::new(false);

    let export = move |plain: bool| {
        if plain && !confirm(&i18n.t("data.confirm_plain_backup")) {
            return;
        }
        spawn_local(async move {
            if let Err(e) = state.export_backup(plain).await {
                state.notice.set(Some(Notice::Error(e)));
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        pending.set(None);
        spawn_local(async move {
            match read_file(file).await {
                Ok(BackupFile::Plain(book)) => {
                    restore_error.set(None);
                    confirm_and_replace(state, i18n, *book, restore_error).await;
                }
                Ok(BackupFile::Sealed(sealed)) => {
                    restore_error.set(None);
                    pending.set(Some(sealed));
                }
                Err(e) => restore_error.set(Some(e)),
            }
        });
    };
    let open_sealed = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sealed) = pending.get_untracked() else {
            return;
        };
        if opening.get_untracked() {
            return;
        }
        opening.set(true);
        spawn_local(async move {
            let opened = Cipher::open_backup(&passphrase.get_untracked(), &sealed).await;
            opening.set(false);
            let book = opened
                .map_err(|e| UiError::Storage(StorageError::Lock(e)))
                .and_then(|text| backup::restore(&text).map_err(UiError::Schema));
            match book {
                Ok(book) => {
                    pending.set(None);
                    passphrase.set(String::new());
                    restore_error.set(None);
                    confirm_and_replace(state, i18n, book, restore_error).await;
                }
                Err(e) => restore_error.set(Some(e)),
            }
        });
    };

    view! {
        <div class="card backup">
            <h2>{t("data.backup")}</h2>
            <p>{t("data.backup_hint")}</p>
            <Show when=move || state.lock_on.get()>
                <p class="hint sealed-hint">{t("data.backup_sealed_hint")}</p>
            </Show>
            <p class="counts">{move || counts_text(state, i18n)}</p>
            <div class="actions">
                <button type="button" class="primary" id="export-backup" on:click=move |_| export(false)>
                    {move || if state.lock_on.get() { i18n.t("data.export_sealed") } else { i18n.t("data.export") }}
                </button>
                <Show when=move || state.lock_on.get()>
                    <button type="button" id="export-plain-backup" on:click=move |_| export(true)>{t("data.export_plain")}</button>
                </Show>
                <label class="button">
                    {t("data.restore")}
                    <input type="file" id="restore-file" class="visually-hidden" accept=".json,application/json" on:change=on_file/>
                </label>
            </div>
            {move || pending.get().map(|sealed| view! {
                <form class="form open-backup" name="open-backup" on:submit=open_sealed novalidate>
                    <p>{i18n.tf("data.sealed_backup_found", &[("date", sealed.exported.map(format_date).unwrap_or_default())])}</p>
                    <label class="field">
                        <span>{t("lock.passphrase")}</span>
                        <input type="password" name="backup_passphrase" autocomplete="current-password"
                            prop:value=passphrase on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    </label>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || opening.get()>
                            {move || if opening.get() { i18n.t("lock.unlocking") } else { i18n.t("data.open_backup") }}
                        </button>
                    </div>
                </form>
            })}
            {move || restore_error.get().map(|e| view! { <p class="field-error" role="alert">{e.message(&i18n)}</p> })}
        </div>
    }
}

async fn read_file(file: web_sys::File) -> Result<BackupFile, UiError> {
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(UiError::Schema(liuke_engine::schema::SchemaError::NotJson(
            String::new(),
        )))?;
    backup::read(&text).map_err(UiError::Schema)
}

async fn confirm_and_replace(
    state: AppState,
    i18n: I18n,
    book: Book,
    error: RwSignal<Option<UiError>>,
) {
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

fn counts_text(state: AppState, i18n: I18n) -> String {
    state.stored.with(|b| {
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
