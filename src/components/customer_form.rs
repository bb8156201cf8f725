use crate::components::{FieldError, FormError};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::route::{navigate, Route};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::*;

const FIELDS: &[Field] = &[
    Field::Name,
    Field::Since,
    Field::Industry,
    Field::Region,
    Field::Tags,
    Field::Staff,
];

/// Adds a customer, optionally with an owner; opens the new customer's page when saved.
#[component]
pub fn CustomerForm() -> impl IntoView {
    let state = use_state();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("company".to_string());
    let tier = RwSignal::new("C".to_string());
    let industry = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let since = RwSignal::new(format_date(state.today));
    let owner = RwSignal::new(String::new());
    let cannot_lose = RwSignal::new(false);
    let error: FormError = RwSignal::new(None);
    let duplicate = Memo::new(move |_| {
        let n = name.get();
        !n.trim().is_empty()
            && state
                .book
                .with(|b| b.customers_named(&n, None).next().is_some())
    });
    let staff_options = Memo::new(move |_| {
        state.book.with(|b| {
            b.staff()
                .iter()
                .filter(|s| s.status.is_active_on(state.today))
                .map(|s| (s.id.0, s.name.clone()))
                .collect::<Vec<_>>()
        })
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let since_date = match forms::date(Field::Since, &since.get_untracked()) {
            Ok(d) => d,
            Err(e) => return error.set(Some(e)),
        };
        let customer = Customer {
            name: name.get_untracked().trim().to_string(),
            kind: if kind.get_untracked() == "person" {
                CustomerKind::Person
            } else {
                CustomerKind::Company
            },
            tier: match tier.get_untracked().as_str() {
                "A" => Tier::A,
                "B" => Tier::B,
                _ => Tier::C,
            },
            industry: industry.get_untracked().trim().to_string(),
            region: region.get_untracked().trim().to_string(),
            tags: forms::list(&tags.get_untracked()),
            since: since_date,
            cannot_lose: cannot_lose.get_untracked(),
            ..Customer::default()
        };
        let owner_id = owner.get_untracked().parse::<u64>().ok().map(StaffId);
        spawn_local(async move {
            let created = match state
                .dispatch(Command::Create {
                    record: Record::Customer(customer),
                })
                .await
            {
                Ok(change) => change.created,
                Err(e) => return error.set(Some(e)),
            };
            error.set(None);
            let Some(key) = created else { return };
            if let Some(staff) = owner_id {
                let assign = Command::AssignOwner {
                    customer: CustomerId(key.id),
                    staff: Some(staff),
                    on: since_date.max(state.today),
                };
                if let Err(e) = state.dispatch(assign).await {
                    state.notice.set(Some(Notice::Error(e)));
                }
            }
            state.notice.set(Some(Notice::Saved("customer.saved")));
            navigate(Route::Customer(CustomerId(key.id)));
        });
    };

    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2>{t("customer.add")}</h2>
            <div class="grid">
                <label class="field wide">
                    <span>{t("field.name")}</span>
                    <input name="name" required autocomplete="off" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Name/>
                    {move || duplicate.get().then(|| view! { <p class="field-warning">{t("customer.duplicate_name")}</p> })}
                </label>
                <label class="field">
                    <span>{t("field.kind")}</span>
                    <select name="kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="company">{t("customer.kind.company")}</option>
                        <option value="person">{t("customer.kind.person")}</option>
                    </select>
                </label>
                <label class="field">
                    <span>{t("field.tier")}</span>
                    <select name="tier" prop:value=tier on:change=move |ev| tier.set(event_target_value(&ev))>
                        <option value="A">"A"</option>
                        <option value="B">"B"</option>
                        <option value="C">"C"</option>
                    </select>
                </label>
                <label class="field">
                    <span>{t("field.industry")}</span>
                    <input name="industry" prop:value=industry on:input=move |ev| industry.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Industry/>
                </label>
                <label class="field">
                    <span>{t("field.region")}</span>
                    <input name="region" prop:value=region on:input=move |ev| region.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Region/>
                </label>
                <label class="field">
                    <span>{t("field.since")}</span>
                    <input name="since" type="date" prop:value=since on:input=move |ev| since.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Since/>
                </label>
                <label class="field">
                    <span>{t("field.owner")}</span>
                    <select name="owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">{t("customer.no_owner")}</option>
                        {move || staff_options.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                    </select>
                    <FieldError error=error field=Field::Staff/>
                </label>
                <label class="field wide">
                    <span>{t("field.tags")}</span>
                    <input name="tags" prop:value=tags on:input=move |ev| tags.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Tags/>
                </label>
                <label class="check wide">
                    <input name="cannot_lose" type="checkbox" prop:checked=cannot_lose on:change=move |ev| cannot_lose.set(event_target_checked(&ev))/>
                    <span>{t("field.cannot_lose")}</span>
                </label>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions">
                <button type="submit" class="primary">{t("action.save")}</button>
            </div>
        </form>
    }
}
