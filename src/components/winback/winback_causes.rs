use crate::components::{FieldError, FormError};
use crate::i18n::{t, use_i18n, variant, I18n};
use leptos::prelude::*;
use liuke_engine::winback::Review;
use liuke_engine::{Field, LearnedVia, LossCause, WinbackCase};

/// The true cause (seed 003 step 1): every cause found, the primary one among them, how
/// it was learned, and whether the customer is worth winning back.
#[component]
pub fn WinbackCauses(draft: RwSignal<WinbackCase>, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let toggle = move |cause: LossCause, on: bool| {
        draft.update(|d| {
            d.causes.retain(|c| *c != cause);
            if on {
                d.causes.push(cause);
                d.causes.sort();
                if d.primary.is_none() {
                    d.primary = Some(cause);
                }
            } else if d.primary == Some(cause) {
                d.primary = d.causes.first().copied();
            }
        });
    };
    view! {
        <section class="card winback-causes">
            <h2>{t("winback.causes")}</h2>
            <p class="hint">{t("winback.causes_hint")}</p>
            <table class="list causes">
                <thead><tr><th>{t("winback.cause")}</th><th>{t("winback.primary")}</th></tr></thead>
                <tbody>
                    {LossCause::ALL.into_iter().map(|cause| {
                        let key = format!("loss_cause.{}", variant(&cause));
                        let label = key.clone();
                        let checked = move || draft.with(|d| d.causes.contains(&cause));
                        view! {
                            <tr data-cause=variant(&cause)>
                                <td><label class="check">
                                    <input type="checkbox" name="cause" prop:checked=checked
                                        on:change=move |ev| toggle(cause, event_target_checked(&ev))/>
                                    {move || i18n.t(&key)}
                                </label></td>
                                <td><input type="radio" name="primary" aria-label=move || i18n.t(&label)
                                    prop:checked=move || draft.with(|d| d.primary == Some(cause))
                                    prop:disabled=move || !checked()
                                    on:change=move |_| draft.update(|d| d.primary = Some(cause))/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <FieldError error=error field=Field::PrimaryCause/>
            <FieldError error=error field=Field::Cause/>
            <div class="form-grid">
                <label class="field">
                    <span>{t("winback.learned_via")}</span>
                    <select name="learned_via" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.learned_via = LearnedVia::ALL.into_iter().find(|l| variant(l) == v));
                    }>
                        <option value="" selected=move || draft.with(|d| d.learned_via.is_none())>{t("form.not_set")}</option>
                        {LearnedVia::ALL.into_iter().map(|via| {
                            let key = format!("learned_via.{}", variant(&via));
                            view! { <option value=variant(&via) selected=move || draft.with(|d| d.learned_via == Some(via))>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t("winback.worth_it")}</span>
                    <select name="worth_it" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.worth_it = match v.as_str() { "yes" => Some(true), "no" => Some(false), _ => None });
                    }>
                        <option value="" selected=move || draft.with(|d| d.worth_it.is_none())>{t("form.not_set")}</option>
                        <option value="yes" selected=move || draft.with(|d| d.worth_it == Some(true))>{t("winback.worth_yes")}</option>
                        <option value="no" selected=move || draft.with(|d| d.worth_it == Some(false))>{t("winback.worth_no")}</option>
                    </select>
                </label>
                <label class="field wide">
                    <span>{t("winback.plan")}</span>
                    <textarea name="plan" prop:value=move || draft.with(|d| d.plan.clone())
                        on:input=move |ev| draft.update(|d| d.plan = event_target_value(&ev))></textarea>
                </label>
            </div>
        </section>
    }
}

/// The causes of loss as chart bars (cases per primary cause, largest first).
pub fn cause_bars(i18n: &I18n, review: &Review) -> Vec<crate::components::Bar> {
    review
        .causes
        .iter()
        .map(|c| {
            crate::components::Bar::new(
                i18n.t(&format!("loss_cause.{}", variant(&c.cause))),
                f64::from(c.cases),
            )
        })
        .collect()
}
