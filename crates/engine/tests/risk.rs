//! Churn-risk factors on small hand-made books, the backtest on the sample book, and
//! properties every score keeps.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::risk::{
    backtest, score_book, Band, CustomerRisk, Factor, FactorFacts, Findings, OrderModel,
    RiskSettings,
};
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use proptest::prelude::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 3, 15).expect("valid")
}

fn ago(days: i64) -> Date {
    today() - chrono::Duration::days(days)
}

/// Builds records with fresh ids.
struct Books {
    records: Vec<Record>,
    next: u64,
}

impl Books {
    fn new() -> Books {
        let mut b = Books {
            records: Vec::new(),
            next: 1,
        };
        // Two colleagues, so a customer can have two contact points.
        for name in ["王芳", "李强"] {
            let id = b.id();
            b.records.push(Record::Staff(Staff {
                id: StaffId(id),
                name: name.into(),
                hire_date: ago(2000),
                ..Staff::default()
            }));
        }
        b
    }

    fn id(&mut self) -> u64 {
        self.next += 1;
        self.next - 1
    }

    /// A customer with an owner, a recent visit and a good survey: nothing but its
    /// orders should make it risky.
    fn customer(&mut self, order_days_ago: &[i64], amount: i64) -> CustomerId {
        let id = CustomerId(self.id());
        self.records.push(Record::Customer(Customer {
            id,
            name: format!("客户{}", id.0),
            since: ago(1500),
            tier: Tier::B,
            ..Customer::default()
        }));
        for (staff, role) in [
            (1, RelationshipRole::Owner),
            (2, RelationshipRole::Secondary),
        ] {
            let rid = self.id();
            self.records.push(Record::Relationship(Relationship {
                id: RelationshipId(rid),
                customer: id,
                staff: StaffId(staff),
                role,
                since: ago(1400),
                until: None,
                ..Relationship::default()
            }));
        }
        let iid = self.id();
        self.records.push(Record::Interaction(Interaction {
            id: InteractionId(iid),
            customer: id,
            date: ago(10),
            ..Interaction::default()
        }));
        let sid = self.id();
        self.records.push(Record::Survey(Survey {
            id: SurveyId(sid),
            customer: id,
            date: ago(30),
            score: 5,
            ..Survey::default()
        }));
        for &d in order_days_ago {
            let oid = self.id();
            self.records.push(Record::Order(Order {
                id: OrderId(oid),
                customer: id,
                date: ago(d),
                amount: Money::from_yuan(amount),
                margin: Money::from_yuan(amount / 5),
                cost_to_serve: Money::from_yuan(amount / 20),
                ..Order::default()
            }));
        }
        id
    }

    /// The book, which also records a complaint (long settled) and a signal (long
    /// past) about a former customer, so every factor has data and no weight is
    /// stretched: points equal weight × severity.
    fn book(mut self) -> Book {
        self.records.extend(settled_history(self.next));
        Book::from_records(self.records, self.next + 10)
    }
}

/// `records` with [`settled_history`] added (ids from 30,000).
fn with_history(mut records: Vec<Record>) -> Book {
    records.extend(settled_history(30_000));
    Book::from_records(records, 40_000)
}

/// A former customer with a settled complaint and an old signal: ids from `first`.
fn settled_history(first: u64) -> Vec<Record> {
    let former = CustomerId(first);
    vec![
        Record::Customer(Customer {
            id: former,
            name: "老客户".into(),
            since: ago(3000),
            status: CustomerStatus::Lost,
            ..Customer::default()
        }),
        Record::Complaint(Complaint {
            id: ComplaintId(first + 1),
            customer: former,
            received: ago(2000),
            investigating_on: Some(ago(1999)),
            resolved_on: Some(ago(1990)),
            reported_back_on: Some(ago(1989)),
            subject: "送货延迟".into(),
            ..Complaint::default()
        }),
        Record::Signal(Signal {
            id: SignalId(first + 2),
            customer: former,
            date: ago(2000),
            kind: SignalKind::CompetitorApproach,
            ..Signal::default()
        }),
    ]
}

fn every(step: i64, from: i64, to: i64) -> Vec<i64> {
    (0..)
        .map(|i| from + i * step)
        .take_while(|d| *d <= to)
        .collect()
}

fn risk_of(scores: &[CustomerRisk], id: CustomerId) -> &CustomerRisk {
    scores.iter().find(|r| r.customer == id).expect("scored")
}

fn contribution(r: &CustomerRisk, factor: Factor) -> f64 {
    r.reasons
        .iter()
        .filter(|x| x.factor == factor)
        .map(|x| x.contribution)
        .sum()
}

#[test]
fn a_customer_whose_orders_dropped_scores_above_a_steady_one() {
    let mut b = Books::new();
    let steady = b.customer(&every(14, 3, 700), 1000);
    // Same rhythm for years, then nothing in the last 100 days.
    let dropped = b.customer(&every(14, 101, 700), 1000);
    let book = b.book();
    let scores = score_book(&book, today(), &RiskSettings::default(), None);
    let (s, d) = (risk_of(&scores, steady), risk_of(&scores, dropped));
    assert!(d.score > s.score + 25.0, "{} vs {}", d.score, s.score);
    assert!(s.band == Band::Low, "{s:?}");
    for f in [
        Factor::OrderVolumeDown,
        Factor::OrderFrequencyDown,
        Factor::PurchaseOverdue,
    ] {
        assert!(contribution(d, f) > 0.0, "{f:?} in {d:?}");
        assert!(contribution(s, f) == 0.0, "{f:?} in {s:?}");
    }
    let volume = d
        .reasons
        .iter()
        .find(|r| r.factor == Factor::OrderVolumeDown)
        .expect("a volume reason");
    match volume.facts {
        FactorFacts::Change {
            recent, change_pct, ..
        } => {
            assert_eq!(recent, 0.0);
            assert!((change_pct + 100.0).abs() < 1e-9);
        }
        ref other => panic!("{other:?}"),
    }
    assert!(!d.little_data && !s.little_data);
}

#[test]
fn falling_margin_and_rising_cost_to_serve_are_reasons() {
    let mut b = Books::new();
    let id = b.customer(&every(10, 95, 700), 1000);
    let book = {
        // Recent orders at the same size but thin margin and costly service.
        let mut records = b.records.clone();
        for (i, d) in every(10, 5, 90).into_iter().enumerate() {
            records.push(Record::Order(Order {
                id: OrderId(10_000 + i as u64),
                customer: id,
                date: ago(d),
                amount: Money::from_yuan(1000),
                margin: Money::from_yuan(50),
                cost_to_serve: Money::from_yuan(200),
                ..Order::default()
            }));
        }
        with_history(records)
    };
    let scores = score_book(&book, today(), &RiskSettings::default(), None);
    let r = risk_of(&scores, id);
    assert!(contribution(r, Factor::MarginFalling) > 0.0, "{r:?}");
    assert!(contribution(r, Factor::CostToServeUp) > 0.0, "{r:?}");
    assert_eq!(contribution(r, Factor::OrderVolumeDown), 0.0);
}

/// The BG/NBD fit Fader, Hardie & Lee publish for CDNOW (weeks): a real model, so the
/// hand-made books below need not be large enough to fit one of their own.
fn cdnow_model() -> liuke_engine::value::BgNbd {
    liuke_engine::value::BgNbd {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
        log_likelihood: -9582.4,
    }
}

#[test]
fn two_orders_alone_are_not_critical() {
    let mut b = Books::new();
    for _ in 0..20 {
        b.customer(&every(7, 3, 700), 500);
    }
    let few = b.customer(&[200, 240], 500);
    let book = b.book();
    let settings = RiskSettings::default();

    // With a purchase model the overdue factor is its probability of no order in the
    // coming window, and nothing is shrunk toward the book's average.
    let model = cdnow_model();
    let order_model = OrderModel::from_bgnbd(model, settings.window_days);
    let scores = score_book(&book, today(), &settings, Some(&order_model));
    let r = risk_of(&scores, few);
    assert!(r.little_data, "{r:?}");
    assert!(r.band < Band::High, "{r:?}");
    assert!(
        scores
            .iter()
            .all(|s| s.reasons.iter().all(|x| x.factor != Factor::BookBaseRate)),
        "no base-rate points when a model is fitted"
    );
    let overdue = r
        .reasons
        .iter()
        .find(|x| x.factor == Factor::PurchaseOverdue)
        .expect("an overdue reason");
    let FactorFacts::Overdue {
        p_no_purchase: Some(p),
        horizon_days,
        ..
    } = overdue.facts
    else {
        panic!("{overdue:?}");
    };
    assert_eq!(horizon_days, settings.window_days);
    let mut orders: Vec<&Order> = book.orders().iter().filter(|o| o.customer == few).collect();
    orders.sort_by_key(|o| o.date);
    let summary = liuke_engine::value::summarize(&orders, today()).expect("orders");
    let want = model.p_no_purchase(&summary, 90.0 / 7.0);
    assert!((p - want).abs() < 1e-12, "{p} vs {want}");
    assert!(
        (overdue.contribution - settings.weights.purchase_overdue * p).abs() < 1e-9,
        "{overdue:?}"
    );
    // A weekly buyer who ordered three days ago will very likely order again soon.
    let steady = scores.iter().find(|s| s.customer != few).expect("scored");
    assert!(
        contribution(steady, Factor::PurchaseOverdue) < 2.0,
        "{steady:?}"
    );

    // Without a model, the customer's own rhythm, shrunk by a credibility of n / (n + k).
    let scores = score_book(&book, today(), &settings, None);
    let r = risk_of(&scores, few);
    assert!(r.band < Band::High, "{r:?}");
    let overdue = contribution(r, Factor::PurchaseOverdue);
    assert!(overdue > 0.0 && overdue <= 20.0 / 3.0 + 1e-9, "{r:?}");
}

#[test]
fn factors_the_book_has_no_data_for_add_nothing() {
    // Orders only: no visits, surveys, owners, contacts, complaints or signals recorded.
    let mut records = Vec::new();
    for (id, days) in [(1u64, every(30, 10, 700)), (2, every(30, 200, 900))] {
        records.push(Record::Customer(Customer {
            id: CustomerId(id),
            name: format!("客户{id}"),
            since: ago(1000),
            tier: Tier::A,
            ..Customer::default()
        }));
        for (i, d) in days.into_iter().enumerate() {
            records.push(Record::Order(Order {
                id: OrderId(id * 1000 + i as u64),
                customer: CustomerId(id),
                date: ago(d),
                amount: Money::from_yuan(800),
                ..Order::default()
            }));
        }
    }
    let book = Book::from_records(records, 10_000);
    let unknown = liuke_engine::risk::factors_without_data(&book, today());
    for f in [
        Factor::ContactGap,
        Factor::SurveyOverdue,
        Factor::SatisfactionLow,
        Factor::SingleContactPoint,
        Factor::OwnerLeaving,
        Factor::RecentHandover,
        Factor::ComplaintsOpen,
        Factor::SignalsLogged,
        Factor::MarginFalling,
        Factor::CostToServeUp,
    ] {
        assert!(unknown.contains(&f), "{f:?} in {unknown:?}");
    }
    assert!(!unknown.contains(&Factor::PurchaseOverdue));
    for model in [None, Some(OrderModel::from_bgnbd(cdnow_model(), 90))] {
        let scores = score_book(&book, today(), &RiskSettings::default(), model.as_ref());
        let steady = risk_of(&scores, CustomerId(1));
        // A monthly buyer who ordered ten days ago: no reason to worry, whatever the
        // book does not record.
        assert_eq!(steady.band, Band::Low, "{steady:?}");
        assert!(steady.score < 10.0, "{steady:?}");
        for r in &scores {
            assert!(
                r.reasons.iter().all(|x| !unknown.contains(&x.factor)),
                "{r:?}"
            );
        }
        // Monthly for two years, then silent for 200 days: clearly gone. What the
        // book records carries the whole scale, so this is not left at half of it.
        let silent = risk_of(&scores, CustomerId(2));
        assert!(silent.band >= Band::High, "{silent:?}");
    }
}

#[test]
fn complaints_people_and_signals_raise_the_score() {
    let mut b = Books::new();
    let calm = b.customer(&every(14, 3, 700), 1000);
    let troubled = b.customer(&every(14, 3, 700), 1000);
    let mut records = b.records.clone();
    records.push(Record::Complaint(Complaint {
        id: ComplaintId(9001),
        customer: troubled,
        received: ago(20),
        severity: Severity::High,
        subject: "送货延迟".into(),
        ..Complaint::default()
    }));
    records.push(Record::Complaint(Complaint {
        id: ComplaintId(9002),
        customer: troubled,
        received: ago(60),
        subject: "质量问题".into(),
        investigating_on: Some(ago(59)),
        resolved_on: Some(ago(50)),
        ..Complaint::default()
    }));
    records.push(Record::Signal(Signal {
        id: SignalId(9003),
        customer: troubled,
        date: ago(15),
        kind: SignalKind::CompetitorApproach,
        severity: Severity::High,
        ..Signal::default()
    }));
    records.push(Record::Survey(Survey {
        id: SurveyId(9004),
        customer: troubled,
        date: ago(5),
        score: 2,
        ..Survey::default()
    }));
    // The owner leaves in 30 days, and the secondary contact has already left.
    for r in &mut records {
        if let Record::Staff(s) = r {
            s.status = if s.id == StaffId(1) {
                StaffStatus::Leaving(ago(-30))
            } else {
                StaffStatus::Left(ago(100))
            };
        }
    }
    let book = with_history(records);
    let scores = score_book(&book, today(), &RiskSettings::default(), None);
    let (c, t) = (risk_of(&scores, calm), risk_of(&scores, troubled));
    for f in [
        Factor::ComplaintsOpen,
        Factor::ComplaintsNotReportedBack,
        Factor::SignalsLogged,
        Factor::SatisfactionLow,
        Factor::OwnerLeaving,
        Factor::SingleContactPoint,
    ] {
        assert!(contribution(t, f) > 0.0, "{f:?} in {t:?}");
    }
    assert_eq!(contribution(c, Factor::ComplaintsOpen), 0.0);
    // Both share the leaving owner and the colleague who left; only `troubled` has the rest.
    assert!(t.score > c.score + 20.0, "{} vs {}", t.score, c.score);
}

#[test]
fn a_contact_gap_beyond_the_cadence_and_a_recent_handover_count() {
    let mut b = Books::new();
    let id = b.customer(&every(14, 3, 700), 1000);
    let mut records: Vec<Record> = b
        .records
        .into_iter()
        .map(|r| match r {
            Record::Interaction(mut i) if i.customer == id => {
                i.date = ago(200);
                Record::Interaction(i)
            }
            Record::Relationship(mut rel) if rel.role == RelationshipRole::Owner => {
                rel.until = Some(ago(40));
                Record::Relationship(rel)
            }
            other => other,
        })
        .collect();
    records.push(Record::Relationship(Relationship {
        id: RelationshipId(9100),
        customer: id,
        staff: StaffId(2),
        role: RelationshipRole::Owner,
        since: ago(40),
        until: None,
        ..Relationship::default()
    }));
    let book = with_history(records);
    let scores = score_book(&book, today(), &RiskSettings::default(), None);
    let r = risk_of(&scores, id);
    assert!(contribution(r, Factor::ContactGap) > 0.0, "{r:?}");
    assert!(contribution(r, Factor::RecentHandover) > 0.0, "{r:?}");
}

#[test]
fn settings_change_the_score() {
    let mut b = Books::new();
    let dropped = b.customer(&every(14, 101, 700), 1000);
    let book = b.book();
    let mut settings = RiskSettings::default();
    let before = risk_of(&score_book(&book, today(), &settings, None), dropped).score;
    settings.weights.purchase_overdue = 0.0;
    let after = risk_of(&score_book(&book, today(), &settings, None), dropped).clone();
    assert!(after.score < before);
    assert_eq!(contribution(&after, Factor::PurchaseOverdue), 0.0);
    let json = serde_json::to_string(&settings).expect("serializes");
    let back: RiskSettings = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, settings);
    let partial: RiskSettings = serde_json::from_str(r#"{"window_days": 60}"#).expect("parses");
    assert_eq!(partial.window_days, 60);
    assert_eq!(partial.cadence_a_days, 30);
}

#[test]
fn the_backtest_on_the_sample_book_finds_the_drifting_customers() {
    let book = sample_book(SampleSize::S, today());
    let result = backtest(&book, today(), ago(180), 180, &RiskSettings::default()).expect("runs");
    eprintln!("{result:?}");
    assert!(result.auc > 0.6, "{result:?}");
    assert!(result.churned > 0 && result.churned < result.customers);
    assert_eq!(result.lift.len(), 10);
    assert!((result.lift[9].1 - 1.0).abs() < 1e-9);
}

#[test]
fn the_backtest_refuses_a_horizon_that_has_not_passed() {
    let book = sample_book(SampleSize::S, today());
    assert!(backtest(&book, today(), ago(30), 180, &RiskSettings::default()).is_err());
}

#[test]
fn the_sample_book_scores_with_the_fitted_model() {
    let book = sample_book(SampleSize::S, today());
    let models = liuke_engine::value::fit_book(&book, today(), &Default::default()).expect("fits");
    let settings = RiskSettings::default();
    let order = OrderModel::fit(&book, today(), settings.window_days, Some(&models.bgnbd));
    let order = order.expect("a year of history and a fitted BG/NBD");
    assert!(order.evidence.is_some(), "{order:?}");
    let scores = score_book(&book, today(), &settings, Some(&order));
    assert_eq!(scores.len(), book.customers().len());
    assert!(scores.iter().any(|r| r.p_alive.is_some()));
    assert!(scores.iter().any(|r| r.band >= Band::High));
    assert!(scores.iter().any(|r| r.band == Band::Low));
}

/// A random small book: customers with random orders, contacts, complaints and surveys.
fn arbitrary_book() -> impl Strategy<Value = Book> {
    let customer = (
        prop::collection::vec((0i64..900, 0i64..50_000, 0i64..100), 0..30),
        prop::option::of(0i64..400),
        prop::option::of((0i64..400, 1u8..=5)),
        0usize..3,
    );
    prop::collection::vec(customer, 1..12).prop_map(|customers| {
        let mut b = Books::new();
        for (orders, contact, survey, complaints) in customers {
            let id = CustomerId(b.id());
            b.records.push(Record::Customer(Customer {
                id,
                name: format!("c{}", id.0),
                since: ago(1000),
                ..Customer::default()
            }));
            for (d, amount, margin_pct) in orders {
                let oid = b.id();
                b.records.push(Record::Order(Order {
                    id: OrderId(oid),
                    customer: id,
                    date: ago(d),
                    amount: Money(amount),
                    margin: Money(amount * margin_pct / 100),
                    cost_to_serve: Money(amount / 10),
                    ..Order::default()
                }));
            }
            if let Some(d) = contact {
                let iid = b.id();
                b.records.push(Record::Interaction(Interaction {
                    id: InteractionId(iid),
                    customer: id,
                    date: ago(d),
                    ..Interaction::default()
                }));
            }
            if let Some((d, score)) = survey {
                let sid = b.id();
                b.records.push(Record::Survey(Survey {
                    id: SurveyId(sid),
                    customer: id,
                    date: ago(d),
                    score,
                    ..Survey::default()
                }));
            }
            for k in 0..complaints {
                let cid = b.id();
                b.records.push(Record::Complaint(Complaint {
                    id: ComplaintId(cid),
                    customer: id,
                    received: ago(10 + 30 * k as i64),
                    severity: Severity::High,
                    subject: "x".into(),
                    ..Complaint::default()
                }));
            }
        }
        b.book()
    })
}

#[test]
fn two_changes_of_owner_within_90_days_count_in_full() {
    let mut b = Books::new();
    let steady = b.customer(&every(30, 30, 720), 1000);
    let moved = b.customer(&every(30, 30, 720), 1000);
    // `moved` went from 王芳 to 李强 60 days ago and back to 王芳 10 days ago.
    for r in &mut b.records {
        if let Record::Relationship(rel) = r {
            if rel.customer == moved && rel.role == RelationshipRole::Owner {
                rel.until = Some(ago(60));
            }
        }
    }
    for (staff, from, until) in [(2, 60, Some(10)), (1, 10, None)] {
        let id = b.id();
        b.records.push(Record::Relationship(Relationship {
            id: RelationshipId(id),
            customer: moved,
            staff: StaffId(staff),
            role: RelationshipRole::Owner,
            since: ago(from),
            until: until.map(ago),
            ..Relationship::default()
        }));
    }
    let book = b.book();
    let settings = RiskSettings::default();
    let scores = score_book(&book, today(), &settings, None);
    assert_eq!(
        contribution(risk_of(&scores, steady), Factor::RecentHandover),
        0.0
    );
    let moved = risk_of(&scores, moved);
    let reason = moved
        .reasons
        .iter()
        .find(|r| r.factor == Factor::RecentHandover)
        .unwrap_or_else(|| panic!("{moved:?}"));
    assert!(matches!(
        reason.facts,
        FactorFacts::Handover {
            transfers_90d: 2,
            ..
        }
    ));
    assert!((reason.contribution - settings.weights.recent_handover).abs() < 1e-9);
}

#[test]
fn knowing_who_decides_at_the_customer_lowers_the_single_contact_risk() {
    let mut b = Books::new();
    let unknown = b.customer(&every(30, 30, 720), 1000);
    let known = b.customer(&every(30, 30, 720), 1000);
    for (customer, decides) in [(unknown, false), (known, true)] {
        let id = b.id();
        b.records.push(Record::Contact(Contact {
            id: ContactId(id),
            customer,
            name: "采购经理".into(),
            decision_maker: decides,
            ..Contact::default()
        }));
    }
    let book = b.book();
    let settings = RiskSettings::default();
    let scores = score_book(&book, today(), &settings, None);
    let half = settings.weights.single_contact_point / 2.0;
    assert!(
        (contribution(risk_of(&scores, unknown), Factor::SingleContactPoint) - half).abs() < 1e-9
    );
    assert_eq!(
        contribution(risk_of(&scores, known), Factor::SingleContactPoint),
        0.0
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_stay_in_range_and_reasons_add_up(book in arbitrary_book(), weight in 0.0f64..200.0) {
        let mut settings = RiskSettings::default();
        settings.weights.contact_gap = weight;
        for r in score_book(&book, today(), &settings, None) {
            prop_assert!((0.0..=100.0).contains(&r.score), "{:?}", r);
            let sum: f64 = r.reasons.iter().map(|x| x.contribution).sum();
            prop_assert!((sum - r.score).abs() < 1e-6, "{} vs {}", sum, r.score);
            prop_assert!(r.reasons.iter().all(|x| x.contribution > 0.0));
            prop_assert!(r.reasons.windows(2).all(|w| w[0].contribution >= w[1].contribution));
            prop_assert_eq!(r.band, settings.bands.band(r.score));
        }
    }

    /// A weight change reuses the findings gathered under other weights, and scores
    /// exactly as a fresh pass would.
    #[test]
    fn reweighing_findings_equals_scoring_afresh(
        book in arbitrary_book(),
        weight in 0.0f64..200.0,
        watch in 1.0f64..60.0,
        credibility in 0.0f64..20.0,
        little in 0u32..12,
    ) {
        let gathered_under = RiskSettings::default();
        let mut settings = RiskSettings::default();
        settings.weights.purchase_overdue = weight;
        settings.weights.contact_gap = 200.0 - weight;
        settings.bands.watch = watch;
        settings.credibility_orders = credibility;
        settings.little_data_orders = little;
        prop_assert_eq!(settings.gathering_key(), gathered_under.gathering_key());
        let findings = Findings::gather(&book, today(), &gathered_under, None);
        prop_assert_eq!(findings.score(&settings), score_book(&book, today(), &settings, None));
    }

    /// Learning from any book ends in weights that are points adding up to 100, or in
    /// a reason why not, and scoring with them keeps every score's promises.
    #[test]
    fn learning_weights_from_any_book_gives_points_or_a_reason(book in arbitrary_book()) {
        let settings = RiskSettings::default();
        match liuke_engine::risk::learn::learn(&book, today(), &settings) {
            Ok(learned) => {
                let w = learned.weights;
                let total: f64 = liuke_engine::risk::learn::WEIGHTED.iter().map(|f| w.weight(*f)).sum();
                prop_assert!((total - 100.0).abs() < 1e-6, "{:?}", learned);
                let mut with = settings;
                with.learned = Some(learned);
                with.use_learned = true;
                for r in score_book(&book, today(), &with, None) {
                    prop_assert!((0.0..=100.0).contains(&r.score), "{:?}", r);
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

/// Issue 16.6: the engine checks the band thresholds (before, a form could set watch
/// above high, and the register mislabelled customers).
#[test]
fn band_thresholds_must_rise_within_the_scale() {
    use liuke_engine::risk::{BandThresholds, SettingsError};
    assert_eq!(BandThresholds::default().check(), Ok(()));
    for (watch, high, critical) in [
        (60.0, 50.0, 75.0),
        (25.0, 50.0, 50.0),
        (-1.0, 50.0, 75.0),
        (25.0, 50.0, 101.0),
    ] {
        let bands = BandThresholds {
            watch,
            high,
            critical,
        };
        assert_eq!(bands.check(), Err(SettingsError::BandOrder), "{bands:?}");
    }
}

/// Issue 16.4: the yearly rate shown and the monthly rate the CLV discounts with are
/// one conversion, both ways.
#[test]
fn the_discount_rate_converts_both_ways() {
    use liuke_engine::value::{annual_rate, monthly_rate};
    assert!((annual_rate(0.008) - 0.1003).abs() < 1e-4);
    for annual in [0.0, 0.05, 0.1, 0.5] {
        assert!((annual_rate(monthly_rate(annual)) - annual).abs() < 1e-12);
    }
}

/// Issue 19.6: the yearly discount a new book shows is a round 10 %, not 10.03.
#[test]
fn the_default_discount_reads_as_a_round_yearly_rate() {
    use liuke_engine::value::{annual_rate, ValueSettings};
    let shown = annual_rate(ValueSettings::default().monthly_discount) * 100.0;
    assert_eq!(format!("{}", (shown * 100.0).round() / 100.0), "10");
}
