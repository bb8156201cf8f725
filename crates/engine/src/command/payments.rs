//! The payment plan's commands (回款计划): plan an instalment, record a payment, void
//! one. Their rules live here so that no screen can break them: a payment is positive,
//! never exceeds what is still owed and never lands on a void instalment, so what has
//! been received only ever goes up; an instalment paid in full cannot be voided.

use super::Change;
use crate::book::Book;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::money::Money;
use crate::records::{check_not_future, CustomerId, Instalment, InstalmentId, Record, RecordKind};
use crate::Date;

impl Book {
    pub(super) fn plan_instalment(
        &self,
        customer: CustomerId,
        due: Date,
        amount: Money,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let instalment = Record::Instalment(Instalment {
            id: InstalmentId(change.allocate()?),
            customer,
            due,
            amount,
            ..Instalment::default()
        });
        instalment.validate(today)?;
        self.check_references(&instalment)?;
        change.created = Some(instalment.key());
        change.puts.push(instalment);
        Ok(())
    }

    pub(super) fn plan_payment(
        &self,
        id: InstalmentId,
        amount: Money,
        on: Date,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self.instalment(id)?;
        if before.void {
            return Err(BookError::invalid(Field::Paid, Problem::Void));
        }
        if amount <= Money::ZERO {
            let problem = if amount < Money::ZERO {
                Problem::Negative
            } else {
                Problem::Required
            };
            return Err(BookError::invalid(Field::Paid, problem));
        }
        crate::records::dates::check_years(&[(Field::PaidOn, Some(on))])?;
        check_not_future(Field::PaidOn, on, today)?;
        if amount > before.outstanding() {
            return Err(BookError::invalid(Field::Paid, Problem::PaidAboveAmount));
        }
        let mut after = before.clone();
        // Bounded: at most the instalment's amount, itself capped by validation.
        after.paid = before.paid + amount;
        after.paid_on = Some(before.paid_on.map_or(on, |latest| latest.max(on)));
        let after = Record::Instalment(after);
        after.validate(today)?;
        change.before.push(Record::Instalment(before.clone()));
        change.puts.push(after);
        Ok(())
    }

    pub(super) fn plan_void_instalment(
        &self,
        id: InstalmentId,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self.instalment(id)?;
        if before.void {
            return Err(BookError::invalid(Field::Status, Problem::Void));
        }
        if before.outstanding() == Money::ZERO {
            return Err(BookError::invalid(Field::Status, Problem::AlreadyPaid));
        }
        let mut after = before.clone();
        after.void = true;
        change.before.push(Record::Instalment(before.clone()));
        change.puts.push(Record::Instalment(after));
        Ok(())
    }

    fn instalment(&self, id: InstalmentId) -> BookResult<&Instalment> {
        self.instalments.get(id.0).ok_or(BookError::NotFound {
            kind: RecordKind::Instalment,
            id: id.0,
        })
    }
}
