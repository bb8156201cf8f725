//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
//! while alive a customer buys as a Poisson process with a gamma(r, α) rate, and after
//! each purchase drops out with a beta(a, b) probability. Fitted by maximum likelihood
//! on each customer's (x, t_x, T); gives P(alive) and expected future purchases.

use super::optimize::minimize;
use super::special::{ln_gamma, ln_hyp2f1};
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

/// Beyond e^±9.2 (10,000) a parameter only describes a limit: (a, b) growing together
/// is "everyone drops out with the same probability", (r, α) growing together "everyone
/// buys at the same rate". Regular business buyers sit on such a ridge, where the
/// likelihood still creeps up forever and the optimiser would never stop. A quadratic
/// wall past that point stops the walk without changing fits inside it (CDNOW is far
/// inside), and predictions at the wall equal the limit's to many digits.
fn ridge_penalty(p: &[f64]) -> f64 {
    const FREE: f64 = 9.2;
    p.iter()
        .map(|v| (v.abs() - FREE).max(0.0).powi(2))
        .sum::<f64>()
        * 0.01
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
        let mut objective = |p: &[f64]| {
            if p.iter().any(|v| v.abs() > 30.0) {
                return f64::INFINITY;
            }
            let ll =
                groups.log_likelihood(p[0].exp(), p[1].exp(), p[2].exp(), p[3].exp(), &mut scratch);
            -ll / n + ridge_penalty(p)
        };
        let start: Vec<f64> = start.iter().map(|v| v.max(1e-6).ln()).collect();
        let found = minimize(&mut objective, &start, options.max_evaluations);
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
