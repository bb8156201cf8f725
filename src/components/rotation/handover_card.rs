use crate::components::HandoverMessage;
use crate::i18n::{t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::{set_handover_status, tick_handover_step};
use liuke_engine::{CustomerId, Handover, HandoverStatus};

/// A customer's handovers: where each stands with the customer, and its checklist.
#[component]
pub fn HandoverCard(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let handovers = Memo::new(move |_| {
        state.book.with(|b| {
            let mut list: Vec<Handover> = b.handovers().of_customer(id).cloned().collect();
            list.reverse();
            list
        })
    });
    view! {
        <Show when=move || !handovers.with(Vec::is_empty)>
            <section class="card handovers">
                <h2>{t("handover.title")}</h2>
                {move || handovers.get().into_iter().map(|h| view! { <HandoverView handover=h/> }).collect_view()}
            </section>
        </Show>
    }
}

#[component]
fn HandoverView(handover: Handover) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let id = handover.id;
    let name =
        move |s: Option<liuke_engine::StaffId>| state.book.with_untracked(|b| b.staff_name(s));
    let headline = i18n.tf(
        "handover.headline",
        &[
            ("from", name(handover.from)),
            ("to", name(Some(handover.to))),
            ("date", i18n.date_prose(handover.on)),
            (
                "reason",
                i18n.t(&format!("handover.reason.{}", variant(&handover.reason))),
            ),
        ],
    );
    let set_status = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(status) = HandoverStatus::ALL
            .into_iter()
            .find(|s| variant(s) == value)
        else {
            return;
        };
        if let Some(command) = state
            .book
            .with_untracked(|b| set_handover_status(b, id, status, state.today()))
        {
            state.run(command, "handover.saved");
        }
    };
    let current = handover.status;
    view! {
        <div class="handover" data-handover=id.0 data-status=variant(&current)>
            <p class="headline">{headline}</p>
            <label class="setting">
                <span>{move || i18n.t("handover.status")}</span>
                <select name="handover_status" on:change=set_status>
                    {HandoverStatus::ALL.into_iter().map(|s| {
                        let key = format!("handover.status.{}", variant(&s));
                        view! { <option value=variant(&s) selected=s == current>{move || i18n.t(&key)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <HandoverMessage handover=handover.clone()/>
            <ul class="checklist">
                {handover.steps.iter().enumerate().map(|(index, step)| {
                    let done = step.done.is_some();
                    let key = format!("handover.step.{}", variant(&step.kind));
                    let who = name(step.staff);
                    let due = i18n.date(step.due);
                    let overdue = !done && step.due < state.today();
                    let tick = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        if let Some(command) = state.book.with_untracked(|b| tick_handover_step(b, id, index, on, state.today())) {
                            state.run(command, "handover.saved");
                        }
                    };
                    view! {
                        <li class:done=done class:overdue=overdue>
                            <label class="check">
                                <input type="checkbox" prop:checked=done on:change=tick/>
                                {move || i18n.t(&key)}
                            </label>
                            <span class="sub">{format!("{due} · {who}")}
                                {overdue.then(|| view! { " " <span class="badge overdue">{move || i18n.t("handover.step_overdue")}</span> })}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
