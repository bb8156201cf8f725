//! The agenda: its entries and adding a suggested action to it.

mod add_to_agenda;
mod agenda_entry;
mod agenda_list;
mod kind_group;

pub use add_to_agenda::AddToAgenda;
pub use agenda_entry::AgendaEntry;
pub use agenda_list::AgendaList;
pub use kind_group::KindGroup;

/// Whose agenda the page shows (`None`: the team's), for entries that act on it.
#[derive(Clone, Copy)]
pub struct AgendaPerson(pub leptos::prelude::RwSignal<Option<liuke_engine::StaffId>>);

/// The key an entry is drawn under: the duty and what it says, so that an entry whose
/// facts change (a festival's greeted count) is drawn anew, not left as it was.
pub fn entry_key(item: &liuke_engine::agenda::AgendaItem) -> String {
    format!("{}#{:?}", item.key(), item.facts)
}
