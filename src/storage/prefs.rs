//! Small per-device preferences in localStorage; the book itself is never kept here.

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};

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

const INSIGHT_KEY: &str = "liuke.insight";

/// The scoring, value and register settings; a stored value that no longer reads (an
/// older shape) gives the defaults rather than an error.
pub fn saved_insight<T: serde::de::DeserializeOwned + Default>() -> T {
    LocalStorage::get::<T>(INSIGHT_KEY).unwrap_or_default()
}

pub fn save_insight<T: serde::Serialize>(settings: &T) {
    let _ = LocalStorage::set(INSIGHT_KEY, settings);
}

const ROTATION_KEY: &str = "liuke.rotation";

pub fn saved_rotation<T: serde::de::DeserializeOwned + Default>() -> T {
    LocalStorage::get::<T>(ROTATION_KEY).unwrap_or_default()
}

pub fn save_rotation<T: serde::Serialize>(settings: &T) {
    let _ = LocalStorage::set(ROTATION_KEY, settings);
}

const POOL_KEY: &str = "liuke.pool";

/// The pool rules, kept on this device like the other settings.
pub fn saved_pool<T: serde::de::DeserializeOwned + Default>() -> T {
    LocalStorage::get::<T>(POOL_KEY).unwrap_or_default()
}

pub fn save_pool<T: serde::Serialize>(settings: &T) {
    let _ = LocalStorage::set(POOL_KEY, settings);
}

const AUTOLOCK_KEY: &str = "liuke.autolock";

/// Minutes without input before a locked book locks again (0: never); 15 by default.
pub fn saved_autolock() -> u32 {
    LocalStorage::get::<u32>(AUTOLOCK_KEY).unwrap_or(15)
}

pub fn save_autolock(minutes: u32) {
    let _ = LocalStorage::set(AUTOLOCK_KEY, minutes);
}
