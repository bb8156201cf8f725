use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Contact, CustomerId, Field, Record};

const FIELDS: &[Field] = &[
    Field::Name,
    Field::Title,
    Field::Phone,
    Field::Email,
    Field::Birthday,
];

/// Adds a person at the customer. More than one contact point is the goal (seed 000).
#[component]
pub fn ContactForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<Contact>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let name = RwSignal::new(base.name.clone());
    let title = RwSignal::new(base.title.clone());
    let phone = RwSignal::new(base.phone.clone());
    let birthday = RwSignal::new(base.birthday.map(format_date).unwrap_or_default());
    let decision_maker = RwSignal::new(base.decision_maker);
    let error: FormError = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record =
            forms::optional_date(Field::Birthday, &birthday.get_untracked()).map(|birthday| {
                Record::Contact(Contact {
                    customer,
                    name: name.get_untracked().trim().to_string(),
                    title: title.get_untracked().trim().to_string(),
                    phone: phone.get_untracked().trim().to_string(),
                    birthday,
                    decision_maker: decision_maker.get_untracked(),
                    ..base.clone()
                })
            });
        forms::save(
            state,
            error,
            record,
            editing,
            "log.contact_saved",
            move || {
                name.set(String::new());
                title.set(String::new());
                phone.set(String::new());
                birthday.set(String::new());
                forms::finish(on_done);
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <div class="grid">
                <TextField label="field.name" name="name" value=name error=error field=Field::Name autocomplete="off"/>
                <TextField label="field.title" name="title" value=title error=error field=Field::Title/>
                <TextField label="field.phone" name="phone" value=phone error=error field=Field::Phone input_type="tel"/>
                <TextField label="field.birthday" name="birthday" value=birthday error=error field=Field::Birthday input_type="date"/>
                <label class="check wide">
                    <input name="decision_maker" type="checkbox" prop:checked=decision_maker on:change=move |ev| decision_maker.set(event_target_checked(&ev))/>
                    <span>{t("field.decision_maker")}</span>
                </label>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions"><button type="submit" class="primary">{t("action.save")}</button></div>
        </form>
    }
}
