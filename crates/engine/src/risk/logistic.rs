//! Ridge-regularised logistic regression on standardised features by projected
//! Newton's method, some coefficients held ≥ 0. Small and exact enough for a dozen
//! features and tens of thousands of cases, with no dependency.

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
    // Standardise: the ridge then weighs every feature alike and the steps stay well
    // conditioned.
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
    let theta = newton(&z, y, nonneg, ridge)?;
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

/// Penalised mean negative log-likelihood at `theta` (intercept first).
fn loss(z: &[Vec<f64>], y: &[bool], theta: &[f64], ridge: f64) -> f64 {
    let n = z.len() as f64;
    let mut total = 0.0;
    for (r, outcome) in z.iter().zip(y) {
        let lin = theta[0] + r.iter().zip(&theta[1..]).map(|(v, b)| v * b).sum::<f64>();
        // log(1 + e^lin) − y·lin, without overflow.
        let softplus = if lin > 0.0 {
            lin + (-lin).exp().ln_1p()
        } else {
            lin.exp().ln_1p()
        };
        total += softplus - if *outcome { lin } else { 0.0 };
    }
    total / n + 0.5 * ridge * theta[1..].iter().map(|b| b * b).sum::<f64>()
}

/// Projected Newton's method: each step solves for the coefficients free to move
/// (those not held at 0 by their bound with the slope pushing them below it), is
/// projected back onto the bounds and halved until the loss falls. A handful of
/// passes over the cases instead of the thousands a gradient method takes, which
/// matters on a book of tens of thousands of customers.
// Index loops read as the matrix algebra they are.
#[allow(clippy::needless_range_loop)]
fn newton(z: &[Vec<f64>], y: &[bool], nonneg: &[bool], ridge: f64) -> Option<Vec<f64>> {
    let k = z.first()?.len() + 1;
    let n = z.len() as f64;
    let positives = y.iter().filter(|v| **v).count() as f64;
    let mut theta = vec![0.0; k];
    theta[0] = (positives / (n - positives)).ln();
    let bounded = |i: usize| i > 0 && nonneg[i - 1];
    let row = |r: &[f64], i: usize| if i == 0 { 1.0 } else { r[i - 1] };
    let mut current = loss(z, y, &theta, ridge);
    for _ in 0..100 {
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
        let free: Vec<usize> = (0..k)
            .filter(|&i| !bounded(i) || theta[i] > 0.0 || grad[i] < 0.0)
            .collect();
        let sub: Vec<Vec<f64>> = free
            .iter()
            .map(|&i| free.iter().map(|&j| hess[i][j]).collect())
            .collect();
        let step = solve(sub, free.iter().map(|&i| grad[i]).collect())?;
        let mut delta = vec![0.0; k];
        for (d, &i) in step.iter().zip(&free) {
            delta[i] = *d;
        }
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            let candidate: Vec<f64> = (0..k)
                .map(|i| {
                    let v = theta[i] - t * delta[i];
                    if bounded(i) {
                        v.max(0.0)
                    } else {
                        v
                    }
                })
                .collect();
            let value = loss(z, y, &candidate, ridge);
            let decrease: f64 = (0..k).map(|i| grad[i] * (theta[i] - candidate[i])).sum();
            if value.is_finite() && value <= current - 1e-4 * decrease.max(0.0) {
                accepted = Some((candidate, value));
                break;
            }
            t /= 2.0;
        }
        let Some((next, value)) = accepted else {
            return Some(theta);
        };
        let moved = next
            .iter()
            .zip(&theta)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        theta = next;
        current = value;
        if moved < 1e-10 {
            break;
        }
    }
    theta.iter().all(|t| t.is_finite()).then_some(theta)
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
