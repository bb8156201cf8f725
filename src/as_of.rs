//! The day the book is looked at, when it is not today (issue 25): kept in the address
//! (`?asof=YYYY-MM-DD`, before the page's `#/…`), so a view can be shared and comes back
//! after a reload, and never stored as a change to the book. The engine decides what
//! that day counts (`Book::as_of`).

use liuke_engine::Date;
use wasm_bindgen::JsValue;

const PARAM: &str = "asof";

/// The address's query (before the `#`), as key=value pairs.
fn search_pairs() -> Vec<(String, String)> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (pair.to_string(), String::new()),
        })
        .collect()
}

/// A date the address's query holds under `name`, if it reads as one.
pub fn date_in_address(name: &str) -> Option<Date> {
    search_pairs()
        .into_iter()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| Date::parse_from_str(&v, "%Y-%m-%d").ok())
}

/// The day the address asks to look at the book as of.
pub fn from_address() -> Option<Date> {
    date_in_address(PARAM)
}

/// Puts the day in the address (or takes it out), keeping the page and the rest of the
/// query, without a new history entry or a reload.
pub fn keep_in_address(day: Option<Date>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut pairs: Vec<(String, String)> = search_pairs()
        .into_iter()
        .filter(|(k, _)| k != PARAM)
        .collect();
    if let Some(day) = day {
        pairs.push((PARAM.to_string(), day.format("%Y-%m-%d").to_string()));
    }
    let location = window.location();
    let mut url = location.pathname().unwrap_or_default();
    for (i, (k, v)) in pairs.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(k);
        if !v.is_empty() {
            url.push('=');
            url.push_str(v);
        }
    }
    url.push_str(&location.hash().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
