use crate::i18n::t;
use crate::state::use_state;
use leptos::prelude::*;

/// Picks one of the staff who are active today; the value is the staff id as text.
#[component]
pub fn StaffSelect(value: RwSignal<String>, #[prop(optional)] allow_none: bool) -> impl IntoView {
    let state = use_state();
    let staff = Memo::new(move |_| {
        state.book.with(|b| {
            b.staff()
                .iter()
                .filter(|s| s.status.is_active_on(state.today()))
                .map(|s| (s.id.0.to_string(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <select name="staff" prop:value=value on:change=move |ev| value.set(event_target_value(&ev))>
            {allow_none.then(|| view! { <option value="">{t("form.nobody")}</option> })}
            {move || staff.get().into_iter().map(|(id, name)| {
                let selected = value.get_untracked() == id;
                view! { <option value=id selected=selected>{name}</option> }
            }).collect_view()}
        </select>
    }
}
