//! CSV import of customers, contacts, orders, interactions and staff, in four steps:
//!
//! 1. bytes to text: [`decode`] reads UTF-8 (with or without BOM) and UTF-16; for GBK
//!    (Chinese Excel's default) it says so and the caller decodes, in the browser with
//!    `TextDecoder('gbk')`, so the engine itself only ever takes `&str`/`String`;
//! 2. [`sniff`] guesses the delimiter (comma, semicolon, tab) and the header row, and
//!    [`guess_mapping`] which column fills which field, from Chinese and English headers;
//! 3. an [`Importer`] reads the rows in slices ([`Importer::step`]) so the page can show
//!    progress, then [`Importer::finish`] gives a [`Preview`]: the valid records and every
//!    problem by Excel row and column header;
//! 4. nothing is written here: the app turns `Preview::valid` into one batch of
//!    `Command::Create`s once the user confirms, so all valid rows land together or none.

mod cells;
mod dialect;
mod encoding;
mod fields;
mod importer;
mod lookup;
mod mapping;
mod problem;
mod rows;
mod synonyms;
mod values;
mod words;

pub use dialect::{head_with, sniff, Dialect, Head, DELIMITERS};
pub use encoding::{
    decode, looks_like_gbk, mixed_utf8_line, sniff_encoding, sniff_utf8, Decoded, Encoding, NotUtf8,
};

/// The largest file an import reads: 64 MB holds a million order rows, and a bigger file
/// would hold the whole text in the tab's memory several times over while it is read.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;
pub use fields::{ImportField, ImportKind};
pub use importer::{
    ContactAssignment, Importer, OwnerAssignment, Preview, Progress, UnknownName,
    MAX_LISTED_PROBLEMS,
};
pub use mapping::{guess_mapping, normalize_header, FieldColumn, Mapping};
pub use problem::{ImportError, ImportProblem, RowProblem};
pub use synonyms::default_header;
pub use words::Language;

use crate::book::Book;
use crate::Date;

/// Imports a whole text in one go with the guessed dialect and mapping: for tests, the
/// command line, and small files where no one needs a progress bar.
pub fn preview_text(
    text: &str,
    kind: ImportKind,
    book: &Book,
    today: Date,
) -> Result<Preview, ImportError> {
    let head = sniff(text).ok_or(ImportError::Empty)?;
    let mapping = guess_mapping(kind, &head.headers);
    Importer::new(text.to_owned(), head.dialect, mapping, book, today).map(Importer::finish)
}
