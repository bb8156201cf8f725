//! Team settings are part of the book: set by one command, checked whole, undone as one.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::book::settings::SettingsError;
use liuke_engine::book::TeamSettings;
use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2025, 6, 30).expect("valid date")
}

fn set(settings: TeamSettings) -> Command {
    Command::SetSettings {
        settings: Box::new(settings),
    }
}

#[test]
fn setting_and_undoing_team_settings_is_one_change_each() {
    let mut book = Book::new();
    let mut tuned = TeamSettings::default();
    tuned.risk.cadence_b_days = 45;
    tuned.pool.enabled = true;
    let change = book.apply(&set(tuned.clone()), today()).expect("applies");
    assert!(!change.is_empty(), "a settings change is a change");
    assert!(change.puts.is_empty() && change.deletes.is_empty());
    assert_eq!(book.settings(), &tuned);
    book.apply(&Command::Revert { change }, today())
        .expect("undoes");
    assert_eq!(book.settings(), &TeamSettings::default());
}

#[test]
fn settings_the_engine_cannot_use_change_nothing() {
    let mut book = Book::new();
    let mut bad = TeamSettings::default();
    bad.risk.bands.watch = 80.0;
    assert_eq!(
        book.apply(&set(bad), today()),
        Err(BookError::Settings(SettingsError::BandOrder))
    );
    let mut bad = TeamSettings::default();
    bad.rotation.schedule.former_access_days = 100_000;
    assert_eq!(
        book.apply(&set(bad), today()),
        Err(BookError::Settings(SettingsError::OutOfRange(
            "rotation.former_access_days"
        )))
    );
    assert_eq!(book.settings(), &TeamSettings::default());
}

#[test]
fn a_batch_sets_settings_at_most_once_and_undoes_with_its_records() {
    let mut book = Book::new();
    let mut tuned = TeamSettings::default();
    tuned.pool_confirmed = Some(tuned.pool);
    let twice = Command::Batch {
        commands: vec![set(tuned.clone()), set(TeamSettings::default())],
    };
    assert!(book.apply(&twice, today()).is_err());
    let with_a_record = Command::Batch {
        commands: vec![
            Command::Create {
                record: Record::Staff(Staff {
                    name: "李娜".into(),
                    ..Staff::default()
                }),
            },
            set(tuned.clone()),
        ],
    };
    let change = book.apply(&with_a_record, today()).expect("applies");
    assert_eq!(
        (book.count(RecordKind::Staff), book.settings()),
        (1, &tuned)
    );
    book.apply(&Command::Revert { change }, today())
        .expect("undoes");
    assert_eq!(
        (book.count(RecordKind::Staff), book.settings()),
        (0, &TeamSettings::default())
    );
}
