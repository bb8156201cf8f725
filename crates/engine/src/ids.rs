//! The book's ids: the largest one storage keeps exactly, and their hashing. The keys
//! are small numbers the book chose itself, so
//! there is nothing to defend against, and SipHash was a noticeable part of loading and
//! scoring a big book; one multiplication per id is enough.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest id a record may have: 2^53 − 1. Ids pass through JavaScript numbers
/// (IndexedDB keys, the page a record is stored in, backups read by other tools) and
/// only integers up to this one are exact there: above it two ids can become one key.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// Bits of an id counted by one device: an id is `device << 32 | counter`, so devices of
/// one team never give out the same id, and every id stays at or below [`MAX_ID`].
pub const COUNTER_BITS: u32 = 32;
/// The largest device number: 2^21 − 1.
pub const MAX_DEVICE: u32 = (1 << (53 - COUNTER_BITS)) - 1;

/// Which device gives out an id. A book kept on one device, as every book was before
/// team sync, is [`Device::LOCAL`]: its ids are all below 2^32 and stay valid as they are.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Device(u32);

impl Device {
    /// The device of a book that has never joined a team.
    pub const LOCAL: Device = Device(0);

    /// Device `number`, if ids of it fit below [`MAX_ID`].
    pub fn new(number: u32) -> Option<Device> {
        (number <= MAX_DEVICE).then_some(Device(number))
    }

    pub fn number(self) -> u32 {
        self.0
    }

    /// The device whose space `id` is in.
    pub fn of(id: u64) -> Device {
        Device(u32::try_from(id >> COUNTER_BITS).unwrap_or(u32::MAX))
    }

    /// The first id this device gives out (id 0 is never one).
    pub fn first_id(self) -> u64 {
        (u64::from(self.0) << COUNTER_BITS).max(1)
    }

    /// The last id this device may give out.
    pub fn last_id(self) -> u64 {
        ((u64::from(self.0) + 1) << COUNTER_BITS) - 1
    }

    pub fn owns(self, id: u64) -> bool {
        (self.first_id()..=self.last_id()).contains(&id)
    }

    /// `id` of the local space moved into this device's: same counter, this device.
    pub fn adopt(self, id: u64) -> u64 {
        if Device::LOCAL.owns(id) {
            (u64::from(self.0) << COUNTER_BITS) | id
        } else {
            id
        }
    }
}
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
