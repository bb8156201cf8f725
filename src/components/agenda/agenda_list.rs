use crate::components::{entry_key, AgendaEntry};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use liuke_engine::agenda::AgendaItem;
use liuke_engine::CustomerId;
use std::collections::HashMap;

/// Entries shown at first, and added by each "show more".
const PAGE: usize = 50;

/// Agenda entries fifty at a time with "show more": a page of a long list is drawn, not
/// the list. `first(n)` gives the first `n` of the `total`; with `at_stake`, each entry
/// shows its customer's value at risk.
#[component]
pub fn AgendaList(
    total: Signal<usize>,
    first: Callback<usize, Vec<AgendaItem>>,
    #[prop(optional)] at_stake: Option<Memo<HashMap<CustomerId, f64>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(PAGE);
    let list = Memo::new(move |_| first.run(shown.get()));
    view! {
        <ul class="agenda-list">
            <For each=move || list.get() key=entry_key let:item>
                {
                    let stake = at_stake.map(|s| {
                        item.customer.and_then(|c| s.with_untracked(|s| s.get(&c).copied())).unwrap_or(0.0)
                    });
                    match stake {
                        Some(stake) => view! { <AgendaEntry item=item at_stake=stake/> }.into_any(),
                        None => view! { <AgendaEntry item=item/> }.into_any(),
                    }
                }
            </For>
        </ul>
        <Show when=move || { total.get() > shown.get() }>
            <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE)>
                {move || i18n.tf("agenda.show_more", &[("count", i18n.count(total.get() - shown.get()))])}
            </button>
        </Show>
    }
}
