use crate::i18n::t;
use crate::offline::use_updates;
use leptos::prelude::*;

/// Says a new version is ready and switches only when the user says so.
#[component]
pub fn UpdateBar() -> impl IntoView {
    let updates = use_updates();
    view! {
        <Show when=move || updates.ready.get()>
            <div class="notice update" role="status">
                <span>{t("update.ready")}</span>
                <button type="button" class="primary small" on:click=move |_| updates.apply()>{t("update.apply")}</button>
            </div>
        </Show>
    }
}
