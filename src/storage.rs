//! Where the book lives in the browser: IndexedDB for records (one object store per kind,
//! each record a JSON string under its id), localStorage for small preferences.

pub mod idb;
pub mod lock;
pub mod persist;
pub mod prefs;

pub use idb::{Db, Loaded, StorageError};
