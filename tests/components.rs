//! Components in a real browser: they render translated text and react to input.
#![cfg(target_arch = "wasm32")]
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use leptos::prelude::*;
use liuke::components::{LangSwitch, StatTile};
use liuke::i18n::{I18n, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_the_language() {
    let root = container();
    let lang = RwSignal::new(Lang::Zh);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n { lang });
        view! { <LangSwitch/> }
    });
    let buttons = root.query_selector_all("button").expect("buttons");
    assert_eq!(buttons.length(), 2);
    let english: web_sys::HtmlElement = root
        .query_selector("button[lang='en']")
        .expect("query")
        .expect("english button")
        .unchecked_into();
    assert_eq!(
        english.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    english.click();
    next_tick().await;
    assert_eq!(lang.get_untracked(), Lang::En);
    assert_eq!(
        english.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_stat_tile_shows_text_as_text() {
    let root = container();
    let value = RwSignal::new("<img src=x onerror=alert(1)>".to_string());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <StatTile label="客户".to_string() value=value/> }
    });
    let shown = root
        .query_selector(".stat-value")
        .expect("query")
        .expect("value");
    assert_eq!(
        shown.text_content().as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
    assert!(root.query_selector("img").expect("query").is_none());
    value.set("¥1,234.50".into());
    next_tick().await;
    assert_eq!(shown.text_content().as_deref(), Some("¥1,234.50"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn kind_chips_pick_one_kind() {
    use liuke::components::KindChips;
    use liuke_engine::InteractionKind;
    let root = container();
    let kind = RwSignal::new(InteractionKind::Visit);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n {
            lang: RwSignal::new(Lang::Zh),
        });
        view! { <KindChips value=kind options=InteractionKind::ALL.to_vec() prefix="interaction"/> }
    });
    let call: web_sys::HtmlElement = root
        .query_selector("button[data-kind='call']")
        .expect("query")
        .expect("call chip")
        .unchecked_into();
    assert_eq!(call.text_content().as_deref(), Some("电话"));
    call.click();
    next_tick().await;
    assert_eq!(kind.get_untracked(), InteractionKind::Call);
    assert_eq!(call.get_attribute("aria-checked").as_deref(), Some("true"));
    let checked = root
        .query_selector_all("[aria-checked='true']")
        .expect("query")
        .length();
    assert_eq!(checked, 1);
    drop(handle);
}

/// The panic hook's announcement reaches the page, where the recovery script listens.
#[wasm_bindgen_test]
fn a_panic_is_announced_to_the_page_with_its_message() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let heard: Rc<RefCell<Option<String>>> = Rc::default();
    let sink = heard.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            *sink.borrow_mut() = e.detail().as_string();
        });
    let window = web_sys::window().expect("window");
    window
        .add_event_listener_with_callback("liuke-panic", listener.as_ref().unchecked_ref())
        .expect("listen");
    liuke::announce_panic("panicked at src/engine.rs:1:1: boom");
    window
        .remove_event_listener_with_callback("liuke-panic", listener.as_ref().unchecked_ref())
        .expect("unlisten");
    assert_eq!(
        heard.borrow().as_deref(),
        Some("panicked at src/engine.rs:1:1: boom")
    );
}
