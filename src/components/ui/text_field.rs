use crate::components::{FieldError, FormError};
use crate::i18n::t;
use leptos::prelude::*;
use liuke_engine::Field;

/// A labelled input bound to a text signal, with the form's error for `field` under it.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    error: FormError,
    #[prop(optional)] field: Option<Field>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] wide: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field" class:wide=wide>
            <span>{t(label)}</span>
            <input name=name type=input_type inputmode=inputmode autocomplete=autocomplete list=list
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            {field.map(|field| view! { <FieldError error=error field=field/> })}
        </label>
    }
}
