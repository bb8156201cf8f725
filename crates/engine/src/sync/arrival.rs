//! Between the book and the team database: what a committed change sends out, and the
//! change that brings in what arrived. Records arrive in any order (an order before its
//! customer); one whose references are not in the book yet waits for them, so the book
//! stays whole, and is offered again with the next arrival.

use super::document::{doc_id, DocKey, SETTINGS_ID};
use super::Incoming;
use crate::book::Book;
use crate::command::{Change, SettingsChange};
use crate::records::{Record, RecordKey, RecordKind};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// A document's new body, or `None` for a deletion.
pub type Outgoing = (String, Option<Map<String, Value>>);

fn body_of(json: &str) -> Map<String, Value> {
    match serde_json::from_str(json) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The documents a committed change writes: each put record, each deleted one, and the
/// team settings if it set them.
pub fn outgoing(change: &Change) -> Vec<Outgoing> {
    let put: HashSet<RecordKey> = change.puts.iter().map(Record::key).collect();
    let mut out: Vec<Outgoing> = change
        .puts
        .iter()
        .map(|r| (doc_id(r.key()), Some(body_of(&r.to_json()))))
        .collect();
    out.extend(
        change
            .deletes
            .iter()
            .filter(|k| !put.contains(k))
            .map(|k| (doc_id(*k), None)),
    );
    if let Some(settings) = &change.settings {
        let body = serde_json::to_value(&settings.after)
            .ok()
            .and_then(|v| match v {
                Value::Object(map) => Some(map),
                _ => None,
            });
        out.push((SETTINGS_ID.to_string(), body));
    }
    out
}

/// Every document of a book: what a device joining a team sends first.
pub fn documents(book: &Book) -> Vec<Outgoing> {
    let mut out: Vec<Outgoing> = RecordKind::ALL
        .iter()
        .flat_map(|kind| book.records(*kind))
        .map(|r| (doc_id(r.key()), Some(body_of(&r.to_json()))))
        .collect();
    if let Ok(Value::Object(map)) = serde_json::to_value(book.settings()) {
        out.push((SETTINGS_ID.to_string(), Some(map)));
    }
    out
}

/// What arrived, as one change of the book, and what waits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arrival {
    pub change: Change,
    /// Arrivals held back: records naming records the book does not have, deletions
    /// of records others still name. Offer them again with the next arrival.
    pub waiting: Vec<Incoming>,
}

impl Book {
    /// The change that makes this book show `incoming` (winners from the team
    /// database), keeping every reference whole.
    pub fn plan_arrival(&self, incoming: Vec<Incoming>) -> Arrival {
        let mut change = Change {
            next_id: self.next_id(),
            ..Change::default()
        };
        let mut records = Vec::new();
        let mut deletions = Vec::new();
        for item in incoming {
            match item {
                Incoming::Record(record) => records.push(*record),
                Incoming::Settings(settings) => {
                    change.settings = Some(Box::new(SettingsChange {
                        before: self.settings().clone(),
                        after: *settings,
                    }));
                }
                Incoming::Deleted(DocKey::Record(key)) => deletions.push(key),
                // Claims of device numbers are the server's business, not the book's.
                Incoming::Device(_) | Incoming::Deleted(DocKey::Settings | DocKey::Device(_)) => {}
            }
        }
        // Records come in order of kind, which puts every record after those it names
        // (customers and staff first); a contact reporting to a contact may need a
        // second round.
        records.sort_by_key(|r| {
            (
                RecordKind::ALL.iter().position(|k| *k == r.kind()),
                r.key().id,
            )
        });
        let mut scratch = self.clone();
        loop {
            let before = records.len();
            records.retain(|record| {
                if scratch.check_references(record).is_err() {
                    return true;
                }
                let old = scratch.get(record.key());
                // What the book already shows (a conflict looked at, a version echoed
                // back) is no change.
                if old.as_ref() == Some(record) {
                    return false;
                }
                if let Some(old) = old {
                    change.before.push(old);
                }
                // A record of this device's own space (its book restored elsewhere and
                // sent back) moves the counter past it: no new id may take it.
                let id = record.key().id;
                if self.device().owns(id) {
                    change.next_id = change.next_id.max(id.saturating_add(1));
                }
                scratch.insert(record.clone());
                change.puts.push(record.clone());
                false
            });
            if records.is_empty() || records.len() == before {
                break;
            }
        }
        let deleted: HashSet<RecordKey> = deletions.iter().copied().collect();
        let mut waiting_deletions = Vec::new();
        for key in deletions {
            let Some(old) = scratch.get(key) else {
                continue;
            };
            let named = scratch
                .users_of(key)
                .into_iter()
                .any(|user| !deleted.contains(&user));
            // Still named by a record that stays (an edit made elsewhere against this
            // deletion): it waits rather than break the book.
            if named {
                waiting_deletions.push(key);
                continue;
            }
            change.before.push(old);
            change.deletes.push(key);
        }
        let mut waiting: Vec<Incoming> = records
            .into_iter()
            .map(|r| Incoming::Record(Box::new(r)))
            .collect();
        waiting.extend(
            waiting_deletions
                .into_iter()
                .map(|k| Incoming::Deleted(DocKey::Record(k))),
        );
        Arrival { change, waiting }
    }
}
