use crate::i18n::{use_i18n, variant, I18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::register::NextAction;
use liuke_engine::risk::{FactorFacts, Reason};
use liuke_engine::Book;

/// A risk reason as a sentence a sales manager reads, with the facts behind it.
pub fn reason_sentence(i18n: &I18n, book: &Book, reason: &Reason) -> String {
    let key = format!("reason.{}", variant(&reason.factor));
    let n = |v: f64| format!("{v:.0}");
    let one = |v: f64| {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    match &reason.facts {
        FactorFacts::Change {
            recent,
            previous,
            change_pct,
            window_days,
            ..
        } => {
            let amounts = reason.factor == liuke_engine::risk::Factor::OrderVolumeDown;
            let shown = |v: f64| if amounts { i18n.yuan(v) } else { one(v) };
            i18n.tf(
                &key,
                &[
                    ("window", window_days.to_string()),
                    ("pct", n(change_pct.abs())),
                    ("recent", shown(*recent)),
                    ("previous", shown(*previous)),
                ],
            )
        }
        FactorFacts::Overdue {
            days_silent,
            usual_gap_days,
            p_no_purchase,
            horizon_days,
            ..
        } => {
            let mut s = i18n.tf(
                &key,
                &[
                    ("days", days_silent.to_string()),
                    ("gap", n(*usual_gap_days)),
                ],
            );
            if let Some(p) = p_no_purchase {
                s.push_str(&i18n.tf(
                    "reason.p_no_purchase",
                    &[("pct", n(p * 100.0)), ("days", horizon_days.to_string())],
                ));
            }
            s
        }
        FactorFacts::MarginRate {
            recent_pct,
            previous_pct,
        } => i18n.tf(
            &key,
            &[
                ("recent", one(*recent_pct)),
                ("previous", one(*previous_pct)),
            ],
        ),
        FactorFacts::CostGrowth {
            cost_change_pct,
            revenue_change_pct,
        } => i18n.tf(
            &key,
            &[
                ("cost", format!("{cost_change_pct:+.0}")),
                ("revenue", format!("{revenue_change_pct:+.0}")),
            ],
        ),
        FactorFacts::Complaints {
            open,
            overdue,
            high_severity,
        } => i18n.tf(
            &key,
            &[
                ("open", open.to_string()),
                ("overdue", overdue.to_string()),
                ("high", high_severity.to_string()),
            ],
        ),
        FactorFacts::NotReportedBack { count, oldest_days } => i18n.tf(
            &key,
            &[
                ("count", count.to_string()),
                ("days", oldest_days.to_string()),
            ],
        ),
        FactorFacts::Satisfaction {
            latest,
            previous,
            days_ago,
        } => {
            let mut s = i18n.tf(
                &key,
                &[
                    ("latest", latest.to_string()),
                    ("days", days_ago.to_string()),
                ],
            );
            if let Some(p) = previous {
                s.push_str(&i18n.tf("reason.satisfaction_before", &[("previous", p.to_string())]));
            }
            s
        }
        FactorFacts::SurveyDue {
            days_since,
            interval_days,
        } => match days_since {
            Some(d) => i18n.tf(
                &key,
                &[
                    ("days", d.to_string()),
                    ("interval", interval_days.to_string()),
                ],
            ),
            None => i18n.tf(
                "reason.survey_overdue_never",
                &[("interval", interval_days.to_string())],
            ),
        },
        FactorFacts::ContactGap {
            days_since,
            cadence_days,
            tier,
        } => {
            let args = |d: String| {
                [
                    ("days", d),
                    ("cadence", cadence_days.to_string()),
                    ("tier", format!("{tier:?}")),
                ]
            };
            match days_since {
                Some(d) => i18n.tf(&key, &args(d.to_string())),
                None => i18n.tf("reason.contact_gap_never", &args(String::new())),
            }
        }
        FactorFacts::ContactPoints {
            count,
            decision_maker_known,
        } => {
            let mut parts = Vec::new();
            if *count <= 1 {
                parts.push(i18n.tf(&key, &[("count", count.to_string())]));
            }
            if !decision_maker_known {
                parts.push(i18n.t("reason.no_decision_maker"));
            }
            parts.join("；")
        }
        FactorFacts::OwnerLeaving {
            staff,
            on,
            days_until,
        } => {
            let name = book
                .staff()
                .get(staff.0)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let key = if *days_until <= 0 {
                "reason.owner_left"
            } else {
                "reason.owner_leaving"
            };
            i18n.tf(
                key,
                &[
                    ("name", name),
                    ("date", i18n.date_prose(*on)),
                    ("days", days_until.to_string()),
                ],
            )
        }
        FactorFacts::Handover {
            days_since,
            window_days,
            transfers_90d,
        } => {
            let mut s = i18n.tf(
                &key,
                &[
                    ("days", days_since.to_string()),
                    ("window", window_days.to_string()),
                ],
            );
            if *transfers_90d >= 2 {
                s.push_str(&i18n.tf(
                    "reason.handover_twice",
                    &[("count", transfers_90d.to_string())],
                ));
            }
            s
        }
        FactorFacts::Signals {
            count,
            latest_kind,
            latest_days_ago,
            ..
        } => i18n.tf(
            &key,
            &[
                ("count", count.to_string()),
                ("kind", i18n.t(&format!("signal.{}", variant(latest_kind)))),
                ("days", latest_days_ago.to_string()),
            ],
        ),
        FactorFacts::BaseRate {
            orders,
            credibility,
            ..
        } => {
            let key = if *credibility < 0.6 {
                key.as_str()
            } else {
                "reason.book_base_rate_some"
            };
            i18n.tf(
                key,
                &[
                    ("orders", orders.to_string()),
                    ("points", n(reason.contribution)),
                ],
            )
        }
    }
}

pub fn action_text(i18n: &I18n, action: NextAction) -> String {
    i18n.t(&format!("action.next.{}", variant(&action)))
}

/// The reasons of one customer's score, largest first, each with its points.
#[component]
pub fn ReasonList(reasons: Vec<Reason>, #[prop(optional)] points: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    view! {
        <ul class="reasons">
            {reasons.into_iter().map(|r| {
                let text = {
                    let r = r.clone();
                    move || state.book.with_untracked(|b| reason_sentence(&i18n, b, &r))
                };
                let contribution = r.contribution;
                view! {
                    <li>
                        {text}
                        {points.then(|| view! { <span class="points">{format!(" +{contribution:.0}")}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
