//! Where a team book syncs — the server, the database, who signs in — and the check a
//! user runs before the first sync, which names what is wrong in words they can act on.
//!
//! The browser can only tell that a request failed, not why; the shell tells "nobody
//! answered" from "answered, but without CORS" with a second, opaque request, and this
//! module reads every answer that did arrive.

use super::replicator::Response;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest database name CouchDB accepts.
const MAX_DATABASE: usize = 238;

/// A team database and the account this device signs in with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// The server's address, without a trailing slash: `https://couch.example.com`, or
    /// a sub-path behind a proxy (`https://example.com/couch`).
    pub server: String,
    pub database: String,
    pub user: String,
    /// Kept only when the user chose to keep it on this device; otherwise asked for
    /// once per session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The staff member this device's user is ("who am I"): the person its changes are
    /// signed with, whose customers and agenda are "mine".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<u64>,
    /// The user's role in the team database as it last said (its `_session`): what
    /// this device lets the user change while offline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<super::role::Role>,
}

/// Why a connection's settings cannot be used, before anything is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ConnectionError {
    #[error("the server's address is missing")]
    ServerMissing,
    /// Not `http://` or `https://` followed by a host (and port, and path).
    #[error("the server's address is not a web address")]
    ServerNotUrl,
    /// A name or password written into the address: they go in their own fields, where
    /// they are not shown or stored with the address.
    #[error("the server's address holds a name or password")]
    ServerHasCredentials,
    /// Plain `http://` to another machine: passwords and the book would cross the
    /// network readable, and the page's security policy refuses it.
    #[error("a server on another machine needs https://")]
    NeedsHttps,
    /// CouchDB's rule: a lowercase letter first, then lowercase letters, digits and
    /// `_ $ ( ) + - /`, at most 238 characters.
    #[error("the database name is not one CouchDB accepts")]
    DatabaseName,
    #[error("the user name is missing")]
    UserMissing,
}

/// What the connection check found wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum Fault {
    /// Nothing answered at the address (offline, wrong address, server down).
    #[error("the server did not answer")]
    Unreachable,
    /// The server answered, but not to this page: CORS is not enabled for it.
    #[error("the server does not allow this page (CORS)")]
    Cors,
    #[error("wrong name or password")]
    WrongPassword,
    /// Something answered, but not as CouchDB does.
    #[error("the address does not answer as CouchDB")]
    NotCouch,
    #[error("the database does not exist")]
    NoDatabase,
    /// Signed in, but the database's security does not list this user.
    #[error("this user is not a member of the database")]
    NotMember,
    #[error("the server answered {0}")]
    Server(u16),
}

/// What a successful check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connected {
    /// Documents in the team database now.
    pub documents: u64,
}

/// The team database's design documents (its rules), asked for to tell them from the
/// team book's documents: a database prepared for the team but holding no book yet is
/// empty for a device joining it.
pub const DESIGN_DOCS_PATH: &str = "_all_docs?startkey=%22_design%2F%22&endkey=%22_design0%22";

/// The documents of the team book in a database of `total` documents, given the answer
/// to [`DESIGN_DOCS_PATH`] (an answer that does not read takes nothing away).
pub fn book_documents(total: u64, design_docs: &serde_json::Value) -> u64 {
    let design = design_docs
        .get("rows")
        .and_then(serde_json::Value::as_array)
        .map_or(0, |rows| rows.len() as u64);
    total.saturating_sub(design)
}

impl Connection {
    /// The settings as a user typed them, checked; surrounding spaces are dropped.
    pub fn new(
        server: &str,
        database: &str,
        user: &str,
        password: Option<String>,
    ) -> Result<Connection, ConnectionError> {
        let server = server_address(server)?;
        let database = database.trim();
        if !valid_database(database) {
            return Err(ConnectionError::DatabaseName);
        }
        let user = user.trim();
        if user.is_empty() {
            return Err(ConnectionError::UserMissing);
        }
        Ok(Connection {
            server,
            database: database.to_string(),
            user: user.to_string(),
            password,
            staff: None,
            role: None,
        })
    }

    /// The address of something on the server (`_session`).
    pub fn server_url(&self, path: &str) -> String {
        format!("{}/{path}", self.server)
    }

    /// The team database's address.
    pub fn database_url(&self) -> String {
        format!(
            "{}/{}",
            self.server,
            super::replicator::encode(&self.database)
        )
    }

    /// The address of a replicator request's path (relative to the database).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.database_url())
    }

    /// The same connection without the password, as kept when the user chose not to.
    pub fn without_password(&self) -> Connection {
        Connection {
            password: None,
            ..self.clone()
        }
    }
}

/// The server's address, normalised, or why it is not one.
fn server_address(text: &str) -> Result<String, ConnectionError> {
    let text = text.trim().trim_end_matches('/');
    if text.is_empty() {
        return Err(ConnectionError::ServerMissing);
    }
    let (scheme, rest) = text
        .split_once("://")
        .ok_or(ConnectionError::ServerNotUrl)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(ConnectionError::ServerNotUrl);
    }
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.contains('@') {
        return Err(ConnectionError::ServerHasCredentials);
    }
    let (host, port) = split_port(authority)?;
    let host = host.to_ascii_lowercase();
    let host_ok = !host.is_empty()
        && (host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            || host == "[::1]");
    let path_ok = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~/%".contains(c));
    if !host_ok || !path_ok {
        return Err(ConnectionError::ServerNotUrl);
    }
    // The page's security policy lets plain http reach this machine only by these names.
    let this_machine = matches!(host.as_str(), "localhost" | "127.0.0.1");
    if scheme == "http" && !this_machine {
        return Err(ConnectionError::NeedsHttps);
    }
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    let path = if path.is_empty() {
        String::new()
    } else {
        format!("/{path}")
    };
    Ok(format!("{scheme}://{host}{port}{path}"))
}

/// `host:port` into its parts; the port, if any, is a number a server can listen on.
fn split_port(authority: &str) -> Result<(&str, Option<u16>), ConnectionError> {
    let colon = if authority.starts_with('[') {
        authority.find("]:").map(|i| i + 1)
    } else {
        authority.rfind(':')
    };
    let Some(colon) = colon else {
        return Ok((authority, None));
    };
    let port = authority[colon + 1..]
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or(ConnectionError::ServerNotUrl)?;
    Ok((&authority[..colon], Some(port)))
}

fn valid_database(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= MAX_DATABASE
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

/// The connection check: who the server says we are, then the database.
#[derive(Clone, Debug)]
pub struct Check {
    connection: Connection,
    stage: Stage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Session,
    Database,
    Over,
}

/// What to do next while checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckStep {
    /// GET this address with the connection's name and password.
    Get(String),
    Connected(Connected),
    Failed(Fault),
}

impl Check {
    pub fn new(connection: Connection) -> Check {
        Check {
            connection,
            stage: Stage::Session,
        }
    }

    /// The first request: the session, which says whether the name and password hold.
    pub fn start(&mut self) -> CheckStep {
        self.stage = Stage::Session;
        CheckStep::Get(self.connection.server_url("_session"))
    }

    /// Reads an answer to the last request.
    pub fn read(&mut self, response: &Response) -> CheckStep {
        let stage = std::mem::replace(&mut self.stage, Stage::Over);
        let step = match stage {
            Stage::Session => self.read_session(response),
            Stage::Database => read_database(response),
            Stage::Over => CheckStep::Failed(Fault::NotCouch),
        };
        if let CheckStep::Get(_) = step {
            self.stage = Stage::Database;
        }
        step
    }

    fn read_session(&self, response: &Response) -> CheckStep {
        let user = &response.body["userCtx"];
        match response.status {
            401 => CheckStep::Failed(Fault::WrongPassword),
            200 if user.is_object() => {
                // A server that ignores the credentials answers as nobody.
                if user["name"].as_str() == Some(self.connection.user.as_str()) {
                    CheckStep::Get(self.connection.database_url())
                } else {
                    CheckStep::Failed(Fault::WrongPassword)
                }
            }
            200..=299 | 404 => CheckStep::Failed(Fault::NotCouch),
            status => CheckStep::Failed(Fault::Server(status)),
        }
    }
}

fn read_database(response: &Response) -> CheckStep {
    match response.status {
        200 => match response.body["doc_count"].as_u64() {
            Some(documents) => CheckStep::Connected(Connected { documents }),
            None => CheckStep::Failed(Fault::NotCouch),
        },
        404 => CheckStep::Failed(Fault::NoDatabase),
        401 | 403 => CheckStep::Failed(Fault::NotMember),
        status => CheckStep::Failed(Fault::Server(status)),
    }
}
