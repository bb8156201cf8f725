use crate::components::{FieldError, FormError, StaffSelect};
use crate::forms;
use crate::i18n::{format_date, t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Field, StaffId, WinbackAction, WinbackCase};

/// The plan's actions, each with who does it and by when; ticking one off marks it done
/// today (the agenda does the same).
#[component]
pub fn WinbackActions(draft: RwSignal<WinbackCase>, error: FormError) -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let what = RwSignal::new(String::new());
    let staff = RwSignal::new(String::new());
    let due = RwSignal::new(format_date(state.today() + chrono::Duration::days(7)));
    let add = move |_| {
        let when = match forms::date(Field::Due, &due.get_untracked()) {
            Ok(d) => d,
            Err(e) => return error.set(Some(e)),
        };
        let text = what.get_untracked().trim().to_string();
        if text.is_empty() {
            return error.set(Some(forms::required(Field::Title)));
        }
        let who = staff.get_untracked().parse::<u64>().ok().map(StaffId);
        draft.update(|d| {
            d.actions.push(WinbackAction {
                what: text,
                staff: who.or(d.owner),
                due: when,
                done: None,
            });
        });
        what.set(String::new());
        error.set(None);
    };
    let name = move |s: Option<StaffId>| state.book.with(|b| b.staff_name(s));
    view! {
        <section class="card winback-actions">
            <h2>{t("winback.actions")}</h2>
            <ul class="checklist">
                {move || draft.get().actions.into_iter().enumerate().map(|(index, a)| {
                    let done = a.done.is_some();
                    let overdue = !done && a.due < state.today();
                    view! {
                        <li class:done=done class:overdue=overdue>
                            <label class="check">
                                <input type="checkbox" prop:checked=done on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| if let Some(x) = d.actions.get_mut(index) { x.done = on.then_some(state.today()) });
                                }/>
                                {a.what.clone()}
                            </label>
                            <span class="sub">{format!("{} · {}", i18n.date(a.due), name(a.staff))}
                                {overdue.then(|| view! { " " <span class="badge overdue">{t("agenda.overdue")}</span> })}</span>
                            <button type="button" class="link danger" on:click=move |_| draft.update(|d| { if index < d.actions.len() { d.actions.remove(index); } })>{t("action.delete")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="form-grid add-action">
                <label class="field wide"><span>{t("winback.action_what")}</span>
                    <input name="action_what" prop:value=what on:input=move |ev| what.set(event_target_value(&ev))/></label>
                <label class="field"><span>{t("field.staff")}</span><StaffSelect value=staff allow_none=true/></label>
                <label class="field"><span>{t("field.due")}</span>
                    <input name="action_due" type="date" prop:value=due on:input=move |ev| due.set(event_target_value(&ev))/></label>
                <FieldError error=error field=Field::Due/>
                <button type="button" name="add-action" on:click=add>{t("winback.add_action")}</button>
            </div>
        </section>
    }
}
