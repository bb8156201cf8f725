//! From a solved placement to what the user reads: one line per customer with its cost
//! parts and alternatives, and each person's book before and after.

use super::place::Placed;
use super::{Alternative, LoadLine, Plan, PlanKind, PlanLine};
use crate::book::Book;
use crate::records::StaffId;
use crate::rotation::cost::{CostPart, Model};
use crate::rotation::flow::Link;
use crate::rotation::scene::Scene;
use crate::rotation::settings::RotationSettings;
use crate::Date;
use std::collections::BTreeMap;

/// How many alternatives a line lists.
const ALTERNATIVES: usize = 3;

pub(crate) fn assemble(
    scene: &Scene,
    model: &Model,
    placed: &Placed,
    kind: PlanKind,
    on: Date,
    book: &Book,
    settings: &RotationSettings,
) -> Plan {
    let n = scene.candidates.len();
    let mut received = vec![0u32; n];
    let mut received_key = vec![0u32; n];
    for (m, &ci) in scene.movers.iter().zip(&placed.to) {
        received[ci] += 1;
        received_key[ci] += u32::from(m.key);
    }
    // Each person's load and spread totals, shared equally among what they receive.
    let load_share: Vec<f64> = scene
        .candidates
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let (base, slope) = model.load_link(c, 0);
            let total = Link {
                cap: 0,
                base,
                slope,
            }
            .total(received[ci]);
            total / f64::from(received[ci].max(1))
        })
        .collect();
    let (spread_base, spread_slope) = model.spread_link(0);
    let spread_link = Link {
        cap: 0,
        base: spread_base,
        slope: spread_slope,
    };

    let mut lines = Vec::new();
    let mut total_cost = 0.0;
    for (mi, (m, &ci)) in scene.movers.iter().zip(&placed.to).enumerate() {
        let c = &scene.candidates[ci];
        let mut parts = Vec::new();
        model.fixed_parts(m, ci, c, &mut |p| parts.push(p));
        if load_share[ci] > 0.0 {
            parts.push(CostPart::Load {
                after: c.kept + received[ci],
                capacity: c.capacity,
                amount: load_share[ci],
            });
        }
        let keys = received_key[ci];
        if m.key && keys >= 2 && spread_slope > 0.0 {
            parts.push(CostPart::Spread {
                key_customers: keys,
                amount: spread_link.total(keys) / f64::from(keys),
            });
        }
        let cost: f64 = parts.iter().map(CostPart::amount).sum();
        total_cost += cost;
        if m.from == Some(c.id) {
            continue;
        }
        let mut alternatives: Vec<Alternative> = scene
            .candidates
            .iter()
            .enumerate()
            .filter(|(k, other)| *k != ci && model.allowed(m, other))
            .map(|(k, other)| {
                // Part by part, so the choice can say why this person costs more.
                let mut parts = Vec::new();
                model.fixed_parts(m, k, other, &mut |p| parts.push(p));
                let load = model.load_link(other, received[k]).0;
                if load > 0.0 {
                    parts.push(CostPart::Load {
                        after: other.kept + received[k] + 1,
                        capacity: other.capacity,
                        amount: load,
                    });
                }
                if m.key {
                    let spread = model.spread_link(received_key[k]).0;
                    if spread > 0.0 {
                        parts.push(CostPart::Spread {
                            key_customers: received_key[k] + 1,
                            amount: spread,
                        });
                    }
                }
                Alternative {
                    staff: other.id,
                    cost: parts.iter().map(CostPart::amount).sum(),
                    has_room: other.kept + received[k] < other.capacity,
                    parts,
                }
            })
            .collect();
        alternatives.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.staff.cmp(&b.staff)));
        alternatives.truncate(ALTERNATIVES);
        lines.push(PlanLine {
            customer: m.id,
            from: m.from,
            to: c.id,
            cost,
            parts,
            pinned: placed.pinned[mi],
            alternatives,
        });
    }
    lines.sort_by_key(|l| l.customer);
    Plan {
        kind,
        on,
        load: load_lines(scene, &lines, book, settings),
        lines,
        total_cost,
    }
}

/// Books before and after for every candidate and everyone who gives customers away.
fn load_lines(
    scene: &Scene,
    lines: &[PlanLine],
    book: &Book,
    settings: &RotationSettings,
) -> Vec<LoadLine> {
    let mut books: BTreeMap<StaffId, LoadLine> = BTreeMap::new();
    let blank = |staff: StaffId| LoadLine {
        staff,
        customers_before: 0,
        customers_after: 0,
        value_before: 0.0,
        value_after: 0.0,
        capacity: book
            .staff()
            .get(staff.0)
            .map_or(0, |s| settings.capacity_of(s)),
    };
    for c in &scene.candidates {
        books.insert(c.id, blank(c.id));
    }
    for l in lines {
        if let Some(from) = l.from {
            books.entry(from).or_insert_with(|| blank(from));
        }
    }
    for (customer, (staff, _)) in &scene.owners {
        if let Some(line) = books.get_mut(staff) {
            let value = scene.values.get(customer).copied().unwrap_or(0.0);
            line.customers_before += 1;
            line.value_before += value;
        }
    }
    for line in books.values_mut() {
        line.customers_after = line.customers_before;
        line.value_after = line.value_before;
    }
    for l in lines {
        let value = scene.values.get(&l.customer).copied().unwrap_or(0.0);
        if let Some(from) = l.from.and_then(|f| books.get_mut(&f)) {
            from.customers_after = from.customers_after.saturating_sub(1);
            from.value_after -= value;
        }
        if let Some(to) = books.get_mut(&l.to) {
            to.customers_after += 1;
            to.value_after += value;
        }
    }
    books.into_values().collect()
}
