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

    /// The step the complaint waits for, if any.
    pub fn next_step(&self) -> Option<ComplaintStatus> {
        match self.status() {
            ComplaintStatus::Received => Some(ComplaintStatus::Investigating),
            ComplaintStatus::Investigating => Some(ComplaintStatus::Resolved),
            ComplaintStatus::Resolved => Some(ComplaintStatus::ReportedBack),
            ComplaintStatus::ReportedBack => None,
        }
    }

    /// When the next step is due. Seed 003: take a complaint up at once, solve it within
    /// days, and tell the customer what was done soon after; severe ones go faster.
    pub fn next_due(&self) -> Option<Date> {
        let fast = self.severity == Severity::High;
        let after = super::dates::plus_days;
        match self.next_step()? {
            ComplaintStatus::Investigating => Some(after(self.received, if fast { 1 } else { 2 })),
            ComplaintStatus::Resolved => Some(after(self.received, if fast { 7 } else { 14 })),
            ComplaintStatus::ReportedBack => self.resolved_on.map(|r| after(r, 3)),
            ComplaintStatus::Received => None,
        }
    }

    pub fn is_overdue(&self, today: Date) -> bool {
        self.next_due().is_some_and(|due| due < today)
    }

    /// The complaint with its next step done on `on`.
    pub fn advanced(&self, on: Date) -> Option<Complaint> {
        let mut next = self.clone();
        match self.next_step()? {
            ComplaintStatus::Investigating => next.investigating_on = Some(on),
            ComplaintStatus::Resolved => next.resolved_on = Some(on),
            ComplaintStatus::ReportedBack => next.reported_back_on = Some(on),
            ComplaintStatus::Received => return None,
        }
        Some(next)
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Date {
        Date::from_ymd_opt(2026, 11, d).expect("valid")
    }

    #[test]
    fn steps_come_due_in_order_and_can_be_overdue() {
        let mut c = Complaint {
            received: day(1),
            subject: "送货延迟".into(),
            ..Complaint::default()
        };
        assert_eq!(c.next_step(), Some(ComplaintStatus::Investigating));
        assert_eq!(c.next_due(), Some(day(3)));
        assert!(c.is_overdue(day(4)));
        assert!(!c.is_overdue(day(3)));
        c = c.advanced(day(2)).expect("investigating");
        assert_eq!(c.next_due(), Some(day(15)));
        c = c.advanced(day(10)).expect("resolved");
        assert_eq!(c.status(), ComplaintStatus::Resolved);
        assert_eq!(c.next_due(), Some(day(13)));
        c = c.advanced(day(12)).expect("reported back");
        assert_eq!(c.status(), ComplaintStatus::ReportedBack);
        assert_eq!(c.next_step(), None);
        assert!(c.advanced(day(13)).is_none());
        assert!(c.validate(day(22)).is_ok());
    }

    #[test]
    fn a_step_before_the_previous_one_is_refused() {
        let c = Complaint {
            received: day(10),
            investigating_on: Some(day(9)),
            subject: "质量问题".into(),
            ..Complaint::default()
        };
        assert!(c.validate(day(22)).is_err());
    }
}
