//! Staff and agenda actions as intents: a staff member's status (leaving on a date, gone,
//! active again), and a suggested action put on the agenda of the customer's owner.

use super::Change;
use crate::book::Book;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::records::dates::plus_days;
use crate::records::{CustomerId, Record, RecordKind, StaffId, StaffStatus, Task, TaskId};
use crate::register::NextAction;
use crate::Date;

impl Book {
    pub(super) fn plan_staff_status(
        &self,
        staff: StaffId,
        status: StaffStatus,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        let before = self.staff.get(staff.0).ok_or(BookError::NotFound {
            kind: RecordKind::Staff,
            id: staff.0,
        })?;
        let mut after = before.clone();
        after.status = status;
        let after = Record::Staff(after);
        after.validate(today)?;
        change.before.push(Record::Staff(before.clone()));
        change.puts.push(after);
        Ok(())
    }

    /// The action as a task for the customer's owner (the team if none), due as the
    /// action says; refused if the same action is already open for the customer.
    pub(super) fn plan_add_task(
        &self,
        customer: CustomerId,
        action: NextAction,
        today: Date,
        change: &mut Change,
    ) -> BookResult<()> {
        self.require_customer(customer)?;
        if self
            .tasks
            .of_customer(customer)
            .any(|t| t.done.is_none() && t.action == Some(action))
        {
            return Err(BookError::invalid(Field::Record, Problem::Duplicate));
        }
        let task = Record::Task(Task {
            id: TaskId(change.allocate()?),
            customer: Some(customer),
            staff: self.owner_of(customer),
            due: plus_days(today, action.due_in_days()),
            action: Some(action),
            ..Task::default()
        });
        task.validate(today)?;
        self.check_references(&task)?;
        change.created = Some(task.key());
        change.puts.push(task);
        Ok(())
    }
}
