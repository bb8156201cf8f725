//! One row at a time: Dijkstra over columns, groups and the sink with potentials, then
//! the rows along the shortest path move one step (see the parent module).

use super::edges::Heaps;
use super::{Network, Outcome, NONE};

pub(super) struct State<'a> {
    net: &'a Network<'a>,
    sink: usize,
    pub col_of: Vec<usize>,
    count: Vec<u32>,
    gcount: Vec<u32>,
    members: Vec<Vec<usize>>,
    pos: Vec<usize>,
    group_cols: Vec<Vec<usize>>,
    pi: Vec<f64>,
    heaps: Option<Heaps>,
    dist: Vec<f64>,
    pred: Vec<usize>,
    via: Vec<usize>,
    done: Vec<bool>,
    todo: Vec<usize>,
    settled: Vec<usize>,
}

impl<'a> State<'a> {
    pub fn new(net: &'a Network<'a>, heaps: bool) -> State<'a> {
        let (m, g) = (net.cols, net.groups.len());
        let sink = m + g;
        let mut group_cols = vec![Vec::new(); g];
        // Potentials that make every initial edge's reduced cost non-negative.
        let mut pi = vec![0.0; sink + 1];
        for (h, link) in net.groups.iter().enumerate() {
            pi[m + h] = (-link.base).max(0.0);
        }
        for (j, link) in net.col_links.iter().enumerate() {
            let up = net.parent[j];
            if up != NONE {
                group_cols[up].push(j);
            }
            pi[j] = pi[if up == NONE { sink } else { m + up }] + (-link.base).max(0.0);
        }
        State {
            net,
            sink,
            col_of: vec![NONE; net.rows],
            count: vec![0; m],
            gcount: vec![0; g],
            members: vec![Vec::new(); m],
            pos: vec![0; net.rows],
            group_cols,
            pi,
            heaps: heaps.then(|| Heaps::new(m, net.rows)),
            dist: vec![f64::INFINITY; sink + 1],
            pred: vec![NONE; sink + 1],
            via: vec![NONE; sink + 1],
            done: vec![false; sink + 1],
            todo: Vec::with_capacity(sink + 1),
            settled: Vec::new(),
        }
    }

    fn row_costs(&self, row: usize) -> &'a [f64] {
        let m = self.net.cols;
        &self.net.cost[row * m..(row + 1) * m]
    }

    /// Places one more row along a shortest augmenting path.
    pub fn place(&mut self, r: usize) -> Result<(), Outcome> {
        let m = self.net.cols;
        self.dist.fill(f64::INFINITY);
        self.done.fill(false);
        self.todo.clear();
        self.todo.extend(0..=self.sink);
        self.settled.clear();
        for (k, c) in self.row_costs(r).iter().enumerate() {
            if c.is_finite() {
                self.dist[k] = c - self.pi[k];
                self.pred[k] = NONE;
                self.via[k] = r;
            }
        }
        loop {
            let Some((at, u)) = self.closest() else {
                return Err(self.stuck(r));
            };
            if u == self.sink {
                break;
            }
            self.todo.swap_remove(at);
            self.done[u] = true;
            self.settled.push(u);
            if u < m {
                self.relax_column(u);
            } else {
                self.relax_group(u - m);
            }
        }
        let target = self.dist[self.sink];
        for &u in &self.settled {
            self.pi[u] += self.dist[u] - target;
        }
        self.augment(r);
        Ok(())
    }

    /// The unsettled node with the smallest finite label, and its place in `todo`.
    fn closest(&self) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let mut best_d = f64::INFINITY;
        for (at, &u) in self.todo.iter().enumerate() {
            let d = self.dist[u];
            if d < best_d || (d == best_d && u == self.sink && best.is_some()) {
                best_d = d;
                best = Some((at, u));
            }
        }
        best
    }

    fn relax(&mut self, v: usize, d: f64, from: usize, row: usize) {
        if d < self.dist[v] {
            self.dist[v] = d;
            self.pred[v] = from;
            self.via[v] = row;
        }
    }

    fn relax_column(&mut self, j: usize) {
        let net = self.net;
        let m = net.cols;
        let dj = self.dist[j];
        let link = net.col_links[j];
        if self.count[j] < link.cap {
            let up = match net.parent[j] {
                NONE => self.sink,
                h => m + h,
            };
            let w = link.marginal(self.count[j]) + self.pi[j] - self.pi[up];
            self.relax(up, dj + w.max(0.0), j, NONE);
        }
        if self.count[j] == 0 {
            return;
        }
        if let Some(heaps) = self.heaps.as_mut() {
            for at in 0..self.todo.len() {
                let k = self.todo[at];
                if k >= m {
                    continue;
                }
                if let Some((w, i)) = heaps.min(j, k) {
                    let d = dj + (w + self.pi[j] - self.pi[k]).max(0.0);
                    if d < self.dist[k] {
                        self.dist[k] = d;
                        self.pred[k] = j;
                        self.via[k] = i;
                    }
                }
            }
        } else {
            for &i in &self.members[j] {
                let costs = &net.cost[i * m..(i + 1) * m];
                let shift = dj + self.pi[j] - costs[j];
                for &k in &self.todo {
                    if k >= m {
                        continue;
                    }
                    let c = costs[k];
                    if c.is_finite() {
                        let d = dj.max(shift + c - self.pi[k]);
                        if d < self.dist[k] {
                            self.dist[k] = d;
                            self.pred[k] = j;
                            self.via[k] = i;
                        }
                    }
                }
            }
        }
    }

    fn relax_group(&mut self, h: usize) {
        let m = self.net.cols;
        let node = m + h;
        let dh = self.dist[node];
        let link = self.net.groups[h];
        if self.gcount[h] < link.cap {
            let w = link.marginal(self.gcount[h]) + self.pi[node] - self.pi[self.sink];
            self.relax(self.sink, dh + w.max(0.0), node, NONE);
        }
        // Back along a column's link: that column gives up a unit and must pass one
        // of its rows on.
        for at in 0..self.group_cols[h].len() {
            let c = self.group_cols[h][at];
            if self.done[c] || self.count[c] == 0 {
                continue;
            }
            let w = -self.net.col_links[c].marginal(self.count[c] - 1) + self.pi[node] - self.pi[c];
            self.relax(c, dh + w.max(0.0), node, NONE);
        }
    }

    /// Moves rows along the path found, back from the sink to the new row.
    fn augment(&mut self, r: usize) {
        let mut v = self.sink;
        loop {
            let u = self.pred[v];
            if v < self.net.cols && self.via[v] != NONE {
                let row = self.via[v];
                if u == NONE {
                    debug_assert_eq!(row, r);
                    self.enter(row, v);
                    return;
                }
                self.leave(row, u);
                self.enter(row, v);
            }
            if u == NONE {
                return;
            }
            v = u;
        }
    }

    fn enter(&mut self, row: usize, col: usize) {
        self.col_of[row] = col;
        self.count[col] += 1;
        if let Some(h) = self.group_of(col) {
            self.gcount[h] += 1;
        }
        self.pos[row] = self.members[col].len();
        self.members[col].push(row);
        if let Some(heaps) = self.heaps.as_mut() {
            let m = self.net.cols;
            heaps.add(
                row,
                col,
                &self.net.cost[row * m..(row + 1) * m],
                self.count[col],
            );
        }
    }

    fn leave(&mut self, row: usize, col: usize) {
        self.count[col] -= 1;
        if let Some(h) = self.group_of(col) {
            self.gcount[h] -= 1;
        }
        let at = self.pos[row];
        self.members[col].swap_remove(at);
        if let Some(&moved) = self.members[col].get(at) {
            self.pos[moved] = at;
        }
        if let Some(heaps) = self.heaps.as_mut() {
            heaps.forget(row);
        }
    }

    fn group_of(&self, col: usize) -> Option<usize> {
        Some(self.net.parent[col]).filter(|h| *h != NONE)
    }

    /// Every node reached is full: the new row and the rows of the columns reached
    /// compete for less room than they need (a Hall violation).
    fn stuck(&self, r: usize) -> Outcome {
        let m = self.net.cols;
        let mut columns: Vec<usize> = self.settled.iter().copied().filter(|u| *u < m).collect();
        columns.sort_unstable();
        let mut rows: Vec<usize> = columns
            .iter()
            .flat_map(|c| self.members[*c].iter().copied())
            .collect();
        rows.push(r);
        rows.sort_unstable();
        Outcome::Stuck { rows, columns }
    }
}
