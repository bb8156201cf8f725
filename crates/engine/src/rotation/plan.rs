//! Plans over a book: who takes each customer when a rep leaves, when owners have held
//! customers longer than the tier's policy allows, or when books are over capacity.
//! Each plan is optimal for the cost model ([`super::cost`]) around the user's pins.

mod lines;
mod place;

use super::cost::{CostPart, Model};
use super::scene::{self, eligible, Scene};
use super::settings::RotationSettings;
use crate::book::Book;
use crate::records::{CustomerId, CustomerStatus, StaffId};
use crate::risk::CustomerRisk;
use crate::value::CustomerValue;
use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Per-customer figures the caller computed (the app: value and risk views). A customer
/// missing from `value` is valued at its revenue of the last 12 months; one missing
/// from `risk` counts as no risk.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanInputs {
    /// Yuan: lifetime value or 12-month revenue.
    #[serde(default)]
    pub value: HashMap<CustomerId, f64>,
    /// Risk score 0..=100.
    #[serde(default)]
    pub risk: HashMap<CustomerId, f64>,
}

impl PlanInputs {
    /// Value as CLV where the models gave one, else 12-month revenue; risk as scored.
    pub fn from_views(values: &[CustomerValue], risks: &[CustomerRisk]) -> PlanInputs {
        PlanInputs {
            value: values
                .iter()
                .map(|v| (v.customer, v.clv.unwrap_or(v.historic.revenue_12m.yuan())))
                .collect(),
            risk: risks.iter().map(|r| (r.customer, r.score)).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanKind {
    Departure { leaver: StaffId },
    Periodic,
    Rebalance,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub kind: PlanKind,
    /// The day the plan takes effect.
    pub on: Date,
    /// One line per customer that changes hands, in customer id order.
    pub lines: Vec<PlanLine>,
    /// The optimum of the cost model: every placed customer's cost, pins included.
    /// For departures and periodic plans it is the sum of the lines' costs; a
    /// rebalance also counts the load of the customers it leaves where they are.
    pub total_cost: f64,
    /// Books before and after, for everyone who gives or may take customers.
    pub load: Vec<LoadLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanLine {
    pub customer: CustomerId,
    pub from: Option<StaffId>,
    pub to: StaffId,
    /// The sum of `parts`.
    pub cost: f64,
    pub parts: Vec<CostPart>,
    pub pinned: bool,
    /// The next best successors, cheapest first (at most three).
    pub alternatives: Vec<Alternative>,
}

/// Another successor for one line. `cost` is what this customer would cost with them,
/// everything else staying as planned: their candidate cost plus the load (and, for a
/// key customer, spread) of one more customer on top of what the plan gives them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub staff: StaffId,
    pub cost: f64,
    /// False when the plan already fills their book: taking this one means giving
    /// one of theirs to someone else.
    pub has_room: bool,
    /// What `cost` is made of, as on a line: why this person costs more.
    #[serde(default)]
    pub parts: Vec<CostPart>,
}

/// Everyone a plan taking effect on `on` may give customers to, by name: the choice on
/// a plan line offers them all (the cheapest few come with their cost on the line).
pub fn eligible_successors(book: &Book, on: Date, settings: &RotationSettings) -> Vec<StaffId> {
    let mut out: Vec<&crate::records::Staff> = book
        .staff()
        .iter()
        .filter(|s| eligible(s, on, settings))
        .collect();
    out.sort_by(|a, b| crate::spelling::compare(&a.name, &b.name));
    out.into_iter().map(|s| s.id).collect()
}

/// One successor's share of a plan: what they are asked to take, shown before the plan
/// is applied so a director sees who takes how much.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Taker {
    pub staff: StaffId,
    pub customers: u32,
    pub value: f64,
}

impl Plan {
    /// Customers the plan places beyond their successors' capacity (when the team had
    /// too little room): said beside the plan, so the director can raise a capacity,
    /// let directors take customers, or pin lines elsewhere.
    pub fn over_capacity(&self) -> u32 {
        self.load
            .iter()
            .filter(|l| l.customers_after > l.customers_before)
            .map(|l| {
                l.customers_after
                    .saturating_sub(l.capacity.max(l.customers_before))
            })
            .sum()
    }

    /// Everyone who takes customers in the plan, most customers first (then most value).
    pub fn takers(&self) -> Vec<Taker> {
        let mut out: Vec<Taker> = self
            .load
            .iter()
            .filter(|l| l.customers_after > l.customers_before)
            .map(|l| Taker {
                staff: l.staff,
                customers: l.customers_after - l.customers_before,
                value: (l.value_after - l.value_before).max(0.0),
            })
            .collect();
        out.sort_by(|a, b| {
            b.customers
                .cmp(&a.customers)
                .then(b.value.total_cmp(&a.value))
                .then(a.staff.cmp(&b.staff))
        });
        out
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadLine {
    pub staff: StaffId,
    pub customers_before: u32,
    pub customers_after: u32,
    pub value_before: f64,
    pub value_after: f64,
    pub capacity: u32,
}

/// Why no plan could be made, and what to change.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanError {
    #[error("staff member {staff} is not in the book")]
    UnknownStaff { staff: StaffId },
    #[error("customer {customer} is not one this plan moves")]
    PinNotInPlan { customer: CustomerId },
    #[error("customer {customer} cannot go to staff member {staff}: not active on the plan date, leaving, or the one it moves away from")]
    PinToIneligible {
        customer: CustomerId,
        staff: StaffId,
    },
    #[error("nobody active may take customers {customers:?}: widen the region rule or add staff")]
    NoEligibleSuccessor { customers: Vec<CustomerId> },
    #[error("customers {customers:?} can only go to staff {staff:?}, who have room for {room}: {missing} more places needed there")]
    Infeasible {
        customers: Vec<CustomerId>,
        staff: Vec<StaffId>,
        room: u64,
        missing: u64,
    },
}

/// Who takes the customers `leaver` owns, from `on` (usually their last day).
pub fn plan_departure(
    book: &Book,
    leaver: StaffId,
    on: Date,
    today: Date,
    inputs: &PlanInputs,
    settings: &RotationSettings,
    pins: &[(CustomerId, StaffId)],
) -> Result<Plan, PlanError> {
    if book.staff().get(leaver.0).is_none() {
        return Err(PlanError::UnknownStaff { staff: leaver });
    }
    let owners = scene::owners(book);
    let mut movers: Vec<CustomerId> = book.owned_by(leaver).map(|c| c.id).collect();
    movers.sort();
    movers.dedup();
    let scene = Scene::gather(
        book,
        today,
        on,
        inputs,
        settings,
        owners,
        &movers,
        &[leaver],
    );
    run(
        scene,
        settings,
        false,
        pins,
        PlanKind::Departure { leaver },
        on,
        book,
    )
}

/// Customers whose owner has held them for the tier's `max_years` or more, in tiers
/// that rotate, go to someone else. Lost customers stay where they are.
pub fn plan_periodic(
    book: &Book,
    on: Date,
    today: Date,
    inputs: &PlanInputs,
    settings: &RotationSettings,
    pins: &[(CustomerId, StaffId)],
) -> Result<Plan, PlanError> {
    let owners = scene::owners(book);
    let movers: Vec<CustomerId> = book
        .customers()
        .iter()
        .filter(|c| c.status != CustomerStatus::Lost)
        .filter(|c| {
            let policy = settings.policy(c.tier);
            let held = owners.get(&c.id).map(|(_, since)| (on - *since).num_days());
            policy.periodic && held.is_some_and(|days| days >= 365 * i64::from(policy.max_years))
        })
        .map(|c| c.id)
        .collect();
    let scene = Scene::gather(book, today, on, inputs, settings, owners, &movers, &[]);
    run(scene, settings, false, pins, PlanKind::Periodic, on, book)
}

/// Owners with more customers than their capacity keep the ones it costs most to move
/// and give away the rest; everyone else only takes. Owners who are leaving are left
/// to a departure plan.
pub fn plan_rebalance(
    book: &Book,
    on: Date,
    today: Date,
    inputs: &PlanInputs,
    settings: &RotationSettings,
    pins: &[(CustomerId, StaffId)],
) -> Result<Plan, PlanError> {
    let owners = scene::owners(book);
    let mut books: HashMap<StaffId, Vec<CustomerId>> = HashMap::new();
    for (customer, (staff, _)) in &owners {
        books.entry(*staff).or_default().push(*customer);
    }
    let mut movers: Vec<CustomerId> = book
        .staff()
        .iter()
        .filter(|s| eligible(s, on, settings))
        .filter_map(|s| {
            books
                .get(&s.id)
                .filter(|b| b.len() > settings.capacity_of(s) as usize)
        })
        .flatten()
        .copied()
        .collect();
    movers.sort();
    let scene = Scene::gather(book, today, on, inputs, settings, owners, &movers, &[]);
    run(scene, settings, true, pins, PlanKind::Rebalance, on, book)
}

fn run(
    scene: Scene,
    settings: &RotationSettings,
    staying_allowed: bool,
    pins: &[(CustomerId, StaffId)],
    kind: PlanKind,
    on: Date,
    book: &Book,
) -> Result<Plan, PlanError> {
    let model = Model::new(settings, &scene, staying_allowed);
    let pins = place::resolve_pins(&scene, &model, pins)?;
    let placed = place::place(&scene, &model, &pins)?;
    Ok(lines::assemble(
        &scene, &model, &placed, kind, on, book, settings,
    ))
}
