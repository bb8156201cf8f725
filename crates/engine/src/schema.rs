//! The persisted shape of a book, versioned. A stored book or backup of an older version
//! is brought up to date by pure migrations v(n) → v(n+1) before it is read.

use crate::book::Book;
use crate::error::BookError;
use crate::records::*;
use crate::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

pub const FORMAT: &str = "liuke-book";
pub const CURRENT_VERSION: u32 = 1;

/// One step forward: rewrites a whole snapshot of version `from` into version `from + 1`.
pub struct Migration {
    pub from: u32,
    pub apply: fn(&mut Value) -> Result<(), SchemaError>,
}

/// Every migration in order. Each new schema version adds one here, with a fixture
/// written by the old version under `tests/fixtures/` and a test that loads it.
pub const MIGRATIONS: &[Migration] = &[];

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SchemaError {
    #[error("not a JSON file: {0}")]
    NotJson(String),
    #[error("not a Liuke book")]
    Foreign,
    #[error("written by a newer version of Liuke (schema {found}; this one reads up to {supported})")]
    Newer { found: u32, supported: u32 },
    #[error("no migration from schema {0}")]
    NoMigration(u32),
    #[error("{kind:?} record {index}: {reason}")]
    Corrupt {
        kind: RecordKind,
        index: usize,
        reason: String,
    },
    #[error("{kind:?} {id}: {error}")]
    Invalid {
        kind: RecordKind,
        id: u64,
        error: BookError,
    },
    #[error("id {0} is used twice")]
    DuplicateId(u64),
}

/// The whole book as it is written to a backup or read from storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    pub schema_version: u32,
    pub next_id: u64,
    /// When the backup was made (the UI passes its date; the engine reads no clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_on: Option<Date>,
    #[serde(flatten)]
    pub stores: serde_json::Map<String, Value>,
}

impl Snapshot {
    /// Writes the book as snapshot JSON directly, record by record: a big book is
    /// hundreds of thousands of records, and an intermediate tree would double the work.
    pub fn write(book: &Book, exported_on: Option<Date>) -> String {
        let mut out = String::with_capacity(256 + book.count(RecordKind::Order) * 128);
        out.push_str(&format!(
            "{{\"format\":\"{FORMAT}\",\"schema_version\":{CURRENT_VERSION},\"next_id\":{}",
            book.next_id()
        ));
        if let Some(day) = exported_on {
            out.push_str(&format!(",\"exported_on\":\"{day}\""));
        }
        for kind in RecordKind::ALL {
            out.push_str(&format!(",\"{}\":[", kind.store()));
            for (i, record) in book.records(kind).iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&record.to_json());
            }
            out.push(']');
        }
        out.push('}');
        out
    }
}

/// Brings any version's snapshot up to the current one. Refuses what is not ours.
pub fn upgrade(mut value: Value) -> Result<Value, SchemaError> {
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(SchemaError::Foreign);
    }
    let mut version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or(SchemaError::Foreign)? as u32;
    if version > CURRENT_VERSION {
        return Err(SchemaError::Newer {
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    while version < CURRENT_VERSION {
        let step = MIGRATIONS
            .iter()
            .find(|m| m.from == version)
            .ok_or(SchemaError::NoMigration(version))?;
        (step.apply)(&mut value)?;
        version += 1;
        value["schema_version"] = Value::from(version);
    }
    Ok(value)
}

/// Reads a current-version snapshot into a book, checking every record and every reference.
pub fn read_book(value: Value) -> Result<Book, SchemaError> {
    let value = upgrade(value)?;
    let next_id = value.get("next_id").and_then(Value::as_u64).unwrap_or(1);
    let mut records = Vec::new();
    for kind in RecordKind::ALL {
        let rows = match value.get(kind.store()) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(rows)) => rows,
            Some(_) => {
                return Err(SchemaError::Corrupt {
                    kind,
                    index: 0,
                    reason: "not a list".into(),
                })
            }
        };
        for (index, row) in rows.iter().enumerate() {
            let record = record_from_value(kind, row.clone()).map_err(|e| SchemaError::Corrupt {
                kind,
                index,
                reason: e.to_string(),
            })?;
            records.push(record);
        }
    }
    check_records(records, next_id)
}

pub fn record_from_value(kind: RecordKind, value: Value) -> Result<Record, serde_json::Error> {
    Ok(match kind {
        RecordKind::Customer => Record::Customer(serde_json::from_value(value)?),
        RecordKind::Contact => Record::Contact(serde_json::from_value(value)?),
        RecordKind::Staff => Record::Staff(serde_json::from_value(value)?),
        RecordKind::Relationship => Record::Relationship(serde_json::from_value(value)?),
        RecordKind::Order => Record::Order(serde_json::from_value(value)?),
        RecordKind::Interaction => Record::Interaction(serde_json::from_value(value)?),
        RecordKind::Complaint => Record::Complaint(serde_json::from_value(value)?),
        RecordKind::Survey => Record::Survey(serde_json::from_value(value)?),
        RecordKind::Signal => Record::Signal(serde_json::from_value(value)?),
        RecordKind::KeyDate => Record::KeyDate(serde_json::from_value(value)?),
    })
}

/// Builds a book from records of unknown quality: each must be valid on its own and
/// refer only to records that exist. Dates are not checked against a clock here: a
/// backup made on another device may be a day ahead.
pub fn check_records(records: Vec<Record>, next_id: u64) -> Result<Book, SchemaError> {
    let mut seen = std::collections::HashSet::with_capacity(records.len());
    for record in &records {
        if !seen.insert(record.id()) {
            return Err(SchemaError::DuplicateId(record.id()));
        }
        record.validate(Date::MAX).map_err(|error| SchemaError::Invalid {
            kind: record.kind(),
            id: record.id(),
            error,
        })?;
    }
    let book = Book::from_records(records, next_id);
    for kind in RecordKind::ALL {
        for record in book.records(kind) {
            book.check_references(&record).map_err(|error| SchemaError::Invalid {
                kind,
                id: record.id(),
                error,
            })?;
        }
    }
    Ok(book)
}
