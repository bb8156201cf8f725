//! Win-back (流失挽回, seed 003): opening and closing a lost or leaving customer's case,
//! and the review at the end of the month — how many came back, by cause and by owner,
//! which causes matter most, the lessons, and what leaving cost.

use crate::book::Book;
use crate::command::Command;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::money::Money;
use crate::records::*;
use crate::Date;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// Whether a case may be opened for this customer: lost or at risk (leaving), and no
/// case of theirs still open.
pub fn can_open(book: &Book, customer: CustomerId) -> bool {
    let Some(c) = book.customers().get(customer.0) else {
        return false;
    };
    matches!(c.status, CustomerStatus::Lost | CustomerStatus::AtRisk)
        && open_case_of(book, customer).is_none()
}

/// The customer's open case, if any.
pub fn open_case_of(book: &Book, customer: CustomerId) -> Option<&WinbackCase> {
    book.winback_cases()
        .of_customer(customer)
        .find(|c| c.is_open())
}

/// A new case for `customer`, run by its owner; refused when [`can_open`] is not met.
pub fn open(book: &Book, customer: CustomerId, today: Date) -> BookResult<Command> {
    if !can_open(book, customer) {
        return Err(BookError::invalid(Field::Customer, Problem::Invalid));
    }
    Ok(Command::Create {
        record: Record::WinbackCase(WinbackCase {
            customer,
            opened: today,
            owner: book.owner_of(customer),
            ..WinbackCase::default()
        }),
    })
}

/// Closes `case` as of `today`, in one undoable change: the case records the outcome,
/// and the customer's status follows (won back, or lost).
pub fn close(
    book: &Book,
    case: &WinbackCase,
    outcome: WinbackOutcome,
    why_not: &str,
    today: Date,
) -> BookResult<Command> {
    let mut closed = case.clone();
    closed.outcome = outcome;
    closed.closed = (outcome != WinbackOutcome::Open).then_some(today);
    closed.why_not = why_not.trim().to_string();
    closed.validate(today)?;
    let mut customer =
        book.customers()
            .get(case.customer.0)
            .cloned()
            .ok_or(BookError::NotFound {
                kind: RecordKind::Customer,
                id: case.customer.0,
            })?;
    customer.status = match outcome {
        WinbackOutcome::WonBack => CustomerStatus::WonBack,
        WinbackOutcome::NotWonBack => CustomerStatus::Lost,
        WinbackOutcome::Open => customer.status,
    };
    Ok(Command::Batch {
        commands: vec![
            Command::Update {
                record: Record::WinbackCase(closed),
            },
            Command::Update {
                record: Record::Customer(customer),
            },
        ],
    })
}

/// Cases closed and won back in one group (a month, a cause, an owner).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub closed: u32,
    pub won: u32,
}

impl Tally {
    /// Won back over closed; `None` before any case is closed.
    pub fn rate(&self) -> Option<f64> {
        (self.closed > 0).then(|| f64::from(self.won) / f64::from(self.closed))
    }

    fn add(&mut self, case: &WinbackCase) {
        if case.is_open() {
            return;
        }
        self.closed += 1;
        if case.outcome == WinbackOutcome::WonBack {
            self.won += 1;
        }
    }
}

/// One cause's share of the cases: the Pareto chart's bar and its cumulative line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CauseShare {
    pub cause: LossCause,
    /// Cases with this primary cause.
    pub cases: u32,
    pub tally: Tally,
    /// This cause and every larger one, over all cases with a known cause.
    pub cumulative: f64,
}

/// A lesson, with the case it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    pub case: WinbackId,
    pub customer: CustomerId,
    pub on: Date,
    pub text: String,
}

/// The month-end review (seed 003 step 4).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub open: u32,
    pub total: Tally,
    /// The last twelve months, oldest first, by the month a case was closed.
    pub by_month: Vec<(Date, Tally)>,
    /// Largest first.
    pub causes: Vec<CauseShare>,
    /// By case owner, most cases first; `None` is cases without an owner.
    pub owners: Vec<(Option<StaffId>, Tally)>,
    /// Why the others did not come back, newest first.
    pub why_not: Vec<Lesson>,
    pub lessons: Vec<Lesson>,
    /// What leaving cost, as recorded on the exit checklists.
    pub loss: Money,
}

/// The first day of each of the twelve months up to `today`'s, oldest first.
pub fn last_twelve_months(today: Date) -> Vec<Date> {
    let mut months = Vec::with_capacity(12);
    let (mut year, mut month) = (today.year(), today.month());
    for _ in 0..12 {
        months.push(Date::from_ymd_opt(year, month, 1).unwrap_or(today));
        if month == 1 {
            year -= 1;
            month = 12;
        } else {
            month -= 1;
        }
    }
    months.reverse();
    months
}

fn month_of(date: Date) -> Date {
    date.with_day(1).unwrap_or(date)
}

pub fn review(book: &Book, today: Date) -> Review {
    let months = last_twelve_months(today);
    let mut by_month: Vec<(Date, Tally)> = months.iter().map(|m| (*m, Tally::default())).collect();
    let mut review = Review::default();
    let mut causes: Vec<CauseShare> = Vec::new();
    let mut owners: Vec<(Option<StaffId>, Tally)> = Vec::new();
    for case in book.winback_cases().iter() {
        if case.is_open() {
            review.open += 1;
        }
        review.total.add(case);
        if let Some(closed) = case.closed {
            if let Some(slot) = by_month.iter_mut().find(|(m, _)| *m == month_of(closed)) {
                slot.1.add(case);
            }
        }
        if let Some(primary) = case.primary {
            let share = if let Some(i) = causes.iter_mut().position(|c| c.cause == primary) {
                &mut causes[i]
            } else {
                causes.push(CauseShare {
                    cause: primary,
                    cases: 0,
                    tally: Tally::default(),
                    cumulative: 0.0,
                });
                let last = causes.len() - 1;
                &mut causes[last]
            };
            share.cases += 1;
            share.tally.add(case);
        }
        if let Some((_, tally)) = owners.iter_mut().find(|(o, _)| *o == case.owner) {
            tally.add(case);
        } else {
            let mut tally = Tally::default();
            tally.add(case);
            owners.push((case.owner, tally));
        }
        let lesson = |text: &str, on: Date| Lesson {
            case: case.id,
            customer: case.customer,
            on,
            text: text.trim().to_string(),
        };
        if !case.exit.lessons.trim().is_empty() {
            review.lessons.push(lesson(
                &case.exit.lessons,
                case.closed.unwrap_or(case.opened),
            ));
        }
        if case.outcome == WinbackOutcome::NotWonBack {
            review
                .why_not
                .push(lesson(&case.why_not, case.closed.unwrap_or(case.opened)));
        }
        review.loss += case.exit.loss();
    }
    causes.sort_by(|a, b| b.cases.cmp(&a.cases).then(a.cause.cmp(&b.cause)));
    let known: u32 = causes.iter().map(|c| c.cases).sum();
    let mut running = 0;
    for c in &mut causes {
        running += c.cases;
        c.cumulative = f64::from(running) / f64::from(known.max(1));
    }
    owners.sort_by(|a, b| {
        (b.1.closed, b.1.won)
            .cmp(&(a.1.closed, a.1.won))
            .then(a.0.cmp(&b.0))
    });
    for list in [&mut review.lessons, &mut review.why_not] {
        list.sort_by(|a, b| b.on.cmp(&a.on).then(b.case.cmp(&a.case)));
    }
    review.by_month = by_month;
    review.causes = causes;
    review.owners = owners;
    review
}

/// What the customer still owes on its payment plan: the receivables a leaving customer's
/// loss settlement starts from (seed 004).
pub fn receivables(book: &Book, customer: CustomerId) -> Money {
    book.instalments()
        .of_customer(customer)
        .map(Instalment::outstanding)
        .sum()
}

#[cfg(test)]
mod tests;
