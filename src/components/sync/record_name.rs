//! How the sync views name a document: the kind of record it holds, in the user's
//! language, and whose it is.

use crate::errors::kind_label;
use crate::i18n::I18n;
use liuke_engine::sync::document::{key_of, DocKey};
use liuke_engine::{Book, Record, RecordKey};

/// Whose a record is: a customer's or staff member's own name, else the name of the
/// customer it belongs to (when the book has that customer).
pub fn record_name(book: &Book, record: &Record) -> Option<String> {
    match record {
        Record::Staff(s) => Some(s.name.clone()),
        Record::Customer(c) => Some(c.name.clone()),
        other => Some(book.customers().get(other.customer()?.0)?.name.clone()),
    }
}

/// The kind of record a document holds, in the user's language, with the record's key;
/// the team settings for their document.
pub fn doc_kind(i18n: &I18n, doc_id: &str) -> (String, Option<RecordKey>) {
    match key_of(doc_id) {
        Ok(DocKey::Record(key)) => (kind_label(i18n, key.kind), Some(key)),
        _ => (i18n.t("conflict.settings"), None),
    }
}
