use crate::i18n::{t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::directory::{CustomerQuery, Facets, OwnerFilter};
use liuke_engine::risk::Band;
use liuke_engine::{CustomerStatus, StaffId, Tier};

/// Search box and filters for the customer list.
#[component]
pub fn CustomerFilters(query: RwSignal<CustomerQuery>, facets: Memo<Facets>) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let staff = state.staff_choices(false);
    let text_or_none = |v: String| (!v.is_empty()).then_some(v);
    let options = move |values: Vec<String>| {
        values
            .into_iter()
            .map(|v| view! { <option value=v.clone()>{v.clone()}</option> })
            .collect_view()
    };
    view! {
        <div class="toolbar filters">
            <input type="search" class="search" name="search" placeholder=t("customers.search") aria-label=t("customers.search")
                prop:value=move || query.with(|q| q.text.clone())
                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))/>
            <select name="tier" aria-label=t("field.tier")
                prop:value=move || query.with(|q| q.tier.map(|t| format!("{t:?}")).unwrap_or_default())
                on:change=move |ev| query.update(|q| q.tier = match event_target_value(&ev).as_str() {
                "A" => Some(Tier::A), "B" => Some(Tier::B), "C" => Some(Tier::C), _ => None })>
                <option value="">{t("customers.all_tiers")}</option>
                {Tier::ALL.into_iter().map(|tier| view! { <option value=format!("{tier:?}")>{format!("{tier:?}")}</option> }).collect_view()}
            </select>
            <select name="band" aria-label=t("register.band")
                prop:value=move || query.with(|q| q.band.map(|b| variant(&b)).unwrap_or_default())
                on:change=move |ev| {
                let value = event_target_value(&ev);
                query.update(|q| q.band = [Band::Watch, Band::High, Band::Critical].into_iter().find(|b| variant(b) == value));
            }>
                <option value="">{t("register.all_bands")}</option>
                {[Band::Critical, Band::High, Band::Watch].into_iter().map(|b| {
                    let key = format!("register.band_at_least.{}", variant(&b));
                    view! { <option value=variant(&b)>{move || i18n.t(&key)}</option> }
                }).collect_view()}
            </select>
            <select name="status" aria-label=t("field.status")
                prop:value=move || query.with(|q| q.status.map(|s| variant(&s)).unwrap_or_default())
                on:change=move |ev| {
                let value = event_target_value(&ev);
                query.update(|q| q.status = CustomerStatus::ALL.into_iter().find(|s| variant(s) == value));
            }>
                <option value="">{t("customers.all_statuses")}</option>
                {CustomerStatus::ALL.into_iter().map(|s| {
                    let key = format!("customer.status.{}", variant(&s));
                    view! { <option value=variant(&s)>{move || i18n.t(&key)}</option> }
                }).collect_view()}
            </select>
            <select name="owner" aria-label=t("field.owner")
                prop:value=move || query.with(|q| match q.owner {
                    None => String::new(),
                    Some(OwnerFilter::Pool) => "pool".into(),
                    Some(OwnerFilter::Staff(s)) => s.0.to_string(),
                })
                on:change=move |ev| {
                let value = event_target_value(&ev);
                query.update(|q| q.owner = match value.as_str() {
                    "" => None,
                    "pool" => Some(OwnerFilter::Pool),
                    id => id.parse().ok().map(|id| OwnerFilter::Staff(StaffId(id))),
                });
            }>
                <option value="">{t("customers.all_owners")}</option>
                {move || state.me().map(|me| view! { <option value=me.0.to_string()>{t("customers.mine")}</option> })}
                <option value="pool">{t("customers.pool")}</option>
                {move || staff.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
            </select>
            <select name="region" aria-label=t("field.region")
                prop:value=move || query.with(|q| q.region.clone().unwrap_or_default())
                on:change=move |ev| query.update(|q| q.region = text_or_none(event_target_value(&ev)))>
                <option value="">{t("customers.all_regions")}</option>
                {move || options(facets.with(|f| f.regions.clone()))}
            </select>
            <select name="industry" aria-label=t("field.industry")
                prop:value=move || query.with(|q| q.industry.clone().unwrap_or_default())
                on:change=move |ev| query.update(|q| q.industry = text_or_none(event_target_value(&ev)))>
                <option value="">{t("customers.all_industries")}</option>
                {move || options(facets.with(|f| f.industries.clone()))}
            </select>
            <select name="tag" aria-label=t("field.tags")
                prop:value=move || query.with(|q| q.tag.clone().unwrap_or_default())
                on:change=move |ev| query.update(|q| q.tag = text_or_none(event_target_value(&ev)))>
                <option value="">{t("customers.all_tags")}</option>
                {move || options(facets.with(|f| f.tags.clone()))}
            </select>
        </div>
    }
}
