use crate::components::{FieldError, FormError, KindChips, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Field, Record, SignalKind};

const FIELDS: &[Field] = &[Field::Date, Field::Notes];
const KINDS: [SignalKind; 6] = [
    SignalKind::CompetitorApproach,
    SignalKind::ProcurementReform,
    SignalKind::StrategyChange,
    SignalKind::CustomerCrisis,
    SignalKind::PricePressure,
    SignalKind::Other,
];

/// Seed 004 "观象": an observed sign that the customer may leave.
#[component]
pub fn SignalForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<liuke_engine::Signal>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let kind = RwSignal::new(base.kind);
    let date = RwSignal::new(format_date(if editing { base.date } else { state.today() }));
    let note = RwSignal::new(base.note.clone());
    let error: FormError = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record = forms::date(Field::Date, &date.get_untracked()).map(|date| {
            Record::Signal(liuke_engine::Signal {
                customer,
                date,
                kind: kind.get_untracked(),
                note: note.get_untracked().trim().to_string(),
                ..base.clone()
            })
        });
        forms::save(
            state,
            error,
            record,
            editing.then(|| Record::Signal(base.clone())),
            "log.signal_saved",
            move || {
                note.set(String::new());
                forms::finish(on_done);
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <KindChips value=kind options=KINDS.to_vec() prefix="signal"/>
            <div class="grid">
                <TextField label="field.date" name="date" value=date error=error field=Field::Date input_type="date"/>
                <TextField label="field.notes" name="note" value=note error=error field=Field::Notes wide=true/>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions"><button type="submit" class="primary">{t("action.save")}</button></div>
        </form>
    }
}
