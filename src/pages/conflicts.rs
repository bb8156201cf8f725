use crate::components::ConflictCard;
use crate::i18n::t;
use crate::state::use_state;
use leptos::prelude::*;

/// The team book's conflicts: records two devices changed in the same field while
/// apart. Every device shows the same version until someone settles it here.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="page conflicts">
            <h1>{t("conflict.title")}</h1>
            <p class="hint">{t("conflict.lead")}</p>
            <Show when=move || state.sync_conflicts.with(Vec::is_empty)>
                <p class="muted conflict-none">{t("conflict.none")}</p>
            </Show>
            // Keyed by the versions too: a conflict that changed is drawn anew.
            <For
                each=move || state.sync_conflicts.get()
                key=|c| (c.doc_id.clone(), c.versions.iter().map(|v| v.rev.to_string()).collect::<Vec<_>>())
                let:conflict
            >
                <ConflictCard conflict=conflict/>
            </For>
        </section>
    }
}
