use crate::i18n::{t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a locked book opens to: the passphrase, and for a forgotten one the plain truth
/// that nothing can be recovered without a backup, with a way to start over.
#[component]
pub fn LockScreen() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<crate::errors::UiError>);
    let working = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if working.get_untracked() {
            return;
        }
        working.set(true);
        error.set(None);
        spawn_local(async move {
            let result = state.unlock(&passphrase.get_untracked()).await;
            working.set(false);
            match result {
                Ok(()) => passphrase.set(String::new()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let erase = move |_| {
        if !crate::browser::confirm(&i18n.t("lock.erase_confirm")) {
            return;
        }
        spawn_local(async move {
            if let Err(e) = state.erase_locked_book().await {
                error.set(Some(e));
            }
        });
    };
    view! {
        <section class="card lock-screen">
            <h1>{t("lock.title")}</h1>
            <p>{t("lock.lead")}</p>
            <form class="form" on:submit=submit novalidate>
                <label class="field">
                    <span>{t("lock.passphrase")}</span>
                    <input type="password" name="passphrase" autocomplete="current-password" required
                        prop:value=passphrase on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </label>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(&i18n)}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || working.get()>
                        {move || if working.get() { i18n.t("lock.unlocking") } else { i18n.t("lock.unlock") }}
                    </button>
                </div>
            </form>
            <details class="forgot">
                <summary>{t("lock.forgot")}</summary>
                <p>{t("lock.forgot_text")}</p>
                <button type="button" class="danger" name="erase" on:click=erase>{t("lock.erase")}</button>
            </details>
        </section>
    }
}
