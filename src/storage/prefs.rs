//! Small per-device preferences in localStorage; the book itself is never kept here.

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

const LANG_KEY: &str = "liuke.lang";

pub fn saved_lang() -> Option<Lang> {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|c| Lang::from_code(&c))
}

pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.code());
}

/// The language to start in: the saved choice, else the browser's, else Chinese.
pub fn initial_lang() -> Lang {
    saved_lang()
        .or_else(|| {
            let navigator = web_sys::window()?.navigator();
            let languages = navigator.languages();
            languages
                .iter()
                .filter_map(|l| l.as_string())
                .chain(navigator.language())
                .find_map(|code| Lang::from_code(&code))
        })
        .unwrap_or(Lang::Zh)
}

/// The scoring, value and register settings.
pub const INSIGHT: &str = "liuke.insight";
/// The rotation policy and cost model.
pub const ROTATION: &str = "liuke.rotation";
/// The pool rules.
pub const POOL: &str = "liuke.pool";
/// The pool rules a manager last said yes to (or that last ran with nothing to move).
pub const POOL_CONFIRMED: &str = "liuke.pool.confirmed";
/// Minutes without input before a locked book locks again.
pub const AUTOLOCK: &str = "liuke.autolock";

/// A setting kept on this device under `key`: read once (a stored value that no longer
/// reads, an older shape, gives `default` rather than an error) and saved whenever it
/// changes.
pub fn persisted<T>(key: &'static str, default: T) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let signal = RwSignal::new(LocalStorage::get::<T>(key).unwrap_or(default));
    Effect::new(move || {
        signal.with(|value| {
            let _ = LocalStorage::set(key, value);
        })
    });
    signal
}
