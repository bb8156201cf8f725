use crate::i18n::{format_date, t, use_i18n};
use crate::route::Route;
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// On the dashboard, where it is seen: whether the browser may clear this device's book
/// (persistent storage not granted), when it was last backed up, and a reminder once
/// changes have gone a week without a backup — with the backup one tap away. Users of
/// other local-first apps lost everything this way without ever opening a settings page.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let exposed = move || state.storage_info.get().persisted == Some(false);
    let due = move || state.backup_mark.get().reminder_due(state.calendar_today());
    let backup = move |_| {
        spawn_local(async move {
            match state.export_backup(false).await {
                Ok(()) => state.notice.set(Some(Notice::Saved("backup.made"))),
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };
    view! {
        // An empty book has nothing to lose yet.
        <Show when=move || (exposed() || due()) && state.stored.with(|b| !b.is_empty())>
            <div class="card backup-reminder" class:due=due role="status">
                <Show when=exposed>
                    <p class="exposed">{t("backup.not_persisted")}</p>
                </Show>
                <p class="last-backup">{move || match state.backup_mark.get().last {
                    Some(day) => i18n.tf("backup.last", &[("date", format_date(day))]),
                    None => i18n.t("backup.never"),
                }}</p>
                <Show when=due>
                    <p class="due">{move || i18n.tf("backup.due", &[("date", state.backup_mark.get().changed_since.map(format_date).unwrap_or_default())])}</p>
                </Show>
                <div class="actions">
                    <button type="button" class="primary" name="backup-now" on:click=backup>
                        {move || if state.lock_on.get() { i18n.t("data.export_sealed") } else { i18n.t("backup.now") }}
                    </button>
                    <a href=Route::Data.href()>{t("backup.more")}</a>
                </div>
            </div>
        </Show>
    }
}
