//! Exact capacitated assignment: every row (customer) goes to one column (staff member),
//! column j takes at most `capacities[j]` rows, and the total cost is the least possible.
//!
//! Solved as a min-cost flow by successive shortest paths with potentials (see
//! `flow`), which is exact for any finite costs, negative ones included. Costs are
//! floats, so "exact" means exact up to rounding: reduced costs that rounding pushes a
//! hair below zero are read as zero, and totals agree with an LP solver or scipy's
//! `linear_sum_assignment` to about 1e-9 relative.

use super::flow::{self, Link, Mode, Network, Outcome, NONE};
use serde::{Deserialize, Serialize};

/// The optimal assignment: `columns[i]` is the column of row i.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub total_cost: f64,
    pub columns: Vec<usize>,
}

/// Why no assignment exists, with what to change.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AssignError {
    /// The matrix has no rows or no columns.
    #[error("nothing to assign: the cost matrix has no rows or no columns")]
    Empty,
    #[error("row {row} has {len} costs but there are {columns} columns")]
    RaggedRow {
        row: usize,
        len: usize,
        columns: usize,
    },
    #[error("the cost of row {row} in column {column} is not a finite number")]
    NonFiniteCost { row: usize, column: usize },
    /// Every column is excluded for this row, or has no capacity.
    #[error("row {row} has no column it may go to")]
    RowWithoutOption { row: usize },
    #[error("{rows} rows but only {capacity} places in all columns together")]
    NotEnoughCapacity { rows: usize, capacity: u64 },
    /// These rows may only use these columns, which together have fewer places than
    /// there are rows (Hall's condition fails): widen their options or add capacity.
    #[error("rows {rows:?} can only use columns {columns:?}, which have {capacity} places")]
    Infeasible {
        rows: Vec<usize>,
        columns: Vec<usize>,
        capacity: u64,
    },
}

/// Assigns every row to a column at least total cost; `None` means "not allowed".
pub fn solve(costs: &[Vec<Option<f64>>], capacities: &[u32]) -> Result<Assignment, AssignError> {
    solve_in(costs, capacities, Mode::Auto)
}

pub(crate) fn solve_in(
    costs: &[Vec<Option<f64>>],
    capacities: &[u32],
    mode: Mode,
) -> Result<Assignment, AssignError> {
    let (rows, cols) = (costs.len(), capacities.len());
    if rows == 0 || cols == 0 {
        return Err(AssignError::Empty);
    }
    let mut flat = Vec::with_capacity(rows * cols);
    for (row, line) in costs.iter().enumerate() {
        if line.len() != cols {
            return Err(AssignError::RaggedRow {
                row,
                len: line.len(),
                columns: cols,
            });
        }
        let mut usable = false;
        for (column, cell) in line.iter().enumerate() {
            match cell {
                Some(c) if !c.is_finite() => {
                    return Err(AssignError::NonFiniteCost { row, column })
                }
                Some(c) => {
                    usable |= capacities[column] > 0;
                    flat.push(*c);
                }
                None => flat.push(f64::INFINITY),
            }
        }
        if !usable {
            return Err(AssignError::RowWithoutOption { row });
        }
    }
    let capacity: u64 = capacities.iter().map(|c| u64::from(*c)).sum();
    if (rows as u64) > capacity {
        return Err(AssignError::NotEnoughCapacity { rows, capacity });
    }
    let links: Vec<Link> = capacities.iter().map(|c| Link::free(*c)).collect();
    let parent = vec![NONE; cols];
    let net = Network {
        rows,
        cols,
        cost: &flat,
        col_links: &links,
        parent: &parent,
        groups: &[],
    };
    match flow::solve(&net, mode) {
        Outcome::Assigned(columns) => Ok(Assignment {
            total_cost: columns
                .iter()
                .enumerate()
                .map(|(i, j)| flat[i * cols + j])
                .sum(),
            columns,
        }),
        Outcome::Stuck { rows, columns } => Err(AssignError::Infeasible {
            capacity: columns.iter().map(|j| u64::from(capacities[*j])).sum(),
            rows,
            columns,
        }),
    }
}

/// A dense matrix of costs uniform in [0, 1000), the same for the same seed: the
/// benchmark's problem, written out so a script can hand it to scipy.
#[doc(hidden)]
pub fn random_matrix(rows: usize, cols: usize, seed: u64) -> Vec<Vec<Option<f64>>> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..rows)
        .map(|_| (0..cols).map(|_| Some(rng.f64() * 1000.0)).collect())
        .collect()
}

#[cfg(test)]
mod tests;
