//! Lists handed to Excel: a table whose headers are translation keys, offered as a file.
//! Every page that exports a list builds it here, so headers, format and failures are
//! alike everywhere.

use crate::i18n::I18n;
use crate::state::{AppState, Notice};
use leptos::prelude::Set;
use liuke_engine::interchange::csv_export::to_csv;

/// A CSV text (UTF-8 with BOM, see `to_csv`) with the translated `header_keys`.
pub fn table(
    i18n: &I18n,
    header_keys: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> String {
    let headers: Vec<String> = header_keys.iter().map(|k| i18n.t(k)).collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    to_csv(&headers, rows)
}

/// Offers `text` as the CSV file `name`; a failure is shown as a notice.
pub fn offer(state: AppState, name: &str, text: &str) {
    if let Err(e) = crate::browser::download(name, text, "text/csv;charset=utf-8") {
        state.notice.set(Some(Notice::Error(e)));
    }
}
