use super::{check_len, check_name, check_not_before, check_not_future, StaffId, MAX_NAME};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    #[default]
    AccountManager,
    SeniorManager,
    AfterSales,
    Director,
}

/// Staff turnover is itself a churn cause (seed 001 #1), so departures are dated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "on")]
pub enum StaffStatus {
    #[default]
    Active,
    Leaving(Date),
    Left(Date),
}

impl StaffStatus {
    pub fn is_active_on(self, day: Date) -> bool {
        match self {
            StaffStatus::Active => true,
            StaffStatus::Leaving(on) | StaffStatus::Left(on) => day < on,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    #[serde(default)]
    pub role: StaffRole,
    pub hire_date: Date,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub industries: Vec<String>,
    /// How many customers this person can look after well.
    #[serde(default)]
    pub capacity: u32,
    #[serde(default)]
    pub status: StaffStatus,
}

impl Staff {
    /// Whole years since hiring, as of `today`.
    pub fn seniority_years(&self, today: Date) -> u32 {
        let days = (today - self.hire_date).num_days().max(0);
        (days / 365) as u32
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_name(Field::Name, &self.name, MAX_NAME)?;
        check_not_future(Field::HireDate, self.hire_date, today)?;
        for text in self.regions.iter().chain(&self.industries) {
            check_len(Field::Region, text, MAX_NAME)?;
        }
        if self.capacity > 5000 {
            return Err(BookError::invalid(
                Field::Capacity,
                Problem::OutOfRange { min: 0, max: 5000 },
            ));
        }
        match self.status {
            StaffStatus::Active => Ok(()),
            StaffStatus::Leaving(on) => {
                check_not_before(Field::LeavingOn, on, Field::HireDate, self.hire_date)
            }
            StaffStatus::Left(on) => {
                check_not_before(Field::LeavingOn, on, Field::HireDate, self.hire_date)?;
                check_not_future(Field::LeavingOn, on, today)
            }
        }
    }
}
