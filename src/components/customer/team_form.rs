use crate::components::{FieldError, FormError, StaffSelect};
use crate::forms;
use crate::i18n::{t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{CustomerId, Field, Record, Relationship, RelationshipRole, StaffId};

const ROLES: [RelationshipRole; 3] = [
    RelationshipRole::Secondary,
    RelationshipRole::CoFollower,
    RelationshipRole::AfterSales,
];

/// Adds a colleague to the customer's team: more contact points mean no customer
/// leaves with one person (seed 000).
#[component]
pub fn TeamForm(customer: CustomerId) -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let i18n = use_i18n();
    let staff = RwSignal::new(String::new());
    let role = RwSignal::new(RelationshipRole::Secondary);
    let error: FormError = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record = staff
            .get_untracked()
            .parse()
            .map(|id| {
                Record::Relationship(Relationship {
                    customer,
                    staff: StaffId(id),
                    role: role.get_untracked(),
                    since: state.today(),
                    ..Relationship::default()
                })
            })
            .map_err(|_| forms::required(Field::Staff));
        forms::save(state, error, record, None, "team.added", || {});
    };
    view! {
        <form class="form team-form" on:submit=submit novalidate on:input=move |_| crate::unsaved::typed()>
            <h3>{t("team.add")}</h3>
            <div class="grid">
                <label class="field">
                    <span>{t("field.staff")}</span>
                    <StaffSelect value=staff allow_none=true/>
                    <FieldError error=error field=Field::Staff/>
                </label>
                <label class="field">
                    <span>{t("team.role")}</span>
                    <select name="role" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        role.set(ROLES.into_iter().find(|r| variant(r) == v).unwrap_or_default());
                    }>
                        {ROLES.into_iter().map(|r| {
                            let key = format!("relationship.{}", variant(&r));
                            view! { <option value=variant(&r)>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <FieldError error=error fields=&[Field::Staff]/>
            <div class="actions"><button type="submit">{t("team.add")}</button></div>
        </form>
    }
}
