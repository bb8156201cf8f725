use crate::records::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the book needs to know of a record to keep it indexed.
pub trait Row: Clone {
    const KIND: RecordKind;
    fn row_id(&self) -> u64;
    fn row_customer(&self) -> Option<CustomerId>;
    fn row_staff(&self) -> Option<StaffId>;
    fn into_record(self) -> Record;
    fn from_record(record: &Record) -> Option<&Self>;
    fn row_key(&self) -> RecordKey {
        RecordKey {
            kind: Self::KIND,
            id: self.row_id(),
        }
    }
}

macro_rules! row {
    ($ty:ident, customer: |$c:ident| $cust:expr, staff: |$s:ident| $staff:expr) => {
        impl Row for $ty {
            const KIND: RecordKind = RecordKind::$ty;
            fn row_id(&self) -> u64 {
                self.id.0
            }
            fn row_customer(&self) -> Option<CustomerId> {
                let $c = self;
                $cust
            }
            fn row_staff(&self) -> Option<StaffId> {
                let $s = self;
                $staff
            }
            fn into_record(self) -> Record {
                Record::$ty(self)
            }
            fn from_record(record: &Record) -> Option<&Self> {
                match record {
                    Record::$ty(r) => Some(r),
                    _ => None,
                }
            }
        }
    };
}

row!(Customer, customer: |r| Some(r.id), staff: |_r| None);
row!(Contact, customer: |r| Some(r.customer), staff: |_r| None);
row!(Staff, customer: |_r| None, staff: |r| Some(r.id));
row!(Relationship, customer: |r| Some(r.customer), staff: |r| Some(r.staff));
row!(Order, customer: |r| Some(r.customer), staff: |r| r.staff);
row!(Interaction, customer: |r| Some(r.customer), staff: |r| r.staff);
row!(Complaint, customer: |r| Some(r.customer), staff: |_r| None);
row!(Survey, customer: |r| Some(r.customer), staff: |_r| None);
row!(Signal, customer: |r| Some(r.customer), staff: |_r| None);
row!(KeyDate, customer: |r| Some(r.customer), staff: |_r| None);

/// All records of one kind, by id, with indexes by customer and by staff member.
#[derive(Clone, Debug)]
pub struct Table<T: Row> {
    rows: BTreeMap<u64, T>,
    by_customer: HashMap<CustomerId, BTreeSet<u64>>,
    by_staff: HashMap<StaffId, BTreeSet<u64>>,
}

impl<T: Row> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: BTreeMap::new(),
            by_customer: HashMap::new(),
            by_staff: HashMap::new(),
        }
    }
}

impl<T: Row + PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        self.rows == other.rows
    }
}

impl<T: Row> Table<T> {
    pub fn get(&self, id: u64) -> Option<&T> {
        self.rows.get(&id)
    }

    pub fn contains(&self, id: u64) -> bool {
        self.rows.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// In id order, which is creation order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.rows.values()
    }

    pub fn of_customer(&self, customer: CustomerId) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.by_customer
            .get(&customer)
            .into_iter()
            .flatten()
            .filter_map(|id| self.rows.get(id))
    }

    pub fn count_of_customer(&self, customer: CustomerId) -> usize {
        self.by_customer.get(&customer).map_or(0, BTreeSet::len)
    }

    pub fn of_staff(&self, staff: StaffId) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.by_staff
            .get(&staff)
            .into_iter()
            .flatten()
            .filter_map(|id| self.rows.get(id))
    }

    pub fn count_of_staff(&self, staff: StaffId) -> usize {
        self.by_staff.get(&staff).map_or(0, BTreeSet::len)
    }

    pub(crate) fn insert(&mut self, row: T) {
        let id = row.row_id();
        self.remove(id);
        if let Some(customer) = row.row_customer() {
            self.by_customer.entry(customer).or_default().insert(id);
        }
        if let Some(staff) = row.row_staff() {
            self.by_staff.entry(staff).or_default().insert(id);
        }
        self.rows.insert(id, row);
    }

    pub(crate) fn remove(&mut self, id: u64) -> Option<T> {
        let row = self.rows.remove(&id)?;
        if let Some(customer) = row.row_customer() {
            unindex(&mut self.by_customer, customer, id);
        }
        if let Some(staff) = row.row_staff() {
            unindex(&mut self.by_staff, staff, id);
        }
        Some(row)
    }
}

fn unindex<K: std::hash::Hash + Eq>(index: &mut HashMap<K, BTreeSet<u64>>, key: K, id: u64) {
    if let Some(ids) = index.get_mut(&key) {
        ids.remove(&id);
        if ids.is_empty() {
            index.remove(&key);
        }
    }
}
