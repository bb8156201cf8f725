//! Small shared widgets: tiles, charts, fields, notices, navigation.

mod bar_chart;
mod field_error;
mod lang_switch;
mod nav_bar;
mod notice_bar;
mod number_setting;
mod stat_tile;
mod text_field;
mod update_bar;

pub use bar_chart::{bars, Bar, BarChart};
pub use field_error::{FieldError, FormError};
pub use lang_switch::LangSwitch;
pub use nav_bar::NavBar;
pub use notice_bar::NoticeBar;
pub use number_setting::{number_settings, NumberRow, NumberSetting};
pub use stat_tile::StatTile;
pub use text_field::TextField;
pub use update_bar::UpdateBar;
