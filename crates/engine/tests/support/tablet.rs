//! One device of a team for the sync tests: its book and its sync data, changed by
//! commands and synced with a server as the app does.
// Shared by several test binaries; each uses part of it.
#![allow(dead_code)]

use super::couch::Couch;
use super::devices::{claim, run, today};
use liuke_engine::sync::replicator::Direction;
use liuke_engine::sync::store::{Merged, SyncStore};
use liuke_engine::sync::team::{join, JoinMode};
use liuke_engine::*;

pub struct Tablet {
    pub book: Book,
    pub store: SyncStore,
    /// What the last sync merged by itself.
    pub merged: Vec<Merged>,
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
        let book = join(book, device, &mut store, mode).expect("joins");
        Tablet {
            book,
            store,
            merged: Vec::new(),
        }
    }

    pub fn change(&mut self, command: &Command) -> Change {
        let change = self.book.apply(command, today()).expect("applies");
        self.store.record_change(&change).expect("recorded");
        change
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
