//! An import's rows as one command: the new records, their owners and contacts, and the customers
//! whose start moves back to their first order — one change, one transaction, one undo.
//! (Before, the records were created first and the owners assigned in a second change
//! by their position in the first: a refused owner left the import half done.)

use super::Change;
use crate::book::Book;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::interchange::csv_import::{ContactAssignment, OwnerAssignment};
use crate::records::{CustomerId, Record};
use crate::Date;

impl Book {
    pub(super) fn plan_import(
        &self,
        records: &[Record],
        owners: &[OwnerAssignment],
        contacts: &[ContactAssignment],
        updates: &[Record],
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let mut created = Vec::with_capacity(records.len());
        for record in records {
            let mut record = record.clone();
            record.set_id(change.allocate()?);
            record.validate(today)?;
            self.check_references(&record)?;
            created.push(record.key());
            change.puts.push(record);
        }
        for owner in owners {
            let customer = created
                .get(owner.index)
                .filter(|key| key.kind == crate::records::RecordKind::Customer)
                .ok_or(BookError::invalid(Field::Customer, Problem::Invalid))?;
            let relationship =
                self.new_owner(CustomerId(customer.id), owner.staff, today, change)?;
            change.puts.push(relationship);
        }
        for assigned in contacts {
            let customer = created
                .get(assigned.index)
                .filter(|key| key.kind == crate::records::RecordKind::Customer)
                .ok_or(BookError::invalid(Field::Customer, Problem::Invalid))?;
            let mut contact = Record::Contact(crate::records::Contact {
                customer: CustomerId(customer.id),
                ..assigned.contact.clone()
            });
            contact.set_id(change.allocate()?);
            contact.validate(today)?;
            change.puts.push(contact);
        }
        for record in updates {
            let before = self.get(record.key()).ok_or(BookError::NotFound {
                kind: record.kind(),
                id: record.id(),
            })?;
            self.plan_replace(before, record.clone(), today, change)?;
        }
        Ok(())
    }
}
