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
use std::path::{Path, PathBuf};

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

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/deploy")
}

/// Compare every model and format of `plan` with its golden file, or rewrite the files
/// when `UPDATE_GOLDEN` is set. All differences are reported at once.
fn check_plan(name: &str, json: &str) {
    let plan = Plan::from_json(json).expect("the test plans are valid");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    let mut failures = Vec::new();
    for model in ModelId::ALL {
        for format in Format::ALL {
            let actual = generate(&plan, model, format);
            let path = dir.join(format!("{name}-{}.{}", model.id(), format.extension()));
            if update {
                fs::create_dir_all(&dir).expect("create the golden directory");
                fs::write(&path, &actual).expect("write a golden file");
                continue;
            }
            match fs::read_to_string(&path) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{} differs from the output:\n{}",
                    path.display(),
                    first_difference(&expected, &actual)
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => failures.push(format!(
                    "{} is missing: create it with UPDATE_GOLDEN=1 (below) and read it before committing",
                    path.display()
                )),
                Err(e) => failures.push(format!("{} cannot be read: {e}", path.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, regenerate the files and review the diff:\n  \
         UPDATE_GOLDEN=1 cargo test -p aksnet-core --test deploy\n  git diff core/tests/golden/deploy",
        failures.join("\n\n")
    );
}

fn first_difference(expected: &str, actual: &str) -> String {
    let mut e = expected.lines();
    let mut a = actual.lines();
    for n in 1.. {
        match (e.next(), a.next()) {
            (None, None) => break,
            (x, y) if x == y => {}
            (x, y) => {
                return format!(
                    "  line {n}\n  golden: {}\n  output: {}",
                    x.unwrap_or("<end of file>"),
                    y.unwrap_or("<end of file>")
                );
            }
        }
    }
    "  the line endings differ".into()
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
