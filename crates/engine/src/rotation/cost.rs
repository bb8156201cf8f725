//! The cost model: what giving one customer to one staff member costs, in named parts
//! so the UI can say why ("already knows them", "other region", …).
//!
//! Every part is linear in the assignment except two, which are convex in how many
//! customers a person receives: [`CostPart::Load`] (each new customer costs more as
//! the book fills) and [`CostPart::Spread`] (each further key customer from the same
//! plan costs more). The solver prices those per unit on the links from a person to
//! the sink, so the plan is exactly optimal for the whole model, not just its linear
//! part. On a plan line, a person's load and spread totals are shared equally among
//! the customers they receive, so a plan's lines add up to its total.

use super::scene::Scene;
use super::settings::RotationSettings;
use crate::records::{CustomerId, RelationshipRole, StaffId};
use serde::{Deserialize, Serialize};

/// One named part of a candidate's cost, in points (negative parts are reasons for).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum CostPart {
    /// Already a live contact of the customer, in this role.
    KnowsCustomer { role: RelationshipRole, amount: f64 },
    /// Dealt with the customer `interactions` times in the last `days` days.
    RecentContact {
        interactions: u32,
        days: u32,
        amount: f64,
    },
    /// Does not cover the customer's region.
    RegionMismatch { amount: f64 },
    /// Does not know the customer's industry.
    IndustryMismatch { amount: f64 },
    /// The customer's importance (0..=1) is not matched by the person's experience (0..=1).
    Experience {
        importance: f64,
        experience: f64,
        amount: f64,
    },
    /// Their book grows to `after` customers of `capacity`.
    Load {
        after: u32,
        capacity: u32,
        amount: f64,
    },
    /// The value they already look after, against the average among candidates.
    ValueLoad {
        carried: f64,
        average: f64,
        amount: f64,
    },
    /// They receive `key_customers` key customers in this plan.
    Spread { key_customers: u32, amount: f64 },
    /// The customer changes hands, where the plan could have left it.
    Handover { amount: f64 },
}

impl CostPart {
    pub fn amount(&self) -> f64 {
        match self {
            CostPart::KnowsCustomer { amount, .. }
            | CostPart::RecentContact { amount, .. }
            | CostPart::RegionMismatch { amount }
            | CostPart::IndustryMismatch { amount }
            | CostPart::Experience { amount, .. }
            | CostPart::Load { amount, .. }
            | CostPart::ValueLoad { amount, .. }
            | CostPart::Spread { amount, .. }
            | CostPart::Handover { amount } => *amount,
        }
    }
}

/// A staff member who may take customers in a plan.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub id: StaffId,
    /// Lower-cased, trimmed.
    pub regions: Vec<String>,
    pub industries: Vec<String>,
    /// 0..=1 from seniority and role.
    pub experience: f64,
    pub capacity: u32,
    /// Customers they own that this plan does not move.
    pub kept: u32,
    pub kept_value: f64,
}

/// A customer the plan places.
#[derive(Clone, Debug)]
pub(crate) struct Mover {
    pub id: CustomerId,
    pub from: Option<StaffId>,
    /// Tier A or cannot-lose: spread across successors.
    pub key: bool,
    pub value: f64,
    /// 0..=1: value percentile and risk, raised for cannot-lose customers.
    pub importance: f64,
    pub region: String,
    pub industry: String,
    /// Candidates (by index) with a live relationship, and its role.
    pub known: Vec<(usize, RelationshipRole)>,
    /// Candidates (by index) with recent interactions, and how many.
    pub recent: Vec<(usize, u32)>,
}

/// What every candidate cost shares: the weights and the plan's averages.
pub(crate) struct Model<'a> {
    pub settings: &'a RotationSettings,
    /// Mean value of the customers being placed, the unit of `ValueLoad`.
    pub mean_value: f64,
    /// Mean `kept_value` over candidates.
    pub average_carried: f64,
    /// Whether customers may stay with their owner (rebalancing): moving costs then.
    pub staying_allowed: bool,
}

impl<'a> Model<'a> {
    pub fn new(settings: &'a RotationSettings, scene: &Scene, staying_allowed: bool) -> Model<'a> {
        let mean = |xs: &mut dyn Iterator<Item = f64>| {
            let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x.max(0.0), n + 1));
            if n > 0 {
                sum / n as f64
            } else {
                0.0
            }
        };
        Model {
            settings,
            mean_value: mean(&mut scene.movers.iter().map(|m| m.value)),
            average_carried: mean(&mut scene.candidates.iter().map(|c| c.kept_value)),
            staying_allowed,
        }
    }

    /// Whether the candidate may take the customer at all (pins aside).
    pub fn allowed(&self, m: &Mover, c: &Candidate) -> bool {
        if m.from == Some(c.id) && !self.staying_allowed {
            return false;
        }
        !self.settings.region_required || covers(&c.regions, &m.region)
    }

    /// The parts that do not depend on how many customers the candidate receives.
    pub fn fixed_parts(&self, m: &Mover, ci: usize, c: &Candidate, out: &mut dyn FnMut(CostPart)) {
        let s = self.settings;
        let w = RotationSettings::weight;
        if let Some((_, role)) = m.known.iter().find(|(k, _)| *k == ci) {
            out(CostPart::KnowsCustomer {
                role: *role,
                amount: -w(s.knows_customer),
            });
        }
        if let Some((_, n)) = m.recent.iter().find(|(k, _)| *k == ci) {
            let full = s.recent_contacts_full.max(1);
            out(CostPart::RecentContact {
                interactions: *n,
                days: s.recent_days,
                amount: -w(s.recent_contact) * f64::from((*n).min(full)) / f64::from(full),
            });
        }
        if !covers(&c.regions, &m.region) && w(s.region_mismatch) > 0.0 {
            out(CostPart::RegionMismatch {
                amount: w(s.region_mismatch),
            });
        }
        if !covers(&c.industries, &m.industry) && w(s.industry_mismatch) > 0.0 {
            out(CostPart::IndustryMismatch {
                amount: w(s.industry_mismatch),
            });
        }
        let gap = m.importance * (1.0 - c.experience);
        if gap > 0.0 && w(s.experience) > 0.0 {
            out(CostPart::Experience {
                importance: m.importance,
                experience: c.experience,
                amount: w(s.experience) * gap,
            });
        }
        if self.average_carried > 0.0 && self.mean_value > 0.0 && w(s.value_load) > 0.0 {
            let weight = (m.value.max(0.0) / self.mean_value).min(5.0);
            let amount = w(s.value_load) * weight * c.kept_value / self.average_carried;
            if amount > 0.0 {
                out(CostPart::ValueLoad {
                    carried: c.kept_value,
                    average: self.average_carried,
                    amount,
                });
            }
        }
        if self.staying_allowed && m.from != Some(c.id) && w(s.handover) > 0.0 {
            out(CostPart::Handover {
                amount: w(s.handover),
            });
        }
    }

    pub fn fixed_cost(&self, m: &Mover, ci: usize, c: &Candidate) -> f64 {
        let mut total = 0.0;
        self.fixed_parts(m, ci, c, &mut |p| total += p.amount());
        total
    }

    /// The load link of a candidate who already receives `already` customers (pins):
    /// the marginal cost of the next one and how much each further one adds.
    pub fn load_link(&self, c: &Candidate, already: u32) -> (f64, f64) {
        let cap = f64::from(c.capacity.max(1));
        let w = RotationSettings::weight(self.settings.load);
        (w * f64::from(c.kept + already + 1) / cap, w / cap)
    }

    /// The same for key customers: the next one's spread cost, and the step.
    pub fn spread_link(&self, already: u32) -> (f64, f64) {
        let w = RotationSettings::weight(self.settings.spread);
        (w * f64::from(already), w)
    }
}

/// Whether a list of regions or industries includes a value; an empty value (the
/// customer's region is unknown) is covered by anyone.
pub(crate) fn covers(list: &[String], value: &str) -> bool {
    value.is_empty() || list.iter().any(|x| x == value)
}

/// The form in which regions and industries are compared.
pub(crate) fn norm(text: &str) -> String {
    text.trim().to_lowercase()
}
