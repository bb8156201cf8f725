//! One page per section; pages compose components and read the book through the state.

mod agenda;
mod announcements;
mod conflicts;
mod customer;
mod customers;
mod dashboard;
pub mod data;
mod forgotten;
mod pool;
mod register;
mod rotation;
mod settings;
mod staff;
mod staff_member;
mod winback;
pub mod winback_case;
pub mod winback_review;

pub use agenda::AgendaPage;
pub use announcements::AnnouncementsPage;
pub use conflicts::ConflictsPage;
pub use customer::CustomerPage;
pub use customers::CustomersPage;
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use forgotten::ForgottenPage;
pub use pool::PoolPage;
pub use register::RegisterPage;
pub use rotation::RotationPage;
pub use settings::SettingsPage;
pub use staff::StaffPage;
pub use staff_member::StaffMemberPage;
pub use winback::WinbackPage;
pub use winback_case::WinbackCasePage;
pub use winback_review::WinbackReviewPage;
