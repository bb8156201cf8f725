//! Win-back and announcements: cases, exit checklists, causes, telling customers.

mod announcement_card;
mod announcement_form;
mod exit_checklist_form;
mod open_winback;
mod winback_actions;
mod winback_card;
mod winback_causes;
mod winback_close;

pub use announcement_card::AnnouncementCard;
pub use announcement_form::AnnouncementForm;
pub use exit_checklist_form::{amount_texts, with_amounts, AmountTexts, ExitChecklistForm};
pub use open_winback::OpenWinback;
pub use winback_actions::WinbackActions;
pub use winback_card::WinbackCard;
pub use winback_causes::{cause_bars, WinbackCauses};
pub use winback_close::WinbackClose;
