//! Turns what was typed into engine values; anything unreadable becomes a field error
//! in the same shape the engine uses, so forms show both kinds alike.

use crate::errors::UiError;
use crate::state::{AppState, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{BookError, Command, Date, Field, Money, Problem, Record, RecordKey};

pub fn invalid(field: Field) -> UiError {
    UiError::Book(BookError::invalid(field, Problem::Invalid))
}

pub fn required(field: Field) -> UiError {
    UiError::Book(BookError::invalid(field, Problem::Required))
}

pub fn date(field: Field, text: &str) -> Result<Date, UiError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(required(field));
    }
    Date::parse_from_str(text, "%Y-%m-%d").map_err(|_| invalid(field))
}

pub fn money(field: Field, text: &str) -> Result<Money, UiError> {
    if text.trim().is_empty() {
        return Err(required(field));
    }
    Money::parse(text).ok_or_else(|| invalid(field))
}

/// An optional amount: empty means zero.
pub fn money_or_zero(field: Field, text: &str) -> Result<Money, UiError> {
    if text.trim().is_empty() {
        return Ok(Money::ZERO);
    }
    Money::parse(text).ok_or_else(|| invalid(field))
}

pub fn whole(field: Field, text: &str) -> Result<u32, UiError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    if text.starts_with('-') {
        return Err(UiError::Book(BookError::invalid(field, Problem::Negative)));
    }
    text.parse().map_err(|_| invalid(field))
}

/// `a, b，c` → `[a, b, c]`, accepting Chinese commas too.
pub fn list(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Saves a record from a form, as new or as an edit of the one with the same id: on
/// success shows `saved` and runs `done`; on failure puts the error on the form. Nothing
/// is written unless the engine accepts the record.
pub fn save(
    state: AppState,
    error: RwSignal<Option<UiError>>,
    record: Result<Record, UiError>,
    base: Option<Record>,
    saved: &'static str,
    done: impl FnOnce() + 'static,
) {
    let form_base = base.clone();
    let command = record.map(|edited| match base {
        Some(base) => Command::Edit {
            base: Box::new(accepted_base(base)),
            edited: Box::new(edited),
        },
        None => Command::Create { record: edited },
    });
    send_and(state, error, command, saved, done, move |outcome| {
        let Some(form_base) = form_base else {
            return;
        };
        let key = form_base.key();
        match outcome {
            Ok(()) => {
                ACCEPTED.with(|a| a.borrow_mut().remove(&key));
            }
            // Seen what changed elsewhere, the user's next save of this form applies
            // their input on top of the record as it is now.
            Err(UiError::Book(BookError::Stale { .. })) => {
                if let Some(current) = state.stored.with_untracked(|b| b.get(key)) {
                    ACCEPTED.with(|a| a.borrow_mut().insert(key, (form_base, current)));
                }
            }
            Err(_) => {}
        }
    });
}

/// Dispatches a command read from a form: a reading error or the engine's refusal shows
/// in `error`; success shows `saved` and runs `done`.
pub fn send(
    state: AppState,
    error: RwSignal<Option<UiError>>,
    command: Result<Command, UiError>,
    saved: &'static str,
    done: impl FnOnce() + 'static,
) {
    send_and(state, error, command, saved, done, |_| {});
}

/// As [`send`], telling `settled` first whether the engine took the command or why not.
fn send_and(
    state: AppState,
    error: RwSignal<Option<UiError>>,
    command: Result<Command, UiError>,
    saved: &'static str,
    done: impl FnOnce() + 'static,
    settled: impl FnOnce(Result<(), &UiError>) + 'static,
) {
    let command = match command {
        Ok(c) => c,
        Err(e) => return error.set(Some(e)),
    };
    // Sent: a tap on another page while it is being saved does not ask; a refusal
    // below makes the form's text unsaved again.
    crate::unsaved::settled();
    spawn_local(async move {
        match state.dispatch(command).await {
            Ok(_) => {
                settled(Ok(()));
                // The form may be gone (the other tab's change re-rendered its list).
                let _ = error.try_set(None);
                state.notice.set(Some(Notice::Saved(saved)));
                done();
            }
            Err(e) => {
                crate::unsaved::typed();
                settled(Err(&e));
                let _ = error.try_set(Some(e));
            }
        }
    });
}

thread_local! {
    /// For a record whose save was refused as stale: the base the form still holds, and
    /// the record as it was when the user was shown what changed.
    static ACCEPTED: std::cell::RefCell<std::collections::HashMap<RecordKey, (Record, Record)>> =
        Default::default();
}

/// The base an edit is checked against: the form's own, or, after the user was told of
/// a clash on this record, the record as they were shown it then.
fn accepted_base(base: Record) -> Record {
    ACCEPTED.with(|a| match a.borrow().get(&base.key()) {
        Some((stale, current)) if *stale == base => current.clone(),
        _ => base,
    })
}

/// What an edit form starts from: the record being edited, or a blank one.
pub fn start<T: Clone + Default>(existing: &Option<T>) -> (T, bool) {
    (existing.clone().unwrap_or_default(), existing.is_some())
}

/// Tells the form's owner an edit is done.
pub fn finish(on_done: Option<Callback<()>>) {
    // The form's page may have been drawn anew by the save itself (the record it
    // shows changed): then there is nothing left to close.
    if let Some(done) = on_done {
        let _ = done.try_run(());
    }
}

/// An optional date: empty means none.
pub fn optional_date(field: Field, text: &str) -> Result<Option<Date>, UiError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    date(field, text).map(Some)
}
