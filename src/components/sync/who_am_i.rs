use crate::components::StaffSelect;
use crate::errors::UiError;
use crate::i18n::{t, use_i18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::sync::role::Role;
use liuke_engine::StaffId;

/// Who this device's user is in a team book: the staff member whose name their changes
/// carry (chosen here), and their role as the team database says it.
#[component]
pub fn WhoAmI() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let me = RwSignal::new(state.me().map(|s| s.0.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<UiError>);
    // Another tab said it: show what is stored now.
    Effect::new(move |_| me.set(state.me().map(|s| s.0.to_string()).unwrap_or_default()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let staff = me.get_untracked().parse().ok().map(StaffId);
        spawn_local(async move {
            match state.set_me(staff).await {
                Ok(()) => {
                    error.set(None);
                    state.notice.set(Some(Notice::Done("sync.me_saved")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let role = move || match state.role() {
        Some(Role::Manager) => i18n.t("sync.role.manager"),
        Some(Role::Rep) => i18n.t("sync.role.rep"),
        None => i18n.t("sync.role_unknown"),
    };
    view! {
        <form class="form who-am-i" name="who-am-i" on:submit=save>
            <label class="field">
                <span>{t("sync.me")}</span>
                <StaffSelect value=me allow_none=true/>
            </label>
            <p class="hint">{t("sync.me_hint")}</p>
            <p class="sync-role"><strong>{t("sync.role")}</strong>" "{role}</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(&i18n)}</p> })}
            <button type="submit" name="save-me">{t("action.save")}</button>
        </form>
    }
}
