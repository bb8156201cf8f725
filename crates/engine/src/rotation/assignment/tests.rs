use super::*;
use proptest::prelude::*;

fn brute(costs: &[Vec<Option<f64>>], caps: &[u32]) -> Option<f64> {
    fn go(
        i: usize,
        costs: &[Vec<Option<f64>>],
        left: &mut [u32],
        acc: f64,
        best: &mut Option<f64>,
    ) {
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

fn small() -> impl Strategy<Value = (Vec<Vec<Option<f64>>>, Vec<u32>)> {
    (1usize..=7, 1usize..=4).prop_flat_map(|(rows, cols)| {
        (
            proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![1 => Just(None), 3 => (-50.0f64..100.0).prop_map(Some)],
                    cols,
                ),
                rows,
            ),
            proptest::collection::vec(0u32..4, cols),
        )
    })
}

fn agrees(costs: &[Vec<Option<f64>>], caps: &[u32], mode: Mode) -> Result<(), TestCaseError> {
    let best = brute(costs, caps);
    match (solve_in(costs, caps, mode), best) {
        (Ok(a), Some(b)) => {
            prop_assert!((a.total_cost - b).abs() < 1e-9, "{} vs {}", a.total_cost, b);
            let mut used = vec![0u32; caps.len()];
            for (i, j) in a.columns.iter().enumerate() {
                prop_assert!(costs[i][*j].is_some());
                used[*j] += 1;
            }
            prop_assert!(used.iter().zip(caps).all(|(u, c)| u <= c));
        }
        (Err(_), None) => {}
        (got, want) => prop_assert!(false, "solver {:?}, brute force {:?}", got, want),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn heaps_are_optimal((costs, caps) in small()) {
        agrees(&costs, &caps, Mode::Heaps)?;
    }

    #[test]
    fn scan_is_optimal((costs, caps) in small()) {
        agrees(&costs, &caps, Mode::Scan)?;
    }
}

#[test]
fn explains_what_is_wrong() {
    assert_eq!(solve(&[], &[1]), Err(AssignError::Empty));
    assert_eq!(solve(&[vec![Some(1.0)]], &[]), Err(AssignError::Empty));
    assert_eq!(
        solve(&[vec![Some(1.0)]], &[1, 1]),
        Err(AssignError::RaggedRow {
            row: 0,
            len: 1,
            columns: 2
        })
    );
    assert_eq!(
        solve(&[vec![Some(f64::NAN)]], &[1]),
        Err(AssignError::NonFiniteCost { row: 0, column: 0 })
    );
    assert_eq!(
        solve(&[vec![Some(1.0), None]], &[0, 3]),
        Err(AssignError::RowWithoutOption { row: 0 })
    );
    assert_eq!(
        solve(&[vec![Some(1.0)], vec![Some(2.0)]], &[1]),
        Err(AssignError::NotEnoughCapacity {
            rows: 2,
            capacity: 1
        })
    );
    // Rows 0 and 2 both need column 0; column 1 has room but only row 1 may use it.
    let costs = vec![
        vec![Some(1.0), None],
        vec![Some(1.0), Some(1.0)],
        vec![Some(1.0), None],
    ];
    assert_eq!(
        solve(&costs, &[1, 5]),
        Err(AssignError::Infeasible {
            rows: vec![0, 2],
            columns: vec![0],
            capacity: 1
        })
    );
}

#[test]
fn square_problem_matches_a_known_optimum() {
    // The classic 4 × 4 example: optimum 140 (rows to columns 1, 0, 2, 3... any of them).
    let m = [
        [82.0, 83.0, 69.0, 92.0],
        [77.0, 37.0, 49.0, 92.0],
        [11.0, 69.0, 5.0, 86.0],
        [8.0, 9.0, 98.0, 23.0],
    ];
    let costs: Vec<Vec<Option<f64>>> = m
        .iter()
        .map(|r| r.iter().map(|c| Some(*c)).collect())
        .collect();
    for mode in [Mode::Heaps, Mode::Scan] {
        let a = solve_in(&costs, &[1; 4], mode);
        assert_eq!(a.map(|a| a.total_cost), Ok(140.0));
    }
}

#[test]
fn many_rows_few_columns_stay_within_capacity() {
    let costs = random_matrix(600, 12, 7);
    let caps: Vec<u32> = (0..12).map(|j| 45 + j as u32).collect();
    let heaps = solve_in(&costs, &caps, Mode::Heaps);
    let scan = solve_in(&costs, &caps, Mode::Scan);
    let (Ok(heaps), Ok(scan)) = (heaps, scan) else {
        panic!("both modes should solve a feasible problem");
    };
    assert!((heaps.total_cost - scan.total_cost).abs() < 1e-6);
    let mut used = [0u32; 12];
    for j in &heaps.columns {
        used[*j] += 1;
    }
    assert!(used.iter().zip(&caps).all(|(u, c)| u <= c));
}
