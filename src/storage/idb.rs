//! The IndexedDB adapter. Every write is one transaction that first checks the book's
//! revision counter: if another tab wrote since we loaded, the write is refused as a
//! conflict instead of silently overwriting that tab's work.

use js_sys::{Array, Function, Promise};
use liuke_engine::schema::{self, CURRENT_VERSION};
use liuke_engine::{Book, Change, Record, RecordKind};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

pub const DB_NAME: &str = "liuke";
const DB_VERSION: u32 = 1;
const META: &str = "meta";
const REVISION: &str = "revision";
const NEXT_ID: &str = "next_id";
const SCHEMA: &str = "schema_version";

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
    Failed(String),
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
            "LiukeConflict" => StorageError::Conflict,
            _ => StorageError::Failed(format!("{name} {message}").trim().to_string()),
        }
    }
}

/// The book as loaded, with what had to be skipped.
pub struct Loaded {
    pub book: Book,
    pub revision: f64,
    /// Records that could not be read, by store and key; they stay on disk untouched.
    pub skipped: Vec<(RecordKind, String)>,
}

#[derive(Clone)]
pub struct Db {
    db: IdbDatabase,
}

fn idb_factory() -> Result<web_sys::IdbFactory, StorageError> {
    let global = js_sys::global();
    let factory = js_sys::Reflect::get(&global, &"indexedDB".into())
        .map_err(|_| StorageError::Unavailable("indexedDB".into()))?;
    factory
        .dyn_into::<web_sys::IdbFactory>()
        .map_err(|_| StorageError::Unavailable("indexedDB".into()))
}

/// Resolves when a request succeeds, with its result.
fn request_promise(request: &IdbRequest) -> Promise {
    let request = request.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        let ok_request = request.clone();
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_request.result().unwrap_or(JsValue::NULL),
            );
        });
        let err_request = request.clone();
        let on_err = Closure::once_into_js(move || {
            let error = err_request
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_ok.unchecked_ref()));
        request.set_onerror(Some(on_err.unchecked_ref()));
    })
}

/// Resolves when a transaction commits; rejects with its error (or our conflict) if it aborts.
fn transaction_promise(
    tx: &IdbTransaction,
    conflict: std::rc::Rc<std::cell::Cell<bool>>,
) -> Promise {
    let tx = tx.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let abort_tx = tx.clone();
        let reject_abort = reject.clone();
        let abort_conflict = conflict.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = if abort_conflict.get() {
                conflict_error()
            } else {
                abort_tx
                    .error()
                    .map(JsValue::from)
                    .unwrap_or_else(|| JsValue::from_str("aborted"))
            };
            let _ = reject_abort.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
        let _ = reject;
    })
}

fn conflict_error() -> JsValue {
    let error = js_sys::Error::new("the book changed in another tab");
    error.set_name("LiukeConflict");
    error.into()
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
            for store in RecordKind::ALL.iter().map(|k| k.store()).chain([META]) {
                if !existing.contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let blocked = Closure::<dyn FnMut()>::new(|| {});
        request.set_onblocked(Some(blocked.as_ref().unchecked_ref()));
        let result = JsFuture::from(request_promise(&request)).await;
        drop(on_upgrade);
        drop(blocked);
        let db: IdbDatabase = result.map_err(js_err)?.unchecked_into();
        let close_db = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || close_db.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Db { db })
    }

    fn stores() -> Array {
        RecordKind::ALL
            .iter()
            .map(|k| JsValue::from_str(k.store()))
            .chain([JsValue::from_str(META)])
            .collect()
    }

    fn transaction(&self, mode: IdbTransactionMode) -> Result<IdbTransaction, StorageError> {
        self.db
            .transaction_with_str_sequence_and_mode(&Self::stores(), mode)
            .map_err(js_err)
    }

    /// Loads the whole book in one read transaction. Records that do not parse are
    /// skipped and reported, so one bad record never costs the whole book.
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let meta = tx.object_store(META).map_err(js_err)?;
        let schema_version = get_number(&meta, SCHEMA)
            .await?
            .unwrap_or(CURRENT_VERSION as f64) as u32;
        if schema_version > CURRENT_VERSION {
            return Err(StorageError::Newer(schema_version));
        }
        let revision = get_number(&meta, REVISION).await?.unwrap_or(0.0);
        let next_id = get_number(&meta, NEXT_ID).await?.unwrap_or(1.0) as u64;
        let mut records = Vec::new();
        let mut skipped = Vec::new();
        let mut raw = Vec::new();
        for kind in RecordKind::ALL {
            let store = tx.object_store(kind.store()).map_err(js_err)?;
            let values: Array = JsFuture::from(request_promise(&store.get_all().map_err(js_err)?))
                .await
                .map_err(js_err)?
                .unchecked_into();
            let keys: Array =
                JsFuture::from(request_promise(&store.get_all_keys().map_err(js_err)?))
                    .await
                    .map_err(js_err)?
                    .unchecked_into();
            // One crossing into wasm per store: JSON text never holds a raw newline.
            let joined = values.join("\n").as_string().unwrap_or_default();
            for (index, line) in joined.split('\n').enumerate() {
                if line.is_empty() {
                    continue;
                }
                if schema_version < CURRENT_VERSION {
                    raw.push((kind, line.to_string()));
                    continue;
                }
                match Record::from_json(kind, line) {
                    Ok(record) => records.push(record),
                    Err(_) => skipped.push((kind, format!("{:?}", keys.get(index as u32)))),
                }
            }
        }
        if schema_version < CURRENT_VERSION {
            let book = migrate(raw, schema_version, next_id)?;
            self.replace_all(&book, revision).await?;
            return Ok(Loaded {
                book,
                revision: revision + 1.0,
                skipped,
            });
        }
        Ok(Loaded {
            book: Book::from_records(records, next_id),
            revision,
            skipped,
        })
    }

    /// Writes exactly the records a change touched, in one transaction, if and only if
    /// nobody wrote since `expected_revision`. Returns the new revision.
    pub async fn write(
        &self,
        change: &Change,
        expected_revision: f64,
    ) -> Result<f64, StorageError> {
        let change = change.clone();
        self.guarded_write(expected_revision, move |tx| {
            for key in &change.deletes {
                tx.object_store(key.kind.store())?
                    .delete(&JsValue::from_f64(key.id as f64))?;
            }
            for record in &change.puts {
                tx.object_store(record.kind().store())?.put_with_key(
                    &JsValue::from_str(&record.to_json()),
                    &JsValue::from_f64(record.id() as f64),
                )?;
            }
            tx.object_store(META)?
                .put_with_key(&JsValue::from_f64(change.next_id as f64), &NEXT_ID.into())?;
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
        let puts: Vec<(RecordKind, Vec<(u64, String)>)> = RecordKind::ALL
            .iter()
            .map(|kind| {
                let rows = book
                    .records(*kind)
                    .iter()
                    .map(|r| (r.id(), r.to_json()))
                    .collect();
                (*kind, rows)
            })
            .collect();
        let next_id = book.next_id();
        self.guarded_write(expected_revision, move |tx| {
            for (kind, rows) in &puts {
                let store = tx.object_store(kind.store())?;
                store.clear()?;
                for (id, json) in rows {
                    store.put_with_key(&JsValue::from_str(json), &JsValue::from_f64(*id as f64))?;
                }
            }
            let meta = tx.object_store(META)?;
            meta.put_with_key(&JsValue::from_f64(next_id as f64), &NEXT_ID.into())?;
            meta.put_with_key(&JsValue::from_f64(CURRENT_VERSION as f64), &SCHEMA.into())?;
            Ok(())
        })
        .await
    }

    /// Runs `writes` inside one readwrite transaction after checking the revision
    /// synchronously in the same transaction, then bumps the revision.
    async fn guarded_write<F>(&self, expected_revision: f64, writes: F) -> Result<f64, StorageError>
    where
        F: FnOnce(&IdbTransaction) -> Result<(), JsValue> + 'static,
    {
        let tx = self.transaction(IdbTransactionMode::Readwrite)?;
        let conflict = std::rc::Rc::new(std::cell::Cell::new(false));
        let done = transaction_promise(&tx, conflict.clone());
        let meta = tx.object_store(META).map_err(js_err)?;
        let request = meta.get(&REVISION.into()).map_err(js_err)?;
        let check_tx = tx.clone();
        let check_request = request.clone();
        let new_revision = expected_revision + 1.0;
        let on_revision = Closure::once_into_js(move || {
            let stored = check_request
                .result()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            if stored != expected_revision {
                conflict.set(true);
                let _ = check_tx.abort();
                return;
            }
            let result = writes(&check_tx).and_then(|_| {
                check_tx
                    .object_store(META)?
                    .put_with_key(&JsValue::from_f64(new_revision), &REVISION.into())
                    .map(|_| ())
            });
            if result.is_err() {
                let _ = check_tx.abort();
            }
        });
        request.set_onsuccess(Some(on_revision.unchecked_ref()));
        JsFuture::from(done).await.map_err(js_err)?;
        Ok(new_revision)
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

async fn get_number(store: &IdbObjectStore, key: &str) -> Result<Option<f64>, StorageError> {
    let value = JsFuture::from(request_promise(&store.get(&key.into()).map_err(js_err)?))
        .await
        .map_err(js_err)?;
    Ok(value.as_f64())
}

/// Runs the engine's migrations over records stored by an older version.
fn migrate(
    raw: Vec<(RecordKind, String)>,
    version: u32,
    next_id: u64,
) -> Result<Book, StorageError> {
    let mut value = serde_json::json!({
        "format": schema::FORMAT,
        "schema_version": version,
        "next_id": next_id,
    });
    for (kind, line) in raw {
        let row: serde_json::Value = serde_json::from_str(&line).unwrap_or(serde_json::Value::Null);
        if let Some(list) = value
            .as_object_mut()
            .map(|o| {
                o.entry(kind.store())
                    .or_insert_with(|| serde_json::Value::Array(vec![]))
            })
            .and_then(serde_json::Value::as_array_mut)
        {
            list.push(row);
        }
    }
    schema::read_book(value).map_err(|e| StorageError::Failed(e.to_string()))
}
