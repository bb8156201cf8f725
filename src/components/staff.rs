//! Staff: their details, status and the staff picker.

mod staff_form;
mod staff_select;
mod staff_status_form;
mod status_text;

pub use staff_form::StaffForm;
pub use staff_select::StaffSelect;
pub use staff_status_form::StaffStatusForm;
pub use status_text::status_text;
