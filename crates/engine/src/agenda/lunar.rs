//! The Chinese lunar calendar (农历), for the festivals that follow it: Spring Festival,
//! Lantern, Dragon Boat, Mid-Autumn and the rest move by up to a month in the Gregorian
//! calendar, so the agenda must convert rather than guess.
//!
//! The calendar is astronomical (a month starts on the day of the new moon in Beijing
//! time; leap months follow the solar terms), which is costly to compute and hard to get
//! right near midnight. Like most software in China, we use the compact per-year table
//! derived from the Hong Kong Observatory's conversion tables, covering lunar years
//! 1900–2100. Each year is one number:
//!
//! - bits 0–3: the leap month (1–12), or 0 when the year has none;
//! - bits 4–15: months 1–12 (bit 15 is month 1, bit 4 month 12): 1 = 30 days, 0 = 29;
//! - bit 16: the leap month has 30 days (else 29).
//!
//! Lunar year 1900 began on 1900-01-31. The table was checked for 1990–2050 against an
//! independent astronomical computation (ICU's Chinese calendar, and Meeus's new-moon
//! algorithm where the two differed): they agree except for seven months whose new moon
//! falls within 15 minutes of Beijing midnight (e.g. 2018-11-08 00:02, 2027-02-06 23:56,
//! 2030-02-03 00:07), where the table has the right day. Years after 2050 are the same
//! published data but unchecked (2057 is known to be disputed between almanacs).

use crate::Date;
use serde::{Deserialize, Serialize};

/// The first and last lunar years the table covers.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

#[rustfmt::skip]
const YEARS: [u32; (LAST_YEAR - FIRST_YEAR + 1) as usize] = [
    0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900
    0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910
    0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920
    0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930
    0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940
    0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950
    0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960
    0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6, // 1970
    0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980
    0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0, // 1990
    0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
    0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
    0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
    0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
    0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
    0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06aa0, 0x1a6c4, 0x0aae0, // 2050
    0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
    0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
    0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
    0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a4d0, 0x0d150, 0x0f252, // 2090
    0x0d520, // 2100
];

/// Days from 1900-01-31 to the first day of each lunar year, worked out once at compile
/// time so a conversion is a binary search instead of a walk through the centuries.
const NEW_YEARS: [u32; YEARS.len() + 1] = {
    let mut out = [0u32; YEARS.len() + 1];
    let mut i = 0;
    while i < YEARS.len() {
        out[i + 1] = out[i] + days_in_year(YEARS[i]);
        i += 1;
    }
    out
};

const fn days_in_year(info: u32) -> u32 {
    let mut days = 0;
    let mut month = 1;
    while month <= 12 {
        days += if info & (0x10000 >> month) != 0 {
            30
        } else {
            29
        };
        month += 1;
    }
    if info & 0xf != 0 {
        days += if info & 0x10000 != 0 { 30 } else { 29 };
    }
    days
}

fn epoch() -> Date {
    // A constant date: the fallback is never taken.
    Date::from_ymd_opt(1900, 1, 31).unwrap_or_default()
}

/// A day of the lunar calendar. `leap` marks the intercalary month (闰月) that repeats
/// `month`; `year` is the Gregorian year in which that lunar year began.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LunarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub leap: bool,
}

fn info(year: i32) -> Option<u32> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    YEARS.get(index).copied()
}

/// The leap month of a lunar year, if it has one.
pub fn leap_month(year: i32) -> Option<u32> {
    info(year).map(|i| i & 0xf).filter(|m| *m != 0)
}

/// Days (29 or 30) in a month of a lunar year; `None` for a month the year lacks.
pub fn month_days(year: i32, month: u32, leap: bool) -> Option<u32> {
    let info = info(year)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let big = if leap {
        if info & 0xf != month {
            return None;
        }
        info & 0x10000 != 0
    } else {
        info & (0x10000 >> month) != 0
    };
    Some(if big { 30 } else { 29 })
}

/// Days in a lunar year: 353–355, or 383–385 with a leap month.
pub fn year_days(year: i32) -> Option<u32> {
    info(year).map(days_in_year)
}

/// The Gregorian date of the first day of a lunar year (Spring Festival, 春节).
pub fn new_year(year: i32) -> Option<Date> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    if index >= YEARS.len() {
        return None;
    }
    epoch().checked_add_days(chrono::Days::new(u64::from(NEW_YEARS[index])))
}

/// The months of a lunar year in order, as (month, leap, days).
fn months(year: i32) -> impl Iterator<Item = (u32, bool, u32)> {
    let leap = leap_month(year);
    (1..=12u32).flat_map(move |m| {
        let normal = month_days(year, m, false).map(|d| (m, false, d));
        let extra = leap
            .filter(|l| *l == m)
            .and_then(|_| month_days(year, m, true))
            .map(|d| (m, true, d));
        normal.into_iter().chain(extra)
    })
}

/// The Gregorian date of a lunar date; `None` when the year is outside the table, the
/// month does not exist (a leap month the year lacks) or the day is past the month's end.
pub fn lunar_to_solar(year: i32, month: u32, day: u32, leap: bool) -> Option<Date> {
    let length = month_days(year, month, leap)?;
    if day == 0 || day > length {
        return None;
    }
    let before: u32 = months(year)
        .take_while(|(m, l, _)| (*m, *l) != (month, leap))
        .map(|(_, _, d)| d)
        .sum();
    new_year(year)?.checked_add_days(chrono::Days::new(u64::from(before + day - 1)))
}

/// The lunar date of a Gregorian date; `None` outside the table's range.
pub fn solar_to_lunar(date: Date) -> Option<LunarDate> {
    let offset = u32::try_from((date - epoch()).num_days()).ok()?;
    // The last lunar year starting on or before the date.
    let index = NEW_YEARS
        .partition_point(|start| *start <= offset)
        .checked_sub(1)?;
    if index >= YEARS.len() {
        return None;
    }
    let year = FIRST_YEAR + i32::try_from(index).ok()?;
    let mut rest = offset - NEW_YEARS[index];
    for (month, leap, days) in months(year) {
        if rest < days {
            return Some(LunarDate {
                year,
                month,
                day: rest + 1,
                leap,
            });
        }
        rest -= days;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).expect("valid")
    }

    #[test]
    fn known_new_years_and_a_leap_month() {
        assert_eq!(new_year(1900), Some(day(1900, 1, 31)));
        assert_eq!(new_year(2024), Some(day(2024, 2, 10)));
        assert_eq!(new_year(2101), None);
        // 2023 had a leap second month (闰二月) from 2023-03-22 to 2023-04-19.
        assert_eq!(leap_month(2023), Some(2));
        assert_eq!(lunar_to_solar(2023, 2, 1, true), Some(day(2023, 3, 22)));
        assert_eq!(lunar_to_solar(2023, 3, 1, false), Some(day(2023, 4, 20)));
        assert_eq!(lunar_to_solar(2024, 2, 1, true), None);
        assert_eq!(lunar_to_solar(2024, 1, 31, false), None);
        assert_eq!(
            solar_to_lunar(day(2023, 4, 19)),
            Some(LunarDate {
                year: 2023,
                month: 2,
                day: 29,
                leap: true
            })
        );
    }

    #[test]
    fn range_ends() {
        assert_eq!(solar_to_lunar(day(1900, 1, 30)), None);
        assert!(solar_to_lunar(day(1900, 1, 31)).is_some());
        let last = new_year(LAST_YEAR)
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(year_days(LAST_YEAR)?))))
            .expect("end of the table");
        assert_eq!(solar_to_lunar(last), None);
        assert!(solar_to_lunar(last.pred_opt().expect("a day")).is_some());
    }
}
