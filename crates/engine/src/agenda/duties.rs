//! Routine upkeep: contacting each customer as often as its tier needs, and asking how
//! satisfied it is every so often (seed 002), and the return visit after an order (回访).

use super::context::PerCustomer;
use super::{AgendaItem, Context, ItemFacts, ItemKind};
use crate::records::*;
use crate::Date;
use crate::StaffId;

/// Contact cadence: a customer is due a contact `RiskSettings::cadence_days(tier)` after
/// the last interaction (or after it came, if there never was one), shown from
/// `duty_lookahead_days` before and overdue after. Lost customers are skipped: winning
/// them back is its own duty. Pool customers are kept, with no one to act (the team
/// view shows them). Any interaction resets the clock, as in the risk score.
pub(super) fn contact_cadence(cx: &Context, out: &mut Vec<AgendaItem>) {
    let Some(horizon) = cx.shift(i64::from(cx.settings.duty_lookahead_days)) else {
        return;
    };
    for customer in cx.book.customers().iter() {
        if customer.status == CustomerStatus::Lost {
            continue;
        }
        let cadence = cx.risk.cadence_days(customer.tier);
        let last_contact = cx.touches(customer.id).map(|t| t.last);
        let base = last_contact.unwrap_or(customer.since);
        let Some(due) = super::shift(base, i64::from(cadence)) else {
            continue;
        };
        if due > horizon {
            continue;
        }
        out.push(AgendaItem {
            due,
            kind: ItemKind::ContactCadence,
            customer: Some(customer.id),
            staff: cx.owner(customer.id),
            facts: ItemFacts::ContactCadence {
                tier: customer.tier,
                cadence_days: cadence,
                last_contact,
                days_since: cx.days_since(base),
            },
        });
    }
}

/// Gives each person at most `per_day` routine contacts a day from today on (the overdue
/// ones count as today's and keep their date): the rest wait for the following days, tier A before B before C, then the longest overdue
/// first. Contacts in the pool (no one to act) and `per_day` 0 are left as they are.
pub(super) fn spread_cadence(items: &mut [AgendaItem], today: Date, per_day: u32) {
    if per_day == 0 {
        return;
    }
    let tier = |item: &AgendaItem| match item.facts {
        ItemFacts::ContactCadence { tier, .. } => tier,
        _ => Tier::C,
    };
    let mut queue: Vec<usize> = (0..items.len())
        .filter(|i| items[*i].kind == ItemKind::ContactCadence && items[*i].staff.is_some())
        .collect();
    queue.sort_by_key(|i| {
        let item = &items[*i];
        (
            item.staff,
            item.due.max(today),
            tier(item),
            item.due,
            item.customer,
        )
    });
    // Per person, the day being filled and how many it holds: items come in order of
    // their first possible day, so one cursor per person suffices.
    let mut cursor: Option<(Option<StaffId>, Date, u32)> = None;
    for i in queue {
        let item = &mut items[i];
        let start = item.due.max(today);
        let (day, taken) = match cursor {
            Some((staff, day, taken)) if staff == item.staff && day >= start => {
                if taken < per_day {
                    (day, taken)
                } else {
                    match super::shift(day, 1) {
                        Some(next) => (next, 0),
                        None => continue,
                    }
                }
            }
            _ => (start, 0),
        };
        // One that fits its first day keeps its date (an overdue one stays overdue).
        if day > start {
            item.due = day;
        }
        cursor = Some((item.staff, day, taken + 1));
    }
}

/// Surveys: due `RiskSettings::survey_interval_days` after the last survey (or after
/// the customer came, if never surveyed), for customers that are not lost and have an
/// owner to do the asking. At-risk and won-back customers are included on purpose:
/// their satisfaction is what most needs knowing.
pub(super) fn surveys(cx: &Context, out: &mut Vec<AgendaItem>) {
    let Some(horizon) = cx.shift(i64::from(cx.settings.duty_lookahead_days)) else {
        return;
    };
    let interval = cx.risk.survey_interval_days.max(1);
    let mut latest: PerCustomer<&Survey> = PerCustomer::default();
    for survey in cx.book.surveys().iter().filter(|s| s.date <= cx.today) {
        let slot = latest.entry(survey.customer).or_insert(survey);
        if (survey.date, survey.id) > (slot.date, slot.id) {
            *slot = survey;
        }
    }
    for customer in cx.book.customers().iter() {
        if customer.status == CustomerStatus::Lost {
            continue;
        }
        let last = latest.get(&customer.id).copied();
        let base = last.map_or(customer.since, |s| s.date);
        let Some(due) = super::shift(base, i64::from(interval)) else {
            continue;
        };
        if due > horizon {
            continue;
        }
        let Some(owner) = cx.owner(customer.id) else {
            continue;
        };
        out.push(AgendaItem {
            due,
            kind: ItemKind::SurveyDue,
            customer: Some(customer.id),
            staff: Some(owner),
            facts: ItemFacts::SurveyDue {
                last_survey: last.map(|s| s.date),
                last_score: last.map(|s| s.score),
                interval_days: interval,
                days_since: cx.days_since(base),
            },
        });
    }
}

/// A return visit (回访) after each customer's latest order of the last
/// `return_visit_window_days`, due `return_visit_days` after it. A survey recorded on or
/// after the order day is the visit; its score feeds the satisfaction factor.
pub(super) fn return_visits(cx: &Context, out: &mut Vec<AgendaItem>) {
    let Some(horizon) = cx.shift(i64::from(cx.settings.duty_lookahead_days)) else {
        return;
    };
    let Some(window_start) = cx.shift(-i64::from(cx.settings.return_visit_window_days)) else {
        return;
    };
    let mut latest_order: PerCustomer<&Order> = PerCustomer::default();
    for order in cx.book.orders().iter() {
        if order.date < window_start || order.date > cx.today {
            continue;
        }
        let slot = latest_order.entry(order.customer).or_insert(order);
        if (order.date, order.id) > (slot.date, slot.id) {
            *slot = order;
        }
    }
    let mut latest_survey: PerCustomer<Date> = PerCustomer::default();
    for survey in cx.book.surveys().iter().filter(|s| s.date <= cx.today) {
        let slot = latest_survey.entry(survey.customer).or_insert(survey.date);
        *slot = (*slot).max(survey.date);
    }
    let mut orders: Vec<&Order> = latest_order.into_values().collect();
    orders.sort_by_key(|o| o.id);
    for order in orders {
        if latest_survey
            .get(&order.customer)
            .is_some_and(|d| *d >= order.date)
        {
            continue;
        }
        let Some(due) = super::shift(order.date, i64::from(cx.settings.return_visit_days)) else {
            continue;
        };
        if due > horizon {
            continue;
        }
        out.push(AgendaItem {
            due,
            kind: ItemKind::ReturnVisit,
            customer: Some(order.customer),
            staff: cx.owner(order.customer),
            facts: ItemFacts::ReturnVisit {
                order: order.id,
                ordered: order.date,
            },
        });
    }
}
