//! Errors are values the UI can show in the user's language: a field and what is wrong
//! with it, never a preformatted sentence.

use crate::records::RecordKind;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The input field a problem belongs to; the UI maps each to a translated label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Industry,
    Region,
    Tags,
    Since,
    Notes,
    Customer,
    Staff,
    Contact,
    Title,
    Phone,
    Email,
    Birthday,
    HireDate,
    Capacity,
    Status,
    LeavingOn,
    Role,
    Date,
    Amount,
    Quantity,
    Margin,
    CostToServe,
    Summary,
    Subject,
    Received,
    Investigating,
    Resolved,
    ReportedBack,
    Resolution,
    Score,
    Label,
    Record,
    Due,
    Message,
    Cause,
    PrimaryCause,
    WhyNot,
    Lessons,
    Order,
    Paid,
    PaidOn,
    NextContact,
    ReportsTo,
    Address,
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    Negative,
    InFuture,
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A date whose year is outside the years a book can mean (see `records::dates`).
    YearOutOfRange {
        first: i32,
        last: i32,
    },
    Duplicate,
    BeforeDate {
        other: Field,
    },
    MarginAboveAmount,
    PaidAboveAmount,
    Unknown {
        kind: RecordKind,
        id: u64,
    },
    Invalid,
    /// The instalment is void: nothing more is paid or changed on it.
    Void,
    /// The instalment is paid in full: there is nothing left to void.
    AlreadyPaid,
}

#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum BookError {
    #[error("{field:?}: {problem:?}")]
    Invalid { field: Field, problem: Problem },
    #[error("no {kind:?} with id {id}")]
    NotFound { kind: RecordKind, id: u64 },
    #[error("a complaint cannot go from {from} to {to}")]
    ComplaintStep { from: String, to: String },
    #[error("still used by {count} records")]
    InUse { count: usize },
    #[error("{0}")]
    Conflict(String),
    /// The record was saved elsewhere (another tab or device) since the form showed it,
    /// and these fields were changed there too: nothing was written.
    #[error("changed meanwhile: {fields:?}")]
    Stale { fields: Vec<Field> },
    /// Every id up to [`crate::ids::MAX_ID`] has been given out.
    #[error("no more ids can be given out")]
    IdsExhausted,
    /// Team settings the engine will not compute with.
    #[error("{0}")]
    #[serde(skip_deserializing)]
    Settings(crate::book::settings::SettingsError),
}

impl BookError {
    pub fn invalid(field: Field, problem: Problem) -> BookError {
        BookError::Invalid { field, problem }
    }
}

pub type BookResult<T> = Result<T, BookError>;
