//! The CouchDB replication protocol as a state machine: it says which request to make
//! next, and reads each response. The shell makes the requests (fetch); tests answer
//! them with an in-memory server. Nothing here waits, reads a clock or picks a random
//! number, so a sync can be replayed exactly.
//!
//! Push: local changes after the checkpoint → `_revs_diff` → `_bulk_docs` with
//! `new_edits: false` → checkpoint. Pull: `_changes` after the checkpoint → `_bulk_get`
//! of what is missing → checkpoint. Checkpoints are written on both sides (`_local/` on
//! the server, the store here) with the history of sessions, so an interrupted sync
//! resumes where both agree, and a server database recreated empty gets everything
//! pushed again. Sequence values are opaque: CouchDB 3 gives strings, PouchDB Server
//! numbers; they are kept and sent back as they came.

use super::rev::Rev;
use super::store::{Received, SyncStore};
use super::Incoming;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use thiserror::Error;

/// Sessions kept in a checkpoint's history, as CouchDB keeps.
const HISTORY: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From this device to the server.
    Push,
    /// From the server to this device.
    Pull,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
}

/// A request to the team database: `path` is relative to the database's URL.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

/// The server's answer: the HTTP status and the JSON body (`Null` if there was none).
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: Value,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SyncError {
    /// The server answered with an error status.
    #[error("the server answered {status}: {error}")]
    Http { status: u16, error: String },
    /// The server's answer is not the protocol's shape.
    #[error("the server's answer to {0} does not read")]
    Malformed(&'static str),
    /// A response arrived when none was expected.
    #[error("the sync is already over")]
    Finished,
}

/// A document the other side sent that was not taken, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub id: String,
    pub reason: String,
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Documents written to the other side (push) or taken here (pull).
    pub written: usize,
    /// Documents the other side refused (push: its validation rules) or that were not
    /// valid here (pull).
    pub refused: Vec<Refusal>,
    /// Pull: what the documents whose winner changed now are, to apply to the book.
    pub received: Vec<Incoming>,
    /// The checkpoint reached.
    pub last_seq: Value,
}

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Send(Request),
    Done(Report),
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    ReadCheckpoint,
    Changes,
    RevsDiff,
    Write,
    Fetch,
    SaveCheckpoint,
    Finished,
}

/// One run of a replication in one direction.
#[derive(Clone, Debug)]
pub struct Replication {
    direction: Direction,
    /// Names the pair of databases and direction; the same for every run.
    id: String,
    /// Names this run.
    session: String,
    batch: usize,
    phase: Phase,
    since: Value,
    /// The server's checkpoint document, with its `_rev` for the next write.
    remote: Option<Value>,
    /// The last sequence of the batch in hand, and whether it was a full batch.
    batch_last: Value,
    more: bool,
    report: Report,
    /// Push: the versions the write in hand sends, by document.
    sent: BTreeMap<String, Vec<Rev>>,
    /// Pull: versions the changes in hand name that this side lacks, still to fetch.
    wanted: Vec<Value>,
    /// Live pull: how long the server may hold a `_changes` request open until
    /// something changes (CouchDB's long poll), in milliseconds.
    wait_ms: Option<u32>,
}

/// A pull reads the server's changes this many batches at a time and fetches what it
/// lacks a batch at a time: most changes a device reads back are its own (after its
/// first push, every one), and each request and checkpoint costs a round trip.
pub const CHANGES_PER_BATCH: usize = 10;

fn local_path(id: &str) -> String {
    format!("_local/{}", encode(id))
}

/// Percent-encodes a path segment or query value: sequence values are opaque text.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn seq_text(seq: &Value) -> String {
    match seq {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Where to start from, given this side's and the server's checkpoints: the last
/// sequence both recorded in the same session, or the beginning.
fn agreed_since(local: Option<&Value>, remote: Option<&Value>) -> Value {
    let (Some(local), Some(remote)) = (local, remote) else {
        return json!(0);
    };
    if local.get("session_id").is_some() && local.get("session_id") == remote.get("session_id") {
        return local.get("source_last_seq").cloned().unwrap_or(json!(0));
    }
    let history = |cp: &Value| -> Vec<(Value, Value)> {
        cp.get("history")
            .and_then(Value::as_array)
            .map(|h| {
                h.iter()
                    .filter_map(|e| {
                        Some((e.get("session_id")?.clone(), e.get("recorded_seq")?.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let theirs = history(remote);
    history(local)
        .into_iter()
        .find(|(session, _)| theirs.iter().any(|(s, _)| s == session))
        .map_or(json!(0), |(_, seq)| seq)
}

impl Replication {
    /// A run with `id` (stable for the pair and direction) and `session` (new per run),
    /// moving up to `batch` documents per round trip.
    pub fn new(direction: Direction, id: &str, session: &str, batch: usize) -> Replication {
        Replication {
            direction,
            id: id.to_string(),
            session: session.to_string(),
            batch: batch.max(1),
            phase: Phase::ReadCheckpoint,
            since: json!(0),
            remote: None,
            batch_last: json!(0),
            more: false,
            report: Report::default(),
            sent: BTreeMap::new(),
            wanted: Vec::new(),
            wait_ms: None,
        }
    }

    /// A live pull: when nothing is new, the server holds the request open for up to
    /// `wait_ms` until something is (CouchDB's long poll), so a colleague's change
    /// arrives within moments, not at the next poll.
    pub fn live(mut self, wait_ms: u32) -> Replication {
        self.wait_ms = Some(wait_ms);
        self
    }

    /// How many documents changed on this device after the last push replication
    /// `id` recorded here: what waits to be sent.
    pub fn waiting(store: &SyncStore, id: &str) -> usize {
        let since = store
            .checkpoints
            .get(id)
            .and_then(|c| c.get("source_last_seq"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        store.count_changes_since(since)
    }

    /// The first request: the server's checkpoint.
    pub fn start(&mut self) -> Request {
        self.phase = Phase::ReadCheckpoint;
        Request {
            method: Method::Get,
            path: local_path(&self.id),
            body: None,
        }
    }

    /// Reads the answer to the last request and says what to do next.
    pub fn step(&mut self, response: Response, store: &mut SyncStore) -> Result<Step, SyncError> {
        let ok = (200..300).contains(&response.status);
        match self.phase {
            Phase::ReadCheckpoint => {
                self.remote = match response.status {
                    404 => None,
                    _ if ok => Some(response.body),
                    _ => return Err(http_error(&response)),
                };
                self.since = agreed_since(store.checkpoints.get(&self.id), self.remote.as_ref());
                self.report.last_seq = self.since.clone();
                self.next_batch(store)
            }
            _ if !ok => Err(http_error(&response)),
            Phase::Changes => self.read_changes(&response.body, store),
            Phase::RevsDiff => self.read_revs_diff(&response.body, store),
            Phase::Write => {
                let results = response
                    .body
                    .as_array()
                    .ok_or(SyncError::Malformed("_bulk_docs"))?;
                let sent = std::mem::take(&mut self.sent);
                for result in results {
                    if let Some(error) = result.get("error").and_then(Value::as_str) {
                        let reason = result
                            .get("reason")
                            .and_then(Value::as_str)
                            .unwrap_or(error);
                        let id = result
                            .get("id")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string();
                        // The database's rules said no: taken back here, not sent
                        // again. Any other fault leaves the change to send later.
                        if matches!(error, "forbidden" | "unauthorized") {
                            if let Some(revs) = sent.get(&id) {
                                store.refuse(&id, revs, reason);
                            }
                        }
                        self.report.refused.push(Refusal {
                            id,
                            reason: reason.to_string(),
                        });
                        self.report.written = self.report.written.saturating_sub(1);
                    }
                }
                Ok(self.save_checkpoint(store))
            }
            Phase::Fetch => {
                self.read_bulk_get(&response.body, store)?;
                Ok(self.fetch_next(store))
            }
            Phase::SaveCheckpoint => {
                let mut saved = self.checkpoint(store);
                if let Some(rev) = response.body.get("rev") {
                    saved["_rev"] = rev.clone();
                }
                self.remote = Some(saved.clone());
                if let Value::Object(map) = &mut saved {
                    map.remove("_rev");
                }
                store.set_checkpoint(&self.id, saved);
                self.since = self.batch_last.clone();
                self.report.last_seq = self.since.clone();
                if self.more {
                    self.next_batch(store)
                } else {
                    self.finish()
                }
            }
            Phase::Finished => Err(SyncError::Finished),
        }
    }

    fn finish(&mut self) -> Result<Step, SyncError> {
        self.phase = Phase::Finished;
        Ok(Step::Done(std::mem::take(&mut self.report)))
    }

    fn next_batch(&mut self, store: &SyncStore) -> Result<Step, SyncError> {
        match self.direction {
            Direction::Pull => {
                self.phase = Phase::Changes;
                Ok(Step::Send(Request {
                    method: Method::Get,
                    path: format!(
                        "_changes?style=all_docs&since={}&limit={}{}",
                        encode(&seq_text(&self.since)),
                        self.batch * CHANGES_PER_BATCH,
                        self.wait_ms
                            .map(|ms| format!("&feed=longpoll&timeout={ms}"))
                            .unwrap_or_default()
                    ),
                    body: None,
                }))
            }
            Direction::Push => {
                let since = self.since.as_u64().unwrap_or(0);
                let changes = store.changes_since(since, self.batch);
                let Some((last, _)) = changes.last() else {
                    return self.finish();
                };
                self.batch_last = json!(last);
                self.more = changes.len() == self.batch;
                let mut diff = serde_json::Map::new();
                for (_, id) in &changes {
                    let revs: Vec<String> =
                        store.leaf_revs(id).iter().map(Rev::to_string).collect();
                    diff.insert(id.clone(), json!(revs));
                }
                self.phase = Phase::RevsDiff;
                Ok(Step::Send(Request {
                    method: Method::Post,
                    path: "_revs_diff".into(),
                    body: Some(Value::Object(diff)),
                }))
            }
        }
    }

    fn read_revs_diff(&mut self, body: &Value, store: &mut SyncStore) -> Result<Step, SyncError> {
        let diff = body.as_object().ok_or(SyncError::Malformed("_revs_diff"))?;
        let mut docs = Vec::new();
        for (id, entry) in diff {
            let missing = entry
                .get("missing")
                .and_then(Value::as_array)
                .ok_or(SyncError::Malformed("_revs_diff"))?;
            for rev in missing {
                let rev = rev
                    .as_str()
                    .and_then(|r| Rev::parse(r).ok())
                    .ok_or(SyncError::Malformed("_revs_diff"))?;
                if let Some(doc) = store.document(id, &rev) {
                    docs.push(doc);
                    self.sent.entry(id.clone()).or_default().push(rev);
                }
            }
        }
        if docs.is_empty() {
            return Ok(self.save_checkpoint(store));
        }
        self.report.written += docs.len();
        self.phase = Phase::Write;
        Ok(Step::Send(Request {
            method: Method::Post,
            path: "_bulk_docs".into(),
            body: Some(json!({ "docs": docs, "new_edits": false })),
        }))
    }

    fn read_changes(&mut self, body: &Value, store: &mut SyncStore) -> Result<Step, SyncError> {
        let results = body
            .get("results")
            .and_then(Value::as_array)
            .ok_or(SyncError::Malformed("_changes"))?;
        if results.is_empty() {
            return self.finish();
        }
        self.batch_last = body
            .get("last_seq")
            .cloned()
            .or_else(|| results.last().and_then(|r| r.get("seq")).cloned())
            .ok_or(SyncError::Malformed("_changes"))?;
        self.more = results.len() >= self.batch * CHANGES_PER_BATCH;
        let mut wanted = Vec::new();
        for result in results {
            let id = result
                .get("id")
                .and_then(Value::as_str)
                .ok_or(SyncError::Malformed("_changes"))?;
            let revs: Vec<Rev> = result
                .get("changes")
                .and_then(Value::as_array)
                .map(|c| {
                    c.iter()
                        .filter_map(|c| c.get("rev")?.as_str())
                        .filter_map(|r| Rev::parse(r).ok())
                        .collect()
                })
                .unwrap_or_default();
            for rev in store.missing(id, &revs) {
                wanted.push(json!({ "id": id, "rev": rev.to_string() }));
            }
        }
        self.wanted = wanted;
        Ok(self.fetch_next(store))
    }

    /// The next batch of what the changes in hand name and this side lacks; once all is
    /// here, the checkpoint.
    fn fetch_next(&mut self, store: &SyncStore) -> Step {
        if self.wanted.is_empty() {
            return self.save_checkpoint(store);
        }
        let rest = self.wanted.split_off(self.batch.min(self.wanted.len()));
        let docs = std::mem::replace(&mut self.wanted, rest);
        self.phase = Phase::Fetch;
        Step::Send(Request {
            method: Method::Post,
            path: "_bulk_get?revs=true".into(),
            body: Some(json!({ "docs": docs })),
        })
    }

    fn read_bulk_get(&mut self, body: &Value, store: &mut SyncStore) -> Result<(), SyncError> {
        let results = body
            .get("results")
            .and_then(Value::as_array)
            .ok_or(SyncError::Malformed("_bulk_get"))?;
        for result in results {
            let id = result.get("id").and_then(Value::as_str).unwrap_or_default();
            for entry in result
                .get("docs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(doc) = entry.get("ok") else {
                    let reason = entry
                        .get("error")
                        .and_then(|e| e.get("reason").or(Some(e)))
                        .map(|e| e.as_str().map_or_else(|| e.to_string(), str::to_string))
                        .unwrap_or_default();
                    self.report.refused.push(Refusal {
                        id: id.to_string(),
                        reason,
                    });
                    continue;
                };
                match store.receive(doc) {
                    Ok(Received::New { winner }) => {
                        self.report.written += 1;
                        self.report.received.extend(winner);
                    }
                    Ok(Received::Known) => {}
                    Err(e) => self.report.refused.push(Refusal {
                        id: id.to_string(),
                        reason: e.to_string(),
                    }),
                }
            }
        }
        Ok(())
    }

    /// The checkpoint after the batch in hand: this session's sequence, with the
    /// sessions before it.
    fn checkpoint(&self, store: &SyncStore) -> Value {
        let mut history =
            vec![json!({ "session_id": self.session, "recorded_seq": self.batch_last })];
        let earlier = store
            .checkpoints
            .get(&self.id)
            .and_then(|cp| cp.get("history"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        history.extend(
            earlier
                .into_iter()
                .filter(|e| {
                    e.get("session_id").and_then(Value::as_str) != Some(self.session.as_str())
                })
                .take(HISTORY - 1),
        );
        json!({
            "session_id": self.session,
            "source_last_seq": self.batch_last,
            "history": history,
        })
    }

    fn save_checkpoint(&mut self, store: &SyncStore) -> Step {
        let mut doc = self.checkpoint(store);
        if let Some(rev) = self.remote.as_ref().and_then(|r| r.get("_rev")) {
            doc["_rev"] = rev.clone();
        }
        self.phase = Phase::SaveCheckpoint;
        Step::Send(Request {
            method: Method::Put,
            path: local_path(&self.id),
            body: Some(doc),
        })
    }
}

fn http_error(response: &Response) -> SyncError {
    SyncError::Http {
        status: response.status,
        error: response
            .body
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    }
}
