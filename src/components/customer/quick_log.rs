use crate::components::{
    ComplaintForm, ContactForm, InteractionForm, KeyDateForm, OrderForm, SignalForm, SurveyForm,
};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use liuke_engine::CustomerId;

const MODES: [&str; 7] = [
    "interaction",
    "order",
    "complaint",
    "survey",
    "signal",
    "key_date",
    "contact",
];

/// Logging what just happened, one tap to pick what, one to save.
#[component]
pub fn QuickLog(customer: CustomerId) -> impl IntoView {
    let i18n = use_i18n();
    let mode = RwSignal::new("interaction");
    view! {
        <div class="card quick-log">
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
