//! What people committed to: tasks they added (by hand or from the register) and the
//! steps of handovers in progress (seed 000).

use super::{AgendaItem, Context, ItemFacts, ItemKind};
use crate::records::*;

/// Open tasks, whenever due: a task someone chose to add stays until it is done.
pub(super) fn tasks(cx: &Context, out: &mut Vec<AgendaItem>) {
    for task in cx.book.tasks().iter().filter(|t| t.done.is_none()) {
        out.push(AgendaItem {
            due: task.due,
            kind: ItemKind::Task,
            customer: task.customer,
            staff: task.staff,
            facts: ItemFacts::Task {
                task: task.id,
                title: task.title.clone(),
                action: task.action,
            },
        });
    }
}

/// Next contacts agreed at a follow-up and not yet kept (see [`crate::next_contact`]),
/// due the agreed day and shown whenever that is, as a task is: the rep chose the day.
/// They are for whoever agreed on it while they still work here, else the customer's owner.
pub(super) fn next_contacts(cx: &Context, out: &mut Vec<AgendaItem>) {
    for promise in crate::next_contact::open_promises(cx.book, cx.today) {
        let Some(made) = cx.book.interactions().get(promise.interaction.0) else {
            continue;
        };
        out.push(AgendaItem {
            due: promise.due,
            kind: ItemKind::NextContact,
            customer: Some(promise.customer),
            staff: promise
                .staff
                .filter(|s| {
                    cx.book
                        .staff()
                        .get(s.0)
                        .is_some_and(|s| s.status.is_active_on(cx.today))
                })
                .or_else(|| cx.owner(promise.customer)),
            facts: ItemFacts::NextContact {
                interaction: promise.interaction,
                made_on: promise.made_on,
                made_by: made.kind,
                summary: made.summary.clone(),
            },
        });
    }
}

/// Open steps of handovers the customer has not refused or been lost in, for whoever
/// the step names (the successor when it names no one).
pub(super) fn handover_steps(cx: &Context, out: &mut Vec<AgendaItem>) {
    for h in cx.book.handovers().iter() {
        if matches!(h.status, HandoverStatus::Refused | HandoverStatus::Lost) {
            continue;
        }
        for (index, step) in h.steps.iter().enumerate() {
            if step.done.is_some() {
                continue;
            }
            out.push(AgendaItem {
                due: step.due,
                kind: ItemKind::HandoverStep,
                customer: Some(h.customer),
                staff: step.staff.or(Some(h.to)),
                facts: ItemFacts::HandoverStep {
                    handover: h.id,
                    index,
                    step: step.kind,
                    from: h.from,
                    to: h.to,
                },
            });
        }
    }
}

/// Open actions of open win-back cases, for whoever does them (else the case's owner).
pub(super) fn winback_actions(cx: &Context, out: &mut Vec<AgendaItem>) {
    for case in cx.book.winback_cases().iter().filter(|c| c.is_open()) {
        for (index, action) in case.actions.iter().enumerate() {
            if action.done.is_some() {
                continue;
            }
            out.push(AgendaItem {
                due: action.due,
                kind: ItemKind::WinbackAction,
                customer: Some(case.customer),
                staff: action.staff.or(case.owner),
                facts: ItemFacts::WinbackAction {
                    case: case.id,
                    index,
                    what: action.what.clone(),
                },
            });
        }
    }
}

/// Cannot-lose customers not yet told of an announcement (seed 003: they hear it from
/// us first), due the day of the announcement, for the customer's owner.
pub(super) fn announcements(cx: &Context, out: &mut Vec<AgendaItem>) {
    let announcements: Vec<&Announcement> = cx.book.announcements().iter().collect();
    if announcements.is_empty() {
        return;
    }
    let cannot_lose = cx.book.customers().iter().filter(|c| {
        c.status != CustomerStatus::Lost
            && (c.cannot_lose || (cx.settings.top_tier_cannot_lose && c.tier == Tier::A))
    });
    for customer in cannot_lose {
        for a in &announcements {
            if a.was_told(customer.id) || customer.since > a.date {
                continue;
            }
            out.push(AgendaItem {
                due: a.date,
                kind: ItemKind::Announcement,
                customer: Some(customer.id),
                staff: cx.owner(customer.id),
                facts: ItemFacts::Announcement {
                    announcement: a.id,
                    title: a.title.clone(),
                    announcement_kind: a.kind,
                },
            });
        }
    }
}

/// Instalments not yet paid in full, from a few days before they fall due (the duty
/// look-ahead) until paid or void, for the customer's owner.
pub(super) fn instalments(cx: &Context, out: &mut Vec<AgendaItem>) {
    let horizon =
        crate::records::dates::plus_days(cx.today, i64::from(cx.settings.duty_lookahead_days));
    for i in cx.book.instalments().iter() {
        if i.outstanding() == crate::money::Money::ZERO || i.due > horizon {
            continue;
        }
        out.push(AgendaItem {
            due: i.due,
            kind: ItemKind::Instalment,
            customer: Some(i.customer),
            staff: cx.owner(i.customer),
            facts: ItemFacts::Instalment {
                instalment: i.id,
                amount: i.amount,
                outstanding: i.outstanding(),
            },
        });
    }
}

/// Owned customers in the pool rules' warning zone, for their owner, due the day they
/// would return to the pool: a follow-up (or an order) before then keeps them.
pub(super) fn pool_warnings(cx: &Context, out: &mut Vec<AgendaItem>) {
    for clock in crate::pool::warnings(cx.book, &cx.settings.pool, cx.today) {
        out.push(AgendaItem {
            due: clock.recycle_on(cx.today),
            kind: ItemKind::PoolWarning,
            customer: Some(clock.customer),
            staff: Some(clock.owner),
            facts: ItemFacts::PoolWarning {
                rule: clock.rule,
                idle_days: clock.idle_days,
                limit_days: clock.limit_days,
            },
        });
    }
}
