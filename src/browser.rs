//! What the page asks of the browser itself: the time, a yes/no question, a file to
//! download.

use crate::errors::UiError;
use wasm_bindgen::JsCast;

/// The moment now, by this device's clock: when a change is stamped as made.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Asks the user a yes/no question in the browser's own dialog.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Offers text as a file download.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), UiError> {
    let fail = |_| UiError::Storage(crate::storage::StorageError::Failed("download".into()));
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(UiError::Storage(crate::storage::StorageError::Failed(
            "document".into(),
        )))?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
