use super::plan_table::part_text;
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::Plan;

/// The plan as reviewed, as a CSV for Excel (UTF-8 with BOM): to discuss it in a meeting
/// or hand it to the people concerned.
#[component]
pub fn PlanExport(plan: Memo<Option<Plan>>) -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let export = move |_| {
        let Some(plan) = plan.get_untracked() else {
            return;
        };
        let headers = [
            "register.csv.customer",
            "register.value",
            "register.risk",
            "rotation.from",
            "rotation.successor",
            "rotation.cost",
            "rotation.why",
        ];
        let rows: Vec<Vec<String>> = insight.assessment.with_untracked(|a| {
            state.book.with_untracked(|b| {
                plan.lines
                    .iter()
                    .map(|line| {
                        let value = a
                            .value_of(line.customer)
                            .map(|v| v.clv.unwrap_or(v.historic.revenue_12m.yuan()));
                        let band = a
                            .risk_of(line.customer)
                            .map(|r| i18n.t(&format!("band.{}", variant(&r.band))));
                        vec![
                            b.customers()
                                .get(line.customer.0)
                                .map(|c| c.name.clone())
                                .unwrap_or_default(),
                            value.map(|v| format!("{v:.2}")).unwrap_or_default(),
                            band.unwrap_or_default(),
                            b.staff_name(line.from),
                            b.staff_name(Some(line.to)),
                            format!("{:.0}", line.cost),
                            line.parts
                                .iter()
                                .filter(|p| p.amount().abs() >= 0.5)
                                .map(|p| part_text(&i18n, p))
                                .collect::<Vec<_>>()
                                .join("；"),
                        ]
                    })
                    .collect()
            })
        });
        let text = crate::csv_file::table(&i18n, &headers, rows);
        crate::csv_file::offer(state, &format!("liuke-plan-{}.csv", state.today()), &text);
    };
    view! {
        <button type="button" class="export-plan" on:click=export>{t("rotation.export")}</button>
    }
}
