//! The sample books: deterministic, exactly the sizes PERFORMANCE.md names, valid, and
//! telling the stories the engine has to find.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Datelike;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::schema::check_records;
use liuke_engine::*;
use std::collections::{BTreeMap, BTreeSet};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> Date {
    day(2026, 3, 15)
}

fn all_records(book: &Book) -> Vec<Record> {
    RecordKind::ALL
        .iter()
        .flat_map(|k| book.records(*k))
        .collect()
}

fn assert_counts(book: &Book, size: SampleSize) {
    let counts = size.counts();
    assert_eq!(book.count(RecordKind::Customer), counts.customers);
    assert_eq!(book.count(RecordKind::Order), counts.orders);
    assert_eq!(book.count(RecordKind::Interaction), counts.interactions);
    assert_eq!(book.count(RecordKind::Complaint), counts.complaints);
    assert_eq!(book.count(RecordKind::Survey), counts.surveys);
    assert_eq!(book.count(RecordKind::Staff), counts.staff);
}

/// Every record valid as of `today`, and the whole book accepted by the same checks a
/// restored backup goes through, giving back the same book.
fn assert_sound(book: &Book, today: Date) {
    for record in all_records(book) {
        if let Err(e) = record.validate(today) {
            panic!("{:?} {} invalid: {e}", record.kind(), record.id());
        }
    }
    let checked = check_records(all_records(book), book.next_id())
        .expect("reference checks accept the sample");
    assert!(checked == *book);
    let max_id = all_records(book).iter().map(Record::id).max().unwrap_or(0);
    assert!(book.next_id() > max_id);
}

/// Every date a record carries, except a leaving staff member's last day.
fn dates(record: &Record) -> Vec<Date> {
    match record {
        Record::Customer(c) => vec![c.since],
        Record::Contact(c) => c.birthday.into_iter().collect(),
        Record::Staff(s) => {
            let mut out = vec![s.hire_date];
            if let StaffStatus::Left(on) = s.status {
                out.push(on);
            }
            out
        }
        Record::Relationship(r) => [Some(r.since), r.until].into_iter().flatten().collect(),
        Record::Order(o) => vec![o.date],
        Record::Interaction(i) => vec![i.date],
        Record::Complaint(c) => [
            Some(c.received),
            c.investigating_on,
            c.resolved_on,
            c.reported_back_on,
        ]
        .into_iter()
        .flatten()
        .collect(),
        Record::Survey(s) => vec![s.date],
        Record::Signal(s) => vec![s.date],
        Record::KeyDate(k) => vec![k.date],
        Record::Task(t) => [Some(t.due), t.done].into_iter().flatten().collect(),
        Record::Handover(h) => [Some(h.on), h.status_on].into_iter().flatten().collect(),
        Record::Instalment(i) => [Some(i.due), i.paid_on].into_iter().flatten().collect(),
        Record::WinbackCase(w) => [Some(w.opened), w.closed].into_iter().flatten().collect(),
        Record::Announcement(a) => std::iter::once(a.date)
            .chain(a.told.iter().map(|t| t.on))
            .collect(),
        Record::Deferral(d) => [Some(d.due), Some(d.made), d.until]
            .into_iter()
            .flatten()
            .collect(),
    }
}

#[test]
fn same_inputs_give_the_same_book() {
    let a = sample_book(SampleSize::S, today());
    let b = sample_book(SampleSize::S, today());
    assert!(a == b);
    assert_eq!(a.next_id(), b.next_id());
    let other_day = sample_book(SampleSize::S, day(2026, 3, 16));
    assert!(other_day != a);
}

#[test]
fn small_book_has_exact_counts_and_is_sound() {
    let book = sample_book(SampleSize::S, today());
    assert_counts(&book, SampleSize::S);
    assert_sound(&book, today());
}

#[test]
fn medium_book_has_exact_counts_and_is_sound() {
    let book = sample_book(SampleSize::M, today());
    assert_counts(&book, SampleSize::M);
    assert_sound(&book, today());
}

#[test]
fn counts_match_the_performance_table() {
    let l = SampleSize::L.counts();
    assert_eq!(
        (
            l.customers,
            l.orders,
            l.interactions,
            l.complaints,
            l.surveys,
            l.staff
        ),
        (20_000, 500_000, 200_000, 10_000, 20_000, 300)
    );
    let m = SampleSize::M.counts();
    assert_eq!(
        (
            m.customers,
            m.orders,
            m.interactions,
            m.complaints,
            m.surveys,
            m.staff
        ),
        (5_000, 125_000, 50_000, 2_500, 5_000, 80)
    );
}

#[test]
fn sound_on_awkward_days() {
    for today in [
        day(2024, 2, 29),
        day(2025, 1, 29),
        day(2025, 12, 31),
        day(2031, 7, 1),
        day(2012, 1, 1),
    ] {
        let book = sample_book(SampleSize::S, today);
        assert_counts(&book, SampleSize::S);
        assert_sound(&book, today);
        assert!(
            all_records(&book)
                .iter()
                .flat_map(dates)
                .all(|d| d <= today),
            "{today}"
        );
    }
}

#[test]
fn nothing_is_dated_after_today() {
    let book = sample_book(SampleSize::S, today());
    for record in all_records(&book) {
        for date in dates(&record) {
            assert!(
                date <= today(),
                "{:?} {} is dated {date}",
                record.kind(),
                record.id()
            );
        }
    }
}

#[test]
fn some_staff_left_and_some_are_leaving() {
    let book = sample_book(SampleSize::S, today());
    let left = book
        .staff()
        .iter()
        .filter(|s| matches!(s.status, StaffStatus::Left(_)))
        .count();
    let leaving: Vec<Date> = book
        .staff()
        .iter()
        .filter_map(|s| match s.status {
            StaffStatus::Leaving(on) => Some(on),
            _ => None,
        })
        .collect();
    assert!(left >= 2, "{left} left");
    assert!(!leaving.is_empty() && leaving.iter().all(|on| *on > today()));
    let roles: BTreeSet<String> = book
        .staff()
        .iter()
        .map(|s| format!("{:?}", s.role))
        .collect();
    assert_eq!(roles.len(), 4, "{roles:?}");
    assert!(book.staff().iter().all(|s| s.capacity > 0));
}

#[test]
fn every_customer_has_one_live_owner_and_at_most_two_other_contact_points() {
    let book = sample_book(SampleSize::S, today());
    let mut ended = 0;
    let mut owned_by_leaver = 0;
    for customer in book.customers().iter() {
        let live: Vec<&Relationship> = book.live_relationships(customer.id).collect();
        let owners: Vec<&&Relationship> = live
            .iter()
            .filter(|r| r.role == RelationshipRole::Owner)
            .collect();
        assert_eq!(owners.len(), 1, "{}", customer.name);
        assert!(live.len() - 1 <= 2, "{}", customer.name);
        let owner = book.staff().get(owners[0].staff.0).expect("owner exists");
        if let StaffStatus::Left(on) = owner.status {
            assert!(
                (today() - on).num_days() <= 30,
                "owner of {} left long ago",
                customer.name
            );
            owned_by_leaver += 1;
        }
        for r in book
            .relationships()
            .of_customer(customer.id)
            .filter(|r| !r.is_live())
        {
            assert_eq!(r.role, RelationshipRole::Owner);
            ended += 1;
        }
    }
    assert!(ended >= 10, "{ended} customers changed hands");
    assert!((1..=40).contains(&owned_by_leaver), "{owned_by_leaver}");
}

#[test]
fn names_are_chinese_english_and_personal() {
    let book = sample_book(SampleSize::S, today());
    let names: Vec<&Customer> = book.customers().iter().collect();
    let chinese = names
        .iter()
        .filter(|c| c.name.ends_with("有限公司"))
        .count();
    let english = names
        .iter()
        .filter(|c| c.kind == CustomerKind::Company && c.name.is_ascii() && c.name.contains(' '))
        .count();
    let persons = names
        .iter()
        .filter(|c| c.kind == CustomerKind::Person)
        .count();
    assert!(chinese >= 120, "{chinese}");
    assert!(english >= 5, "{english}");
    assert!(persons >= 10, "{persons}");
    for person in names.iter().filter(|c| c.kind == CustomerKind::Person) {
        let chars = person.name.chars().count();
        assert!(
            (2..=4).contains(&chars) && !person.name.is_ascii(),
            "{}",
            person.name
        );
    }
    let unique: BTreeSet<&str> = names
        .iter()
        .filter(|c| c.kind == CustomerKind::Company)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        unique.len(),
        names.len() - persons,
        "company names are unique"
    );
    let regions: BTreeSet<&str> = names.iter().map(|c| c.region.as_str()).collect();
    let expected: BTreeSet<&str> = ["华东", "华南", "华北", "华中", "西南", "西北", "东北"].into();
    assert_eq!(regions, expected);
}

#[test]
fn revenue_is_pareto_shaped_with_few_big_a_customers() {
    let book = sample_book(SampleSize::S, today());
    let mut revenue: BTreeMap<Tier, i64> = BTreeMap::new();
    let mut count: BTreeMap<Tier, usize> = BTreeMap::new();
    for customer in book.customers().iter() {
        *count.entry(customer.tier).or_default() += 1;
        let total = book
            .orders()
            .of_customer(customer.id)
            .filter(|o| o.date <= today())
            .map(|o| o.amount)
            .sum::<Money>()
            .fen();
        *revenue.entry(customer.tier).or_default() += total;
    }
    let all: i64 = revenue.values().sum();
    assert!(count[&Tier::A] < count[&Tier::B] && count[&Tier::B] < count[&Tier::C]);
    assert!(
        revenue[&Tier::A] * 2 > all,
        "A tier earns most: {revenue:?}"
    );
    for order in book.orders().iter() {
        assert!(order.amount > Money::ZERO);
        let rate = order.margin.fen() as f64 / order.amount.fen() as f64;
        assert!((0.079..=0.301).contains(&rate), "margin rate {rate}");
    }
}

#[test]
fn orders_follow_the_season() {
    let book = sample_book(SampleSize::M, today());
    let mut months = [0usize; 12];
    for order in book.orders().iter() {
        months[order.date.month0() as usize] += 1;
    }
    assert!(
        months[1] * 2 < months[11],
        "February dips, December peaks: {months:?}"
    );
    assert!(
        months[10] > months[6] && months[11] > months[7],
        "{months:?}"
    );
}

#[test]
fn some_customers_drift_away_and_some_are_lost() {
    let book = sample_book(SampleSize::S, today());
    let ago = |d: Date| (today() - d).num_days();
    let mut drifting = BTreeSet::new();
    for customer in book
        .customers()
        .iter()
        .filter(|c| c.status != CustomerStatus::Lost)
    {
        let days: Vec<i64> = book
            .orders()
            .of_customer(customer.id)
            .map(|o| ago(o.date))
            .collect();
        let recent = days.iter().filter(|d| **d < 180).count() as f64;
        let earlier = days.iter().filter(|d| (180..720).contains(*d)).count() as f64;
        if earlier >= 6.0 && recent <= 0.5 * earlier / 3.0 {
            drifting.insert(customer.id);
        }
    }
    let n = book.count(RecordKind::Customer);
    assert!(
        drifting.len() * 100 >= n * 8,
        "{} drifting of {n}",
        drifting.len()
    );
    assert!(
        drifting.len() * 100 <= n * 25,
        "{} drifting of {n}",
        drifting.len()
    );

    let lost: Vec<&Customer> = book
        .customers()
        .iter()
        .filter(|c| c.status == CustomerStatus::Lost)
        .collect();
    assert!(
        (n * 3 / 100..=n * 9 / 100).contains(&lost.len()),
        "{} lost",
        lost.len()
    );
    for customer in &lost {
        let last = book
            .last_order(customer.id)
            .expect("a lost customer once ordered");
        assert!(
            ago(last) >= 240,
            "{} ordered {} days ago",
            customer.name,
            ago(last)
        );
    }
    let statuses: BTreeSet<String> = book
        .customers()
        .iter()
        .map(|c| format!("{:?}", c.status))
        .collect();
    assert_eq!(statuses.len(), 4, "{statuses:?}");

    let recent_scores = |wanted: bool| {
        let scores: Vec<f64> = book
            .surveys()
            .iter()
            .filter(|s| ago(s.date) < 180 && drifting.contains(&s.customer) == wanted)
            .map(|s| f64::from(s.score))
            .collect();
        scores.iter().sum::<f64>() / scores.len().max(1) as f64
    };
    assert!(recent_scores(true) + 0.5 < recent_scores(false));
    let signalled = drifting
        .iter()
        .filter(|c| book.signals().count_of_customer(**c) > 0)
        .count();
    assert!(
        signalled * 2 > drifting.len(),
        "most drifting customers have signals"
    );
}

#[test]
fn records_of_every_kind_and_state_are_present() {
    let book = sample_book(SampleSize::S, today());
    let statuses: BTreeSet<ComplaintStatus> =
        book.complaints().iter().map(Complaint::status).collect();
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    let kinds: BTreeSet<String> = book
        .interactions()
        .iter()
        .map(|i| format!("{:?}", i.kind))
        .collect();
    assert_eq!(kinds.len(), InteractionKind::ALL.len(), "{kinds:?}");
    let scores: BTreeSet<u8> = book.surveys().iter().map(|s| s.score).collect();
    assert_eq!(scores, (1..=5).collect());
    let key_dates: BTreeSet<String> = book
        .key_dates()
        .iter()
        .map(|k| format!("{:?}", k.kind))
        .collect();
    for kind in ["Birthday", "Founding", "Renewal"] {
        assert!(key_dates.contains(kind), "{kind} missing: {key_dates:?}");
    }
    assert!(book.contacts().iter().any(|c| c.decision_maker));
    assert!(book.contacts().iter().any(|c| c.birthday.is_some()));
    assert!(book.customers().iter().any(|c| c.cannot_lose));
    assert!(book.customers().iter().any(|c| !c.tags.is_empty()));
    assert!(book.count(RecordKind::Signal) > 0);
    let reported_late = book
        .complaints()
        .iter()
        .filter(|c| {
            c.status() == ComplaintStatus::Resolved && (today() - c.received).num_days() > 60
        })
        .count();
    assert!(
        reported_late > 0,
        "some complaints were resolved but never reported back"
    );
}

/// Issue 19.2: every customer the sample calls won back came back through a win-back
/// case, most lost ones had a case that failed (with why and what it cost), and a few are
/// being worked now, so the win-back board, its rate by month and the dashboard's status
/// counts tell one story.
#[test]
fn won_back_customers_came_back_through_a_case() {
    use liuke_engine::winback::review;
    for size in [SampleSize::S, SampleSize::M] {
        let book = sample_book(size, today());
        let cases: Vec<&WinbackCase> = book.winback_cases().iter().collect();
        let won_back: Vec<&Customer> = book
            .customers()
            .iter()
            .filter(|c| c.status == CustomerStatus::WonBack)
            .collect();
        assert!(!won_back.is_empty());
        for customer in &won_back {
            let theirs: Vec<&&WinbackCase> =
                cases.iter().filter(|w| w.customer == customer.id).collect();
            assert_eq!(theirs.len(), 1, "{}", customer.name);
            let case = theirs[0];
            assert_eq!(case.outcome, WinbackOutcome::WonBack);
            assert!(case.closed.is_some_and(|closed| closed > case.opened));
            assert!(case.primary.is_some() && !case.actions.is_empty());
            assert!(case.actions.iter().all(|a| a.done.is_some()));
        }
        let failed: Vec<&&WinbackCase> = cases
            .iter()
            .filter(|w| w.outcome == WinbackOutcome::NotWonBack)
            .collect();
        assert!(
            !failed.is_empty(),
            "{size:?}: some lost customers stayed lost"
        );
        for case in &failed {
            let customer = book.customers().get(case.customer.0).expect("its customer");
            assert_eq!(customer.status, CustomerStatus::Lost);
            assert!(!case.why_not.is_empty() && case.exit.loss().fen() > 0);
        }
        let open: Vec<&&WinbackCase> = cases.iter().filter(|w| w.is_open()).collect();
        assert!(!open.is_empty(), "{size:?}: some cases are under way");
        for case in &open {
            assert!(winback::open_case_of(&book, case.customer).is_some());
        }
        let review = review(&book, today());
        assert_eq!(review.total.won as usize, won_back.len());
        assert_eq!(review.open as usize, open.len());
        assert!(review.loss.fen() > 0);
        let months_with_cases = review.by_month.iter().filter(|(_, t)| t.closed > 0).count();
        assert!(
            months_with_cases >= 3,
            "{size:?}: {months_with_cases} months"
        );
        // Lost customers still wait for someone to try (the win-back page lists them).
        assert!(book
            .customers()
            .iter()
            .any(|c| c.status == CustomerStatus::Lost && winback::can_open(&book, c.id)));
    }
}
