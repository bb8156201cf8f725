//! Nelder–Mead minimisation: derivative-free and robust from poor starting points,
//! the usual choice for these few-parameter likelihoods (the models are fitted over
//! log-parameters, so the search space is unconstrained).

/// How a minimisation ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub point: Vec<f64>,
    pub value: f64,
    pub evaluations: usize,
    pub converged: bool,
}

/// Minimises `f` from `start`, restarting from the best point with a fresh simplex
/// until a restart no longer improves: a collapsed simplex is the classic way
/// Nelder–Mead stalls short of the optimum.
pub fn minimize(
    f: &mut dyn FnMut(&[f64]) -> f64,
    start: &[f64],
    max_evaluations: usize,
) -> Minimum {
    let mut best = run(f, start, 1.0, max_evaluations);
    for _ in 0..20 {
        if best.evaluations >= max_evaluations {
            break;
        }
        let budget = max_evaluations - best.evaluations;
        let next = run(f, &best.point, 0.1, budget);
        let evaluations = best.evaluations + next.evaluations;
        let improved = best.value - next.value;
        let settled = improved.abs() < 1e-9 * (1.0 + best.value.abs());
        if next.value <= best.value {
            best = Minimum {
                evaluations,
                ..next
            };
        } else {
            best.evaluations = evaluations;
        }
        if settled && best.converged {
            return best;
        }
    }
    best.converged = false;
    best
}

/// One Nelder–Mead run with the standard coefficients and an initial simplex of `step`.
fn run(f: &mut dyn FnMut(&[f64]) -> f64, start: &[f64], step: f64, budget: usize) -> Minimum {
    let n = start.len();
    let value = |f: &mut dyn FnMut(&[f64]) -> f64, x: &[f64]| {
        let v = f(x);
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    simplex.push((start.to_vec(), value(f, start)));
    for i in 0..n {
        let mut x = start.to_vec();
        x[i] += step;
        let v = value(f, &x);
        simplex.push((x, v));
    }
    let mut evaluations = n + 1;
    let mut converged = false;
    while evaluations < budget {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (lo, hi) = (simplex[0].1, simplex[n].1);
        let size = simplex
            .iter()
            .skip(1)
            .flat_map(|(x, _)| x.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        if (hi - lo).abs() <= 1e-11 * (1.0 + lo.abs()) && size < 1e-6 {
            converged = true;
            break;
        }
        let mut centroid = vec![0.0; n];
        for (x, _) in &simplex[..n] {
            for (c, xi) in centroid.iter_mut().zip(x) {
                *c += xi / n as f64;
            }
        }
        let toward = |t: f64, from: &[f64]| -> Vec<f64> {
            centroid
                .iter()
                .zip(from)
                .map(|(c, w)| c + t * (w - c))
                .collect()
        };
        let worst = simplex[n].0.clone();
        let reflected = toward(-1.0, &worst);
        let fr = value(f, &reflected);
        evaluations += 1;
        if fr < simplex[0].1 {
            let expanded = toward(-2.0, &worst);
            let fe = value(f, &expanded);
            evaluations += 1;
            simplex[n] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
        } else {
            let (contracted, fc) = if fr < simplex[n].1 {
                let x = toward(-0.5, &worst);
                let v = value(f, &x);
                (x, v)
            } else {
                let x = toward(0.5, &worst);
                let v = value(f, &x);
                (x, v)
            };
            evaluations += 1;
            if fc < fr.min(simplex[n].1) {
                simplex[n] = (contracted, fc);
            } else {
                let best = simplex[0].0.clone();
                for (x, v) in simplex.iter_mut().skip(1) {
                    for (xi, bi) in x.iter_mut().zip(&best) {
                        *xi = bi + 0.5 * (*xi - bi);
                    }
                    *v = value(f, x);
                }
                evaluations += n;
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (point, value) = simplex.swap_remove(0);
    Minimum {
        point,
        value,
        evaluations,
        converged,
    }
}

/// Quasi-Newton (BFGS) minimisation with a backtracking line search, for objectives
/// whose gradient is known: `f` returns the value and writes the gradient. It needs
/// tens of evaluations where Nelder–Mead needs hundreds. Converged when the gradient
/// is below `tolerance` in every coordinate; a line search that cannot make progress
/// ends it unconverged, and the caller falls back to Nelder–Mead.
pub fn minimize_with_gradient(
    f: &mut dyn FnMut(&[f64], &mut [f64]) -> f64,
    start: &[f64],
    tolerance: f64,
    max_evaluations: usize,
) -> Minimum {
    let n = start.len();
    let mut x = start.to_vec();
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    let mut evaluations = 1;
    // The inverse Hessian estimate, row-major.
    let mut h = identity(n);
    let mut first_step = true;
    let (mut x_new, mut g_new) = (vec![0.0; n], vec![0.0; n]);
    let finite = |v: f64, g: &[f64]| v.is_finite() && g.iter().all(|d| d.is_finite());
    while evaluations < max_evaluations && finite(fx, &g) {
        if g.iter().all(|d| d.abs() < tolerance) {
            return Minimum {
                point: x,
                value: fx,
                evaluations,
                converged: true,
            };
        }
        let mut p: Vec<f64> = (0..n)
            .map(|i| -(0..n).map(|j| h[i * n + j] * g[j]).sum::<f64>())
            .collect();
        let mut slope: f64 = p.iter().zip(&g).map(|(a, b)| a * b).sum();
        if slope >= 0.0 {
            h = identity(n);
            p = g.iter().map(|d| -d).collect();
            slope = -g.iter().map(|d| d * d).sum::<f64>();
        }
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            for i in 0..n {
                x_new[i] = x[i] + step * p[i];
            }
            let v = f(&x_new, &mut g_new);
            evaluations += 1;
            if finite(v, &g_new) && v <= fx + 1e-4 * step * slope {
                accepted = Some(v);
                break;
            }
            step *= 0.5;
        }
        let Some(v) = accepted else { break };
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        if sy > 1e-300 {
            if first_step {
                let yy: f64 = y.iter().map(|d| d * d).sum();
                h = identity(n);
                for e in &mut h {
                    *e *= sy / yy;
                }
                first_step = false;
            }
            bfgs_update(&mut h, &s, &y, sy);
        }
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        fx = v;
    }
    Minimum {
        point: x,
        value: fx,
        evaluations,
        converged: false,
    }
}

fn identity(n: usize) -> Vec<f64> {
    (0..n * n)
        .map(|k| if k / n == k % n { 1.0 } else { 0.0 })
        .collect()
}

/// H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/(sᵀy).
fn bfgs_update(h: &mut [f64], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n)
        .map(|i| (0..n).map(|j| h[i * n + j] * y[j]).sum())
        .collect();
    let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
    for i in 0..n {
        for j in 0..n {
            h[i * n + j] += rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let mut f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimize(&mut f, &[-1.2, 1.0], 20_000);
        assert!(m.converged);
        assert!((m.point[0] - 1.0).abs() < 1e-5 && (m.point[1] - 1.0).abs() < 1e-5);
    }

    #[test]
    fn the_gradient_method_finds_the_rosenbrock_minimum_in_few_steps() {
        let mut f = |x: &[f64], g: &mut [f64]| {
            g[0] = -2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] * x[0]);
            g[1] = 200.0 * (x[1] - x[0] * x[0]);
            (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2)
        };
        let m = minimize_with_gradient(&mut f, &[-1.2, 1.0], 1e-10, 2_000);
        assert!(m.converged, "{m:?}");
        assert!((m.point[0] - 1.0).abs() < 1e-8 && (m.point[1] - 1.0).abs() < 1e-8);
        assert!(m.evaluations < 200, "{}", m.evaluations);
    }
}
