//! Data in and out of the book: the JSON backup, and CSV import and export for Excel.

pub mod backup;
pub mod csv_export;
pub mod csv_import;
