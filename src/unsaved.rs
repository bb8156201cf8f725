//! Typed input not saved yet (issue 18.5, "nothing typed is lost"): while a record's form
//! (a log form, an entry being edited, the customer, staff or announcement form) holds
//! some, going to another page, reloading or closing the tab
//! asks first, as the browser does for any page that says so. A save, or the form going
//! away, ends it. A win-back case keeps its draft in memory when its page is left, so
//! only a reload or closing the tab asks for it.

use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    static TYPED: Cell<bool> = const { Cell::new(false) };
    static DRAFTS: Cell<bool> = const { Cell::new(false) };
}

/// Something was typed into a form and not saved.
pub fn typed() {
    TYPED.set(true);
}

/// What was typed is saved, or its form is gone.
pub fn settled() {
    TYPED.set(false);
}

/// Typed input that leaving this page would lose.
pub fn pending() -> bool {
    TYPED.get()
}

/// Whether drafts kept for the session (not written anywhere) exist: a reload loses them.
pub fn drafts_kept(any: bool) {
    DRAFTS.set(any);
}

/// Asks before the page unloads while something typed is not saved. Once, at start.
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let ask = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        if pending() || DRAFTS.get() {
            event.prevent_default();
            // Older engines ask only when a return value is set.
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"".into());
        }
    });
    let _ = window.add_event_listener_with_callback("beforeunload", ask.as_ref().unchecked_ref());
    ask.forget();
}
