//! What can be wrong with an imported row, as data the UI translates.

use super::fields::{ImportField, ImportKind};
use crate::error::{BookError, Field, Problem};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What is wrong with one cell or row. `value` is the cell as written, so the preview can
/// quote it back ("「2026/13/01」不是日期").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportProblem {
    /// A required field is blank.
    Required,
    BadDate {
        value: String,
    },
    BadNumber {
        value: String,
    },
    Negative {
        value: String,
    },
    /// The text is longer than the book allows.
    TooLong {
        max: usize,
    },
    /// A word for a choice (tier, status, kind…) the import does not know.
    UnknownValue {
        value: String,
    },
    /// No customer in the book has this name (customers are imported first).
    UnknownCustomer {
        name: String,
    },
    /// Several customers in the book have this name, so the row could belong to any.
    AmbiguousCustomer {
        name: String,
        count: usize,
    },
    UnknownStaff {
        name: String,
    },
    AmbiguousStaff {
        name: String,
        count: usize,
    },
    /// The staff member has left, so cannot own a customer.
    StaffNotActive {
        name: String,
    },
    /// The customer has no contact of this name.
    UnknownContact {
        name: String,
    },
    AmbiguousContact {
        name: String,
        count: usize,
    },
    /// The same row (the same name, or for orders and interactions the same values)
    /// appears earlier in the file, at Excel row `first_row`.
    DuplicateInFile {
        first_row: usize,
    },
    /// The book already has a customer, contact or staff member of this name.
    AlreadyInBook {
        name: String,
    },
    /// The book already has this order of the customer `name` (the same day and amount,
    /// as many times as the file has it up to this row): imported before.
    OrderInBook {
        name: String,
    },
    /// The book already has this follow-up of the customer `name` (the same day, way and
    /// summary): imported before.
    FollowUpInBook {
        name: String,
    },
    /// The record's own check failed (a date in the future, a margin above the amount…).
    Invalid {
        field: Field,
        detail: Problem,
    },
    /// The CSV itself could not be read from here on.
    Unreadable,
}

/// One problem, where Excel shows it: `row` counts as Excel does (the first row is 1, so
/// with the headers on row 1 the first data row is 2); `column` is the header text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: usize,
    pub column: Option<String>,
    pub field: Option<ImportField>,
    pub problem: ImportProblem,
}

/// Why an import cannot even start.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ImportError {
    #[error("the file has no header row")]
    Empty,
    #[error("no column chosen for {fields:?}")]
    MissingColumns { fields: Vec<ImportField> },
    #[error("{field:?} is mapped to column {column}, which the file does not have")]
    NoSuchColumn { field: ImportField, column: usize },
    /// A quoted cell opened on Excel row `row` never closes: everything after it would
    /// be read as that one cell.
    #[error("the quote opened on row {row} is never closed")]
    UnterminatedQuote { row: usize },
}

/// A record's own check as an import problem on the column it concerns; the common
/// ones become the import's own words so the preview reads the same either way.
pub(crate) fn from_book_error(
    kind: ImportKind,
    error: BookError,
    value: impl Fn(ImportField) -> Option<String>,
) -> (Option<ImportField>, ImportProblem) {
    match error {
        BookError::Invalid { field, problem } => {
            let at = ImportField::of_book_field(kind, field);
            let problem = match problem {
                Problem::Required => ImportProblem::Required,
                Problem::TooLong { max } => ImportProblem::TooLong { max },
                Problem::Negative => ImportProblem::Negative {
                    value: at.and_then(&value).unwrap_or_default(),
                },
                detail => ImportProblem::Invalid { field, detail },
            };
            (at, problem)
        }
        _ => (
            None,
            ImportProblem::Invalid {
                field: Field::Record,
                detail: Problem::Invalid,
            },
        ),
    }
}
