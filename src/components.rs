//! Small views reused across pages.

mod customer_form;
mod field_error;
mod lang_switch;
mod nav_bar;
mod notice_bar;
mod order_form;
mod sample_buttons;
mod staff_form;
mod stat_tile;

pub use customer_form::CustomerForm;
pub use field_error::{FieldError, FormError};
pub use lang_switch::LangSwitch;
pub use nav_bar::NavBar;
pub use notice_bar::NoticeBar;
pub use order_form::OrderForm;
pub use sample_buttons::SampleButtons;
pub use staff_form::StaffForm;
pub use stat_tile::StatTile;
