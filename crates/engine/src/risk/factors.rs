//! Each factor's severity (0..=1) and facts for every customer, from one pass over each
//! table of the book: on a 500,000-order book an index look-up per record costs more
//! than the scoring itself.

use super::rhythm::OrderModel;
use super::{Factor, FactorFacts, FactorWeights, RiskSettings};
use crate::book::Book;
use crate::records::*;
use crate::value::summarize;
use crate::Date;

/// What was found about one customer, before weights and shrinkage.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Found {
    pub customer: CustomerId,
    pub orders: u32,
    pub p_alive: Option<f64>,
    /// A purchase model was fitted on the book: the order-based factors already weigh
    /// how much the customer's history says, so nothing is shrunk toward the book.
    pub modelled: bool,
    pub findings: Vec<(Factor, f64, FactorFacts)>,
}

impl Found {
    /// Order-based points at full credibility: what the book's base rate averages.
    pub fn order_points(&self, weights: &FactorWeights) -> f64 {
        self.findings
            .iter()
            .filter(|(f, _, _)| f.from_orders())
            .map(|(f, s, _)| weights.weight(*f) * s.clamp(0.0, 1.0))
            .sum()
    }
}

/// Per customer, what the factors read, filled table by table.
#[derive(Default)]
struct Inputs<'a> {
    last_contact: Option<Date>,
    complaints: Vec<&'a Complaint>,
    /// (date, score) of the latest two surveys, latest first.
    surveys: [Option<(Date, u8)>; 2],
    signals: Vec<&'a Signal>,
    relationships: Vec<&'a Relationship>,
}

fn clamp01(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

fn pct(change: f64) -> f64 {
    change * 100.0
}

type IdMap = crate::ids::IdHashMap<CustomerId, usize>;

pub(super) fn gather(
    book: &Book,
    today: Date,
    settings: &RiskSettings,
    model: Option<&OrderModel>,
) -> (Vec<Found>, Vec<Factor>) {
    let customers: Vec<&Customer> = book.customers().iter().collect();
    let mut index = IdMap::default();
    index.reserve(customers.len());
    for (i, c) in customers.iter().enumerate() {
        index.insert(c.id, i);
    }
    let slot = |id: CustomerId| index.get(&id).copied();

    // Orders grouped by customer with a counting sort into one flat list: one pass over
    // the table and no per-customer growth.
    let tagged: Vec<(usize, &Order)> = book
        .orders()
        .iter()
        .filter(|o| o.date <= today)
        .filter_map(|o| slot(o.customer).map(|i| (i, o)))
        .collect();
    let mut starts = vec![0usize; customers.len() + 1];
    for (i, _) in &tagged {
        starts[i + 1] += 1;
    }
    for i in 0..customers.len() {
        starts[i + 1] += starts[i];
    }
    let mut fill = starts.clone();
    let mut flat: Vec<&Order> = vec![tagged.first().map_or(&PLACEHOLDER, |t| t.1); tagged.len()];
    for (i, o) in tagged {
        flat[fill[i]] = o;
        fill[i] += 1;
    }
    for i in 0..customers.len() {
        flat[starts[i]..starts[i + 1]].sort_by_key(|o| o.date);
    }

    let mut inputs: Vec<Inputs> = (0..customers.len()).map(|_| Inputs::default()).collect();
    for x in book.interactions().iter().filter(|x| x.date <= today) {
        if let Some(i) = slot(x.customer) {
            let last = &mut inputs[i].last_contact;
            *last = (*last).max(Some(x.date));
        }
    }
    for c in book.complaints().iter().filter(|c| c.received <= today) {
        if let Some(i) = slot(c.customer) {
            inputs[i].complaints.push(c);
        }
    }
    for s in book.surveys().iter().filter(|s| s.date <= today) {
        if let Some(i) = slot(s.customer) {
            let two = &mut inputs[i].surveys;
            let entry = Some((s.date, s.score));
            if two[0].is_none_or(|(d, _)| s.date >= d) {
                two[1] = two[0];
                two[0] = entry;
            } else if two[1].is_none_or(|(d, _)| s.date >= d) {
                two[1] = entry;
            }
        }
    }
    let signal_from = crate::records::dates::plus_days(today, -(i64::from(settings.signal_days)));
    for s in book
        .signals()
        .iter()
        .filter(|s| s.date <= today && s.date > signal_from)
    {
        if let Some(i) = slot(s.customer) {
            inputs[i].signals.push(s);
        }
    }
    for r in book.relationships().iter().filter(|r| r.since <= today) {
        if let Some(i) = slot(r.customer) {
            inputs[i].relationships.push(r);
        }
    }
    let orders_of = |i: usize| &flat[starts[i]..starts[i + 1]];
    let median_gap = book_median_gap((0..customers.len()).map(orders_of));
    let unknown = Unknown::of(book, today);
    let found = customers
        .iter()
        .zip(inputs)
        .enumerate()
        .map(|(i, (c, input))| {
            let mut found = one(
                book,
                c,
                orders_of(i),
                input,
                today,
                settings,
                model,
                median_gap,
                unknown.contacts,
            );
            found
                .findings
                .retain(|(f, _, _)| !unknown.factors.contains(f));
            found
        })
        .collect();
    (found, unknown.factors)
}

/// What the book records nothing of as of `today`, so the factors that read it would
/// only be guessing: a book without visits logged says nothing about contact gaps.
struct Unknown {
    factors: Vec<Factor>,
    /// No contact person recorded at any customer: who decides there is unknown, not
    /// a finding.
    contacts: bool,
}

impl Unknown {
    fn of(book: &Book, today: Date) -> Unknown {
        let mut factors = Vec::new();
        let mut none = |empty: bool, these: &[Factor]| {
            if empty {
                factors.extend_from_slice(these);
            }
        };
        let orders = || book.orders().iter().filter(|o| o.date <= today);
        none(
            orders().next().is_none(),
            &[
                Factor::OrderVolumeDown,
                Factor::OrderFrequencyDown,
                Factor::PurchaseOverdue,
            ],
        );
        none(
            !orders().any(|o| o.margin != crate::money::Money::ZERO),
            &[Factor::MarginFalling],
        );
        none(
            !orders().any(|o| o.cost_to_serve != crate::money::Money::ZERO),
            &[Factor::CostToServeUp],
        );
        none(
            !book.interactions().iter().any(|x| x.date <= today),
            &[Factor::ContactGap],
        );
        none(
            !book.surveys().iter().any(|x| x.date <= today),
            &[Factor::SatisfactionLow, Factor::SurveyOverdue],
        );
        none(
            !book.relationships().iter().any(|x| x.since <= today),
            &[
                Factor::SingleContactPoint,
                Factor::OwnerLeaving,
                Factor::RecentHandover,
            ],
        );
        none(
            !book.complaints().iter().any(|x| x.received <= today),
            &[Factor::ComplaintsOpen, Factor::ComplaintsNotReportedBack],
        );
        none(
            !book.signals().iter().any(|x| x.date <= today),
            &[Factor::SignalsLogged],
        );
        Unknown {
            factors,
            contacts: book.contacts().iter().next().is_none(),
        }
    }
}

/// The factors the book has no data for as of `today`: they add nothing to any score,
/// and the register says so once rather than on every customer.
pub fn factors_without_data(book: &Book, today: Date) -> Vec<Factor> {
    Unknown::of(book, today).factors
}

/// Fills the flat order list before every slot is written; never read.
static PLACEHOLDER: Order = Order {
    id: OrderId(0),
    customer: CustomerId(0),
    date: chrono::NaiveDate::MIN,
    amount: crate::money::Money::ZERO,
    quantity: 0,
    margin: crate::money::Money::ZERO,
    cost_to_serve: crate::money::Money::ZERO,
    staff: None,
    note: String::new(),
};

/// The book's typical days between purchases, for customers who bought only once.
pub(super) fn book_median_gap<'a, 'b: 'a>(orders: impl Iterator<Item = &'a [&'b Order]>) -> f64 {
    let mut gaps: Vec<f64> = orders.filter_map(usual_gap).collect();
    if gaps.is_empty() {
        return 30.0;
    }
    gaps.sort_by(f64::total_cmp);
    gaps[gaps.len() / 2]
}

/// Distinct days with an order, in orders sorted by date.
pub(super) fn purchase_days(orders: &[&Order]) -> u32 {
    let mut days = 0u32;
    let mut previous = None;
    for o in orders {
        if previous != Some(o.date) {
            days += 1;
            previous = Some(o.date);
        }
    }
    days
}

/// Mean days between distinct purchase days; `None` with fewer than two.
pub(super) fn usual_gap(orders: &[&Order]) -> Option<f64> {
    let (first, last) = (orders.first()?.date, orders.last()?.date);
    let days = purchase_days(orders);
    (days >= 2).then(|| (last - first).num_days() as f64 / f64::from(days - 1))
}

#[allow(clippy::too_many_arguments)]
fn one(
    book: &Book,
    customer: &Customer,
    orders_list: &[&Order],
    input: Inputs,
    today: Date,
    settings: &RiskSettings,
    model: Option<&OrderModel>,
    median_gap: f64,
    no_contacts_recorded: bool,
) -> Found {
    let mut findings = Vec::new();
    let days = |d: Date| (today - d).num_days();
    let summary = summarize(orders_list, today);
    let p_alive = model
        .and_then(|m| m.bgnbd)
        .zip(summary)
        .map(|(m, s)| m.p_alive(&s));
    let horizon_days = model.map_or(settings.window_days.max(1), |m| m.horizon_days);
    let p_no_purchase = model.and_then(|m| m.p_no_purchase(orders_list, today, median_gap));

    orders(orders_list, today, settings, &mut findings);
    if let Some(last) = orders_list.last().map(|o| o.date) {
        let usual = usual_gap(orders_list).unwrap_or(median_gap).max(1.0);
        let silent = days(last);
        // The order model weighs the rhythm, the silence and how much the history
        // says at once (one-time buyers included); without one, the customer's gap
        // against its usual one is all there is.
        let severity =
            p_no_purchase.unwrap_or_else(|| clamp01((silent as f64 / usual - 1.5) / 2.5));
        findings.push((
            Factor::PurchaseOverdue,
            clamp01(severity),
            FactorFacts::Overdue {
                days_silent: silent,
                usual_gap_days: usual,
                p_alive,
                p_no_purchase,
                horizon_days,
            },
        ));
    }

    // Complaints, each seen as it stood on `today`.
    let step = |d: Option<Date>| d.filter(|d| *d <= today);
    let (mut open, mut overdue, mut high) = (0u32, 0u32, 0u32);
    let (mut unreported, mut oldest) = (0u32, 0i64);
    for c in &input.complaints {
        let seen = Complaint {
            investigating_on: step(c.investigating_on),
            resolved_on: step(c.resolved_on),
            reported_back_on: step(c.reported_back_on),
            ..Complaint::clone(c)
        };
        if seen.is_open() {
            open += 1;
            overdue += u32::from(seen.is_overdue(today));
            high += u32::from(seen.severity == Severity::High);
        } else if let (Some(resolved), None) = (seen.resolved_on, seen.reported_back_on) {
            // Overdue for a report-back (3 days) and from the last year.
            if seen.is_overdue(today) && days(resolved) <= 365 {
                unreported += 1;
                oldest = oldest.max(days(resolved));
            }
        }
    }
    if open > 0 {
        findings.push((
            Factor::ComplaintsOpen,
            clamp01(0.4 * f64::from(open) + 0.3 * f64::from(overdue) + 0.3 * f64::from(high)),
            FactorFacts::Complaints {
                open,
                overdue,
                high_severity: high,
            },
        ));
    }
    if unreported > 0 {
        findings.push((
            Factor::ComplaintsNotReportedBack,
            clamp01(0.5 * f64::from(unreported)),
            FactorFacts::NotReportedBack {
                count: unreported,
                oldest_days: oldest,
            },
        ));
    }

    // Satisfaction: low (5 and 4 are fine) or dropping since the previous survey.
    if let Some((date, latest)) = input.surveys[0] {
        let previous = input.surveys[1].map(|(_, s)| s);
        let level = match latest {
            0..=1 => 1.0,
            2 => 0.8,
            3 => 0.4,
            _ => 0.0,
        };
        let drop = previous.map_or(0.0, |p| f64::from(p.saturating_sub(latest)) * 0.25);
        findings.push((
            Factor::SatisfactionLow,
            clamp01(level + drop),
            FactorFacts::Satisfaction {
                latest,
                previous,
                days_ago: days(date),
            },
        ));
    }
    let interval = settings.survey_interval_days.max(1);
    let since_survey = input.surveys[0].map(|(d, _)| days(d));
    let waited = since_survey.unwrap_or_else(|| days(customer.since));
    findings.push((
        Factor::SurveyOverdue,
        clamp01((waited as f64 - f64::from(interval)) / f64::from(interval)),
        FactorFacts::SurveyDue {
            days_since: since_survey,
            interval_days: interval,
        },
    ));

    let cadence = settings.cadence_days(customer.tier);
    let since_contact = input.last_contact.map(days);
    let gap = since_contact.unwrap_or_else(|| days(customer.since));
    findings.push((
        Factor::ContactGap,
        clamp01((gap as f64 - f64::from(cadence)) / (2.0 * f64::from(cadence))),
        FactorFacts::ContactGap {
            days_since: since_contact,
            cadence_days: cadence,
            tier: customer.tier,
        },
    ));

    let decision_maker_known = book
        .contacts()
        .of_customer(customer.id)
        .any(|c| c.decision_maker);
    people(
        book,
        &input.relationships,
        decision_maker_known || no_contacts_recorded,
        today,
        settings,
        &mut findings,
    );

    if let Some(latest) = input.signals.iter().max_by_key(|s| (s.date, s.id)) {
        let strength = |s: Severity| match s {
            Severity::Low => 0.34,
            Severity::Medium => 0.67,
            Severity::High => 1.0,
        };
        let total: f64 = input.signals.iter().map(|s| strength(s.severity)).sum();
        let strongest = input
            .signals
            .iter()
            .map(|s| s.severity)
            .max()
            .unwrap_or_default();
        findings.push((
            Factor::SignalsLogged,
            clamp01(total),
            FactorFacts::Signals {
                count: u32::try_from(input.signals.len()).unwrap_or(u32::MAX),
                strongest,
                latest_kind: latest.kind,
                latest_days_ago: days(latest.date),
            },
        ));
    }

    Found {
        customer: customer.id,
        orders: u32::try_from(orders_list.len()).unwrap_or(u32::MAX),
        p_alive,
        modelled: model.is_some(),
        findings,
    }
}

/// Volume, frequency, margin and cost to serve: the recent window against the average
/// window of the baseline just before it.
fn orders(
    orders: &[&Order],
    today: Date,
    settings: &RiskSettings,
    findings: &mut Vec<(Factor, f64, FactorFacts)>,
) {
    let window = i64::from(settings.window_days.max(1));
    let windows = i64::from(settings.baseline_windows.max(1));
    let recent_from = crate::records::dates::plus_days(today, -(window));
    let baseline_from = crate::records::dates::plus_days(recent_from, -(window * windows));
    #[derive(Default)]
    struct Sums {
        count: f64,
        amount: f64,
        margin: f64,
        cost: f64,
    }
    let (mut recent, mut base) = (Sums::default(), Sums::default());
    for o in orders.iter().rev() {
        let into = if o.date > recent_from {
            &mut recent
        } else if o.date > baseline_from {
            &mut base
        } else {
            break;
        };
        into.count += 1.0;
        into.amount += o.amount.yuan();
        into.margin += o.margin.yuan();
        into.cost += o.cost_to_serve.yuan();
    }
    let per = windows as f64;
    let facts = |recent: f64, previous: f64| FactorFacts::Change {
        recent,
        previous,
        change_pct: pct(recent / previous - 1.0),
        window_days: settings.window_days,
        baseline_days: settings.window_days * settings.baseline_windows.max(1),
    };
    if base.amount > 0.0 {
        let previous = base.amount / per;
        let drop = 1.0 - recent.amount / previous;
        findings.push((
            Factor::OrderVolumeDown,
            clamp01((drop - 0.15) / 0.55),
            facts(recent.amount, previous),
        ));
    }
    if base.count > 0.0 {
        let previous = base.count / per;
        let drop = 1.0 - recent.count / previous;
        findings.push((
            Factor::OrderFrequencyDown,
            clamp01((drop - 0.15) / 0.55),
            facts(recent.count, previous),
        ));
    }
    if recent.amount > 0.0 && base.amount > 0.0 {
        let (now, before) = (recent.margin / recent.amount, base.margin / base.amount);
        let fall_points = (before - now) * 100.0;
        findings.push((
            Factor::MarginFalling,
            clamp01((fall_points - 2.0) / 8.0),
            FactorFacts::MarginRate {
                recent_pct: pct(now),
                previous_pct: pct(before),
            },
        ));
        if base.cost > 0.0 {
            let cost_change = recent.cost / (base.cost / per) - 1.0;
            let revenue_change = recent.amount / (base.amount / per) - 1.0;
            findings.push((
                Factor::CostToServeUp,
                clamp01((cost_change - revenue_change - 0.1) / 0.6),
                FactorFacts::CostGrowth {
                    cost_change_pct: pct(cost_change),
                    revenue_change_pct: pct(revenue_change),
                },
            ));
        }
    }
}

/// Two changes of owner within this many days are flagged (seed 001 #3).
pub const TOO_MANY_FACES_DAYS: i64 = 90;

/// Dependence on people: one contact point, the owner leaving, a fresh handover.
fn people(
    book: &Book,
    relationships: &[&Relationship],
    decision_maker_known: bool,
    today: Date,
    settings: &RiskSettings,
    findings: &mut Vec<(Factor, f64, FactorFacts)>,
) {
    let live_on = |r: &Relationship| r.since <= today && r.until.is_none_or(|u| u > today);
    // A staff member counts as a contact point while employed on `today`.
    let active = |staff: StaffId| {
        book.staff()
            .get(staff.0)
            .is_some_and(|s| s.status.is_active_on(today))
    };
    let mut points: Vec<StaffId> = relationships
        .iter()
        .filter(|r| live_on(r) && active(r.staff))
        .map(|r| r.staff)
        .collect();
    points.sort();
    points.dedup();
    let count = u32::try_from(points.len()).unwrap_or(u32::MAX);
    // One colleague who knows the customer, or nobody who knows who decides there: the
    // relationship hangs on too little (seed 000).
    let severity = if count <= 1 {
        1.0
    } else if !decision_maker_known {
        0.5
    } else {
        0.0
    };
    findings.push((
        Factor::SingleContactPoint,
        severity,
        FactorFacts::ContactPoints {
            count,
            decision_maker_known,
        },
    ));

    let owner = relationships
        .iter()
        .filter(|r| live_on(r) && r.role == RelationshipRole::Owner)
        .max_by_key(|r| (r.since, r.id));
    let Some(owner) = owner else {
        return;
    };
    if let Some(staff) = book.staff().get(owner.staff.0) {
        let on = match staff.status {
            StaffStatus::Active => None,
            StaffStatus::Leaving(on) | StaffStatus::Left(on) => Some(on),
        };
        // Announced departures within the notice window, or already gone.
        if let Some(on) = on {
            let days_until = (on - today).num_days();
            if days_until <= i64::from(settings.leaving_notice_days) {
                findings.push((
                    Factor::OwnerLeaving,
                    1.0,
                    FactorFacts::OwnerLeaving {
                        staff: staff.id,
                        on,
                        days_until,
                    },
                ));
            }
        }
    }
    let handed_over = relationships
        .iter()
        .any(|r| r.role == RelationshipRole::Owner && r.id != owner.id && r.since <= owner.since);
    let since = (today - owner.since).num_days();
    let window = settings.handover_days.max(1);
    // A tracked handover keeps the customer "in handover" until it is settled (accepted
    // with every checklist step done), however long that takes.
    let in_handover = book
        .handovers()
        .of_customer(owner.customer)
        .any(|h| !h.is_settled());
    let fading = if handed_over && since < i64::from(window) {
        clamp01(1.0 - since as f64 / f64::from(window))
    } else {
        0.0
    };
    let mut owner_starts: Vec<Date> = relationships
        .iter()
        .filter(|r| r.role == RelationshipRole::Owner && r.since <= today)
        .map(|r| r.since)
        .collect();
    owner_starts.sort();
    // The first owner is how the customer came, not a change of hands.
    let transfers_90d = owner_starts
        .iter()
        .skip(1)
        .filter(|d| (today - **d).num_days() < TOO_MANY_FACES_DAYS)
        .count();
    let transfers_90d = u32::try_from(transfers_90d).unwrap_or(u32::MAX);
    let severity = if transfers_90d >= 2 {
        1.0
    } else if in_handover {
        fading.max(0.5)
    } else {
        fading
    };
    if severity > 0.0 {
        findings.push((
            Factor::RecentHandover,
            severity,
            FactorFacts::Handover {
                days_since: since,
                window_days: window,
                transfers_90d,
            },
        ));
    }
}
