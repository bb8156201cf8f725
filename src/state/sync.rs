//! This device's team sync in memory: its sync data as stored, the team database it is
//! connected to, and the password for this session when it is not kept.

use super::AppState;
use crate::errors::UiError;
use crate::storage::{Db, StorageError};
use leptos::prelude::*;
use liuke_engine::sync::connection::{Connected, Connection, Fault};
use liuke_engine::sync::store::SyncStore;

impl AppState {
    /// Takes the sync data as loaded from disk.
    pub(super) fn take_sync(self, store: SyncStore) {
        self.connection.set(store.connection().cloned());
        self.sync.set_value(store);
    }

    /// Forgets the sync data and the session's password (the book locked).
    pub(super) fn forget_sync(self) {
        self.take_sync(SyncStore::new());
        self.session_password.set_value(None);
    }

    /// The password to sign in with: the kept one, or the one given this session.
    pub fn sync_password(self) -> Option<String> {
        self.connection
            .with_untracked(|c| c.as_ref().and_then(|c| c.password.clone()))
            .or_else(|| self.session_password.get_value())
    }

    /// Checks a connection against its server (nothing is stored).
    pub async fn check_connection(self, connection: Connection) -> Result<Connected, Fault> {
        let password = connection.password.clone().unwrap_or_default();
        crate::sync::http::check(connection, &password).await
    }

    /// Keeps the connection on this device, with its password only if `keep_password`
    /// (sealed with the book when the lock is on); otherwise the password is held for
    /// this session only.
    pub async fn save_connection(
        self,
        connection: Connection,
        keep_password: bool,
    ) -> Result<(), UiError> {
        self.session_password.set_value(connection.password.clone());
        let stored = if keep_password {
            connection
        } else {
            connection.without_password()
        };
        self.write_connection(Some(stored)).await
    }

    /// Forgets the team database and its password on this device.
    pub async fn forget_connection(self) -> Result<(), UiError> {
        self.session_password.set_value(None);
        self.write_connection(None).await
    }

    async fn write_connection(self, connection: Option<Connection>) -> Result<(), UiError> {
        let db: Db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        for attempt in 0..2 {
            let pages = self
                .sync
                .try_update_value(|s| {
                    s.set_connection(connection.clone());
                    s.take_changed_pages()
                })
                .unwrap_or_default();
            if pages.is_empty() {
                self.connection.set(connection);
                return Ok(());
            }
            match db.write_sync(pages, self.revision.get_value()).await {
                Ok(revision) => {
                    self.revision.set_value(revision);
                    self.connection.set(connection);
                    self.announce(revision);
                    return Ok(());
                }
                // Another tab wrote first: take what it wrote and set the connection on it.
                Err(StorageError::Conflict) if attempt == 0 => self.reload().await?,
                Err(StorageError::KeyChanged) => return Err(self.key_changed().await),
                Err(e) => {
                    // Memory follows the disk again.
                    let _ = self.reload().await;
                    return Err(UiError::Storage(e));
                }
            }
        }
        Err(UiError::Storage(StorageError::Conflict))
    }
}
