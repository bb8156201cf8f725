use super::{check_len, check_not_future, CustomerId, InstalmentId, OrderId, MAX_TEXT};
use crate::error::{BookError, BookResult, Field, Problem};
use crate::money::Money;
use crate::Date;
use serde::{Deserialize, Serialize};

/// Where an instalment stands as of a day; derived, never stored, so it cannot go stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentStatus {
    Pending,
    PartlyPaid,
    Paid,
    Overdue,
    Void,
}

/// One planned payment of a payment plan (回款计划): how much, by when, and what came in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Instalment {
    pub id: InstalmentId,
    pub customer: CustomerId,
    #[serde(default)]
    pub order: Option<OrderId>,
    pub due: Date,
    pub amount: Money,
    /// Received so far, and the day of the latest payment.
    #[serde(default)]
    pub paid: Money,
    #[serde(default)]
    pub paid_on: Option<Date>,
    #[serde(default)]
    pub void: bool,
    #[serde(default)]
    pub note: String,
}

impl Instalment {
    pub fn status(&self, today: Date) -> InstalmentStatus {
        if self.void {
            InstalmentStatus::Void
        } else if self.paid >= self.amount {
            InstalmentStatus::Paid
        } else if self.due < today {
            InstalmentStatus::Overdue
        } else if self.paid > Money::ZERO {
            InstalmentStatus::PartlyPaid
        } else {
            InstalmentStatus::Pending
        }
    }

    /// Still to come in: nothing once paid in full or void.
    pub fn outstanding(&self) -> Money {
        if self.void || self.paid >= self.amount {
            Money::ZERO
        } else {
            self.amount - self.paid
        }
    }

    pub fn validate(&self, today: Date) -> BookResult<()> {
        super::dates::check_years(&self.dates())?;
        super::dates::check_amounts(&self.amounts())?;
        if self.amount <= Money::ZERO {
            let problem = if self.amount < Money::ZERO {
                Problem::Negative
            } else {
                Problem::Required
            };
            return Err(BookError::invalid(Field::Amount, problem));
        }
        if self.paid < Money::ZERO {
            return Err(BookError::invalid(Field::Paid, Problem::Negative));
        }
        if self.paid > self.amount {
            return Err(BookError::invalid(Field::Paid, Problem::PaidAboveAmount));
        }
        match self.paid_on {
            Some(on) => check_not_future(Field::PaidOn, on, today)?,
            None if self.paid > Money::ZERO => {
                return Err(BookError::invalid(Field::PaidOn, Problem::Required));
            }
            None => {}
        }
        check_len(Field::Notes, &self.note, MAX_TEXT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Date {
        Date::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    #[test]
    fn the_status_follows_the_payments_and_the_day() {
        let mut i = Instalment {
            due: day(20),
            amount: Money(100_000),
            ..Instalment::default()
        };
        assert_eq!(i.status(day(19)), InstalmentStatus::Pending);
        assert_eq!(i.status(day(21)), InstalmentStatus::Overdue);
        i.paid = Money(40_000);
        i.paid_on = Some(day(18));
        assert_eq!(i.status(day(19)), InstalmentStatus::PartlyPaid);
        assert_eq!(i.status(day(21)), InstalmentStatus::Overdue);
        assert_eq!(i.outstanding(), Money(60_000));
        i.paid = Money(100_000);
        assert_eq!(i.status(day(21)), InstalmentStatus::Paid);
        assert_eq!(i.outstanding(), Money::ZERO);
        i.paid = Money::ZERO;
        i.void = true;
        assert_eq!(i.status(day(21)), InstalmentStatus::Void);
        assert_eq!(i.outstanding(), Money::ZERO);
    }

    #[test]
    fn amounts_and_payments_are_checked() {
        let field = |i: &Instalment| match i.validate(day(22)) {
            Err(BookError::Invalid { field, problem }) => Some((field, problem)),
            _ => None,
        };
        let mut i = Instalment {
            due: day(30),
            amount: Money::ZERO,
            ..Instalment::default()
        };
        assert_eq!(field(&i), Some((Field::Amount, Problem::Required)));
        i.amount = Money(50_000);
        assert_eq!(field(&i), None, "a due date ahead is fine");
        i.paid = Money(60_000);
        assert_eq!(field(&i), Some((Field::Paid, Problem::PaidAboveAmount)));
        i.paid = Money(10_000);
        assert_eq!(field(&i), Some((Field::PaidOn, Problem::Required)));
        i.paid_on = Some(day(23));
        assert_eq!(field(&i), Some((Field::PaidOn, Problem::InFuture)));
        i.paid_on = Some(day(21));
        assert_eq!(field(&i), None);
    }
}
