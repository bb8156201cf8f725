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
