use super::{check_not_before, check_not_future, CustomerId, RelationshipId, StaffId};
use crate::error::{BookResult, Field};
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
}

impl Relationship {
    pub fn is_live(&self) -> bool {
        self.until.is_none()
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        check_not_future(Field::Since, self.since, today)?;
        if let Some(until) = self.until {
            check_not_before(Field::Date, until, Field::Since, self.since)?;
            check_not_future(Field::Date, until, today)?;
        }
        Ok(())
    }
}
