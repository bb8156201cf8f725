use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A section whose features are not built yet says so plainly, and what it will do.
#[component]
pub fn LaterPage(section: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{move || i18n.t(&format!("nav.{section}"))}</h1>
            <div class="card later">
                <p><strong>{move || i18n.t("later.not_yet")}</strong></p>
                <p>{move || i18n.t(&format!("later.{section}"))}</p>
            </div>
        </section>
    }
}
