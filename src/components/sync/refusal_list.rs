use super::record_name::doc_kind;
use crate::errors::refusal_message;
use crate::i18n::{t, use_i18n};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Record, RecordKind};

/// Every change of this device the team database refused, with its reason: those whose
/// record is gone (made here, refused) can be seen only here.
#[component]
pub fn RefusalList() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let rows = move || {
        state.sync_refusals.with(|refusals| {
            state.stored.with(|book| {
                refusals
                    .iter()
                    .map(|(doc_id, reason)| {
                        let (what, key) = doc_kind(&i18n, doc_id);
                        let record = key.and_then(|key| book.get(key));
                        let customer = record.as_ref().and_then(|r| match r {
                            Record::Customer(c) => Some(c.id),
                            other => other.customer(),
                        });
                        let link = customer.and_then(|id: CustomerId| {
                            let name = book.customers().get(id.0)?.name.clone();
                            Some(view! { <a href=Route::Customer(id).href()>{name}</a> })
                        });
                        let gone = key.is_some_and(|k| k.kind != RecordKind::Customer && record.is_none());
                        view! {
                            <li>
                                <strong>{what}</strong>" "{link}
                                {gone.then(|| view! { <span class="hint">" "{t("sync.refused_gone")}</span> })}
                                <br/>
                                <span>{refusal_message(&i18n, reason)}</span>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <Show when=move || !state.sync_refusals.with(std::collections::BTreeMap::is_empty)>
            <div class="refusal-list">
                <h3>{t("sync.refused_title")}</h3>
                <ul>{rows}</ul>
            </div>
        </Show>
    }
}
