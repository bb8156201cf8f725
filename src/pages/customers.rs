use crate::components::CustomerForm;
use crate::i18n::{format_date, t, use_i18n};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Date, Money, Tier};

/// At most this many rows are in the page at once.
const SHOWN: usize = 200;

#[derive(Clone, PartialEq)]
struct Row {
    id: CustomerId,
    name: String,
    search: String,
    tier: Tier,
    region: String,
    industry: String,
    owner: String,
    last_order: Option<Date>,
    revenue_12m: Money,
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let tier = RwSignal::new(String::new());
    let adding = RwSignal::new(false);
    let year_ago = state.today - chrono::Duration::days(365);
    let rows = Memo::new(move |_| {
        state.book.with(|b| {
            b.customers()
                .iter()
                .map(|c| Row {
                    id: c.id,
                    name: c.name.clone(),
                    search: c.name.to_lowercase(),
                    tier: c.tier,
                    region: c.region.clone(),
                    industry: c.industry.clone(),
                    owner: b
                        .owner_of(c.id)
                        .and_then(|s| b.staff().get(s.0))
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    last_order: b.last_order(c.id),
                    revenue_12m: b.revenue(c.id, year_ago, state.today),
                })
                .collect::<Vec<_>>()
        })
    });
    let matching = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let tier = tier.get();
        rows.with(|rows| {
            rows.iter()
                .filter(|r| q.is_empty() || r.search.contains(&q))
                .filter(|r| tier.is_empty() || format!("{:?}", r.tier) == tier)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{t("nav.customers")}</h1>
                <button type="button" class="primary" on:click=move |_| adding.update(|a| *a = !*a)>
                    {move || if adding.get() { i18n.t("action.close") } else { i18n.t("customer.add") }}
                </button>
            </div>
            <Show when=move || adding.get()>
                <CustomerForm/>
            </Show>
            <div class="toolbar">
                <input type="search" class="search" placeholder=t("customers.search")
                    aria-label=t("customers.search")
                    prop:value=query on:input=move |ev| query.set(event_target_value(&ev))/>
                <select aria-label=t("field.tier") on:change=move |ev| tier.set(event_target_value(&ev))>
                    <option value="">{t("customers.all_tiers")}</option>
                    <option value="A">"A"</option>
                    <option value="B">"B"</option>
                    <option value="C">"C"</option>
                </select>
                <span class="count" role="status">
                    {move || {
                        let n = matching.with(Vec::len);
                        if n > SHOWN {
                            i18n.tf("customers.showing_first", &[("shown", SHOWN.to_string()), ("total", i18n.count(n))])
                        } else {
                            i18n.tf("customers.count", &[("count", i18n.count(n))])
                        }
                    }}
                </span>
            </div>
            <div class="table-wrap">
                <table class="list">
                    <thead>
                        <tr>
                            <th>{t("field.name")}</th>
                            <th>{t("field.tier")}</th>
                            <th class="hide-narrow">{t("field.region")}</th>
                            <th class="hide-narrow">{t("field.industry")}</th>
                            <th>{t("field.owner")}</th>
                            <th>{t("customers.last_order")}</th>
                            <th class="num">{t("customers.revenue_12m")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || matching.get().into_iter().take(SHOWN)
                            key=|r| (r.id, r.revenue_12m, r.last_order, r.owner.clone(), r.name.clone())
                            let:row
                        >
                            <tr>
                                <td><a href=Route::Customer(row.id).href()>{row.name.clone()}</a></td>
                                <td><span class="tier">{format!("{:?}", row.tier)}</span></td>
                                <td class="hide-narrow">{row.region.clone()}</td>
                                <td class="hide-narrow">{row.industry.clone()}</td>
                                <td>{row.owner.clone()}</td>
                                <td>{row.last_order.map(format_date).unwrap_or_default()}</td>
                                <td class="num">{move || i18n.money(row.revenue_12m)}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}
