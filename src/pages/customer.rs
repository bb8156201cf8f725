use crate::components::{
    ContactForm, CustomerForm, CustomerRisk, HandoverCard, KeyDateForm, PaymentPlan, QuickLog,
    RefusalMark, StatTile, TeamForm, Timeline, WinbackCard,
};
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::route::{navigate, Route};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::sync::role::Role;
use liuke_engine::timeline::last_touch;
use liuke_engine::{
    Command, ContactId, Customer, CustomerId, KeyDate, RecordKey, RecordKind, RelationshipRole,
};

/// A customer's file. The log form comes first, under the name, so a visit is logged in
/// one or two taps at the customer's site; `log` opens it on that kind of record.
#[component]
pub fn CustomerPage(id: CustomerId, #[prop(optional)] log: Option<RecordKind>) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let customer = Memo::new(move |_| state.book.with(|b| b.customers().get(id.0).cloned()));
    move || match customer.get() {
        None => view! {
            <section class="page">
                <h1>{t("customer.not_found")}</h1>
                <a href=Route::Customers.href()>{t("customer.back")}</a>
            </section>
        }
        .into_any(),
        Some(c) => {
            let delete = move |_| {
                if !crate::browser::confirm(&i18n.t("customer.confirm_delete")) {
                    return;
                }
                spawn_local(async move {
                    let key = RecordKey {
                        kind: RecordKind::Customer,
                        id: id.0,
                    };
                    match state.dispatch(Command::Delete { key }).await {
                        Ok(_) => {
                            state.notice.set(Some(Notice::Saved("customer.deleted")));
                            navigate(Route::Customers);
                        }
                        Err(e) => state.notice.set(Some(Notice::Error(e))),
                    }
                });
            };
            let editing = RwSignal::new(false);
            let done = Callback::new(move |()| editing.set(false));
            let edited = c.clone();
            view! {
                <section class="page">
                    <p class="crumbs"><a href=Route::Customers.href()>{t("nav.customers")}</a></p>
                    <div class="page-head">
                        <h1>{c.name.clone()}</h1>
                        <div class="actions">
                            <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>
                                {move || if editing.get() { i18n.t("action.close") } else { i18n.t("action.edit") }}
                            </button>
                            <button type="button" class="danger" on:click=delete
                                disabled=move || state.role() == Some(Role::Rep)
                                title=move || (state.role() == Some(Role::Rep)).then(|| i18n.t("forbidden.delete_customer"))>
                                {t("action.delete")}
                            </button>
                        </div>
                    </div>
                    <ConflictMark id=id/>
                    <RefusalMark key=RecordKey { kind: RecordKind::Customer, id: id.0 }/>
                    <Show when=move || editing.get()>
                        <CustomerForm existing=edited.clone() on_done=done/>
                    </Show>
                    <QuickLog customer=id start=log/>
                    <Profile customer=c.clone()/>
                    <CustomerRisk id=id/>
                    <HandoverCard id=id/>
                    <WinbackCard id=id/>
                    <PaymentPlan id=id/>
                    <Figures id=id/>
                    <Team id=id/>
                    <Timeline customer=id/>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn Profile(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let status_key = format!("customer.status.{}", variant(&customer.status));
    let kind_key = format!("customer.kind.{}", variant(&customer.kind));
    view! {
        <div class="card">
            <div class="badges">
                <span class="tier">{format!("{:?}", customer.tier)}</span>
                <span class="badge">{move || i18n.t(&status_key)}</span>
                <span class="badge">{move || i18n.t(&kind_key)}</span>
                {customer.cannot_lose.then(|| view! { <span class="badge strong">{t("field.cannot_lose")}</span> })}
                {customer.tags.iter().map(|tag| view! { <span class="tag">{tag.clone()}</span> }).collect_view()}
            </div>
            <dl class="facts">
                <dt>{t("field.industry")}</dt><dd>{customer.industry.clone()}</dd>
                <dt>{t("field.region")}</dt><dd>{customer.region.clone()}</dd>
                <dt>{t("field.since")}</dt><dd>{format_date(customer.since)}</dd>
                {(!customer.phone.is_empty()).then(|| {
                    let dial = liuke_engine::directory::dial_number(&customer.phone);
                    let phone = customer.phone.clone();
                    view! {
                        <dt>{t("customer.phone")}</dt>
                        <dd class="phone">{match dial {
                            Some(number) => view! { <a href=format!("tel:{number}")>{phone}</a> }.into_any(),
                            None => phone.into_any(),
                        }}</dd>
                    }
                })}
                {(!customer.address.is_empty()).then(|| view! {
                    <dt>{t("field.address")}</dt><dd class="address">{customer.address.clone()}</dd>
                })}
            </dl>
            {(!customer.notes.is_empty()).then(|| view! { <p class="notes">{customer.notes.clone()}</p> })}
        </div>
    }
}

#[component]
fn Figures(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let figures = Memo::new(move |_| {
        state.book.with(|b| {
            (
                b.revenue_12m(id, state.today()),
                b.orders().count_of_customer(id),
                b.last_order(id),
                b.last_interaction(id),
            )
        })
    });
    let never = move || i18n.t("customer.never");
    view! {
        <div class="stats">
            <StatTile label=Signal::derive(t("customers.revenue_12m")) value=Signal::derive(move || i18n.money(figures.get().0))/>
            <StatTile label=Signal::derive(t("customer.orders")) value=Signal::derive(move || i18n.count(figures.get().1))/>
            <StatTile label=Signal::derive(t("customers.last_order")) value=Signal::derive(move || figures.get().2.map_or_else(never, format_date))/>
            <StatTile label=Signal::derive(t("customer.last_contact")) value=Signal::derive(move || figures.get().3.map_or_else(never, format_date))/>
        </div>
    }
}

#[component]
fn Team(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let team = Memo::new(move |_| {
        state.book.with(|b| {
            b.live_relationships(id)
                .filter_map(|r| {
                    let touched = last_touch(b, id, r.staff);
                    b.staff()
                        .get(r.staff.0)
                        .map(|s| (r.clone(), s.name.clone(), touched))
                })
                .collect::<Vec<_>>()
        })
    });
    let in_pool = Memo::new(move |_| state.book.with(|b| b.owner_of(id).is_none()));
    let former = Memo::new(move |_| {
        state.book.with(|b| {
            b.relationships()
                .of_customer(id)
                .filter(|r| r.is_former_on(state.today()))
                .filter_map(|r| Some((r.staff, b.staff().get(r.staff.0)?.name.clone(), r.expires?)))
                .collect::<Vec<_>>()
        })
    });
    let contacts = Memo::new(move |_| {
        state
            .book
            .with(|b| b.contacts().of_customer(id).cloned().collect::<Vec<_>>())
    });
    let key_dates = Memo::new(move |_| {
        state.book.with(|b| {
            b.key_dates()
                .of_customer(id)
                .map(|k| {
                    let who = k
                        .contact
                        .and_then(|c| b.contacts().get(c.0))
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    (k.clone(), who)
                })
                .collect::<Vec<(KeyDate, String)>>()
        })
    });
    view! {
        <div class="two-col">
            <div class="card">
                <h2>{t("customer.team")}</h2>
                <Show when=move || in_pool.get()>
                    <p class="hint in-pool">{t("customer.in_pool")} " " <a href=Route::Pool.href()>{t("customer.to_pool")}</a></p>
                </Show>
                <Show when=move || !team.with(Vec::is_empty)>
                    <ul class="plain team">
                        {move || team.get().into_iter().map(|(relationship, name, touched)| {
                            let staff = relationship.staff;
                            let role_key = format!("relationship.{}", variant(&relationship.role));
                            let removable = relationship.role != RelationshipRole::Owner;
                            let end = Command::EndRelationship { relationship: relationship.id, on: state.today() };
                            view! {
                                <li>
                                    <a href=Route::StaffMember(staff).href()>{name}</a>
                                    " · " {move || i18n.t(&role_key)} " · "
                                    <span class="muted">{move || match touched {
                                        Some(d) => i18n.tf("customer.last_touch", &[("date", i18n.date_prose(d))]),
                                        None => i18n.t("customer.never_touched"),
                                    }}</span>
                                    {removable.then(|| view! {
                                        " " <button type="button" class="link danger"
                                            on:click=move |_| state.run(end.clone(), "team.ended")>
                                            {t("team.remove")}
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
                <Show when=move || !former.with(Vec::is_empty)>
                    <ul class="plain former-team">
                        {move || former.get().into_iter().map(|(staff, name, until)| view! {
                            <li>
                                <a href=Route::StaffMember(staff).href()>{name}</a>
                                " · " <span class="muted">{move || i18n.tf("team.former_until", &[("date", i18n.date_prose(until))])}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </Show>
                <TeamForm customer=id/>
            </div>
            <div class="card">
                <h2>{t("customer.contacts")}</h2>
                <Show when=move || !contacts.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("customer.no_contacts")}</p> }>
                    <ul class="plain contacts">
                        // Keyed by id: a save elsewhere does not remake a line, so a contact
                        // being edited here keeps what is typed.
                        <For each=move || contacts.with(|cs| cs.iter().map(|c| c.id).collect::<Vec<_>>()) key=|id| *id let:id>
                            <ContactLine id=id/>
                        </For>
                    </ul>
                </Show>
                <Show when=move || !key_dates.with(Vec::is_empty)>
                    <h3>{t("customer.key_dates")}</h3>
                    <ul class="plain key-dates">
                        {move || key_dates.get().into_iter().map(|(k, who)| view! { <KeyDateLine key_date=k who=who/> }).collect_view()}
                    </ul>
                </Show>
            </div>
        </div>
    }
}

#[component]
fn ContactLine(id: ContactId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let done = Callback::new(move |()| editing.set(false));
    let key = RecordKey {
        kind: RecordKind::Contact,
        id: id.0,
    };
    // Read live from the book: another tab's save of this contact shows at once, and
    // an open form keeps its input (its save is merged with that one).
    let contact = Memo::new(move |_| state.book.with(|b| b.contacts().get(id.0).cloned()));
    let shown = move || {
        contact.get().map(|contact| {
            view! {
                <strong>{contact.name.clone()}</strong> " " {contact.title.clone()} " "
                {contact.decision_maker.then(|| view! { <span class="badge strong">{t("field.decision_maker")}</span> })}
                {contact.reports_to.map(|boss| {
                    let name = state.book.with_untracked(|b| b.contacts().get(boss.0).map(|c| c.name.clone()).unwrap_or_default());
                    view! { " " <span class="muted reports-to">{move || i18n.tf("contact.reports_to", &[("name", name.clone())])}</span> }
                })}
                " " <span class="muted">{contact.phone.clone()}</span>
                {contact.birthday.map(|d| view! { " " <span class="muted">{t("field.birthday")} " " {format_date(d)}</span> })}
            }
        })
    };
    view! {
        <li>
            {shown}
            " " <button type="button" class="link" on:click=move |_| editing.update(|e| *e = !*e)>
                {move || if editing.get() { i18n.t("action.close") } else { i18n.t("action.edit") }}
            </button>
            <button type="button" class="link danger" on:click=move |_| state.run(Command::Delete { key }, "timeline.deleted")>{t("action.delete")}</button>
            <Show when=move || editing.get() && contact.with(Option::is_some)>
                {move || contact.get_untracked().map(|existing| {
                    let customer = existing.customer;
                    view! { <ContactForm customer=customer existing=existing on_done=done/> }
                })}
            </Show>
        </li>
    }
}

#[component]
fn KeyDateLine(key_date: KeyDate, who: String) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let done = Callback::new(move |()| editing.set(false));
    let key = RecordKey {
        kind: RecordKind::KeyDate,
        id: key_date.id.0,
    };
    let kind_key = format!("key_date.{}", variant(&key_date.kind));
    let customer = key_date.customer;
    let existing = key_date.clone();
    view! {
        <li>
            {format_date(key_date.date)} " · " {move || i18n.t(&kind_key)} " " {who} " "
            <span class="muted">{key_date.label.clone()}</span> " "
            <button type="button" class="link" on:click=move |_| editing.update(|e| *e = !*e)>
                {move || if editing.get() { i18n.t("action.close") } else { i18n.t("action.edit") }}
            </button>
            <button type="button" class="link danger" on:click=move |_| state.run(Command::Delete { key }, "timeline.deleted")>{t("action.delete")}</button>
            <Show when=move || editing.get()>
                <KeyDateForm customer=customer existing=existing.clone() on_done=done/>
            </Show>
        </li>
    }
}

/// Marks a customer whose record has versions in conflict: every device shows the same
/// one until someone settles it.
#[component]
fn ConflictMark(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let name = liuke_engine::sync::document::doc_id(RecordKey {
        kind: RecordKind::Customer,
        id: id.0,
    });
    let open = move || {
        state
            .sync_conflicts
            .with(|c| c.iter().any(|c| c.doc_id == name))
    };
    view! {
        <Show when=open>
            <p class="conflict-mark" role="status">
                {t("conflict.mark")} " "
                <a href=Route::Conflicts.href()>{t("conflict.to_list")}</a>
            </p>
        </Show>
    }
}
