use crate::i18n::{t, use_i18n, variant};
use leptos::prelude::*;

/// Picks one kind with one tap, as a row of buttons labelled from `{prefix}.{variant}`.
#[component]
pub fn KindChips<T>(value: RwSignal<T>, options: Vec<T>, prefix: &'static str) -> impl IntoView
where
    T: serde::Serialize + Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <div class="chips" role="radiogroup" aria-label=t("field.kind")>
            {options.into_iter().map(|option| {
                let name = variant(&option);
                let key = format!("{prefix}.{name}");
                view! {
                    <button type="button" role="radio" data-kind=name aria-checked=move || (value.get() == option).to_string()
                        on:click=move |_| value.set(option)>{move || i18n.t(&key)}</button>
                }
            }).collect_view()}
        </div>
    }
}
