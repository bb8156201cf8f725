use crate::i18n::{t, use_i18n, variant};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{AnnouncementId, Command, CustomerId, CustomerStatus, Tier};

/// One announcement: what changed, and the cannot-lose customers with whether each has
/// been told. Ticking records the customer as told today.
#[component]
pub fn AnnouncementCard(id: AnnouncementId) -> impl IntoView {
    let state = use_state();
    let insight = use_insight();
    let i18n = use_i18n();
    let announcement =
        Memo::new(move |_| state.book.with(|b| b.announcements().get(id.0).cloned()));
    let by_rule = move || insight.settings.with(|s| s.register.top_tier_cannot_lose);
    let customers = Memo::new(move |_| {
        let rule = by_rule();
        state.book.with(|b| {
            b.customers()
                .iter()
                .filter(|c| {
                    c.status != CustomerStatus::Lost
                        && (c.cannot_lose || (rule && c.tier == Tier::A))
                })
                .map(|c| (c.id, c.name.clone(), b.staff_name(b.owner_of(c.id))))
                .collect::<Vec<_>>()
        })
    });
    // Marks `who` as told today (`on`) or not told, in one change.
    let mark = move |who: Vec<CustomerId>, told: bool| {
        state.run(
            Command::MarkTold {
                announcement: id,
                customers: who,
                told,
                on: state.today(),
            },
            "announcement.told_saved",
        );
    };
    let set_told = move |customer: CustomerId, on: bool| mark(vec![customer], on);
    let tell_all = move |_| {
        let everyone = customers.get_untracked().into_iter().map(|(c, _, _)| c);
        mark(everyone.collect(), true);
    };
    move || {
        announcement.get().map(|a| {
        let kind = format!("announcement.kind.{}", variant(&a.kind));
        let total = customers.with(Vec::len);
        let told = customers.with(|cs| cs.iter().filter(|(c, _, _)| a.was_told(*c)).count());
        let told_list = a.clone();
        view! {
            <article class="card announcement" data-id=id.0>
                <div class="card-head">
                    <h2>{a.title.clone()}</h2>
                    <span class="badge">{move || i18n.t(&kind)}</span>
                    <span class="muted">{i18n.date(a.date)}</span>
                </div>
                {(!a.text.is_empty()).then(|| view! { <p>{a.text.clone()}</p> })}
                <p class="told-count">{move || i18n.tf("announcement.told_count", &[("told", told.to_string()), ("total", total.to_string())])}
                    " " <button type="button" class="small" name="tell-all" on:click=tell_all>{t("announcement.tell_all")}</button></p>
                <details>
                    <summary>{t("announcement.cannot_lose")}</summary>
                    <ul class="plain told">
                        {customers.get().into_iter().map(|(customer, name, owner)| {
                            let was = told_list.was_told(customer);
                            view! {
                                <li><label class="check">
                                    <input type="checkbox" prop:checked=was on:change=move |ev| set_told(customer, event_target_checked(&ev))/>
                                    {name.clone()}
                                </label> " " <span class="muted">{owner}</span> " "
                                <a href=Route::Customer(customer).href() class="sub">{t("announcement.open_customer")}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            </article>
        }
    })
    }
}
