//! Turning a reviewed plan into one change: new owners from today, and per customer a
//! tracked handover with its dated checklist (seed 000), so nothing is half-applied.

use super::handover::{handover_steps, HandoverSchedule, StepOwner};
use super::plan::{Plan, PlanKind};
use crate::book::Book;
use crate::command::Command;
use crate::records::*;
use crate::Date;

/// The most senior colleague who can go along on visits: a director or senior manager
/// active on `on`, other than the two sides of the handover.
fn senior(book: &Book, on: Date, exclude: &[Option<StaffId>]) -> Option<StaffId> {
    book.staff()
        .iter()
        .filter(|s| matches!(s.role, StaffRole::SeniorManager | StaffRole::Director))
        .filter(|s| s.status.is_active_on(on) && !exclude.contains(&Some(s.id)))
        .max_by_key(|s| (s.seniority_years(on), std::cmp::Reverse(s.id)))
        .map(|s| s.id)
}

/// The note to the customer, from a template with `{customer}`, `{from}` and `{to}`,
/// cut to what a message may hold.
pub fn draft_message(
    book: &Book,
    template: &str,
    customer: CustomerId,
    from: Option<StaffId>,
    to: StaffId,
) -> String {
    let name = |s: Option<StaffId>| {
        s.and_then(|s| book.staff().get(s.0))
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let customer = book
        .customers()
        .get(customer.0)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    template
        .replace("{customer}", &customer)
        .replace("{from}", &name(from))
        .replace("{to}", &name(Some(to)))
        .chars()
        .take(MAX_MESSAGE)
        .collect()
}

/// Until when a departing owner keeps read-only access by default: the schedule's days
/// after the leaving day; `None` for plans where the owner stays, or with 0 days.
pub fn default_former_until(plan: &Plan, schedule: &HandoverSchedule) -> Option<Date> {
    let departure = matches!(plan.kind, PlanKind::Departure { .. });
    (departure && schedule.former_access_days > 0)
        .then(|| crate::records::dates::plus_days(plan.on, i64::from(schedule.former_access_days)))
}

/// One batch: each customer to its successor from `today`, and a handover record with
/// the checklist dated from the plan's day. `message` is the customer note's template.
/// With `former_until` after today, a departing owner stays on each customer's team,
/// read-only, until that day.
pub fn apply_plan(
    book: &Book,
    plan: &Plan,
    today: Date,
    schedule: &HandoverSchedule,
    message: &str,
    former_until: Option<Date>,
) -> Command {
    let (reason, stays) = match plan.kind {
        PlanKind::Departure { .. } => (HandoverReason::Departure, false),
        PlanKind::Periodic => (HandoverReason::Rotation, true),
        PlanKind::Rebalance => (HandoverReason::Rebalance, true),
    };
    let steps = handover_steps(plan.on, today, stays, schedule);
    let mut commands = Vec::with_capacity(plan.lines.len() * 2);
    for line in &plan.lines {
        let senior = senior(book, today, &[line.from, Some(line.to)]);
        commands.push(Command::AssignOwner {
            customer: line.customer,
            staff: Some(line.to),
            on: today,
        });
        let steps = steps
            .iter()
            .map(|s| HandoverStep {
                kind: s.kind,
                due: s.due,
                // The new owner asks how it is going: the satisfaction checks are theirs.
                staff: match s.by {
                    _ if matches!(
                        s.kind,
                        HandoverStepKind::CheckAfter30 | HandoverStepKind::CheckAfter90
                    ) =>
                    {
                        Some(line.to)
                    }
                    StepOwner::Leaver => line.from,
                    StepOwner::Successor => Some(line.to),
                    StepOwner::Senior => senior.or(Some(line.to)),
                },
                done: None,
            })
            .collect();
        if let (false, Some(from), Some(until)) = (stays, line.from, former_until) {
            if until > today {
                commands.push(Command::Create {
                    record: Record::Relationship(Relationship {
                        customer: line.customer,
                        staff: from,
                        role: RelationshipRole::Former,
                        since: today,
                        expires: Some(until),
                        ..Relationship::default()
                    }),
                });
            }
        }
        commands.push(Command::Create {
            record: Record::Handover(Handover {
                customer: line.customer,
                from: line.from,
                to: line.to,
                on: plan.on,
                reason,
                steps,
                message: draft_message(book, message, line.customer, line.from, line.to),
                ..Handover::default()
            }),
        });
    }
    Command::Batch { commands }
}

/// Records where a handover stands with the customer. A refusal gives the customer back
/// to the previous owner while they are still here (or to the pool once they are gone),
/// so the next plan places that customer again with someone else.
pub fn set_handover_status(
    book: &Book,
    handover: HandoverId,
    status: HandoverStatus,
    today: Date,
) -> Option<Command> {
    let mut h = book.handovers().get(handover.0)?.clone();
    if h.status == status {
        return None;
    }
    h.status = status;
    h.status_on = Some(today);
    let customer = h.customer;
    let back_to = h.from.filter(|from| {
        book.staff()
            .get(from.0)
            .is_some_and(|s| s.status.is_active_on(today))
    });
    let mut commands = vec![Command::Update {
        record: Record::Handover(h),
    }];
    if status == HandoverStatus::Refused {
        commands.push(Command::AssignOwner {
            customer,
            staff: back_to,
            on: today,
        });
    }
    Some(Command::Batch { commands })
}

/// Ticks one checklist step done today (or undone).
pub fn tick_handover_step(
    book: &Book,
    handover: HandoverId,
    index: usize,
    done: bool,
    today: Date,
) -> Option<Command> {
    let mut h = book.handovers().get(handover.0)?.clone();
    h.steps.get_mut(index)?.done = done.then_some(today);
    Some(Command::Update {
        record: Record::Handover(h),
    })
}
