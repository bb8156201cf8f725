//! The handover checklist and the concentration report.

use super::fixture::{ago, ahead, today, Fixture, Person};
use liuke_engine::rotation::*;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;

#[test]
fn handover_steps_are_dated_from_the_leaving_day() {
    let leaving = ahead(30);
    let steps = handover_steps(leaving, today(), false, &HandoverSchedule::default());
    let kinds: Vec<StepKind> = steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            StepKind::TellCustomer,
            StepKind::IntroduceSuccessor,
            StepKind::JointMeeting,
            StepKind::FileHandedOver,
            StepKind::SeniorVisit,
            StepKind::CheckAfter30,
            StepKind::CheckAfter90,
        ]
    );
    let due = |k: StepKind| steps.iter().find(|s| s.kind == k).map(|s| (s.due, s.by));
    assert_eq!(
        due(StepKind::TellCustomer),
        Some((ahead(9), StepOwner::Senior))
    );
    assert_eq!(
        due(StepKind::IntroduceSuccessor),
        Some((ahead(16), StepOwner::Leaver))
    );
    assert!(steps
        .iter()
        .filter(|s| s.due < leaving)
        .all(|s| s.by != StepOwner::Successor));
    assert_eq!(
        due(StepKind::CheckAfter30),
        Some((ahead(60), StepOwner::Senior))
    );
    assert_eq!(
        due(StepKind::CheckAfter90),
        Some((ahead(120), StepOwner::Senior))
    );
    let json = serde_json::to_string(&steps[0]).expect("serializes");
    assert!(json.contains("\"kind\":\"tell_customer\"") && json.contains("\"by\":\"senior\""));
}

#[test]
fn a_late_plan_is_compressed_and_seniors_stand_in_for_the_gone() {
    let leaving = ahead(5);
    let steps = handover_steps(leaving, today(), false, &HandoverSchedule::default());
    assert!(steps.iter().all(|s| s.due >= today()));
    assert!(steps.windows(2).all(|w| w[0].due <= w[1].due));
    // Already gone: nobody can ask the leaver to introduce anyone.
    let gone = handover_steps(ago(3), today(), false, &HandoverSchedule::default());
    assert!(gone
        .iter()
        .all(|s| s.by != StepOwner::Leaver && s.due >= today()));
    // A rotation: the old owner stays with the company and still introduces.
    let rotation = handover_steps(ago(3), today(), true, &HandoverSchedule::default());
    assert!(rotation.iter().any(|s| s.by == StepOwner::Leaver));
}

#[test]
fn concentration_counts_single_contacts_and_what_is_at_stake() {
    let mut f = Fixture::default();
    let star = f.staff("Star", Person::default());
    let helper = f.staff("Helper", Person::default());
    let only = f.customer("Only", Tier::A, "East");
    let shared = f.customer("Shared", Tier::B, "East");
    let helped = f.customer("Helped", Tier::C, "East");
    f.cannot_lose(only);
    f.own(only, star);
    f.own(shared, star);
    f.relate(shared, helper, RelationshipRole::Secondary, 100);
    f.relate(helped, helper, RelationshipRole::AfterSales, 100);
    f.order(only, 3000, 10);
    f.order(shared, 1000, 10);
    f.order(helped, 1000, 400);
    let book = f.book();
    let lines = concentration(&book, today(), &PlanInputs::default());
    assert_eq!(lines.len(), 2);
    let s = &lines[0];
    assert_eq!(s.staff, star);
    assert_eq!((s.customers, s.cannot_lose, s.single_contact), (2, 1, 1));
    assert_eq!(s.revenue_12m, Money::from_yuan(4000));
    assert!((s.revenue_share - 1.0).abs() < 1e-12);
    assert!((s.at_stake - (3000.0 + SHARED_STAKE * 1000.0)).abs() < 1e-9);
    let h = &lines[1];
    assert_eq!((h.staff, h.customers, h.single_contact), (helper, 0, 1));
    assert_eq!(
        h.at_stake, 0.0,
        "the customer it alone knows has no revenue this year"
    );
}

#[test]
fn concentration_of_the_sample_adds_up() {
    let book = sample_book(SampleSize::S, today());
    let lines = concentration(&book, today(), &PlanInputs::default());
    assert!(!lines.is_empty());
    let share: f64 = lines.iter().map(|l| l.revenue_share).sum();
    assert!(share <= 1.0 + 1e-9, "{share}");
    assert!(lines.windows(2).all(|w| w[0].at_stake >= w[1].at_stake));
    let owned: u32 = lines.iter().map(|l| l.customers).sum();
    assert!(owned as usize <= book.customers().len());
}
