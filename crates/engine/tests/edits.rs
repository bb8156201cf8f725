//! Issue 15.5 / 16.3: an edit carries the record as the form showed it. Before, a form
//! opened before another tab's save overwrote that save with its whole stale record.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::*;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 22).expect("valid")
}

/// A book with one customer and one order; returns the order as a form would show it.
fn book_with_order() -> (Book, Order) {
    let mut book = Book::new();
    let customer = CustomerId(
        book.apply(
            &Command::Create {
                record: Record::Customer(Customer::new("杭州宏达建材有限公司", today())),
            },
            today(),
        )
        .expect("customer")
        .created
        .expect("created")
        .id,
    );
    let order = Order {
        customer,
        date: today(),
        amount: Money(1_000_000),
        ..Order::default()
    };
    let id = book
        .apply(
            &Command::Create {
                record: Record::Order(order),
            },
            today(),
        )
        .expect("order")
        .created
        .expect("created")
        .id;
    let shown = book.orders().get(id).expect("there").clone();
    (book, shown)
}

fn edit(book: &mut Book, base: &Order, edited: Order) -> Result<Change, BookError> {
    book.apply(
        &Command::Edit {
            base: Box::new(Record::Order(base.clone())),
            edited: Box::new(Record::Order(edited)),
        },
        today(),
    )
}

fn stored(book: &Book, order: &Order) -> Order {
    book.orders().get(order.id.0).expect("there").clone()
}

#[test]
fn an_edit_of_an_unchanged_record_is_written_as_made() {
    let (mut book, shown) = book_with_order();
    let mine = Order {
        amount: Money(1_200_000),
        note: "补货".into(),
        ..shown.clone()
    };
    edit(&mut book, &shown, mine.clone()).expect("saved");
    assert_eq!(stored(&book, &shown), mine);
}

#[test]
fn changes_to_different_fields_are_both_kept() {
    let (mut book, shown) = book_with_order();
    // Another tab changes the note …
    edit(
        &mut book,
        &shown,
        Order {
            note: "对方标签页的备注".into(),
            ..shown.clone()
        },
    )
    .expect("the other tab saves");
    // … while this form, opened before, changes the amount.
    edit(
        &mut book,
        &shown,
        Order {
            amount: Money(1_500_000),
            ..shown.clone()
        },
    )
    .expect("merged");
    let now = stored(&book, &shown);
    assert_eq!(now.amount, Money(1_500_000));
    assert_eq!(
        now.note, "对方标签页的备注",
        "the other tab's change is not overwritten"
    );
}

#[test]
fn the_same_field_changed_on_both_sides_is_refused_naming_it_then_applied_on_top() {
    let (mut book, shown) = book_with_order();
    edit(
        &mut book,
        &shown,
        Order {
            amount: Money(900_000),
            note: "对方改了金额".into(),
            ..shown.clone()
        },
    )
    .expect("the other tab saves");
    let theirs = stored(&book, &shown);
    let mine = Order {
        amount: Money(1_500_000),
        note: "我的备注".into(),
        ..shown.clone()
    };
    let before = book.clone();
    let error = edit(&mut book, &shown, mine.clone()).expect_err("stale");
    assert_eq!(
        error,
        BookError::Stale {
            fields: vec![Field::Amount, Field::Notes]
        }
    );
    assert!(book == before, "nothing written");
    // Seen what changed, the user applies theirs on top of the record as it is now.
    edit(&mut book, &theirs, mine.clone()).expect("applied on top");
    assert_eq!(stored(&book, &shown), mine);
}

#[test]
fn the_same_change_on_both_sides_is_no_clash_and_a_deleted_record_is_reported() {
    let (mut book, shown) = book_with_order();
    let same = Order {
        amount: Money(1_100_000),
        ..shown.clone()
    };
    edit(&mut book, &shown, same.clone()).expect("the other tab");
    edit(&mut book, &shown, same.clone()).expect("the same change again");
    book.apply(
        &Command::Delete {
            key: Record::Order(shown.clone()).key(),
        },
        today(),
    )
    .expect("deleted elsewhere");
    let error = edit(&mut book, &shown, same).expect_err("gone");
    assert!(matches!(error, BookError::NotFound { .. }));
}

#[test]
fn an_edit_cannot_move_a_record_to_another_key_or_customer() {
    let (mut book, shown) = book_with_order();
    let moved = Order {
        customer: CustomerId(999),
        ..shown.clone()
    };
    assert!(edit(&mut book, &shown, moved).is_err());
    let renumbered = Order {
        id: OrderId(shown.id.0 + 100),
        ..shown.clone()
    };
    assert!(edit(&mut book, &shown, renumbered).is_err());
}

/// A checklist is a group of fields: two tabs filling in different items of it both
/// keep theirs (before, the whole checklist clashed as one field and the second save
/// was refused); the same item changed differently still clashes.
#[test]
fn different_items_of_one_checklist_merge_item_by_item() {
    let mut book = Book::new();
    let mut customer = Customer::new("已流失的客户", today());
    customer.status = CustomerStatus::Lost;
    let customer = CustomerId(
        book.apply(
            &Command::Create {
                record: Record::Customer(customer),
            },
            today(),
        )
        .expect("customer")
        .created
        .expect("created")
        .id,
    );
    let case = WinbackCase {
        customer,
        opened: today(),
        ..WinbackCase::default()
    };
    let id = book
        .apply(
            &Command::Create {
                record: Record::WinbackCase(case),
            },
            today(),
        )
        .expect("case")
        .created
        .expect("created")
        .id;
    let shown = book.winback_cases().get(id).expect("there").clone();
    let save = |book: &mut Book, edited: WinbackCase| {
        book.apply(
            &Command::Edit {
                base: Box::new(Record::WinbackCase(shown.clone())),
                edited: Box::new(Record::WinbackCase(edited)),
            },
            today(),
        )
    };
    let mut theirs = shown.clone();
    theirs.exit.receivables = Money(800_000);
    save(&mut book, theirs).expect("the other tab's save");
    let mut mine = shown.clone();
    mine.exit.lessons = "报价前先问清预算".into();
    save(&mut book, mine).expect("merged");
    let now = book.winback_cases().get(id).expect("there");
    assert_eq!(now.exit.receivables, Money(800_000));
    assert_eq!(now.exit.lessons, "报价前先问清预算");
    let mut clash = shown.clone();
    clash.exit.receivables = Money(100);
    assert!(matches!(
        save(&mut book, clash),
        Err(BookError::Stale { .. })
    ));
}
