use crate::components::BandBadge;
use crate::i18n::{use_i18n, variant, I18n};
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::rotation::{eligible_successors, Alternative, CostPart, Plan};
use liuke_engine::spelling::name_matches;
use liuke_engine::{CustomerId, StaffId};

/// Why a successor costs what they cost, one short phrase per part.
pub fn part_text(i18n: &I18n, part: &CostPart) -> String {
    let key = format!("rotation.part.{}", variant(part));
    let n = |v: f64| format!("{v:+.0}");
    match part {
        CostPart::KnowsCustomer { role, amount } => i18n.tf(
            &key,
            &[
                ("role", i18n.t(&format!("relationship.{}", variant(role)))),
                ("points", n(*amount)),
            ],
        ),
        CostPart::RecentContact {
            interactions,
            days,
            amount,
        } => i18n.tf(
            &key,
            &[
                ("count", interactions.to_string()),
                ("days", days.to_string()),
                ("points", n(*amount)),
            ],
        ),
        CostPart::Load {
            after,
            capacity,
            amount,
        } => i18n.tf(
            &key,
            &[
                ("after", after.to_string()),
                ("capacity", capacity.to_string()),
                ("points", n(*amount)),
            ],
        ),
        CostPart::Spread {
            key_customers,
            amount,
        } => i18n.tf(
            &key,
            &[("count", key_customers.to_string()), ("points", n(*amount))],
        ),
        other => i18n.tf(&key, &[("points", n(other.amount()))]),
    }
}

/// An alternative's choice label: the name, the cost, and what costs most about them.
fn alternative_label(i18n: &I18n, name: &str, a: &Alternative) -> String {
    let mut parts: Vec<&CostPart> = a.parts.iter().filter(|p| p.amount() >= 0.5).collect();
    parts.sort_by(|x, y| y.amount().total_cmp(&x.amount()));
    let why: Vec<String> = parts.iter().take(2).map(|p| part_text(i18n, p)).collect();
    if why.is_empty() {
        format!("{name} ({:.0})", a.cost)
    } else {
        format!(
            "{name} ({:.0}：{})",
            a.cost,
            why.join(&i18n.t("list.separator"))
        )
    }
}

/// The plan for review: per customer the proposed successor and why, the alternatives
/// with their cost, and a choice that pins the line (the rest is solved again around it).
#[component]
pub fn PlanTable(
    plan: Memo<Option<Plan>>,
    pins: RwSignal<Vec<(CustomerId, StaffId)>>,
) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let insight = crate::insight::use_insight();
    // What the manager typed to find a successor by name or pinyin (issue 19.4): a team
    // of dozens is too long a list to scroll on a tablet.
    let find = RwSignal::new(String::new());
    // Everyone a line may go to, beyond the cheapest few it lists with their cost,
    // narrowed to those `find` matches.
    let everyone = Memo::new(move |_| {
        let settings = insight.rotation.get();
        let needle = find.get().trim().to_lowercase();
        plan.with(|p| p.as_ref().map(|p| p.on))
            .map_or_else(Vec::new, |on| {
                state.book.with(|b| {
                    eligible_successors(b, on, &settings)
                        .into_iter()
                        .filter(|s| name_matches(&b.staff_name(Some(*s)), &needle))
                        .collect()
                })
            })
    });
    let found = move || {
        let needle = find.get();
        (!needle.trim().is_empty()).then(|| {
            let count = everyone.with(Vec::len);
            view! {
                <p class="found-successors" role="status">
                    {move || i18n.tf("rotation.found_successors", &[("count", count.to_string())])}
                </p>
            }
        })
    };
    let rows = move || {
        let Some(plan) = plan.get() else {
            return Vec::new();
        };
        let everyone = everyone.get();
        insight.assessment.with(|a| state.book.with(|b| {
            plan.lines
                .iter()
                .map(|line| {
                    let customer = line.customer;
                    let name = b.customers().get(customer.0).map(|c| c.name.clone()).unwrap_or_default();
                    let mut choices: Vec<(StaffId, String)> = vec![(line.to, format!("{} ({:.0})", b.staff_name(Some(line.to)), line.cost))];
                    choices.extend(line.alternatives.iter().map(|a| (a.staff, alternative_label(&i18n, &b.staff_name(Some(a.staff)), a))));
                    let others: Vec<(StaffId, String)> = everyone
                        .iter()
                        .filter(|s| Some(**s) != line.from && !choices.iter().any(|(c, _)| c == *s))
                        .map(|s| (*s, b.staff_name(Some(*s))))
                        .collect();
                    let why: Vec<String> = line.parts.iter().filter(|p| p.amount().abs() >= 0.5).map(|p| part_text(&i18n, p)).collect();
                    let to = line.to;
                    let pinned = line.pinned;
                    let value = a.value_of(customer).map(|v| v.clv.unwrap_or(v.historic.revenue_12m.yuan()));
                    let risk = a.risk_of(customer).map(|r| (r.band, r.score));
                    view! {
                        <tr data-customer=customer.0 data-to=to.0 class:pinned=pinned>
                            <td class="name"><a href=Route::Customer(customer).href()>{name}</a></td>
                            <td class="num value" data-label=i18n.t("register.value")>{value.map(|v| i18n.amount_yuan(v))}</td>
                            <td class="risk" data-label=i18n.t("register.risk")>{risk.map(|(band, score)| view! { <BandBadge band=band score=score/> })}</td>
                            <td class="from" data-label=i18n.t("rotation.from")>{b.staff_name(line.from)}</td>
                            <td class="successor" data-label=i18n.t("rotation.successor")>
                                <select name="successor" aria-label=move || i18n.t("rotation.successor") on:change=move |ev| {
                                    if let Ok(id) = event_target_value(&ev).parse::<u64>() {
                                        pins.update(|p| { p.retain(|(c, _)| *c != customer); p.push((customer, StaffId(id))); });
                                    }
                                }>
                                    {choices.into_iter().map(|(id, label)| view! { <option value=id.0.to_string() selected=id == to>{label}</option> }).collect_view()}
                                    {(!others.is_empty()).then(|| view! {
                                        <optgroup label=move || i18n.t("rotation.other_successors")>
                                            {others.into_iter().map(|(id, label)| view! { <option value=id.0.to_string()>{label}</option> }).collect_view()}
                                        </optgroup>
                                    })}
                                </select>
                                {pinned.then(|| view! {
                                    <button type="button" class="small unpin" on:click=move |_| pins.update(|p| p.retain(|(c, _)| *c != customer))>
                                        {move || i18n.t("rotation.unpin")}
                                    </button>
                                })}
                            </td>
                            <td class="num cost" data-label=i18n.t("rotation.cost")>{format!("{:.0}", line.cost)}</td>
                            <td class="why" data-label=i18n.t("rotation.why")><ul class="reasons">{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul></td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        }))
    };
    view! {
        <label class="find-successor">
            {move || i18n.t("rotation.find_successor")}
            <input type="search" name="find-successor" autocomplete="off"
                prop:value=move || find.get()
                on:input=move |ev| find.set(event_target_value(&ev))/>
        </label>
        {found}
        <div class="table-wrap">
            <table class="list plan-table">
                <thead>
                    <tr>
                        <th>{move || i18n.t("field.customer")}</th>
                        <th class="num">{move || i18n.t("register.value")}</th>
                        <th>{move || i18n.t("register.risk")}</th>
                        <th>{move || i18n.t("rotation.from")}</th>
                        <th>{move || i18n.t("rotation.successor")}</th>
                        <th class="num">{move || i18n.t("rotation.cost")}</th>
                        <th>{move || i18n.t("rotation.why")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
