//! The service worker that lets the app start with no network, and the consent step
//! before a new version takes over (a reload the user did not ask for could lose input).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a new version is installed and waiting for the user's consent.
#[derive(Clone, Copy)]
pub struct Updates {
    pub ready: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

pub fn use_updates() -> Updates {
    expect_context::<Updates>()
}

pub fn provide_updates() -> Updates {
    let updates = Updates {
        ready: RwSignal::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(updates);
    leptos::task::spawn_local(async move {
        if let Err(e) = register(updates).await {
            web_sys::console::warn_1(&e);
        }
    });
    updates
}

async fn register(updates: Updates) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into())? {
        return Ok(());
    }
    let container = navigator.service_worker();
    let registration: ServiceWorkerRegistration = JsFuture::from(container.register("./sw.js"))
        .await?
        .unchecked_into();
    let has_controller = move || {
        web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some())
    };
    if registration.waiting().is_some() && has_controller() {
        updates.ready.set(true);
    }
    let watched = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = watched.installing() else {
            return;
        };
        let installing = worker.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if installing.state() == ServiceWorkerState::Installed && has_controller() {
                updates.ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    updates.registration.set_value(Some(registration));
    Ok(())
}

impl Updates {
    /// Lets the waiting version take over and reloads once it has.
    pub fn apply(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let container = window.navigator().service_worker();
        let reload = Closure::<dyn FnMut()>::new(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
        match waiting {
            Some(worker) => {
                let _ = worker.post_message(&"skip-waiting".into());
            }
            None => {
                let _ = window.location().reload();
            }
        }
    }
}
