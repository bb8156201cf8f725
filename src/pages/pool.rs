use crate::components::{PoolAsk, RecycleUndo, StaffSelect};
use crate::i18n::{t, use_i18n, variant, I18n};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::pool::{claim, entries, holding, warnings, ClaimError, PoolEntry};
use liuke_engine::{Book, CustomerId, StaffId};

const PAGE: usize = 100;

/// The customer pool (公海): who has no owner and why, who is about to join them, and
/// claiming within the cap and the previous owner's bar.
#[component]
pub fn PoolPage() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let claimer = RwSignal::new(String::new());
    // What stopped a claim, put in words at render time (a language switch re-renders it):
    // no claimer picked, or the engine's refusal for that staff member.
    let error = RwSignal::new(None::<Option<(StaffId, ClaimError)>>);
    let shown = RwSignal::new(PAGE);
    let pooled = Memo::new(move |_| state.book.with(entries));
    let about_to = Memo::new(move |_| {
        let settings = insight.pool.get();
        state.book.with(|b| warnings(b, &settings, state.today()))
    });
    let holding_now = move || {
        let staff = claimer.get().parse::<u64>().ok()?;
        Some(state.book.with(|b| holding(b, StaffId(staff))))
    };
    // A refusal is said beside the claimer's picker; a claim tapped far down the list
    // brings the picker and the reason into view.
    let bar = NodeRef::<leptos::html::Div>::new();
    let show_bar = move || {
        if let Some(el) = bar.get_untracked() {
            el.scroll_into_view();
        }
    };
    let take = move |customer: CustomerId| {
        error.set(None);
        let Ok(staff) = claimer.get_untracked().parse::<u64>().map(StaffId) else {
            error.set(Some(None));
            show_bar();
            return;
        };
        let settings = insight.pool.get_untracked();
        let planned = state
            .book
            .with_untracked(|b| claim(b, &settings, customer, staff, state.today()));
        match planned {
            Ok(command) => spawn_local(async move {
                match state.dispatch(command).await {
                    Ok(_) => state.notice.set(Some(Notice::Saved("pool.claimed"))),
                    Err(e) => state.notice.set(Some(Notice::Error(e))),
                }
            }),
            Err(e) => {
                error.set(Some(Some((staff, e))));
                show_bar();
            }
        }
    };
    view! {
        <section class="page pool">
            <h1>{t("pool.title")}</h1>
            <p class="hint">{t("pool.lead")}</p>
            <Show when=move || !insight.pool.with(|p| p.enabled)>
                <p class="hint pool-off">{t("pool.rules_off")} " " <a href=Route::Settings.href()>{t("pool.to_settings")}</a></p>
            </Show>
            <PoolAsk/>
            <RecycleUndo/>
            <div class="card claim-bar" node_ref=bar>
                <label class="field">
                    <span>{t("pool.claimer")}</span>
                    <StaffSelect value=claimer allow_none=true/>
                </label>
                <p class="muted">{move || holding_now().map(|n| {
                    let cap = insight.pool.with(|p| p.claim_cap);
                    if cap == 0 {
                        i18n.tf("pool.holding", &[("count", n.to_string())])
                    } else {
                        i18n.tf("pool.holding_cap", &[("count", n.to_string()), ("cap", cap.to_string())])
                    }
                })}</p>
                <button type="button" disabled=move || !insight.pool.with(|p| p.enabled)
                    on:click=move |_| crate::pool::run_rules(state, insight, true, false)>
                    {t("pool.run_now")}
                </button>
                {move || error.get().map(|e| {
                    let text = match e {
                        None => i18n.t("pool.pick_claimer"),
                        Some((staff, e)) => state.book.with(|b| claim_message(&i18n, b, staff, &e)),
                    };
                    view! { <p class="form-error" role="alert">{text}</p> }
                })}
            </div>
            <h2>{move || i18n.tf("pool.in_pool", &[("count", i18n.count(pooled.with(Vec::len)))])}</h2>
            <Show when=move || !pooled.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("pool.empty")}</p> }>
                <div class="table-wrap">
                    <table class="list pool-list">
                        <thead><tr>
                            <th>{t("field.customer")}</th><th></th><th>{t("field.tier")}</th>
                            <th>{t("pool.previous")}</th><th>{t("pool.since")}</th>
                            <th>{t("pool.why")}</th>
                        </tr></thead>
                        <tbody>
                            {move || pooled.with(|list| list.iter().take(shown.get()).map(|entry| {
                                let customer = entry.customer;
                                let (name, tier, previous, why) = state.book.with_untracked(|b| describe(&i18n, b, entry));
                                view! {
                                    <tr data-customer=customer.0>
                                        <td><a href=Route::Customer(customer).href()>{name}</a></td>
                                        <td><button type="button" class="primary small" on:click=move |_| take(customer)>{t("pool.claim")}</button></td>
                                        <td>{tier}</td>
                                        <td>{previous}</td>
                                        <td>{entry.since.map(|d| i18n.date(d)).unwrap_or_default()}</td>
                                        <td>{why}</td>
                                    </tr>
                                }
                            }).collect_view())}
                        </tbody>
                    </table>
                </div>
                <Show when=move || { pooled.with(Vec::len) > shown.get() }>
                    <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE)>{t("forgotten.show_more")}</button>
                </Show>
            </Show>
            <h2>{move || i18n.tf("pool.about_to", &[("count", i18n.count(about_to.with(Vec::len)))])}</h2>
            <Show when=move || !about_to.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("pool.none_about_to")}</p> }>
                <div class="table-wrap">
                    <table class="list pool-warnings">
                        <thead><tr>
                            <th>{t("field.customer")}</th><th>{t("field.owner")}</th>
                            <th>{t("pool.why")}</th><th>{t("pool.returns_on")}</th>
                        </tr></thead>
                        <tbody>
                            {move || about_to.get().into_iter().map(|clock| {
                                let (name, owner) = state.book.with_untracked(|b| (
                                    b.customers().get(clock.customer.0).map(|c| c.name.clone()).unwrap_or_default(),
                                    b.staff_name(Some(clock.owner)),
                                ));
                                let why = i18n.tf(&format!("pool.rule.{}", variant(&clock.rule)), &[
                                    ("days", clock.idle_days.to_string()),
                                    ("limit", clock.limit_days.to_string()),
                                ]);
                                view! {
                                    <tr data-customer=clock.customer.0>
                                        <td><a href=Route::Customer(clock.customer).href()>{name}</a></td>
                                        <td>{owner}</td>
                                        <td>{why}</td>
                                        <td>{i18n.date(clock.recycle_on(state.today()))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// Name, tier, previous owner and why the customer is in the pool.
fn describe(i18n: &I18n, book: &Book, entry: &PoolEntry) -> (String, String, String, String) {
    let customer = book.customers().get(entry.customer.0);
    let why = match entry.recycled {
        Some(r) => i18n.tf(
            &format!("pool.rule.{}", variant(&r.rule)),
            &[
                ("days", r.idle_days.to_string()),
                ("limit", r.limit_days.to_string()),
            ],
        ),
        None if entry.previous.is_some() => i18n.t("pool.released"),
        None => i18n.t("pool.never_owned"),
    };
    (
        customer.map(|c| c.name.clone()).unwrap_or_default(),
        customer
            .map(|c| format!("{:?}", c.tier))
            .unwrap_or_default(),
        book.staff_name(entry.previous),
        why,
    )
}

fn claim_message(i18n: &I18n, book: &Book, staff: StaffId, e: &ClaimError) -> String {
    let name = book.staff_name(Some(staff));
    match e {
        ClaimError::NotInPool => i18n.t("pool.error.not_in_pool"),
        ClaimError::CapReached { holding, cap } => i18n.tf(
            "pool.error.cap",
            &[
                ("staff", name),
                ("count", holding.to_string()),
                ("cap", cap.to_string()),
            ],
        ),
        ClaimError::Barred { until } => i18n.tf(
            "pool.error.barred",
            &[("staff", name), ("date", i18n.date_prose(*until))],
        ),
        ClaimError::NotActive => i18n.tf("pool.error.not_active", &[("staff", name)]),
        ClaimError::Unknown => i18n.t("pool.error.unknown"),
    }
}
