//! Saving a customer from its form: the customer and its owner together, as one change
//! (before, a create was followed by an owner assignment, and a refused owner left a
//! customer saved without one).

use super::Change;
use crate::book::Book;
use crate::error::{BookError, BookResult};
use crate::records::{
    Customer, CustomerId, Record, RecordKind, Relationship, RelationshipId, RelationshipRole,
    StaffId,
};
use crate::Date;

impl Book {
    /// A new customer and, if named, its owner from today.
    pub(super) fn plan_create_customer(
        &self,
        customer: &Customer,
        owner: Option<StaffId>,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let mut customer = customer.clone();
        customer.id = CustomerId(change.allocate()?);
        let record = Record::Customer(customer.clone());
        record.validate(today)?;
        change.created = Some(record.key());
        change.puts.push(record);
        if let Some(staff) = owner {
            let relationship = self.new_owner(customer.id, staff, today, change)?;
            change.puts.push(relationship);
        }
        Ok(())
    }

    /// `staff` as the owner of a customer this change creates, from today.
    pub(super) fn new_owner(
        &self,
        customer: CustomerId,
        staff: StaffId,
        today: Date,
        change: &mut Change,
    ) -> BookResult<Record> {
        self.check_staff_can_own(staff, today)?;
        let relationship = Record::Relationship(Relationship {
            id: RelationshipId(change.allocate()?),
            customer,
            staff,
            role: RelationshipRole::Owner,
            since: today,
            ..Relationship::default()
        });
        relationship.validate(today)?;
        Ok(relationship)
    }

    /// The customer's fields as edited and, if the owner changed, the new owner from
    /// today (the previous owner's relationship ending today).
    pub(super) fn plan_edit_customer(
        &self,
        customer: &Customer,
        owner: Option<StaffId>,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self
            .customers
            .get(customer.id.0)
            .ok_or(BookError::NotFound {
                kind: RecordKind::Customer,
                id: customer.id.0,
            })?;
        let record = Record::Customer(customer.clone());
        self.plan_replace(Record::Customer(before.clone()), record, today, change)?;
        if self.owner_of(customer.id) != owner {
            self.plan_assign_owner(customer.id, owner, today, today, change)?;
        }
        Ok(())
    }
}
