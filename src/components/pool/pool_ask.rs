use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::pool::{ask_first, recycle, AskFirst};

/// The customers the next run of the pool rules would return, exactly, when that run
/// waits for a yes (new rules, cannot-lose customers, or many at once): who, whose,
/// why, and one button to return them — nothing moves without it.
#[component]
pub fn PoolAsk() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let waiting = Memo::new(move |_| {
        let settings = insight.pool.get();
        let confirmed = insight.pool_confirmed.get();
        // What the rules would move now, from the book as stored, whatever day it is
        // looked at: the run (`pool::run_rules`) plans from the same.
        state.stored.with(|b| {
            let (due, _) = recycle(b, &settings, state.calendar_today())?;
            let ask = ask_first(b, &settings, confirmed.as_ref(), &due);
            (!ask.is_empty()).then(|| {
                let rows: Vec<_> = due
                    .iter()
                    .map(|c| {
                        let customer = b.customers().get(c.customer.0);
                        (
                            *c,
                            customer.map(|x| x.name.clone()).unwrap_or_default(),
                            customer.is_some_and(|x| x.cannot_lose),
                            b.staff_name(Some(c.owner)),
                        )
                    })
                    .collect();
                (rows, ask)
            })
        })
    });
    let reasons = move |ask: &[AskFirst]| {
        ask.iter()
            .map(|a| match a {
                AskFirst::RulesChanged => i18n.t("pool.ask.rules_changed"),
                AskFirst::CannotLose(n) => {
                    i18n.tf("pool.ask.cannot_lose", &[("count", n.to_string())])
                }
                AskFirst::LargeShare { moving, owned } => i18n.tf(
                    "pool.ask.large_share",
                    &[("count", moving.to_string()), ("owned", owned.to_string())],
                ),
            })
            .collect::<Vec<_>>()
    };
    move || {
        waiting.get().map(|(rows, ask)| {
            let count = rows.len();
            view! {
                <section class="card pool-ask" data-count=count>
                    <h2>{i18n.tf("pool.ask.title", &[("count", count.to_string())])}</h2>
                    <ul class="plain reasons">
                        {reasons(&ask).into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                    </ul>
                    <div class="table-wrap">
                        <table class="list pool-due">
                            <thead><tr>
                                <th>{t("field.customer")}</th><th>{t("field.owner")}</th><th>{t("pool.why")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(clock, name, cannot_lose, owner)| {
                                    let why = i18n.tf(&format!("pool.rule.{}", variant(&clock.rule)), &[
                                        ("days", clock.idle_days.to_string()),
                                        ("limit", clock.limit_days.to_string()),
                                    ]);
                                    view! {
                                        <tr data-customer=clock.customer.0 class:cannot-lose=cannot_lose>
                                            <td>
                                                <a href=Route::Customer(clock.customer).href()>{name}</a>
                                                {cannot_lose.then(|| view! { " " <span class="badge overdue">{t("pool.ask.cannot_lose_badge")}</span> })}
                                            </td>
                                            <td>{owner}</td>
                                            <td>{why}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <div class="actions">
                        <button type="button" class="primary" name="pool-confirm"
                            on:click=move |_| crate::pool::run_rules(state, insight, false, true)>
                            {i18n.tf("pool.ask.confirm", &[("count", count.to_string())])}
                        </button>
                        <span class="hint">{t("pool.ask.hint")}</span>
                    </div>
                </section>
            }
        })
    }
}
