//! Locking a locked book again after the device has been left alone: a tablet left on a
//! desk or lost while the app is open should not stay open.

use super::{AppState, Phase};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How often idleness is checked. Timers are throttled in hidden tabs, so the check
/// compares wall-clock times rather than counting ticks.
const CHECK_EVERY_MS: i32 = 15_000;
const ACTIVITY: [&str; 4] = ["pointerdown", "keydown", "wheel", "touchstart"];

impl AppState {
    /// Watches for input and locks once `minutes` pass without any.
    /// Does nothing while no passphrase lock is set.
    pub fn lock_when_idle(self, minutes: RwSignal<u32>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let last_active = StoredValue::new(js_sys::Date::now());
        let on_activity = Closure::<dyn FnMut()>::new(move || {
            last_active.set_value(js_sys::Date::now());
        });
        for event in ACTIVITY {
            let _ = window
                .add_event_listener_with_callback(event, on_activity.as_ref().unchecked_ref());
        }
        on_activity.forget();
        let check = Closure::<dyn FnMut()>::new(move || {
            let limit = f64::from(minutes.get_untracked()) * 60_000.0;
            let idle = js_sys::Date::now() - last_active.get_value();
            let open = self.phase.get_untracked() == Phase::Ready && self.lock_on.get_untracked();
            if open && limit > 0.0 && idle >= limit {
                self.lock_now();
            }
            if !open {
                last_active.set_value(js_sys::Date::now());
            }
        });
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            check.as_ref().unchecked_ref(),
            CHECK_EVERY_MS,
        );
        // A tablet waking up shows the page before the next tick: check at once.
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                check.as_ref().unchecked_ref(),
            );
        }
        check.forget();
    }
}
