//! Ridge-regularised logistic regression, some coefficients constrained to be ≥ 0, by
//! accelerated projected gradient (FISTA) on standardised features. Small and exact
//! enough for a dozen features and tens of thousands of cases, with no dependency.

/// A fitted model: P(y) = σ(intercept + Σ coefficients · x).
#[derive(Clone, Debug, PartialEq)]
pub struct Logistic {
    pub intercept: f64,
    pub coefficients: Vec<f64>,
}

impl Logistic {
    pub fn linear(&self, x: &[f64]) -> f64 {
        self.intercept
            + self
                .coefficients
                .iter()
                .zip(x)
                .map(|(b, v)| b * v)
                .sum::<f64>()
    }

    pub fn probability(&self, x: &[f64]) -> f64 {
        1.0 / (1.0 + (-self.linear(x)).exp())
    }
}

/// Fits on rows `x` (all of one length) with outcomes `y`. `nonneg[i]` keeps
/// coefficient i ≥ 0; `ridge` penalises the standardised coefficients. `None` when
/// there are no rows or only one outcome.
pub fn fit(x: &[Vec<f64>], y: &[bool], nonneg: &[bool], ridge: f64) -> Option<Logistic> {
    let n = x.len();
    let k = nonneg.len();
    if n == 0 || y.len() != n || x.iter().any(|r| r.len() != k) {
        return None;
    }
    let positives = y.iter().filter(|v| **v).count();
    if positives == 0 || positives == n {
        return None;
    }
    // Standardise: gradient steps converge at the pace of the worst-scaled feature.
    let mut mean = vec![0.0; k];
    let mut scale = vec![0.0; k];
    for row in x {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += clean(*v) / n as f64;
        }
    }
    for row in x {
        for ((s, m), v) in scale.iter_mut().zip(&mean).zip(row) {
            *s += (clean(*v) - m).powi(2) / n as f64;
        }
    }
    for s in &mut scale {
        *s = if *s > 1e-18 { s.sqrt() } else { 0.0 };
    }
    let z: Vec<Vec<f64>> = x
        .iter()
        .map(|row| {
            row.iter()
                .zip(&mean)
                .zip(&scale)
                .map(|((v, m), s)| if *s > 0.0 { (clean(*v) - m) / s } else { 0.0 })
                .collect()
        })
        .collect();
    let max_norm = z
        .iter()
        .map(|r| 1.0 + r.iter().map(|v| v * v).sum::<f64>())
        .fold(0.0, f64::max);
    let step = 1.0 / (max_norm / 4.0 + ridge);
    let rate = positives as f64 / n as f64;
    let mut theta = vec![0.0; k + 1];
    theta[0] = (rate / (1.0 - rate)).ln();
    let mut ahead = theta.clone();
    let mut t = 1.0f64;
    let mut grad = vec![0.0; k + 1];
    for _ in 0..5000 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for (row, outcome) in z.iter().zip(y) {
            let lin = ahead[0] + row.iter().zip(&ahead[1..]).map(|(v, b)| v * b).sum::<f64>();
            let err = 1.0 / (1.0 + (-lin).exp()) - if *outcome { 1.0 } else { 0.0 };
            grad[0] += err;
            for (g, v) in grad[1..].iter_mut().zip(row) {
                *g += err * v;
            }
        }
        let mut next = vec![0.0; k + 1];
        next[0] = ahead[0] - step * grad[0] / n as f64;
        for i in 1..=k {
            let v = ahead[i] - step * (grad[i] / n as f64 + ridge * ahead[i]);
            next[i] = if nonneg[i - 1] { v.max(0.0) } else { v };
        }
        let t_next = (1.0 + (1.0 + 4.0 * t * t).sqrt()) / 2.0;
        let moved = next
            .iter()
            .zip(&theta)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        for i in 0..=k {
            ahead[i] = next[i] + (t - 1.0) / t_next * (next[i] - theta[i]);
        }
        theta = next;
        t = t_next;
        if moved < 1e-8 {
            break;
        }
    }
    // Back to the features' own units.
    let coefficients: Vec<f64> = theta[1..]
        .iter()
        .zip(&scale)
        .map(|(b, s)| if *s > 0.0 { b / s } else { 0.0 })
        .collect();
    let intercept = theta[0]
        - coefficients
            .iter()
            .zip(&mean)
            .map(|(b, m)| b * m)
            .sum::<f64>();
    let finite = intercept.is_finite() && coefficients.iter().all(|b| b.is_finite());
    finite.then_some(Logistic {
        intercept,
        coefficients,
    })
}

fn clean(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_coefficients_it_was_drawn_from() {
        let mut rng = fastrand::Rng::with_seed(7);
        let (b0, b1, b2) = (-0.5, 2.0, -1.5);
        let mut x = Vec::new();
        let mut y = Vec::new();
        for _ in 0..20_000 {
            let (u, v) = (rng.f64() * 4.0, rng.f64() * 2.0 + 10.0);
            let p = 1.0 / (1.0 + (-(b0 + b1 * u + b2 * (v - 10.0))).exp());
            x.push(vec![u, v]);
            y.push(rng.f64() < p);
        }
        let m = fit(&x, &y, &[false, false], 0.0).expect("fits");
        assert!((m.coefficients[0] - b1).abs() < 0.1, "{m:?}");
        assert!((m.coefficients[1] - b2).abs() < 0.1, "{m:?}");
        assert!((m.intercept - (b0 - b2 * 10.0)).abs() < 1.0, "{m:?}");
        // Held at zero when it may not go negative.
        let m = fit(&x, &y, &[true, true], 0.0).expect("fits");
        assert_eq!(m.coefficients[1], 0.0, "{m:?}");
        assert!(m.coefficients[0] > 1.0, "{m:?}");
    }

    #[test]
    fn one_outcome_or_nothing_is_no_fit() {
        assert!(fit(&[], &[], &[true], 0.0).is_none());
        assert!(fit(&[vec![1.0], vec![2.0]], &[true, true], &[true], 0.0).is_none());
    }
}
