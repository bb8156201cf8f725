//! One customer's story, newest first: orders, follow-ups, complaints, surveys, signals
//! handovers, win-back cases and the routine duties let go with a reason.

use crate::book::Book;
use crate::records::*;
use crate::Date;

/// The day an entry stands on the timeline.
pub fn date_of(record: &Record) -> Option<Date> {
    match record {
        Record::Order(r) => Some(r.date),
        Record::Interaction(r) => Some(r.date),
        Record::Complaint(r) => Some(r.received),
        Record::Survey(r) => Some(r.date),
        Record::Signal(r) => Some(r.date),
        Record::Handover(r) => Some(r.on),
        Record::WinbackCase(r) => Some(r.opened),
        // Ownership shows when the pool took the customer or someone claimed it.
        Record::Relationship(r) if r.recycled.is_some() => r.until,
        Record::Relationship(r) if r.claimed => Some(r.since),
        // A duty let go says why on the customer's page; a plain "not this week" does not.
        Record::Deferral(r) if r.reason.is_some() => Some(r.made),
        _ => None,
    }
}

/// The kinds a timeline shows, in the order the filter offers them.
pub const KINDS: [RecordKind; 9] = [
    RecordKind::Order,
    RecordKind::Interaction,
    RecordKind::Complaint,
    RecordKind::Survey,
    RecordKind::Signal,
    RecordKind::Handover,
    RecordKind::WinbackCase,
    RecordKind::Relationship,
    RecordKind::Deferral,
];

/// The customer's timeline, newest first, limited to `kinds` (all when empty).
pub fn timeline(book: &Book, customer: CustomerId, kinds: &[RecordKind]) -> Vec<Record> {
    let mut entries: Vec<(Date, u64, Record)> = book
        .customer_file(customer)
        .into_iter()
        .filter(|r| kinds.is_empty() || kinds.contains(&r.kind()))
        .filter_map(|r| date_of(&r).map(|d| (d, r.id(), r)))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    entries.into_iter().map(|(_, _, r)| r).collect()
}

/// Where a customer's story starts: the day they became a customer, and whether that is
/// their first order's day (an import moves it back to the first order; the timeline
/// says so, so an earlier "since" is not a mystery).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Start {
    pub since: Date,
    pub first_order: bool,
}

pub fn start(book: &Book, customer: CustomerId) -> Option<Start> {
    let since = book.customers().get(customer.0)?.since;
    let first = book.orders().of_customer(customer).map(|o| o.date).min();
    Some(Start {
        since,
        first_order: first == Some(since),
    })
}

/// When `staff` last touched the customer (a follow-up they logged), if ever.
pub fn last_touch(book: &Book, customer: CustomerId, staff: StaffId) -> Option<Date> {
    book.interactions()
        .of_customer(customer)
        .filter(|i| i.staff == Some(staff))
        .map(|i| i.date)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The story starts on the day the customer came, said to be its first order's
    /// when it is (as after an import moved it back).
    #[test]
    fn the_story_starts_with_the_customer_and_names_the_first_order() {
        use crate::command::Command;
        let today = Date::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let day = |d: u32| Date::from_ymd_opt(2026, 3, d).unwrap_or_default();
        let mut book = Book::new();
        let record = Record::Customer(Customer::new("甲", day(3)));
        let id = book
            .apply(&Command::Create { record }, today)
            .map(|c| CustomerId(c.puts[0].id()))
            .unwrap_or_default();
        assert_eq!(
            start(&book, id),
            Some(Start {
                since: day(3),
                first_order: false
            })
        );
        for d in [3, 9] {
            let record = Record::Order(Order {
                customer: id,
                date: day(d),
                amount: crate::money::Money(100),
                ..Order::default()
            });
            let _ = book.apply(&Command::Create { record }, today);
        }
        assert_eq!(start(&book, id).map(|s| s.first_order), Some(true));
        assert_eq!(start(&book, CustomerId(999)), None);
    }
    use crate::command::Command;
    use crate::money::Money;

    fn day(d: u32) -> Date {
        Date::from_ymd_opt(2026, 11, d).expect("valid")
    }

    #[test]
    fn newest_first_and_filtered_by_kind() {
        let mut book = Book::new();
        let today = day(22);
        book.apply(
            &Command::Create {
                record: Record::Customer(Customer::new("A", day(1))),
            },
            today,
        )
        .expect("valid");
        let c = CustomerId(1);
        let records = [
            Record::Order(Order {
                customer: c,
                date: day(3),
                amount: Money(100),
                ..Order::default()
            }),
            Record::Interaction(Interaction {
                customer: c,
                date: day(10),
                ..Interaction::default()
            }),
            Record::Survey(Survey {
                customer: c,
                date: day(5),
                score: 4,
                ..Survey::default()
            }),
            Record::Complaint(Complaint {
                customer: c,
                received: day(7),
                subject: "延迟".into(),
                ..Complaint::default()
            }),
        ];
        for record in records {
            book.apply(&Command::Create { record }, today)
                .expect("valid");
        }
        let all: Vec<Option<Date>> = timeline(&book, c, &[]).iter().map(date_of).collect();
        assert_eq!(
            all,
            vec![Some(day(10)), Some(day(7)), Some(day(5)), Some(day(3))]
        );
        let orders = timeline(&book, c, &[RecordKind::Order]);
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].kind(), RecordKind::Order);
    }
}
