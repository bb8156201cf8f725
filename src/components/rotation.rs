//! Rotation and handovers: plans, loads, concentration, handover checklists.

mod apply_summary;
mod concentration_report;
mod handover_card;
mod handover_message;
mod load_table;
mod plan_export;
mod plan_table;
mod rotation_settings_form;

pub use apply_summary::ApplySummary;
pub use concentration_report::ConcentrationReport;
pub use handover_card::HandoverCard;
pub use handover_message::HandoverMessage;
pub use load_table::LoadTable;
pub use plan_export::PlanExport;
pub use plan_table::PlanTable;
pub use rotation_settings_form::RotationSettingsForm;
