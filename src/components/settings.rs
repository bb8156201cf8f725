//! Settings of this device's view: the passphrase lock (its screen and settings) and the
//! day the book is looked at.

mod as_of_bar;
mod as_of_setting;
mod lock_screen;
mod lock_settings;

pub use as_of_bar::AsOfBar;
pub use as_of_setting::AsOfSetting;
pub use lock_screen::LockScreen;
pub use lock_settings::LockSettings;
