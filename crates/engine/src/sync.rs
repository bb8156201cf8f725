//! Team sync, the decisions only: one CouchDB document per record, each record's
//! revision tree and the winner every device picks alike. The shell moves the bytes.
//!
//! The rules follow CouchDB's replication model (and PouchDB's implementation of it): a
//! revision is `generation-hash`; a document's revisions form a tree whose leaves are its
//! current versions; the winner is the leaf that is not deleted, then has the longest
//! history, then the highest hash in ASCII order, so every device and the server pick
//! the same one without asking each other.

pub mod arrival;
pub mod connection;
pub mod device;
pub mod document;
pub mod merge;
pub mod pages;
pub mod replicator;
pub mod rev;
pub mod role;
pub mod stamp;
pub mod store;
pub mod team;
pub mod tree;

pub use document::{DocError, Incoming};
pub use rev::{Rev, RevError};
pub use stamp::Stamp;
pub use tree::{RevTree, TreeError};
