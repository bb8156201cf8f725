use crate::components::with_amounts;
use crate::components::{FieldError, FormError};
use crate::i18n::{t, use_i18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{winback, Field, WinbackCase, WinbackOutcome};

/// Ends the case with what is in the draft: won back, or not and why not. The customer's
/// status follows in the same change.
#[component]
pub fn WinbackClose(
    draft: RwSignal<WinbackCase>,
    amounts: RwSignal<[String; 4]>,
    error: FormError,
) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let why_not = RwSignal::new(String::new());
    let finish = move |outcome: WinbackOutcome| {
        let case = match amounts.with_untracked(|a| draft.with_untracked(|d| with_amounts(d, a))) {
            Ok(c) => c,
            Err(e) => return error.set(Some(e)),
        };
        // Closing drops what is still planned: said first, and only on a yes.
        let open = case.open_actions();
        if open > 0
            && !crate::browser::confirm(&i18n.tf(
                "winback.close_with_open_actions",
                &[("count", open.to_string())],
            ))
        {
            return;
        }
        let command = state.book.with_untracked(|b| {
            winback::close(b, &case, outcome, &why_not.get_untracked(), state.today())
        });
        let command = match command {
            Ok(c) => c,
            Err(e) => return error.set(Some(e.into())),
        };
        spawn_local(async move {
            match state.dispatch(command).await {
                Ok(_) => {
                    error.set(None);
                    state.notice.set(Some(Notice::Saved("winback.closed")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card winback-close">
            <h2>{t("winback.close")}</h2>
            <button type="button" class="primary" name="won-back" on:click=move |_| finish(WinbackOutcome::WonBack)>{t("winback.close_won")}</button>
            <div class="form-grid">
                <label class="field wide"><span>{t("field.why_not")}</span>
                    <input name="why_not" prop:value=why_not on:input=move |ev| why_not.set(event_target_value(&ev))/></label>
                <FieldError error=error field=Field::WhyNot/>
                <button type="button" name="not-won-back" on:click=move |_| finish(WinbackOutcome::NotWonBack)>{t("winback.close_lost")}</button>
            </div>
        </section>
    }
}
