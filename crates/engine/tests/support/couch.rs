//! An in-memory CouchDB database for replication tests: `_local` checkpoints with their
//! own revisions, `_changes` (numbers or opaque strings as sequences), `_revs_diff`,
//! `_bulk_docs` with `new_edits: false`, `_bulk_get`. It keeps its own revision trees
//! with the protocol's rules; it is the test's server, not the app's.
// Shared by several test binaries; each uses part of it.
#![allow(dead_code)]

use liuke_engine::sync::replicator::{Method, Request, Response};
use liuke_engine::sync::{Rev, RevTree};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Couch {
    docs: BTreeMap<String, (RevTree, BTreeMap<Rev, Value>)>,
    seq: u64,
    doc_seq: BTreeMap<String, u64>,
    local: BTreeMap<String, (u64, Value)>,
    /// Give sequences as opaque strings, as CouchDB 3 does.
    pub string_seqs: bool,
    /// Documents the database's validation rules refuse.
    pub forbid: Option<fn(&str) -> bool>,
    /// Every document version written by `_bulk_docs`.
    pub writes: usize,
    pub requests: usize,
}

fn not_found() -> Response {
    Response {
        status: 404,
        body: json!({"error": "not_found", "reason": "missing"}),
    }
}

fn ok(body: Value) -> Response {
    Response { status: 200, body }
}

impl Couch {
    pub fn new() -> Couch {
        Couch::default()
    }

    /// The database deleted and created again, empty (as restored from an old backup).
    pub fn recreate(&mut self) {
        let (string_seqs, forbid) = (self.string_seqs, self.forbid);
        *self = Couch::default();
        self.string_seqs = string_seqs;
        self.forbid = forbid;
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// How many live versions of a document lost to its winner.
    pub fn conflicts(&self, id: &str) -> usize {
        self.docs.get(id).map_or(0, |d| d.0.conflicts().len())
    }

    pub fn winner(&self, id: &str) -> Option<Rev> {
        self.docs.get(id)?.0.winner().map(|(r, _)| r.clone())
    }

    fn seq_value(&self, seq: u64) -> Value {
        if self.string_seqs {
            json!(format!(
                "{seq}-g1AAAAB7eJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMcoARTIkOS_P___7MS"
            ))
        } else {
            json!(seq)
        }
    }

    fn parse_seq(text: &str) -> u64 {
        text.split('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    pub fn handle(&mut self, request: &Request) -> Response {
        self.requests += 1;
        let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
        let param = |name: &str| {
            query.split('&').find_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                (k == name).then(|| percent_decode(v))
            })
        };
        match (request.method, path) {
            (Method::Get, p) if p.starts_with("_local/") => match self.local.get(p) {
                Some((n, doc)) => {
                    let mut doc = doc.clone();
                    doc["_rev"] = json!(format!("0-{n}"));
                    ok(doc)
                }
                None => not_found(),
            },
            (Method::Put, p) if p.starts_with("_local/") => {
                let body = request.body.clone().unwrap_or(Value::Null);
                let current = self.local.get(p).map(|(n, _)| format!("0-{n}"));
                let sent = body.get("_rev").and_then(Value::as_str).map(str::to_string);
                if current != sent {
                    return Response {
                        status: 409,
                        body: json!({"error": "conflict"}),
                    };
                }
                let n = self.local.get(p).map_or(1, |(n, _)| n + 1);
                self.local.insert(p.to_string(), (n, body));
                Response {
                    status: 201,
                    body: json!({"ok": true, "id": p, "rev": format!("0-{n}")}),
                }
            }
            // A document created by PUT: only if it does not exist (a device's claim).
            (Method::Put, id) if !id.contains('/') => {
                if self.docs.contains_key(id) {
                    return Response {
                        status: 409,
                        body: json!({"error": "conflict", "reason": "Document update conflict."}),
                    };
                }
                let body = request.body.clone().unwrap_or(json!({}));
                let rev = Rev::next(None, false, &body.to_string());
                let mut doc = body;
                doc["_id"] = json!(id);
                doc["_rev"] = json!(rev.to_string());
                doc["_revisions"] = json!({"start": 1, "ids": [rev.hash]});
                let entry = self.docs.entry(id.to_string()).or_default();
                entry
                    .0
                    .insert(std::slice::from_ref(&rev), false)
                    .expect("a new document");
                entry.1.insert(rev.clone(), doc);
                self.seq += 1;
                self.doc_seq.insert(id.to_string(), self.seq);
                Response {
                    status: 201,
                    body: json!({"ok": true, "id": id, "rev": rev.to_string()}),
                }
            }
            (Method::Get, "_changes") => {
                let since = param("since").map_or(0, |s| Couch::parse_seq(&s));
                let limit: usize = param("limit")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(usize::MAX);
                let mut by_seq: Vec<(u64, &String)> = self
                    .doc_seq
                    .iter()
                    .filter(|(_, s)| **s > since)
                    .map(|(id, s)| (*s, id))
                    .collect();
                by_seq.sort();
                let results: Vec<Value> = by_seq
                    .iter()
                    .take(limit)
                    .map(|(seq, id)| {
                        let leaves: Vec<Value> = self.docs[*id]
                            .0
                            .leaves()
                            .iter()
                            .map(|(r, _)| json!({"rev": r.to_string()}))
                            .collect();
                        json!({"seq": self.seq_value(*seq), "id": id, "changes": leaves})
                    })
                    .collect();
                let last = results
                    .last()
                    .map_or_else(|| self.seq_value(since), |r| r["seq"].clone());
                ok(json!({"results": results, "last_seq": last}))
            }
            (Method::Post, "_revs_diff") => {
                let mut out = Map::new();
                for (id, revs) in request
                    .body
                    .as_ref()
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let missing: Vec<Value> = revs
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .filter(|r| {
                            let rev = Rev::parse(r).expect("a revision");
                            !self.docs.get(id).is_some_and(|(t, _)| t.contains(&rev))
                        })
                        .map(|r| json!(r))
                        .collect();
                    if !missing.is_empty() {
                        out.insert(id.clone(), json!({ "missing": missing }));
                    }
                }
                ok(Value::Object(out))
            }
            (Method::Post, "_bulk_docs") => {
                let body = request.body.clone().unwrap_or(Value::Null);
                assert_eq!(
                    body["new_edits"],
                    json!(false),
                    "replication writes as they are"
                );
                let mut results = Vec::new();
                for doc in body["docs"].as_array().into_iter().flatten() {
                    let id = doc["_id"].as_str().expect("an id").to_string();
                    if self.forbid.is_some_and(|f| f(&id)) {
                        results.push(json!({"id": id, "error": "forbidden", "reason": "a rep cannot change this"}));
                        continue;
                    }
                    let rev = Rev::parse(doc["_rev"].as_str().expect("a rev")).expect("a revision");
                    let start = doc["_revisions"]["start"].as_u64().expect("start");
                    let history: Vec<Rev> = doc["_revisions"]["ids"]
                        .as_array()
                        .expect("ids")
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            Rev::parse(&format!(
                                "{}-{}",
                                start - i as u64,
                                h.as_str().expect("hash")
                            ))
                            .expect("rev")
                        })
                        .collect();
                    let deleted = doc.get("_deleted") == Some(&json!(true));
                    let entry = self.docs.entry(id.clone()).or_default();
                    if entry.0.insert(&history, deleted).expect("a valid history") {
                        entry.1.insert(rev, doc.clone());
                        self.writes += 1;
                        self.seq += 1;
                        self.doc_seq.insert(id, self.seq);
                    }
                }
                Response {
                    status: 201,
                    body: Value::Array(results),
                }
            }
            (Method::Post, "_bulk_get") => {
                let mut results = Vec::new();
                for want in request
                    .body
                    .as_ref()
                    .and_then(|b| b["docs"].as_array())
                    .into_iter()
                    .flatten()
                {
                    let id = want["id"].as_str().expect("id");
                    let rev = Rev::parse(want["rev"].as_str().expect("rev")).expect("revision");
                    let doc = self.docs.get(id).and_then(|(_, bodies)| bodies.get(&rev));
                    let entry = match doc {
                        Some(doc) => json!({ "ok": doc }),
                        None => {
                            json!({ "error": {"id": id, "rev": rev.to_string(), "error": "not_found", "reason": "missing"} })
                        }
                    };
                    results.push(json!({ "id": id, "docs": [entry] }));
                }
                ok(json!({ "results": results }))
            }
            _ => not_found(),
        }
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8")
}
