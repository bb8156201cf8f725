//! IndexedDB storage in a real browser: round trips, conflicts between tabs, corrupt records.
#![cfg(target_arch = "wasm32")]
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke::storage::{Db, StorageError};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid date")
}

async fn fresh_db(name: &str) -> Db {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let _ = factory.delete_database(name);
    Db::open_named(name).await.expect("open")
}

fn new_customer(name: &str) -> Command {
    Command::Create {
        record: Record::Customer(Customer::new(name, today())),
    }
}

#[wasm_bindgen_test]
async fn a_change_is_written_and_loaded_back() {
    let db = fresh_db("liuke-test-roundtrip").await;
    let mut book = db.load().await.expect("load").book;
    assert!(book.is_empty());
    let change = book
        .plan(&new_customer("杭州宏达建材有限公司"), today())
        .expect("valid");
    let revision = db.write(&book, &change, 0.0).await.expect("write");
    book.commit(&change);
    assert_eq!(revision, 1.0);
    let loaded = db.load().await.expect("load");
    assert_eq!(loaded.revision, 1.0);
    assert_eq!(loaded.book, book);
    assert_eq!(loaded.book.next_id(), book.next_id());
    db.close();
}

#[wasm_bindgen_test]
async fn a_stale_tab_gets_a_conflict_and_writes_nothing() {
    let db = fresh_db("liuke-test-conflict").await;
    let book = Book::new();
    let first = book.plan(&new_customer("A"), today()).expect("valid");
    db.write(&book, &first, 0.0)
        .await
        .expect("first tab writes");
    let second = book.plan(&new_customer("B"), today()).expect("valid");
    let refused = db.write(&book, &second, 0.0).await;
    assert_eq!(refused, Err(StorageError::Conflict));
    let loaded = db.load().await.expect("load");
    let names: Vec<String> = loaded
        .book
        .customers()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(names, vec!["A".to_string()]);
    assert_eq!(loaded.revision, 1.0);
    db.close();
}

#[wasm_bindgen_test]
async fn replace_all_then_load_gives_the_same_book() {
    let db = fresh_db("liuke-test-replace").await;
    let book = sample_book(SampleSize::S, today());
    let revision = db.replace_all(&book, 0.0).await.expect("replace");
    let loaded = db.load().await.expect("load");
    assert_eq!(loaded.revision, revision);
    assert_eq!(loaded.book, book);
    assert_eq!(loaded.skipped, 0);
    let emptied = db.replace_all(&Book::new(), revision).await.expect("clear");
    let loaded = db.load().await.expect("load");
    assert!(loaded.book.is_empty());
    assert_eq!(loaded.revision, emptied);
    db.close();
}

#[wasm_bindgen_test]
async fn deletes_remove_records_from_disk() {
    let db = fresh_db("liuke-test-delete").await;
    let mut book = Book::new();
    let created = book.plan(&new_customer("C"), today()).expect("valid");
    let mut revision = db.write(&book, &created, 0.0).await.expect("write");
    book.commit(&created);
    let key = created.created.expect("created key");
    let deleted = book
        .plan(&Command::Delete { key }, today())
        .expect("delete");
    revision = db.write(&book, &deleted, revision).await.expect("write");
    book.commit(&deleted);
    let loaded = db.load().await.expect("load");
    assert!(loaded.book.customers().is_empty());
    assert_eq!(loaded.revision, revision);
    db.close();
}

#[wasm_bindgen_test]
async fn a_corrupt_record_is_skipped_and_reported() {
    let name = "liuke-test-corrupt";
    let db = fresh_db(name).await;
    let book = sample_book(SampleSize::S, today());
    db.replace_all(&book, 0.0).await.expect("replace");
    db.close();
    put_raw(name, "customers", 999_999_999.0, "{not json").await;
    let db = Db::open_named(name).await.expect("reopen");
    let loaded = db.load().await.expect("load survives");
    assert_eq!(loaded.skipped, 1);
    assert_eq!(loaded.book.customers().len(), book.customers().len());
    db.close();
}

/// Issue 15.11: before, a record that did not read was dropped from memory, and the
/// next edit of any record on its page rewrote the page without it: gone for good.
#[wasm_bindgen_test]
async fn an_unreadable_record_survives_an_edit_of_its_page() {
    use liuke_engine::chunks::{all_pages, Unreadable};
    let name = "liuke-test-unreadable";
    let db = fresh_db(name).await;
    let book = sample_book(SampleSize::S, today());
    let revision = db.replace_all(&book, 0.0).await.expect("replace");
    db.close();
    let first = all_pages(&book)
        .into_iter()
        .find(|p| p.kind == RecordKind::Customer && p.number == 0)
        .and_then(|p| p.json)
        .expect("page 0 of customers");
    let bad = r#"{"id":255,"name":"日期损坏的客户","since":"+262000-01-01"}"#;
    let damaged = format!("{},{bad}]", first.trim_end_matches(']'));
    put_raw(name, "customers", 0.0, &damaged).await;

    let db = Db::open_named(name).await.expect("reopen");
    let loaded = db.load().await.expect("load");
    assert_eq!((loaded.skipped, loaded.set_aside), (1, 1));
    assert!(loaded.book == book, "every other record reads");
    // An edit of a neighbour rewrites page 0 from memory, without the bad record …
    let mut book = loaded.book;
    let mut customer = book.customers().iter().next().expect("a customer").clone();
    customer.notes = "改过备注".into();
    let change = book
        .plan(
            &Command::Update {
                record: Record::Customer(customer),
            },
            today(),
        )
        .expect("valid");
    let revision = db.write(&book, &change, revision).await.expect("write");
    book.commit(&change);
    // … and the bad record is still kept, once, however often the book is opened.
    for _ in 0..2 {
        let loaded = db.load().await.expect("reload");
        assert_eq!((loaded.skipped, loaded.set_aside), (0, 1));
        assert!(loaded.book == book);
        assert_eq!(loaded.revision, revision);
    }
    let aside = db.set_aside().await.expect("set aside");
    assert_eq!(aside.len(), 1);
    assert_eq!((aside[0].store.as_str(), aside[0].page), ("customers", 0));
    assert_eq!(aside[0].why, Unreadable::Record);
    assert!(
        aside[0].text.contains("日期损坏的客户"),
        "{}",
        aside[0].text
    );
    db.discard_set_aside().await.expect("discard");
    assert_eq!(db.count_set_aside().await.expect("count"), 0);
    db.close();
}

/// Writes a value straight into a store, as a damaged disk or an old bug might have.
async fn put_raw(db_name: &str, store: &str, key: f64, value: &str) {
    put_raw_at(db_name, store, &JsValue::from_f64(key), value).await;
}

async fn put_raw_at(db_name: &str, store: &str, key: &JsValue, value: &str) {
    use wasm_bindgen::JsCast;
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let request = factory.open(db_name).expect("open");
    let promise = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("opened");
    let db: web_sys::IdbDatabase = request.result().expect("db").unchecked_into();
    let tx = db
        .transaction_with_str_and_mode(store, web_sys::IdbTransactionMode::Readwrite)
        .expect("tx");
    tx.object_store(store)
        .expect("store")
        .put_with_key(&JsValue::from_str(value), key)
        .expect("put");
    let done = js_sys::Promise::new(&mut |resolve, _| tx.set_oncomplete(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done)
        .await
        .expect("committed");
    db.close();
}

#[wasm_bindgen_test]
async fn a_failed_write_reports_an_error_and_leaves_disk_as_it_was() {
    let name = "liuke-test-failed-write";
    let db = fresh_db(name).await;
    let mut book = Book::new();
    let first = book.plan(&new_customer("D"), today()).expect("valid");
    let revision = db.write(&book, &first, 0.0).await.expect("write");
    book.commit(&first);
    db.close();
    let second = book.plan(&new_customer("E"), today()).expect("valid");
    let failed = db.write(&book, &second, revision).await;
    assert!(matches!(failed, Err(StorageError::Failed(_))), "{failed:?}");
    let db = Db::open_named(name).await.expect("reopen");
    let loaded = db.load().await.expect("load");
    assert_eq!(loaded.book, book);
    assert_eq!(loaded.revision, revision);
    db.close();
}

/// A database made by the first version (no task or handover stores) opens, gains the
/// new stores, and takes the new kinds.
#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_to_the_new_stores() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let name = "liuke-test-upgrade";
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let _ = factory.delete_database(name);
    let request = factory.open_with_u32(name, 1).expect("open v1");
    let upgrade = request.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        let db: web_sys::IdbDatabase = upgrade.result().expect("db").unchecked_into();
        for store in RecordKind::ALL
            .iter()
            .filter(|k| !matches!(k, RecordKind::Task | RecordKind::Handover))
            .map(|k| k.store())
            .chain(["meta"])
        {
            db.create_object_store(store).expect("store");
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let promise = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("opened");
    let old: web_sys::IdbDatabase = request.result().expect("db").unchecked_into();
    assert!(!old.object_store_names().contains("tasks"));
    old.close();
    drop(on_upgrade);

    let db = Db::open_named(name).await.expect("upgrade");
    let mut book = db.load().await.expect("load").book;
    let change = book
        .plan(&new_customer("杭州宏达建材有限公司"), today())
        .expect("valid");
    let revision = db.write(&book, &change, 0.0).await.expect("write");
    book.commit(&change);
    let customer = CustomerId(change.created.expect("created").id);
    let task = Command::Create {
        record: Record::Task(Task {
            customer: Some(customer),
            due: today(),
            title: "回访".into(),
            ..Task::default()
        }),
    };
    let change = book.plan(&task, today()).expect("valid task");
    db.write(&book, &change, revision)
        .await
        .expect("a task is written");
    book.commit(&change);
    let loaded = db.load().await.expect("reload").book;
    assert_eq!(loaded.tasks().len(), 1);
    assert!(loaded == book);
}

#[wasm_bindgen_test]
async fn a_locked_book_is_sealed_on_disk_and_opens_only_with_its_passphrase() {
    use liuke::storage::idb::LockUpdate;
    use liuke::storage::lock::{Cipher, LockError};
    let name = "liuke-test-lock";
    let db = fresh_db(name).await;
    let mut book = sample_book(SampleSize::S, today());
    let (cipher, meta) = Cipher::create("correct horse", "correct horse")
        .await
        .expect("create");
    let revision = db
        .rewrite(&book, 0.0, LockUpdate::Set(cipher.clone(), meta.clone()))
        .await
        .expect("seal");
    let sealed = db.with_cipher(Some(cipher));
    let change = book
        .plan(&new_customer("加密后新增的客户"), today())
        .expect("valid");
    sealed.write(&book, &change, revision).await.expect("write");
    book.commit(&change);
    // A damaged sealed page is skipped, the rest still opens.
    put_raw(
        name,
        "customers",
        999_999_999.0,
        "~AAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .await;

    let plain = Db::open_named(name).await.expect("reopen");
    assert_eq!(plain.load().await.err(), Some(StorageError::Locked));
    assert_eq!(plain.lock_meta().await.expect("meta"), Some(meta.clone()));
    assert_eq!(
        Cipher::unlock("wrong horse", &meta).await.err(),
        Some(LockError::WrongPassphrase)
    );
    let key = Cipher::unlock("correct horse", &meta)
        .await
        .expect("unlock");
    let loaded = plain
        .with_cipher(Some(key.clone()))
        .load()
        .await
        .expect("load");
    assert_eq!((loaded.skipped, loaded.set_aside), (1, 1));
    assert_eq!(loaded.book.customers().len(), book.customers().len());
    assert!(
        loaded.book == book,
        "the unlocked book is the book as written"
    );
    // The damaged page is kept aside sealed, and comes back as it was stored.
    let keyed = plain.with_cipher(Some(key));
    let aside = keyed.set_aside().await.expect("set aside");
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].text, "~AAAAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(aside[0].store, "customers");
    assert!(
        plain.set_aside().await.expect("no key")[0].text != aside[0].text,
        "without the key the entry itself stays sealed"
    );
    // Removing the lock stores what was set aside in the clear, still there.
    keyed
        .rewrite(&book, loaded.revision, LockUpdate::Remove)
        .await
        .expect("remove lock");
    assert_eq!(plain.set_aside().await.expect("plain"), aside);
    plain.close();
}

/// Issue 15.1: a tab still holding the old key after another tab changed or removed the
/// passphrase must neither read the book as empty nor write pages sealed under that key.
#[wasm_bindgen_test]
async fn a_tab_whose_key_was_changed_elsewhere_reads_and_writes_nothing() {
    use liuke::storage::idb::LockUpdate;
    use liuke::storage::lock::Cipher;
    let name = "liuke-test-key-changed";
    let db = fresh_db(name).await;
    let book = sample_book(SampleSize::S, today());
    let (first, first_meta) = Cipher::create("first passphrase", "first passphrase")
        .await
        .expect("create");
    let revision = db
        .rewrite(&book, 0.0, LockUpdate::Set(first.clone(), first_meta))
        .await
        .expect("seal");
    // Two tabs unlocked with the first passphrase.
    let stale = db.with_cipher(Some(first.clone()));
    let other = db.with_cipher(Some(first));
    let (second, second_meta) = Cipher::create("second passphrase", "second passphrase")
        .await
        .expect("create");
    let revision = other
        .rewrite(
            &book,
            revision,
            LockUpdate::Set(second.clone(), second_meta),
        )
        .await
        .expect("the other tab changes the passphrase");

    assert_eq!(stale.load().await.err(), Some(StorageError::KeyChanged));
    // Even with the current revision, a write under the old key is refused.
    let change = book
        .plan(&new_customer("旧口令下的新客户"), today())
        .expect("valid");
    assert_eq!(
        stale.write(&book, &change, revision).await,
        Err(StorageError::KeyChanged)
    );
    assert_eq!(
        stale.replace_all(&book, revision).await,
        Err(StorageError::KeyChanged)
    );
    let reopened = db
        .with_cipher(Some(second.clone()))
        .load()
        .await
        .expect("load");
    assert_eq!(
        reopened.skipped, 0,
        "every page is still sealed under the new key"
    );
    assert!(reopened.book == book);
    assert_eq!(reopened.revision, revision);

    // The passphrase removed in the other tab: the old key is refused the same way, and
    // a tab with no key reads the book in the clear.
    let revision = db
        .with_cipher(Some(second.clone()))
        .rewrite(&book, revision, LockUpdate::Remove)
        .await
        .expect("remove the lock");
    let keyed = db.with_cipher(Some(second));
    assert_eq!(keyed.load().await.err(), Some(StorageError::KeyChanged));
    assert_eq!(
        keyed.write(&book, &change, revision).await,
        Err(StorageError::KeyChanged)
    );
    let plain = db.load().await.expect("plain load");
    assert!(plain.book == book);
    assert_eq!(plain.revision, revision);
    db.close();
}

/// Reads a value straight from a store, as it is on disk.
async fn get_raw(db_name: &str, store: &str, key: f64) -> Option<String> {
    get_raw_at(db_name, store, &JsValue::from_f64(key)).await
}

async fn get_raw_at(db_name: &str, store: &str, key: &JsValue) -> Option<String> {
    use wasm_bindgen::JsCast;
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let request = factory.open(db_name).expect("open");
    let promise = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("opened");
    let db: web_sys::IdbDatabase = request.result().expect("db").unchecked_into();
    let tx = db.transaction_with_str(store).expect("tx");
    let get = tx
        .object_store(store)
        .expect("store")
        .get(key)
        .expect("get");
    let done = js_sys::Promise::new(&mut |resolve, _| get.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done)
        .await
        .expect("read");
    let value = get.result().ok().and_then(|v| v.as_string());
    db.close();
    value
}

/// Issue 15.7: before, a plain JSON page put into a locked book's store appeared after
/// unlocking with no warning, and a sealed page moved to another place opened there.
#[wasm_bindgen_test]
async fn a_locked_book_refuses_forged_and_moved_pages_and_binds_old_ones() {
    use liuke::storage::idb::LockUpdate;
    use liuke::storage::lock::Cipher;
    use liuke_engine::chunks::{all_pages, Unreadable};
    let name = "liuke-test-forged";
    let db = fresh_db(name).await;
    let book = sample_book(SampleSize::S, today());
    let (cipher, meta) = Cipher::create("correct horse", "correct horse")
        .await
        .expect("create");
    let revision = db
        .rewrite(&book, 0.0, LockUpdate::Set(cipher.clone(), meta))
        .await
        .expect("seal");
    let keyed = db.with_cipher(Some(cipher.clone()));
    let page0 = get_raw(name, "customers", 0.0).await.expect("page 0");
    assert!(
        page0.starts_with("~:"),
        "pages are sealed bound to their place"
    );

    // A forged page in the clear, and a real sealed page copied to another number.
    put_raw(
        name,
        "customers",
        5.0,
        r#"[{"id":1300,"name":"伪造的客户","since":"2026-01-01"}]"#,
    )
    .await;
    put_raw(name, "customers", 9.0, &page0).await;
    let loaded = keyed.load().await.expect("load");
    assert_eq!(loaded.tampered, 1);
    assert_eq!((loaded.skipped, loaded.set_aside), (2, 2));
    assert!(
        loaded.book == book,
        "neither the forged nor the moved page is read"
    );
    let aside = keyed.set_aside().await.expect("aside");
    let whys: Vec<(u64, Unreadable)> = aside.iter().map(|a| (a.page, a.why)).collect();
    assert!(whys.contains(&(5, Unreadable::Unsealed)), "{whys:?}");
    assert!(whys.contains(&(9, Unreadable::Sealed)), "{whys:?}");

    // A page sealed unbound, as the released version did, still opens, and the load
    // seals it again bound to its place.
    let plain0 = all_pages(&book)
        .into_iter()
        .find(|p| p.kind == RecordKind::Customer && p.number == 0)
        .and_then(|p| p.json)
        .expect("page 0");
    let unbound = cipher.seal(&plain0).await.expect("seal unbound");
    assert!(unbound.starts_with('~') && !unbound.starts_with("~:"));
    put_raw(name, "customers", 0.0, &unbound).await;
    let loaded = keyed.load().await.expect("load");
    assert!(loaded.book == book);
    assert_eq!(
        loaded.revision,
        revision + 1.0,
        "the rebinding is one write"
    );
    let rebound = get_raw(name, "customers", 0.0).await.expect("page 0");
    assert!(rebound.starts_with("~:"), "{}", &rebound[..8]);
    assert!(keyed.load().await.expect("again").book == book);
    db.close();
}

/// Puts a raw dump of IndexedDB (as `crates/engine/tests/fixtures/idb-released-*.json`,
/// taken from the released app) back into a fresh database at the dump's version.
async fn restore_dump(name: &str, dump: &str) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let dump: serde_json::Value = serde_json::from_str(dump).expect("dump");
    let version = dump["db_version"].as_u64().expect("version") as u32;
    let stores = dump["stores"].as_object().expect("stores").clone();
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let _ = factory.delete_database(name);
    let request = factory.open_with_u32(name, version).expect("open");
    let upgrade = request.clone();
    let names: Vec<String> = stores.keys().cloned().collect();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        let db: web_sys::IdbDatabase = upgrade.result().expect("db").unchecked_into();
        for store in &names {
            db.create_object_store(store).expect("store");
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let promise = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("opened");
    drop(on_upgrade);
    let db: web_sys::IdbDatabase = request.result().expect("db").unchecked_into();
    let names: js_sys::Array = stores.keys().map(|k| JsValue::from_str(k)).collect();
    let tx = db
        .transaction_with_str_sequence_and_mode(&names, web_sys::IdbTransactionMode::Readwrite)
        .expect("tx");
    let js = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => JsValue::from_f64(n.as_f64().expect("number")),
        serde_json::Value::String(s) => JsValue::from_str(s),
        other => panic!("unexpected value {other}"),
    };
    for (store, entries) in &stores {
        let object_store = tx.object_store(store).expect("store");
        for entry in entries.as_array().expect("entries") {
            object_store
                .put_with_key(&js(&entry[1]), &js(&entry[0]))
                .expect("put");
        }
    }
    let done = js_sys::Promise::new(&mut |resolve, _| tx.set_oncomplete(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done)
        .await
        .expect("committed");
    db.close();
}

/// The stored schema version, straight from the meta store.
async fn stored_schema_version(name: &str) -> Option<f64> {
    use wasm_bindgen::JsCast;
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let request = factory.open(name).expect("open");
    let promise = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("opened");
    let db: web_sys::IdbDatabase = request.result().expect("db").unchecked_into();
    let get = db
        .transaction_with_str("meta")
        .expect("tx")
        .object_store("meta")
        .expect("meta")
        .get(&JsValue::from_str("schema_version"))
        .expect("get");
    let done = js_sys::Promise::new(&mut |resolve, _| get.set_onsuccess(Some(&resolve)));
    wasm_bindgen_futures::JsFuture::from(done)
        .await
        .expect("read");
    let version = get.result().ok().and_then(|v| v.as_f64());
    db.close();
    version
}

/// Issue 15.6: a book written by the released app through ordinary edits (one staff
/// member, two customers, an order each) recorded no schema version; it opens in this
/// version, and its first write records one.
#[wasm_bindgen_test]
async fn a_book_written_by_the_released_app_opens_and_records_its_schema_version() {
    let name = "liuke-test-released-plain";
    restore_dump(
        name,
        include_str!("../crates/engine/tests/fixtures/idb-released-plain.json"),
    )
    .await;
    assert_eq!(stored_schema_version(name).await, None);
    let db = Db::open_named(name).await.expect("open and upgrade");
    let loaded = db.load().await.expect("load");
    assert_eq!(
        (loaded.skipped, loaded.set_aside, loaded.tampered),
        (0, 0, 0)
    );
    let mut book = loaded.book;
    assert_eq!(book.staff().len(), 1);
    assert_eq!(book.customers().len(), 2);
    assert_eq!(book.orders().len(), 2);
    assert_eq!(book.next_id(), 6);
    let total: i64 = book.orders().iter().map(|o| o.amount.fen()).sum();
    assert_eq!(total, 1_234_560 + 88_000);
    let change = book
        .plan(&new_customer("升级后新增的客户"), today())
        .expect("valid");
    db.write(&book, &change, loaded.revision)
        .await
        .expect("write");
    book.commit(&change);
    assert_eq!(
        stored_schema_version(name).await,
        Some(f64::from(liuke_engine::schema::CURRENT_VERSION))
    );
    assert!(db.load().await.expect("reload").book == book);
    db.close();
}

/// The released app's locked book (passphrase "fixture-passphrase") opens with its
/// passphrase, and its pages, sealed before pages were bound to their place, are bound.
#[wasm_bindgen_test]
async fn a_locked_book_written_by_the_released_app_opens_and_is_bound() {
    use liuke::storage::lock::Cipher;
    let name = "liuke-test-released-locked";
    restore_dump(
        name,
        include_str!("../crates/engine/tests/fixtures/idb-released-locked.json"),
    )
    .await;
    let db = Db::open_named(name).await.expect("open and upgrade");
    assert_eq!(db.load().await.err(), Some(StorageError::Locked));
    let meta = db.lock_meta().await.expect("meta").expect("locked");
    let key = Cipher::unlock("fixture-passphrase", &meta)
        .await
        .expect("the released passphrase opens it");
    let keyed = db.with_cipher(Some(key));
    let loaded = keyed.load().await.expect("load");
    assert_eq!((loaded.skipped, loaded.tampered), (0, 0));
    assert_eq!(loaded.book.customers().len(), 2);
    assert_eq!(loaded.book.orders().len(), 2);
    let page = get_raw(name, "customers", 0.0).await.expect("page");
    assert!(page.starts_with("~:"), "bound at the first load");
    assert!(keyed.load().await.expect("again").book == loaded.book);
    db.close();
}

/// Issue 16.6 with 15.6's migration: the released app kept the team settings on the
/// device. Opening its book moves them into the book (schema 2), the device's copies
/// are dropped, and they come back from the book at the next load.
#[wasm_bindgen_test]
async fn opening_a_released_book_moves_the_device_settings_into_it() {
    use gloo_storage::{LocalStorage, Storage};
    use liuke_engine::book::TeamSettings;
    let name = "liuke-test-released-settings";
    restore_dump(
        name,
        include_str!("../crates/engine/tests/fixtures/idb-released-plain.json"),
    )
    .await;
    // As the released app stored them: the scoring part, the rotation policy, the pool.
    LocalStorage::set(
        "liuke.insight",
        serde_json::json!({"risk": {"cadence_a_days": 21, "bands": {"watch": 20.0, "high": 45.0, "critical": 70.0}}, "value": {"horizon_months": 24, "monthly_discount": 0.008}, "register": {"top_tier_cannot_lose": false}}),
    )
    .expect("set");
    LocalStorage::set("liuke.rotation", serde_json::json!({"load": 33.0})).expect("set");
    LocalStorage::set(
        "liuke.pool",
        serde_json::json!({"enabled": true, "claim_cap": 40}),
    )
    .expect("set");
    let db = Db::open_named(name).await.expect("open and upgrade");
    let loaded = db.load().await.expect("load");
    let settings = loaded.book.settings().clone();
    assert_eq!(settings.risk.cadence_a_days, 21);
    assert_eq!(settings.risk.bands.watch, 20.0);
    assert_eq!(settings.value.horizon_months, 24);
    assert!(!settings.register.top_tier_cannot_lose);
    assert_eq!(settings.rotation.load, 33.0);
    assert!(settings.pool.enabled);
    assert_eq!(settings.pool.claim_cap, 40);
    assert_eq!(settings.pool_confirmed, None);
    assert_ne!(settings, TeamSettings::default());
    assert_eq!(loaded.book.customers().len(), 2);
    assert_eq!(
        stored_schema_version(name).await,
        Some(f64::from(liuke_engine::schema::CURRENT_VERSION))
    );
    assert!(LocalStorage::raw()
        .get_item("liuke.insight")
        .expect("read")
        .is_none());
    assert!(LocalStorage::raw()
        .get_item("liuke.pool")
        .expect("read")
        .is_none());
    let again = db.load().await.expect("reload");
    assert_eq!(again.book.settings(), &settings);
    assert!(!again.settings_unreadable);
    db.close();
}

/// Team settings are saved with the book like any change, sealed when the book is
/// locked; settings put in the clear into a locked book are not trusted.
#[wasm_bindgen_test]
async fn team_settings_are_saved_sealed_and_checked_at_load() {
    use liuke::storage::idb::LockUpdate;
    use liuke::storage::lock::Cipher;
    use liuke_engine::book::TeamSettings;
    let name = "liuke-test-team-settings";
    let db = fresh_db(name).await;
    let mut book = db.load().await.expect("load").book;
    let mut tuned = TeamSettings::default();
    tuned.risk.cadence_b_days = 45;
    tuned.pool.enabled = true;
    let change = book
        .plan(
            &Command::SetSettings {
                settings: Box::new(tuned.clone()),
            },
            today(),
        )
        .expect("valid");
    let revision = db.write(&book, &change, 0.0).await.expect("write");
    book.commit(&change);
    assert_eq!(db.load().await.expect("load").book.settings(), &tuned);

    let (cipher, meta) = Cipher::create("correct horse", "correct horse")
        .await
        .expect("create");
    db.rewrite(&book, revision, LockUpdate::Set(cipher.clone(), meta))
        .await
        .expect("seal");
    let stored = get_raw_at(name, "meta", &JsValue::from_str("settings"))
        .await
        .expect("stored");
    assert!(
        stored.starts_with("~:"),
        "sealed and bound: {}",
        &stored[..4]
    );
    let sealed = db.with_cipher(Some(cipher));
    let loaded = sealed.load().await.expect("load");
    assert_eq!(loaded.book.settings(), &tuned);
    assert!(!loaded.settings_unreadable);

    // Settings in the clear in a locked book were put there outside the app.
    let mut forged = tuned.clone();
    forged.pool.claim_cap = 1;
    let text = serde_json::to_string(&forged).expect("json");
    put_raw_at(name, "meta", &JsValue::from_str("settings"), &text).await;
    let loaded = sealed.load().await.expect("load");
    assert_eq!(loaded.book.settings(), &TeamSettings::default());
    assert!(loaded.settings_unreadable);
    assert_eq!(loaded.tampered, 1);
    db.close();
}

/// Issue 17.4: the team-sync pages are written in the same transaction as the change
/// they belong to (a refused write writes neither), read back whole, sealed and bound to
/// their key when the book is locked.
#[wasm_bindgen_test]
async fn team_sync_pages_go_with_their_change_and_are_sealed_when_locked() {
    use liuke::storage::idb::LockUpdate;
    use liuke::storage::lock::Cipher;
    use liuke_engine::sync::arrival::outgoing;
    use liuke_engine::sync::pages::page_key;
    use liuke_engine::sync::store::SyncStore;
    let name = "liuke-test-sync-pages";
    let db = fresh_db(name).await;
    let mut book = db.load().await.expect("load").book;
    let mut sync = SyncStore::new();
    let change = book.plan(&new_customer("宏达"), today()).expect("valid");
    for (id, body) in outgoing(&change) {
        sync.edit(&id, body).expect("an edit");
    }
    let revision = db
        .write_with_sync(&book, &change, sync.take_changed_pages(), 0.0)
        .await
        .expect("write");
    book.commit(&change);
    let (back, unreadable) = db.load_sync().await.expect("load sync");
    assert!(unreadable.is_empty());
    assert_eq!(
        back.doc_ids().collect::<Vec<_>>(),
        sync.doc_ids().collect::<Vec<_>>()
    );
    assert_eq!(back.seq(), sync.seq());
    // Another tab wrote meanwhile: neither the change nor its sync pages are written.
    let refused = book.plan(&new_customer("远航"), today()).expect("valid");
    for (id, body) in outgoing(&refused) {
        sync.edit(&id, body).expect("an edit");
    }
    assert_eq!(
        db.write_with_sync(&book, &refused, sync.take_changed_pages(), revision - 1.0)
            .await
            .err(),
        Some(StorageError::Conflict)
    );
    let (back, _) = db.load_sync().await.expect("load sync");
    assert_eq!(back.doc_ids().count(), 1, "nothing of the refused change");

    // Locked: every sync page sealed anew, bound to its key.
    let (cipher, meta) = Cipher::create("correct horse", "correct horse")
        .await
        .expect("create");
    db.rewrite(&book, revision, LockUpdate::Set(cipher.clone(), meta))
        .await
        .expect("seal");
    let stored = get_raw_at(name, "sync", &JsValue::from_str("meta"))
        .await
        .expect("stored");
    assert!(stored.starts_with("~:"), "{}", &stored[..4]);
    let sealed = db.with_cipher(Some(cipher));
    let (back, unreadable) = sealed.load_sync().await.expect("load sync");
    assert!(unreadable.is_empty());
    assert_eq!(back.doc_ids().count(), 1);
    assert!(db
        .load_sync()
        .await
        .expect("without the key")
        .0
        .doc_ids()
        .next()
        .is_none());
    // A sealed page moved under another key does not open there.
    let key = page_key(back.doc_ids().next().expect("a document"));
    let text = get_raw_at(name, "sync", &JsValue::from_str(&key))
        .await
        .expect("stored");
    put_raw_at(name, "sync", &JsValue::from_str("orders/0"), &text).await;
    let (_, unreadable) = sealed.load_sync().await.expect("load sync");
    assert_eq!(unreadable, vec!["orders/0".to_string()]);
    db.close();
}
