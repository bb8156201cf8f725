use crate::i18n::t;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::register::NextAction;
use liuke_engine::{Command, CustomerId};

/// One tap turns a suggested action into an agenda item for the customer's owner;
/// once there, the button says so instead of adding it twice.
#[component]
pub fn AddToAgenda(customer: CustomerId, action: NextAction) -> impl IntoView {
    let state = use_state();
    let planned = Memo::new(move |_| {
        state.book.with(|b| {
            b.tasks()
                .of_customer(customer)
                .any(|t| t.done.is_none() && t.action == Some(action))
        })
    });
    let add = move |_| state.run(Command::AddTask { customer, action }, "saved.task");
    view! {
        <Show when=move || !planned.get() fallback=|| view! { <span class="badge planned">{t("agenda.planned")}</span> }>
            <button type="button" class="small add-agenda" on:click=add>{t("agenda.add")}</button>
        </Show>
    }
}
