use crate::components::{CustomerFilters, CustomerForm, CustomerTable};
use crate::i18n::{t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::directory::{customer_lines, facets, CustomerQuery};

#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let adding = RwSignal::new(false);
    // The filters and sort live in the address: Back and a reload bring the list back.
    let query = RwSignal::new({
        let params = crate::route::query_params();
        CustomerQuery::from_params(params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    Effect::new(move |_| {
        let params = query.with(CustomerQuery::to_params);
        crate::route::replace_params(crate::route::Route::Customers, &params);
    });
    let lines = Memo::new(move |_| state.book.with(|b| customer_lines(b, state.today())));
    let facets = Memo::new(move |_| lines.with(|l| facets(l)));
    let insight = crate::insight::use_insight();
    // Scoring the book is only worth it when the band filter is on.
    let hits = Memo::new(move |_| {
        query.with(|q| {
            lines.with(|l| match q.band {
                None => q.run(l),
                Some(_) => insight
                    .assessment
                    .with(|a| q.run_with_bands(l, |id| a.risk_of(id).map(|r| r.band))),
            })
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
            <CustomerFilters query=query facets=facets/>
            <p class="count" role="status">
                {move || i18n.tf("customers.count", &[("count", i18n.count(hits.with(Vec::len)))])}
            </p>
            <Show when=move || hits.with(Vec::is_empty) && lines.with(|l| !l.is_empty())>
                <p class="hint empty-search" role="status">
                    {t("customers.none_found")} " "
                    <button type="button" class="link" name="clear-filters" on:click=move |_| query.set(CustomerQuery::default())>
                        {t("customers.clear_filters")}
                    </button>
                </p>
            </Show>
            <CustomerTable lines=lines hits=hits query=query/>
        </section>
    }
}
