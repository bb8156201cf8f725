//! The book's data: backups, CSV import and export, sample data, unreadable records.

mod backup_card;
mod backup_reminder;
mod csv_export;
mod csv_import;
mod sample_buttons;
mod unreadable_records;

pub use backup_card::BackupCard;
pub use backup_reminder::BackupReminder;
pub use csv_export::CsvExport;
pub use csv_import::CsvImport;
pub use sample_buttons::SampleButtons;
pub use unreadable_records::UnreadableRecords;
