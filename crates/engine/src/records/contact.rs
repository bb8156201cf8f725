use super::{check_len, check_name, check_not_future, ContactId, CustomerId, MAX_NAME, MAX_TEXT};
use crate::error::{BookResult, Field};
use crate::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Phone,
    WeChat,
    Email,
    Visit,
    Sms,
}

/// A person at the customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub customer: CustomerId,
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub birthday: Option<Date>,
    #[serde(default)]
    pub channel: Channel,
    #[serde(default)]
    pub decision_maker: bool,
    /// Whom they report to at the customer (直属上级).
    #[serde(default)]
    pub reports_to: Option<ContactId>,
    #[serde(default)]
    pub notes: String,
}

impl Contact {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        check_name(Field::Name, &self.name, MAX_NAME)?;
        check_len(Field::Title, &self.title, MAX_NAME)?;
        check_len(Field::Phone, &self.phone, 40)?;
        check_len(Field::Email, &self.email, MAX_NAME)?;
        check_len(Field::Notes, &self.notes, MAX_TEXT)?;
        if let Some(birthday) = self.birthday {
            check_not_future(Field::Birthday, birthday, today)?;
        }
        Ok(())
    }
}
