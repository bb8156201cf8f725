//! Liuke in the browser: a thin shell that shows the engine's book and turns user
//! actions into engine commands.

pub mod app;
pub mod as_of;
pub mod browser;
pub mod components;
pub mod csv_file;
pub mod errors;
pub mod forms;
pub mod i18n;
pub mod insight;
pub mod offline;
pub mod pages;
pub mod pool;
pub mod route;
pub mod state;
pub mod storage;
pub mod sync;
pub mod unsaved;

/// Mounts the app on the page.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        announce_panic(&info.to_string());
    }));
    unsaved::install();
    leptos::mount::mount_to_body(app::App);
}

/// Tells the page's recovery script (`public/recover.js`) that the app is stopping: a
/// release build aborts on a panic, and the page would otherwise freeze as it was.
pub fn announce_panic(message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&wasm_bindgen::JsValue::from_str(message));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("liuke-panic", &init) {
        let _ = window.dispatch_event(&event);
    }
}
