use crate::components::{FieldError, FormError, TextField};
use crate::forms;
use crate::i18n::{format_date, t};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{Command, Field, Staff, StaffStatus};

/// Marks someone as leaving on a date (the start of a handover), as gone, or active again.
#[component]
pub fn StaffStatusForm(member: Staff) -> impl IntoView {
    let state = use_state();
    let on = RwSignal::new(match member.status {
        StaffStatus::Leaving(d) | StaffStatus::Left(d) => format_date(d),
        StaffStatus::Active => format_date(state.today() + chrono::Duration::days(30)),
    });
    let error: FormError = RwSignal::new(None);
    let staff = member.id;
    let set_status = move |make: fn(liuke_engine::Date) -> StaffStatus| {
        let status = match make(state.today()) {
            StaffStatus::Active => Ok(StaffStatus::Active),
            _ => forms::date(Field::LeavingOn, &on.get_untracked()).map(make),
        };
        let status = match status {
            Ok(s) => s,
            Err(e) => return error.set(Some(e)),
        };
        spawn_local(async move {
            match state
                .dispatch(Command::SetStaffStatus { staff, status })
                .await
            {
                Ok(_) => {
                    error.set(None);
                    state.notice.set(Some(Notice::Saved("staff.status_saved")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="card form">
            <h2>{t("staff.status_title")}</h2>
            <p class="hint">{t("staff.status_hint")}</p>
            <TextField label="field.leaving_on" name="leaving_on" value=on error=error field=Field::LeavingOn input_type="date"/>
            <FieldError error=error fields=&[Field::LeavingOn]/>
            <div class="actions">
                <button type="button" class="primary" data-status="leaving" on:click=move |_| set_status(StaffStatus::Leaving)>{t("staff.mark_leaving")}</button>
                <button type="button" data-status="left" on:click=move |_| set_status(StaffStatus::Left)>{t("staff.mark_left")}</button>
                <button type="button" data-status="active" on:click=move |_| set_status(|_| StaffStatus::Active)>{t("staff.mark_active")}</button>
            </div>
        </div>
    }
}
