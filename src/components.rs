//! Small views reused across pages, grouped by feature; `ui` holds the shared widgets.

mod agenda;
mod customer;
mod data;
mod pool;
mod risk;
mod rotation;
mod settings;
mod staff;
mod sync;
mod ui;
mod winback;

pub use agenda::*;
pub use customer::*;
pub use data::*;
pub use pool::*;
pub use risk::*;
pub use rotation::*;
pub use settings::*;
pub use staff::*;
pub use sync::*;
pub use ui::*;
pub use winback::*;
