//! The handover checklist of seed 000, per customer, dated from the day the rep leaves
//! (or the day a rotation takes effect): tell the customer early, let the leaving rep
//! introduce the successor, meet together on open issues, hand the file over, have a
//! senior colleague visit with the successor, then ask the customer how it goes.

use crate::Date;
use serde::{Deserialize, Serialize};

/// The checklist steps are the stored handover's steps.
pub use crate::records::HandoverStepKind as StepKind;

/// Who does a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOwner {
    /// The rep who hands the customer over.
    Leaver,
    Successor,
    /// A senior manager or director: the company speaking, not one person.
    Senior,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverStep {
    pub kind: StepKind,
    pub due: Date,
    pub by: StepOwner,
}

/// Days before (or after) the leaving day each step is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HandoverSchedule {
    pub tell_days_before: u32,
    pub introduce_days_before: u32,
    pub joint_meeting_days_before: u32,
    pub file_days_before: u32,
    pub senior_visit_days_after: u32,
    pub first_check_days_after: u32,
    pub second_check_days_after: u32,
    /// A departing owner keeps read-only access to the customers they handed over for
    /// this many days after leaving (0: none), to answer the successor's questions.
    pub former_access_days: u32,
}

impl Default for HandoverSchedule {
    fn default() -> Self {
        HandoverSchedule {
            tell_days_before: 21,
            introduce_days_before: 14,
            joint_meeting_days_before: 7,
            file_days_before: 2,
            senior_visit_days_after: 14,
            first_check_days_after: 30,
            second_check_days_after: 90,
            former_access_days: 30,
        }
    }
}

/// The steps for one customer, in order of due date. A plan made late is compressed:
/// nothing falls due before `plan_date`. When the old owner is gone by a step's due
/// day (`old_owner_stays` is false for a departure), a senior colleague does it instead.
pub fn handover_steps(
    leaving_on: Date,
    plan_date: Date,
    old_owner_stays: bool,
    schedule: &HandoverSchedule,
) -> Vec<HandoverStep> {
    let before = |days: u32| crate::records::dates::plus_days(leaving_on, -(i64::from(days)));
    let after = |days: u32| crate::records::dates::plus_days(leaving_on, i64::from(days));
    let s = schedule;
    let plan = [
        (
            StepKind::TellCustomer,
            before(s.tell_days_before),
            StepOwner::Senior,
        ),
        (
            StepKind::IntroduceSuccessor,
            before(s.introduce_days_before),
            StepOwner::Leaver,
        ),
        (
            StepKind::JointMeeting,
            before(s.joint_meeting_days_before),
            StepOwner::Leaver,
        ),
        (
            StepKind::FileHandedOver,
            before(s.file_days_before),
            StepOwner::Leaver,
        ),
        (
            StepKind::SeniorVisit,
            after(s.senior_visit_days_after),
            StepOwner::Senior,
        ),
        (
            StepKind::CheckAfter30,
            after(s.first_check_days_after),
            StepOwner::Senior,
        ),
        (
            StepKind::CheckAfter90,
            after(s.second_check_days_after),
            StepOwner::Senior,
        ),
    ];
    let mut steps: Vec<HandoverStep> = plan
        .into_iter()
        .map(|(kind, due, by)| {
            let due = due.max(plan_date);
            let gone = !old_owner_stays && due >= leaving_on;
            HandoverStep {
                kind,
                due,
                by: if by == StepOwner::Leaver && gone {
                    StepOwner::Senior
                } else {
                    by
                },
            }
        })
        .collect();
    steps.sort_by_key(|s| (s.due, s.kind));
    steps
}
