//! Ridge-regularised logistic regression on standardised features: Newton's method
//! when the coefficients are free, accelerated projected gradient (FISTA) when some
//! must stay ≥ 0. Small and exact enough for a dozen features and tens of thousands of
//! cases, with no dependency.

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
    if nonneg.iter().all(|c| !c) {
        if let Some(theta) = newton(&z, y, ridge) {
            return back(&theta, &mean, &scale);
        }
    }
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
    back(&theta, &mean, &scale)
}

/// Back from standardised features to their own units.
fn back(theta: &[f64], mean: &[f64], scale: &[f64]) -> Option<Logistic> {
    let coefficients: Vec<f64> = theta[1..]
        .iter()
        .zip(scale)
        .map(|(b, s)| if *s > 0.0 { b / s } else { 0.0 })
        .collect();
    let intercept = theta[0]
        - coefficients
            .iter()
            .zip(mean)
            .map(|(b, m)| b * m)
            .sum::<f64>();
    let finite = intercept.is_finite() && coefficients.iter().all(|b| b.is_finite());
    finite.then_some(Logistic {
        intercept,
        coefficients,
    })
}

/// Newton's method without constraints: a handful of passes over the cases instead of
/// thousands, which matters on a book of tens of thousands of customers. `None` if a
/// step cannot be solved (the gradient method then takes over).
// Index loops read as the matrix algebra they are.
#[allow(clippy::needless_range_loop)]
fn newton(z: &[Vec<f64>], y: &[bool], ridge: f64) -> Option<Vec<f64>> {
    let k = z.first()?.len() + 1;
    let n = z.len() as f64;
    let positives = y.iter().filter(|v| **v).count() as f64;
    let mut theta = vec![0.0; k];
    theta[0] = (positives / (n - positives)).ln();
    let row = |r: &[f64], i: usize| if i == 0 { 1.0 } else { r[i - 1] };
    for _ in 0..50 {
        let mut grad = vec![0.0; k];
        let mut hess = vec![vec![0.0; k]; k];
        for (r, outcome) in z.iter().zip(y) {
            let lin = theta[0] + r.iter().zip(&theta[1..]).map(|(v, b)| v * b).sum::<f64>();
            let p = 1.0 / (1.0 + (-lin).exp());
            let err = p - if *outcome { 1.0 } else { 0.0 };
            let w = p * (1.0 - p);
            for i in 0..k {
                let xi = row(r, i);
                grad[i] += err * xi / n;
                for j in 0..=i {
                    hess[i][j] += w * xi * row(r, j) / n;
                }
            }
        }
        for i in 0..k {
            for j in 0..i {
                hess[j][i] = hess[i][j];
            }
            if i > 0 {
                grad[i] += ridge * theta[i];
                hess[i][i] += ridge;
            }
            hess[i][i] += 1e-12;
        }
        let delta = solve(hess, grad)?;
        let mut largest = 0.0f64;
        for (t, d) in theta.iter_mut().zip(&delta) {
            *t -= d;
            largest = largest.max(d.abs());
        }
        if !theta.iter().all(|t| t.is_finite()) {
            return None;
        }
        if largest < 1e-10 {
            return Some(theta);
        }
    }
    Some(theta)
}

/// Solves a small symmetric positive definite system by Gaussian elimination with
/// partial pivoting; `None` when it is singular.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let k = b.len();
    for col in 0..k {
        let pivot = (col..k).max_by(|p, q| a[*p][col].abs().total_cmp(&a[*q][col].abs()))?;
        if a[pivot][col].abs() < 1e-14 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..k {
            let f = a[r][col] / a[col][col];
            for c in col..k {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; k];
    for r in (0..k).rev() {
        let s: f64 = (r + 1..k).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
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
