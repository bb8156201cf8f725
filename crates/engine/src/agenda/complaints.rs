//! Complaints (seed 003): take each up at once, solve it within days, and tell the
//! customer what was done. `Complaint::next_due` sets the pace.

use super::{AgendaItem, Context, ItemFacts, ItemKind};
use crate::records::*;

/// Complaints whose next step falls due within `duty_lookahead_days` or is overdue:
/// taking it up and resolving it ([`ItemKind::ComplaintStep`]), and reporting the
/// outcome back once resolved ([`ItemKind::ComplaintReportBack`]), which is easily
/// forgotten because the problem itself is gone. Lost customers are included: an
/// unanswered complaint is often why they left. The owner acts.
pub(super) fn complaint_steps(cx: &Context, out: &mut Vec<AgendaItem>) {
    let Some(horizon) = cx.shift(i64::from(cx.settings.duty_lookahead_days)) else {
        return;
    };
    for complaint in cx.book.complaints().iter() {
        if complaint.received > cx.today {
            continue;
        }
        let (Some(step), Some(due)) = (complaint.next_step(), complaint.next_due()) else {
            continue;
        };
        if due > horizon {
            continue;
        }
        let (kind, facts) = match (step, complaint.resolved_on) {
            (ComplaintStatus::ReportedBack, Some(resolved_on)) => (
                ItemKind::ComplaintReportBack,
                ItemFacts::ComplaintReportBack {
                    complaint: complaint.id,
                    subject: complaint.subject.clone(),
                    severity: complaint.severity,
                    received: complaint.received,
                    resolved_on,
                    resolution: complaint.resolution.clone(),
                },
            ),
            _ => (
                ItemKind::ComplaintStep,
                ItemFacts::ComplaintStep {
                    complaint: complaint.id,
                    subject: complaint.subject.clone(),
                    severity: complaint.severity,
                    step,
                    received: complaint.received,
                },
            ),
        };
        out.push(AgendaItem {
            due,
            kind,
            customer: Some(complaint.customer),
            staff: cx.owner(complaint.customer),
            facts,
        });
    }
}
