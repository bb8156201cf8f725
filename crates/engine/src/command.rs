//! Every change a user can make, as data. [`Book::plan`] validates a command against the
//! book and returns the exact records to write; storage persists that [`Change`] and only
//! then [`Book::commit`]s it, so a failed write never leaves memory and disk apart.

use crate::book::{Book, Row, Table, TeamSettings};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::records::*;
use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

mod customers;
mod edit;
mod file;
mod import;
mod payments;
mod references;
mod team;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Adds a record; its id is ignored and a fresh one allocated.
    Create { record: Record },
    /// Replaces an existing record of the same kind and id.
    Update { record: Record },
    /// Removes a record; removing a customer removes its whole file.
    Delete { key: RecordKey },
    /// Makes `staff` the customer's owner from `on` (or returns the customer to the pool
    /// with `None`), ending the previous owner's relationship that day.
    AssignOwner {
        customer: CustomerId,
        staff: Option<StaffId>,
        on: Date,
    },
    /// Adds a customer (its id is ignored) with its owner from today, as one change.
    CreateCustomer {
        customer: Customer,
        owner: Option<StaffId>,
    },
    /// Saves a customer's edited fields and, if it changed, its owner from today.
    EditCustomer {
        customer: Customer,
        owner: Option<StaffId>,
    },
    /// A record edited in a form, with the record as the form showed it (`base`): if it
    /// changed since, the user's changes are merged onto it or, where both changed the
    /// same field, refused as stale.
    Edit {
        base: Box<Record>,
        edited: Box<Record>,
    },
    /// Sets a staff member's status: leaving on a date, gone, or active again.
    SetStaffStatus { staff: StaffId, status: StaffStatus },
    /// Puts a suggested action on the agenda of the customer's owner, due as it says.
    AddTask {
        customer: CustomerId,
        action: crate::register::NextAction,
    },
    /// A colleague (not the owner) leaves the customer's team on `on`.
    EndRelationship {
        relationship: RelationshipId,
        on: Date,
    },
    /// Takes a complaint to its next step on `on`.
    AdvanceComplaint { complaint: ComplaintId, on: Date },
    /// Marks customers told of an announcement on `on`, or (`told` false) not told.
    MarkTold {
        announcement: AnnouncementId,
        customers: Vec<CustomerId>,
        told: bool,
        on: Date,
    },
    /// An import's rows as one change: `records` created, each customer of `owners`
    /// (an index into `records`) given its owner from today, and `updates` written.
    Import {
        records: Vec<Record>,
        owners: Vec<crate::interchange::csv_import::OwnerAssignment>,
        /// Contacts of customer rows, each for the customer at its index in `records`.
        #[serde(default)]
        contacts: Vec<crate::interchange::csv_import::ContactAssignment>,
        updates: Vec<Record>,
    },
    /// Plans one instalment of a customer's payment plan (回款计划).
    PlanInstalment {
        customer: CustomerId,
        due: Date,
        amount: crate::money::Money,
    },
    /// Records money received against an instalment on `on`: positive, never more than
    /// is still owed, never on a void instalment.
    RecordPayment {
        instalment: InstalmentId,
        amount: crate::money::Money,
        on: Date,
    },
    /// Voids an instalment that is no longer expected (not one paid in full).
    VoidInstalment { instalment: InstalmentId },
    /// Replaces the team's settings, checked whole (see [`TeamSettings::check`]).
    SetSettings { settings: Box<TeamSettings> },
    /// Puts back what an earlier change replaced or removed (undo).
    Revert { change: Change },
    /// Several commands as one change, written in one transaction and undone as one:
    /// an import, or a rotation plan (new owners and their handover checklists). Each
    /// part is planned against the book as it is, so parts must not depend on each
    /// other (no part may touch a record another part creates or changes).
    Batch { commands: Vec<Command> },
}

/// The exact effect of one command: records to write and keys to delete, plus what they
/// replaced so the change can be undone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub puts: Vec<Record>,
    pub deletes: Vec<RecordKey>,
    /// The records as they were before, for every put that replaced one and every delete.
    pub before: Vec<Record>,
    pub next_id: u64,
    /// The record a `Create` made, so the UI can open it.
    pub created: Option<RecordKey>,
    /// The team settings before and after, when the change sets them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Box<SettingsChange>>,
}

/// The team settings a change replaces, and what it replaces them with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsChange {
    pub before: TeamSettings,
    pub after: TeamSettings,
}

impl Change {
    /// The next free id, never above [`crate::ids::MAX_ID`]: ids never wrap or repeat.
    fn allocate(&mut self) -> BookResult<u64> {
        let id = self.next_id.max(1);
        if id > crate::ids::MAX_ID {
            return Err(BookError::IdsExhausted);
        }
        self.next_id = id + 1;
        Ok(id)
    }

    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty() && self.settings.is_none()
    }
}

impl Book {
    /// Validates and applies in one step, for callers that persist nothing (tests, tools).
    pub fn apply(&mut self, command: &Command, today: Date) -> BookResult<Change> {
        let change = self.plan(command, today)?;
        self.commit(&change);
        Ok(change)
    }

    /// Applies a change that `plan` produced for this book. Cannot fail.
    pub fn commit(&mut self, change: &Change) {
        for key in &change.deletes {
            self.remove(*key);
        }
        for record in &change.puts {
            self.insert(record.clone());
        }
        self.next_id = self.next_id.max(change.next_id);
        if let Some(settings) = &change.settings {
            self.settings = settings.after.clone();
        }
    }

    /// Works out what a command would change, or why it cannot be done. Changes nothing.
    pub fn plan(&self, command: &Command, today: Date) -> BookResult<Change> {
        let change = match command {
            Command::Batch { commands } => self.plan_batch(commands, today)?,
            single => self.plan_one(single, today, self.next_id)?,
        };
        // Ids are given out from this device's own space only, so devices of one team
        // never give out the same id.
        if change.next_id > self.next_id && change.next_id > self.device.last_id().saturating_add(1)
        {
            return Err(BookError::IdsExhausted);
        }
        Ok(change)
    }

    /// Writes `record` over `before` (its current self): the same customer, valid, its
    /// references whole. Every command that replaces a record goes through here.
    fn plan_replace(
        &self,
        before: Record,
        record: Record,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        if before.customer() != record.customer() {
            return Err(BookError::invalid(Field::Customer, Problem::Invalid));
        }
        record.validate(today)?;
        self.check_references(&record)?;
        change.before.push(before);
        change.puts.push(record);
        Ok(())
    }

    fn plan_batch(&self, commands: &[Command], today: Date) -> BookResult<Change> {
        let mut merged = Change {
            next_id: self.next_id,
            ..Change::default()
        };
        let mut touched: HashSet<RecordKey> = HashSet::new();
        for command in commands {
            if matches!(command, Command::Batch { .. } | Command::Revert { .. }) {
                return Err(BookError::invalid(Field::Record, Problem::Invalid));
            }
            let part = self.plan_one(command, today, merged.next_id)?;
            for key in part
                .puts
                .iter()
                .map(Record::key)
                .chain(part.deletes.iter().copied())
            {
                if !touched.insert(key) {
                    return Err(BookError::invalid(Field::Record, Problem::Duplicate));
                }
            }
            merged.next_id = part.next_id;
            merged.puts.extend(part.puts);
            merged.deletes.extend(part.deletes);
            merged.before.extend(part.before);
            merged.created = merged.created.or(part.created);
            if part.settings.is_some() {
                if merged.settings.is_some() {
                    return Err(BookError::invalid(Field::Record, Problem::Duplicate));
                }
                merged.settings = part.settings;
            }
        }
        self.check_change(&merged)?;
        Ok(merged)
    }

    fn plan_one(&self, command: &Command, today: Date, next_id: u64) -> BookResult<Change> {
        let mut change = Change {
            next_id,
            ..Change::default()
        };
        match command {
            Command::Create { record } => {
                let mut record = record.clone();
                record.set_id(change.allocate()?);
                record.validate(today)?;
                self.check_references(&record)?;
                if let Record::Relationship(r) = &record {
                    if r.is_live() && r.role == RelationshipRole::Owner {
                        self.check_staff_can_own(r.staff, r.since.max(today))?;
                    }
                }
                change.created = Some(record.key());
                change.puts.push(record);
            }
            Command::Update { record } => {
                let before = self.get(record.key()).ok_or(BookError::NotFound {
                    kind: record.kind(),
                    id: record.id(),
                })?;
                self.plan_replace(before, record.clone(), today, &mut change)?;
            }
            Command::Delete { key } => self.plan_delete(*key, &mut change)?,
            Command::AssignOwner {
                customer,
                staff,
                on,
            } => self.plan_assign_owner(*customer, *staff, *on, today, &mut change)?,
            Command::CreateCustomer { customer, owner } => {
                self.plan_create_customer(customer, *owner, today, &mut change)?;
            }
            Command::EditCustomer { customer, owner } => {
                self.plan_edit_customer(customer, *owner, today, &mut change)?;
            }
            Command::Edit { base, edited } => self.plan_edit(base, edited, today, &mut change)?,
            Command::SetStaffStatus { staff, status } => {
                self.plan_staff_status(*staff, *status, today, &mut change)?;
            }
            Command::AddTask { customer, action } => {
                self.plan_add_task(*customer, *action, today, &mut change)?;
            }
            Command::EndRelationship { relationship, on } => {
                self.plan_end_relationship(*relationship, *on, today, &mut change)?;
            }
            Command::AdvanceComplaint { complaint, on } => {
                self.plan_advance_complaint(*complaint, *on, today, &mut change)?;
            }
            Command::MarkTold {
                announcement,
                customers,
                told,
                on,
            } => self.plan_mark_told(*announcement, customers, *told, *on, today, &mut change)?,
            Command::Import {
                records,
                owners,
                contacts,
                updates,
            } => self.plan_import(records, owners, contacts, updates, today, &mut change)?,
            Command::PlanInstalment {
                customer,
                due,
                amount,
            } => self.plan_instalment(*customer, *due, *amount, today, &mut change)?,
            Command::RecordPayment {
                instalment,
                amount,
                on,
            } => self.plan_payment(*instalment, *amount, *on, today, &mut change)?,
            Command::VoidInstalment { instalment } => {
                self.plan_void_instalment(*instalment, &mut change)?;
            }
            Command::SetSettings { settings } => self.plan_settings(settings, &mut change)?,
            Command::Revert { change: earlier } => self.plan_revert(earlier, &mut change)?,
            Command::Batch { commands } => return self.plan_batch(commands, today),
        }
        Ok(change)
    }

    fn plan_delete(&self, key: RecordKey, change: &mut Change) -> BookResult<()> {
        let record = self.get(key).ok_or(BookError::NotFound {
            kind: key.kind,
            id: key.id,
        })?;
        match key.kind {
            RecordKind::Customer => {
                for record in self.customer_file(CustomerId(key.id)) {
                    change.deletes.push(record.key());
                    change.before.push(record);
                }
                return Ok(());
            }
            RecordKind::Staff | RecordKind::Order => {
                let uses = self.users_of(key).len();
                if uses > 0 {
                    return Err(BookError::InUse { count: uses });
                }
            }
            // What names the contact loses the link; a key date (a birthday) goes with it.
            RecordKind::Contact => {
                for user in self.users_of(key) {
                    let Some(before) = self.get(user) else {
                        continue;
                    };
                    let detached = match before.clone() {
                        Record::Interaction(mut i) => {
                            i.contact = None;
                            Some(Record::Interaction(i))
                        }
                        Record::Contact(mut c) => {
                            c.reports_to = None;
                            Some(Record::Contact(c))
                        }
                        _ => None,
                    };
                    match detached {
                        Some(record) => change.puts.push(record),
                        None => change.deletes.push(user),
                    }
                    change.before.push(before);
                }
            }
            _ => {}
        }
        change.deletes.push(key);
        change.before.push(record);
        Ok(())
    }

    fn plan_assign_owner(
        &self,
        customer: CustomerId,
        staff: Option<StaffId>,
        on: Date,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        if !self.customers.contains(customer.0) {
            return Err(BookError::invalid(
                Field::Customer,
                Problem::Unknown {
                    kind: RecordKind::Customer,
                    id: customer.0,
                },
            ));
        }
        check_not_future(Field::Date, on, today)?;
        if let Some(staff) = staff {
            self.check_staff_can_own(staff, on)?;
        }
        let current: Vec<&Relationship> = self
            .live_relationships(customer)
            .filter(|r| r.role == RelationshipRole::Owner)
            .collect();
        if current.iter().any(|r| Some(r.staff) == staff) {
            return Ok(());
        }
        for owner in current {
            if on < owner.since {
                return Err(BookError::invalid(
                    Field::Date,
                    Problem::BeforeDate {
                        other: Field::Since,
                    },
                ));
            }
            let mut ended = owner.clone();
            ended.until = Some(on);
            change.before.push(Record::Relationship(owner.clone()));
            change.puts.push(Record::Relationship(ended));
        }
        if let Some(staff) = staff {
            let relationship = Relationship {
                id: RelationshipId(change.allocate()?),
                customer,
                staff,
                role: RelationshipRole::Owner,
                since: on,
                ..Relationship::default()
            };
            relationship.validate(today)?;
            change.puts.push(Record::Relationship(relationship));
        }
        Ok(())
    }

    fn plan_revert(&self, earlier: &Change, change: &mut Change) -> BookResult<()> {
        let restored: HashSet<RecordKey> = earlier.before.iter().map(Record::key).collect();
        for record in &earlier.puts {
            let key = record.key();
            if !restored.contains(&key) {
                if let Some(current) = self.get(key) {
                    change.before.push(current);
                    change.deletes.push(key);
                }
            }
        }
        for record in &earlier.before {
            if let Some(current) = self.get(record.key()) {
                change.before.push(current);
            }
            change.puts.push(record.clone());
        }
        if let Some(settings) = &earlier.settings {
            change.settings = Some(Box::new(SettingsChange {
                before: self.settings.clone(),
                after: settings.before.clone(),
            }));
        }
        if change.is_empty() {
            return Err(BookError::Conflict("nothing to undo".into()));
        }
        self.check_change(change)
    }

    /// New team settings, refused whole unless the engine can compute with them.
    fn plan_settings(&self, settings: &TeamSettings, change: &mut Change) -> BookResult<()> {
        settings.check().map_err(BookError::Settings)?;
        change.settings = Some(Box::new(SettingsChange {
            before: self.settings.clone(),
            after: settings.clone(),
        }));
        Ok(())
    }

    fn check_staff_can_own(&self, staff: StaffId, on: Date) -> BookResult<()> {
        let member = self
            .staff
            .get(staff.0)
            .ok_or_else(|| unknown(Field::Staff, RecordKind::Staff, staff.0))?;
        if !member.status.is_active_on(on) {
            return Err(BookError::invalid(Field::Staff, Problem::Invalid));
        }
        Ok(())
    }

    fn require_customer(&self, customer: CustomerId) -> BookResult<()> {
        if self.customers.contains(customer.0) {
            Ok(())
        } else {
            Err(unknown(Field::Customer, RecordKind::Customer, customer.0))
        }
    }

    fn require_staff(&self, staff: Option<StaffId>) -> BookResult<()> {
        match staff {
            Some(s) if !self.staff.contains(s.0) => {
                Err(unknown(Field::Staff, RecordKind::Staff, s.0))
            }
            _ => Ok(()),
        }
    }

    fn require_contact_of(
        &self,
        contact: Option<ContactId>,
        customer: CustomerId,
    ) -> BookResult<()> {
        match contact {
            Some(c) if self.contacts.get(c.0).map(|x| x.customer) != Some(customer) => {
                Err(unknown(Field::Contact, RecordKind::Contact, c.0))
            }
            _ => Ok(()),
        }
    }

    /// Checks what one record says about others: they exist and fit together.
    pub(crate) fn check_references(&self, record: &Record) -> BookResult<()> {
        match record {
            Record::Customer(_) | Record::Staff(_) => Ok(()),
            Record::Contact(r) => self.contact_references(r),
            Record::Relationship(r) => self.relationship_references(r),
            Record::Order(r) => self.order_references(r),
            Record::Interaction(r) => self.interaction_references(r),
            Record::Complaint(r) => self.require_customer(r.customer),
            Record::Survey(r) => self.require_customer(r.customer),
            Record::Signal(r) => self.require_customer(r.customer),
            Record::KeyDate(r) => self.key_date_references(r),
            Record::Task(r) => self.task_references(r),
            Record::Handover(r) => self.handover_references(r),
            Record::WinbackCase(r) => self.winback_references(r),
            Record::Instalment(r) => self.instalment_references(r),
            Record::Announcement(r) => r
                .told
                .iter()
                .try_for_each(|t| self.require_customer(t.customer)),
            Record::Deferral(r) => self.require_customer(r.customer),
        }
    }

    fn order_references(&self, o: &Order) -> BookResult<()> {
        self.require_customer(o.customer)?;
        self.require_staff(o.staff)
    }

    fn interaction_references(&self, i: &Interaction) -> BookResult<()> {
        self.require_customer(i.customer)?;
        self.require_staff(i.staff)?;
        self.require_contact_of(i.contact, i.customer)
    }

    fn key_date_references(&self, k: &KeyDate) -> BookResult<()> {
        self.require_customer(k.customer)?;
        self.require_contact_of(k.contact, k.customer)
    }

    fn task_references(&self, t: &Task) -> BookResult<()> {
        if let Some(customer) = t.customer {
            self.require_customer(customer)?;
        }
        self.require_staff(t.staff)
    }

    /// The one a contact reports to works at the same customer, and following the line
    /// upwards never comes back to the contact.
    fn contact_references(&self, c: &Contact) -> BookResult<()> {
        self.require_customer(c.customer)?;
        let mut boss = c.reports_to;
        let mut steps = 0;
        while let Some(b) = boss {
            let Some(found) = self.contacts.get(b.0).filter(|x| x.customer == c.customer) else {
                return Err(unknown(Field::ReportsTo, RecordKind::Contact, b.0));
            };
            steps += 1;
            if b == c.id || steps > 64 {
                return Err(BookError::invalid(Field::ReportsTo, Problem::Invalid));
            }
            boss = found.reports_to;
        }
        Ok(())
    }

    fn instalment_references(&self, i: &Instalment) -> BookResult<()> {
        self.require_customer(i.customer)?;
        match i.order {
            Some(o) if self.orders.get(o.0).map(|x| x.customer) != Some(i.customer) => {
                Err(BookError::invalid(
                    Field::Order,
                    Problem::Unknown {
                        kind: RecordKind::Order,
                        id: o.0,
                    },
                ))
            }
            _ => Ok(()),
        }
    }

    fn winback_references(&self, w: &WinbackCase) -> BookResult<()> {
        self.require_customer(w.customer)?;
        self.require_staff(w.owner)?;
        w.actions
            .iter()
            .try_for_each(|a| self.require_staff(a.staff))
    }

    fn handover_references(&self, h: &Handover) -> BookResult<()> {
        self.require_customer(h.customer)?;
        self.require_staff(Some(h.to))?;
        self.require_staff(h.from)?;
        h.steps.iter().try_for_each(|s| self.require_staff(s.staff))
    }

    fn relationship_references(&self, r: &Relationship) -> BookResult<()> {
        self.require_customer(r.customer)?;
        self.require_staff(Some(r.staff))?;
        if r.is_live() && r.role == RelationshipRole::Owner {
            let other_owner = self
                .live_relationships(r.customer)
                .any(|x| x.role == RelationshipRole::Owner && x.id != r.id);
            if other_owner {
                return Err(BookError::invalid(Field::Role, Problem::Duplicate));
            }
        }
        Ok(())
    }

    /// The first record, in kind then id order, that refers to something missing or
    /// breaks the one-live-owner rule. A big book is hundreds of thousands of records, so
    /// customers and staff are checked once per distinct reference (through the
    /// table's indexes), and only contacts and owners row by row.
    pub(crate) fn first_broken_reference(&self) -> Option<(RecordKey, BookError)> {
        fn first<T: Row>(
            book: &Book,
            table: &Table<T>,
            row_check: Option<&dyn Fn(&T) -> bool>,
            check: impl Fn(&T) -> BookResult<()>,
        ) -> Option<(RecordKey, BookError)> {
            let missing = table.first_with_missing(
                |c| book.customers.contains(c.0) || T::KIND == RecordKind::Customer,
                |s| book.staff.contains(s.0) || T::KIND == RecordKind::Staff,
            );
            let broken_row =
                row_check.and_then(|ok| table.iter().find(|row| !ok(row)).map(Row::row_id));
            let id = match (missing, broken_row) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b)?,
            };
            let row = table.get(id)?;
            check(row).err().map(|error| (row.row_key(), error))
        }
        let contact_ok = |contact: Option<ContactId>, customer: CustomerId| {
            contact.is_none_or(|c| self.contacts.get(c.0).map(|x| x.customer) == Some(customer))
        };
        RecordKind::ALL.iter().find_map(|kind| match kind {
            RecordKind::Customer | RecordKind::Staff => None,
            RecordKind::Contact => first(self, &self.contacts, None, |r| {
                self.require_customer(r.customer)
            }),
            RecordKind::Relationship => first(
                self,
                &self.relationships,
                Some(&|r| self.relationship_references(r).is_ok()),
                |r| self.relationship_references(r),
            ),
            RecordKind::Order => first(self, &self.orders, None, |r| self.order_references(r)),
            RecordKind::Interaction => first(
                self,
                &self.interactions,
                Some(&|r| contact_ok(r.contact, r.customer)),
                |r| self.interaction_references(r),
            ),
            RecordKind::Complaint => first(self, &self.complaints, None, |r| {
                self.require_customer(r.customer)
            }),
            RecordKind::Survey => first(self, &self.surveys, None, |r| {
                self.require_customer(r.customer)
            }),
            RecordKind::Signal => first(self, &self.signals, None, |r| {
                self.require_customer(r.customer)
            }),
            RecordKind::KeyDate => first(
                self,
                &self.key_dates,
                Some(&|r| contact_ok(r.contact, r.customer)),
                |r| self.key_date_references(r),
            ),
            RecordKind::Task => first(self, &self.tasks, None, |r| self.task_references(r)),
            RecordKind::Handover => first(
                self,
                &self.handovers,
                Some(&|r| self.handover_references(r).is_ok()),
                |r| self.handover_references(r),
            ),
            RecordKind::WinbackCase => first(
                self,
                &self.winback_cases,
                Some(&|r| self.winback_references(r).is_ok()),
                |r| self.winback_references(r),
            ),
            RecordKind::Instalment => first(
                self,
                &self.instalments,
                Some(&|r| self.instalment_references(r).is_ok()),
                |r| self.instalment_references(r),
            ),
            // Who was told may name a customer deleted since; the list is history.
            RecordKind::Announcement => None,
            RecordKind::Deferral => first(self, &self.deferrals, None, |r| {
                self.require_customer(r.customer)
            }),
        })
    }

    /// Checks that the book would still hold together after `change`: every record it
    /// writes refers to records that will exist, and nothing left behind refers to a
    /// record it deletes. An undo of an older change needs this, because the book may
    /// have moved on since (orders added to a customer whose creation is being undone,
    /// a new owner assigned since the old owner's relationship was ended).
    fn check_change(&self, change: &Change) -> BookResult<()> {
        let puts: HashMap<RecordKey, &Record> = change.puts.iter().map(|r| (r.key(), r)).collect();
        let gone: HashSet<RecordKey> = change
            .deletes
            .iter()
            .copied()
            .filter(|k| !puts.contains_key(k))
            .collect();
        let touched = |key: RecordKey| puts.contains_key(&key) || gone.contains(&key);
        let exists = |kind: RecordKind, id: u64| {
            let key = RecordKey { kind, id };
            puts.contains_key(&key) || (!gone.contains(&key) && self.contains(key))
        };
        let contact_customer = |id: ContactId| {
            let key = RecordKey {
                kind: RecordKind::Contact,
                id: id.0,
            };
            match puts.get(&key) {
                Some(Record::Contact(c)) => Some(c.customer),
                Some(_) => None,
                None if gone.contains(&key) => None,
                None => self.contacts.get(id.0).map(|c| c.customer),
            }
        };
        let staff_exists = |staff: Option<StaffId>| match staff {
            Some(s) if !exists(RecordKind::Staff, s.0) => {
                Err(unknown(Field::Staff, RecordKind::Staff, s.0))
            }
            _ => Ok(()),
        };
        let contact_of = |contact: Option<ContactId>, customer: CustomerId| match contact {
            Some(c) if contact_customer(c) != Some(customer) => {
                Err(unknown(Field::Contact, RecordKind::Contact, c.0))
            }
            _ => Ok(()),
        };
        for record in &change.puts {
            if let (Some(customer), false) =
                (record.customer(), record.kind() == RecordKind::Customer)
            {
                if !exists(RecordKind::Customer, customer.0) {
                    return Err(unknown(Field::Customer, RecordKind::Customer, customer.0));
                }
            }
            match record {
                Record::Order(o) => staff_exists(o.staff)?,
                Record::Interaction(i) => {
                    staff_exists(i.staff)?;
                    contact_of(i.contact, i.customer)?;
                }
                Record::KeyDate(k) => contact_of(k.contact, k.customer)?,
                Record::Task(t) => staff_exists(t.staff)?,
                Record::Handover(h) => {
                    staff_exists(Some(h.to))?;
                    staff_exists(h.from)?;
                    for step in &h.steps {
                        staff_exists(step.staff)?;
                    }
                }
                Record::WinbackCase(w) => {
                    staff_exists(w.owner)?;
                    for action in &w.actions {
                        staff_exists(action.staff)?;
                    }
                }
                Record::Relationship(r) => {
                    staff_exists(Some(r.staff))?;
                    if r.is_live() && r.role == RelationshipRole::Owner {
                        let is_other_owner = |x: &Relationship| {
                            x.is_live() && x.role == RelationshipRole::Owner && x.id != r.id
                        };
                        let kept = self
                            .live_relationships(r.customer)
                            .filter(|x| !touched(x.row_key()))
                            .any(is_other_owner);
                        let written = change.puts.iter().any(|p| match p {
                            Record::Relationship(x) => {
                                x.customer == r.customer && is_other_owner(x)
                            }
                            _ => false,
                        });
                        if kept || written {
                            return Err(BookError::invalid(Field::Role, Problem::Duplicate));
                        }
                    }
                }
                _ => {}
            }
        }
        for key in &gone {
            let users = self
                .users_of(*key)
                .into_iter()
                .filter(|k| !touched(*k))
                .count();
            if users > 0 {
                return Err(BookError::InUse { count: users });
            }
        }
        Ok(())
    }
}

fn unknown(field: Field, kind: RecordKind, id: u64) -> BookError {
    BookError::invalid(field, Problem::Unknown { kind, id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain way: every record of every kind, in order, checked on its own.
    fn first_broken_one_by_one(book: &Book) -> Option<(RecordKey, BookError)> {
        RecordKind::ALL.iter().find_map(|kind| {
            book.records(*kind)
                .into_iter()
                .find_map(|r| book.check_references(&r).err().map(|e| (r.key(), e)))
        })
    }

    /// Records with ids from `100`, referring to customers 1–4, staff 5–7 and contacts
    /// 8–9 (some of which exist), so that many references are broken.
    fn records() -> impl Strategy<Value = Vec<Record>> {
        let day = Date::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        let record = (
            0u8..6,
            1u64..5,
            proptest::option::of(5u64..8),
            proptest::option::of(8u64..10),
            any::<bool>(),
        )
            .prop_map(move |(kind, customer, staff, contact, live)| {
                let customer = CustomerId(customer);
                match kind {
                    0 => Record::Order(Order {
                        customer,
                        staff: staff.map(StaffId),
                        date: day,
                        ..Order::default()
                    }),
                    1 => Record::Interaction(Interaction {
                        customer,
                        staff: staff.map(StaffId),
                        contact: contact.map(ContactId),
                        date: day,
                        ..Interaction::default()
                    }),
                    2 => Record::Relationship(Relationship {
                        customer,
                        staff: StaffId(staff.unwrap_or(5)),
                        since: day,
                        until: (!live).then_some(day),
                        ..Relationship::default()
                    }),
                    3 => Record::KeyDate(KeyDate {
                        customer,
                        contact: contact.map(ContactId),
                        date: day,
                        ..KeyDate::default()
                    }),
                    4 => Record::Survey(Survey {
                        customer,
                        date: day,
                        score: 3,
                        ..Survey::default()
                    }),
                    _ => Record::Complaint(Complaint {
                        customer,
                        received: day,
                        subject: "x".into(),
                        ..Complaint::default()
                    }),
                }
            });
        let present = (
            proptest::collection::vec(any::<bool>(), 9),
            proptest::collection::vec(record, 0..30),
        );
        present.prop_map(move |(present, mut rows)| {
            for (i, row) in rows.iter_mut().enumerate() {
                row.set_id(100 + i as u64);
            }
            for id in 1..=9u64 {
                if !present[(id - 1) as usize] {
                    continue;
                }
                rows.push(match id {
                    1..=4 => Record::Customer(Customer {
                        id: CustomerId(id),
                        ..Customer::new("c", day)
                    }),
                    5..=7 => Record::Staff(Staff {
                        id: StaffId(id),
                        name: "s".into(),
                        hire_date: day,
                        ..Staff::default()
                    }),
                    _ => Record::Contact(Contact {
                        id: ContactId(id),
                        customer: CustomerId(id - 7),
                        name: "k".into(),
                        ..Contact::default()
                    }),
                });
            }
            rows
        })
    }

    proptest! {
        #[test]
        fn whole_book_check_finds_the_same_first_break_as_one_by_one(rows in records()) {
            let book = Book::from_records(rows, 1);
            prop_assert_eq!(book.first_broken_reference(), first_broken_one_by_one(&book));
        }
    }
}
