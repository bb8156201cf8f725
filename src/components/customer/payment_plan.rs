use crate::components::{FieldError, TextField};
use crate::errors::UiError;
use crate::forms;
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{winback, Command, CustomerId, Field, Instalment, InstalmentStatus};

/// The customer's payment plan (回款计划): instalments with their status in words, what is
/// still owed, a form to plan one, and recording what came in.
#[component]
pub fn PaymentPlan(id: CustomerId) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        state
            .book
            .with(|b| b.instalments().of_customer(id).cloned().collect::<Vec<_>>())
    });
    let owed = Memo::new(move |_| state.book.with(|b| winback::receivables(b, id)));
    let due = RwSignal::new(format_date(state.today() + chrono::Duration::days(30)));
    let amount = RwSignal::new(String::new());
    let error: RwSignal<Option<UiError>> = RwSignal::new(None);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = forms::date(Field::Due, &due.get_untracked()).and_then(|due| {
            let amount = forms::money(Field::Amount, &amount.get_untracked())?;
            Ok(Command::PlanInstalment {
                customer: id,
                due,
                amount,
            })
        });
        forms::send(state, error, command, "instalment.saved", move || {
            amount.set(String::new());
        });
    };
    view! {
        <section class="card payment-plan">
            <div class="card-head">
                <h2>{t("instalment.title")}</h2>
                <span class="owed">{move || i18n.tf("instalment.owed", &[("amount", i18n.money(owed.get()))])}</span>
            </div>
            <ul class="plain instalments">
                {move || rows.get().into_iter().map(|i| view! { <InstalmentRow instalment=i/> }).collect_view()}
            </ul>
            <form class="form-grid" on:submit=add on:input=move |_| crate::unsaved::typed()>
                <TextField label="field.due" name="instalment_due" value=due error=error field=Field::Due input_type="date"/>
                <TextField label="field.amount_yuan" name="instalment_amount" value=amount error=error field=Field::Amount inputmode="decimal"/>
                <button type="submit" name="add-instalment">{t("instalment.add")}</button>
            </form>
        </section>
    }
}

/// One instalment: due date, amount, status (word and arrow-free badge), payment form.
#[component]
fn InstalmentRow(instalment: Instalment) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let status = instalment.status(state.today());
    let key = format!("instalment.status.{}", variant(&status));
    let paying = RwSignal::new(String::new());
    let error: RwSignal<Option<UiError>> = RwSignal::new(None);
    let open = !matches!(status, InstalmentStatus::Paid | InstalmentStatus::Void);
    let target = instalment.id;
    let pay = move |_| {
        let command = forms::money(Field::Paid, &paying.get_untracked()).map(|amount| {
            Command::RecordPayment {
                instalment: target,
                amount,
                on: state.today(),
            }
        });
        forms::send(state, error, command, "instalment.paid_saved", move || {
            paying.set(String::new());
        });
    };
    let void = move |_| {
        forms::send(
            state,
            error,
            Ok(Command::VoidInstalment { instalment: target }),
            "instalment.voided",
            || {},
        );
    };
    view! {
        <li class="instalment" data-status=variant(&status)>
            <span>{i18n.date(instalment.due)}</span> " · "
            <span>{i18n.money(instalment.amount)}</span> " "
            <span class=if status == InstalmentStatus::Overdue { "badge overdue" } else { "badge" }>{move || i18n.t(&key)}</span>
            {(instalment.paid > liuke_engine::Money::ZERO).then(|| view! { " " <span class="sub">{i18n.tf("instalment.paid", &[("amount", i18n.money(instalment.paid))])}</span> })}
            {open.then(|| view! {
                <span class="pay">
                    <input name="payment" inputmode="decimal" aria-label=move || i18n.t("instalment.payment")
                        placeholder=move || i18n.t("instalment.payment") prop:value=paying on:input=move |ev| paying.set(event_target_value(&ev))/>
                    <button type="button" class="small" name="record-payment" on:click=pay>{t("instalment.record")}</button>
                    <button type="button" class="link danger" on:click=void>{t("instalment.void")}</button>
                </span>
            })}
            <FieldError error=error/>
        </li>
    }
}
