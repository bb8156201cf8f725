//! The book as it stood at the end of a day. Looking back ("as of 1997-10-01") must count
//! only what had happened by then, on every page: deciding it here, once, by trimming the
//! book, keeps each figure from needing its own date filter (and from forgetting one).

use super::{Book, Row, Table};
use crate::money::Money;
use crate::records::*;
use crate::Date;
use std::borrow::Cow;
use std::collections::HashSet;

/// Records dated after the day a book is looked at, which its figures leave out: said on
/// the page, so a reader knows what a figure does not count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Later {
    /// Customers who became customers after the day.
    pub customers: usize,
    pub orders: usize,
    /// Follow-ups, complaints, surveys, signals, handovers, win-back cases, ownerships,
    /// announcements and payment plans dated after the day.
    pub other: usize,
}

impl Later {
    pub fn is_empty(&self) -> bool {
        self.customers == 0 && self.orders == 0 && self.other == 0
    }
}

/// Why a day cannot be looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AsOfError {
    /// Nothing has happened after today yet: a later day would show today's book under
    /// a date it does not have.
    #[error("the day is after today")]
    AfterToday,
    /// Before any date a book can hold.
    #[error("the day is before {0}")]
    TooEarly(i32),
}

/// The day to look at the book as of, when the user picks `day` on `today`: `None`
/// for today itself (the book is looked at as it is, nothing to say on the page).
pub fn chosen_day(day: Date, today: Date) -> Result<Option<Date>, AsOfError> {
    use chrono::Datelike;
    if day > today {
        Err(AsOfError::AfterToday)
    } else if day.year() < crate::records::dates::FIRST_YEAR {
        Err(AsOfError::TooEarly(crate::records::dates::FIRST_YEAR))
    } else {
        Ok((day != today).then_some(day))
    }
}

/// What a record looked like at the end of a day.
enum Seen<T> {
    /// As it is now.
    Same,
    /// It did not exist yet.
    Later,
    /// It existed, without the steps dated after the day.
    Then(T),
}

/// A record's dated history, trimmed to a day.
trait AsOf: Row {
    fn seen_on(&self, day: Date) -> Seen<Self>;
}

fn created(date: Date, day: Date) -> Seen<()> {
    if date > day {
        Seen::Later
    } else {
        Seen::Same
    }
}

/// Whether a step is dated after the day: checked before copying a record, since the
/// check runs over the whole book on every change.
fn after(step: Option<Date>, day: Date) -> bool {
    step.is_some_and(|d| d > day)
}

/// Clears a step dated after the day; says whether it did.
fn undo_after(step: &mut Option<Date>, day: Date) -> bool {
    if step.is_some_and(|d| d > day) {
        *step = None;
        true
    } else {
        false
    }
}

macro_rules! dated_by {
    ($ty:ident, $field:ident) => {
        impl AsOf for $ty {
            fn seen_on(&self, day: Date) -> Seen<Self> {
                match created(self.$field, day) {
                    Seen::Later => Seen::Later,
                    _ => Seen::Same,
                }
            }
        }
    };
}

macro_rules! undated {
    ($ty:ident) => {
        impl AsOf for $ty {
            fn seen_on(&self, _day: Date) -> Seen<Self> {
                Seen::Same
            }
        }
    };
}

dated_by!(Customer, since);
dated_by!(Order, date);
dated_by!(Interaction, date);
dated_by!(Survey, date);
dated_by!(Signal, date);
undated!(Contact);
undated!(KeyDate);
// A person hired later still shows, since orders and ownerships may name them.
impl AsOf for Staff {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        // Gone after the day: still employed then, leaving on that date.
        match self.status {
            StaffStatus::Left(on) if on > day => Seen::Then(Staff {
                status: StaffStatus::Leaving(on),
                ..self.clone()
            }),
            _ => Seen::Same,
        }
    }
}

impl AsOf for Relationship {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if self.since > day {
            return Seen::Later;
        }
        if !after(self.until, day) {
            return Seen::Same;
        }
        let mut then = self.clone();
        if undo_after(&mut then.until, day) {
            then.recycled = None;
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

impl AsOf for Complaint {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if self.received > day {
            return Seen::Later;
        }
        if ![
            self.investigating_on,
            self.resolved_on,
            self.reported_back_on,
        ]
        .into_iter()
        .any(|d| after(d, day))
        {
            return Seen::Same;
        }
        let mut then = self.clone();
        let mut changed = undo_after(&mut then.investigating_on, day);
        if undo_after(&mut then.resolved_on, day) {
            then.resolution.clear();
            changed = true;
        }
        changed |= undo_after(&mut then.reported_back_on, day);
        if changed {
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

impl AsOf for Task {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if !after(self.done, day) {
            return Seen::Same;
        }
        let mut then = self.clone();
        if undo_after(&mut then.done, day) {
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

// A handover's day is when it is due, often ahead (the leaver's last day): it exists
// from when it was planned, which is not recorded, so only its steps are undone.
impl AsOf for Handover {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if !after(self.status_on, day) && !self.steps.iter().any(|s| after(s.done, day)) {
            return Seen::Same;
        }
        let mut then = self.clone();
        let mut changed = false;
        if undo_after(&mut then.status_on, day) {
            then.status = HandoverStatus::Waiting;
            changed = true;
        }
        for step in &mut then.steps {
            changed |= undo_after(&mut step.done, day);
        }
        if changed {
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

impl AsOf for Instalment {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        // Only the latest payment is dated: one after the day means what was received
        // by then is not known, so none is counted (a plan looks less paid, never more).
        if !after(self.paid_on, day) {
            return Seen::Same;
        }
        let mut then = self.clone();
        if undo_after(&mut then.paid_on, day) {
            then.paid = Money::ZERO;
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

impl AsOf for WinbackCase {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if self.opened > day {
            return Seen::Later;
        }
        if !after(self.closed, day) && !self.actions.iter().any(|a| after(a.done, day)) {
            return Seen::Same;
        }
        let mut then = self.clone();
        let mut changed = false;
        if undo_after(&mut then.closed, day) {
            then.outcome = WinbackOutcome::Open;
            then.why_not.clear();
            changed = true;
        }
        for action in &mut then.actions {
            changed |= undo_after(&mut action.done, day);
        }
        if changed {
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

impl AsOf for Announcement {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if self.date > day {
            return Seen::Later;
        }
        if self.told.iter().any(|t| t.on > day) {
            let mut then = self.clone();
            then.told.retain(|t| t.on <= day);
            Seen::Then(then)
        } else {
            Seen::Same
        }
    }
}

impl AsOf for Deferral {
    fn seen_on(&self, day: Date) -> Seen<Self> {
        if self.made > day {
            Seen::Later
        } else {
            Seen::Same
        }
    }
}

/// Keeps every record (for [`trimmed`]).
fn all<T>(_: &T) -> bool {
    true
}

/// Whether anything in the table is dated after the day.
fn any_after<T: AsOf>(table: &Table<T>, day: Date) -> bool {
    table.iter().any(|r| !matches!(r.seen_on(day), Seen::Same))
}

/// The table's records as they stood on the day, without those of customers who were
/// not customers yet; `later` counts what was left out for being dated after it.
fn trimmed<T: AsOf>(
    table: &Table<T>,
    day: Date,
    gone: &HashSet<CustomerId>,
    later: &mut usize,
    keep: impl Fn(&T) -> bool,
) -> Table<T> {
    let mut rows = Vec::with_capacity(table.len());
    for row in table.iter() {
        if row.row_customer().is_some_and(|c| gone.contains(&c)) || !keep(row) {
            *later += 1;
            continue;
        }
        match row.seen_on(day) {
            Seen::Same => rows.push(row.clone()),
            Seen::Then(then) => rows.push(then),
            Seen::Later => *later += 1,
        }
    }
    Table::from_rows(rows)
}

impl Book {
    /// The book as it stood at the end of `day`: records dated after it left out (with
    /// every record of a customer who became one after it), steps taken after it undone
    /// (a complaint resolved later is open, an ownership ended later is live). Borrowed
    /// when nothing in the book is dated after the day, so looking at today costs no copy.
    pub fn as_of(&self, day: Date) -> Cow<'_, Book> {
        self.as_of_counted(day).0
    }

    /// What the book holds dated after `day`, which [`Book::as_of`] leaves out.
    pub fn later_than(&self, day: Date) -> Later {
        self.as_of_counted(day).1
    }

    /// [`Book::as_of`] and [`Book::later_than`] in one pass, for a page that shows both.
    pub fn as_of_counted(&self, day: Date) -> (Cow<'_, Book>, Later) {
        if !self.has_after(day) {
            return (Cow::Borrowed(self), Later::default());
        }
        let (book, later) = self.trim(day);
        (Cow::Owned(book), later)
    }

    fn has_after(&self, day: Date) -> bool {
        any_after(&self.customers, day)
            || any_after(&self.staff, day)
            || any_after(&self.orders, day)
            || any_after(&self.interactions, day)
            || any_after(&self.complaints, day)
            || any_after(&self.surveys, day)
            || any_after(&self.signals, day)
            || any_after(&self.relationships, day)
            || any_after(&self.tasks, day)
            || any_after(&self.handovers, day)
            || any_after(&self.instalments, day)
            || any_after(&self.winback_cases, day)
            || any_after(&self.announcements, day)
            || any_after(&self.deferrals, day)
    }

    fn trim(&self, day: Date) -> (Book, Later) {
        let gone: HashSet<CustomerId> = self
            .customers
            .iter()
            .filter(|c| c.since > day)
            .map(|c| c.id)
            .collect();
        let mut later = Later {
            customers: gone.len(),
            ..Later::default()
        };
        let none = HashSet::new();
        let orders = trimmed(&self.orders, day, &gone, &mut later.orders, all);
        let mut other = 0;
        let book = Book {
            customers: trimmed(&self.customers, day, &none, &mut 0, all),
            contacts: trimmed(&self.contacts, day, &gone, &mut 0, all),
            staff: trimmed(&self.staff, day, &none, &mut 0, all),
            relationships: trimmed(&self.relationships, day, &gone, &mut other, all),
            interactions: trimmed(&self.interactions, day, &gone, &mut other, all),
            complaints: trimmed(&self.complaints, day, &gone, &mut other, all),
            surveys: trimmed(&self.surveys, day, &gone, &mut other, all),
            signals: trimmed(&self.signals, day, &gone, &mut other, all),
            key_dates: trimmed(&self.key_dates, day, &gone, &mut 0, all),
            tasks: trimmed(&self.tasks, day, &gone, &mut other, all),
            handovers: trimmed(&self.handovers, day, &gone, &mut other, all),
            // A payment plan of an order placed later did not exist yet.
            instalments: trimmed(&self.instalments, day, &gone, &mut other, |i| {
                i.order.is_none_or(|o| orders.contains(o.0))
            }),
            winback_cases: trimmed(&self.winback_cases, day, &gone, &mut other, all),
            announcements: trimmed(&self.announcements, day, &none, &mut other, all),
            deferrals: trimmed(&self.deferrals, day, &gone, &mut other, all),
            orders,
            next_id: self.next_id,
            settings: self.settings.clone(),
            device: self.device,
        };
        later.other = other;
        (book, later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_past_day_is_looked_at_today_is_not_a_later_day_is_refused() {
        let today = d("2026-12-07");
        assert_eq!(
            chosen_day(d("1997-10-01"), today),
            Ok(Some(d("1997-10-01")))
        );
        assert_eq!(chosen_day(today, today), Ok(None));
        assert_eq!(
            chosen_day(d("2026-12-08"), today),
            Err(AsOfError::AfterToday)
        );
        assert_eq!(
            chosen_day(d("1899-12-31"), today),
            Err(AsOfError::TooEarly(1900))
        );
    }
}
