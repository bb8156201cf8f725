//! A book in a team: how a device's own book joins a team database, what each committed
//! change adds to the documents to send, and the names of this device's replications.

use super::arrival::{documents, outgoing};
use super::connection::Connection;
use super::document::SETTINGS_ID;
use super::replicator::Direction;
use super::store::SyncStore;
use super::tree::TreeError;
use crate::book::{Book, MoveError};
use crate::command::Change;
use crate::ids::Device;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum JoinError {
    /// This device is in a team database already, as device `0`.
    #[error("this device joined as device {0} already")]
    Joined(u32),
    #[error(transparent)]
    Move(#[from] MoveError),
    #[error(transparent)]
    Tree(#[from] TreeError),
}

/// What a device does with its own book when it joins a team database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinMode {
    /// The team database is empty: this book becomes the team's, settings too.
    First,
    /// This book's records join the team's; the team's settings stay the team's.
    Merge,
    /// This device starts from the team's book: its own is replaced by what arrives.
    FromTeam,
}

/// What a device with its own book does when it joins a team database as `device`:
/// the book it keeps — moved into `device`'s id space so none of its ids can meet
/// another device's, or empty with [`JoinMode::FromTeam`] — with the documents it
/// sends put in the store, stamped as made at `at`.
pub fn join(
    book: Book,
    device: Device,
    store: &mut SyncStore,
    mode: JoinMode,
    at: DateTime<Utc>,
) -> Result<Book, JoinError> {
    if let Some(joined) = store.device() {
        return Err(JoinError::Joined(joined.number()));
    }
    let kept = match mode {
        JoinMode::FromTeam => Book::new().on_device(device),
        JoinMode::First | JoinMode::Merge => book.move_into(device)?,
    };
    store.set_device(device);
    if mode != JoinMode::FromTeam {
        for (id, body) in documents(&kept) {
            // A device joining a team takes the team's settings, not its own.
            if mode == JoinMode::Merge && id == SETTINGS_ID {
                continue;
            }
            store.edit(&id, body.map(|b| store.stamped(b, at)))?;
        }
    }
    Ok(kept)
}

impl SyncStore {
    /// Records a change committed on this device at `at` as new versions of its
    /// documents, to be sent, each stamped with who made it; nothing before the device
    /// has joined a team database.
    pub fn record_change(&mut self, change: &Change, at: DateTime<Utc>) -> Result<(), TreeError> {
        if self.device().is_none() {
            return Ok(());
        }
        for (id, body) in outgoing(change) {
            let body = body.map(|b| self.stamped(b, at));
            self.edit(&id, body)?;
        }
        Ok(())
    }
}

/// The name of this device's replication in one direction with one team database: the
/// same every run (so checkpoints are found again), different for every device, every
/// direction and every database.
pub fn replication_id(direction: Direction, device: Device, connection: &Connection) -> String {
    let way = match direction {
        Direction::Push => "push",
        Direction::Pull => "pull",
    };
    let place = Sha256::digest(format!("{}\n{}", connection.server, connection.database));
    let hex: String = place.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("liuke-{way}-{}-{hex}", device.number())
}
