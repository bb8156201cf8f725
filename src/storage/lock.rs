//! The passphrase lock: the book's pages are encrypted at rest with AES-GCM under a key
//! derived from the passphrase by PBKDF2-SHA-256, all by the browser's WebCrypto. The
//! key is never stored and cannot be exported; without the passphrase the pages are
//! unreadable, which is the point, and also why a forgotten passphrase cannot be helped.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use js_sys::{Array, Promise, Reflect, Uint8Array};
use liuke_engine::interchange::backup::SealedBackup;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA256: about half a second on a tablet.
pub const ITERATIONS: u32 = 600_000;
/// A passphrase shorter than this is refused when set.
pub const MIN_PASSPHRASE: usize = 8;
/// Encrypted pages start with this; JSON never does.
const SEALED: char = '~';
/// Texts sealed bound to where they belong start with this (`:` is not base64): the
/// additional data authenticated with them names their place (see [`page_binding`]).
/// A text with only `SEALED` was sealed before binding, by an earlier version.
const BOUND: &str = "~:";
const IV_LEN: usize = 12;
const CHECK_TEXT: &str = "liuke-lock-v1";

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LockError {
    /// WebCrypto is missing: the page is not served over HTTPS (or localhost).
    #[error("WebCrypto is not available")]
    Unavailable,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("passphrase too short")]
    TooShort,
    #[error("the two passphrases differ")]
    Mismatch,
    /// A page that does not decrypt: damaged on disk.
    #[error("a page does not decrypt")]
    Damaged,
    #[error("{0}")]
    Failed(String),
}

/// What is stored about the lock: how to derive the key again, and a sealed known text
/// that tells a wrong passphrase from a damaged page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LockMeta {
    pub iterations: u32,
    pub salt: String,
    pub check: String,
}

/// The derived key; cloning shares the same browser key object. It remembers which
/// lock it was derived for (the lock record's sealed check text, unique to each lock),
/// so storage can tell when another tab has changed or removed the lock since.
#[derive(Clone, Debug)]
pub struct Cipher {
    key: CryptoKey,
    lock: String,
}

fn subtle() -> Result<SubtleCrypto, LockError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(LockError::Unavailable)?;
    let subtle = crypto.subtle();
    if subtle.is_undefined() || subtle.is_null() {
        return Err(LockError::Unavailable);
    }
    Ok(subtle)
}

fn failed(e: JsValue) -> LockError {
    LockError::Failed(format!("{e:?}"))
}

fn random_bytes<const N: usize>() -> Result<[u8; N], LockError> {
    let mut bytes = [0u8; N];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(LockError::Unavailable)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(failed)?;
    Ok(bytes)
}

/// Whether a stored page is sealed.
pub fn is_sealed(page: &str) -> bool {
    page.starts_with(SEALED)
}

/// Whether a sealed text is bound to its place (sealed by this version).
pub fn is_bound(sealed: &str) -> bool {
    sealed.starts_with(BOUND)
}

/// The place a page belongs: its store, its number and the schema version it was
/// written in. Authenticated with the page, so a page moved to another store or number,
/// or read as another version, does not open.
pub fn page_binding(store: &str, number: u64, schema: u32) -> String {
    format!("liuke-page\n{store}\n{number}\nv{schema}")
}

/// A text to seal or open, with the place it is bound to (`None`: unbound, as the lock
/// record's check text and pages sealed by earlier versions are).
pub type Placed = (String, Option<String>);

impl Cipher {
    async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<Cipher, LockError> {
        let subtle = subtle()?;
        let raw = Uint8Array::from(passphrase.as_bytes());
        let base: CryptoKey = JsFuture::from(
            subtle
                .import_key_with_str(
                    "raw",
                    &raw,
                    "PBKDF2",
                    false,
                    &Array::of1(&"deriveKey".into()),
                )
                .map_err(failed)?,
        )
        .await
        .map_err(failed)?
        .unchecked_into();
        let params = Pbkdf2Params::new(
            "PBKDF2",
            &"SHA-256".into(),
            iterations,
            &Uint8Array::from(salt),
        );
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let key: CryptoKey = JsFuture::from(
            subtle
                .derive_key_with_object_and_object(
                    &params,
                    &base,
                    &AesDerivedKeyParams::new("AES-GCM", 256),
                    false,
                    &usages,
                )
                .map_err(failed)?,
        )
        .await
        .map_err(failed)?
        .unchecked_into();
        Ok(Cipher {
            key,
            lock: String::new(),
        })
    }

    /// Which lock this key belongs to: the `check` of its lock record.
    pub fn lock_id(&self) -> &str {
        &self.lock
    }

    /// A new key for `passphrase` with a fresh salt, and what to store about it.
    pub async fn create(passphrase: &str, confirm: &str) -> Result<(Cipher, LockMeta), LockError> {
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(LockError::TooShort);
        }
        if passphrase != confirm {
            return Err(LockError::Mismatch);
        }
        let salt = random_bytes::<16>()?;
        let mut cipher = Cipher::derive(passphrase, &salt, ITERATIONS).await?;
        let check = cipher.seal(CHECK_TEXT).await?;
        cipher.lock.clone_from(&check);
        let meta = LockMeta {
            iterations: ITERATIONS,
            salt: B64.encode(salt),
            check,
        };
        Ok((cipher, meta))
    }

    /// The key for `passphrase` if it is the one the lock was set with.
    pub async fn unlock(passphrase: &str, meta: &LockMeta) -> Result<Cipher, LockError> {
        let salt = B64.decode(&meta.salt).map_err(|_| LockError::Damaged)?;
        let mut cipher = Cipher::derive(passphrase, &salt, meta.iterations).await?;
        cipher.lock = meta.check.clone();
        match cipher.open_one(&meta.check).await {
            Ok(text) if text == CHECK_TEXT => Ok(cipher),
            _ => Err(LockError::WrongPassphrase),
        }
    }

    fn params(iv: &[u8], place: Option<&str>) -> AesGcmParams {
        let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
        if let Some(place) = place {
            params.set_additional_data(&Uint8Array::from(place.as_bytes()));
        }
        params
    }

    fn encrypt_promise(
        &self,
        plain: &str,
        iv: &[u8; IV_LEN],
        place: Option<&str>,
    ) -> Result<Promise, LockError> {
        subtle()?
            .encrypt_with_object_and_js_u8_array(
                &Self::params(iv, place),
                &self.key,
                &Uint8Array::from(plain.as_bytes()),
            )
            .map_err(failed)
    }

    /// A bound text opens only with its place; an unbound one only without.
    fn decrypt_promise(&self, sealed: &str, place: Option<&str>) -> Result<Promise, LockError> {
        let (body, place) = match sealed.strip_prefix(BOUND) {
            Some(body) => (body, Some(place.ok_or(LockError::Damaged)?)),
            None => (sealed.trim_start_matches(SEALED), None),
        };
        let bytes = B64.decode(body).map_err(|_| LockError::Damaged)?;
        if bytes.len() < IV_LEN {
            return Err(LockError::Damaged);
        }
        let (iv, body) = bytes.split_at(IV_LEN);
        subtle()?
            .decrypt_with_object_and_js_u8_array(
                &Self::params(iv, place),
                &self.key,
                &Uint8Array::from(body),
            )
            .map_err(failed)
    }

    pub async fn seal(&self, plain: &str) -> Result<String, LockError> {
        let mut sealed = self.seal_all(vec![(plain.to_string(), None)]).await?;
        sealed.pop().ok_or(LockError::Damaged)
    }

    async fn open_one(&self, sealed: &str) -> Result<String, LockError> {
        let mut opened = self.open_all(vec![(sealed.to_string(), None)]).await?;
        opened.pop().flatten().ok_or(LockError::Damaged)
    }

    /// Seals every text at once, each bound to its place if it has one: one wait for
    /// the browser, however many pages.
    pub async fn seal_all(&self, plain: Vec<Placed>) -> Result<Vec<String>, LockError> {
        let mut ivs = Vec::with_capacity(plain.len());
        let promises = Array::new();
        for (text, place) in &plain {
            let iv = random_bytes::<IV_LEN>()?;
            promises.push(&JsValue::from(self.encrypt_promise(
                text,
                &iv,
                place.as_deref(),
            )?));
            ivs.push(iv);
        }
        let results: Array = JsFuture::from(Promise::all(&promises))
            .await
            .map_err(failed)?
            .unchecked_into();
        let mut out = Vec::with_capacity(plain.len());
        for ((iv, result), (_, place)) in ivs.iter().zip(results.iter()).zip(&plain) {
            let body = Uint8Array::new(&result).to_vec();
            let mut bytes = iv.to_vec();
            bytes.extend(body);
            let prefix = if place.is_some() {
                BOUND.to_string()
            } else {
                SEALED.to_string()
            };
            out.push(format!("{prefix}{}", B64.encode(bytes)));
        }
        Ok(out)
    }

    /// Opens every sealed text at once; a text that does not decrypt (damaged on disk,
    /// or moved from its place) gives `None` in its place, so one bad page never costs
    /// the rest.
    pub async fn open_all(&self, sealed: Vec<Placed>) -> Result<Vec<Option<String>>, LockError> {
        let promises = Array::new();
        for (text, place) in &sealed {
            match self.decrypt_promise(text, place.as_deref()) {
                Ok(p) => promises.push(&JsValue::from(p)),
                Err(LockError::Damaged) => {
                    promises.push(&JsValue::from(Promise::reject(&JsValue::NULL)))
                }
                Err(e) => return Err(e),
            };
        }
        let results: Array = JsFuture::from(Promise::all_settled(&promises))
            .await
            .map_err(failed)?
            .unchecked_into();
        Ok(results
            .iter()
            .map(|r| {
                let value = Reflect::get(&r, &"value".into()).ok()?;
                if !value.is_instance_of::<js_sys::ArrayBuffer>() {
                    return None;
                }
                String::from_utf8(Uint8Array::new(&value).to_vec()).ok()
            })
            .collect())
    }
}

/// The place an encrypted backup's book is bound to.
const BACKUP_PLACE: &str = "liuke-backup";

impl Cipher {
    /// An encrypted backup of `text` (a plain backup's text) under this key, with what
    /// the lock record says about deriving it, so the passphrase opens it on any device.
    pub async fn seal_backup(
        &self,
        meta: &LockMeta,
        text: String,
        today: liuke_engine::Date,
    ) -> Result<String, LockError> {
        let mut sealed = self
            .seal_all(vec![(text, Some(BACKUP_PLACE.to_string()))])
            .await?;
        let book = sealed.pop().ok_or(LockError::Damaged)?;
        Ok(SealedBackup::new(
            meta.iterations,
            meta.salt.clone(),
            meta.check.clone(),
            today,
            book,
        )
        .to_json())
    }

    /// The plain backup text inside an encrypted backup, if `passphrase` is its own.
    pub async fn open_backup(passphrase: &str, sealed: &SealedBackup) -> Result<String, LockError> {
        let meta = LockMeta {
            iterations: sealed.iterations,
            salt: sealed.salt.clone(),
            check: sealed.check.clone(),
        };
        let cipher = Cipher::unlock(passphrase, &meta).await?;
        let mut opened = cipher
            .open_all(vec![(sealed.book.clone(), Some(BACKUP_PLACE.to_string()))])
            .await?;
        opened.pop().flatten().ok_or(LockError::Damaged)
    }
}

/// Reads the stored lock record.
pub fn meta_from_js(value: &JsValue) -> Option<LockMeta> {
    value
        .as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
}

pub fn meta_to_js(meta: &LockMeta) -> JsValue {
    JsValue::from_str(&serde_json::to_string(meta).unwrap_or_default())
}
