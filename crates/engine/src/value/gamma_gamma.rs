//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and
//! CLV"; Colombo & Jiang 1999): each purchase's value is gamma(p, ν) with the customer's
//! ν gamma(q, γ) across customers. Fitted on repeat buyers from (x, mean spend).

use super::optimize::minimize;
use super::special::ln_gamma;
use super::{FitError, Summary};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    pub log_likelihood: f64,
}

impl GammaGamma {
    /// Fits on customers with x > 0 and positive mean spend; the others carry no
    /// information about spend per repeat purchase.
    pub fn fit(data: &[Summary], min_repeaters: usize) -> Result<GammaGamma, FitError> {
        super::check_summaries(data)?;
        let mut rows: Vec<(f64, f64)> = data
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
        // Customers with the same number of repeat purchases share their ln Γ terms, so
        // those are computed once per distinct x (a few dozen) instead of per customer;
        // what stays per customer is one logarithm.
        let mut by_x: Vec<(f64, f64, f64, f64)> = Vec::new(); // (x, ln x, count, Σ ln m)
        let mut per_row: Vec<(usize, f64, f64)> = Vec::with_capacity(rows.len()); // (group, x, m·x)
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        for &(x, m) in &rows {
            if by_x.last().is_none_or(|g| g.0 != x) {
                by_x.push((x, x.ln(), 0.0, 0.0));
            }
            let group = by_x.len() - 1;
            if let Some(g) = by_x.last_mut() {
                g.2 += 1.0;
                g.3 += m.ln();
            }
            per_row.push((group, x, m * x));
        }
        let n = rows.len() as f64;
        let mut objective = |v: &[f64]| {
            if v.iter().any(|p| p.abs() > 30.0) {
                return f64::INFINITY;
            }
            let (p, q, g) = (v[0].exp(), v[1].exp(), v[2].exp());
            let mut total = n * (-ln_gamma(q) + q * g.ln());
            for &(x, ln_x, count, sum_ln_m) in &by_x {
                let px = p * x;
                total +=
                    count * (ln_gamma(px + q) - ln_gamma(px) + px * ln_x) + (px - 1.0) * sum_ln_m;
            }
            for &(_, x, mx) in &per_row {
                total -= (p * x + q) * (g + mx).ln();
            }
            -total / n
        };
        let found = minimize(&mut objective, &[0.0, 0.0, 0.0], 20_000);
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
