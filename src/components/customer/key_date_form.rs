use crate::components::{FieldError, FormError, KindChips, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{ContactId, CustomerId, Field, KeyDate, KeyDateKind, Record};

const FIELDS: &[Field] = &[Field::Date, Field::Label, Field::Contact];
const KINDS: [KeyDateKind; 5] = [
    KeyDateKind::Birthday,
    KeyDateKind::Founding,
    KeyDateKind::Wedding,
    KeyDateKind::Renewal,
    KeyDateKind::Other,
];

/// A date worth remembering: birthdays, founding days and weddings come back every year.
#[component]
pub fn KeyDateForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<KeyDate>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let kind = RwSignal::new(if editing {
        base.kind
    } else {
        KeyDateKind::Birthday
    });
    let date = RwSignal::new(if editing {
        format_date(base.date)
    } else {
        String::new()
    });
    let label = RwSignal::new(base.label.clone());
    let contact = RwSignal::new(base.contact.map(|c| c.0.to_string()).unwrap_or_default());
    let error: FormError = RwSignal::new(None);
    let contacts = Memo::new(move |_| {
        state.book.with(|b| {
            b.contacts()
                .of_customer(customer)
                .map(|c| (c.id.0.to_string(), c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind_now = kind.get_untracked();
        let record = forms::date(Field::Date, &date.get_untracked()).map(|date| {
            Record::KeyDate(KeyDate {
                customer,
                contact: contact.get_untracked().parse().ok().map(ContactId),
                kind: kind_now,
                date,
                recurring: kind_now != KeyDateKind::Other,
                label: label.get_untracked().trim().to_string(),
                ..base.clone()
            })
        });
        forms::save(
            state,
            error,
            record,
            editing.then(|| Record::KeyDate(base.clone())),
            "log.key_date_saved",
            move || {
                label.set(String::new());
                forms::finish(on_done);
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <KindChips value=kind options=KINDS.to_vec() prefix="key_date"/>
            <div class="grid">
                <TextField label="field.date" name="date" value=date error=error field=Field::Date input_type="date"/>
                <label class="field">
                    <span>{t("field.contact")}</span>
                    <select name="contact" on:change=move |ev| contact.set(event_target_value(&ev))>
                        <option value="">{t("key_date.whole_customer")}</option>
                        {move || contacts.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <TextField label="field.label" name="label" value=label error=error field=Field::Label/>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions"><button type="submit" class="primary">{t("action.save")}</button></div>
        </form>
    }
}
