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

/// Longest span in days any setting may name: ten years.
pub const MAX_DAYS: u32 = 3650;
/// Most points any weight or cost may carry.
pub const MAX_POINTS: f64 = 1000.0;
/// Largest count (orders, customers, cases) a setting may name.
pub const MAX_COUNT: u32 = 100_000;

fn days(field: &'static str, value: u32) -> Result<(), SettingsError> {
    count_in(field, value, MAX_DAYS)
}

fn count_in(field: &'static str, value: u32, max: u32) -> Result<(), SettingsError> {
    if value <= max {
        Ok(())
    } else {
        Err(SettingsError::OutOfRange(field))
    }
}

fn points(field: &'static str, value: f64) -> Result<(), SettingsError> {
    if (0.0..=MAX_POINTS).contains(&value) {
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
        count_in("value.horizon_months", value.horizon_months, 1200)?;
        if !(0.0..1.0).contains(&value.monthly_discount) {
            return Err(SettingsError::OutOfRange("value.monthly_discount"));
        }
        if self.register.top_reasons > 20 {
            return Err(SettingsError::OutOfRange("register.top_reasons"));
        }
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
            points(field, value)?;
        }
    }
    if risk.window_days == 0 {
        return Err(SettingsError::OutOfRange("risk.window_days"));
    }
    days("risk.window_days", risk.window_days)?;
    if !(1..=40).contains(&risk.baseline_windows) {
        return Err(SettingsError::OutOfRange("risk.baseline_windows"));
    }
    for (field, value) in [
        ("risk.cadence_a_days", risk.cadence_a_days),
        ("risk.cadence_b_days", risk.cadence_b_days),
        ("risk.cadence_c_days", risk.cadence_c_days),
        ("risk.survey_interval_days", risk.survey_interval_days),
        ("risk.handover_days", risk.handover_days),
        ("risk.signal_days", risk.signal_days),
        ("risk.leaving_notice_days", risk.leaving_notice_days),
    ] {
        days(field, value)?;
    }
    points("risk.credibility_orders", risk.credibility_orders)?;
    count_in(
        "risk.little_data_orders",
        risk.little_data_orders,
        MAX_COUNT,
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
        points(field, value)?;
    }
    days("rotation.recent_days", r.recent_days)?;
    count_in(
        "rotation.recent_contacts_full",
        r.recent_contacts_full,
        MAX_COUNT,
    )?;
    count_in("rotation.full_seniority_years", r.full_seniority_years, 100)?;
    count_in("rotation.default_capacity", r.default_capacity, MAX_COUNT)?;
    for (field, tier) in [
        ("rotation.tier_a", r.tier_a),
        ("rotation.tier_b", r.tier_b),
        ("rotation.tier_c", r.tier_c),
    ] {
        count_in(field, tier.max_years, 100)?;
    }
    let s = &r.schedule;
    for (field, value) in [
        ("rotation.tell_days_before", s.tell_days_before),
        ("rotation.introduce_days_before", s.introduce_days_before),
        (
            "rotation.joint_meeting_days_before",
            s.joint_meeting_days_before,
        ),
        ("rotation.file_days_before", s.file_days_before),
        (
            "rotation.senior_visit_days_after",
            s.senior_visit_days_after,
        ),
        ("rotation.first_check_days_after", s.first_check_days_after),
        (
            "rotation.second_check_days_after",
            s.second_check_days_after,
        ),
        ("rotation.former_access_days", s.former_access_days),
    ] {
        days(field, value)?;
    }
    Ok(())
}

fn check_pool(p: &PoolSettings) -> Result<(), SettingsError> {
    for rule in &p.tiers {
        days("pool.follow_up_days", rule.follow_up_days.unwrap_or(0))?;
        days("pool.order_days", rule.order_days.unwrap_or(0))?;
    }
    days("pool.warning_days", p.warning_days)?;
    days("pool.bar_days", p.bar_days)?;
    count_in("pool.claim_cap", p.claim_cap, MAX_COUNT)
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
        s.pool.tiers[1].order_days = Some(MAX_DAYS + 1);
        assert_eq!(s.check(), Err(SettingsError::OutOfRange("pool.order_days")));
        let mut s = TeamSettings::default();
        s.risk.window_days = 0;
        assert_eq!(
            s.check(),
            Err(SettingsError::OutOfRange("risk.window_days"))
        );
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
