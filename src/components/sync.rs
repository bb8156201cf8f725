//! Team sync: connecting this device to the team's database, and how sync is doing.

mod conflict_card;
mod made_by;
mod merge_log;
mod record_name;
mod refusal_list;
mod refusal_mark;
mod sync_badge;
mod team_sync_settings;
mod who_am_i;

pub use conflict_card::ConflictCard;
pub use made_by::made_by;
pub use merge_log::MergeLog;
pub use refusal_list::RefusalList;
pub use refusal_mark::RefusalMark;
pub use sync_badge::SyncBadge;
pub use team_sync_settings::TeamSyncSettings;
pub use who_am_i::WhoAmI;
