//! The book as the pages see it: as of the day looked at (`AppState::today`), which is
//! the stored book itself unless something in it is dated after that day. Components
//! read this; saving, backups, exports and sync read the stored book.

use leptos::prelude::*;
use liuke_engine::book::Later;
use liuke_engine::{Book, Date};
use std::borrow::Cow;

#[derive(Clone, Copy)]
pub struct BookView {
    stored: ReadSignal<Book>,
    /// The trimmed copy and what it left out; `None` when nothing is dated after the
    /// day, so that looking at today copies nothing.
    seen: Memo<Option<(Book, Later)>>,
}

impl BookView {
    pub fn new(stored: ReadSignal<Book>, day: impl Fn() -> Date + Send + Sync + 'static) -> Self {
        let seen = Memo::new_with_compare(
            move |_| {
                let day = day();
                stored.with(|b| match b.as_of_counted(day) {
                    (Cow::Owned(view), later) => Some((view, later)),
                    (Cow::Borrowed(_), _) => None,
                })
            },
            // A new copy is a change; two "nothing after" are not (readers then track
            // the stored book itself).
            |old, new| !matches!((old, new), (Some(None), Some(None))),
        );
        BookView { stored, seen }
    }

    /// Reads the book as of the day, tracked.
    pub fn with<R>(&self, f: impl FnOnce(&Book) -> R) -> R {
        let stored = self.stored;
        self.seen.with(|seen| match seen {
            Some((view, _)) => f(view),
            None => stored.with(f),
        })
    }

    /// Reads the book as of the day, untracked.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Book) -> R) -> R {
        let stored = self.stored;
        self.seen.with_untracked(|seen| match seen {
            Some((view, _)) => f(view),
            None => stored.with_untracked(f),
        })
    }

    /// What the book holds dated after the day, left out of every figure.
    pub fn later(&self) -> Later {
        self.seen
            .with(|seen| seen.as_ref().map(|(_, later)| *later).unwrap_or_default())
    }
}
