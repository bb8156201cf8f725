use crate::errors::UiError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use liuke_engine::Field;

/// A form's current error, if any.
pub type FormError = RwSignal<Option<UiError>>;

/// Shows the form's error under the input it belongs to; errors with no field of this
/// form (storage, references) are shown by the form's general slot (`field = None`).
#[component]
pub fn FieldError(
    error: FormError,
    #[prop(optional)] field: Option<Field>,
    #[prop(optional)] fields: &'static [Field],
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().and_then(|e| {
            let belongs = match field {
                Some(f) => e.field() == Some(f),
                None => e.field().is_none_or(|f| !fields.contains(&f)),
            };
            belongs.then(|| view! { <p class="field-error" role="alert">{e.message(&i18n)}</p> })
        })
    }
}
