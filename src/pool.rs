//! The pool rules run when the book is ready, once per opening: no background job can
//! misfire while the app is closed, and the result is one change the user can undo.

use crate::insight::{use_insight, Insight};
use crate::state::{use_state, AppState, Notice, Phase};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::pool::{ask_first, recycle};

/// Recycles what is due as soon as the book has loaded (after unlocking, if locked),
/// unless the run must be asked first (see `liuke_engine::pool::ask_first`).
pub fn recycle_on_open() {
    let state = use_state();
    let insight = use_insight();
    Effect::new(move |ran: Option<bool>| {
        if ran == Some(true) || state.phase.get() != Phase::Ready {
            return ran.unwrap_or(false);
        }
        // In a team book only a manager's device moves customers to the pool (a rep may
        // not end another's ownership); the pool page shows the others what will move.
        if untrack(|| state.role()) != Some(liuke_engine::sync::role::Role::Rep) {
            run_rules(state, insight, false, false);
        }
        true
    });
}

/// Returns every due customer to the pool in one change and says how many. A run the
/// engine says to ask first waits, with a notice, for the manager's yes on the pool page
/// (`confirmed`). With `report_none`, also says when none was due.
pub fn run_rules(state: AppState, insight: Insight, report_none: bool, confirmed: bool) {
    // Looking back at another day changes nothing; the rules run when back to today.
    if state.as_of.get_untracked().is_some() {
        return;
    }
    let settings = insight.pool.get_untracked();
    let planned = state
        .stored
        .with_untracked(|b| recycle(b, &settings, state.calendar_today()));
    let Some((due, command)) = planned else {
        // Rules that ran with nothing to move need no yes for the customers they move
        // later, one by one as their clocks run out. Rules switched off run nothing.
        if settings.enabled && insight.pool_confirmed.get_untracked().as_ref() != Some(&settings) {
            insight
                .pool_confirmed
                .update_quietly(|confirmed| *confirmed = Some(settings));
        }
        if report_none {
            state.notice.set(Some(Notice::Saved("pool.none_due")));
        }
        return;
    };
    let ask = state.stored.with_untracked(|b| {
        ask_first(
            b,
            &settings,
            insight.pool_confirmed.get_untracked().as_ref(),
            &due,
        )
    });
    if !ask.is_empty() && !confirmed {
        state.notice.set(Some(Notice::PoolAsks(due.len())));
        return;
    }
    spawn_local(async move {
        match state.dispatch(command).await {
            Ok(change) => {
                insight.last_recycle.set(Some(change));
                state.notice.set(Some(Notice::Recycled(due.len())));
            }
            Err(e) => state.notice.set(Some(Notice::Error(e))),
        }
    });
}
