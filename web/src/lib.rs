//! The aksnet planner in the browser: a yew app over aksnet-core.
#![deny(missing_docs)]

pub mod app;

pub use app::App;
