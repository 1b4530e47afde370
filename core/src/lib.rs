//! aksnet-core: CIDR math, the AKS networking rules, model capacity and trade-off scoring.
//!
//! The engine behind every aksnet front end (the browser app, the JS API and the
//! `aksnet` command line). It does no IO and knows no UI type: a [`plan::Plan`] goes
//! in, a [`eval::Report`] comes out.
//!
//! | Module | What it holds |
//! |---|---|
//! | [`cidr`] | strict prefix parsing, address counts with Azure's 5 reserved, overlap, `free` and `fit` |
//! | [`facts`] | the one table of model facts (limits, features, retirements), each with its source |
//! | [`plan`] | the plan of `plan-format.md`, read and validated field by field |
//! | [`draft`] | the planner form as typed, checked all at once with an error per field |
//! | [`eval`] | the rules: address needs, capacity and findings per model |
//! | [`compare`] | the side-by-side comparison: rows of figures and facts, a status per cell |
//! | [`score`] | the trade-off score that ranks the models from requirements and priorities |
//! | [`scenarios`] | workshop scenarios: plans that each teach one lesson |
//! | [`share`] | the form as compact, versioned link text; decoding that never fails |
//! | [`render`] | the report as Markdown and CSV |
//! | [`fixed`] | decimal text for `f64` without core's float formatting (a bundle-size measure) |
//! | [`json`] | JSON without serde: a reader into a small tree, and a writer with serde_json's exact bytes |
//! | [`layout`] | the numbers behind the address map and the growth chart, for the view to draw |
//! | [`deploy`] | deployment output for a chosen model: Azure CLI commands, Terraform and Bicep |
//!
//! ```
//! use aksnet_core::{eval::evaluate, facts::ModelId, plan::Plan};
//!
//! let plan = Plan::from_json(r#"{
//!     "version": 1,
//!     "vnet": ["10.0.0.0/16"],
//!     "node_subnet": "10.0.0.0/24",
//!     "service_cidr": "10.1.0.0/16",
//!     "dns_service_ip": "10.1.0.10",
//!     "pools": [{ "name": "system", "nodes": 250, "max_surge": "1" }]
//! }"#)?;
//! let report = evaluate(&plan);
//! let kubenet = report.model(ModelId::Kubenet).unwrap();
//! assert_eq!(kubenet.node_subnet_ips_available, 251); // a /24 less Azure's 5
//! assert_eq!(kubenet.max_nodes, 251);
//! # Ok::<(), aksnet_core::plan::PlanError>(())
//! ```
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod cidr;
pub mod compare;
pub mod deploy;
pub mod draft;
pub mod eval;
pub mod facts;
pub mod fixed;
pub mod json;
pub mod layout;
pub mod plan;
pub mod render;
pub mod scenarios;
pub mod score;
pub mod share;

/// The product name, shown by every front end.
pub const PRODUCT: &str = "aksnet";
