use crate::components::{OrderForm, StatTile};
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::route::{navigate, Route};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{Command, Customer, CustomerId, Order, RecordKey, RecordKind};

/// Recent orders shown on the page; the full timeline comes with the customer file.
const RECENT: usize = 20;

#[component]
pub fn CustomerPage(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let customer = Memo::new(move |_| state.book.with(|b| b.customers().get(id.0).cloned()));
    move || match customer.get() {
        None => view! {
            <section class="page">
                <h1>{t("customer.not_found")}</h1>
                <a href=Route::Customers.href()>{t("customer.back")}</a>
            </section>
        }
        .into_any(),
        Some(c) => {
            let delete = move |_| {
                let confirmed = web_sys::window()
                    .and_then(|w| {
                        w.confirm_with_message(&i18n.t("customer.confirm_delete"))
                            .ok()
                    })
                    .unwrap_or(false);
                if !confirmed {
                    return;
                }
                spawn_local(async move {
                    let key = RecordKey {
                        kind: RecordKind::Customer,
                        id: id.0,
                    };
                    match state.dispatch(Command::Delete { key }).await {
                        Ok(_) => {
                            state.notice.set(Some(Notice::Saved("customer.deleted")));
                            navigate(Route::Customers);
                        }
                        Err(e) => state.notice.set(Some(Notice::Error(e))),
                    }
                });
            };
            view! {
                <section class="page">
                    <p class="crumbs"><a href=Route::Customers.href()>{t("nav.customers")}</a></p>
                    <div class="page-head">
                        <h1>{c.name.clone()}</h1>
                        <button type="button" class="danger" on:click=delete>{t("action.delete")}</button>
                    </div>
                    <Profile customer=c.clone()/>
                    <Figures id=id/>
                    <Team id=id/>
                    <OrderForm customer=id/>
                    <RecentOrders id=id/>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn Profile(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let status_key = format!("customer.status.{}", variant(&customer.status));
    let kind_key = format!("customer.kind.{}", variant(&customer.kind));
    view! {
        <div class="card">
            <div class="badges">
                <span class="tier">{format!("{:?}", customer.tier)}</span>
                <span class="badge">{move || i18n.t(&status_key)}</span>
                <span class="badge">{move || i18n.t(&kind_key)}</span>
                {customer.cannot_lose.then(|| view! { <span class="badge strong">{t("field.cannot_lose")}</span> })}
                {customer.tags.iter().map(|tag| view! { <span class="tag">{tag.clone()}</span> }).collect_view()}
            </div>
            <dl class="facts">
                <dt>{t("field.industry")}</dt><dd>{customer.industry.clone()}</dd>
                <dt>{t("field.region")}</dt><dd>{customer.region.clone()}</dd>
                <dt>{t("field.since")}</dt><dd>{format_date(customer.since)}</dd>
            </dl>
            {(!customer.notes.is_empty()).then(|| view! { <p class="notes">{customer.notes.clone()}</p> })}
        </div>
    }
}

#[component]
fn Figures(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let year_ago = state.today - chrono::Duration::days(365);
    let figures = Memo::new(move |_| {
        state.book.with(|b| {
            (
                b.revenue(id, year_ago, state.today),
                b.orders().count_of_customer(id),
                b.last_order(id),
                b.last_interaction(id),
            )
        })
    });
    let never = move || i18n.t("customer.never");
    view! {
        <div class="stats">
            <StatTile label=Signal::derive(t("customers.revenue_12m")) value=Signal::derive(move || i18n.money(figures.get().0))/>
            <StatTile label=Signal::derive(t("customer.orders")) value=Signal::derive(move || i18n.count(figures.get().1))/>
            <StatTile label=Signal::derive(t("customers.last_order")) value=Signal::derive(move || figures.get().2.map(format_date).unwrap_or_else(never))/>
            <StatTile label=Signal::derive(t("customer.last_contact")) value=Signal::derive(move || figures.get().3.map(format_date).unwrap_or_else(never))/>
        </div>
    }
}

#[component]
fn Team(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let team = Memo::new(move |_| {
        state.book.with(|b| {
            b.live_relationships(id)
                .filter_map(|r| {
                    b.staff()
                        .get(r.staff.0)
                        .map(|s| (s.id, s.name.clone(), r.role, r.since))
                })
                .collect::<Vec<_>>()
        })
    });
    let contacts = Memo::new(move |_| {
        state.book.with(|b| {
            b.contacts()
                .of_customer(id)
                .map(|c| (c.name.clone(), c.title.clone(), c.phone.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="two-col">
            <div class="card">
                <h2>{t("customer.team")}</h2>
                <Show when=move || !team.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("customer.in_pool")}</p> }>
                    <ul class="plain">
                        {move || team.get().into_iter().map(|(staff, name, role, since)| {
                            let role_key = format!("relationship.{}", variant(&role));
                            view! {
                                <li>
                                    <a href=Route::StaffMember(staff).href()>{name}</a>
                                    " · " {move || i18n.t(&role_key)} " · " {format_date(since)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
            </div>
            <div class="card">
                <h2>{t("customer.contacts")}</h2>
                <Show when=move || !contacts.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("customer.no_contacts")}</p> }>
                    <ul class="plain">
                        {move || contacts.get().into_iter().map(|(name, title, phone)| view! {
                            <li><strong>{name}</strong> " " {title} " " <span class="muted">{phone}</span></li>
                        }).collect_view()}
                    </ul>
                </Show>
            </div>
        </div>
    }
}

#[component]
fn RecentOrders(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let orders = Memo::new(move |_| {
        state.book.with(|b| {
            let mut orders: Vec<Order> = b.orders().of_customer(id).cloned().collect();
            orders.sort_by_key(|o| std::cmp::Reverse((o.date, o.id)));
            orders.truncate(RECENT);
            orders
        })
    });
    view! {
        <div class="card">
            <h2>{t("customer.recent_orders")}</h2>
            <Show when=move || !orders.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("customer.no_orders")}</p> }>
                <table class="list orders">
                    <thead><tr>
                        <th>{t("field.date")}</th>
                        <th class="num">{t("field.amount")}</th>
                        <th class="num">{t("field.quantity")}</th>
                        <th class="num">{t("field.margin")}</th>
                        <th class="hide-narrow">{t("field.notes")}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || orders.get() key=|o| (o.id, o.amount, o.date) let:o>
                            <tr>
                                <td>{format_date(o.date)}</td>
                                <td class="num">{move || i18n.money(o.amount)}</td>
                                <td class="num">{o.quantity}</td>
                                <td class="num">{move || i18n.money(o.margin)}</td>
                                <td class="hide-narrow">{o.note.clone()}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </Show>
        </div>
    }
}
