//! Data in and out of the book: the JSON backup (CSV import and export come later).

pub mod backup;
