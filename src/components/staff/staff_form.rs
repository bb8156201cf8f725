use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Field, Record, Staff};

const FIELDS: &[Field] = &[Field::Name, Field::HireDate, Field::Capacity, Field::Region];

/// Adds a staff member, or edits `existing` (status has its own form).
#[component]
pub fn StaffForm(
    #[prop(optional)] existing: Option<Staff>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let i18n = use_i18n();
    let (base, editing) = forms::start(&existing);
    let name = RwSignal::new(base.name.clone());
    let role = RwSignal::new(variant(&base.role));
    let hired = RwSignal::new(format_date(if editing {
        base.hire_date
    } else {
        state.today()
    }));
    let regions = RwSignal::new(base.regions.join(", "));
    let industries = RwSignal::new(base.industries.join(", "));
    let capacity = RwSignal::new(if editing {
        base.capacity.to_string()
    } else {
        "80".to_string()
    });
    let error: FormError = RwSignal::new(None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let staff = (|| {
            Ok::<_, crate::errors::UiError>(Record::Staff(Staff {
                name: name.get_untracked().trim().to_string(),
                role: serde_json::from_value(serde_json::Value::String(role.get_untracked()))
                    .unwrap_or_default(),
                hire_date: forms::date(Field::HireDate, &hired.get_untracked())?,
                regions: forms::list(&regions.get_untracked()),
                industries: forms::list(&industries.get_untracked()),
                capacity: forms::whole(Field::Capacity, &capacity.get_untracked())?,
                ..base.clone()
            }))
        })();
        forms::save(
            state,
            error,
            staff,
            editing.then(|| Record::Staff(base.clone())),
            "staff.saved",
            move || {
                if !editing {
                    name.set(String::new());
                }
                forms::finish(on_done);
            },
        );
    };

    view! {
        <form class="card form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <h2>{if editing { t("staff.edit") } else { t("staff.add") }}</h2>
            <div class="grid">
                <TextField label="field.name" name="name" value=name error=error field=Field::Name autocomplete="off"/>
                <label class="field">
                    <span>{t("field.role")}</span>
                    <select name="role" prop:value=role on:change=move |ev| role.set(event_target_value(&ev))>
                        {["account_manager", "senior_manager", "after_sales", "director"].into_iter().map(|r| {
                            let key = format!("staff.role.{r}");
                            let selected = role.get_untracked() == r;
                            view! { <option value=r selected=selected>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <TextField label="field.hire_date" name="hire_date" value=hired error=error field=Field::HireDate input_type="date"/>
                <TextField label="field.capacity" name="capacity" value=capacity error=error field=Field::Capacity inputmode="numeric"/>
                <TextField label="field.regions" name="regions" value=regions error=error field=Field::Region/>
                <TextField label="field.industries" name="industries" value=industries error=error/>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions">
                <button type="submit" class="primary">{t("action.save")}</button>
            </div>
        </form>
    }
}
