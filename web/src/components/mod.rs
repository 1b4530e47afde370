//! The planner's components, one per file.
pub mod address_map;
pub mod comparison;
pub mod deploy;
pub mod findings;
pub mod growth_chart;
pub mod notices;
pub mod plan_form;
pub mod recommendation;
pub mod text_field;
pub mod toolbar;
