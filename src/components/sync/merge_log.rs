use super::record_name::{doc_kind, record_name};
use crate::i18n::{t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;

/// What this device merged by itself since the app was opened: edits of different
/// fields of one record made on two devices apart, each field as the device that
/// changed it left it.
#[component]
pub fn MergeLog() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let rows = move || {
        state.sync_merges.with(|merges| {
            state.stored.with(|book| {
                merges
                    .iter()
                    .rev()
                    .map(|merge| {
                        let (what, key) = doc_kind(&i18n, &merge.doc_id);
                        let name = key
                            .and_then(|key| book.get(key))
                            .and_then(|record| record_name(book, &record));
                        let fields = merge
                            .fields
                            .iter()
                            .map(|f| super::conflict_card::field_label(&i18n, f))
                            .collect::<Vec<_>>()
                            .join(&i18n.t("list.separator"));
                        view! {
                            <li>
                                <strong>{what}</strong>" "{name}" · "{merge.at.clone()}<br/>
                                <span>{i18n.tf("sync.merged_fields", &[("fields", fields)])}</span>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <Show when=move || !state.sync_merges.with(Vec::is_empty)>
            <div class="merge-log">
                <h3>{t("sync.merged_title")}</h3>
                <ul>{rows}</ul>
            </div>
        </Show>
    }
}
