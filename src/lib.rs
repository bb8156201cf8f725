//! Liuke in the browser: a thin shell that shows the engine's book and turns user
//! actions into engine commands.

pub mod app;
pub mod components;
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

/// Mounts the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
