//! Requests to the team database with `fetch`, signed in with the connection's name and
//! password, and the connection check run against a real server.

use base64::Engine;
use liuke_engine::sync::connection::{Check, CheckStep, Connected, Connection, Fault};
use liuke_engine::sync::replicator::{Method, Response};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestCache, RequestCredentials, RequestInit, RequestMode};

/// How long a request may take before the server counts as not answering: a slow
/// server never holds anything else up, but a sync should not wait for ever.
const TIMEOUT_MS: u32 = 30_000;

/// The name and password as HTTP basic authentication.
fn authorization(user: &str, password: &str) -> String {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {token}")
}

fn init(mode: RequestMode, wake: Option<&AbortSignal>) -> RequestInit {
    let init = RequestInit::new();
    init.set_mode(mode);
    // The name and password go in each request; no cookie is set or sent.
    init.set_credentials(RequestCredentials::Omit);
    // Every answer fresh from the server: a cached one would hide a change there (and
    // carry the CORS headers the server gave before).
    init.set_cache(RequestCache::NoStore);
    let timeout = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let signal = match wake {
        Some(wake) => AbortSignal::any(&js_sys::Array::of2(&timeout, wake)),
        None => timeout,
    };
    init.set_signal(Some(&signal));
    init
}

/// One request; the answer whatever its status, or why none came.
pub async fn send(
    method: Method,
    url: &str,
    body: Option<&Value>,
    user: &str,
    password: &str,
) -> Result<Response, Fault> {
    send_until(method, url, body, user, password, None).await
}

/// [`send`], given up early when `wake` aborts (a live pull's long wait, cut short
/// because there is something to send); then the answer is `Unreachable` and the
/// caller knows why from `wake`.
pub async fn send_until(
    method: Method,
    url: &str,
    body: Option<&Value>,
    user: &str,
    password: &str,
    wake: Option<&AbortSignal>,
) -> Result<Response, Fault> {
    let window = web_sys::window().ok_or(Fault::Unreachable)?;
    let init = init(RequestMode::Cors, wake);
    init.set_method(match method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
    });
    let headers = Headers::new().map_err(|_| Fault::Unreachable)?;
    let _ = headers.set("Accept", "application/json");
    let _ = headers.set("Authorization", &authorization(user, password));
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    let answer = match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await {
        Ok(answer) => answer.unchecked_into::<web_sys::Response>(),
        Err(_) if wake.is_some_and(AbortSignal::aborted) => return Err(Fault::Unreachable),
        Err(_) => return Err(why_no_answer(url).await),
    };
    let status = answer.status();
    let text = match answer.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(Response {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    })
}

/// A failed request says nothing of why. An opaque request (which CORS does not
/// govern) tells the two usual causes apart: it gets through when the server runs but
/// does not allow this page. It asks for the server's root, never the request again
/// (a long poll asked again would wait as long as the first).
async fn why_no_answer(url: &str) -> Fault {
    let Some(window) = web_sys::window() else {
        return Fault::Unreachable;
    };
    let root = web_sys::Url::new(url).map_or_else(|_| url.to_string(), |u| u.origin() + "/");
    let probe = window.fetch_with_str_and_init(&root, &init(RequestMode::NoCors, None));
    match JsFuture::from(probe).await {
        Ok(_) => Fault::Cors,
        Err(_) => Fault::Unreachable,
    }
}

/// Checks a connection with `password`: signed in, and the database there and open to
/// this user.
pub async fn check(connection: Connection, password: &str) -> Result<Connected, Fault> {
    let user = connection.user.clone();
    let mut check = Check::new(connection);
    let mut step = check.start();
    loop {
        step = match step {
            CheckStep::Get(url) => {
                let answer = send(Method::Get, &url, None, &user, password).await?;
                check.read(&answer)
            }
            CheckStep::Connected(connected) => return Ok(connected),
            CheckStep::Failed(fault) => return Err(fault),
        };
    }
}
