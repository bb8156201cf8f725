use crate::components::NumberSetting;
use crate::i18n::{t, use_i18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One password input bound to a signal.
#[component]
fn Secret(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    new: bool,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{t(label)}</span>
            <input type="password" name=name autocomplete=if new { "new-password" } else { "current-password" }
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// The passphrase lock in the settings: set it, or, once set, lock now, change the
/// passphrase or remove the lock (both asking for the current passphrase).
#[component]
pub fn LockSettings() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<crate::errors::UiError>);
    let working = RwSignal::new(false);
    let clear = move || {
        for s in [current, next, confirm] {
            s.set(String::new());
        }
    };
    // Runs one lock operation, reporting its outcome; nothing changes on an error.
    let run = move |op: &'static str| {
        if working.get_untracked() {
            return;
        }
        working.set(true);
        error.set(None);
        let (c, n, f) = (
            current.get_untracked(),
            next.get_untracked(),
            confirm.get_untracked(),
        );
        spawn_local(async move {
            let (result, saved) = match op {
                "set" => (state.set_lock(&n, &f).await, "lock.set_done"),
                "change" => (state.change_lock(&c, &n, &f).await, "lock.changed"),
                _ => (state.remove_lock(&c).await, "lock.removed"),
            };
            working.set(false);
            match result {
                Ok(()) => {
                    clear();
                    state.notice.set(Some(Notice::Done(saved)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card lock-settings">
            <h2>{t("lock.settings")}</h2>
            <Show when=move || state.lock_on.get() fallback=move || view! {
                <p class="hint">{t("lock.explain")}</p>
                <form class="form" name="set-lock" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run("set") } novalidate>
                    <div class="grid">
                        <Secret label="lock.new" name="new_passphrase" value=next new=true/>
                        <Secret label="lock.confirm" name="confirm_passphrase" value=confirm new=true/>
                    </div>
                    <div class="actions"><button type="submit" class="primary" disabled=move || working.get()>{t("lock.set")}</button></div>
                </form>
            }>
                <p class="hint">{t("lock.is_on")}</p>
                <button type="button" name="lock-now" on:click=move |_| state.lock_now()>{t("lock.lock_now")}</button>
                <div class="settings-grid autolock">
                    <NumberSetting label=Signal::derive(move || i18n.t("lock.autolock"))
                        get=Signal::derive(move || f64::from(state.autolock_minutes.get()))
                        set=Callback::new(move |v: f64| { state.autolock_minutes.set(v as u32); None })
                        range=crate::storage::prefs::AUTOLOCK_RANGE/>
                </div>
                <form class="form" name="change-lock" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run("change") } novalidate>
                    <div class="grid">
                        <Secret label="lock.current" name="current_passphrase" value=current new=false/>
                        <Secret label="lock.new" name="new_passphrase" value=next new=true/>
                        <Secret label="lock.confirm" name="confirm_passphrase" value=confirm new=true/>
                    </div>
                    <div class="actions">
                        <button type="submit" disabled=move || working.get()>{t("lock.change")}</button>
                        <button type="button" class="danger" name="remove-lock" disabled=move || working.get() on:click=move |_| run("remove")>{t("lock.remove")}</button>
                    </div>
                </form>
            </Show>
            <Show when=move || working.get()><p class="hint" role="status">{t("lock.working")}</p></Show>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(&i18n)}</p> })}
        </section>
    }
}
