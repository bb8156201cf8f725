use crate::components::reason_list::{action_text, reason_sentence};
use crate::components::{AddToAgenda, BacktestPanel, BandBadge, ReasonList, StatTile};
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::register::{total_value_at_risk, RegisterFilter};
use liuke_engine::risk::{factors_without_data, Band};
use liuke_engine::StaffId;

const PAGE: usize = 50;

/// The priority list: whom to act on first, and why.
#[component]
pub fn RegisterPage(#[prop(optional)] cannot_lose: bool) -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    // The filter lives in the address: Back and a reload bring the list back.
    let opening = RegisterFilter::opening(cannot_lose);
    let filter = RwSignal::new({
        let params = crate::route::query_params();
        RegisterFilter::from_params(
            &opening,
            params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
    });
    let route = if cannot_lose {
        Route::CannotLose
    } else {
        Route::Register
    };
    Effect::new(move |_| {
        let params = filter.with(|f| f.to_params(&opening));
        crate::route::replace_params(route, &params);
    });
    let shown = RwSignal::new(PAGE);
    let hits = Memo::new(move |_| {
        let f = filter.get();
        insight.register.with(|lines| {
            state
                .book
                .with(|b| f.kept(b, lines).cloned().collect::<Vec<_>>())
        })
    });
    let total_var = Memo::new(move |_| hits.with(|h| total_value_at_risk(h)));
    let counts = Memo::new(move |_| {
        insight
            .assessment
            .with(liuke_engine::register::Assessment::band_counts)
    });
    // What the order part of the scores stood on, and the evidence for the choice.
    let order_basis = Memo::new(move |_| {
        insight.assessment.with(|a| {
            let Some(m) = a.order.as_ref() else {
                return i18n.t("register.order_basis.gap");
            };
            let Some(e) = m.evidence.as_ref() else {
                return i18n.t("register.order_basis.bgnbd_only");
            };
            // Three decimals: the two often differ only there, and the choice must show.
            let two = |v: f64| format!("{v:.3}");
            let key = format!("register.order_basis.{}", variant(&m.basis));
            i18n.tf(
                &key,
                &[
                    ("days", m.horizon_days.to_string()),
                    ("date", i18n.date_prose(e.cutoff)),
                    ("cases", i18n.count(e.cases)),
                    ("rhythm", two(e.rhythm_auc)),
                    ("bgnbd", e.bgnbd_auc.map_or_else(|| "—".to_string(), two)),
                ],
            )
        })
    });
    let fit_problem = Memo::new(move |_| {
        insight
            .assessment
            .with(|a| a.fit.as_ref().err().map(variant))
    });
    // Factors the book records nothing for add nothing to any score: said once here,
    // not on every customer.
    let no_data = Memo::new(move |_| {
        state.book.with(|b| {
            if b.customers().is_empty() {
                Vec::new()
            } else {
                factors_without_data(b, state.today())
            }
        })
    });
    let staff = state.staff_choices(false);
    let staff_name = move |id: Option<StaffId>| match id {
        Some(_) => state.book.with_untracked(|b| b.staff_name(id)),
        None => i18n.t("customers.pool"),
    };

    // The list as shown (every filtered line, not only the first page), for Excel.
    let export = move |_| {
        let headers = [
            "register.csv.customer",
            "field.tier",
            "register.risk",
            "register.csv.score",
            "register.reasons",
            "field.owner",
            "register.csv.last_contact",
            "register.csv.revenue",
            "register.csv.value_at_risk",
            "register.next_action",
        ];
        let rows: Vec<Vec<String>> = state.book.with_untracked(|b| {
            hits.with_untracked(|lines| {
                lines
                    .iter()
                    .map(|l| {
                        vec![
                            l.name.clone(),
                            format!("{:?}", l.tier),
                            i18n.t(&format!("band.{}", variant(&l.band))),
                            format!("{:.0}", l.score),
                            l.reasons
                                .iter()
                                .map(|r| reason_sentence(&i18n, b, r))
                                .collect::<Vec<_>>()
                                .join("；"),
                            staff_name(l.owner),
                            l.last_contact.map(|d| d.to_string()).unwrap_or_default(),
                            format!("{:.2}", l.revenue_12m.yuan()),
                            format!("{:.2}", l.value_at_risk),
                            action_text(&i18n, l.next_action),
                        ]
                    })
                    .collect()
            })
        });
        let text = crate::csv_file::table(&i18n, &headers, rows);
        crate::csv_file::offer(
            state,
            &format!("liuke-register-{}.csv", state.today()),
            &text,
        );
    };
    view! {
        <section class="page register">
            <div class="page-head">
                <h1>{move || if filter.with(|f| f.cannot_lose) { i18n.t("register.cannot_lose_title") } else { i18n.t("nav.register") }}</h1>
                <button type="button" class="export-csv" on:click=export>{t("register.export")}</button>
            </div>
            <p class="lead">{move || if filter.with(|f| f.cannot_lose) { i18n.t("register.cannot_lose_lead") } else { i18n.t("register.lead") }}</p>
            <div class="stats">
                <StatTile label=Signal::derive(t("tile.value_at_risk")) value=Signal::derive(move || i18n.yuan_compact(total_var.get()))
                    detail=Signal::derive(move || i18n.tf("register.customers_listed", &[("count", i18n.count(hits.with(Vec::len)))])) />
                {[Band::Critical, Band::High, Band::Watch, Band::Low].into_iter().map(|band| {
                    let key = format!("band.{}", variant(&band));
                    let index = band as usize;
                    view! {
                        <StatTile label=Signal::derive(move || i18n.t(&key)) value=Signal::derive(move || i18n.count(counts.get()[index])) />
                    }
                }).collect_view()}
            </div>
            {move || no_data.with(|factors| (!factors.is_empty()).then(|| {
                let names: Vec<String> = factors.iter().map(|f| i18n.t(&format!("factor.{}", variant(f)))).collect();
                let list = names.join(&i18n.t("list.separator"));
                view! { <p class="card hint no-data" role="note">{i18n.tf("register.no_data", &[("factors", list)])}</p> }
            }))}
            <p class="hint order-basis">{move || order_basis.get()}</p>
            {move || fit_problem.get().map(|kind| view! {
                <p class="card hint" role="note">{i18n.t(&format!("register.fit_failed.{kind}"))}</p>
            })}
            <div class="toolbar filters">
                <input type="search" class="search" name="search" placeholder=t("customers.search") aria-label=t("customers.search")
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| { shown.set(PAGE); filter.update(|f| f.text = event_target_value(&ev)) }/>
                <select name="band" aria-label=t("register.band") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    shown.set(PAGE);
                    filter.update(|f| f.band = [Band::Watch, Band::High, Band::Critical].into_iter().find(|b| variant(b) == value));
                }>
                    <option value="">{t("register.all_bands")}</option>
                    {[Band::Critical, Band::High, Band::Watch].into_iter().map(|b| {
                        let key = format!("register.band_at_least.{}", variant(&b));
                        view! { <option value=variant(&b) selected=move || filter.with(|f| f.band == Some(b))>{move || i18n.t(&key)}</option> }
                    }).collect_view()}
                </select>
                <select name="owner" aria-label=t("field.owner")
                    prop:value=move || filter.with(|f| f.owner.map(|o| o.0.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                    shown.set(PAGE);
                    filter.update(|f| f.owner = event_target_value(&ev).parse().ok().map(StaffId));
                }>
                    <option value="">{t("customers.all_owners")}</option>
                    {move || staff.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
                <label class="check">
                    <input type="checkbox" name="cannot_lose" prop:checked=move || filter.with(|f| f.cannot_lose)
                        on:change=move |ev| { shown.set(PAGE); filter.update(|f| f.cannot_lose = event_target_checked(&ev)) }/>
                    {t("register.only_cannot_lose")}
                </label>
            </div>
            <div class="table-wrap register-wrap">
                <table class="list register-table">
                    <thead>
                        <tr>
                            <th>"#"</th>
                            <th>{t("field.customer")}</th>
                            <th>{t("register.risk")}</th>
                            <th>{t("register.reasons")}</th>
                            <th>{t("field.owner")}</th>
                            <Show when=move || filter.with(|f| f.cannot_lose)><th>{t("register.buys")}</th></Show>
                            <th class="num">{t("register.value")}</th>
                            <th class="num">{t("register.value_at_risk")}</th>
                            <th>{t("register.next_action")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || hits.with(|lines| lines.iter().take(shown.get()).enumerate().map(|(rank, line)| {
                            let line = line.clone();
                            let last_contact = line.last_contact.map_or_else(|| i18n.t("register.never"), |d| i18n.date(d));
                            let buys = i18n.tf("register.buys_detail", &[("orders", line.orders_12m.to_string()), ("revenue", i18n.money(line.revenue_12m))]);
                            view! {
                                <tr data-band=variant(&line.band) data-var=format!("{:.2}", line.value_at_risk) data-cannot-lose=line.cannot_lose.to_string()>
                                    <td class="rank">{rank + 1}</td>
                                    <td class="name">
                                        <a href=Route::Customer(line.customer).href()>{line.name.clone()}</a>
                                        <span class="sub">{format!("{:?}", line.tier)}
                                            {line.cannot_lose.then(|| view! { " · " <span class="badge strong">{move || i18n.t("customer.cannot_lose")}</span> })}
                                        </span>
                                    </td>
                                    <td><BandBadge band=line.band score=line.score little_data=line.little_data/></td>
                                    <td class="reasons-cell"><ReasonList reasons=line.reasons.clone()/></td>
                                    <td class="owner" data-label=move || i18n.t("field.owner")>{staff_name(line.owner)}<span class="sub">{i18n.tf("register.last_contact", &[("date", last_contact)])}</span></td>
                                    <Show when=move || filter.with(|f| f.cannot_lose)><td class="buys" data-label=move || i18n.t("register.buys")>{buys.clone()}</td></Show>
                                    <td class="num value" data-label=move || i18n.t("register.value")>{i18n.amount_yuan(line.value)}</td>
                                    <td class="num strong at-risk" data-label=move || i18n.t("register.value_at_risk")>{i18n.amount_yuan(line.value_at_risk)}</td>
                                    <td class="action" data-label=move || i18n.t("register.next_action")>
                                        {action_text(&i18n, line.next_action)}
                                        <AddToAgenda customer=line.customer action=line.next_action/>
                                    </td>
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <Show when=move || { hits.with(Vec::len) > shown.get() }>
                <button type="button" class="more" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {move || i18n.tf("register.show_more", &[("count", i18n.count(hits.with(Vec::len) - shown.get()))])}
                </button>
            </Show>
            <BacktestPanel/>
        </section>
    }
}
