use crate::errors::{kind_label, UiError};
use crate::i18n::{t, use_i18n, I18n};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::sync::document::DocKey;
use liuke_engine::sync::store::Conflict;
use liuke_engine::sync::Incoming;
use liuke_engine::{Book, Command, Money, Record};
use serde_json::Value;
use std::collections::BTreeMap;

/// What a conflict is about: the kind of record and whose it is.
fn title(i18n: &I18n, book: &Book, conflict: &Conflict) -> String {
    match conflict.versions.first().and_then(|v| v.holds.as_ref()) {
        Some(Incoming::Record(record)) => {
            let kind = kind_label(i18n, record.kind());
            super::record_name::record_name(book, record)
                .map_or(kind.clone(), |name| format!("{kind} · {name}"))
        }
        Some(Incoming::Settings(_)) => i18n.t("conflict.settings"),
        _ => conflict.doc_id.clone(),
    }
}

pub(super) fn field_label(i18n: &I18n, field: &str) -> String {
    let key = format!("field.{field}");
    let label = i18n.t(&key);
    if label == key {
        field.to_string()
    } else {
        label
    }
}

fn value_text(i18n: &I18n, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) if s.is_empty() => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(true)) => i18n.t("conflict.yes"),
        Some(Value::Bool(false)) => i18n.t("conflict.no"),
        Some(Value::Array(items)) if items.is_empty() => "—".into(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| value_text(i18n, Some(v)))
            .collect::<Vec<_>>()
            .join("、"),
        Some(other) => other.to_string(),
    }
}

/// One conflict, its versions side by side field by field: the user keeps one
/// version, or picks each field from the version that has it right.
#[component]
pub fn ConflictCard(conflict: Conflict) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let fields = conflict.fields();
    // For each field that differs, the version chosen: the one shown, to begin with.
    let chosen = RwSignal::new(
        fields
            .iter()
            .map(|f| (f.clone(), 0usize))
            .collect::<BTreeMap<_, _>>(),
    );
    let error = RwSignal::new(None::<UiError>);
    let heading = {
        let conflict = conflict.clone();
        move || state.stored.with(|b| title(&i18n, b, &conflict))
    };
    let versions = conflict.versions.clone();
    let doc_id = conflict.doc_id.clone();
    let save = {
        let versions = versions.clone();
        move |_| {
            let Some(first) = versions.first() else {
                return;
            };
            let mut body = first.body.clone();
            for (field, index) in chosen.get_untracked() {
                match versions.get(index).and_then(|v| v.body.get(&field)) {
                    Some(value) => body.insert(field, value.clone()),
                    None => body.remove(&field),
                };
            }
            let doc_id = doc_id.clone();
            spawn_local(async move {
                match state.resolve_conflict(doc_id, body).await {
                    Ok(()) => state.notice.set(Some(Notice::Done("conflict.settled"))),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let count = versions.len();
    let kind = match conflict.key {
        DocKey::Record(key) => Some(key.kind),
        _ => None,
    };
    let head = (0..count)
        .map(|index| {
            let label = move || {
                if index == 0 {
                    i18n.t("conflict.shown")
                } else if count > 2 {
                    i18n.tf("conflict.other_n", &[("n", index.to_string())])
                } else {
                    i18n.t("conflict.other")
                }
            };
            let all = fields.clone();
            let take_all = move |_| {
                chosen.set(all.iter().map(|f| (f.clone(), index)).collect());
            };
            let stamp = versions[index].stamp.clone();
            let made = stamp.map(|stamp| {
                let line = move || state.stored.with(|b| super::made_by(&i18n, b, &stamp));
                view! { <span class="made-by">{line}</span> }
            });
            view! {
                <th scope="col">
                    <span>{label}</span>
                    {made}
                    <button type="button" class="link" name=format!("take-{index}") on:click=take_all>
                        {t("conflict.take_all")}
                    </button>
                </th>
            }
        })
        .collect_view();
    let rows = fields
        .iter()
        .map(|field| {
            let cells = versions
                .iter()
                .enumerate()
                .map(|(index, version)| {
                    let value = version.body.get(field).cloned();
                    let money = kind.is_some_and(|k| Record::money_fields(k).contains(&field.as_str()));
                    let text = move || match value.as_ref().and_then(Value::as_i64) {
                        Some(fen) if money => i18n.money(Money(fen)),
                        _ => value_text(&i18n, value.as_ref()),
                    };
                    let group = format!("{}-{field}", conflict.doc_id);
                    let (f1, f2) = (field.clone(), field.clone());
                    view! {
                        <td>
                            <label class="choice">
                                <input type="radio" name=group value=index.to_string()
                                    prop:checked=move || chosen.with(|c| c.get(&f1) == Some(&index))
                                    on:change=move |_| chosen.update(|c| { c.insert(f2.clone(), index); })/>
                                <span>{text}</span>
                            </label>
                        </td>
                    }
                })
                .collect_view();
            let name = field.clone();
            view! {
                <tr data-field=field.clone()>
                    <th scope="row">{move || field_label(&i18n, &name)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let differs = !fields.is_empty();
    // Deleted on one device while edited on another: keep the record, or delete it
    // again (as the book deletes: a customer with its whole file, with undo).
    let deleted = match conflict.key {
        DocKey::Record(key) if !conflict.deletions.is_empty() => Some(key),
        _ => None,
    };
    let delete_again = move |_| {
        let Some(key) = deleted else {
            return;
        };
        spawn_local(async move {
            match state.dispatch(Command::Delete { key }).await {
                Ok(_) => state.notice.set(Some(Notice::Saved("conflict.deleted"))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <article class="card conflict" data-doc=conflict.doc_id.clone()>
            <h2>{heading}</h2>
            {deleted.map(|_| view! { <p class="conflict-deleted">{t("conflict.deleted_elsewhere")}</p> })}
            {differs.then(|| view! {
                <p class="hint">{t("conflict.explain")}</p>
                <div class="table-wrap">
                    <table class="conflict-fields">
                        <thead><tr><th scope="col">{t("conflict.field")}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(&i18n)}</p> })}
            <div class="actions">
                <button type="button" class="primary" name="resolve" on:click=save>
                    {if deleted.is_some() { t("conflict.keep_record") } else { t("conflict.save") }}
                </button>
                {deleted.map(|_| view! {
                    <button type="button" class="danger" name="delete-record" on:click=delete_again>
                        {t("conflict.delete_record")}
                    </button>
                })}
            </div>
        </article>
    }
}
