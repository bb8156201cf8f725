use crate::components::OpenWinback;
use crate::i18n::{t, use_i18n, variant};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{winback, CustomerId};

/// The customer's win-back cases, and the way to open one when the customer is lost or
/// leaving.
#[component]
pub fn WinbackCard(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let cases = Memo::new(move |_| {
        state.book.with(|b| {
            b.winback_cases()
                .of_customer(id)
                .rev()
                .map(|c| (c.id, c.opened, c.stage()))
                .collect::<Vec<_>>()
        })
    });
    let can_open = Memo::new(move |_| state.book.with(|b| winback::can_open(b, id)));
    move || {
        (can_open.get() || !cases.with(Vec::is_empty)).then(|| view! {
            <section class="card winback-card">
                <h2>{t("nav.winback")}</h2>
                <ul class="plain">
                    {cases.get().into_iter().map(|(case, opened, stage)| {
                        let key = format!("winback.stage.{}", variant(&stage));
                        view! {
                            <li><a href=Route::WinbackCase(case).href()>{move || i18n.tf("winback.case_of", &[("date", i18n.date(opened))])}</a>
                                " " <span class="badge">{move || i18n.t(&key)}</span></li>
                        }
                    }).collect_view()}
                </ul>
                <Show when=move || can_open.get()><OpenWinback customer=id/></Show>
            </section>
        })
    }
}
