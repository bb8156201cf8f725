use super::{check_not_before, check_not_future, CustomerId, RelationshipId, StaffId};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

/// How a staff member stands to a customer. Several live contact points per customer
/// are the goal (seed 000); the book keeps at most one live owner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipRole {
    #[default]
    Owner,
    Secondary,
    CoFollower,
    AfterSales,
    /// A departed owner who can still look the customer up, read-only, until `expires`,
    /// so questions from the successor reach someone who knows the history.
    Former,
}

/// Which pool rule sent a customer back to the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecycleRule {
    /// No follow-up for the tier's limit.
    NoFollowUp,
    /// No order for the tier's limit.
    NoOrder,
}

/// Why an ownership ended in the pool, kept on the ended relationship so the timeline
/// can say it and the previous owner's bar can be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recycled {
    pub rule: RecycleRule,
    /// Days without the follow-up or order, as counted that day.
    pub idle_days: u32,
    /// The tier's limit then in force.
    pub limit_days: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Relationship {
    pub id: RelationshipId,
    pub customer: CustomerId,
    pub staff: StaffId,
    #[serde(default)]
    pub role: RelationshipRole,
    pub since: Date,
    /// Set when the relationship ended (handover, departure); ended ones are history,
    /// so the day is never in the future: a planned handover is a plan, not a record.
    #[serde(default)]
    pub until: Option<Date>,
    /// Set when a pool rule ended this ownership.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recycled: Option<Recycled>,
    /// The owner took the customer from the pool.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub claimed: bool,
    /// For a former owner: the day their read-only access ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
}

impl Relationship {
    pub fn is_live(&self) -> bool {
        self.until.is_none()
    }

    /// A former owner's read-only access that has not yet expired on `today`.
    pub fn is_former_on(&self, today: Date) -> bool {
        self.role == RelationshipRole::Former
            && self.is_live()
            && self.expires.is_some_and(|e| today < e)
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_not_future(Field::Since, self.since, today)?;
        if let Some(until) = self.until {
            check_not_before(Field::Date, until, Field::Since, self.since)?;
            check_not_future(Field::Date, until, today)?;
        }
        if let Some(expires) = self.expires {
            check_not_before(Field::Due, expires, Field::Since, self.since)?;
        }
        if self.role == RelationshipRole::Former && self.expires.is_none() {
            return Err(BookError::invalid(Field::Due, Problem::Required));
        }
        Ok(())
    }
}
