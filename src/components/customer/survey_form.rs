use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Field, Record, Survey, SurveyMethod};

const FIELDS: &[Field] = &[Field::Date, Field::Score];

/// A satisfaction result on the five-level scale (很满意 … 很不满意).
#[component]
pub fn SurveyForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<Survey>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let i18n = use_i18n();
    let date = RwSignal::new(format_date(if editing { base.date } else { state.today() }));
    let score = RwSignal::new(base.score);
    let method = RwSignal::new(if editing {
        base.method
    } else {
        SurveyMethod::Phone
    });
    let error: FormError = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record = forms::date(Field::Date, &date.get_untracked()).map(|date| {
            Record::Survey(Survey {
                customer,
                date,
                score: score.get_untracked(),
                method: method.get_untracked(),
                ..base.clone()
            })
        });
        forms::save(
            state,
            error,
            record,
            editing.then(|| Record::Survey(base.clone())),
            "log.survey_saved",
            move || {
                score.set(0);
                forms::finish(on_done);
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <div class="chips" role="radiogroup" aria-label=t("field.score")>
                {(1..=5u8).rev().map(|s| {
                    let key = format!("survey.score.{s}");
                    view! {
                        <button type="button" role="radio" data-score=s aria-checked=move || (score.get() == s).to_string()
                            on:click=move |_| score.set(s)>{move || i18n.t(&key)}</button>
                    }
                }).collect_view()}
            </div>
            <FieldError error=error field=Field::Score/>
            <div class="grid">
                <TextField label="field.date" name="date" value=date error=error field=Field::Date input_type="date"/>
                <label class="field">
                    <span>{t("field.method")}</span>
                    <select name="method" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        method.set(SurveyMethod::ALL.into_iter().find(|m| variant(m) == v).unwrap_or_default());
                    }>
                        {SurveyMethod::ALL.into_iter().map(|m| {
                            let key = format!("survey.method.{}", variant(&m));
                            view! { <option value=variant(&m) selected=move || method.get_untracked() == m>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions"><button type="submit" class="primary">{t("action.save")}</button></div>
        </form>
    }
}
