use crate::components::reason_list::action_text;
use crate::components::{BandBadge, ReasonList};
use crate::i18n::{t, use_i18n};
use crate::insight::use_insight;
use leptos::prelude::*;
use liuke_engine::value::value_at_risk;
use liuke_engine::CustomerId;

/// One customer's risk with its reasons and what the customer is worth.
#[component]
pub fn CustomerRisk(id: CustomerId) -> impl IntoView {
    let insight = use_insight();
    let i18n = use_i18n();
    let found = Memo::new(move |_| {
        insight
            .assessment
            .with(|a| a.risk_of(id).cloned().zip(a.value_of(id).cloned()))
    });
    move || {
        found.get().map(|(risk, value)| {
            let pct = |p: f64| format!("{:.0}%", p * 100.0);
            let trend = value.historic.revenue_trend().map(|t| i18n.trend(t));
            let at_risk = value_at_risk(value.historic.revenue_12m.yuan(), risk.risk_weight());
            let action = risk
                .reasons
                .first()
                .map(|r| liuke_engine::register::NextAction::for_factor(r.factor));
            view! {
                <section class="card customer-risk" data-score=format!("{:.0}", risk.score)>
                    <div class="card-head">
                        <h2>{t("customer.risk_title")}</h2>
                        <BandBadge band=risk.band score=risk.score little_data=risk.little_data/>
                    </div>
                    {if risk.reasons.is_empty() {
                        view! { <p class="hint">{t("customer.no_risk_reasons")}</p> }.into_any()
                    } else {
                        view! { <ReasonList reasons=risk.reasons.clone() points=true/> }.into_any()
                    }}
                    {action.map(|a| view! { <p class="next-action">{t("register.next_action")} ": " <strong>{action_text(&i18n, a)}</strong></p> })}
                    <dl class="facts">
                        <dt>{t("value.revenue_12m")}</dt>
                        <dd>{i18n.money(value.historic.revenue_12m)} {trend.map(|t| format!(" ({t})"))}</dd>
                        <dt>{t("value.margin_12m")}</dt><dd>{i18n.money(value.historic.margin_12m)}</dd>
                        <dt>{t("value.abc")}</dt><dd>{format!("{:?}", value.abc)}</dd>
                        <dt>{t("value.value_at_risk")}</dt><dd>{i18n.yuan(at_risk)}</dd>
                        {value.clv.map(|clv| {
                            let shown = match value.clv_range {
                                Some((low, high)) => i18n.tf("value.clv_range", &[("clv", i18n.yuan(clv)), ("low", i18n.yuan(low)), ("high", i18n.yuan(high))]),
                                None => i18n.yuan(clv),
                            };
                            view! { <dt>{t("value.clv")}</dt><dd class="clv">{shown}</dd> }
                        })}
                        {value.p_alive.map(|p| view! { <dt>{t("value.p_alive")}</dt><dd class="p-alive">{pct(p)}</dd> })}
                        {value.expected_purchases.map(|e| view! { <dt>{t("value.expected_purchases")}</dt><dd>{format!("{e:.1}")}</dd> })}
                        {(value.referrals > 0).then(|| view! { <dt>{t("value.referrals")}</dt><dd>{value.referrals}</dd> })}
                    </dl>
                    {value.p_alive.is_some().then(|| view! { <p class="hint p-alive-explained">{t("value.p_alive_explained")}</p> })}
                </section>
            }
        })
    }
}
