//! Asks the browser to keep the book (not evict it under storage pressure) and reports
//! how much space it uses.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageInfo {
    /// `None` when the browser cannot say.
    pub persisted: Option<bool>,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    storage.dyn_into::<web_sys::StorageManager>().ok()
}

/// Requests persistence; the browser may grant it silently, ask, or refuse.
pub async fn request_persistence() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

pub async fn info() -> StorageInfo {
    let Some(manager) = manager() else {
        return StorageInfo::default();
    };
    let persisted = match manager.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let (usage_bytes, quota_bytes) = match manager.estimate() {
        Ok(p) => match JsFuture::from(p).await {
            Ok(estimate) => {
                let get = |k: &str| {
                    js_sys::Reflect::get(&estimate, &k.into())
                        .ok()
                        .and_then(|v| v.as_f64())
                };
                (get("usage"), get("quota"))
            }
            Err(_) => (None, None),
        },
        Err(_) => (None, None),
    };
    StorageInfo {
        persisted,
        usage_bytes,
        quota_bytes,
    }
}
