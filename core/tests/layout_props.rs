//! Property tests of the layout: the address maps of random plans always tile their
//! ranges exactly, and neither the maps nor the growth data ever panic.
#![allow(clippy::field_reassign_with_default)] // plans are built by changing the default
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::cidr::{self, IpAddr, IpNet, Ipv4Net, Ipv6Net};
use aksnet_core::eval::evaluate;
use aksnet_core::facts::CiliumIpam;
use aksnet_core::layout::{BlockKind, MapKind, address_map, growth, nice_ticks};
use aksnet_core::plan::{Plan, Pool, Surge};
use proptest::prelude::*;

fn v4(addr: u32, len: u8) -> IpNet {
    IpNet::V4(Ipv4Net::new(addr.into(), len).expect("valid").trunc())
}

/// Mostly prefixes crowded into 10.0.0.0/16 so that they overlap often; sometimes
/// anywhere in IPv4, sometimes IPv6 (near fd00::/48 or anywhere, /0 included).
fn prefix() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        6 => (0u32..(1 << 16), 8u8..=32).prop_map(|(a, p)| v4(0x0a00_0000 | a, p)),
        2 => (any::<u32>(), 0u8..=32).prop_map(|(a, p)| v4(a, p)),
        1 => (any::<u128>(), 0u8..=128)
            .prop_map(|(a, p)| IpNet::V6(Ipv6Net::new(a.into(), p).expect("valid").trunc())),
        1 => (any::<u64>(), 40u8..=128).prop_map(|(a, p)| {
            let addr = (0xfd00u128 << 112) | u128::from(a);
            IpNet::V6(Ipv6Net::new(addr.into(), p).expect("valid").trunc())
        }),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        proptest::collection::vec(prefix(), 0..4),
        prefix(),
        proptest::option::of(prefix()),
        prefix(),
        prefix(),
        any::<u128>(),
        proptest::collection::vec((0u64..3_000, 0u64..3), 0..4),
        proptest::collection::vec(prefix(), 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(vnet, node, pod_subnet, pod_cidr, service, dns, pools, avoid, cilium)| {
                let mut p = Plan::default();
                p.vnet = vnet;
                p.node_subnet = node;
                p.pod_subnet = pod_subnet;
                p.pod_cidr = pod_cidr;
                p.service_cidr = service;
                // Half the time inside the service CIDR, else anywhere.
                p.dns_service_ip = if dns % 2 == 0 {
                    let offset = (dns >> 1) % cidr::count(&service).max(1);
                    match service {
                        IpNet::V4(s) => IpAddr::V4((u32::from(s.network()) + offset as u32).into()),
                        IpNet::V6(s) => IpAddr::V6((u128::from(s.network()) + offset).into()),
                    }
                } else {
                    IpAddr::V4((dns as u32).into())
                };
                p.pools = pools
                    .into_iter()
                    .enumerate()
                    .map(|(i, (nodes, surge))| Pool {
                        max_surge: Some(Surge::Nodes(surge)),
                        ..Pool::new(&format!("pool{i}"), nodes)
                    })
                    .collect();
                p.avoid = avoid;
                p.cilium_ipam = if cilium {
                    CiliumIpam::PodSubnet
                } else {
                    CiliumIpam::Overlay
                };
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn address_maps_tile_exactly(p in plan()) {
        let report = evaluate(&p);
        let maps = address_map(&p, &report);
        let outside = [Some(p.node_subnet), p.pod_subnet]
            .into_iter()
            .flatten()
            .filter(|s| !p.vnet.iter().any(|v| cidr::contains(v, s)))
            .count();
        prop_assert_eq!(maps.len(), p.vnet.len() + outside + 2);
        for m in &maps {
            prop_assert_eq!(m.tiling_error(), None, "{}: {:?}", m.title, m.blocks);
            for b in &m.blocks {
                // Every tooltip can be written; conflicts say why.
                prop_assert!(!b.describe().is_empty());
                if b.kind == BlockKind::Conflict {
                    prop_assert!(b.note.is_some());
                }
            }
            for k in &m.markers {
                prop_assert!(m.range.contains(&k.addr));
                prop_assert!((0.0..1.0).contains(&k.fraction));
            }
            if m.kind == MapKind::PodCidr {
                let placed = m.blocks.iter().filter(|b| b.kind == BlockKind::NodePodBlocks).count();
                let peak = p.peak_nodes();
                if let Some(o) = m.overflow {
                    prop_assert_eq!(o.needed, peak);
                    prop_assert_eq!(o.nodes + o.capacity, peak);
                } else if peak > 0 {
                    prop_assert!(placed > 0);
                }
            }
        }
        // The service map's markers come in address order.
        let service = maps.last().expect("service map");
        prop_assert!(service.markers.windows(2).all(|w| w[0].fraction <= w[1].fraction));
    }

    #[test]
    fn growth_lines_are_consistent(p in plan()) {
        let report = evaluate(&p);
        let g = growth(&p, &report);
        prop_assert!(g.max_nodes_axis >= 10);
        prop_assert!(g.max_nodes_axis >= g.planned_peak);
        for (mg, m) in g.models.iter().zip(&report.models) {
            prop_assert_eq!(mg.model, m.model);
            for l in &mg.lines {
                prop_assert!(l.points.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
                prop_assert_eq!(l.points.last().map(|pt| pt.0), Some(g.max_nodes_axis));
                if let Some(at) = l.runs_out_at {
                    prop_assert!(at <= g.max_nodes_axis);
                }
            }
        }
    }

    #[test]
    fn nice_ticks_are_even_steps_up_to_max(max in any::<u64>(), count in 0usize..20) {
        let ticks = nice_ticks(max, count);
        prop_assert_eq!(ticks[0], 0);
        prop_assert!(ticks.len() <= count.max(1) + 1);
        prop_assert!(ticks.iter().all(|&t| t <= max));
        if let [_, step, ..] = ticks[..] {
            let mut unit = step;
            while unit % 10 == 0 {
                unit /= 10;
            }
            prop_assert!([1, 2, 5].contains(&unit), "step {}", step);
            prop_assert!(ticks.windows(2).all(|w| w[1] - w[0] == step));
        }
    }
}
