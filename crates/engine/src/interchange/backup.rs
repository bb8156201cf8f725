//! One JSON file holds the whole book; restoring it gives back exactly the same book.

use crate::book::Book;
use crate::schema::{self, SchemaError, Snapshot};
use crate::Date;

/// The backup file's text. `today` is recorded as the export date.
pub fn export(book: &Book, today: Date) -> String {
    Snapshot::write(book, Some(today))
}

/// Reads a backup file. Anything broken or foreign is refused with the reason;
/// the caller's current book is never touched here.
pub fn restore(text: &str) -> Result<Book, SchemaError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    schema::read_book_text(text)
}
