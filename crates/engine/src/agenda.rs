//! What is due when (待办), per person and for the team: birthdays and key dates,
//! festivals (lunar ones included), contact cadence by tier, surveys, complaint steps.
//!
//! Entries are computed from the book every time and never stored, so the agenda can
//! never disagree with the records: doing the duty (logging the greeting or visit,
//! recording the survey, advancing the complaint) is what takes an entry off, or a
//! stored deferral: a routine entry put off a week or let go with a reason.
//!
//! Each kind of entry comes from one *source*: a function that reads the book through a
//! `Context` (the book, today, the settings, each customer's owner) and pushes entries.
//! A new source (handover steps, win-back actions, user tasks, payment instalments,
//! pool-recycle warnings …) is one more function in `SOURCES`, one more [`ItemKind`]
//! and one more [`ItemFacts`] variant.

mod complaints;
mod context;
mod deferrals;
mod done;
mod duties;
pub mod festival;
mod follow_ups;
mod greetings;
mod items;
pub mod lunar;
mod occasions;

pub use context::next_occurrence;
pub use deferrals::{can_defer, duty_of, let_go, put_off};
pub use done::{
    can_complete, can_reschedule, complete, record_to_log, reschedule, snoozed_to, SNOOZE_DAYS,
};
pub use festival::{festivals_between, greeting_key, qingming, Festival};
pub use greetings::{greet_all, still_to_greet};
pub use items::{AgendaItem, ItemFacts, ItemKind};
pub use lunar::{lunar_to_solar, solar_to_lunar, LunarDate};

use crate::book::Book;
use crate::records::*;
use crate::risk::RiskSettings;
use crate::Date;
use context::{shift, Context};
use serde::{Deserialize, Serialize};

/// How far ahead the agenda looks, and which festivals it reminds of. Defaults suit a
/// distributor's sales team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaSettings {
    /// Birthdays and key dates show this many days ahead (7: a week, time to send a
    /// card or pick a gift).
    pub occasion_lookahead_days: u32,
    /// Contract renewals show earlier (30 days): a renewal needs a visit and a quote.
    pub renewal_lookahead_days: u32,
    /// Festivals show this many days ahead (10): greetings and gifts are prepared
    /// before the day, and mooncakes must be ordered well before Mid-Autumn.
    pub festival_lookahead_days: u32,
    /// The festivals that get a reminder (default [`Festival::GREETED`]).
    pub festivals: Vec<Festival>,
    /// The tiers whose customers get festival greetings (A and B: C customers are
    /// too many to greet one by one and hear from the company's mass message).
    pub greeting_tiers: Vec<Tier>,
    /// Contacts, surveys and complaint steps show this many days before they fall due
    /// (6: everything due this week), then stay as overdue until done.
    pub duty_lookahead_days: u32,
    /// Tier A customers count as cannot-lose for announcements, as in the register.
    pub top_tier_cannot_lose: bool,
    /// A return visit is due this many days after an order (7: the goods have arrived
    /// and been used).
    pub return_visit_days: u32,
    /// Orders older than this get no return visit (30: a month later the visit is no
    /// longer about that order).
    pub return_visit_window_days: u32,
    /// The pool rules, for the warning zone.
    pub pool: crate::pool::PoolSettings,
}

impl Default for AgendaSettings {
    fn default() -> Self {
        AgendaSettings {
            occasion_lookahead_days: 7,
            renewal_lookahead_days: 30,
            festival_lookahead_days: 10,
            festivals: Festival::GREETED.to_vec(),
            greeting_tiers: vec![Tier::A, Tier::B],
            duty_lookahead_days: 6,
            top_tier_cannot_lose: true,
            return_visit_days: 7,
            return_visit_window_days: 30,
            pool: crate::pool::PoolSettings::default(),
        }
    }
}

type Source = fn(&Context, &mut Vec<AgendaItem>);

/// Every source, each documented where it is defined.
const SOURCES: &[Source] = &[
    occasions::birthdays,
    occasions::key_dates,
    greetings::festivals,
    duties::contact_cadence,
    duties::surveys,
    duties::return_visits,
    complaints::complaint_steps,
    follow_ups::tasks,
    follow_ups::next_contacts,
    follow_ups::handover_steps,
    follow_ups::instalments,
    follow_ups::winback_actions,
    follow_ups::announcements,
    follow_ups::pool_warnings,
];

/// Everything due as of `today`, for the whole team, sorted by due date, kind,
/// customer. Filter it per person with [`view`].
pub fn agenda(
    book: &Book,
    today: Date,
    risk: &RiskSettings,
    settings: &AgendaSettings,
) -> Vec<AgendaItem> {
    let cx = Context::new(book, today, risk, settings);
    let mut items = Vec::new();
    for source in SOURCES {
        source(&cx, &mut items);
    }
    deferrals::apply(book, today, &mut items);
    duties::spread_cadence(&mut items, today, risk.cadence_per_day);
    // Keys are computed once: with ~30,000 entries on a big book, recomputing them at
    // every comparison cost more than the sources themselves.
    items.sort_by_cached_key(AgendaItem::sort_key);
    items
}

/// The agenda as a page shows it: overdue (due before today), today, this week (the
/// next six days) and later (further ahead: festivals, renewals).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgendaView {
    pub overdue: Vec<AgendaItem>,
    pub today: Vec<AgendaItem>,
    pub this_week: Vec<AgendaItem>,
    pub later: Vec<AgendaItem>,
}

impl AgendaView {
    pub fn len(&self) -> usize {
        self.overdue.len() + self.today.len() + self.this_week.len() + self.later.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Splits entries by when they are due. With `staff`, keeps that person's entries plus
/// the team-wide ones (festivals, which have no customer); with `None`, the whole team's.
pub fn view(items: &[AgendaItem], today: Date, staff: Option<StaffId>) -> AgendaView {
    let week_end = shift(today, 6).unwrap_or(today);
    let mut out = AgendaView::default();
    let mine = |item: &&AgendaItem| match staff {
        None => true,
        Some(s) => item.staff == Some(s) || (item.customer.is_none() && item.staff.is_none()),
    };
    for item in items.iter().filter(mine) {
        let bucket = if item.due < today {
            &mut out.overdue
        } else if item.due == today {
            &mut out.today
        } else if item.due <= week_end {
            &mut out.this_week
        } else {
            &mut out.later
        };
        bucket.push(item.clone());
    }
    out
}

/// Entries of one kind, folded together on the page so that today's work is not
/// buried under old ones (a sample rep had 31 overdue entries, a team 282), nor a team's
/// week under its routine contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindGroup {
    /// The kind every entry of the group has.
    pub kind: ItemKind,
    /// Overdue: most at stake first, then the oldest; this week: by day.
    pub items: Vec<AgendaItem>,
    /// The value at risk of the group's customers, each counted once, in yuan.
    pub at_stake: f64,
}

/// A section with more entries than this is shown folded by kind (a team's week: 96
/// entries on the sample book with the daily cap; one person's: a dozen).
pub const FOLD_OVER: usize = 50;

/// In a folded week, a kind with this few entries (a festival, the week's few tasks)
/// shows open: folding it would hide more than it tidies.
pub const OPEN_UP_TO: usize = 5;

/// Groups overdue entries by kind, ordered by what is at stake rather than by age:
/// `at_stake` gives a customer's value at risk (the register's figure), and the group
/// with the most at stake comes first. Team-wide entries have nothing at stake.
pub fn overdue_groups(
    overdue: &[AgendaItem],
    at_stake: impl Fn(CustomerId) -> f64,
) -> Vec<KindGroup> {
    groups(overdue, at_stake, true)
}

/// Groups a week's entries by kind, in the agenda's order of kinds (promises first) and
/// each by day, as the week is worked through.
pub fn week_groups(week: &[AgendaItem], at_stake: impl Fn(CustomerId) -> f64) -> Vec<KindGroup> {
    groups(week, at_stake, false)
}

fn groups(
    items: &[AgendaItem],
    at_stake: impl Fn(CustomerId) -> f64,
    by_stake: bool,
) -> Vec<KindGroup> {
    let stake = |item: &AgendaItem| item.customer.map_or(0.0, &at_stake).max(0.0);
    let mut groups: Vec<KindGroup> = Vec::new();
    for item in items {
        match groups.iter_mut().find(|g| g.kind == item.kind) {
            Some(group) => group.items.push(item.clone()),
            None => groups.push(KindGroup {
                kind: item.kind,
                items: vec![item.clone()],
                at_stake: 0.0,
            }),
        }
    }
    for group in &mut groups {
        if by_stake {
            group.items.sort_by(|a, b| {
                stake(b)
                    .total_cmp(&stake(a))
                    .then(a.sort_key().cmp(&b.sort_key()))
            });
        } else {
            group.items.sort_by_cached_key(AgendaItem::sort_key);
        }
        let mut customers: Vec<CustomerId> =
            group.items.iter().filter_map(|i| i.customer).collect();
        customers.sort_unstable();
        customers.dedup();
        group.at_stake = customers.into_iter().map(|c| at_stake(c).max(0.0)).sum();
    }
    if by_stake {
        groups.sort_by(|a, b| b.at_stake.total_cmp(&a.at_stake).then(a.kind.cmp(&b.kind)));
    } else {
        groups.sort_by_key(|g| g.kind);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).expect("valid")
    }

    fn overdue(kind: ItemKind, due: Date, customer: u64) -> AgendaItem {
        AgendaItem {
            due,
            kind,
            customer: Some(CustomerId(customer)),
            staff: None,
            facts: ItemFacts::ContactCadence {
                tier: Tier::C,
                cadence_days: 90,
                last_contact: None,
                days_since: 100,
            },
        }
    }

    #[test]
    fn overdue_entries_group_by_kind_with_the_most_at_stake_first_not_the_oldest() {
        let items = [
            overdue(ItemKind::ContactCadence, day(2024, 1, 1), 1),
            overdue(ItemKind::ContactCadence, day(2026, 2, 1), 2),
            overdue(ItemKind::SurveyDue, day(2025, 1, 1), 2),
            overdue(ItemKind::ComplaintStep, day(2026, 2, 20), 3),
            overdue(ItemKind::ComplaintStep, day(2026, 2, 21), 3),
        ];
        let stake = |c: CustomerId| match c.0 {
            1 => 100.0,
            2 => 5_000.0,
            3 => 2_000.0,
            _ => 0.0,
        };
        let groups = overdue_groups(&items, stake);
        let kinds: Vec<ItemKind> = groups.iter().map(|g| g.kind).collect();
        assert_eq!(
            kinds,
            [
                ItemKind::ContactCadence,
                ItemKind::SurveyDue,
                ItemKind::ComplaintStep
            ]
        );
        // ¥5,000 at stake before the oldest entry, worth ¥100.
        let first: Vec<u64> = groups[0]
            .items
            .iter()
            .filter_map(|i| i.customer.map(|c| c.0))
            .collect();
        assert_eq!(first, [2, 1]);
        assert!((groups[0].at_stake - 5_100.0).abs() < 1e-9);
        // One customer twice in a group is at stake once; equal stakes keep age order.
        assert!((groups[2].at_stake - 2_000.0).abs() < 1e-9);
        assert_eq!(groups[2].items[0].due, day(2026, 2, 20));
        let total: usize = groups.iter().map(|g| g.items.len()).sum();
        assert_eq!(total, items.len());
    }

    #[test]
    fn a_week_groups_by_kind_in_the_agenda_s_order_and_each_by_day() {
        let items = [
            overdue(ItemKind::ContactCadence, day(2026, 3, 3), 1),
            overdue(ItemKind::ContactCadence, day(2026, 3, 1), 2),
            overdue(ItemKind::NextContact, day(2026, 3, 2), 3),
        ];
        let groups = week_groups(&items, |c| if c.0 == 1 { 9_000.0 } else { 10.0 });
        let kinds: Vec<ItemKind> = groups.iter().map(|g| g.kind).collect();
        assert_eq!(kinds, [ItemKind::NextContact, ItemKind::ContactCadence]);
        let days: Vec<Date> = groups[1].items.iter().map(|i| i.due).collect();
        assert_eq!(days, [day(2026, 3, 1), day(2026, 3, 3)]);
        assert!((groups[1].at_stake - 9_010.0).abs() < 1e-9);
    }

    #[test]
    fn yearly_dates_come_back_and_leap_days_move_to_the_28th() {
        let today = day(2026, 3, 1);
        assert_eq!(next_occurrence(day(1980, 3, 1), today), Some(today));
        assert_eq!(
            next_occurrence(day(1980, 2, 29), today),
            Some(day(2027, 2, 28))
        );
        assert_eq!(
            next_occurrence(day(1980, 2, 29), day(2028, 2, 1)),
            Some(day(2028, 2, 29))
        );
        assert_eq!(
            next_occurrence(day(1990, 12, 31), today),
            Some(day(2026, 12, 31))
        );
    }
}
