//! What happens in the book over time: orders, interactions, complaints, surveys, signals.

use super::calendar::SEASON_MAX;
use super::dice::{self, Dice};
use super::names::INDUSTRIES;
use super::texts;
use super::{CustomerPlan, Draft, Fate};
use crate::money::Money;
use crate::records::*;

/// Splits `total` over customers in proportion to `weights`, each getting at least
/// `min_each` (when that fits), and exactly `total` in all.
pub(super) fn allocate(weights: &[f64], total: usize, min_each: usize) -> Vec<usize> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let min_each = if min_each * n > total { 0 } else { min_each };
    let spread = total - min_each * n;
    let sum: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    let mut out = Vec::with_capacity(n);
    let mut acc = 0.0;
    let mut given = 0;
    for (i, w) in weights.iter().enumerate() {
        acc += if sum > 0.0 {
            spread as f64 * w.max(0.0) / sum
        } else {
            spread as f64 / n as f64
        };
        let upto = if i + 1 == n {
            spread
        } else {
            (acc + 0.5).floor() as usize
        };
        let upto = upto.clamp(given, spread);
        out.push(min_each + upto - given);
        given = upto;
    }
    out
}

/// A day in `[end, start]` days ago, drawn in proportion to `weight(ago)` (at most `max`).
fn draw_day(dice: &mut Dice, start: i32, end: i32, max: f64, weight: impl Fn(i32) -> f64) -> i32 {
    for _ in 0..200 {
        let ago = dice.between(end, start);
        if dice.unit() * max < weight(ago) {
            return ago;
        }
    }
    start
}

/// Per-customer habits that shape each of its orders.
struct Habits {
    customer: CustomerId,
    /// When the customer began drifting away (days ago), if it did.
    drifting_from: Option<i32>,
    mean: f64,
    margin_rate: f64,
    unit_price: f64,
    /// A "dog" customer (seed 004): small orders that cost a lot to serve.
    dog: bool,
}

pub(super) fn orders(d: &mut Draft, total: usize) {
    let cal = &d.cal;
    let weights: Vec<f64> = d
        .customers
        .iter()
        .map(|c| c.size.sqrt() * c.order_days(cal))
        .collect();
    let counts = allocate(&weights, total, 1);
    let dice = &mut d.dice;
    let mut days: Vec<(i32, u32, Option<StaffId>)> = Vec::with_capacity(total);
    let mut habits = Vec::with_capacity(d.customers.len());
    for (ci, (c, n)) in d.customers.iter().zip(counts).enumerate() {
        let (low, high) = INDUSTRIES[c.industry].unit_price;
        habits.push(Habits {
            customer: c.record.id,
            drifting_from: match c.fate {
                Fate::Drifting { from, .. } => Some(from),
                _ => None,
            },
            mean: (2500.0 * c.size.sqrt()).clamp(200.0, 600_000.0),
            margin_rate: dice.real(0.10, 0.28),
            unit_price: dice.real(low, high),
            dog: c.record.tier == Tier::C && dice.chance(0.05),
        });
        for _ in 0..n {
            let ago = draw_day(dice, c.start(), c.order_end(), SEASON_MAX, |ago| {
                cal.season(ago) * c.order_trend(ago)
            });
            days.push((ago, ci as u32, c.owner_at(ago, &d.staff)));
        }
    }
    days.sort_by_key(|(ago, ci, _)| (std::cmp::Reverse(*ago), *ci));
    let mut orders = Vec::with_capacity(total);
    for (ago, ci, staff) in days {
        let h = &habits[ci as usize];
        let yuan = (h.mean * dice.log_normal(0.55)).max(50.0);
        let amount = dice::round(yuan * 10.0) * 10;
        let mut rate = h.margin_rate + 0.03 * dice.normal();
        if h.drifting_from.is_some_and(|from| ago < from) {
            rate -= 0.05;
        }
        let margin = dice::round(amount as f64 * rate.clamp(0.08, 0.30));
        let cost = if h.dog {
            dice.real(400.0, 1200.0)
        } else {
            dice.real(60.0, 200.0) + yuan * dice.real(0.01, 0.04)
        };
        let quantity = dice::round(yuan / h.unit_price).clamp(1, i64::from(u32::MAX)) as u32;
        let note = if cal.season(ago) > 1.3 && dice.chance(0.15) {
            texts::ORDER_BEFORE_FESTIVAL.to_string()
        } else if yuan > h.mean * 3.0 && dice.chance(0.5) {
            texts::ORDER_PROJECT.to_string()
        } else {
            String::new()
        };
        let id = OrderId(d.next_id);
        d.next_id += 1;
        orders.push(Order {
            id,
            customer: h.customer,
            date: cal.date(ago),
            amount: Money(amount),
            quantity,
            margin: Money(margin),
            cost_to_serve: Money(dice::round(cost * 100.0)),
            staff,
            note,
        });
    }
    d.orders = orders;
}

/// Interaction kinds with their shares of all interactions.
const KINDS: [(InteractionKind, f64); 7] = [
    (InteractionKind::Visit, 0.24),
    (InteractionKind::Call, 0.30),
    (InteractionKind::Message, 0.22),
    (InteractionKind::Gift, 0.05),
    (InteractionKind::Event, 0.03),
    (InteractionKind::Greeting, 0.08),
    (InteractionKind::ReturnVisit, 0.08),
];

fn tier_weight(tier: Tier, weights: [f64; 3]) -> f64 {
    match tier {
        Tier::A => weights[0],
        Tier::B => weights[1],
        Tier::C => weights[2],
    }
}

/// An interaction before it has an id; ids follow dates, so these are sorted first.
struct Planned {
    ago: i32,
    customer: CustomerId,
    kind: InteractionKind,
    summary: &'static str,
    staff: Option<StaffId>,
    contact: Option<ContactId>,
}

pub(super) fn interactions(d: &mut Draft, total: usize) {
    let weights: Vec<f64> = d
        .customers
        .iter()
        .map(|c| tier_weight(c.record.tier, [4.0, 2.0, 1.0]) * c.contact_days())
        .collect();
    let counts = allocate(&weights, total, 0);
    let kind_weights: Vec<f64> = KINDS.iter().map(|k| k.1).collect();
    let cal = &d.cal;
    let dice = &mut d.dice;
    let mut planned: Vec<Planned> = Vec::with_capacity(total);
    for (c, n) in d.customers.iter().zip(counts) {
        let start = c.start();
        for _ in 0..n {
            let kind = KINDS[dice.weighted(&kind_weights)].0;
            let mut ago = draw_day(dice, start, 0, 1.0, |ago| c.contact_trend(ago));
            let summary = match kind {
                InteractionKind::Visit | InteractionKind::Call if is_after_loss(c, ago) => {
                    dice.pick(texts::WIN_BACK)
                }
                InteractionKind::Visit => dice.pick(texts::VISIT),
                InteractionKind::Call => dice.pick(texts::CALL),
                InteractionKind::Message => dice.pick(texts::MESSAGE),
                InteractionKind::Event => dice.pick(texts::EVENT),
                InteractionKind::ReturnVisit => dice.pick(texts::RETURN_VISIT),
                InteractionKind::Greeting => match cal.festival_before(ago, true) {
                    Some(festival) if dice.chance(0.6) && festival <= start => {
                        ago = (festival - dice.between(0, 3)).max(0);
                        dice.pick(texts::SPRING_GREETING)
                    }
                    _ => dice.pick(texts::GREETING),
                },
                InteractionKind::Gift => {
                    let spring = dice.chance(0.5);
                    match cal
                        .festival_before(ago, spring)
                        .map(|f| f + dice.between(3, 12))
                    {
                        Some(before) if before <= start => ago = before,
                        _ => {}
                    }
                    dice.pick(if spring {
                        texts::SPRING_GIFT
                    } else {
                        texts::AUTUMN_GIFT
                    })
                }
            };
            let staff = match c.helpers.iter().find(|(_, from)| *from >= ago) {
                Some((h, _)) if dice.chance(0.15) => Some(d.staff[*h].record.id),
                _ => c.owner_at(ago, &d.staff),
            };
            let contact = if !c.contacts.is_empty() && dice.chance(0.75) {
                Some(c.contacts[dice.below(c.contacts.len())])
            } else {
                None
            };
            planned.push(Planned {
                ago,
                customer: c.record.id,
                kind,
                summary,
                staff,
                contact,
            });
        }
    }
    planned.sort_by_key(|p| (std::cmp::Reverse(p.ago), p.customer));
    // A rep who visited or called in the last month agreed when to get back in touch at
    // the customer's latest such contact: one to three weeks later, so a demo agenda
    // has promises coming up and a few already missed.
    let mut promised: crate::ids::IdHashMap<CustomerId, usize> = Default::default();
    for (index, p) in planned.iter().enumerate() {
        let talk = matches!(
            p.kind,
            InteractionKind::Visit | InteractionKind::Call | InteractionKind::ReturnVisit
        );
        if talk && p.ago <= 30 {
            promised.insert(p.customer, index);
        } else if p.ago <= 30 {
            promised.remove(&p.customer);
        }
    }
    let promised: std::collections::HashSet<usize> = promised.into_values().collect();
    let mut out = Vec::with_capacity(total);
    for (index, p) in planned.into_iter().enumerate() {
        let id = InteractionId(d.next_id);
        d.next_id += 1;
        let next_contact = promised
            .contains(&index)
            .then(|| crate::records::dates::plus_days(cal.date(p.ago), 7 + (id.0 % 15) as i64));
        out.push(Interaction {
            id,
            customer: p.customer,
            date: cal.date(p.ago),
            kind: p.kind,
            staff: p.staff,
            contact: p.contact,
            summary: p.summary.to_string(),
            next_contact,
        });
    }
    d.interactions = out;
}

fn is_after_loss(c: &CustomerPlan, ago: i32) -> bool {
    matches!(c.fate, Fate::Lost { last } if ago < last)
}

/// Where in the customer's history trouble concentrates, as `[end, start]` days ago.
fn trouble_window(c: &CustomerPlan) -> (i32, i32) {
    let start = c.start();
    match c.fate {
        Fate::Drifting { from, .. } => (0, start.min(from + 240)),
        Fate::Lost { last } => ((last - 30).max(0), start.min(last + 400)),
        Fate::WonBack { from, to } => (to, start.min(from + 120)),
        Fate::Steady if c.flagged => (0, start.min(90)),
        Fate::Steady => (0, start),
    }
}

pub(super) fn complaints(d: &mut Draft, total: usize) {
    let weights: Vec<f64> = d
        .customers
        .iter()
        .map(|c| {
            let fate = match c.fate {
                Fate::Drifting { .. } => 3.5,
                Fate::Lost { .. } => 3.0,
                Fate::WonBack { .. } => 2.0,
                Fate::Steady if c.flagged => 2.0,
                Fate::Steady => 1.0,
            };
            let years = f64::from(c.start().max(30)) / 365.0;
            years * fate * tier_weight(c.record.tier, [1.3, 1.1, 1.0])
        })
        .collect();
    let counts = allocate(&weights, total, 0);
    let cal = &d.cal;
    let dice = &mut d.dice;
    let mut out = Vec::with_capacity(total);
    for (c, n) in d.customers.iter().zip(counts) {
        let troubled = !matches!(c.fate, Fate::Steady) || c.flagged;
        for _ in 0..n {
            let (end, start) = trouble_window(c);
            let received = dice.between(end, start);
            let severity =
                [Severity::Low, Severity::Medium, Severity::High][dice.weighted(if troubled {
                    &[0.2, 0.45, 0.35]
                } else {
                    &[0.4, 0.45, 0.15]
                })];
            let stage = dice.weighted(if received > 60 {
                &[0.03, 0.05, 0.17, 0.75]
            } else {
                &[0.15, 0.25, 0.25, 0.35]
            });
            let mut steps = [None; 3];
            let mut day = received;
            for (k, step) in steps.iter_mut().enumerate().take(stage) {
                day -= match k {
                    0 => dice.between(0, 3),
                    1 => dice.between(1, 25),
                    _ => dice.between(0, 10),
                };
                if day < 0 {
                    break;
                }
                *step = Some(cal.date(day));
            }
            let resolution = if steps[1].is_some() {
                dice.pick(texts::RESOLUTIONS).to_string()
            } else {
                String::new()
            };
            out.push(Complaint {
                id: ComplaintId(0),
                customer: c.record.id,
                received: cal.date(received),
                channel: dice.pick(texts::COMPLAINT_CHANNELS).to_string(),
                severity,
                subject: dice.pick(texts::COMPLAINT_SUBJECTS).to_string(),
                investigating_on: steps[0],
                resolved_on: steps[1],
                resolution,
                reported_back_on: steps[2],
            });
        }
    }
    out.sort_by_key(|c| (c.received, c.customer));
    for complaint in &mut out {
        complaint.id = ComplaintId(d.id());
    }
    d.complaints = out;
}

pub(super) fn surveys(d: &mut Draft, total: usize) {
    let end = |c: &CustomerPlan| match c.fate {
        Fate::Lost { last } => (last - 60).max(0),
        _ => 0,
    };
    let weights: Vec<f64> = d
        .customers
        .iter()
        .map(|c| {
            f64::from((c.start() - end(c)).max(1)) * tier_weight(c.record.tier, [3.0, 2.0, 1.0])
        })
        .collect();
    let counts = allocate(&weights, total, 1);
    let cal = &d.cal;
    let dice = &mut d.dice;
    let methods = [
        SurveyMethod::Questionnaire,
        SurveyMethod::Phone,
        SurveyMethod::FaceToFace,
    ];
    // The days come from a dice of their own, so that the draws of everything after the
    // surveys (signals, capacities, win-back cases) stay as they were.
    let mut days = Dice::new(SURVEY_DAYS_SEED);
    let mut out = Vec::with_capacity(total);
    for (c, n) in d.customers.iter().zip(counts) {
        let mood = 0.4 * dice.normal();
        let schedule = survey_days(&mut days, end(c), c.start(), n);
        for ago in schedule {
            // Drawn as before, unused: the main dice moves on as it always has.
            let _ = dice.between(end(c), c.start());
            let mean = satisfaction(c, ago) + mood;
            let score = dice::round(mean + 0.85 * dice.normal()).clamp(1, 5) as u8;
            out.push(Survey {
                id: SurveyId(0),
                customer: c.record.id,
                date: cal.date(ago),
                score,
                method: methods[dice.weighted(&[0.45, 0.40, 0.15])],
            });
        }
    }
    out.sort_by_key(|s| (s.date, s.customer));
    for survey in &mut out {
        survey.id = SurveyId(d.id());
    }
    d.surveys = out;
}

/// Seeds the days of the sample surveys.
const SURVEY_DAYS_SEED: u64 = 0x7375_7276_6579;

/// A team that surveys as the agenda asks (every 180 days): the latest survey within the
/// last 200 days before `end` (so about one customer in eight is due), each earlier one
/// about 170 days before the next; none before the customer came (`start`, days ago).
/// Returns `n` days, as days ago; those that would fall before `start` land on it.
fn survey_days(days: &mut Dice, end: i32, start: i32, n: usize) -> Vec<i32> {
    let mut out = Vec::with_capacity(n);
    let mut ago = (end + days.between(0, 200)).min(start);
    for _ in 0..n {
        out.push(ago);
        ago = (ago + 170 + days.between(-25, 25)).min(start);
    }
    out
}

/// The score a customer would give on average on a day: lower while drifting away.
fn satisfaction(c: &CustomerPlan, ago: i32) -> f64 {
    let base = if c.record.tier == Tier::A { 4.4 } else { 4.2 };
    match c.fate {
        Fate::Steady if c.flagged && ago < 90 => 3.0,
        Fate::Steady => base,
        Fate::Drifting { from, .. } if ago < from + 60 => 2.6,
        Fate::Drifting { .. } => 3.9,
        Fate::Lost { last } if ago < last + 200 => 2.3,
        Fate::Lost { .. } => 3.6,
        Fate::WonBack { from, .. } if ago <= from => 3.4,
        Fate::WonBack { .. } => 3.9,
    }
}

/// Signs of leaving (观象), logged mostly where something really is going wrong, plus a
/// few false alarms.
pub(super) fn signals(d: &mut Draft) {
    let cal = &d.cal;
    let dice = &mut d.dice;
    let kinds = [
        SignalKind::StrategyChange,
        SignalKind::ProcurementReform,
        SignalKind::CompetitorApproach,
        SignalKind::CustomerCrisis,
        SignalKind::PricePressure,
        SignalKind::Other,
    ];
    let mut out = Vec::new();
    for c in &d.customers {
        let limit = c.start();
        let (count, end, start, serious) = match c.fate {
            Fate::Drifting { from, .. } => (dice.between(1, 3), 0, from + 60, true),
            Fate::Lost { last } => (dice.between(1, 2), last, last + 200, true),
            Fate::WonBack { from, to } => (1, to, from, true),
            Fate::Steady if c.flagged => (1, 0, 60, true),
            Fate::Steady if dice.chance(0.02) => (1, 0, 365, false),
            Fate::Steady => (0, 0, 0, false),
        };
        for _ in 0..count {
            let ago = dice.between(end.min(limit), start.min(limit));
            let kind = kinds[dice.weighted(&[0.10, 0.15, 0.35, 0.10, 0.25, 0.05])];
            let severity =
                [Severity::Low, Severity::Medium, Severity::High][dice.weighted(if serious {
                    &[0.1, 0.5, 0.4]
                } else {
                    &[0.7, 0.3, 0.0]
                })];
            let note = dice.pick(match kind {
                SignalKind::CompetitorApproach => texts::COMPETITOR,
                SignalKind::PricePressure => texts::PRICE,
                SignalKind::ProcurementReform => texts::PROCUREMENT,
                SignalKind::StrategyChange => texts::STRATEGY,
                SignalKind::CustomerCrisis => texts::CRISIS,
                SignalKind::Other => texts::OTHER_SIGNALS,
            });
            out.push(Signal {
                id: SignalId(0),
                customer: c.record.id,
                date: cal.date(ago),
                kind,
                severity,
                note: note.to_string(),
            });
        }
    }
    out.sort_by_key(|s| (s.date, s.customer));
    for signal in &mut out {
        signal.id = SignalId(d.id());
    }
    d.signals = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_is_exact_and_proportional() {
        let counts = allocate(&[1.0, 2.0, 3.0, 0.0], 100, 1);
        assert_eq!(counts.iter().sum::<usize>(), 100);
        assert_eq!(counts[3], 1);
        assert!(counts[2] > counts[1] && counts[1] > counts[0]);
        assert_eq!(allocate(&[0.0, 0.0], 5, 0).iter().sum::<usize>(), 5);
        assert_eq!(allocate(&[1.0; 10], 3, 1).iter().sum::<usize>(), 3);
        assert!(allocate(&[], 3, 1).is_empty());
    }
}
