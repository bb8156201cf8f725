use super::{check_len, check_not_future, CustomerId, HandoverId, StaffId};
use crate::error::{BookResult, Field};
use crate::Date;
use serde::{Deserialize, Serialize};

/// Why a customer changed hands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverReason {
    #[default]
    Departure,
    Rotation,
    Rebalance,
    Manual,
}

/// Where a transfer stands with the customer (待接替, 已接替, 客户拒绝, 流失).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverStatus {
    #[default]
    Waiting,
    Accepted,
    Refused,
    Lost,
}

impl HandoverStatus {
    pub const ALL: [HandoverStatus; 4] = [
        HandoverStatus::Waiting,
        HandoverStatus::Accepted,
        HandoverStatus::Refused,
        HandoverStatus::Lost,
    ];
}

/// The handover checklist of seed 000, in the order it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverStepKind {
    TellCustomer,
    IntroduceSuccessor,
    JointMeeting,
    FileHandedOver,
    SeniorVisit,
    CheckAfter30,
    CheckAfter90,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HandoverStep {
    pub kind: HandoverStepKind,
    pub due: Date,
    /// Who does it: the leaver, the successor or a senior colleague.
    #[serde(default)]
    pub staff: Option<StaffId>,
    #[serde(default)]
    pub done: Option<Date>,
}

/// One customer's transfer from one owner to the next, tracked until it is settled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    pub id: HandoverId,
    pub customer: CustomerId,
    #[serde(default)]
    pub from: Option<StaffId>,
    pub to: StaffId,
    /// The day the customer changes hands (the leaving date for a departure).
    pub on: Date,
    #[serde(default)]
    pub reason: HandoverReason,
    #[serde(default)]
    pub status: HandoverStatus,
    #[serde(default)]
    pub status_on: Option<Date>,
    #[serde(default)]
    pub steps: Vec<HandoverStep>,
    /// The short note to the customer introducing the successor.
    #[serde(default)]
    pub message: String,
}

/// A message a customer reads on a phone: short.
pub const MAX_MESSAGE: usize = 200;

impl Handover {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_len(Field::Message, &self.message, MAX_MESSAGE)?;
        if let Some(on) = self.status_on {
            check_not_future(Field::Status, on, today)?;
        }
        for step in &self.steps {
            if let Some(done) = step.done {
                check_not_future(Field::Date, done, today)?;
            }
        }
        Ok(())
    }

    /// Steps not yet done, earliest first.
    pub fn open_steps(&self) -> impl Iterator<Item = &HandoverStep> + '_ {
        self.steps.iter().filter(|s| s.done.is_none())
    }

    /// Settled: the customer accepted and every step is done, or the customer is lost.
    pub fn is_settled(&self) -> bool {
        match self.status {
            HandoverStatus::Lost | HandoverStatus::Refused => true,
            HandoverStatus::Accepted => self.open_steps().next().is_none(),
            HandoverStatus::Waiting => false,
        }
    }
}
