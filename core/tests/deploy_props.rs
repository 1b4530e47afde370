//! Property tests of the deployment output: for random plans (pool names that need
//! cleaning and collide, Windows pools, autoscaler, max pods, surge, IPv4 and IPv6
//! ranges, every requirement), every model and every format give printable text, wrap
//! their comments, and name the same pools in the same order, each with a name AKS
//! accepts.
//!
//! The golden files (`tests/deploy.rs`) pin the exact bytes for three plans; these pin
//! what must hold for any plan.
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::cidr::{IpNet, Ipv4Net, Ipv6Net};
use aksnet_core::deploy::{Format, generate};
use aksnet_core::facts::{CiliumIpam, ModelId};
use aksnet_core::plan::{Os, Plan, PolicyNeed, Pool, Surge};
use proptest::prelude::*;

/// Names AKS accepts, names it refuses, names that clean up to the same name, and
/// hostile text.
const NAMES: &[&str] = &[
    "system",
    "apps",
    "Apps",
    "APPS!",
    "apps2",
    "win",
    "windows",
    "Windows",
    "window",
    "abcdefghijkl",
    "abcdefghijklm",
    "1st",
    "---",
    "",
    "système",
    "Application pool",
    "application2",
    "np",
    "\"; rm -rf /",
    "${x}",
    "a\nb",
    "\\",
    "\u{202e}x",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(NAMES).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 _!é\"'\\\\-]{0,16}",
    ]
}

fn prefix() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        4 => (any::<u32>(), 0u8..=32)
            .prop_map(|(a, p)| IpNet::V4(Ipv4Net::new(a.into(), p).expect("valid").trunc())),
        1 => (any::<u128>(), 0u8..=128)
            .prop_map(|(a, p)| IpNet::V6(Ipv6Net::new(a.into(), p).expect("valid").trunc())),
    ]
}

fn pool() -> impl Strategy<Value = Pool> {
    (
        name(),
        any::<bool>(),
        0u64..50,
        proptest::option::of(0u64..100),
        proptest::option::of(1u64..=250),
        proptest::option::of(prop_oneof![
            (0u64..100).prop_map(Surge::Nodes),
            (1u64..=100).prop_map(Surge::Percent)
        ]),
    )
        .prop_map(|(name, windows, nodes, max, pods, surge)| Pool {
            os: if windows { Os::Windows } else { Os::Linux },
            max_nodes: max.map(|m| m.max(nodes)),
            max_pods: pods,
            max_surge: surge,
            ..Pool::new(&name, nodes)
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        proptest::collection::vec(pool(), 1..10),
        proptest::collection::vec(prefix(), 1..3),
        proptest::option::of(prefix()),
        (prefix(), prefix()),
        (any::<bool>(), any::<bool>(), any::<bool>(), 0usize..4),
    )
        .prop_map(
            |(pools, vnet, pod_subnet, (pod_cidr, service), (cilium, dual, win, policy))| {
                let mut p = Plan::default();
                p.pools = pools;
                p.vnet = vnet;
                p.pod_subnet = pod_subnet;
                p.pod_cidr = pod_cidr;
                p.service_cidr = service;
                p.cilium_ipam = if cilium {
                    CiliumIpam::PodSubnet
                } else {
                    CiliumIpam::Overlay
                };
                p.requirements.dual_stack = dual;
                p.requirements.windows = win;
                p.requirements.network_policy = PolicyNeed::ALL[policy];
                p
            },
        )
}

/// The pool names each format gives, in order.
fn pool_names(format: Format, out: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_add = false;
    for line in out.lines() {
        let code = line.trim_start();
        let value = match format {
            Format::AzureCli => {
                if code.starts_with("az ") {
                    in_add = code.starts_with("az aks nodepool add");
                }
                code.strip_prefix("--nodepool-name ")
                    .or_else(|| {
                        code.strip_prefix("--name ")
                            .filter(|_| in_add && !code.contains('$'))
                    })
                    .map(|rest| rest.trim_end_matches(" \\"))
            }
            Format::Terraform => code
                .strip_prefix("name")
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix("= \""))
                .and_then(|rest| rest.strip_suffix('"')),
            Format::Bicep => code
                .strip_prefix("name: '")
                .and_then(|rest| rest.strip_suffix('\'')),
        };
        if let Some(v) = value {
            names.push(v.to_owned());
        }
    }
    names
}

fn valid_pool_name(name: &str, max: usize) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && name.len() <= max
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_format_names_every_pool_validly(plan in plan()) {
        for model in ModelId::ALL {
            let mut first: Option<Vec<String>> = None;
            for format in Format::ALL {
                let out = generate(&plan, model, format);
                let at = format!("{model} {format}");
                // Printable ASCII, one newline at the end.
                prop_assert!(out.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b)), "{at}");
                prop_assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{at}");
                // Comments wrap at 88 columns but for a single long word (a URL).
                let marker = if format == Format::Bicep { "//" } else { "#" };
                for line in out.lines() {
                    if line.trim_start().starts_with(marker) && line.len() > 88 {
                        let words = line.trim_start()[marker.len()..].split_whitespace().count();
                        prop_assert_eq!(words, 1, "{}: {}", at, line);
                    }
                }
                // One name per pool, each one AKS accepts; a valid name is kept, and a
                // name that had to change is no other pool's.
                let names = pool_names(format, &out);
                prop_assert_eq!(names.len(), plan.pools.len(), "{}:\n{}", at, out);
                for (i, (name, pool)) in names.iter().zip(&plan.pools).enumerate() {
                    let max = if i > 0 && pool.os == Os::Windows { 6 } else { 12 };
                    prop_assert!(valid_pool_name(name, max), "{}: {}", at, name);
                    if valid_pool_name(&pool.name, max) {
                        prop_assert_eq!(name, &pool.name);
                    } else {
                        prop_assert!(
                            names.iter().filter(|n| *n == name).count() == 1,
                            "{}: {} taken twice", at, name
                        );
                    }
                }
                // The same pools in every format.
                match &first {
                    Some(f) => prop_assert_eq!(f, &names, "{}", at),
                    None => first = Some(names),
                }
            }
        }
    }
}
