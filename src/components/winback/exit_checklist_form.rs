use crate::components::{FieldError, FormError};
use crate::errors::UiError;
use crate::forms;
use crate::i18n::{t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{winback, ExitChecklist, Field, Money, WinbackCase};

type Flag = (
    &'static str,
    fn(&ExitChecklist) -> bool,
    fn(&mut ExitChecklist, bool),
);

/// Seed 004's checklist for a customer who leaves: the last conversation, containing bad
/// news, telling others, and the loss kept small and written down.
const FLAGS: [Flag; 6] = [
    (
        "exit.tried_to_retain",
        |e| e.tried_to_retain,
        |e, v| e.tried_to_retain = v,
    ),
    (
        "exit.learned_why",
        |e| e.learned_why,
        |e, v| e.learned_why = v,
    ),
    (
        "exit.open_items_settled",
        |e| e.open_items_settled,
        |e, v| e.open_items_settled = v,
    ),
    (
        "exit.claims_settled",
        |e| e.claims_settled,
        |e, v| e.claims_settled = v,
    ),
    (
        "exit.bad_news_contained",
        |e| e.bad_news_contained,
        |e, v| e.bad_news_contained = v,
    ),
    (
        "exit.others_informed",
        |e| e.others_informed,
        |e, v| e.others_informed = v,
    ),
];

const AMOUNTS: [&str; 4] = [
    "exit.receivables",
    "exit.compensation",
    "exit.returns",
    "exit.market_gap",
];

#[component]
pub fn ExitChecklistForm(
    draft: RwSignal<WinbackCase>,
    amounts: RwSignal<[String; 4]>,
    error: FormError,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let owed = Memo::new(move |_| {
        let customer = draft.with(|d| d.customer);
        state.book.with(|b| winback::receivables(b, customer))
    });
    view! {
        <section class="card exit-checklist">
            <h2>{t("exit.title")}</h2>
            <p class="hint">{t("exit.lead")}</p>
            <ul class="checklist">
                {FLAGS.into_iter().map(|(key, get, set)| view! {
                    <li><label class="check">
                        <input type="checkbox" name=key prop:checked=move || draft.with(|d| get(&d.exit))
                            on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| set(&mut d.exit, on)) }/>
                        {move || i18n.t(key)}
                    </label></li>
                }).collect_view()}
            </ul>
            <h3>{t("exit.loss")}</h3>
            <Show when=move || owed.get() != Money::ZERO>
                <p class="hint owed">{move || i18n.tf("exit.receivables_owed", &[("amount", i18n.money(owed.get()))])} " "
                    <button type="button" class="small" name="use-receivables"
                        on:click=move |_| amounts.update(|a| a[0] = owed.get_untracked().to_string())>{t("exit.use_receivables")}</button></p>
            </Show>
            <div class="form-grid">
                {AMOUNTS.into_iter().enumerate().map(|(i, key)| view! {
                    <label class="field"><span>{move || i18n.t(key)}</span>
                        <input name=key inputmode="decimal" prop:value=move || amounts.with(|a| a[i].clone())
                            on:input=move |ev| { let v = event_target_value(&ev); amounts.update(|a| a[i] = v) }/></label>
                }).collect_view()}
            </div>
            <FieldError error=error field=Field::Amount/>
            <label class="field wide"><span>{t("exit.lessons")}</span>
                <textarea name="lessons" prop:value=move || draft.with(|d| d.exit.lessons.clone())
                    on:input=move |ev| draft.update(|d| d.exit.lessons = event_target_value(&ev))></textarea></label>
            <FieldError error=error field=Field::Lessons/>
        </section>
    }
}

/// The amounts of the exit checklist as typed, read when saving.
pub type AmountTexts = RwSignal<[String; 4]>;

pub fn amount_texts(case: &WinbackCase) -> [String; 4] {
    let e = &case.exit;
    [e.receivables, e.compensation, e.returns, e.market_gap].map(|m| {
        if m == Money::ZERO {
            String::new()
        } else {
            m.to_string()
        }
    })
}

/// The draft with the typed amounts read into it.
pub fn with_amounts(draft: &WinbackCase, texts: &[String; 4]) -> Result<WinbackCase, UiError> {
    let mut case = draft.clone();
    let [r, c, ret, gap] = texts;
    case.exit.receivables = forms::money_or_zero(Field::Amount, r)?;
    case.exit.compensation = forms::money_or_zero(Field::Amount, c)?;
    case.exit.returns = forms::money_or_zero(Field::Amount, ret)?;
    case.exit.market_gap = forms::money_or_zero(Field::Amount, gap)?;
    Ok(case)
}
