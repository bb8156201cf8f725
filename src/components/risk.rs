//! Risk: the score's badge and reasons, the backtest, the learned weights, the settings.

mod backtest_panel;
mod backtest_result;
mod band_badge;
mod customer_risk;
mod learned_weights;
pub mod reason_list;
mod risk_settings_form;

pub use backtest_panel::BacktestPanel;
pub use backtest_result::BacktestResult;
pub use band_badge::BandBadge;
pub use customer_risk::CustomerRisk;
pub use learned_weights::LearnedWeights;
pub use reason_list::ReasonList;
pub use risk_settings_form::RiskSettingsForm;
