//! Golden files of the deployment output: every format for every model, for three plans.
//!
//! The files under `tests/golden/deploy/` are what users paste, so each was read by eye
//! when it was written. A change to the output shows up here as a diff to review:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test -p aksnet-core --test deploy   # rewrite the files
//! git diff core/tests/golden/deploy                          # read what changed
//! ```

use std::fs;
use std::path::PathBuf;

use aksnet_core::deploy::{Format, generate};
use aksnet_core::facts::ModelId;
use aksnet_core::plan::Plan;

/// One pool, every default: the planner's starting point.
const SINGLE: &str = r#"{
  "version": 1,
  "vnet": ["10.0.0.0/16"],
  "node_subnet": "10.0.0.0/22",
  "pod_subnet": "10.0.64.0/18",
  "service_cidr": "10.1.0.0/16",
  "dns_service_ip": "10.1.0.10",
  "pools": [{ "name": "system", "nodes": 3 }]
}"#;

/// A system pool with surge, a Windows pool, an autoscaled pool with max pods, a pool
/// whose name AKS would refuse, and a network policy requirement.
const MULTI: &str = r#"{
  "version": 1,
  "vnet": ["10.10.0.0/16", "10.20.0.0/16"],
  "node_subnet": "10.10.0.0/21",
  "pod_subnet": "10.20.0.0/17",
  "pod_cidr": "192.168.0.0/16",
  "service_cidr": "10.100.0.0/16",
  "dns_service_ip": "10.100.0.10",
  "pools": [
    { "name": "system", "nodes": 3, "max_surge": "33%" },
    { "name": "win", "os": "windows", "nodes": 2, "max_pods": 30, "max_surge": "1" },
    { "name": "apps", "nodes": 3, "max_nodes": 20, "max_pods": 47, "max_surge": "33%" },
    { "name": "Batch-Jobs", "nodes": 0, "max_nodes": 5 }
  ],
  "requirements": { "windows": true, "network_policy": "any" }
}"#;

/// Azure CNI Powered by Cilium on a pod subnet, with Cilium network policy.
const CILIUM_POD_SUBNET: &str = r#"{
  "version": 1,
  "vnet": ["10.0.0.0/16"],
  "node_subnet": "10.0.0.0/22",
  "pod_subnet": "10.0.64.0/18",
  "service_cidr": "10.1.0.0/16",
  "dns_service_ip": "10.1.0.10",
  "pools": [
    { "name": "system", "nodes": 3, "max_pods": 110 },
    { "name": "apps", "nodes": 4, "max_nodes": 12, "max_pods": 110, "max_surge": "2" }
  ],
  "cilium_ipam": "pod-subnet",
  "requirements": { "network_policy": "cilium" }
}"#;

mod common;

fn golden_dir() -> PathBuf {
    common::golden_dir("deploy")
}

/// Compare every model and format of `plan` with its golden file, or rewrite the files
/// when `UPDATE_GOLDEN` is set.
fn check_plan(name: &str, json: &str) {
    let plan = Plan::from_json(json).expect("the test plans are valid");
    let mut outputs = Vec::new();
    for model in ModelId::ALL {
        for format in Format::ALL {
            outputs.push((
                format!("{name}-{}.{}", model.id(), format.extension()),
                generate(&plan, model, format),
            ));
        }
    }
    common::check("deploy", "deploy", &outputs);
}

#[test]
fn single_pool_plan() {
    check_plan("single", SINGLE);
}

#[test]
fn multi_pool_plan_with_windows_autoscaler_and_surge() {
    check_plan("multi", MULTI);
}

#[test]
fn cilium_on_a_pod_subnet() {
    check_plan("cilium-pod-subnet", CILIUM_POD_SUBNET);
}

/// No stray files: every golden file belongs to a plan, a model and a format above.
#[test]
fn no_orphan_golden_files() {
    let mut expected = Vec::new();
    for plan in ["single", "multi", "cilium-pod-subnet"] {
        for model in ModelId::ALL {
            for format in Format::ALL {
                expected.push(format!("{plan}-{}.{}", model.id(), format.extension()));
            }
        }
    }
    let Ok(entries) = fs::read_dir(golden_dir()) else {
        return; // the plan tests report the missing files
    };
    for entry in entries {
        let name = entry.expect("a directory entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            expected.iter().any(|e| *e == name),
            "{name} in tests/golden/deploy belongs to no plan, model and format; delete it"
        );
    }
}
