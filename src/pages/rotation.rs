use crate::components::{ApplySummary, ConcentrationReport, LoadTable, PlanExport, PlanTable};
use crate::i18n::{t, use_i18n, variant, I18n};
use crate::insight::use_insight;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::{
    apply_plan, default_former_until, plan_departure, plan_periodic, plan_rebalance, Plan,
    PlanError, PlanInputs,
};
use liuke_engine::sync::role::Role;
use liuke_engine::{CustomerId, Date, StaffId, StaffStatus};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Departure,
    Periodic,
    Rebalance,
}

fn explain(i18n: &I18n, e: &PlanError) -> String {
    let key = format!("rotation.error.{}", variant(e));
    match e {
        PlanError::NoEligibleSuccessor { customers } => {
            i18n.tf(&key, &[("count", customers.len().to_string())])
        }
        PlanError::Infeasible {
            customers, missing, ..
        } => i18n.tf(
            &key,
            &[
                ("customers", customers.len().to_string()),
                ("missing", missing.to_string()),
            ],
        ),
        _ => i18n.t(&key),
    }
}

/// Who takes over whose customers: a leaver's, a periodic rotation's or an over-full
/// book's; reviewed line by line, then applied with a handover checklist per customer.
#[component]
pub fn RotationPage() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let mode = RwSignal::new(Mode::Departure);
    let leaving = Memo::new(move |_| {
        state.book.with(|b| {
            let mut people: Vec<(StaffId, String, Option<Date>)> = b
                .staff()
                .iter()
                .filter(|s| {
                    !matches!(s.status, StaffStatus::Left(on) if on <= state.today())
                        || b.owned_by(s.id).next().is_some()
                })
                .map(|s| {
                    (
                        s.id,
                        s.name.clone(),
                        match s.status {
                            StaffStatus::Leaving(d) | StaffStatus::Left(d) => Some(d),
                            StaffStatus::Active => None,
                        },
                    )
                })
                .collect();
            people.sort_by_key(|(id, _, d)| (d.is_none(), *d, *id));
            people
        })
    });
    let leaver: RwSignal<Option<StaffId>> = RwSignal::new(None);
    let on_text = RwSignal::new(String::new());
    Effect::new(move || {
        if leaver.get_untracked().is_none() {
            if let Some((id, _, d)) = leaving.with(|l| l.first().cloned()) {
                leaver.set(Some(id));
                on_text.set(
                    d.unwrap_or(state.today() + chrono::Duration::days(30))
                        .format("%Y-%m-%d")
                        .to_string(),
                );
            }
        }
    });
    let pins: RwSignal<Vec<(CustomerId, StaffId)>> = RwSignal::new(Vec::new());
    let result: Memo<Option<Result<Plan, String>>> = Memo::new(move |_| {
        let on = Date::parse_from_str(on_text.get().trim(), "%Y-%m-%d").ok()?;
        let pins = pins.get();
        let settings = insight.rotation.get();
        let mode = mode.get();
        let leaver = leaver.get();
        insight.assessment.with(|a| {
            let inputs = PlanInputs::from_views(&a.values, &a.risks);
            state.book.with(|b| {
                let plan = match mode {
                    Mode::Departure => {
                        plan_departure(b, leaver?, on, state.today(), &inputs, &settings, &pins)
                    }
                    Mode::Periodic => {
                        plan_periodic(b, on, state.today(), &inputs, &settings, &pins)
                    }
                    Mode::Rebalance => {
                        plan_rebalance(b, on, state.today(), &inputs, &settings, &pins)
                    }
                };
                Some(plan.map_err(|e| explain(&i18n, &e)))
            })
        })
    });
    let plan =
        Memo::new(move |_| result.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    // Until when the leaver keeps read-only access; filled with the default for each plan.
    let former_text = RwSignal::new(String::new());
    Effect::new(move || {
        let schedule = insight.rotation.with(|s| s.schedule);
        let until = plan.with(|p| p.as_ref().and_then(|p| default_former_until(p, &schedule)));
        former_text.set(
            until
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
    });
    // Applying first shows who takes what; any change to the plan asks again.
    let confirming = RwSignal::new(false);
    Effect::new(move || {
        plan.track();
        confirming.set(false);
    });
    let apply = move |()| {
        confirming.set(false);
        let Some(plan) = plan.get_untracked() else {
            return;
        };
        let message = i18n.t("rotation.message_template");
        let schedule = insight.rotation.with_untracked(|s| s.schedule);
        let former_until =
            Date::parse_from_str(former_text.get_untracked().trim(), "%Y-%m-%d").ok();
        let command = state.book.with_untracked(|b| {
            apply_plan(b, &plan, state.today(), &schedule, &message, former_until)
        });
        pins.set(Vec::new());
        state.run(command, "rotation.applied");
    };
    view! {
        <section class="page rotation">
            <h1>{t("nav.rotation")}</h1>
            <p class="lead">{t("rotation.lead")}</p>
            <div class="toolbar">
                <select name="mode" aria-label=t("rotation.mode") on:change=move |ev| {
                    pins.set(Vec::new());
                    mode.set(match event_target_value(&ev).as_str() { "periodic" => Mode::Periodic, "rebalance" => Mode::Rebalance, _ => Mode::Departure });
                }>
                    <option value="departure">{t("rotation.mode.departure")}</option>
                    <option value="periodic">{t("rotation.mode.periodic")}</option>
                    <option value="rebalance">{t("rotation.mode.rebalance")}</option>
                </select>
                <Show when=move || mode.get() == Mode::Departure>
                    <select name="leaver" aria-label=t("rotation.leaver") on:change=move |ev| {
                        pins.set(Vec::new());
                        let id = event_target_value(&ev).parse().ok().map(StaffId);
                        leaver.set(id);
                        if let Some(d) = leaving.with(|l| l.iter().find(|(s, _, _)| Some(*s) == id).and_then(|x| x.2)) {
                            on_text.set(d.format("%Y-%m-%d").to_string());
                        }
                    }>
                        {move || leaving.get().into_iter().map(|(id, name, d)| {
                            let label = match d { Some(d) => format!("{name} · {}", i18n.tf("rotation.leaves_on", &[("date", i18n.date_prose(d))])), None => name };
                            view! { <option value=id.0.to_string() selected=move || leaver.get() == Some(id)>{label}</option> }
                        }).collect_view()}
                    </select>
                </Show>
                <label>{t("rotation.on")}
                    <input type="date" name="on" prop:value=move || on_text.get() on:input=move |ev| on_text.set(event_target_value(&ev))/>
                </label>
            </div>
            {move || match result.get() {
                None => view! { <p class="hint">{t("rotation.choose")}</p> }.into_any(),
                Some(Err(message)) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
                Some(Ok(p)) if p.lines.is_empty() => view! { <p class="hint">{t("rotation.nothing_to_move")}</p> }.into_any(),
                Some(Ok(p)) => view! {
                    <div class="card plan-summary">
                        <p>{i18n.tf("rotation.summary", &[("count", p.lines.len().to_string()), ("cost", format!("{:.0}", p.total_cost))])}</p>
                        <p class="hint">{t("rotation.optimal")}</p>
                        {(p.over_capacity() > 0).then(|| view! {
                            <p class="hint warn over-capacity">{i18n.tf("rotation.over_capacity_note", &[("count", p.over_capacity().to_string())])}</p>
                        })}
                        <Show when=move || mode.get() == Mode::Departure>
                            <label class="former-until">{t("rotation.former_until")}
                                <input type="date" name="former_until" prop:value=move || former_text.get()
                                    on:input=move |ev| former_text.set(event_target_value(&ev))/>
                            </label>
                        </Show>
                        <button type="button" class="primary apply-plan" on:click=move |_| confirming.set(true)
                            disabled=move || state.role() == Some(Role::Rep)
                            title=move || (state.role() == Some(Role::Rep)).then(|| i18n.t("forbidden.rotation"))>
                            {t("rotation.apply")}
                        </button>
                        " " <PlanExport plan=plan/>
                        <Show when=move || confirming.get()>
                            <ApplySummary plan=plan confirm=Callback::new(apply) cancel=Callback::new(move |()| confirming.set(false))/>
                        </Show>
                    </div>
                }.into_any(),
            }}
            <Show when=move || plan.with(|p| p.as_ref().is_some_and(|p| !p.lines.is_empty()))>
                <PlanTable plan=plan pins=pins/>
                <h2>{t("rotation.load")}</h2>
                <LoadTable plan=plan/>
            </Show>
            <ConcentrationReport/>
        </section>
    }
}
