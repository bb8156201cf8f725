use super::*;
use crate::agenda::{agenda, complete, AgendaSettings, ItemFacts, ItemKind};
use crate::command::Change;
use crate::money::Money;
use crate::risk::RiskSettings;

fn day0() -> Date {
    Date::from_ymd_opt(2026, 6, 1).unwrap_or_default()
}

fn on(days: i64) -> Date {
    day0() + chrono::Duration::days(days)
}

fn run(book: &mut Book, command: &Command, today: Date) -> Change {
    match book.apply(command, today) {
        Ok(change) => change,
        Err(e) => panic!("{command:?}: {e}"),
    }
}

fn create(book: &mut Book, record: Record) -> u64 {
    run(book, &Command::Create { record }, on(0))
        .created
        .map_or(0, |k| k.id)
}

fn settings() -> PoolSettings {
    PoolSettings {
        enabled: true,
        ..PoolSettings::default()
    }
}

/// Two reps and one tier-B customer owned by the first since day 0, last called on day 0.
fn book() -> (Book, [StaffId; 2], CustomerId) {
    let mut book = Book::new();
    let staff = ["王芳", "李娜"].map(|name| {
        StaffId(create(
            &mut book,
            Record::Staff(Staff {
                name: name.into(),
                hire_date: on(-900),
                ..Staff::default()
            }),
        ))
    });
    let mut c = Customer::new("华东机电", on(-400));
    c.tier = Tier::B;
    let customer = CustomerId(create(&mut book, Record::Customer(c)));
    create(
        &mut book,
        Record::Relationship(Relationship {
            customer,
            staff: staff[0],
            since: on(-300),
            ..Relationship::default()
        }),
    );
    create(
        &mut book,
        Record::Interaction(Interaction {
            customer,
            date: on(0),
            kind: InteractionKind::Call,
            ..Interaction::default()
        }),
    );
    create(
        &mut book,
        Record::Order(Order {
            customer,
            date: on(0),
            amount: Money::from_yuan(1000),
            ..Order::default()
        }),
    );
    (book, staff, customer)
}

fn warnings_in_agenda(book: &Book, today: Date, pool: PoolSettings) -> Vec<(StaffId, Date)> {
    let settings = AgendaSettings {
        pool,
        ..AgendaSettings::default()
    };
    agenda(book, today, &RiskSettings::default(), &settings)
        .into_iter()
        .filter(|i| i.kind == ItemKind::PoolWarning)
        .filter_map(|i| i.staff.map(|s| (s, i.due)))
        .collect()
}

#[test]
fn nothing_is_recycled_or_warned_while_the_pool_is_off() {
    let (book, _, _) = book();
    let off = PoolSettings::default();
    assert!(clocks(&book, &off, on(500)).is_empty());
    assert!(recycle(&book, &off, on(500)).is_none());
    assert!(warnings_in_agenda(&book, on(500), off).is_empty());
}

#[test]
fn a_silent_customer_is_warned_then_recycled_with_its_reason_and_undo_returns_it() {
    let (mut book, staff, customer) = book();
    let pool = settings();
    // Tier B: 90 days without follow-up, warned 7 days before.
    assert!(warnings_in_agenda(&book, on(82), pool).is_empty());
    assert_eq!(
        warnings_in_agenda(&book, on(83), pool),
        vec![(staff[0], on(90))]
    );
    assert!(recycle(&book, &pool, on(89)).is_none());

    let Some((due, command)) = recycle(&book, &pool, on(90)) else {
        panic!("due on day 90");
    };
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].rule, RecycleRule::NoFollowUp);
    let change = run(&mut book, &command, on(90));
    assert_eq!(book.owner_of(customer), None);
    let ended = book
        .relationships()
        .of_customer(customer)
        .find(|r| r.recycled.is_some())
        .cloned();
    assert_eq!(ended.as_ref().and_then(|r| r.until), Some(on(90)));
    assert_eq!(
        ended.and_then(|r| r.recycled),
        Some(Recycled {
            rule: RecycleRule::NoFollowUp,
            idle_days: 90,
            limit_days: 90
        })
    );
    let timeline = crate::timeline::timeline(&book, customer, &[]);
    assert!(matches!(timeline.first(), Some(Record::Relationship(r)) if r.recycled.is_some()));
    let pooled = entries(&book);
    assert_eq!(pooled.len(), 1);
    assert_eq!(pooled[0].previous, Some(staff[0]));
    assert_eq!(pooled[0].since, Some(on(90)));
    // The run records its rules as said yes to, in the same change.
    assert_eq!(book.settings().pool_confirmed, Some(pool));

    run(&mut book, &Command::Revert { change }, on(90));
    assert_eq!(book.owner_of(customer), Some(staff[0]));
    assert!(entries(&book).is_empty());
    assert_eq!(book.settings().pool_confirmed, None, "undone with the run");
}

#[test]
fn a_follow_up_in_the_warning_zone_keeps_the_customer() {
    let (mut book, staff, customer) = book();
    let pool = settings();
    let items = {
        let settings = AgendaSettings {
            pool,
            ..AgendaSettings::default()
        };
        agenda(&book, on(85), &RiskSettings::default(), &settings)
    };
    let Some(item) = items.iter().find(|i| i.kind == ItemKind::PoolWarning) else {
        panic!("warned on day 85");
    };
    assert!(matches!(
        item.facts,
        ItemFacts::PoolWarning {
            idle_days: 85,
            limit_days: 90,
            ..
        }
    ));
    let Some(done) = complete(&book, item, on(85), Some(staff[0]), "电话回访") else {
        panic!("a follow-up warning is done with a call");
    };
    run(&mut book, &done, on(85));
    assert!(recycle(&book, &pool, on(90)).is_none());
    assert!(warnings_in_agenda(&book, on(90), pool).is_empty());
    assert_eq!(book.owner_of(customer), Some(staff[0]));
}

#[test]
fn the_order_rule_fires_on_its_own_limit() {
    let (mut book, _, customer) = book();
    let mut pool = settings();
    *pool.rule_mut(Tier::B) = PoolRule {
        follow_up_days: None,
        order_days: Some(120),
    };
    create(
        &mut book,
        Record::Interaction(Interaction {
            customer,
            date: on(0),
            kind: InteractionKind::Visit,
            ..Interaction::default()
        }),
    );
    let Some((due, _)) = recycle(&book, &pool, on(120)) else {
        panic!("no order for 120 days");
    };
    assert_eq!(due[0].rule, RecycleRule::NoOrder);
    assert!(recycle(&book, &pool, on(119)).is_none());
}

#[test]
fn a_transfer_restarts_the_clock_for_the_successor() {
    let (mut book, staff, customer) = book();
    let pool = settings();
    let transfer = Command::AssignOwner {
        customer,
        staff: Some(staff[1]),
        on: on(80),
    };
    run(&mut book, &transfer, on(80));
    assert!(recycle(&book, &pool, on(90)).is_none());
    let clock = clocks(&book, &pool, on(100));
    assert_eq!(clock.len(), 1);
    assert_eq!(clock[0].owner, staff[1]);
    assert_eq!(clock[0].idle_days, 20);
    assert!(recycle(&book, &pool, on(170)).is_some());
}

#[test]
fn locked_and_lost_customers_are_exempt_as_the_rules_say() {
    let (mut book, _, customer) = book();
    let mut pool = settings();
    let mut c = book
        .customers()
        .get(customer.0)
        .cloned()
        .unwrap_or_default();
    c.locked = true;
    run(
        &mut book,
        &Command::Update {
            record: Record::Customer(c.clone()),
        },
        on(0),
    );
    assert!(recycle(&book, &pool, on(200)).is_none());
    pool.exempt_locked = false;
    assert!(recycle(&book, &pool, on(200)).is_some());

    c.locked = false;
    c.status = CustomerStatus::Lost;
    run(
        &mut book,
        &Command::Update {
            record: Record::Customer(c),
        },
        on(0),
    );
    assert!(recycle(&book, &pool, on(200)).is_none());
    pool.exempt_lost = false;
    assert!(recycle(&book, &pool, on(200)).is_some());
}

#[test]
fn claiming_bars_the_previous_owner_and_respects_the_cap() {
    let (mut book, staff, customer) = book();
    let mut pool = settings();
    let Some((_, command)) = recycle(&book, &pool, on(90)) else {
        panic!("due on day 90");
    };
    run(&mut book, &command, on(90));

    assert_eq!(
        claim(&book, &pool, customer, staff[0], on(100)),
        Err(ClaimError::Barred { until: on(120) })
    );
    pool.claim_cap = 1;
    let mut other = Customer::new("西南建材", on(-10));
    other.tier = Tier::A;
    let held = CustomerId(create(&mut book, Record::Customer(other)));
    run(
        &mut book,
        &Command::AssignOwner {
            customer: held,
            staff: Some(staff[1]),
            on: on(90),
        },
        on(90),
    );
    assert_eq!(
        claim(&book, &pool, customer, staff[1], on(100)),
        Err(ClaimError::CapReached { holding: 1, cap: 1 })
    );
    pool.claim_cap = 2;
    let command =
        claim(&book, &pool, customer, staff[1], on(100)).unwrap_or_else(|e| panic!("{e}"));
    run(&mut book, &command, on(100));
    assert_eq!(book.owner_of(customer), Some(staff[1]));
    assert_eq!(
        claim(&book, &pool, customer, staff[0], on(130)),
        Err(ClaimError::NotInPool)
    );
    // The claim is on the timeline, and the new owner's clock starts on the claim.
    assert!(crate::timeline::timeline(&book, customer, &[])
        .iter()
        .any(|r| matches!(r, Record::Relationship(r) if r.claimed)));
    assert_eq!(
        clocks(&book, &pool, on(110))
            .iter()
            .find(|c| c.customer == customer)
            .map(|c| c.idle_days),
        Some(10)
    );
    // The bar ends after its days.
    run(
        &mut book,
        &Command::AssignOwner {
            customer,
            staff: None,
            on: on(120),
        },
        on(120),
    );
    assert!(claim(&book, &pool, customer, staff[0], on(120)).is_ok());
}

#[test]
fn a_former_owner_is_no_contact_point_and_expires() {
    let (mut book, staff, customer) = book();
    create(
        &mut book,
        Record::Relationship(Relationship {
            customer,
            staff: staff[1],
            role: RelationshipRole::Former,
            since: on(0),
            expires: Some(on(30)),
            ..Relationship::default()
        }),
    );
    assert_eq!(book.live_relationships(customer).count(), 1);
    let former: Vec<_> = book
        .relationships()
        .of_customer(customer)
        .filter(|r| r.is_former_on(on(10)))
        .collect();
    assert_eq!(former.len(), 1);
    assert!(!former[0].is_former_on(on(30)));
    let without_end = Relationship {
        customer,
        staff: staff[1],
        role: RelationshipRole::Former,
        since: on(0),
        ..Relationship::default()
    };
    assert!(book
        .plan(
            &Command::Create {
                record: Record::Relationship(without_end)
            },
            on(0)
        )
        .is_err());
}
