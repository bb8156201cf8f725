use crate::i18n::{format_date, t, use_i18n};
use crate::state::use_state;
use leptos::prelude::*;
use liuke_engine::book::{chosen_day, AsOfError};
use liuke_engine::Date;

/// Picks the day to look at the book as of (issue 25): every figure then counts only
/// what had happened by then. A way of looking, kept in the address, never a change.
#[component]
pub fn AsOfSetting() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let day = RwSignal::new(
        state
            .as_of
            .get_untracked()
            .map(format_date)
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<&'static str>);
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(picked) = Date::parse_from_str(day.get_untracked().trim(), "%Y-%m-%d") else {
            return error.set(Some("as_of.invalid"));
        };
        match chosen_day(picked, state.calendar_today()) {
            Ok(chosen) => {
                error.set(None);
                state.as_of.set(chosen);
                crate::as_of::keep_in_address(chosen);
            }
            Err(AsOfError::AfterToday) => error.set(Some("as_of.after_today")),
            Err(AsOfError::TooEarly(_)) => error.set(Some("as_of.too_early")),
        }
    };
    view! {
        <div class="card as-of-setting">
            <h2>{t("as_of.title")}</h2>
            <p class="hint">{t("as_of.hint")}</p>
            <form class="inline-form" on:submit=look novalidate>
                <label>{t("as_of.day")}
                    <input name="as-of" type="date" max=move || format_date(state.calendar_today())
                        prop:value=day on:input=move |ev| day.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="primary">{t("as_of.look")}</button>
            </form>
            {move || error.get().map(|key| view! { <p class="field-error" role="alert">{i18n.t(key)}</p> })}
        </div>
    }
}
