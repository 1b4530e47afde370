//! The aksnet planner in the browser: a yew app over aksnet-core.
#![deny(missing_docs)]

pub mod api;
pub mod app;
pub mod clipboard;
pub mod components;
pub mod crash;
pub mod persist;
pub mod state;
pub mod view;

pub use app::{App, AppProps};
