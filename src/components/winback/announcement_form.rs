use crate::components::{FieldError, TextField};
use crate::errors::UiError;
use crate::forms;
use crate::i18n::{format_date, t, use_i18n, variant};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::{Announcement, AnnouncementKind, Field, Record};

/// Records a new announcement: when, what kind of change, a title and the text.
#[component]
pub fn AnnouncementForm() -> impl IntoView {
    // Typed and not saved: leaving the page asks first (issue 18.5); a save or the
    // form going away ends it.
    on_cleanup(crate::unsaved::settled);
    let state = use_state();
    let i18n = use_i18n();
    let date = RwSignal::new(format_date(state.today()));
    let kind = RwSignal::new(AnnouncementKind::Policy);
    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let error: RwSignal<Option<UiError>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let record = forms::date(Field::Date, &date.get_untracked()).map(|d| {
            Record::Announcement(Announcement {
                date: d,
                kind: kind.get_untracked(),
                title: title.get_untracked().trim().to_string(),
                text: text.get_untracked().trim().to_string(),
                ..Announcement::default()
            })
        });
        forms::save(
            state,
            error,
            record,
            None,
            "announcement.saved",
            move || {
                title.set(String::new());
                text.set(String::new());
            },
        );
    };
    view! {
        <form class="card announcement-form" on:submit=submit on:input=move |_| crate::unsaved::typed()>
            <h2>{t("announcement.new")}</h2>
            <div class="form-grid">
                <TextField label="field.date" name="date" value=date error=error field=Field::Date input_type="date"/>
                <label class="field"><span>{t("announcement.kind")}</span>
                    <select name="kind" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = AnnouncementKind::ALL.into_iter().find(|k| variant(k) == v) { kind.set(k) }
                    }>
                        {AnnouncementKind::ALL.into_iter().map(|k| {
                            let key = format!("announcement.kind.{}", variant(&k));
                            view! { <option value=variant(&k) selected=move || kind.get() == k>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <TextField label="announcement.title_field" name="title" value=title error=error field=Field::Title wide=true/>
                <label class="field wide"><span>{t("announcement.text")}</span>
                    <textarea name="text" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
                <FieldError error=error field=Field::Notes/>
            </div>
            <FieldError error=error fields=&[Field::Date, Field::Title, Field::Notes]/>
            <button type="submit" class="primary">{t("announcement.add")}</button>
        </form>
    }
}
