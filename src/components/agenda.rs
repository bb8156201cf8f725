//! The agenda: its entries and adding a suggested action to it.

mod add_to_agenda;
mod agenda_entry;
mod overdue_group;

pub use add_to_agenda::AddToAgenda;
pub use agenda_entry::AgendaEntry;
pub use overdue_group::OverdueGroup;
