use crate::i18n::t;
use crate::route::Route;
use leptos::prelude::*;

const SECTIONS: [(Route, &str); 12] = [
    (Route::Dashboard, "nav.dashboard"),
    (Route::Register, "nav.register"),
    (Route::CannotLose, "nav.cannot_lose"),
    (Route::Customers, "nav.customers"),
    (Route::Pool, "nav.pool"),
    (Route::Staff, "nav.staff"),
    (Route::Agenda, "nav.agenda"),
    (Route::Rotation, "nav.rotation"),
    (Route::Winback, "nav.winback"),
    (Route::Announcements, "nav.announcements"),
    (Route::Data, "nav.data"),
    (Route::Settings, "nav.settings"),
];

#[component]
pub fn NavBar(route: ReadSignal<Route>) -> impl IntoView {
    view! {
        <nav class="nav" aria-label=t("nav.label")>
            <ul>
                {SECTIONS
                    .into_iter()
                    .map(|(target, key)| {
                        let current = move || route.get().section() == target;
                        view! {
                            <li>
                                <a
                                    href=target.href()
                                    class:active=current
                                    aria-current=move || current().then_some("page")
                                >
                                    {t(key)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
