//! The customer book in memory: every record, indexed by id, by customer and by staff.
//! Changes come only through [`crate::Command`]s, so the book is always valid.

mod as_of;
pub mod settings;
mod table;

pub use as_of::{chosen_day, AsOfError, Later};
pub use settings::TeamSettings;
pub use table::{Row, Table};

use crate::ids::Device;
use crate::money::Money;
use crate::records::*;
use crate::Date;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Book {
    pub(crate) customers: Table<Customer>,
    pub(crate) contacts: Table<Contact>,
    pub(crate) staff: Table<Staff>,
    pub(crate) relationships: Table<Relationship>,
    pub(crate) orders: Table<Order>,
    pub(crate) interactions: Table<Interaction>,
    pub(crate) complaints: Table<Complaint>,
    pub(crate) surveys: Table<Survey>,
    pub(crate) signals: Table<Signal>,
    pub(crate) key_dates: Table<KeyDate>,
    pub(crate) tasks: Table<Task>,
    pub(crate) handovers: Table<Handover>,
    pub(crate) instalments: Table<Instalment>,
    pub(crate) winback_cases: Table<WinbackCase>,
    pub(crate) announcements: Table<Announcement>,
    pub(crate) deferrals: Table<Deferral>,
    /// Ids are unique across all kinds and never reused, so an undo or a second tab
    /// can never mistake one record for another.
    pub(crate) next_id: u64,
    /// The team's settings, changed only by [`crate::Command::SetSettings`].
    pub(crate) settings: TeamSettings,
    /// The device this book is kept on, whose id space new records take their ids from.
    pub(crate) device: Device,
}

/// Why a book cannot move into a device's id space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// Records of that device are in the book already: moving would mix two books' ids.
    #[error("records of device {0} are in the book already")]
    SpaceInUse(u32),
}

/// Runs an expression with the table of a record kind bound to a name.
macro_rules! with_table {
    ($book:expr, $kind:expr, $t:ident => $body:expr) => {
        match $kind {
            RecordKind::Customer => {
                let $t = &$book.customers;
                $body
            }
            RecordKind::Contact => {
                let $t = &$book.contacts;
                $body
            }
            RecordKind::Staff => {
                let $t = &$book.staff;
                $body
            }
            RecordKind::Relationship => {
                let $t = &$book.relationships;
                $body
            }
            RecordKind::Order => {
                let $t = &$book.orders;
                $body
            }
            RecordKind::Interaction => {
                let $t = &$book.interactions;
                $body
            }
            RecordKind::Complaint => {
                let $t = &$book.complaints;
                $body
            }
            RecordKind::Survey => {
                let $t = &$book.surveys;
                $body
            }
            RecordKind::Signal => {
                let $t = &$book.signals;
                $body
            }
            RecordKind::KeyDate => {
                let $t = &$book.key_dates;
                $body
            }
            RecordKind::Task => {
                let $t = &$book.tasks;
                $body
            }
            RecordKind::Handover => {
                let $t = &$book.handovers;
                $body
            }
            RecordKind::Instalment => {
                let $t = &$book.instalments;
                $body
            }
            RecordKind::WinbackCase => {
                let $t = &$book.winback_cases;
                $body
            }
            RecordKind::Announcement => {
                let $t = &$book.announcements;
                $body
            }
            RecordKind::Deferral => {
                let $t = &$book.deferrals;
                $body
            }
        }
    };
}

impl Book {
    pub fn new() -> Book {
        Book {
            next_id: 1,
            ..Book::default()
        }
    }

    pub fn customers(&self) -> &Table<Customer> {
        &self.customers
    }
    pub fn contacts(&self) -> &Table<Contact> {
        &self.contacts
    }
    pub fn staff(&self) -> &Table<Staff> {
        &self.staff
    }
    pub fn relationships(&self) -> &Table<Relationship> {
        &self.relationships
    }
    pub fn orders(&self) -> &Table<Order> {
        &self.orders
    }
    pub fn interactions(&self) -> &Table<Interaction> {
        &self.interactions
    }
    pub fn complaints(&self) -> &Table<Complaint> {
        &self.complaints
    }
    pub fn surveys(&self) -> &Table<Survey> {
        &self.surveys
    }
    pub fn signals(&self) -> &Table<Signal> {
        &self.signals
    }
    pub fn key_dates(&self) -> &Table<KeyDate> {
        &self.key_dates
    }
    pub fn tasks(&self) -> &Table<Task> {
        &self.tasks
    }
    pub fn handovers(&self) -> &Table<Handover> {
        &self.handovers
    }
    pub fn instalments(&self) -> &Table<Instalment> {
        &self.instalments
    }
    pub fn winback_cases(&self) -> &Table<WinbackCase> {
        &self.winback_cases
    }
    pub fn announcements(&self) -> &Table<Announcement> {
        &self.announcements
    }

    pub fn deferrals(&self) -> &Table<Deferral> {
        &self.deferrals
    }

    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    pub fn settings(&self) -> &TeamSettings {
        &self.settings
    }

    /// The device this book gives out ids for.
    pub fn device(&self) -> Device {
        self.device
    }

    /// This book as kept on `device`: new records take ids from that device's space, and
    /// records of other devices (a team book) never move its counter.
    pub fn on_device(mut self, device: Device) -> Book {
        self.device = device;
        let stored = self.next_id.max(device.first_id());
        let top = self.largest_id_of(device).unwrap_or(0);
        self.next_id = stored.max(top.saturating_add(1));
        self
    }

    /// The largest id of `device`'s space a record of this book has.
    fn largest_id_of(&self, device: Device) -> Option<u64> {
        let (first, end) = (device.first_id(), device.last_id().saturating_add(1));
        RecordKind::ALL
            .iter()
            .filter_map(|kind| with_table!(self, *kind, t => t.range(first, end).next_back().map(Row::row_id)))
            .max()
    }

    /// Moves a book kept on one device into `device`'s id space, every reference with
    /// it: how a device's own book joins a team book without any id meeting another
    /// device's. Records already in another space (none, for a book never in a team)
    /// keep their ids.
    pub fn move_into(self, device: Device) -> Result<Book, MoveError> {
        if device == Device::LOCAL {
            return Ok(self);
        }
        if self.largest_id_of(device).is_some() {
            return Err(MoveError::SpaceInUse(device.number()));
        }
        let next_id = device.adopt(self.next_id);
        let mut records = Vec::new();
        for kind in RecordKind::ALL {
            records.extend(self.records(kind).into_iter().map(|mut record| {
                record.map_ids(&|id| device.adopt(id));
                record
            }));
        }
        Ok(Book::from_records(records, next_id)
            .with_settings(self.settings)
            .on_device(device))
    }

    /// This book with `settings`, for a load or restore that has checked them.
    pub fn with_settings(mut self, settings: TeamSettings) -> Book {
        self.settings = settings;
        self
    }

    pub fn is_empty(&self) -> bool {
        RecordKind::ALL.iter().all(|kind| self.count(*kind) == 0)
    }

    pub fn count(&self, kind: RecordKind) -> usize {
        with_table!(self, kind, t => t.len())
    }

    pub fn contains(&self, key: RecordKey) -> bool {
        with_table!(self, key.kind, t => t.contains(key.id))
    }

    pub fn get(&self, key: RecordKey) -> Option<Record> {
        with_table!(self, key.kind, t => t.get(key.id).cloned().map(Row::into_record))
    }

    /// Every record of a kind, in id order.
    pub fn records(&self, kind: RecordKind) -> Vec<Record> {
        with_table!(self, kind, t => t.iter().cloned().map(Row::into_record).collect())
    }

    /// The records of a kind with ids in `from..to`, in id order.
    pub fn records_in(&self, kind: RecordKind, from: u64, to: u64) -> Vec<Record> {
        with_table!(self, kind, t => t.range(from, to).cloned().map(Row::into_record).collect())
    }

    /// Every record that belongs to a customer, the customer first.
    pub fn customer_file(&self, customer: CustomerId) -> Vec<Record> {
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            if kind == RecordKind::Staff {
                continue;
            }
            with_table!(self, kind, t => out.extend(t.of_customer(customer).cloned().map(Row::into_record)));
        }
        out
    }

    /// A staff member's name, empty when there is no one (a pool customer) or the id is
    /// unknown: what every list and sentence shows in a staff column.
    /// A customer's name, or empty if the customer is gone.
    pub fn customer_name(&self, customer: CustomerId) -> String {
        self.customers
            .get(customer.0)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    pub fn staff_name(&self, staff: Option<StaffId>) -> String {
        staff
            .and_then(|s| self.staff.get(s.0))
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    /// The staff member who currently owns the customer; `None` means the customer is in the pool.
    pub fn owner_of(&self, customer: CustomerId) -> Option<StaffId> {
        self.live_relationships(customer)
            .find(|r| r.role == RelationshipRole::Owner)
            .map(|r| r.staff)
    }

    pub fn live_relationships(
        &self,
        customer: CustomerId,
    ) -> impl Iterator<Item = &Relationship> + '_ {
        self.relationships
            .of_customer(customer)
            .filter(|r| r.is_live() && r.role != RelationshipRole::Former)
    }

    /// Customers a staff member currently owns.
    pub fn owned_by(&self, staff: StaffId) -> impl Iterator<Item = &Customer> + '_ {
        self.relationships
            .of_staff(staff)
            .filter(|r| r.is_live() && r.role == RelationshipRole::Owner)
            .filter_map(|r| self.customers.get(r.customer.0))
    }

    /// Other customers with the same name, ignoring case and surrounding spaces.
    pub fn customers_named<'a>(
        &'a self,
        name: &str,
        except: Option<CustomerId>,
    ) -> impl Iterator<Item = &'a Customer> + 'a {
        let wanted = name.trim().to_lowercase();
        self.customers
            .iter()
            .filter(move |c| Some(c.id) != except && c.name.trim().to_lowercase() == wanted)
    }

    /// Revenue from a customer's orders dated in `[from, to]`.
    /// The customer's revenue over the last 12 months (see [`crate::period`]).
    pub fn revenue_12m(&self, customer: CustomerId, today: Date) -> Money {
        let period = crate::period::Period::last_12_months(today);
        self.orders
            .of_customer(customer)
            .filter(|o| period.contains(o.date))
            .map(|o| o.amount)
            .sum()
    }

    pub fn last_order(&self, customer: CustomerId) -> Option<Date> {
        self.orders.of_customer(customer).map(|o| o.date).max()
    }

    pub fn last_interaction(&self, customer: CustomerId) -> Option<Date> {
        self.interactions
            .of_customer(customer)
            .map(|i| i.date)
            .max()
    }

    pub(crate) fn insert(&mut self, record: Record) {
        match record {
            Record::Customer(r) => self.customers.insert(r),
            Record::Contact(r) => self.contacts.insert(r),
            Record::Staff(r) => self.staff.insert(r),
            Record::Relationship(r) => self.relationships.insert(r),
            Record::Order(r) => self.orders.insert(r),
            Record::Interaction(r) => self.interactions.insert(r),
            Record::Complaint(r) => self.complaints.insert(r),
            Record::Survey(r) => self.surveys.insert(r),
            Record::Signal(r) => self.signals.insert(r),
            Record::KeyDate(r) => self.key_dates.insert(r),
            Record::Task(r) => self.tasks.insert(r),
            Record::Handover(r) => self.handovers.insert(r),
            Record::Instalment(r) => self.instalments.insert(r),
            Record::WinbackCase(r) => self.winback_cases.insert(r),
            Record::Announcement(r) => self.announcements.insert(r),
            Record::Deferral(r) => self.deferrals.insert(r),
        }
    }

    pub(crate) fn remove(&mut self, key: RecordKey) {
        let id = key.id;
        match key.kind {
            RecordKind::Customer => drop(self.customers.remove(id)),
            RecordKind::Contact => drop(self.contacts.remove(id)),
            RecordKind::Staff => drop(self.staff.remove(id)),
            RecordKind::Relationship => drop(self.relationships.remove(id)),
            RecordKind::Order => drop(self.orders.remove(id)),
            RecordKind::Interaction => drop(self.interactions.remove(id)),
            RecordKind::Complaint => drop(self.complaints.remove(id)),
            RecordKind::Survey => drop(self.surveys.remove(id)),
            RecordKind::Signal => drop(self.signals.remove(id)),
            RecordKind::KeyDate => drop(self.key_dates.remove(id)),
            RecordKind::Task => drop(self.tasks.remove(id)),
            RecordKind::Handover => drop(self.handovers.remove(id)),
            RecordKind::Instalment => drop(self.instalments.remove(id)),
            RecordKind::WinbackCase => drop(self.winback_cases.remove(id)),
            RecordKind::Announcement => drop(self.announcements.remove(id)),
            RecordKind::Deferral => drop(self.deferrals.remove(id)),
        }
    }

    /// Builds a book from records already known to be valid (a load from disk or a
    /// checked backup). `next_id` is raised past every id present.
    pub fn from_records(records: impl IntoIterator<Item = Record>, next_id: u64) -> Book {
        let mut parts = Parts::default();
        for record in records {
            parts.push(record);
        }
        Book::from_parts(parts, next_id)
    }

    /// Like [`Book::from_records`], from records already grouped by kind, so a big
    /// snapshot never passes through one list of the (much larger) `Record` enum.
    pub(crate) fn from_parts(parts: Parts, next_id: u64) -> Book {
        // Only ids this device gave out move its counter (see `Book::on_device`).
        let max_id = parts
            .ids()
            .map(|(_, id)| id)
            .filter(|id| Device::LOCAL.owns(*id))
            .max()
            .unwrap_or(0);
        Book {
            customers: Table::from_rows(parts.customers),
            contacts: Table::from_rows(parts.contacts),
            staff: Table::from_rows(parts.staff),
            relationships: Table::from_rows(parts.relationships),
            orders: Table::from_rows(parts.orders),
            interactions: Table::from_rows(parts.interactions),
            complaints: Table::from_rows(parts.complaints),
            surveys: Table::from_rows(parts.surveys),
            signals: Table::from_rows(parts.signals),
            key_dates: Table::from_rows(parts.key_dates),
            tasks: Table::from_rows(parts.tasks),
            handovers: Table::from_rows(parts.handovers),
            instalments: Table::from_rows(parts.instalments),
            winback_cases: Table::from_rows(parts.winback_cases),
            announcements: Table::from_rows(parts.announcements),
            deferrals: Table::from_rows(parts.deferrals),
            next_id: next_id.max(max_id.saturating_add(1)),
            settings: TeamSettings::default(),
            device: Device::LOCAL,
        }
    }
}

/// Records grouped by kind: the shape of a snapshot's stores.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Parts {
    pub customers: Vec<Customer>,
    pub contacts: Vec<Contact>,
    pub staff: Vec<Staff>,
    pub relationships: Vec<Relationship>,
    pub orders: Vec<Order>,
    pub interactions: Vec<Interaction>,
    pub complaints: Vec<Complaint>,
    pub surveys: Vec<Survey>,
    pub signals: Vec<Signal>,
    pub key_dates: Vec<KeyDate>,
    pub tasks: Vec<Task>,
    pub handovers: Vec<Handover>,
    pub instalments: Vec<Instalment>,
    pub winback_cases: Vec<WinbackCase>,
    pub announcements: Vec<Announcement>,
    pub deferrals: Vec<Deferral>,
}

impl Parts {
    pub fn push(&mut self, record: Record) {
        match record {
            Record::Customer(r) => self.customers.push(r),
            Record::Contact(r) => self.contacts.push(r),
            Record::Staff(r) => self.staff.push(r),
            Record::Relationship(r) => self.relationships.push(r),
            Record::Order(r) => self.orders.push(r),
            Record::Interaction(r) => self.interactions.push(r),
            Record::Complaint(r) => self.complaints.push(r),
            Record::Survey(r) => self.surveys.push(r),
            Record::Signal(r) => self.signals.push(r),
            Record::KeyDate(r) => self.key_dates.push(r),
            Record::Task(r) => self.tasks.push(r),
            Record::Handover(r) => self.handovers.push(r),
            Record::Instalment(r) => self.instalments.push(r),
            Record::WinbackCase(r) => self.winback_cases.push(r),
            Record::Announcement(r) => self.announcements.push(r),
            Record::Deferral(r) => self.deferrals.push(r),
        }
    }

    /// Every record's kind and id, kind by kind in [`RecordKind::ALL`] order.
    pub fn ids(&self) -> impl Iterator<Item = (RecordKind, u64)> + '_ {
        fn of<T: Row>(rows: &[T]) -> impl Iterator<Item = (RecordKind, u64)> + '_ {
            rows.iter().map(|r| (T::KIND, r.row_id()))
        }
        of(&self.customers)
            .chain(of(&self.contacts))
            .chain(of(&self.staff))
            .chain(of(&self.relationships))
            .chain(of(&self.orders))
            .chain(of(&self.interactions))
            .chain(of(&self.complaints))
            .chain(of(&self.surveys))
            .chain(of(&self.signals))
            .chain(of(&self.key_dates))
            .chain(of(&self.tasks))
            .chain(of(&self.handovers))
            .chain(of(&self.instalments))
            .chain(of(&self.winback_cases))
            .chain(of(&self.announcements))
    }
}
