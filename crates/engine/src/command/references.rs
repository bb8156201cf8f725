//! Which records name a record: the one answer every command uses to keep references
//! whole. Before, delete, undo and batches each had their own list, and they disagreed
//! (undo could remove a staff member a task still named; an order could be deleted from
//! under its instalments).

use crate::book::{Book, Row};
use crate::records::{ContactId, CustomerId, OrderId, Record, RecordKey, RecordKind, StaffId};

impl Book {
    /// Every record that names `key` (a customer's whole file for a customer).
    pub(crate) fn users_of(&self, key: RecordKey) -> Vec<RecordKey> {
        match key.kind {
            RecordKind::Customer => self
                .customer_file(CustomerId(key.id))
                .iter()
                .map(Record::key)
                .filter(|k| *k != key)
                .collect(),
            RecordKind::Staff => {
                let staff = StaffId(key.id);
                let mut users: Vec<RecordKey> = self
                    .relationships
                    .of_staff(staff)
                    .map(Row::row_key)
                    .chain(self.orders.of_staff(staff).map(Row::row_key))
                    .chain(self.interactions.of_staff(staff).map(Row::row_key))
                    .chain(self.tasks.of_staff(staff).map(Row::row_key))
                    .collect();
                users.extend(
                    self.handovers
                        .iter()
                        .filter(|h| {
                            h.to == staff
                                || h.from == Some(staff)
                                || h.steps.iter().any(|s| s.staff == Some(staff))
                        })
                        .map(Row::row_key),
                );
                users.extend(
                    self.winback_cases
                        .iter()
                        .filter(|w| {
                            w.owner == Some(staff)
                                || w.actions.iter().any(|a| a.staff == Some(staff))
                        })
                        .map(Row::row_key),
                );
                users
            }
            RecordKind::Contact => {
                let Some(contact) = self.contacts.get(key.id) else {
                    return Vec::new();
                };
                let id = Some(ContactId(key.id));
                self.interactions
                    .of_customer(contact.customer)
                    .filter(|i| i.contact == id)
                    .map(Row::row_key)
                    .chain(
                        self.key_dates
                            .of_customer(contact.customer)
                            .filter(|k| k.contact == id)
                            .map(Row::row_key),
                    )
                    .chain(
                        self.contacts
                            .of_customer(contact.customer)
                            .filter(|c| c.reports_to == id)
                            .map(Row::row_key),
                    )
                    .collect()
            }
            RecordKind::Order => {
                let Some(order) = self.orders.get(key.id) else {
                    return Vec::new();
                };
                let id = Some(OrderId(key.id));
                self.instalments
                    .of_customer(order.customer)
                    .filter(|i| i.order == id)
                    .map(Row::row_key)
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}
