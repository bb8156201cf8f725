//! Actions on a customer's file that used to be whole-record edits built by the screen:
//! ending a colleague's relationship, taking a complaint to its next step, and marking
//! customers told of an announcement. The engine now owns each rule.

use super::Change;
use crate::book::Book;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::records::{
    check_not_future, AnnouncementId, ComplaintId, CustomerId, Record, RecordKind, RelationshipId,
    RelationshipRole, Told,
};
use crate::Date;

impl Book {
    /// A colleague leaves the customer's team on `on`: not before they joined, not in
    /// the future, not twice; the owner changes only through an owner assignment.
    pub(super) fn plan_end_relationship(
        &self,
        id: RelationshipId,
        on: Date,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self.relationships.get(id.0).ok_or(BookError::NotFound {
            kind: RecordKind::Relationship,
            id: id.0,
        })?;
        if before.role == RelationshipRole::Owner || before.until.is_some() {
            return Err(BookError::invalid(Field::Record, Problem::Invalid));
        }
        check_not_future(Field::Date, on, today)?;
        if on < before.since {
            return Err(BookError::invalid(
                Field::Date,
                Problem::BeforeDate {
                    other: Field::Since,
                },
            ));
        }
        let mut after = before.clone();
        after.until = Some(on);
        let after = Record::Relationship(after);
        after.validate(today)?;
        change.before.push(Record::Relationship(before.clone()));
        change.puts.push(after);
        Ok(())
    }

    /// The complaint's next step (investigating, resolved, reported back) taken on `on`.
    pub(super) fn plan_advance_complaint(
        &self,
        id: ComplaintId,
        on: Date,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self.complaints.get(id.0).ok_or(BookError::NotFound {
            kind: RecordKind::Complaint,
            id: id.0,
        })?;
        let after = before.advanced(on).ok_or(BookError::ComplaintStep {
            from: format!("{:?}", before.status()),
            to: "next".into(),
        })?;
        let after = Record::Complaint(after);
        after.validate(today)?;
        change.before.push(Record::Complaint(before.clone()));
        change.puts.push(after);
        Ok(())
    }

    /// Marks `customers` told of the announcement on `on` (those already told keep their
    /// day), or, with `told` false, not told.
    pub(super) fn plan_mark_told(
        &self,
        id: AnnouncementId,
        customers: &[CustomerId],
        told: bool,
        on: Date,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self.announcements.get(id.0).ok_or(BookError::NotFound {
            kind: RecordKind::Announcement,
            id: id.0,
        })?;
        for customer in customers {
            self.require_customer(*customer)?;
        }
        let mut after = before.clone();
        if told {
            for customer in customers {
                if !after.was_told(*customer) {
                    after.told.push(Told {
                        customer: *customer,
                        on,
                    });
                }
            }
        } else {
            after.told.retain(|t| !customers.contains(&t.customer));
        }
        if after == *before {
            return Ok(());
        }
        let after = Record::Announcement(after);
        after.validate(today)?;
        change.before.push(Record::Announcement(before.clone()));
        change.puts.push(after);
        Ok(())
    }
}
