//! Plans that cannot be made, or pins that cannot hold, say what to change.

use super::fixture::{today, Fixture, Person};
use super::plans::{depart, team};
use liuke_engine::rotation::*;
use liuke_engine::*;

#[test]
fn bad_pins_and_infeasible_plans_say_what_to_change() {
    let t = team(10);
    let s = RotationSettings::default();
    assert_eq!(
        depart(&t, &s, &[(t.customers[1], t.leaver)]),
        Err(PlanError::PinToIneligible {
            customer: t.customers[1],
            staff: t.leaver
        })
    );
    let stranger = CustomerId(9999);
    assert_eq!(
        depart(&t, &s, &[(stranger, t.a)]),
        Err(PlanError::PinNotInPlan { customer: stranger })
    );
    // Too little room: the plan is still made, two customers over capacity, spread.
    let tight = depart(&team(2), &s, &[]).expect("a plan over capacity");
    assert_eq!(tight.lines.len(), 6);
    assert_eq!(tight.over_capacity(), 2);
    assert!(
        tight.takers().iter().all(|t| t.customers <= 4),
        "{:?}",
        tight.takers()
    );
    let strict = RotationSettings {
        region_required: true,
        ..s.clone()
    };
    let t = team(10);
    let west: Vec<CustomerId> = t.customers.iter().copied().skip(1).step_by(2).collect();
    let plan = depart(&t, &strict, &[]).expect("B covers the West");
    assert!(plan
        .lines
        .iter()
        .filter(|l| west.contains(&l.customer))
        .all(|l| l.to == t.b));
    let strict_b = RotationSettings {
        region_required: true,
        ..s
    };
    let t = team(10);
    let pins: Vec<(CustomerId, StaffId)> = west.iter().map(|c| (*c, t.a)).collect();
    assert!(
        depart(&t, &strict_b, &pins).is_ok(),
        "pins override the region rule"
    );
    assert_eq!(
        plan_departure(
            &t.book,
            StaffId(424242),
            today(),
            today(),
            &PlanInputs::default(),
            &strict_b,
            &[]
        ),
        Err(PlanError::UnknownStaff {
            staff: StaffId(424242)
        })
    );
}

#[test]
fn no_successor_in_the_region_is_reported_by_customer() {
    let mut f = Fixture::default();
    let leaver = f.staff("L", Person::default());
    f.staff("A", Person::default());
    let north = f.customer("N", Tier::B, "North");
    f.own(north, leaver);
    let book = f.book();
    let strict = RotationSettings {
        region_required: true,
        ..RotationSettings::default()
    };
    let plan = plan_departure(
        &book,
        leaver,
        today(),
        today(),
        &PlanInputs::default(),
        &strict,
        &[],
    );
    assert_eq!(
        plan,
        Err(PlanError::NoEligibleSuccessor {
            customers: vec![north]
        })
    );
}

#[test]
fn a_bottleneck_names_the_customers_and_staff_involved() {
    let mut f = Fixture::default();
    let leaver = f.staff("L", Person::default());
    let north = f.staff(
        "N",
        Person {
            regions: &["North"],
            capacity: 1,
            ..Person::default()
        },
    );
    f.staff(
        "S",
        Person {
            regions: &["South"],
            capacity: 10,
            ..Person::default()
        },
    );
    let customers: Vec<CustomerId> = (0..2)
        .map(|i| {
            let c = f.customer(&format!("N{i}"), Tier::C, "North");
            f.own(c, leaver);
            c
        })
        .collect();
    let book = f.book();
    let strict = RotationSettings {
        region_required: true,
        ..RotationSettings::default()
    };
    let plan = plan_departure(
        &book,
        leaver,
        today(),
        today(),
        &PlanInputs::default(),
        &strict,
        &[],
    );
    assert_eq!(
        plan,
        Err(PlanError::Infeasible {
            customers,
            staff: vec![north],
            room: 1,
            missing: 1
        })
    );
}
