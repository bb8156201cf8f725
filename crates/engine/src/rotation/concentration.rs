//! How much of the business hangs on each rep (seed 000: a star rep who leaves takes
//! customers along, unless the customers know others too).

use super::plan::PlanInputs;
use super::scene;
use crate::book::Book;
use crate::money::Money;
use crate::records::{RelationshipRole, StaffId};
use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The share of a customer's value at stake when its owner leaves but others at the
/// company know the customer; with no one else, all of it is.
pub const SHARED_STAKE: f64 = 0.5;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConcentrationLine {
    pub staff: StaffId,
    /// Customers they own.
    pub customers: u32,
    /// Revenue of those customers in the last 12 months, and its share of the book's.
    pub revenue_12m: Money,
    pub revenue_share: f64,
    /// Cannot-lose customers they own.
    pub cannot_lose: u32,
    /// Customers (owned or not) whose only live contact point at the company they are.
    pub single_contact: u32,
    /// Value at stake if they left tomorrow: their owned customers' value, in full
    /// where they are the only contact and [`SHARED_STAKE`] of it otherwise, plus the
    /// full value of other customers who know only them.
    pub at_stake: f64,
}

/// One line per staff member active today who owns or is a contact of any customer,
/// most at stake first.
pub fn concentration(book: &Book, today: Date, inputs: &PlanInputs) -> Vec<ConcentrationLine> {
    let values = scene::values(book, today, inputs);
    let revenues = scene::revenue_12m(book, today);
    let active = |staff: StaffId| {
        book.staff()
            .get(staff.0)
            .is_some_and(|s| s.status.is_active_on(today))
    };
    let mut lines: BTreeMap<StaffId, ConcentrationLine> = BTreeMap::new();
    let mut book_revenue = Money::ZERO;
    for c in book.customers().iter() {
        let revenue = revenues.get(&c.id).copied().unwrap_or_default();
        book_revenue += revenue;
        let value = values.get(&c.id).copied().unwrap_or(0.0).max(0.0);
        let mut contacts: Vec<(StaffId, bool)> = Vec::new();
        for r in book.live_relationships(c.id) {
            if r.since > today || !active(r.staff) {
                continue;
            }
            let owner = r.role == RelationshipRole::Owner;
            match contacts.iter_mut().find(|(s, _)| *s == r.staff) {
                Some(entry) => entry.1 |= owner,
                None => contacts.push((r.staff, owner)),
            }
        }
        let single = contacts.len() == 1;
        for (staff, owner) in contacts {
            let line = lines.entry(staff).or_insert_with(|| ConcentrationLine {
                staff,
                ..ConcentrationLine::default()
            });
            if owner {
                line.customers += 1;
                line.revenue_12m += revenue;
                line.cannot_lose += u32::from(c.cannot_lose);
            }
            if single {
                line.single_contact += 1;
                line.at_stake += value;
            } else if owner {
                line.at_stake += SHARED_STAKE * value;
            }
        }
    }
    let mut out: Vec<ConcentrationLine> = lines
        .into_values()
        .map(|mut l| {
            l.revenue_share = if book_revenue.fen() > 0 {
                l.revenue_12m.fen() as f64 / book_revenue.fen() as f64
            } else {
                0.0
            };
            l
        })
        .collect();
    out.sort_by(|a, b| {
        b.at_stake
            .total_cmp(&a.at_stake)
            .then(a.staff.cmp(&b.staff))
    });
    out
}
