//! Marking an agenda entry done: it logs what was done on the customer's timeline, and
//! for a task or a handover step also ticks it off, in one change.

use super::{AgendaItem, ItemFacts};
use crate::command::Command;
use crate::records::*;
use crate::register::NextAction;
use crate::Date;

/// The interaction that doing an entry amounts to, or `None` when the entry is done
/// some other way (a survey is recorded with its score, a complaint advances a step,
/// a festival is a greeting to each customer).
fn interaction_kind(item: &AgendaItem) -> Option<InteractionKind> {
    Some(match &item.facts {
        ItemFacts::Birthday { .. } | ItemFacts::KeyDate { .. } => InteractionKind::Greeting,
        ItemFacts::ContactCadence { .. } => InteractionKind::Call,
        ItemFacts::HandoverStep { step, .. } => match step {
            HandoverStepKind::TellCustomer | HandoverStepKind::CheckAfter30 => {
                InteractionKind::Call
            }
            HandoverStepKind::CheckAfter90 => InteractionKind::ReturnVisit,
            _ => InteractionKind::Visit,
        },
        ItemFacts::Task { action, .. } => match action {
            Some(NextAction::CallAboutReorder | NextAction::ReportBackOutcome) => {
                InteractionKind::Call
            }
            Some(NextAction::RunSurvey) => InteractionKind::ReturnVisit,
            _ => InteractionKind::Visit,
        },
        ItemFacts::WinbackAction { .. } => InteractionKind::Visit,
        // Getting back as agreed: the same way as last time, unless that was a gift,
        // an event or a greeting, which were not the conversation promised.
        ItemFacts::NextContact { made_by, .. } => match made_by {
            InteractionKind::Visit
            | InteractionKind::Call
            | InteractionKind::Message
            | InteractionKind::ReturnVisit => *made_by,
            InteractionKind::Gift | InteractionKind::Event | InteractionKind::Greeting => {
                InteractionKind::Call
            }
        },
        ItemFacts::Announcement { .. } => InteractionKind::Call,
        // A call restarts the follow-up clock; only an order restarts the order clock.
        ItemFacts::PoolWarning {
            rule: RecycleRule::NoFollowUp,
            ..
        } => InteractionKind::Call,
        ItemFacts::Festival { .. }
        | ItemFacts::Instalment { .. }
        | ItemFacts::PoolWarning { .. }
        | ItemFacts::ReturnVisit { .. }
        | ItemFacts::SurveyDue { .. }
        | ItemFacts::ComplaintStep { .. }
        | ItemFacts::ComplaintReportBack { .. } => return None,
    })
}

/// What to record on the customer's page to do an entry that is not ticked off from the
/// agenda itself: a survey for a survey or a return visit, the call that reports a
/// complaint's outcome, the order that keeps a customer out of the pool. `None` when
/// the work is elsewhere on the page (a complaint's next step, an instalment's payment)
/// or the entry is ticked off from the agenda.
pub fn record_to_log(item: &AgendaItem) -> Option<RecordKind> {
    if can_complete(item) || item.customer.is_none() {
        return None;
    }
    match &item.facts {
        ItemFacts::SurveyDue { .. } | ItemFacts::ReturnVisit { .. } => Some(RecordKind::Survey),
        ItemFacts::ComplaintReportBack { .. } => Some(RecordKind::Interaction),
        ItemFacts::PoolWarning { .. } => Some(RecordKind::Order),
        _ => None,
    }
}

/// Whether an entry can be ticked off from the agenda itself.
pub fn can_complete(item: &AgendaItem) -> bool {
    matches!(item.facts, ItemFacts::Task { .. })
        || (item.customer.is_some() && interaction_kind(item).is_some())
}

/// The change that marks `item` done today by `staff`, logging `summary` (the entry in
/// the user's words) on the customer's timeline. `None` when the entry is not done from
/// the agenda (see [`can_complete`]) or its record is gone.
pub fn complete(
    book: &crate::Book,
    item: &AgendaItem,
    today: Date,
    staff: Option<StaffId>,
    summary: &str,
) -> Option<Command> {
    let mut commands = Vec::new();
    if let (Some(customer), Some(kind)) = (item.customer, interaction_kind(item)) {
        let contact = match &item.facts {
            ItemFacts::Birthday { contact, .. } | ItemFacts::KeyDate { contact, .. } => *contact,
            _ => None,
        };
        commands.push(Command::Create {
            record: Record::Interaction(Interaction {
                customer,
                date: today,
                kind,
                staff: staff.or(item.staff),
                contact,
                summary: summary.chars().take(crate::records::MAX_TEXT).collect(),
                ..Interaction::default()
            }),
        });
    }
    match &item.facts {
        ItemFacts::Task { task, .. } => {
            let mut t = book.tasks().get(task.0)?.clone();
            t.done = Some(today);
            commands.push(Command::Update {
                record: Record::Task(t),
            });
        }
        ItemFacts::HandoverStep {
            handover, index, ..
        } => {
            let mut h = book.handovers().get(handover.0)?.clone();
            h.steps.get_mut(*index)?.done = Some(today);
            commands.push(Command::Update {
                record: Record::Handover(h),
            });
        }
        ItemFacts::WinbackAction { case, index, .. } => {
            let mut c = book.winback_cases().get(case.0)?.clone();
            c.actions.get_mut(*index)?.done = Some(today);
            commands.push(Command::Update {
                record: Record::WinbackCase(c),
            });
        }
        ItemFacts::Announcement { announcement, .. } => {
            let mut a = book.announcements().get(announcement.0)?.clone();
            let customer = item.customer?;
            if !a.was_told(customer) {
                a.told.push(Told {
                    customer,
                    on: today,
                });
            }
            commands.push(Command::Update {
                record: Record::Announcement(a),
            });
        }
        _ if commands.is_empty() => return None,
        _ => {}
    }
    Some(Command::Batch { commands })
}

/// Days a snoozed entry moves on: a week, the rep's usual "not this week".
pub const SNOOZE_DAYS: i64 = 7;

/// Whether an entry can be moved to another day from the agenda (issue 18.2): what a
/// person planned (a task) or agreed with the customer (a next contact) has a date of
/// its own to move; routine entries follow from their rule and cannot.
pub fn can_reschedule(item: &AgendaItem) -> bool {
    matches!(
        item.facts,
        ItemFacts::Task { .. } | ItemFacts::NextContact { .. }
    )
}

/// The change that moves `item` to `to`, one change with one undo: the task's due day,
/// or the next contact the follow-up agreed. `None` for an entry that cannot be moved
/// (see [`can_reschedule`]), a day before `today`, or a record that is gone.
pub fn reschedule(book: &crate::Book, item: &AgendaItem, to: Date, today: Date) -> Option<Command> {
    if to < today {
        return None;
    }
    let record = match &item.facts {
        ItemFacts::Task { task, .. } => {
            let mut t = book.tasks().get(task.0)?.clone();
            t.due = to;
            Record::Task(t)
        }
        ItemFacts::NextContact { interaction, .. } => {
            let mut i = book.interactions().get(interaction.0)?.clone();
            i.next_contact = Some(to);
            Record::Interaction(i)
        }
        _ => return None,
    };
    Some(Command::Update { record })
}

/// The day a snooze moves `item` to: a week on from its day, or from today when it is
/// overdue.
pub fn snoozed_to(item: &AgendaItem, today: Date) -> Option<Date> {
    super::shift(item.due.max(today), SNOOZE_DAYS)
}
