//! Live team sync: while the book is open, one tab of this device (the one holding the
//! browser's `liuke-sync` lock) sends each change as it is made and waits on the team
//! database for the others' changes; offline or on an error it backs off and tries
//! again, and a change made meanwhile goes out when the network returns.

use super::{AppState, Phase, SyncProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::sync::connection::Fault;
use liuke_engine::sync::store::SyncStore;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The longest wait between tries after errors.
const MAX_BACKOFF_MS: u32 = 60_000;
/// How often a waiting loop looks again at what it waits for.
const TICK_MS: u32 = 250;

/// What the header says about team sync.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncState {
    /// No team database, or this device has not joined it yet.
    Off,
    /// Another tab of this device runs the sync.
    OtherTab,
    /// Sent and received as of the last round; waiting on the server for news.
    Synced,
    Syncing,
    /// The browser says there is no network.
    Offline,
    /// The password is not kept on this device and was not given this session.
    NeedsPassword,
    Failed(SyncProblem),
}

/// Waits `ms`, or less once `wake` returns true.
async fn nap(ms: u32, wake: impl Fn() -> bool) {
    let mut left = ms;
    while left > 0 && !wake() {
        let step = left.min(TICK_MS);
        sleep(step).await;
        left -= step;
    }
}

pub(super) async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

impl AppState {
    /// Starts the sync loop in this tab once it holds the browser's sync lock (at once
    /// where the browser has no locks); until then, another tab runs it.
    pub fn start_live_sync(self) {
        // Going off or on line cuts short whatever the loop waits for.
        if let Some(window) = web_sys::window() {
            for event in ["online", "offline"] {
                let wake = Closure::<dyn FnMut()>::new(move || self.wake_sync());
                let _ =
                    window.add_event_listener_with_callback(event, wake.as_ref().unchecked_ref());
                wake.forget();
            }
        }
        let run = move || spawn_local(self.sync_loop());
        let locks = web_sys::window()
            .map(|w| w.navigator())
            .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()).ok())
            .filter(|l| !l.is_undefined() && !l.is_null());
        let request = locks.as_ref().and_then(|l| {
            js_sys::Reflect::get(l, &"request".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()
        });
        let (Some(locks), Some(request)) = (locks, request) else {
            run();
            return;
        };
        self.sync_state.set(SyncState::OtherTab);
        // Held for as long as this page lives: the promise never settles.
        let granted = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            run();
            js_sys::Promise::new(&mut |_, _| {}).into()
        });
        let _ = request.call2(&locks, &"liuke-sync".into(), &granted);
    }

    /// Cuts short the live pull's wait (and a back-off): there is something to send.
    pub fn wake_sync(self) {
        self.wake.with_value(|w| {
            if let Some(controller) = w {
                controller.abort();
            }
        });
    }

    fn woken(self) -> bool {
        self.wake
            .with_value(|w| w.as_ref().is_some_and(|c| c.signal().aborted()))
    }

    async fn sync_loop(self) {
        let mut backoff = 0u32;
        loop {
            self.wake.set_value(web_sys::AbortController::new().ok());
            let joined = self.sync.with_value(SyncStore::device);
            let connection = self.connection.get_untracked();
            let (Some(device), Some(connection)) = (joined, connection) else {
                self.set_sync_state(SyncState::Off);
                nap(1_000, || self.woken()).await;
                continue;
            };
            if self.phase.get_untracked() != Phase::Ready || self.sync_held.get_value() {
                nap(1_000, || self.woken()).await;
                continue;
            }
            let Some(password) = self.sync_password() else {
                self.set_sync_state(SyncState::NeedsPassword);
                nap(1_000, || self.woken()).await;
                continue;
            };
            if !online() {
                self.set_sync_state(SyncState::Offline);
                nap(1_000, || online() || self.woken()).await;
                continue;
            }
            if !matches!(self.sync_state.get_untracked(), SyncState::Synced) {
                self.set_sync_state(SyncState::Syncing);
            }
            let wake = self
                .wake
                .with_value(|w| w.as_ref().map(web_sys::AbortController::signal));
            self.syncing.set(true);
            let result = match self.send_round(&connection, &password, device).await {
                Ok(_) => {
                    // Everything is out; from here the server is asked to say when
                    // there is news.
                    self.set_sync_state(SyncState::Synced);
                    self.pull_round(&connection, &password, device, wake.as_ref())
                        .await
                }
                Err(problem) => Err(problem),
            };
            self.syncing.set(false);
            match result {
                Ok(_) | Err(SyncProblem::Woken) => {
                    backoff = 0;
                    self.set_sync_state(SyncState::Synced);
                }
                Err(SyncProblem::Fault(Fault::WrongPassword)) => {
                    self.last_sync_error
                        .set(Some(SyncProblem::Fault(Fault::WrongPassword)));
                    self.refuse_password(&password);
                    self.set_sync_state(SyncState::NeedsPassword);
                }
                Err(problem) => {
                    let offline = !online();
                    self.last_sync_error.set(Some(problem.clone()));
                    self.set_sync_state(if offline {
                        SyncState::Offline
                    } else {
                        SyncState::Failed(problem)
                    });
                    backoff = (backoff.saturating_mul(2)).clamp(1_000, MAX_BACKOFF_MS);
                    nap(backoff, || self.woken() || (offline && online())).await;
                }
            }
        }
    }

    fn set_sync_state(self, state: SyncState) {
        if self.sync_state.get_untracked() != state {
            self.sync_state.set(state);
        }
    }
}
