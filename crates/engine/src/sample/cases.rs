//! Win-back cases (流失挽回) the sample's story implies: every won-back customer came
//! back through a case, most lost ones had a case that failed, and a few drifting
//! customers have one under way. Without them the demo's win-back board, its rate by
//! month and the dashboard's "已挽回" disagreed with the customers' statuses (issue 19.2).

use super::{calendar::Calendar, dice::Dice, texts, CustomerPlan, Draft, Fate, StaffPlan};
use crate::money::Money;
use crate::records::*;

/// The causes a distributor's lost customers give, and how often (seed 003's taxonomy).
const CAUSES: &[(LossCause, f64)] = &[
    (LossCause::PriceFocus, 0.28),
    (LossCause::CompetitorPoaching, 0.24),
    (LossCause::UnsolvedProblems, 0.16),
    (LossCause::StaffTurnover, 0.12),
    (LossCause::BrokenTrust, 0.08),
    (LossCause::NeglectedEmployees, 0.06),
    (LossCause::NaturalChurn, 0.06),
];

const VIA: &[(LearnedVia, f64)] = &[
    (LearnedVia::Visit, 0.45),
    (LearnedVia::Phone, 0.4),
    (LearnedVia::Questionnaire, 0.15),
];

/// How the case ends, in days ago: `None` for a case still open.
struct Story {
    opened: i32,
    closed: Option<(i32, WinbackOutcome)>,
}

pub(super) fn winback_cases(d: &mut Draft) {
    let mut cases = Vec::new();
    for c in &d.customers {
        let Some(story) = story(&mut d.dice, c) else {
            continue;
        };
        cases.push(case(&d.cal, &mut d.dice, &d.staff, c, &story));
    }
    for mut case in cases {
        case.id = WinbackId(d.id());
        d.cases.push(case);
    }
}

fn story(dice: &mut Dice, c: &CustomerPlan) -> Option<Story> {
    match c.fate {
        // Noticed a few months after the last order, worked for two to six months.
        Fate::WonBack { from, to } => {
            let opened = (from - dice.between(60, 120)).max(to + 20);
            Some(Story {
                opened,
                closed: Some((to, WinbackOutcome::WonBack)),
            })
        }
        Fate::Lost { last } if dice.chance(0.8) => {
            let opened = last - dice.between(90, 150);
            let closed = opened - dice.between(30, 90);
            Some(Story {
                opened,
                closed: (closed > 0).then_some((closed, WinbackOutcome::NotWonBack)),
            })
        }
        Fate::Drifting { .. } if c.record.status == CustomerStatus::AtRisk && dice.chance(0.4) => {
            Some(Story {
                opened: dice.between(7, 60),
                closed: None,
            })
        }
        _ => None,
    }
}

fn case(
    cal: &Calendar,
    dice: &mut Dice,
    staff: &[StaffPlan],
    c: &CustomerPlan,
    story: &Story,
) -> WinbackCase {
    // An open case is run by whoever owns the customer now; a closed one by its owner then.
    let owner = c.owner_at(story.closed.map_or(0, |_| story.opened), staff);
    // A case opened days ago may not have found its cause yet.
    let cause_known = story.closed.is_some() || story.opened > 14 || dice.chance(0.3);
    let mut causes = Vec::new();
    if cause_known {
        causes.push(*dice.pick_weighted(CAUSES));
        if dice.chance(0.35) {
            let second = *dice.pick_weighted(CAUSES);
            if !causes.contains(&second) {
                causes.push(second);
            }
        }
    }
    let end = story.closed.map_or(0, |(ago, _)| ago);
    let mut actions = Vec::new();
    if cause_known {
        let steps = dice.between(2, 3);
        for k in 0..steps {
            // Spread over the case's life; an open case's last step lies ahead.
            let span = story.opened - end;
            let due = story.opened - span * (k + 1) / (steps + 1);
            let due = if story.closed.is_none() && k == steps - 1 {
                -dice.between(3, 14)
            } else {
                due
            };
            actions.push(WinbackAction {
                what: dice.pick(texts::WINBACK_ACTIONS).to_string(),
                staff: owner,
                due: cal.date(due),
                done: (due > 0).then(|| cal.date(due)),
            });
        }
    }
    let (closed, outcome) = match story.closed {
        Some((ago, outcome)) => (Some(cal.date(ago)), outcome),
        None => (None, WinbackOutcome::Open),
    };
    let lost = outcome == WinbackOutcome::NotWonBack;
    let exit = if lost {
        ExitChecklist {
            tried_to_retain: true,
            learned_why: true,
            open_items_settled: dice.chance(0.8),
            claims_settled: dice.chance(0.7),
            bad_news_contained: dice.chance(0.6),
            others_informed: false,
            market_gap: Money::from_yuan(i64::from(dice.between(20, 300)) * 1000),
            lessons: dice.pick(texts::WINBACK_LESSONS).to_string(),
            ..ExitChecklist::default()
        }
    } else {
        ExitChecklist::default()
    };
    WinbackCase {
        id: WinbackId(0),
        customer: c.record.id,
        opened: cal.date(story.opened),
        owner,
        primary: causes.first().copied(),
        causes,
        learned_via: cause_known.then(|| *dice.pick_weighted(VIA)),
        worth_it: cause_known.then_some(true),
        plan: if cause_known {
            dice.pick(texts::WINBACK_PLANS).to_string()
        } else {
            String::new()
        },
        actions,
        exit,
        outcome,
        closed,
        why_not: if lost {
            dice.pick(texts::WINBACK_WHY_NOT).to_string()
        } else {
            String::new()
        },
    }
}
