//! How well the score would have ranked the customers who then really stopped buying:
//! score the book as of a past date with only what was known then, and compare.

use super::{score_book, Band, OrderModel, RiskSettings};
use crate::book::Book;
use crate::records::CustomerId;
use crate::value::orders_by_customer;
use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// Area under the ROC curve: the chance that a customer who left was scored above
    /// one who stayed (0.5 is guessing).
    pub auc: f64,
    /// A 95 % interval for the AUC (Hanley & McNeil's standard error): how far the
    /// figure could move on another set of customers of this size.
    #[serde(default)]
    pub auc_low: f64,
    #[serde(default)]
    pub auc_high: f64,
    /// Share of churners among the 10 % highest scores.
    pub precision_top_decile: f64,
    /// (share of customers taken from the top, churn rate among them ÷ overall churn
    /// rate), at every tenth: the lift chart.
    pub lift: Vec<(f64, f64)>,
    /// Customers active in the year before `as_of`, and how many of them churned.
    pub customers: usize,
    pub churned: usize,
    /// The AUC of the naive ranking by days since the last order on the same customers:
    /// the score is worth its factors only if it beats this.
    #[serde(default)]
    pub recency_auc: f64,
    /// Per band, low to critical, how many were scored there and how many then left:
    /// the calibration view (a "critical" should leave far more often than a "low").
    #[serde(default)]
    pub bands: Vec<BandOutcome>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandOutcome {
    pub band: Band,
    pub customers: usize,
    pub churned: usize,
    /// How many were expected to leave: the sum over the band of each customer's
    /// probability of no order in the watch period, from the order model fitted then
    /// for that period.
    #[serde(default)]
    pub expected: f64,
}

impl BandOutcome {
    /// The share of the band who left; `None` for an empty band.
    pub fn share(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.churned as f64 / self.customers as f64)
    }

    /// The share expected to leave; `None` for an empty band.
    pub fn expected_share(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.expected / self.customers as f64)
    }
}

/// Each customer's probability of no order in `model`'s horizon after `as_of`: what
/// the calibration view sets beside the outcome.
fn expected_silence(
    book: &Book,
    as_of: Date,
    model: Option<&OrderModel>,
) -> HashMap<CustomerId, f64> {
    let Some(model) = model else {
        return HashMap::new();
    };
    let by_customer = orders_by_customer(book, as_of);
    let median_gap = super::factors::book_median_gap(by_customer.values().map(Vec::as_slice));
    by_customer
        .iter()
        .filter_map(|(id, list)| Some((*id, model.p_no_purchase(list, as_of, median_gap)?)))
        .collect()
}

/// Who was a customer at a past date and what happened next: those who ordered in the
/// year up to `cut`, those who ordered after it up to `end`, and each one's last order
/// by `cut`. The backtest and learning weights label the past alike.
pub(super) struct Outcomes {
    pub active: HashSet<CustomerId>,
    pub ordered_after: HashSet<CustomerId>,
    pub last_order: HashMap<CustomerId, Date>,
}

impl Outcomes {
    /// One pass over the orders; `None` when the year before `cut` is out of range.
    pub(super) fn at(book: &Book, cut: Date, end: Date) -> Option<Outcomes> {
        let year_before = cut.checked_sub_signed(chrono::Duration::days(365))?;
        let mut out = Outcomes {
            active: HashSet::new(),
            ordered_after: HashSet::new(),
            last_order: HashMap::new(),
        };
        for o in book.orders().iter() {
            if o.date <= cut {
                let last = out.last_order.entry(o.customer).or_insert(o.date);
                *last = (*last).max(o.date);
            }
            if o.date > year_before && o.date <= cut {
                out.active.insert(o.customer);
            } else if o.date > cut && o.date <= end {
                out.ordered_after.insert(o.customer);
            }
        }
        Some(out)
    }
}

#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BacktestError {
    #[error("no customer ordered in the year before the chosen date")]
    NoActiveCustomers,
    #[error(
        "the outcome is not known yet: {as_of} + {horizon_days} days is after today ({today})"
    )]
    HorizonNotOver {
        as_of: Date,
        horizon_days: u32,
        today: Date,
    },
    #[error("everyone stayed or everyone left ({churned} of {customers}): nothing to rank")]
    OneSidedOutcome { customers: usize, churned: usize },
}

/// Scores the book as of `as_of` and labels churned the customers who ordered in the
/// 365 days up to `as_of` but not in the `horizon_days` after it. `today` guards
/// against a horizon that has not passed yet (the engine never reads the clock).
pub fn backtest(
    book: &Book,
    today: Date,
    as_of: Date,
    horizon_days: u32,
    settings: &RiskSettings,
) -> Result<Backtest, BacktestError> {
    let not_over = BacktestError::HorizonNotOver {
        as_of,
        horizon_days,
        today,
    };
    let end = as_of
        .checked_add_signed(chrono::Duration::days(i64::from(horizon_days)))
        .ok_or(not_over.clone())?;
    if end > today {
        return Err(not_over);
    }
    let Outcomes {
        active,
        ordered_after,
        last_order,
    } = Outcomes::at(book, as_of, end).ok_or(BacktestError::NoActiveCustomers)?;
    if active.is_empty() {
        return Err(BacktestError::NoActiveCustomers);
    }
    // The models too are fitted only on what was known then; without them the score
    // goes by each customer's gap against its usual one.
    let model = OrderModel::fit_as_of(book, as_of, settings.window_days);
    // Learned weights are learned again from what was known then: weights learned up to
    // today have seen the outcome and would flatter the score. Where the past is too
    // short to learn from, the hand-set weights stand in, as they would have then.
    let mut settings = *settings;
    if settings.use_learned && settings.learned.is_some() {
        settings.learned = super::learn::learn(book, as_of, &settings).ok();
    }
    let settings = &settings;
    let risks: Vec<_> = score_book(book, as_of, settings, model.as_ref())
        .into_iter()
        .filter(|r| active.contains(&r.customer))
        .collect();
    let mut bands: Vec<BandOutcome> = [Band::Low, Band::Watch, Band::High, Band::Critical]
        .into_iter()
        .map(|band| BandOutcome {
            band,
            customers: 0,
            churned: 0,
            expected: 0.0,
        })
        .collect();
    // The watch period's own model, unless it is the score's window already.
    let expected = if horizon_days == model.as_ref().map_or(0, |m| m.horizon_days) {
        model.clone()
    } else {
        let bgnbd = model.as_ref().and_then(|m| m.bgnbd);
        OrderModel::fit(book, as_of, horizon_days, bgnbd.as_ref())
    };
    let expected = expected_silence(book, as_of, expected.as_ref());
    for r in &risks {
        if let Some(b) = bands.iter_mut().find(|b| b.band == r.band) {
            b.customers += 1;
            b.churned += usize::from(!ordered_after.contains(&r.customer));
            b.expected += expected.get(&r.customer).copied().unwrap_or(0.0);
        }
    }
    let scored: Vec<(f64, bool)> = risks
        .iter()
        .map(|r| (r.score, !ordered_after.contains(&r.customer)))
        .collect();
    let mut result = evaluate(scored)?;
    result.bands = bands;
    let mut by_recency: Vec<(f64, bool)> = last_order
        .iter()
        .filter(|(c, _)| active.contains(c))
        .map(|(c, d)| ((as_of - *d).num_days() as f64, !ordered_after.contains(c)))
        .collect();
    result.recency_auc = auc(&mut by_recency).unwrap_or(0.5);
    Ok(result)
}

/// The backtest at `as_of` and at up to `count − 1` earlier dates, `step_days` apart:
/// one date can be lucky, several show whether the score holds. The first date's
/// failure is returned; an earlier date without customers or with one outcome only is
/// left out.
pub fn backtest_series(
    book: &Book,
    today: Date,
    as_of: Date,
    horizon_days: u32,
    settings: &RiskSettings,
    count: usize,
    step_days: u32,
) -> Result<Vec<(Date, Backtest)>, BacktestError> {
    let first = backtest(book, today, as_of, horizon_days, settings)?;
    let mut runs = vec![(as_of, first)];
    for k in 1..count {
        let back = i64::from(step_days.max(1)) * k as i64;
        let Some(date) = as_of.checked_sub_signed(chrono::Duration::days(back)) else {
            break;
        };
        match backtest(book, today, date, horizon_days, settings) {
            Ok(b) => runs.push((date, b)),
            Err(_) => break,
        }
    }
    Ok(runs)
}

/// Hanley & McNeil (1982): the standard error of an AUC from `left` positives and
/// `stayed` negatives.
pub fn auc_standard_error(auc: f64, left: usize, stayed: usize) -> f64 {
    if left == 0 || stayed == 0 {
        return 0.0;
    }
    let (p, n) = (left as f64, stayed as f64);
    let q1 = auc / (2.0 - auc);
    let q2 = 2.0 * auc * auc / (1.0 + auc);
    let variance =
        (auc * (1.0 - auc) + (p - 1.0) * (q1 - auc * auc) + (n - 1.0) * (q2 - auc * auc)) / (p * n);
    variance.max(0.0).sqrt()
}

/// The Mann–Whitney AUC of (score, churned) pairs, tied scores sharing their average
/// rank; `None` when one side is empty. Sorts `scored` by score.
pub fn auc(scored: &mut [(f64, bool)]) -> Option<f64> {
    let churned = scored.iter().filter(|(_, c)| *c).count();
    if churned == 0 || churned == scored.len() {
        return None;
    }
    scored.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < scored.len() {
        let mut j = i;
        while j + 1 < scored.len() && scored[j + 1].0 == scored[i].0 {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += rank * scored[i..=j].iter().filter(|(_, c)| *c).count() as f64;
        i = j + 1;
    }
    let (pos, neg) = (churned as f64, (scored.len() - churned) as f64);
    Some((rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

/// AUC, precision in the top decile and lift from (score, churned) pairs.
pub fn evaluate(mut scored: Vec<(f64, bool)>) -> Result<Backtest, BacktestError> {
    let customers = scored.len();
    let churned = scored.iter().filter(|(_, c)| *c).count();
    if customers == 0 {
        return Err(BacktestError::NoActiveCustomers);
    }
    if churned == 0 || churned == customers {
        return Err(BacktestError::OneSidedOutcome { customers, churned });
    }
    let auc = auc(&mut scored).ok_or(BacktestError::OneSidedOutcome { customers, churned })?;
    let pos = churned as f64;
    let margin = 1.96 * auc_standard_error(auc, churned, customers - churned);

    // Highest scores first; among ties the order is arbitrary but fixed by the sort.
    scored.reverse();
    let rate = pos / customers as f64;
    let captured = |take: usize| scored[..take].iter().filter(|(_, c)| *c).count() as f64;
    let top = customers.div_ceil(10).max(1);
    let precision_top_decile = captured(top) / top as f64;
    let lift = (1..=10)
        .map(|d| {
            let share = f64::from(d) / 10.0;
            let take = ((customers as f64 * share).ceil() as usize).clamp(1, customers);
            (share, captured(take) / take as f64 / rate)
        })
        .collect();
    Ok(Backtest {
        auc,
        auc_low: (auc - margin).max(0.0),
        auc_high: (auc + margin).min(1.0),
        precision_top_decile,
        lift,
        customers,
        churned,
        recency_auc: 0.5,
        bands: Vec::new(),
    })
}
