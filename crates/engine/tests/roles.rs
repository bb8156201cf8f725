//! Who may do what in a team book: a rep's changes checked against the rules the team
//! database enforces, with the real commands the app sends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::pool::{claim, PoolSettings};
use liuke_engine::sync::role::{check, Forbidden, Role};
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 12, 7).expect("a date")
}

struct Team {
    book: Book,
    me: StaffId,
    other: StaffId,
    mine: CustomerId,
    theirs: CustomerId,
    pooled: CustomerId,
}

fn created(book: &mut Book, command: Command) -> u64 {
    book.apply(&command, today())
        .expect("applies")
        .created
        .expect("an id")
        .id
}

fn team() -> Team {
    let mut book = Book::new();
    let mut staff = |name: &str| {
        StaffId(created(
            &mut book,
            Command::Create {
                record: Record::Staff(Staff {
                    name: name.into(),
                    hire_date: Date::from_ymd_opt(2020, 1, 1).expect("a date"),
                    ..Staff::default()
                }),
            },
        ))
    };
    let (me, other) = (staff("李雷"), staff("韩梅梅"));
    let mut customer = |name: &str, owner: Option<StaffId>| {
        CustomerId(created(
            &mut book,
            Command::CreateCustomer {
                customer: Customer::new(name, today()),
                owner,
            },
        ))
    };
    let mine = customer("常州武进", Some(me));
    let theirs = customer("无锡新区", Some(other));
    let pooled = customer("苏州园区", None);
    Team {
        book,
        me,
        other,
        mine,
        theirs,
        pooled,
    }
}

fn as_rep(team: &Team, command: &Command) -> Result<(), Forbidden> {
    let change = team.book.plan(command, today()).expect("plans");
    // A manager may make every change a rep may not.
    assert_eq!(check(&change, Role::Manager, None), Ok(()));
    check(&change, Role::Rep, Some(team.me))
}

fn customer_key(id: CustomerId) -> RecordKey {
    RecordKey {
        kind: RecordKind::Customer,
        id: id.0,
    }
}

#[test]
fn a_rep_may_not_delete_customers_move_owners_or_change_team_settings() {
    let team = team();
    let delete = Command::Delete {
        key: customer_key(team.mine),
    };
    assert_eq!(as_rep(&team, &delete), Err(Forbidden::DeleteCustomer));
    for (customer, staff) in [
        (team.theirs, Some(team.me)),
        (team.mine, Some(team.other)),
        (team.pooled, Some(team.other)),
    ] {
        let assign = Command::AssignOwner {
            customer,
            staff,
            on: today(),
        };
        assert_eq!(
            as_rep(&team, &assign),
            Err(Forbidden::Owner),
            "{customer:?}"
        );
    }
    let settings = Command::SetSettings {
        settings: Box::new(team.book.settings().clone()),
    };
    let mut changed = team.book.settings().clone();
    changed.pool.claim_cap += 1;
    let settings_changed = Command::SetSettings {
        settings: Box::new(changed),
    };
    // Setting them as they are changes nothing; changing them is a manager's.
    let unchanged = team.book.plan(&settings, today()).expect("plans");
    assert_eq!(check(&unchanged, Role::Rep, Some(team.me)), Ok(()));
    assert_eq!(
        as_rep(&team, &settings_changed),
        Err(Forbidden::TeamSettings)
    );
}

#[test]
fn a_rep_may_claim_from_the_pool_add_their_own_customers_and_give_their_own_back() {
    let team = team();
    let claimed = claim(
        &team.book,
        &PoolSettings::default(),
        team.pooled,
        team.me,
        today(),
    )
    .expect("claimable");
    assert_eq!(as_rep(&team, &claimed), Ok(()));
    let added = Command::CreateCustomer {
        customer: Customer::new("昆山新客户", today()),
        owner: Some(team.me),
    };
    assert_eq!(as_rep(&team, &added), Ok(()));
    let given_back = Command::AssignOwner {
        customer: team.mine,
        staff: None,
        on: today(),
    };
    assert_eq!(as_rep(&team, &given_back), Ok(()));
    let visit = Command::Create {
        record: Record::Interaction(Interaction {
            customer: team.theirs,
            staff: Some(team.me),
            date: today(),
            summary: "上门拜访".into(),
            ..Interaction::default()
        }),
    };
    assert_eq!(as_rep(&team, &visit), Ok(()));
    // Before the device says who it is, no customer changes hands.
    let change = team.book.plan(&claimed, today()).expect("plans");
    assert_eq!(check(&change, Role::Rep, None), Err(Forbidden::WhoAmI));
}

#[test]
fn roles_come_from_the_team_database_and_reasons_read_back() {
    assert_eq!(Role::of(&["liuke-manager".into()]), Role::Manager);
    assert_eq!(Role::of(&["_admin".into()]), Role::Manager);
    assert_eq!(Role::of(&["sales".into()]), Role::Rep);
    assert_eq!(Role::of(&[]), Role::Rep);
    for rule in [
        Forbidden::TeamSettings,
        Forbidden::DeleteCustomer,
        Forbidden::Owner,
        Forbidden::Rotation,
        Forbidden::WhoAmI,
    ] {
        assert_eq!(Forbidden::from_code(rule.code()), Some(rule));
    }
    assert_eq!(Forbidden::from_code("nonsense"), None);
}
