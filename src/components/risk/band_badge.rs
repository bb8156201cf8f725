use crate::i18n::{use_i18n, variant};
use leptos::prelude::*;
use liuke_engine::risk::Band;

/// The band in words with its score, never colour alone; "little data" says the score
/// leans on the book's average.
#[component]
pub fn BandBadge(band: Band, score: f64, #[prop(optional)] little_data: bool) -> impl IntoView {
    let i18n = use_i18n();
    let name = variant(&band);
    let key = format!("band.{name}");
    view! {
        <span class=format!("band band-{name}")>
            <span class="band-mark" aria-hidden="true">{band_mark(band)}</span>
            {move || i18n.t(&key)}
            " "
            <span class="band-score">{format!("{score:.0}")}</span>
            {little_data.then(|| view! { <span class="little-data">{move || i18n.t("risk.little_data")}</span> })}
        </span>
    }
}

/// A shape per band, so bands differ without colour.
fn band_mark(band: Band) -> &'static str {
    match band {
        Band::Low => "○",
        Band::Watch => "◐",
        Band::High => "●",
        Band::Critical => "▲",
    }
}
