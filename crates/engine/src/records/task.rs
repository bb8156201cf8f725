use super::{check_len, check_not_future, CustomerId, StaffId, TaskId, MAX_NAME};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::register::NextAction;
use crate::Date;
use serde::{Deserialize, Serialize};

/// Something a person means to do, added by hand or from the register's suggested
/// action; the agenda shows it until it is done.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    #[serde(default)]
    pub customer: Option<CustomerId>,
    /// Who is to do it; `None` is the whole team.
    #[serde(default)]
    pub staff: Option<StaffId>,
    pub due: Date,
    /// What to do in the user's words; may be empty when `action` says it.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub action: Option<NextAction>,
    #[serde(default)]
    pub done: Option<Date>,
}

impl Task {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        if self.title.trim().is_empty() && self.action.is_none() {
            return Err(BookError::invalid(Field::Title, Problem::Required));
        }
        check_len(Field::Title, &self.title, MAX_NAME * 2)?;
        if let Some(done) = self.done {
            check_not_future(Field::Date, done, today)?;
        }
        Ok(())
    }
}
