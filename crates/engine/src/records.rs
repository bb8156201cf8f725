//! The records of a customer book. Each record validates itself; references between
//! records (an order's customer, an interaction's staff) are checked by the book.

mod announcement;
mod complaint;
mod contact;
mod customer;
pub mod dates;
mod deferral;
mod handover;
mod instalment;
mod interaction;
mod key_date;
mod order;
mod relationship;
mod remap;
mod signal;
mod staff;
mod survey;
mod task;
mod winback;

pub use announcement::{Announcement, AnnouncementKind, Told};
pub use complaint::{Complaint, ComplaintStatus, Severity};
pub use contact::{Channel, Contact};
pub use customer::{Customer, CustomerKind, CustomerStatus, Tier};
pub use deferral::{Deferral, Duty, LetGoReason};
pub use handover::{
    Handover, HandoverReason, HandoverStatus, HandoverStep, HandoverStepKind, MAX_MESSAGE,
};
pub use instalment::{Instalment, InstalmentStatus};
pub use interaction::{Interaction, InteractionKind};
pub use key_date::{KeyDate, KeyDateKind};
pub use order::Order;
pub use relationship::{RecycleRule, Recycled, Relationship, RelationshipRole};
pub use signal::{Signal, SignalKind};
pub use staff::{Staff, StaffRole, StaffStatus};
pub use survey::{Survey, SurveyMethod};
pub use task::Task;
pub use winback::{
    ExitChecklist, LearnedVia, LossCause, WinbackAction, WinbackCase, WinbackOutcome, WinbackStage,
    MAX_ACTIONS,
};

use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

typed_id!(
    CustomerId,
    ContactId,
    StaffId,
    RelationshipId,
    OrderId,
    InteractionId,
    ComplaintId,
    SurveyId,
    SignalId,
    KeyDateId,
    TaskId,
    HandoverId,
    WinbackId,
    AnnouncementId,
    InstalmentId,
    DeferralId,
);

/// The kinds of record; also the names of their stores on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Customer,
    Contact,
    Staff,
    Relationship,
    Order,
    Interaction,
    Complaint,
    Survey,
    Signal,
    KeyDate,
    Task,
    Handover,
    Instalment,
    WinbackCase,
    Announcement,
    Deferral,
}

impl RecordKind {
    pub const ALL: [RecordKind; 16] = [
        RecordKind::Customer,
        RecordKind::Contact,
        RecordKind::Staff,
        RecordKind::Relationship,
        RecordKind::Order,
        RecordKind::Interaction,
        RecordKind::Complaint,
        RecordKind::Survey,
        RecordKind::Signal,
        RecordKind::KeyDate,
        RecordKind::Task,
        RecordKind::Handover,
        RecordKind::Instalment,
        RecordKind::WinbackCase,
        RecordKind::Announcement,
        RecordKind::Deferral,
    ];

    /// The IndexedDB object store (and backup key) that holds this kind.
    pub fn store(self) -> &'static str {
        match self {
            RecordKind::Customer => "customers",
            RecordKind::Contact => "contacts",
            RecordKind::Staff => "staff",
            RecordKind::Relationship => "relationships",
            RecordKind::Order => "orders",
            RecordKind::Interaction => "interactions",
            RecordKind::Complaint => "complaints",
            RecordKind::Survey => "surveys",
            RecordKind::Signal => "signals",
            RecordKind::KeyDate => "key_dates",
            RecordKind::Task => "tasks",
            RecordKind::Handover => "handovers",
            RecordKind::Instalment => "instalments",
            RecordKind::WinbackCase => "winback_cases",
            RecordKind::Announcement => "announcements",
            RecordKind::Deferral => "deferrals",
        }
    }
}

/// Identifies one record of any kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordKey {
    pub kind: RecordKind,
    pub id: u64,
}

/// Any record, for commands and storage that treat all kinds alike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum Record {
    Customer(Customer),
    Contact(Contact),
    Staff(Staff),
    Relationship(Relationship),
    Order(Order),
    Interaction(Interaction),
    Complaint(Complaint),
    Survey(Survey),
    Signal(Signal),
    KeyDate(KeyDate),
    Task(Task),
    Handover(Handover),
    Instalment(Instalment),
    WinbackCase(WinbackCase),
    Announcement(Announcement),
    Deferral(Deferral),
}

/// Applies one expression to the inner record of every variant.
macro_rules! each_record {
    ($value:expr, $inner:ident => $body:expr) => {
        match $value {
            Record::Customer($inner) => $body,
            Record::Contact($inner) => $body,
            Record::Staff($inner) => $body,
            Record::Relationship($inner) => $body,
            Record::Order($inner) => $body,
            Record::Interaction($inner) => $body,
            Record::Complaint($inner) => $body,
            Record::Survey($inner) => $body,
            Record::Signal($inner) => $body,
            Record::KeyDate($inner) => $body,
            Record::Task($inner) => $body,
            Record::Handover($inner) => $body,
            Record::Instalment($inner) => $body,
            Record::WinbackCase($inner) => $body,
            Record::Announcement($inner) => $body,
            Record::Deferral($inner) => $body,
        }
    };
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Customer(_) => RecordKind::Customer,
            Record::Contact(_) => RecordKind::Contact,
            Record::Staff(_) => RecordKind::Staff,
            Record::Relationship(_) => RecordKind::Relationship,
            Record::Order(_) => RecordKind::Order,
            Record::Interaction(_) => RecordKind::Interaction,
            Record::Complaint(_) => RecordKind::Complaint,
            Record::Survey(_) => RecordKind::Survey,
            Record::Signal(_) => RecordKind::Signal,
            Record::KeyDate(_) => RecordKind::KeyDate,
            Record::Task(_) => RecordKind::Task,
            Record::Handover(_) => RecordKind::Handover,
            Record::Instalment(_) => RecordKind::Instalment,
            Record::WinbackCase(_) => RecordKind::WinbackCase,
            Record::Announcement(_) => RecordKind::Announcement,
            Record::Deferral(_) => RecordKind::Deferral,
        }
    }

    pub fn id(&self) -> u64 {
        each_record!(self, r => r.id.0)
    }

    pub fn key(&self) -> RecordKey {
        RecordKey {
            kind: self.kind(),
            id: self.id(),
        }
    }

    pub(crate) fn set_id(&mut self, id: u64) {
        each_record!(self, r => r.id.0 = id);
    }

    /// The fields of a kind of record that hold money (in fen), for showing a record's
    /// fields one by one (a conflict's versions side by side). Top-level fields only: a
    /// win-back case keeps its amounts inside the exit checklist, shown as one field.
    pub fn money_fields(kind: RecordKind) -> &'static [&'static str] {
        match kind {
            RecordKind::Order => &["amount", "margin", "cost_to_serve"],
            RecordKind::Instalment => &["amount", "paid"],
            _ => &[],
        }
    }

    /// The customer this record belongs to, if any.
    pub fn customer(&self) -> Option<CustomerId> {
        match self {
            Record::Customer(c) => Some(c.id),
            Record::Staff(_) => None,
            Record::Contact(r) => Some(r.customer),
            Record::Relationship(r) => Some(r.customer),
            Record::Order(r) => Some(r.customer),
            Record::Interaction(r) => Some(r.customer),
            Record::Complaint(r) => Some(r.customer),
            Record::Survey(r) => Some(r.customer),
            Record::Signal(r) => Some(r.customer),
            Record::KeyDate(r) => Some(r.customer),
            Record::Task(r) => r.customer,
            Record::Handover(r) => Some(r.customer),
            Record::Instalment(r) => Some(r.customer),
            Record::WinbackCase(r) => Some(r.customer),
            Record::Announcement(_) => None,
            Record::Deferral(r) => Some(r.customer),
        }
    }

    /// Checks what the record can check alone; `today` bounds dates that cannot be in the future.
    pub fn validate(&self, today: Date) -> BookResult<()> {
        each_record!(self, r => r.validate(today))
    }

    /// Whether every date and amount is within what a book can mean (years
    /// 1900–2200, amounts up to 100亿元): the check a stored record passes at load,
    /// where `validate`'s rules against today do not apply.
    pub fn check_range(&self) -> BookResult<()> {
        each_record!(self, r => dates::check_years(&r.dates()))?;
        let amounts = match self {
            Record::Order(r) => r.amounts(),
            Record::Instalment(r) => r.amounts(),
            Record::WinbackCase(r) => r.amounts(),
            _ => Vec::new(),
        };
        dates::check_amounts(&amounts)
    }

    /// The record as compact JSON, the form kept on disk and in backups.
    pub fn to_json(&self) -> String {
        each_record!(self, r => serde_json::to_string(r).unwrap_or_default())
    }

    /// A JSON array of records of one kind, read in one typed pass.
    pub fn many_from_json(kind: RecordKind, json: &str) -> Result<Vec<Record>, serde_json::Error> {
        fn many<T: serde::de::DeserializeOwned>(
            json: &str,
            wrap: fn(T) -> Record,
        ) -> Result<Vec<Record>, serde_json::Error> {
            Ok(serde_json::from_str::<Vec<T>>(json)?
                .into_iter()
                .map(wrap)
                .collect())
        }
        match kind {
            RecordKind::Customer => many(json, Record::Customer),
            RecordKind::Contact => many(json, Record::Contact),
            RecordKind::Staff => many(json, Record::Staff),
            RecordKind::Relationship => many(json, Record::Relationship),
            RecordKind::Order => many(json, Record::Order),
            RecordKind::Interaction => many(json, Record::Interaction),
            RecordKind::Complaint => many(json, Record::Complaint),
            RecordKind::Survey => many(json, Record::Survey),
            RecordKind::Signal => many(json, Record::Signal),
            RecordKind::KeyDate => many(json, Record::KeyDate),
            RecordKind::Task => many(json, Record::Task),
            RecordKind::Handover => many(json, Record::Handover),
            RecordKind::Instalment => many(json, Record::Instalment),
            RecordKind::WinbackCase => many(json, Record::WinbackCase),
            RecordKind::Announcement => many(json, Record::Announcement),
            RecordKind::Deferral => many(json, Record::Deferral),
        }
    }

    pub fn from_json(kind: RecordKind, json: &str) -> Result<Record, serde_json::Error> {
        Ok(match kind {
            RecordKind::Customer => Record::Customer(serde_json::from_str(json)?),
            RecordKind::Contact => Record::Contact(serde_json::from_str(json)?),
            RecordKind::Staff => Record::Staff(serde_json::from_str(json)?),
            RecordKind::Relationship => Record::Relationship(serde_json::from_str(json)?),
            RecordKind::Order => Record::Order(serde_json::from_str(json)?),
            RecordKind::Interaction => Record::Interaction(serde_json::from_str(json)?),
            RecordKind::Complaint => Record::Complaint(serde_json::from_str(json)?),
            RecordKind::Survey => Record::Survey(serde_json::from_str(json)?),
            RecordKind::Signal => Record::Signal(serde_json::from_str(json)?),
            RecordKind::KeyDate => Record::KeyDate(serde_json::from_str(json)?),
            RecordKind::Task => Record::Task(serde_json::from_str(json)?),
            RecordKind::Handover => Record::Handover(serde_json::from_str(json)?),
            RecordKind::Instalment => Record::Instalment(serde_json::from_str(json)?),
            RecordKind::WinbackCase => Record::WinbackCase(serde_json::from_str(json)?),
            RecordKind::Announcement => Record::Announcement(serde_json::from_str(json)?),
            RecordKind::Deferral => Record::Deferral(serde_json::from_str(json)?),
        })
    }
}

pub(crate) const MAX_NAME: usize = 120;
pub(crate) const MAX_TEXT: usize = 4000;

/// A required, trimmed, bounded single line.
pub(crate) fn check_name(field: Field, value: &str, max: usize) -> BookResult<()> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(BookError::invalid(field, Problem::Required));
    }
    check_len(field, value, max)
}

pub(crate) fn check_len(field: Field, value: &str, max: usize) -> BookResult<()> {
    if value.chars().count() > max {
        return Err(BookError::invalid(field, Problem::TooLong { max }));
    }
    Ok(())
}

pub(crate) fn check_not_future(field: Field, date: Date, today: Date) -> BookResult<()> {
    if date > today {
        return Err(BookError::invalid(field, Problem::InFuture));
    }
    Ok(())
}

pub(crate) fn check_not_before(
    field: Field,
    date: Date,
    other: Field,
    earlier: Date,
) -> BookResult<()> {
    if date < earlier {
        return Err(BookError::invalid(field, Problem::BeforeDate { other }));
    }
    Ok(())
}
