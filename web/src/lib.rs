//! The aksnet planner in the browser: a yew app over aksnet-core.
#![deny(missing_docs)]

pub mod app;
pub mod components;
pub mod state;

pub use app::App;
