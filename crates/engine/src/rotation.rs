//! Who looks after whom: rotation and handover plans (seeds 000, 001), solved exactly.
//!
//! A plan places customers (a leaver's, those held too long, those of overfull books)
//! with active staff so that the total cost of [`cost`]'s model is least:
//! - reasons for: already a live contact, recent dealings with the customer;
//! - reasons against: other region, other industry, an important customer (valuable,
//!   at risk, cannot-lose) with an inexperienced person, a book already worth a lot,
//!   a book filling up (convex: every further customer costs more), several key
//!   customers of one plan to the same person (convex), and, where staying is an
//!   option, the handover itself.
//!
//! The convex parts are priced per unit on the solver's links, so the min-cost flow in
//! `flow` returns an optimum of the whole model, never a greedy approximation. Nobody
//! leaving, gone or not yet hired takes customers, nor does the leaver, nor (in a
//! periodic plan) the owner a customer rotates away from. Capacity is a hard limit.
//! Pins fix single lines and the rest is re-solved around them.

mod apply;
pub mod assignment;
mod concentration;
pub mod cost;
mod flow;
mod handover;
mod plan;
mod scene;
mod settings;

pub use apply::{
    apply_plan, default_former_until, draft_message, set_handover_status, tick_handover_step,
};
pub use assignment::{solve, AssignError, Assignment};
pub use concentration::{concentration, ConcentrationLine, SHARED_STAKE};
pub use cost::CostPart;
pub use handover::{handover_steps, HandoverSchedule, HandoverStep, StepKind, StepOwner};
pub use plan::{
    eligible_successors, plan_departure, plan_periodic, plan_rebalance, Alternative, LoadLine,
    Plan, PlanError, PlanInputs, PlanKind, PlanLine, Taker,
};
pub use settings::{RotationSettings, TierPolicy};
