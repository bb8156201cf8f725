use crate::i18n::use_i18n;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::Plan;

/// Each person's book before and after the plan, by customers and by value.
#[component]
pub fn LoadTable(plan: Memo<Option<Plan>>) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let rows = move || {
        let lines = plan.with(|p| p.as_ref().map(|p| p.load.clone()).unwrap_or_default());
        lines
            .into_iter()
            .filter(|l| l.customers_before != l.customers_after)
            .map(|l| {
                let name = state.book.with_untracked(|b| b.staff_name(Some(l.staff)));
                let full = l.customers_after > l.capacity;
                view! {
                    <tr data-staff=l.staff.0>
                        <td>{name}</td>
                        <td class="num">{format!("{} → {}", l.customers_before, l.customers_after)}</td>
                        <td class="num">{l.capacity}{full.then(|| view! { " " <span class="badge overdue">{move || i18n.t("rotation.over_capacity")}</span> })}</td>
                        <td class="num">{format!("{} → {}", i18n.amount_yuan(l.value_before), i18n.amount_yuan(l.value_after))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="list load-table">
                <thead>
                    <tr>
                        <th>{move || i18n.t("field.staff")}</th>
                        <th class="num">{move || i18n.t("rotation.customers_before_after")}</th>
                        <th class="num">{move || i18n.t("field.capacity")}</th>
                        <th class="num">{move || i18n.t("rotation.value_before_after")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
