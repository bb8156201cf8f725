//! A revision id, `generation-hash`: "3-5f2a…" is the third version of a document.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::fmt;
use thiserror::Error;

/// Longest hash a revision may carry; CouchDB's and PouchDB's are 32 hex digits.
pub const MAX_HASH: usize = 64;

/// One revision of a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rev {
    /// How many versions lead to this one, itself included (1 for a new document).
    pub pos: u64,
    /// Names this version among those of the same generation.
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RevError {
    #[error("a revision is generation-hash, as 3-5f2a: {0:?}")]
    Malformed(String),
}

impl Rev {
    /// Reads `3-5f2a…`: a generation from 1, and a hash of letters and digits.
    pub fn parse(text: &str) -> Result<Rev, RevError> {
        let bad = || RevError::Malformed(text.chars().take(80).collect());
        let (pos, hash) = text.split_once('-').ok_or_else(bad)?;
        let pos: u64 = pos.parse().map_err(|_| bad())?;
        let valid_hash = !hash.is_empty()
            && hash.len() <= MAX_HASH
            && hash.bytes().all(|b| b.is_ascii_alphanumeric());
        if pos == 0 || pos > u64::from(u32::MAX) || !valid_hash || text.starts_with('+') {
            return Err(bad());
        }
        Ok(Rev {
            pos,
            hash: hash.to_string(),
        })
    }

    /// The revision an edit of `parent` (or a new document) makes: the next generation,
    /// hashed from the parent, the deletion and the body, so two devices making the
    /// same edit make the same revision, as CouchDB does.
    pub fn next(parent: Option<&Rev>, deleted: bool, body: &str) -> Rev {
        let mut hasher = Sha256::new();
        if let Some(parent) = parent {
            hasher.update(parent.to_string().as_bytes());
        }
        hasher.update([u8::from(deleted)]);
        hasher.update(body.as_bytes());
        let digest = hasher.finalize();
        let hash = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Rev {
            pos: parent.map_or(1, |p| p.pos + 1),
            hash,
        }
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

/// Generation first, as a number (10 comes after 9), then the hash in ASCII order: the
/// order in which the longer history, then the higher hash, wins.
impl Ord for Rev {
    fn cmp(&self, other: &Self) -> Ordering {
        self.pos
            .cmp(&other.pos)
            .then_with(|| self.hash.as_bytes().cmp(other.hash.as_bytes()))
    }
}

impl PartialOrd for Rev {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rev::parse(&text).map_err(serde::de::Error::custom)
    }
}
