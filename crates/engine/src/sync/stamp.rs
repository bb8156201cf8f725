//! Who made a version of a document, on which device and when: written into every
//! version this device sends, so that every device of the team can say who changed a
//! record (the timeline, the conflict view). It is a field of the document beside the
//! record's own, which devices that do not know it ignore; it is never a field to merge
//! or to show as changed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The document field holding the stamp.
pub const FIELD: &str = "changed";

/// Longest user name read from a stamp: CouchDB's are far shorter; a longer one is a
/// forged document and is not shown.
const MAX_USER: usize = 128;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The team database's user whose device made the version.
    pub by: String,
    /// The staff member that user is on that device, when it has said so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<u64>,
    /// The number of the device that made it.
    pub device: u32,
    pub at: DateTime<Utc>,
}

impl Stamp {
    /// The stamp of a document's body, when it has one that reads (a version from a
    /// device before stamps, or a malformed one, has none).
    pub fn of(body: &Map<String, Value>) -> Option<Stamp> {
        let stamp = Stamp::deserialize(body.get(FIELD)?).ok()?;
        (stamp.by.chars().count() <= MAX_USER).then_some(stamp)
    }

    /// `body` carrying this stamp instead of any it had.
    pub fn put(&self, mut body: Map<String, Value>) -> Map<String, Value> {
        if let Ok(value) = serde_json::to_value(self) {
            body.insert(FIELD.to_string(), value);
        }
        body
    }
}

/// `body` without its stamp: what the version holds, whoever made it.
pub fn unstamped(body: &Map<String, Value>) -> Map<String, Value> {
    let mut body = body.clone();
    body.remove(FIELD);
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_stamp_reads_back_and_a_forged_one_is_not_shown() {
        let at = DateTime::from_timestamp(1_796_000_000, 0).unwrap();
        let stamp = Stamp {
            by: "li-lei".into(),
            staff: Some(7),
            device: 3,
            at,
        };
        let body = stamp.put(Map::new());
        assert_eq!(
            body.get(FIELD),
            Some(&json!({"by": "li-lei", "staff": 7, "device": 3, "at": "2026-11-30T00:53:20Z"}))
        );
        assert_eq!(Stamp::of(&body), Some(stamp));
        assert!(unstamped(&body).is_empty());
        let mut forged = Map::new();
        forged.insert(
            FIELD.into(),
            json!({"by": "x".repeat(500), "device": 1, "at": "2026-11-30T00:53:20Z"}),
        );
        assert_eq!(Stamp::of(&forged), None);
        forged.insert(FIELD.into(), json!("li-lei"));
        assert_eq!(Stamp::of(&forged), None);
    }
}
