//! The festivals a Chinese sales team greets customers on (节日问候): the lunar ones move
//! every year, so their dates come from [`super::lunar`]; Qingming follows the sun.

use super::lunar;
use crate::Date;
use serde::{Deserialize, Serialize};

/// In the order they fall in a year, which is also the order items of one day sort in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Festival {
    /// 元旦, January 1.
    NewYear,
    /// 腊八节, lunar 12/8 (late December or January).
    Laba,
    /// 除夕, the last day of the lunar year (12/29 or 12/30).
    SpringFestivalEve,
    /// 春节, lunar 1/1.
    SpringFestival,
    /// 元宵节, lunar 1/15.
    Lantern,
    /// 清明节, the solar term, April 4 or 5. A day of remembrance: no festive greeting.
    Qingming,
    /// 劳动节, May 1.
    LabourDay,
    /// 端午节, lunar 5/5.
    DragonBoat,
    /// 七夕, lunar 7/7.
    Qixi,
    /// 教师节, September 10.
    TeachersDay,
    /// 中秋节, lunar 8/15.
    MidAutumn,
    /// 国庆节, October 1.
    NationalDay,
    /// 重阳节, lunar 9/9, the day for the elderly.
    DoubleNinth,
}

impl Festival {
    pub const ALL: [Festival; 13] = [
        Festival::NewYear,
        Festival::Laba,
        Festival::SpringFestivalEve,
        Festival::SpringFestival,
        Festival::Lantern,
        Festival::Qingming,
        Festival::LabourDay,
        Festival::DragonBoat,
        Festival::Qixi,
        Festival::TeachersDay,
        Festival::MidAutumn,
        Festival::NationalDay,
        Festival::DoubleNinth,
    ];

    /// The festivals a business greets its customers on by default: the big lunar three,
    /// Lantern, and the two public new-year and national holidays.
    pub const GREETED: [Festival; 6] = [
        Festival::NewYear,
        Festival::SpringFestival,
        Festival::Lantern,
        Festival::DragonBoat,
        Festival::MidAutumn,
        Festival::NationalDay,
    ];

    /// The serde name, also the last part of its translation keys.
    pub fn key(self) -> &'static str {
        match self {
            Festival::NewYear => "new_year",
            Festival::Laba => "laba",
            Festival::SpringFestivalEve => "spring_festival_eve",
            Festival::SpringFestival => "spring_festival",
            Festival::Lantern => "lantern",
            Festival::Qingming => "qingming",
            Festival::LabourDay => "labour_day",
            Festival::DragonBoat => "dragon_boat",
            Festival::Qixi => "qixi",
            Festival::TeachersDay => "teachers_day",
            Festival::MidAutumn => "mid_autumn",
            Festival::NationalDay => "national_day",
            Festival::DoubleNinth => "double_ninth",
        }
    }

    /// The translation key of the festival's name, e.g. `festival.mid_autumn`.
    pub fn name_key(self) -> &'static str {
        match self {
            Festival::NewYear => "festival.new_year",
            Festival::Laba => "festival.laba",
            Festival::SpringFestivalEve => "festival.spring_festival_eve",
            Festival::SpringFestival => "festival.spring_festival",
            Festival::Lantern => "festival.lantern",
            Festival::Qingming => "festival.qingming",
            Festival::LabourDay => "festival.labour_day",
            Festival::DragonBoat => "festival.dragon_boat",
            Festival::Qixi => "festival.qixi",
            Festival::TeachersDay => "festival.teachers_day",
            Festival::MidAutumn => "festival.mid_autumn",
            Festival::NationalDay => "festival.national_day",
            Festival::DoubleNinth => "festival.double_ninth",
        }
    }

    /// Whether the date follows the lunar calendar.
    pub fn is_lunar(self) -> bool {
        self.lunar_day().is_some() || self == Festival::SpringFestivalEve
    }

    /// Month and day of a festival fixed in the lunar calendar (not the Eve, whose day
    /// depends on the length of the twelfth month).
    pub fn lunar_day(self) -> Option<(u32, u32)> {
        match self {
            Festival::Laba => Some((12, 8)),
            Festival::SpringFestival => Some((1, 1)),
            Festival::Lantern => Some((1, 15)),
            Festival::DragonBoat => Some((5, 5)),
            Festival::Qixi => Some((7, 7)),
            Festival::MidAutumn => Some((8, 15)),
            Festival::DoubleNinth => Some((9, 9)),
            _ => None,
        }
    }

    /// Month and day of a festival fixed in the Gregorian calendar.
    fn solar_day(self) -> Option<(u32, u32)> {
        match self {
            Festival::NewYear => Some((1, 1)),
            Festival::LabourDay => Some((5, 1)),
            Festival::TeachersDay => Some((9, 10)),
            Festival::NationalDay => Some((10, 1)),
            _ => None,
        }
    }

    /// The festival's date in the lunar year `year` (lunar festivals) or the Gregorian
    /// year `year` (the others); `None` outside the supported years.
    pub fn date_in(self, year: i32) -> Option<Date> {
        if let Some((month, day)) = self.lunar_day() {
            return lunar::lunar_to_solar(year, month, day, false);
        }
        if let Some((month, day)) = self.solar_day() {
            return Date::from_ymd_opt(year, month, day);
        }
        match self {
            Festival::SpringFestivalEve => lunar::new_year(year.checked_add(1)?)?.pred_opt(),
            Festival::Qingming => qingming(year),
            _ => None,
        }
    }
}

/// The translation key of the greeting suggested for a festival, e.g.
/// `greeting.mid_autumn` ("中秋佳节，月圆人圆，祝您阖家幸福…" in the zh-CN file).
pub fn greeting_key(festival: Festival) -> &'static str {
    match festival {
        Festival::NewYear => "greeting.new_year",
        Festival::Laba => "greeting.laba",
        Festival::SpringFestivalEve => "greeting.spring_festival_eve",
        Festival::SpringFestival => "greeting.spring_festival",
        Festival::Lantern => "greeting.lantern",
        Festival::Qingming => "greeting.qingming",
        Festival::LabourDay => "greeting.labour_day",
        Festival::DragonBoat => "greeting.dragon_boat",
        Festival::Qixi => "greeting.qixi",
        Festival::TeachersDay => "greeting.teachers_day",
        Festival::MidAutumn => "greeting.mid_autumn",
        Festival::NationalDay => "greeting.national_day",
        Festival::DoubleNinth => "greeting.double_ninth",
    }
}

/// Qingming (清明), the day the sun reaches 15° of longitude, in Beijing time. The usual
/// almanac formula `⌊Y·0.2422 + C⌋ − ⌊Y/4⌋` (Y the year within its century, C = 5.59 for
/// 1901–1999 and 4.81 for 2000–2099) matches an astronomical computation in every year
/// 1901–2099, including the few years when the moment falls within half an hour of
/// midnight (2005, 2009, 2038, 2042).
pub fn qingming(year: i32) -> Option<Date> {
    let (within, c) = match year {
        1901..=1999 => (year - 1900, 5.59),
        2000..=2099 => (year - 2000, 4.81),
        _ => return None,
    };
    let day = (f64::from(within) * 0.2422 + c).floor() as i32 - within / 4;
    Date::from_ymd_opt(year, 4, u32::try_from(day).ok()?)
}

/// Every festival dated in `[from, to]`, by date (festivals of one day in [`Festival`]
/// order). Lunar festivals outside the table's years are left out.
pub fn festivals_between(from: Date, to: Date) -> Vec<(Date, Festival)> {
    use chrono::Datelike;
    let mut out = Vec::new();
    if from > to {
        return out;
    }
    // A lunar year starts in late January or February, so its Laba and Eve can fall in
    // the next Gregorian year: look one year back.
    for year in from.year() - 1..=to.year() {
        for festival in Festival::ALL {
            if festival.is_lunar() || year >= from.year() {
                if let Some(date) = festival.date_in(year) {
                    if date >= from && date <= to {
                        out.push((date, festival));
                    }
                }
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).expect("valid")
    }

    #[test]
    fn the_eve_is_the_day_before_spring_festival() {
        assert_eq!(
            Festival::SpringFestivalEve.date_in(2025),
            Some(day(2026, 2, 16))
        );
        assert_eq!(
            Festival::SpringFestival.date_in(2026),
            Some(day(2026, 2, 17))
        );
        // Laba of lunar 2025 falls in January 2026.
        assert_eq!(Festival::Laba.date_in(2025), Some(day(2026, 1, 26)));
    }

    #[test]
    fn a_window_across_new_year() {
        let found = festivals_between(day(2025, 12, 25), day(2026, 2, 20));
        let names: Vec<Festival> = found.iter().map(|(_, f)| *f).collect();
        assert_eq!(
            names,
            vec![
                Festival::NewYear,
                Festival::Laba,
                Festival::SpringFestivalEve,
                Festival::SpringFestival
            ]
        );
        assert!(festivals_between(day(2026, 2, 20), day(2026, 2, 19)).is_empty());
    }

    #[test]
    fn keys_match_serde_names() {
        for f in Festival::ALL {
            let json = serde_json::to_string(&f).expect("serializes");
            assert_eq!(json, format!("\"{}\"", f.key()));
            assert_eq!(f.name_key(), format!("festival.{}", f.key()));
            assert_eq!(greeting_key(f), format!("greeting.{}", f.key()));
        }
    }
}
