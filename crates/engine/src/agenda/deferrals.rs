//! Routine entries put off (推迟一周) or let go with a reason (不必办): what the stored
//! [`Deferral`]s do to the entries the rules compute.

use super::{AgendaItem, ItemFacts, ItemKind};
use crate::book::Book;
use crate::command::Command;
use crate::records::*;
use crate::Date;

/// The routine duty an entry is, when it can be put off or let go: only entries that
/// follow from a rule and belong to a customer. A task or an agreed next contact moves
/// its own date instead (see [`super::reschedule`]).
pub fn duty_of(item: &AgendaItem) -> Option<Duty> {
    item.customer?;
    Some(match item.kind {
        ItemKind::ContactCadence => Duty::ContactCadence,
        ItemKind::SurveyDue => Duty::SurveyDue,
        ItemKind::ReturnVisit => Duty::ReturnVisit,
        ItemKind::Birthday => Duty::Birthday,
        ItemKind::KeyDate => Duty::KeyDate,
        _ => return None,
    })
}

/// Whether an entry can be put off a week or let go from the agenda.
pub fn can_defer(item: &AgendaItem) -> bool {
    duty_of(item).is_some()
}

/// The change that puts a routine entry off to `to` (the agenda's "not this week"); it
/// comes back on that day. `None` for an entry that cannot be put off or a day that is
/// not after `today`.
pub fn put_off(book: &Book, item: &AgendaItem, to: Date, today: Date) -> Option<Command> {
    if to <= today {
        return None;
    }
    deferral(book, item, today, Some(to), None)
}

/// The change that lets a routine entry go for `reason`: a birthday, a key date or a
/// return visit happens once and does not come back; a cadence contact or a survey
/// comes back after one cycle, counted from today, unless it is done before.
pub fn let_go(book: &Book, item: &AgendaItem, today: Date, reason: LetGoReason) -> Option<Command> {
    let cycle = match &item.facts {
        ItemFacts::ContactCadence { cadence_days, .. } => Some(*cadence_days),
        ItemFacts::SurveyDue { interval_days, .. } => Some(*interval_days),
        _ => None,
    };
    let until = match cycle {
        Some(days) => Some(super::shift(today, i64::from(days.max(1)))?),
        None => None,
    };
    deferral(book, item, today, until, Some(reason))
}

fn deferral(
    book: &Book,
    item: &AgendaItem,
    today: Date,
    until: Option<Date>,
    reason: Option<LetGoReason>,
) -> Option<Command> {
    let duty = duty_of(item)?;
    let customer = item.customer?;
    // An entry already put off shows on the day it comes back; the new deferral covers
    // the day it was first due, so that a newer occurrence is never swallowed.
    let due =
        latest(book, customer, duty, |d| d.until == Some(item.due)).map_or(item.due, |d| d.due);
    Some(Command::Create {
        record: Record::Deferral(Deferral {
            customer,
            duty,
            due,
            made: today,
            until,
            reason,
            ..Deferral::default()
        }),
    })
}

/// The customer's latest deferral of `duty` that `keep` accepts: a later choice
/// overrides an earlier one.
fn latest(
    book: &Book,
    customer: CustomerId,
    duty: Duty,
    keep: impl Fn(&Deferral) -> bool,
) -> Option<&Deferral> {
    book.deferrals()
        .of_customer(customer)
        .filter(|d| d.duty == duty && keep(d))
        .max_by_key(|d| (d.made, d.id))
}

/// Moves put-off entries to the day they come back and drops those let go. The latest
/// deferral covering an entry decides, so putting off again overrides the first choice.
pub(super) fn apply(book: &Book, today: Date, items: &mut Vec<AgendaItem>) {
    if book.deferrals().is_empty() {
        return;
    }
    items.retain_mut(|item| {
        let (Some(customer), Some(duty)) = (item.customer, duty_of(item)) else {
            return true;
        };
        let covering = latest(book, customer, duty, |d| item.due <= d.due);
        match covering.map(|d| (d.until, d.reason)) {
            None => true,
            Some((None, _)) => false,
            Some((Some(until), Some(_))) if until > today => false,
            Some((Some(until), _)) => {
                item.due = item.due.max(until);
                true
            }
        }
    });
}
