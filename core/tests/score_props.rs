//! Property tests of the trade-off scoring: raising a criterion's weight never lowers
//! the rank of the model that leads it; kubenet never ranks first on default priorities;
//! every ranking is a well-formed order.
#![allow(clippy::field_reassign_with_default)] // plans are built by changing the default
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::cidr::{IpNet, Ipv4Net};
use aksnet_core::eval::{Report, evaluate};
use aksnet_core::facts::{CiliumIpam, ModelId};
use aksnet_core::plan::{Os, Plan, PolicyNeed, Pool, Priorities, Requirements, Surge};
use aksnet_core::score::{Criterion, Ranked, rank};
use proptest::prelude::*;

fn v4(a: u32, len: u8) -> IpNet {
    IpNet::V4(Ipv4Net::new(a.into(), len).expect("valid length").trunc())
}

fn pool(i: usize) -> impl Strategy<Value = Pool> {
    (
        0u64..=700,
        0u64..=300,
        proptest::option::of(10u64..=250),
        any::<bool>(),
        0u64..=3,
        proptest::option::of(1u64..=50),
    )
        .prop_map(move |(nodes, extra, pods, win, surge, percent)| Pool {
            name: format!("pool{i}"),
            os: if win && i > 0 { Os::Windows } else { Os::Linux },
            nodes,
            max_nodes: Some(nodes + extra),
            max_pods: pods,
            max_surge: Some(percent.map_or(Surge::Nodes(surge), Surge::Percent)),
        })
}

fn requirements() -> impl Strategy<Value = Requirements> {
    (
        proptest::collection::vec(prop::bool::weighted(0.2), 6),
        prop::sample::select(PolicyNeed::ALL.to_vec()),
    )
        .prop_map(|(b, network_policy)| Requirements {
            windows: b[0],
            pod_ips_routable: b[1],
            dual_stack: b[2],
            network_policy,
            virtual_nodes: b[3],
            l7_policy: b[4],
            ebpf_observability: b[5],
        })
}

/// Plans of every kind: VNets from /8 to /24 in 10/8, a node subnet and maybe a pod
/// subnet inside, pod CIDRs of several sizes, up to three pools, any requirements.
fn plans() -> impl Strategy<Value = Plan> {
    (
        8u8..=24,
        any::<bool>(),
        12u8..=20,
        proptest::collection::vec(any::<usize>(), 1..=3),
        any::<bool>(),
        requirements(),
    )
        .prop_flat_map(|(vnet, pod_subnet, pod_cidr, n, cilium, req)| {
            let pools: Vec<_> = (0..n.len()).map(pool).collect();
            (Just((vnet, pod_subnet, pod_cidr, cilium, req)), pools)
        })
        .prop_map(|((vnet, pod_subnet, pod_cidr, cilium, req), pools)| {
            let mut p = Plan::default();
            p.vnet = vec![v4(0x0a00_0000, vnet)];
            p.node_subnet = v4(0x0a00_0000, vnet + 1);
            p.pod_subnet = pod_subnet.then(|| v4(0x0a00_0000 | (1 << (31 - vnet)), vnet + 1)); // the upper half
            p.pod_cidr = v4(0x6440_0000, pod_cidr); // 100.64.0.0/p, outside 10/8
            p.service_cidr = v4(0xac10_0000, 16); // 172.16.0.0/16
            p.dns_service_ip = "172.16.0.10".parse().expect("address");
            p.pools = pools;
            p.cilium_ipam = if cilium {
                CiliumIpam::PodSubnet
            } else {
                CiliumIpam::Overlay
            };
            p.requirements = req;
            p
        })
}

fn fixed_plans() -> Vec<Plan> {
    let mut out = vec![Plan::default()];
    let mut big = Plan::default();
    big.vnet = vec![v4(0x0a00_0000, 12)];
    big.node_subnet = v4(0x0a00_0000, 16);
    big.pod_subnet = Some(v4(0x0a01_0000, 16));
    big.pod_cidr = v4(0x6440_0000, 12);
    big.service_cidr = v4(0xac10_0000, 16);
    big.dns_service_ip = "172.16.0.10".parse().expect("address");
    big.pools = vec![Pool {
        max_nodes: Some(450),
        max_pods: Some(30),
        ..Pool::new("user", 300)
    }];
    out.push(big.clone());
    big.pools.push(Pool {
        os: Os::Windows,
        ..Pool::new("win", 20)
    });
    big.requirements.pod_ips_routable = true;
    out.push(big);
    let mut small = Plan::default();
    small.vnet = vec![v4(0x0a00_0000, 22)];
    small.node_subnet = v4(0x0a00_0000, 23);
    small.pod_subnet = Some(v4(0x0a00_0200, 23));
    small.pools = vec![Pool::new("a", 40)];
    out.push(small);
    out
}

fn weights() -> impl Strategy<Value = Priorities> {
    proptest::array::uniform8(0u8..=5).prop_map(|w| {
        let pairs: Vec<(Criterion, u8)> = Criterion::ALL.into_iter().zip(w).collect();
        Priorities::from_weights(&pairs)
    })
}

fn score_of(r: &Ranked, c: Criterion) -> f64 {
    r.breakdown[c as usize].score
}

/// The rank of every model that leads `c` (ties included).
fn leaders(ranking: &[Ranked], c: Criterion) -> Vec<(ModelId, usize)> {
    let best = ranking.iter().map(|r| score_of(r, c)).fold(0.0, f64::max);
    ranking
        .iter()
        .filter(|r| score_of(r, c) == best)
        .map(|r| (r.model, r.rank))
        .collect()
}

fn check_raise(
    plan: &Plan,
    report: &Report,
    weights: Priorities,
    c: Criterion,
    by: u8,
) -> Result<(), TestCaseError> {
    let mut before = plan.clone();
    before.priorities = weights;
    let mut after = before.clone();
    after.priorities.set(c, weights.get(c).saturating_add(by));
    let r0 = rank(&before, &report.models);
    let r1 = rank(&after, &report.models);
    for (model, rank0) in leaders(&r0, c) {
        let rank1 = r1
            .iter()
            .find(|r| r.model == model)
            .map(|r| r.rank)
            .expect("ranked");
        prop_assert!(
            rank1 <= rank0,
            "{} leads {} but fell from {} to {} ({:?} -> {:?})",
            model,
            c.id(),
            rank0,
            rank1,
            weights,
            after.priorities
        );
    }
    Ok(())
}

fn well_formed(plan: &Plan, report: &Report) -> Result<(), TestCaseError> {
    let ranks: Vec<usize> = report.ranking.iter().map(|r| r.rank).collect();
    prop_assert_eq!(ranks, (1..=ModelId::ALL.len()).collect::<Vec<_>>());
    let group = |r: &Ranked| u8::from(r.excluded.is_some()) * 2 + u8::from(!r.fits);
    for pair in report.ranking.windows(2) {
        prop_assert!(
            group(&pair[0]) <= group(&pair[1]),
            "{:?} before {:?}",
            pair[0].model,
            pair[1].model
        );
        if group(&pair[0]) == group(&pair[1]) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
    }
    for r in &report.ranking {
        prop_assert!((0.0..=1.0).contains(&r.score));
        prop_assert!(
            (2..=3).contains(&r.reasons.len()),
            "{:?}: {:?}",
            r.model,
            r.reasons
        );
        let m = report.model(r.model).expect("evaluated");
        prop_assert_eq!(r.fits, m.fits);
    }
    prop_assert_eq!(&rank(plan, &report.models), &report.ranking);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn raising_a_weight_never_lowers_its_leader(
        w in weights(),
        c in prop::sample::select(Criterion::ALL.to_vec()),
        by in 1u8..=5,
        which in 0usize..4,
    ) {
        let plans = fixed_plans();
        let plan = &plans[which % plans.len()];
        check_raise(plan, &evaluate(plan), w, c, by)?;
    }

    #[test]
    fn raising_a_weight_never_lowers_its_leader_on_random_plans(
        plan in plans(),
        w in weights(),
        c in prop::sample::select(Criterion::ALL.to_vec()),
        by in 1u8..=5,
    ) {
        check_raise(&plan, &evaluate(&plan), w, c, by)?;
    }

    #[test]
    fn kubenet_never_first_with_default_priorities(plan in plans()) {
        let report = evaluate(&plan);
        well_formed(&plan, &report)?;
        prop_assert_ne!(report.ranking[0].model, ModelId::Kubenet);
        let kubenet = report.ranking.iter().find(|r| r.model == ModelId::Kubenet).expect("kubenet");
        prop_assert!(kubenet.reasons.iter().any(|r| r.contains("kubenet is retired on 31 March 2028")), "{:?}", kubenet.reasons);
    }

    #[test]
    fn rankings_are_well_formed_for_any_weights(plan in plans(), w in weights()) {
        let mut plan = plan;
        plan.priorities = w;
        well_formed(&plan, &evaluate(&plan))?;
    }
}
