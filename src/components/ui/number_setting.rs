use crate::errors::settings_message;
use crate::i18n::use_i18n;
use crate::insight::SettingsPart;
use leptos::prelude::*;
use liuke_engine::book::settings::{Range, SettingsError};

/// Why a setting was refused: out of the form's range, or refused by the engine with the
/// other settings.
#[derive(Clone, Copy, PartialEq)]
enum Refused {
    Range,
    Rule(SettingsError),
}

/// One number input; a value out of range, or one the engine refuses with the other
/// settings (`set` answers why), is not applied.
#[component]
pub fn NumberSetting(
    /// Follows the language: a switch re-renders it.
    label: Signal<String>,
    get: Signal<f64>,
    set: Callback<f64, Option<SettingsError>>,
    /// What the setting may be: the engine's range for it.
    range: Range,
) -> impl IntoView {
    let Range { min, max } = range;
    let i18n = use_i18n();
    let error = RwSignal::new(None::<Refused>);
    let on_change = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<f64>()
    {
        Ok(v) if v.is_finite() && v >= min && v <= max => {
            // The page may be going away (a change fires as a focused field is removed).
            let refused = set.try_run(v).flatten();
            error.set(refused.map(Refused::Rule));
        }
        _ => error.set(Some(Refused::Range)),
    };
    view! {
        <label class="setting">
            <span>{move || label.get()}</span>
            <input type="number" step="any" min=min max=max prop:value=move || format!("{}", (get.get() * 100.0).round() / 100.0)
                aria-invalid=move || error.get().is_some().then_some("true")
                on:change=on_change/>
            {move || error.get().map(|refused| {
                let text = match refused {
                    Refused::Range => i18n.tf("settings.out_of_range", &[("min", min.to_string()), ("max", max.to_string())]),
                    Refused::Rule(e) => settings_message(&i18n, &e),
                };
                view! { <span class="form-error" role="alert">{text}</span> }
            })}
        </label>
    }
}

/// One row of a settings table: (label key, read, write, the engine's range).
pub type NumberRow<T> = (&'static str, fn(&T) -> f64, fn(&mut T, f64), Range);

/// A `NumberSetting` per row, each reading and writing its field of `settings`; a value
/// the engine refuses with the other settings is not applied.
pub fn number_settings<T: Clone + PartialEq + Send + Sync + 'static>(
    settings: SettingsPart<T>,
    rows: &[NumberRow<T>],
) -> impl IntoView {
    let i18n = use_i18n();
    rows.iter()
        .map(|&(key, get, set, range)| {
            view! {
                <NumberSetting label=Signal::derive(move || i18n.t(key))
                    get=Signal::derive(move || settings.with(get))
                    set=Callback::new(move |v| settings.try_update(|s| set(s, v)).err())
                    range=range/>
            }
        })
        .collect_view()
}
