use super::{
    check_len, check_name, check_not_future, AnnouncementId, CustomerId, MAX_NAME, MAX_TEXT,
};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

/// What changed (seed 003: customers hear of policy, price and product changes from us,
/// not from a competitor).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    #[default]
    Policy,
    Price,
    Product,
}

impl AnnouncementKind {
    pub const ALL: [AnnouncementKind; 3] = [
        AnnouncementKind::Policy,
        AnnouncementKind::Price,
        AnnouncementKind::Product,
    ];
}

/// One customer told, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Told {
    pub customer: CustomerId,
    pub on: Date,
}

/// A change to tell customers about (通知), with who has been told.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: AnnouncementId,
    pub date: Date,
    #[serde(default)]
    pub kind: AnnouncementKind,
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub told: Vec<Told>,
}

impl Announcement {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_name(Field::Title, &self.title, MAX_NAME)?;
        check_len(Field::Notes, &self.text, MAX_TEXT)?;
        check_not_future(Field::Date, self.date, today)?;
        let mut seen: Vec<CustomerId> = self.told.iter().map(|t| t.customer).collect();
        seen.sort();
        seen.dedup();
        if seen.len() != self.told.len() {
            return Err(BookError::invalid(Field::Customer, Problem::Duplicate));
        }
        for told in &self.told {
            check_not_future(Field::Date, told.on, today)?;
        }
        Ok(())
    }

    pub fn was_told(&self, customer: CustomerId) -> bool {
        self.told.iter().any(|t| t.customer == customer)
    }
}
