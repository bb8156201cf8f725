//! The JSON backup: restoring an export gives back the same book; anything broken,
//! foreign or newer is refused with the matching reason; old fixtures keep loading.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::book::settings::SettingsError;
use liuke_engine::book::TeamSettings;
use liuke_engine::interchange::backup::{export, restore};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::schema::{self, SchemaError, Snapshot, CURRENT_VERSION};
use liuke_engine::*;
use serde_json::{json, Value};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> Date {
    day(2025, 6, 30)
}

fn create(book: &mut Book, record: Record) -> u64 {
    let change = book
        .apply(&Command::Create { record }, today())
        .expect("valid record");
    change.created.expect("a create names its record").id
}

/// The book of the schema fixtures: three customers (a Chinese company, an English one,
/// a person), three staff (active, left, leaving), a handover, and one of everything else.
fn small_book() -> Book {
    let mut book = Book::new();
    let hongda = CustomerId(create(
        &mut book,
        Record::Customer(Customer {
            name: "杭州宏达建材有限公司".into(),
            industry: "建材贸易".into(),
            region: "华东".into(),
            tier: Tier::A,
            tags: vec!["战略合作".into(), "月结".into()],
            cannot_lose: true,
            referrals: 2,
            notes: "年底集中采购，需提前备货".into(),
            ..Customer::new("", day(2019, 4, 1))
        }),
    ));
    let harbor = CustomerId(create(
        &mut book,
        Record::Customer(Customer {
            name: "Blue Harbor Trading Co.".into(),
            industry: "建材贸易".into(),
            region: "华南".into(),
            tier: Tier::B,
            ..Customer::new("", day(2021, 9, 15))
        }),
    ));
    let zhang = CustomerId(create(
        &mut book,
        Record::Customer(Customer {
            name: "张伟".into(),
            kind: CustomerKind::Person,
            industry: "装饰装修".into(),
            region: "华北".into(),
            status: CustomerStatus::AtRisk,
            ..Customer::new("", day(2023, 2, 1))
        }),
    ));
    let staff = |name: &str, role, hire, regions: &[&str], status| {
        Record::Staff(Staff {
            name: name.into(),
            role,
            hire_date: hire,
            regions: regions
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            industries: vec!["建材贸易".into()],
            capacity: 80,
            status,
            ..Staff::default()
        })
    };
    let chen = StaffId(create(
        &mut book,
        staff(
            "陈静",
            StaffRole::SeniorManager,
            day(2016, 3, 1),
            &["华东", "华南"],
            StaffStatus::Active,
        ),
    ));
    let liu = StaffId(create(
        &mut book,
        staff(
            "刘洋",
            StaffRole::AccountManager,
            day(2020, 7, 1),
            &["华北"],
            StaffStatus::Active,
        ),
    ));
    let zhao = StaffId(create(
        &mut book,
        staff(
            "赵磊",
            StaffRole::AccountManager,
            day(2022, 2, 14),
            &["华北"],
            StaffStatus::Active,
        ),
    ));
    let owner = |customer, staff, since| {
        Record::Relationship(Relationship {
            customer,
            staff,
            since,
            ..Relationship::default()
        })
    };
    create(&mut book, owner(hongda, chen, day(2019, 4, 1)));
    create(&mut book, owner(harbor, chen, day(2021, 9, 15)));
    create(&mut book, owner(zhang, liu, day(2023, 2, 1)));
    create(
        &mut book,
        Record::Relationship(Relationship {
            customer: hongda,
            staff: zhao,
            role: RelationshipRole::Secondary,
            since: day(2023, 1, 10),
            ..Relationship::default()
        }),
    );
    book.apply(
        &Command::AssignOwner {
            customer: zhang,
            staff: Some(zhao),
            on: day(2024, 11, 30),
        },
        today(),
    )
    .expect("handover");
    for (id, status) in [
        (liu, StaffStatus::Left(day(2024, 11, 30))),
        (zhao, StaffStatus::Leaving(day(2025, 8, 31))),
    ] {
        let mut member = book.staff().get(id.0).expect("staff").clone();
        member.status = status;
        book.apply(
            &Command::Update {
                record: Record::Staff(member),
            },
            today(),
        )
        .expect("update");
    }
    let wang = ContactId(create(
        &mut book,
        Record::Contact(Contact {
            customer: hongda,
            name: "王丽".into(),
            title: "采购经理".into(),
            phone: "13805712345".into(),
            birthday: Some(day(1984, 5, 20)),
            channel: Channel::WeChat,
            decision_maker: true,
            ..Contact::default()
        }),
    ));
    let order = |customer, date, yuan_fen: i64, staff| {
        Record::Order(Order {
            customer,
            date,
            amount: Money(yuan_fen),
            quantity: 40,
            margin: Money(yuan_fen / 6),
            cost_to_serve: Money(35_000),
            staff: Some(staff),
            ..Order::default()
        })
    };
    create(&mut book, order(hongda, day(2025, 1, 8), 12_800_050, chen));
    create(&mut book, order(hongda, day(2025, 3, 20), 9_650_000, chen));
    create(&mut book, order(hongda, day(2025, 6, 2), 11_020_000, chen));
    create(&mut book, order(harbor, day(2025, 2, 26), 3_380_000, chen));
    create(&mut book, order(harbor, day(2025, 5, 30), 2_990_000, chen));
    create(&mut book, order(zhang, day(2024, 9, 12), 860_000, liu));
    create(
        &mut book,
        Record::Interaction(Interaction {
            customer: hongda,
            date: day(2025, 6, 18),
            kind: InteractionKind::Visit,
            staff: Some(chen),
            contact: Some(wang),
            summary: "拜访采购部，了解下季度用量".into(),
            ..Interaction::default()
        }),
    );
    create(
        &mut book,
        Record::Complaint(Complaint {
            customer: zhang,
            received: day(2025, 5, 20),
            channel: "电话".into(),
            severity: Severity::High,
            subject: "送货延迟".into(),
            investigating_on: Some(day(2025, 5, 21)),
            resolved_on: Some(day(2025, 6, 2)),
            resolution: "补发货物并承担运费".into(),
            ..Complaint::default()
        }),
    );
    create(
        &mut book,
        Record::Survey(Survey {
            customer: hongda,
            date: day(2025, 4, 10),
            score: 5,
            method: SurveyMethod::Phone,
            ..Survey::default()
        }),
    );
    create(
        &mut book,
        Record::Survey(Survey {
            customer: zhang,
            date: day(2025, 6, 5),
            score: 2,
            method: SurveyMethod::Questionnaire,
            ..Survey::default()
        }),
    );
    create(
        &mut book,
        Record::Signal(Signal {
            customer: zhang,
            date: day(2025, 6, 12),
            kind: SignalKind::CompetitorApproach,
            severity: Severity::High,
            note: "竞争对手报价低约8%，已上门拜访".into(),
            ..Signal::default()
        }),
    );
    create(
        &mut book,
        Record::KeyDate(KeyDate {
            customer: hongda,
            contact: Some(wang),
            kind: KeyDateKind::Birthday,
            date: day(1984, 5, 20),
            recurring: true,
            label: "王丽生日".into(),
            ..KeyDate::default()
        }),
    );
    create(
        &mut book,
        Record::KeyDate(KeyDate {
            customer: hongda,
            kind: KeyDateKind::Renewal,
            date: day(2024, 12, 1),
            recurring: true,
            label: "年度供货合同续签".into(),
            ..KeyDate::default()
        }),
    );
    book
}

/// The export, laid out one record per line so that a person can read and diff it.
fn readable_export(book: &Book, today: Date) -> String {
    let mut out = format!(
        "{{\n  \"format\": \"{}\",\n  \"schema_version\": {CURRENT_VERSION},\n  \"next_id\": {},\n  \"exported_on\": \"{today}\"",
        schema::FORMAT,
        book.next_id()
    );
    out.push_str(&format!(
        ",\n  \"settings\": {}",
        serde_json::to_string(book.settings()).expect("settings serialize")
    ));
    for kind in RecordKind::ALL {
        let rows: Vec<String> = book
            .records(kind)
            .iter()
            .map(|r| format!("    {}", r.to_json()))
            .collect();
        out.push_str(&format!(
            ",\n  \"{}\": [\n{}\n  ]",
            kind.store(),
            rows.join(",\n")
        ));
    }
    out.push_str("\n}\n");
    out
}

fn fixture_path(version: u32) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/book-v{version}.json"))
}

/// Writes the current version's fixture if it does not exist yet. Never overwrites:
/// a fixture must stay exactly what its schema version wrote.
#[test]
#[ignore = "writes tests/fixtures/book-v{CURRENT_VERSION}.json; run by hand once per schema version"]
fn write_current_fixture() {
    let path = fixture_path(CURRENT_VERSION);
    if path.exists() {
        return;
    }
    let book = tuned_book();
    let text = readable_export(&book, today());
    assert!(
        restore(&text).expect("readable") == restore(&export(&book, today())).expect("compact")
    );
    std::fs::write(&path, text).expect("fixture written");
}

/// The small book with team settings a manager tuned: what the v2 fixture holds.
fn tuned_book() -> Book {
    let mut book = small_book();
    book.apply(
        &Command::SetSettings {
            settings: Box::new(tuned_settings()),
        },
        today(),
    )
    .expect("tuned settings apply");
    book
}

fn tuned_settings() -> TeamSettings {
    let mut settings = TeamSettings::default();
    settings.risk.cadence_a_days = 21;
    settings.risk.weights.contact_gap = 12.5;
    settings.value.horizon_months = 24;
    // The default before it became a round 10 % a year; the v2 fixture stores it.
    settings.value.monthly_discount = 0.008;
    settings.rotation.tier_b.max_years = 3;
    settings.pool.enabled = true;
    settings.pool.claim_cap = 40;
    settings.pool_confirmed = Some(settings.pool);
    settings
}

#[test]
fn a_v1_backup_gets_the_default_team_settings() {
    let text =
        std::fs::read_to_string(fixture_path(1)).expect("tests/fixtures/book-v1.json is committed");
    assert!(
        !text.contains("\"settings\""),
        "v1 carried no team settings"
    );
    let book = restore(&text).expect("the v1 fixture loads");
    assert_eq!(book.settings(), &TeamSettings::default());
    let upgraded = schema::upgrade(serde_json::from_str(&text).expect("json")).expect("upgrades");
    assert_eq!(upgraded["schema_version"], 2);
    assert_eq!(upgraded["settings"]["risk"]["cadence_a_days"], 30);
}

#[test]
fn loads_v2_fixture_with_its_team_settings() {
    let text =
        std::fs::read_to_string(fixture_path(2)).expect("tests/fixtures/book-v2.json is committed");
    let book = restore(&text).expect("the v2 fixture loads");
    assert_eq!(book.settings(), &tuned_settings());
    assert_eq!(book.count(RecordKind::Customer), 3);
    let by_tree =
        schema::read_book(serde_json::from_str(&text).expect("json")).expect("read through a tree");
    assert!(by_tree == book, "the fast path and the tree path agree");
}

#[test]
fn team_settings_survive_a_backup() {
    let book = tuned_book();
    let restored = restore(&export(&book, today())).expect("restore");
    assert_eq!(restored.settings(), &tuned_settings());
    assert!(restored == book);
}

#[test]
fn a_backup_with_unusable_team_settings_is_refused_whole() {
    let mut value = tree();
    value["settings"]["risk"]["cadence_a_days"] = Value::from(4_000_000_000u64);
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Settings(SettingsError::OutOfRange(
            "risk.cadence_a_days"
        )))
    );
    let mut value = tree();
    value["settings"]["risk"]["bands"]["high"] = Value::from(10.0);
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Settings(SettingsError::BandOrder))
    );
    let mut value = tree();
    value["settings"]["pool"]["claim_cap"] = Value::from("many");
    assert!(matches!(
        restore_tree(&value),
        Err(SchemaError::SettingsCorrupt(_))
    ));
}

#[test]
fn loads_v1_fixture() {
    let text =
        std::fs::read_to_string(fixture_path(1)).expect("tests/fixtures/book-v1.json is committed");
    let book = restore(&text).expect("the v1 fixture loads");
    assert_eq!(book.count(RecordKind::Customer), 3);
    assert_eq!(book.count(RecordKind::Staff), 3);
    assert_eq!(book.count(RecordKind::Order), 6);
    assert_eq!(book.count(RecordKind::Relationship), 5);
    assert_eq!(book.count(RecordKind::Contact), 1);
    assert_eq!(book.count(RecordKind::Complaint), 1);
    assert_eq!(book.count(RecordKind::Survey), 2);
    assert_eq!(book.count(RecordKind::Signal), 1);
    assert_eq!(book.count(RecordKind::KeyDate), 2);
    let names: Vec<&str> = book.customers().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["杭州宏达建材有限公司", "Blue Harbor Trading Co.", "张伟"]
    );
    let hongda = book.customers().iter().next().expect("a customer");
    assert_eq!(
        (hongda.tier, hongda.cannot_lose, hongda.referrals),
        (Tier::A, true, 2)
    );
    assert_eq!(hongda.tags, ["战略合作", "月结"]);
    let biggest = book
        .orders()
        .iter()
        .map(|o| o.amount)
        .max()
        .expect("orders");
    assert_eq!(biggest, Money(12_800_050));
    assert_eq!(biggest.to_string(), "128000.50");
    assert_eq!(
        book.orders()
            .of_customer(hongda.id)
            .map(|o| o.amount)
            .sum::<Money>(),
        Money(33_470_050)
    );

    let zhang = book
        .customers()
        .iter()
        .find(|c| c.kind == CustomerKind::Person)
        .expect("a person");
    let owner = book
        .owner_of(zhang.id)
        .and_then(|s| book.staff().get(s.0))
        .expect("an owner");
    assert_eq!(owner.name, "赵磊");
    assert_eq!(owner.status, StaffStatus::Leaving(day(2025, 8, 31)));
    let ended: Vec<&Relationship> = book
        .relationships()
        .of_customer(zhang.id)
        .filter(|r| !r.is_live())
        .collect();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].until, Some(day(2024, 11, 30)));
    let complaint = book.complaints().iter().next().expect("a complaint");
    assert_eq!(complaint.status(), ComplaintStatus::Resolved);
    assert_eq!(
        book.contacts().iter().next().map(|c| c.name.as_str()),
        Some("王丽")
    );
    assert_eq!(
        book.signals().iter().next().map(|s| s.kind),
        Some(SignalKind::CompetitorApproach)
    );
}

#[test]
fn restoring_an_export_gives_the_same_book() {
    let book = small_book();
    let text = export(&book, today());
    assert!(text.contains("\"exported_on\":\"2025-06-30\""));
    assert!(restore(&text).expect("restore") == book);
    let with_bom = format!("\u{feff}{text}");
    assert!(restore(&with_bom).expect("restore with BOM") == book);
    assert!(restore(&Snapshot::write(&book, None)).expect("no export date") == book);
}

#[test]
fn restoring_the_small_sample_gives_the_same_book() {
    let book = sample_book(SampleSize::S, today());
    let text = export(&book, today());
    let restored = restore(&text).expect("restore");
    assert!(restored == book);
    assert_eq!(restored.next_id(), book.next_id());
    assert_eq!(export(&restored, today()), text, "export is stable");
    let by_tree =
        schema::read_book(serde_json::from_str(&text).expect("json")).expect("read through a tree");
    assert!(by_tree == book, "the fast path and the tree path agree");
}

/// The small book's export as a JSON tree, for breaking it in specific ways.
fn tree() -> Value {
    serde_json::from_str(&export(&small_book(), today())).expect("json")
}

fn restore_tree(value: &Value) -> Result<Book, SchemaError> {
    let text = value.to_string();
    let fast = restore(&text);
    let slow = serde_json::from_str(&text)
        .map_err(|e| SchemaError::NotJson(e.to_string()))
        .and_then(schema::read_book);
    assert_eq!(
        fast.as_ref().err(),
        slow.as_ref().err(),
        "both paths give the same answer"
    );
    fast
}

fn store(value: &mut Value, kind: RecordKind) -> &mut Vec<Value> {
    value[kind.store()]
        .as_array_mut()
        .expect("a store is a list")
}

#[test]
fn broken_json_is_refused() {
    let text = export(&small_book(), today());
    for broken in [
        &text[..text.len() / 2],
        "",
        "{\"format\":",
        "not json at all",
    ] {
        match restore(broken) {
            Err(SchemaError::NotJson(reason)) => assert!(!reason.is_empty()),
            other => panic!("{broken:?}: {other:?}"),
        }
    }
}

#[test]
fn foreign_json_is_refused() {
    for foreign in [
        json!({"hello": 1}),
        json!([1, 2, 3]),
        json!("liuke-book"),
        json!({"format": "other-app", "schema_version": 1}),
        json!({"format": "liuke-book"}),
        json!({"format": "liuke-book", "schema_version": "1"}),
    ] {
        assert_eq!(
            restore_tree(&foreign).err(),
            Some(SchemaError::Foreign),
            "{foreign}"
        );
    }
}

#[test]
fn a_newer_schema_is_refused() {
    let mut value = tree();
    value["schema_version"] = json!(CURRENT_VERSION + 1);
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Newer {
            found: CURRENT_VERSION + 1,
            supported: CURRENT_VERSION
        })
    );
    value["schema_version"] = json!(u64::from(u32::MAX) + 2);
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Newer {
            found: u32::MAX,
            supported: CURRENT_VERSION
        }),
        "a huge version is not mistaken for an old one"
    );
    value["schema_version"] = json!(0);
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::NoMigration(0))
    );
}

#[test]
fn a_record_missing_a_required_field_is_refused() {
    let mut value = tree();
    store(&mut value, RecordKind::Customer)[1]
        .as_object_mut()
        .expect("an object")
        .remove("name");
    match restore_tree(&value) {
        Err(SchemaError::Corrupt {
            kind,
            index,
            reason,
        }) => {
            assert_eq!((kind, index), (RecordKind::Customer, 1));
            assert!(reason.contains("name"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let mut value = tree();
    store(&mut value, RecordKind::Order)[0]["amount"] = json!("a lot");
    assert!(matches!(
        restore_tree(&value),
        Err(SchemaError::Corrupt {
            kind: RecordKind::Order,
            index: 0,
            ..
        })
    ));
    let mut value = tree();
    value["surveys"] = json!({"not": "a list"});
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Corrupt {
            kind: RecordKind::Survey,
            index: 0,
            reason: "not a list".into()
        })
    );
}

#[test]
fn a_record_referring_to_a_missing_customer_is_refused() {
    let mut value = tree();
    let order = &mut store(&mut value, RecordKind::Order)[2];
    order["customer"] = json!(4242);
    let id = order["id"].as_u64().expect("an id");
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Invalid {
            kind: RecordKind::Order,
            id,
            error: BookError::invalid(
                Field::Customer,
                Problem::Unknown {
                    kind: RecordKind::Customer,
                    id: 4242
                }
            ),
        })
    );
}

/// A customer with nothing attached, to put anywhere in a backup.
fn lone_customer(id: u64) -> Value {
    json!({"id": id, "name": format!("客户{id}"), "since": "2020-01-01"})
}

#[test]
fn ids_that_storage_cannot_keep_exactly_are_refused() {
    use liuke_engine::ids::MAX_ID;
    // Two ids above 2^61 would share one storage key; u64::MAX would make the next new
    // customer wrap to id 1.
    for ids in [
        vec![(1 << 61) + 1, (1 << 61) + 2],
        vec![u64::MAX],
        vec![MAX_ID + 1],
    ] {
        let mut value = tree();
        for id in &ids {
            store(&mut value, RecordKind::Customer).push(lone_customer(*id));
        }
        assert_eq!(
            restore_tree(&value).err(),
            Some(SchemaError::IdTooLarge {
                kind: Some(RecordKind::Customer),
                id: ids[0]
            }),
            "{ids:?}"
        );
    }
    let mut value = tree();
    value["next_id"] = json!(u64::MAX);
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::IdTooLarge {
            kind: None,
            id: u64::MAX
        })
    );
}

#[test]
fn the_largest_id_restores_and_new_ids_stay_in_this_devices_space() {
    use liuke_engine::ids::{Device, MAX_ID};
    let mut value = tree();
    store(&mut value, RecordKind::Customer).push(lone_customer(MAX_ID));
    let mut book = restore_tree(&value).expect("the largest id is kept exactly");
    // MAX_ID is the last id of the last device's space: it does not move this book's
    // counter, and no new record can take it or wrap around to a used one.
    assert!(Device::LOCAL.owns(book.next_id()));
    let create = Command::Create {
        record: Record::Customer(Customer::new("又一个客户", day(2025, 1, 1))),
    };
    let change = book.apply(&create, today()).expect("an id of this device");
    let created = change.created.expect("created").id;
    assert!(Device::LOCAL.owns(created), "{created}");
    assert!(
        book.customers().get(MAX_ID).is_some(),
        "the largest id kept"
    );
}

#[test]
fn a_device_that_gave_out_every_id_of_its_space_refuses_to_create_not_wraps() {
    use liuke_engine::ids::Device;
    let mut value = tree();
    value["next_id"] = json!(Device::LOCAL.last_id() + 1);
    let mut book = restore_tree(&value).expect("a full space restores");
    let before = book.clone();
    let create = Command::Create {
        record: Record::Customer(Customer::new("又一个客户", day(2025, 1, 1))),
    };
    assert_eq!(
        book.apply(&create, today()).err(),
        Some(BookError::IdsExhausted)
    );
    assert_eq!(book, before, "nothing replaced, nothing half-written");
    // Giving a customer an owner needs a new id too.
    let customer = book
        .customers()
        .iter()
        .next()
        .map(|c| c.id)
        .expect("customer");
    let staff = book
        .staff()
        .iter()
        .map(|s| s.id)
        .find(|s| {
            Some(*s) != book.owner_of(customer)
                && book
                    .staff()
                    .get(s.0)
                    .is_some_and(|m| m.status.is_active_on(today()))
        })
        .expect("another active staff member");
    let assign = Command::AssignOwner {
        customer,
        staff: Some(staff),
        on: today(),
    };
    assert_eq!(
        book.apply(&assign, today()).err(),
        Some(BookError::IdsExhausted)
    );
    assert_eq!(book, before);
}

#[test]
fn a_file_nested_too_deeply_says_so() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(restore(&deep).err(), Some(SchemaError::TooDeep));
    // Deep inside a real backup, as a customer's tags.
    let mut value = tree();
    let nested = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let text = value
        .to_string()
        .replacen("\"tags\":[", &format!("\"tags\":[{nested},"), 1);
    assert!(text.len() > value.to_string().len());
    assert_eq!(restore(&text).err(), Some(SchemaError::TooDeep));
    // Brackets inside strings do not count, and a shallow broken file is still "not JSON".
    value["customers"][0]["notes"] = json!("[".repeat(500));
    assert!(restore_tree(&value).is_ok());
    assert!(matches!(
        restore("{\"format\": [1, 2"),
        Err(SchemaError::NotJson(_))
    ));
}

#[test]
fn dates_outside_1900_to_2200_are_refused_with_their_field() {
    // A complaint near the end of chrono's range once panicked every dashboard.
    for (received, year) in [
        ("+262000-01-01", 262_000),
        ("2201-01-01", 2201),
        ("1899-12-31", 1899),
    ] {
        let mut value = tree();
        let complaint = &mut store(&mut value, RecordKind::Complaint)[0];
        complaint["received"] = json!(received);
        let id = complaint["id"].as_u64().expect("an id");
        assert_eq!(
            restore_tree(&value).err(),
            Some(SchemaError::Invalid {
                kind: RecordKind::Complaint,
                id,
                error: BookError::invalid(
                    Field::Received,
                    Problem::YearOutOfRange {
                        first: 1900,
                        last: 2200
                    }
                ),
            }),
            "{year}"
        );
    }
    // Nested dates too: an announcement's "told on" dates.
    let mut value = tree();
    let customer = store(&mut value, RecordKind::Customer)[0]["id"].clone();
    store(&mut value, RecordKind::Announcement).push(json!({
        "id": 90_001, "date": "2025-01-01", "title": "调价通知",
        "told": [{"customer": customer, "on": "9999-01-01"}]
    }));
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Invalid {
            kind: RecordKind::Announcement,
            id: 90_001,
            error: BookError::invalid(
                Field::Date,
                Problem::YearOutOfRange {
                    first: 1900,
                    last: 2200
                }
            ),
        })
    );
    // The same check guards every edit.
    let mut book = small_book();
    let create = Command::Create {
        record: Record::Customer(Customer::new("老字号", day(1899, 1, 1))),
    };
    assert_eq!(
        book.apply(&create, today()).err(),
        Some(BookError::invalid(
            Field::Since,
            Problem::YearOutOfRange {
                first: 1900,
                last: 2200
            }
        ))
    );
}

#[test]
fn a_duplicate_id_is_refused() {
    let mut value = tree();
    let customer_id = store(&mut value, RecordKind::Customer)[0]["id"].clone();
    store(&mut value, RecordKind::Survey)[1]["id"] = customer_id.clone();
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::DuplicateId(
            customer_id.as_u64().expect("an id")
        ))
    );
}

#[test]
fn an_invalid_record_or_a_second_live_owner_is_refused() {
    let mut value = tree();
    let survey = &mut store(&mut value, RecordKind::Survey)[0];
    survey["score"] = json!(9);
    let id = survey["id"].as_u64().expect("an id");
    assert_eq!(
        restore_tree(&value).err(),
        Some(SchemaError::Invalid {
            kind: RecordKind::Survey,
            id,
            error: BookError::invalid(Field::Score, Problem::OutOfRange { min: 1, max: 5 }),
        })
    );

    let mut value = tree();
    let relationships = store(&mut value, RecordKind::Relationship);
    let ended = relationships
        .iter_mut()
        .find(|r| !r["until"].is_null())
        .expect("an ended relationship");
    ended["until"] = Value::Null;
    assert!(matches!(
        restore_tree(&value),
        Err(SchemaError::Invalid {
            kind: RecordKind::Relationship,
            error: BookError::Invalid {
                field: Field::Role,
                problem: Problem::Duplicate
            },
            ..
        })
    ));
}

#[test]
fn missing_or_empty_stores_are_an_empty_book_part() {
    let mut value = tree();
    let object = value.as_object_mut().expect("an object");
    object.remove("signals");
    object.insert("surveys".into(), Value::Null);
    object.insert("from_the_future".into(), json!([1, 2]));
    let book = restore_tree(&value).expect("still a book");
    assert_eq!(book.count(RecordKind::Signal), 0);
    assert_eq!(book.count(RecordKind::Survey), 0);
    assert_eq!(book.count(RecordKind::Order), 6);

    let empty = json!({"format": "liuke-book", "schema_version": CURRENT_VERSION});
    let book = restore_tree(&empty).expect("an empty book");
    assert!(book.is_empty());
    assert_eq!(book.next_id(), 1);
}

#[test]
fn win_back_cases_announcements_and_payment_plans_survive_a_backup() {
    let mut book = small_book();
    let customer = book
        .customers()
        .iter()
        .next()
        .map(|c| c.id)
        .unwrap_or_default();
    create(
        &mut book,
        Record::WinbackCase(WinbackCase {
            customer,
            opened: day(2025, 6, 1),
            causes: vec![LossCause::PriceFocus, LossCause::CompetitorPoaching],
            primary: Some(LossCause::PriceFocus),
            learned_via: Some(LearnedVia::Visit),
            worth_it: Some(true),
            actions: vec![WinbackAction {
                what: "总经理上门".into(),
                due: day(2025, 6, 20),
                done: Some(day(2025, 6, 18)),
                ..WinbackAction::default()
            }],
            exit: ExitChecklist {
                receivables: Money(880_000),
                lessons: "报价前先问预算".into(),
                ..ExitChecklist::default()
            },
            ..WinbackCase::default()
        }),
    );
    create(
        &mut book,
        Record::Announcement(Announcement {
            date: day(2025, 6, 10),
            kind: AnnouncementKind::Price,
            title: "7月起调价".into(),
            told: vec![Told {
                customer,
                on: day(2025, 6, 11),
            }],
            ..Announcement::default()
        }),
    );
    create(
        &mut book,
        Record::Instalment(Instalment {
            customer,
            due: day(2025, 7, 15),
            amount: Money(2_000_000),
            paid: Money(500_000),
            paid_on: Some(day(2025, 6, 28)),
            ..Instalment::default()
        }),
    );
    let text = export(&book, today());
    let restored = restore(&text).expect("restore");
    assert!(restored == book);
    assert_eq!(restored.winback_cases().len(), 1);
    assert_eq!(restored.announcements().len(), 1);
    assert_eq!(restored.instalments().len(), 1);
}
