//! The next contact a follow-up agreed on (下次联系): a date the rep promised to get back
//! to the customer. It is kept by the next follow-up logged after it was agreed, so only a
//! customer's latest follow-up can hold an open one. The agenda, the timeline and the
//! forgotten-customer list all read it from here.

use crate::book::Book;
use crate::ids::IdHashMap;
use crate::records::{CustomerId, CustomerStatus, Interaction, InteractionId, StaffId};
use crate::Date;

/// A customer's latest follow-up up to a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Latest {
    /// The follow-up's day.
    pub date: Date,
    /// The follow-up itself.
    pub interaction: InteractionId,
    /// The next contact it agreed on, if any.
    pub next_contact: Option<Date>,
}

impl Latest {
    fn of(i: &Interaction) -> Self {
        Latest {
            date: i.date,
            interaction: i.id,
            next_contact: i.next_contact,
        }
    }

    /// Which follow-up counts as the later: the later day; on one day, the one that
    /// agreed a next contact (a call that only says "rang, no answer" does not cancel
    /// the visit's promise made that morning), then the one logged last.
    fn rank(self) -> (Date, bool, InteractionId) {
        (self.date, self.next_contact.is_some(), self.interaction)
    }

    fn later(self, other: Latest) -> Latest {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// Every customer's latest follow-up dated on or before `today`.
pub(crate) fn latest_follow_ups(book: &Book, today: Date) -> IdHashMap<CustomerId, Latest> {
    let mut latest: IdHashMap<CustomerId, Latest> = IdHashMap::default();
    for i in book.interactions().iter().filter(|i| i.date <= today) {
        let this = Latest::of(i);
        latest
            .entry(i.customer)
            .and_modify(|slot| *slot = slot.later(this))
            .or_insert(this);
    }
    latest
}

/// A next contact not yet kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Promise {
    /// The customer to get back to.
    pub customer: CustomerId,
    /// The follow-up that agreed on it.
    pub interaction: InteractionId,
    /// Who agreed on it: the follow-up's staff member, if it names one.
    pub staff: Option<StaffId>,
    /// The day it was agreed.
    pub made_on: Date,
    /// The day agreed on.
    pub due: Date,
}

/// The next contacts not yet kept, of customers not lost, in customer order.
pub fn open_promises(book: &Book, today: Date) -> Vec<Promise> {
    let mut out: Vec<Promise> = latest_follow_ups(book, today)
        .into_iter()
        .filter_map(|(customer, latest)| {
            let due = latest.next_contact?;
            let lost = book
                .customers()
                .get(customer.0)
                .is_none_or(|c| c.status == CustomerStatus::Lost);
            if lost {
                return None;
            }
            let staff = book.interactions().get(latest.interaction.0)?.staff;
            Some(Promise {
                customer,
                interaction: latest.interaction,
                staff,
                made_on: latest.date,
                due,
            })
        })
        .collect();
    out.sort_by_key(|p| p.customer);
    out
}

/// Where a follow-up's next contact stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    /// Still to come (due today or later).
    Open,
    /// Its day has passed and nothing was logged since.
    Missed,
    /// A later follow-up was logged on this day.
    Kept(Date),
}

/// Where the next contact agreed by `interaction` stands on `today`; `None` when it
/// agreed on none.
pub fn state_of(book: &Book, interaction: &Interaction, today: Date) -> Option<PromiseState> {
    let due = interaction.next_contact?;
    let this = Latest::of(interaction).rank();
    // The first follow-up that counts as later than this one kept it.
    let kept = book
        .interactions()
        .of_customer(interaction.customer)
        .filter(|i| i.date <= today && Latest::of(i).rank() > this)
        .map(|i| i.date)
        .min();
    Some(match kept {
        Some(on) => PromiseState::Kept(on),
        None if due < today => PromiseState::Missed,
        None => PromiseState::Open,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;
    use crate::records::{Customer, InteractionKind, Record};

    fn day(d: u32) -> Date {
        Date::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    fn log(book: &mut Book, date: Date, next: Option<Date>, today: Date) -> Interaction {
        let change = book
            .apply(
                &Command::Create {
                    record: Record::Interaction(Interaction {
                        customer: CustomerId(1),
                        date,
                        kind: InteractionKind::Visit,
                        staff: None,
                        next_contact: next,
                        ..Interaction::default()
                    }),
                },
                today,
            )
            .ok();
        match change.and_then(|c| c.puts.into_iter().next()) {
            Some(Record::Interaction(i)) => i,
            other => panic!("not logged: {other:?}"),
        }
    }

    fn book() -> Book {
        let mut book = Book::new();
        let made = book.apply(
            &Command::Create {
                record: Record::Customer(Customer::new("东莞华达", day(1))),
            },
            day(1),
        );
        assert!(made.is_ok());
        book
    }

    #[test]
    fn a_next_contact_stays_open_until_a_later_follow_up_keeps_it() {
        let mut book = book();
        let visit = log(&mut book, day(2), Some(day(10)), day(2));
        assert_eq!(state_of(&book, &visit, day(5)), Some(PromiseState::Open));
        assert_eq!(open_promises(&book, day(5)).len(), 1);
        assert_eq!(open_promises(&book, day(5))[0].due, day(10));
        assert_eq!(state_of(&book, &visit, day(11)), Some(PromiseState::Missed));
        assert_eq!(open_promises(&book, day(11)).len(), 1);
        // A call on the 12th keeps it, late.
        log(&mut book, day(12), None, day(12));
        assert_eq!(
            state_of(&book, &visit, day(12)),
            Some(PromiseState::Kept(day(12)))
        );
        assert!(open_promises(&book, day(12)).is_empty());
    }

    #[test]
    fn a_note_without_a_promise_the_same_day_does_not_cancel_it() {
        let mut book = book();
        let visit = log(&mut book, day(2), Some(day(10)), day(2));
        log(&mut book, day(2), None, day(2));
        assert_eq!(state_of(&book, &visit, day(3)), Some(PromiseState::Open));
        // A new promise replaces the old one; the old one counts as kept that day.
        let call = log(&mut book, day(4), Some(day(20)), day(4));
        assert_eq!(
            state_of(&book, &visit, day(4)),
            Some(PromiseState::Kept(day(4)))
        );
        let open = open_promises(&book, day(4));
        assert_eq!(open.len(), 1);
        assert_eq!((open[0].interaction, open[0].due), (call.id, day(20)));
    }

    #[test]
    fn lost_customers_have_no_open_promise() {
        let mut book = book();
        log(&mut book, day(2), Some(day(10)), day(2));
        let mut lost = book.customers().get(1).cloned().unwrap_or_default();
        lost.status = CustomerStatus::Lost;
        assert!(book
            .apply(
                &Command::Update {
                    record: Record::Customer(lost)
                },
                day(3)
            )
            .is_ok());
        assert!(open_promises(&book, day(3)).is_empty());
    }
}
