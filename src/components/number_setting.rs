use crate::i18n::use_i18n;
use leptos::prelude::*;

/// One number input; a value out of range is refused with a message and not applied.
#[component]
pub fn NumberSetting(
    label: String,
    get: Signal<f64>,
    set: Callback<f64>,
    min: f64,
    max: f64,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<f64>()
    {
        Ok(v) if v.is_finite() && v >= min && v <= max => {
            error.set(false);
            // The page may be going away (a change fires as a focused field is removed).
            let _ = set.try_run(v);
        }
        _ => error.set(true),
    };
    view! {
        <label class="setting">
            <span>{label}</span>
            <input type="number" step="any" min=min max=max prop:value=move || format!("{}", (get.get() * 100.0).round() / 100.0)
                aria-invalid=move || error.get().then_some("true")
                on:change=on_change/>
            <Show when=move || error.get()>
                <span class="form-error" role="alert">{move || i18n.tf("settings.out_of_range", &[("min", min.to_string()), ("max", max.to_string())])}</span>
            </Show>
        </label>
    }
}

/// One row of a settings table: (label key, read, write, min, max).
pub type NumberRow<T> = (&'static str, fn(&T) -> f64, fn(&mut T, f64), f64, f64);

/// A `NumberSetting` per row, each reading and writing its field of `settings`.
pub fn number_settings<T: Send + Sync + 'static>(
    settings: RwSignal<T>,
    rows: &[NumberRow<T>],
) -> impl IntoView {
    let i18n = use_i18n();
    rows.iter()
        .map(|&(key, get, set, min, max)| {
            view! {
                <NumberSetting label=i18n.t(key)
                    get=Signal::derive(move || settings.with(get))
                    set=Callback::new(move |v| settings.update(|s| set(s, v)))
                    min=min max=max/>
            }
        })
        .collect_view()
}
