//! How a device keeps its sync data: in pages, like the records (one stored value per
//! document would undo what pages do for a big book). A document's page is its record's
//! page; the team settings and the device's sequence and checkpoints have pages of their
//! own. Only pages changed since the last write are written again.

use super::connection::Connection;
use super::rev::Rev;
use super::store::{DocState, SyncStore};
use super::tree::RevTree;
use crate::chunks::page_of;
use crate::ids::Device;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The page of the device's sequence and checkpoints.
pub const META_PAGE: &str = "meta";
/// The page of the team database this device syncs with (see `connection`).
pub const CONNECTION_PAGE: &str = "connection";
/// The page of the team settings' document, and of any document not named `kind:id`.
pub const OTHER_PAGE: &str = "other";

/// The page a document is kept in: `customer/3` for customers 768–1023.
pub fn page_key(doc_id: &str) -> String {
    match super::document::key_of(doc_id) {
        Ok(super::document::DocKey::Record(key)) => {
            format!("{}/{}", key.kind.store(), page_of(key.id))
        }
        _ => OTHER_PAGE.to_string(),
    }
}

/// One document as stored.
#[derive(Serialize, Deserialize)]
struct StoredDoc {
    id: String,
    /// Its latest local change, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    /// Its latest local sequence is a version from the team database.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    from_team: bool,
    /// Every revision: (revision, parent, deleted).
    revs: Vec<(Rev, Option<Rev>, bool)>,
    /// The body of each current version.
    bodies: BTreeMap<Rev, Map<String, Value>>,
}

#[derive(Serialize, Deserialize)]
struct StoredMeta {
    seq: u64,
    checkpoints: BTreeMap<String, Value>,
    /// The device number claimed in the team database (see `SyncStore::device`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    device: Option<u32>,
    /// Documents arrived that the book does not show yet (see `SyncStore::arrivals`).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    arrived: BTreeSet<String>,
    /// This device's changes the team database refused (see `SyncStore::refusals`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    refused: BTreeMap<String, String>,
}

impl SyncStore {
    /// The pages changed since the last call, as (key, JSON), a `None` JSON for a page
    /// now empty; they are then counted as written.
    pub fn take_changed_pages(&mut self) -> Vec<(String, Option<String>)> {
        let keys = std::mem::take(&mut self.dirty);
        keys.into_iter()
            .map(|key| {
                let json = self.page_json(&key);
                (key, json)
            })
            .collect()
    }

    /// Every page, for a first write or a rewrite.
    pub fn all_pages(&mut self) -> Vec<(String, Option<String>)> {
        self.dirty.clear();
        let mut keys: BTreeSet<String> = self.doc_ids().map(|id| page_key(id)).collect();
        keys.insert(META_PAGE.to_string());
        keys.insert(CONNECTION_PAGE.to_string());
        keys.into_iter()
            .map(|key| {
                let json = self.page_json(&key);
                (key, json)
            })
            .collect()
    }

    fn page_json(&self, key: &str) -> Option<String> {
        if key == META_PAGE {
            let meta = StoredMeta {
                seq: self.seq(),
                checkpoints: self.checkpoints.clone(),
                device: self.device().map(Device::number),
                arrived: self.arrived.clone(),
                refused: self.refused.clone(),
            };
            return serde_json::to_string(&meta).ok();
        }
        if key == CONNECTION_PAGE {
            return self
                .connection()
                .and_then(|c| serde_json::to_string(c).ok());
        }
        let docs: Vec<StoredDoc> = self
            .doc_ids()
            .filter(|id| page_key(id) == key)
            .filter_map(|id| {
                let state = self.doc(id)?;
                Some(StoredDoc {
                    id: id.clone(),
                    seq: self.doc_seq(id),
                    from_team: self.is_from_team(id),
                    revs: state
                        .tree
                        .nodes()
                        .map(|(r, p, d)| (r.clone(), p.cloned(), d))
                        .collect(),
                    bodies: state.bodies().clone(),
                })
            })
            .collect();
        if docs.is_empty() {
            return None;
        }
        serde_json::to_string(&docs).ok()
    }

    /// A store from its pages. A page that does not read is left out and its key
    /// returned, for the caller to keep aside and report.
    pub fn from_pages(
        pages: impl IntoIterator<Item = (String, String)>,
    ) -> (SyncStore, Vec<String>) {
        let mut store = SyncStore::new();
        let mut unreadable = Vec::new();
        for (key, json) in pages {
            if key == META_PAGE {
                // A device number out of range does not read: ids would leave their space.
                match serde_json::from_str::<StoredMeta>(&json) {
                    Ok(meta) if meta.device.is_none_or(|d| Device::new(d).is_some()) => {
                        let device = meta.device.and_then(Device::new);
                        store.restore_meta(meta.seq, meta.checkpoints, device, meta.arrived);
                        store.refused = meta.refused;
                    }
                    _ => unreadable.push(key),
                }
                continue;
            }
            if key == CONNECTION_PAGE {
                match serde_json::from_str::<Connection>(&json) {
                    Ok(connection) => store.connection = Some(connection),
                    Err(_) => unreadable.push(key),
                }
                continue;
            }
            match serde_json::from_str::<Vec<StoredDoc>>(&json) {
                Ok(docs) => {
                    for doc in docs {
                        let tree = RevTree::from_nodes(doc.revs);
                        store.restore_doc(
                            doc.id,
                            DocState::from_parts(tree, doc.bodies),
                            doc.seq,
                            doc.from_team,
                        );
                    }
                }
                Err(_) => unreadable.push(key),
            }
        }
        (store, unreadable)
    }
}
