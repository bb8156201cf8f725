use crate::i18n::{t, use_i18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Good news fades after a while; errors stay until dismissed.
const FADE_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

/// The one place messages appear: saved, failed, reloaded from another tab. A toast fixed
/// to the viewport, so it is seen wherever the page is scrolled (a save at the foot of a
/// long customer page used to report far above the screen), in a live region that
/// screen readers announce.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let undo = move |_| {
        spawn_local(async move {
            match state.undo().await {
                Ok(()) => state.notice.set(Some(Notice::Saved("notice.undone"))),
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };
    Effect::new(move |_| {
        let shown = state.notice.get();
        if matches!(
            shown,
            Some(Notice::Saved(_) | Notice::Done(_) | Notice::Reloaded)
        ) {
            set_timeout(
                move || {
                    if state.notice.get_untracked() == shown {
                        state.notice.set(None);
                    }
                },
                FADE_AFTER,
            );
        }
    });
    let notice = move || {
        state.notice.get().map(|notice| {
            let (class, text, can_undo) = match &notice {
                Notice::Saved(key) => ("notice ok", i18n.t(key), state.last_change.get().is_some()),
                Notice::Done(key) => ("notice ok", i18n.t(key), false),
                Notice::Error(e) => ("notice error", e.message(&i18n), false),
                Notice::Reloaded => ("notice info", i18n.t("notice.reloaded"), false),
                Notice::KeyChanged { locked: true } => ("notice error key-changed", i18n.t("notice.key_changed_locked"), false),
                Notice::KeyChanged { locked: false } => ("notice info key-changed", i18n.t("notice.key_removed"), false),
                Notice::Tampered(n) => ("notice error tampered", i18n.tf("notice.tampered", &[("count", n.to_string())]), false),
                Notice::AutolockReset(minutes) => ("notice error", i18n.tf("notice.autolock_reset", &[("minutes", minutes.to_string())]), false),
                Notice::SettingsUnreadable => ("notice error", i18n.t("notice.settings_unreadable"), false),
                Notice::Skipped(n) => ("notice error", i18n.tf("notice.skipped", &[("count", n.to_string())]), false),
                Notice::PoolAsks(n) => ("notice info pool-asks", i18n.tf("notice.pool_asks", &[("count", n.to_string())]), false),
                Notice::Recycled(n) => ("notice info pool-recycled", i18n.tf("notice.recycled", &[("count", n.to_string())]), state.last_change.get().is_some()),
            };
            let role = if class.starts_with("notice error") { "alert" } else { "status" };
            view! {
                <div class=class role=role>
                    <span class="notice-text">{text}</span>
                    {can_undo.then(|| view! { <button type="button" class="link" on:click=undo>{t("action.undo")}</button> })}
                    <button type="button" class="link" aria-label=t("action.dismiss") on:click=move |_| state.notice.set(None)>"×"</button>
                </div>
            }
        })
    };
    view! { <div class="toasts" aria-live="polite">{notice}</div> }
}
