//! The order part of the score: how likely a customer is to place no order in the
//! coming window. Two estimates, chosen on the book's own evidence:
//! - the customer's rhythm as the book's past reads it: at a few past cut-offs, what
//!   each customer's history looked like (days since the last order, purchase days,
//!   age, silence against the usual gap) and whether an order followed within the
//!   window, fitted by a logistic model, so the probability is the share of such
//!   customers who really stayed silent;
//! - the BG/NBD model's probability of no purchase (see [`BgNbd::p_no_purchase`]).
//!
//! Whichever ranked better at the latest past cut-off is used. On the public CDNOW
//! sample the rhythm ranks above both days-since-last-order and BG/NBD.

use super::factors::{book_median_gap, purchase_days, usual_gap};
use super::logistic;
use crate::book::Book;
use crate::records::Order;
use crate::value::{orders_by_customer, summaries, summarize, BgNbd, FitOptions, DAYS_PER_WEEK};
use crate::Date;
use serde::{Deserialize, Serialize};

/// How many past cut-offs the rhythm is learned at, one step apart.
const CUTOFFS: i64 = 3;
const STEP_DAYS: i64 = 30;
/// Fewer past cases than this that ordered, or that did not, and the rhythm is not
/// learned: its coefficients would be noise.
const MIN_EACH: usize = 30;
/// A light ridge: the four features are few and the cases many.
const RIDGE: f64 = 1e-4;

/// Which estimate the order part of the score stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderBasis {
    Rhythm,
    Bgnbd,
}

/// What the choice rested on: both estimates' AUC at the latest past cut-off for
/// "no order within the window".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub cutoff: Date,
    /// Customer-cut-off cases the rhythm was learned from.
    pub cases: usize,
    pub rhythm_auc: f64,
    pub bgnbd_auc: Option<f64>,
}

/// The fitted estimate of "no order in the next `horizon_days`".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderModel {
    pub horizon_days: u32,
    pub basis: OrderBasis,
    rhythm: Option<[f64; FEATURES + 1]>,
    /// Fitted on the book up to its date; also gives P(alive) for the customer page.
    pub bgnbd: Option<BgNbd>,
    pub evidence: Option<Evidence>,
}

pub(super) const FEATURES: usize = 4;

/// One customer's orders (sorted, none after `today`) as the rhythm reads them.
pub(super) fn features(orders: &[&Order], today: Date, median_gap: f64) -> Option<[f64; FEATURES]> {
    let first = orders.first()?.date;
    let last = orders.last()?.date;
    let recency = (today - last).num_days().max(0) as f64;
    let age = (today - first).num_days().max(0) as f64;
    let usual = usual_gap(orders).unwrap_or(median_gap).max(1.0);
    Some([
        recency.ln_1p(),
        f64::from(purchase_days(orders).max(1)).ln(),
        age.ln_1p(),
        (recency / usual).min(10.0),
    ])
}

impl OrderModel {
    /// BG/NBD alone, when the book's past is too short to learn a rhythm from.
    pub fn from_bgnbd(model: BgNbd, horizon_days: u32) -> OrderModel {
        OrderModel {
            horizon_days: horizon_days.max(1),
            basis: OrderBasis::Bgnbd,
            rhythm: None,
            bgnbd: Some(model),
            evidence: None,
        }
    }

    /// Learns the rhythm from the book's orders up to `today` and chooses between it
    /// and `bgnbd` (fitted on the same orders). `None` when neither is available.
    pub fn fit(
        book: &Book,
        today: Date,
        horizon_days: u32,
        bgnbd: Option<&BgNbd>,
    ) -> Option<OrderModel> {
        let horizon_days = horizon_days.max(1);
        let fallback = || bgnbd.map(|m| OrderModel::from_bgnbd(*m, horizon_days));
        let horizon = i64::from(horizon_days);
        let by_customer = orders_by_customer(book, today);
        // In customer order, so the fit's sums and hence the scores are reproducible.
        let mut histories: Vec<(&crate::records::CustomerId, &Vec<&Order>)> =
            by_customer.iter().collect();
        histories.sort_by_key(|(id, _)| **id);
        let histories: Vec<&Vec<&Order>> = histories.into_iter().map(|(_, h)| h).collect();
        let mut rows = Vec::new();
        let mut outcomes = Vec::new();
        let mut latest: Option<(Date, usize)> = None;
        let mut p_bgnbd = Vec::new();
        for k in 0..CUTOFFS {
            let Some(cut) =
                today.checked_sub_signed(chrono::Duration::days(horizon + k * STEP_DAYS))
            else {
                break;
            };
            let before = rows.len();
            let compare = if k == 0 { bgnbd } else { None };
            cases_at(
                &histories,
                cut,
                horizon,
                &mut rows,
                &mut outcomes,
                compare,
                &mut p_bgnbd,
            );
            if k == 0 {
                latest = Some((cut, rows.len()));
            }
            if rows.len() == before {
                break;
            }
        }
        let silent = outcomes.iter().filter(|v| **v).count();
        if silent < MIN_EACH || outcomes.len() - silent < MIN_EACH {
            return fallback();
        }
        let flat: Vec<Vec<f64>> = rows.iter().map(|r| r.to_vec()).collect();
        let Some(fitted) = logistic::fit(&flat, &outcomes, &[false; FEATURES], RIDGE) else {
            return fallback();
        };
        let (cutoff, latest_cases) = latest?;
        let rhythm_auc = super::backtest::auc(
            &mut flat[..latest_cases]
                .iter()
                .zip(&outcomes)
                .map(|(r, y)| (fitted.linear(r), *y))
                .collect::<Vec<_>>(),
        )
        .unwrap_or(0.5);
        let bgnbd_auc = bgnbd.and_then(|_| {
            super::backtest::auc(
                &mut p_bgnbd
                    .iter()
                    .zip(&outcomes)
                    .map(|(p, y)| (*p, *y))
                    .collect::<Vec<_>>(),
            )
        });
        let basis = match bgnbd_auc {
            Some(b) if b > rhythm_auc => OrderBasis::Bgnbd,
            _ => OrderBasis::Rhythm,
        };
        let mut rhythm = [0.0; FEATURES + 1];
        rhythm[0] = fitted.intercept;
        rhythm[1..].copy_from_slice(&fitted.coefficients);
        Some(OrderModel {
            horizon_days,
            basis,
            rhythm: Some(rhythm),
            bgnbd: bgnbd.copied(),
            evidence: Some(Evidence {
                cutoff,
                cases: outcomes.len(),
                rhythm_auc,
                bgnbd_auc,
            }),
        })
    }

    /// BG/NBD and then the order model fitted on what was known at `at`: what a past
    /// date's score (the backtest, learning weights) stands on.
    pub fn fit_as_of(book: &Book, at: Date, horizon_days: u32) -> Option<OrderModel> {
        let data: Vec<_> = summaries(book, at).into_iter().map(|(_, s)| s).collect();
        let bgnbd = BgNbd::fit(&data, &FitOptions::default()).ok();
        OrderModel::fit(book, at, horizon_days, bgnbd.as_ref())
    }

    /// The probability of no order in the next `horizon_days` for a customer with
    /// these orders (sorted, none after `today`); `None` without orders.
    pub fn p_no_purchase(&self, orders: &[&Order], today: Date, median_gap: f64) -> Option<f64> {
        let p = match (self.basis, self.rhythm, self.bgnbd) {
            (OrderBasis::Rhythm, Some(theta), _) => {
                let x = features(orders, today, median_gap)?;
                let linear = theta[0] + x.iter().zip(&theta[1..]).map(|(v, b)| v * b).sum::<f64>();
                1.0 / (1.0 + (-linear).exp())
            }
            (_, _, Some(m)) => {
                let s = summarize(orders, today)?;
                m.p_no_purchase(&s, f64::from(self.horizon_days) / DAYS_PER_WEEK)
            }
            _ => return None,
        };
        p.is_finite().then_some(p.clamp(0.0, 1.0))
    }
}

/// The customers who ordered in the year before `cut`: their rhythm then, and whether
/// they placed no order in the `horizon` days after.
/// With `bgnbd`, also BG/NBD's probability of no order for each case, in `p_bgnbd`:
/// the parameters fitted up to today, since refitting at the cut-off would double the
/// slowest step of scoring and the population's parameters move little in one window.
/// If anything this favours BG/NBD, so the rhythm is chosen only when it ranks better.
fn cases_at(
    histories: &[&Vec<&Order>],
    cut: Date,
    horizon: i64,
    rows: &mut Vec<[f64; FEATURES]>,
    outcomes: &mut Vec<bool>,
    bgnbd: Option<&BgNbd>,
    p_bgnbd: &mut Vec<f64>,
) {
    let (Some(end), Some(year_before)) = (
        cut.checked_add_signed(chrono::Duration::days(horizon)),
        cut.checked_sub_signed(chrono::Duration::days(365)),
    ) else {
        return;
    };
    // (orders known at the cut, all orders) of each customer active in the year before.
    let active: Vec<(&[&Order], &[&Order])> = histories
        .iter()
        .map(|h| (&h[..h.partition_point(|o| o.date <= cut)], h.as_slice()))
        .filter(|(known, _)| known.last().is_some_and(|o| o.date > year_before))
        .collect();
    let median_gap = book_median_gap(active.iter().map(|(known, _)| *known));
    for (known, all) in active {
        if let Some(x) = features(known, cut, median_gap) {
            rows.push(x);
            outcomes.push(!all.iter().any(|o| o.date > cut && o.date <= end));
            if let Some(m) = bgnbd {
                let weeks = horizon as f64 / DAYS_PER_WEEK;
                let p = summarize(known, cut).map_or(1.0, |s| m.p_no_purchase(&s, weeks));
                p_bgnbd.push(p);
            }
        }
    }
}
