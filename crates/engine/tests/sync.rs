//! Issue 17.2: documents and revision trees by the rules of CouchDB's replication model
//! (the winner every node picks alike; `_revisions`; `_revs_diff`), and documents from a
//! server read as untrusted input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::book::TeamSettings;
use liuke_engine::sync::document::{self, DocKey, SETTINGS_ID};
use liuke_engine::sync::{DocError, Incoming, Rev, RevTree, TreeError};
use liuke_engine::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn rev(text: &str) -> Rev {
    Rev::parse(text).expect("a revision")
}

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

#[test]
fn revisions_read_as_generation_and_hash_and_order_by_number_first() {
    let r = rev("3-917fa2381192822767f010b95b45325b");
    assert_eq!((r.pos, r.hash.len()), (3, 32));
    assert_eq!(r.to_string(), "3-917fa2381192822767f010b95b45325b");
    for bad in [
        "",
        "3",
        "3-",
        "-3-ab",
        "0-ab",
        "x-ab",
        "+3-ab",
        "3-a b",
        "3-ab/c",
        "99999999999-ab",
    ] {
        assert!(Rev::parse(bad).is_err(), "{bad:?} accepted");
    }
    // The generation is a number: 10 comes after 9 (a string sort would say otherwise).
    assert!(rev("10-a") > rev("9-z"));
    assert!(rev("2-de0ea16f8621cbac506d23a0fbbde08a") > rev("2-7c971bb974251ae8541b8fe045964219"));
}

#[test]
fn the_same_edit_on_two_devices_makes_the_same_revision() {
    let parent = rev("1-aaaa");
    let a = Rev::next(Some(&parent), false, "{\"name\":\"宏达\"}");
    let b = Rev::next(Some(&parent), false, "{\"name\":\"宏达\"}");
    assert_eq!(a, b);
    assert_eq!(a.pos, 2);
    assert_eq!(a.hash.len(), 32);
    assert_ne!(a, Rev::next(Some(&parent), true, "{\"name\":\"宏达\"}"));
    assert_ne!(a, Rev::next(Some(&parent), false, "{\"name\":\"宏远\"}"));
}

/// The example of CouchDB's conflict documentation: two second revisions of one document
/// made apart; the one with the higher hash wins on every node, the other is a conflict.
#[test]
fn two_devices_editing_apart_make_a_conflict_with_one_winner_everywhere() {
    let root = rev("1-967a00dff5e02add41819138abb3284d");
    let high = rev("2-de0ea16f8621cbac506d23a0fbbde08a");
    let low = rev("2-7c971bb974251ae8541b8fe045964219");
    let mut here = RevTree::new();
    assert!(here
        .insert(std::slice::from_ref(&root), false)
        .expect("root"));
    assert!(here
        .insert(&[high.clone(), root.clone()], false)
        .expect("edit"));
    assert!(here
        .insert(&[low.clone(), root.clone()], false)
        .expect("edit"));
    let mut there = RevTree::new();
    there
        .insert(&[low.clone(), root.clone()], false)
        .expect("edit");
    there
        .insert(&[high.clone(), root.clone()], false)
        .expect("edit");
    assert_eq!(here.winner(), Some((&high, false)));
    assert_eq!(there.winner(), Some((&high, false)));
    assert_eq!(here.conflicts(), vec![&low]);
    assert_eq!(here, there, "the same tree whatever the order");
    // A longer history beats a higher hash.
    let third = here.edit(Some(&low), false, "{}").expect("edit the loser");
    assert_eq!(here.winner(), Some((&third, false)));
    assert_eq!(here.conflicts(), vec![&high]);
    // Resolving: the losing leaf is deleted; the conflict is gone and stays gone.
    let tomb = here.edit(Some(&high), true, "").expect("delete the loser");
    assert_eq!(tomb.pos, 3);
    assert_eq!(here.winner(), Some((&third, false)));
    assert!(here.conflicts().is_empty());
    // A deleted leaf never wins over a live one, however long its history.
    let mut tree = RevTree::new();
    tree.insert(
        &[
            rev("5-zz"),
            rev("4-zz"),
            rev("3-zz"),
            rev("2-zz"),
            rev("1-a"),
        ],
        true,
    )
    .expect("a deletion");
    tree.insert(&[rev("2-aa"), rev("1-a")], false)
        .expect("a live edit");
    assert_eq!(tree.winner(), Some((&rev("2-aa"), false)));
    // All leaves deleted: the document is deleted.
    let mut gone = RevTree::new();
    gone.insert(&[rev("2-b"), rev("1-a")], true)
        .expect("deleted");
    assert_eq!(gone.winner(), Some((&rev("2-b"), true)));
    assert!(gone.conflicts().is_empty());
}

#[test]
fn revs_diff_history_and_refused_histories() {
    let mut tree = RevTree::new();
    let one = tree.edit(None, false, "{\"v\":1}").expect("new");
    let two = tree.edit(Some(&one), false, "{\"v\":2}").expect("edit");
    assert_eq!(tree.history(&two), vec![two.clone(), one.clone()]);
    let unknown = rev("2-ffff");
    assert_eq!(
        tree.missing(&[one.clone(), unknown.clone(), two.clone()]),
        vec![unknown]
    );
    // An edit of a version that is no longer current is refused: it would fork the
    // document without anyone meaning to.
    assert_eq!(
        tree.edit(Some(&one), false, "{}"),
        Err(TreeError::NotALeaf(one.clone()))
    );
    assert_eq!(tree.insert(&[], false), Err(TreeError::NoHistory));
    assert_eq!(
        tree.insert(&[rev("3-a"), rev("1-a")], false),
        Err(TreeError::BrokenHistory)
    );
    // Known again: nothing changes.
    let before = tree.clone();
    assert_eq!(tree.insert(&[two.clone(), one.clone()], false), Ok(false));
    assert_eq!(tree, before);
    // A history cut short (a stemmed root) gets its parent back when the rest arrives.
    let mut stemmed = RevTree::new();
    stemmed
        .insert(std::slice::from_ref(&two), false)
        .expect("without its past");
    stemmed
        .insert(&[rev("3-c"), two.clone(), one.clone()], false)
        .expect("with it");
    assert_eq!(stemmed.history(&rev("3-c")), vec![rev("3-c"), two, one]);
}

proptest! {
    /// Whatever order the revisions of a document arrive in, every device ends with the
    /// same tree and the same winner.
    #[test]
    fn every_arrival_order_gives_the_same_winner(
        branches in prop::collection::vec((1u64..6, "[0-9a-f]{4}", any::<bool>()), 1..6),
        seed in any::<u64>(),
    ) {
        let root = rev("1-0000");
        let mut histories: Vec<(Vec<Rev>, bool)> = Vec::new();
        for (length, hash, deleted) in &branches {
            let mut history: Vec<Rev> = (2..=length + 1)
                .rev()
                .map(|pos| rev(&format!("{pos}-{hash}")))
                .collect();
            history.push(root.clone());
            histories.push((history, *deleted));
        }
        let mut forward = RevTree::new();
        for (history, deleted) in &histories {
            forward.insert(history, *deleted).expect("valid");
        }
        let mut shuffled = histories.clone();
        fastrand::Rng::with_seed(seed).shuffle(&mut shuffled);
        let mut other = RevTree::new();
        for (history, deleted) in shuffled.iter().rev() {
            other.insert(history, *deleted).expect("valid");
        }
        prop_assert_eq!(forward.winner(), other.winner());
        prop_assert_eq!(forward.conflicts(), other.conflicts());
    }

    /// Any JSON a server could send is read or refused, never a panic.
    #[test]
    fn any_document_is_read_or_refused(value in arbitrary_json()) {
        let _ = document::read(&value);
    }
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("customer:1".to_string()),
            Just("settings:team".to_string()),
            Just("1-abc".to_string()),
            "\\PC{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("_id".to_string()),
                    Just("_rev".to_string()),
                    Just("_revisions".to_string()),
                    Just("_deleted".to_string()),
                    Just("id".to_string()),
                    Just("name".to_string()),
                    Just("since".to_string()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn a_record_goes_out_and_comes_back_as_the_same_record() {
    let mut customer = Customer::new("杭州宏达建材有限公司", today());
    customer.id = CustomerId(42);
    let record = Record::Customer(customer);
    assert_eq!(document::doc_id(record.key()), "customer:42");
    let mut tree = RevTree::new();
    let one = tree.edit(None, false, &record.to_json()).expect("new");
    let doc = document::record_document(&record, &tree.history(&one));
    assert_eq!(doc["_id"], "customer:42");
    assert_eq!(doc["_rev"], one.to_string());
    assert_eq!(doc["_revisions"]["start"], 1);
    let (incoming, history) = document::read(&doc).expect("reads");
    assert_eq!(incoming, Incoming::Record(Box::new(record.clone())));
    assert_eq!(history, vec![one.clone()]);
    // A deletion and the team settings travel the same way.
    let key = DocKey::Record(record.key());
    let tomb = tree.edit(Some(&one), true, "").expect("delete");
    let doc = document::deleted_document(key, &tree.history(&tomb));
    assert_eq!(
        document::read(&doc).expect("reads").0,
        Incoming::Deleted(key)
    );
    let mut settings = TeamSettings::default();
    settings.risk.cadence_a_days = 21;
    let doc = document::settings_document(&settings, &[rev("1-abcd")]);
    assert_eq!(doc["_id"], SETTINGS_ID);
    assert_eq!(
        document::read(&doc).expect("reads").0,
        Incoming::Settings(Box::new(settings))
    );
}

#[test]
fn documents_that_are_not_ours_or_not_valid_are_refused_with_the_reason() {
    let mut customer = Customer::new("宏达", today());
    customer.id = CustomerId(7);
    let good = document::record_document(&Record::Customer(customer), &[rev("1-abcd")]);
    let with = |key: &str, value: Value| {
        let mut doc = good.clone();
        doc[key] = value;
        doc
    };
    let refused = |doc: &Value| document::read(doc).expect_err("refused");
    assert_eq!(refused(&json!([1, 2])), DocError::NotAnObject);
    assert!(matches!(
        refused(&with("_id", json!("_design/app"))),
        DocError::Foreign(_)
    ));
    for id in [
        "customer:0",
        "customer:007",
        "customer:-7",
        "customer:9007199254740992",
        "client:7",
        "customer:7:1",
    ] {
        assert!(
            matches!(refused(&with("_id", json!(id))), DocError::Foreign(_)),
            "{id}"
        );
    }
    assert!(matches!(
        refused(&with("_rev", json!("abc"))),
        DocError::Rev(_)
    ));
    assert_eq!(
        refused(&with("_revisions", json!({"start": 2, "ids": ["abcd"]}))),
        DocError::History
    );
    assert_eq!(
        refused(&with("_id", json!("customer:8"))),
        DocError::IdMismatch {
            kind: RecordKind::Customer,
            id: 8,
            inner: 7
        }
    );
    assert!(matches!(
        refused(&with("_id", json!("order:7"))),
        DocError::Shape { .. }
    ));
    assert!(matches!(
        refused(&with("since", json!("262000-01-01"))),
        DocError::Shape { .. } | DocError::Invalid { .. }
    ));
    assert!(matches!(
        refused(&with("since", json!("2300-01-01"))),
        DocError::Invalid { .. }
    ));
    assert!(matches!(
        refused(&with("name", json!(""))),
        DocError::Invalid { .. }
    ));
    let settings = document::settings_document(&TeamSettings::default(), &[rev("1-abcd")]);
    let mut bad = settings.clone();
    bad["risk"]["bands"]["high"] = json!(1.0);
    assert!(matches!(refused(&bad), DocError::Settings(_)));
    let mut bad = settings;
    bad["pool"]["claim_cap"] = json!("many");
    assert!(matches!(refused(&bad), DocError::SettingsShape(_)));
}
