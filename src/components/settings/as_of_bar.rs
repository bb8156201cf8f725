use crate::i18n::{format_date, t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;

/// Says, on every page, that the book is looked at as of another day and what that
/// leaves out, with the way back to today.
#[component]
pub fn AsOfBar() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let back = move |_| {
        state.as_of.set(None);
        crate::as_of::keep_in_address(None);
    };
    let left_out = move || {
        let later = state.book.later();
        let mut parts = Vec::new();
        if later.orders > 0 {
            parts.push(i18n.tf("as_of.later_orders", &[("n", i18n.count(later.orders))]));
        }
        if later.customers > 0 {
            parts.push(i18n.tf(
                "as_of.later_customers",
                &[("n", i18n.count(later.customers))],
            ));
        }
        if later.other > 0 {
            parts.push(i18n.tf("as_of.later_other", &[("n", i18n.count(later.other))]));
        }
        (!parts.is_empty()).then(|| {
            i18n.tf(
                "as_of.later",
                &[("what", parts.join(&i18n.t("list.separator")))],
            )
        })
    };
    view! {
        <Show when=move || state.as_of.get().is_some()>
            <div class="notice as-of" role="status">
                <span class="notice-text">
                    <strong class="as-of-day">{move || i18n.tf("as_of.viewing", &[("day", state.as_of.get().map(format_date).unwrap_or_default())])}</strong>
                    {move || left_out().map(|text| view! { " " <span class="as-of-later">{text}</span> })}
                </span>
                <button type="button" name="back-to-today" class="small" on:click=back>{t("as_of.back")}</button>
            </div>
        </Show>
    }
}
