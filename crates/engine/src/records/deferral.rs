use super::{CustomerId, DeferralId};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;
use serde::{Deserialize, Serialize};

/// The routine duties a person may put off (推迟) or let go (不必办) from the agenda.
/// Routine entries follow from a rule (a tier's cadence, a birthday), so there is no
/// record of their own to move: a [`Deferral`] is what is stored instead. Duties with a
/// promise or a deadline behind them (complaints, instalments, pool warnings) are not
/// among them.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    #[default]
    ContactCadence,
    SurveyDue,
    ReturnVisit,
    Birthday,
    KeyDate,
}

/// Why an entry is let go instead of done; the manager reads these on the customer's
/// page, so each says something a rep would say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetGoReason {
    /// The customer asked to be contacted less for now.
    CustomerAsked,
    /// Already in touch another way (a meeting, a group chat, an event).
    InTouchOtherwise,
    /// The duty does not apply to this customer.
    DoesNotApply,
}

impl LetGoReason {
    pub const ALL: [LetGoReason; 3] = [
        LetGoReason::CustomerAsked,
        LetGoReason::InTouchOtherwise,
        LetGoReason::DoesNotApply,
    ];
}

/// A routine agenda entry of one customer put off to a later day, or let go with a
/// reason. It covers the entry due on `due` and any older one of the same duty (a
/// cadence entry keeps its day until the customer is contacted); a newer occurrence (next
/// year's birthday, the cadence after a contact) is not covered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deferral {
    pub id: DeferralId,
    pub customer: CustomerId,
    pub duty: Duty,
    /// The day the entry was due when it was put off.
    pub due: Date,
    /// The day it was put off or let go.
    pub made: Date,
    /// The day the entry comes back; `None` when it is let go for good (a birthday or a
    /// return visit happens once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Why it was let go; `None` for a plain "not this week".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<LetGoReason>,
}

impl Deferral {
    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        super::check_not_future(Field::Date, self.made, today)?;
        if self.until.is_some_and(|u| u <= self.made) {
            return Err(BookError::invalid(
                Field::Due,
                Problem::BeforeDate { other: Field::Date },
            ));
        }
        if self.until.is_none() && self.reason.is_none() {
            return Err(BookError::invalid(Field::Cause, Problem::Required));
        }
        Ok(())
    }
}
