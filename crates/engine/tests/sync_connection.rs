//! Issue 17.1: the team database's settings are checked before anything is sent, and
//! the connection check names what is wrong from the server's answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::sync::connection::{
    Check, CheckStep, Connected, Connection, ConnectionError, Fault,
};
use liuke_engine::sync::pages::CONNECTION_PAGE;
use liuke_engine::sync::replicator::Response;
use liuke_engine::sync::store::SyncStore;
use proptest::prelude::*;
use serde_json::{json, Value};

fn conn(server: &str) -> Result<Connection, ConnectionError> {
    Connection::new(server, "team", "li", None)
}

#[test]
fn addresses_are_checked_and_normalised() {
    let ok = |s: &str| conn(s).map(|c| c.server);
    assert_eq!(
        ok(" https://Couch.Example.com/ ").unwrap(),
        "https://couch.example.com"
    );
    assert_eq!(
        ok("https://example.com:6984/couch/").unwrap(),
        "https://example.com:6984/couch"
    );
    assert_eq!(
        ok("http://127.0.0.1:5984").unwrap(),
        "http://127.0.0.1:5984"
    );
    assert_eq!(
        ok("http://localhost:5984").unwrap(),
        "http://localhost:5984"
    );
    assert_eq!(ok("HTTPS://[::1]:6984").unwrap(), "https://[::1]:6984");
    assert_eq!(ok("http://[::1]:5984"), Err(ConnectionError::NeedsHttps));
    assert_eq!(ok(""), Err(ConnectionError::ServerMissing));
    assert_eq!(ok("   "), Err(ConnectionError::ServerMissing));
    assert_eq!(ok("couch.example.com"), Err(ConnectionError::ServerNotUrl));
    assert_eq!(
        ok("ftp://couch.example.com"),
        Err(ConnectionError::ServerNotUrl)
    );
    assert_eq!(ok("https://"), Err(ConnectionError::ServerNotUrl));
    assert_eq!(
        ok("https://example.com:0"),
        Err(ConnectionError::ServerNotUrl)
    );
    assert_eq!(
        ok("https://example.com:99999"),
        Err(ConnectionError::ServerNotUrl)
    );
    assert_eq!(
        ok("https://example.com/?db=x"),
        Err(ConnectionError::ServerNotUrl)
    );
    assert_eq!(
        ok("https://exa mple.com"),
        Err(ConnectionError::ServerNotUrl)
    );
    assert_eq!(
        ok("https://li:secret@example.com"),
        Err(ConnectionError::ServerHasCredentials)
    );
    assert_eq!(
        ok("http://192.168.1.20:5984"),
        Err(ConnectionError::NeedsHttps)
    );
    assert_eq!(
        ok("http://couch.example.com"),
        Err(ConnectionError::NeedsHttps)
    );
}

#[test]
fn database_names_follow_couchdb_and_are_encoded_in_addresses() {
    let db = |name: &str| Connection::new("https://x.cn", name, "li", None);
    for good in ["team", "sales_2026", "a$b(c)+d-e/f", " team "] {
        assert!(db(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "Team",
        "1team",
        "_users",
        "销售",
        "team name",
        &"a".repeat(239),
    ] {
        assert_eq!(db(bad), Err(ConnectionError::DatabaseName), "{bad}");
    }
    let c = db("east/sales").unwrap();
    assert_eq!(c.database_url(), "https://x.cn/east%2Fsales");
    assert_eq!(c.url("_changes"), "https://x.cn/east%2Fsales/_changes");
    assert_eq!(c.server_url("_session"), "https://x.cn/_session");
    assert_eq!(
        Connection::new("https://x.cn", "team", "  ", None),
        Err(ConnectionError::UserMissing)
    );
}

fn answer(status: u16, body: Value) -> Response {
    Response { status, body }
}

/// Runs a check with the session and database answers given.
fn check(session: Response, database: Option<Response>) -> CheckStep {
    let mut check = Check::new(conn("https://x.cn").unwrap());
    assert_eq!(
        check.start(),
        CheckStep::Get("https://x.cn/_session".into())
    );
    match check.read(&session) {
        CheckStep::Get(url) => {
            assert_eq!(url, "https://x.cn/team");
            check.read(&database.expect("the database is asked for"))
        }
        done => done,
    }
}

#[test]
fn the_check_names_each_fault_from_the_answers() {
    let me = answer(
        200,
        json!({"ok": true, "userCtx": {"name": "li", "roles": []}}),
    );
    let fault = |s, d| match check(s, d) {
        CheckStep::Failed(f) => f,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        check(
            me.clone(),
            Some(answer(200, json!({"db_name": "team", "doc_count": 12})))
        ),
        CheckStep::Connected(Connected { documents: 12 })
    );
    let wrong = answer(401, json!({"error": "unauthorized"}));
    assert_eq!(fault(wrong, None), Fault::WrongPassword);
    // A server that ignores the credentials answers as nobody.
    let nobody = answer(
        200,
        json!({"ok": true, "userCtx": {"name": null, "roles": []}}),
    );
    assert_eq!(fault(nobody, None), Fault::WrongPassword);
    assert_eq!(fault(answer(200, json!("<html>")), None), Fault::NotCouch);
    assert_eq!(fault(answer(404, Value::Null), None), Fault::NotCouch);
    assert_eq!(fault(answer(502, Value::Null), None), Fault::Server(502));
    let db = |status, body| fault(me.clone(), Some(answer(status, body)));
    assert_eq!(db(404, json!({"error": "not_found"})), Fault::NoDatabase);
    // CouchDB says 403 to a member of no role; PouchDB Server says 401.
    assert_eq!(db(403, json!({"error": "forbidden"})), Fault::NotMember);
    assert_eq!(db(401, json!({"error": "unauthorized"})), Fault::NotMember);
    assert_eq!(db(200, json!({"ok": true})), Fault::NotCouch);
    assert_eq!(db(500, Value::Null), Fault::Server(500));
}

#[test]
fn the_connection_is_kept_in_the_sync_pages_and_forgotten() {
    let mut store = SyncStore::new();
    let with_password = Connection::new("https://x.cn", "team", "li", Some("pw".into())).unwrap();
    store.set_connection(Some(with_password.clone()));
    let pages = store.take_changed_pages();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].0, CONNECTION_PAGE);
    let json = pages[0].1.clone().expect("a page");
    let (back, unreadable) = SyncStore::from_pages([(CONNECTION_PAGE.to_string(), json)]);
    assert!(unreadable.is_empty());
    assert_eq!(back.connection(), Some(&with_password));
    // Without the password, the page holds none.
    store.set_connection(Some(with_password.without_password()));
    let json = store.take_changed_pages()[0].1.clone().expect("a page");
    assert!(!json.contains("pw"), "{json}");
    // Setting the same again writes nothing; forgetting it deletes its page.
    store.set_connection(Some(with_password.without_password()));
    assert!(store.take_changed_pages().is_empty());
    store.set_connection(None);
    assert_eq!(
        store.take_changed_pages(),
        vec![(CONNECTION_PAGE.to_string(), None)]
    );
    let (_, unreadable) = SyncStore::from_pages([(CONNECTION_PAGE.to_string(), "{".to_string())]);
    assert_eq!(unreadable, vec![CONNECTION_PAGE.to_string()]);
}

proptest! {
    /// Whatever is typed, the check says yes or names a fault, and a yes is an address
    /// that reads back the same.
    #[test]
    fn any_typed_settings_are_accepted_or_refused_never_panic(
        server in "\\PC{0,40}", scheme in prop::sample::select(vec!["http://", "https://", ""]),
        database in "\\PC{0,20}", user in "\\PC{0,10}",
    ) {
        let typed = format!("{scheme}{server}");
        if let Ok(c) = Connection::new(&typed, &database, &user, None) {
            prop_assert_eq!(Connection::new(&c.server, &c.database, &c.user, None), Ok(c.clone()));
            prop_assert!(c.server.starts_with("http"));
        }
    }

    #[test]
    fn any_answer_reads_to_a_step(status in 100u16..600, body in "\\PC{0,30}") {
        let body = serde_json::from_str(&body).unwrap_or(Value::String(body));
        let mut check = Check::new(conn("https://x.cn").unwrap());
        check.start();
        let _ = check.read(&Response { status, body: body.clone() });
        let _ = check.read(&Response { status, body });
    }
}

#[test]
fn a_database_holding_only_its_rules_has_no_team_book_yet() {
    use liuke_engine::sync::connection::book_documents;
    let rules = serde_json::json!({"total_rows": 1, "rows": [{"id": "_design/liuke"}]});
    assert_eq!(book_documents(1, &rules), 0);
    assert_eq!(book_documents(12, &rules), 11);
    assert_eq!(book_documents(3, &serde_json::json!({"error": "x"})), 3);
    assert_eq!(book_documents(0, &rules), 0);
}
