//! CSV export that Excel opens correctly in Chinese: UTF-8 with a BOM (without it Excel
//! reads the file as GBK and shows mojibake), CRLF line ends, quotes only where needed,
//! and cells that Excel would run as formulas defused (OWASP "CSV injection").
//!
//! The export of a kind writes the headers and words the import recognises, so an
//! exported file imports back to the same values.

use super::csv_import::{default_header, ImportField, ImportKind, Language};
use crate::book::Book;
use crate::records::*;
use crate::Date;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Builds a CSV text row by row.
#[derive(Clone, Debug)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    pub fn new<S: AsRef<str>>(headers: &[S]) -> CsvWriter {
        let mut writer = CsvWriter {
            out: String::from("\u{feff}"),
        };
        writer.row(headers);
        writer
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write_cell(&mut self.out, cell.as_ref());
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A whole CSV text from headers and rows.
pub fn to_csv<R>(headers: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: AsRef<[String]>,
{
    let mut writer = CsvWriter::new(headers);
    for row in rows {
        writer.row(row.as_ref());
    }
    writer.finish()
}

fn write_cell(out: &mut String, cell: &str) {
    let cell = defuse(cell);
    if cell.contains([',', '"', '\r', '\n', ';', '\t']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// What makes Excel or WPS read a cell as a formula, full-width forms included.
const FORMULA_START: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// A cell whose first visible character starts a formula (behind spaces, full-width
/// spaces or line breaks too), or that starts with a tab or CR, would run in Excel; a
/// leading apostrophe makes it text. NUL is dropped: some readers end the cell there and
/// hide what follows. Plain numbers such as `-12.5` are left alone.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    let cell: Cow<'_, str> = if cell.contains('\0') {
        Cow::Owned(cell.replace('\0', ""))
    } else {
        Cow::Borrowed(cell)
    };
    let visible = cell.trim_start_matches([' ', '\u{3000}', '\n', '\r', '\t']);
    let risky = cell.starts_with(['\t', '\r'])
        || (visible.starts_with(FORMULA_START) && !is_number(visible));
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A column of an export: an importable field, or a figure the book works out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Field(ImportField),
    LastOrder,
    /// Order amounts dated in the 365 days up to today, in yuan.
    Revenue12Months,
}

impl Column {
    /// The header the import recognises (derived columns are ignored on import).
    pub fn default_header(self, kind: ImportKind, language: Language) -> &'static str {
        match (self, language) {
            (Column::Field(f), _) => default_header(kind, f, language),
            (Column::LastOrder, Language::Zh) => "最近下单日期",
            (Column::LastOrder, Language::En) => "Last order",
            (Column::Revenue12Months, Language::Zh) => "近12个月销售额",
            (Column::Revenue12Months, Language::En) => "Revenue, last 12 months",
        }
    }
}

/// Whether an export of `kind` writes the field's column: a customer's contact goes out
/// with the contacts (a round trip would make it twice), and a contact's WeChat and
/// mobile are in its notes and phone.
fn exported(kind: ImportKind, field: ImportField) -> bool {
    use ImportField as F;
    match field {
        F::WeChat | F::Mobile => false,
        F::Contact | F::Title | F::Phone | F::Email => kind != ImportKind::Customers,
        _ => true,
    }
}

/// The columns an export of `kind` writes, in order.
pub fn columns(kind: ImportKind) -> Vec<Column> {
    let mut out: Vec<Column> = kind
        .fields()
        .iter()
        .filter(|f| exported(kind, **f))
        .map(|f| Column::Field(*f))
        .collect();
    if kind == ImportKind::Customers {
        out.extend([Column::LastOrder, Column::Revenue12Months]);
    }
    out
}

/// Exports every record of a kind. `header` names each column (the UI passes its
/// translations; `|c| c.default_header(kind, language).into()` gives the import's own).
pub fn export_csv(
    book: &Book,
    kind: ImportKind,
    today: Date,
    language: Language,
    header: &dyn Fn(Column) -> String,
) -> String {
    let columns = columns(kind);
    let headers: Vec<String> = columns.iter().map(|c| header(*c)).collect();
    let mut writer = CsvWriter::new(&headers);
    let cells = Cells {
        book,
        language,
        today,
    };
    match kind {
        ImportKind::Customers => {
            for r in book.customers().iter() {
                writer.row(&row(&columns, |c| cells.customer(r, c)));
            }
        }
        ImportKind::Contacts => {
            for r in book.contacts().iter() {
                writer.row(&row(&columns, |c| cells.contact(r, c)));
            }
        }
        ImportKind::Orders => {
            for r in book.orders().iter() {
                writer.row(&row(&columns, |c| cells.order(r, c)));
            }
        }
        ImportKind::Interactions => {
            for r in book.interactions().iter() {
                writer.row(&row(&columns, |c| cells.interaction(r, c)));
            }
        }
        ImportKind::Staff => {
            for r in book.staff().iter() {
                writer.row(&row(&columns, |c| cells.staff(r, c)));
            }
        }
    }
    writer.finish()
}

pub fn customers_csv(
    book: &Book,
    today: Date,
    language: Language,
    header: &dyn Fn(Column) -> String,
) -> String {
    export_csv(book, ImportKind::Customers, today, language, header)
}

pub fn orders_csv(
    book: &Book,
    today: Date,
    language: Language,
    header: &dyn Fn(Column) -> String,
) -> String {
    export_csv(book, ImportKind::Orders, today, language, header)
}

fn row(columns: &[Column], cell: impl Fn(Column) -> String) -> Vec<String> {
    columns.iter().map(|c| cell(*c)).collect()
}

/// Writes one cell of each kind of record.
struct Cells<'a> {
    book: &'a Book,
    language: Language,
    today: Date,
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl Cells<'_> {
    fn list(&self, items: &[String]) -> String {
        let separator = match self.language {
            Language::Zh => "、",
            Language::En => "; ",
        };
        items.join(separator)
    }

    fn staff_name(&self, id: Option<StaffId>) -> String {
        id.and_then(|s| self.book.staff().get(s.0))
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    fn customer_name(&self, id: CustomerId) -> String {
        self.book
            .customers()
            .get(id.0)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    fn customer(&self, r: &Customer, column: Column) -> String {
        use ImportField as F;
        let l = self.language;
        match column {
            Column::Field(F::Name) => r.name.clone(),
            Column::Field(F::Kind) => l.customer_kind(r.kind).into(),
            Column::Field(F::Industry) => r.industry.clone(),
            Column::Field(F::Region) => r.region.clone(),
            Column::Field(F::Tier) => l.tier(r.tier).into(),
            Column::Field(F::Tags) => self.list(&r.tags),
            Column::Field(F::Status) => l.status(r.status).into(),
            Column::Field(F::Since) => date(Some(r.since)),
            Column::Field(F::Owner) => self.staff_name(self.book.owner_of(r.id)),
            Column::Field(F::CannotLose) => l.yes_no(r.cannot_lose).into(),
            Column::Field(F::Locked) => l.yes_no(r.locked).into(),
            Column::Field(F::Referrals) => r.referrals.to_string(),
            Column::Field(F::Notes) => r.notes.clone(),
            Column::Field(F::CompanyPhone) => r.phone.clone(),
            Column::Field(F::Address) => r.address.clone(),
            Column::LastOrder => date(self.book.last_order(r.id)),
            Column::Revenue12Months => self.book.revenue_12m(r.id, self.today).to_string(),
            Column::Field(_) => String::new(),
        }
    }

    fn contact(&self, r: &Contact, column: Column) -> String {
        use ImportField as F;
        match column {
            Column::Field(F::Customer) => self.customer_name(r.customer),
            Column::Field(F::Name) => r.name.clone(),
            Column::Field(F::Title) => r.title.clone(),
            Column::Field(F::Phone) => r.phone.clone(),
            Column::Field(F::Email) => r.email.clone(),
            Column::Field(F::Birthday) => date(r.birthday),
            Column::Field(F::Channel) => self.language.channel(r.channel).into(),
            Column::Field(F::DecisionMaker) => self.language.yes_no(r.decision_maker).into(),
            Column::Field(F::Notes) => r.notes.clone(),
            _ => String::new(),
        }
    }

    fn order(&self, r: &Order, column: Column) -> String {
        use ImportField as F;
        match column {
            Column::Field(F::Customer) => self.customer_name(r.customer),
            Column::Field(F::Date) => date(Some(r.date)),
            Column::Field(F::Amount) => r.amount.to_string(),
            Column::Field(F::Margin) => r.margin.to_string(),
            Column::Field(F::Quantity) => r.quantity.to_string(),
            Column::Field(F::CostToServe) => r.cost_to_serve.to_string(),
            Column::Field(F::Staff) => self.staff_name(r.staff),
            Column::Field(F::Notes) => r.note.clone(),
            _ => String::new(),
        }
    }

    fn interaction(&self, r: &Interaction, column: Column) -> String {
        use ImportField as F;
        match column {
            Column::Field(F::Customer) => self.customer_name(r.customer),
            Column::Field(F::Date) => date(Some(r.date)),
            Column::Field(F::InteractionKind) => self.language.interaction_kind(r.kind).into(),
            Column::Field(F::Staff) => self.staff_name(r.staff),
            Column::Field(F::Contact) => r
                .contact
                .and_then(|c| self.book.contacts().get(c.0))
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            Column::Field(F::Summary) => r.summary.clone(),
            Column::Field(F::NextContact) => date(r.next_contact),
            _ => String::new(),
        }
    }

    fn staff(&self, r: &Staff, column: Column) -> String {
        use ImportField as F;
        match column {
            Column::Field(F::Name) => r.name.clone(),
            Column::Field(F::Role) => self.language.role(r.role).into(),
            Column::Field(F::HireDate) => date(Some(r.hire_date)),
            Column::Field(F::Regions) => self.list(&r.regions),
            Column::Field(F::Industries) => self.list(&r.industries),
            Column::Field(F::Capacity) => r.capacity.to_string(),
            Column::Field(F::LeavingOn) => match r.status {
                StaffStatus::Active => String::new(),
                StaffStatus::Leaving(on) | StaffStatus::Left(on) => date(Some(on)),
            },
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_excel_reads() {
        let rows = vec![
            vec!["甲, 乙".to_string(), "say \"hi\"".into()],
            vec!["=1+2".into(), "-12.5".into()],
            vec!["+86 138".into(), "@me\nx".into()],
        ];
        let text = to_csv(&["名称", "备注"], &rows);
        assert_eq!(
            text,
            "\u{feff}名称,备注\r\n\"甲, 乙\",\"say \"\"hi\"\"\"\r\n'=1+2,-12.5\r\n'+86 138,\"'@me\nx\"\r\n"
        );
    }

    #[test]
    fn knows_numbers() {
        assert!(is_number("-12.5"));
        assert!(is_number("+3"));
        assert!(!is_number("-"));
        assert!(!is_number("-1e5"));
    }
}
