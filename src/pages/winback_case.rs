use crate::components::{amount_texts, with_amounts, AmountTexts};
use crate::components::{
    ExitChecklistForm, FieldError, WinbackActions, WinbackCauses, WinbackClose,
};
use crate::errors::UiError;
use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{Command, Field, Record, WinbackCase, WinbackId};

/// One win-back case: the cause, the customer's worth, the plan and its actions, the
/// leaving-customer checklist, and closing it. Edits gather in a draft saved in one go.
#[component]
pub fn WinbackCasePage(id: WinbackId) -> impl IntoView {
    let state = use_state();
    let saved = Memo::new(move |_| state.book.with(|b| b.winback_cases().get(id.0).cloned()));
    move || match saved.get() {
        None => view! {
            <section class="page">
                <h1>{t("winback.not_found")}</h1>
                <a href=Route::Winback.href()>{t("winback.back")}</a>
            </section>
        }
        .into_any(),
        Some(case) => view! { <CaseForm case=case/> }.into_any(),
    }
}

#[component]
fn CaseForm(case: WinbackCase) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let insight = use_insight();
    let draft = RwSignal::new(case.clone());
    let amounts: AmountTexts = RwSignal::new(amount_texts(&case));
    let error: RwSignal<Option<UiError>> = RwSignal::new(None);
    let customer = case.customer;
    let name = Memo::new(move |_| {
        state.book.with(|b| {
            b.customers()
                .get(customer.0)
                .map(|c| (c.name.clone(), variant(&c.status)))
                .unwrap_or_default()
        })
    });
    let worth = Memo::new(move |_| {
        insight.assessment.with(|a| {
            a.value_of(customer)
                .map(|v| (v.historic.revenue_12m, v.clv))
        })
    });
    let open = case.is_open();
    let stage = format!("winback.stage.{}", variant(&case.stage()));
    let opened = case.clone();
    let save = move |_| {
        let record = amounts.with(|texts| draft.with(|d| with_amounts(d, texts)));
        let record = match record {
            Ok(c) => c,
            Err(e) => return error.set(Some(e)),
        };
        let opened = opened.clone();
        spawn_local(async move {
            // Checked against the case as this page opened it: another tab's save
            // is merged, or named if it changed the same fields.
            let command = Command::Edit {
                base: Box::new(Record::WinbackCase(opened)),
                edited: Box::new(Record::WinbackCase(record)),
            };
            match state.dispatch(command).await {
                Ok(_) => {
                    error.set(None);
                    state.notice.set(Some(Notice::Saved("winback.saved")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let changed = move || {
        let typed = amounts.with(|texts| draft.with(|d| with_amounts(d, texts)));
        typed.map_or(true, |d| {
            Some(d)
                != state
                    .book
                    .with(|b| b.winback_cases().get(case.id.0).cloned())
        })
    };
    view! {
        <section class="page winback-case" data-stage=variant(&case.stage())>
            <p class="crumbs"><a href=Route::Winback.href()>{t("nav.winback")}</a></p>
            <div class="page-head">
                <h1>
                    <a href=Route::Customer(customer).href()>{move || name.get().0}</a>
                    " " <span class="badge stage">{move || i18n.t(&stage)}</span>
                </h1>
            </div>
            <dl class="facts">
                <dt>{t("customer.status")}</dt>
                <dd>{move || i18n.t(&format!("customer.status.{}", name.get().1))}</dd>
                <dt>{t("customers.revenue_12m")}</dt>
                <dd>{move || worth.get().map(|w| i18n.money(w.0)).unwrap_or_default()}</dd>
                <dt>{t("value.clv")}</dt>
                <dd>{move || worth.get().and_then(|w| w.1).map_or_else(|| i18n.t("winback.no_clv"), |v| i18n.yuan(v))}</dd>
                <dt>{t("winback.opened")}</dt>
                <dd>{i18n.date(case.opened)}</dd>
                {case.closed.map(|d| view! { <dt>{t("winback.closed_on")}</dt><dd>{i18n.date(d)}</dd> })}
                {(!case.why_not.is_empty()).then(|| view! { <dt>{t("field.why_not")}</dt><dd>{case.why_not.clone()}</dd> })}
            </dl>
            <WinbackCauses draft=draft error=error/>
            <WinbackActions draft=draft error=error/>
            <ExitChecklistForm draft=draft amounts=amounts error=error/>
            <FieldError error=error fields=&[Field::Cause, Field::PrimaryCause, Field::Title, Field::Amount, Field::Lessons, Field::WhyNot]/>
            <div class="form-actions sticky">
                <button type="button" class="primary" name="save-case" on:click=save>{t("action.save")}</button>
                <Show when=changed><span class="muted unsaved">{t("winback.unsaved")}</span></Show>
            </div>
            {open.then(|| view! { <WinbackClose draft=draft amounts=amounts error=error/> })}
        </section>
    }
}
