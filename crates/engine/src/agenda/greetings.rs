//! Festival greetings (节日问候): one team-wide reminder per festival, shown
//! `festival_lookahead_days` ahead so cards, messages and gifts are ready on the day.

use super::festival::festivals_between;
use super::{lunar, AgendaItem, Context, ItemFacts, ItemKind};
use crate::records::*;

/// Festivals in `AgendaSettings::festivals` dated from today to
/// `festival_lookahead_days` ahead. The entry counts the customers of the greeting
/// tiers (lost ones left out) and how many already have a greeting or gift logged since
/// the reminder appeared, so the team sees its progress. A past festival is simply gone,
/// never overdue.
pub(super) fn festivals(cx: &Context, out: &mut Vec<AgendaItem>) {
    let settings = cx.settings;
    let Some(last) = cx.shift(i64::from(settings.festival_lookahead_days)) else {
        return;
    };
    let coming: Vec<_> = festivals_between(cx.today, last)
        .into_iter()
        .filter(|(_, f)| settings.festivals.contains(f))
        .collect();
    if coming.is_empty() {
        return;
    }
    let to_greet: Vec<&Customer> = cx
        .book
        .customers()
        .iter()
        .filter(|c| c.status != CustomerStatus::Lost && settings.greeting_tiers.contains(&c.tier))
        .collect();
    let mut tiers = settings.greeting_tiers.clone();
    tiers.sort();
    tiers.dedup();
    for (due, festival) in coming {
        let from = super::shift(due, -i64::from(settings.festival_lookahead_days)).unwrap_or(due);
        let greeted = to_greet
            .iter()
            .filter(|c| {
                cx.touches(c.id)
                    .and_then(|t| t.last_greeting)
                    .is_some_and(|d| d >= from)
            })
            .count();
        out.push(AgendaItem {
            due,
            kind: ItemKind::Festival,
            customer: None,
            staff: None,
            facts: ItemFacts::Festival {
                festival,
                lunar: lunar::solar_to_lunar(due).filter(|_| festival.is_lunar()),
                tiers: tiers.clone(),
                customers: u32::try_from(to_greet.len()).unwrap_or(u32::MAX),
                greeted: u32::try_from(greeted).unwrap_or(u32::MAX),
            },
        });
    }
}

/// The customers a festival entry still asks to greet: of the greeting tiers, not lost,
/// with no greeting or gift logged from the day the reminder appeared to `today` (as the
/// entry counts them); with `staff`, only theirs (the customers they own).
pub fn still_to_greet(
    book: &crate::Book,
    item: &AgendaItem,
    settings: &super::AgendaSettings,
    staff: Option<StaffId>,
    today: crate::Date,
) -> Vec<CustomerId> {
    let ItemFacts::Festival { tiers, .. } = &item.facts else {
        return Vec::new();
    };
    let from =
        super::shift(item.due, -i64::from(settings.festival_lookahead_days)).unwrap_or(item.due);
    book.customers()
        .iter()
        .filter(|c| c.status != CustomerStatus::Lost && tiers.contains(&c.tier))
        .filter(|c| staff.is_none_or(|s| book.owner_of(c.id) == Some(s)))
        .filter(|c| {
            !book.interactions().of_customer(c.id).any(|i| {
                super::context::GREETINGS.contains(&i.kind) && i.date >= from && i.date <= today
            })
        })
        .map(|c| c.id)
        .collect()
}

/// One change that logs today's festival greeting to every customer still to greet (see
/// [`still_to_greet`]), each by its owner, with `summary` (the greeting sent); one undo
/// takes them all back. `None` when nobody is left.
pub fn greet_all(
    book: &crate::Book,
    item: &AgendaItem,
    settings: &super::AgendaSettings,
    staff: Option<StaffId>,
    today: crate::Date,
    summary: &str,
) -> Option<crate::Command> {
    let commands: Vec<crate::Command> = still_to_greet(book, item, settings, staff, today)
        .into_iter()
        .map(|customer| crate::Command::Create {
            record: Record::Interaction(Interaction {
                customer,
                date: today,
                kind: InteractionKind::Greeting,
                staff: book.owner_of(customer),
                summary: summary.chars().take(MAX_TEXT).collect(),
                ..Interaction::default()
            }),
        })
        .collect();
    (!commands.is_empty()).then_some(crate::Command::Batch { commands })
}
