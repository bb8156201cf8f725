//! Team sync: connecting this device to the team's database.

mod team_sync_settings;

pub use team_sync_settings::TeamSyncSettings;
