//! One JSON file holds the whole book; restoring it gives back exactly the same book.
//! A book locked with a passphrase is backed up encrypted by default: the file then
//! holds the sealed book and what is needed to derive its key from the passphrase (the
//! sealing itself is the browser's WebCrypto, outside the engine).

use crate::book::Book;
use crate::schema::{self, SchemaError, Snapshot};
use crate::Date;

/// The backup file's text. `today` is recorded as the export date.
pub fn export(book: &Book, today: Date) -> String {
    Snapshot::write(book, Some(today))
}

/// Reads a backup file. Anything broken or foreign is refused with the reason;
/// the caller's current book is never touched here. An encrypted backup is refused
/// as such: open it with [`read`] and the passphrase.
pub fn restore(text: &str) -> Result<Book, SchemaError> {
    match read(text)? {
        BackupFile::Plain(book) => Ok(*book),
        BackupFile::Sealed(_) => Err(SchemaError::Sealed),
    }
}

/// The `format` of an encrypted backup.
pub const SEALED_FORMAT: &str = "liuke-sealed-backup";
/// The key derivation's iterations an encrypted backup may ask for: a file asking for
/// billions would hold the page for hours before saying anything.
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// An encrypted backup: the lock's key derivation (PBKDF2-SHA-256 `iterations` over
/// `salt`), its sealed check text (to tell a wrong passphrase), and the sealed book.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SealedBackup {
    pub format: String,
    pub iterations: u32,
    pub salt: String,
    pub check: String,
    /// When the backup was made, in the clear: enough to choose between files.
    pub exported: Option<Date>,
    pub book: String,
}

impl SealedBackup {
    pub fn new(iterations: u32, salt: String, check: String, exported: Date, book: String) -> Self {
        SealedBackup {
            format: SEALED_FORMAT.to_string(),
            iterations,
            salt,
            check,
            exported: Some(exported),
            book,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A backup file as read: a book, or an encrypted one waiting for its passphrase.
#[derive(Debug)]
pub enum BackupFile {
    Plain(Box<Book>),
    Sealed(SealedBackup),
}

/// Reads a backup file, plain or encrypted.
pub fn read(text: &str) -> Result<BackupFile, SchemaError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Our encrypted files name their format first; a plain book never does this.
    let head: String = text.chars().take(64).collect();
    if !head.contains(SEALED_FORMAT) {
        return schema::read_book_text(text).map(|b| BackupFile::Plain(Box::new(b)));
    }
    let sealed: SealedBackup =
        serde_json::from_str(text).map_err(|_| SchemaError::SealedDamaged)?;
    let usable = sealed.format == SEALED_FORMAT
        && (1..=MAX_ITERATIONS).contains(&sealed.iterations)
        && (1..=128).contains(&sealed.salt.len())
        && sealed.check.starts_with('~')
        && sealed.book.starts_with('~');
    if !usable {
        return Err(SchemaError::SealedDamaged);
    }
    Ok(BackupFile::Sealed(sealed))
}

/// Days of changes without a backup before the app reminds the user to make one.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// When this device's book was last backed up, and since when it has changes no backup
/// holds: what the dashboard needs to say how exposed the book is if the browser
/// clears its storage (it may, unless it granted persistent storage).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BackupMark {
    pub last: Option<Date>,
    pub changed_since: Option<Date>,
}

impl BackupMark {
    /// After a change on `today`: the first change since the last backup starts the clock.
    pub fn after_change(self, today: Date) -> BackupMark {
        BackupMark {
            changed_since: self.changed_since.or(Some(today)),
            ..self
        }
    }

    /// After a backup on `today`: every change is in it.
    pub fn after_backup(today: Date) -> BackupMark {
        BackupMark {
            last: Some(today),
            changed_since: None,
        }
    }

    /// Whether changes have gone [`REMIND_AFTER_DAYS`] or more without a backup.
    pub fn reminder_due(&self, today: Date) -> bool {
        self.changed_since
            .is_some_and(|since| (today - since).num_days() >= REMIND_AFTER_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reminder_counts_from_the_first_change_after_the_last_backup() {
        let d = |n: u64| day() + chrono::Days::new(n);
        let mark = BackupMark::default();
        assert!(!mark.reminder_due(d(30)), "no change, nothing to back up");
        let mark = mark.after_change(d(0)).after_change(d(5));
        assert_eq!(mark.changed_since, Some(d(0)));
        assert!(!mark.reminder_due(d(6)));
        assert!(mark.reminder_due(d(7)));
        let mark = BackupMark::after_backup(d(7));
        assert!(!mark.reminder_due(d(40)));
        assert_eq!(mark.last, Some(d(7)));
        let mark = mark.after_change(d(10));
        assert!(!mark.reminder_due(d(16)) && mark.reminder_due(d(17)));
        // A date from a hostile mark never panics the subtraction.
        let far = BackupMark {
            last: None,
            changed_since: Some(Date::MIN),
        };
        assert!(far.reminder_due(Date::MAX));
    }

    fn day() -> Date {
        Date::from_ymd_opt(2026, 11, 22).expect("valid")
    }

    fn sealed() -> SealedBackup {
        SealedBackup::new(
            600_000,
            "c2FsdA==".into(),
            "~:abc".into(),
            day(),
            "~:def".into(),
        )
    }

    #[test]
    fn an_encrypted_backup_reads_as_one_and_a_plain_restore_names_it() {
        let text = sealed().to_json();
        assert!(matches!(read(&text), Ok(BackupFile::Sealed(s)) if s == sealed()));
        assert!(matches!(restore(&text), Err(SchemaError::Sealed)));
        let plain = export(&Book::new(), day());
        assert!(matches!(read(&plain), Ok(BackupFile::Plain(_))));
    }

    #[test]
    fn a_damaged_or_hostile_encrypted_backup_is_refused_before_any_work() {
        for bad in [
            SealedBackup {
                iterations: u32::MAX,
                ..sealed()
            },
            SealedBackup {
                iterations: 0,
                ..sealed()
            },
            SealedBackup {
                salt: "x".repeat(10_000),
                ..sealed()
            },
            SealedBackup {
                book: "{}".into(),
                ..sealed()
            },
        ] {
            assert!(matches!(
                read(&bad.to_json()),
                Err(SchemaError::SealedDamaged)
            ));
        }
        let cut = sealed().to_json();
        assert!(matches!(
            read(&cut[..cut.len() - 5]),
            Err(SchemaError::SealedDamaged)
        ));
    }
}
