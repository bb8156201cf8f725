//! The periods business figures are counted over, defined once. "The last 12 months" are
//! the 365 days ending today (today and the 364 before); "the 12 months before" are the
//! 365 days before those. An order exactly 365 days old belongs to the year before, on
//! every screen: before this, some screens counted it and others did not.

use crate::records::dates::plus_days;
use crate::Date;

/// Days in "12 months".
pub const YEAR_DAYS: i64 = 365;

/// Days from `first` to `last`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

impl Period {
    /// Today and the 364 days before.
    pub fn last_12_months(today: Date) -> Period {
        Period {
            first: plus_days(today, -(YEAR_DAYS - 1)),
            last: today,
        }
    }

    /// The 365 days before [`Period::last_12_months`].
    pub fn previous_12_months(today: Date) -> Period {
        Period {
            first: plus_days(today, -(2 * YEAR_DAYS - 1)),
            last: plus_days(today, -YEAR_DAYS),
        }
    }

    pub fn contains(&self, date: Date) -> bool {
        self.first <= date && date <= self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_12_months_are_365_days_and_the_year_before_follows_without_overlap() {
        let today = Date::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let last = Period::last_12_months(today);
        let before = Period::previous_12_months(today);
        assert!(last.contains(today));
        assert!(last.contains(plus_days(today, -364)));
        assert!(!last.contains(plus_days(today, -365)));
        assert!(before.contains(plus_days(today, -365)));
        assert!(before.contains(plus_days(today, -729)));
        assert!(!before.contains(plus_days(today, -730)));
        assert!(!last.contains(plus_days(today, 1)));
        assert_eq!((last.last - last.first).num_days() + 1, YEAR_DAYS);
    }
}
