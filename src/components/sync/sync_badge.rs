use crate::i18n::use_i18n;
use crate::route::Route;
use crate::state::{use_state, SyncState};
use leptos::prelude::*;

/// The header's word on team sync: synced, N changes waiting, offline, or an error;
/// nothing for a book not in a team. It links to the sync settings, and beside it the
/// conflicts waiting for a person link to their list.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    move || {
        let waiting = state.sync_waiting.get();
        let count = [("count", waiting.to_string())];
        let (class, text) = match state.sync_state.get() {
            SyncState::Off => return None,
            SyncState::Syncing => ("syncing", i18n.t("sync.badge.syncing")),
            SyncState::Offline if waiting > 0 => {
                ("offline", i18n.tf("sync.badge.offline_waiting", &count))
            }
            SyncState::Offline => ("offline", i18n.t("sync.badge.offline")),
            SyncState::NeedsPassword => ("error", i18n.t("sync.badge.password")),
            SyncState::Failed(_) => ("error", i18n.t("sync.badge.error")),
            SyncState::Synced | SyncState::OtherTab if waiting > 0 => {
                ("waiting", i18n.tf("sync.badge.waiting", &count))
            }
            SyncState::Synced | SyncState::OtherTab => ("synced", i18n.t("sync.badge.synced")),
        };
        let conflicts = state.sync_conflicts.with(Vec::len);
        let conflicts = (conflicts > 0).then(|| {
            view! {
                <a class="sync-badge conflicts" href=Route::Conflicts.href()>
                    {i18n.tf("sync.badge.conflicts", &[("count", conflicts.to_string())])}
                </a>
            }
        });
        Some(view! {
            <a class=format!("sync-badge {class}") href="#/settings" role="status">{text}</a>
            {conflicts}
        })
    }
}
