use crate::i18n::{use_i18n, variant, I18n};
use crate::insight::use_insight;
use crate::route::Route;
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::agenda::{
    can_complete, can_defer, can_reschedule, complete, greet_all, greeting_key, let_go, put_off,
    record_to_log, reschedule, snoozed_to, still_to_greet, AgendaItem, ItemFacts,
};
use liuke_engine::{Book, Command, LetGoReason, Record};

/// What an agenda entry asks for, in a sentence.
pub fn entry_sentence(i18n: &I18n, book: &Book, item: &AgendaItem) -> String {
    let key = format!("agenda.says.{}", item.kind.key());
    match &item.facts {
        ItemFacts::Birthday { name, age, .. } => match age {
            Some(age) => i18n.tf(&key, &[("name", name.clone()), ("age", age.to_string())]),
            None => i18n.tf("agenda.says.birthday_no_age", &[("name", name.clone())]),
        },
        ItemFacts::KeyDate {
            label,
            contact_name,
            years,
            ..
        } => {
            let who = contact_name.clone().unwrap_or_default();
            let mut s = i18n.tf(&key, &[("label", label.clone()), ("who", who)]);
            if let Some(y) = years.filter(|y| *y > 0) {
                s.push_str(&i18n.tf("agenda.says.years", &[("count", y.to_string())]));
            }
            s
        }
        ItemFacts::Festival {
            festival,
            customers,
            greeted,
            lunar,
            ..
        } => {
            let mut s = i18n.tf(
                &key,
                &[
                    ("festival", i18n.t(festival.name_key())),
                    ("customers", customers.to_string()),
                    ("greeted", greeted.to_string()),
                ],
            );
            if let Some(l) = lunar {
                s.push_str(&i18n.tf(
                    "agenda.says.lunar",
                    &[("month", l.month.to_string()), ("day", l.day.to_string())],
                ));
            }
            s
        }
        ItemFacts::ContactCadence {
            tier,
            cadence_days,
            last_contact,
            days_since,
        } => {
            let key = if last_contact.is_some() {
                key
            } else {
                "agenda.says.contact_cadence_never".into()
            };
            i18n.tf(
                &key,
                &[
                    ("tier", format!("{tier:?}")),
                    ("cadence", cadence_days.to_string()),
                    ("days", days_since.to_string()),
                ],
            )
        }
        ItemFacts::SurveyDue {
            last_survey,
            days_since,
            ..
        } => {
            let key = if last_survey.is_some() {
                key
            } else {
                "agenda.says.survey_due_never".into()
            };
            i18n.tf(&key, &[("days", days_since.to_string())])
        }
        ItemFacts::ComplaintStep { subject, step, .. } => i18n.tf(
            &key,
            &[
                ("subject", subject.clone()),
                (
                    "step",
                    i18n.t(&format!("complaint.status.{}", variant(step))),
                ),
            ],
        ),
        ItemFacts::NextContact {
            made_on,
            made_by,
            summary,
            ..
        } => {
            let summary = summary.trim();
            let key = if summary.is_empty() {
                key
            } else {
                "agenda.says.next_contact_said".into()
            };
            i18n.tf(
                &key,
                &[
                    ("date", i18n.date_prose(*made_on)),
                    ("how", i18n.t(&format!("interaction.{}", variant(made_by)))),
                    ("summary", summary.to_string()),
                ],
            )
        }
        ItemFacts::Task { title, action, .. } => match (title.trim(), action) {
            ("", Some(a)) => crate::components::reason_list::action_text(i18n, *a),
            (t, _) => t.to_string(),
        },
        ItemFacts::HandoverStep { step, from, to, .. } => i18n.tf(
            &key,
            &[
                ("step", i18n.t(&format!("handover.step.{}", variant(step)))),
                ("from", book.staff_name(*from)),
                ("to", book.staff_name(Some(*to))),
            ],
        ),
        ItemFacts::Instalment {
            amount,
            outstanding,
            ..
        } => i18n.tf(
            &key,
            &[
                ("outstanding", i18n.money(*outstanding)),
                ("amount", i18n.money(*amount)),
            ],
        ),
        ItemFacts::ReturnVisit { ordered, .. } => {
            i18n.tf(&key, &[("date", i18n.date_prose(*ordered))])
        }
        ItemFacts::WinbackAction { what, .. } => i18n.tf(&key, &[("what", what.clone())]),
        ItemFacts::Announcement {
            title,
            announcement_kind,
            ..
        } => i18n.tf(
            &key,
            &[
                ("title", title.clone()),
                (
                    "kind",
                    i18n.t(&format!("announcement.kind.{}", variant(announcement_kind))),
                ),
            ],
        ),
        ItemFacts::PoolWarning {
            rule,
            idle_days,
            limit_days,
        } => i18n.tf(
            &format!("{key}.{}", variant(rule)),
            &[
                ("days", idle_days.to_string()),
                ("limit", limit_days.to_string()),
                ("date", i18n.date_prose(item.due)),
            ],
        ),
        ItemFacts::ComplaintReportBack {
            subject,
            resolved_on,
            ..
        } => i18n.tf(
            &key,
            &[
                ("subject", subject.clone()),
                ("date", i18n.date_prose(*resolved_on)),
            ],
        ),
    }
    .replace(
        "{customer}",
        &item
            .customer
            .and_then(|c| book.customers().get(c.0))
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    )
}

/// One line of the agenda: when, what, for whom, and the greeting to send for a festival;
/// with `at_stake`, the customer's value at risk (why an overdue entry is listed first).
#[component]
pub fn AgendaEntry(item: AgendaItem, #[prop(optional)] at_stake: Option<f64>) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let overdue = item.due < state.today();
    let kind_key = format!("agenda.kind.{}", item.kind.key());
    let customer = item.customer.and_then(|c| {
        state
            .book
            .with_untracked(|b| b.customers().get(c.0).map(|x| (c, x.name.clone())))
    });
    let staff = item.staff.and_then(|s| {
        state
            .book
            .with_untracked(|b| b.staff().get(s.0).map(|x| x.name.clone()))
    });
    let greeting = match &item.facts {
        ItemFacts::Festival { festival, .. } => Some(greeting_key(*festival)),
        _ => None,
    };
    // A festival is greeted in one tap: a greeting logged for each customer still to
    // greet (the person's own when the agenda shows one person), each by its owner.
    let person = use_context::<super::AgendaPerson>().map(|p| p.0);
    let bulk = greeting.map(|key| {
        let item = item.clone();
        let settings = use_insight().agenda_settings();
        let who = move || person.and_then(|p| p.get());
        let left = {
            let (item, settings) = (item.clone(), settings.clone());
            Memo::new(move |_| {
                let who = who();
                state
                    .book
                    .with(|b| still_to_greet(b, &item, &settings, who, state.today()).len())
            })
        };
        let greet = move |_| {
            let summary = i18n.t(key);
            let command = state.book.with_untracked(|b| {
                greet_all(b, &item, &settings, untrack(who), state.today(), &summary)
            });
            if let Some(command) = command {
                state.run(command, "agenda.greeted_saved");
            }
        };
        view! {
            <Show when=move || { left.get() > 0 }>
                <button type="button" class="small greet-all" on:click=greet.clone()>
                    {move || i18n.tf("agenda.greet_all", &[("count", left.get().to_string())])}
                </button>
            </Show>
        }
    });
    let sentence = {
        let item = item.clone();
        move || {
            state
                .book
                .with_untracked(|b| entry_sentence(&i18n, b, &item))
        }
    };
    view! {
        <li class="agenda-entry" class:overdue=overdue data-kind=item.kind.key() data-due=item.due.to_string()>
            <div class="when">
                <span class="date">{i18n.date(item.due)}</span>
                {overdue.then(|| view! { <span class="badge overdue">{move || i18n.t("agenda.overdue")}</span> })}
            </div>
            <div class="what">
                <span class="kind">{move || i18n.t(&kind_key)}</span>
                {customer.map(|(id, name)| view! { <a href=Route::Customer(id).href()>{name}</a> })}
                <p>{sentence}</p>
                {greeting.map(|key| view! { <p class="greeting">{move || i18n.t(key)}</p> })}
                {bulk}
                {staff.map(|name| view! { <span class="sub">{name}</span> })}
                {at_stake.filter(|v| *v >= 0.5).map(|v| view! {
                    <span class="sub at-stake">{move || i18n.tf("agenda.group.at_stake", &[("amount", i18n.yuan_compact(v))])}</span>
                })}
            </div>
            <div class="do">
                {(can_reschedule(&item) || can_defer(&item)).then(|| {
                    let item = item.clone();
                    // Not this week: a week on (from today when overdue), one change, one
                    // undo; a task or a promise moves its own date, a routine entry is
                    // put off by a stored deferral.
                    let snooze = move |_| {
                        let today = state.today();
                        let command = snoozed_to(&item, today).and_then(|to| {
                            state.book.with_untracked(|b| {
                                reschedule(b, &item, to, today).or_else(|| put_off(b, &item, to, today))
                            })
                        });
                        if let Some(command) = command {
                            state.run(command, "agenda.snoozed_saved");
                        }
                    };
                    view! { <button type="button" class="small snooze" on:click=snooze>{move || i18n.t("agenda.snooze")}</button> }
                })}
                {can_defer(&item).then(|| view! { <LetGo item=item.clone() /> })}
                {if can_complete(&item) {
                    let item = item.clone();
                    let done = move |_| {
                        let command = state.book.with_untracked(|b| {
                            let summary = entry_sentence(&i18n, b, &item);
                            complete(b, &item, state.today(), item.staff, &summary)
                        });
                        if let Some(command) = command {
                            state.run(command, "agenda.done_saved");
                        }
                    };
                    view! { <button type="button" class="small done" on:click=done>{move || i18n.t("agenda.done")}</button> }.into_any()
                } else if let Some(id) = item.customer {
                    // Straight to the form that does it (a survey for a survey), else the page.
                    let route = match record_to_log(&item) {
                        Some(kind) => Route::CustomerLog(id, kind),
                        None => Route::Customer(id),
                    };
                    view! { <a class="button small" href=route.href()>{move || i18n.t("agenda.open")}</a> }.into_any()
                } else {
                    ().into_any()
                }}
            </div>
        </li>
    }
}

/// "Not needed" with the reason a rep gives, one tap each: the entry goes for this time
/// (a cadence contact or a survey comes back a cycle later), one change, one undo.
#[component]
fn LetGo(item: AgendaItem) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let reasons = LetGoReason::ALL
        .into_iter()
        .map(|reason| {
            let item = item.clone();
            let key = format!("agenda.let_go.{}", variant(&reason));
            let choose = move |_| {
                let today = state.today();
                let Some(command) = state
                    .book
                    .with_untracked(|b| let_go(b, &item, today, reason))
                else {
                    return;
                };
                let comes_back = matches!(
                    &command,
                    Command::Create { record: Record::Deferral(d) } if d.until.is_some()
                );
                let saved = if comes_back {
                    "agenda.let_go_saved_cycle"
                } else {
                    "agenda.let_go_saved"
                };
                state.run(command, saved);
            };
            view! {
                <button type="button" class="small" data-reason=variant(&reason) on:click=choose>
                    {move || i18n.t(&key)}
                </button>
            }
        })
        .collect_view();
    let open = RwSignal::new(false);
    view! {
        <div class="let-go">
            <button
                type="button"
                class="small let-go-open"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || i18n.t("agenda.let_go")}
            </button>
            <div class="reasons" role="group" hidden=move || !open.get() aria-label=move || i18n.t("agenda.let_go.why")>
                {reasons}
            </div>
        </div>
    }
}
