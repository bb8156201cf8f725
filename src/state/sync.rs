//! This device's team sync in memory: its sync data as stored, the team database it is
//! connected to, and the password for this session when it is not kept.

use super::AppState;
use crate::errors::UiError;
use crate::storage::{Db, StorageError};
use crate::sync::http;
use leptos::prelude::*;
use liuke_engine::ids::Device;
use liuke_engine::sync::connection::{
    book_documents, Connected, Connection, Fault, DESIGN_DOCS_PATH,
};
use liuke_engine::sync::device::{ClaimStep, DeviceClaim};
use liuke_engine::sync::replicator::{Direction, Method, Replication, Report, Step, SyncError};
use liuke_engine::sync::role::{check, Role};
use liuke_engine::sync::store::SyncStore;
use liuke_engine::sync::team::JoinMode;
use liuke_engine::sync::team::{join, replication_id, JoinError};
use liuke_engine::StaffId;

/// Merges kept in the log shown in the settings.
const MERGES_SHOWN: usize = 20;

/// A conflict this device merged by itself: which document, the fields taken from the
/// version that lost, when.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeNote {
    pub doc_id: String,
    pub fields: Vec<String>,
    pub at: String,
}

/// Documents per request (PouchDB's replicator sends 100): a thousand pushed the S book
/// in 4.1 s instead of 6.7 s and pulled it in 2.0 s instead of 2.6 s (docs/benchmarks.md),
/// and the pull reads ten times as many changes per request.
const BATCH: usize = 1000;
/// How long the server may hold a live pull open when nothing is new; below the
/// request timeout, and below what proxies usually allow.
const LIVE_WAIT_MS: u32 = 25_000;

/// Why a sync did not finish. What it did before stays done: a sync resumes.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncProblem {
    NoConnection,
    /// The password is not kept on this device and was not given this session.
    NoPassword,
    Fault(Fault),
    /// The server answered outside the protocol.
    Protocol(SyncError),
    Join(JoinError),
    Storage(UiError),
    /// A sync of this book is running already.
    Running,
    /// A live pull was cut short because there is something to send.
    Woken,
    /// This device has a book of its own and the team database is not empty: the user
    /// chooses whether to merge it or to start from the team's book.
    ChooseJoin {
        customers: usize,
        records: usize,
        documents: u64,
    },
}

impl From<Fault> for SyncProblem {
    fn from(fault: Fault) -> Self {
        SyncProblem::Fault(fault)
    }
}

impl From<SyncError> for SyncProblem {
    fn from(error: SyncError) -> Self {
        match error {
            // The name or password stopped working mid-sync (changed, or expired).
            SyncError::Http { status: 401, .. } => SyncProblem::Fault(Fault::WrongPassword),
            SyncError::Http { status: 403, .. } => SyncProblem::Fault(Fault::NotMember),
            other => SyncProblem::Protocol(other),
        }
    }
}

impl From<UiError> for SyncProblem {
    fn from(error: UiError) -> Self {
        SyncProblem::Storage(error)
    }
}

impl From<StorageError> for SyncProblem {
    fn from(error: StorageError) -> Self {
        SyncProblem::Storage(UiError::Storage(error))
    }
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// Documents the server took from this device.
    pub sent: usize,
    /// Records (and settings) of the book changed by what arrived.
    pub received: usize,
    /// Documents refused, by the server or here.
    pub refused: usize,
    /// Records that arrived but wait for records they name.
    pub waiting: usize,
}

/// Names one run of a replication: the time and a random part.
fn session_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{now:x}-{random:x}")
}

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

    /// Who made the version of a record every device shows, in a team book (read when
    /// the book changes: a version arrives with the record it holds).
    pub fn stamp(self, key: liuke_engine::RecordKey) -> Option<liuke_engine::sync::Stamp> {
        let id = liuke_engine::sync::document::doc_id(key);
        self.sync.try_with_value(|s| s.stamp(&id)).flatten()
    }

    /// The user's role in the team book (as the team database last said), `None` in a
    /// book of one's own or before the team database has said.
    pub fn role(self) -> Option<Role> {
        if !self.in_team() {
            return None;
        }
        self.connection.with(|c| c.as_ref().and_then(|c| c.role))
    }

    /// The staff member this device's user said they are.
    pub fn me(self) -> Option<StaffId> {
        self.connection
            .with(|c| c.as_ref().and_then(|c| c.staff).map(StaffId))
    }

    /// Why the user's role may not make `change`, if it may not (see `role::check`).
    pub(super) fn may_make(self, change: &liuke_engine::Change) -> Result<(), UiError> {
        let (role, me) = self.connection.with_untracked(|c| {
            let c = c.as_ref();
            (c.and_then(|c| c.role), c.and_then(|c| c.staff).map(StaffId))
        });
        match role {
            Some(role) if self.sync.with_value(|s| s.device().is_some()) => {
                check(change, role, me).map_err(UiError::Forbidden)
            }
            _ => Ok(()),
        }
    }

    /// Says which staff member this device's user is: their changes are signed with it.
    pub async fn set_me(self, staff: Option<StaffId>) -> Result<(), UiError> {
        let connection = self
            .connection
            .get_untracked()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        self.write_connection(Some(Connection {
            staff: staff.map(|s| s.0),
            ..connection
        }))
        .await
    }

    /// Asks the team database what the user's role is (once a session, and again after
    /// it refused a change), kept with the connection for offline use.
    async fn refresh_role(
        self,
        connection: &Connection,
        password: &str,
    ) -> Result<(), SyncProblem> {
        if self.role_fresh.get_value() {
            return Ok(());
        }
        let answer = http::send(
            Method::Get,
            &connection.server_url("_session"),
            None,
            &connection.user,
            password,
        )
        .await?;
        match answer.status {
            401 => return Err(SyncProblem::Fault(Fault::WrongPassword)),
            // A server without `_session` (behind some proxies): the role stays as kept.
            200 => {}
            _ => return Ok(()),
        }
        let roles: Vec<String> = answer.body["userCtx"]["roles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect();
        let role = Role::of(&roles);
        self.role_fresh.set_value(true);
        let current = self.connection.get_untracked();
        if let Some(current) = current.filter(|c| c.role != Some(role)) {
            self.write_connection(Some(Connection {
                role: Some(role),
                ..current
            }))
            .await?;
        }
        Ok(())
    }

    /// Whether this device's book has joined a team database.
    pub fn in_team(self) -> bool {
        self.sync.with_value(|s| s.device().is_some())
    }

    /// The password to sign in with: the kept one, or the one given this session —
    /// not one the server has refused since.
    pub fn sync_password(self) -> Option<String> {
        let refused = self.refused_password.get_value();
        let kept = self
            .connection
            .with_untracked(|c| c.as_ref().and_then(|c| c.password.clone()));
        [self.session_password.get_value(), kept]
            .into_iter()
            .flatten()
            .find(|p| Some(p) != refused.as_ref())
    }

    /// The server refused `password` (changed there, or the account ended): the sync
    /// waits for the user to give it again, keeping every unsent change.
    pub(super) fn refuse_password(self, password: &str) {
        self.refused_password.set_value(Some(password.to_string()));
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
        self.refused_password.set_value(None);
        // The same user on the same database stays who they said they were.
        let connection = match self.connection.get_untracked() {
            Some(old)
                if (&old.server, &old.database, &old.user)
                    == (&connection.server, &connection.database, &connection.user) =>
            {
                Connection {
                    staff: old.staff,
                    role: old.role,
                    ..connection
                }
            }
            _ => connection,
        };
        self.role_fresh.set_value(false);
        let stored = if keep_password {
            connection
        } else {
            connection.without_password()
        };
        self.write_connection(Some(stored)).await
    }

    /// Leaves the team database on this device: forgets it, its password and every
    /// sync record (what was not sent stays unsent). The book stays as it is.
    pub async fn forget_connection(self) -> Result<(), UiError> {
        let db: Db = self
            .db()
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?;
        self.sync_held.set_value(true);
        self.wake_sync();
        let result = db.clear_sync(self.revision.get_value()).await;
        self.sync_held.set_value(false);
        match result {
            Ok(revision) => {
                self.revision.set_value(revision);
                self.forget_sync();
                // New ids come from the local space again; those given out stay.
                self.set_book.update(|b| {
                    *b = std::mem::replace(b, liuke_engine::Book::new()).on_device(Device::LOCAL);
                });
                self.refresh_waiting();
                self.last_sync.set(None);
                self.last_sync_error.set(None);
                self.announce(revision);
                Ok(())
            }
            Err(StorageError::KeyChanged) => Err(self.key_changed().await),
            Err(e) => {
                let _ = self.reload().await;
                Err(UiError::Storage(e))
            }
        }
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

impl AppState {
    /// Sends what this device changed and takes what the others did, once: joins the
    /// team database first if this device has not (claiming a device number, moving
    /// its book's ids into that device's space). `typed` is a password typed in the
    /// form but not saved.
    pub async fn sync_now(
        self,
        typed: Option<String>,
        mode: Option<JoinMode>,
    ) -> Result<SyncOutcome, SyncProblem> {
        if self.sync_held.get_value() {
            return Err(SyncProblem::Running);
        }
        self.hold_sync().await;
        self.syncing.set(true);
        let typed = typed.filter(|p| !p.is_empty());
        let result = self.sync_once(typed.clone(), mode).await;
        self.syncing.set(false);
        self.sync_held.set_value(false);
        match &result {
            Ok(_) => {
                // A password typed here that worked is used from now on; where the
                // user keeps the password, the kept one is replaced by it.
                if let Some(typed) = typed {
                    self.session_password.set_value(Some(typed.clone()));
                    let kept = self
                        .connection
                        .get_untracked()
                        .filter(|c| c.password.as_ref().is_some_and(|p| *p != typed));
                    if let Some(kept) = kept {
                        let renewed = Connection {
                            password: Some(typed),
                            ..kept
                        };
                        if let Err(e) = self.write_connection(Some(renewed)).await {
                            self.notice.set(Some(super::Notice::Error(e)));
                        }
                    }
                }
                self.wake_sync();
            }
            // A question for the user, not a fault.
            Err(SyncProblem::ChooseJoin { .. }) => {}
            Err(problem) => self.last_sync_error.set(Some(problem.clone())),
        }
        result
    }

    async fn sync_once(
        self,
        typed: Option<String>,
        mode: Option<JoinMode>,
    ) -> Result<SyncOutcome, SyncProblem> {
        let connection = self
            .connection
            .get_untracked()
            .ok_or(SyncProblem::NoConnection)?;
        let password = typed
            .filter(|p| !p.is_empty())
            .or_else(|| self.sync_password())
            .ok_or(SyncProblem::NoPassword)?;
        let mut outcome = SyncOutcome::default();
        // What arrived before and the book has not taken yet comes first.
        outcome.received += self.apply_arrivals().await?;
        let device = match self.sync.with_value(SyncStore::device) {
            Some(device) => device,
            None => self.join_team(&connection, &password, mode).await?,
        };
        let round = self
            .sync_round(&connection, &password, device, None)
            .await?;
        outcome.sent = round.sent;
        outcome.refused = round.refused;
        outcome.received += round.received;
        outcome.waiting = round.waiting;
        Ok(outcome)
    }

    /// One push, then one pull — live (the server waits for news until `wake` aborts)
    /// if `wake` is given — with everything written as it completes.
    pub(super) async fn sync_round(
        self,
        connection: &Connection,
        password: &str,
        device: Device,
        wake: Option<&web_sys::AbortSignal>,
    ) -> Result<SyncOutcome, SyncProblem> {
        let mut outcome = self.send_round(connection, password, device).await?;
        let pulled = self.pull_round(connection, password, device, wake).await?;
        outcome.refused += pulled.refused;
        outcome.received += pulled.received;
        outcome.waiting = pulled.waiting;
        Ok(outcome)
    }

    /// What arrived before and the book has not taken yet, then a push, written.
    pub(super) async fn send_round(
        self,
        connection: &Connection,
        password: &str,
        device: Device,
    ) -> Result<SyncOutcome, SyncProblem> {
        let mut outcome = SyncOutcome {
            received: self.apply_arrivals().await?,
            ..SyncOutcome::default()
        };
        self.refresh_role(connection, password).await?;
        let pushed = self
            .replicate(Direction::Push, connection, password, device, None)
            .await?;
        outcome.sent = pushed.written;
        outcome.refused += pushed.refused.len();
        if !pushed.refused.is_empty() {
            // A role taken away shows itself by refusals: asked again next round.
            self.role_fresh.set_value(false);
            // What was refused is taken back: the book shows what the team has.
            outcome.received += self.apply_arrivals().await?;
        }
        self.write_sync_pages().await?;
        self.refresh_waiting();
        self.last_sync.set(Some(js_sys::Date::now()));
        Ok(outcome)
    }

    /// A pull (live if `wake` is given), its arrivals applied.
    pub(super) async fn pull_round(
        self,
        connection: &Connection,
        password: &str,
        device: Device,
        wake: Option<&web_sys::AbortSignal>,
    ) -> Result<SyncOutcome, SyncProblem> {
        let mut outcome = SyncOutcome::default();
        let pulled = self
            .replicate(Direction::Pull, connection, password, device, wake)
            .await?;
        outcome.refused += pulled.refused.len();
        outcome.received += self.apply_arrivals().await?;
        outcome.waiting = self.sync.with_value(|s| s.arrivals().len());
        self.refresh_waiting();
        self.last_sync.set(Some(js_sys::Date::now()));
        Ok(outcome)
    }

    /// Counts what waits to be sent, for the header.
    pub(super) fn refresh_waiting(self) {
        let waiting = self.connection.with_untracked(|c| {
            let connection = c.as_ref()?;
            self.sync.with_value(|s| {
                let device = s.device()?;
                let id = replication_id(Direction::Push, device, connection);
                Some(Replication::waiting(s, &id))
            })
        });
        let waiting = waiting.unwrap_or(0);
        if self.sync_waiting.get_untracked() != waiting {
            self.sync_waiting.set(waiting);
        }
        let conflicts = self.sync.with_value(SyncStore::conflicts);
        if self.sync_conflicts.with_untracked(|c| *c != conflicts) {
            self.sync_conflicts.set(conflicts);
        }
        let refusals = self.sync.with_value(|s| s.refusals().clone());
        if self.sync_refusals.with_untracked(|r| *r != refusals) {
            self.sync_refusals.set(refusals);
        }
    }

    /// The live loop steps aside: its wait is cut short and it pauses, once its round
    /// is over, until `sync_held` is set back.
    async fn hold_sync(self) {
        self.sync_held.set_value(true);
        self.wake_sync();
        while self.syncing.get_untracked() {
            super::live_sync::sleep(50).await;
        }
    }

    /// Settles a conflict of the team book with `body` (one version, or fields taken
    /// from several): the book and the sync data are written in one transaction, and
    /// the next push sends it.
    pub async fn resolve_conflict(
        self,
        doc_id: String,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), UiError> {
        self.hold_sync().await;
        let result = self.settle_conflict(&doc_id, body).await;
        self.sync_held.set_value(false);
        self.refresh_waiting();
        self.wake_sync();
        result
    }

    async fn settle_conflict(
        self,
        doc_id: &str,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), UiError> {
        self.sync
            .try_update_value(|s| s.resolve(doc_id, body, crate::browser::now()))
            .ok_or(UiError::Storage(StorageError::Unavailable(String::new())))?
            .map_err(UiError::Conflict)?;
        match self.apply_arrivals().await {
            Ok(_) => Ok(()),
            Err(SyncProblem::Storage(e)) => Err(e),
            Err(other) => Err(UiError::Storage(StorageError::Unavailable(format!(
                "{other:?}"
            )))),
        }
    }

    /// Claims a device number in the team database and moves the book into its space,
    /// every document of it put in the sync data to send; one transaction.
    async fn join_team(
        self,
        connection: &Connection,
        password: &str,
        mode: Option<JoinMode>,
    ) -> Result<Device, SyncProblem> {
        let mode = if let Some(mode) = mode {
            mode
        } else {
            let (customers, records) = self.stored.with_untracked(|b| {
                let records = liuke_engine::RecordKind::ALL
                    .iter()
                    .map(|k| b.count(*k))
                    .sum::<usize>();
                (b.customers().len(), records)
            });
            let mut documents = http::check(connection.clone(), password).await?.documents;
            if documents > 0 {
                let design = http::send(
                    Method::Get,
                    &connection.url(DESIGN_DOCS_PATH),
                    None,
                    &connection.user,
                    password,
                )
                .await?;
                documents = book_documents(documents, &design.body);
            }
            if documents == 0 {
                JoinMode::First
            } else if records == 0 {
                JoinMode::Merge
            } else {
                return Err(SyncProblem::ChooseJoin {
                    customers,
                    records,
                    documents,
                });
            }
        };
        let label = format!(
            "{} · {}",
            connection.user,
            crate::i18n::format_date(self.calendar_today())
        );
        let mut claim = DeviceClaim::new(&label);
        let mut request = claim.start();
        let device = loop {
            let url = connection.url(&request.path);
            let answer = http::send(
                request.method,
                &url,
                request.body.as_ref(),
                &connection.user,
                password,
            )
            .await?;
            match claim.step(&answer)? {
                ClaimStep::Send(next) => request = next,
                ClaimStep::Claimed(device) => break device,
            }
        };
        let db = self.open_sync_db()?;
        let mut store = self.sync.get_value();
        let joined = join(
            self.stored.get_untracked(),
            device,
            &mut store,
            mode,
            crate::browser::now(),
        )
        .map_err(SyncProblem::Join)?;
        let revision = db
            .replace_with_sync(&joined, store.all_pages(), self.revision.get_value())
            .await?;
        self.revision.set_value(revision);
        self.set_book.set(joined);
        self.sync.set_value(store);
        // The ids changed: the last change cannot be undone as it was.
        self.last_change.set(None);
        self.announce(revision);
        Ok(device)
    }

    /// Runs one replication to its end, the sync data changed in memory as it goes.
    async fn replicate(
        self,
        direction: Direction,
        connection: &Connection,
        password: &str,
        device: Device,
        wake: Option<&web_sys::AbortSignal>,
    ) -> Result<Report, SyncProblem> {
        let id = replication_id(direction, device, connection);
        let mut replication = Replication::new(direction, &id, &session_id(), BATCH);
        if wake.is_some() {
            replication = replication.live(LIVE_WAIT_MS);
        }
        let mut request = replication.start();
        loop {
            let url = connection.url(&request.path);
            let answer = http::send_until(
                request.method,
                &url,
                request.body.as_ref(),
                &connection.user,
                password,
                wake,
            )
            .await;
            if wake.is_some_and(web_sys::AbortSignal::aborted) {
                return Err(SyncProblem::Woken);
            }
            let answer = answer?;
            let step = self
                .sync
                .try_update_value(|s| replication.step(answer, s))
                .ok_or(SyncProblem::Storage(UiError::Storage(
                    StorageError::Unavailable(String::new()),
                )))??;
            match step {
                Step::Send(next) => request = next,
                Step::Done(report) => return Ok(report),
            }
        }
    }

    /// Writes the sync pages changed since the last write (checkpoints).
    async fn write_sync_pages(self) -> Result<(), SyncProblem> {
        let pages = self
            .sync
            .try_update_value(SyncStore::take_changed_pages)
            .unwrap_or_default();
        self.write_pages(pages).await
    }

    /// Writes sync pages taken from the store.
    async fn write_pages(self, pages: Vec<(String, Option<String>)>) -> Result<(), SyncProblem> {
        if pages.is_empty() {
            return Ok(());
        }
        let db = self.open_sync_db()?;
        match db.write_sync(pages, self.revision.get_value()).await {
            Ok(revision) => {
                self.revision.set_value(revision);
                self.announce(revision);
                Ok(())
            }
            Err(e) => {
                // Memory follows the disk again; the next sync redoes what is missing.
                let _ = self.reload().await;
                Err(e.into())
            }
        }
    }

    /// Applies what arrived and the book does not show yet, as one change written with
    /// the sync data; returns how many records (and settings) changed.
    async fn apply_arrivals(self) -> Result<usize, SyncProblem> {
        // Conflicts of different fields merge first, so the book takes the merge.
        let merged = self
            .sync
            .try_update_value(SyncStore::merge_conflicts)
            .unwrap_or_default();
        if !merged.is_empty() {
            let at = crate::i18n::format_moment(crate::browser::now());
            self.sync_merges.update(|log| {
                log.extend(merged.into_iter().map(|m| MergeNote {
                    doc_id: m.doc_id,
                    fields: m.fields,
                    at: at.clone(),
                }));
                let over = log.len().saturating_sub(MERGES_SHOWN);
                log.drain(..over);
            });
        }
        let incoming = self.sync.with_value(SyncStore::arrivals);
        if incoming.is_empty() {
            return Ok(0);
        }
        let arrival = self.stored.with_untracked(|b| b.plan_arrival(incoming));
        let change = arrival.change;
        let pages = self
            .sync
            .try_update_value(|s| {
                s.settle_arrivals(&arrival.waiting);
                s.take_changed_pages()
            })
            .unwrap_or_default();
        if change.is_empty() {
            self.write_pages(pages).await?;
            return Ok(0);
        }
        let db = self.open_sync_db()?;
        let write = self
            .stored
            .with_untracked(|b| db.write_with_sync(b, &change, pages, self.revision.get_value()));
        match write.await {
            Ok(revision) => {
                self.revision.set_value(revision);
                self.set_book.update(|b| b.commit(&change));
                // Undo is for this device's own last change, not the team's.
                self.last_change.set(None);
                self.announce(revision);
                Ok(change.puts.len()
                    + change.deletes.len()
                    + usize::from(change.settings.is_some()))
            }
            Err(e) => {
                let _ = self.reload().await;
                Err(e.into())
            }
        }
    }

    fn open_sync_db(self) -> Result<Db, SyncProblem> {
        self.db().ok_or(SyncProblem::Storage(UiError::Storage(
            StorageError::Unavailable(String::new()),
        )))
    }
}
