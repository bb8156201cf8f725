//! Small per-device preferences in localStorage; the book itself is never kept here.

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use liuke_engine::book::TeamSettings;
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

/// Where this device kept the team settings before schema 2 moved them into the book:
/// scoring, value and register; the rotation policy; the pool rules; the pool rules
/// last said yes to. Read once, when a book stored before then is migrated.
const DEVICE_INSIGHT: &str = "liuke.insight";
const DEVICE_ROTATION: &str = "liuke.rotation";
const DEVICE_POOL: &str = "liuke.pool";
const DEVICE_POOL_CONFIRMED: &str = "liuke.pool.confirmed";

/// The scoring part as this device kept it.
#[derive(Default, serde::Deserialize)]
#[serde(default)]
struct DeviceInsight {
    risk: liuke_engine::risk::RiskSettings,
    value: liuke_engine::value::ValueSettings,
    register: liuke_engine::register::RegisterSettings,
}

/// The team settings this device kept, for a book that moves them in: a part that does
/// not read is the default, and settings the engine cannot use are the defaults whole.
pub fn device_team_settings() -> TeamSettings {
    let insight: DeviceInsight = LocalStorage::get(DEVICE_INSIGHT).unwrap_or_default();
    let settings = TeamSettings {
        risk: insight.risk,
        value: insight.value,
        register: insight.register,
        rotation: LocalStorage::get(DEVICE_ROTATION).unwrap_or_default(),
        pool: LocalStorage::get(DEVICE_POOL).unwrap_or_default(),
        pool_confirmed: LocalStorage::get(DEVICE_POOL_CONFIRMED).unwrap_or_default(),
    };
    if settings.check().is_ok() {
        settings
    } else {
        TeamSettings::default()
    }
}

/// Once the book holds them, the device's copies would only mislead.
pub fn forget_device_team_settings() {
    for key in [
        DEVICE_INSIGHT,
        DEVICE_ROTATION,
        DEVICE_POOL,
        DEVICE_POOL_CONFIRMED,
    ] {
        LocalStorage::delete(key);
    }
}

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
        });
    });
    signal
}
