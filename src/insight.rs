//! Risk, value and the register, derived from the book and never stored: a memo that
//! recomputes when the book or the settings change. The model fit, the slow part, is
//! redone only when the orders change.

use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::agenda::AgendaSettings;
use liuke_engine::book::TeamSettings;
use liuke_engine::pool::PoolSettings;
use liuke_engine::register::{register_with, Assessment, CustomerFacts, RegisterLine};
use liuke_engine::risk::{Findings, OrderModel, RiskSettings};
use liuke_engine::rotation::RotationSettings;
use liuke_engine::value::{fit_book, value_book, FitError, FitOptions, Models};
use liuke_engine::Book;
use std::sync::Arc;

mod settings;

pub use settings::SettingsPart;

#[derive(Clone, Copy)]
pub struct Insight {
    /// The team's settings, kept in the book.
    pub settings: SettingsPart<TeamSettings>,
    pub assessment: Memo<Assessment>,
    pub register: Memo<Vec<RegisterLine>>,
    /// The rotation policy and cost model, kept apart: plans read it, scores do not.
    pub rotation: SettingsPart<RotationSettings>,
    /// The customer pool's recycle and claim rules.
    pub pool: SettingsPart<PoolSettings>,
    /// The rules a manager last said yes to: a run under other rules asks first.
    pub pool_confirmed: SettingsPart<Option<PoolSettings>>,
    /// The last run of the pool rules in this session, for its undo on the pool page.
    pub last_recycle: RwSignal<Option<liuke_engine::Change>>,
}

impl Insight {
    /// The agenda's settings, sharing the register's cannot-lose rule.
    pub fn agenda_settings(&self) -> AgendaSettings {
        AgendaSettings {
            top_tier_cannot_lose: self.settings.with(|s| s.register.top_tier_cannot_lose),
            pool: self.pool.get(),
            ..AgendaSettings::default()
        }
    }
}

pub fn use_insight() -> Insight {
    expect_context::<Insight>()
}

/// What the fit depends on: the orders' count, total and last id. An edit elsewhere in
/// the book leaves it equal, so the fit memo does not rerun.
fn orders_fingerprint(book: &Book) -> (usize, i64, u64) {
    let orders = book.orders();
    let total = orders
        .iter()
        .map(|o| o.amount.fen())
        .fold(0i64, i64::wrapping_add);
    let last = orders.iter().map(|o| o.id.0).max().unwrap_or(0);
    (orders.len(), total, last)
}

pub fn provide_insight() -> Insight {
    let state = use_state();
    let settings = settings::team_settings(state);
    let fingerprint = Memo::new(move |_| state.book.with(orders_fingerprint));
    let fit: Memo<Result<Models, FitError>> = Memo::new(move |_| {
        fingerprint.track();
        state
            .book
            .with_untracked(|b| fit_book(b, state.today(), &FitOptions::default()))
    });
    // Each part reruns only for its own settings: a weight change weighs the findings
    // again but neither reads the book anew nor touches the value view (CLV for every
    // customer).
    let risk_settings = Memo::new(move |_| settings.with(|s| s.risk));
    let gathering = Memo::new(move |_| risk_settings.with(RiskSettings::gathering_key));
    let value_settings = Memo::new(move |_| settings.with(|s| s.value));
    // The order part of the score, learned from the book's past: refitted when the
    // orders or the window change, like the value models.
    let horizon = Memo::new(move |_| risk_settings.with(|s| s.window_days));
    let order: Memo<Option<OrderModel>> = Memo::new(move |_| {
        fingerprint.track();
        let days = horizon.get();
        fit.with(|fit| {
            let bgnbd = fit.as_ref().ok().map(|m| &m.bgnbd);
            state
                .book
                .with_untracked(|b| OrderModel::fit(b, state.today(), days, bgnbd))
        })
    });
    let findings = Memo::new(move |_| {
        let s = gathering.get();
        order.with(|model| {
            state
                .book
                .with(|b| Findings::gather(b, state.today(), &s, model.as_ref()))
        })
    });
    let risks = Memo::new(move |_| {
        let s = risk_settings.get();
        Arc::new(findings.with(|f| f.score(&s)))
    });
    let values = Memo::new(move |_| {
        let s = value_settings.get();
        fit.with(|fit| {
            Arc::new(
                state
                    .book
                    .with(|b| value_book(b, state.today(), fit.as_ref().ok(), &s)),
            )
        })
    });
    // Built only when a part changed, so it always counts as changed: comparing two
    // assessments of a large book costs more than passing one on.
    let assessment = Memo::new_with_compare(
        move |_| Assessment {
            today: state.today(),
            risks: risks.get(),
            values: values.get(),
            fit: fit.get(),
            order: order.get(),
        },
        |_, _| true,
    );
    let register_settings = Memo::new(move |_| settings.with(|s| s.register));
    let facts = Memo::new(move |_| state.book.with(|b| CustomerFacts::gather(b, state.today())));
    let register = Memo::new(move |_| {
        let s = register_settings.get();
        facts.with(|f| assessment.with(|a| state.book.with(|b| register_with(b, a, f, &s))))
    });
    let rotation = settings.part(|s| &s.rotation, |s| &mut s.rotation);
    let pool = settings.part(|s| &s.pool, |s| &mut s.pool);
    let pool_confirmed = settings.part(|s| &s.pool_confirmed, |s| &mut s.pool_confirmed);
    let insight = Insight {
        settings,
        assessment,
        register,
        rotation,
        pool,
        pool_confirmed,
        last_recycle: RwSignal::new(None),
    };
    provide_context(insight);
    insight
}
