//! The book's ids: the largest one storage keeps exactly, and their hashing. The keys
//! are small numbers the book chose itself, so
//! there is nothing to defend against, and SipHash was a noticeable part of loading and
//! scoring a big book; one multiplication per id is enough.

use std::collections::HashMap;

/// The largest id a record may have: 2^53 − 1. Ids pass through JavaScript numbers
/// (IndexedDB keys, the page a record is stored in, backups read by other tools) and
/// only integers up to this one are exact there: above it two ids can become one key.
pub const MAX_ID: u64 = (1 << 53) - 1;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by ids (or id newtypes).
pub(crate) type IdHashMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
