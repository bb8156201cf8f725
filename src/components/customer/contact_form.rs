use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Contact, ContactId, CustomerId, Field, Record};

const FIELDS: &[Field] = &[
    Field::Name,
    Field::Title,
    Field::Phone,
    Field::Email,
    Field::Birthday,
    Field::ReportsTo,
];

/// Adds a person at the customer. More than one contact point is the goal (seed 000).
#[component]
pub fn ContactForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<Contact>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let name = RwSignal::new(base.name.clone());
    let title = RwSignal::new(base.title.clone());
    let phone = RwSignal::new(base.phone.clone());
    let birthday = RwSignal::new(base.birthday.map(format_date).unwrap_or_default());
    let decision_maker = RwSignal::new(base.decision_maker);
    let reports_to = RwSignal::new(base.reports_to.map(|c| c.0.to_string()).unwrap_or_default());
    let own_id = base.id;
    let colleagues = Memo::new(move |_| {
        state.book.with(|b| {
            b.contacts()
                .of_customer(customer)
                .filter(|c| c.id != own_id)
                .map(|c| (c.id.0.to_string(), c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
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
                    reports_to: reports_to.get_untracked().parse().ok().map(ContactId),
                    ..base.clone()
                })
            });
        forms::save(
            state,
            error,
            record,
            editing.then(|| Record::Contact(base.clone())),
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
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <div class="grid">
                <TextField label="field.name" name="name" value=name error=error field=Field::Name autocomplete="off"/>
                <TextField label="field.title" name="title" value=title error=error field=Field::Title/>
                <TextField label="field.phone" name="phone" value=phone error=error field=Field::Phone input_type="tel"/>
                <TextField label="field.birthday" name="birthday" value=birthday error=error field=Field::Birthday input_type="date"/>
                <label class="field">
                    <span>{t("field.reports_to")}</span>
                    <select name="reports_to" on:change=move |ev| reports_to.set(event_target_value(&ev))>
                        <option value="">{t("form.nobody")}</option>
                        {move || colleagues.get().into_iter().map(|(id, name)| {
                            let selected = reports_to.get_untracked() == id;
                            view! { <option value=id selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <FieldError error=error field=Field::ReportsTo/>
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
