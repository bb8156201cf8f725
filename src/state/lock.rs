//! Setting, changing and removing the passphrase lock, unlocking, and locking again.
//! Each whole-book rewrite is one transaction, so the book on disk is always entirely
//! sealed with one key or entirely in the clear.

use super::{AppState, Phase};
use crate::errors::UiError;
use crate::storage::idb::LockUpdate;
use crate::storage::lock::{Cipher, LockError, LockMeta};
use crate::storage::{Db, StorageError};
use leptos::prelude::*;
use liuke_engine::Book;

fn locked(e: LockError) -> UiError {
    UiError::Storage(StorageError::Lock(e))
}

impl AppState {
    fn open_db(self) -> Result<Db, UiError> {
        self.db
            .with_value(Clone::clone)
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))
    }

    async fn stored_meta(self) -> Result<LockMeta, UiError> {
        self.open_db()?
            .lock_meta()
            .await
            .map_err(UiError::Storage)?
            .ok_or(locked(LockError::Damaged))
    }

    /// Checks `passphrase` against the stored lock without changing anything.
    async fn check_passphrase(self, passphrase: &str) -> Result<Cipher, UiError> {
        let meta = self.stored_meta().await?;
        Cipher::unlock(passphrase, &meta).await.map_err(locked)
    }

    /// Forgets the key and the book in memory and shows the lock screen.
    pub(super) fn show_lock_screen(self) {
        if let Some(db) = self.db.with_value(Clone::clone) {
            self.db.set_value(Some(db.with_cipher(None)));
        }
        self.lock_on.set(true);
        self.set_book.set(Book::new());
        self.forget_sync();
        self.last_change.set(None);
        self.phase.set(Phase::Locked);
    }

    /// Locks now (leaving the tablet on the table): the same as opening the app anew.
    pub fn lock_now(self) {
        self.notice.set(None);
        self.show_lock_screen();
    }

    /// Opens the book with `passphrase`; a wrong one changes nothing.
    pub async fn unlock(self, passphrase: &str) -> Result<(), UiError> {
        let cipher = self.check_passphrase(passphrase).await?;
        let db = self.open_db()?;
        self.db.set_value(Some(db.with_cipher(Some(cipher))));
        self.reload().await?;
        self.phase.set(Phase::Ready);
        Ok(())
    }

    /// Rewrites the book under a new key (or in the clear) with the lock record updated.
    async fn reseal(self, update: LockUpdate) -> Result<(), UiError> {
        let db = self.open_db()?;
        let cipher = match &update {
            LockUpdate::Set(cipher, _) => Some(cipher.clone()),
            _ => None,
        };
        let book = self.stored.get_untracked();
        self.busy.set(true);
        let result = db.rewrite(&book, self.revision.get_value(), update).await;
        self.busy.set(false);
        let revision = match result {
            Err(StorageError::KeyChanged) => return Err(self.key_changed().await),
            other => other.map_err(UiError::Storage)?,
        };
        self.revision.set_value(revision);
        self.db.set_value(Some(db.with_cipher(cipher)));
        self.last_change.set(None);
        self.announce(revision);
        Ok(())
    }

    /// Sets a passphrase: from now on the book is encrypted at rest.
    pub async fn set_lock(self, passphrase: &str, confirm: &str) -> Result<(), UiError> {
        let (cipher, meta) = Cipher::create(passphrase, confirm).await.map_err(locked)?;
        self.reseal(LockUpdate::Set(cipher, meta)).await?;
        self.lock_on.set(true);
        Ok(())
    }

    /// Changes the passphrase, after checking the current one.
    pub async fn change_lock(
        self,
        current: &str,
        next: &str,
        confirm: &str,
    ) -> Result<(), UiError> {
        self.check_passphrase(current).await?;
        let (cipher, meta) = Cipher::create(next, confirm).await.map_err(locked)?;
        self.reseal(LockUpdate::Set(cipher, meta)).await
    }

    /// Removes the lock, after checking the passphrase: the book is stored in the clear.
    pub async fn remove_lock(self, current: &str) -> Result<(), UiError> {
        self.check_passphrase(current).await?;
        self.reseal(LockUpdate::Remove).await?;
        self.lock_on.set(false);
        Ok(())
    }

    /// A backup file's text: encrypted under the lock when one is set, unless `plain`
    /// is asked for (the user was warned).
    pub async fn backup_text(self, plain: bool) -> Result<String, UiError> {
        let text = self.stored.with_untracked(|b| {
            liuke_engine::interchange::backup::export(b, self.calendar_today())
        });
        if plain || !self.lock_on.get_untracked() {
            return Ok(text);
        }
        let db = self.open_db()?;
        let meta = self.stored_meta().await?;
        let cipher = db
            .cipher()
            .filter(|c| c.lock_id() == meta.check)
            .ok_or(UiError::Storage(StorageError::KeyChanged))?;
        cipher
            .seal_backup(&meta, text, self.calendar_today())
            .await
            .map_err(locked)
    }

    /// For a forgotten passphrase: erases the sealed book so the app can start again
    /// (from a backup, or empty). Nothing of the old book can be recovered.
    pub async fn erase_locked_book(self) -> Result<(), UiError> {
        let db = self.open_db()?.with_cipher(None);
        let revision = db.revision().await.map_err(UiError::Storage)?;
        let revision = db
            .rewrite(&Book::new(), revision, LockUpdate::Erase)
            .await
            .map_err(UiError::Storage)?;
        self.revision.set_value(revision);
        self.db.set_value(Some(db));
        self.set_book.set(Book::new());
        self.lock_on.set(false);
        self.announce(revision);
        self.phase.set(Phase::Ready);
        Ok(())
    }
}
