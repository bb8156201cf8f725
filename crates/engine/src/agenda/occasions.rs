//! Occasions: contacts' birthdays and customers' key dates (seeds 002, 003: remembering
//! a person's day is what keeps a relationship personal).

use super::{next_occurrence, AgendaItem, Context, ItemFacts, ItemKind};
use crate::records::*;
use crate::Date;
use chrono::Datelike;

/// A greeting or a gift is what marks a celebration done.
const CELEBRATED: &[InteractionKind] = super::context::GREETINGS;

/// A renewal (or other business date) is done once the customer has been talked to
/// after the reminder appeared: that is when it was raised.
const DISCUSSED: &[InteractionKind] = &[
    InteractionKind::Visit,
    InteractionKind::Call,
    InteractionKind::Message,
    InteractionKind::Event,
    InteractionKind::ReturnVisit,
];

/// The next time a date falls within the coming `lookahead` days, if it does.
fn upcoming(cx: &Context, date: Date, recurring: bool, lookahead: u32) -> Option<Date> {
    let due = if recurring {
        next_occurrence(date, cx.today)?
    } else {
        date
    };
    let last = cx.shift(i64::from(lookahead))?;
    (due >= cx.today && due <= last).then_some(due)
}

/// Years from `from` to the same month and day in `due`'s year, when positive.
fn years_between(from: Date, due: Date) -> Option<u32> {
    u32::try_from(due.year() - from.year())
        .ok()
        .filter(|y| *y > 0)
}

/// Age reached on `due`, unless the year of birth cannot be right (a placeholder year,
/// or a date in the future).
fn age(born: Date, due: Date) -> Option<u32> {
    years_between(born, due).filter(|a| *a < 120)
}

/// Birthdays of contacts (`Contact::birthday`) coming up within
/// `occasion_lookahead_days`, for every customer including lost ones: a birthday
/// greeting is also a way back in. Done once a greeting or gift for the customer (to
/// that contact, if the log names one) is logged since the reminder appeared.
pub(super) fn birthdays(cx: &Context, out: &mut Vec<AgendaItem>) {
    let lookahead = cx.settings.occasion_lookahead_days;
    for contact in cx.book.contacts().iter() {
        let Some(born) = contact.birthday else {
            continue;
        };
        let Some(due) = upcoming(cx, born, true, lookahead) else {
            continue;
        };
        let from = super::shift(due, -i64::from(lookahead)).unwrap_or(due);
        if cx.touched(contact.customer, Some(contact.id), from, CELEBRATED) {
            continue;
        }
        out.push(AgendaItem {
            due,
            kind: ItemKind::Birthday,
            customer: Some(contact.customer),
            staff: cx.owner(contact.customer),
            facts: ItemFacts::Birthday {
                name: contact.name.clone(),
                contact: Some(contact.id),
                key_date: None,
                born,
                age: age(born, due),
            },
        });
    }
}

/// Key dates (`KeyDate`) coming up: recurring ones on their next anniversary, others on
/// their day. Renewals show `renewal_lookahead_days` ahead, the rest
/// `occasion_lookahead_days`. A birthday key date is always yearly and becomes a
/// birthday entry, unless it repeats a contact's own birthday field (same month and
/// day), which [`birthdays`] already covers. Celebrations (birthday, wedding, founding)
/// are done by a greeting or gift; renewals and other dates by any conversation with
/// the customer since the reminder appeared.
pub(super) fn key_dates(cx: &Context, out: &mut Vec<AgendaItem>) {
    for key_date in cx.book.key_dates().iter() {
        let is_birthday = key_date.kind == KeyDateKind::Birthday;
        let (lookahead, done_by) = match key_date.kind {
            KeyDateKind::Renewal => (cx.settings.renewal_lookahead_days, DISCUSSED),
            KeyDateKind::Other => (cx.settings.occasion_lookahead_days, DISCUSSED),
            _ => (cx.settings.occasion_lookahead_days, CELEBRATED),
        };
        let recurring = key_date.recurring || is_birthday;
        let Some(due) = upcoming(cx, key_date.date, recurring, lookahead) else {
            continue;
        };
        let contact = key_date
            .contact
            .and_then(|c| cx.book.contacts().get(c.0))
            .filter(|c| c.customer == key_date.customer);
        let same_day =
            |b: Date| (b.month(), b.day()) == (key_date.date.month(), key_date.date.day());
        if is_birthday && contact.and_then(|c| c.birthday).is_some_and(same_day) {
            continue;
        }
        let from = super::shift(due, -i64::from(lookahead)).unwrap_or(due);
        if cx.touched(key_date.customer, key_date.contact, from, done_by) {
            continue;
        }
        let customer = key_date.customer;
        let (kind, facts) = if is_birthday {
            let name = contact.map_or_else(
                || {
                    if key_date.label.trim().is_empty() {
                        cx.book
                            .customers()
                            .get(customer.0)
                            .map(|c| c.name.clone())
                            .unwrap_or_default()
                    } else {
                        key_date.label.clone()
                    }
                },
                |c| c.name.clone(),
            );
            let facts = ItemFacts::Birthday {
                name,
                contact: key_date.contact,
                key_date: Some(key_date.id),
                born: key_date.date,
                age: age(key_date.date, due),
            };
            (ItemKind::Birthday, facts)
        } else {
            let facts = ItemFacts::KeyDate {
                key_date: key_date.id,
                date_kind: key_date.kind,
                label: key_date.label.clone(),
                contact: key_date.contact,
                contact_name: contact.map(|c| c.name.clone()),
                original: key_date.date,
                recurring,
                years: years_between(key_date.date, due).filter(|_| recurring),
            };
            (ItemKind::KeyDate, facts)
        };
        out.push(AgendaItem {
            due,
            kind,
            customer: Some(customer),
            staff: cx.owner(customer),
            facts,
        });
    }
}
