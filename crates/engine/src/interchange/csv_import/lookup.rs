//! The book's names and records, indexed once per import, so that each of half a million
//! rows finds its customer, staff member or earlier twin in constant time.

use super::fields::ImportKind;
use crate::book::Book;
use crate::money::Money;
use crate::records::{ContactId, CustomerId, InteractionKind, StaffId};
use crate::Date;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

/// What a name finds: nothing, one record, or several (which is a problem of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hit<T> {
    None,
    One(T),
    Many(usize),
}

/// Names compare as the book compares customer names: trimmed, ignoring case.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The same key, borrowed when the name has no capitals (every Chinese name), so a
/// lookup per row allocates nothing.
fn key_of(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if name.chars().any(char::is_uppercase) {
        Cow::Owned(name.to_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Hashes keys that are already fingerprints by one multiplication.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PrintHasher(u64);

impl Hasher for PrintHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type Prints<V> = HashMap<u64, V, BuildHasherDefault<PrintHasher>>;

/// A 64-bit fingerprint of a row's values. Half a million rows collide with odds of about
/// one in seventy million, cheaper than keeping every key.
pub(crate) fn fingerprint(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[derive(Clone, Copy, Debug)]
struct StaffEntry {
    hit: Hit<StaffId>,
    active: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    customers: HashMap<String, Hit<CustomerId>>,
    staff: HashMap<String, StaffEntry>,
    contacts: HashMap<(CustomerId, String), Hit<ContactId>>,
    /// Fingerprints of the book's orders or interactions, see [`order_print`], with
    /// how many records share each: two equal orders on one day are two purchases.
    records: Prints<usize>,
}

fn add<T: Copy>(hit: Option<Hit<T>>, id: T) -> Hit<T> {
    match hit {
        None | Some(Hit::None) => Hit::One(id),
        Some(Hit::One(_)) => Hit::Many(2),
        Some(Hit::Many(n)) => Hit::Many(n + 1),
    }
}

/// An order already in the book is the same customer, day and amount.
pub(crate) fn order_print(customer: CustomerId, date: Date, amount: Money) -> u64 {
    fingerprint((customer, date, amount))
}

/// An interaction already in the book is the same customer, day, kind and summary.
pub(crate) fn interaction_print(
    customer: CustomerId,
    date: Date,
    kind: InteractionKind,
    summary: &str,
) -> u64 {
    fingerprint((customer, date, kind, summary.trim()))
}

impl Index {
    /// Indexes only what an import of `kind` looks up.
    pub fn new(book: &Book, kind: ImportKind, today: Date) -> Index {
        let mut index = Index::default();
        if kind != ImportKind::Staff {
            for c in book.customers().iter() {
                let key = name_key(&c.name);
                let hit = index.customers.get(&key).copied();
                index.customers.insert(key, add(hit, c.id));
            }
        }
        if kind != ImportKind::Contacts {
            for s in book.staff().iter() {
                let key = name_key(&s.name);
                let before = index.staff.get(&key).copied();
                let entry = StaffEntry {
                    hit: add(before.map(|e| e.hit), s.id),
                    active: s.status.is_active_on(today) || before.is_some_and(|e| e.active),
                };
                index.staff.insert(key, entry);
            }
        }
        if matches!(kind, ImportKind::Contacts | ImportKind::Interactions) {
            for c in book.contacts().iter() {
                let key = (c.customer, name_key(&c.name));
                let hit = index.contacts.get(&key).copied();
                index.contacts.insert(key, add(hit, c.id));
            }
        }
        match kind {
            ImportKind::Orders => {
                for o in book.orders().iter() {
                    *index
                        .records
                        .entry(order_print(o.customer, o.date, o.amount))
                        .or_default() += 1;
                }
            }
            ImportKind::Interactions => {
                for i in book.interactions().iter() {
                    *index
                        .records
                        .entry(interaction_print(i.customer, i.date, i.kind, &i.summary))
                        .or_default() += 1;
                }
            }
            _ => {}
        }
        index
    }

    pub fn customer(&self, name: &str) -> Hit<CustomerId> {
        self.customers
            .get(key_of(name).as_ref())
            .copied()
            .unwrap_or(Hit::None)
    }

    /// The staff member of that name, and whether anyone of that name is active today.
    pub fn staff(&self, name: &str) -> (Hit<StaffId>, bool) {
        match self.staff.get(key_of(name).as_ref()) {
            Some(e) => (e.hit, e.active),
            None => (Hit::None, false),
        }
    }

    pub fn contact(&self, customer: CustomerId, name: &str) -> Hit<ContactId> {
        self.contacts
            .get(&(customer, name_key(name)))
            .copied()
            .unwrap_or(Hit::None)
    }

    /// Whether the book has a record with this fingerprint.
    pub fn has_record(&self, print: u64) -> bool {
        self.records.contains_key(&print)
    }

    /// How many of the book's records have this fingerprint.
    pub fn records_like(&self, print: u64) -> usize {
        self.records.get(&print).copied().unwrap_or(0)
    }
}
