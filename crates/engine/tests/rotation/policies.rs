//! Plans under the policies: spreading key customers, experience, periodic rotation,
//! rebalancing, and departures on the sample book.

use super::fixture::{today, Fixture, Person};
use super::plans::check_lines;
use liuke_engine::rotation::*;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;

#[test]
fn key_customers_are_spread_as_the_weight_says() {
    let mut f = Fixture::default();
    let leaver = f.staff("L", Person::default());
    let x = f.staff("X", Person::default());
    f.staff("Y", Person::default());
    f.staff("Z", Person::default());
    for i in 0..3 {
        let c = f.customer(&format!("K{i}"), Tier::A, "East");
        f.own(c, leaver);
        f.relate(c, x, RelationshipRole::Secondary, 100);
    }
    let book = f.book();
    let to_x = |spread: f64| {
        let s = RotationSettings {
            spread,
            load: 0.0,
            value_load: 0.0,
            ..RotationSettings::default()
        };
        let plan = plan_departure(
            &book,
            leaver,
            today(),
            today(),
            &PlanInputs::default(),
            &s,
            &[],
        )
        .expect("feasible");
        check_lines(&plan);
        plan.lines.iter().filter(|l| l.to == x).count()
    };
    // Knowing the customer is worth 40: the n-th key customer to X costs (n − 1) × spread.
    assert_eq!(to_x(0.0), 3);
    assert_eq!(to_x(25.0), 2);
    assert_eq!(to_x(50.0), 1);
}

#[test]
fn important_customers_go_to_experienced_people() {
    let mut f = Fixture::default();
    let leaver = f.staff("L", Person::default());
    let junior = f.staff(
        "J",
        Person {
            years: 0,
            ..Person::default()
        },
    );
    let senior = f.staff(
        "S",
        Person {
            years: 12,
            role: StaffRole::SeniorManager,
            ..Person::default()
        },
    );
    let big = f.customer("Big", Tier::B, "East");
    let small = f.customer("Small", Tier::C, "East");
    f.cannot_lose(big);
    for c in [big, small] {
        f.own(c, leaver);
    }
    let book = f.book();
    let mut inputs = PlanInputs::default();
    inputs.value.insert(big, 90_000.0);
    inputs.value.insert(small, 100.0);
    inputs.risk.insert(big, 80.0);
    let s = RotationSettings {
        load: 0.0,
        ..RotationSettings::default()
    };
    let plan = plan_departure(&book, leaver, today(), today(), &inputs, &s, &[]).expect("feasible");
    let to = |c: CustomerId| plan.lines.iter().find(|l| l.customer == c).map(|l| l.to);
    assert_eq!(to(big), Some(senior));
    assert!(to(small).is_some_and(|s| s == senior || s == junior));
}

#[test]
fn periodic_rotation_follows_the_tier_policy() {
    let mut f = Fixture::default();
    let owner = f.staff("O", Person::default());
    let other = f.staff("P", Person::default());
    let long_b = f.customer("LongB", Tier::B, "East");
    let long_a = f.customer("LongA", Tier::A, "East");
    let fresh_b = f.customer("FreshB", Tier::B, "East");
    f.relate(long_b, owner, RelationshipRole::Owner, 5 * 365 + 10);
    f.relate(long_a, owner, RelationshipRole::Owner, 10 * 365);
    f.relate(fresh_b, owner, RelationshipRole::Owner, 365);
    let book = f.book();
    let s = RotationSettings::default();
    let plan =
        plan_periodic(&book, today(), today(), &PlanInputs::default(), &s, &[]).expect("feasible");
    assert_eq!(plan.lines.len(), 1);
    assert_eq!((plan.lines[0].customer, plan.lines[0].to), (long_b, other));
    assert_eq!(
        plan_periodic(
            &book,
            today(),
            today(),
            &PlanInputs::default(),
            &s,
            &[(long_b, owner)]
        ),
        Err(PlanError::PinToIneligible {
            customer: long_b,
            staff: owner
        })
    );
}

#[test]
fn rebalance_moves_only_the_overflow() {
    let mut f = Fixture::default();
    let owner = f.staff(
        "O",
        Person {
            capacity: 3,
            ..Person::default()
        },
    );
    let other = f.staff(
        "P",
        Person {
            capacity: 10,
            ..Person::default()
        },
    );
    let customers: Vec<CustomerId> = (0..5)
        .map(|i| {
            let c = f.customer(&format!("C{i}"), Tier::C, "East");
            f.own(c, owner);
            c
        })
        .collect();
    f.relate(customers[4], other, RelationshipRole::Secondary, 50);
    let book = f.book();
    let plan = plan_rebalance(
        &book,
        today(),
        today(),
        &PlanInputs::default(),
        &RotationSettings::default(),
        &[],
    )
    .expect("feasible");
    assert_eq!(plan.lines.len(), 2);
    assert!(plan
        .lines
        .iter()
        .all(|l| l.from == Some(owner) && l.to == other));
    assert!(
        plan.lines.iter().any(|l| l.customer == customers[4]),
        "P knows C4"
    );
    let o = plan
        .load
        .iter()
        .find(|l| l.staff == owner)
        .expect("the owner's book");
    assert_eq!(
        (o.customers_before, o.customers_after, o.capacity),
        (5, 3, 3)
    );
}

#[test]
fn sample_departures_are_feasible_and_go_to_active_staff() {
    let book = sample_book(SampleSize::S, today());
    let leaving: Vec<&Staff> = book
        .staff()
        .iter()
        .filter(|s| matches!(s.status, StaffStatus::Leaving(_)))
        .collect();
    assert!(!leaving.is_empty());
    for s in leaving {
        let StaffStatus::Leaving(on) = s.status else {
            continue;
        };
        let plan = plan_departure(
            &book,
            s.id,
            on,
            today(),
            &PlanInputs::default(),
            &RotationSettings::default(),
            &[],
        )
        .expect("the sample has room");
        assert_eq!(plan.lines.len(), book.owned_by(s.id).count());
        for line in &plan.lines {
            let to = book.staff().get(line.to.0).expect("known staff");
            assert_eq!(to.status, StaffStatus::Active);
            assert_ne!(to.role, StaffRole::AfterSales);
        }
        check_lines(&plan);
    }
}
