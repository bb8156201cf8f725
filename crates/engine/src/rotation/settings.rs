//! What a sales director can tune in rotation plans. Costs are points: a plan is the
//! assignment with the fewest points in total, and each customer's points are shown
//! part by part ([`super::CostPart`]). The defaults put "already knows the customer"
//! first (seed 000: several contact points make a departure harmless), then region,
//! experience for important customers, balanced books, and industry.

use super::handover::HandoverSchedule;
use crate::records::{Staff, Tier};
use serde::{Deserialize, Serialize};

/// Periodic rotation for one customer tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierPolicy {
    /// Whether periodic rotation moves customers of this tier at all.
    pub periodic: bool,
    /// Whole years one owner may hold a customer before periodic rotation moves it.
    pub max_years: u32,
}

impl Default for TierPolicy {
    fn default() -> Self {
        TierPolicy {
            periodic: true,
            max_years: 4,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RotationSettings {
    /// Points off for someone who already has a live relationship with the customer
    /// (secondary, co-follower, after-sales; or the owner, where staying is possible).
    pub knows_customer: f64,
    /// Points off, at most, for recent dealings: in full at `recent_contacts_full`
    /// interactions within `recent_days` before today, in proportion below that.
    pub recent_contact: f64,
    pub recent_days: u32,
    pub recent_contacts_full: u32,
    /// Points for a successor whose regions do not include the customer's region.
    pub region_mismatch: f64,
    /// With this set, such a successor is not allowed at all (pins excepted).
    pub region_required: bool,
    /// Points for a successor whose industries do not include the customer's industry.
    pub industry_mismatch: f64,
    /// Points at most for an important customer (valuable, at risk, cannot-lose) given
    /// to someone with no experience: importance × (1 − experience) × this.
    pub experience: f64,
    /// Years of service at which seniority counts in full toward experience.
    pub full_seniority_years: u32,
    /// Points for the new customer that fills a book to capacity; a customer that
    /// takes a book to 50 % costs half. Rising with every customer, it spreads work.
    pub load: f64,
    /// Points for giving a customer of average value to someone whose book is worth
    /// the average; in proportion to both, so valuable books do not pile up.
    pub value_load: f64,
    /// Points for each key customer (tier A or cannot-lose) a successor already gets
    /// in the same plan: the second costs this, the third twice this, and so on.
    pub spread: f64,
    /// Points for moving a customer at all, where the plan may leave it where it is
    /// (rebalancing): a handover is a risk in itself (seed 001 #3).
    pub handover: f64,
    /// The book size of staff whose capacity is not set (0).
    pub default_capacity: u32,
    /// Directors (销售总监) take customers in plans. Off by default: their experience
    /// made them the cheapest successor for important customers, and a departure
    /// landed the leaver's whole book on the director.
    pub directors_take_customers: bool,
    /// Periodic rotation per tier. Tier A stays put by default: seed 001 warns that
    /// key relationships are personal; B and C rotate after 4 and 5 years (seed 000).
    pub tier_a: TierPolicy,
    pub tier_b: TierPolicy,
    pub tier_c: TierPolicy,
    pub schedule: HandoverSchedule,
}

impl Default for RotationSettings {
    fn default() -> Self {
        RotationSettings {
            knows_customer: 40.0,
            recent_contact: 20.0,
            recent_days: 180,
            recent_contacts_full: 3,
            region_mismatch: 25.0,
            region_required: false,
            industry_mismatch: 15.0,
            experience: 40.0,
            full_seniority_years: 10,
            load: 30.0,
            value_load: 10.0,
            spread: 25.0,
            handover: 30.0,
            default_capacity: 100,
            directors_take_customers: false,
            tier_a: TierPolicy {
                periodic: false,
                max_years: 5,
            },
            tier_b: TierPolicy {
                periodic: true,
                max_years: 4,
            },
            tier_c: TierPolicy {
                periodic: true,
                max_years: 5,
            },
            schedule: HandoverSchedule::default(),
        }
    }
}

impl RotationSettings {
    pub fn policy(&self, tier: Tier) -> TierPolicy {
        match tier {
            Tier::A => self.tier_a,
            Tier::B => self.tier_b,
            Tier::C => self.tier_c,
        }
    }

    /// How many customers this person may own: their capacity, or the default.
    pub fn capacity_of(&self, staff: &Staff) -> u32 {
        if staff.capacity > 0 {
            staff.capacity
        } else {
            self.default_capacity.max(1)
        }
    }

    /// A weight as the model uses it: finite and not negative, so costs stay convex.
    pub(crate) fn weight(value: f64) -> f64 {
        if value.is_finite() {
            value.max(0.0)
        } else {
            0.0
        }
    }
}
