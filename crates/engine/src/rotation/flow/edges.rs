//! The cheapest way to pass a row from column j to column k, for every pair, kept up to
//! date as rows move: one min-heap per pair keyed by `c[i][k] − c[i][j]`. Keys do not
//! depend on potentials, so they never change; a row that moves on is only marked stale
//! (its stamp changes) and dropped when it reaches the top, or when a heap has grown to
//! more than twice its live size.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: f64,
    row: u32,
    stamp: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed, so the standard max-heap yields the smallest key (ties: lowest row).
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .key
            .total_cmp(&self.key)
            .then_with(|| other.row.cmp(&self.row))
    }
}

pub(super) struct Heaps {
    m: usize,
    heaps: Vec<BinaryHeap<Entry>>,
    stamp: Vec<u32>,
}

impl Heaps {
    pub fn new(m: usize, rows: usize) -> Heaps {
        Heaps {
            m,
            heaps: (0..m * m).map(|_| BinaryHeap::new()).collect(),
            stamp: vec![0; rows],
        }
    }

    /// Row `row` (with costs `costs`) now sits in column `col`, which holds `live` rows.
    pub fn add(&mut self, row: usize, col: usize, costs: &[f64], live: u32) {
        let stamp = self.stamp[row];
        let from = costs[col];
        let limit = 2 * live as usize + 16;
        for (k, c) in costs.iter().enumerate() {
            if k == col || !c.is_finite() {
                continue;
            }
            let heap = &mut self.heaps[col * self.m + k];
            if heap.len() >= limit {
                let stamps = &self.stamp;
                heap.retain(|e| stamps[e.row as usize] == e.stamp);
            }
            heap.push(Entry {
                key: c - from,
                row: row as u32,
                stamp,
            });
        }
    }

    /// Row `row` has left its column: its entries are stale from now on.
    pub fn forget(&mut self, row: usize) {
        self.stamp[row] = self.stamp[row].wrapping_add(1);
    }

    /// The cheapest live way from `j` to `k`: the key and the row.
    pub fn min(&mut self, j: usize, k: usize) -> Option<(f64, usize)> {
        let heap = &mut self.heaps[j * self.m + k];
        while let Some(top) = heap.peek() {
            if self.stamp[top.row as usize] == top.stamp {
                return Some((top.key, top.row as usize));
            }
            heap.pop();
        }
        None
    }
}
