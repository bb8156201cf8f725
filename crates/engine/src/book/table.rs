use crate::records::*;
use std::collections::BTreeMap;

type IdMap<K> = crate::ids::IdHashMap<K, Vec<u64>>;

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
row!(Task, customer: |r| r.customer, staff: |r| r.staff);
row!(Handover, customer: |r| Some(r.customer), staff: |r| Some(r.to));
row!(Instalment, customer: |r| Some(r.customer), staff: |_r| None);
row!(WinbackCase, customer: |r| Some(r.customer), staff: |r| r.owner);
row!(Announcement, customer: |_r| None, staff: |_r| None);
row!(Deferral, customer: |r| Some(r.customer), staff: |_r| None);

/// All records of one kind, by id, with indexes by customer and by staff member.
/// Each index entry is a sorted list of ids: new ids are the largest, so adding is a
/// push, and one customer's records are few enough that removing is a short move.
#[derive(Clone, Debug)]
pub struct Table<T: Row> {
    rows: BTreeMap<u64, T>,
    by_customer: IdMap<CustomerId>,
    by_staff: IdMap<StaffId>,
}

impl<T: Row> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: BTreeMap::new(),
            by_customer: IdMap::default(),
            by_staff: IdMap::default(),
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

    /// Records with ids in `from..to`, in id order.
    pub fn range(&self, from: u64, to: u64) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.rows.range(from..to).map(|(_, row)| row)
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
        self.by_customer.get(&customer).map_or(0, Vec::len)
    }

    pub fn of_staff(&self, staff: StaffId) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.by_staff
            .get(&staff)
            .into_iter()
            .flatten()
            .filter_map(|id| self.rows.get(id))
    }

    pub fn count_of_staff(&self, staff: StaffId) -> usize {
        self.by_staff.get(&staff).map_or(0, Vec::len)
    }

    /// The smallest id among rows whose customer or staff member fails `exists`: each
    /// distinct customer and staff member is looked at once, not once per row.
    pub(crate) fn first_with_missing(
        &self,
        customer_exists: impl Fn(CustomerId) -> bool,
        staff_exists: impl Fn(StaffId) -> bool,
    ) -> Option<u64> {
        let by_customer = self
            .by_customer
            .iter()
            .filter(|(c, _)| !customer_exists(**c))
            .filter_map(|(_, ids)| ids.first().copied());
        let by_staff = self
            .by_staff
            .iter()
            .filter(|(s, _)| !staff_exists(**s))
            .filter_map(|(_, ids)| ids.first().copied());
        by_customer.chain(by_staff).min()
    }

    /// Builds a table in one go: sorting once and building each map from sorted input is
    /// several times faster than inserting rows one by one, which matters when a big
    /// book is loaded. Of rows with the same id, the last wins, as with [`Table::insert`].
    pub(crate) fn from_rows(mut rows: Vec<T>) -> Table<T> {
        rows.sort_by_key(Row::row_id);
        if rows.windows(2).any(|w| w[0].row_id() == w[1].row_id()) {
            let mut kept: Vec<T> = Vec::with_capacity(rows.len());
            for row in rows {
                if kept
                    .last()
                    .is_some_and(|last| last.row_id() == row.row_id())
                {
                    kept.pop();
                }
                kept.push(row);
            }
            rows = kept;
        }
        let mut by_customer = IdMap::<CustomerId>::default();
        let mut by_staff = IdMap::<StaffId>::default();
        for row in &rows {
            if let Some(customer) = row.row_customer() {
                by_customer.entry(customer).or_default().push(row.row_id());
            }
            if let Some(staff) = row.row_staff() {
                by_staff.entry(staff).or_default().push(row.row_id());
            }
        }
        Table {
            rows: rows.into_iter().map(|r| (r.row_id(), r)).collect(),
            by_customer,
            by_staff,
        }
    }

    pub(crate) fn insert(&mut self, row: T) {
        let id = row.row_id();
        self.remove(id);
        if let Some(customer) = row.row_customer() {
            index(self.by_customer.entry(customer).or_default(), id);
        }
        if let Some(staff) = row.row_staff() {
            index(self.by_staff.entry(staff).or_default(), id);
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

fn index(ids: &mut Vec<u64>, id: u64) {
    match ids.last() {
        Some(last) if *last >= id => {
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
        }
        _ => ids.push(id),
    }
}

fn unindex<K: std::hash::Hash + Eq>(index: &mut IdMap<K>, key: K, id: u64) {
    if let Some(ids) = index.get_mut(&key) {
        if let Ok(at) = ids.binary_search(&id) {
            ids.remove(at);
        }
        if ids.is_empty() {
            index.remove(&key);
        }
    }
}
