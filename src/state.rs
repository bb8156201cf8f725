//! The book in a signal, and the one way to change it: `dispatch` a command, which the
//! engine validates, storage persists, and only then memory reflects.

use crate::errors::UiError;
use crate::storage::{persist, Db, StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liuke_engine::interchange::backup::BackupMark;
use liuke_engine::{Book, Change, Command, Date};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod book_view;
mod idle;
mod live_sync;
mod lock;
mod sync;

pub use book_view::BookView;
pub use live_sync::SyncState;
pub use sync::{MergeNote, SyncOutcome, SyncProblem};

const CHANNEL: &str = "liuke-book";

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    /// The book is encrypted: nothing is loaded until the passphrase is given.
    Locked,
    Ready,
    /// Storage could not be opened; the message says why.
    Failed(UiError),
}

/// A message to the user that stays until dismissed or replaced.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A translation key saying what was saved (the last change can be undone).
    Saved(&'static str),
    /// A translation key saying what was done on this device outside the book (the
    /// lock, the sync connection): nothing to undo.
    Done(&'static str),
    Error(UiError),
    /// Another tab changed the book; this one reloaded it.
    Reloaded,
    /// Records on disk that could not be read and were left out.
    Skipped(usize),
    /// Pages of a locked book found in the clear: put there outside the app, not loaded.
    Tampered(usize),
    /// The stored team settings did not read: the book opened with the defaults.
    SettingsUnreadable,
    /// This device's idle-lock minutes did not read (or were stored by a newer version):
    /// this many are in use until set again.
    AutolockReset(u32),
    /// Another tab changed (`locked`) or removed the passphrase: this tab wrote nothing
    /// and opened the book again as it is on disk.
    KeyChanged {
        locked: bool,
    },
    /// The pool rules returned this many customers to the pool (undoable).
    Recycled(usize),
    /// This many customers are due to return to the pool, but the run waits for a
    /// manager's yes on the pool page.
    PoolAsks(usize),
}

/// Minutes without input before a locked book locks again, unless set on this device.
pub const DEFAULT_AUTOLOCK: u32 = 15;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The book as stored, read for saving, backups, exports and sync; components
    /// change it only by dispatching a command.
    pub stored: ReadSignal<Book>,
    /// The book as of the day looked at, what pages show and count.
    pub book: BookView,
    /// The only writer of `stored`, used by dispatch, reload and replace.
    set_book: WriteSignal<Book>,
    /// The day the book is looked at when it is not today (see `crate::as_of`).
    pub as_of: RwSignal<Option<Date>>,
    pub phase: RwSignal<Phase>,
    pub notice: RwSignal<Option<Notice>>,
    /// The last change, for one-step undo.
    pub last_change: RwSignal<Option<Change>>,
    pub storage_info: RwSignal<persist::StorageInfo>,
    pub busy: RwSignal<bool>,
    /// Whether a passphrase lock is set on this device's book.
    pub lock_on: RwSignal<bool>,
    /// When the book was last backed up, and since when it has unbacked changes.
    pub backup_mark: RwSignal<BackupMark>,
    /// How many stored texts could not be read and are kept aside (Data page).
    pub set_aside: RwSignal<usize>,
    /// Minutes without input before the book locks again (0: never; 15 by default).
    pub autolock_minutes: RwSignal<u32>,
    /// The idle-lock minutes kept on this device did not read: said once a locked book
    /// is open.
    autolock_reset: RwSignal<bool>,
    /// Today's date on this device: follows the wall clock (a tablet left open overnight
    /// wakes up on the new day), unless the address fixed it (see `app::today`).
    clock: RwSignal<Date>,
    /// The team database this device syncs with, as stored (see `sync`).
    pub connection: RwSignal<Option<liuke_engine::sync::connection::Connection>>,
    /// This device's sync data, as on disk.
    sync: StoredValue<liuke_engine::sync::store::SyncStore>,
    /// A sync is running in this tab.
    pub syncing: RwSignal<bool>,
    /// How this tab's team sync is doing (see `live_sync`).
    pub sync_state: RwSignal<SyncState>,
    /// Documents changed here that wait to be sent.
    pub sync_waiting: RwSignal<usize>,
    /// When this tab last finished a sync round (ms since 1970).
    pub last_sync: RwSignal<Option<f64>>,
    /// The last problem a sync met, kept after it passes (Settings shows it).
    pub last_sync_error: RwSignal<Option<SyncProblem>>,
    /// Conflicts of the team book no device could merge by itself, for a person.
    pub sync_conflicts: RwSignal<Vec<liuke_engine::sync::store::Conflict>>,
    /// This device's changes the team database refused, by document, with the reason.
    pub sync_refusals: RwSignal<std::collections::BTreeMap<String, String>>,
    /// What this device merged by itself since the app was opened, oldest first.
    pub sync_merges: RwSignal<Vec<MergeNote>>,
    /// The last password the server refused: not tried again by itself.
    refused_password: StoredValue<Option<String>>,
    /// A sync asked for by hand runs: the live loop waits.
    sync_held: StoredValue<bool>,
    /// The team database has said the user's role this session (see `refresh_role`).
    role_fresh: StoredValue<bool>,
    /// Aborts the live pull's wait: something is to be sent.
    wake: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// The sync password given this session, when it is not kept on the device.
    session_password: StoredValue<Option<String>>,
    revision: StoredValue<f64>,
    db: StoredValue<Option<Db>, LocalStorage>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// The day the book is looked at, as a tracked read: today, unless the user looks
    /// at it as of another day. Memos and views that use it follow a change of date.
    pub fn today(self) -> Date {
        self.as_of.get().unwrap_or_else(|| self.clock.get())
    }

    /// The calendar's today on this device, whatever day the book is looked at: the day
    /// changes are made and backups taken.
    pub fn calendar_today(self) -> Date {
        self.clock.get()
    }

    /// Moves to a new day, if the date has changed.
    pub fn set_today(self, today: Date) {
        if self.clock.get_untracked() != today {
            self.clock.set(today);
        }
    }

    pub fn new(today: Date) -> AppState {
        use crate::storage::prefs::{self, PrefRead};
        let (stored, set_book) = signal(Book::new());
        let clock = RwSignal::new(today);
        let as_of = RwSignal::new(None::<Date>);
        let book = BookView::new(stored, move || as_of.get().unwrap_or_else(|| clock.get()));
        let (autolock_minutes, autolock) = prefs::persisted(
            prefs::AUTOLOCK,
            prefs::AUTOLOCK_VERSION,
            DEFAULT_AUTOLOCK,
            prefs::migrate_autolock,
        );
        // A preference that did not read is said, not silently reset: once a locked
        // book is open, where the idle lock applies (see `reload`).
        let autolock_reset = matches!(autolock, PrefRead::Unreadable | PrefRead::Newer);
        AppState {
            stored,
            book,
            set_book,
            as_of,
            phase: RwSignal::new(Phase::Loading),
            notice: RwSignal::new(None),
            autolock_reset: RwSignal::new(autolock_reset),
            last_change: RwSignal::new(None),
            storage_info: RwSignal::new(persist::StorageInfo::default()),
            busy: RwSignal::new(false),
            lock_on: RwSignal::new(false),
            set_aside: RwSignal::new(0),
            backup_mark: RwSignal::new(BackupMark::default()),
            autolock_minutes,
            clock,
            connection: RwSignal::new(None),
            sync: StoredValue::new(liuke_engine::sync::store::SyncStore::new()),
            session_password: StoredValue::new(None),
            syncing: RwSignal::new(false),
            sync_state: RwSignal::new(SyncState::Off),
            sync_waiting: RwSignal::new(0),
            last_sync: RwSignal::new(None),
            last_sync_error: RwSignal::new(None),
            wake: StoredValue::new_local(None),
            sync_held: StoredValue::new(false),
            role_fresh: StoredValue::new(false),
            refused_password: StoredValue::new(None),
            sync_conflicts: RwSignal::new(Vec::new()),
            sync_refusals: RwSignal::new(std::collections::BTreeMap::new()),
            sync_merges: RwSignal::new(Vec::new()),
            revision: StoredValue::new(0.0),
            db: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
        }
    }

    /// Opens storage, loads the book and listens for other tabs.
    pub fn start(self) {
        self.lock_when_idle(self.autolock_minutes);
        spawn_local(async move {
            match Db::open().await {
                Ok(db) => {
                    self.db.set_value(Some(db));
                    match self.reload().await {
                        Ok(()) => self.phase.set(Phase::Ready),
                        Err(UiError::Storage(StorageError::Locked)) => {}
                        Err(e) => self.phase.set(Phase::Failed(e)),
                    }
                    // It waits while the book is locked.
                    self.start_live_sync();
                }
                Err(e) => self.phase.set(Phase::Failed(UiError::Storage(e))),
            }
            self.listen_to_other_tabs();
            persist::request_persistence().await;
            self.refresh_storage_info().await;
        });
    }

    async fn reload(self) -> Result<(), UiError> {
        let db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        let loaded = match db.load().await {
            Ok(loaded) => loaded,
            Err(StorageError::Locked) => {
                self.show_lock_screen();
                return Err(UiError::Storage(StorageError::Locked));
            }
            Err(StorageError::KeyChanged) => {
                // The key in memory is for a lock that is gone: forget it, then open the
                // book as it now is — at the lock screen if there is a new lock.
                let plain = db.with_cipher(None);
                self.db.set_value(Some(plain.clone()));
                self.last_change.set(None);
                match plain.load().await {
                    Ok(loaded) => {
                        self.lock_on.set(false);
                        self.notice.set(Some(Notice::KeyChanged { locked: false }));
                        loaded
                    }
                    Err(StorageError::Locked) => {
                        self.show_lock_screen();
                        self.notice.set(Some(Notice::KeyChanged { locked: true }));
                        return Err(UiError::Storage(StorageError::Locked));
                    }
                    Err(e) => return Err(UiError::Storage(e)),
                }
            }
            Err(e) => return Err(UiError::Storage(e)),
        };
        // Sync pages that do not read stay on disk as they are, untouched until written.
        let store = db.load_sync().await.map(|(s, _)| s).unwrap_or_default();
        // A book in a team gives out ids from its device's space.
        let device = store.device().unwrap_or(liuke_engine::ids::Device::LOCAL);
        self.revision.set_value(loaded.revision);
        self.set_book.set(loaded.book.on_device(device));
        self.take_sync(store);
        // Another tab's change may wait to be sent, by this tab if it runs the sync.
        self.refresh_waiting();
        self.wake_sync();
        self.set_aside.set(loaded.set_aside);
        if let Ok(mark) = db.backup_mark().await {
            self.backup_mark.set(mark);
        }
        if loaded.tampered > 0 {
            self.notice.set(Some(Notice::Tampered(loaded.tampered)));
        } else if loaded.skipped > 0 {
            self.notice.set(Some(Notice::Skipped(loaded.skipped)));
        } else if loaded.settings_unreadable {
            self.notice.set(Some(Notice::SettingsUnreadable));
        } else if self.lock_on.get_untracked() && self.autolock_reset.get_untracked() {
            self.autolock_reset.set(false);
            self.notice
                .set(Some(Notice::AutolockReset(DEFAULT_AUTOLOCK)));
        }
        Ok(())
    }

    /// After a write refused because another tab changed the passphrase: reopen the book
    /// as it is on disk, and give the error to report for the refused write.
    async fn key_changed(self) -> UiError {
        let _ = self.reload().await;
        UiError::Storage(StorageError::KeyChanged)
    }

    fn db(self) -> Option<Db> {
        self.db.with_value(Clone::clone)
    }

    /// Validates, persists and applies one command. On a conflict with another tab the
    /// book is reloaded and the command planned again on what that tab wrote.
    pub async fn dispatch(self, command: Command) -> Result<Change, UiError> {
        if self.phase.get_untracked() == Phase::Locked {
            return Err(UiError::Storage(StorageError::Locked));
        }
        if self.as_of.get_untracked().is_some() {
            return Err(UiError::LookingBack);
        }
        let db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        for attempt in 0..2 {
            let (change, write) = self.stored.with_untracked(|b| {
                let change = b.plan(&command, self.calendar_today())?;
                // In a team book, what the user's role may not do is refused here, as
                // the team database would refuse it.
                self.may_make(&change)?;
                // Nothing to change (all already told, …): nothing is written, and the
                // change to undo stays the last real one.
                let write = (!change.is_empty()).then(|| {
                    // In a team book, the change's documents are recorded to send, in
                    // the same transaction as the change.
                    let sync_pages = self
                        .sync
                        .try_update_value(|s| {
                            // Only a broken revision tree refuses an edit: the change
                            // is still saved, and that record goes out with its next.
                            let _ = s.record_change(&change, crate::browser::now());
                            s.take_changed_pages()
                        })
                        .unwrap_or_default();
                    db.write_with_sync(b, &change, sync_pages, self.revision.get_value())
                });
                Ok::<_, UiError>((change, write))
            })?;
            let Some(write) = write else {
                return Ok(change);
            };
            match write.await {
                Ok(revision) => {
                    self.revision.set_value(revision);
                    self.set_book.update(|b| b.commit(&change));
                    self.last_change.set(Some(change.clone()));
                    self.announce(revision);
                    self.refresh_waiting();
                    self.wake_sync();
                    self.note_change().await;
                    return Ok(change);
                }
                Err(StorageError::Conflict) if attempt == 0 => {
                    self.reload().await?;
                    self.notice.set(Some(Notice::Reloaded));
                }
                Err(StorageError::KeyChanged) => return Err(self.key_changed().await),
                Err(e) => {
                    // The sync data in memory recorded the change: it follows the disk
                    // again.
                    let _ = self.reload().await;
                    return Err(UiError::Storage(e));
                }
            }
        }
        Err(UiError::Storage(StorageError::Conflict))
    }

    /// Staff as (id, name) for a filter or a person picker; with `active_only`, only
    /// those employed today.
    pub fn staff_choices(self, active_only: bool) -> Memo<Vec<(u64, String)>> {
        Memo::new(move |_| {
            self.book.with(|b| {
                b.staff()
                    .iter()
                    .filter(|s| !active_only || s.status.is_active_on(self.today()))
                    .map(|s| (s.id.0, s.name.clone()))
                    .collect()
            })
        })
    }

    /// Runs a command and reports the outcome as a notice; for buttons with no form.
    pub fn run(self, command: Command, saved: &'static str) {
        spawn_local(async move {
            match self.dispatch(command).await {
                Ok(_) => self.notice.set(Some(Notice::Saved(saved))),
                Err(e) => self.notice.set(Some(Notice::Error(e))),
            }
        });
    }

    /// Undoes the last change, if nothing has changed it since.
    pub async fn undo(self) -> Result<(), UiError> {
        let Some(change) = self.last_change.get_untracked() else {
            return Ok(());
        };
        self.dispatch(Command::Revert { change }).await?;
        self.last_change.set(None);
        Ok(())
    }

    /// Replaces the whole book (restore, sample data, clearing) in one transaction.
    pub async fn replace(self, book: Book) -> Result<(), UiError> {
        if self.in_team() {
            return Err(UiError::InTeam);
        }
        let db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        self.busy.set(true);
        let result = db.replace_all(&book, self.revision.get_value()).await;
        self.busy.set(false);
        let revision = match result {
            Ok(revision) => revision,
            Err(StorageError::Conflict) => {
                self.reload().await?;
                return Err(UiError::Storage(StorageError::Conflict));
            }
            Err(StorageError::KeyChanged) => return Err(self.key_changed().await),
            Err(e) => return Err(UiError::Storage(e)),
        };
        self.revision.set_value(revision);
        self.set_book.set(book);
        self.last_change.set(None);
        self.announce(revision);
        self.note_change().await;
        if persist::request_persistence().await.is_some() {
            self.refresh_storage_info().await;
        }
        Ok(())
    }

    /// Starts the backup reminder's clock at the first change since the last backup.
    async fn note_change(self) {
        let mark = self.backup_mark.get_untracked();
        let next = mark.after_change(self.calendar_today());
        if next == mark {
            return;
        }
        self.backup_mark.set(next);
        if let Some(db) = self.db() {
            // Only the reminder's timing depends on it; the change itself is saved.
            let _ = db.set_backup_mark(&next).await;
        }
    }

    /// Makes a backup file (encrypted when a lock is set, unless `plain`), offers it
    /// for download, and notes the backup for the reminder.
    pub async fn export_backup(self, plain: bool) -> Result<(), UiError> {
        let sealed = self.lock_on.get_untracked() && !plain;
        let suffix = if sealed { "-encrypted" } else { "" };
        let name = format!(
            "liuke-backup-{}{suffix}.json",
            crate::i18n::format_date(self.calendar_today())
        );
        let text = self.backup_text(plain).await?;
        crate::browser::download(&name, &text, "application/json")?;
        let mark = BackupMark::after_backup(self.calendar_today());
        self.backup_mark.set(mark);
        if let Some(db) = self.db() {
            db.set_backup_mark(&mark).await.map_err(UiError::Storage)?;
        }
        Ok(())
    }

    /// The unreadable texts kept aside, as a JSON file's text for the user to keep.
    pub async fn export_set_aside(self) -> Result<String, UiError> {
        let db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        let aside = db.set_aside().await.map_err(UiError::Storage)?;
        Ok(serde_json::to_string_pretty(&aside).unwrap_or_default())
    }

    /// Deletes the unreadable texts kept aside, once the user has exported them.
    pub async fn discard_set_aside(self) -> Result<(), UiError> {
        let db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        db.discard_set_aside().await.map_err(UiError::Storage)?;
        self.set_aside.set(0);
        Ok(())
    }

    pub async fn refresh_storage_info(self) {
        self.storage_info.set(persist::info().await);
    }

    fn announce(self, revision: f64) {
        self.channel.with_value(|c| {
            if let Some(channel) = c {
                let _ = channel.post_message(&JsValue::from_f64(revision));
            }
        });
    }

    fn listen_to_other_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let theirs = event.data().as_f64().unwrap_or(f64::NAN);
                if theirs != self.revision.get_value() {
                    spawn_local(async move {
                        match self.reload().await {
                            Ok(()) => self.notice.update(|n| {
                                if !matches!(n, Some(Notice::KeyChanged { .. })) {
                                    *n = Some(Notice::Reloaded);
                                }
                            }),
                            Err(UiError::Storage(StorageError::Locked)) => {}
                            Err(e) => self.notice.set(Some(Notice::Error(e))),
                        }
                    });
                }
            },
        );
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.channel.set_value(Some(channel));
    }
}
