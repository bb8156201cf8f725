use crate::components::{FieldError, FormError, KindChips, StaffSelect, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Field, Interaction, InteractionKind, Record, StaffId};

const FIELDS: &[Field] = &[
    Field::Date,
    Field::Summary,
    Field::Staff,
    Field::NextContact,
];

/// Logs a visit, call, message, gift, event or greeting. Defaults: today, the owner.
#[component]
pub fn InteractionForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<Interaction>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let kind = RwSignal::new(base.kind);
    let date = RwSignal::new(format_date(if editing { base.date } else { state.today() }));
    let owner = state
        .book
        .with_untracked(|b| b.owner_of(customer))
        .map(|s| s.0.to_string());
    // A new entry is the device user's own (in a team book), else the owner's.
    let me = untrack(|| state.me()).map(|s| s.0.to_string());
    let staff = RwSignal::new(if editing {
        base.staff.map(|s| s.0.to_string()).unwrap_or_default()
    } else {
        me.or(owner).unwrap_or_default()
    });
    let summary = RwSignal::new(base.summary.clone());
    let next = RwSignal::new(base.next_contact.map(format_date).unwrap_or_default());
    let error: FormError = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record = forms::date(Field::Date, &date.get_untracked()).and_then(|date| {
            let next_contact = forms::optional_date(Field::NextContact, &next.get_untracked())?;
            Ok(Record::Interaction(Interaction {
                customer,
                date,
                kind: kind.get_untracked(),
                staff: staff.get_untracked().parse().ok().map(StaffId),
                summary: summary.get_untracked().trim().to_string(),
                next_contact,
                ..base.clone()
            }))
        });
        forms::save(
            state,
            error,
            record,
            editing.then(|| Record::Interaction(base.clone())),
            "log.saved",
            move || {
                summary.set(String::new());
                next.set(String::new());
                forms::finish(on_done);
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <KindChips value=kind options=InteractionKind::ALL.to_vec() prefix="interaction"/>
            <div class="grid">
                <TextField label="field.date" name="date" value=date error=error field=Field::Date input_type="date"/>
                <label class="field">
                    <span>{t("field.staff")}</span>
                    <StaffSelect value=staff allow_none=true/>
                </label>
                <TextField label="field.summary" name="summary" value=summary error=error field=Field::Summary wide=true/>
                <TextField label="field.next_contact" name="next_contact" value=next error=error field=Field::NextContact input_type="date"/>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions"><button type="submit" class="primary">{t("action.save")}</button></div>
        </form>
    }
}
