use crate::errors::refusal_message;
use crate::i18n::use_i18n;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::RecordKey;

/// Says on a record that the team database refused a change made to it on this device
/// (and that the team's version is shown again), with the server's reason.
#[component]
pub fn RefusalMark(key: RecordKey) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let name = liuke_engine::sync::document::doc_id(key);
    let reason = move || state.sync_refusals.with(|r| r.get(&name).cloned());
    move || {
        reason().map(|reason| {
            view! { <p class="refusal-mark" role="alert">{refusal_message(&i18n, &reason)}</p> }
        })
    }
}
