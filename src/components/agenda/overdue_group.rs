use crate::components::AgendaEntry;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use liuke_engine::agenda::{ItemKind, OverdueGroup as Group};
use liuke_engine::CustomerId;
use std::collections::HashMap;

/// Entries shown when a group is opened, and added by each "show more".
const PAGE: usize = 50;

/// One kind of overdue entry, folded under a line that says how many and how much is
/// at stake, so today's work stays at the top of the page.
#[component]
pub fn OverdueGroup(
    kind: ItemKind,
    group: Memo<Option<Group>>,
    at_stake: Memo<HashMap<CustomerId, f64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(PAGE);
    let total = Memo::new(move |_| group.with(|g| g.as_ref().map_or(0, |g| g.items.len())));
    let list = Memo::new(move |_| {
        group.with(|g| {
            g.as_ref()
                .map(|g| {
                    g.items
                        .iter()
                        .take(shown.get())
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let stake = move || group.with(|g| g.as_ref().map_or(0.0, |g| g.at_stake));
    let kind_key = format!("agenda.kind.{}", kind.key());
    view! {
        <details class="agenda-group" data-kind=kind.key()>
            <summary>
                <span class="kind">{move || i18n.t(&kind_key)}</span>
                <span class="group-count">{move || i18n.tf("agenda.group.count", &[("count", i18n.count(total.get()))])}</span>
                {move || (stake() >= 0.5).then(|| view! {
                    <span class="group-stake">{i18n.tf("agenda.group.at_stake", &[("amount", i18n.yuan_compact(stake()))])}</span>
                })}
            </summary>
            <ul class="agenda-list">
                <For each=move || list.get() key=crate::components::entry_key let:item>
                    {
                        let stake = item.customer.and_then(|c| at_stake.with_untracked(|s| s.get(&c).copied()));
                        view! { <AgendaEntry item=item at_stake=stake.unwrap_or(0.0)/> }
                    }
                </For>
            </ul>
            <Show when=move || { total.get() > shown.get() }>
                <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || i18n.tf("agenda.show_more", &[("count", i18n.count(total.get() - shown.get()))])}
                </button>
            </Show>
        </details>
    }
}
