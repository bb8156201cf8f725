use super::*;
use proptest::prelude::*;

/// A small network with optional groups and convex links, owned.
#[derive(Clone, Debug)]
struct Case {
    rows: usize,
    cols: usize,
    cost: Vec<f64>,
    col_links: Vec<Link>,
    parent: Vec<usize>,
    groups: Vec<Link>,
}

impl Case {
    fn net(&self) -> Network<'_> {
        Network {
            rows: self.rows,
            cols: self.cols,
            cost: &self.cost,
            col_links: &self.col_links,
            parent: &self.parent,
            groups: &self.groups,
        }
    }

    /// The objective of an assignment, or `None` if it breaks a capacity or an exclusion.
    fn objective(&self, cols_of: &[usize]) -> Option<f64> {
        let mut count = vec![0u32; self.cols];
        let mut gcount = vec![0u32; self.groups.len()];
        let mut total = 0.0;
        for (i, &j) in cols_of.iter().enumerate() {
            let c = self.cost[i * self.cols + j];
            if !c.is_finite() {
                return None;
            }
            total += c;
            count[j] += 1;
            if self.parent[j] != NONE {
                gcount[self.parent[j]] += 1;
            }
        }
        for (j, link) in self.col_links.iter().enumerate() {
            if count[j] > link.cap {
                return None;
            }
            total += link.total(count[j]);
        }
        for (h, link) in self.groups.iter().enumerate() {
            if gcount[h] > link.cap {
                return None;
            }
            total += link.total(gcount[h]);
        }
        Some(total)
    }

    fn brute(&self) -> Option<f64> {
        let mut best: Option<f64> = None;
        let mut cols_of = vec![0usize; self.rows];
        loop {
            if let Some(v) = self.objective(&cols_of) {
                best = Some(best.map_or(v, |b: f64| b.min(v)));
            }
            let mut i = 0;
            loop {
                if i == self.rows {
                    return best;
                }
                cols_of[i] += 1;
                if cols_of[i] < self.cols {
                    break;
                }
                cols_of[i] = 0;
                i += 1;
            }
        }
    }
}

fn link() -> impl Strategy<Value = Link> {
    (0u32..4, -5i32..6, 0i32..4).prop_map(|(cap, base, slope)| Link {
        cap,
        base: f64::from(base),
        slope: f64::from(slope) / 2.0,
    })
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=6, 1usize..=4, 0usize..=2).prop_flat_map(|(rows, cols, groups)| {
        (
            proptest::collection::vec(
                prop_oneof![1 => Just(f64::INFINITY), 4 => (-20i32..40).prop_map(f64::from)],
                rows * cols,
            ),
            proptest::collection::vec(link(), cols),
            proptest::collection::vec(0..=groups, cols),
            proptest::collection::vec(link(), groups),
        )
            .prop_map(move |(cost, col_links, parent, groups_links)| Case {
                rows,
                cols,
                cost,
                col_links,
                parent: parent
                    .into_iter()
                    .map(|p| if p == groups { NONE } else { p })
                    .collect(),
                groups: groups_links,
            })
    })
}

fn check(case: &Case, mode: Mode) -> Result<(), TestCaseError> {
    let brute = case.brute();
    match (solve(&case.net(), mode), brute) {
        (Outcome::Assigned(cols_of), Some(best)) => {
            let got = case.objective(&cols_of);
            prop_assert!(got.is_some(), "solver broke a constraint: {:?}", cols_of);
            let got = got.unwrap_or(f64::NAN);
            prop_assert!((got - best).abs() < 1e-9, "solver {} brute {}", got, best);
        }
        (Outcome::Stuck { rows, columns }, None) => {
            for &i in &rows {
                for j in 0..case.cols {
                    if case.cost[i * case.cols + j].is_finite() && case.col_links[j].cap > 0 {
                        prop_assert!(columns.contains(&j), "row {} can use {}", i, j);
                    }
                }
            }
            if case.parent.iter().all(|p| *p == NONE) {
                let room: u32 = columns.iter().map(|j| case.col_links[*j].cap).sum();
                prop_assert!(rows.len() as u32 > room);
            }
        }
        (got, brute) => prop_assert!(false, "solver {:?}, brute force {:?}", got, brute),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn heaps_match_brute_force(case in case()) {
        check(&case, Mode::Heaps)?;
    }

    #[test]
    fn scan_matches_brute_force(case in case()) {
        check(&case, Mode::Scan)?;
    }
}

#[test]
fn links_price_units_convexly() {
    let link = Link {
        cap: 5,
        base: 2.0,
        slope: 1.0,
    };
    assert_eq!(link.marginal(0), 2.0);
    assert_eq!(link.marginal(2), 4.0);
    assert_eq!(link.total(3), 2.0 + 3.0 + 4.0);
}
