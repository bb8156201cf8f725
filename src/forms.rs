//! Turns what was typed into engine values; anything unreadable becomes a field error
//! in the same shape the engine uses, so forms show both kinds alike.

use crate::errors::UiError;
use liuke_engine::{BookError, Date, Field, Money, Problem};

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
