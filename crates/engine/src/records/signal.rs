use super::{check_len, check_not_future, CustomerId, Severity, SignalId, MAX_TEXT};
use crate::error::{BookResult, Field};
use crate::Date;
use serde::{Deserialize, Serialize};

/// Seed 004 "观象": observed signs that a customer may leave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    StrategyChange,
    ProcurementReform,
    #[default]
    CompetitorApproach,
    CustomerCrisis,
    PricePressure,
    Other,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub id: SignalId,
    pub customer: CustomerId,
    pub date: Date,
    #[serde(default)]
    pub kind: SignalKind,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub note: String,
}

impl Signal {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_not_future(Field::Date, self.date, today)?;
        check_len(Field::Notes, &self.note, MAX_TEXT)
    }
}
