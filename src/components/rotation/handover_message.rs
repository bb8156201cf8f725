use crate::components::FieldError;
use crate::errors::UiError;
use crate::forms;
use crate::i18n::{t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Handover, Record, MAX_MESSAGE};

/// The short note introducing the successor to the customer: drafted with the plan,
/// edited here before it is sent (at most 200 characters, a phone screen).
#[component]
pub fn HandoverMessage(handover: Handover) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let text = RwSignal::new(handover.message.clone());
    let error: RwSignal<Option<UiError>> = RwSignal::new(None);
    let save = move |_| {
        let mut h = handover.clone();
        h.message = text.get_untracked().trim().to_string();
        forms::save(
            state,
            error,
            Ok(Record::Handover(h)),
            Some(Record::Handover(handover.clone())),
            "handover.message_saved",
            || {},
        );
    };
    view! {
        <div class="handover-message">
            <label class="field wide"><span>{t("handover.message")}</span>
                <textarea name="handover_message" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
            <p class="hint">{move || i18n.tf("handover.message_count", &[("count", text.with(|s| s.trim().chars().count()).to_string()), ("max", MAX_MESSAGE.to_string())])}</p>
            <FieldError error=error/>
            <button type="button" class="small" name="save-message" on:click=save>{t("handover.save_message")}</button>
        </div>
    }
}
