use crate::components::{AnnouncementCard, AnnouncementForm};
use crate::i18n::t;
use crate::state::use_state;
use leptos::prelude::*;

/// Announcements (通知, seed 003): policy, price and product changes, and which
/// customers have been told. Cannot-lose customers not yet told show in the agenda.
#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let state = use_state();
    let ids = Memo::new(move |_| {
        state.book.with(|b| {
            b.announcements()
                .iter()
                .rev()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page announcements">
            <h1>{t("nav.announcements")}</h1>
            <p class="hint">{t("announcement.lead")}</p>
            <AnnouncementForm/>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="muted">{t("announcement.none")}</p>
            </Show>
            <For each=move || ids.get() key=|id| *id let:id>
                <AnnouncementCard id=id/>
            </For>
        </section>
    }
}
