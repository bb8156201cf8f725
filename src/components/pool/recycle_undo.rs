use crate::i18n::use_i18n;
use crate::insight::use_insight;
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::Command;

/// Undo of the last run of the pool rules, kept on the pool page while every customer it
/// returned is still where the run left them (the notice that said so fades).
#[component]
pub fn RecycleUndo() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let undoable = Memo::new(move |_| {
        insight.last_recycle.get().filter(|change| {
            state.book.with(|b| {
                change
                    .puts
                    .iter()
                    .all(|r| b.get(r.key()).as_ref() == Some(r))
            })
        })
    });
    let undo = move |_| {
        let Some(change) = undoable.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match state.dispatch(Command::Revert { change }).await {
                Ok(_) => {
                    insight.last_recycle.set(None);
                    state.notice.set(Some(Notice::Saved("notice.undone")));
                }
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };
    move || {
        undoable.get().map(|change| {
            let count = change.puts.len();
            view! {
                <div class="card recycle-undo">
                    <span>{i18n.tf("pool.last_run", &[("count", count.to_string())])}</span> " "
                    <button type="button" name="undo-recycle" on:click=undo>{i18n.t("pool.undo_run")}</button>
                </div>
            }
        })
    }
}
