//! Issue 17.7: two devices changed one record while apart. Changes to different fields
//! merge by themselves, the same way on both devices, and the merge leaves no conflict
//! behind; one field changed differently on both stays a conflict for a person.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/couch.rs"]
mod couch;
#[path = "support/devices.rs"]
mod devices;
#[path = "support/tablet.rs"]
mod tablet;

use couch::Couch;
use devices::{reloaded, today};
use liuke_engine::sync::document::doc_id;
use liuke_engine::*;
use tablet::Tablet;

/// Two devices on one team database, both holding one customer.
fn two_tablets() -> (Couch, Tablet, Tablet, u64) {
    let mut couch = Couch::new();
    let mut a = Tablet::joining(Book::new(), "A", &mut couch);
    let created = a.change(&Command::Create {
        record: Record::Customer(Customer::new("南京华联商贸", today())),
    });
    let id = created.created.expect("an id").id;
    a.sync("a-0", &mut couch);
    let mut b = Tablet::joining(Book::new(), "B", &mut couch);
    b.sync("b-0", &mut couch);
    assert!(b.book.customers().get(id).is_some());
    (couch, a, b, id)
}

fn edit(tablet: &mut Tablet, id: u64, change: impl Fn(&mut Customer)) {
    let base = tablet
        .book
        .customers()
        .get(id)
        .expect("the customer")
        .clone();
    let mut edited = base.clone();
    change(&mut edited);
    tablet.change(&Command::Edit {
        base: Box::new(Record::Customer(base)),
        edited: Box::new(Record::Customer(edited)),
    });
}

fn customer_key(id: u64) -> RecordKey {
    RecordKey {
        kind: RecordKind::Customer,
        id,
    }
}

/// The name of customer `id`'s document.
fn customer_doc(id: u64) -> String {
    doc_id(customer_key(id))
}

fn conflicts(tablet: &Tablet, id: u64) -> usize {
    tablet
        .store
        .doc(&customer_doc(id))
        .map_or(0, |d| d.tree.conflicts().len())
}

#[test]
fn edits_of_different_fields_merge_by_themselves_alike_on_both_devices() {
    let (mut couch, mut a, mut b, id) = two_tablets();
    // Apart: A fixes the region, B adds a note.
    edit(&mut a, id, |c| c.region = "江苏南京".into());
    edit(&mut b, id, |c| c.notes = "年底前续签".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    // B saw both versions and merged them.
    assert_eq!(b.merged.len(), 1);
    // The fields taken from the version that lost (which one wins is the hash's say).
    let taken = &b.merged[0].fields;
    assert!(taken == &["region"] || taken == &["notes"], "{taken:?}");
    let merged = b.book.customers().get(id).unwrap().clone();
    assert_eq!(merged.region, "江苏南京");
    assert_eq!(merged.notes, "年底前续签");
    assert_eq!(conflicts(&b, id), 0);

    // A, which had merged nothing, gets the merge and the deletion of the loser.
    a.sync("a-2", &mut couch);
    assert_eq!(a.book.customers().get(id), Some(&merged));
    assert_eq!(conflicts(&a, id), 0);
    b.sync("b-2", &mut couch);
    assert_eq!(couch.conflicts(&customer_doc(id)), 0);
}

#[test]
fn two_devices_merging_the_same_conflict_write_the_same_versions() {
    let (mut couch, mut a, mut b, id) = two_tablets();
    edit(&mut a, id, |c| c.region = "江苏南京".into());
    edit(&mut b, id, |c| c.notes = "年底前续签".into());
    // Both push before either pulls: each sees the conflict and merges it alone.
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    a.sync("a-2", &mut couch);
    assert_eq!(a.merged.len(), 1, "A merged on its own too");
    b.sync("b-2", &mut couch);
    a.sync("a-3", &mut couch);
    let name = customer_doc(id);
    // The same merged version on both: no new conflict from merging twice.
    assert_eq!(conflicts(&a, id), 0);
    assert_eq!(conflicts(&b, id), 0);
    assert_eq!(couch.conflicts(&name), 0);
    assert_eq!(a.book.customers().get(id), b.book.customers().get(id));
    assert_eq!(
        a.store.doc(&name).unwrap().tree.winner(),
        b.store.doc(&name).unwrap().tree.winner()
    );
}

#[test]
fn the_same_field_changed_on_both_stays_a_conflict_with_the_same_winner_everywhere() {
    let (mut couch, mut a, mut b, id) = two_tablets();
    edit(&mut a, id, |c| c.notes = "周三上门".into());
    edit(&mut b, id, |c| c.notes = "周五电话".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    a.sync("a-2", &mut couch);
    assert!(a.merged.is_empty() && b.merged.is_empty());
    assert_eq!(conflicts(&a, id), 1);
    assert_eq!(conflicts(&b, id), 1);
    // Both show the same winner; the other version is kept, not lost.
    assert_eq!(a.book.customers().get(id), b.book.customers().get(id));
    let name = customer_doc(id);
    let state = a.store.doc(&name).unwrap();
    let loser = state.tree.conflicts()[0].clone();
    let notes = |rev| {
        state.body(rev).unwrap()["notes"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut both = vec![notes(state.tree.winner().unwrap().0), notes(&loser)];
    both.sort();
    assert_eq!(both, vec!["周三上门".to_string(), "周五电话".to_string()]);
    // Listed again after the sync data is read back, as after a reload.
    let back = reloaded(&mut a.store);
    assert_eq!(back.conflicts().len(), 1);
}

#[test]
fn a_merge_that_would_not_be_a_valid_record_is_left_to_a_person() {
    use liuke_engine::sync::store::SyncStore;
    use liuke_engine::sync::Rev;
    use serde_json::{json, Value};
    let day = |m, d| Date::from_ymd_opt(2026, m, d).unwrap();
    let name = "relationship:7";
    let body = |since: Date, until: Option<Date>| {
        let record = Relationship {
            id: RelationshipId(7),
            customer: CustomerId(1),
            staff: StaffId(2),
            role: RelationshipRole::default(),
            since,
            until,
            recycled: None,
            claimed: false,
            expires: None,
        };
        match serde_json::from_str(&Record::Relationship(record).to_json()).unwrap() {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    };
    let mut store = SyncStore::new();
    let first = store.edit(name, Some(body(day(1, 1), None))).unwrap();
    // Here the relationship is moved to begin in June; elsewhere it ended in March.
    store.edit(name, Some(body(day(6, 1), None))).unwrap();
    let theirs = body(day(1, 1), Some(day(3, 1)));
    let rev = Rev::next(
        Some(&first),
        false,
        &Value::Object(theirs.clone()).to_string(),
    );
    let mut doc = theirs;
    doc.insert("_id".into(), json!(name));
    doc.insert("_rev".into(), json!(rev.to_string()));
    doc.insert(
        "_revisions".into(),
        json!({"start": 2, "ids": [rev.hash, first.hash]}),
    );
    store.receive(&Value::Object(doc)).unwrap();
    // Each change alone is valid; together the relationship would end before it began.
    assert!(store.merge_conflicts().is_empty());
    assert_eq!(store.doc(name).unwrap().tree.conflicts().len(), 1);
}

#[test]
fn an_edit_older_than_the_kept_history_is_left_to_a_person() {
    let (mut couch, mut a, mut b, id) = two_tablets();
    for i in 0..=liuke_engine::sync::merge::BASE_GENERATIONS {
        edit(&mut a, id, |c| c.referrals = u32::try_from(i).unwrap() + 1);
    }
    edit(&mut b, id, |c| c.notes = "年底前续签".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    // B still has the version both began from: it merges.
    assert_eq!(b.merged.len(), 1);
    let (mut couch, mut a, mut b, id) = two_tablets();
    for i in 0..=liuke_engine::sync::merge::BASE_GENERATIONS {
        edit(&mut a, id, |c| c.referrals = u32::try_from(i).unwrap() + 1);
    }
    edit(&mut b, id, |c| c.notes = "年底前续签".into());
    b.sync("b-1", &mut couch);
    a.sync("a-1", &mut couch);
    // A has gone too far past it: the conflict waits for a person, nothing lost.
    assert!(a.merged.is_empty());
    assert_eq!(conflicts(&a, id), 1);
}

#[test]
fn a_conflict_settled_once_on_one_device_is_settled_everywhere() {
    use liuke_engine::sync::store::ResolveError;
    let (mut couch, mut a, mut b, id) = two_tablets();
    edit(&mut a, id, |c| c.notes = "周三上门".into());
    edit(&mut b, id, |c| c.notes = "周五电话".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    a.sync("a-2", &mut couch);
    let name = customer_doc(id);
    // Both devices list it, with the field that differs.
    for tablet in [&a, &b] {
        let listed = tablet.store.conflicts();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].doc_id, name);
        assert_eq!(listed[0].fields(), vec!["notes".to_string()]);
        assert_eq!(listed[0].versions.len(), 2);
        assert!(listed[0].versions.iter().all(|v| v.holds.is_some()));
    }
    // A keeps the version that lost, with a field of its own added.
    let conflict = a.store.conflict(&name).unwrap();
    let mut kept = conflict.versions[1].body.clone();
    let lost_notes = kept["notes"].clone();
    kept.insert("region".into(), serde_json::json!("江苏"));
    // A combination that is not a valid customer is refused, nothing changed.
    let mut broken = kept.clone();
    broken.insert("name".into(), serde_json::json!(""));
    assert!(matches!(
        a.resolve(&name, broken),
        Err(ResolveError::Invalid(_))
    ));
    a.resolve(&name, kept).unwrap();
    assert!(a.store.conflicts().is_empty());
    assert_eq!(
        a.resolve(&name, conflict.versions[0].body.clone()),
        Err(ResolveError::NoConflict)
    );
    // The book takes the settled version as it takes what arrives.
    let arrival = a.book.plan_arrival(a.store.arrivals());
    a.store.settle_arrivals(&arrival.waiting);
    a.book.commit(&arrival.change);
    assert_eq!(
        a.book.customers().get(id).unwrap().notes,
        lost_notes.as_str().unwrap()
    );
    assert_eq!(a.book.customers().get(id).unwrap().region, "江苏");

    a.sync("a-3", &mut couch);
    b.sync("b-3", &mut couch);
    assert!(b.store.conflicts().is_empty());
    assert_eq!(couch.conflicts(&name), 0);
    assert_eq!(a.book.customers().get(id), b.book.customers().get(id));
    // Settled stays settled after a reload of the sync data.
    let back = reloaded(&mut b.store);
    assert!(back.conflicts().is_empty());
}

/// A deletes the customer while B edits it, both apart; then they meet.
fn deleted_against_edited() -> (Couch, Tablet, Tablet, u64, String) {
    let (mut couch, mut a, mut b, id) = two_tablets();
    a.change(&Command::Delete {
        key: customer_key(id),
    });
    edit(&mut b, id, |c| c.notes = "下周签约".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    a.sync("a-2", &mut couch);
    (couch, a, b, id, customer_doc(id))
}

#[test]
fn an_edit_against_a_deletion_is_shown_on_both_devices_not_dropped() {
    let (_, a, b, id, name) = deleted_against_edited();
    for tablet in [&a, &b] {
        let listed = tablet.store.conflicts();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].doc_id, name);
        assert_eq!(listed[0].deletions.len(), 1);
        // The edited record is what both show meanwhile: nothing edited is dropped.
        assert_eq!(tablet.book.customers().get(id).unwrap().notes, "下周签约");
    }
}

#[test]
fn an_edit_against_a_deletion_kept_once_stays_kept_everywhere() {
    let (mut couch, a, mut b, id, name) = deleted_against_edited();
    let mut a = a;
    let shown = b.store.conflict(&name).unwrap().versions[0].body.clone();
    b.resolve(&name, shown).unwrap();
    assert!(b.store.conflicts().is_empty());
    b.sync("b-2", &mut couch);
    a.sync("a-3", &mut couch);
    assert!(a.store.conflicts().is_empty());
    assert_eq!(a.book.customers().get(id).unwrap().notes, "下周签约");
    assert_eq!(couch.conflicts(&name), 0);
}

#[test]
fn an_edit_against_a_deletion_deleted_again_is_gone_everywhere() {
    let (mut couch, mut a, mut b, id, name) = deleted_against_edited();
    a.change(&Command::Delete {
        key: customer_key(id),
    });
    assert!(a.store.conflicts().is_empty());
    a.sync("a-3", &mut couch);
    b.sync("b-2", &mut couch);
    assert!(b.store.conflicts().is_empty());
    assert!(b.book.customers().get(id).is_none());
    assert!(couch.winner(&name).is_some());
}

#[test]
fn the_deletions_that_settle_a_merge_are_not_taken_for_a_persons() {
    let (mut couch, mut a, mut b, id) = two_tablets();
    edit(&mut a, id, |c| c.region = "江苏南京".into());
    edit(&mut b, id, |c| c.notes = "年底前续签".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    a.sync("a-2", &mut couch);
    assert_eq!(b.merged.len(), 1);
    // The merged version lost to the winner was deleted to settle it: no conflict.
    assert!(a.store.conflicts().is_empty());
    assert!(b.store.conflicts().is_empty());
}

#[test]
fn every_device_can_say_who_made_a_change_on_which_device_and_when() {
    let (mut couch, mut a, mut b, id) = two_tablets();
    let name = customer_doc(id);
    // B sees that A created the customer.
    let made = b.store.stamp(&name).expect("a stamp");
    assert_eq!(made.by, "a");
    assert_eq!(
        Some(made.device),
        a.store.device().map(liuke_engine::ids::Device::number)
    );
    assert_eq!(made.at, a.clock);
    // Both change the same field apart: each version of the conflict says whose it is.
    edit(&mut a, id, |c| c.notes = "A 的说法".into());
    let a_at = a.clock;
    edit(&mut b, id, |c| c.notes = "B 的说法".into());
    let b_at = b.clock;
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    a.sync("a-2", &mut couch);
    for tablet in [&a, &b] {
        let conflict = tablet.store.conflict(&name).expect("a conflict");
        // Who made a version is not a field in conflict.
        assert_eq!(conflict.fields(), vec!["notes".to_string()]);
        let mut made: Vec<(String, chrono::DateTime<chrono::Utc>)> = conflict
            .versions
            .iter()
            .map(|v| v.stamp.clone().expect("stamped"))
            .map(|s| (s.by, s.at))
            .collect();
        made.sort();
        assert_eq!(made, vec![("a".into(), a_at), ("b".into(), b_at)]);
    }
    // B settles it with a combination: the settled version is B's, now.
    let mut combined = b.store.conflict(&name).unwrap().versions[0].body.clone();
    combined.insert("notes".into(), serde_json::json!("A 与 B 的说法"));
    b.resolve(&name, combined).unwrap();
    b.sync("b-2", &mut couch);
    a.sync("a-3", &mut couch);
    let settled = a.store.stamp(&name).expect("a stamp");
    assert_eq!((settled.by.as_str(), settled.at), ("b", b.clock));
    // Keeping the shown version as it is writes no new one: it stays its maker's.
    let (mut couch, mut a, mut b, id) = two_tablets();
    let name = customer_doc(id);
    edit(&mut a, id, |c| c.notes = "A 的说法".into());
    edit(&mut b, id, |c| c.notes = "B 的说法".into());
    a.sync("a-1", &mut couch);
    b.sync("b-1", &mut couch);
    let shown = b.store.conflict(&name).unwrap().versions[0].clone();
    b.resolve(&name, shown.body.clone()).unwrap();
    assert_eq!(b.store.stamp(&name), shown.stamp);
}
