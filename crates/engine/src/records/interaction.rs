use super::{
    check_len, check_not_before, check_not_future, ContactId, CustomerId, InteractionId, StaffId,
    MAX_TEXT,
};
use crate::error::BookResult;
use crate::error::Field;
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    #[default]
    Visit,
    Call,
    Message,
    Gift,
    Event,
    Greeting,
    ReturnVisit,
}

impl InteractionKind {
    pub const ALL: [InteractionKind; 7] = [
        InteractionKind::Visit,
        InteractionKind::Call,
        InteractionKind::Message,
        InteractionKind::Gift,
        InteractionKind::Event,
        InteractionKind::Greeting,
        InteractionKind::ReturnVisit,
    ];
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub customer: CustomerId,
    pub date: Date,
    #[serde(default)]
    pub kind: InteractionKind,
    #[serde(default)]
    pub staff: Option<StaffId>,
    #[serde(default)]
    pub contact: Option<ContactId>,
    #[serde(default)]
    pub summary: String,
    /// When to get in touch next (下次联系): a follow-up promised, which the forgotten-
    /// customer list checks.
    #[serde(default)]
    pub next_contact: Option<Date>,
}

impl Interaction {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_not_future(Field::Date, self.date, today)?;
        if let Some(next) = self.next_contact {
            check_not_before(Field::NextContact, next, Field::Date, self.date)?;
        }
        check_len(Field::Summary, &self.summary, MAX_TEXT)
    }
}
