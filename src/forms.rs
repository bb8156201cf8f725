//! Turns what was typed into engine values; anything unreadable becomes a field error
//! in the same shape the engine uses, so forms show both kinds alike.

use crate::errors::UiError;
use crate::state::{AppState, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{BookError, Command, Date, Field, Money, Problem, Record};

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

/// "a, b，c" → ["a", "b", "c"], accepting Chinese commas too.
pub fn list(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Saves a new record from a form: on success shows `saved` and runs `done`; on failure
/// puts the error on the form. Nothing is written unless the engine accepts the record.
pub fn create(
    state: AppState,
    error: RwSignal<Option<UiError>>,
    record: Result<Record, UiError>,
    saved: &'static str,
    done: impl FnOnce() + 'static,
) {
    let record = match record {
        Ok(r) => r,
        Err(e) => return error.set(Some(e)),
    };
    spawn_local(async move {
        match state.dispatch(Command::Create { record }).await {
            Ok(_) => {
                error.set(None);
                state.notice.set(Some(Notice::Saved(saved)));
                done();
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

/// An optional date: empty means none.
pub fn optional_date(field: Field, text: &str) -> Result<Option<Date>, UiError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    date(field, text).map(Some)
}
