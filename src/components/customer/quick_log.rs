use crate::components::{
    ComplaintForm, ContactForm, InteractionForm, KeyDateForm, OrderForm, SignalForm, SurveyForm,
};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use liuke_engine::{CustomerId, RecordKind};

const MODES: [&str; 7] = [
    "interaction",
    "order",
    "complaint",
    "survey",
    "signal",
    "key_date",
    "contact",
];

/// What a rep logs most at the customer's site: the bar at the foot of a tablet's screen
/// offers these wherever the page is scrolled to (issue 18.3).
const BAR: [&str; 3] = ["interaction", "order", "complaint"];

/// The form for a kind of record, if the quick log has one.
fn mode_of(kind: RecordKind) -> Option<&'static str> {
    Some(match kind {
        RecordKind::Interaction => "interaction",
        RecordKind::Order => "order",
        RecordKind::Complaint => "complaint",
        RecordKind::Survey => "survey",
        RecordKind::Signal => "signal",
        RecordKind::KeyDate => "key_date",
        RecordKind::Contact => "contact",
        _ => return None,
    })
}

/// Logging what just happened, one tap to pick what, one to save. With `start` (from an
/// agenda entry's "去记录") it opens on that form, in view.
#[component]
pub fn QuickLog(
    customer: CustomerId,
    #[prop(default = None)] start: Option<RecordKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    let opened = start.and_then(mode_of);
    let mode = RwSignal::new(opened.unwrap_or("interaction"));
    let card = NodeRef::<leptos::html::Div>::new();
    if opened.is_some() {
        Effect::new(move |_| {
            if let Some(el) = card.get() {
                el.scroll_into_view();
            }
        });
    }
    // Gone with the page: nothing left here to lose.
    on_cleanup(crate::unsaved::settled);
    // Opens a form from the bar: the card comes into view with its first field ready.
    let open = move |m: &'static str| {
        mode.set(m);
        request_animation_frame(move || {
            let Some(el) = card.get_untracked() else {
                return;
            };
            el.scroll_into_view();
            if let Ok(Some(first)) =
                el.query_selector(".tabs ~ * input, .tabs ~ * select, .tabs ~ * textarea")
            {
                if let Ok(first) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(first) {
                    let _ = first.focus();
                }
            }
        });
    };
    let bar = view! {
        <nav class="log-bar" aria-label=move || i18n.t("log.title")>
            <span class="log-bar-title">{move || i18n.t("log.title")}</span>
            {BAR.into_iter().map(|m| {
                let key = format!("log.{m}");
                view! { <button type="button" data-open=m on:click=move |_| open(m)>{move || i18n.t(&key)}</button> }
            }).collect_view()}
        </nav>
    };
    view! {
        {bar}
        <div class="card quick-log" node_ref=card data-mode=move || mode.get()
            on:input=move |_| crate::unsaved::typed()>
            <div class="tabs" role="tablist" aria-label=move || i18n.t("log.title")>
                {MODES.into_iter().map(|m| {
                    let key = format!("log.{m}");
                    view! {
                        <button type="button" role="tab" data-log=m aria-selected=move || (mode.get() == m).to_string()
                            on:click=move |_| mode.set(m)>{move || i18n.t(&key)}</button>
                    }
                }).collect_view()}
            </div>
            {move || match mode.get() {
                "order" => view! { <OrderForm customer=customer/> }.into_any(),
                "complaint" => view! { <ComplaintForm customer=customer/> }.into_any(),
                "survey" => view! { <SurveyForm customer=customer/> }.into_any(),
                "signal" => view! { <SignalForm customer=customer/> }.into_any(),
                "key_date" => view! { <KeyDateForm customer=customer/> }.into_any(),
                "contact" => view! { <ContactForm customer=customer/> }.into_any(),
                _ => view! { <InteractionForm customer=customer/> }.into_any(),
            }}
        </div>
    }
}
