use crate::components::AgendaList;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use liuke_engine::agenda::{ItemKind, KindGroup as Group, OPEN_UP_TO};
use liuke_engine::CustomerId;
use std::collections::HashMap;

/// One kind of entry, folded under a line that says how many and how much is at stake,
/// so today's work stays at the top of the page (overdue entries; a long week's).
#[component]
pub fn KindGroup(
    kind: ItemKind,
    group: Memo<Option<Group>>,
    at_stake: Memo<HashMap<CustomerId, f64>>,
    /// A week's group: entries by day, each without its stake, and a kind with a few
    /// entries (a festival, the week's tasks) open from the start.
    #[prop(optional)]
    week: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = Signal::derive(move || group.with(|g| g.as_ref().map_or(0, |g| g.items.len())));
    let first = Callback::new(move |n: usize| {
        group.with(|g| {
            g.as_ref()
                .map(|g| g.items.iter().take(n).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let stake = move || group.with(|g| g.as_ref().map_or(0.0, |g| g.at_stake));
    let kind_key = format!("agenda.kind.{}", kind.key());
    let open =
        week && group.with_untracked(|g| g.as_ref().is_some_and(|g| g.items.len() <= OPEN_UP_TO));
    let list = if week {
        view! { <AgendaList total=total first=first/> }.into_any()
    } else {
        view! { <AgendaList total=total first=first at_stake=at_stake/> }.into_any()
    };
    view! {
        <details class="agenda-group" data-kind=kind.key() open=open>
            <summary>
                <span class="kind">{move || i18n.t(&kind_key)}</span>
                <span class="group-count">{move || i18n.tf("agenda.group.count", &[("count", i18n.count(total.get()))])}</span>
                {move || (stake() >= 0.5).then(|| view! {
                    <span class="group-stake">{i18n.tf("agenda.group.at_stake", &[("amount", i18n.yuan_compact(stake()))])}</span>
                })}
            </summary>
            {list}
        </details>
    }
}
