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

/// The heap allocator of the whole bundle, and of the browser tests that link this
/// library: Talc instead of the standard dlmalloc, for about 6.8 KB less wasm (2 KB
/// packed; docs/performance.md). It grows WebAssembly memory as needed.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
