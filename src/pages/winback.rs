use crate::components::OpenWinback;
use crate::i18n::{t, use_i18n, variant};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::winback::can_open;
use liuke_engine::{CustomerId, CustomerStatus, WinbackStage};

/// The win-back board (流失挽回): every case in its stage's column, and the lost or
/// leaving customers who have no case yet.
#[component]
pub fn WinbackPage() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let columns = Memo::new(move |_| {
        state.book.with(|b| {
            WinbackStage::ALL
                .iter()
                .map(|stage| {
                    let cards: Vec<(u64, CustomerId, String, String, String)> = b
                        .winback_cases()
                        .iter()
                        .rev()
                        .filter(|c| c.stage() == *stage)
                        .map(|c| {
                            let name = b
                                .customers()
                                .get(c.customer.0)
                                .map(|x| x.name.clone())
                                .unwrap_or_default();
                            let cause = c
                                .primary
                                .map(|p| format!("loss_cause.{}", variant(&p)))
                                .unwrap_or_default();
                            (c.id.0, c.customer, name, cause, b.staff_name(c.owner))
                        })
                        .collect();
                    (*stage, cards)
                })
                .collect::<Vec<_>>()
        })
    });
    let waiting = Memo::new(move |_| {
        state.book.with(|b| {
            b.customers()
                .iter()
                .filter(|c| can_open(b, c.id))
                .map(|c| (c.id, c.name.clone(), c.status == CustomerStatus::Lost))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page winback">
            <div class="page-head">
                <h1>{t("nav.winback")}</h1>
                <a class="button" href=Route::WinbackReview.href()>{t("winback.review")}</a>
            </div>
            <p class="hint">{t("winback.lead")}</p>
            <div class="board">
                {move || columns.get().into_iter().map(|(stage, cards)| {
                    let key = format!("winback.stage.{}", variant(&stage));
                    let count = cards.len();
                    view! {
                        <section class="board-column" data-stage=variant(&stage)>
                            <h2>{move || i18n.t(&key)} " " <span class="muted">{count}</span></h2>
                            <ul>
                                {cards.into_iter().map(|(id, _, name, cause, owner)| view! {
                                    <li class="case-card">
                                        <a href=Route::WinbackCase(liuke_engine::WinbackId(id)).href()>{name}</a>
                                        {(!cause.is_empty()).then(|| view! { <span class="sub">{move || i18n.t(&cause)}</span> })}
                                        <span class="sub">{owner}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </div>
            <section class="card">
                <h2>{t("winback.without_case")}</h2>
                <Show when=move || waiting.with(Vec::is_empty)>
                    <p class="muted">{t("winback.none_waiting")}</p>
                </Show>
                <ul class="plain waiting">
                    {move || waiting.get().into_iter().map(|(id, name, lost)| {
                        let status = if lost { "customer.status.lost" } else { "customer.status.at_risk" };
                        view! {
                            <li>
                                <a href=Route::Customer(id).href()>{name}</a> " "
                                <span class="badge">{t(status)}</span> " "
                                <OpenWinback customer=id/>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </section>
    }
}
