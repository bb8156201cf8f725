//! The risk register (priority list): every customer's risk and value side by side,
//! sorted by value at risk, each with the one thing to do about its top reason. Also the
//! cannot-lose list, which is the same lines filtered by hand-set flag or by rule.

use crate::book::Book;
use crate::ids::IdHashMap;
use crate::money::Money;
use crate::records::{CustomerId, RelationshipRole, StaffId, Tier};
use crate::risk::{score_book, Band, CustomerRisk, Factor, OrderModel, Reason, RiskSettings};
use crate::value::{
    fit_book, value_book, CustomerValue, FitError, FitOptions, Models, ValueSettings,
};
use crate::Date;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Risk and value of every customer, both in customer id order, and the model fit they
/// used (or why there is none: the register then falls back to revenue). The views are
/// shared, not copied: the app rebuilds an assessment whenever one of them changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub today: Date,
    pub risks: Arc<Vec<CustomerRisk>>,
    pub values: Arc<Vec<CustomerValue>>,
    pub fit: Result<Models, FitError>,
    /// What the order part of the scores stood on, and the evidence for the choice.
    pub order: Option<OrderModel>,
}

/// Fits the models on the book and scores and values every customer as of `today`.
pub fn assess(book: &Book, today: Date, risk: &RiskSettings, value: &ValueSettings) -> Assessment {
    let fit = fit_book(book, today, &FitOptions::default());
    let order = OrderModel::fit(
        book,
        today,
        risk.window_days,
        fit.as_ref().ok().map(|m| &m.bgnbd),
    );
    assess_with(book, today, fit, order.as_ref(), risk, value)
}

/// As [`assess`] with fits made earlier: the fits are the slow part and changes little
/// from one edit to the next, so the app refits only when the orders change.
pub fn assess_with(
    book: &Book,
    today: Date,
    fit: Result<Models, FitError>,
    order: Option<&OrderModel>,
    risk: &RiskSettings,
    value: &ValueSettings,
) -> Assessment {
    let models = fit.as_ref().ok();
    Assessment {
        today,
        risks: Arc::new(score_book(book, today, risk, order)),
        values: Arc::new(value_book(book, today, models, value)),
        fit,
        order: order.cloned(),
    }
}

impl Assessment {
    pub fn risk_of(&self, customer: CustomerId) -> Option<&CustomerRisk> {
        self.risks
            .binary_search_by_key(&customer, |r| r.customer)
            .ok()
            .and_then(|i| self.risks.get(i))
    }

    pub fn value_of(&self, customer: CustomerId) -> Option<&CustomerValue> {
        self.values
            .binary_search_by_key(&customer, |v| v.customer)
            .ok()
            .and_then(|i| self.values.get(i))
    }

    /// Customers in each band, low to critical.
    pub fn band_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for r in self.risks.iter() {
            counts[band_index(r.band)] += 1;
        }
        counts
    }
}

fn band_index(band: Band) -> usize {
    match band {
        Band::Low => 0,
        Band::Watch => 1,
        Band::High => 2,
        Band::Critical => 3,
    }
}

/// What a customer's value means in the register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    /// Revenue of the last 12 months: what a sales manager reads as "what they bring".
    #[default]
    Revenue12m,
    /// Lifetime value over the value settings' horizon, when the models could be fitted
    /// (revenue otherwise).
    Clv,
}

/// How the register and the cannot-lose list are drawn up.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterSettings {
    pub value_basis: ValueBasis,
    /// Tier A customers count as cannot-lose without a hand-set flag (seed 001 #6).
    pub top_tier_cannot_lose: bool,
    /// Reasons shown per line.
    pub top_reasons: usize,
}

impl Default for RegisterSettings {
    fn default() -> Self {
        RegisterSettings {
            value_basis: ValueBasis::Revenue12m,
            top_tier_cannot_lose: true,
            top_reasons: 3,
        }
    }
}

/// The one thing to do about a reason; the UI words it with the reason's facts
/// ("no contact for 74 days → schedule a visit").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    AskAboutFallingOrders,
    CallAboutReorder,
    ReviewPricing,
    ReviewCostToServe,
    ResolveComplaint,
    ReportBackOutcome,
    VisitAboutSatisfaction,
    RunSurvey,
    ScheduleVisit,
    IntroduceSecondColleague,
    PlanHandover,
    SeniorVisitWithSuccessor,
    LookIntoSignal,
    GetToKnowCustomer,
    KeepInTouch,
}

impl NextAction {
    pub fn for_factor(factor: Factor) -> NextAction {
        match factor {
            Factor::OrderVolumeDown | Factor::OrderFrequencyDown => {
                NextAction::AskAboutFallingOrders
            }
            Factor::PurchaseOverdue => NextAction::CallAboutReorder,
            Factor::MarginFalling => NextAction::ReviewPricing,
            Factor::CostToServeUp => NextAction::ReviewCostToServe,
            Factor::ComplaintsOpen => NextAction::ResolveComplaint,
            Factor::ComplaintsNotReportedBack => NextAction::ReportBackOutcome,
            Factor::SatisfactionLow => NextAction::VisitAboutSatisfaction,
            Factor::SurveyOverdue => NextAction::RunSurvey,
            Factor::ContactGap => NextAction::ScheduleVisit,
            Factor::SingleContactPoint => NextAction::IntroduceSecondColleague,
            Factor::OwnerLeaving => NextAction::PlanHandover,
            Factor::RecentHandover => NextAction::SeniorVisitWithSuccessor,
            Factor::SignalsLogged => NextAction::LookIntoSignal,
            Factor::BookBaseRate => NextAction::GetToKnowCustomer,
        }
    }

    /// Days from today an agenda item for this action is due: urgent things this week.
    pub fn due_in_days(self) -> i64 {
        match self {
            NextAction::ResolveComplaint
            | NextAction::ReportBackOutcome
            | NextAction::PlanHandover
            | NextAction::CallAboutReorder => 1,
            NextAction::ScheduleVisit
            | NextAction::AskAboutFallingOrders
            | NextAction::VisitAboutSatisfaction
            | NextAction::LookIntoSignal => 3,
            _ => 7,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterLine {
    pub customer: CustomerId,
    pub name: String,
    pub tier: Tier,
    pub score: f64,
    pub band: Band,
    pub little_data: bool,
    /// The largest contributions, at most [`RegisterSettings::top_reasons`].
    pub reasons: Vec<Reason>,
    pub owner: Option<StaffId>,
    pub last_contact: Option<Date>,
    pub revenue_12m: Money,
    pub margin_12m: Money,
    /// What the customer buys, for the cannot-lose list: orders in the last 12 months
    /// and the date of the latest.
    pub orders_12m: u32,
    pub last_order: Option<Date>,
    pub clv: Option<f64>,
    /// In yuan, on the settings' basis.
    pub value: f64,
    pub value_at_risk: f64,
    pub next_action: NextAction,
    pub cannot_lose: bool,
    /// Cannot-lose by the top-tier rule rather than (only) by hand.
    pub cannot_lose_by_rule: bool,
}

/// What the register shows of each customer's history: owner, last contact, orders of
/// the last 12 months. It depends on the book alone, so a change of weights or of the
/// register's settings reuses it; it is read in one pass over each table because a
/// look-up per customer and record costs more than the scoring (200 ms on the L book).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerFacts {
    facts: IdHashMap<CustomerId, Facts>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Facts {
    owner: Option<StaffId>,
    last_contact: Option<Date>,
    orders_12m: u32,
    last_order: Option<Date>,
}

impl CustomerFacts {
    pub fn gather(book: &Book, today: Date) -> CustomerFacts {
        let mut facts: IdHashMap<CustomerId, Facts> = IdHashMap::default();
        let last_12_months = crate::period::Period::last_12_months(today);
        for o in book.orders().iter().filter(|o| o.date <= today) {
            let f = facts.entry(o.customer).or_default();
            if last_12_months.contains(o.date) {
                f.orders_12m += 1;
            }
            f.last_order = f.last_order.max(Some(o.date));
        }
        for i in book.interactions().iter() {
            let f = facts.entry(i.customer).or_default();
            f.last_contact = f.last_contact.max(Some(i.date));
        }
        for r in book.relationships().iter() {
            if r.is_live() && r.role == RelationshipRole::Owner {
                facts.entry(r.customer).or_default().owner = Some(r.staff);
            }
        }
        CustomerFacts { facts }
    }

    fn of(&self, customer: CustomerId) -> Facts {
        self.facts.get(&customer).copied().unwrap_or_default()
    }
}

/// Every customer not already lost, by value at risk (largest first; ties by score,
/// then id, so the order is stable).
pub fn register(
    book: &Book,
    assessment: &Assessment,
    settings: &RegisterSettings,
) -> Vec<RegisterLine> {
    let facts = CustomerFacts::gather(book, assessment.today);
    register_with(book, assessment, &facts, settings)
}

/// As [`register`], with the customers' facts gathered earlier from the same book.
pub fn register_with(
    book: &Book,
    assessment: &Assessment,
    facts: &CustomerFacts,
    settings: &RegisterSettings,
) -> Vec<RegisterLine> {
    let mut lines: Vec<RegisterLine> = book
        .customers()
        .iter()
        .filter(|c| c.status != crate::CustomerStatus::Lost)
        .filter_map(|c| {
            let risk = assessment.risk_of(c.id)?;
            let value = assessment.value_of(c.id)?;
            let revenue = value.historic.revenue_12m;
            let basis = match settings.value_basis {
                ValueBasis::Revenue12m => revenue.yuan(),
                ValueBasis::Clv => value.clv.unwrap_or_else(|| revenue.yuan()),
            };
            let by_rule = settings.top_tier_cannot_lose && c.tier == Tier::A;
            // The base rate stands in for missing history; with plenty of orders its
            // few points are no reason to act.
            let reasons: Vec<Reason> = risk
                .reasons
                .iter()
                .filter(|r| r.factor != Factor::BookBaseRate || risk.little_data)
                .take(settings.top_reasons)
                .cloned()
                .collect();
            let next_action = reasons.first().map_or(NextAction::KeepInTouch, |r| {
                NextAction::for_factor(r.factor)
            });
            let known = facts.of(c.id);
            Some(RegisterLine {
                customer: c.id,
                name: c.name.clone(),
                tier: c.tier,
                score: risk.score,
                band: risk.band,
                little_data: risk.little_data,
                reasons,
                owner: known.owner,
                last_contact: known.last_contact,
                revenue_12m: revenue,
                margin_12m: value.historic.margin_12m,
                orders_12m: known.orders_12m,
                last_order: known.last_order,
                clv: value.clv,
                value: basis.max(0.0),
                value_at_risk: crate::value::value_at_risk(basis, risk.risk_weight()),
                next_action,
                cannot_lose: c.cannot_lose || by_rule,
                cannot_lose_by_rule: by_rule && !c.cannot_lose,
            })
        })
        .collect();
    lines.sort_by(|p, q| {
        q.value_at_risk
            .total_cmp(&p.value_at_risk)
            .then(q.score.total_cmp(&p.score))
            .then(p.customer.cmp(&q.customer))
    });
    lines
}

/// What the register shows: a name search (text, pinyin or initials, or a phone number
/// of the customer or its contacts), a band at least,
/// an owner, cannot-lose customers only. The cannot-lose list is the register with that on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterFilter {
    /// As typed.
    pub text: String,
    pub band: Option<Band>,
    pub owner: Option<StaffId>,
    pub cannot_lose: bool,
}

impl RegisterFilter {
    /// The register as it opens: the customers worth worrying about (watch and above);
    /// the cannot-lose list shows every such customer, whatever the band.
    pub fn opening(cannot_lose: bool) -> RegisterFilter {
        RegisterFilter {
            band: (!cannot_lose).then_some(Band::Watch),
            cannot_lose,
            ..RegisterFilter::default()
        }
    }

    /// The lines the filter keeps, in the register's order. A number typed as the phone
    /// shows it ("139 0571 0001") finds the customer whose or whose contact's it is.
    pub fn kept<'a>(
        &'a self,
        book: &'a Book,
        lines: &'a [RegisterLine],
    ) -> impl Iterator<Item = &'a RegisterLine> {
        // Lower-cased once, not for every line.
        let needle = self.text.trim().to_lowercase();
        let number = crate::directory::phone_needle(&needle);
        lines.iter().filter(move |line| {
            (!self.cannot_lose || line.cannot_lose)
                && self.band.is_none_or(|b| line.band >= b)
                && self.owner.is_none_or(|o| line.owner == Some(o))
                && (crate::spelling::name_matches(&line.name, &needle)
                    || number
                        .as_deref()
                        .is_some_and(|n| crate::directory::has_number(book, line.customer, n)))
        })
    }

    /// The filter as an address's parameters, leaving out what is as the page opens
    /// (`opening`), so Back and a reload bring the list back as it was.
    pub fn to_params(&self, opening: &RegisterFilter) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            out.push(("q", text.to_owned()));
        }
        if self.band != opening.band {
            let band = match self.band {
                None => "all",
                Some(Band::Low) => "low",
                Some(Band::Watch) => "watch",
                Some(Band::High) => "high",
                Some(Band::Critical) => "critical",
            };
            out.push(("band", band.to_owned()));
        }
        out.extend(self.owner.map(|o| ("owner", o.0.to_string())));
        if self.cannot_lose != opening.cannot_lose {
            out.push((
                "only",
                if self.cannot_lose {
                    "cannot_lose"
                } else {
                    "all"
                }
                .to_owned(),
            ));
        }
        out
    }

    /// A filter read back from an address; anything unreadable stays as the page opens.
    pub fn from_params<'a>(
        opening: &RegisterFilter,
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> RegisterFilter {
        let mut f = opening.clone();
        for (key, value) in params {
            match key {
                "q" => value.trim().clone_into(&mut f.text),
                "band" => {
                    f.band = match value {
                        "all" => None,
                        "low" => Some(Band::Low),
                        "watch" => Some(Band::Watch),
                        "high" => Some(Band::High),
                        "critical" => Some(Band::Critical),
                        _ => opening.band,
                    }
                }
                "owner" => f.owner = value.parse().ok().map(StaffId),
                "only" => f.cannot_lose = value == "cannot_lose",
                _ => {}
            }
        }
        f
    }
}

/// Total value at risk over the register, in yuan.
pub fn total_value_at_risk(lines: &[RegisterLine]) -> f64 {
    lines.iter().map(|l| l.value_at_risk).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{sample_book, SampleSize};

    fn day(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn facts_read_in_one_pass_agree_with_the_book_customer_by_customer() {
        let today = day("2026-11-22");
        let book = sample_book(SampleSize::S, today);
        let facts = CustomerFacts::gather(&book, today);
        let last_12_months = crate::period::Period::last_12_months(today);
        for c in book.customers().iter() {
            let known = facts.of(c.id);
            assert_eq!(known.owner, book.owner_of(c.id), "{}", c.id);
            assert_eq!(known.last_contact, book.last_interaction(c.id));
            let orders: Vec<_> = book
                .orders()
                .of_customer(c.id)
                .filter(|o| o.date <= today)
                .collect();
            assert_eq!(known.last_order, orders.iter().map(|o| o.date).max());
            let recent = orders
                .iter()
                .filter(|o| last_12_months.contains(o.date))
                .count();
            assert_eq!(known.orders_12m as usize, recent);
        }
    }

    #[test]
    fn a_register_filter_goes_into_an_address_and_comes_back_the_same() {
        for cannot_lose in [false, true] {
            let opening = RegisterFilter::opening(cannot_lose);
            assert!(opening.to_params(&opening).is_empty());
            for band in [
                None,
                Some(Band::Low),
                Some(Band::High),
                Some(Band::Critical),
            ] {
                let f = RegisterFilter {
                    text: "南京 宏利".into(),
                    band,
                    owner: Some(StaffId(3)),
                    cannot_lose: !cannot_lose,
                };
                let params = f.to_params(&opening);
                let back = RegisterFilter::from_params(
                    &opening,
                    params.iter().map(|(k, v)| (*k, v.as_str())),
                );
                assert_eq!(back, f);
            }
        }
        let odd = RegisterFilter::from_params(
            &RegisterFilter::opening(false),
            [("band", "huge"), ("x", "1")],
        );
        assert_eq!(odd, RegisterFilter::opening(false));
    }

    /// Issue 18.6/18.9: the register finds a customer by a number typed as the phone
    /// shows it, the customer's own or a contact's, as the customer list does.
    #[test]
    fn the_register_finds_a_customer_by_its_or_a_contact_s_number() {
        let today = day("2026-11-22");
        let book = sample_book(SampleSize::S, today);
        let a = assess(
            &book,
            today,
            &RiskSettings::default(),
            &ValueSettings::default(),
        );
        let lines = register(&book, &a, &RegisterSettings::default());
        let with_contact = lines
            .iter()
            .find_map(|l| {
                book.contacts()
                    .of_customer(l.customer)
                    .find(|c| c.phone.len() >= 11)
                    .map(|c| (l.customer, c.phone.clone()))
            })
            .expect("a sample contact with a mobile number");
        let (customer, phone) = with_contact;
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        let typed = format!("{} {} {}", &digits[..3], &digits[3..7], &digits[7..]);
        let f = RegisterFilter {
            text: typed,
            ..RegisterFilter::default()
        };
        let found: Vec<CustomerId> = f.kept(&book, &lines).map(|l| l.customer).collect();
        assert!(found.contains(&customer), "{phone}");
        assert!(found
            .iter()
            .all(|c| crate::directory::has_number(&book, *c, &digits)));
        // Two digits are not a number: they search names only.
        let f = RegisterFilter {
            text: digits[..2].to_string(),
            ..RegisterFilter::default()
        };
        assert!(f.kept(&book, &lines).count() < lines.len() / 2);
    }

    #[test]
    fn register_is_sorted_by_value_at_risk_and_skips_lost_customers() {
        let today = day("2026-11-22");
        let book = sample_book(SampleSize::S, today);
        let a = assess(
            &book,
            today,
            &RiskSettings::default(),
            &ValueSettings::default(),
        );
        let lines = register(&book, &a, &RegisterSettings::default());
        assert!(!lines.is_empty());
        assert!(lines
            .windows(2)
            .all(|w| w[0].value_at_risk >= w[1].value_at_risk));
        let lost = book
            .customers()
            .iter()
            .filter(|c| c.status == crate::CustomerStatus::Lost)
            .count();
        assert_eq!(lines.len() + lost, book.customers().len());
        for l in &lines {
            assert!(l.reasons.len() <= 3);
            assert!(l.value_at_risk <= l.value + 1e-9);
            if let Some(r) = l.reasons.first() {
                assert_eq!(l.next_action, NextAction::for_factor(r.factor));
            }
        }
    }

    #[test]
    fn top_tier_rule_marks_cannot_lose_and_can_be_switched_off() {
        let today = day("2026-11-22");
        let book = sample_book(SampleSize::S, today);
        let a = assess(
            &book,
            today,
            &RiskSettings::default(),
            &ValueSettings::default(),
        );
        let on = register(&book, &a, &RegisterSettings::default());
        assert!(on
            .iter()
            .filter(|l| l.tier == Tier::A)
            .all(|l| l.cannot_lose));
        let off = RegisterSettings {
            top_tier_cannot_lose: false,
            ..RegisterSettings::default()
        };
        let lines = register(&book, &a, &off);
        assert!(lines.iter().all(|l| !l.cannot_lose_by_rule));
        let flagged = book
            .customers()
            .iter()
            .filter(|c| c.cannot_lose && c.status != crate::CustomerStatus::Lost)
            .count();
        assert_eq!(lines.iter().filter(|l| l.cannot_lose).count(), flagged);
    }
}
