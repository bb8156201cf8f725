//! Liuke's engine: everything that decides something, with no web dependency.
//!
//! The engine never reads a clock: every function that depends on "today" takes it as a
//! parameter, so results are reproducible in tests, benchmarks and backtests.

pub mod agenda;
pub mod book;
pub mod chunks;
pub mod command;
pub mod directory;
pub mod error;
pub mod ids;
pub mod interchange;
pub mod money;
pub mod next_contact;
pub mod period;
pub mod pool;
pub mod records;
pub mod register;
pub mod report;
pub mod risk;
pub mod rotation;
pub mod sample;
pub mod schema;
pub mod spelling;
pub mod sync;
pub mod timeline;
pub mod value;
pub mod winback;

pub use book::Book;
pub use command::{Change, Command};
pub use error::{BookError, Field, Problem};
pub use money::Money;
pub use records::*;

/// Calendar dates are plain dates: a customer's order day does not depend on a time zone.
pub type Date = chrono::NaiveDate;
