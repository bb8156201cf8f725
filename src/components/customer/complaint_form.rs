use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Complaint, CustomerId, Field, Record, Severity};

const FIELDS: &[Field] = &[Field::Received, Field::Subject, Field::Name];

#[component]
pub fn ComplaintForm(
    customer: CustomerId,
    #[prop(optional)] existing: Option<Complaint>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let (base, editing) = forms::start(&existing);
    let received = RwSignal::new(format_date(if editing {
        base.received
    } else {
        state.today()
    }));
    let resolution = RwSignal::new(base.resolution.clone());
    let subject = RwSignal::new(base.subject.clone());
    let channel = RwSignal::new(base.channel.clone());
    let severity = RwSignal::new(variant(&base.severity));
    let error: FormError = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record = forms::date(Field::Received, &received.get_untracked()).map(|received| {
            Record::Complaint(Complaint {
                customer,
                received,
                subject: subject.get_untracked().trim().to_string(),
                channel: channel.get_untracked().trim().to_string(),
                resolution: resolution.get_untracked().trim().to_string(),
                severity: match severity.get_untracked().as_str() {
                    "high" => Severity::High,
                    "low" => Severity::Low,
                    _ => Severity::Medium,
                },
                ..base.clone()
            })
        });
        forms::save(
            state,
            error,
            record,
            editing.then(|| Record::Complaint(base.clone())),
            "log.complaint_saved",
            move || {
                subject.set(String::new());
                forms::finish(on_done);
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <div class="grid">
                <TextField label="field.subject" name="subject" value=subject error=error field=Field::Subject wide=true/>
                <TextField label="field.received" name="received" value=received error=error field=Field::Received input_type="date"/>
                <label class="field">
                    <span>{t("field.severity")}</span>
                    <select name="severity" prop:value=severity on:change=move |ev| severity.set(event_target_value(&ev))>
                        <option value="low">{t("severity.low")}</option>
                        <option value="medium">{t("severity.medium")}</option>
                        <option value="high">{t("severity.high")}</option>
                    </select>
                </label>
                <Show when=move || editing>
                    <TextField label="field.resolution" name="resolution" value=resolution error=error field=Field::Resolution wide=true/>
                </Show>
                <TextField label="field.channel" name="channel" value=channel error=error/>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions"><button type="submit" class="primary">{t("action.save")}</button></div>
        </form>
    }
}
