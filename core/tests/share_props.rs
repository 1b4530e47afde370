//! Property tests of the link encoding: any form round-trips exactly, and any text
//! decodes without a panic.
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::draft::{Draft, PoolDraft};
use aksnet_core::facts::CiliumIpam;
use aksnet_core::plan::{Os, PolicyNeed, Requirement, SubnetRole};
use aksnet_core::score::Criterion;
use aksnet_core::share::{decode, encode};
use proptest::prelude::*;

/// Text a person might type, including the characters the encoding uses itself.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[0-9./]{0,18}",
        2 => "[ -~]{0,12}",
        1 => ".{0,6}",
        1 => proptest::sample::select(vec![";", "=", ",", "%", "%2", "v1;", "#", "é", "10.0.0.0/16;pool=x"]).prop_map(String::from),
    ]
}

fn pool() -> impl Strategy<Value = PoolDraft> {
    (text(), any::<bool>(), text(), text(), text(), text()).prop_map(
        |(name, win, nodes, max_nodes, max_pods, max_surge)| PoolDraft {
            name,
            os: if win { Os::Windows } else { Os::Linux },
            nodes,
            max_nodes,
            max_pods,
            max_surge,
        },
    )
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        proptest::collection::vec(text(), 1..4),
        [text(), text(), text(), text(), text(), text(), text()],
        proptest::collection::vec(pool(), 1..5),
        proptest::collection::vec(text(), 0..3),
        (
            any::<bool>(),
            any::<[bool; 6]>(),
            0usize..4,
            proptest::collection::vec(0u8..=5, 8),
        ),
        proptest::collection::vec((0usize..6, text()), 0..3),
    )
        .prop_map(|(vnet, f, pools, avoid, (cil, req, pol, pri), others)| {
            let mut d = Draft::default();
            d.vnet = vnet;
            [
                d.node_subnet,
                d.pod_subnet,
                d.pod_cidr,
                d.service_cidr,
                d.dns_service_ip,
                d.internal_lb_ips,
                d.private_endpoints,
            ] = f;
            d.pools = pools;
            d.avoid = avoid;
            d.other_subnets = others
                .into_iter()
                .map(|(r, t)| (SubnetRole::ALL[r], t))
                .collect();
            d.cilium_ipam = if cil {
                CiliumIpam::PodSubnet
            } else {
                CiliumIpam::Overlay
            };
            for (r, on) in Requirement::ALL.into_iter().zip(req) {
                d.requirements.set(r, on);
            }
            d.requirements.network_policy = PolicyNeed::ALL[pol];
            for (c, w) in Criterion::ALL.into_iter().zip(pri) {
                d.priorities.set(c, w);
            }
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_form_round_trips(d in draft()) {
        let text = encode(&d);
        prop_assert!(text.bytes().all(|b| b.is_ascii_graphic() && b != b'#' && b != b'&'), "{}", text);
        let (back, notices) = decode(&text);
        prop_assert!(notices.is_empty(), "{:?}", notices);
        prop_assert_eq!(back, d);
    }

    #[test]
    fn any_text_decodes(s in ".{0,300}") {
        let _ = decode(&s);
        let _ = decode(&format!("v1;{s}"));
    }
}
