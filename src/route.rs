//! Hash routes ("#/customers/12"): they work from any static host and any sub-path with
//! no server rewrite rules, and survive a reload.

use leptos::prelude::*;
use liuke_engine::{CustomerId, RecordKind, StaffId, WinbackId};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Customers,
    Customer(CustomerId),
    /// A customer's page opened on its log form for this kind of record ("去记录").
    CustomerLog(CustomerId, RecordKind),
    Staff,
    StaffMember(StaffId),
    Register,
    CannotLose,
    Agenda,
    Rotation,
    Winback,
    WinbackCase(WinbackId),
    WinbackReview,
    Announcements,
    Forgotten,
    Pool,
    Data,
    Settings,
    /// The team book's conflicts to settle.
    Conflicts,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        // A page's own state (a list's filters) follows `?`; it is not part of the route.
        let hash = hash.split('?').next().unwrap_or_default();
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let first = parts.next().unwrap_or("");
        let id = parts.next().and_then(|p| p.parse::<u64>().ok());
        match (first, id) {
            ("customers", Some(id)) => {
                let log = match (parts.next(), parts.next()) {
                    (Some("log"), Some(store)) => {
                        RecordKind::ALL.into_iter().find(|k| k.store() == store)
                    }
                    _ => None,
                };
                match log {
                    Some(kind) => Route::CustomerLog(CustomerId(id), kind),
                    None => Route::Customer(CustomerId(id)),
                }
            }
            ("customers", None) => Route::Customers,
            ("staff", Some(id)) => Route::StaffMember(StaffId(id)),
            ("staff", None) => Route::Staff,
            ("risk", Some(_)) => Route::Register,
            ("risk", None) if path.ends_with("cannot-lose") => Route::CannotLose,
            ("risk", None) => Route::Register,
            ("agenda", _) => Route::Agenda,
            ("rotation", _) => Route::Rotation,
            ("winback", Some(id)) => Route::WinbackCase(WinbackId(id)),
            ("winback", None) if path.ends_with("review") => Route::WinbackReview,
            ("winback", None) => Route::Winback,
            ("announcements", _) => Route::Announcements,
            ("forgotten", _) => Route::Forgotten,
            ("pool", _) => Route::Pool,
            ("data", _) => Route::Data,
            ("settings", _) => Route::Settings,
            ("conflicts", _) => Route::Conflicts,
            _ => Route::Dashboard,
        }
    }

    pub fn href(self) -> String {
        match self {
            Route::Dashboard => "#/".into(),
            Route::Customers => "#/customers".into(),
            Route::Customer(id) => format!("#/customers/{id}"),
            Route::CustomerLog(id, kind) => format!("#/customers/{id}/log/{}", kind.store()),
            Route::Staff => "#/staff".into(),
            Route::StaffMember(id) => format!("#/staff/{id}"),
            Route::Register => "#/risk".into(),
            Route::CannotLose => "#/risk/cannot-lose".into(),
            Route::Agenda => "#/agenda".into(),
            Route::Rotation => "#/rotation".into(),
            Route::Winback => "#/winback".into(),
            Route::WinbackCase(id) => format!("#/winback/{id}"),
            Route::WinbackReview => "#/winback/review".into(),
            Route::Announcements => "#/announcements".into(),
            Route::Forgotten => "#/forgotten".into(),
            Route::Pool => "#/pool".into(),
            Route::Data => "#/data".into(),
            Route::Settings => "#/settings".into(),
            Route::Conflicts => "#/conflicts".into(),
        }
    }

    /// The section of the navigation this route belongs to.
    pub fn section(self) -> Route {
        match self {
            Route::Customer(_) | Route::CustomerLog(..) => Route::Customers,
            Route::StaffMember(_) => Route::Staff,
            Route::WinbackCase(_) | Route::WinbackReview => Route::Winback,
            Route::Forgotten => Route::Customers,
            Route::Conflicts => Route::Settings,
            other => other,
        }
    }
}

/// The parameters after `?` in the address's hash, decoded: a page keeps its filters
/// there so that they survive Back and a reload.
pub fn query_params() -> Vec<(String, String)> {
    let hash = current_hash();
    let Some((_, query)) = hash.split_once('?') else {
        return Vec::new();
    };
    let decode = |s: &str| {
        js_sys::decode_uri_component(s)
            .ok()
            .and_then(|d| d.as_string())
    };
    query
        .split('&')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(key)?, decode(value)?))
        })
        .collect()
}

/// Puts a page's parameters in the address without a new history entry or a hashchange:
/// Back then returns to the page as it was left, and a reload restores it.
pub fn replace_params(route: Route, params: &[(&str, String)]) {
    let mut href = route.href();
    for (i, (key, value)) in params.iter().enumerate() {
        href.push(if i == 0 { '?' } else { '&' });
        href.push_str(key);
        href.push('=');
        href.push_str(&String::from(js_sys::encode_uri_component(value)));
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    if current_hash() == href {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&href));
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current route as a signal that follows the address bar. Before another page
/// replaces this one, `may_leave` is asked (typed input not saved would be lost); on a
/// no, the address goes back and the page stays as it is.
pub fn route_signal(may_leave: impl Fn() -> bool + 'static) -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    if let Some(window) = web_sys::window() {
        // Set while the address goes back after a no: that change keeps the page as it is.
        let returning = std::cell::Cell::new(false);
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if returning.replace(false) {
                return;
            }
            let now = Route::parse(&current_hash());
            if now != route.get_untracked() && !may_leave() {
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    returning.set(history.back().is_ok());
                }
                return;
            }
            set_route.set(now);
        });
        let _ = window
            .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    route
}

pub fn navigate(route: Route) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.href());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_parameters_are_not_part_of_its_route() {
        assert_eq!(Route::parse("#/customers?q=nj&tier=a"), Route::Customers);
        assert_eq!(
            Route::parse("#/customers/12?x=1"),
            Route::Customer(CustomerId(12))
        );
    }

    #[test]
    fn routes_round_trip() {
        for route in [
            Route::Dashboard,
            Route::Customers,
            Route::Customer(CustomerId(12)),
            Route::CustomerLog(CustomerId(12), RecordKind::Survey),
            Route::Staff,
            Route::StaffMember(StaffId(3)),
            Route::Agenda,
            Route::Rotation,
            Route::Winback,
            Route::WinbackCase(WinbackId(4)),
            Route::WinbackReview,
            Route::Announcements,
            Route::Forgotten,
            Route::Pool,
            Route::Data,
            Route::Settings,
            Route::Conflicts,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
        assert_eq!(Route::parse("#/customers/abc"), Route::Customers);
        assert_eq!(Route::parse(""), Route::Dashboard);
    }
}
