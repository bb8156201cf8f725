//! Churn risk: a 0–100 score per customer with a band and the reasons behind it.
//!
//! Each factor yields a severity in 0..=1 from the customer's own data; its contribution
//! is severity × the factor's weight (points), so the reasons always add up to the score.
//! With a purchase model fitted on the book, the overdue factor is the model's
//! probability of no order in the coming window, which already weighs how much a short
//! history says. Without one, order-based factors are shrunk toward the book's base
//! rate by a credibility weight n / (n + k) on the customer's number of orders, because
//! two orders say little; the shrunk-in base appears as its own reason
//! ([`Factor::BookBaseRate`]). Either way a customer with few orders is flagged
//! `little_data`. A factor the book records nothing for (no visits logged, no surveys,
//! no owners) adds nothing: unknown is not bad news ([`factors_without_data`]).
//! The engine gives numbers, never sentences: the UI writes
//! "orders in the last 90 days are 45 % below …" from [`FactorFacts`] in either language.
//!
//! Everything dated after `today` is ignored, so scoring "as of" a past date (the
//! backtest) sees exactly what was known then.

pub mod backtest;
mod factors;
pub mod learn;
pub mod logistic;
pub mod rhythm;

pub use backtest::{backtest, backtest_series, Backtest, BacktestError, BandOutcome};
pub use factors::factors_without_data;
pub use rhythm::{OrderBasis, OrderModel};

use crate::book::Book;
use crate::records::{CustomerId, Severity, SignalKind, StaffId, Tier};
use crate::Date;
use serde::{Deserialize, Serialize};

/// How worried to be, from the score and [`RiskSettings::bands`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Low,
    Watch,
    High,
    Critical,
}

/// What can drive a customer's risk up. The UI names each and writes its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    OrderVolumeDown,
    OrderFrequencyDown,
    PurchaseOverdue,
    MarginFalling,
    CostToServeUp,
    ComplaintsOpen,
    ComplaintsNotReportedBack,
    SatisfactionLow,
    SurveyOverdue,
    ContactGap,
    SingleContactPoint,
    OwnerLeaving,
    RecentHandover,
    SignalsLogged,
    /// Not a finding about the customer: the share of the book's average order-based
    /// risk that stands in for what too few orders cannot tell.
    BookBaseRate,
}

impl Factor {
    pub const ALL: [Factor; 15] = [
        Factor::OrderVolumeDown,
        Factor::OrderFrequencyDown,
        Factor::PurchaseOverdue,
        Factor::MarginFalling,
        Factor::CostToServeUp,
        Factor::ComplaintsOpen,
        Factor::ComplaintsNotReportedBack,
        Factor::SatisfactionLow,
        Factor::SurveyOverdue,
        Factor::ContactGap,
        Factor::SingleContactPoint,
        Factor::OwnerLeaving,
        Factor::RecentHandover,
        Factor::SignalsLogged,
        // Last: `learn::WEIGHTED` is every factor before it.
        Factor::BookBaseRate,
    ];

    /// Factors read from the order history: the ones little data makes unreliable.
    pub fn from_orders(self) -> bool {
        matches!(
            self,
            Factor::OrderVolumeDown
                | Factor::OrderFrequencyDown
                | Factor::PurchaseOverdue
                | Factor::MarginFalling
                | Factor::CostToServeUp
        )
    }
}

/// The numbers behind a reason, enough for the UI to write its sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactorFacts {
    /// Recent window against the average window of the baseline before it: amounts in
    /// yuan (volume) or order counts (frequency). `change_pct` is negative for a drop.
    Change {
        recent: f64,
        previous: f64,
        change_pct: f64,
        window_days: u32,
        baseline_days: u32,
    },
    /// Silence against this customer's usual gap between purchases (the book's median
    /// gap when the customer has bought only once) and, when a purchase model is
    /// fitted, the probability of no order in the next `horizon_days`: the severity.
    Overdue {
        days_silent: i64,
        usual_gap_days: f64,
        p_alive: Option<f64>,
        #[serde(default)]
        p_no_purchase: Option<f64>,
        #[serde(default)]
        horizon_days: u32,
    },
    /// Margin as % of revenue, recent window against the baseline.
    MarginRate { recent_pct: f64, previous_pct: f64 },
    /// Growth of cost to serve against growth of revenue, recent window vs. baseline, in %.
    CostGrowth {
        cost_change_pct: f64,
        revenue_change_pct: f64,
    },
    Complaints {
        open: u32,
        overdue: u32,
        high_severity: u32,
    },
    /// Complaints resolved but the outcome never reported back to the customer.
    NotReportedBack { count: u32, oldest_days: i64 },
    /// Scores on the 1–5 scale.
    Satisfaction {
        latest: u8,
        previous: Option<u8>,
        days_ago: i64,
    },
    /// `days_since` is `None` when the customer was never surveyed (counted from `since`).
    SurveyDue {
        days_since: Option<i64>,
        interval_days: u32,
    },
    /// `days_since` is `None` when there never was a contact (counted from `since`).
    ContactGap {
        days_since: Option<i64>,
        cadence_days: u32,
        tier: Tier,
    },
    /// `decision_maker_known`: a contact at the customer is marked key decision-maker.
    ContactPoints {
        count: u32,
        decision_maker_known: bool,
    },
    /// `days_until` ≤ 0 means the owner has already left.
    OwnerLeaving {
        staff: StaffId,
        on: Date,
        days_until: i64,
    },
    Handover {
        days_since: i64,
        window_days: u32,
        /// Changes of owner in the last 90 days: two or more is too many new faces
        /// (seed 001 #3), and the factor counts in full.
        #[serde(default)]
        transfers_90d: u32,
    },
    Signals {
        count: u32,
        strongest: Severity,
        latest_kind: SignalKind,
        latest_days_ago: i64,
    },
    /// The customer's orders, the credibility n / (n + k) given to its own order
    /// history, and the book's average order-based points shrunk toward.
    BaseRate {
        orders: u32,
        credibility: f64,
        book_average: f64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub factor: Factor,
    /// Points of the score this reason accounts for.
    pub contribution: f64,
    pub facts: FactorFacts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerRisk {
    pub customer: CustomerId,
    /// 0..=100, the sum of the reasons' contributions.
    pub score: f64,
    pub band: Band,
    /// Largest contribution first; factors that add nothing are left out.
    pub reasons: Vec<Reason>,
    /// Too few orders for the order history to speak for itself: the score leans on
    /// the book's base rate (see [`Factor::BookBaseRate`]).
    pub little_data: bool,
    /// Orders up to the scoring date.
    pub orders: u32,
    pub p_alive: Option<f64>,
}

impl CustomerRisk {
    /// The score read as a 0..=1 weight for value at risk. It ranks customers; it is
    /// not a calibrated probability (the backtest says how well it ranks).
    pub fn risk_weight(&self) -> f64 {
        (self.score / 100.0).clamp(0.0, 1.0)
    }
}

/// Points each factor adds at full severity. The defaults add up to a little over 100
/// so that a customer failing on most fronts reaches 100 (scores are capped there, the
/// reasons scaled down in proportion); order behaviour weighs most because it is the
/// most direct evidence of leaving, relationships next, paperwork least.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FactorWeights {
    pub order_volume_down: f64,
    pub order_frequency_down: f64,
    pub purchase_overdue: f64,
    pub margin_falling: f64,
    pub cost_to_serve_up: f64,
    pub complaints_open: f64,
    pub complaints_not_reported_back: f64,
    pub satisfaction_low: f64,
    pub survey_overdue: f64,
    pub contact_gap: f64,
    pub single_contact_point: f64,
    pub owner_leaving: f64,
    pub recent_handover: f64,
    pub signals_logged: f64,
}

impl Default for FactorWeights {
    fn default() -> Self {
        FactorWeights {
            order_volume_down: 18.0,
            order_frequency_down: 12.0,
            purchase_overdue: 20.0,
            margin_falling: 5.0,
            cost_to_serve_up: 4.0,
            complaints_open: 8.0,
            complaints_not_reported_back: 5.0,
            satisfaction_low: 8.0,
            survey_overdue: 2.0,
            contact_gap: 8.0,
            single_contact_point: 4.0,
            owner_leaving: 8.0,
            recent_handover: 4.0,
            signals_logged: 8.0,
        }
    }
}

impl FactorWeights {
    /// The weight a settings form edits; `None` for the base rate, which has no weight.
    pub fn weight_mut(&mut self, factor: Factor) -> Option<&mut f64> {
        Some(match factor {
            Factor::OrderVolumeDown => &mut self.order_volume_down,
            Factor::OrderFrequencyDown => &mut self.order_frequency_down,
            Factor::PurchaseOverdue => &mut self.purchase_overdue,
            Factor::MarginFalling => &mut self.margin_falling,
            Factor::CostToServeUp => &mut self.cost_to_serve_up,
            Factor::ComplaintsOpen => &mut self.complaints_open,
            Factor::ComplaintsNotReportedBack => &mut self.complaints_not_reported_back,
            Factor::SatisfactionLow => &mut self.satisfaction_low,
            Factor::SurveyOverdue => &mut self.survey_overdue,
            Factor::ContactGap => &mut self.contact_gap,
            Factor::SingleContactPoint => &mut self.single_contact_point,
            Factor::OwnerLeaving => &mut self.owner_leaving,
            Factor::RecentHandover => &mut self.recent_handover,
            Factor::SignalsLogged => &mut self.signals_logged,
            Factor::BookBaseRate => return None,
        })
    }

    pub fn weight(&self, factor: Factor) -> f64 {
        let w = match factor {
            Factor::OrderVolumeDown => self.order_volume_down,
            Factor::OrderFrequencyDown => self.order_frequency_down,
            Factor::PurchaseOverdue => self.purchase_overdue,
            Factor::MarginFalling => self.margin_falling,
            Factor::CostToServeUp => self.cost_to_serve_up,
            Factor::ComplaintsOpen => self.complaints_open,
            Factor::ComplaintsNotReportedBack => self.complaints_not_reported_back,
            Factor::SatisfactionLow => self.satisfaction_low,
            Factor::SurveyOverdue => self.survey_overdue,
            Factor::ContactGap => self.contact_gap,
            Factor::SingleContactPoint => self.single_contact_point,
            Factor::OwnerLeaving => self.owner_leaving,
            Factor::RecentHandover => self.recent_handover,
            Factor::SignalsLogged => self.signals_logged,
            Factor::BookBaseRate => 0.0,
        };
        if w.is_finite() {
            w.max(0.0)
        } else {
            0.0
        }
    }
}

/// Lower bounds of the watch, high and critical bands.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandThresholds {
    pub watch: f64,
    pub high: f64,
    pub critical: f64,
}

impl Default for BandThresholds {
    fn default() -> Self {
        BandThresholds {
            watch: 25.0,
            high: 50.0,
            critical: 75.0,
        }
    }
}

pub use crate::book::settings::SettingsError;

impl BandThresholds {
    pub fn band(&self, score: f64) -> Band {
        if score >= self.critical {
            Band::Critical
        } else if score >= self.high {
            Band::High
        } else if score >= self.watch {
            Band::Watch
        } else {
            Band::Low
        }
    }
}

/// Eight routine contacts a person a day, on top of visits, complaints and promises:
/// what a rep can do. The rest wait for the next days (the team's week is then folded
/// by kind, see `agenda::FOLD_OVER`); 0 turns the limit off.
pub const DEFAULT_CADENCE_PER_DAY: u32 = 8;

/// Everything the user can tune. Defaults are what a distributor's sales manager
/// would expect; each is documented where it is used.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskSettings {
    pub weights: FactorWeights,
    /// The recent window for order volume, frequency, margin and cost (90 days: a quarter).
    pub window_days: u32,
    /// The baseline the recent window is compared with: the windows just before it
    /// (3 × 90 days), averaged per window so seasonal noise of one quarter counts less.
    pub baseline_windows: u32,
    /// Contact cadence per tier, in days: A every 30, B every 60, C every 90.
    pub cadence_a_days: u32,
    pub cadence_b_days: u32,
    pub cadence_c_days: u32,
    /// Routine contacts (the cadence's) one person is given a day, at most: the rest
    /// wait for the next days, most important tier first (issue 18.2: a sample rep
    /// opened the agenda on dozens of overdue contacts). 0 gives every one at once.
    pub cadence_per_day: u32,
    /// A satisfaction survey is due every 180 days.
    pub survey_interval_days: u32,
    /// A handover stays risky for its first 180 days (seed 000: check at 30 and 90 days).
    pub handover_days: u32,
    /// Signals older than 180 days no longer count.
    pub signal_days: u32,
    /// An owner leaving within 90 days counts.
    pub leaving_notice_days: u32,
    /// k in the credibility n / (n + k): with k = 4, a customer with 4 orders is trusted
    /// half, one with 36 orders 90 %.
    pub credibility_orders: f64,
    /// Fewer orders than this and the customer is flagged `little_data`.
    pub little_data_orders: u32,
    pub bands: BandThresholds,
    /// Weights learned from the book's own past ([`learn::learn`]), kept with how they
    /// were learned; scoring uses them only while `use_learned` is on.
    pub learned: Option<learn::Learned>,
    pub use_learned: bool,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            weights: FactorWeights::default(),
            window_days: 90,
            baseline_windows: 3,
            cadence_a_days: 30,
            cadence_b_days: 60,
            cadence_c_days: 90,
            cadence_per_day: DEFAULT_CADENCE_PER_DAY,
            survey_interval_days: 180,
            handover_days: 180,
            signal_days: 180,
            leaving_notice_days: 90,
            credibility_orders: 4.0,
            little_data_orders: 6,
            bands: BandThresholds::default(),
            learned: None,
            use_learned: false,
        }
    }
}

impl RiskSettings {
    pub fn cadence_days(&self, tier: Tier) -> u32 {
        match tier {
            Tier::A => self.cadence_a_days,
            Tier::B => self.cadence_b_days,
            Tier::C => self.cadence_c_days,
        }
        .max(1)
    }
}

impl RiskSettings {
    /// The settings with what only weighs the findings (weights, bands, shrinkage) put
    /// back to defaults: two settings that give equal keys gather equal findings, so a
    /// weight change can reuse them.
    pub fn gathering_key(&self) -> RiskSettings {
        let defaults = RiskSettings::default();
        RiskSettings {
            weights: defaults.weights,
            bands: defaults.bands,
            credibility_orders: defaults.credibility_orders,
            little_data_orders: defaults.little_data_orders,
            learned: defaults.learned,
            use_learned: defaults.use_learned,
            cadence_per_day: defaults.cadence_per_day,
            ..*self
        }
    }

    /// The weights scoring uses: the learned ones when chosen and there, else the
    /// hand-set ones.
    pub fn active_weights(&self) -> FactorWeights {
        match self.learned {
            Some(learned) if self.use_learned => learned.weights,
            _ => self.weights,
        }
    }
}

/// What every customer's factors read, before any weight: the costly pass over the
/// book. Weighing it ([`Findings::score`]) is cheap, so the settings page can rescore
/// the whole book as the user moves a weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Findings {
    found: Vec<factors::Found>,
    /// Factors the book has no data for: see [`stretch`].
    unknown: Vec<Factor>,
}

impl Findings {
    /// Reads every customer as of `today`; `settings` count only through
    /// [`RiskSettings::gathering_key`].
    pub fn gather(
        book: &Book,
        today: Date,
        settings: &RiskSettings,
        model: Option<&OrderModel>,
    ) -> Findings {
        let (found, unknown) = factors::gather(book, today, settings, model);
        Findings { found, unknown }
    }

    /// Each customer's factor severities (0..=1, 0 where the factor found nothing), in
    /// [`learn::WEIGHTED`] order: what learning the weights reads.
    pub(crate) fn severities(&self) -> impl Iterator<Item = (CustomerId, [f64; 14])> + '_ {
        self.found.iter().map(|f| {
            let mut x = [0.0; 14];
            for (factor, severity, _) in &f.findings {
                if let Some(i) = learn::WEIGHTED.iter().position(|w| w == factor) {
                    x[i] = if severity.is_finite() {
                        severity.clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                }
            }
            (f.customer, x)
        })
    }

    /// The scores these findings give under `settings`' weights, bands and shrinkage.
    pub fn score(&self, settings: &RiskSettings) -> Vec<CustomerRisk> {
        weigh(self.found.clone(), &self.unknown, settings)
    }
}

/// Scores every customer in the book as of `today`, in customer id order. `model`
/// (fitted on the same book up to `today`) gives the overdue factor its probability of
/// no order in the coming window.
pub fn score_book(
    book: &Book,
    today: Date,
    settings: &RiskSettings,
    model: Option<&OrderModel>,
) -> Vec<CustomerRisk> {
    let (found, unknown) = factors::gather(book, today, settings, model);
    weigh(found, &unknown, settings)
}

/// How much the points of the factors the book has data for are stretched when their
/// weights add up to less than 100: a book recording only orders must still be able to
/// score a customer who has clearly gone near the top of the scale, not at half of it.
/// Never beyond 100, where scores are capped, since ties at the cap would lose the order.
fn stretch(weights: &FactorWeights, unknown: &[Factor]) -> f64 {
    let known: f64 = Factor::ALL
        .iter()
        .filter(|f| !unknown.contains(f))
        .map(|f| weights.weight(*f))
        .sum();
    if known > 0.0 && known < 100.0 {
        100.0 / known
    } else {
        1.0
    }
}

fn weigh(
    found: Vec<factors::Found>,
    unknown: &[Factor],
    settings: &RiskSettings,
) -> Vec<CustomerRisk> {
    // Learned or hand-set, chosen once for the whole book.
    let weights = settings.active_weights();
    let stretch = stretch(&weights, unknown);
    // The book's base rate: average unshrunk order-based points over the customers
    // whose history is long enough to be believed.
    let credible: Vec<f64> = found
        .iter()
        .filter(|f| f.orders >= settings.little_data_orders)
        .map(|f| f.order_points(&weights))
        .collect();
    let book_average = if credible.is_empty() {
        0.0
    } else {
        credible.iter().sum::<f64>() / credible.len() as f64
    };
    found
        .into_iter()
        .map(|f| finish(f, settings, &weights, book_average, stretch))
        .collect()
}

/// Turns one customer's findings into contributions that add up to a 0..=100 score.
fn finish(
    found: factors::Found,
    settings: &RiskSettings,
    weights: &FactorWeights,
    book_average: f64,
    stretch: f64,
) -> CustomerRisk {
    let k = settings.credibility_orders.max(0.0);
    let n = f64::from(found.orders);
    let credibility = if found.modelled {
        1.0
    } else if n + k > 0.0 {
        n / (n + k)
    } else {
        1.0
    };
    let mut reasons: Vec<Reason> = found
        .findings
        .into_iter()
        .map(|(factor, severity, facts)| {
            let shrink = if factor.from_orders() {
                credibility
            } else {
                1.0
            };
            Reason {
                factor,
                contribution: weights.weight(factor) * severity.clamp(0.0, 1.0) * shrink * stretch,
                facts,
            }
        })
        .collect();
    let base = (1.0 - credibility) * book_average * stretch;
    if base > 0.0 {
        reasons.push(Reason {
            factor: Factor::BookBaseRate,
            contribution: base,
            facts: FactorFacts::BaseRate {
                orders: found.orders,
                credibility,
                book_average,
            },
        });
    }
    reasons.retain(|r| r.contribution > 0.0 && r.contribution.is_finite());
    let raw: f64 = reasons.iter().map(|r| r.contribution).sum();
    if raw > 100.0 {
        for r in &mut reasons {
            r.contribution *= 100.0 / raw;
        }
    }
    reasons.sort_by(|p, q| q.contribution.total_cmp(&p.contribution));
    let score = reasons
        .iter()
        .map(|r| r.contribution)
        .sum::<f64>()
        .clamp(0.0, 100.0);
    CustomerRisk {
        customer: found.customer,
        score,
        band: settings.bands.band(score),
        reasons,
        little_data: found.orders < settings.little_data_orders,
        orders: found.orders,
        p_alive: found.p_alive,
    }
}
