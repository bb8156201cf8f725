//! Small per-device preferences in localStorage; the book itself is never kept here.

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use liuke_engine::book::TeamSettings;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const LANG_KEY: &str = "liuke.lang";
/// The shape the language is stored in: 1 is `{"version":1,"value":"zh-CN"}`; before
/// versions it was the bare code.
const LANG_VERSION: u32 = 1;

fn migrate_lang(version: u32, value: &Value) -> Option<String> {
    match version {
        0 => value.as_str().map(str::to_string),
        _ => None,
    }
}

/// The language chosen on this device, if one was and it still reads (an older shape
/// through its migration).
pub fn saved_lang() -> Option<Lang> {
    let text = LocalStorage::raw().get_item(LANG_KEY).ok().flatten();
    let (code, how) = read_versioned::<String>(text.as_deref(), LANG_VERSION, migrate_lang);
    let lang = code.as_deref().and_then(Lang::from_code)?;
    if how == PrefRead::Migrated {
        save_lang(lang);
    }
    Some(lang)
}

pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(
        LANG_KEY,
        Versioned {
            version: LANG_VERSION,
            value: &lang.code(),
        },
    );
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

/// The owner last given to a new customer on this device (a staff id): the next new
/// customer starts with them, as a rep adding several customers in a row expects.
const LAST_OWNER: &str = "liuke.last_owner";
const LAST_OWNER_VERSION: u32 = 1;

pub fn last_owner() -> Option<u64> {
    let text = LocalStorage::raw().get_item(LAST_OWNER).ok().flatten();
    read_versioned::<u64>(text.as_deref(), LAST_OWNER_VERSION, |_, _| None).0
}

/// Remembers `owner` for the next new customer; `None` (into the pool) forgets it.
pub fn save_last_owner(owner: Option<u64>) {
    match owner {
        Some(id) => {
            let _ = LocalStorage::set(
                LAST_OWNER,
                Versioned {
                    version: LAST_OWNER_VERSION,
                    value: &id,
                },
            );
        }
        None => LocalStorage::delete(LAST_OWNER),
    }
}

/// Minutes without input before a locked book locks again.
pub const AUTOLOCK: &str = "liuke.autolock";
/// The idle-lock minutes one may set (0: never).
pub const AUTOLOCK_RANGE: liuke_engine::book::settings::Range =
    liuke_engine::book::settings::Range::new(0.0, 480.0);
/// The shape `AUTOLOCK` is stored in: 1 is `{"version":1,"value":15}`; before versions
/// it was the bare number.
pub const AUTOLOCK_VERSION: u32 = 1;

/// Reads an older shape of the idle-lock minutes: the bare number stored before versions.
pub fn migrate_autolock(version: u32, value: &Value) -> Option<u32> {
    match version {
        0 => value.as_u64().and_then(|n| u32::try_from(n).ok()),
        _ => None,
    }
}

/// How a device preference read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrefRead {
    /// Nothing stored: the default.
    Missing,
    Read,
    /// An older shape, read through its migration and stored again in the current one.
    Migrated,
    /// Stored in a shape that does not read: the default is used, and the user told.
    Unreadable,
    /// Stored by a newer version of the app: the default is used here, and what is
    /// stored is left for that version.
    Newer,
}

/// A preference as stored: the version of its shape, with its value, so that a shape
/// that changes is migrated rather than silently replaced by the default.
#[derive(Serialize)]
struct Versioned<'a, T> {
    version: u32,
    value: &'a T,
}

/// Reads a stored preference's text: `version` is the current shape, `migrate` reads an
/// older one (version 0 is the bare value stored before versions).
pub fn read_versioned<T: DeserializeOwned>(
    text: Option<&str>,
    version: u32,
    migrate: fn(u32, &Value) -> Option<T>,
) -> (Option<T>, PrefRead) {
    let Some(text) = text else {
        return (None, PrefRead::Missing);
    };
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return (None, PrefRead::Unreadable);
    };
    let stored = value
        .get("version")
        .and_then(Value::as_u64)
        .zip(value.get("value"));
    let (read, how) = match stored {
        Some((v, inner)) if v == u64::from(version) => (T::deserialize(inner).ok(), PrefRead::Read),
        Some((v, _)) if v > u64::from(version) => return (None, PrefRead::Newer),
        Some((v, inner)) => (
            migrate(u32::try_from(v).unwrap_or(0), inner),
            PrefRead::Migrated,
        ),
        None => (migrate(0, &value), PrefRead::Migrated),
    };
    match read {
        Some(value) => (Some(value), how),
        None => (None, PrefRead::Unreadable),
    }
}

/// A preference kept on this device under `key`, in shape `version`: read once (an
/// older shape through `migrate`), and saved whenever the user changes it. Says how it
/// read, so a preference that did not read is reported rather than silently reset.
pub fn persisted<T>(
    key: &'static str,
    version: u32,
    default: T,
    migrate: fn(u32, &Value) -> Option<T>,
) -> (RwSignal<T>, PrefRead)
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let text = LocalStorage::raw().get_item(key).ok().flatten();
    let (read, how) = read_versioned(text.as_deref(), version, migrate);
    let signal = RwSignal::new(read.unwrap_or(default));
    let save = move |value: &T| {
        let _ = LocalStorage::set(key, Versioned { version, value });
    };
    if how == PrefRead::Migrated {
        signal.with_untracked(save);
    }
    // Reading never writes: a preference stored by a newer version, or one that did not
    // read, stays as it is until the user sets it here.
    Effect::new(move |first: Option<()>| {
        signal.with(|value| {
            if first.is_some() {
                save(value);
            }
        });
    });
    (signal, how)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preference_reads_its_shape_migrates_older_ones_and_says_when_it_cannot() {
        let read = |text: Option<&str>| read_versioned(text, AUTOLOCK_VERSION, migrate_autolock);
        assert_eq!(read(None), (None, PrefRead::Missing));
        assert_eq!(
            read(Some(r#"{"version":1,"value":30}"#)),
            (Some(30), PrefRead::Read)
        );
        // Stored before versions: the bare number.
        assert_eq!(read(Some("5")), (Some(5), PrefRead::Migrated));
        assert_eq!(
            read(Some(r#"{"version":2,"value":"soon"}"#)),
            (None, PrefRead::Newer)
        );
        assert_eq!(
            read(Some(r#"{"version":1,"value":"soon"}"#)),
            (None, PrefRead::Unreadable)
        );
        assert_eq!(read(Some("\"ten\"")), (None, PrefRead::Unreadable));
        assert_eq!(read(Some("{not json")), (None, PrefRead::Unreadable));
    }
}
