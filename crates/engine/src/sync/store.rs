//! What this device knows of the team book's documents: each one's revision tree and
//! the bodies of its current versions, and a local sequence of changes to push.

use super::connection::Connection;
use super::document::{self, DocError, DocKey, Incoming};
use super::merge::{changed_fields, three_way, BASE_GENERATIONS};
use super::rev::Rev;
use super::stamp::{unstamped, Stamp};
use super::tree::{RevTree, TreeError};
use crate::ids::Device;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// One document as this device knows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocState {
    pub tree: RevTree,
    /// The body of each current version (deletions have none), without `_` fields.
    bodies: BTreeMap<Rev, Map<String, Value>>,
}

impl DocState {
    /// The winning version's body, or `None` when the document is deleted.
    pub fn winner_body(&self) -> Option<&Map<String, Value>> {
        let (rev, deleted) = self.tree.winner()?;
        if deleted {
            return None;
        }
        self.bodies.get(rev)
    }

    /// The body of a current version.
    pub fn body(&self, rev: &Rev) -> Option<&Map<String, Value>> {
        self.bodies.get(rev)
    }

    /// The bodies of the current versions, by revision.
    pub fn bodies(&self) -> &BTreeMap<Rev, Map<String, Value>> {
        &self.bodies
    }

    /// A document as stored (see `pages`).
    pub(crate) fn from_parts(tree: RevTree, bodies: BTreeMap<Rev, Map<String, Value>>) -> DocState {
        let mut state = DocState { tree, bodies };
        state.prune();
        state
    }

    /// Keeps bodies for the current versions and the few before each: the versions a
    /// conflict merges against (see `merge`). Older ones are history, not content.
    fn prune(&mut self) {
        let mut keep = BTreeSet::new();
        for (leaf, _) in self.tree.leaves() {
            keep.extend(self.tree.history_within(leaf, BASE_GENERATIONS + 1));
        }
        self.bodies.retain(|rev, _| keep.contains(rev));
    }

    /// Deletions a person made on a branch other than the live winner's: a record
    /// deleted on one device while another edited it. Deletions written to settle a
    /// conflict are told apart by their revision (see [`SETTLED`]), which any device
    /// can compute again from the parent.
    pub fn deleted_against(&self) -> Vec<Rev> {
        match self.tree.winner() {
            Some((_, false)) => {}
            _ => return Vec::new(),
        }
        self.tree
            .leaves()
            .into_iter()
            .filter(|(rev, deleted)| {
                *deleted
                    && self
                        .tree
                        .parent(rev)
                        .is_none_or(|p| **rev != Rev::next(Some(p), true, SETTLED))
            })
            .map(|(rev, _)| rev.clone())
            .collect()
    }

    /// The newest version that both `a` and `b` descend from (or are).
    fn common_ancestor(&self, a: &Rev, b: &Rev) -> Option<Rev> {
        let ours: BTreeSet<Rev> = self.tree.history(a).into_iter().collect();
        self.tree
            .history(b)
            .into_iter()
            .find(|rev| ours.contains(rev))
    }
}

/// What a deletion that settles a conflict is hashed with, instead of the empty body
/// of a deletion a person asked for: the two are told apart on every device.
pub const SETTLED: &str = "settled";

/// What a received document did here.
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    /// A revision this device already had.
    Known,
    /// A new revision; `winner` is what the document now is (a record, settings, or
    /// deleted), when the winner changed.
    New { winner: Option<Incoming> },
}

/// Versions of one document that no device could merge by itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub doc_id: String,
    pub key: DocKey,
    /// The version every device shows first, then those that lost to it.
    pub versions: Vec<Version>,
    /// Deletions made while the record was edited elsewhere: settling the conflict
    /// keeps the record (these are marked settled); deleting it again is a change
    /// of the book like any other.
    pub deletions: Vec<Rev>,
}

impl Conflict {
    /// The fields in which the versions differ, in name order.
    pub fn fields(&self) -> Vec<String> {
        let mut out = BTreeSet::new();
        if let Some((first, rest)) = self.versions.split_first() {
            for other in rest {
                out.extend(changed_fields(&first.body, &other.body));
            }
        }
        out.into_iter().collect()
    }
}

/// One version of a document in conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub rev: Rev,
    pub body: Map<String, Value>,
    /// What the version holds, when it reads as one (every version that arrived did).
    pub holds: Option<Incoming>,
    /// Who made it, on which device and when, if it says.
    pub stamp: Option<Stamp>,
}

/// Why a conflict could not be settled as asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ResolveError {
    /// Settled already (here, or by another device whose settling arrived).
    #[error("the document has no conflict")]
    NoConflict,
    /// The combined version is not a valid record.
    #[error("{0}")]
    Invalid(DocError),
}

/// A conflict merged by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub doc_id: String,
    /// The fields taken from the versions that lost to the winner.
    pub fields: Vec<String>,
    /// How many versions were merged into the winner.
    pub versions: usize,
}

/// The documents of a team book on this device.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncStore {
    docs: BTreeMap<String, DocState>,
    /// The last local sequence number given to a change.
    seq: u64,
    /// For each document changed here, the sequence of its latest local change.
    doc_seq: BTreeMap<String, u64>,
    /// The same, by sequence: what to push after a checkpoint.
    by_seq: BTreeMap<u64, String>,
    /// This device's checkpoints, by replication id (see `replicator`).
    pub(crate) checkpoints: BTreeMap<String, Value>,
    /// Pages changed since they were last written (see `pages`).
    pub(crate) dirty: BTreeSet<String>,
    /// The team database this device syncs with, if one is set.
    pub(crate) connection: Option<Connection>,
    /// The number this device claimed in the team database, once it has joined (see
    /// `team::join`): from then on every change of the book is recorded here to send.
    pub(crate) device: Option<Device>,
    /// Documents whose winner changed by what arrived and that the book does not show
    /// yet: kept (and stored) until the book has taken them, so nothing that arrived is
    /// lost to a page closed before the book was written, or to a record waiting for
    /// the records it names.
    pub(crate) arrived: BTreeSet<String>,
    /// Documents whose latest local sequence is a version that came from the team
    /// database: sent again if the database is recreated empty (as every document
    /// here is), but not counted as waiting to be sent.
    pub(crate) from_team: BTreeSet<String>,
    /// Documents with versions in conflict (not stored: read from the trees).
    conflicted: BTreeSet<String>,
    /// Documents whose change made here the team database refused, with its reason as
    /// the server gave it: shown on the record until the next change of it.
    pub(crate) refused: BTreeMap<String, String>,
}

impl SyncStore {
    pub fn new() -> SyncStore {
        SyncStore::default()
    }

    pub fn doc(&self, id: &str) -> Option<&DocState> {
        self.docs.get(id)
    }

    pub fn doc_ids(&self) -> impl Iterator<Item = &String> {
        self.docs.keys()
    }

    /// The last local sequence number.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The sequence of a document's latest local change.
    pub fn doc_seq(&self, id: &str) -> Option<u64> {
        self.doc_seq.get(id).copied()
    }

    /// Puts back a stored document (see `pages`); marks nothing as changed.
    pub(crate) fn restore_doc(
        &mut self,
        id: String,
        state: DocState,
        seq: Option<u64>,
        from_team: bool,
    ) {
        if from_team {
            self.from_team.insert(id.clone());
        }
        if let Some(seq) = seq {
            self.seq = self.seq.max(seq);
            self.doc_seq.insert(id.clone(), seq);
            self.by_seq.insert(seq, id.clone());
        }
        self.docs.insert(id.clone(), state);
        self.note_conflict(&id);
    }

    /// Puts back the stored sequence, checkpoints and device (see `pages`).
    pub(crate) fn restore_meta(
        &mut self,
        seq: u64,
        checkpoints: BTreeMap<String, Value>,
        device: Option<Device>,
        arrived: BTreeSet<String>,
    ) {
        self.seq = self.seq.max(seq);
        self.checkpoints = checkpoints;
        self.device = device;
        self.arrived = arrived;
    }

    /// The device number this device has in its team database, once joined.
    pub fn device(&self) -> Option<Device> {
        self.device
    }

    pub(crate) fn set_device(&mut self, device: Device) {
        self.device = Some(device);
        self.dirty.insert(super::pages::META_PAGE.to_string());
    }

    fn touch(&mut self, id: &str) {
        self.from_team.remove(id);
        self.dirty.insert(super::pages::page_key(id));
        self.dirty.insert(super::pages::META_PAGE.to_string());
        self.seq += 1;
        if let Some(old) = self.doc_seq.insert(id.to_string(), self.seq) {
            self.by_seq.remove(&old);
        }
        self.by_seq.insert(self.seq, id.to_string());
    }

    /// A change made on this device: the document's new body (`None` deletes it), as a
    /// new version after its current winner.
    pub fn edit(&mut self, id: &str, body: Option<Map<String, Value>>) -> Result<Rev, TreeError> {
        let state = self.docs.entry(id.to_string()).or_default();
        let parent = state.tree.winner().map(|(r, _)| r.clone());
        let text = body
            .as_ref()
            .map(|b| Value::Object(b.clone()).to_string())
            .unwrap_or_default();
        let rev = state.tree.edit(parent.as_ref(), body.is_none(), &text)?;
        if let Some(body) = body {
            state.bodies.insert(rev.clone(), body);
        }
        state.prune();
        self.touch(id);
        self.note_conflict(id);
        self.refused.remove(id);
        Ok(rev)
    }

    /// The team database refused `revs` of a document, changes made here (its rules:
    /// a rep's forbidden change). They are taken back, so the document is again what
    /// it was before them (or gone, if it was made here) and the book takes that with
    /// the next arrivals; the reason is kept to show on the record. Nothing refused is
    /// sent again.
    pub fn refuse(&mut self, id: &str, revs: &[Rev], reason: &str) {
        let Some(state) = self.docs.get_mut(id) else {
            return;
        };
        let mut withdrew = false;
        for rev in revs {
            if state.tree.withdraw(rev) {
                state.bodies.remove(rev);
                withdrew = true;
            }
        }
        if !withdrew {
            return;
        }
        if state.tree.is_empty() {
            self.docs.remove(id);
        } else {
            state.prune();
        }
        // Sent again only if the version it goes back to is not on the server (then
        // `_revs_diff` says so); counted as waiting until then.
        self.touch(id);
        self.note_conflict(id);
        self.arrived.insert(id.to_string());
        self.refused
            .insert(id.to_string(), reason.chars().take(300).collect());
    }

    /// This device's changes the team database refused, by document, with the reason.
    pub fn refusals(&self) -> &BTreeMap<String, String> {
        &self.refused
    }

    /// A document from the server, read as untrusted input (see [`document::read`]).
    pub fn receive(&mut self, doc: &Value) -> Result<Received, DocError> {
        let (incoming, history) = document::read(doc)?;
        let id = doc
            .get("_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let state = self.docs.entry(id.clone()).or_default();
        let before = state.tree.winner().map(|(r, d)| (r.clone(), d));
        let deleted = matches!(incoming, Incoming::Deleted(_));
        let new = state
            .tree
            .insert(&history, deleted)
            .map_err(|_| DocError::History)?;
        if !new {
            return Ok(Received::Known);
        }
        if let (Some(rev), false, Some(map)) = (history.first(), deleted, doc.as_object()) {
            let body = map
                .iter()
                .filter(|(k, _)| !k.starts_with('_'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            state.bodies.insert(rev.clone(), body);
        }
        state.prune();
        let after = state.tree.winner().map(|(r, d)| (r.clone(), d));
        self.note_conflict(&id);
        // A conflict is looked at with what arrived (see `merge_conflicts`).
        if before != after || self.conflicted.contains(&id) {
            self.arrived.insert(id.clone());
        }
        let winner = if before == after {
            None
        } else if history.first().map(|r| (r.clone(), deleted)) == after {
            Some(incoming)
        } else {
            // A revision that lost: the winner is what it was.
            None
        };
        // What arrived takes a local sequence too, so that a team database recreated
        // empty gets everything this device knows; it does not count as waiting to be
        // sent unless a local change of it is still unsent.
        let unsent_here = self.doc_seq.contains_key(&id) && !self.from_team.contains(&id);
        self.touch(&id);
        if !unsent_here {
            self.from_team.insert(id);
        }
        Ok(Received::New { winner })
    }

    /// Merges by themselves the conflicts among what arrived whose versions changed
    /// different fields since the version they share: the merge is a new version after
    /// the winner, the versions merged into it are deleted, and the document is taken
    /// into the book with the next arrivals and sent with the next push. Returns what
    /// was merged; conflicts of one field changed on both sides stay.
    pub fn merge_conflicts(&mut self) -> Vec<Merged> {
        let ids: Vec<String> = self
            .arrived
            .iter()
            .filter(|id| {
                self.docs
                    .get(*id)
                    .is_some_and(|d| !d.tree.conflicts().is_empty())
            })
            .cloned()
            .collect();
        ids.into_iter()
            .filter_map(|id| self.merge_doc(id))
            .collect()
    }

    fn merge_doc(&mut self, id: String) -> Option<Merged> {
        let key = document::key_of(&id).ok()?;
        if matches!(key, DocKey::Device(_)) {
            return None;
        }
        let state = self.docs.get(&id)?;
        let winner = state.tree.winner()?.0.clone();
        let mut body = state.bodies.get(&winner)?.clone();
        let mut taken = BTreeSet::new();
        let mut losers = Vec::new();
        for loser in state.tree.conflicts() {
            let Some(theirs) = state.bodies.get(loser) else {
                continue;
            };
            let Some(base) = state
                .common_ancestor(&winner, loser)
                .and_then(|rev| state.bodies.get(&rev))
            else {
                continue;
            };
            if let Ok(merged) = three_way(base, &body, theirs) {
                taken.extend(changed_fields(&body, &merged));
                body = merged;
                losers.push(loser.clone());
            }
        }
        if losers.is_empty() {
            return None;
        }
        // A merge that is not a valid record (two changes each fine alone) is left to
        // a person.
        document::read_body(key, body.clone()).ok()?;
        self.settle(&id, &winner, body, &losers).ok()?;
        Some(Merged {
            doc_id: id,
            fields: taken.into_iter().collect(),
            versions: losers.len(),
        })
    }

    /// Writes `body` as the version after `winner` (unless it is the winner's) and
    /// deletes each of `losers`: the same revisions on every device that settles the
    /// same way. The book takes it with the next arrivals; the next push sends it.
    fn settle(
        &mut self,
        id: &str,
        winner: &Rev,
        body: Map<String, Value>,
        losers: &[Rev],
    ) -> Result<(), TreeError> {
        let Some(state) = self.docs.get_mut(id) else {
            return Ok(());
        };
        if state.bodies.get(winner) != Some(&body) {
            let text = Value::Object(body.clone()).to_string();
            let rev = state.tree.edit(Some(winner), false, &text)?;
            state.bodies.insert(rev, body);
        }
        for loser in losers {
            state.tree.edit(Some(loser), true, SETTLED)?;
        }
        state.prune();
        self.touch(id);
        self.arrived.insert(id.to_string());
        self.note_conflict(id);
        Ok(())
    }

    /// Keeps `conflicted` true to the document's tree.
    fn note_conflict(&mut self, id: &str) {
        let open = self
            .docs
            .get(id)
            .is_some_and(|d| !d.tree.conflicts().is_empty() || !d.deleted_against().is_empty());
        if open {
            self.conflicted.insert(id.to_string());
        } else {
            self.conflicted.remove(id);
        }
    }

    /// The conflicts no device has settled: for each document, the version every device
    /// shows first, then the versions that lost to it.
    pub fn conflicts(&self) -> Vec<Conflict> {
        self.conflicted
            .iter()
            .filter_map(|id| self.conflict(id))
            .collect()
    }

    /// One document's conflict, if it has one.
    pub fn conflict(&self, id: &str) -> Option<Conflict> {
        let state = self.docs.get(id)?;
        let key = document::key_of(id).ok()?;
        let (winner, _) = state.tree.winner()?;
        let losers = state.tree.conflicts();
        let deletions = state.deleted_against();
        if losers.is_empty() && deletions.is_empty() {
            return None;
        }
        let versions = std::iter::once(winner)
            .chain(losers)
            .filter_map(|rev| {
                let body = state.bodies.get(rev)?.clone();
                Some(Version {
                    rev: rev.clone(),
                    holds: document::read_body(key, body.clone()).ok(),
                    stamp: Stamp::of(&body),
                    body,
                })
            })
            .collect();
        Some(Conflict {
            doc_id: id.to_string(),
            key,
            versions,
            deletions,
        })
    }

    /// Settles a document's conflict with `body` (one of its versions, or fields taken
    /// from several): it becomes the version after the winner and every other version
    /// is deleted. A body other than the winner's is stamped as made here at `at`.
    pub fn resolve(
        &mut self,
        id: &str,
        body: Map<String, Value>,
        at: DateTime<Utc>,
    ) -> Result<(), ResolveError> {
        let conflict = self.conflict(id).ok_or(ResolveError::NoConflict)?;
        document::read_body(conflict.key, body.clone()).map_err(ResolveError::Invalid)?;
        let first = conflict.versions.first().ok_or(ResolveError::NoConflict)?;
        let body = if unstamped(&first.body) == unstamped(&body) {
            first.body.clone()
        } else {
            self.stamped(body, at)
        };
        let mut revs = conflict.versions.into_iter().map(|v| v.rev);
        let winner = revs.next().ok_or(ResolveError::NoConflict)?;
        let mut losers: Vec<Rev> = revs.collect();
        // A deletion kept out of the record is settled as a lost version is.
        losers.extend(conflict.deletions);
        self.settle(id, &winner, body, &losers)
            .map_err(|_| ResolveError::NoConflict)
    }

    /// `body` stamped as made on this device by its user at `at`; as it is before the
    /// device has joined a team database.
    pub fn stamped(&self, body: Map<String, Value>, at: DateTime<Utc>) -> Map<String, Value> {
        match (self.device, &self.connection) {
            (Some(device), Some(connection)) => Stamp {
                by: connection.user.clone(),
                staff: connection.staff,
                device: device.number(),
                at,
            }
            .put(body),
            _ => body,
        }
    }

    /// Who made the version of a document every device shows, if it says.
    pub fn stamp(&self, id: &str) -> Option<Stamp> {
        Stamp::of(self.docs.get(id)?.winner_body()?)
    }

    /// The team database this device syncs with.
    pub fn connection(&self) -> Option<&Connection> {
        self.connection.as_ref()
    }

    /// Sets (or, with `None`, forgets) the team database; its page is written next.
    pub fn set_connection(&mut self, connection: Option<Connection>) {
        if self.connection != connection {
            self.connection = connection;
            self.dirty.insert(super::pages::CONNECTION_PAGE.to_string());
        }
    }

    /// What arrived and the book does not show yet, as the documents' winners now are.
    pub fn arrivals(&self) -> Vec<Incoming> {
        self.arrived
            .iter()
            .filter_map(|id| {
                // A document made here whose making was refused is gone.
                let Some((rev, _)) = self.docs.get(id).and_then(|d| d.tree.winner()) else {
                    return document::key_of(id).ok().map(Incoming::Deleted);
                };
                let doc = self.document(id, &rev.clone())?;
                document::read(&doc).ok().map(|(incoming, _)| incoming)
            })
            .collect()
    }

    /// The book has taken what arrived, except `waiting` (records still waiting for
    /// what they name), which is offered again with the next arrivals.
    pub fn settle_arrivals(&mut self, waiting: &[Incoming]) {
        let keep: BTreeSet<String> = waiting.iter().map(Incoming::doc_id).collect();
        if self.arrived != keep {
            self.arrived = keep;
            self.dirty.insert(super::pages::META_PAGE.to_string());
        }
    }

    /// Records a checkpoint of replication `id` on this side.
    pub(crate) fn set_checkpoint(&mut self, id: &str, checkpoint: Value) {
        self.checkpoints.insert(id.to_string(), checkpoint);
        self.dirty.insert(super::pages::META_PAGE.to_string());
    }

    /// Documents changed here after `since`, oldest first, at most `limit`.
    pub fn changes_since(&self, since: u64, limit: usize) -> Vec<(u64, String)> {
        self.by_seq
            .range(since.saturating_add(1)..)
            .take(limit)
            .map(|(seq, id)| (*seq, id.clone()))
            .collect()
    }

    /// How many documents changed here after `since`, not counting versions that
    /// came from the team database.
    pub fn count_changes_since(&self, since: u64) -> usize {
        self.by_seq
            .range(since.saturating_add(1)..)
            .filter(|(_, id)| !self.from_team.contains(*id))
            .count()
    }

    /// Whether the latest version of a document here came from the team database.
    pub fn is_from_team(&self, id: &str) -> bool {
        self.from_team.contains(id)
    }

    /// A document's current versions.
    pub fn leaf_revs(&self, id: &str) -> Vec<Rev> {
        self.docs
            .get(id)
            .map(|s| {
                s.tree
                    .leaves()
                    .into_iter()
                    .map(|(r, _)| r.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Of `revs` of document `id`, those this device lacks.
    pub fn missing(&self, id: &str, revs: &[Rev]) -> Vec<Rev> {
        match self.docs.get(id) {
            Some(state) => state.tree.missing(revs),
            None => revs.to_vec(),
        }
    }

    /// A version of a document as sent to a server: its body, `_id`, `_rev`, `_revisions`
    /// and, for a deletion, `_deleted`.
    pub fn document(&self, id: &str, rev: &Rev) -> Option<Value> {
        let state = self.docs.get(id)?;
        if !state.tree.contains(rev) {
            return None;
        }
        let history = state.tree.history(rev);
        let mut body = state.bodies.get(rev).cloned().unwrap_or_default();
        let deleted = state.tree.leaves().iter().any(|(r, d)| *r == rev && *d);
        if deleted {
            body.insert("_deleted".into(), Value::Bool(true));
        }
        body.insert("_id".into(), Value::String(id.to_string()));
        body.insert("_rev".into(), Value::String(rev.to_string()));
        body.insert("_revisions".into(), document::revisions(&history));
        Some(Value::Object(body))
    }
}
