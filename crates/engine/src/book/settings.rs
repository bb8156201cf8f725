//! The settings that belong to the team, kept in the book: versioned with it, in its
//! backups, and (later) synced with it. Device preferences (language, idle lock) are
//! not here; they stay on the device.

use crate::pool::PoolSettings;
use crate::register::RegisterSettings;
use crate::risk::{BandThresholds, RiskSettings};
use crate::rotation::RotationSettings;
use crate::value::ValueSettings;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Everything a team tunes about scoring, valuing, rotation and the pool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamSettings {
    pub risk: RiskSettings,
    pub value: ValueSettings,
    pub register: RegisterSettings,
    pub rotation: RotationSettings,
    pub pool: PoolSettings,
    /// The pool rules a manager last said yes to (or that last ran with nothing to
    /// move): a run under other rules asks first (see [`crate::pool::ask_first`]).
    pub pool_confirmed: Option<PoolSettings>,
}

/// Settings the engine will not compute with. Forms keep narrower ranges of their own;
/// these are the limits past which a figure means nothing or a date would overflow, so
/// that a restored or synced book cannot carry them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error, Serialize)]
pub enum SettingsError {
    /// The bands must rise: 0 ≤ watch < high < critical ≤ 100.
    #[error("band thresholds must rise: watch < high < critical")]
    BandOrder,
    /// A number outside what the engine can use, named by its field.
    #[error("setting {0} is out of range")]
    OutOfRange(&'static str),
}

/// The values a setting may take: what its form offers and what the engine accepts,
/// defined once here.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Range {
    pub const fn new(min: f64, max: f64) -> Range {
        Range { min, max }
    }

    pub fn contains(self, value: f64) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

/// Each setting's range. Settings no form shows have the widest ranges the figures
/// still mean something in (and a date computed from them cannot overflow).
pub mod range {
    use super::Range;

    pub const WINDOW_DAYS: Range = Range::new(7.0, 730.0);
    pub const BASELINE_WINDOWS: Range = Range::new(1.0, 8.0);
    pub const CADENCE_AB_DAYS: Range = Range::new(1.0, 365.0);
    pub const CADENCE_C_DAYS: Range = Range::new(1.0, 730.0);
    /// Routine contacts per person per day (0: no limit).
    pub const CADENCE_PER_DAY: Range = Range::new(0.0, 200.0);
    pub const SURVEY_INTERVAL_DAYS: Range = Range::new(7.0, 1095.0);
    pub const HANDOVER_DAYS: Range = Range::new(0.0, 730.0);
    pub const LITTLE_DATA_ORDERS: Range = Range::new(0.0, 100.0);
    /// A band threshold, on the 0–100 score.
    pub const BAND: Range = Range::new(0.0, 100.0);
    /// Points a risk factor adds at full severity.
    pub const WEIGHT: Range = Range::new(0.0, 100.0);
    pub const HORIZON_MONTHS: Range = Range::new(1.0, 120.0);
    /// The yearly discount rate, in percent.
    pub const ANNUAL_DISCOUNT_PERCENT: Range = Range::new(0.0, 50.0);
    pub const FORMER_ACCESS_DAYS: Range = Range::new(0.0, 365.0);
    /// Points of the rotation cost model.
    pub const POINTS: Range = Range::new(0.0, 200.0);
    pub const DEFAULT_CAPACITY: Range = Range::new(1.0, 5000.0);
    pub const MAX_YEARS: Range = Range::new(1.0, 30.0);
    pub const WARNING_DAYS: Range = Range::new(0.0, 90.0);
    pub const CLAIM_CAP: Range = Range::new(0.0, 5000.0);
    pub const BAR_DAYS: Range = Range::new(0.0, 365.0);
    /// A pool limit in days (0: the rule is off).
    pub const LIMIT_DAYS: Range = Range::new(0.0, 3650.0);
    /// Any other span in days: ten years.
    pub const DAYS: Range = Range::new(0.0, 3650.0);
    /// Any other count.
    pub const COUNT: Range = Range::new(0.0, 100_000.0);
    pub const REASONS: Range = Range::new(0.0, 20.0);
    pub const CREDIBILITY_ORDERS: Range = Range::new(0.0, 1000.0);
    pub const SENIORITY_YEARS: Range = Range::new(0.0, 100.0);
}

fn within(field: &'static str, value: f64, range: Range) -> Result<(), SettingsError> {
    if range.contains(value) {
        Ok(())
    } else {
        Err(SettingsError::OutOfRange(field))
    }
}

impl BandThresholds {
    /// Whether the bands rise within the 0–100 scale; otherwise a band would be empty
    /// or swallow the one above, and the register would mislabel customers.
    pub fn check(&self) -> Result<(), SettingsError> {
        let rising = 0.0 <= self.watch
            && self.watch < self.high
            && self.high < self.critical
            && self.critical <= 100.0;
        if rising {
            Ok(())
        } else {
            Err(SettingsError::BandOrder)
        }
    }
}

impl TeamSettings {
    /// Whether every setting is one the engine can compute with. Checked on every
    /// change and every restore, so no screen meets settings it cannot show.
    pub fn check(&self) -> Result<(), SettingsError> {
        check_risk(&self.risk)?;
        let value = &self.value;
        within(
            "value.horizon_months",
            f64::from(value.horizon_months),
            range::HORIZON_MONTHS,
        )?;
        let annual = crate::value::annual_rate(value.monthly_discount) * 100.0;
        if !(value.monthly_discount >= 0.0
            && range::ANNUAL_DISCOUNT_PERCENT.contains(annual.round()))
        {
            return Err(SettingsError::OutOfRange("value.monthly_discount"));
        }
        within(
            "register.top_reasons",
            self.register.top_reasons as f64,
            range::REASONS,
        )?;
        check_rotation(&self.rotation)?;
        for pool in std::iter::once(&self.pool).chain(self.pool_confirmed.as_ref()) {
            check_pool(pool)?;
        }
        Ok(())
    }
}

fn check_risk(risk: &RiskSettings) -> Result<(), SettingsError> {
    risk.bands.check()?;
    let weights = std::iter::once(&risk.weights).chain(risk.learned.as_ref().map(|l| &l.weights));
    for w in weights {
        for (field, value) in [
            ("risk.order_volume_down", w.order_volume_down),
            ("risk.order_frequency_down", w.order_frequency_down),
            ("risk.purchase_overdue", w.purchase_overdue),
            ("risk.margin_falling", w.margin_falling),
            ("risk.cost_to_serve_up", w.cost_to_serve_up),
            ("risk.complaints_open", w.complaints_open),
            (
                "risk.complaints_not_reported_back",
                w.complaints_not_reported_back,
            ),
            ("risk.satisfaction_low", w.satisfaction_low),
            ("risk.survey_overdue", w.survey_overdue),
            ("risk.contact_gap", w.contact_gap),
            ("risk.single_contact_point", w.single_contact_point),
            ("risk.owner_leaving", w.owner_leaving),
            ("risk.recent_handover", w.recent_handover),
            ("risk.signals_logged", w.signals_logged),
        ] {
            within(field, value, range::WEIGHT)?;
        }
    }
    for (field, value, allowed) in [
        ("risk.window_days", risk.window_days, range::WINDOW_DAYS),
        (
            "risk.baseline_windows",
            risk.baseline_windows,
            range::BASELINE_WINDOWS,
        ),
        (
            "risk.cadence_a_days",
            risk.cadence_a_days,
            range::CADENCE_AB_DAYS,
        ),
        (
            "risk.cadence_b_days",
            risk.cadence_b_days,
            range::CADENCE_AB_DAYS,
        ),
        (
            "risk.cadence_c_days",
            risk.cadence_c_days,
            range::CADENCE_C_DAYS,
        ),
        (
            "risk.cadence_per_day",
            risk.cadence_per_day,
            range::CADENCE_PER_DAY,
        ),
        (
            "risk.survey_interval_days",
            risk.survey_interval_days,
            range::SURVEY_INTERVAL_DAYS,
        ),
        (
            "risk.handover_days",
            risk.handover_days,
            range::HANDOVER_DAYS,
        ),
        ("risk.signal_days", risk.signal_days, range::DAYS),
        (
            "risk.leaving_notice_days",
            risk.leaving_notice_days,
            range::DAYS,
        ),
        (
            "risk.little_data_orders",
            risk.little_data_orders,
            range::LITTLE_DATA_ORDERS,
        ),
    ] {
        within(field, f64::from(value), allowed)?;
    }
    within(
        "risk.credibility_orders",
        risk.credibility_orders,
        range::CREDIBILITY_ORDERS,
    )
}

fn check_rotation(r: &RotationSettings) -> Result<(), SettingsError> {
    for (field, value) in [
        ("rotation.knows_customer", r.knows_customer),
        ("rotation.recent_contact", r.recent_contact),
        ("rotation.region_mismatch", r.region_mismatch),
        ("rotation.industry_mismatch", r.industry_mismatch),
        ("rotation.experience", r.experience),
        ("rotation.load", r.load),
        ("rotation.value_load", r.value_load),
        ("rotation.spread", r.spread),
        ("rotation.handover", r.handover),
    ] {
        within(field, value, range::POINTS)?;
    }
    let s = &r.schedule;
    for (field, value, allowed) in [
        ("rotation.recent_days", r.recent_days, range::DAYS),
        (
            "rotation.recent_contacts_full",
            r.recent_contacts_full,
            range::COUNT,
        ),
        (
            "rotation.full_seniority_years",
            r.full_seniority_years,
            range::SENIORITY_YEARS,
        ),
        (
            "rotation.default_capacity",
            r.default_capacity,
            range::DEFAULT_CAPACITY,
        ),
        ("rotation.tier_a", r.tier_a.max_years, range::MAX_YEARS),
        ("rotation.tier_b", r.tier_b.max_years, range::MAX_YEARS),
        ("rotation.tier_c", r.tier_c.max_years, range::MAX_YEARS),
        ("rotation.tell_days_before", s.tell_days_before, range::DAYS),
        (
            "rotation.introduce_days_before",
            s.introduce_days_before,
            range::DAYS,
        ),
        (
            "rotation.joint_meeting_days_before",
            s.joint_meeting_days_before,
            range::DAYS,
        ),
        ("rotation.file_days_before", s.file_days_before, range::DAYS),
        (
            "rotation.senior_visit_days_after",
            s.senior_visit_days_after,
            range::DAYS,
        ),
        (
            "rotation.first_check_days_after",
            s.first_check_days_after,
            range::DAYS,
        ),
        (
            "rotation.second_check_days_after",
            s.second_check_days_after,
            range::DAYS,
        ),
        (
            "rotation.former_access_days",
            s.former_access_days,
            range::FORMER_ACCESS_DAYS,
        ),
    ] {
        within(field, f64::from(value), allowed)?;
    }
    Ok(())
}

fn check_pool(p: &PoolSettings) -> Result<(), SettingsError> {
    for rule in &p.tiers {
        within(
            "pool.follow_up_days",
            f64::from(rule.follow_up_days.unwrap_or(0)),
            range::LIMIT_DAYS,
        )?;
        within(
            "pool.order_days",
            f64::from(rule.order_days.unwrap_or(0)),
            range::LIMIT_DAYS,
        )?;
    }
    within(
        "pool.warning_days",
        f64::from(p.warning_days),
        range::WARNING_DAYS,
    )?;
    within("pool.bar_days", f64::from(p.bar_days), range::BAR_DAYS)?;
    within("pool.claim_cap", f64::from(p.claim_cap), range::CLAIM_CAP)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass() {
        assert_eq!(TeamSettings::default().check(), Ok(()));
    }

    #[test]
    fn bands_must_rise() {
        let mut s = TeamSettings::default();
        s.risk.bands.high = s.risk.bands.watch;
        assert_eq!(s.check(), Err(SettingsError::BandOrder));
    }

    #[test]
    fn spans_past_ten_years_are_refused() {
        let mut s = TeamSettings::default();
        s.risk.cadence_a_days = u32::MAX;
        assert_eq!(
            s.check(),
            Err(SettingsError::OutOfRange("risk.cadence_a_days"))
        );
        let mut s = TeamSettings::default();
        s.pool.tiers[1].order_days = Some(3651);
        assert_eq!(s.check(), Err(SettingsError::OutOfRange("pool.order_days")));
        let mut s = TeamSettings::default();
        s.risk.window_days = 0;
        assert_eq!(
            s.check(),
            Err(SettingsError::OutOfRange("risk.window_days"))
        );
    }

    #[test]
    fn a_setting_is_accepted_exactly_within_its_range() {
        let with_window = |days| {
            let mut s = TeamSettings::default();
            s.risk.window_days = days;
            s.check()
        };
        assert_eq!(with_window(7), Ok(()));
        assert_eq!(with_window(730), Ok(()));
        for days in [6, 731] {
            assert_eq!(
                with_window(days),
                Err(SettingsError::OutOfRange("risk.window_days"))
            );
        }
        let mut s = TeamSettings::default();
        s.value.monthly_discount = crate::value::monthly_rate(0.5);
        assert_eq!(s.check(), Ok(()), "50 % a year, the form's top");
        s.value.monthly_discount = crate::value::monthly_rate(0.6);
        assert_eq!(
            s.check(),
            Err(SettingsError::OutOfRange("value.monthly_discount"))
        );
        let mut s = TeamSettings::default();
        s.rotation.tier_b.max_years = 0;
        assert_eq!(s.check(), Err(SettingsError::OutOfRange("rotation.tier_b")));
    }

    #[test]
    fn negative_or_huge_points_are_refused() {
        let mut s = TeamSettings::default();
        s.rotation.load = -1.0;
        assert_eq!(s.check(), Err(SettingsError::OutOfRange("rotation.load")));
        let mut s = TeamSettings::default();
        s.risk.weights.contact_gap = 1e9;
        assert_eq!(
            s.check(),
            Err(SettingsError::OutOfRange("risk.contact_gap"))
        );
        let mut s = TeamSettings::default();
        s.value.monthly_discount = 1.0;
        assert_eq!(
            s.check(),
            Err(SettingsError::OutOfRange("value.monthly_discount"))
        );
    }
}
