//! What an agenda entry says: when it is due, what kind of duty it is, whose it is, and
//! the facts the UI turns into a sentence in either language.

use super::festival::Festival;
use super::lunar::LunarDate;
use crate::records::*;
use crate::Date;
use serde::{Deserialize, Serialize};

/// The kinds of agenda entry. Entries due the same day list in this order: what has a
/// promise behind it (complaints) first, then what cannot be moved (a birthday), then
/// routine upkeep, then the team-wide festival reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A resolved complaint whose outcome the customer has not yet been told (seed 003).
    ComplaintReportBack,
    /// A complaint waiting to be taken up or resolved.
    ComplaintStep,
    /// The next contact a follow-up agreed on (下次联系): a promise to the customer.
    NextContact,
    Birthday,
    /// A recurring or one-off date worth marking: founding day, wedding, contract renewal …
    KeyDate,
    /// The customer has not been contacted within its tier's cadence.
    ContactCadence,
    /// A satisfaction survey is due.
    SurveyDue,
    /// A return visit (回访) after an order is due.
    ReturnVisit,
    /// A festival coming up: greetings to prepare for the tiers that get them.
    Festival,
    /// Something a person added to do (by hand or from the register).
    Task,
    /// A step of a handover checklist.
    HandoverStep,
    /// A payment instalment due soon or overdue (回款).
    Instalment,
    /// An action of a win-back plan.
    WinbackAction,
    /// A cannot-lose customer not yet told of an announcement.
    Announcement,
    /// An owned customer about to return to the pool (公海) under the pool rules.
    PoolWarning,
}

impl ItemKind {
    pub const ALL: [ItemKind; 15] = [
        ItemKind::ComplaintReportBack,
        ItemKind::ComplaintStep,
        ItemKind::NextContact,
        ItemKind::Birthday,
        ItemKind::KeyDate,
        ItemKind::ContactCadence,
        ItemKind::SurveyDue,
        ItemKind::ReturnVisit,
        ItemKind::Festival,
        ItemKind::Task,
        ItemKind::HandoverStep,
        ItemKind::Instalment,
        ItemKind::WinbackAction,
        ItemKind::Announcement,
        ItemKind::PoolWarning,
    ];

    /// The serde name, also the last part of the translation key `agenda.kind.<key>`.
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::ComplaintReportBack => "complaint_report_back",
            ItemKind::ComplaintStep => "complaint_step",
            ItemKind::NextContact => "next_contact",
            ItemKind::Birthday => "birthday",
            ItemKind::KeyDate => "key_date",
            ItemKind::ContactCadence => "contact_cadence",
            ItemKind::SurveyDue => "survey_due",
            ItemKind::ReturnVisit => "return_visit",
            ItemKind::Festival => "festival",
            ItemKind::Task => "task",
            ItemKind::HandoverStep => "handover_step",
            ItemKind::Instalment => "instalment",
            ItemKind::WinbackAction => "winback_action",
            ItemKind::Announcement => "announcement",
            ItemKind::PoolWarning => "pool_warning",
        }
    }
}

/// The numbers and names behind an entry; the UI writes the sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemFacts {
    /// A contact's birthday (from the contact, or a birthday key date). `name` is the
    /// contact's name, else the key date's label, else the customer's name. `age` is the
    /// age reached on the day, left out when the year of birth is implausible.
    Birthday {
        name: String,
        contact: Option<ContactId>,
        key_date: Option<KeyDateId>,
        born: Date,
        age: Option<u32>,
    },
    /// `original` is the date as recorded; `years` is how many years it is on the day
    /// (a 10th founding anniversary), for recurring dates only.
    KeyDate {
        key_date: KeyDateId,
        date_kind: KeyDateKind,
        label: String,
        contact: Option<ContactId>,
        contact_name: Option<String>,
        original: Date,
        recurring: bool,
        years: Option<u32>,
    },
    /// `customers`: customers in `tiers` (not lost) to greet; `greeted`: how many of them
    /// already have a greeting or gift logged since the reminder appeared. `lunar` is the
    /// lunar date for lunar festivals. The suggestion is [`super::greeting_key`].
    Festival {
        festival: Festival,
        lunar: Option<LunarDate>,
        tiers: Vec<Tier>,
        customers: u32,
        greeted: u32,
    },
    /// `last_contact` is `None` when there never was one: then `days_since` counts from
    /// the day the customer came (`Customer::since`).
    ContactCadence {
        tier: Tier,
        cadence_days: u32,
        last_contact: Option<Date>,
        days_since: i64,
    },
    /// `last_survey` is `None` when the customer was never surveyed: then `days_since`
    /// counts from `Customer::since`. `last_score` is on the 1–5 scale.
    SurveyDue {
        last_survey: Option<Date>,
        last_score: Option<u8>,
        interval_days: u32,
        days_since: i64,
    },
    /// `step` is the step the complaint waits for (investigating or resolved).
    ComplaintStep {
        complaint: ComplaintId,
        subject: String,
        severity: Severity,
        step: ComplaintStatus,
        received: Date,
    },
    /// The follow-up that agreed on the contact: when, how, and what it said.
    NextContact {
        interaction: InteractionId,
        made_on: Date,
        made_by: InteractionKind,
        summary: String,
    },
    Task {
        task: TaskId,
        title: String,
        action: Option<crate::register::NextAction>,
    },
    /// `index` is the step's place in the handover's list.
    HandoverStep {
        handover: HandoverId,
        index: usize,
        step: HandoverStepKind,
        from: Option<StaffId>,
        to: StaffId,
    },
    /// The order the visit follows up, and when it was placed.
    ReturnVisit { order: OrderId, ordered: Date },
    /// `outstanding` is what is still to come in of `amount`.
    Instalment {
        instalment: InstalmentId,
        amount: crate::money::Money,
        outstanding: crate::money::Money,
    },
    /// `index` is the action's place in the case's plan.
    WinbackAction {
        case: WinbackId,
        index: usize,
        what: String,
    },
    Announcement {
        announcement: AnnouncementId,
        title: String,
        announcement_kind: AnnouncementKind,
    },
    /// The rule that fires first, the days idle and the limit; `due` is the day the
    /// customer returns to the pool.
    PoolWarning {
        rule: RecycleRule,
        idle_days: u32,
        limit_days: u32,
    },
    ComplaintReportBack {
        complaint: ComplaintId,
        subject: String,
        severity: Severity,
        received: Date,
        resolved_on: Date,
        resolution: String,
    },
}

impl ItemFacts {
    /// The id of the record the entry is about (contact, key date, complaint, customer),
    /// or the festival's position: the last tie-break, so the order is total.
    fn subject(&self) -> u64 {
        match self {
            ItemFacts::Birthday {
                contact, key_date, ..
            } => contact.map(|c| c.0).or(key_date.map(|k| k.0)).unwrap_or(0),
            ItemFacts::KeyDate { key_date, .. } => key_date.0,
            ItemFacts::Festival { festival, .. } => *festival as u64,
            ItemFacts::ComplaintStep { complaint, .. }
            | ItemFacts::ComplaintReportBack { complaint, .. } => complaint.0,
            ItemFacts::ContactCadence { .. } | ItemFacts::SurveyDue { .. } => 0,
            ItemFacts::Task { task, .. } => task.0,
            ItemFacts::NextContact { interaction, .. } => interaction.0,
            ItemFacts::HandoverStep {
                handover, index, ..
            } => handover.0 * 16 + *index as u64,
            ItemFacts::WinbackAction { case, index, .. } => case.0 * 64 + *index as u64,
            ItemFacts::Instalment { instalment, .. } => instalment.0,
            ItemFacts::ReturnVisit { order, .. } => order.0,
            ItemFacts::Announcement { announcement, .. } => announcement.0,
            ItemFacts::PoolWarning { .. } => 0,
        }
    }
}

/// One thing to do. Computed from the book each time, never stored: doing the thing
/// (logging the greeting, the visit, the survey, the complaint step) is what removes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub due: Date,
    pub kind: ItemKind,
    /// `None` for team-wide entries (festivals).
    pub customer: Option<CustomerId>,
    /// Who must act: the customer's owner; `None` for pool customers and team-wide entries.
    pub staff: Option<StaffId>,
    pub facts: ItemFacts,
}

impl AgendaItem {
    /// A key that stays the same while the entry is the same duty, for UI lists and for
    /// remembering a dismissal: e.g. `birthday:123:2026-03-20`, `contact_cadence:45`.
    pub fn key(&self) -> String {
        match &self.facts {
            ItemFacts::ContactCadence { .. } | ItemFacts::SurveyDue { .. } => {
                format!("{}:{}", self.kind.key(), self.customer.map_or(0, |c| c.0))
            }
            ItemFacts::ComplaintStep { step, .. } => {
                format!(
                    "{}:{}:{}",
                    self.kind.key(),
                    self.facts.subject(),
                    step.name()
                )
            }
            ItemFacts::Festival { festival, .. } => {
                format!("{}:{}:{}", self.kind.key(), festival.key(), self.due)
            }
            // One announcement, one entry per customer to tell.
            ItemFacts::Announcement { announcement, .. } => format!(
                "{}:{}:{}",
                self.kind.key(),
                announcement.0,
                self.customer.map_or(0, |c| c.0)
            ),
            _ => format!("{}:{}:{}", self.kind.key(), self.facts.subject(), self.due),
        }
    }

    /// The agenda's order: by due date, then kind, then customer, then record.
    pub(crate) fn sort_key(&self) -> (Date, ItemKind, Option<CustomerId>, u64) {
        (self.due, self.kind, self.customer, self.facts.subject())
    }
}
