//! Days counted back from `today`, the festivals that shape a Chinese distributor's
//! year, and the seasonal rhythm of its orders.

use crate::Date;
use chrono::{Datelike, TimeDelta};

/// How far back the precomputed tables reach; older days are computed on demand.
const SPAN: i32 = 4600;

/// Spring Festival (春节) by Gregorian year.
const SPRING_FESTIVAL: &[(i32, u32, u32)] = &[
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
];

/// Mid-Autumn Festival (中秋节) by Gregorian year.
const MID_AUTUMN: &[(i32, u32, u32)] = &[
    (2010, 9, 22),
    (2011, 9, 12),
    (2012, 9, 30),
    (2013, 9, 19),
    (2014, 9, 8),
    (2015, 9, 27),
    (2016, 9, 15),
    (2017, 10, 4),
    (2018, 9, 24),
    (2019, 9, 13),
    (2020, 10, 1),
    (2021, 9, 21),
    (2022, 9, 10),
    (2023, 9, 29),
    (2024, 9, 17),
    (2025, 10, 6),
    (2026, 9, 25),
    (2027, 9, 15),
    (2028, 10, 3),
    (2029, 9, 22),
    (2030, 9, 12),
];

/// `day` moved by `days`, or `day` itself at the ends of the calendar.
pub(super) fn shift(day: Date, days: i64) -> Date {
    TimeDelta::try_days(days)
        .and_then(|delta| day.checked_add_signed(delta))
        .unwrap_or(day)
}

fn festival(table: &[(i32, u32, u32)], year: i32, fallback: (u32, u32)) -> Option<Date> {
    let (month, day) = table
        .iter()
        .find(|(y, _, _)| *y == year)
        .map_or(fallback, |(_, m, d)| (*m, *d));
    Date::from_ymd_opt(year, month, day)
}

pub(super) fn spring_festival(year: i32) -> Option<Date> {
    festival(SPRING_FESTIVAL, year, (2, 4))
}

pub(super) fn mid_autumn(year: i32) -> Option<Date> {
    festival(MID_AUTUMN, year, (9, 20))
}

/// Days as "days ago" (0 is today), with each day's date and order season precomputed.
pub(super) struct Calendar {
    today: Date,
    dates: Vec<Date>,
    season: Vec<f64>,
    /// `season_total[k]` is the sum of `season` over days ago `0..k`.
    season_total: Vec<f64>,
}

/// The highest value [`Calendar::season`] takes, for rejection sampling.
pub(super) const SEASON_MAX: f64 = 1.8;

impl Calendar {
    pub fn new(today: Date) -> Calendar {
        let dates: Vec<Date> = (0..=SPAN)
            .map(|ago| shift(today, -i64::from(ago)))
            .collect();
        let season: Vec<f64> = dates.iter().map(|d| season_of(*d)).collect();
        let mut season_total = Vec::with_capacity(season.len() + 1);
        let mut sum = 0.0;
        season_total.push(sum);
        for s in &season {
            sum += s;
            season_total.push(sum);
        }
        Calendar {
            today,
            dates,
            season,
            season_total,
        }
    }

    pub fn today(&self) -> Date {
        self.today
    }

    /// The date `ago` days before today (never after today).
    pub fn date(&self, ago: i32) -> Date {
        let ago = ago.max(0);
        match self.dates.get(ago as usize) {
            Some(d) => *d,
            None => shift(self.today, -i64::from(ago)),
        }
    }

    /// Days between a date and today; positive for past dates.
    pub fn ago(&self, day: Date) -> i32 {
        i32::try_from((self.today - day).num_days()).unwrap_or(i32::MAX)
    }

    /// How busy ordering is on that day, relative to an ordinary day.
    pub fn season(&self, ago: i32) -> f64 {
        self.season.get(ago.max(0) as usize).copied().unwrap_or(1.0)
    }

    /// The sum of [`Calendar::season`] over days `from..=to` ago; 0 for an empty range.
    pub fn season_sum(&self, from: i32, to: i32) -> f64 {
        let from = from.max(0);
        if to < from {
            return 0.0;
        }
        let last = self.season_total.len() - 1;
        let at = |k: i32| self.season_total[(k as usize).min(last)];
        at(to + 1) - at(from)
    }

    /// The most recent festival (Spring Festival or Mid-Autumn) on or before `ago`
    /// days ago, as days ago.
    pub fn festival_before(&self, ago: i32, spring: bool) -> Option<i32> {
        let day = self.date(ago);
        let find = |year| {
            if spring {
                spring_festival(year)
            } else {
                mid_autumn(year)
            }
        };
        [day.year(), day.year() - 1]
            .into_iter()
            .filter_map(find)
            .find(|f| *f <= day)
            .map(|f| self.ago(f))
    }
}

/// Building sites and factories stock up before Spring Festival, stop for it, and
/// restart slowly; the year ends busy (November–December), Golden Week is quiet.
fn season_of(day: Date) -> f64 {
    const MONTH: [f64; 12] = [
        1.0, 0.9, 1.0, 1.05, 1.05, 1.0, 0.9, 0.9, 1.1, 0.95, 1.2, 1.3,
    ];
    let mut factor = MONTH[day.month0() as usize];
    let to_festival = [day.year(), day.year() + 1]
        .into_iter()
        .filter_map(spring_festival)
        .map(|f| (day - f).num_days())
        .min_by_key(|d| d.abs())
        .unwrap_or(365);
    factor *= match to_festival {
        -30..=-8 => 1.35,
        -7..=15 => 0.2,
        16..=30 => 0.7,
        _ => 1.0,
    };
    if day.month() == 10 && day.day() <= 7 {
        factor *= 0.5;
    }
    factor.min(SEASON_MAX)
}
