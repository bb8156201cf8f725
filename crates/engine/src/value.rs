//! What each customer is worth: historic revenue and margin with their trend, ABC tiers
//! (Pareto), and lifetime value from the buy-till-you-die models fitted on the book's
//! own order history (BG/NBD for how many purchases, Gamma-Gamma for how much each).
//!
//! Everything takes `today` as a parameter and ignores orders dated after it, so the
//! same functions serve the backtest ("as of a past date").

pub mod bgnbd;
pub mod gamma_gamma;
mod optimize;
pub mod special;

pub use bgnbd::{BgNbd, FitOptions};
pub use gamma_gamma::GammaGamma;

use crate::book::Book;
use crate::money::Money;
use crate::records::{CustomerId, Order};
use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use thiserror::Error;

/// Days per model time unit: the book's models count in weeks, as FHL and CDNOW do.
pub const DAYS_PER_WEEK: f64 = 7.0;
/// Weeks in an average month, for horizons given in months.
pub const WEEKS_PER_MONTH: f64 = 365.25 / 12.0 / 7.0;

/// Why a model could not be fitted; the UI explains each in the user's language.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FitError {
    #[error("too little purchase history to fit: {customers} customers, {repeaters} with repeat purchases, at least {needed} needed")]
    TooLittleData {
        customers: usize,
        repeaters: usize,
        needed: usize,
    },
    #[error(
        "summary row {row} is invalid: need 0 ≤ t_x ≤ T, t_x = 0 when x = 0, finite spend ≥ 0"
    )]
    BadSummary { row: usize },
    #[error("the fit did not converge after {evaluations} likelihood evaluations")]
    NoConvergence { evaluations: usize },
    #[error("the data push the model to a degenerate solution; it cannot support a fit")]
    Degenerate,
}

/// One customer's purchase history as the models see it (lifetimes' "RFM summary").
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Repeat purchases: purchase days after the first.
    pub x: u32,
    /// Time from the first purchase to the last (recency), in model time units.
    pub t_x: f64,
    /// Time from the first purchase to the end of observation (age).
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean value of the repeat purchases (0 when x = 0).
    pub mean_spend: f64,
}

pub(crate) fn check_summaries(data: &[Summary]) -> Result<(), FitError> {
    for (row, s) in data.iter().enumerate() {
        let ok = s.t_x.is_finite()
            && s.t.is_finite()
            && s.mean_spend.is_finite()
            && s.t_x >= 0.0
            && s.t_x <= s.t + 1e-9
            && s.mean_spend >= 0.0
            && (s.x > 0 || s.t_x == 0.0);
        if !ok {
            return Err(FitError::BadSummary { row });
        }
    }
    Ok(())
}

/// Orders of each customer dated up to `today`, sorted by date, in one pass over the
/// book (faster than an index look-up per order on a big book).
pub fn orders_by_customer(book: &Book, today: Date) -> HashMap<CustomerId, Vec<&Order>> {
    let mut map: HashMap<CustomerId, Vec<&Order>> = HashMap::with_capacity(book.customers().len());
    for o in book.orders().iter().filter(|o| o.date <= today) {
        map.entry(o.customer).or_default().push(o);
    }
    for list in map.values_mut() {
        list.sort_by_key(|o| o.date);
    }
    map
}

/// The model summary of one customer's orders (sorted by date, none after `today`),
/// in weeks from the first order, as `lifetimes` derives it: orders on the same day
/// are one purchase, and the mean spend is over repeat purchase days only.
pub fn summarize(orders: &[&Order], today: Date) -> Option<Summary> {
    let first = orders.first()?.date;
    let mut days: Vec<(Date, i64)> = Vec::new();
    for o in orders {
        match days.last_mut() {
            Some(last) if last.0 == o.date => last.1 += o.amount.fen(),
            _ => days.push((o.date, o.amount.fen())),
        }
    }
    let x = days.len().saturating_sub(1);
    let last = days.last().map_or(first, |d| d.0);
    let weeks = |from: Date, to: Date| (to - from).num_days() as f64 / DAYS_PER_WEEK;
    let repeat_total: i64 = days.iter().skip(1).map(|d| d.1).sum();
    Some(Summary {
        x: u32::try_from(x).unwrap_or(u32::MAX),
        t_x: weeks(first, last),
        t: weeks(first, today).max(weeks(first, last)),
        mean_spend: if x > 0 {
            repeat_total as f64 / 100.0 / x as f64
        } else {
            0.0
        },
    })
}

/// Summaries of every customer with at least one order up to `today`, in customer id order.
pub fn summaries(book: &Book, today: Date) -> Vec<(CustomerId, Summary)> {
    let orders = orders_by_customer(book, today);
    let mut out: Vec<(CustomerId, Summary)> = orders
        .iter()
        .filter_map(|(id, list)| summarize(list, today).map(|s| (*id, s)))
        .collect();
    out.sort_by_key(|(id, _)| *id);
    out
}

/// Both models fitted on one book.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Models {
    pub bgnbd: BgNbd,
    pub gamma_gamma: GammaGamma,
}

/// Fits BG/NBD and Gamma-Gamma on the book's orders up to `today`.
pub fn fit_book(book: &Book, today: Date, options: &FitOptions) -> Result<Models, FitError> {
    let data: Vec<Summary> = summaries(book, today).into_iter().map(|(_, s)| s).collect();
    Ok(Models {
        bgnbd: BgNbd::fit(&data, options)?,
        gamma_gamma: GammaGamma::fit(&data, options.min_repeaters)?,
    })
}

/// Lifetime value over `horizon_months`, each month's expected purchases times the
/// expected spend, discounted at `monthly_discount` per month (as `lifetimes` does).
/// Spend here is revenue; multiply by a margin rate for profit.
pub fn clv(models: &Models, s: &Summary, horizon_months: u32, monthly_discount: f64) -> f64 {
    let spend = models.gamma_gamma.expected_spend(s.x, s.mean_spend);
    let mut previous = 0.0;
    let mut total = 0.0;
    for month in 1..=horizon_months {
        let t = f64::from(month) * WEEKS_PER_MONTH;
        let cumulative = models.bgnbd.expected_purchases(s, t).unwrap_or(previous);
        let purchases = (cumulative - previous).max(0.0);
        previous = cumulative;
        total += purchases * spend / (1.0 + monthly_discount).powi(month as i32);
    }
    total
}

/// The yearly rate a monthly discount rate compounds to (0.008 a month ≈ 10 % a year):
/// the settings show yearly rates, the CLV discounts monthly.
pub fn annual_rate(monthly: f64) -> f64 {
    (1.0 + monthly).powi(12) - 1.0
}

/// The yearly discount rate a new book starts with.
pub const DEFAULT_ANNUAL_DISCOUNT: f64 = 0.10;

/// The monthly rate that compounds to `annual` over 12 months.
pub fn monthly_rate(annual: f64) -> f64 {
    (1.0 + annual).powf(1.0 / 12.0) - 1.0
}

/// Revenue and margin of the last 12 months and the 12 before, for trend.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Historic {
    pub revenue_12m: Money,
    pub margin_12m: Money,
    pub revenue_prev_12m: Money,
    pub margin_prev_12m: Money,
    pub revenue_total: Money,
}

impl Historic {
    /// Change of revenue against the 12 months before, as a fraction (−0.3 = 30 % down);
    /// `None` when there was no revenue before to compare with.
    pub fn revenue_trend(&self) -> Option<f64> {
        (self.revenue_prev_12m.fen() > 0).then(|| {
            (self.revenue_12m.fen() - self.revenue_prev_12m.fen()) as f64
                / self.revenue_prev_12m.fen() as f64
        })
    }
}

/// Historic value from orders dated up to `today`.
pub fn historic(orders: &[&Order], today: Date) -> Historic {
    let last = crate::period::Period::last_12_months(today);
    let before = crate::period::Period::previous_12_months(today);
    let mut h = Historic::default();
    for o in orders.iter().filter(|o| o.date <= today) {
        h.revenue_total += o.amount;
        if last.contains(o.date) {
            h.revenue_12m += o.amount;
            h.margin_12m += o.margin;
        } else if before.contains(o.date) {
            h.revenue_prev_12m += o.amount;
            h.margin_prev_12m += o.margin;
        }
    }
    h
}

/// Pareto class by revenue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Abc {
    A,
    B,
    C,
}

/// ABC classes by revenue: A the top customers making the first 70 % of revenue, B the
/// next 20 %, C the rest (and every customer without revenue). The customer that
/// crosses a boundary belongs to the class it starts in. Ties break by id, so the
/// result is the same on every run.
pub fn abc_tiers(revenue: &[(CustomerId, Money)]) -> Vec<(CustomerId, Abc)> {
    let mut sorted: Vec<(CustomerId, Money)> = revenue.to_vec();
    sorted.sort_by(|p, q| q.1.cmp(&p.1).then(p.0.cmp(&q.0)));
    let total: i128 = sorted.iter().map(|(_, m)| i128::from(m.fen().max(0))).sum();
    let mut before: i128 = 0;
    sorted
        .into_iter()
        .map(|(id, m)| {
            let share = if total > 0 {
                before as f64 / total as f64
            } else {
                1.0
            };
            before += i128::from(m.fen().max(0));
            let class = if m.fen() <= 0 {
                Abc::C
            } else if share < 0.70 {
                Abc::A
            } else if share < 0.90 {
                Abc::B
            } else {
                Abc::C
            };
            (id, class)
        })
        .collect()
}

/// Value at risk: what is expected to be lost, the value times the probability of losing it.
pub fn value_at_risk(value: f64, risk_probability: f64) -> f64 {
    value.max(0.0) * risk_probability.clamp(0.0, 1.0)
}

/// Everything the value view shows about one customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    pub customer: CustomerId,
    pub summary: Option<Summary>,
    pub historic: Historic,
    pub abc: Abc,
    /// From the models when the book supports a fit.
    pub p_alive: Option<f64>,
    pub expected_purchases: Option<f64>,
    pub expected_spend: Option<f64>,
    pub clv: Option<f64>,
    /// Where the CLV lies with 80 % probability as far as spend is concerned (see
    /// `GammaGamma::spend_range`): shown with it, so one order's jump reads as the
    /// estimate it is.
    #[serde(default)]
    pub clv_range: Option<(f64, f64)>,
    pub referrals: u32,
}

/// Settings of the value view.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueSettings {
    /// CLV horizon; one year by default, what a sales plan looks at.
    pub horizon_months: u32,
    /// The monthly rate of a round yearly one (10 % by default): users set and read
    /// the yearly rate, so the default must not show as 10.03 %.
    pub monthly_discount: f64,
}

impl Default for ValueSettings {
    fn default() -> Self {
        ValueSettings {
            horizon_months: 12,
            monthly_discount: monthly_rate(DEFAULT_ANNUAL_DISCOUNT),
        }
    }
}

/// Values of every customer in the book, in id order. `models` is usually
/// `fit_book(..).ok()`: without a fit, only the historic value is given.
pub fn value_book(
    book: &Book,
    today: Date,
    models: Option<&Models>,
    settings: &ValueSettings,
) -> Vec<CustomerValue> {
    let orders = orders_by_customer(book, today);
    let none: Vec<&Order> = Vec::new();
    let mut rows: Vec<CustomerValue> = book
        .customers()
        .iter()
        .map(|c| {
            let list = orders.get(&c.id).unwrap_or(&none);
            let summary = summarize(list, today);
            let model = models.zip(summary);
            CustomerValue {
                customer: c.id,
                summary,
                historic: historic(list, today),
                abc: Abc::C,
                p_alive: model.map(|(m, s)| m.bgnbd.p_alive(&s)),
                expected_purchases: model.and_then(|(m, s)| {
                    m.bgnbd.expected_purchases(
                        &s,
                        f64::from(settings.horizon_months) * WEEKS_PER_MONTH,
                    )
                }),
                expected_spend: model.map(|(m, s)| m.gamma_gamma.expected_spend(s.x, s.mean_spend)),
                clv: model
                    .map(|(m, s)| clv(m, &s, settings.horizon_months, settings.monthly_discount)),
                clv_range: model.and_then(|(m, s)| {
                    let estimate = clv(m, &s, settings.horizon_months, settings.monthly_discount);
                    let spend = m.gamma_gamma.expected_spend(s.x, s.mean_spend);
                    let (low, high) = m.gamma_gamma.spend_range(s.x, s.mean_spend)?;
                    (spend > 0.0).then(|| (estimate * low / spend, estimate * high / spend))
                }),
                referrals: c.referrals,
            }
        })
        .collect();
    let revenue: Vec<(CustomerId, Money)> = rows
        .iter()
        .map(|v| (v.customer, v.historic.revenue_12m))
        .collect();
    let classes: HashMap<CustomerId, Abc> = abc_tiers(&revenue).into_iter().collect();
    for row in &mut rows {
        row.abc = classes.get(&row.customer).copied().unwrap_or(Abc::C);
    }
    rows
}
