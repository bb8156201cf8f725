//! Reading a whole file into a preview, a slice of rows at a time, so the page can draw
//! a progress bar between slices instead of freezing on half a million rows.

use super::cells::Cells;
use super::dialect::{self, is_blank, Dialect};
use super::fields::{ImportField, ImportKind};
use super::lookup::{name_key, Index, Prints};
use super::mapping::Mapping;
use super::problem::{from_book_error, ImportError, ImportProblem, RowProblem};
use super::rows;
use crate::book::Book;
use crate::records::{Contact, Customer, CustomerId, Record, StaffId};
use crate::Date;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::Cursor;

/// Problems beyond this many are counted, not listed: nobody reads a longer list, and a
/// file with a wrong date column would otherwise hold one per row.
pub const MAX_LISTED_PROBLEMS: usize = 100_000;

/// A customer row's owner: `index` points into [`Preview::valid`]; the import's one
/// command ([`Preview::command`]) makes that staff member the new customer's owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerAssignment {
    pub index: usize,
    pub staff: StaffId,
}

/// A customer row's contact: `index` points into [`Preview::valid`]; the import's one
/// command creates the contact for that new customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactAssignment {
    pub index: usize,
    pub contact: Contact,
}

/// A customer name the book does not know, with how many rows use it, so the preview can
/// say "import these customers first" instead of repeating one problem a thousand times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownName {
    pub name: String,
    pub rows: usize,
    pub first_row: usize,
}

/// Everything the user sees before confirming. Nothing has been written yet: the app
/// wraps each of `valid` (ids 0) in `Command::Create` and applies them as one change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub kind: ImportKind,
    /// Data rows read, blank rows not counted.
    pub rows_total: usize,
    pub blank_rows: usize,
    pub rows_with_problems: usize,
    pub valid: Vec<Record>,
    /// The Excel row of each record in `valid`.
    pub valid_rows: Vec<usize>,
    /// Every problem of every row, in row order (up to [`MAX_LISTED_PROBLEMS`]).
    pub problems: Vec<RowProblem>,
    pub problems_not_listed: usize,
    pub owners: Vec<OwnerAssignment>,
    /// The contacts customer rows name, created with their customers.
    #[serde(default)]
    pub contacts: Vec<ContactAssignment>,
    /// Most-used first.
    pub unknown_customers: Vec<UnknownName>,
    /// For an orders import, the customers whose "since" moves back to their first
    /// order: nobody buys before they are a customer, and a customer imported without
    /// a "since" date started on the import day. Applied with the orders, as one change.
    #[serde(default)]
    pub customer_updates: Vec<Record>,
}

impl Preview {
    /// What confirming the preview does, as one command: every valid row created, the
    /// owners given, and the customers whose start moves back updated.
    pub fn command(&self) -> crate::Command {
        crate::Command::Import {
            records: self.valid.clone(),
            owners: self.owners.clone(),
            contacts: self.contacts.clone(),
            updates: self.customer_updates.clone(),
        }
    }

    fn empty(kind: ImportKind) -> Preview {
        Preview {
            kind,
            rows_total: 0,
            blank_rows: 0,
            rows_with_problems: 0,
            valid: Vec::new(),
            valid_rows: Vec::new(),
            problems: Vec::new(),
            problems_not_listed: 0,
            owners: Vec::new(),
            contacts: Vec::new(),
            unknown_customers: Vec::new(),
            customer_updates: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Rows read after the header, blank ones included.
    pub rows_done: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub finished: bool,
}

/// An import under way. It owns the text and an index of the book's names made when it
/// started, so the app need not hold the book between steps; the final write goes
/// through the book's own checks anyway.
pub struct Importer {
    mapping: Mapping,
    today: Date,
    headers: Vec<String>,
    reader: csv::Reader<Cursor<Vec<u8>>>,
    record: csv::ByteRecord,
    /// The Excel row of the last record read.
    row: usize,
    rows_done: usize,
    bytes_total: u64,
    index: Index,
    /// Each row identity's first row, for duplicates within the file.
    seen: Prints<usize>,
    /// Orders: how many rows so far share each (customer, day, amount). The n-th such
    /// row is already in the book when the book has n or more such orders, so a file
    /// imported twice adds nothing the second time while two equal orders on one day,
    /// which real histories have, are both kept.
    occurrences: Prints<usize>,
    /// Orders: the customers as they were when the import started, and the earliest
    /// order read for each.
    customers: HashMap<CustomerId, Customer>,
    first_orders: HashMap<CustomerId, Date>,
    unknown: HashMap<String, UnknownName>,
    preview: Preview,
    finished: bool,
}

impl Importer {
    /// Reads up to the header row and checks the mapping against it.
    pub fn new(
        mut text: String,
        dialect: Dialect,
        mapping: Mapping,
        book: &Book,
        today: Date,
    ) -> Result<Importer, ImportError> {
        let missing = mapping.missing();
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns { fields: missing });
        }
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        if let Some(row) = dialect::unterminated_quote(&text, dialect.delimiter) {
            return Err(ImportError::UnterminatedQuote { row });
        }
        let bytes_total = text.len() as u64;
        let mut reader = dialect::reader(text, dialect.delimiter);
        let mut record = csv::ByteRecord::new();
        let mut row = 0;
        while row < dialect.header_row.max(1) {
            match reader.read_byte_record(&mut record) {
                Ok(true) => row += 1,
                Ok(false) | Err(_) => return Err(ImportError::Empty),
            }
        }
        let headers = dialect::cells(&record);
        if let Some(f) = mapping
            .fields
            .iter()
            .find(|f| f.column.is_some_and(|c| c >= headers.len()))
        {
            return Err(ImportError::NoSuchColumn {
                field: f.field,
                column: f.column.unwrap_or_default(),
            });
        }
        let kind = mapping.kind;
        let customers = if kind == ImportKind::Orders {
            book.customers().iter().map(|c| (c.id, c.clone())).collect()
        } else {
            HashMap::new()
        };
        Ok(Importer {
            index: Index::new(book, kind, today),
            preview: Preview::empty(kind),
            mapping,
            today,
            headers,
            reader,
            record,
            row,
            rows_done: 0,
            bytes_total,
            seen: Prints::default(),
            occurrences: Prints::default(),
            customers,
            first_orders: HashMap::new(),
            unknown: HashMap::new(),
            finished: false,
        })
    }

    pub fn kind(&self) -> ImportKind {
        self.mapping.kind
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn progress(&self) -> Progress {
        Progress {
            rows_done: self.rows_done,
            bytes_done: self.reader.position().byte().min(self.bytes_total),
            bytes_total: self.bytes_total,
            finished: self.finished,
        }
    }

    /// Reads up to `max_rows` more rows (at least one).
    pub fn step(&mut self, max_rows: usize) -> Progress {
        let mut record = std::mem::take(&mut self.record);
        for _ in 0..max_rows.max(1) {
            if self.finished {
                break;
            }
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {
                    self.row += 1;
                    self.rows_done += 1;
                    self.take(&record);
                }
                Ok(false) => self.finished = true,
                Err(_) => {
                    self.finished = true;
                    self.preview.rows_with_problems += 1;
                    self.list(self.row + 1, None, ImportProblem::Unreadable);
                }
            }
        }
        self.record = record;
        self.progress()
    }

    /// Reads what is left and hands over the preview.
    pub fn finish(mut self) -> Preview {
        while !self.finished {
            self.step(usize::MAX);
        }
        let mut unknown: Vec<UnknownName> = self.unknown.into_values().collect();
        unknown.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.first_row.cmp(&b.first_row)));
        self.preview.unknown_customers = unknown;
        let mut moved: Vec<Record> = self
            .first_orders
            .iter()
            .filter_map(|(id, first)| {
                let c = self.customers.get(id)?;
                (*first < c.since).then(|| {
                    Record::Customer(Customer {
                        since: *first,
                        ..c.clone()
                    })
                })
            })
            .collect();
        moved.sort_by_key(Record::id);
        self.preview.customer_updates = moved;
        self.preview
    }

    fn list(&mut self, row: usize, field: Option<ImportField>, problem: ImportProblem) {
        if self.preview.problems.len() >= MAX_LISTED_PROBLEMS {
            self.preview.problems_not_listed += 1;
            return;
        }
        let column = field
            .and_then(|f| self.mapping.column(f))
            .and_then(|c| self.headers.get(c))
            .cloned();
        self.preview.problems.push(RowProblem {
            row,
            column,
            field,
            problem,
        });
    }

    fn take(&mut self, record: &csv::ByteRecord) {
        if is_blank(record) {
            self.preview.blank_rows += 1;
            return;
        }
        self.preview.rows_total += 1;
        let (row, kind, today) = (self.row, self.mapping.kind, self.today);
        let mut cells = Cells::new(record, &self.mapping);
        let built = rows::build(kind, &mut cells, &self.index, today);
        if kind == ImportKind::Orders {
            if let Some(print) = built.key {
                let n = self.occurrences.entry(print).or_default();
                *n += 1;
                if *n <= self.index.records_like(print) {
                    let name = cells.text(ImportField::Customer).unwrap_or_default();
                    let name = name.to_owned();
                    cells.problems.push((
                        Some(ImportField::Customer),
                        ImportProblem::OrderInBook { name },
                    ));
                }
            }
        } else if let Some(key) = built.key {
            match self.seen.entry(key) {
                Entry::Occupied(first) => {
                    let field = match kind {
                        ImportKind::Interactions => None,
                        _ => Some(ImportField::Name),
                    };
                    let first_row = *first.get();
                    cells
                        .problems
                        .push((field, ImportProblem::DuplicateInFile { first_row }));
                }
                Entry::Vacant(slot) => {
                    slot.insert(row);
                }
            }
        }
        if cells.is_clean() {
            if let Err(error) = built.record.validate(today) {
                let value = |f| cells.text(f).map(str::to_owned);
                let (field, problem) = from_book_error(kind, error, value);
                cells.problems.push((field, problem));
            }
        }
        if let (true, Some(contact)) = (cells.is_clean(), &built.contact) {
            if let Err(error) = contact.validate(today) {
                let value = |f| cells.text(f).map(str::to_owned);
                let (field, problem) = from_book_error(ImportKind::Contacts, error, value);
                // The contact's name is the row's contact column, not the customer's.
                let field = field.map(|f| match f {
                    ImportField::Name => ImportField::Contact,
                    f => f,
                });
                cells.problems.push((field, problem));
            }
        }
        if cells.is_clean() {
            if let Record::Order(o) = &built.record {
                let first = self.first_orders.entry(o.customer).or_insert(o.date);
                *first = (*first).min(o.date);
            }
            if let Some(staff) = built.owner {
                let index = self.preview.valid.len();
                self.preview.owners.push(OwnerAssignment { index, staff });
            }
            if let Some(contact) = built.contact {
                let index = self.preview.valid.len();
                self.preview
                    .contacts
                    .push(ContactAssignment { index, contact });
            }
            self.preview.valid.push(built.record);
            self.preview.valid_rows.push(row);
            return;
        }
        self.preview.rows_with_problems += 1;
        let problems = std::mem::take(&mut cells.problems);
        for (field, problem) in problems {
            if let ImportProblem::UnknownCustomer { name } = &problem {
                self.unknown
                    .entry(name_key(name))
                    .or_insert_with(|| UnknownName {
                        name: name.clone(),
                        rows: 0,
                        first_row: row,
                    })
                    .rows += 1;
            }
            self.list(row, field, problem);
        }
    }
}
