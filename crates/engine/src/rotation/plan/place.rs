//! Turns a scene into a flow network and solves it. Each candidate is a group (its
//! capacity left, with the convex load link to the sink) holding one column for
//! ordinary customers and, when key customers are to be spread, one for key customers
//! (with the convex spread link). Pinned customers are not rows: they only use up room
//! and shift the links' marginals, as if placed first.

use super::PlanError;
use crate::records::{CustomerId, StaffId};
use crate::rotation::cost::Model;
use crate::rotation::flow::{self, Link, Mode, Network, Outcome};
use crate::rotation::scene::Scene;
use std::collections::HashMap;

/// The candidate (by index) each mover goes to, and which were pinned.
pub(crate) struct Placed {
    pub to: Vec<usize>,
    pub pinned: Vec<bool>,
}

/// Pins as (mover, candidate) indices; a later pin of the same customer wins.
pub(crate) fn resolve_pins(
    scene: &Scene,
    model: &Model,
    pins: &[(CustomerId, StaffId)],
) -> Result<Vec<Option<usize>>, PlanError> {
    let by_id: HashMap<CustomerId, usize> = scene
        .movers
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    let mut out = vec![None; scene.movers.len()];
    for &(customer, staff) in pins {
        let mi = *by_id
            .get(&customer)
            .ok_or(PlanError::PinNotInPlan { customer })?;
        let ci = scene
            .index
            .get(&staff)
            .copied()
            .filter(|_| scene.movers[mi].from != Some(staff) || model.staying_allowed)
            .ok_or(PlanError::PinToIneligible { customer, staff })?;
        out[mi] = Some(ci);
    }
    Ok(out)
}

pub(crate) fn place(
    scene: &Scene,
    model: &Model,
    pins: &[Option<usize>],
) -> Result<Placed, PlanError> {
    let n = scene.candidates.len();
    let mut pinned_n = vec![0u32; n];
    let mut pinned_key = vec![0u32; n];
    for (m, pin) in scene.movers.iter().zip(pins) {
        if let Some(ci) = pin {
            pinned_n[*ci] += 1;
            pinned_key[*ci] += u32::from(m.key);
        }
    }
    let free: Vec<usize> = (0..scene.movers.len())
        .filter(|i| pins[*i].is_none())
        .collect();
    let mut to: Vec<usize> = pins.iter().map(|p| p.unwrap_or(usize::MAX)).collect();
    let pinned: Vec<bool> = pins.iter().map(Option::is_some).collect();
    if free.is_empty() {
        return Ok(Placed { to, pinned });
    }

    let room: Vec<u32> = scene
        .candidates
        .iter()
        .zip(&pinned_n)
        .map(|(c, p)| c.capacity.saturating_sub(c.kept.saturating_add(*p)))
        .collect();
    // Not room enough for everyone (the biggest rep leaves a full team): rather than no
    // plan, every successor may go over capacity by what is missing, at the load cost
    // that keeps rising past it, so the overflow spreads; the plan shows who is over.
    let total_room: u64 = room.iter().map(|r| u64::from(*r)).sum();
    let missing = (free.len() as u64).saturating_sub(total_room);
    let overflow = u32::try_from(missing).unwrap_or(u32::MAX);
    let spread = model.settings.spread > 0.0 && free.iter().any(|i| scene.movers[*i].key);
    let cols = if spread { 2 * n } else { n };
    let mut cost = vec![f64::INFINITY; free.len() * cols];
    let mut stranded = Vec::new();
    for (r, &mi) in free.iter().enumerate() {
        let m = &scene.movers[mi];
        let shift = if spread && m.key { n } else { 0 };
        let mut usable = false;
        for (ci, c) in scene.candidates.iter().enumerate() {
            let value = model.fixed_cost(m, ci, c);
            // A cost that overflowed (absurd inputs) cannot be compared: not allowed.
            if model.allowed(m, c) && value.is_finite() {
                cost[r * cols + shift + ci] = value;
                usable |= room[ci] > 0 || overflow > 0;
            }
        }
        if !usable {
            stranded.push(m.id);
        }
    }
    if !stranded.is_empty() {
        return Err(PlanError::NoEligibleSuccessor {
            customers: stranded,
        });
    }
    let groups: Vec<Link> = scene
        .candidates
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let (base, slope) = model.load_link(c, pinned_n[ci]);
            Link {
                cap: room[ci].saturating_add(overflow),
                base,
                slope,
            }
        })
        .collect();
    let mut col_links = vec![Link::free(u32::MAX); n];
    let mut parent: Vec<usize> = (0..n).collect();
    if spread {
        col_links.extend(pinned_key.iter().map(|k| {
            let (base, slope) = model.spread_link(*k);
            Link {
                cap: u32::MAX,
                base,
                slope,
            }
        }));
        parent.extend(0..n);
    }
    let net = Network {
        rows: free.len(),
        cols,
        cost: &cost,
        col_links: &col_links,
        parent: &parent,
        groups: &groups,
    };
    match flow::solve(&net, Mode::Auto) {
        Outcome::Assigned(columns) => {
            for (r, col) in columns.into_iter().enumerate() {
                to[free[r]] = parent[col];
            }
            Ok(Placed { to, pinned })
        }
        Outcome::Stuck { rows, columns } => {
            let mut staff: Vec<usize> = columns.iter().map(|c| parent[*c]).collect();
            staff.sort_unstable();
            staff.dedup();
            let room: u64 = staff.iter().map(|ci| u64::from(room[*ci])).sum();
            Err(PlanError::Infeasible {
                customers: rows.iter().map(|r| scene.movers[free[*r]].id).collect(),
                staff: staff.iter().map(|ci| scene.candidates[*ci].id).collect(),
                room,
                missing: (rows.len() as u64).saturating_sub(room),
            })
        }
    }
}
