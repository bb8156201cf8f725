//! The agenda: its entries and adding a suggested action to it.

mod add_to_agenda;
mod agenda_entry;

pub use add_to_agenda::AddToAgenda;
pub use agenda_entry::AgendaEntry;
