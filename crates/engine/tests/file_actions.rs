//! Actions on a customer's file as intents: ending a colleague's relationship, taking a
//! complaint to its next step, marking customers told — each rule in the engine, each
//! refusal changing nothing.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::*;

fn day(m: u32, d: u32) -> Date {
    Date::from_ymd_opt(2026, m, d).expect("valid test date")
}

fn today() -> Date {
    day(11, 22)
}

fn create(book: &mut Book, record: Record) -> u64 {
    book.apply(&Command::Create { record }, today())
        .expect("valid")
        .created
        .expect("created")
        .id
}

struct File {
    book: Book,
    customer: CustomerId,
    other: CustomerId,
    colleague: RelationshipId,
    owner: RelationshipId,
    complaint: ComplaintId,
    announcement: AnnouncementId,
}

fn file() -> File {
    let mut book = Book::new();
    let customer = CustomerId(create(
        &mut book,
        Record::Customer(Customer::new("杭州宏达建材有限公司", day(1, 5))),
    ));
    let other = CustomerId(create(
        &mut book,
        Record::Customer(Customer::new("Blue Harbor Trading Co.", day(2, 1))),
    ));
    let staff = StaffId(create(
        &mut book,
        Record::Staff(Staff {
            name: "王芳".into(),
            hire_date: day(1, 1),
            capacity: 80,
            ..Staff::default()
        }),
    ));
    let relationship = |role, since| {
        Record::Relationship(Relationship {
            customer,
            staff,
            role,
            since,
            ..Relationship::default()
        })
    };
    let owner = RelationshipId(create(
        &mut book,
        relationship(RelationshipRole::Owner, day(3, 1)),
    ));
    let colleague = RelationshipId(create(
        &mut book,
        relationship(RelationshipRole::AfterSales, day(6, 1)),
    ));
    let complaint = ComplaintId(create(
        &mut book,
        Record::Complaint(Complaint {
            customer,
            received: day(11, 20),
            subject: "送货延误".into(),
            ..Complaint::default()
        }),
    ));
    let announcement = AnnouncementId(create(
        &mut book,
        Record::Announcement(Announcement {
            date: day(11, 21),
            title: "明年起调价".into(),
            ..Announcement::default()
        }),
    ));
    File {
        book,
        customer,
        other,
        colleague,
        owner,
        complaint,
        announcement,
    }
}

fn refused(book: &mut Book, command: Command) -> BookError {
    let before = book.clone();
    let error = book.apply(&command, today()).expect_err("refused");
    assert!(*book == before, "a refusal changes nothing");
    error
}

#[test]
fn a_colleague_leaves_the_team_on_a_day_not_before_joining() {
    let mut f = file();
    let error = refused(
        &mut f.book,
        Command::EndRelationship {
            relationship: f.colleague,
            on: day(5, 31),
        },
    );
    assert_eq!(
        error,
        BookError::invalid(
            Field::Date,
            Problem::BeforeDate {
                other: Field::Since
            }
        )
    );
    let error = refused(
        &mut f.book,
        Command::EndRelationship {
            relationship: f.colleague,
            on: day(11, 23),
        },
    );
    assert_eq!(error, BookError::invalid(Field::Date, Problem::InFuture));
    // The owner changes only through an owner assignment.
    refused(
        &mut f.book,
        Command::EndRelationship {
            relationship: f.owner,
            on: today(),
        },
    );
    f.book
        .apply(
            &Command::EndRelationship {
                relationship: f.colleague,
                on: today(),
            },
            today(),
        )
        .expect("ended");
    assert_eq!(
        f.book
            .relationships()
            .get(f.colleague.0)
            .and_then(|r| r.until),
        Some(today())
    );
    assert!(f.book.owner_of(f.customer).is_some());
    refused(
        &mut f.book,
        Command::EndRelationship {
            relationship: f.colleague,
            on: today(),
        },
    );
}

#[test]
fn a_complaint_walks_its_steps_and_no_further() {
    let mut f = file();
    for expected in [
        ComplaintStatus::Investigating,
        ComplaintStatus::Resolved,
        ComplaintStatus::ReportedBack,
    ] {
        f.book
            .apply(
                &Command::AdvanceComplaint {
                    complaint: f.complaint,
                    on: today(),
                },
                today(),
            )
            .expect("next step");
        let status = f
            .book
            .complaints()
            .get(f.complaint.0)
            .map(liuke_engine::Complaint::status);
        assert_eq!(status, Some(expected));
    }
    let error = refused(
        &mut f.book,
        Command::AdvanceComplaint {
            complaint: f.complaint,
            on: today(),
        },
    );
    assert!(matches!(error, BookError::ComplaintStep { .. }));
}

#[test]
fn customers_are_marked_told_once_with_their_day_and_can_be_unmarked() {
    let mut f = file();
    let tell = |customers: Vec<CustomerId>, told: bool, on: Date| Command::MarkTold {
        announcement: f.announcement,
        customers,
        told,
        on,
    };
    f.book
        .apply(&tell(vec![f.customer], true, day(11, 21)), today())
        .expect("told");
    f.book
        .apply(
            &tell(vec![f.customer, f.other, f.other], true, today()),
            today(),
        )
        .expect("told everyone");
    let told = f
        .book
        .announcements()
        .get(f.announcement.0)
        .expect("there")
        .told
        .clone();
    assert_eq!(told.len(), 2, "each customer once");
    assert_eq!(told[0].on, day(11, 21), "the first day is kept");
    f.book
        .apply(&tell(vec![f.customer], false, today()), today())
        .expect("not told after all");
    let a = f.book.announcements().get(f.announcement.0).expect("there");
    assert!(!a.was_told(f.customer) && a.was_told(f.other));
    let error = refused(&mut f.book, tell(vec![CustomerId(9_999)], true, today()));
    assert!(matches!(
        error,
        BookError::Invalid {
            field: Field::Customer,
            ..
        }
    ));
}
