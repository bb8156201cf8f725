use super::*;
use crate::agenda::{agenda, complete, AgendaItem, AgendaSettings, ItemKind};
use crate::risk::RiskSettings;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn ago(days: i64) -> Date {
    today() - chrono::Duration::days(days)
}

fn run(book: &mut Book, command: &Command) -> Change {
    match book.apply(command, today()) {
        Ok(change) => change,
        Err(e) => panic!("{command:?}: {e}"),
    }
}

use crate::command::Change;

/// A book with one owner and three customers: lost, at risk and active.
fn book() -> (Book, StaffId, [CustomerId; 3]) {
    let mut book = Book::new();
    let staff = StaffId(
        run(
            &mut book,
            &Command::Create {
                record: Record::Staff(Staff {
                    name: "王芳".into(),
                    hire_date: ago(900),
                    ..Staff::default()
                }),
            },
        )
        .created
        .map_or(0, |k| k.id),
    );
    let mut ids = [CustomerId(0); 3];
    for (i, status) in [
        CustomerStatus::Lost,
        CustomerStatus::AtRisk,
        CustomerStatus::Active,
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = Customer::new(format!("客户{i}"), ago(800));
        c.status = status;
        let id = CustomerId(
            run(
                &mut book,
                &Command::Create {
                    record: Record::Customer(c),
                },
            )
            .created
            .map_or(0, |k| k.id),
        );
        run(
            &mut book,
            &Command::Create {
                record: Record::Relationship(Relationship {
                    customer: id,
                    staff,
                    since: ago(700),
                    ..Relationship::default()
                }),
            },
        );
        ids[i] = id;
    }
    (book, staff, ids)
}

fn open_case(book: &mut Book, customer: CustomerId) {
    let command = open(book, customer, today()).unwrap_or_else(|e| panic!("{e}"));
    run(book, &command);
}

fn only_case(book: &Book) -> WinbackCase {
    book.winback_cases()
        .iter()
        .next()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn cases_open_for_lost_or_leaving_customers_once() {
    let (mut book, staff, [lost, at_risk, active]) = book();
    assert!(can_open(&book, lost) && can_open(&book, at_risk));
    assert!(!can_open(&book, active));
    assert!(open(&book, active, today()).is_err());
    open_case(&mut book, lost);
    let case = only_case(&book);
    assert_eq!(case.owner, Some(staff));
    assert_eq!(case.stage(), WinbackStage::FindingCause);
    assert!(!can_open(&book, lost), "one open case per customer");
}

#[test]
fn the_primary_cause_must_be_one_of_the_causes() {
    let mut case = WinbackCase {
        customer: CustomerId(1),
        opened: today(),
        causes: vec![LossCause::PriceFocus, LossCause::CompetitorPoaching],
        ..WinbackCase::default()
    };
    let field = |c: &WinbackCase| match c.validate(today()) {
        Err(BookError::Invalid { field, .. }) => Some(field),
        _ => None,
    };
    assert_eq!(field(&case), Some(Field::PrimaryCause));
    case.primary = Some(LossCause::StaffTurnover);
    assert_eq!(field(&case), Some(Field::PrimaryCause));
    case.primary = Some(LossCause::PriceFocus);
    assert_eq!(field(&case), None);
    assert_eq!(case.stage(), WinbackStage::Planning);
    case.causes.push(LossCause::PriceFocus);
    assert_eq!(field(&case), Some(Field::Cause));
    case.causes.pop();
    case.actions.push(WinbackAction {
        what: "  ".into(),
        due: today(),
        ..WinbackAction::default()
    });
    assert_eq!(field(&case), Some(Field::Title));
    case.actions[0].what = "总经理上门拜访".into();
    assert_eq!(case.stage(), WinbackStage::Acting);
    case.exit.receivables = Money(-1);
    assert_eq!(field(&case), Some(Field::Amount));
}

#[test]
fn closing_won_back_sets_the_customer_status_in_one_undoable_change() {
    let (mut book, _, [lost, ..]) = book();
    open_case(&mut book, lost);
    let mut case = only_case(&book);
    assert!(
        close(&book, &case, WinbackOutcome::WonBack, "", today()).is_err(),
        "no cause yet"
    );
    case.causes = vec![LossCause::PriceFocus];
    case.primary = Some(LossCause::PriceFocus);
    run(
        &mut book,
        &Command::Update {
            record: Record::WinbackCase(case.clone()),
        },
    );
    let case = only_case(&book);
    assert!(
        close(&book, &case, WinbackOutcome::NotWonBack, " ", today()).is_err(),
        "not won back needs the reason"
    );
    let command =
        close(&book, &case, WinbackOutcome::WonBack, "", today()).unwrap_or_else(|e| panic!("{e}"));
    let change = run(&mut book, &command);
    assert_eq!(only_case(&book).stage(), WinbackStage::WonBack);
    assert_eq!(only_case(&book).closed, Some(today()));
    let status = |b: &Book| b.customers().get(lost.0).map(|c| c.status);
    assert_eq!(status(&book), Some(CustomerStatus::WonBack));
    assert!(book.apply(&Command::Revert { change }, today()).is_ok());
    assert_eq!(status(&book), Some(CustomerStatus::Lost));
    assert!(only_case(&book).is_open());
}

#[test]
fn open_actions_are_in_the_agenda_and_ticking_one_logs_the_visit() {
    let (mut book, staff, [lost, ..]) = book();
    open_case(&mut book, lost);
    let mut case = only_case(&book);
    case.causes = vec![LossCause::UnsolvedProblems];
    case.primary = Some(LossCause::UnsolvedProblems);
    case.actions = vec![
        WinbackAction {
            what: "上门道歉".into(),
            staff: None,
            due: ago(1),
            done: None,
        },
        WinbackAction {
            what: "寄样品".into(),
            staff: Some(staff),
            due: today(),
            done: Some(today()),
        },
    ];
    run(
        &mut book,
        &Command::Update {
            record: Record::WinbackCase(case),
        },
    );
    let items = agenda(
        &book,
        today(),
        &RiskSettings::default(),
        &AgendaSettings::default(),
    );
    let actions: Vec<_> = items
        .iter()
        .filter(|i| i.kind == ItemKind::WinbackAction)
        .collect();
    assert_eq!(actions.len(), 1, "the done action is not due");
    assert_eq!(actions[0].staff, Some(staff), "falls to the case owner");
    let done = complete(&book, actions[0], today(), None, "上门道歉")
        .unwrap_or_else(|| panic!("completes"));
    run(&mut book, &done);
    assert_eq!(only_case(&book).actions[0].done, Some(today()));
    assert!(book
        .interactions()
        .of_customer(lost)
        .any(|i| i.summary == "上门道歉"));
    let items = agenda(
        &book,
        today(),
        &RiskSettings::default(),
        &AgendaSettings::default(),
    );
    assert!(items.iter().all(|i| i.kind != ItemKind::WinbackAction));
}

fn closed_case(
    customer: u64,
    cause: LossCause,
    won: bool,
    closed: Date,
    owner: Option<u64>,
) -> WinbackCase {
    WinbackCase {
        id: WinbackId(customer),
        customer: CustomerId(customer),
        opened: closed - chrono::Duration::days(20),
        owner: owner.map(StaffId),
        causes: vec![cause],
        primary: Some(cause),
        outcome: if won {
            WinbackOutcome::WonBack
        } else {
            WinbackOutcome::NotWonBack
        },
        closed: Some(closed),
        why_not: if won {
            String::new()
        } else {
            "已签竞争对手三年合同".into()
        },
        exit: ExitChecklist {
            receivables: Money(10_000),
            market_gap: Money(5_000),
            lessons: if won {
                String::new()
            } else {
                "报价前先问清预算".into()
            },
            ..ExitChecklist::default()
        },
        ..WinbackCase::default()
    }
}

#[test]
fn the_review_counts_rates_by_month_cause_and_owner_with_a_pareto() {
    let mut book = Book::new();
    let cases = [
        closed_case(1, LossCause::PriceFocus, true, ago(3), Some(7)),
        closed_case(2, LossCause::PriceFocus, false, ago(3), Some(7)),
        closed_case(3, LossCause::PriceFocus, false, ago(40), Some(8)),
        closed_case(4, LossCause::StaffTurnover, true, ago(40), Some(8)),
    ];
    for c in &cases {
        book.insert(Record::WinbackCase(c.clone()));
    }
    let r = review(&book, today());
    assert_eq!((r.total.closed, r.total.won), (4, 2));
    assert_eq!(r.total.rate(), Some(0.5));
    assert_eq!(r.by_month.len(), 12);
    let this_month = r.by_month.last().map(|m| m.1.clone()).unwrap_or_default();
    assert_eq!((this_month.closed, this_month.won), (2, 1));
    assert_eq!(r.causes[0].cause, LossCause::PriceFocus);
    assert_eq!(r.causes[0].cases, 3);
    assert!((r.causes[0].cumulative - 0.75).abs() < 1e-12);
    assert!((r.causes[1].cumulative - 1.0).abs() < 1e-12);
    assert_eq!(r.causes[0].tally.rate(), Some(1.0 / 3.0));
    assert_eq!(r.owners.len(), 2);
    assert_eq!(r.lessons.len(), 2);
    assert_eq!(r.lessons[0].on, ago(3), "newest first");
    assert_eq!(r.why_not.len(), 2);
    assert_eq!(r.loss, Money(60_000));
}

#[test]
fn untold_cannot_lose_customers_show_until_told() {
    let (mut book, staff, [_, at_risk, active]) = book();
    let mut c = book.customers().get(active.0).cloned().unwrap_or_default();
    c.cannot_lose = true;
    run(
        &mut book,
        &Command::Update {
            record: Record::Customer(c),
        },
    );
    run(
        &mut book,
        &Command::Create {
            record: Record::Announcement(Announcement {
                date: ago(2),
                kind: AnnouncementKind::Price,
                title: "2027 年价格调整".into(),
                told: vec![Told {
                    customer: at_risk,
                    on: ago(1),
                }],
                ..Announcement::default()
            }),
        },
    );
    let due = |b: &Book| -> Vec<crate::agenda::AgendaItem> {
        agenda(
            b,
            today(),
            &RiskSettings::default(),
            &AgendaSettings::default(),
        )
        .into_iter()
        .filter(|i| i.kind == ItemKind::Announcement)
        .collect()
    };
    let items = due(&book);
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].customer, items[0].staff),
        (Some(active), Some(staff))
    );
    let done = complete(&book, &items[0], today(), None, "电话告知调价")
        .unwrap_or_else(|| panic!("completes"));
    run(&mut book, &done);
    assert!(due(&book).is_empty());
    assert!(book.announcements().iter().all(|a| a.was_told(active)));
}

#[test]
fn announcement_done_from_the_agenda_on_the_sample_book() {
    let mut book = crate::sample::sample_book(crate::sample::SampleSize::S, today());
    run(
        &mut book,
        &Command::Create {
            record: Record::Announcement(Announcement {
                date: today(),
                title: "调价".into(),
                ..Announcement::default()
            }),
        },
    );
    let due = |b: &Book| -> Vec<crate::agenda::AgendaItem> {
        agenda(
            b,
            today(),
            &RiskSettings::default(),
            &AgendaSettings::default(),
        )
        .into_iter()
        .filter(|i| i.kind == ItemKind::Announcement)
        .collect()
    };
    let items = due(&book);
    let mut keys: Vec<String> = items.iter().map(AgendaItem::key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        items.len(),
        "each customer's entry has its own key"
    );
    let first = items[0].clone();
    let done = complete(&book, &first, today(), first.staff, "告知")
        .unwrap_or_else(|| panic!("completes"));
    run(&mut book, &done);
    assert_eq!(due(&book).len(), items.len() - 1);
}

#[test]
fn unpaid_instalments_are_in_the_agenda_and_count_as_receivables() {
    let (mut book, staff, [lost, at_risk, _]) = book();
    for (customer, due, amount, paid) in [
        (lost, ago(10), 300_000, 100_000),
        (lost, ago(40), 50_000, 50_000),
        (at_risk, today() + chrono::Duration::days(3), 80_000, 0),
        (at_risk, today() + chrono::Duration::days(30), 80_000, 0),
    ] {
        run(
            &mut book,
            &Command::Create {
                record: Record::Instalment(Instalment {
                    customer,
                    due,
                    amount: Money(amount),
                    paid: Money(paid),
                    paid_on: (paid > 0).then(|| ago(50)),
                    ..Instalment::default()
                }),
            },
        );
    }
    assert_eq!(receivables(&book, lost), Money(200_000));
    assert_eq!(receivables(&book, at_risk), Money(160_000));
    let items: Vec<_> = agenda(
        &book,
        today(),
        &RiskSettings::default(),
        &AgendaSettings::default(),
    )
    .into_iter()
    .filter(|i| i.kind == ItemKind::Instalment)
    .collect();
    assert_eq!(items.len(), 2, "the overdue one and the one due this week");
    assert!(items.iter().all(|i| i.staff == Some(staff)));
    assert_eq!(items[0].customer, Some(lost));
    assert!(
        !crate::agenda::can_complete(&items[0]),
        "a payment is recorded with its amount"
    );
}

#[test]
fn a_contact_reports_to_someone_at_the_same_customer_without_a_loop() {
    let (mut book, _, [a, b, _]) = book();
    let contact = |book: &mut Book, customer: CustomerId, name: &str, boss: Option<ContactId>| {
        let command = Command::Create {
            record: Record::Contact(Contact {
                customer,
                name: name.into(),
                reports_to: boss,
                ..Contact::default()
            }),
        };
        book.apply(&command, today())
            .map(|c| ContactId(c.created.map_or(0, |k| k.id)))
    };
    let boss = contact(&mut book, a, "总经理", None).unwrap_or_else(|e| panic!("{e}"));
    let buyer = contact(&mut book, a, "采购", Some(boss)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        contact(&mut book, b, "别家的人", Some(boss)).is_err(),
        "another customer's contact"
    );
    let mut looped = book.contacts().get(boss.0).cloned().unwrap_or_default();
    looped.reports_to = Some(buyer);
    assert!(book
        .apply(
            &Command::Update {
                record: Record::Contact(looped)
            },
            today()
        )
        .is_err());
    // Deleting the boss leaves the buyer reporting to nobody, in the same change.
    run(
        &mut book,
        &Command::Delete {
            key: RecordKey {
                kind: RecordKind::Contact,
                id: boss.0,
            },
        },
    );
    assert_eq!(
        book.contacts().get(buyer.0).and_then(|c| c.reports_to),
        None
    );
}
