use crate::i18n::t;
use crate::route::{navigate, Route};
use crate::state::{use_state, Notice};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::{winback, CustomerId, WinbackId};

/// "发起挽回": opens a win-back case for a lost or leaving customer and goes to it.
#[component]
pub fn OpenWinback(customer: CustomerId) -> impl IntoView {
    let state = use_state();
    let start = move |_| {
        let command = state
            .book
            .with_untracked(|b| winback::open(b, customer, state.today()));
        let command = match command {
            Ok(c) => c,
            Err(e) => return state.notice.set(Some(Notice::Error(e.into()))),
        };
        spawn_local(async move {
            match state.dispatch(command).await {
                Ok(change) => {
                    if let Some(key) = change.created {
                        navigate(Route::WinbackCase(WinbackId(key.id)));
                    }
                }
                Err(e) => state.notice.set(Some(Notice::Error(e))),
            }
        });
    };
    view! {
        <button type="button" class="primary small open-winback" on:click=start>{t("winback.open")}</button>
    }
}
