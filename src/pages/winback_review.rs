use crate::components::cause_bars;
use crate::components::{Bar, BarChart, StatTile};
use crate::i18n::{t, use_i18n, variant};
use crate::route::Route;
use crate::state::use_state;
use chrono::Datelike;
use leptos::prelude::*;
use liuke_engine::winback::{review, Lesson};

/// The month-end review (seed 003 step 4): how many came back, over time, by cause and
/// by owner; which causes matter most (Pareto); why the others did not; the lessons.
#[component]
pub fn WinbackReviewPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let r = Memo::new(move |_| state.book.with(|b| review(b, state.today())));
    let pct =
        move |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{:.0}%", v * 100.0));
    let months = Signal::derive(move || {
        r.with(|r| {
            r.by_month
                .iter()
                .map(|(m, tally)| {
                    Bar::maybe(i18n.month_name(m.month()), tally.rate().map(|r| r * 100.0))
                })
                .collect::<Vec<_>>()
        })
    });
    let pareto = Signal::derive(move || r.with(|r| cause_bars(&i18n, r)));
    view! {
        <section class="page winback-review">
            <p class="crumbs"><a href=Route::Winback.href()>{t("nav.winback")}</a></p>
            <h1>{t("winback.review")}</h1>
            <div class="stats">
                <StatTile label=Signal::derive(t("winback.closed_cases")) value=Signal::derive(move || i18n.count(r.with(|r| r.total.closed as usize)))/>
                <StatTile label=Signal::derive(t("winback.won_back")) value=Signal::derive(move || i18n.count(r.with(|r| r.total.won as usize)))/>
                <StatTile label=Signal::derive(t("winback.rate")) value=Signal::derive(move || pct(r.with(|r| r.total.rate())))/>
                <StatTile label=Signal::derive(t("winback.open_cases")) value=Signal::derive(move || i18n.count(r.with(|r| r.open as usize)))/>
                <StatTile label=Signal::derive(t("winback.loss")) value=Signal::derive(move || i18n.money_compact(r.with(|r| r.loss)))/>
            </div>
            <div class="charts">
                <BarChart title=Signal::derive(t("winback.rate_by_month")) bars=months label=Callback::new(|v: f64| format!("{v:.0}%"))/>
                <BarChart title=Signal::derive(t("winback.pareto")) bars=pareto label=Callback::new(|v: f64| format!("{v:.0}"))/>
            </div>
            <section class="card">
                <h2>{t("winback.by_cause")}</h2>
                <table class="list by-cause">
                    <thead><tr><th>{t("winback.cause")}</th><th class="num">{t("winback.cases")}</th><th class="num">{t("winback.cumulative")}</th><th class="num">{t("winback.rate")}</th></tr></thead>
                    <tbody>{move || r.get().causes.into_iter().map(|c| {
                        let cause = variant(&c.cause);
                        let key = format!("loss_cause.{cause}");
                        view! { <tr data-cause=cause><td>{move || i18n.t(&key)}</td><td class="num cases">{c.cases}</td>
                            <td class="num">{format!("{:.0}%", c.cumulative * 100.0)}</td><td class="num">{pct(c.tally.rate())}</td></tr> }
                    }).collect_view()}</tbody>
                </table>
            </section>
            <section class="card">
                <h2>{t("winback.by_owner")}</h2>
                <table class="list by-owner">
                    <thead><tr><th>{t("field.staff")}</th><th class="num">{t("winback.closed_cases")}</th><th class="num">{t("winback.won_back")}</th><th class="num">{t("winback.rate")}</th></tr></thead>
                    <tbody>{move || r.get().owners.into_iter().map(|(owner, tally)| {
                        let name = state.book.with(|b| b.staff_name(owner));
                        view! { <tr><td>{name}</td><td class="num">{tally.closed}</td><td class="num">{tally.won}</td><td class="num">{pct(tally.rate())}</td></tr> }
                    }).collect_view()}</tbody>
                </table>
            </section>
            <section class="card">
                <h2>{t("winback.why_not")}</h2>
                <LessonList items=Signal::derive(move || r.with(|r| r.why_not.clone()))/>
            </section>
            <section class="card">
                <h2>{t("winback.lessons")}</h2>
                <LessonList items=Signal::derive(move || r.with(|r| r.lessons.clone())) lessons=true/>
            </section>
        </section>
    }
}

/// Lessons, or the reasons others did not come back, newest first, each with its case.
#[component]
fn LessonList(items: Signal<Vec<Lesson>>, #[prop(optional)] lessons: bool) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let name = move |l: &Lesson| {
        state.book.with(|b| {
            b.customers()
                .get(l.customer.0)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || items.with(Vec::is_empty)><p class="muted">{t("winback.nothing_yet")}</p></Show>
        <ul class=if lessons { "plain lessons" } else { "plain why-not" }>
            {move || items.get().into_iter().map(|l| view! {
                <li><a href=Route::WinbackCase(l.case).href()>{name(&l)}</a> " · " {i18n.date(l.on)} " — " {l.text.clone()}</li>
            }).collect_view()}
        </ul>
    }
}
