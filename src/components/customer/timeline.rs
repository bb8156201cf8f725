use crate::components::{
    made_by, ComplaintForm, InteractionForm, OrderForm, RefusalMark, SignalForm, SurveyForm,
};
use crate::i18n::{format_date, t, use_i18n, variant, I18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::next_contact::{state_of, PromiseState};
use liuke_engine::timeline::{date_of, start, timeline, KINDS};
use liuke_engine::{Book, Command, CustomerId, Record, RecordKind};

/// Entries shown at first, and added by each "show more".
const PAGE: usize = 50;

/// The customer's story, newest first, filterable by kind; entries can be deleted (with
/// undo) and complaints moved to their next step.
#[component]
pub fn Timeline(customer: CustomerId) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let shown = RwSignal::new(Vec::<RecordKind>::new());
    let entries = Memo::new(move |_| shown.with(|k| state.book.with(|b| timeline(b, customer, k))));
    let limit = RwSignal::new(PAGE);
    let hidden = move || entries.with(Vec::len).saturating_sub(limit.get());
    view! {
        <div class="card">
            <h2>{t("timeline.title")}</h2>
            <div class="chips" role="group" aria-label=t("timeline.filter")>
                <button type="button" aria-pressed=move || shown.with(Vec::is_empty).to_string() on:click=move |_| shown.set(vec![])>{t("timeline.all")}</button>
                {KINDS.into_iter().map(|kind| {
                    let key = format!("kind.{}", kind.store());
                    view! {
                        <button type="button" data-kind=kind.store() aria-pressed=move || shown.with(|k| k.contains(&kind)).to_string()
                            on:click=move |_| shown.update(|k| if k.contains(&kind) { k.retain(|x| *x != kind) } else { k.push(kind) })>
                            {move || i18n.t(&key)}
                        </button>
                    }
                }).collect_view()}
            </div>
            <Show when=move || !entries.with(Vec::is_empty) fallback=move || view! { <p class="hint">{t("timeline.empty")}</p> }>
                <ol class="timeline">
                    <For each=move || entries.get().into_iter().take(limit.get()) key=|r| r.key() let:record>
                        <Entry record=record/>
                    </For>
                </ol>
                <Show when=move || { hidden() > 0 }>
                    <button type="button" class="more" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {move || i18n.tf("timeline.more", &[("count", hidden().to_string())])}
                    </button>
                </Show>
            </Show>
            // Where the story starts, once the whole of it is shown.
            {move || (hidden() == 0).then(|| state.book.with(|b| start(b, customer))).flatten().map(|s| {
                let key = if s.first_order { "timeline.start_first_order" } else { "timeline.start" };
                view! { <p class="timeline-start" data-first-order=s.first_order.to_string()>{i18n.tf(key, &[("date", format_date(s.since))])}</p> }
            })}
        </div>
    }
}

#[component]
fn Entry(record: Record) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let kind = record.kind();
    let key = record.key();
    let record_link = match &record {
        Record::WinbackCase(w) => Some(crate::route::Route::WinbackCase(w.id).href()),
        _ => None,
    };
    // The entry as it is now: a save elsewhere (another tab) updates it in place, so a
    // form open on it stays open with the user's input.
    let current = Memo::new(move |_| {
        state
            .book
            .with(|b| b.get(key))
            .unwrap_or_else(|| record.clone())
    });
    let date = move || current.with(date_of).map(format_date).unwrap_or_default();
    let complaint = move || match current.get() {
        Record::Complaint(c) => Some(view! { <ComplaintSteps complaint=c/> }),
        _ => None,
    };
    let text = move || current.with(|r| state.book.with(|b| describe(&i18n, b, r)));
    let next_contact = move || {
        let Record::Interaction(i) = current.get() else {
            return None;
        };
        let due = i.next_contact?;
        let today = state.today();
        let promise = state.book.with(|b| state_of(b, &i, today))?;
        let (class, line) = match promise {
            PromiseState::Open => (
                "open",
                i18n.tf("timeline.next_contact.open", &[("date", i18n.date(due))]),
            ),
            PromiseState::Missed => (
                "missed",
                i18n.tf("timeline.next_contact.missed", &[("date", i18n.date(due))]),
            ),
            PromiseState::Kept(on) => (
                "kept",
                i18n.tf(
                    "timeline.next_contact.kept",
                    &[("date", i18n.date(due)), ("kept", i18n.date(on))],
                ),
            ),
        };
        Some(view! { <p class="next-contact" data-state=class>{line}</p> })
    };
    // In a team book: who made the entry as it is now, on which device, when.
    let made = move || {
        current.track();
        let stamp = state.stamp(key)?;
        let line = state.book.with(|b| made_by(&i18n, b, &stamp));
        Some(view! { <p class="entry-made">{line}</p> })
    };
    let delete = move |_| {
        if crate::browser::confirm(&i18n.t("timeline.confirm_delete")) {
            state.run(Command::Delete { key }, "timeline.deleted");
        }
    };
    let editing = RwSignal::new(false);
    let done = Callback::new(move |()| editing.set(false));
    // The form edits the entry as it was when opened: that is what its save is checked
    // against (see `forms::save`).
    let form = move || edit_form(current.get_untracked(), done);
    view! {
        <li class=format!("entry {}", kind.store())>
            <div class="entry-head">
                <time>{date}</time>
                <span class="entry-kind">{move || i18n.t(&format!("kind.{}", kind.store()))}</span>
            </div>
            <p class="entry-text">{text}</p>
            {next_contact}
            {made}
            <RefusalMark key=key/>
            {complaint}
            <div class="entry-actions">
                {record_link.map(|href| view! { <a class="link" href=href>{t("winback.open_case")}</a> })}
                {(!matches!(kind, RecordKind::Handover | RecordKind::WinbackCase | RecordKind::Relationship | RecordKind::Deferral)).then(|| view! {
                <button type="button" class="link" on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if editing.get() { i18n.t("action.close") } else { i18n.t("action.edit") }}
                </button>
                })}
                {(kind != RecordKind::Relationship).then(|| view! {
                    <button type="button" class="link danger" on:click=delete>{t("action.delete")}</button>
                })}
            </div>
            <Show when=move || editing.get()>{form}</Show>
        </li>
    }
}

#[component]
fn ComplaintSteps(complaint: liuke_engine::Complaint) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let status = variant(&complaint.status());
    let overdue = complaint.is_overdue(state.today());
    let due = complaint.next_due();
    let next = complaint.next_step();
    let id = complaint.id;
    view! {
        <div class="steps">
            <span class="badge">{let key = format!("complaint.status.{status}"); move || i18n.t(&key)}</span>
            {due.map(|d| view! {
                <span class=if overdue { "badge overdue" } else { "badge" }>
                    {move || i18n.tf(if overdue { "complaint.overdue" } else { "complaint.due" }, &[("date", i18n.date_prose(d))])}
                </span>
            })}
            {next.map(|step| {
                let key = format!("complaint.advance.{}", variant(&step));
                view! {
                    <button type="button" class="primary small" data-advance=variant(&step)
                        on:click=move |_| state.run(Command::AdvanceComplaint { complaint: id, on: state.today() }, "complaint.advanced")>
                        {move || i18n.t(&key)}
                    </button>
                }
            })}
        </div>
    }
}

/// The quick-log form of the entry's kind, filled with the entry, saving as an edit.
fn edit_form(record: Record, done: Callback<()>) -> AnyView {
    let customer = record.customer().unwrap_or_default();
    match record {
        Record::Order(r) => {
            view! { <OrderForm customer=customer existing=r on_done=done/> }.into_any()
        }
        Record::Interaction(r) => {
            view! { <InteractionForm customer=customer existing=r on_done=done/> }.into_any()
        }
        Record::Complaint(r) => {
            view! { <ComplaintForm customer=customer existing=r on_done=done/> }.into_any()
        }
        Record::Survey(r) => {
            view! { <SurveyForm customer=customer existing=r on_done=done/> }.into_any()
        }
        Record::Signal(r) => {
            view! { <SignalForm customer=customer existing=r on_done=done/> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// One line saying what happened, in the user's language.
fn describe(i18n: &I18n, book: &Book, record: &Record) -> String {
    let join = |parts: Vec<String>| {
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    match record {
        Record::Order(o) => join(vec![
            i18n.money(o.amount),
            i18n.tf("timeline.quantity", &[("n", o.quantity.to_string())]),
            i18n.tf("timeline.margin", &[("m", i18n.money(o.margin))]),
            book.staff_name(o.staff),
            o.note.clone(),
        ]),
        Record::Interaction(x) => join(vec![
            i18n.t(&format!("interaction.{}", variant(&x.kind))),
            x.summary.clone(),
            book.staff_name(x.staff),
        ]),
        Record::Complaint(c) => join(vec![
            c.subject.clone(),
            i18n.t(&format!("severity.{}", variant(&c.severity))),
            c.channel.clone(),
            c.resolution.clone(),
        ]),
        Record::Survey(s) => join(vec![
            i18n.t(&format!("survey.score.{}", s.score)),
            i18n.t(&format!("survey.method.{}", variant(&s.method))),
        ]),
        Record::Signal(s) => join(vec![
            i18n.t(&format!("signal.{}", variant(&s.kind))),
            s.note.clone(),
        ]),
        Record::Handover(h) => join(vec![
            format!(
                "{} → {}",
                book.staff_name(h.from),
                book.staff_name(Some(h.to))
            ),
            i18n.t(&format!("handover.reason.{}", variant(&h.reason))),
            i18n.t(&format!("handover.status.{}", variant(&h.status))),
        ]),
        Record::WinbackCase(w) => join(vec![
            i18n.t(&format!("winback.stage.{}", variant(&w.stage()))),
            w.primary
                .map(|p| i18n.t(&format!("loss_cause.{}", variant(&p))))
                .unwrap_or_default(),
            book.staff_name(w.owner),
        ]),
        Record::Relationship(r) => match r.recycled {
            Some(why) => i18n.tf(
                &format!("timeline.recycled.{}", variant(&why.rule)),
                &[
                    ("owner", book.staff_name(Some(r.staff))),
                    ("days", why.idle_days.to_string()),
                    ("limit", why.limit_days.to_string()),
                ],
            ),
            None => i18n.tf(
                "timeline.claimed",
                &[("staff", book.staff_name(Some(r.staff)))],
            ),
        },
        Record::Deferral(d) => {
            let duty = i18n.t(&format!("duty.{}", variant(&d.duty)));
            let reason = d
                .reason
                .map(|r| i18n.t(&format!("agenda.let_go.{}", variant(&r))))
                .unwrap_or_default();
            match d.until {
                Some(until) => i18n.tf(
                    "timeline.let_go_until",
                    &[
                        ("duty", duty),
                        ("reason", reason),
                        ("date", i18n.date_prose(until)),
                    ],
                ),
                None => i18n.tf("timeline.let_go", &[("duty", duty), ("reason", reason)]),
            }
        }
        _ => String::new(),
    }
}
