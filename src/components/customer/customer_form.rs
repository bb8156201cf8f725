use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::route::{navigate, Route};
use crate::state::{use_state, Notice};
use crate::storage::prefs;
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::directory::{book_facets, near_duplicate};
use liuke_engine::*;

const FIELDS: &[Field] = &[
    Field::Name,
    Field::Since,
    Field::Industry,
    Field::Region,
    Field::Tags,
    Field::Staff,
    Field::Phone,
    Field::Address,
    Field::Notes,
];

/// Adds a customer (or edits `existing`), with an owner; opens the customer's page when saved.
#[component]
pub fn CustomerForm(
    #[prop(optional)] existing: Option<Customer>,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let base = existing.clone().unwrap_or_default();
    let editing = existing.as_ref().map(|c| c.id);
    let name = RwSignal::new(base.name.clone());
    let kind = RwSignal::new(variant(&base.kind));
    let tier = RwSignal::new(format!("{:?}", base.tier));
    let industry = RwSignal::new(base.industry.clone());
    let region = RwSignal::new(base.region.clone());
    let tags = RwSignal::new(base.tags.join(", "));
    let since = RwSignal::new(format_date(if editing.is_some() {
        base.since
    } else {
        state.today()
    }));
    // Who may own a customer: the staff active today, offered by the owner choice.
    let staff_options = Memo::new(move |_| {
        state.book.with(|b| {
            b.staff()
                .iter()
                .filter(|s| s.status.is_active_on(state.today()))
                .map(|s| (s.id.0, s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // A customer added in a team book is the device user's own to begin with; else the
    // owner last given to a new customer here, while they can still take customers.
    let current_owner = match editing {
        Some(id) => state.book.with_untracked(|b| b.owner_of(id)),
        None => untrack(|| state.me()).or_else(|| {
            prefs::last_owner()
                .filter(|id| staff_options.with_untracked(|o| o.iter().any(|(s, _)| s == id)))
                .map(StaffId)
        }),
    };
    let owner = RwSignal::new(current_owner.map(|s| s.0.to_string()).unwrap_or_default());
    let cannot_lose = RwSignal::new(base.cannot_lose);
    let locked = RwSignal::new(base.locked);
    let notes = RwSignal::new(base.notes.clone());
    let phone = RwSignal::new(base.phone.clone());
    let address = RwSignal::new(base.address.clone());
    let error: FormError = RwSignal::new(None);
    let duplicate = Memo::new(move |_| {
        let n = name.get();
        !n.trim().is_empty()
            && state
                .book
                .with(|b| b.customers_named(&n, editing).next().is_some())
    });
    // The book's regions and industries, offered as the user types and used to catch a
    // near-duplicate (华东区 beside 华东) before it splits the filters.
    let known = Memo::new(move |_| {
        let f = state.book.with(book_facets);
        (f.regions, f.industries)
    });
    let suggestion = move |value: RwSignal<String>, region: bool| {
        move || {
            let typed = value.get();
            let near = known.with(|(regions, industries)| {
                let values = if region { regions } else { industries };
                near_duplicate(values, &typed).map(str::to_owned)
            })?;
            let take = near.clone();
            Some(view! {
                <p class="field-warning near-duplicate">
                    {i18n.tf("customer.near_duplicate", &[("value", near.clone())])} " "
                    <button type="button" class="link" on:click=move |_| value.set(take.clone())>
                        {i18n.tf("customer.use_existing", &[("value", near.clone())])}
                    </button>
                </p>
            })
        }
    };

    on_cleanup(crate::unsaved::settled);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let since_date = match forms::date(Field::Since, &since.get_untracked()) {
            Ok(d) => d,
            Err(e) => return error.set(Some(e)),
        };
        let customer = Customer {
            id: base.id,
            status: base.status,
            referrals: base.referrals,
            notes: notes.get_untracked().trim().to_string(),
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
            locked: locked.get_untracked(),
            phone: phone.get_untracked().trim().to_string(),
            address: address.get_untracked().trim().to_string(),
        };
        let owner_id = owner.get_untracked().parse::<u64>().ok().map(StaffId);
        let command = match editing {
            Some(_) => Command::EditCustomer {
                customer,
                owner: owner_id,
            },
            None => Command::CreateCustomer {
                customer,
                owner: owner_id,
            },
        };
        // Sent: leaving while it is saved does not ask; a refusal makes it unsaved again.
        crate::unsaved::settled();
        spawn_local(async move {
            let id = match state.dispatch(command).await {
                Ok(change) => change.created.map(|k| CustomerId(k.id)).or(editing),
                Err(e) => {
                    crate::unsaved::typed();
                    return error.set(Some(e));
                }
            };
            if editing.is_none() {
                prefs::save_last_owner(owner_id.map(|s| s.0));
            }
            error.set(None);
            state.notice.set(Some(Notice::Saved("customer.saved")));
            match (on_done, id) {
                (Some(done), _) => forms::finish(Some(done)),
                (None, Some(id)) => navigate(Route::Customer(id)),
                (None, None) => {}
            }
        });
    };

    view! {
        <form class="card form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <h2>{if editing.is_some() { t("customer.edit") } else { t("customer.add") }}</h2>
            <div class="grid">
                <label class="field wide">
                    <span>{t("field.name")}</span>
                    <input name="name" required autocomplete="off" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <FieldError error=error field=Field::Name/>
                    {move || duplicate.get().then(|| view! { <p class="field-warning">{t("customer.duplicate_name")}</p> })}
                </label>
                <label class="field">
                    <span>{t("field.kind")}</span>
                    <select name="kind" prop:value=kind on:change=move |ev| kind.set(event_target_value(&ev))>
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
                <div class="field-group">
                    <TextField label="field.industry" name="industry" value=industry error=error field=Field::Industry list="known-industries"/>
                    {suggestion(industry, false)}
                </div>
                <div class="field-group">
                    <TextField label="field.region" name="region" value=region error=error field=Field::Region list="known-regions"/>
                    {suggestion(region, true)}
                </div>
                <datalist id="known-industries">
                    {move || known.with(|(_, i)| i.iter().map(|v| view! { <option value=v.clone()></option> }).collect_view())}
                </datalist>
                <datalist id="known-regions">
                    {move || known.with(|(r, _)| r.iter().map(|v| view! { <option value=v.clone()></option> }).collect_view())}
                </datalist>
                <TextField label="field.since" name="since" value=since error=error field=Field::Since input_type="date"/>
                <label class="field">
                    <span>{t("field.owner")}</span>
                    <select name="owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">{t("customer.no_owner")}</option>
                        {move || staff_options.get().into_iter().map(|(id, n)| {
                            let selected = owner.get_untracked() == id.to_string();
                            view! { <option value=id.to_string() selected=selected>{n}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error=error field=Field::Staff/>
                </label>
                <TextField label="customer.phone" name="phone" value=phone error=error field=Field::Phone input_type="tel" autocomplete="tel"/>
                <TextField label="field.address" name="address" value=address error=error field=Field::Address wide=true autocomplete="street-address"/>
                <TextField label="field.tags" name="tags" value=tags error=error field=Field::Tags wide=true/>
                <TextField label="field.notes" name="notes" value=notes error=error field=Field::Notes wide=true/>
                <label class="check wide">
                    <input name="cannot_lose" type="checkbox" prop:checked=cannot_lose on:change=move |ev| cannot_lose.set(event_target_checked(&ev))/>
                    <span>{t("field.cannot_lose")}</span>
                </label>
                <label class="check wide">
                    <input name="locked" type="checkbox" prop:checked=locked on:change=move |ev| locked.set(event_target_checked(&ev))/>
                    <span>{t("field.locked")}</span>
                </label>
            </div>
            <FieldError error=error fields=FIELDS/>
            <div class="actions">
                <button type="submit" class="primary">{t("action.save")}</button>
            </div>
        </form>
    }
}
