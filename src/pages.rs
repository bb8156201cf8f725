//! One page per section; pages compose components and read the book through the state.

mod agenda;
mod customer;
mod customers;
mod dashboard;
pub mod data;
mod later;
mod register;
mod rotation;
mod settings;
mod staff;
mod staff_member;

pub use agenda::AgendaPage;
pub use customer::CustomerPage;
pub use customers::CustomersPage;
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use later::LaterPage;
pub use register::RegisterPage;
pub use rotation::RotationPage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
pub use staff_member::StaffMemberPage;
