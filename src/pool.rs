//! The pool rules run when the book is ready, once per opening: no background job can
//! misfire while the app is closed, and the result is one change the user can undo.

use crate::insight::use_insight;
use crate::state::{use_state, AppState, Notice, Phase};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::pool::{recycle, PoolSettings};

/// Recycles what is due as soon as the book has loaded (after unlocking, if locked).
pub fn recycle_on_open() {
    let state = use_state();
    let insight = use_insight();
    Effect::new(move |ran: Option<bool>| {
        if ran == Some(true) || state.phase.get() != Phase::Ready {
            return ran.unwrap_or(false);
        }
        run_rules(state, insight.pool.get_untracked(), false);
        true
    });
}

/// Returns every due customer to the pool in one change and says how many; with
/// `report_none`, also says when none was due (a manager ran the rules by hand).
pub fn run_rules(state: AppState, settings: PoolSettings, report_none: bool) {
    let planned = state
        .book
        .with_untracked(|b| recycle(b, &settings, state.today()));
    let Some((due, command)) = planned else {
        if report_none {
            state.notice.set(Some(Notice::Saved("pool.none_due")));
        }
        return;
    };
    spawn_local(async move {
        match state.dispatch(command).await {
            Ok(_) => state.notice.set(Some(Notice::Recycled(due.len()))),
            Err(e) => state.notice.set(Some(Notice::Error(e))),
        }
    });
}
