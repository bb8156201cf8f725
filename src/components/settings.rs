//! The passphrase lock: the lock screen and its settings.

mod lock_screen;
mod lock_settings;

pub use lock_screen::LockScreen;
pub use lock_settings::LockSettings;
