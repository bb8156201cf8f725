//! One CSV row to one record of each importable kind.

use super::cells::Cells;
use super::fields::{ImportField as F, ImportKind};
use super::lookup::{fingerprint, interaction_print, name_key, order_print, Hit, Index};
use super::problem::ImportProblem;
use super::words;
use crate::records::*;
use crate::Date;

/// A row read into a record, with what the importer needs beside it.
pub(crate) struct Built {
    pub record: Record,
    /// The owner named in a customer row, assigned by the app once the customer exists.
    pub owner: Option<StaffId>,
    /// The contact a customer row names (联系人, 电话, 手机, 邮箱, 职务), created with the
    /// customer and pointed at it then.
    pub contact: Option<Contact>,
    /// The row's identity among the file's rows, for duplicates; `None` when the row is
    /// too broken to tell.
    pub key: Option<u64>,
}

pub(crate) fn build(kind: ImportKind, cells: &mut Cells, index: &Index, today: Date) -> Built {
    match kind {
        ImportKind::Customers => customer(cells, index, today),
        ImportKind::Contacts => contact(cells, index),
        ImportKind::Orders => order(cells, index),
        ImportKind::Interactions => interaction(cells, index),
        ImportKind::Staff => staff(cells, index, today),
    }
}

fn already(cells: &mut Cells, field: F, name: &str) {
    let name = name.to_owned();
    cells.problem(field, ImportProblem::AlreadyInBook { name });
}

fn customer(cells: &mut Cells, index: &Index, today: Date) -> Built {
    let name = cells.required(F::Name);
    if let Some(name) = name {
        if index.customer(name) != Hit::None {
            already(cells, F::Name, name);
        }
    }
    let record = Customer {
        id: CustomerId::default(),
        name: name.unwrap_or_default().to_owned(),
        kind: cells.word(F::Kind, words::customer_kind),
        industry: cells.owned(F::Industry),
        region: cells.owned(F::Region),
        tier: cells.word(F::Tier, words::tier),
        tags: cells.list(F::Tags),
        status: cells.word(F::Status, words::status),
        since: cells.date(F::Since, false).unwrap_or(today),
        notes: cells.owned(F::Notes),
        cannot_lose: cells.word(F::CannotLose, words::yes_no),
        referrals: cells.count(F::Referrals),
        locked: cells.word(F::Locked, words::yes_no),
        phone: cells.owned(F::CompanyPhone),
        address: cells.owned(F::Address),
    };
    Built {
        owner: cells.staff(F::Owner, index, true),
        contact: customer_contact(cells, &record),
        key: name.map(|n| fingerprint(("customer", name_key(n)))),
        record: Record::Customer(record),
    }
}

/// The contact of a customer row: the person named, or, when only a number or an address
/// is given, the customer itself (a person customer's own phone).
fn customer_contact(cells: &Cells, customer: &Customer) -> Option<Contact> {
    let phone = phone(cells);
    let email = cells.owned(F::Email);
    let notes = wechat_note(cells, String::new());
    let title = cells.owned(F::Title);
    let name = match cells.text(F::Contact) {
        Some(name) => name.to_owned(),
        None if !(phone.is_empty() && email.is_empty() && notes.is_empty()) => {
            customer.name.clone()
        }
        None => return None,
    };
    Some(Contact {
        name,
        title,
        phone,
        email,
        notes,
        ..Contact::default()
    })
}

/// The mobile and the landline, in one phone field.
fn phone(cells: &Cells) -> String {
    [cells.text(F::Mobile), cells.text(F::Phone)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Notes with the WeChat id added: contacts have no field of their own for it.
fn wechat_note(cells: &Cells, mut notes: String) -> String {
    if let Some(wechat) = cells.text(F::WeChat) {
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str("微信: ");
        notes.push_str(wechat);
    }
    notes
}

fn contact(cells: &mut Cells, index: &Index) -> Built {
    let customer = cells.customer(index);
    let name = cells.required(F::Name);
    let key = match (customer, name) {
        (Some((id, _)), Some(name)) => {
            if index.contact(id, name) != Hit::None {
                already(cells, F::Name, name);
            }
            Some(fingerprint(("contact", id, name_key(name))))
        }
        _ => None,
    };
    let notes = wechat_note(cells, cells.owned(F::Notes));
    let record = Contact {
        id: ContactId::default(),
        customer: customer.map(|(id, _)| id).unwrap_or_default(),
        name: name.unwrap_or_default().to_owned(),
        title: cells.owned(F::Title),
        phone: phone(cells),
        email: cells.owned(F::Email),
        birthday: cells.date(F::Birthday, false),
        channel: cells.word(F::Channel, words::channel),
        decision_maker: cells.word(F::DecisionMaker, words::yes_no),
        reports_to: None,
        notes,
    };
    Built {
        record: Record::Contact(record),
        owner: None,
        contact: None,
        key,
    }
}

fn order(cells: &mut Cells, index: &Index) -> Built {
    let customer = cells.customer(index);
    let date = cells.date(F::Date, true);
    let record = Order {
        id: OrderId::default(),
        customer: customer.map(|(id, _)| id).unwrap_or_default(),
        date: date.unwrap_or_default(),
        amount: cells.money(F::Amount, true, false),
        quantity: cells.count(F::Quantity),
        margin: cells.money(F::Margin, false, true),
        cost_to_serve: cells.money(F::CostToServe, false, false),
        staff: cells.staff(F::Staff, index, false),
        note: cells.owned(F::Notes),
    };
    // Orders are matched by occurrence, not dropped as duplicates: the importer counts
    // each (customer, day, amount) in the file against the book's (see `Importer`).
    let key = match (customer, date, cells.is_clean()) {
        (Some((id, _)), Some(date), true) => Some(order_print(id, date, record.amount)),
        _ => None,
    };
    Built {
        record: Record::Order(record),
        owner: None,
        contact: None,
        key,
    }
}

fn interaction(cells: &mut Cells, index: &Index) -> Built {
    let customer = cells.customer(index);
    let date = cells.date(F::Date, true);
    let contact = match (customer, cells.text(F::Contact)) {
        (Some((id, _)), Some(name)) => match index.contact(id, name) {
            Hit::One(contact) => Some(contact),
            Hit::None => {
                let name = name.to_owned();
                cells.problem(F::Contact, ImportProblem::UnknownContact { name });
                None
            }
            Hit::Many(count) => {
                let name = name.to_owned();
                cells.problem(F::Contact, ImportProblem::AmbiguousContact { name, count });
                None
            }
        },
        _ => None,
    };
    let record = Interaction {
        id: InteractionId::default(),
        customer: customer.map(|(id, _)| id).unwrap_or_default(),
        date: date.unwrap_or_default(),
        kind: cells.word(F::InteractionKind, words::interaction_kind),
        staff: cells.staff(F::Staff, index, false),
        contact,
        summary: cells.owned(F::Summary),
        next_contact: cells.date(F::NextContact, false),
    };
    let mut key = None;
    if let (Some((id, name)), Some(date), true) = (customer, date, cells.is_clean()) {
        let i = &record;
        if index.has_record(interaction_print(id, date, i.kind, &i.summary)) {
            let name = name.to_owned();
            cells.problem(F::Customer, ImportProblem::FollowUpInBook { name });
        }
        key = Some(fingerprint((
            "interaction",
            (id, date, i.kind, i.staff, i.contact),
            i.summary.as_str(),
        )));
    }
    Built {
        record: Record::Interaction(record),
        owner: None,
        contact: None,
        key,
    }
}

fn staff(cells: &mut Cells, index: &Index, today: Date) -> Built {
    let name = cells.required(F::Name);
    if let Some(name) = name {
        if index.staff(name).0 != Hit::None {
            already(cells, F::Name, name);
        }
    }
    let status = match cells.date(F::LeavingOn, false) {
        Some(on) if on <= today => StaffStatus::Left(on),
        Some(on) => StaffStatus::Leaving(on),
        None => StaffStatus::Active,
    };
    let record = Staff {
        id: StaffId::default(),
        name: name.unwrap_or_default().to_owned(),
        role: cells.word(F::Role, words::role),
        hire_date: cells.date(F::HireDate, false).unwrap_or(today),
        regions: cells.list(F::Regions),
        industries: cells.list(F::Industries),
        capacity: cells.count(F::Capacity),
        status,
    };
    Built {
        key: name.map(|n| fingerprint(("staff", name_key(n)))),
        record: Record::Staff(record),
        owner: None,
        contact: None,
    }
}
