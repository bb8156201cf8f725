//! A document's revision tree: every version a device has seen, each with its parent.
//! Leaves are the document's current versions; more than one live leaf is a conflict.

use super::rev::Rev;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// Versions of history kept per document, as CouchDB's default `revs_limit`: a longer
/// history sent by a server is cut to its newest part.
pub const REVS_LIMIT: usize = 1000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Node {
    parent: Option<Rev>,
    deleted: bool,
}

/// The revisions of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevTree {
    nodes: BTreeMap<Rev, Node>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TreeError {
    #[error("a revision comes with no history")]
    NoHistory,
    /// The history's generations do not count down one by one from the newest.
    #[error("a revision history whose generations do not follow each other")]
    BrokenHistory,
    /// An edit names a parent that is not a current version of the document.
    #[error("revision {0} is not a current version of the document")]
    NotALeaf(Rev),
}

impl RevTree {
    pub fn new() -> RevTree {
        RevTree::default()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev)
    }

    /// Adds a revision with its history, newest first (a CouchDB document's `_revisions`).
    /// Returns whether the revision was new here. Known revisions are left as they are.
    pub fn insert(&mut self, history: &[Rev], deleted: bool) -> Result<bool, TreeError> {
        let newest = history.first().ok_or(TreeError::NoHistory)?;
        let follows = history
            .iter()
            .enumerate()
            .all(|(i, rev)| newest.pos.checked_sub(i as u64) == Some(rev.pos) && rev.pos > 0);
        if !follows {
            return Err(TreeError::BrokenHistory);
        }
        if self.contains(newest) {
            return Ok(false);
        }
        let history = &history[..history.len().min(REVS_LIMIT)];
        for (i, rev) in history.iter().enumerate().rev() {
            let parent = history.get(i + 1).cloned();
            match self.nodes.get_mut(rev) {
                // A root this tree had cut from its history gets its parent back.
                Some(node) => {
                    if node.parent.is_none() {
                        node.parent = parent;
                    }
                }
                None => {
                    self.nodes.insert(
                        rev.clone(),
                        Node {
                            parent,
                            deleted: i == 0 && deleted,
                        },
                    );
                }
            }
        }
        Ok(true)
    }

    /// A new version of the document on this device, after `parent` (a current version;
    /// `None` for a document this device has never seen).
    pub fn edit(
        &mut self,
        parent: Option<&Rev>,
        deleted: bool,
        body: &str,
    ) -> Result<Rev, TreeError> {
        if let Some(parent) = parent {
            if !self.leaves().iter().any(|(leaf, _)| *leaf == parent) {
                return Err(TreeError::NotALeaf(parent.clone()));
            }
        }
        let rev = Rev::next(parent, deleted, body);
        let mut history = vec![rev.clone()];
        history.extend(parent.cloned());
        self.insert(&history, deleted)?;
        Ok(rev)
    }

    /// The revision and its ancestors this tree knows, newest first: what a document
    /// sent to the server carries as `_revisions`.
    pub fn history(&self, rev: &Rev) -> Vec<Rev> {
        self.history_within(rev, REVS_LIMIT)
    }

    /// The revision and at most `limit - 1` of its ancestors, newest first.
    pub fn history_within(&self, rev: &Rev, limit: usize) -> Vec<Rev> {
        let mut out = Vec::new();
        let mut at = self.nodes.get_key_value(rev);
        while let Some((rev, node)) = at {
            out.push(rev.clone());
            if out.len() >= limit {
                break;
            }
            at = node
                .parent
                .as_ref()
                .and_then(|p| self.nodes.get_key_value(p));
        }
        out
    }

    /// The version `rev` follows, when this tree knows it.
    pub fn parent(&self, rev: &Rev) -> Option<&Rev> {
        self.nodes.get(rev)?.parent.as_ref()
    }

    /// The current versions: revisions no other revision follows, with whether each is a
    /// deletion.
    pub fn leaves(&self) -> Vec<(&Rev, bool)> {
        let parents: BTreeSet<&Rev> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_ref())
            .collect();
        self.nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev))
            .map(|(rev, node)| (rev, node.deleted))
            .collect()
    }

    /// The version every device shows: a live one before a deletion, then the longest
    /// history, then the highest hash. With it, whether it is a deletion (then the
    /// document is deleted).
    pub fn winner(&self) -> Option<(&Rev, bool)> {
        self.leaves()
            .into_iter()
            .max_by(|(a, a_deleted), (b, b_deleted)| (!a_deleted, *a).cmp(&(!b_deleted, *b)))
    }

    /// The live versions that lost to the winner, highest first: a conflict to resolve.
    pub fn conflicts(&self) -> Vec<&Rev> {
        let winner = self.winner().map(|(rev, _)| rev);
        let mut out: Vec<&Rev> = self
            .leaves()
            .into_iter()
            .filter(|(rev, deleted)| !deleted && Some(*rev) != winner)
            .map(|(rev, _)| rev)
            .collect();
        out.sort_unstable_by(|a, b| b.cmp(a));
        out
    }

    /// Takes back `rev`, a current version this device made that the team database
    /// refused: its parent is a current version again. Returns whether it was one.
    pub fn withdraw(&mut self, rev: &Rev) -> bool {
        let leaf = self.leaves().iter().any(|(leaf, _)| *leaf == rev);
        leaf && self.nodes.remove(rev).is_some()
    }

    /// Every revision with its parent and whether it is a deletion: the tree as stored.
    pub fn nodes(&self) -> impl Iterator<Item = (&Rev, Option<&Rev>, bool)> {
        self.nodes
            .iter()
            .map(|(rev, node)| (rev, node.parent.as_ref(), node.deleted))
    }

    /// A tree as [`RevTree::nodes`] gave it.
    pub fn from_nodes(nodes: impl IntoIterator<Item = (Rev, Option<Rev>, bool)>) -> RevTree {
        RevTree {
            nodes: nodes
                .into_iter()
                .map(|(rev, parent, deleted)| (rev, Node { parent, deleted }))
                .collect(),
        }
    }

    /// Of `revs`, those this tree does not have (`_revs_diff`).
    pub fn missing(&self, revs: &[Rev]) -> Vec<Rev> {
        revs.iter().filter(|r| !self.contains(r)).cloned().collect()
    }
}
