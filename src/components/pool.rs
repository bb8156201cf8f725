//! The customer pool's rules.

mod pool_settings_form;

pub use pool_settings_form::PoolSettingsForm;
