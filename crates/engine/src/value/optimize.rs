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
}
