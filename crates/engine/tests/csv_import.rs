//! CSV import and export: Excel's encodings and delimiters, header guessing, every problem
//! reported by Excel row and column, the preview applied as commands, export → import
//! round trips, a parser that never panics, and half a million orders in slices.
// A test may unwrap and expect: a panic there is a failing test, not a crashed app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use liuke_engine::interchange::csv_export::{self, to_csv, Column};
use liuke_engine::interchange::csv_import::*;
use liuke_engine::sample::{sample_book, SampleSize};
use liuke_engine::*;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).expect("valid test date")
}

fn today() -> Date {
    day(2025, 6, 30)
}

fn create(book: &mut Book, record: Record) -> u64 {
    let change = book
        .apply(&Command::Create { record }, today())
        .expect("valid record");
    change.created.expect("a create names its record").id
}

fn staff(name: &str, status: StaffStatus) -> Record {
    Record::Staff(Staff {
        name: name.into(),
        hire_date: day(2018, 3, 1),
        status,
        ..Staff::default()
    })
}

/// 张伟 (active), 李娜 (left), two 王磊; customers 华强建材, 明达五金 and two 同名公司;
/// 华强建材 has the contact 陈经理 and an order of 1000 yuan on 2025-01-10.
fn book() -> Book {
    let mut book = Book::new();
    create(&mut book, staff("张伟", StaffStatus::Active));
    create(
        &mut book,
        staff("李娜", StaffStatus::Left(day(2024, 12, 31))),
    );
    create(&mut book, staff("王磊", StaffStatus::Active));
    create(&mut book, staff("王磊", StaffStatus::Active));
    let huaqiang = CustomerId(create(
        &mut book,
        Record::Customer(Customer::new("华强建材", day(2020, 1, 1))),
    ));
    for name in ["明达五金", "同名公司", "同名公司"] {
        create(
            &mut book,
            Record::Customer(Customer::new(name, day(2020, 1, 1))),
        );
    }
    create(
        &mut book,
        Record::Contact(Contact {
            customer: huaqiang,
            name: "陈经理".into(),
            ..Contact::default()
        }),
    );
    create(
        &mut book,
        Record::Order(Order {
            customer: huaqiang,
            date: day(2025, 1, 10),
            amount: Money::from_yuan(1000),
            ..Order::default()
        }),
    );
    book
}

/// Writes rows with any delimiter, quoting like Excel.
fn csv_with(rows: &[Vec<&str>], delimiter: char) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([delimiter, '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push_str(&cells.join(&delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

fn import(text: &str, kind: ImportKind, book: &Book) -> Preview {
    preview_text(text, kind, book, today()).expect("the import starts")
}

fn problems_at(preview: &Preview, row: usize) -> Vec<(Option<String>, ImportProblem)> {
    preview
        .problems
        .iter()
        .filter(|p| p.row == row)
        .map(|p| (p.column.clone(), p.problem.clone()))
        .collect()
}

fn orders(preview: &Preview) -> Vec<&Order> {
    preview
        .valid
        .iter()
        .filter_map(|r| match r {
            Record::Order(o) => Some(o),
            _ => None,
        })
        .collect()
}

const NOTE: &str = "第一行\n第二行, 带\"引号\"";

fn order_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "客户名称",
            "下单日期",
            "金额（元）",
            "毛利",
            "数量",
            "业务员",
            "备注",
        ],
        vec!["华强建材", "2025/5/1", "1,234.50", "200", "3", "张伟", NOTE],
        vec!["明达五金", "2025年5月2日", "¥99", "", "1", "", ""],
        vec!["不存在公司", "2025-05-03", "10", "", "", "", ""],
        vec!["同名公司", "2025-05-03", "10", "", "", "", ""],
        vec!["华强建材", "2025-13-01", "-5", "", "", "", ""],
        vec!["华强建材", "2025-05-04", "10", "20", "", "", ""],
        vec!["华强建材", "2026-01-01", "10", "", "", "", ""],
        vec!["华强建材", "2025/5/1", "1,234.50", "200", "3", "张伟", NOTE],
        vec!["华强建材", "2025-01-10", "1000", "", "", "", ""],
        vec!["明达五金", "2025-05-05", "5", "", "", "某某", ""],
        vec!["", "2025-05-05", "5", "", "", "", ""],
        vec!["", "", "", "", "", "", ""],
        vec!["明达五金", "45700", "5", "", "2.5", "", ""],
        vec!["明达五金", "45700", "5", "", "", "王磊", "短行"],
    ]
}

#[test]
fn lists_every_problem_by_excel_row_and_header() {
    let book = book();
    let preview = import(&csv_with(&order_rows(), ','), ImportKind::Orders, &book);
    let col = |s: &str| Some(s.to_string());
    assert_eq!(preview.rows_total, 13);
    assert_eq!(preview.blank_rows, 1);
    // Row 9 repeats row 2: two equal orders on one day are two purchases.
    assert_eq!(preview.valid_rows, vec![2, 3, 9]);
    let valid = orders(&preview);
    assert_eq!(valid[0].amount, Money(123_450));
    assert_eq!(valid[0].margin, Money::from_yuan(200));
    assert_eq!(valid[0].quantity, 3);
    assert_eq!(valid[0].note, NOTE);
    assert_eq!(valid[0].staff, Some(StaffId(1)));
    assert_eq!(valid[0].date, day(2025, 5, 1));
    assert_eq!(valid[1].date, day(2025, 5, 2));
    assert_eq!(valid[1].amount, Money::from_yuan(99));
    assert_eq!(
        problems_at(&preview, 4),
        vec![(
            col("客户名称"),
            ImportProblem::UnknownCustomer {
                name: "不存在公司".into()
            }
        )]
    );
    assert_eq!(
        problems_at(&preview, 5),
        vec![(
            col("客户名称"),
            ImportProblem::AmbiguousCustomer {
                name: "同名公司".into(),
                count: 2
            }
        )]
    );
    assert_eq!(
        problems_at(&preview, 6),
        vec![
            (
                col("下单日期"),
                ImportProblem::BadDate {
                    value: "2025-13-01".into()
                }
            ),
            (
                col("金额（元）"),
                ImportProblem::Negative { value: "-5".into() }
            ),
        ]
    );
    assert_eq!(
        problems_at(&preview, 7),
        vec![(
            col("毛利"),
            ImportProblem::Invalid {
                field: Field::Margin,
                detail: Problem::MarginAboveAmount
            }
        )]
    );
    assert_eq!(
        problems_at(&preview, 8),
        vec![(
            col("下单日期"),
            ImportProblem::Invalid {
                field: Field::Date,
                detail: Problem::InFuture
            }
        )]
    );
    assert_eq!(problems_at(&preview, 9), vec![]);
    assert_eq!(
        problems_at(&preview, 10),
        vec![(
            col("客户名称"),
            ImportProblem::OrderInBook {
                name: "华强建材".into()
            }
        )]
    );
    assert_eq!(
        problems_at(&preview, 11),
        vec![(
            col("业务员"),
            ImportProblem::UnknownStaff {
                name: "某某".into()
            }
        )]
    );
    assert_eq!(
        problems_at(&preview, 12),
        vec![(col("客户名称"), ImportProblem::Required)]
    );
    assert_eq!(
        problems_at(&preview, 14),
        vec![(
            col("数量"),
            ImportProblem::BadNumber {
                value: "2.5".into()
            }
        )]
    );
    assert_eq!(
        problems_at(&preview, 15),
        vec![(
            col("业务员"),
            ImportProblem::AmbiguousStaff {
                name: "王磊".into(),
                count: 2
            }
        )]
    );
    assert_eq!(preview.rows_with_problems, 10);
    assert_eq!(
        preview.unknown_customers,
        vec![UnknownName {
            name: "不存在公司".into(),
            rows: 1,
            first_row: 4
        }]
    );
}

/// Applies a preview as the app does: the new records and the customers' updates as
/// one change.
fn apply(book: &mut Book, preview: &Preview) {
    let mut commands: Vec<Command> = preview
        .valid
        .iter()
        .cloned()
        .map(|record| Command::Create { record })
        .collect();
    commands.extend(
        preview
            .customer_updates
            .iter()
            .cloned()
            .map(|record| Command::Update { record }),
    );
    book.apply(&Command::Batch { commands }, today())
        .expect("the preview applies");
}

#[test]
fn equal_orders_on_one_day_are_kept_and_a_file_imported_twice_adds_nothing() {
    let mut book = book();
    let header = vec!["客户名称", "下单日期", "金额"];
    let row = vec!["明达五金", "2025-03-01", "15.99"];
    // Real histories have several equal orders from one customer on one day.
    let twice = csv_with(&[header.clone(), row.clone(), row.clone()], ',');
    let preview = import(&twice, ImportKind::Orders, &book);
    assert_eq!(preview.valid.len(), 2, "{preview:?}");
    apply(&mut book, &preview);
    assert_eq!(book.orders().len(), 3);
    // The same file again: each row is matched to an order already in the book.
    let again = import(&twice, ImportKind::Orders, &book);
    assert!(again.valid.is_empty(), "{again:?}");
    assert_eq!(
        problems_at(&again, 3),
        vec![(
            Some("客户名称".to_string()),
            ImportProblem::OrderInBook {
                name: "明达五金".into()
            }
        )]
    );
    // A later export with one more such order adds just that one.
    let thrice = csv_with(&[header, row.clone(), row.clone(), row], ',');
    let more = import(&thrice, ImportKind::Orders, &book);
    assert_eq!(more.valid_rows, vec![4]);
}

#[test]
fn a_customer_starts_no_later_than_its_first_imported_order() {
    let mut book = book();
    // Imported without a "since" date: the customer starts on the import day.
    let customers = csv_with(&[vec!["客户名称"], vec!["新客户"]], ',');
    let preview = import(&customers, ImportKind::Customers, &book);
    apply(&mut book, &preview);
    let new = book
        .customers()
        .iter()
        .find(|c| c.name == "新客户")
        .expect("imported")
        .clone();
    assert_eq!(new.since, today());
    let orders = csv_with(
        &[
            vec!["客户名称", "下单日期", "金额"],
            vec!["新客户", "2024-08-01", "10"],
            vec!["新客户", "2023-02-01", "10"],
            // 明达五金 has been a customer since 2020: nothing to move.
            vec!["明达五金", "2024-01-01", "10"],
        ],
        ',',
    );
    let preview = import(&orders, ImportKind::Orders, &book);
    assert_eq!(preview.valid.len(), 3);
    assert_eq!(preview.customer_updates.len(), 1, "{preview:?}");
    apply(&mut book, &preview);
    let moved = book.customers().get(new.id.0).expect("still there");
    assert_eq!(moved.since, day(2023, 2, 1));
    assert_eq!(moved.name, "新客户");
}

#[test]
fn every_delimiter_and_bom_reads_the_same() {
    let book = book();
    let comma = import(&csv_with(&order_rows(), ','), ImportKind::Orders, &book);
    for delimiter in [';', '\t'] {
        let text = csv_with(&order_rows(), delimiter);
        assert_eq!(
            import(&text, ImportKind::Orders, &book),
            comma,
            "{delimiter:?}"
        );
        let bom = format!("\u{feff}{text}");
        let decoded = decode(bom.as_bytes()).expect("utf-8");
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
        assert_eq!(import(&decoded.text, ImportKind::Orders, &book), comma);
    }
    let lf = csv_with(&order_rows(), ',').replace("\r\n", "\n");
    assert_eq!(import(&lf, ImportKind::Orders, &book), comma);
}

#[test]
fn reads_a_gbk_file_decoded_outside_the_engine() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/customers-gbk.csv"
    ))
    .expect("fixture");
    let refused = sniff_utf8(&bytes).expect_err("GBK is not UTF-8");
    assert!(refused.looks_like_gbk);
    assert_eq!(sniff_encoding(&bytes), Encoding::Gbk);
    let (text, _, had_errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!had_errors);
    let book = book();
    let preview = import(&text, ImportKind::Customers, &book);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let customers: Vec<&Customer> = preview
        .valid
        .iter()
        .filter_map(|r| match r {
            Record::Customer(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(customers.len(), 3);
    let hongda = customers[0];
    assert_eq!(hongda.name, "杭州宏达建材有限公司");
    assert_eq!(hongda.kind, CustomerKind::Company);
    assert_eq!(hongda.tier, Tier::A);
    assert_eq!(hongda.tags, vec!["战略合作", "月结"]);
    assert_eq!(hongda.since, day(2019, 4, 1));
    assert_eq!(hongda.notes, "年底集中采购,需提前备货");
    assert_eq!(customers[1].kind, CustomerKind::Person);
    assert_eq!(customers[1].status, CustomerStatus::AtRisk);
    assert_eq!(customers[1].since, day(2021, 3, 15));
    assert_eq!(customers[1].notes, "老客户介绍\r\n电话常打不通");
    assert_eq!(customers[2].status, CustomerStatus::Lost);
    assert_eq!(customers[2].since, day(2020, 1, 2));
    assert_eq!(
        preview.owners,
        vec![OwnerAssignment {
            index: 0,
            staff: StaffId(1)
        }]
    );
}

/// Issue 16.2: a confirmed preview is one command and one change — the records, their
/// owners and any moved start dates — written together and undone together.
#[test]
fn a_confirmed_preview_applies_as_one_change() {
    let mut book = book();
    let text = "客户名称,等级,负责人,合作开始日期\n新客户甲,B,张伟,2024-02-03\n新客户乙,,,\n";
    let preview = import(text, ImportKind::Customers, &book);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let before = book.clone();
    let change = book
        .apply(&preview.command(), today())
        .expect("valid rows are valid records");
    assert_eq!(change.puts.len(), 3, "two customers and one owner");
    let named = |name: &str| {
        book.customers()
            .iter()
            .find(|c| c.name == name)
            .expect("imported")
            .clone()
    };
    let first = named("新客户甲");
    assert_eq!(book.owner_of(first.id), Some(StaffId(1)));
    let second = named("新客户乙");
    assert_eq!(second.since, today());
    assert_eq!(second.tier, Tier::C);
    assert_eq!(book.owner_of(second.id), None);
    // Importing the same file again finds both customers in the book.
    let again = import(text, ImportKind::Customers, &book);
    assert!(again.valid.is_empty());
    assert_eq!(
        again.problems[0].problem,
        ImportProblem::AlreadyInBook {
            name: "新客户甲".into()
        }
    );
    // One undo takes the whole import back.
    book.apply(&Command::Revert { change }, today())
        .expect("undo");
    assert_eq!(book.customers(), before.customers());
    assert_eq!(book.relationships(), before.relationships());
}

/// Before, the rows were created first and the owners assigned in a second change: an
/// owner refused at that point (gone since the preview) left the import half done.
#[test]
fn an_owner_refused_at_confirmation_refuses_the_whole_import() {
    let mut book = book();
    let text = "客户名称,负责人\n新客户甲,张伟\n新客户乙,\n";
    let preview = import(text, ImportKind::Customers, &book);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let mut gone = book.staff().get(1).expect("张伟").clone();
    gone.status = StaffStatus::Left(day(2024, 1, 31));
    book.apply(
        &Command::Update {
            record: Record::Staff(gone),
        },
        today(),
    )
    .expect("张伟 left");
    let before = book.clone();
    let error = book
        .apply(&preview.command(), today())
        .expect_err("refused");
    assert_eq!(error, BookError::invalid(Field::Staff, Problem::Invalid));
    assert!(book == before, "nothing imported");
}

#[test]
fn customers_check_names_owners_and_words() {
    let book = book();
    let text = "Customer,Tier,Owner,Status,Cannot lose\n\
                华强建材,A,张伟,active,yes\n\
                Acme,Z,李娜,正常,否\n\
                Beta,B,,weird,\n\
                beta ,C,,,\n";
    let p = import(text, ImportKind::Customers, &book);
    let col = |s: &str| Some(s.to_string());
    assert_eq!(
        problems_at(&p, 2),
        vec![(
            col("Customer"),
            ImportProblem::AlreadyInBook {
                name: "华强建材".into()
            }
        )]
    );
    assert_eq!(
        problems_at(&p, 3),
        vec![
            (
                col("Tier"),
                ImportProblem::UnknownValue { value: "Z".into() }
            ),
            (
                col("Owner"),
                ImportProblem::StaffNotActive {
                    name: "李娜".into()
                }
            ),
        ]
    );
    assert_eq!(
        problems_at(&p, 4),
        vec![(
            col("Status"),
            ImportProblem::UnknownValue {
                value: "weird".into()
            }
        )]
    );
    assert_eq!(
        problems_at(&p, 5),
        vec![(
            col("Customer"),
            ImportProblem::DuplicateInFile { first_row: 4 }
        )]
    );
    assert!(p.valid.is_empty());
}

#[test]
fn contacts_interactions_and_staff_import() {
    let book = book();
    let contacts = "客户名称,联系人,职务,手机,微信号,生日,联系渠道,关键决策人\n\
                    华强建材,刘总,总经理,13800138000,liu_wx,1975/8/9,微信,是\n\
                    华强建材,陈经理,,,,,,\n";
    let p = import(contacts, ImportKind::Contacts, &book);
    let Some(Record::Contact(c)) = p.valid.first() else {
        panic!("a contact: {p:?}");
    };
    assert_eq!(c.customer, CustomerId(5));
    assert_eq!(c.title, "总经理");
    assert_eq!(c.phone, "13800138000");
    assert_eq!(c.birthday, Some(day(1975, 8, 9)));
    assert_eq!(c.channel, Channel::WeChat);
    assert!(c.decision_maker);
    assert_eq!(c.notes, "微信: liu_wx");
    assert_eq!(
        problems_at(&p, 3)[0].1,
        ImportProblem::AlreadyInBook {
            name: "陈经理".into()
        }
    );

    let log = "客户,日期,跟进方式,跟进人,联系人,跟进内容\n\
               华强建材,2025-06-01,电话,张伟,陈经理,谈了续约\n\
               华强建材,2025-06-02,回访,李娜,,\n\
               华强建材,2025-06-03,拜访,,王五,\n";
    let p = import(log, ImportKind::Interactions, &book);
    assert_eq!(p.valid.len(), 2);
    let Some(Record::Interaction(i)) = p.valid.first() else {
        panic!("an interaction");
    };
    assert_eq!(i.kind, InteractionKind::Call);
    assert_eq!(i.staff, Some(StaffId(1)));
    assert_eq!(i.contact.map(|c| c.0), Some(9));
    assert_eq!(i.summary, "谈了续约");
    assert_eq!(
        problems_at(&p, 4),
        vec![(
            Some("联系人".into()),
            ImportProblem::UnknownContact {
                name: "王五".into()
            }
        )]
    );
    // Imported again, a follow-up already in the book is named as one (issue 25,
    // point 4), not as its customer.
    let mut logged = book.clone();
    logged
        .apply(&p.command(), today())
        .expect("valid rows are valid records");
    let again = import(log, ImportKind::Interactions, &logged);
    assert_eq!(
        problems_at(&again, 2),
        vec![(
            Some("客户".into()),
            ImportProblem::FollowUpInBook {
                name: "华强建材".into()
            }
        )]
    );

    let people = "姓名,岗位,入职日期,负责区域,客户容量,离职日期\n\
                  赵六,售后,2020-05-06,华东、华南,80,\n\
                  钱七,销售总监,2019-01-01,,,2025-07-31\n\
                  张伟,,,,,\n";
    let p = import(people, ImportKind::Staff, &book);
    assert_eq!(p.valid.len(), 2);
    let Some(Record::Staff(s)) = p.valid.first() else {
        panic!("a staff member");
    };
    assert_eq!(s.role, StaffRole::AfterSales);
    assert_eq!(s.regions, vec!["华东", "华南"]);
    assert_eq!(s.capacity, 80);
    assert!(matches!(
        p.valid.get(1),
        Some(Record::Staff(Staff {
            status: StaffStatus::Leaving(_),
            ..
        }))
    ));
    assert_eq!(
        problems_at(&p, 4)[0].1,
        ImportProblem::AlreadyInBook {
            name: "张伟".into()
        }
    );
}

#[test]
fn title_rows_short_rows_and_bad_mappings() {
    let book = book();
    let text = "2025年订单,,\n客户,日期,金额\n华强建材,2025-03-01\n";
    let p = import(text, ImportKind::Orders, &book);
    assert_eq!(
        p.problems,
        vec![RowProblem {
            row: 3,
            column: Some("金额".into()),
            field: Some(ImportField::Amount),
            problem: ImportProblem::Required
        }]
    );
    assert_eq!(
        preview_text(
            "客户,日期\n甲,2025-01-01\n",
            ImportKind::Orders,
            &book,
            today()
        ),
        Err(ImportError::MissingColumns {
            fields: vec![ImportField::Amount]
        })
    );
    assert_eq!(
        preview_text("", ImportKind::Orders, &book, today()),
        Err(ImportError::Empty)
    );
    let head = sniff("a,b\n1,2\n").expect("a head");
    let mut mapping = Mapping::empty(ImportKind::Staff);
    mapping.set(ImportField::Name, Some(5));
    let err = Importer::new("a,b\n1,2\n".into(), head.dialect, mapping, &book, today()).err();
    assert_eq!(
        err,
        Some(ImportError::NoSuchColumn {
            field: ImportField::Name,
            column: 5
        })
    );
}

#[test]
fn steps_report_progress_to_the_end() {
    let book = book();
    let mut text = String::from("客户名称,下单日期,金额\n");
    for i in 0..1000 {
        text.push_str(&format!("华强建材,2025-02-{:02},{}\n", i % 28 + 1, i + 1));
    }
    let head = sniff(&text).expect("a head");
    let mapping = guess_mapping(ImportKind::Orders, &head.headers);
    let total = text.len() as u64;
    let mut importer = Importer::new(text, head.dialect, mapping, &book, today()).expect("starts");
    let mut last = 0;
    loop {
        let progress = importer.step(64);
        assert!(progress.bytes_done >= last);
        assert_eq!(progress.bytes_total, total);
        last = progress.bytes_done;
        if progress.finished {
            assert_eq!(progress.bytes_done, total);
            assert_eq!(progress.rows_done, 1000);
            break;
        }
    }
    let preview = importer.finish();
    assert_eq!(preview.valid.len(), 1000);
    let json = serde_json::to_string(&preview).expect("serialises");
    let back: Preview = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, preview);
}

#[test]
fn exports_import_back_to_the_same_records() {
    // Some customers locked against the pool rules, so the column carries both values.
    let book = {
        let sample = sample_book(SampleSize::S, today());
        let records = RecordKind::ALL
            .into_iter()
            .flat_map(|k| sample.records(k))
            .map(|r| match r {
                Record::Customer(mut c) if c.id.0 % 3 == 0 => {
                    c.locked = true;
                    Record::Customer(c)
                }
                other => other,
            });
        Book::from_records(records, sample.next_id())
    };
    assert!(book.customers().iter().any(|c| c.locked));
    let header = |kind: ImportKind| move |c: Column| c.default_header(kind, Language::Zh).into();
    // Customers into a book with the same staff only.
    let staff_only = Book::from_records(book.records(RecordKind::Staff), book.next_id());
    let text =
        csv_export::customers_csv(&book, today(), Language::Zh, &header(ImportKind::Customers));
    assert!(text.starts_with('\u{feff}'));
    let p = import(&text, ImportKind::Customers, &staff_only);
    // A customer whose owner has left cannot be given to them again.
    let owner_left = |c: &Customer| {
        book.owner_of(c.id)
            .and_then(|s| book.staff().get(s.0))
            .is_some_and(|s| !s.status.is_active_on(today()))
    };
    let originals: Vec<&Customer> = book.customers().iter().collect();
    for problem in &p.problems {
        assert!(matches!(
            problem.problem,
            ImportProblem::StaffNotActive { .. }
        ));
        assert!(owner_left(originals[problem.row - 2]), "{problem:?}");
    }
    let kept: Vec<Customer> = originals
        .iter()
        .filter(|c| !owner_left(c))
        .map(|c| Customer {
            id: CustomerId::default(),
            ..(*c).clone()
        })
        .collect();
    assert_eq!(
        p.valid,
        kept.into_iter().map(Record::Customer).collect::<Vec<_>>()
    );
    let owned = originals
        .iter()
        .filter(|c| book.owner_of(c.id).is_some() && !owner_left(c))
        .count();
    assert_eq!(p.owners.len(), owned);

    // Orders and interactions into the book without them, in both languages; the
    // follow-ups carry their next contacts (下次联系日期) out and back.
    assert!(book.interactions().iter().any(|i| i.next_contact.is_some()));
    for language in [Language::Zh, Language::En] {
        let bare = Book::from_records(
            RecordKind::ALL
                .into_iter()
                .filter(|k| !matches!(k, RecordKind::Order | RecordKind::Interaction))
                .flat_map(|k| book.records(k)),
            book.next_id(),
        );
        for (kind, record_kind) in [
            (ImportKind::Orders, RecordKind::Order),
            (ImportKind::Interactions, RecordKind::Interaction),
            (ImportKind::Contacts, RecordKind::Contact),
        ] {
            let into = if kind == ImportKind::Contacts {
                Book::from_records(
                    RecordKind::ALL
                        .into_iter()
                        .filter(|k| {
                            !matches!(
                                k,
                                RecordKind::Contact | RecordKind::Interaction | RecordKind::KeyDate
                            )
                        })
                        .flat_map(|k| book.records(k)),
                    book.next_id(),
                )
            } else {
                bare.clone()
            };
            let text = csv_export::export_csv(&book, kind, today(), language, &|c: Column| {
                c.default_header(kind, language).into()
            });
            let p = import(&text, kind, &into);
            let originals = book.records(record_kind);
            let duplicates = p
                .problems
                .iter()
                .filter(|x| matches!(x.problem, ImportProblem::DuplicateInFile { .. }))
                .count();
            assert_eq!(
                p.problems.len(),
                duplicates,
                "{kind:?}: {:?}",
                p.problems.first()
            );
            assert_eq!(p.valid.len() + duplicates, originals.len());
            let expected: Vec<Record> = originals
                .into_iter()
                .map(|mut r| {
                    zero_id(&mut r);
                    r
                })
                .collect();
            for (got, row) in p.valid.iter().zip(&p.valid_rows) {
                assert_eq!(Some(got), expected.get(row - 2), "{kind:?} row {row}");
            }
        }
    }
}

fn zero_id(record: &mut Record) {
    match record {
        Record::Order(o) => o.id = OrderId::default(),
        Record::Interaction(i) => i.id = InteractionId::default(),
        Record::Contact(c) => c.id = ContactId::default(),
        _ => {}
    }
}

#[test]
fn staff_export_round_trips() {
    let book = sample_book(SampleSize::S, today());
    let text = csv_export::export_csv(&book, ImportKind::Staff, today(), Language::En, &|c| {
        c.default_header(ImportKind::Staff, Language::En).into()
    });
    let p = import(&text, ImportKind::Staff, &Book::new());
    assert!(p.problems.is_empty(), "{:?}", p.problems.first());
    let want: Vec<Record> = book
        .records(RecordKind::Staff)
        .into_iter()
        .map(|r| match r {
            Record::Staff(s) => Record::Staff(Staff {
                id: StaffId::default(),
                ..s
            }),
            r => r,
        })
        .collect();
    assert_eq!(p.valid, want);
}

#[test]
fn formula_cells_are_defused_and_read_back() {
    let book = book();
    let text = to_csv(
        &["客户名称", "下单日期", "金额", "毛利", "备注"],
        vec![vec![
            "华强建材".to_string(),
            "2025-02-03".into(),
            "12".into(),
            "-3.5".into(),
            "=HYPERLINK(\"http://x\")".into(),
        ]],
    );
    assert!(text.contains("'=HYPERLINK"));
    assert!(text.contains(",-3.5,"));
    let p = import(&text, ImportKind::Orders, &book);
    let o = orders(&p);
    assert_eq!(o[0].note, "=HYPERLINK(\"http://x\")");
    assert_eq!(o[0].margin, Money(-350));
}

#[test]
fn formulas_behind_spaces_line_breaks_or_in_full_width_are_defused_and_nul_dropped() {
    for (cell, want) in [
        (" =1+1", "' =1+1"),
        ("\n=cmd|' /C calc'!A0", "'\n=cmd|' /C calc'!A0"),
        ("\u{3000}@SUM(A1)", "'\u{3000}@SUM(A1)"),
        ("＝1+1", "'＝1+1"),
        ("＋86 138", "'＋86 138"),
        ("－5", "'－5"),
        ("＠cmd", "'＠cmd"),
        ("\0=1+1", "'=1+1"),
        ("a\0b", "ab"),
        (" -3.5", " -3.5"),
        ("-3.5", "-3.5"),
        ("a=b", "a=b"),
        ("华强建材", "华强建材"),
    ] {
        assert_eq!(csv_export::defuse(cell), want, "{cell:?}");
    }
}

#[test]
fn a_file_mixing_utf8_and_gbk_names_a_utf8_row() {
    let (gbk, _, _) = encoding_rs::GBK.encode("客户名称,金额\r\n华强建材有限公司,10\r\n");
    let mut bytes = gbk.into_owned();
    bytes.extend_from_slice("明达五金,20\r\n".as_bytes());
    assert_eq!(mixed_utf8_line(&bytes), Some(3));
    // Wholly GBK, wholly UTF-8 (with or without BOM): nothing mixed.
    let (gbk, _, _) =
        encoding_rs::GBK.encode("客户名称,金额\r\n华强建材有限公司,10\r\n明达五金,20\r\n");
    assert_eq!(mixed_utf8_line(&gbk), None);
    assert_eq!(mixed_utf8_line("客户名称\r\n明达五金\r\n".as_bytes()), None);
    assert_eq!(mixed_utf8_line(b"\xEF\xBB\xBFname\r\nabc\r\n"), None);
}

#[test]
fn an_unterminated_quote_is_reported_with_its_row() {
    let book = book();
    // 1,002 rows, a quote opened in row 5's note and never closed: read as CSV, the rest
    // of the file would be one cell.
    let mut text = String::from("客户名称,下单日期,金额,备注\r\n");
    for i in 0..1001 {
        let note = if i == 3 {
            "\"尺寸6寸的货"
        } else {
            "正常"
        };
        text.push_str(&format!("华强建材,2025-02-03,{},{}\r\n", 10 + i, note));
    }
    assert_eq!(
        preview_text(&text, ImportKind::Orders, &book, today()).err(),
        Some(ImportError::UnterminatedQuote { row: 5 })
    );
    // Quotes that close, quotes inside unquoted cells, and "" inside quotes are fine.
    let fine = "客户名称,下单日期,金额,备注\r\n华强建材,2025-02-03,10,\"多行\n备注，含\"\"引号\"\"\"\r\n华强建材,2025-02-04,11,6\" 管\r\n";
    let p = import(fine, ImportKind::Orders, &book);
    assert_eq!(p.valid.len(), 2, "{p:?}");
}

#[test]
fn guesses_english_and_odd_headers() {
    let m = guess_mapping(
        ImportKind::Contacts,
        &[
            "Company Name",
            "Contact Name",
            "E-mail",
            "Mobile",
            "DOB",
            "WeChat ID",
        ],
    );
    assert_eq!(m.column(ImportField::Customer), Some(0));
    assert_eq!(m.column(ImportField::Name), Some(1));
    assert_eq!(m.column(ImportField::Email), Some(2));
    // A mobile column is read as such; it fills the contact's phone (with a landline
    // beside it when there is one).
    assert_eq!(m.column(ImportField::Mobile), Some(3));
    assert_eq!(m.column(ImportField::Birthday), Some(4));
    assert_eq!(m.column(ImportField::WeChat), Some(5));
    let m = guess_mapping(
        ImportKind::Customers,
        &["\u{feff}客户名称", "客户经理", "省份"],
    );
    assert_eq!(m.column(ImportField::Name), Some(0));
    assert_eq!(m.column(ImportField::Owner), Some(1));
    assert_eq!(m.column(ImportField::Region), Some(2));
    let json = serde_json::to_string(&m).expect("serialises");
    assert_eq!(serde_json::from_str::<Mapping>(&json).ok(), Some(m));
}

fn cell_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 ,;\t\"\r\n]{0,12}",
        "[甲乙丙客户金额日期]{0,4}",
        Just("2025-01-02".to_string()),
        Just("1,234.50".to_string()),
        Just("\"".to_string()),
        Just("46348".to_string()),
        Just("=1".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let book = book();
        let text = match decode(&bytes) {
            Ok(d) => d.text.into_owned(),
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        for kind in ImportKind::ALL {
            let _ = preview_text(&text, kind, &book, today());
        }
    }

    #[test]
    fn csv_like_text_never_panics(
        rows in proptest::collection::vec(proptest::collection::vec(cell_strategy(), 0..8), 0..12),
        delimiter in prop_oneof![Just(','), Just(';'), Just('\t')],
        header in proptest::collection::vec(
            prop_oneof![Just("客户名称"), Just("日期"), Just("金额"), Just("姓名"), Just("x")], 1..6),
    ) {
        let book = book();
        let mut text = header.join(&delimiter.to_string());
        text.push('\n');
        for row in &rows {
            text.push_str(&row.join(&delimiter.to_string()));
            text.push('\n');
        }
        for kind in ImportKind::ALL {
            if let Some(head) = sniff(&text) {
                let mut mapping = guess_mapping(kind, &head.headers);
                for f in kind.required() {
                    if mapping.column(*f).is_none() {
                        mapping.set(*f, Some(0));
                    }
                }
                if let Ok(mut importer) = Importer::new(text.clone(), head.dialect, mapping, &book, today()) {
                    importer.step(3);
                    let preview = importer.finish();
                    prop_assert!(preview.valid.len() + preview.rows_with_problems == preview.rows_total);
                }
            }
        }
    }

    #[test]
    fn generated_orders_round_trip_with_every_delimiter(
        orders in proptest::collection::vec(
            (0usize..2, 0i64..2000, 0i64..100_000_000, 0u32..1000, "[a-z甲乙 ,;\t\"\n]{0,10}"),
            1..30),
        delimiter in prop_oneof![Just(','), Just(';'), Just('\t')],
    ) {
        let book = book();
        let names = ["华强建材", "明达五金"];
        let base = day(2020, 1, 1);
        let mut rows: Vec<Vec<String>> = vec![
            ["客户名称", "下单日期", "金额", "数量", "备注"].iter().map(std::string::ToString::to_string).collect(),
        ];
        for (c, d, fen, q, note) in &orders {
            rows.push(vec![
                names[*c].to_string(),
                (base + chrono::Duration::days(*d)).to_string(),
                Money(*fen).to_string(),
                q.to_string(),
                // Leading/trailing spaces do not survive trimming, by design.
                note.trim().to_string(),
            ]);
        }
        let borrowed: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let text = csv_with(&borrowed, delimiter);
        let p = import(&text, ImportKind::Orders, &book);
        let mut seen = std::collections::HashSet::new();
        let mut got = p.valid.iter();
        for (i, (c, d, fen, q, note)) in orders.iter().enumerate() {
            let note = note.trim().to_string();
            let key = (*c, *d, *fen, *q, note.clone());
            let clash = *c == 0 && *d == 1836 && *fen == 100_000;
            if !seen.insert(key) || clash {
                prop_assert!(p.problems.iter().any(|x| x.row == i + 2));
                continue;
            }
            let Some(Record::Order(o)) = got.next() else {
                return Err(TestCaseError::fail(format!("row {} missing: {:?}", i + 2, p.problems)));
            };
            prop_assert_eq!(o.customer, CustomerId(5 + *c as u64));
            prop_assert_eq!(o.date, base + chrono::Duration::days(*d));
            prop_assert_eq!(o.amount, Money(*fen));
            prop_assert_eq!(o.quantity, *q);
            prop_assert_eq!(&o.note, &note);
        }
    }
}

/// Half a million order rows, imported in slices of 10,000 as the page does. Slow in
/// debug builds; run with
/// `cargo test --release -p liuke-engine --test csv_import -- --ignored --nocapture`.
#[test]
#[ignore]
fn half_a_million_orders_import_in_slices() {
    let book = sample_book(SampleSize::S, today());
    let names: Vec<String> = book.customers().iter().map(|c| c.name.clone()).collect();
    let staff: Vec<String> = book.staff().iter().map(|s| s.name.clone()).collect();
    let mut text = String::from("客户名称,下单日期,金额（元）,毛利,数量,业务员,备注\r\n");
    let rows = 500_000usize;
    for i in 0..rows {
        let date = day(2019, 1, 1) + chrono::Duration::days((i % 2000) as i64);
        text.push_str(&format!(
            "\"{}\",{},\"{}.{:02}\",{},{},{},批次{}\r\n",
            names[i % names.len()].replace('"', "\"\""),
            date.format("%Y/%m/%d"),
            1000 + i % 90_000,
            i % 100,
            i % 500,
            1 + i % 20,
            staff[i % staff.len()],
            i
        ));
    }
    let megabytes = text.len() as f64 / 1e6;
    let started = std::time::Instant::now();
    let cpu_started = thread_cpu_ns();
    let head = sniff(&text).expect("a head");
    let mapping = guess_mapping(ImportKind::Orders, &head.headers);
    let mut importer = Importer::new(text, head.dialect, mapping, &book, today()).expect("starts");
    let mut slices = 0;
    let mut slowest = std::time::Duration::ZERO;
    loop {
        let slice = std::time::Instant::now();
        let progress = importer.step(10_000);
        slowest = slowest.max(slice.elapsed());
        slices += 1;
        if progress.finished {
            break;
        }
    }
    let preview = importer.finish();
    let elapsed = started.elapsed();
    let cpu = thread_cpu_ns()
        .zip(cpu_started)
        .map(|(end, start)| std::time::Duration::from_nanos(end - start));
    println!(
        "{rows} rows ({megabytes:.1} MB) in {slices} slices: {elapsed:?} total ({cpu:?} on the CPU), slowest slice {slowest:?}; \
         {} valid, {} rows with problems; size_of::<Record>() = {}",
        preview.valid.len(),
        preview.rows_with_problems,
        std::mem::size_of::<Record>()
    );
    assert_eq!(preview.rows_total, rows);
    assert!(preview.valid.len() + preview.rows_with_problems == rows);
    assert_eq!(preview.valid.len(), rows, "{:?}", preview.problems.first());
}

/// This thread's time on the CPU (Linux), which a busy shared machine does not inflate.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Issue 25, point 3: the usual Chinese CRM export of customers, in GBK, with 联系人 / 职务
/// / 电话 / 手机 / 邮箱 / 微信 columns, makes each customer's contact in the same change; a
/// person customer with only a mobile gets it as its own contact; a row without any
/// contact column filled gets none. A customer export leaves them out (they go out with
/// the contacts), so a round trip makes no second contact.
#[test]
fn a_customer_file_with_contact_columns_creates_the_contacts() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/customers-contacts-gbk.csv"
    ))
    .expect("fixture");
    assert_eq!(sniff_encoding(&bytes), Encoding::Gbk);
    let (text, _, had_errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!had_errors);
    let head = sniff(&text).expect("a header");
    let mapping = guess_mapping(ImportKind::Customers, &head.headers);
    let column = |f| mapping.column(f).map(|c| head.headers[c].as_str());
    assert_eq!(column(ImportField::Contact), Some("联系人"));
    assert_eq!(column(ImportField::Title), Some("职务"));
    assert_eq!(column(ImportField::Phone), Some("电话"));
    assert_eq!(column(ImportField::Mobile), Some("手机"));
    assert_eq!(column(ImportField::Email), Some("邮箱"));
    assert_eq!(column(ImportField::WeChat), Some("微信"));
    let mut book = book();
    let preview = import(&text, ImportKind::Customers, &book);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.valid.len(), 3);
    assert_eq!(preview.contacts.len(), 2);
    let before = book.contacts().len();
    book.apply(&preview.command(), today())
        .expect("valid rows are valid records");
    assert_eq!(book.contacts().len(), before + 2);
    let contact_of = |name: &str| {
        let id = book
            .customers()
            .iter()
            .find(|c| c.name == name)
            .expect("imported")
            .id;
        book.contacts().of_customer(id).cloned().collect::<Vec<_>>()
    };
    let hongda = contact_of("杭州宏达建材有限公司");
    assert_eq!(hongda.len(), 1);
    assert_eq!(hongda[0].name, "陈立新");
    assert_eq!(hongda[0].title, "采购经理");
    assert_eq!(hongda[0].phone, "13905718899 / 0571-88776655");
    assert_eq!(hongda[0].email, "chenlx@hongda.cn");
    assert_eq!(hongda[0].notes, "微信: chenlx88");
    let wang = contact_of("王建国");
    assert_eq!(wang.len(), 1);
    assert_eq!(
        (wang[0].name.as_str(), wang[0].phone.as_str()),
        ("王建国", "13800138000")
    );
    assert!(contact_of("苏州明达五金").is_empty());
    // The customer export writes none of the contact columns.
    let headers: Vec<&str> = csv_export::columns(ImportKind::Customers)
        .iter()
        .map(|c| c.default_header(ImportKind::Customers, Language::Zh))
        .collect();
    for contact_header in ["联系人", "职务", "手机", "电话", "邮箱", "微信"] {
        assert!(
            !headers.contains(&contact_header),
            "{contact_header} exported"
        );
    }
}

/// A contact name longer than a name may be is the row's problem, at the contact column.
#[test]
fn a_customer_rows_contact_is_checked_at_its_column() {
    let book = book();
    let long = "长".repeat(200);
    let text = format!("客户名称,联系人\n新客户丙,{long}\n");
    let preview = import(&text, ImportKind::Customers, &book);
    assert!(preview.valid.is_empty());
    let problems = problems_at(&preview, 2);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0.as_deref(), Some("联系人"));
}

/// Issue 18.9: a customer has its own phone (总机) and address. A CRM export's 公司电话 and
/// 地址 land on the customer while 电话 stays the contact's; both go out and back in by
/// CSV; one too long is the row's problem at its column.
#[test]
fn a_customers_own_phone_and_address_import_and_export() {
    let mut book = book();
    let text = "客户名称,公司电话,地址,联系人,电话\n\
                杭州新锐建材有限公司,0571-8888 6666,浙江省杭州市余杭区文一西路 998 号,周敏,13905710001\n";
    let head = sniff(text).expect("a header");
    let mapping = guess_mapping(ImportKind::Customers, &head.headers);
    let column = |f| mapping.column(f).map(|c| head.headers[c].as_str());
    assert_eq!(column(ImportField::CompanyPhone), Some("公司电话"));
    assert_eq!(column(ImportField::Address), Some("地址"));
    assert_eq!(column(ImportField::Phone), Some("电话"));
    let preview = import(text, ImportKind::Customers, &book);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    book.apply(&preview.command(), today()).expect("applies");
    let customer = book
        .customers()
        .iter()
        .find(|c| c.name == "杭州新锐建材有限公司")
        .expect("imported")
        .clone();
    assert_eq!(customer.phone, "0571-8888 6666");
    assert_eq!(customer.address, "浙江省杭州市余杭区文一西路 998 号");
    let contact = book
        .contacts()
        .of_customer(customer.id)
        .next()
        .expect("contact");
    assert_eq!(contact.phone, "13905710001");

    let out = csv_export::export_csv(&book, ImportKind::Customers, today(), Language::Zh, &|c| {
        c.default_header(ImportKind::Customers, Language::Zh).into()
    });
    let header = out.lines().next().expect("header");
    assert!(
        header.contains("公司电话") && header.contains("地址"),
        "{header}"
    );
    let row = out
        .lines()
        .find(|l| l.contains("杭州新锐建材有限公司"))
        .expect("exported");
    assert!(
        row.contains("0571-8888 6666") && row.contains("文一西路"),
        "{row}"
    );
    let mut fresh = self::book();
    let back = import(&out, ImportKind::Customers, &fresh);
    fresh.apply(&back.command(), today()).expect("applies");
    let again = fresh
        .customers()
        .iter()
        .find(|c| c.name == "杭州新锐建材有限公司")
        .expect("round trip");
    assert_eq!(
        (again.phone.as_str(), again.address.as_str()),
        (customer.phone.as_str(), customer.address.as_str())
    );

    let long = format!("客户名称,公司电话\n新客户丁,{}\n", "1".repeat(61));
    let preview = import(&long, ImportKind::Customers, &book);
    assert!(preview.valid.is_empty());
    let problems = problems_at(&preview, 2);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0.as_deref(), Some("公司电话"));
}
