//! What every agenda source reads, and the date arithmetic they share.

use super::AgendaSettings;
use crate::book::Book;
use crate::records::*;
use crate::risk::RiskSettings;
use crate::Date;
use std::cell::OnceCell;

/// The interactions that greet: a festival or birthday greeting, or a gift.
pub(crate) const GREETINGS: &[InteractionKind] =
    &[InteractionKind::Greeting, InteractionKind::Gift];

/// A per-customer summary built in one pass over a table.
pub(crate) type PerCustomer<V> = crate::ids::IdHashMap<CustomerId, V>;

/// What every source reads: the book as of `today`, the cadences and survey interval
/// (shared with the risk score so the two never disagree), and the agenda settings.
pub(crate) struct Context<'a> {
    pub book: &'a Book,
    pub today: Date,
    pub risk: &'a RiskSettings,
    pub settings: &'a AgendaSettings,
    /// Each customer's live owner, from one pass over the relationships: nearly every
    /// entry needs it, and looking it up entry by entry costs more on a big book.
    owners: PerCustomer<StaffId>,
    /// Built on first use by the sources that need it (cadence, festivals).
    touches: OnceCell<PerCustomer<Touches>>,
}

/// A customer's latest interactions as of today, from one pass over the table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Touches {
    /// The latest interaction of any kind.
    pub last: Date,
    /// The latest greeting or gift.
    pub last_greeting: Option<Date>,
}

impl<'a> Context<'a> {
    pub fn new(
        book: &'a Book,
        today: Date,
        risk: &'a RiskSettings,
        settings: &'a AgendaSettings,
    ) -> Context<'a> {
        let mut owners = PerCustomer::default();
        for r in book.relationships().iter() {
            if r.is_live() && r.role == RelationshipRole::Owner {
                owners.insert(r.customer, r.staff);
            }
        }
        Context {
            book,
            today,
            risk,
            settings,
            owners,
            touches: OnceCell::new(),
        }
    }

    /// Each customer's latest interaction and latest greeting or gift (interactions
    /// dated after today are ignored), from one pass over the interactions shared by
    /// every source that asks.
    pub fn touches(&self, customer: CustomerId) -> Option<Touches> {
        let all = self.touches.get_or_init(|| {
            let mut out: PerCustomer<Touches> = PerCustomer::default();
            for i in self.book.interactions().iter() {
                if i.date > self.today {
                    continue;
                }
                let greeting = GREETINGS.contains(&i.kind).then_some(i.date);
                let slot = out.entry(i.customer).or_insert(Touches {
                    last: i.date,
                    last_greeting: greeting,
                });
                slot.last = slot.last.max(i.date);
                slot.last_greeting = slot.last_greeting.max(greeting);
            }
            out
        });
        all.get(&customer).copied()
    }

    /// Who acts on a customer's entries: its owner, `None` for a pool customer.
    pub fn owner(&self, customer: CustomerId) -> Option<StaffId> {
        self.owners.get(&customer).copied()
    }

    /// `today` moved by `days`; `None` only at the ends of the calendar.
    pub fn shift(&self, days: i64) -> Option<Date> {
        shift(self.today, days)
    }

    /// Whole days from `date` to today.
    pub fn days_since(&self, date: Date) -> i64 {
        (self.today - date).num_days()
    }

    /// Whether the customer has an interaction of one of `kinds` dated in
    /// `[from, today]`, with the given contact when both name one: this is how a
    /// greeting logged from the agenda (or anywhere else) marks an occasion done.
    /// Reads the customer's index, so it is for the few entries that come due.
    pub fn touched(
        &self,
        customer: CustomerId,
        contact: Option<ContactId>,
        from: Date,
        kinds: &[InteractionKind],
    ) -> bool {
        self.book.interactions().of_customer(customer).any(|i| {
            i.date >= from
                && i.date <= self.today
                && kinds.contains(&i.kind)
                && (contact.is_none() || i.contact.is_none() || i.contact == contact)
        })
    }
}

pub(crate) fn shift(date: Date, days: i64) -> Option<Date> {
    date.checked_add_signed(chrono::Duration::try_days(days)?)
}

/// The day a yearly date comes back on or after `today`. February 29 falls on
/// February 28 in other years, so the greeting is not a day late.
pub fn next_occurrence(date: Date, today: Date) -> Option<Date> {
    use chrono::Datelike;
    let on = |year: i32| {
        Date::from_ymd_opt(year, date.month(), date.day())
            .or_else(|| Date::from_ymd_opt(year, date.month(), date.day().saturating_sub(1)))
    };
    [today.year(), today.year().checked_add(1)?]
        .into_iter()
        .filter_map(on)
        .find(|d| *d >= today)
}
