//! The team book's sync data on this device (see `liuke_engine::sync::pages`): in its own
//! store, keyed by page, sealed like the record pages when the book is locked (bound to
//! its key, so a page cannot be moved), and written in the same transaction as the change
//! it belongs to.

use super::{js_err, keys_and_values, lock, value_text, Cipher, Db, StorageError};
use liuke_engine::schema::CURRENT_VERSION;
use liuke_engine::sync::store::SyncStore;
use wasm_bindgen::JsValue;
use web_sys::{IdbTransaction, IdbTransactionMode};

pub(super) const SYNC: &str = "sync";

/// The place a sync page is bound to when sealed.
fn binding(key: &str) -> String {
    format!("liuke-sync\n{key}\nv{CURRENT_VERSION}")
}

/// The pages sealed with `cipher`, or as they are without one.
pub(super) async fn seal(
    cipher: Option<&Cipher>,
    pages: Vec<(String, Option<String>)>,
) -> Result<Vec<(String, Option<String>)>, StorageError> {
    if cipher.is_none() || pages.is_empty() {
        return Ok(pages);
    }
    let placed: Vec<lock::Placed> = pages
        .iter()
        .filter_map(|(key, json)| json.clone().map(|j| (j, Some(binding(key)))))
        .collect();
    let mut sealed = super::seal_placed(cipher, placed).await?.into_iter();
    Ok(pages
        .into_iter()
        .map(|(key, json)| (key, json.and_then(|_| sealed.next())))
        .collect())
}

/// Puts the pages into the sync store of a transaction (a `None` page is deleted).
pub(super) fn put_pages(
    tx: &IdbTransaction,
    pages: &[(String, Option<String>)],
) -> Result<(), JsValue> {
    if pages.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(SYNC)?;
    for (key, json) in pages {
        let key = JsValue::from_str(key);
        match json {
            Some(json) => store.put_with_key(&JsValue::from_str(json), &key)?,
            None => store.delete(&key)?,
        };
    }
    Ok(())
}

impl Db {
    /// The stored pages opened, as (key, JSON), with the keys of those that do not open
    /// with this connection's key (or are in the clear in a locked book).
    pub(super) async fn sync_texts(
        &self,
    ) -> Result<(Vec<(String, String)>, Vec<String>), StorageError> {
        let tx = self.transaction(IdbTransactionMode::Readonly)?;
        let store = tx.object_store(SYNC).map_err(js_err)?;
        let (keys, values) = keys_and_values(&store).await?;
        let mut plain = Vec::new();
        let mut sealed = Vec::new();
        let mut unreadable = Vec::new();
        for (key, value) in keys.iter().zip(values.iter()) {
            let key = key.as_string().unwrap_or_default();
            let text = value_text(&value);
            match (self.cipher(), lock::is_sealed(&text)) {
                (Some(_), true) => sealed.push((key, text)),
                (None, false) => plain.push((key, text)),
                _ => unreadable.push(key),
            }
        }
        if let Some(cipher) = self.cipher().filter(|_| !sealed.is_empty()) {
            let placed = sealed
                .iter()
                .map(|(key, text)| (text.clone(), Some(binding(key))))
                .collect();
            let opened = cipher.open_all(placed).await?;
            for ((key, _), json) in sealed.into_iter().zip(opened) {
                match json {
                    Some(json) => plain.push((key, json)),
                    None => unreadable.push(key),
                }
            }
        }
        Ok((plain, unreadable))
    }

    /// Writes sync pages that belong to no change of the book (the connection), sealed
    /// like the others, if nobody wrote since `expected_revision`.
    pub async fn write_sync(
        &self,
        pages: Vec<(String, Option<String>)>,
        expected_revision: f64,
    ) -> Result<f64, StorageError> {
        let pages = seal(self.cipher(), pages).await?;
        self.guarded_write(expected_revision, self.lock_guard(), move |tx| {
            put_pages(tx, &pages)
        })
        .await
    }

    /// Drops all of this device's sync data (it leaves its team database).
    pub async fn clear_sync(&self, expected_revision: f64) -> Result<f64, StorageError> {
        self.guarded_write(expected_revision, self.lock_guard(), |tx| {
            tx.object_store(SYNC)?.clear().map(|_| ())
        })
        .await
    }

    /// This device's sync data, and the keys of the pages that did not read (left on
    /// disk untouched until they are written again).
    pub async fn load_sync(&self) -> Result<(SyncStore, Vec<String>), StorageError> {
        let (texts, mut unreadable) = self.sync_texts().await?;
        let (store, bad) = SyncStore::from_pages(texts);
        unreadable.extend(bad);
        Ok((store, unreadable))
    }
}
