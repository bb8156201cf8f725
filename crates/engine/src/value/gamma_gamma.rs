//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and
//! CLV"; Colombo & Jiang 1999): each purchase's value is gamma(p, ν) with the customer's
//! ν gamma(q, γ) across customers. Fitted on repeat buyers from (x, mean spend).

use super::bgnbd::GRADIENT_BUDGET;
use super::optimize::{minimize, minimize_with_gradient};
use super::special::{digamma, ln_gamma};
use super::{FitError, Summary};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub log_likelihood: f64,
}

/// Repeat buyers' (x, mean spend), arranged so that customers with the same number of
/// repeat purchases share their ln Γ terms: those are computed once per distinct x (a few
/// dozen) instead of per customer, and what stays per customer is one logarithm.
struct Spend {
    /// (x, ln x, customers, Σ ln mean spend) per distinct x.
    by_x: Vec<(f64, f64, f64, f64)>,
    /// (x, x · mean spend) per customer.
    per_row: Vec<(f64, f64)>,
    n: f64,
}

impl Spend {
    fn new(mut rows: Vec<(f64, f64)>) -> Spend {
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut by_x: Vec<(f64, f64, f64, f64)> = Vec::new();
        for &(x, m) in &rows {
            if by_x.last().is_none_or(|g| g.0 != x) {
                by_x.push((x, x.ln(), 0.0, 0.0));
            }
            if let Some(g) = by_x.last_mut() {
                g.2 += 1.0;
                g.3 += m.ln();
            }
        }
        Spend {
            by_x,
            per_row: rows.iter().map(|&(x, m)| (x, m * x)).collect(),
            n: rows.len() as f64,
        }
    }

    /// The negative mean log-likelihood at log-parameters (ln p, ln q, ln γ), and its
    /// gradient into `gradient` when asked.
    fn objective(&self, v: &[f64], gradient: Option<&mut [f64]>) -> f64 {
        if v.iter().any(|p| p.abs() > 30.0) {
            return f64::INFINITY;
        }
        let (p, q, g) = (v[0].exp(), v[1].exp(), v[2].exp());
        let n = self.n;
        let mut total = n * (-ln_gamma(q) + q * g.ln());
        let (mut dp, mut dq, mut dg) = (0.0, n * (g.ln() - digamma(q)), n * q / g);
        let want = gradient.is_some();
        for &(x, ln_x, count, sum_ln_m) in &self.by_x {
            let px = p * x;
            total += count * (ln_gamma(px + q) - ln_gamma(px) + px * ln_x) + (px - 1.0) * sum_ln_m;
            if want {
                let psi = digamma(px + q);
                dp += count * x * (psi - digamma(px) + ln_x) + x * sum_ln_m;
                dq += count * psi;
            }
        }
        for &(x, mx) in &self.per_row {
            let ln = (g + mx).ln();
            total -= (p * x + q) * ln;
            if want {
                dp -= x * ln;
                dq -= ln;
                dg -= (p * x + q) / (g + mx);
            }
        }
        if let Some(out) = gradient {
            out[0] = -dp * p / n;
            out[1] = -dq * q / n;
            out[2] = -dg * g / n;
        }
        -total / n
    }
}

impl GammaGamma {
    /// Fits on customers with x > 0 and positive mean spend; the others carry no
    /// information about spend per repeat purchase.
    pub fn fit(data: &[Summary], min_repeaters: usize) -> Result<GammaGamma, FitError> {
        super::check_summaries(data)?;
        let rows: Vec<(f64, f64)> = data
            .iter()
            .filter(|s| s.x > 0 && s.mean_spend > 0.0)
            .map(|s| (f64::from(s.x), s.mean_spend))
            .collect();
        if rows.len() < min_repeaters.max(3) {
            return Err(FitError::TooLittleData {
                customers: data.len(),
                repeaters: rows.len(),
                needed: min_repeaters.max(3),
            });
        }
        let spend = Spend::new(rows);
        let start = [0.0, 0.0, 0.0];
        let mut with_gradient = |v: &[f64], g: &mut [f64]| spend.objective(v, Some(g));
        let quick = minimize_with_gradient(&mut with_gradient, &start, 1e-9, GRADIENT_BUDGET);
        let found = if quick.converged {
            quick
        } else {
            let from = if quick.value.is_finite() {
                quick.point.clone()
            } else {
                start.to_vec()
            };
            minimize(&mut |v: &[f64]| spend.objective(v, None), &from, 20_000)
        };
        let n = spend.n;
        if !found.converged || !found.value.is_finite() {
            return Err(FitError::NoConvergence {
                evaluations: found.evaluations,
            });
        }
        if found.point.iter().any(|v| v.abs() > 25.0) {
            return Err(FitError::Degenerate);
        }
        Ok(GammaGamma {
            p: found.point[0].exp(),
            q: found.point[1].exp(),
            gamma: found.point[2].exp(),
            log_likelihood: -found.value * n,
        })
    }

    /// Expected spend per purchase for a customer with `x` repeat purchases averaging
    /// `mean_spend`: a credibility blend of the customer's mean and the population's.
    /// Needs q > 1 (otherwise the population mean is infinite): falls back to the
    /// customer's own mean then.
    pub fn expected_spend(&self, x: u32, mean_spend: f64) -> f64 {
        let x = f64::from(x);
        let denominator = self.p * x + self.q - 1.0;
        if denominator <= 0.0 {
            return mean_spend;
        }
        self.p * (self.gamma + mean_spend * x) / denominator
    }
}

impl GammaGamma {
    /// Where the customer's true mean spend per purchase lies with 80 % probability:
    /// the 10th and 90th percentiles of its posterior (ν ~ Gamma(p·x + q, γ + m·x), spend
    /// p/ν). One big order moves the estimate; the range says how little one order
    /// tells. `None` when the model has no finite mean (q ≤ 1).
    pub fn spend_range(&self, x: u32, mean_spend: f64) -> Option<(f64, f64)> {
        let x = f64::from(x);
        let shape = self.p * x + self.q;
        let rate = self.gamma + mean_spend * x;
        if self.q <= 1.0 || shape <= 0.0 || rate <= 0.0 || !rate.is_finite() {
            return None;
        }
        let nu = |u: f64| gamma_quantile(shape, u) / rate;
        let (high_nu, low_nu) = (nu(0.9), nu(0.1));
        (high_nu > 0.0 && low_nu > 0.0).then(|| (self.p / high_nu, self.p / low_nu))
    }
}

/// The `u` quantile (0.1 or 0.9 here) of a unit-rate Gamma with this shape, by the
/// Wilson-Hilferty cube-root approximation: within half a percent for shapes above 1,
/// which a displayed range needs, with no incomplete-gamma inversion in the wasm.
pub fn gamma_quantile(shape: f64, u: f64) -> f64 {
    // The standard normal quantile at 10 % / 90 %, the only ones used.
    let z = if u < 0.5 {
        -1.281_551_565_5
    } else {
        1.281_551_565_5
    };
    let c = 1.0 / (9.0 * shape);
    (shape * (1.0 - c + z * c.sqrt()).powi(3)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the chi-square table (χ²ₖ/2 is Gamma(k/2)): 10th and 90th percentiles
    /// for 4, 10 and 20 degrees of freedom.
    #[test]
    fn gamma_quantiles_match_the_chi_square_table() {
        for (shape, low, high) in [
            (2.0, 1.0636 / 2.0, 7.7794 / 2.0),
            (5.0, 4.8652 / 2.0, 15.9872 / 2.0),
            (10.0, 12.4426 / 2.0, 28.4120 / 2.0),
        ] {
            let l = gamma_quantile(shape, 0.1);
            let h = gamma_quantile(shape, 0.9);
            assert!((l / low - 1.0).abs() < 0.01, "{shape}: {l} vs {low}");
            assert!((h / high - 1.0).abs() < 0.01, "{shape}: {h} vs {high}");
        }
    }

    /// The range holds the estimate and narrows as purchases accumulate: one ¥28,600
    /// order says little, twenty say much more.
    #[test]
    fn the_spend_range_narrows_with_purchases() {
        let gg = GammaGamma {
            p: 6.25,
            q: 3.74,
            gamma: 15.44,
            log_likelihood: 0.0,
        };
        let width = |x: u32, m: f64| {
            let (lo, hi) = gg.spend_range(x, m).unwrap_or((0.0, 0.0));
            let e = gg.expected_spend(x, m);
            assert!(lo < e && e < hi, "{lo} {e} {hi}");
            hi / lo
        };
        assert!(width(1, 28_600.0) > width(20, 28_600.0));
        assert!(width(0, 0.0) > width(5, 40.0));
    }

    #[test]
    fn the_gradient_is_the_slope_of_the_likelihood() {
        let rows: Vec<(f64, f64)> = (0..50)
            .map(|i| (f64::from(1 + i % 6), 10.0 + f64::from(i * 7 % 31)))
            .collect();
        let spend = Spend::new(rows);
        let at = [0.9, 1.2, 2.1];
        let mut gradient = [0.0; 3];
        spend.objective(&at, Some(&mut gradient));
        for i in 0..3 {
            let h = 1e-6;
            let (mut up, mut down) = (at, at);
            up[i] += h;
            down[i] -= h;
            let slope = (spend.objective(&up, None) - spend.objective(&down, None)) / (2.0 * h);
            assert!(
                (gradient[i] - slope).abs() < 1e-6 * (1.0 + slope.abs()),
                "{i}: {} vs {slope}",
                gradient[i]
            );
        }
    }
}
