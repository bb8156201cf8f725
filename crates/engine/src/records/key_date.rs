use super::{check_len, ContactId, CustomerId, KeyDateId, MAX_NAME};
use crate::error::{BookResult, Field};
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyDateKind {
    Birthday,
    Founding,
    Wedding,
    #[default]
    Renewal,
    Other,
}

/// A date worth remembering for a customer or one of its contacts (seeds 002, 003).
/// Recurring dates come back every year on the same month and day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyDate {
    pub id: KeyDateId,
    pub customer: CustomerId,
    #[serde(default)]
    pub contact: Option<ContactId>,
    pub kind: KeyDateKind,
    pub date: Date,
    #[serde(default)]
    pub recurring: bool,
    #[serde(default)]
    pub label: String,
}

impl KeyDate {
    pub fn validate(&self, _today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_len(Field::Label, &self.label, MAX_NAME)
    }
}
