//! The exact solver behind every plan: a min-cost flow from rows (customers, one unit
//! each) to columns (staff), optionally through groups, to one sink.
//!
//! Rows are added one at a time; each is placed along a shortest augmenting path found
//! by Dijkstra with node potentials (successive shortest paths), which keeps the flow
//! optimal for the rows placed so far, so the last row leaves it optimal for all.
//! Rows never appear as graph nodes: a placed row is a leaf of its column, so the path
//! "column j → row i → column k" is collapsed into one edge j → k of cost
//! `c[i][k] − c[i][j]`, and Dijkstra runs over columns, groups and the sink only. With
//! few columns and many rows each such edge is the minimum over the rows in j, kept in
//! a lazy heap per column pair ([`edges`]); with many columns (a dense square problem)
//! the rows of a column are scanned instead.
//!
//! Links from a column to its group and from a group to the sink carry a convex cost
//! (a marginal `base + slope × used` for the next unit), which is how plans price
//! load and spreading exactly: successive shortest paths stay exact with convex
//! per-unit costs, as each unit is a parallel edge of non-decreasing cost.

mod edges;
mod paths;

use paths::State;

/// "No node": the source of a path, or a column that leads straight to the sink.
pub(crate) const NONE: usize = usize::MAX;

/// A capacitated edge whose k-th unit (0-based) costs `base + slope × k`; `slope ≥ 0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Link {
    pub cap: u32,
    pub base: f64,
    pub slope: f64,
}

impl Link {
    pub fn free(cap: u32) -> Link {
        Link {
            cap,
            base: 0.0,
            slope: 0.0,
        }
    }

    /// The cost of the unit that takes the flow from `used` to `used + 1`.
    pub fn marginal(&self, used: u32) -> f64 {
        self.base + self.slope * f64::from(used)
    }

    /// The cost of the first `used` units.
    pub fn total(&self, used: u32) -> f64 {
        let n = f64::from(used);
        self.base * n + self.slope * n * (n - 1.0) / 2.0
    }
}

/// The problem: `cost` is rows × columns, row-major, `+∞` where a row may not go.
pub(crate) struct Network<'a> {
    pub rows: usize,
    pub cols: usize,
    pub cost: &'a [f64],
    pub col_links: &'a [Link],
    /// Per column, its group, or [`NONE`] to go straight to the sink.
    pub parent: &'a [usize],
    pub groups: &'a [Link],
}

/// How column-to-column edges are found; [`Mode::Auto`] picks by shape (the others
/// are for tests, which check that both ways give the same optimum).
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Auto,
    Heaps,
    Scan,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Outcome {
    /// The column of every row.
    Assigned(Vec<usize>),
    /// These rows can only use these columns, and there is no room for all of them.
    Stuck {
        rows: Vec<usize>,
        columns: Vec<usize>,
    },
}

pub(crate) fn solve(net: &Network, mode: Mode) -> Outcome {
    let heaps = match mode {
        Mode::Heaps => true,
        Mode::Scan => false,
        Mode::Auto => net.cols <= 400 && net.rows >= 2 * net.cols,
    };
    let mut state = State::new(net, heaps);
    for row in 0..net.rows {
        if let Err(stuck) = state.place(row) {
            return stuck;
        }
    }
    Outcome::Assigned(state.col_of)
}

#[cfg(test)]
mod tests;
