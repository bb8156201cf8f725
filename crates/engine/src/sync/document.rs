//! One CouchDB document per record, named `kind:id` ("customer:42"), and one for the team
//! settings. What arrives from a server is read as untrusted input: anything that is not
//! a valid record of the kind and id its name says is refused with the reason.

use super::rev::{Rev, RevError};
use crate::book::settings::SettingsError;
use crate::book::TeamSettings;
use crate::error::BookError;
use crate::ids::Device;
use crate::records::{Record, RecordKey, RecordKind};
use crate::schema::record_from_value;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use thiserror::Error;

/// The team settings' document.
pub const SETTINGS_ID: &str = "settings:team";

/// What a document names: a record, or the team settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKey {
    Record(RecordKey),
    Settings,
    /// A device's claim on its number (see `sync::device`).
    Device(Device),
}

/// A document read from a server.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Record(Box<Record>),
    Settings(Box<TeamSettings>),
    /// A device of the team claimed this number.
    Device(Device),
    Deleted(DocKey),
}

impl Incoming {
    /// The name of the document this came in.
    pub fn doc_id(&self) -> String {
        match self {
            Incoming::Record(record) => doc_id(record.key()),
            Incoming::Settings(_) | Incoming::Deleted(DocKey::Settings) => SETTINGS_ID.to_string(),
            Incoming::Device(device) | Incoming::Deleted(DocKey::Device(device)) => {
                device_doc_id(*device)
            }
            Incoming::Deleted(DocKey::Record(key)) => doc_id(*key),
        }
    }
}

/// Why a document from a server was refused.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum DocError {
    #[error("not a JSON object")]
    NotAnObject,
    #[error("no _id")]
    NoId,
    /// An `_id` that names no record of this app (another app's document, or forged).
    #[error("not a document of this app: {0:?}")]
    Foreign(String),
    #[error("no valid _rev: {0}")]
    Rev(RevError),
    /// The `_revisions` do not lead to the `_rev`.
    #[error("a revision history that does not match the revision")]
    History,
    /// The body does not read as a record of the kind its name says.
    #[error("{kind:?} {id}: {reason}")]
    Shape {
        kind: RecordKind,
        id: u64,
        reason: String,
    },
    /// The body's own id is not the one in its name.
    #[error("{kind:?} {id}: the record inside names id {inner}")]
    IdMismatch {
        kind: RecordKind,
        id: u64,
        inner: u64,
    },
    #[error("{kind:?} {id}: {error}")]
    Invalid {
        kind: RecordKind,
        id: u64,
        error: BookError,
    },
    #[error("team settings: {0}")]
    Settings(SettingsError),
    #[error("team settings do not read: {0}")]
    SettingsShape(String),
}

/// How the documents claiming device numbers are named: `device:7`.
pub const DEVICE_PREFIX: &str = "device:";

/// The document claiming `device`'s number.
pub fn device_doc_id(device: Device) -> String {
    format!("{DEVICE_PREFIX}{}", device.number())
}

/// The name of a record's document.
pub fn doc_id(key: RecordKey) -> String {
    format!("{}:{}", kind_name(key.kind), key.id)
}

fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Customer => "customer",
        RecordKind::Contact => "contact",
        RecordKind::Staff => "staff",
        RecordKind::Relationship => "relationship",
        RecordKind::Order => "order",
        RecordKind::Interaction => "interaction",
        RecordKind::Complaint => "complaint",
        RecordKind::Survey => "survey",
        RecordKind::Signal => "signal",
        RecordKind::KeyDate => "key_date",
        RecordKind::Task => "task",
        RecordKind::Handover => "handover",
        RecordKind::Instalment => "instalment",
        RecordKind::WinbackCase => "winback_case",
        RecordKind::Announcement => "announcement",
        RecordKind::Deferral => "deferral",
    }
}

/// What a document's name says it holds.
pub fn key_of(doc_id: &str) -> Result<DocKey, DocError> {
    if doc_id == SETTINGS_ID {
        return Ok(DocKey::Settings);
    }
    let foreign = || DocError::Foreign(doc_id.chars().take(80).collect());
    if let Some(number) = doc_id.strip_prefix(DEVICE_PREFIX) {
        let canonical = number.bytes().all(|b| b.is_ascii_digit()) && !number.starts_with('0');
        return number
            .parse()
            .ok()
            .filter(|_| canonical)
            .and_then(Device::new)
            .filter(|d| *d != Device::LOCAL)
            .map(DocKey::Device)
            .ok_or_else(foreign);
    }
    let (kind, id) = doc_id.split_once(':').ok_or_else(foreign)?;
    let kind = RecordKind::ALL
        .into_iter()
        .find(|k| kind_name(*k) == kind)
        .ok_or_else(foreign)?;
    // Digits only: no sign, no leading zero, so one record has one name.
    let canonical =
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0');
    let id: u64 = id.parse().ok().filter(|_| canonical).ok_or_else(foreign)?;
    if id > crate::ids::MAX_ID {
        return Err(foreign());
    }
    Ok(DocKey::Record(RecordKey { kind, id }))
}

/// `_revisions` as CouchDB writes them: the newest generation and the hashes back from it.
pub(crate) fn revisions(history: &[Rev]) -> Value {
    json!({
        "start": history.first().map_or(0, |r| r.pos),
        "ids": history.iter().map(|r| r.hash.as_str()).collect::<Vec<_>>(),
    })
}

fn with_meta(mut body: Map<String, Value>, id: String, history: &[Rev]) -> Value {
    body.insert("_id".into(), Value::String(id));
    if let Some(rev) = history.first() {
        body.insert("_rev".into(), Value::String(rev.to_string()));
    }
    body.insert("_revisions".into(), revisions(history));
    Value::Object(body)
}

/// A record's document at the newest revision of `history` (newest first).
pub fn record_document(record: &Record, history: &[Rev]) -> Value {
    let body = match serde_json::from_str(&record.to_json()) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    with_meta(body, doc_id(record.key()), history)
}

/// The team settings' document.
pub fn settings_document(settings: &TeamSettings, history: &[Rev]) -> Value {
    let body = match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    with_meta(body, SETTINGS_ID.to_string(), history)
}

/// A deletion of what `key` names.
pub fn deleted_document(key: DocKey, history: &[Rev]) -> Value {
    let id = match key {
        DocKey::Record(key) => doc_id(key),
        DocKey::Settings => SETTINGS_ID.to_string(),
        DocKey::Device(device) => device_doc_id(device),
    };
    let mut body = Map::new();
    body.insert("_deleted".into(), Value::Bool(true));
    with_meta(body, id, history)
}

#[derive(Deserialize)]
struct Revisions {
    start: u64,
    ids: Vec<String>,
}

/// Reads a document from a server: what it holds and its revision history, newest
/// first. Anything not exactly a document this app writes is refused.
pub fn read(doc: &Value) -> Result<(Incoming, Vec<Rev>), DocError> {
    let map = doc.as_object().ok_or(DocError::NotAnObject)?;
    let id = map
        .get("_id")
        .and_then(Value::as_str)
        .ok_or(DocError::NoId)?;
    let key = key_of(id)?;
    let rev_text = map.get("_rev").and_then(Value::as_str).unwrap_or_default();
    let rev = Rev::parse(rev_text).map_err(DocError::Rev)?;
    let history = match map.get("_revisions") {
        None => vec![rev],
        Some(value) => {
            let revisions = Revisions::deserialize(value).map_err(|_| DocError::History)?;
            if revisions.start != rev.pos || revisions.ids.first() != Some(&rev.hash) {
                return Err(DocError::History);
            }
            let mut history = Vec::with_capacity(revisions.ids.len().min(super::tree::REVS_LIMIT));
            for (i, hash) in revisions
                .ids
                .iter()
                .take(super::tree::REVS_LIMIT)
                .enumerate()
            {
                let pos = rev
                    .pos
                    .checked_sub(i as u64)
                    .filter(|p| *p > 0)
                    .ok_or(DocError::History)?;
                history.push(Rev::parse(&format!("{pos}-{hash}")).map_err(|_| DocError::History)?);
            }
            history
        }
    };
    if map.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Ok((Incoming::Deleted(key), history));
    }
    let body: Map<String, Value> = map
        .iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok((read_body(key, body)?, history))
}

/// What a document's body holds, read as [`read`] does: a record of the kind and id
/// `key` names, valid; the team settings, in range; or a device's claim.
pub fn read_body(key: DocKey, body: Map<String, Value>) -> Result<Incoming, DocError> {
    let incoming = match key {
        DocKey::Device(device) => Incoming::Device(device),
        DocKey::Settings => {
            let settings = TeamSettings::deserialize(Value::Object(body))
                .map_err(|e| DocError::SettingsShape(e.to_string()))?;
            settings.check().map_err(DocError::Settings)?;
            Incoming::Settings(Box::new(settings))
        }
        DocKey::Record(RecordKey { kind, id }) => {
            let record =
                record_from_value(kind, Value::Object(body)).map_err(|e| DocError::Shape {
                    kind,
                    id,
                    reason: e.to_string(),
                })?;
            let inner = record.key().id;
            if inner != id {
                return Err(DocError::IdMismatch { kind, id, inner });
            }
            // Another device's clock may be ahead: dates are checked for their range,
            // not against today.
            record
                .validate(crate::Date::MAX)
                .map_err(|error| DocError::Invalid { kind, id, error })?;
            Incoming::Record(Box::new(record))
        }
    };
    Ok(incoming)
}
