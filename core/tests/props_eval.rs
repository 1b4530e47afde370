//! Property tests of the plan and the evaluation: random plans never panic, and they
//! round-trip through JSON unchanged.
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::cidr::{IpNet, Ipv4Net, Ipv6Net};
use aksnet_core::eval::evaluate;
use aksnet_core::facts::CiliumIpam;
use aksnet_core::plan::{Os, OtherSubnet, Plan, PolicyNeed, Pool, SubnetRole, Surge, limits};
use aksnet_core::score::Criterion;
use proptest::prelude::*;

fn v4() -> impl Strategy<Value = IpNet> {
    (any::<u32>(), 0u8..=32)
        .prop_map(|(a, p)| IpNet::V4(Ipv4Net::new(a.into(), p).expect("valid").trunc()))
}

/// Mostly IPv4 inside 10/8, sometimes anywhere, sometimes IPv6.
fn prefix() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        6 => (0u32..(1 << 24), 8u8..=30).prop_map(|(a, p)| IpNet::V4(Ipv4Net::new((0x0a00_0000 | a).into(), p).expect("valid").trunc())),
        2 => v4(),
        1 => (any::<u128>(), 0u8..=128).prop_map(|(a, p)| IpNet::V6(Ipv6Net::new(a.into(), p).expect("valid").trunc())),
    ]
}

fn pool(i: usize) -> impl Strategy<Value = Pool> {
    (
        0..=limits::MAX_NODES,
        proptest::option::of(0..=limits::MAX_NODES),
        proptest::option::of(1..=limits::MAX_PODS),
        proptest::option::of(prop_oneof![
            (0..=limits::MAX_SURGE_NODES).prop_map(Surge::Nodes),
            (1u64..=100).prop_map(Surge::Percent)
        ]),
        any::<bool>(),
    )
        .prop_map(move |(nodes, max, pods, surge, win)| Pool {
            name: format!("pool{i}"),
            os: if win { Os::Windows } else { Os::Linux },
            nodes,
            max_nodes: max.map(|m| m.max(nodes)),
            max_pods: pods,
            max_surge: surge,
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    let pools = (1usize..=12).prop_flat_map(|n| (0..n).map(pool).collect::<Vec<_>>());
    (
        proptest::collection::vec(prefix(), 1..4),
        prefix(),
        proptest::option::of(prefix()),
        prefix(),
        prefix(),
        any::<u32>(),
        pools,
        (0..=limits::MAX_CONSUMERS, 0..=limits::MAX_CONSUMERS),
        proptest::collection::vec(prefix(), 0..3),
        (
            any::<bool>(),
            any::<[bool; 6]>(),
            0usize..4,
            any::<[u8; 8]>(),
        ),
        proptest::collection::vec((0usize..6, prefix()), 0..3),
    )
        .prop_map(
            |(
                vnet,
                node,
                pod_subnet,
                pod_cidr,
                svc,
                dns,
                pools,
                (lb, pe),
                avoid,
                (cil, req, pol, pri),
                others,
            )| {
                let mut p = Plan::default();
                p.vnet = vnet;
                p.node_subnet = node;
                p.pod_subnet = pod_subnet;
                p.pod_cidr = pod_cidr;
                p.service_cidr = svc;
                p.dns_service_ip = std::net::Ipv4Addr::from(dns).into();
                p.pools = pools;
                p.internal_lb_ips = lb;
                p.private_endpoints = pe;
                p.avoid = avoid;
                p.other_subnets = others
                    .into_iter()
                    .map(|(r, prefix)| OtherSubnet {
                        role: SubnetRole::ALL[r],
                        prefix,
                    })
                    .collect();
                p.cilium_ipam = if cil {
                    CiliumIpam::PodSubnet
                } else {
                    CiliumIpam::Overlay
                };
                let r = &mut p.requirements;
                [
                    r.windows,
                    r.pod_ips_routable,
                    r.dual_stack,
                    r.virtual_nodes,
                    r.l7_policy,
                    r.ebpf_observability,
                ] = req;
                r.network_policy = PolicyNeed::ALL[pol];
                for (c, w) in Criterion::ALL.into_iter().zip(pri) {
                    p.priorities.set(c, w % 6);
                }
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn evaluate_never_panics_and_is_consistent(p in plan()) {
        let r = evaluate(&p);
        prop_assert_eq!(r.models.len(), 6);
        for m in &r.models {
            let has_error = r.has_plan_errors() || m.findings.iter().any(|f| f.severity == aksnet_core::eval::Severity::Error);
            prop_assert_eq!(m.fits, !has_error);
            prop_assert!(m.max_nodes <= m.model.facts().node_limit.value);
            prop_assert!(m.headroom <= 1.0);
        }
        // The JSON report always parses back.
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).expect("report json");
        prop_assert!(v["models"].is_array());
    }

    #[test]
    fn plan_round_trips_through_json(p in plan()) {
        let back = Plan::from_json(&p.to_json());
        prop_assert_eq!(back, Ok(p));
    }

    /// The plan's JSON is what serde_json wrote before the json module: keys sorted at
    /// every level, two-space indent.
    #[test]
    fn plan_json_is_serde_jsons_sorted_pretty_text(p in plan()) {
        let text = p.to_json();
        let v: serde_json::Value = serde_json::from_str(&text).expect("plan json");
        prop_assert_eq!(serde_json::to_string_pretty(&v).expect("pretty"), text);
    }
}
