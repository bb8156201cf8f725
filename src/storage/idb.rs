//! The IndexedDB adapter. Every write is one transaction that first checks the book's
//! revision counter: if another tab wrote since we loaded, the write is refused as a
//! conflict instead of silently overwriting that tab's work.

use super::lock::{self, Cipher, LockError, LockMeta};
use js_sys::{Array, Function, Promise};
use liuke_engine::book::TeamSettings;
use liuke_engine::chunks::{SetAside, Unreadable};
use liuke_engine::interchange::backup::BackupMark;
use liuke_engine::schema::{self, CURRENT_VERSION};
use liuke_engine::{chunks, Book, Change, RecordKind};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

mod sync;

pub const DB_NAME: &str = "liuke";
/// 2 added the task and handover stores; 4 the store of unreadable texts set aside; 5
/// the store of team-sync data.
const DB_VERSION: u32 = 6;
const META: &str = "meta";
const REVISION: &str = "revision";
const NEXT_ID: &str = "next_id";
const SCHEMA: &str = "schema_version";
/// The passphrase lock's record (see `lock`); absent when the book is not locked.
const LOCK: &str = "lock";
/// When the book was last backed up (`liuke_engine::interchange::backup::BackupMark`).
const BACKUP: &str = "backup";
/// Stored texts that could not be read at load, kept so that no page rewrite loses them
/// (see `liuke_engine::chunks::SetAside`); sealed like the pages when the book is locked.
const UNREADABLE: &str = "unreadable";
/// The team settings (`liuke_engine::book::TeamSettings`) as JSON, sealed like a page
/// when the book is locked. Since schema 2; before, each device kept its own.
const SETTINGS: &str = "settings";
/// The first schema version that keeps the team settings in the book.
const SETTINGS_SINCE: u32 = 2;

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// No IndexedDB (private mode in some browsers, or disabled).
    Unavailable(String),
    /// Another tab changed the book since this one loaded it.
    Conflict,
    /// The browser refused to store more.
    QuotaExceeded,
    /// The database is open in another tab at an older version.
    Blocked,
    /// Written by a newer version of the app.
    Newer(u32),
    /// The book is encrypted and this tab has not been unlocked.
    Locked,
    /// Another tab changed or removed the passphrase since this tab took its key: what
    /// this tab would write would be sealed under the wrong key, so it writes nothing.
    KeyChanged,
    /// Encrypting or decrypting failed.
    Lock(LockError),
    Failed(String),
}

impl From<LockError> for StorageError {
    fn from(e: LockError) -> Self {
        StorageError::Lock(e)
    }
}

/// What a whole-book rewrite does to the lock.
pub enum LockUpdate {
    /// Sealed with this connection's key, or in the clear without one.
    Keep,
    /// Sealed with a new key, and its lock record stored.
    Set(Cipher, LockMeta),
    /// Stored in the clear, the lock record removed.
    Remove,
    /// The same as `Remove`, whatever lock is on disk: for a forgotten passphrase, when
    /// this tab has no key to prove which lock it knew.
    Erase,
}

/// Which lock a write expects to find on disk, in the same transaction.
enum LockGuard {
    /// The lock whose check text is this, or none.
    Expect(Option<String>),
    Any,
}

/// Why a guarded write refused before writing anything.
#[derive(Clone, Copy)]
enum Refusal {
    Conflict,
    KeyChanged,
}

impl StorageError {
    fn from_js(value: JsValue) -> StorageError {
        let name = js_sys::Reflect::get(&value, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        let message = js_sys::Reflect::get(&value, &"message".into())
            .ok()
            .and_then(|n| n.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            _ => StorageError::Failed(format!("{name} {message}").trim().to_string()),
        }
    }
}

/// The book as loaded, with what had to be set aside.
pub struct Loaded {
    pub book: Book,
    pub revision: f64,
    /// How many stored texts this load could not read; each is kept in the store of
    /// unreadable texts, so rewriting its page loses nothing.
    pub skipped: usize,
    /// How many texts that store holds now, from this load and earlier ones.
    pub set_aside: usize,
    /// How many pages of a locked book were found in the clear: not written by the app.
    pub tampered: usize,
    /// The stored team settings did not read (or were out of range): the book opened
    /// with the defaults, and the stored text stays until the settings are next saved.
    pub settings_unreadable: bool,
}

#[derive(Clone)]
pub struct Db {
    db: IdbDatabase,
    /// The key pages are sealed with; `None` while locked or when no lock is set.
    cipher: Option<Cipher>,
}

fn idb_factory() -> Result<web_sys::IdbFactory, StorageError> {
    let global = js_sys::global();
    let factory = js_sys::Reflect::get(&global, &"indexedDB".into())
        .map_err(|_| StorageError::Unavailable("indexedDB".into()))?;
    factory
        .dyn_into::<web_sys::IdbFactory>()
        .map_err(|_| StorageError::Unavailable("indexedDB".into()))
}

/// Waits for a request. The callbacks are dropped as soon as it settles: a callback that
/// never runs would otherwise keep the request, and its whole result, alive.
async fn await_request(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let mut callbacks: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok_request = request.clone();
        let on_ok = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_request.result().unwrap_or(JsValue::NULL),
            );
        });
        let err_request = request.clone();
        let on_err = Closure::<dyn FnMut()>::new(move || {
            let error = err_request
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::NULL, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_ok.as_ref().unchecked_ref()));
        request.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        callbacks.push(on_ok);
        callbacks.push(on_err);
    });
    let result = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    drop(callbacks);
    result
}

/// Waits for a transaction to commit; fails with its error if it aborts.
async fn await_transaction(tx: &IdbTransaction) -> Result<(), JsValue> {
    let mut callbacks: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let abort_tx = tx.clone();
        let on_abort = Closure::<dyn FnMut()>::new(move || {
            let error = abort_tx
                .error()
                .map_or_else(|| JsValue::from_str("aborted"), JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
        tx.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
        callbacks.push(on_complete);
        callbacks.push(on_abort);
    });
    let result = JsFuture::from(promise).await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    drop(callbacks);
    result.map(|_| ())
}

fn js_err(value: JsValue) -> StorageError {
    StorageError::from_js(value)
}

impl Db {
    /// Opens (and on first use creates) the database.
    pub async fn open() -> Result<Db, StorageError> {
        Self::open_named(DB_NAME).await
    }

    pub async fn open_named(name: &str) -> Result<Db, StorageError> {
        let factory = idb_factory()?;
        let request = factory
            .open_with_u32(name, DB_VERSION)
            .map_err(|e| StorageError::Unavailable(format!("{e:?}")))?;
        let upgrade_request = request.clone();
        let on_upgrade = Closure::<dyn FnMut()>::new(move || {
            let Ok(result) = upgrade_request.result() else {
                return;
            };
            let db: IdbDatabase = result.unchecked_into();
            let existing = db.object_store_names();
            for store in
                RecordKind::ALL
                    .iter()
                    .map(|k| k.store())
                    .chain([META, UNREADABLE, sync::SYNC])
            {
                if !existing.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let blocked = Closure::<dyn FnMut()>::new(|| {});
        request.set_onblocked(Some(blocked.as_ref().unchecked_ref()));
        let result = await_request(&request).await;
        drop(on_upgrade);
        drop(blocked);
        let db: IdbDatabase = result.map_err(js_err)?.unchecked_into();
        let close_db = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || close_db.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Db { db, cipher: None })
    }

    fn stores() -> Array {
        RecordKind::ALL
            .iter()
            .map(|k| JsValue::from_str(k.store()))
            .chain([
                JsValue::from_str(META),
                JsValue::from_str(UNREADABLE),
                JsValue::from_str(sync::SYNC),
            ])
            .collect()
    }

    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, StorageError> {
        self.db
            .transaction_with_str_sequence_and_mode(&Self::stores(), mode)
            .map_err(js_err)
    }

    /// This connection with `cipher` as the key for reading and writing pages.
    pub fn with_cipher(&self, cipher: Option<Cipher>) -> Db {
        Db {
            db: self.db.clone(),
            cipher,
        }
    }

    /// The key this connection reads and writes with, if any.
    pub fn cipher(&self) -> Option<&Cipher> {
        self.cipher.as_ref()
    }

    /// When this device's book was last backed up, and since when it has changes no
    /// backup holds. Not book data: kept in the clear, outside the revision check.
    pub async fn backup_mark(&self) -> Result<BackupMark, StorageError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let meta = tx.object_store(META).map_err(js_err)?;
        let value = await_request(&meta.get(&BACKUP.into()).map_err(js_err)?)
            .await
            .map_err(js_err)?;
        Ok(value
            .as_string()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default())
    }

    pub async fn set_backup_mark(&self, mark: &BackupMark) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(META, IdbTransactionMode::Readwrite)
            .map_err(js_err)?;
        let text = serde_json::to_string(mark).unwrap_or_default();
        tx.object_store(META)
            .map_err(js_err)?
            .put_with_key(&JsValue::from_str(&text), &BACKUP.into())
            .map_err(js_err)?;
        await_transaction(&tx).await.map_err(js_err)
    }

    /// The stored lock record, if the book is locked with a passphrase.
    pub async fn lock_meta(&self) -> Result<Option<LockMeta>, StorageError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let meta = tx.object_store(META).map_err(js_err)?;
        let value = await_request(&meta.get(&LOCK.into()).map_err(js_err)?)
            .await
            .map_err(js_err)?;
        Ok(lock::meta_from_js(&value))
    }

    /// Loads the whole book in one read transaction. Records that do not parse (or
    /// pages that do not decrypt) are skipped and reported, so one bad record never
    /// costs the whole book.
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let meta = tx.object_store(META).map_err(js_err)?;
        let locked = await_request(&meta.get(&LOCK.into()).map_err(js_err)?)
            .await
            .map_err(js_err)?;
        match (lock::meta_from_js(&locked), &self.cipher) {
            (Some(_), None) => return Err(StorageError::Locked),
            (Some(meta), Some(cipher)) if meta.check != cipher.lock_id() => {
                return Err(StorageError::KeyChanged)
            }
            (None, Some(_)) => return Err(StorageError::KeyChanged),
            _ => {}
        }
        let stored_revision = get_number(&meta, REVISION).await?;
        // The released app recorded no schema version: a book it wrote is version 1.
        // A database nobody has written yet is new.
        let schema_version = match (get_number(&meta, SCHEMA).await?, stored_revision) {
            (Some(version), _) => version as u32,
            (None, Some(_)) => 1,
            (None, None) => CURRENT_VERSION,
        };
        if schema_version > CURRENT_VERSION {
            return Err(StorageError::Newer(schema_version));
        }
        let revision = stored_revision.unwrap_or(0.0);
        let stored_settings = await_request(&meta.get(&SETTINGS.into()).map_err(js_err)?)
            .await
            .map_err(js_err)?
            .as_string();
        let next_id = get_number(&meta, NEXT_ID).await?.unwrap_or(1.0) as u64;
        let mut reader = PageReader {
            version: schema_version,
            ..PageReader::default()
        };
        let mut sealed: Vec<(RecordKind, u64, String)> = Vec::new();
        for kind in RecordKind::ALL {
            let store = tx.object_store(kind.store()).map_err(js_err)?;
            let (keys, values) = keys_and_values(&store).await?;
            for (number, page) in page_texts(&keys, &values) {
                if lock::is_sealed(&page) {
                    sealed.push((kind, number, page));
                } else if self.cipher.is_some() {
                    // A locked book's pages are all sealed by the app: a page in the
                    // clear was put there by someone else, and is not trusted.
                    reader.tampered += 1;
                    reader
                        .aside
                        .push(SetAside::new(kind, number, Unreadable::Unsealed, page));
                } else {
                    reader.take(kind, number, &page);
                }
            }
        }
        let opened = self.open_pages(sealed, schema_version).await?;
        for (kind, number, page) in opened.read {
            reader.take(kind, number, &page);
        }
        for (kind, number, page) in opened.unopened {
            reader
                .aside
                .push(SetAside::new(kind, number, Unreadable::Sealed, page));
        }
        let PageReader {
            records,
            aside,
            mut tampered,
            failure,
            ..
        } = reader;
        if let Some(e) = failure {
            return Err(StorageError::Failed(e.to_string()));
        }
        let skipped = aside.len();
        if !aside.is_empty() {
            self.keep_aside(aside).await?;
        }
        let set_aside = self.count_set_aside().await?;
        let (settings, settings_unreadable) = if schema_version < SETTINGS_SINCE {
            // The team settings move from this device into the book.
            (super::prefs::device_team_settings(), false)
        } else {
            match self.open_settings(stored_settings, schema_version).await? {
                SettingsRead::Read(settings) => (*settings, false),
                SettingsRead::Unsealed => {
                    tampered += 1;
                    (TeamSettings::default(), true)
                }
                SettingsRead::Unreadable => (TeamSettings::default(), true),
            }
        };
        let book = Book::from_records(records, next_id).with_settings(settings);
        let revision = if schema_version < CURRENT_VERSION {
            // Migrated page by page above; written back whole at the current version.
            let revision = self.replace_all(&book, revision).await?;
            super::prefs::forget_device_team_settings();
            revision
        } else {
            self.bind_pages(opened.unbound, next_id, revision).await?
        };
        Ok(Loaded {
            book,
            revision,
            skipped,
            set_aside,
            tampered,
            settings_unreadable,
        })
    }

    /// The stored team settings: none stored are the defaults; a locked book's must be
    /// sealed by the app, bound to their place.
    async fn open_settings(
        &self,
        stored: Option<String>,
        schema_version: u32,
    ) -> Result<SettingsRead, StorageError> {
        let Some(text) = stored else {
            return Ok(SettingsRead::Read(Box::default()));
        };
        let json = match (&self.cipher, lock::is_sealed(&text)) {
            (Some(_), false) => return Ok(SettingsRead::Unsealed),
            (None, true) => return Ok(SettingsRead::Unreadable),
            (None, false) => Some(text),
            (Some(cipher), true) => {
                let place = lock::page_binding(SETTINGS, 0, schema_version);
                cipher
                    .open_all(vec![(text, Some(place))])
                    .await?
                    .into_iter()
                    .next()
                    .flatten()
            }
        };
        let settings = json
            .and_then(|json| serde_json::from_str::<TeamSettings>(&json).ok())
            .filter(|settings| settings.check().is_ok());
        Ok(settings.map_or(SettingsRead::Unreadable, |s| {
            SettingsRead::Read(Box::new(s))
        }))
    }

    /// The team settings as stored: JSON, sealed with `cipher` if there is one.
    async fn seal_settings(
        cipher: Option<&Cipher>,
        settings: &TeamSettings,
    ) -> Result<String, StorageError> {
        // A plain derived struct with string keys: serializing it cannot fail.
        let json = serde_json::to_string(settings).unwrap_or_default();
        let place = lock::page_binding(SETTINGS, 0, CURRENT_VERSION);
        Ok(seal_placed(cipher, vec![(json, Some(place))])
            .await?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    /// Seals again, bound to their places, the pages an earlier version sealed unbound,
    /// each from its own text (so records set aside in it stay as they are). Until then
    /// such a page could be moved to another place unnoticed. If another tab wrote
    /// meanwhile, this waits for the next load.
    async fn bind_pages(
        &self,
        unbound: Vec<(RecordKind, u64, String)>,
        next_id: u64,
        revision: f64,
    ) -> Result<f64, StorageError> {
        if unbound.is_empty() || self.cipher.is_none() {
            return Ok(revision);
        }
        let pages = unbound
            .into_iter()
            .map(|(kind, number, text)| chunks::Page {
                kind,
                number,
                json: Some(text),
            })
            .collect();
        let pages = Self::seal_pages(self.cipher.as_ref(), pages).await?;
        match self
            .write_pages(pages, None, Vec::new(), next_id, revision)
            .await
        {
            Err(StorageError::Conflict) => Ok(revision),
            other => other,
        }
    }

    /// Stores texts that did not read, sealed when the book is locked, each under a key
    /// of its content so a text found again at the next load is kept once.
    async fn keep_aside(&self, aside: Vec<SetAside>) -> Result<(), StorageError> {
        let keys: Vec<String> = aside.iter().map(SetAside::key).collect();
        let values = self.seal_aside(self.cipher.as_ref(), &aside).await?;
        let tx = self
            .db
            .transaction_with_str_and_mode(UNREADABLE, IdbTransactionMode::Readwrite)
            .map_err(js_err)?;
        let store = tx.object_store(UNREADABLE).map_err(js_err)?;
        for (key, value) in keys.iter().zip(&values) {
            store
                .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
                .map_err(js_err)?;
        }
        await_transaction(&tx).await.map_err(js_err)
    }

    /// The texts set aside, as JSON, sealed with `cipher` if there is one.
    async fn seal_aside(
        &self,
        cipher: Option<&Cipher>,
        aside: &[SetAside],
    ) -> Result<Vec<String>, StorageError> {
        let placed: Vec<lock::Placed> = aside
            .iter()
            .map(|a| {
                let text = serde_json::to_string(a).unwrap_or_default();
                (text, Some(aside_binding(&a.key())))
            })
            .collect();
        seal_placed(cipher, placed).await
    }

    /// How many unreadable texts are kept aside.
    pub async fn count_set_aside(&self) -> Result<usize, StorageError> {
        let tx = self.db.transaction_with_str(UNREADABLE).map_err(js_err)?;
        let store = tx.object_store(UNREADABLE).map_err(js_err)?;
        let count = await_request(&store.count().map_err(js_err)?)
            .await
            .map_err(js_err)?;
        Ok(count.as_f64().unwrap_or(0.0) as usize)
    }

    /// Every unreadable text kept aside, opened with this connection's key where it
    /// was sealed with it; one sealed under another key comes back as it is stored.
    pub async fn set_aside(&self) -> Result<Vec<SetAside>, StorageError> {
        let tx = self.db.transaction_with_str(UNREADABLE).map_err(js_err)?;
        let store = tx.object_store(UNREADABLE).map_err(js_err)?;
        let (keys, values) = keys_and_values(&store).await?;
        let stored: Vec<(String, String)> = keys
            .iter()
            .map(|k| k.as_string().unwrap_or_default())
            .zip(values.iter().map(|v| value_text(&v)))
            .collect();
        let sealed: Vec<lock::Placed> = stored
            .iter()
            .filter(|(_, text)| lock::is_sealed(text))
            .map(|(key, text)| (text.clone(), Some(aside_binding(key))))
            .collect();
        let mut opened = match (&self.cipher, sealed.is_empty()) {
            (Some(cipher), false) => cipher.open_all(sealed).await?,
            _ => vec![None; sealed.len()],
        }
        .into_iter();
        let as_stored = |text: String| SetAside {
            store: String::new(),
            page: 0,
            why: Unreadable::Sealed,
            text,
        };
        Ok(stored
            .into_iter()
            .map(|(_, text)| {
                let open = if lock::is_sealed(&text) {
                    opened.next().flatten()
                } else {
                    Some(text.clone())
                };
                open.and_then(|o| serde_json::from_str(&o).ok())
                    .unwrap_or_else(|| as_stored(text))
            })
            .collect())
    }

    /// Deletes every unreadable text kept aside: the user's choice, after exporting them.
    pub async fn discard_set_aside(&self) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(UNREADABLE, IdbTransactionMode::Readwrite)
            .map_err(js_err)?;
        tx.object_store(UNREADABLE)
            .map_err(js_err)?
            .clear()
            .map_err(js_err)?;
        await_transaction(&tx).await.map_err(js_err)
    }

    /// Decrypts the sealed pages, each with the place it is stored at (see
    /// `lock::page_binding`) under the schema version the book was stored in.
    async fn open_pages(
        &self,
        sealed: Vec<(RecordKind, u64, String)>,
        schema_version: u32,
    ) -> Result<OpenedPages, StorageError> {
        let Some(cipher) = self.cipher.as_ref().filter(|_| !sealed.is_empty()) else {
            return Ok(OpenedPages {
                unopened: sealed,
                ..OpenedPages::default()
            });
        };
        let placed = sealed
            .iter()
            .map(|(kind, number, text)| {
                let place = lock::page_binding(kind.store(), *number, schema_version);
                (text.clone(), Some(place))
            })
            .collect();
        let opened = cipher.open_all(placed).await?;
        let mut out = OpenedPages::default();
        for ((kind, number, text), page) in sealed.into_iter().zip(opened) {
            match page {
                Some(page) => {
                    if !lock::is_bound(&text) {
                        out.unbound.push((kind, number, page.clone()));
                    }
                    out.read.push((kind, number, page));
                }
                None => out.unopened.push((kind, number, text)),
            }
        }
        Ok(out)
    }

    /// Seals the pages' JSON with `cipher`, or leaves them as they are without one.
    async fn seal_pages(
        cipher: Option<&Cipher>,
        mut pages: Vec<chunks::Page>,
    ) -> Result<Vec<chunks::Page>, StorageError> {
        if cipher.is_none() {
            return Ok(pages);
        }
        let placed: Vec<lock::Placed> = pages
            .iter()
            .filter_map(|p| {
                let place = lock::page_binding(p.kind.store(), p.number, CURRENT_VERSION);
                p.json.clone().map(|json| (json, Some(place)))
            })
            .collect();
        let mut sealed = seal_placed(cipher, placed).await?.into_iter();
        for page in pages.iter_mut().filter(|p| p.json.is_some()) {
            page.json = sealed.next();
        }
        Ok(pages)
    }

    /// Writes exactly the pages a change touched (see `liuke_engine::pages`), in one
    /// transaction, if and only if nobody wrote since `expected_revision`. `book` is the
    /// book the change was planned on. Returns the new revision.
    pub fn write(
        &self,
        book: &Book,
        change: &Change,
        expected_revision: f64,
    ) -> impl std::future::Future<Output = Result<f64, StorageError>> + 'static {
        self.write_with_sync(book, change, Vec::new(), expected_revision)
    }

    /// Like [`Db::write`], with the team-sync pages the change touched (see
    /// `liuke_engine::sync::pages`), in the same transaction: the book and what is to be
    /// sent of it never disagree on disk.
    pub fn write_with_sync(
        &self,
        book: &Book,
        change: &Change,
        sync_pages: Vec<(String, Option<String>)>,
        expected_revision: f64,
    ) -> impl std::future::Future<Output = Result<f64, StorageError>> + 'static {
        let pages = chunks::changed_pages(book, change);
        let next_id = change.next_id;
        let settings = change.settings.as_ref().map(|s| s.after.clone());
        let db = self.clone();
        async move {
            let pages = Self::seal_pages(db.cipher.as_ref(), pages).await?;
            let settings = match settings {
                Some(settings) => Some(Self::seal_settings(db.cipher.as_ref(), &settings).await?),
                None => None,
            };
            let sync_pages = sync::seal(db.cipher.as_ref(), sync_pages).await?;
            db.write_pages(pages, settings, sync_pages, next_id, expected_revision)
                .await
        }
    }

    /// The lock this connection's key belongs to, as a write must find it on disk.
    fn lock_guard(&self) -> LockGuard {
        LockGuard::Expect(self.cipher.as_ref().map(|c| c.lock_id().to_string()))
    }

    /// Writes `pages`, the team settings' stored text if given, and the team-sync pages
    /// (see `sync`), in one transaction.
    async fn write_pages(
        &self,
        pages: Vec<chunks::Page>,
        settings: Option<String>,
        sync_pages: Vec<(String, Option<String>)>,
        next_id: u64,
        expected_revision: f64,
    ) -> Result<f64, StorageError> {
        self.guarded_write(expected_revision, self.lock_guard(), move |tx| {
            for page in &pages {
                let store = tx.object_store(page.kind.store())?;
                let key = JsValue::from_f64(page.number as f64);
                match &page.json {
                    Some(json) => store.put_with_key(&JsValue::from_str(json), &key)?,
                    None => store.delete(&key)?,
                };
            }
            let meta = tx.object_store(META)?;
            meta.put_with_key(&JsValue::from_f64(next_id as f64), &NEXT_ID.into())?;
            // Every write records the version its pages are in: a book built only by
            // edits would otherwise have none, and be misread after an upgrade.
            meta.put_with_key(
                &JsValue::from_f64(f64::from(CURRENT_VERSION)),
                &SCHEMA.into(),
            )?;
            if let Some(settings) = &settings {
                meta.put_with_key(&JsValue::from_str(settings), &SETTINGS.into())?;
            }
            sync::put_pages(tx, &sync_pages)?;
            Ok(())
        })
        .await
    }

    /// Replaces the whole stored book (restore, sample data) in one transaction.
    pub async fn replace_all(
        &self,
        book: &Book,
        expected_revision: f64,
    ) -> Result<f64, StorageError> {
        self.rewrite(book, expected_revision, LockUpdate::Keep)
            .await
    }

    /// Rewrites the whole book sealed as `lock` says, and sets or removes the lock
    /// record in the same transaction, so the book is never half encrypted. Unless
    /// erasing, the lock on disk must still be the one this connection's key is for.
    pub async fn rewrite(
        &self,
        book: &Book,
        expected_revision: f64,
        lock: LockUpdate,
    ) -> Result<f64, StorageError> {
        self.rewrite_with_sync(book, None, expected_revision, lock)
            .await
    }

    /// Replaces the whole book and the whole team-sync data in one transaction: a book
    /// joining a team database, its ids moved and every document in the sync pages.
    pub async fn replace_with_sync(
        &self,
        book: &Book,
        sync_pages: Vec<(String, Option<String>)>,
        expected_revision: f64,
    ) -> Result<f64, StorageError> {
        self.rewrite_with_sync(book, Some(sync_pages), expected_revision, LockUpdate::Keep)
            .await
    }

    /// [`Db::rewrite`], with the sync data replaced by `new_sync` if given.
    async fn rewrite_with_sync(
        &self,
        book: &Book,
        new_sync: Option<Vec<(String, Option<String>)>>,
        expected_revision: f64,
        lock: LockUpdate,
    ) -> Result<f64, StorageError> {
        let (cipher, guard) = match &lock {
            LockUpdate::Keep => (self.cipher.as_ref(), self.lock_guard()),
            LockUpdate::Set(cipher, _) => (Some(cipher), self.lock_guard()),
            LockUpdate::Remove => (None, self.lock_guard()),
            LockUpdate::Erase => (None, LockGuard::Any),
        };
        let pages = Self::seal_pages(cipher, chunks::all_pages(book)).await?;
        let settings = Self::seal_settings(cipher, book.settings()).await?;
        // A new key (or none) seals the texts set aside anew; erasing drops them.
        let aside = match &lock {
            LockUpdate::Keep => None,
            LockUpdate::Set(..) | LockUpdate::Remove => {
                let aside = self.set_aside().await?;
                let keys: Vec<String> = aside.iter().map(SetAside::key).collect();
                Some(
                    keys.into_iter()
                        .zip(self.seal_aside(cipher, &aside).await?)
                        .collect(),
                )
            }
            LockUpdate::Erase => Some(Vec::new()),
        };
        // The sync pages sealed anew under the new key (or none); erasing drops them.
        // A page that did not open under the old key cannot be resealed: the team
        // database still has what it held.
        let sync_pages = match &lock {
            LockUpdate::Keep => match new_sync {
                Some(pages) => Some(sync::seal(cipher, pages).await?),
                None => None,
            },
            LockUpdate::Set(..) | LockUpdate::Remove => {
                let (texts, _) = self.sync_texts().await?;
                let pages = texts.into_iter().map(|(k, j)| (k, Some(j))).collect();
                Some(sync::seal(cipher, pages).await?)
            }
            LockUpdate::Erase => Some(Vec::new()),
        };
        let next_id = book.next_id();
        self.guarded_write(expected_revision, guard, move |tx| {
            for kind in RecordKind::ALL {
                tx.object_store(kind.store())?.clear()?;
            }
            if let Some(pages) = &sync_pages {
                tx.object_store(sync::SYNC)?.clear()?;
                sync::put_pages(tx, pages)?;
            }
            if let Some(aside) = &aside {
                let store = tx.object_store(UNREADABLE)?;
                store.clear()?;
                for (key, value) in aside {
                    store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))?;
                }
            }
            for page in &pages {
                if let Some(json) = &page.json {
                    tx.object_store(page.kind.store())?.put_with_key(
                        &JsValue::from_str(json),
                        &JsValue::from_f64(page.number as f64),
                    )?;
                }
            }
            let meta = tx.object_store(META)?;
            meta.put_with_key(&JsValue::from_f64(next_id as f64), &NEXT_ID.into())?;
            meta.put_with_key(
                &JsValue::from_f64(f64::from(CURRENT_VERSION)),
                &SCHEMA.into(),
            )?;
            meta.put_with_key(&JsValue::from_str(&settings), &SETTINGS.into())?;
            match &lock {
                LockUpdate::Keep => {}
                LockUpdate::Set(_, m) => {
                    meta.put_with_key(&lock::meta_to_js(m), &LOCK.into())?;
                }
                LockUpdate::Remove | LockUpdate::Erase => {
                    meta.delete(&LOCK.into())?;
                }
            }
            Ok(())
        })
        .await
    }

    /// Runs `writes` inside one readwrite transaction after checking, synchronously in
    /// the same transaction, that nobody wrote since `expected_revision` and that the
    /// lock on disk is the one `guard` expects; then bumps the revision.
    async fn guarded_write<F>(
        &self,
        expected_revision: f64,
        guard: LockGuard,
        writes: F,
    ) -> Result<f64, StorageError>
    where
        F: FnOnce(&IdbTransaction) -> Result<(), JsValue> + 'static,
    {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let refusal: Rc<Cell<Option<Refusal>>> = Rc::new(Cell::new(None));
        let meta = tx.object_store(META).map_err(js_err)?;
        let revision_request = meta.get(&REVISION.into()).map_err(js_err)?;
        // Requests in one transaction complete in order: when the lock is read, so is
        // the revision.
        let lock_request = meta.get(&LOCK.into()).map_err(js_err)?;
        let check_tx = tx.clone();
        let check_lock = lock_request.clone();
        let new_revision = expected_revision + 1.0;
        let check_refusal = refusal.clone();
        // Why a write inside the transaction failed (storage full …): the abort that
        // follows only says "aborted".
        let failure: Rc<RefCell<Option<JsValue>>> = Default::default();
        let check_failure = failure.clone();
        let on_checked = Closure::once_into_js(move || {
            let stored = revision_request
                .result()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            let on_disk = check_lock
                .result()
                .ok()
                .and_then(|v| lock::meta_from_js(&v))
                .map(|m| m.check);
            let refused = if stored == expected_revision {
                match guard {
                    LockGuard::Expect(expected) if expected != on_disk => Some(Refusal::KeyChanged),
                    _ => None,
                }
            } else {
                Some(Refusal::Conflict)
            };
            if refused.is_some() {
                check_refusal.set(refused);
                let _ = check_tx.abort();
                return;
            }
            let result = writes(&check_tx).and_then(|()| {
                check_tx
                    .object_store(META)?
                    .put_with_key(&JsValue::from_f64(new_revision), &REVISION.into())
                    .map(|_| ())
            });
            if let Err(e) = result {
                *check_failure.borrow_mut() = Some(e);
                let _ = check_tx.abort();
            }
        });
        lock_request.set_onsuccess(Some(on_checked.unchecked_ref()));
        let done = await_transaction(&tx).await;
        lock_request.set_onsuccess(None);
        match (done, refusal.get()) {
            (_, Some(Refusal::Conflict)) => Err(StorageError::Conflict),
            (_, Some(Refusal::KeyChanged)) => Err(StorageError::KeyChanged),
            (Err(aborted), None) => Err(js_err(failure.borrow_mut().take().unwrap_or(aborted))),
            (Ok(()), None) => Ok(new_revision),
        }
    }

    /// The stored revision, to tell whether another tab has written.
    pub async fn revision(&self) -> Result<f64, StorageError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let meta = tx.object_store(META).map_err(js_err)?;
        Ok(get_number(&meta, REVISION).await?.unwrap_or(0.0))
    }

    pub fn close(&self) {
        self.db.close();
    }
}

/// Every key and every value of a store, in the same (key) order.
async fn keys_and_values(store: &IdbObjectStore) -> Result<(Array, Array), StorageError> {
    let values: Array = await_request(&store.get_all().map_err(js_err)?)
        .await
        .map_err(js_err)?
        .unchecked_into();
    let keys: Array = await_request(&store.get_all_keys().map_err(js_err)?)
        .await
        .map_err(js_err)?
        .unchecked_into();
    Ok((keys, values))
}

async fn get_number(store: &IdbObjectStore, key: &str) -> Result<Option<f64>, StorageError> {
    let value = await_request(&store.get(&key.into()).map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(value.as_f64())
}

/// The stored team settings as a load finds them.
enum SettingsRead {
    Read(Box<TeamSettings>),
    /// In the clear in a locked book: not written by the app, not trusted.
    Unsealed,
    /// Sealed under another key or place, damaged, or out of range.
    Unreadable,
}

/// Sealed pages after opening, each as (kind, page number, text).
#[derive(Default)]
struct OpenedPages {
    /// Those that opened, as plain text.
    read: Vec<(RecordKind, u64, String)>,
    /// Those that opened but were sealed unbound by an earlier version, as plain text.
    unbound: Vec<(RecordKind, u64, String)>,
    /// Those that did not open, as stored.
    unopened: Vec<(RecordKind, u64, String)>,
}

/// The pages of a load as they are read, each brought up to the current schema version
/// if the book was stored by an older one.
#[derive(Default)]
struct PageReader {
    /// The schema version the book was stored in.
    version: u32,
    records: Vec<liuke_engine::Record>,
    aside: Vec<SetAside>,
    tampered: usize,
    /// A migration this version does not have: nothing is loaded or written.
    failure: Option<schema::SchemaError>,
}

impl PageReader {
    fn take(&mut self, kind: RecordKind, number: u64, page: &str) {
        let read = if self.version < CURRENT_VERSION {
            match chunks::read_old_page(kind, page, self.version) {
                Ok(read) => read,
                Err(e) => {
                    self.failure = Some(e);
                    return;
                }
            }
        } else {
            chunks::read_page(kind, page)
        };
        self.records.extend(read.records);
        self.aside.extend(
            read.unreadable
                .into_iter()
                .map(|text| SetAside::new(kind, number, Unreadable::Record, text)),
        );
    }
}

/// Texts sealed with `cipher`, each bound to its place, or as they are without one: how
/// pages, settings, texts set aside and sync pages are all stored.
async fn seal_placed(
    cipher: Option<&Cipher>,
    placed: Vec<lock::Placed>,
) -> Result<Vec<String>, StorageError> {
    match cipher {
        Some(cipher) => Ok(cipher.seal_all(placed).await?),
        None => Ok(placed.into_iter().map(|(text, _)| text).collect()),
    }
}

/// The place a text set aside is bound to when sealed: its key in the store.
fn aside_binding(key: &str) -> String {
    format!("liuke-unreadable\n{key}")
}

/// A stored value as text: pages are strings; anything else was not written by the app
/// and is kept as its JSON.
fn value_text(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

/// A store's pages with their numbers: the text in one crossing into wasm when every
/// value is a string (JSON text never holds a raw newline), else one value at a time.
fn page_texts(keys: &Array, values: &Array) -> Vec<(u64, String)> {
    let numbers: Vec<u64> = keys
        .iter()
        .map(|k| k.as_f64().filter(|n| *n >= 0.0).unwrap_or(0.0) as u64)
        .collect();
    let joined = values
        .iter()
        .all(|v| v.is_string())
        .then(|| values.join("\n").as_string().unwrap_or_default())
        .filter(|j| j.split('\n').count() == numbers.len());
    let texts: Vec<String> = match joined {
        Some(joined) => joined.split('\n').map(str::to_string).collect(),
        None => values.iter().map(|v| value_text(&v)).collect(),
    };
    numbers
        .into_iter()
        .zip(texts)
        .filter(|(_, text)| !text.is_empty())
        .collect()
}
