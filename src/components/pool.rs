//! The customer pool: its rules, and the run that waits for a yes.

mod pool_ask;
mod pool_settings_form;
mod recycle_undo;

pub use pool_ask::PoolAsk;
pub use pool_settings_form::PoolSettingsForm;
pub use recycle_undo::RecycleUndo;
