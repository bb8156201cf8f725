//! Weights learned from the book's own past: at several past cut-offs, what each factor
//! read about each customer, and whether that customer then placed no order within the
//! window. A logistic model on the factors' severities, its coefficients kept ≥ 0 and
//! ridge-regularised, gives each factor's weight; scaled to add up to 100, they stay
//! "points per reason", and the score ranks customers exactly as the model's predicted
//! probability does. A factor the past never showed to matter gets no points.

use super::backtest::Outcomes;
use super::{Factor, FactorWeights, Findings, OrderModel, RiskSettings};
use crate::book::Book;
use crate::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The factors a weight is learned for: every factor but the book's base rate, which
/// is last in [`Factor::ALL`], in [`FactorWeights`]' order.
pub const WEIGHTED: [Factor; 14] = {
    let mut out = [Factor::OrderVolumeDown; 14];
    let mut i = 0;
    while i < out.len() {
        out[i] = Factor::ALL[i];
        i += 1;
    }
    out
};

/// How the weights were learned and how they did, for the settings page to show
/// beside them. Small and `Copy`, so it lives in the risk settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Learned {
    pub weights: FactorWeights,
    /// The latest and earliest past dates the factors were read at.
    pub latest_cutoff: Date,
    pub earliest_cutoff: Date,
    /// Customer-cut-off cases learned from, and how many placed no order in the window.
    pub cases: usize,
    pub churned: usize,
    pub horizon_days: u32,
    /// AUC at the latest cut-off with the learned weights and with the hand-set ones.
    pub learned_auc: f64,
    pub hand_set_auc: f64,
}

#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LearnError {
    #[error("too little history to learn from: {cases} past cases, {churned} of them placed no order; at least {needed} of each are needed")]
    TooLittleHistory {
        cases: usize,
        churned: usize,
        needed: usize,
    },
    #[error("the book's past shows no factor that tells who left")]
    NothingPredicts,
}

/// Past cut-offs read at most, one window apart.
const CUTOFFS: i64 = 4;
/// Fewer cases than this who ordered, or who did not, and the weights would be noise.
const MIN_EACH: usize = 30;
/// Ridge penalty on the standardised coefficients: keeps factors that rarely fire from
/// swinging on a handful of cases.
const RIDGE: f64 = 1e-3;

/// One customer at one cut-off: the factors' severities and whether they then left.
struct Case {
    x: [f64; 14],
    churned: bool,
}

/// Learns weights from the book's past up to `today`, with the settings' window as the
/// horizon and their cadences and windows for the factors (their weights are not used).
pub fn learn(book: &Book, today: Date, settings: &RiskSettings) -> Result<Learned, LearnError> {
    let horizon = i64::from(settings.window_days.max(1));
    let mut cases: Vec<Case> = Vec::new();
    let mut cutoffs = Vec::new();
    let mut latest_cases = 0;
    for k in 0..CUTOFFS {
        let Some(cut) = today.checked_sub_signed(chrono::Duration::days(horizon * (k + 1))) else {
            break;
        };
        let before = cases.len();
        cases_at(book, cut, horizon, settings, &mut cases);
        if k == 0 {
            latest_cases = cases.len();
        }
        if cases.len() == before {
            break;
        }
        cutoffs.push(cut);
    }
    let churned = cases.iter().filter(|c| c.churned).count();
    let stayed = cases.len() - churned;
    let (Some(latest_cutoff), Some(earliest_cutoff)) = (cutoffs.first(), cutoffs.last()) else {
        return Err(LearnError::TooLittleHistory {
            cases: 0,
            churned: 0,
            needed: MIN_EACH,
        });
    };
    if churned < MIN_EACH || stayed < MIN_EACH {
        return Err(LearnError::TooLittleHistory {
            cases: cases.len(),
            churned,
            needed: MIN_EACH,
        });
    }
    let rows: Vec<Vec<f64>> = cases.iter().map(|c| c.x.to_vec()).collect();
    let outcomes: Vec<bool> = cases.iter().map(|c| c.churned).collect();
    let beta = super::logistic::fit(&rows, &outcomes, &[true; 14], RIDGE)
        .ok_or(LearnError::NothingPredicts)?
        .coefficients;
    let total: f64 = beta.iter().sum();
    if !total.is_finite() || total <= 1e-9 {
        return Err(LearnError::NothingPredicts);
    }
    let mut weights = FactorWeights::default();
    for (factor, b) in WEIGHTED.iter().zip(&beta) {
        if let Some(w) = weights.weight_mut(*factor) {
            *w = b / total * 100.0;
        }
    }
    let auc_with = |w: &FactorWeights| {
        let mut scored: Vec<(f64, bool)> = cases[..latest_cases]
            .iter()
            .map(|c| {
                let points = WEIGHTED.iter().zip(&c.x).map(|(f, x)| w.weight(*f) * x);
                (points.sum::<f64>(), c.churned)
            })
            .collect();
        super::backtest::auc(&mut scored).unwrap_or(0.5)
    };
    Ok(Learned {
        weights,
        latest_cutoff: *latest_cutoff,
        earliest_cutoff: *earliest_cutoff,
        cases: cases.len(),
        churned,
        horizon_days: settings.window_days.max(1),
        learned_auc: auc_with(&weights),
        hand_set_auc: auc_with(&settings.weights),
    })
}

/// The customers who ordered in the year before `cut`, with what the factors read then
/// and whether they ordered in the `horizon` days after it.
fn cases_at(book: &Book, cut: Date, horizon: i64, settings: &RiskSettings, out: &mut Vec<Case>) {
    let Some(end) = cut.checked_add_signed(chrono::Duration::days(horizon)) else {
        return;
    };
    let Some(outcomes) = Outcomes::at(book, cut, end) else {
        return;
    };
    let Outcomes {
        active,
        ordered_after,
        ..
    } = outcomes;
    if active.is_empty() {
        return;
    }
    // Everything as it was known at the cut-off: the purchase models included.
    let model = OrderModel::fit_as_of(book, cut, settings.window_days);
    let findings = Findings::gather(book, cut, settings, model.as_ref());
    for (customer, x) in findings.severities() {
        if active.contains(&customer) {
            out.push(Case {
                x,
                churned: !ordered_after.contains(&customer),
            });
        }
    }
}
