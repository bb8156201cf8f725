use crate::i18n::{t, use_i18n};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::{concentration, PlanInputs};

/// How much of the book hangs on each person: what would be at stake if they left tomorrow.
#[component]
pub fn ConcentrationReport() -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let lines = Memo::new(move |_| {
        insight.assessment.with(|a| {
            let inputs = PlanInputs::from_views(&a.values, &a.risks);
            state
                .book
                .with(|b| concentration(b, state.today(), &inputs))
        })
    });
    view! {
        <section class="card concentration">
            <h2>{t("rotation.concentration")}</h2>
            <p class="hint">{t("rotation.concentration_lead")}</p>
            <div class="table-wrap">
                <table class="list">
                    <thead>
                        <tr>
                            <th>{t("field.staff")}</th>
                            <th class="num">{t("rotation.customers")}</th>
                            <th class="num">{t("column.revenue_12m")}</th>
                            <th class="num">{t("rotation.share")}</th>
                            <th class="num">{t("rotation.cannot_lose")}</th>
                            <th class="num">{t("rotation.single_contact")}</th>
                            <th class="num">{t("column.at_stake")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || lines.get().into_iter().map(|l| {
                            let name = state.book.with_untracked(|b| b.staff_name(Some(l.staff)));
                            view! {
                                <tr>
                                    <td><a href=Route::StaffMember(l.staff).href()>{name}</a></td>
                                    <td class="num">{l.customers}</td>
                                    <td class="num">{i18n.amount(l.revenue_12m)}</td>
                                    <td class="num">{format!("{:.1}%", l.revenue_share * 100.0)}</td>
                                    <td class="num">{l.cannot_lose}</td>
                                    <td class="num">{l.single_contact}</td>
                                    <td class="num strong">{i18n.amount_yuan(l.at_stake)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
