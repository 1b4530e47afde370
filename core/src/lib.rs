//! aksnet-core: CIDR math, the AKS networking rules, model capacity and scoring.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod cidr;

/// The product name, shown by every front end.
pub const PRODUCT: &str = "aksnet";
