//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
//! while alive a customer buys as a Poisson process with a gamma(r, α) rate, and after
//! each purchase drops out with a beta(a, b) probability. Fitted by maximum likelihood
//! on each customer's (x, t_x, T); gives P(alive) and expected future purchases.

use super::optimize::{minimize, minimize_with_gradient};
use super::special::{digamma, ln_gamma, ln_hyp2f1};
use super::{FitError, Summary};
use serde::{Deserialize, Serialize};

/// Fitted BG/NBD parameters, in the time unit of the summaries they were fitted on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    /// Total log-likelihood at the fit, to compare fits and with other tools.
    pub log_likelihood: f64,
}

/// Options for a fit. The defaults suit a customer book.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FitOptions {
    /// Fewer customers than this, or fewer repeat buyers than `min_repeaters`, and
    /// the parameters would be noise: the fit is refused.
    pub min_customers: usize,
    pub min_repeaters: usize,
    /// The optimiser's budget of likelihood evaluations.
    pub max_evaluations: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            min_customers: 20,
            min_repeaters: 10,
            max_evaluations: 20_000,
        }
    }
}

/// Customers with the same (x, t_x, T) contribute the same term: counting them once
/// makes each likelihood evaluation cost distinct histories, not customers. The
/// logarithms that depend on one of x, t_x or T alone are computed once per distinct
/// value and evaluation, leaving two transcendental calls per distinct history.
struct Groups {
    rows: Vec<Row>,
    /// Distinct x, t_x and T values, which rows index into.
    xs: Vec<u32>,
    txs: Vec<f64>,
    ts: Vec<f64>,
}

struct Row {
    x: f64,
    xi: usize,
    txi: usize,
    ti: usize,
    weight: f64,
}

/// Per-evaluation tables, kept between evaluations to avoid allocating.
#[derive(Default)]
struct Scratch {
    by_x: Vec<f64>,
    odds_by_x: Vec<f64>,
    ln_tx: Vec<f64>,
    ln_t: Vec<f64>,
    /// For the gradient: per distinct x, ∂/∂r, ∂/∂a and ∂/∂b of the x-only terms, and
    /// 1/(b+x−1); per distinct t_x and T, 1/(α+t).
    dr_by_x: Vec<f64>,
    da_by_x: Vec<f64>,
    db_by_x: Vec<f64>,
    inv_b_by_x: Vec<f64>,
    inv_tx: Vec<f64>,
    inv_t: Vec<f64>,
}

fn distinct(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values.dedup();
    values
}

fn position(values: &[f64], v: f64) -> usize {
    values
        .binary_search_by(|probe| probe.total_cmp(&v))
        .unwrap_or(0)
}

impl Groups {
    fn new(data: &[Summary]) -> Groups {
        let mut sorted: Vec<(u32, f64, f64)> = data.iter().map(|s| (s.x, s.t_x, s.t)).collect();
        sorted.sort_by(|p, q| {
            p.0.cmp(&q.0)
                .then(p.1.total_cmp(&q.1))
                .then(p.2.total_cmp(&q.2))
        });
        let mut triples: Vec<(u32, f64, f64, f64)> = Vec::new();
        for (x, tx, t) in sorted {
            match triples.last_mut() {
                Some(last) if last.0 == x && last.1 == tx && last.2 == t => last.3 += 1.0,
                _ => triples.push((x, tx, t, 1.0)),
            }
        }
        let mut xs: Vec<u32> = triples.iter().map(|r| r.0).collect();
        xs.dedup();
        let txs = distinct(triples.iter().map(|r| r.1).collect());
        let ts = distinct(triples.iter().map(|r| r.2).collect());
        let rows = triples
            .iter()
            .map(|&(x, tx, t, weight)| Row {
                x: f64::from(x),
                xi: xs.binary_search(&x).unwrap_or(0),
                txi: position(&txs, tx),
                ti: position(&ts, t),
                weight,
            })
            .collect();
        Groups { rows, xs, txs, ts }
    }

    fn log_likelihood(&self, r: f64, alpha: f64, a: f64, b: f64, s: &mut Scratch) -> f64 {
        // Per distinct x: ln Γ(r+x) − ln Γ(r) + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x),
        // and the log odds ln a − ln(b+x−1) of having dropped out after the last purchase.
        s.by_x.clear();
        s.odds_by_x.clear();
        let base = r * alpha.ln() - ln_gamma(r) + ln_gamma(a + b) - ln_gamma(b);
        let ln_a = a.ln();
        for &x in &self.xs {
            let x = f64::from(x);
            s.by_x
                .push(base + ln_gamma(r + x) + ln_gamma(b + x) - ln_gamma(a + b + x));
            s.odds_by_x.push(ln_a - (b + x - 1.0).ln());
        }
        s.ln_tx.clear();
        s.ln_tx.extend(self.txs.iter().map(|tx| (alpha + tx).ln()));
        s.ln_t.clear();
        s.ln_t.extend(self.ts.iter().map(|t| (alpha + t).ln()));
        let mut total = 0.0;
        for row in &self.rows {
            let rx = r + row.x;
            let ln_t = s.ln_t[row.ti];
            // ln[(α+T)^−(r+x) + δ(x>0)·a/(b+x−1)·(α+t_x)^−(r+x)], factored as a log-sum.
            let mut tail = -rx * ln_t;
            if row.x > 0.0 {
                let d = s.odds_by_x[row.xi] + rx * (ln_t - s.ln_tx[row.txi]);
                tail += if d > 0.0 {
                    d + (-d).exp().ln_1p()
                } else {
                    d.exp().ln_1p()
                };
            }
            total += row.weight * (s.by_x[row.xi] + tail);
        }
        total
    }
}

impl Groups {
    /// The log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b).
    fn with_gradient(
        &self,
        r: f64,
        alpha: f64,
        a: f64,
        b: f64,
        s: &mut Scratch,
    ) -> (f64, [f64; 4]) {
        s.by_x.clear();
        s.odds_by_x.clear();
        s.dr_by_x.clear();
        s.da_by_x.clear();
        s.db_by_x.clear();
        s.inv_b_by_x.clear();
        let base = r * alpha.ln() - ln_gamma(r) + ln_gamma(a + b) - ln_gamma(b);
        let (psi_r, psi_b, psi_ab) = (digamma(r), digamma(b), digamma(a + b));
        let ln_a = a.ln();
        for &x in &self.xs {
            let x = f64::from(x);
            let psi_abx = digamma(a + b + x);
            s.by_x
                .push(base + ln_gamma(r + x) + ln_gamma(b + x) - ln_gamma(a + b + x));
            s.odds_by_x.push(ln_a - (b + x - 1.0).ln());
            s.dr_by_x.push(alpha.ln() - psi_r + digamma(r + x));
            s.da_by_x.push(psi_ab - psi_abx);
            s.db_by_x.push(psi_ab - psi_b + digamma(b + x) - psi_abx);
            s.inv_b_by_x.push(1.0 / (b + x - 1.0));
        }
        s.ln_tx.clear();
        s.ln_tx.extend(self.txs.iter().map(|tx| (alpha + tx).ln()));
        s.ln_t.clear();
        s.ln_t.extend(self.ts.iter().map(|t| (alpha + t).ln()));
        s.inv_tx.clear();
        s.inv_tx
            .extend(self.txs.iter().map(|tx| 1.0 / (alpha + tx)));
        s.inv_t.clear();
        s.inv_t.extend(self.ts.iter().map(|t| 1.0 / (alpha + t)));
        let (mut total, mut dr, mut dalpha, mut da, mut db) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for row in &self.rows {
            let rx = r + row.x;
            let (ln_t, inv_t) = (s.ln_t[row.ti], s.inv_t[row.ti]);
            let mut tail = -rx * ln_t;
            let mut g_r = s.dr_by_x[row.xi] - ln_t;
            let mut g_alpha = r / alpha - rx * inv_t;
            let mut g_a = s.da_by_x[row.xi];
            let mut g_b = s.db_by_x[row.xi];
            if row.x > 0.0 {
                let gap = ln_t - s.ln_tx[row.txi];
                let d = s.odds_by_x[row.xi] + rx * gap;
                // softplus(d) and its slope σ(d) from one exponential.
                let (softplus, sigma) = if d > 0.0 {
                    let e = (-d).exp();
                    (d + e.ln_1p(), 1.0 / (1.0 + e))
                } else {
                    let e = d.exp();
                    (e.ln_1p(), e / (1.0 + e))
                };
                tail += softplus;
                g_r += sigma * gap;
                g_alpha += sigma * rx * (inv_t - s.inv_tx[row.txi]);
                g_a += sigma / a;
                g_b -= sigma * s.inv_b_by_x[row.xi];
            }
            total += row.weight * (s.by_x[row.xi] + tail);
            dr += row.weight * g_r;
            dalpha += row.weight * g_alpha;
            da += row.weight * g_a;
            db += row.weight * g_b;
        }
        (total, [dr * r, dalpha * alpha, da * a, db * b])
    }
}

/// Beyond e^±9.2 (10,000) a parameter only describes a limit: (a, b) growing together
/// is "everyone drops out with the same probability", (r, α) growing together "everyone
/// buys at the same rate". Regular business buyers sit on such a ridge, where the
/// likelihood still creeps up forever and the optimiser would never stop. A quadratic
/// wall past that point stops the walk without changing fits inside it (CDNOW is far
/// inside), and predictions at the wall equal the limit's to many digits.
const FREE: f64 = 9.2;

/// Evaluations the gradient method may spend before Nelder–Mead takes over (on CDNOW
/// it converges in 29, Gamma-Gamma in 27).
pub(super) const GRADIENT_BUDGET: usize = 200;

fn ridge_penalty(p: &[f64]) -> f64 {
    p.iter()
        .map(|v| (v.abs() - FREE).max(0.0).powi(2))
        .sum::<f64>()
        * 0.01
}

fn ridge_slope(v: f64) -> f64 {
    0.02 * (v.abs() - FREE).max(0.0) * v.signum()
}

impl BgNbd {
    /// Fits by maximum likelihood over log-parameters (so all four stay positive),
    /// from a deliberately neutral start of 1 for each.
    pub fn fit(data: &[Summary], options: &FitOptions) -> Result<BgNbd, FitError> {
        Self::fit_from(data, options, [1.0, 1.0, 1.0, 1.0])
    }

    /// Like [`BgNbd::fit`] from a chosen start (r, α, a, b), e.g. a previous fit.
    pub fn fit_from(
        data: &[Summary],
        options: &FitOptions,
        start: [f64; 4],
    ) -> Result<BgNbd, FitError> {
        super::check_summaries(data)?;
        let repeaters = data.iter().filter(|s| s.x > 0).count();
        if data.len() < options.min_customers || repeaters < options.min_repeaters {
            return Err(FitError::TooLittleData {
                customers: data.len(),
                repeaters,
                needed: options.min_repeaters.max(1),
            });
        }
        let groups = Groups::new(data);
        let mut scratch = Scratch::default();
        let n = data.len() as f64;
        let start: Vec<f64> = start.iter().map(|v| v.max(1e-6).ln()).collect();
        // The gradient method first (tens of evaluations); Nelder–Mead, which needs no
        // gradient and has always been reliable here, finishes whatever it leaves. On a
        // ridge (see `ridge_penalty`) the gradient method creeps, so it gets a small
        // budget of its own.
        let mut with_gradient = |p: &[f64], g: &mut [f64]| {
            if p.iter().any(|v| v.abs() > 30.0) {
                return f64::INFINITY;
            }
            let (ll, d) =
                groups.with_gradient(p[0].exp(), p[1].exp(), p[2].exp(), p[3].exp(), &mut scratch);
            for i in 0..4 {
                g[i] = -d[i] / n + ridge_slope(p[i]);
            }
            -ll / n + ridge_penalty(p)
        };
        let quick = minimize_with_gradient(
            &mut with_gradient,
            &start,
            1e-9,
            GRADIENT_BUDGET.min(options.max_evaluations),
        );
        let found = if quick.converged {
            quick
        } else {
            let mut objective = |p: &[f64]| {
                if p.iter().any(|v| v.abs() > 30.0) {
                    return f64::INFINITY;
                }
                let ll = groups.log_likelihood(
                    p[0].exp(),
                    p[1].exp(),
                    p[2].exp(),
                    p[3].exp(),
                    &mut scratch,
                );
                -ll / n + ridge_penalty(p)
            };
            let from = if quick.value.is_finite() {
                &quick.point
            } else {
                &start
            };
            minimize(&mut objective, from, options.max_evaluations)
        };
        if !found.converged || !found.value.is_finite() {
            return Err(FitError::NoConvergence {
                evaluations: found.evaluations,
            });
        }
        let [r, alpha, a, b] = [0, 1, 2, 3].map(|i| found.point[i].exp());
        // Parameters at the edge of the search mean the likelihood kept improving
        // towards a degenerate model (e.g. nobody ever drops out): not a usable fit.
        if found.point.iter().any(|v| v.abs() > 25.0) {
            return Err(FitError::Degenerate);
        }
        Ok(BgNbd {
            r,
            alpha,
            a,
            b,
            log_likelihood: groups.log_likelihood(r, alpha, a, b, &mut Scratch::default()),
        })
    }

    /// The probability that a customer with this history is still alive (FHL eq. 14).
    pub fn p_alive(&self, s: &Summary) -> f64 {
        if s.x == 0 {
            return 1.0;
        }
        let x = f64::from(s.x);
        let ln_odds = self.a.ln() - (self.b + x - 1.0).ln()
            + (self.r + x) * ((self.alpha + s.t).ln() - (self.alpha + s.t_x).ln());
        1.0 / (1.0 + ln_odds.exp())
    }

    /// The probability that a customer with this history makes no purchase in the next
    /// `t` time units. Dead customers never buy; a live one drops out only at a
    /// purchase, so staying silent for `t` means surviving a Poisson process whose rate,
    /// given the history, is gamma(r + x, α + T): E[e^(−λt)] = ((α+T)/(α+T+t))^(r+x).
    /// Unlike P(alive), it ranks one-time buyers by how long they have been silent.
    pub fn p_no_purchase(&self, s: &Summary, t: f64) -> f64 {
        if t <= 0.0 {
            return 1.0;
        }
        let alive = self.p_alive(s);
        let x = f64::from(s.x);
        let silent_if_alive =
            ((self.r + x) * ((self.alpha + s.t).ln() - (self.alpha + s.t + t).ln())).exp();
        let p = (1.0 - alive) + alive * silent_if_alive;
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// Expected purchases in the next `t` time units for a customer with this history
    /// (FHL eq. 10), evaluated with ₂F₁ in log space. `None` if ₂F₁ does not converge.
    pub fn expected_purchases(&self, s: &Summary, t: f64) -> Option<f64> {
        if t <= 0.0 {
            return Some(0.0);
        }
        let (r, alpha, b) = (self.r, self.alpha, self.b);
        // a = 1 is a removable singularity of the closed form: step off it.
        let a = if (self.a - 1.0).abs() < 1e-9 {
            1.0 + 1e-9
        } else {
            self.a
        };
        let x = f64::from(s.x);
        let z = t / (alpha + s.t + t);
        let ln_f = ln_hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
        let ln_rest = (r + x) * ((alpha + s.t).ln() - (alpha + s.t + t).ln()) + ln_f;
        // 1 − e^ln_rest without cancellation when ln_rest is near 0.
        let bracket = -ln_rest.exp_m1();
        let numerator = (a + b + x - 1.0) / (a - 1.0) * bracket;
        let denominator = if s.x > 0 {
            1.0 + a / (b + x - 1.0) * ((r + x) * ((alpha + s.t).ln() - (alpha + s.t_x).ln())).exp()
        } else {
            1.0
        };
        let value = numerator / denominator;
        value.is_finite().then_some(value.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histories() -> Vec<Summary> {
        (0..60u32)
            .map(|i| Summary {
                x: i % 7,
                t_x: if i % 7 == 0 {
                    0.0
                } else {
                    f64::from(i % 23) + 0.5
                },
                t: 30.0 + f64::from(i % 5),
                mean_spend: 0.0,
            })
            .collect()
    }

    #[test]
    fn the_gradient_is_the_slope_of_the_likelihood() {
        let groups = Groups::new(&histories());
        let mut s = Scratch::default();
        let at = [0.3f64, 2.0, 0.8, 2.5];
        let ll = |p: [f64; 4], s: &mut Scratch| {
            groups.log_likelihood(p[0].exp(), p[1].exp(), p[2].exp(), p[3].exp(), s)
        };
        let logs = at.map(f64::ln);
        let (value, gradient) = groups.with_gradient(at[0], at[1], at[2], at[3], &mut s);
        assert!((value - ll(logs, &mut s)).abs() < 1e-9);
        for i in 0..4 {
            let h = 1e-6;
            let (mut up, mut down) = (logs, logs);
            up[i] += h;
            down[i] -= h;
            let slope = (ll(up, &mut s) - ll(down, &mut s)) / (2.0 * h);
            assert!(
                (gradient[i] - slope).abs() < 1e-5 * (1.0 + slope.abs()),
                "{i}: {} vs {slope}",
                gradient[i]
            );
        }
    }
}
