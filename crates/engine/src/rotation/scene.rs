//! What a plan needs to know of the book, gathered once: who may take customers, the
//! customers to place, their value and importance, and who already knows them.

use super::cost::{norm, Candidate, Mover};
use super::plan::PlanInputs;
use super::settings::RotationSettings;
use crate::book::Book;
use crate::money::Money;
use crate::records::{CustomerId, RelationshipRole, Staff, StaffId, StaffRole, StaffStatus, Tier};
use crate::Date;
use std::collections::{HashMap, HashSet};

/// The book as a plan sees it.
pub(crate) struct Scene {
    pub candidates: Vec<Candidate>,
    pub index: HashMap<StaffId, usize>,
    pub movers: Vec<Mover>,
    /// Every customer's live owner and since when.
    pub owners: HashMap<CustomerId, (StaffId, Date)>,
    /// Every customer's value (inputs, or revenue of the last 12 months).
    pub values: HashMap<CustomerId, f64>,
}

/// Live owners of every customer, in one pass over the relationships.
pub(crate) fn owners(book: &Book) -> HashMap<CustomerId, (StaffId, Date)> {
    let mut out = HashMap::with_capacity(book.customers().len());
    for r in book.relationships().iter() {
        if r.is_live() && r.role == RelationshipRole::Owner {
            out.insert(r.customer, (r.staff, r.since));
        }
    }
    out
}

/// Each customer's revenue in the last 12 months, in one pass over the orders (much
/// faster on a big book than a look-up per customer).
pub(crate) fn revenue_12m(book: &Book, today: Date) -> HashMap<CustomerId, Money> {
    let last_12_months = crate::period::Period::last_12_months(today);
    let mut revenue: HashMap<CustomerId, Money> = HashMap::new();
    for o in book.orders().iter() {
        if last_12_months.contains(o.date) {
            *revenue.entry(o.customer).or_default() += o.amount;
        }
    }
    revenue
}

/// Each customer's value: the caller's figure, or else revenue of the last 12 months.
pub(crate) fn values(book: &Book, today: Date, inputs: &PlanInputs) -> HashMap<CustomerId, f64> {
    let given = |id: &CustomerId| inputs.value.get(id).copied().filter(|v| v.is_finite());
    let revenue = if book.customers().iter().any(|c| given(&c.id).is_none()) {
        revenue_12m(book, today)
    } else {
        HashMap::new()
    };
    book.customers()
        .iter()
        .map(|c| {
            let fallback = || revenue.get(&c.id).copied().unwrap_or_default().yuan();
            (c.id, given(&c.id).unwrap_or_else(fallback))
        })
        .collect()
}

/// 0..=1: half seniority (in full at `full_seniority_years`), half role.
pub(crate) fn experience(staff: &Staff, today: Date, settings: &RotationSettings) -> f64 {
    let full = f64::from(settings.full_seniority_years.max(1));
    let years = (f64::from(staff.seniority_years(today)) / full).min(1.0);
    let role = match staff.role {
        StaffRole::Director => 1.0,
        StaffRole::SeniorManager => 0.75,
        StaffRole::AccountManager => 0.35,
        StaffRole::AfterSales => 0.2,
    };
    0.5 * years + 0.5 * role
}

/// Whether someone may take customers on `on`: active (not leaving, not gone), already
/// hired, and in a role that owns customers (after-sales staff support, they do not own;
/// directors only when the settings say so).
pub(crate) fn eligible(staff: &Staff, on: Date, settings: &RotationSettings) -> bool {
    let role = match staff.role {
        StaffRole::AccountManager | StaffRole::SeniorManager => true,
        StaffRole::AfterSales => false,
        StaffRole::Director => settings.directors_take_customers,
    };
    staff.status == StaffStatus::Active && staff.hire_date <= on && role
}

impl Scene {
    /// Gathers the scene for placing `movers`; `excluded` staff never take customers.
    #[allow(clippy::too_many_arguments)]
    pub fn gather(
        book: &Book,
        today: Date,
        on: Date,
        inputs: &PlanInputs,
        settings: &RotationSettings,
        owners: HashMap<CustomerId, (StaffId, Date)>,
        movers: &[CustomerId],
        excluded: &[StaffId],
    ) -> Scene {
        let values = values(book, today, inputs);
        let moving: HashSet<CustomerId> = movers.iter().copied().collect();
        let mut candidates: Vec<Candidate> = book
            .staff()
            .iter()
            .filter(|s| eligible(s, on, settings) && !excluded.contains(&s.id))
            .map(|s| Candidate {
                id: s.id,
                regions: s.regions.iter().map(|r| norm(r)).collect(),
                industries: s.industries.iter().map(|r| norm(r)).collect(),
                experience: experience(s, today, settings),
                capacity: settings.capacity_of(s),
                kept: 0,
                kept_value: 0.0,
            })
            .collect();
        let index: HashMap<StaffId, usize> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        for (customer, (staff, _)) in &owners {
            if let (Some(&ci), false) = (index.get(staff), moving.contains(customer)) {
                candidates[ci].kept += 1;
                candidates[ci].kept_value += values.get(customer).copied().unwrap_or(0.0).max(0.0);
            }
        }
        let mut sorted: Vec<f64> = values.values().copied().collect();
        sorted.sort_by(f64::total_cmp);
        let from_recent =
            crate::records::dates::plus_days(today, -(i64::from(settings.recent_days)));
        let movers = movers
            .iter()
            .filter_map(|id| book.customers().get(id.0))
            .map(|c| {
                let value = values.get(&c.id).copied().unwrap_or(0.0);
                let risk = inputs.risk.get(&c.id).copied().unwrap_or(0.0);
                let risk = if risk.is_finite() {
                    risk.clamp(0.0, 100.0)
                } else {
                    0.0
                };
                let below = sorted.partition_point(|v| *v < value);
                let percentile = if sorted.len() > 1 {
                    below as f64 / (sorted.len() - 1) as f64
                } else {
                    0.0
                };
                let mut importance = 0.6 * percentile.min(1.0) + 0.4 * risk / 100.0;
                if c.cannot_lose {
                    importance = importance.max(0.8);
                }
                let mut known: Vec<(usize, RelationshipRole)> = Vec::new();
                for r in book.live_relationships(c.id) {
                    if let Some(&ci) = index.get(&r.staff) {
                        match known.iter_mut().find(|(k, _)| *k == ci) {
                            Some(entry) if r.role == RelationshipRole::Owner => entry.1 = r.role,
                            Some(_) => {}
                            None => known.push((ci, r.role)),
                        }
                    }
                }
                let mut recent: Vec<(usize, u32)> = Vec::new();
                for i in book.interactions().of_customer(c.id) {
                    if i.date <= from_recent || i.date > today {
                        continue;
                    }
                    if let Some(&ci) = i.staff.and_then(|s| index.get(&s)) {
                        match recent.iter_mut().find(|(k, _)| *k == ci) {
                            Some(entry) => entry.1 += 1,
                            None => recent.push((ci, 1)),
                        }
                    }
                }
                Mover {
                    id: c.id,
                    from: owners.get(&c.id).map(|(s, _)| *s),
                    key: c.tier == Tier::A || c.cannot_lose,
                    value,
                    importance,
                    region: norm(&c.region),
                    industry: norm(&c.industry),
                    known,
                    recent,
                }
            })
            .collect();
        Scene {
            candidates,
            index,
            movers,
            owners,
            values,
        }
    }
}
