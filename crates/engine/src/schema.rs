//! The persisted shape of a book, versioned. A stored book or backup of an older version
//! is brought up to date by pure migrations v(n) → v(n+1) before it is read.

use crate::book::settings::SettingsError;
use crate::book::{Book, Parts, Row, Table, TeamSettings};
use crate::error::BookError;
use crate::records::*;
use crate::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

pub const FORMAT: &str = "liuke-book";
pub const CURRENT_VERSION: u32 = 2;

/// One step forward: rewrites a whole snapshot of version `from` into version `from + 1`.
pub struct Migration {
    pub from: u32,
    pub apply: fn(&mut Value) -> Result<(), SchemaError>,
}

/// Every migration in order. Each future migration adds a fixture of the version it
/// migrates from: `tests/fixtures/book-v{n}.json`, a small book exported by schema `n`,
/// committed once and never regenerated, with a test that loads it through
/// [`crate::interchange::backup::restore`] and checks what comes out (see `loads_v1_fixture`
/// in `tests/backup.rs`; its ignored `write_current_fixture` writes the current version's
/// file when it does not exist yet).
pub const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    apply: add_team_settings,
}];

/// v1 → v2: the team settings move into the book. A v1 book carried none (they were
/// kept on each device), so it gets the defaults; a device migrating its own stored
/// book puts its settings in instead (the shell's load does).
fn add_team_settings(value: &mut Value) -> Result<(), SchemaError> {
    let Value::Object(map) = value else {
        return Err(SchemaError::Foreign);
    };
    if !map.contains_key("settings") {
        let defaults = serde_json::to_value(TeamSettings::default())
            .map_err(|e| SchemaError::NotJson(e.to_string()))?;
        map.insert("settings".into(), defaults);
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SchemaError {
    #[error("not a JSON file: {0}")]
    NotJson(String),
    #[error("not a Liuke book")]
    Foreign,
    #[error(
        "written by a newer version of Liuke (schema {found}; this one reads up to {supported})"
    )]
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
    /// An id (or the next id to give out) above what storage keeps exactly
    /// ([`crate::ids::MAX_ID`]): restoring it would merge or reuse records.
    #[error("{kind:?} id {id} is larger than {max}", max = crate::ids::MAX_ID)]
    IdTooLarge { kind: Option<RecordKind>, id: u64 },
    /// Nested deeper than any backup is: a hostile or broken file, not a book.
    #[error("nested too deeply to be a backup")]
    TooDeep,
    /// An encrypted backup, where a plain one is needed (the command line).
    #[error("an encrypted backup: it opens only in the app, with its passphrase")]
    Sealed,
    /// An encrypted backup that is cut short, altered, or asks for absurd work.
    #[error("an encrypted backup that is damaged")]
    SealedDamaged,
    /// Team settings that do not read, or that the engine will not compute with.
    #[error("team settings: {0}")]
    Settings(SettingsError),
    /// Team settings in a shape this version does not read.
    #[error("team settings do not read: {0}")]
    SettingsCorrupt(String),
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
        let mut out = Vec::with_capacity(
            256 + book.count(RecordKind::Order) * 120 + book.count(RecordKind::Interaction) * 160,
        );
        out.extend_from_slice(
            format!(
                "{{\"format\":\"{FORMAT}\",\"schema_version\":{CURRENT_VERSION},\"next_id\":{}",
                book.next_id()
            )
            .as_bytes(),
        );
        if let Some(day) = exported_on {
            out.extend_from_slice(format!(",\"exported_on\":\"{day}\"").as_bytes());
        }
        out.extend_from_slice(b",\"settings\":");
        // Plain derived structs with string keys: serializing them cannot fail.
        let _ = serde_json::to_writer(&mut out, book.settings());
        for kind in RecordKind::ALL {
            match kind {
                RecordKind::Customer => write_store(&mut out, kind, book.customers()),
                RecordKind::Contact => write_store(&mut out, kind, book.contacts()),
                RecordKind::Staff => write_store(&mut out, kind, book.staff()),
                RecordKind::Relationship => write_store(&mut out, kind, book.relationships()),
                RecordKind::Order => write_store(&mut out, kind, book.orders()),
                RecordKind::Interaction => write_store(&mut out, kind, book.interactions()),
                RecordKind::Complaint => write_store(&mut out, kind, book.complaints()),
                RecordKind::Survey => write_store(&mut out, kind, book.surveys()),
                RecordKind::Signal => write_store(&mut out, kind, book.signals()),
                RecordKind::KeyDate => write_store(&mut out, kind, book.key_dates()),
                RecordKind::Task => write_store(&mut out, kind, book.tasks()),
                RecordKind::Handover => write_store(&mut out, kind, book.handovers()),
                RecordKind::Instalment => write_store(&mut out, kind, book.instalments()),
                RecordKind::WinbackCase => write_store(&mut out, kind, book.winback_cases()),
                RecordKind::Announcement => write_store(&mut out, kind, book.announcements()),
                RecordKind::Deferral => write_store(&mut out, kind, book.deferrals()),
            }
        }
        out.push(b'}');
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

fn write_store<T: Row + Serialize>(out: &mut Vec<u8>, kind: RecordKind, table: &Table<T>) {
    out.extend_from_slice(format!(",\"{}\":[", kind.store()).as_bytes());
    for (i, row) in table.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Plain derived structs with string keys: serializing them cannot fail.
        let _ = serde_json::to_writer(&mut *out, row);
    }
    out.push(b']');
}

/// Brings any version's snapshot up to the current one. Refuses what is not ours.
pub fn upgrade(mut value: Value) -> Result<Value, SchemaError> {
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(SchemaError::Foreign);
    }
    let found = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or(SchemaError::Foreign)?;
    let mut version = u32::try_from(found).unwrap_or(u32::MAX);
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

/// A current-version snapshot read straight into typed records. Anything it does not
/// accept (another version, another shape, a broken record) goes the slower way
/// through [`read_book`], which says precisely what is wrong.
#[derive(Deserialize)]
struct CurrentSnapshot {
    format: String,
    schema_version: u64,
    #[serde(default)]
    next_id: Option<u64>,
    #[serde(default)]
    settings: Option<TeamSettings>,
    #[serde(default)]
    customers: Option<Vec<Customer>>,
    #[serde(default)]
    contacts: Option<Vec<Contact>>,
    #[serde(default)]
    staff: Option<Vec<Staff>>,
    #[serde(default)]
    relationships: Option<Vec<Relationship>>,
    #[serde(default)]
    orders: Option<Vec<Order>>,
    #[serde(default)]
    interactions: Option<Vec<Interaction>>,
    #[serde(default)]
    complaints: Option<Vec<Complaint>>,
    #[serde(default)]
    surveys: Option<Vec<Survey>>,
    #[serde(default)]
    signals: Option<Vec<Signal>>,
    #[serde(default)]
    key_dates: Option<Vec<KeyDate>>,
    #[serde(default)]
    tasks: Option<Vec<Task>>,
    #[serde(default)]
    handovers: Option<Vec<Handover>>,
    instalments: Option<Vec<Instalment>>,
    winback_cases: Option<Vec<WinbackCase>>,
    announcements: Option<Vec<Announcement>>,
    deferrals: Option<Vec<Deferral>>,
}

/// Reads snapshot text into a book, checking every record and every reference.
/// A current-version snapshot is parsed straight into records, which is several times
/// faster than going through a JSON tree; older versions are migrated first.
pub fn read_book_text(text: &str) -> Result<Book, SchemaError> {
    if let Ok(snapshot) = serde_json::from_str::<CurrentSnapshot>(text) {
        if snapshot.format == FORMAT && snapshot.schema_version == u64::from(CURRENT_VERSION) {
            let parts = Parts {
                customers: snapshot.customers.unwrap_or_default(),
                contacts: snapshot.contacts.unwrap_or_default(),
                staff: snapshot.staff.unwrap_or_default(),
                relationships: snapshot.relationships.unwrap_or_default(),
                orders: snapshot.orders.unwrap_or_default(),
                interactions: snapshot.interactions.unwrap_or_default(),
                complaints: snapshot.complaints.unwrap_or_default(),
                surveys: snapshot.surveys.unwrap_or_default(),
                signals: snapshot.signals.unwrap_or_default(),
                key_dates: snapshot.key_dates.unwrap_or_default(),
                tasks: snapshot.tasks.unwrap_or_default(),
                handovers: snapshot.handovers.unwrap_or_default(),
                instalments: snapshot.instalments.unwrap_or_default(),
                winback_cases: snapshot.winback_cases.unwrap_or_default(),
                announcements: snapshot.announcements.unwrap_or_default(),
                deferrals: snapshot.deferrals.unwrap_or_default(),
            };
            let book = check_parts(parts, snapshot.next_id.unwrap_or(1))?;
            return with_checked_settings(book, snapshot.settings.unwrap_or_default());
        }
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if nesting(text) > MAX_NESTING {
            SchemaError::TooDeep
        } else {
            SchemaError::NotJson(e.to_string())
        }
    })?;
    read_book(value)
}

/// Deeper than this is no backup (a book nests a handful of levels); JSON readers stop
/// at 128 to keep their stack.
const MAX_NESTING: usize = 100;

/// How deeply the text's arrays and objects nest, strings skipped: what a JSON reader
/// refused as "not JSON" may be well-formed but too deep, and the user is told which.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Reads a snapshot of any known version into a book, checking every record and every reference.
pub fn read_book(value: Value) -> Result<Book, SchemaError> {
    let value = upgrade(value)?;
    let next_id = value.get("next_id").and_then(Value::as_u64).unwrap_or(1);
    let mut parts = Parts::default();
    read_rows(&value, RecordKind::Customer, &mut parts.customers)?;
    read_rows(&value, RecordKind::Contact, &mut parts.contacts)?;
    read_rows(&value, RecordKind::Staff, &mut parts.staff)?;
    read_rows(&value, RecordKind::Relationship, &mut parts.relationships)?;
    read_rows(&value, RecordKind::Order, &mut parts.orders)?;
    read_rows(&value, RecordKind::Interaction, &mut parts.interactions)?;
    read_rows(&value, RecordKind::Complaint, &mut parts.complaints)?;
    read_rows(&value, RecordKind::Survey, &mut parts.surveys)?;
    read_rows(&value, RecordKind::Signal, &mut parts.signals)?;
    read_rows(&value, RecordKind::KeyDate, &mut parts.key_dates)?;
    read_rows(&value, RecordKind::Task, &mut parts.tasks)?;
    read_rows(&value, RecordKind::Handover, &mut parts.handovers)?;
    read_rows(&value, RecordKind::Instalment, &mut parts.instalments)?;
    read_rows(&value, RecordKind::WinbackCase, &mut parts.winback_cases)?;
    read_rows(&value, RecordKind::Announcement, &mut parts.announcements)?;
    read_rows(&value, RecordKind::Deferral, &mut parts.deferrals)?;
    let settings = match value.get("settings") {
        None | Some(Value::Null) => TeamSettings::default(),
        Some(v) => {
            TeamSettings::deserialize(v).map_err(|e| SchemaError::SettingsCorrupt(e.to_string()))?
        }
    };
    with_checked_settings(check_parts(parts, next_id)?, settings)
}

/// The book with `settings`, if the engine can compute with them.
fn with_checked_settings(book: Book, settings: TeamSettings) -> Result<Book, SchemaError> {
    settings.check().map_err(SchemaError::Settings)?;
    Ok(book.with_settings(settings))
}

fn read_rows<T: DeserializeOwned>(
    value: &Value,
    kind: RecordKind,
    into: &mut Vec<T>,
) -> Result<(), SchemaError> {
    let rows = match value.get(kind.store()) {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(rows)) => rows,
        Some(_) => {
            return Err(SchemaError::Corrupt {
                kind,
                index: 0,
                reason: "not a list".into(),
            })
        }
    };
    into.reserve(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let record = T::deserialize(row).map_err(|e| SchemaError::Corrupt {
            kind,
            index,
            reason: e.to_string(),
        })?;
        into.push(record);
    }
    Ok(())
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
        RecordKind::Task => Record::Task(serde_json::from_value(value)?),
        RecordKind::Handover => Record::Handover(serde_json::from_value(value)?),
        RecordKind::Instalment => Record::Instalment(serde_json::from_value(value)?),
        RecordKind::WinbackCase => Record::WinbackCase(serde_json::from_value(value)?),
        RecordKind::Announcement => Record::Announcement(serde_json::from_value(value)?),
        RecordKind::Deferral => Record::Deferral(serde_json::from_value(value)?),
    })
}

/// Builds a book from records of unknown quality: each must be valid on its own and
/// refer only to records that exist. Dates are not checked against a clock here: a
/// backup made on another device may be a day ahead.
pub fn check_records(records: Vec<Record>, next_id: u64) -> Result<Book, SchemaError> {
    let mut parts = Parts::default();
    for record in records {
        parts.push(record);
    }
    check_parts(parts, next_id)
}

fn check_parts(parts: Parts, next_id: u64) -> Result<Book, SchemaError> {
    if let Some((kind, id)) = parts.ids().find(|(_, id)| *id > crate::ids::MAX_ID) {
        return Err(SchemaError::IdTooLarge {
            kind: Some(kind),
            id,
        });
    }
    // The next id may be one past the largest: then the book is full, not broken.
    if next_id > crate::ids::MAX_ID + 1 {
        return Err(SchemaError::IdTooLarge {
            kind: None,
            id: next_id,
        });
    }
    if let Some(id) = first_duplicate(&parts) {
        return Err(SchemaError::DuplicateId(id));
    }
    validate_rows(&parts.customers)?;
    validate_rows(&parts.contacts)?;
    validate_rows(&parts.staff)?;
    validate_rows(&parts.relationships)?;
    validate_rows(&parts.orders)?;
    validate_rows(&parts.interactions)?;
    validate_rows(&parts.complaints)?;
    validate_rows(&parts.surveys)?;
    validate_rows(&parts.signals)?;
    validate_rows(&parts.key_dates)?;
    validate_rows(&parts.tasks)?;
    validate_rows(&parts.handovers)?;
    validate_rows(&parts.instalments)?;
    validate_rows(&parts.winback_cases)?;
    validate_rows(&parts.announcements)?;
    let book = Book::from_parts(parts, next_id);
    if let Some((key, error)) = book.first_broken_reference() {
        return Err(SchemaError::Invalid {
            kind: key.kind,
            id: key.id,
            error,
        });
    }
    Ok(book)
}

/// The first id, in snapshot order, that an earlier record already used. Sorting finds
/// out cheaply whether there is one at all; only then is the order walked.
fn first_duplicate(parts: &Parts) -> Option<u64> {
    let mut ids: Vec<u64> = parts.ids().map(|(_, id)| id).collect();
    ids.sort_unstable();
    if ids.windows(2).all(|w| w[0] != w[1]) {
        return None;
    }
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    parts.ids().map(|(_, id)| id).find(|id| !seen.insert(*id))
}

fn validate_rows<T: Row + Validate>(rows: &[T]) -> Result<(), SchemaError> {
    for row in rows {
        row.validate(Date::MAX)
            .map_err(|error| SchemaError::Invalid {
                kind: T::KIND,
                id: row.row_id(),
                error,
            })?;
    }
    Ok(())
}

/// Lets snapshot checks validate typed rows without wrapping each in a [`Record`].
trait Validate {
    fn validate(&self, today: Date) -> Result<(), BookError>;
}

macro_rules! validate_via_inherent {
    ($($ty:ty),* $(,)?) => {$(
        impl Validate for $ty {
            fn validate(&self, today: Date) -> Result<(), BookError> {
                <$ty>::validate(self, today)
            }
        }
    )*};
}

validate_via_inherent!(
    Customer,
    Contact,
    Staff,
    Relationship,
    Order,
    Interaction,
    Complaint,
    Survey,
    Signal,
    KeyDate,
    Task,
    Handover,
    Instalment,
    WinbackCase,
    Announcement,
    Deferral,
);
