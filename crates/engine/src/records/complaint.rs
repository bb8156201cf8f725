use super::{
    check_len, check_name, check_not_before, check_not_future, ComplaintId, CustomerId, MAX_NAME,
    MAX_TEXT,
};
use crate::error::{BookError, BookResult, Field};
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    #[default]
    Medium,
    High,
}

/// Seed 003: record, investigate, resolve, and report the outcome back to the customer.
/// A complaint is not done until the customer has heard what was done.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    #[default]
    Received,
    Investigating,
    Resolved,
    ReportedBack,
}

impl ComplaintStatus {
    pub fn name(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "received",
            ComplaintStatus::Investigating => "investigating",
            ComplaintStatus::Resolved => "resolved",
            ComplaintStatus::ReportedBack => "reported_back",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Complaint {
    pub id: ComplaintId,
    pub customer: CustomerId,
    pub received: Date,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub severity: Severity,
    pub subject: String,
    #[serde(default)]
    pub investigating_on: Option<Date>,
    #[serde(default)]
    pub resolved_on: Option<Date>,
    #[serde(default)]
    pub resolution: String,
    #[serde(default)]
    pub reported_back_on: Option<Date>,
}

impl Complaint {
    /// The status follows from which steps are dated, so it can never disagree with them.
    pub fn status(&self) -> ComplaintStatus {
        if self.reported_back_on.is_some() {
            ComplaintStatus::ReportedBack
        } else if self.resolved_on.is_some() {
            ComplaintStatus::Resolved
        } else if self.investigating_on.is_some() {
            ComplaintStatus::Investigating
        } else {
            ComplaintStatus::Received
        }
    }

    pub fn is_open(&self) -> bool {
        self.resolved_on.is_none()
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        check_name(Field::Subject, &self.subject, MAX_NAME)?;
        check_len(Field::Resolution, &self.resolution, MAX_TEXT)?;
        check_len(Field::Name, &self.channel, 40)?;
        check_not_future(Field::Received, self.received, today)?;
        let steps = [
            (Field::Investigating, self.investigating_on),
            (Field::Resolved, self.resolved_on),
            (Field::ReportedBack, self.reported_back_on),
        ];
        let mut previous = (Field::Received, Some(self.received));
        for (field, date) in steps {
            match (previous.1, date) {
                (_, None) => {}
                (Some(before), Some(on)) => {
                    check_not_future(field, on, today)?;
                    check_not_before(field, on, previous.0, before)?;
                }
                (None, Some(_)) => {
                    return Err(BookError::ComplaintStep {
                        from: previous.0.name().into(),
                        to: field.name().into(),
                    })
                }
            }
            previous = (field, date);
        }
        Ok(())
    }
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Received => "received",
            Field::Investigating => "investigating",
            Field::Resolved => "resolved",
            Field::ReportedBack => "reported_back",
            _ => "other",
        }
    }
}
