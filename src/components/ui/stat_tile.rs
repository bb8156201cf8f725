use leptos::prelude::*;

#[component]
pub fn StatTile(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] detail: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <div class="stat">
            <span class="stat-label">{label}</span>
            <strong class="stat-value">{value}</strong>
            {detail.map(|d| view! { <span class="stat-detail">{d}</span> })}
        </div>
    }
}
