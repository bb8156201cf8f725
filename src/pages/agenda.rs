use crate::components::{AgendaList, AgendaPerson, KindGroup, StatTile};
use crate::i18n::{t, use_i18n};
use crate::insight::use_insight;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::agenda::{
    agenda, overdue_groups, view as agenda_view, week_groups, AgendaItem, FOLD_OVER,
};
use liuke_engine::{CustomerId, StaffId};
use std::collections::HashMap;

/// The address's word for the whole team's agenda.
const TEAM: &str = "team";

/// What is due: today and this week first, then what is overdue (folded by kind, most at
/// stake first), then later — for one person or the whole team.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    // In a team book, the device user's own agenda first; the person chosen lives in the
    // address (`?person=7`, `?person=team`), so Back and a reload come back to it.
    let me = untrack(|| state.me());
    let chosen = crate::route::query_params()
        .into_iter()
        .find(|(k, _)| k == "person")
        .and_then(|(_, v)| match v.as_str() {
            TEAM => Some(None),
            id => id.parse().ok().map(|id| Some(StaffId(id))),
        })
        .filter(|p| {
            p.is_none_or(|id| untrack(|| state.book.with(|b| b.staff().get(id.0).is_some())))
        });
    let person: RwSignal<Option<StaffId>> = RwSignal::new(chosen.unwrap_or(me));
    provide_context(AgendaPerson(person));
    Effect::new(move |_| {
        let params = match person.get() {
            p if p == me => Vec::new(),
            Some(id) => vec![("person", id.0.to_string())],
            None => vec![("person", TEAM.to_string())],
        };
        crate::route::replace_params(crate::route::Route::Agenda, &params);
    });
    let items = Memo::new(move |_| {
        let risk = insight.settings.with(|s| s.risk);
        let settings = insight.agenda_settings();
        state
            .book
            .with(|b| agenda(b, state.today(), &risk, &settings))
    });
    let view_of =
        Memo::new(move |_| items.with(|all| agenda_view(all, state.today(), person.get())));
    // What each customer stands to lose: the register's value at risk.
    let at_stake = Memo::new(move |_| {
        insight.register.with(|lines| {
            lines
                .iter()
                .map(|l| (l.customer, l.value_at_risk))
                .collect::<HashMap<CustomerId, f64>>()
        })
    });
    let groups = Memo::new(move |_| {
        at_stake.with(|stake| {
            view_of.with(|v| overdue_groups(&v.overdue, |c| stake.get(&c).copied().unwrap_or(0.0)))
        })
    });
    let group_kinds =
        Memo::new(move |_| groups.with(|g| g.iter().map(|g| g.kind).collect::<Vec<_>>()));
    // A long week (the team's, with routine contacts spread over the days) folds by kind.
    let week = Memo::new(move |_| {
        view_of.with(|v| {
            (v.this_week.len() > FOLD_OVER).then(|| {
                at_stake.with(|stake| {
                    week_groups(&v.this_week, |c| stake.get(&c).copied().unwrap_or(0.0))
                })
            })
        })
    });
    let week_kinds = Memo::new(move |_| {
        week.with(|w| {
            w.as_ref()
                .map(|g| g.iter().map(|g| g.kind).collect::<Vec<_>>())
        })
    });
    let week_total = Memo::new(move |_| view_of.with(|v| v.this_week.len()));
    let overdue_total = Memo::new(move |_| view_of.with(|v| v.overdue.len()));
    let staff = state.staff_choices(true);
    let section =
        move |key: &'static str,
              pick: fn(&liuke_engine::agenda::AgendaView) -> &Vec<AgendaItem>| {
            let total = Signal::derive(move || view_of.with(|v| pick(v).len()));
            let first = Callback::new(move |n: usize| {
                view_of.with(|v| pick(v).iter().take(n).cloned().collect::<Vec<_>>())
            });
            view! {
                <section class="card agenda-section" data-section=key>
                    <h2>{move || i18n.tf(&format!("agenda.section.{key}"), &[("count", i18n.count(total.get()))])}</h2>
                    <Show when=move || { total.get() > 0 } fallback=move || view! { <p class="hint">{t("agenda.nothing")}</p> }>
                        <AgendaList total=total first=first/>
                    </Show>
                </section>
            }
        };
    view! {
        <section class="page agenda">
            <div class="page-head">
                <h1>{t("nav.agenda")}</h1>
                <select name="person" aria-label=t("agenda.person") on:change=move |ev| person.set(event_target_value(&ev).parse().ok().map(StaffId))>
                    <option value="" selected=move || person.get().is_none()>{t("agenda.team")}</option>
                    {move || staff.get().into_iter().map(|(id, name)| view! { <option value=id.to_string() selected=move || person.get() == Some(StaffId(id))>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="stats">
                <StatTile label=Signal::derive(t("agenda.today")) value=Signal::derive(move || i18n.count(view_of.with(|v| v.today.len())))/>
                <StatTile label=Signal::derive(t("agenda.this_week")) value=Signal::derive(move || i18n.count(view_of.with(|v| v.this_week.len())))/>
                <StatTile label=Signal::derive(t("agenda.overdue")) value=Signal::derive(move || i18n.count(overdue_total.get()))/>
            </div>
            {section("today", |v| &v.today)}
            <Show when=move || week_kinds.with(Option::is_some) fallback=move || section("this_week", |v| &v.this_week)>
                <section class="card agenda-section" data-section="this_week">
                    <h2>{move || i18n.tf("agenda.section.this_week", &[("count", i18n.count(week_total.get()))])}</h2>
                    <For each=move || week_kinds.get().unwrap_or_default() key=|k| *k let:kind>
                        <KindGroup kind=kind at_stake=at_stake week=true group=Memo::new(move |_| week.with(|w| w.as_ref().and_then(|g| g.iter().find(|g| g.kind == kind).cloned())))/>
                    </For>
                </section>
            </Show>
            <section class="card agenda-section" data-section="overdue">
                <h2>{move || i18n.tf("agenda.section.overdue", &[("count", i18n.count(overdue_total.get()))])}</h2>
                <Show when=move || { overdue_total.get() > 0 } fallback=move || view! { <p class="hint">{t("agenda.nothing")}</p> }>
                    <p class="hint">{t("agenda.overdue_hint")}</p>
                    <For each=move || group_kinds.get() key=|k| *k let:kind>
                        <KindGroup kind=kind at_stake=at_stake group=Memo::new(move |_| groups.with(|g| g.iter().find(|g| g.kind == kind).cloned()))/>
                    </For>
                </Show>
            </section>
            {section("later", |v| &v.later)}
        </section>
    }
}
