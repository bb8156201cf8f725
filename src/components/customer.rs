//! The customer file: the customer's form and list, the timeline and what is logged on it.

mod complaint_form;
mod contact_form;
mod customer_filters;
mod customer_form;
mod customer_table;
mod interaction_form;
mod key_date_form;
mod kind_chips;
mod order_form;
mod payment_plan;
mod quick_log;
mod signal_form;
mod survey_form;
mod team_form;
mod timeline;

pub use complaint_form::ComplaintForm;
pub use contact_form::ContactForm;
pub use customer_filters::CustomerFilters;
pub use customer_form::CustomerForm;
pub use customer_table::CustomerTable;
pub use interaction_form::InteractionForm;
pub use key_date_form::KeyDateForm;
pub use kind_chips::KindChips;
pub use order_form::OrderForm;
pub use payment_plan::PaymentPlan;
pub use quick_log::QuickLog;
pub use signal_form::SignalForm;
pub use survey_form::SurveyForm;
pub use team_form::TeamForm;
pub use timeline::Timeline;
