use super::{check_len, check_name, check_not_future, CustomerId, MAX_NAME, MAX_TEXT};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    #[default]
    Company,
    Person,
}

/// A, B, C: how much attention a customer gets; A is the most valuable.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Tier {
    A,
    B,
    #[default]
    C,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerStatus {
    #[default]
    Active,
    AtRisk,
    Lost,
    WonBack,
}

impl CustomerStatus {
    pub const ALL: [CustomerStatus; 4] = [
        CustomerStatus::Active,
        CustomerStatus::AtRisk,
        CustomerStatus::Lost,
        CustomerStatus::WonBack,
    ];
}

/// Longest phone field kept: several numbers in one ("0571-8888 8888 转 123").
pub const MAX_PHONE: usize = 60;
/// Longest address kept.
pub const MAX_ADDRESS: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    #[serde(default)]
    pub kind: CustomerKind,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub tier: Tier,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub status: CustomerStatus,
    pub since: Date,
    #[serde(default)]
    pub notes: String,
    /// Seed 001 #6: customers the business must not lose, whatever their score.
    #[serde(default)]
    pub cannot_lose: bool,
    /// Customers this one brought to us (indirect value, seed 004).
    #[serde(default)]
    pub referrals: u32,
    /// Locked (锁定): kept by its owner whatever the pool rules say, where the rules
    /// exempt locked customers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
    /// The company's own number (总机), beside its contacts' numbers: one tap to call from
    /// a tablet at the door. Not written when empty, so older books read and write alike.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// Where the customer is, for a visit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
}

impl Customer {
    pub fn new(name: impl Into<String>, since: Date) -> Customer {
        Customer {
            name: name.into(),
            since,
            ..Customer::default()
        }
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_name(Field::Name, &self.name, MAX_NAME)?;
        check_len(Field::Industry, &self.industry, MAX_NAME)?;
        check_len(Field::Region, &self.region, MAX_NAME)?;
        check_len(Field::Notes, &self.notes, MAX_TEXT)?;
        check_len(Field::Phone, &self.phone, MAX_PHONE)?;
        check_len(Field::Address, &self.address, MAX_ADDRESS)?;
        check_not_future(Field::Since, self.since, today)?;
        if self.tags.iter().any(|t| t.trim().is_empty()) {
            return Err(BookError::invalid(Field::Tags, Problem::Required));
        }
        for tag in &self.tags {
            check_len(Field::Tags, tag, 40)?;
        }
        Ok(())
    }
}
