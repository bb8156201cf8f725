use crate::components::{FieldError, FormError};
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
                <label class="field">
                    <span>{t("field.name")}</span>
                    <input name="name" autocomplete="off" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Name/>
                </label>
                <label class="field">
                    <span>{t("field.title")}</span>
                    <input name="title" prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Title/>
                </label>
                <label class="field">
                    <span>{t("field.phone")}</span>
                    <input name="phone" type="tel" prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Phone/>
                </label>
                <label class="field">
                    <span>{t("field.birthday")}</span>
                    <input name="birthday" type="date" prop:value=birthday on:input=move |ev| birthday.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Birthday/>
                </label>
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
