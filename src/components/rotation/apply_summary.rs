use crate::i18n::{t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::Plan;

/// What applying the plan asks of each successor, to confirm before anything changes:
/// who takes how many customers and how much value (issue 19, point 4).
#[component]
pub fn ApplySummary(
    plan: Memo<Option<Plan>>,
    confirm: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let rows = move || {
        let takers = plan.with(|p| p.as_ref().map(Plan::takers).unwrap_or_default());
        takers
            .into_iter()
            .map(|taker| {
                let name = state
                    .book
                    .with_untracked(|b| b.staff_name(Some(taker.staff)));
                view! {
                    <tr data-staff=taker.staff.0 data-customers=taker.customers>
                        <td>{name}</td>
                        <td class="num">{i18n.count(taker.customers as usize)}</td>
                        <td class="num">{i18n.amount_yuan(taker.value)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="apply-summary" role="group" aria-label=t("rotation.confirm_title")>
            <h3>{t("rotation.confirm_title")}</h3>
            <div class="table-wrap">
                <table class="list takers">
                    <thead>
                        <tr>
                            <th>{t("rotation.successor")}</th>
                            <th class="num">{t("rotation.takes_customers")}</th>
                            <th class="num">{t("rotation.takes_value")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="actions">
                <button type="button" class="primary confirm-apply" on:click=move |_| confirm.run(())>{t("rotation.confirm_apply")}</button>
                " "
                <button type="button" class="cancel-apply" on:click=move |_| cancel.run(())>{t("rotation.cancel_apply")}</button>
            </div>
        </div>
    }
}
