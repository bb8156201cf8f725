use crate::components::status_text;
use crate::components::{StaffForm, StaffStatusForm};
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Money, StaffId};

/// Follow-ups listed on a staff member's page.
const RECENT: usize = 10;

#[component]
pub fn StaffMemberPage(id: StaffId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let member = Memo::new(move |_| state.book.with(|b| b.staff().get(id.0).cloned()));
    let book = Memo::new(move |_| {
        state.book.with(|b| {
            let mut customers: Vec<(CustomerId, String, Money)> = b
                .owned_by(id)
                .map(|c| (c.id, c.name.clone(), b.revenue_12m(c.id, state.today())))
                .collect();
            customers.sort_by_key(|c| std::cmp::Reverse(c.2));
            customers
        })
    });
    let recent = Memo::new(move |_| {
        state.book.with(|b| {
            let mut list: Vec<_> = b
                .interactions()
                .of_staff(id)
                .filter_map(|i| {
                    b.customers()
                        .get(i.customer.0)
                        .map(|c| (i.date, c.id, c.name.clone(), variant(&i.kind)))
                })
                .collect();
            list.sort_by_key(|entry| std::cmp::Reverse(entry.0));
            list.truncate(RECENT);
            list
        })
    });
    let total = move || book.with(|c| c.iter().map(|x| x.2).sum::<Money>());
    let editing = RwSignal::new(false);
    let done = Callback::new(move |()| editing.set(false));
    move || match member.get() {
        None => {
            view! { <section class="page"><h1>{t("staff.not_found")}</h1></section> }.into_any()
        }
        Some(m) => {
            let role_key = format!("staff.role.{}", variant(&m.role));
            let edited = m.clone();
            view! {
                <section class="page">
                    <p class="crumbs"><a href=Route::Staff.href()>{t("nav.staff")}</a></p>
                    <div class="page-head">
                        <h1>{m.name.clone()}</h1>
                        <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>
                            {move || if editing.get() { i18n.t("action.close") } else { i18n.t("action.edit") }}
                        </button>
                    </div>
                    <div class="card">
                        <dl class="facts">
                            <dt>{t("field.role")}</dt><dd>{move || i18n.t(&role_key)}</dd>
                            <dt>{t("field.status")}</dt><dd>{status_text(m.status)}</dd>
                            <dt>{t("field.hire_date")}</dt><dd>{format_date(m.hire_date)}</dd>
                            <dt>{t("staff.seniority")}</dt><dd>{let n = m.seniority_years(state.today()); move || i18n.tf("staff.years", &[("n", n.to_string())])}</dd>
                            <dt>{t("field.regions")}</dt><dd>{m.regions.join("、")}</dd>
                            <dt>{t("field.industries")}</dt><dd>{m.industries.join("、")}</dd>
                            <dt>{t("field.capacity")}</dt><dd>{m.capacity}</dd>
                        </dl>
                    </div>
                    <Show when=move || editing.get()>
                        <StaffForm existing=edited.clone() on_done=done/>
                    </Show>
                    <StaffStatusForm member=m.clone()/>
                    <div class="card">
                        <h2>{t("staff.recent_contacts")}</h2>
                        <Show when=move || !recent.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("staff.no_contacts")}</p> }>
                            <ul class="plain">
                                {move || recent.get().into_iter().map(|(date, cid, name, kind)| {
                                    let key = format!("interaction.{kind}");
                                    view! { <li>{format_date(date)} " · " <a href=Route::Customer(cid).href()>{name}</a> " · " {move || i18n.t(&key)}</li> }
                                }).collect_view()}
                            </ul>
                        </Show>
                    </div>
                    <div class="card">
                        <h2>
                            {move || i18n.tf("staff.book", &[("count", i18n.count(book.with(Vec::len))), ("revenue", i18n.money(total()))])}
                        </h2>
                        <ul class="plain columns">
                            {move || book.get().into_iter().map(|(cid, name, revenue)| view! {
                                <li><a href=Route::Customer(cid).href()>{name}</a> " " <span class="muted">{move || i18n.money(revenue)}</span></li>
                            }).collect_view()}
                        </ul>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}
