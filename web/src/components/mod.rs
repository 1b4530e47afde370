//! The planner's components, one per file.
pub mod comparison;
pub mod findings;
pub mod plan_form;
pub mod text_field;
