use crate::i18n::t;
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::sample::{sample_book, SampleSize};

/// Fills an empty book with a believable distributor's book, to try the app.
#[component]
pub fn SampleButtons() -> impl IntoView {
    let state = use_state();
    let load = move |size: SampleSize| {
        state.busy.set(true);
        spawn_local(async move {
            // Let the page show that it is busy before the generator takes the thread.
            gloo_timers_yield().await;
            let book = sample_book(size, state.calendar_today());
            match state.replace(book).await {
                Ok(()) => state.notice.set(Some(Notice::Saved("sample.loaded"))),
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
            state.busy.set(false);
        });
    };
    view! {
        <div class="actions sample">
            <button type="button" class="primary" data-sample="s" disabled=move || state.busy.get() on:click=move |_| load(SampleSize::S)>
                {t("sample.load_s")}
            </button>
            <button type="button" data-sample="m" disabled=move || state.busy.get() on:click=move |_| load(SampleSize::M)>
                {t("sample.load_m")}
            </button>
            <button type="button" data-sample="l" disabled=move || state.busy.get() on:click=move |_| load(SampleSize::L)>
                {t("sample.load_l")}
            </button>
            <Show when=move || state.busy.get()>
                <span class="busy" role="status">{t("sample.loading")}</span>
            </Show>
        </div>
    }
}

/// Resolves on the next macrotask, so the browser can paint first.
async fn gloo_timers_yield() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
