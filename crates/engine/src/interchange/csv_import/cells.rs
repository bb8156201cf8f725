//! One row's cells, read field by field; every value that cannot be read leaves a problem
//! on its field and a default in its place, so one row reports all its problems at once.

use super::dialect::cell;
use super::fields::ImportField;
use super::lookup::{Hit, Index};
use super::mapping::Mapping;
use super::problem::ImportProblem;
use super::values::{clean, parse_count, parse_date, parse_money, split_list};
use crate::money::Money;
use crate::records::{CustomerId, StaffId};
use crate::Date;

pub(crate) struct Cells<'a> {
    record: &'a csv::ByteRecord,
    mapping: &'a Mapping,
    pub problems: Vec<(Option<ImportField>, ImportProblem)>,
}

impl<'a> Cells<'a> {
    pub fn new(record: &'a csv::ByteRecord, mapping: &'a Mapping) -> Cells<'a> {
        Cells {
            record,
            mapping,
            problems: Vec::new(),
        }
    }

    pub fn problem(&mut self, field: ImportField, problem: ImportProblem) {
        self.problems.push((Some(field), problem));
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The field's cell, trimmed; `None` if no column is chosen or the cell is blank
    /// (a short row's missing cells are blank).
    pub fn text(&self, field: ImportField) -> Option<&'a str> {
        let column = self.mapping.column(field)?;
        clean(cell(self.record, column))
    }

    pub fn owned(&self, field: ImportField) -> String {
        self.text(field).unwrap_or_default().to_owned()
    }

    pub fn required(&mut self, field: ImportField) -> Option<&'a str> {
        let text = self.text(field);
        if text.is_none() {
            self.problem(field, ImportProblem::Required);
        }
        text
    }

    /// A date; `None` (with a problem) if written but unreadable, or if required and blank.
    pub fn date(&mut self, field: ImportField, required: bool) -> Option<Date> {
        let text = if required {
            self.required(field)?
        } else {
            self.text(field)?
        };
        let date = parse_date(text);
        if date.is_none() {
            self.problem(
                field,
                ImportProblem::BadDate {
                    value: text.to_owned(),
                },
            );
        }
        date
    }

    /// Money; negative amounts are a problem unless `may_be_negative` (a loss-making margin).
    pub fn money(&mut self, field: ImportField, required: bool, may_be_negative: bool) -> Money {
        let text = if required {
            self.required(field)
        } else {
            self.text(field)
        };
        let Some(text) = text else {
            return Money::ZERO;
        };
        match parse_money(text) {
            Some(m) if m.is_negative() && !may_be_negative => {
                let value = text.to_owned();
                self.problem(field, ImportProblem::Negative { value });
                Money::ZERO
            }
            Some(m) => m,
            None => {
                let value = text.to_owned();
                self.problem(field, ImportProblem::BadNumber { value });
                Money::ZERO
            }
        }
    }

    /// A whole number of things; blank is 0.
    pub fn count(&mut self, field: ImportField) -> u32 {
        let Some(text) = self.text(field) else {
            return 0;
        };
        let value = || text.to_owned();
        match parse_count(text) {
            Some(n) if n < 0 => self.problem(field, ImportProblem::Negative { value: value() }),
            Some(n) => match u32::try_from(n) {
                Ok(n) => return n,
                Err(_) => self.problem(field, ImportProblem::BadNumber { value: value() }),
            },
            None => self.problem(field, ImportProblem::BadNumber { value: value() }),
        }
        0
    }

    /// One of a set of words; blank gives the default.
    pub fn word<T: Default>(&mut self, field: ImportField, read: fn(&str) -> Option<T>) -> T {
        let Some(text) = self.text(field) else {
            return T::default();
        };
        read(text).unwrap_or_else(|| {
            let value = text.to_owned();
            self.problem(field, ImportProblem::UnknownValue { value });
            T::default()
        })
    }

    pub fn list(&self, field: ImportField) -> Vec<String> {
        self.text(field).map(split_list).unwrap_or_default()
    }

    /// The customer a row belongs to, by name.
    pub fn customer(&mut self, index: &Index) -> Option<(CustomerId, &'a str)> {
        let name = self.required(ImportField::Customer)?;
        let problem = match index.customer(name) {
            Hit::One(id) => return Some((id, name)),
            Hit::None => ImportProblem::UnknownCustomer {
                name: name.to_owned(),
            },
            Hit::Many(count) => ImportProblem::AmbiguousCustomer {
                name: name.to_owned(),
                count,
            },
        };
        self.problem(ImportField::Customer, problem);
        None
    }

    /// A staff member by name, if the column is filled; `must_be_active` for owners.
    pub fn staff(
        &mut self,
        field: ImportField,
        index: &Index,
        must_be_active: bool,
    ) -> Option<StaffId> {
        let name = self.text(field)?;
        let problem = match index.staff(name) {
            (Hit::One(id), active) if active || !must_be_active => return Some(id),
            (Hit::One(_), _) => ImportProblem::StaffNotActive {
                name: name.to_owned(),
            },
            (Hit::None, _) => ImportProblem::UnknownStaff {
                name: name.to_owned(),
            },
            (Hit::Many(count), _) => ImportProblem::AmbiguousStaff {
                name: name.to_owned(),
                count,
            },
        };
        self.problem(field, problem);
        None
    }
}
