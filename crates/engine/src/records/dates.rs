//! Every date and amount a record holds, so one check keeps them all within what a
//! customer book can mean. A date near the end of chrono's range (year 262,000) once
//! made every "date + days" on the dashboard panic, and two orders near `i64::MAX` fen
//! made every revenue total overflow; no user means a date before 1900 or after 2200,
//! or one order above 100亿元.

use super::*;
use crate::error::{BookError, BookResult, Field, Problem};
use crate::Date;

/// The first and last year a date in the book may fall in.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// Refuses the first date outside [`FIRST_YEAR`]..=[`LAST_YEAR`], naming its field.
pub(crate) fn check_years(dates: &[(Field, Option<Date>)]) -> BookResult<()> {
    use chrono::Datelike;
    for (field, date) in dates {
        if let Some(date) = date {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
                return Err(BookError::invalid(
                    *field,
                    Problem::YearOutOfRange {
                        first: FIRST_YEAR,
                        last: LAST_YEAR,
                    },
                ));
            }
        }
    }
    Ok(())
}

impl Customer {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Since, Some(self.since))]
    }
}

impl Contact {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Birthday, self.birthday)]
    }
}

impl Staff {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        let leaving = match self.status {
            StaffStatus::Active => None,
            StaffStatus::Leaving(on) | StaffStatus::Left(on) => Some(on),
        };
        vec![
            (Field::HireDate, Some(self.hire_date)),
            (Field::LeavingOn, leaving),
        ]
    }
}

impl Relationship {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![
            (Field::Since, Some(self.since)),
            (Field::Date, self.until),
            (Field::Due, self.expires),
        ]
    }
}

impl Order {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Date, Some(self.date))]
    }
}

impl Interaction {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![
            (Field::Date, Some(self.date)),
            (Field::NextContact, self.next_contact),
        ]
    }
}

impl Complaint {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![
            (Field::Received, Some(self.received)),
            (Field::Investigating, self.investigating_on),
            (Field::Resolved, self.resolved_on),
            (Field::ReportedBack, self.reported_back_on),
        ]
    }
}

impl Survey {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Date, Some(self.date))]
    }
}

impl Signal {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Date, Some(self.date))]
    }
}

impl KeyDate {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Date, Some(self.date))]
    }
}

impl Task {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Due, Some(self.due)), (Field::Date, self.done)]
    }
}

impl Handover {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        let mut dates = vec![
            (Field::Date, Some(self.on)),
            (Field::Status, self.status_on),
        ];
        for step in &self.steps {
            dates.push((Field::Due, Some(step.due)));
            dates.push((Field::Date, step.done));
        }
        dates
    }
}

impl Instalment {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![(Field::Due, Some(self.due)), (Field::PaidOn, self.paid_on)]
    }
}

impl WinbackCase {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        let mut dates = vec![(Field::Date, Some(self.opened)), (Field::Date, self.closed)];
        for action in &self.actions {
            dates.push((Field::Due, Some(action.due)));
            dates.push((Field::Date, action.done));
        }
        dates
    }
}

impl Deferral {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        vec![
            (Field::Due, Some(self.due)),
            (Field::Date, Some(self.made)),
            (Field::Due, self.until),
        ]
    }
}

impl Announcement {
    pub(crate) fn dates(&self) -> Vec<(Field, Option<Date>)> {
        let mut dates = vec![(Field::Date, Some(self.date))];
        dates.extend(self.told.iter().map(|t| (Field::Date, Some(t.on))));
        dates
    }
}

/// `date` moved by `days`, held at chrono's first or last day instead of panicking: a
/// book built without the year check (or a hostile setting) must never abort a view.
pub fn plus_days(date: Date, days: i64) -> Date {
    let delta = chrono::Duration::try_days(days);
    match delta.and_then(|d| date.checked_add_signed(d)) {
        Some(moved) => moved,
        None if days < 0 => Date::MIN,
        None => Date::MAX,
    }
}

/// The largest amount one record may hold, either way: 10^12 fen (100亿元). Totals over
/// millions of such records still fit in an `i64`, so no sum in the engine can overflow;
/// no order of a small or mid-size business comes near it.
pub const MAX_AMOUNT: crate::money::Money = crate::money::Money(1_000_000_000_000);

/// Refuses the first amount beyond [`MAX_AMOUNT`] either way, naming its field.
pub(crate) fn check_amounts(amounts: &[(Field, crate::money::Money)]) -> BookResult<()> {
    let max = MAX_AMOUNT.fen();
    for (field, amount) in amounts {
        if !(-max..=max).contains(&amount.fen()) {
            return Err(BookError::invalid(
                *field,
                Problem::OutOfRange {
                    min: -max / 100,
                    max: max / 100,
                },
            ));
        }
    }
    Ok(())
}

impl Order {
    pub(crate) fn amounts(&self) -> Vec<(Field, crate::money::Money)> {
        vec![
            (Field::Amount, self.amount),
            (Field::Margin, self.margin),
            (Field::CostToServe, self.cost_to_serve),
        ]
    }
}

impl Instalment {
    pub(crate) fn amounts(&self) -> Vec<(Field, crate::money::Money)> {
        vec![(Field::Amount, self.amount), (Field::Paid, self.paid)]
    }
}

impl WinbackCase {
    pub(crate) fn amounts(&self) -> Vec<(Field, crate::money::Money)> {
        let e = &self.exit;
        [e.receivables, e.compensation, e.returns, e.market_gap]
            .into_iter()
            .map(|m| (Field::Amount, m))
            .collect()
    }
}
