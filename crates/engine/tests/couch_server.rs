//! Issue 17: the replicator against a real CouchDB-compatible server (PouchDB Server,
//! started by `scripts/couch.sh`; the test command runs these with `--ignored` and
//! `LIUKE_TEST_COUCH` set). PouchDB's own winner and conflicts are the reference our
//! revision trees must agree with.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/devices.rs"]
mod devices;
#[path = "support/http.rs"]
mod http;

use devices::{device, run, same_documents};
use liuke_engine::sync::connection::{Check, CheckStep, Connected, Connection, Fault};
use liuke_engine::sync::replicator::Direction;
use liuke_engine::sync::store::SyncStore;
use liuke_engine::sync::{Rev, RevTree};
use serde_json::{json, Value};

fn server() -> String {
    std::env::var("LIUKE_TEST_COUCH").unwrap_or_else(|_| "http://127.0.0.1:5987".into())
}

/// A new, empty database named `name`.
fn fresh_db(name: &str) -> String {
    let base = server();
    http::send(&base, "DELETE", &format!("/{name}"), None);
    let created = http::send(&base, "PUT", &format!("/{name}"), None);
    assert!(created.status == 201, "{created:?}");
    name.to_string()
}

fn doc_count(db: &str) -> u64 {
    http::send(&server(), "GET", &format!("/{db}"), None).body["doc_count"]
        .as_u64()
        .expect("a count")
}

#[test]
#[ignore = "needs the test sync server: bash scripts/couch.sh start"]
fn a_book_goes_through_pouchdb_server_to_another_device_and_resumes_after_a_cut() {
    let base = server();
    let db = fresh_db("liuke-test-push-pull");
    let mut a = device(12);
    let docs = a.doc_ids().count();
    assert!(run(
        Direction::Push,
        "a-1",
        &mut a,
        Some(9),
        |r| http::replicate(&base, &db, r)
    )
    .is_none());
    let partial = doc_count(&db);
    assert!(partial > 0 && (partial as usize) < docs, "{partial}");
    let rest = run(Direction::Push, "a-2", &mut a, None, |r| {
        http::replicate(&base, &db, r)
    })
    .expect("done");
    assert_eq!(rest.written + partial as usize, docs);
    assert_eq!(doc_count(&db) as usize, docs);
    let mut b = SyncStore::new();
    assert!(run(
        Direction::Pull,
        "b-1",
        &mut b,
        Some(5),
        |r| http::replicate(&base, &db, r)
    )
    .is_none());
    run(Direction::Pull, "b-2", &mut b, None, |r| {
        http::replicate(&base, &db, r)
    })
    .expect("done");
    same_documents(&a, &b);
    // The database recreated empty: everything goes out again.
    let db = fresh_db("liuke-test-push-pull");
    let again = run(Direction::Push, "a-3", &mut a, None, |r| {
        http::replicate(&base, &db, r)
    })
    .expect("done");
    assert_eq!((again.written, doc_count(&db) as usize), (docs, docs));
}

fn rev(text: &str) -> Rev {
    Rev::parse(text).expect("a revision")
}

/// Random revision trees written to PouchDB Server as they are; its winner and its
/// conflicts must be ours.
#[test]
#[ignore = "needs the test sync server: bash scripts/couch.sh start"]
fn our_winner_and_conflicts_are_pouchdbs_on_random_trees() {
    let base = server();
    let db = fresh_db("liuke-test-winners");
    let mut rng = fastrand::Rng::with_seed(17);
    let (mut deleted_winners, mut with_conflicts) = (0, 0);
    for doc in 0..200 {
        let id = format!("customer:{}", doc + 1);
        let mut tree = RevTree::new();
        let mut docs = Vec::new();
        for _ in 0..rng.usize(1..5) {
            let length = rng.u64(1..6);
            let hash: String = (0..8)
                .map(|_| char::from(b"0123456789abcdef"[rng.usize(0..16)]))
                .collect();
            let deleted = rng.bool() && rng.bool();
            let history: Vec<Rev> = (1..=length)
                .rev()
                .map(|pos| {
                    if pos == 1 {
                        rev("1-0000")
                    } else {
                        rev(&format!("{pos}-{hash}{pos:x}"))
                    }
                })
                .collect();
            tree.insert(&history, deleted).expect("valid");
            let mut body = json!({
                "_id": id,
                "_rev": history[0].to_string(),
                "_revisions": {"start": length, "ids": history.iter().map(|r| r.hash.clone()).collect::<Vec<_>>()},
            });
            if deleted {
                body["_deleted"] = json!(true);
            }
            docs.push(body);
        }
        // One request per revision, as branches arrive from different devices. (A hash
        // repeated at several generations, which real revisions never have, makes
        // PouchDB Server lose a deletion: hashes here differ per generation.)
        for doc in &docs {
            let written = http::send(
                &base,
                "POST",
                &format!("/{db}/_bulk_docs"),
                Some(&json!({"docs": [doc], "new_edits": false})),
            );
            assert!(written.status == 201, "{written:?}");
        }
        let (winner, deleted) = tree.winner().expect("a winner");
        let theirs = http::send(
            &base,
            "GET",
            &format!("/{db}/{id}?conflicts=true&open_revs=all"),
            None,
        );
        // open_revs=all lists every leaf; the plain GET gives the winner unless deleted.
        let plain = http::send(&base, "GET", &format!("/{db}/{id}?conflicts=true"), None);
        deleted_winners += usize::from(deleted);
        with_conflicts += usize::from(!tree.conflicts().is_empty());
        if deleted {
            assert_eq!(
                plain.status, 404,
                "{id}: PouchDB says the document lives: {plain:?}"
            );
        } else {
            assert_eq!(plain.body["_rev"], json!(winner.to_string()), "{id}");
            let mut conflicts: Vec<String> = plain.body["_conflicts"]
                .as_array()
                .map(|c| {
                    c.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            conflicts.sort();
            let mut ours: Vec<String> = tree.conflicts().iter().map(ToString::to_string).collect();
            ours.sort();
            assert_eq!(conflicts, ours, "{id}");
        }
        let leaves = theirs.body.as_array().map_or(0, Vec::len);
        assert_eq!(leaves, tree.leaves().len(), "{id}: {theirs:?}");
    }
    // The trees covered the rules: deleted winners and conflicts both came up.
    assert!(
        deleted_winners > 5 && with_conflicts > 20,
        "{deleted_winners} {with_conflicts}"
    );
}

/// Two devices claim numbers on PouchDB Server: create-only documents, 409 for the
/// second on the same number.
#[test]
#[ignore = "needs the test sync server: bash scripts/couch.sh start"]
fn devices_claim_different_numbers_on_pouchdb_server() {
    let base = server();
    let db = fresh_db("liuke-test-devices");
    let claim = |label| devices::claim(label, |r| http::replicate(&base, &db, r)).number();
    assert_eq!([claim("平板"), claim("笔记本")], [1, 2]);
    let mut store = SyncStore::new();
    let pulled = run(Direction::Pull, "d-1", &mut store, None, |r| {
        http::replicate(&base, &db, r)
    })
    .expect("done");
    assert!(pulled.refused.is_empty(), "{:?}", pulled.refused);
    assert_eq!(pulled.written, 2);
}

/// Runs the connection check against the test sync server, as `user` with `password`.
fn check_as(db: &str, user: &str, password: &str) -> CheckStep {
    let base = server();
    let connection = Connection::new(&base, db, user, Some(password.into())).expect("valid");
    let mut check = Check::new(connection);
    let mut step = check.start();
    while let CheckStep::Get(url) = step {
        let path = url.trim_start_matches(base.as_str());
        step = check.read(&http::send_as(
            &base,
            "GET",
            path,
            None,
            Some((user, password)),
        ));
    }
    step
}

/// The connection check reads PouchDB Server's real answers: a wrong password, a
/// missing database, a user who is not a member, and a working connection.
#[test]
#[ignore = "needs the test sync server: bash scripts/couch.sh start"]
fn the_connection_check_names_each_fault_on_pouchdb_server() {
    let base = server();
    let db = fresh_db("liuke-test-check");
    let user = json!({"name": "rep-check", "password": "pw", "roles": [], "type": "user"});
    let made = http::send(
        &base,
        "PUT",
        "/_users/org.couchdb.user:rep-check",
        Some(&user),
    );
    assert!(matches!(made.status, 201 | 409), "{made:?}");
    assert_eq!(
        check_as(&db, "rep-check", "pw"),
        CheckStep::Connected(Connected { documents: 0 })
    );
    assert_eq!(
        check_as(&db, "rep-check", "wrong"),
        CheckStep::Failed(Fault::WrongPassword)
    );
    assert_eq!(
        check_as("liuke-test-nothing-here", "rep-check", "pw"),
        CheckStep::Failed(Fault::NoDatabase)
    );
    let security = json!({"members": {"names": ["someone-else"], "roles": []}});
    let set = http::send(&base, "PUT", &format!("/{db}/_security"), Some(&security));
    assert_eq!(set.status, 200, "{set:?}");
    assert_eq!(
        check_as(&db, "rep-check", "pw"),
        CheckStep::Failed(Fault::NotMember)
    );
}
