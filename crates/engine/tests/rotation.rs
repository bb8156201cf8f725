//! The rotation engine: the assignment solver against brute force and on bigger random
//! problems, plans on hand-made books and the sample book, the handover checklist and
//! the concentration report.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "rotation/errors.rs"]
mod errors;
#[path = "rotation/fixture.rs"]
mod fixture;
#[path = "rotation/plans.rs"]
mod plans;
#[path = "rotation/policies.rs"]
mod policies;
#[path = "rotation/reports.rs"]
mod reports;

use liuke_engine::rotation::assignment::{random_matrix, solve, AssignError};
use proptest::prelude::*;

type Matrix = Vec<Vec<Option<f64>>>;

/// The least total over every assignment that respects capacities, or `None`.
fn brute(costs: &Matrix, caps: &[u32]) -> Option<f64> {
    fn go(i: usize, costs: &Matrix, left: &mut [u32], acc: f64, best: &mut Option<f64>) {
        if i == costs.len() {
            *best = Some(best.map_or(acc, |b| b.min(acc)));
            return;
        }
        for j in 0..left.len() {
            if let (Some(c), true) = (costs[i][j], left[j] > 0) {
                left[j] -= 1;
                go(i + 1, costs, left, acc + c, best);
                left[j] += 1;
            }
        }
    }
    let mut best = None;
    go(0, costs, &mut caps.to_vec(), 0.0, &mut best);
    best
}

fn matrix(rows: usize, cols: usize, holes: u32) -> impl Strategy<Value = Matrix> {
    proptest::collection::vec(
        proptest::collection::vec(
            prop_oneof![holes => Just(None), 4 => (-100.0f64..100.0).prop_map(Some)],
            cols,
        ),
        rows,
    )
}

fn small() -> impl Strategy<Value = (Matrix, Vec<u32>)> {
    (1usize..=7, 1usize..=4).prop_flat_map(|(rows, cols)| {
        (
            matrix(rows, cols, 1),
            proptest::collection::vec(0u32..4, cols),
        )
    })
}

fn larger() -> impl Strategy<Value = (Matrix, Vec<u32>)> {
    (20usize..120, 2usize..12).prop_flat_map(|(rows, cols)| {
        (
            matrix(rows, cols, 2),
            proptest::collection::vec(0u32..25, cols),
        )
    })
}

/// Every row in an allowed column, no column over capacity.
fn respects(costs: &Matrix, caps: &[u32], columns: &[usize]) -> bool {
    let mut used = vec![0u32; caps.len()];
    for (i, j) in columns.iter().enumerate() {
        if costs[i][*j].is_none() {
            return false;
        }
        used[*j] += 1;
    }
    used.iter().zip(caps).all(|(u, c)| u <= c)
}

/// The error names a real obstacle.
fn explains(costs: &Matrix, caps: &[u32], err: &AssignError) -> bool {
    match err {
        AssignError::RowWithoutOption { row } => costs[*row]
            .iter()
            .zip(caps)
            .all(|(c, cap)| c.is_none() || *cap == 0),
        AssignError::NotEnoughCapacity { rows, capacity } => {
            *rows == costs.len() && *capacity == caps.iter().map(|c| u64::from(*c)).sum::<u64>()
        }
        AssignError::Infeasible {
            rows,
            columns,
            capacity,
        } => {
            let only_these = rows.iter().all(|i| {
                costs[*i]
                    .iter()
                    .zip(caps)
                    .enumerate()
                    .all(|(j, (c, cap))| c.is_none() || *cap == 0 || columns.contains(&j))
            });
            let room: u64 = columns.iter().map(|j| u64::from(caps[*j])).sum();
            only_these && room == *capacity && rows.len() as u64 > room
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]
    #[test]
    fn optimal_as_brute_force((costs, caps) in small()) {
        match (solve(&costs, &caps), brute(&costs, &caps)) {
            (Ok(a), Some(best)) => {
                prop_assert!((a.total_cost - best).abs() < 1e-9, "{} vs {}", a.total_cost, best);
                prop_assert!(respects(&costs, &caps, &a.columns));
                let sum: f64 = a.columns.iter().enumerate().filter_map(|(i, j)| costs[i][*j]).sum();
                prop_assert!((sum - a.total_cost).abs() < 1e-9);
            }
            (Err(e), None) => prop_assert!(explains(&costs, &caps, &e), "{:?}", e),
            (got, want) => prop_assert!(false, "solver {:?}, brute force {:?}", got, want),
        }
    }

    #[test]
    fn feasible_or_explained((costs, caps) in larger()) {
        match solve(&costs, &caps) {
            Ok(a) => prop_assert!(respects(&costs, &caps, &a.columns)),
            Err(e) => prop_assert!(explains(&costs, &caps, &e), "{:?}", e),
        }
    }
}

#[test]
fn random_matrix_is_reproducible_and_dense() {
    let a = random_matrix(30, 20, 9);
    assert_eq!(a, random_matrix(30, 20, 9));
    assert_ne!(a, random_matrix(30, 20, 10));
    assert!(a
        .iter()
        .flatten()
        .all(|c| c.is_some_and(|c| (0.0..1000.0).contains(&c))));
}

#[test]
fn tall_problem_uses_the_cheap_columns_first() {
    // Column 0 is cheapest for everyone but holds only 10; the rest go to column 1.
    let costs: Matrix = (0..50)
        .map(|i| vec![Some(1.0), Some(2.0 + f64::from(i % 3)), None])
        .collect();
    let a = solve(&costs, &[10, 40, 100]).expect("feasible");
    assert_eq!(a.columns.iter().filter(|j| **j == 0).count(), 10);
    // The ten rows with the biggest saving (those where column 1 costs 4) sit in 0.
    assert!(a
        .columns
        .iter()
        .enumerate()
        .filter(|(_, j)| **j == 0)
        .all(|(i, _)| i % 3 == 2));
}
