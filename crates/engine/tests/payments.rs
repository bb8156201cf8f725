//! The payment plan's commands: the engine, not the screen, keeps the rules — a payment
//! is positive, never exceeds what is still owed and never lands on a void instalment,
//! so what was received only goes up; a refusal changes nothing; each is one undo.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::*;
use proptest::prelude::*;

fn day(d: u32) -> Date {
    Date::from_ymd_opt(2026, 11, d).expect("valid test date")
}

fn today() -> Date {
    day(22)
}

/// A book with one customer and one instalment of ¥1,000 due on the 30th.
fn book_with_instalment() -> (Book, CustomerId, InstalmentId) {
    let mut book = Book::new();
    let customer = CustomerId(
        book.apply(
            &Command::Create {
                record: Record::Customer(Customer::new("杭州宏达建材有限公司", day(1))),
            },
            today(),
        )
        .expect("customer")
        .created
        .expect("created")
        .id,
    );
    let change = book
        .apply(
            &Command::PlanInstalment {
                customer,
                due: day(30),
                amount: Money(100_000),
            },
            today(),
        )
        .expect("an instalment is planned");
    (
        book,
        customer,
        InstalmentId(change.created.expect("created").id),
    )
}

fn pay(book: &mut Book, instalment: InstalmentId, fen: i64, on: Date) -> Result<Change, BookError> {
    book.apply(
        &Command::RecordPayment {
            instalment,
            amount: Money(fen),
            on,
        },
        today(),
    )
}

fn refused(book: &mut Book, command: Command) -> BookError {
    let before = book.clone();
    let error = book.apply(&command, today()).expect_err("refused");
    assert!(*book == before, "a refusal changes nothing");
    error
}

#[test]
fn payments_add_up_to_the_instalment_and_the_latest_day_is_kept() {
    let (mut book, _, id) = book_with_instalment();
    pay(&mut book, id, 40_000, day(20)).expect("part");
    pay(&mut book, id, 10_000, day(18)).expect("an earlier slip, entered late");
    let i = &book.instalments().get(id.0).expect("there").clone();
    assert_eq!(i.paid, Money(50_000));
    assert_eq!(i.paid_on, Some(day(20)));
    assert_eq!(i.status(today()), InstalmentStatus::PartlyPaid);
    pay(&mut book, id, 50_000, today()).expect("the rest");
    let i = book.instalments().get(id.0).expect("there");
    assert_eq!(i.status(today()), InstalmentStatus::Paid);
    assert_eq!(i.outstanding(), Money::ZERO);
}

#[test]
fn a_payment_above_what_is_owed_or_not_positive_or_in_the_future_is_refused() {
    let (mut book, _, id) = book_with_instalment();
    pay(&mut book, id, 60_000, today()).expect("part");
    let cases = [
        (40_001, today(), Field::Paid, Problem::PaidAboveAmount),
        (0, today(), Field::Paid, Problem::Required),
        (-5_000, today(), Field::Paid, Problem::Negative),
        (1_000, day(23), Field::PaidOn, Problem::InFuture),
    ];
    for (fen, on, field, problem) in cases {
        let error = refused(
            &mut book,
            Command::RecordPayment {
                instalment: id,
                amount: Money(fen),
                on,
            },
        );
        assert_eq!(
            error,
            BookError::Invalid { field, problem },
            "{fen} on {on}"
        );
    }
    let error = refused(
        &mut book,
        Command::RecordPayment {
            instalment: InstalmentId(999),
            amount: Money(1),
            on: today(),
        },
    );
    assert!(matches!(error, BookError::NotFound { .. }));
}

#[test]
fn a_void_instalment_takes_no_payment_and_a_paid_one_cannot_be_voided() {
    let (mut book, customer, id) = book_with_instalment();
    book.apply(&Command::VoidInstalment { instalment: id }, today())
        .expect("void");
    assert_eq!(
        book.instalments().get(id.0).map(|i| i.status(today())),
        Some(InstalmentStatus::Void)
    );
    let error = refused(
        &mut book,
        Command::RecordPayment {
            instalment: id,
            amount: Money(1_000),
            on: today(),
        },
    );
    assert_eq!(error, BookError::invalid(Field::Paid, Problem::Void));
    let error = refused(&mut book, Command::VoidInstalment { instalment: id });
    assert_eq!(error, BookError::invalid(Field::Status, Problem::Void));

    let paid = InstalmentId(
        book.apply(
            &Command::PlanInstalment {
                customer,
                due: day(25),
                amount: Money(5_000),
            },
            today(),
        )
        .expect("planned")
        .created
        .expect("created")
        .id,
    );
    pay(&mut book, paid, 5_000, today()).expect("paid in full");
    let error = refused(&mut book, Command::VoidInstalment { instalment: paid });
    assert_eq!(
        error,
        BookError::invalid(Field::Status, Problem::AlreadyPaid)
    );
}

#[test]
fn planning_checks_the_customer_and_the_amount() {
    let (mut book, customer, _) = book_with_instalment();
    let error = refused(
        &mut book,
        Command::PlanInstalment {
            customer: CustomerId(999),
            due: day(30),
            amount: Money(100),
        },
    );
    assert!(matches!(
        error,
        BookError::Invalid {
            field: Field::Customer,
            ..
        }
    ));
    let error = refused(
        &mut book,
        Command::PlanInstalment {
            customer,
            due: day(30),
            amount: Money::ZERO,
        },
    );
    assert_eq!(error, BookError::invalid(Field::Amount, Problem::Required));
}

#[test]
fn a_payment_is_one_change_and_one_undo() {
    let (mut book, _, id) = book_with_instalment();
    let before = book.clone();
    let change = pay(&mut book, id, 30_000, today()).expect("paid");
    assert_eq!((change.puts.len(), change.before.len()), (1, 1));
    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert!(book == before);
}

proptest! {
    /// Whatever a user types, in whatever order: what was received never exceeds the
    /// instalment and never goes down, and a void instalment never changes again.
    #[test]
    fn received_only_goes_up_and_never_past_the_instalment(
        steps in proptest::collection::vec((any::<bool>(), -200_000i64..200_000, 0u32..30), 1..30)
    ) {
        let (mut book, _, id) = book_with_instalment();
        let mut last = Money::ZERO;
        let mut void = false;
        for (voiding, fen, d) in steps {
            let command = if voiding && fen % 7 == 0 {
                Command::VoidInstalment { instalment: id }
            } else {
                Command::RecordPayment {
                    instalment: id,
                    amount: Money(fen),
                    on: day(1 + d % 28),
                }
            };
            let outcome = book.apply(&command, today());
            let i = book.instalments().get(id.0).expect("there").clone();
            prop_assert!(i.paid >= last && i.paid <= i.amount);
            if void {
                prop_assert!(outcome.is_err());
            }
            last = i.paid;
            void = i.void;
        }
    }
}
