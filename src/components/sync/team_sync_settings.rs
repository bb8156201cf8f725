use crate::errors::{connection_message, fault_message, sync_problem_message};
use crate::i18n::{t, use_i18n};
use crate::state::{use_state, Notice, SyncOutcome, SyncProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::sync::connection::{Connection, ConnectionError, Fault};
use liuke_engine::sync::team::JoinMode;

/// What the last button did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Checking,
    Connected {
        documents: u64,
        connection: Connection,
    },
    Failed {
        fault: Fault,
        connection: Connection,
    },
    /// The settings as typed cannot be used; shown beside the field concerned.
    Invalid(ConnectionError),
}

/// A moment given in milliseconds since 1970 (as `Date.now()`), on this device's clock.
fn format_moment(ms: f64) -> String {
    crate::i18n::format_moment(
        chrono::DateTime::from_timestamp_millis(ms as i64).unwrap_or_default(),
    )
}

/// The input a settings error belongs to.
fn field_of(error: ConnectionError) -> &'static str {
    match error {
        ConnectionError::ServerMissing
        | ConnectionError::ServerNotUrl
        | ConnectionError::ServerHasCredentials
        | ConnectionError::NeedsHttps => "server",
        ConnectionError::DatabaseName => "database",
        ConnectionError::UserMissing => "user",
    }
}

/// Settings → Team sync: the team database, who signs in, whether the password is kept
/// on this device; a check that says what is wrong; save and disconnect.
#[component]
pub fn TeamSyncSettings() -> impl IntoView {
    let state = use_state();
    let i18n = use_i18n();
    let stored = move || state.connection.get_untracked();
    let server = RwSignal::new(stored().map(|c| c.server).unwrap_or_default());
    let database = RwSignal::new(stored().map(|c| c.database).unwrap_or_default());
    let user = RwSignal::new(stored().map(|c| c.user).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let keep = RwSignal::new(stored().is_some_and(|c| c.password.is_some()));
    let outcome = RwSignal::new(None::<Outcome>);
    let synced = RwSignal::new(None::<Result<SyncOutcome, SyncProblem>>);
    // A sync asked for here (the live sync in the background is the header's business).
    let running = RwSignal::new(false);
    let error = RwSignal::new(None::<crate::errors::UiError>);
    // Another tab saved or disconnected: show what is stored now.
    Effect::new(move |_| {
        let now = state.connection.get();
        server.set(now.as_ref().map(|c| c.server.clone()).unwrap_or_default());
        database.set(now.as_ref().map(|c| c.database.clone()).unwrap_or_default());
        user.set(now.as_ref().map(|c| c.user.clone()).unwrap_or_default());
        keep.set(now.is_some_and(|c| c.password.is_some()));
    });
    // The settings as typed; an empty password field keeps the password in use.
    let typed = move || {
        let typed = password.get_untracked();
        let password = if typed.is_empty() {
            state.sync_password()
        } else {
            Some(typed)
        };
        Connection::new(
            &server.get_untracked(),
            &database.get_untracked(),
            &user.get_untracked(),
            password,
        )
    };
    let test = move |_| {
        error.set(None);
        let connection = match typed() {
            Ok(c) => c,
            Err(e) => return outcome.set(Some(Outcome::Invalid(e))),
        };
        outcome.set(Some(Outcome::Checking));
        spawn_local(async move {
            let result = state.check_connection(connection.clone()).await;
            outcome.set(Some(match result {
                Ok(c) => Outcome::Connected {
                    documents: c.documents,
                    connection,
                },
                Err(fault) => Outcome::Failed { fault, connection },
            }));
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let connection = match typed() {
            Ok(c) => c,
            Err(e) => return outcome.set(Some(Outcome::Invalid(e))),
        };
        outcome.set(None);
        spawn_local(async move {
            match state
                .save_connection(connection, keep.get_untracked())
                .await
            {
                Ok(()) => {
                    password.set(String::new());
                    state.notice.set(Some(Notice::Done("sync.saved")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let forget = move |_| {
        let waiting = state.sync_waiting.get_untracked();
        let question = if waiting > 0 {
            i18n.tf("sync.forget_waiting", &[("count", waiting.to_string())])
        } else {
            i18n.t("sync.forget_ask")
        };
        if !crate::browser::confirm(&question) {
            return;
        }
        error.set(None);
        outcome.set(None);
        spawn_local(async move {
            match state.forget_connection().await {
                Ok(()) => {
                    password.set(String::new());
                    state.notice.set(Some(Notice::Done("sync.forgotten")));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let run_sync = move |mode: Option<JoinMode>| {
        synced.set(None);
        let typed = Some(password.get_untracked()).filter(|p| !p.is_empty());
        running.set(true);
        spawn_local(async move {
            let result = state.sync_now(typed, mode).await;
            running.set(false);
            synced.set(Some(result));
        });
    };
    let sync_now = move |_| run_sync(None);
    // Starting from the team's book replaces this device's own: asked once more.
    let from_team = move |_| {
        if crate::browser::confirm(&i18n.t("sync.join.confirm_team")) {
            run_sync(Some(JoinMode::FromTeam));
        }
    };
    let sync_result = move || {
        let result = synced.get()?;
        Some(match result {
            Ok(done) => {
                let mut text = i18n.tf(
                    "sync.done",
                    &[
                        ("sent", crate::i18n::group_digits(done.sent as u64)),
                        ("received", crate::i18n::group_digits(done.received as u64)),
                    ],
                );
                if done.refused > 0 {
                    text.push_str(
                        &i18n.tf("sync.done_refused", &[("count", done.refused.to_string())]),
                    );
                }
                if done.waiting > 0 {
                    text.push_str(
                        &i18n.tf("sync.done_waiting", &[("count", done.waiting.to_string())]),
                    );
                }
                view! { <p class="sync-result ok" role="status">{text}</p> }.into_any()
            }
            Err(SyncProblem::ChooseJoin { customers, records, documents }) => view! {
                <div class="sync-join" role="group">
                    <p>{i18n.tf("sync.join.question", &[
                        ("customers", crate::i18n::group_digits(customers as u64)),
                        ("records", crate::i18n::group_digits(records as u64)),
                        ("documents", crate::i18n::group_digits(documents)),
                    ])}</p>
                    <div class="actions">
                        <button type="button" class="primary" name="join-merge"
                            on:click=move |_| run_sync(Some(JoinMode::Merge))>{t("sync.join.merge")}</button>
                        <button type="button" name="join-team" on:click=from_team>{t("sync.join.team")}</button>
                    </div>
                    <p class="hint">{t("sync.join.hint")}</p>
                </div>
            }
            .into_any(),
            Err(problem) => {
                let text = sync_problem_message(&i18n, &problem, state.connection.get().as_ref());
                view! { <p class="form-error sync-result" role="alert">{text}</p> }.into_any()
            }
        })
    };
    let invalid_for = move |field: &'static str| {
        move || match outcome.get() {
            Some(Outcome::Invalid(e)) if field_of(e) == field => Some(view! {
                <p class="form-error" role="alert">{connection_message(&i18n, e)}</p>
            }),
            _ => None,
        }
    };
    let input = move |label: &'static str,
                      name: &'static str,
                      value: RwSignal<String>,
                      kind: &'static str,
                      auto: &'static str| {
        view! {
            <label class="field">
                <span>{t(label)}</span>
                <input type=kind name=name autocomplete=auto spellcheck="false" autocapitalize="off"
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                {invalid_for(name)}
            </label>
        }
    };
    let password_hint = move || {
        if state
            .connection
            .with(|c| c.as_ref().is_some_and(|c| c.password.is_some()))
            || state.sync_password().is_some()
        {
            i18n.t("sync.password_kept")
        } else {
            String::new()
        }
    };
    view! {
        <section class="card team-sync">
            <h2>{t("sync.title")}</h2>
            <p class="hint">{t("sync.explain")}</p>
            {move || state.connection.get().map(|c| view! {
                <p class="sync-current">{i18n.tf("sync.current", &[
                    ("user", c.user.clone()),
                    ("database", c.database.clone()),
                    ("server", c.server.clone()),
                ])}</p>
            })}
            <form class="form" name="team-sync" on:submit=save novalidate>
                <div class="grid">
                    {input("sync.server", "server", server, "url", "url")}
                    {input("sync.database", "database", database, "text", "off")}
                    {input("sync.user", "user", user, "text", "username")}
                    <label class="field">
                        <span>{t("sync.password")}</span>
                        <input type="password" name="password" autocomplete="current-password"
                            placeholder=password_hint
                            prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                    </label>
                </div>
                <label class="check">
                    <input type="checkbox" name="keep_password" prop:checked=keep
                        on:change=move |ev| keep.set(event_target_checked(&ev))/>
                    <span>{t("sync.keep_password")}</span>
                </label>
                <p class="hint">{move || if state.lock_on.get() { i18n.t("sync.keep_sealed") } else { i18n.t("sync.keep_clear") }}</p>
                <div class="actions">
                    <button type="button" name="test-connection" on:click=test
                        disabled=move || outcome.get() == Some(Outcome::Checking)>{t("sync.test")}</button>
                    <button type="submit" class="primary">{t("sync.save")}</button>
                    <Show when=move || state.connection.with(Option::is_some)>
                        <button type="button" name="sync-now" on:click=sync_now
                            disabled=move || running.get()>{t("sync.now")}</button>
                        <button type="button" class="danger" name="forget-connection" on:click=forget>{t("sync.forget")}</button>
                    </Show>
                </div>
            </form>
            {move || match outcome.get() {
                Some(Outcome::Checking) => Some(view! { <p class="hint sync-check" role="status">{i18n.t("sync.checking")}</p> }.into_any()),
                Some(Outcome::Connected { documents, connection }) => Some(view! {
                    <p class="sync-check ok" role="status">{i18n.tf("sync.connected", &[
                        ("user", connection.user.clone()),
                        ("database", connection.database.clone()),
                        ("count", crate::i18n::group_digits(documents)),
                    ])}</p>
                }.into_any()),
                Some(Outcome::Failed { fault, connection }) => Some(view! {
                    <p class="form-error sync-check" role="alert">{fault_message(&i18n, fault, &connection)}</p>
                }.into_any()),
                Some(Outcome::Invalid(_)) | None => None,
            }}
            {move || state.connection.get().map(|_| {
                let last = state.last_sync.get().map_or_else(|| i18n.t("sync.never"), format_moment);
                view! { <p class="hint sync-last">{i18n.tf("sync.last", &[("time", last)])}</p> }
            })}
            {move || state.last_sync_error.get().map(|problem| view! {
                <p class="hint sync-last-error">{i18n.tf("sync.last_error", &[
                    ("error", sync_problem_message(&i18n, &problem, state.connection.get().as_ref())),
                ])}</p>
            })}
            <Show when=move || running.get()>
                <p class="hint sync-result" role="status">{t("sync.running")}</p>
            </Show>
            {sync_result}
            <p class="hint">{t("sync.travel")}</p>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(&i18n)}</p> })}
            // Joined once the first sync has run: the sync's state says when.
            <Show when=move || { state.sync_state.track(); state.connection.track(); state.in_team() }>
                <super::WhoAmI/>
                <super::RefusalList/>
                <super::MergeLog/>
            </Show>
        </section>
    }
}
