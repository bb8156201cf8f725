use crate::components::{AsOfBar, LangSwitch, LockScreen, NavBar, NoticeBar, SyncBadge, UpdateBar};
use crate::i18n::{t, I18n};
use crate::pages::*;
use crate::route::{route_signal, Route};
use crate::state::{AppState, Phase};
use crate::storage::prefs;
use leptos::prelude::*;
use liuke_engine::Date;

/// The date `?today=YYYY-MM-DD` in the address fixes, so that demos and tests see the
/// same agenda whatever the clock says.
fn fixed_today() -> Option<Date> {
    crate::as_of::date_in_address("today")
}

/// Today by this device's clock, in its time zone.
fn wall_today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Keeps `state`'s today on the wall clock: checked every minute and whenever the page
/// is shown again (a tablet's browser sleeps its timers overnight).
fn follow_the_clock(state: AppState) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let check = Closure::<dyn FnMut()>::new(move || state.set_today(wall_today()));
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        check.as_ref().unchecked_ref(),
        60_000,
    );
    if let Some(document) = window.document() {
        let _ = document
            .add_event_listener_with_callback("visibilitychange", check.as_ref().unchecked_ref());
    }
    // Lives as long as the page.
    check.forget();
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(prefs::initial_lang());
    let i18n = I18n { lang };
    provide_context(i18n);
    Effect::new(move || {
        let lang = lang.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&crate::i18n::text(lang, "app.title"));
        }
    });
    let fixed = fixed_today();
    let state = AppState::new(fixed.unwrap_or_else(wall_today));
    state.as_of.set(crate::as_of::from_address());
    if fixed.is_none() {
        follow_the_clock(state);
    }
    provide_context(state);
    state.start();
    crate::insight::provide_insight();
    crate::pool::recycle_on_open();
    crate::offline::provide_updates();
    let route = route_signal(move || {
        !crate::unsaved::pending()
            || crate::browser::confirm(&crate::i18n::text(lang.get_untracked(), "unsaved.leave"))
    });
    // A new page starts at its top, as after following a link on any site.
    Effect::new(move |previous: Option<Route>| {
        let now = route.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        now
    });
    provide_context(route);

    view! {
        <div class="app">
            <header class="topbar">
                <a class="brand" href="#/">
                    <span class="brand-mark" aria-hidden="true">"留"</span>
                    <span class="brand-name">{t("app.name")}</span>
                </a>
                <SyncBadge/>
                <LangSwitch/>
            </header>
            <NavBar route=route/>
            <main class="content" id="main">
                <UpdateBar/>
                <AsOfBar/>
                <NoticeBar/>
                {move || match state.phase.get() {
                    Phase::Loading => view! { <p class="loading" role="status">{t("app.loading")}</p> }.into_any(),
                    Phase::Locked => view! { <LockScreen/> }.into_any(),
                    Phase::Failed(error) => view! {
                        <section class="card error-card" role="alert">
                            <h1>{t("app.storage_failed")}</h1>
                            <p>{move || error.message(&i18n)}</p>
                        </section>
                    }.into_any(),
                    Phase::Ready => view! { <Page route=route/> }.into_any(),
                }}
            </main>
        </div>
    }
}

#[component]
fn Page(route: ReadSignal<Route>) -> impl IntoView {
    move || match route.get() {
        Route::Dashboard => view! { <DashboardPage/> }.into_any(),
        Route::Customers => view! { <CustomersPage/> }.into_any(),
        Route::Customer(id) => view! { <CustomerPage id=id/> }.into_any(),
        Route::CustomerLog(id, kind) => view! { <CustomerPage id=id log=kind/> }.into_any(),
        Route::Staff => view! { <StaffPage/> }.into_any(),
        Route::StaffMember(id) => view! { <StaffMemberPage id=id/> }.into_any(),
        Route::Register => view! { <RegisterPage/> }.into_any(),
        Route::CannotLose => view! { <RegisterPage cannot_lose=true/> }.into_any(),
        Route::Agenda => view! { <AgendaPage/> }.into_any(),
        Route::Rotation => view! { <RotationPage/> }.into_any(),
        Route::Winback => view! { <WinbackPage/> }.into_any(),
        Route::WinbackCase(id) => view! { <WinbackCasePage id=id/> }.into_any(),
        Route::WinbackReview => view! { <WinbackReviewPage/> }.into_any(),
        Route::Announcements => view! { <AnnouncementsPage/> }.into_any(),
        Route::Forgotten => view! { <ForgottenPage/> }.into_any(),
        Route::Pool => view! { <PoolPage/> }.into_any(),
        Route::Data => view! { <DataPage/> }.into_any(),
        Route::Settings => view! { <SettingsPage/> }.into_any(),
        Route::Conflicts => view! { <ConflictsPage/> }.into_any(),
    }
}
