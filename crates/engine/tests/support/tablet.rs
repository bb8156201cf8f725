//! One device of a team for the sync tests: its book and its sync data, changed by
//! commands and synced with a server as the app does.
// Shared by several test binaries; each uses part of it.
#![allow(dead_code)]

use super::couch::Couch;
use super::devices::{claim, run, today};
use chrono::{DateTime, Utc};
use liuke_engine::sync::connection::Connection;
use liuke_engine::sync::replicator::Direction;
use liuke_engine::sync::store::{Merged, ResolveError, SyncStore};
use liuke_engine::sync::team::{join, JoinMode};
use liuke_engine::*;

pub struct Tablet {
    pub book: Book,
    pub store: SyncStore,
    /// What the last sync merged by itself.
    pub merged: Vec<Merged>,
    /// The tablet's clock: a minute passes with each change.
    pub clock: DateTime<Utc>,
}

impl Tablet {
    /// Joins as the app does on its own: first into an empty team database, else
    /// merging its book.
    pub fn joining(book: Book, label: &str, couch: &mut Couch) -> Tablet {
        let mode = if couch.doc_count() == 0 {
            JoinMode::First
        } else {
            JoinMode::Merge
        };
        Tablet::joining_as(book, label, couch, mode)
    }

    pub fn joining_as(book: Book, label: &str, couch: &mut Couch, mode: JoinMode) -> Tablet {
        let device = claim(label, |r| couch.handle(r));
        let mut store = SyncStore::new();
        // Signed in as the user named by the label, as the app is once connected.
        let user = label.to_lowercase();
        store.set_connection(Some(
            Connection::new("http://127.0.0.1:5984", "team", &user, None).expect("valid"),
        ));
        let clock = start_of_day();
        let book = join(book, device, &mut store, mode, clock).expect("joins");
        Tablet {
            book,
            store,
            merged: Vec::new(),
            clock,
        }
    }

    /// The next minute on this tablet's clock.
    pub fn tick(&mut self) -> DateTime<Utc> {
        self.clock += chrono::Duration::minutes(1);
        self.clock
    }

    pub fn change(&mut self, command: &Command) -> Change {
        let change = self.book.apply(command, today()).expect("applies");
        let at = self.tick();
        self.store.record_change(&change, at).expect("recorded");
        change
    }

    /// Settles a conflict with `body`, now.
    pub fn resolve(
        &mut self,
        id: &str,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), ResolveError> {
        let at = self.tick();
        self.store.resolve(id, body, at)
    }

    /// One push and one pull, conflicts merged where they can be, the arrivals applied
    /// as one change.
    pub fn sync(&mut self, session: &str, couch: &mut Couch) -> Change {
        run(Direction::Push, session, &mut self.store, None, |r| {
            couch.handle(r)
        })
        .expect("pushed");
        let pulled = run(Direction::Pull, session, &mut self.store, None, |r| {
            couch.handle(r)
        })
        .expect("pulled");
        assert!(pulled.refused.is_empty(), "{:?}", pulled.refused);
        self.merged = self.store.merge_conflicts();
        let arrival = self.book.plan_arrival(self.store.arrivals());
        assert!(arrival.waiting.is_empty(), "{:?}", arrival.waiting);
        self.store.settle_arrivals(&arrival.waiting);
        self.book.commit(&arrival.change);
        arrival.change
    }
}

/// Nine in the morning of the tests' day, UTC.
pub fn start_of_day() -> DateTime<Utc> {
    today().and_hms_opt(9, 0, 0).expect("a time").and_utc()
}
