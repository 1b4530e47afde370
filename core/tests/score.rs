//! The trade-off scoring: exclusions, scenarios with their winners and reasons, the
//! report JSON, and the worked example of `docs/scoring.md`.
#![allow(clippy::field_reassign_with_default)] // plans are built by changing the default

use aksnet_core::eval::{Report, evaluate};
use aksnet_core::facts::{CiliumIpam, ModelId};
use aksnet_core::plan::{Os, Plan, PolicyNeed, Pool, Priorities};
use aksnet_core::score::{Criterion, Preset, Ranked, Requirement, rank};

fn plan(json: &str) -> Plan {
    Plan::from_json(json).expect("test plans are valid")
}

fn entry(report: &Report, model: ModelId) -> &Ranked {
    report
        .ranking
        .iter()
        .find(|r| r.model == model)
        .expect("every model is ranked")
}

fn excluded_by(report: &Report) -> Vec<(ModelId, Option<Requirement>)> {
    ModelId::ALL
        .into_iter()
        .map(|m| (m, entry(report, m).excluded.as_ref().map(|x| x.requirement)))
        .collect()
}

fn eligible(report: &Report) -> Vec<ModelId> {
    ModelId::ALL
        .into_iter()
        .filter(|&m| entry(report, m).excluded.is_none())
        .collect()
}

fn points(r: &Ranked, c: Criterion) -> f64 {
    r.breakdown
        .iter()
        .find(|b| b.criterion == c)
        .map(|b| b.score)
        .expect("every criterion")
}

#[track_caller]
fn assert_reason(r: &Ranked, needle: &str) {
    assert!(
        r.reasons.iter().any(|s| s.contains(needle)),
        "{}: no reason contains {needle:?}: {:#?}",
        r.model,
        r.reasons
    );
}

/// The example plan of `plan-format.md`, which `docs/scoring.md` works through.
const EXAMPLE: &str = r#"{
  "version": 1,
  "vnet": ["10.0.0.0/16"],
  "node_subnet": "10.0.0.0/22",
  "pod_subnet": "10.0.64.0/18",
  "pod_cidr": "10.244.0.0/16",
  "service_cidr": "10.1.0.0/16",
  "dns_service_ip": "10.1.0.10",
  "pools": [
    { "name": "system", "os": "linux", "nodes": 3, "max_nodes": 5, "max_pods": 30, "max_surge": "1" },
    { "name": "win", "os": "windows", "nodes": 2, "max_surge": "33%" }
  ],
  "internal_lb_ips": 2,
  "private_endpoints": 0,
  "avoid": ["192.168.0.0/16"],
  "cilium_ipam": "overlay",
  "requirements": { "windows": false, "pod_ips_routable": false, "dual_stack": false },
  "priorities": { "ip_efficiency": 3, "scale": 2, "policy": 2, "observability": 1, "simplicity": 1 }
}"#;

/// Windows pools, pods reachable from on-premises, a pod subnet for the Pod Subnet models.
const HYBRID: &str = r#"{
  "version": 1, "vnet": ["10.0.0.0/16"], "node_subnet": "10.0.0.0/22", "pod_subnet": "10.0.64.0/18",
  "service_cidr": "10.1.0.0/16", "dns_service_ip": "10.1.0.10", "avoid": ["192.168.0.0/16"],
  "pools": [{ "name": "system", "nodes": 3 }, { "name": "win", "os": "windows", "nodes": 3, "max_nodes": 6 }],
  "requirements": { "pod_ips_routable": true }
}"#;

/// 240 nodes at 30 max pods in a /18 VNet: Azure CNI fits, but takes half the VNet.
const LARGE_IN_SMALL_VNET: &str = r#"{
  "version": 1, "vnet": ["10.0.0.0/18"], "node_subnet": "10.0.0.0/19", "pod_subnet": "10.0.32.0/19",
  "pod_cidr": "10.244.0.0/14", "service_cidr": "10.1.0.0/16", "dns_service_ip": "10.1.0.10",
  "pools": [{ "name": "user", "nodes": 200, "max_nodes": 240, "max_pods": 30 }],
  "priorities": { "ip_efficiency": 5 }
}"#;

// ---- exclusions -------------------------------------------------------------------------

#[test]
fn requiring_windows_excludes_kubenet_and_cilium() {
    for cilium in [CiliumIpam::Overlay, CiliumIpam::PodSubnet] {
        // Stated as a requirement, or derived from a pool's OS.
        for stated in [true, false] {
            let mut p = Plan::default();
            p.cilium_ipam = cilium;
            if stated {
                p.requirements.windows = true;
            } else {
                p.pools.push(Pool {
                    os: Os::Windows,
                    ..Pool::new("win", 2)
                });
            }
            let report = evaluate(&p);
            assert_eq!(
                excluded_by(&report),
                [
                    (ModelId::Kubenet, Some(Requirement::Windows)),
                    (ModelId::AzureCni, None),
                    (ModelId::AzureCniOverlay, None),
                    (ModelId::AzureCniCilium, Some(Requirement::Windows)),
                    (ModelId::AzureCniPodSubnet, None),
                    (ModelId::AzureCniPodSubnetStatic, None),
                ],
                "{cilium:?}, stated {stated}"
            );
            let kubenet = entry(&report, ModelId::Kubenet);
            let expected = if stated {
                "the plan requires Windows node pools, which kubenet does not support"
            } else {
                "the plan has Windows node pools (\"win\"), which kubenet does not support"
            };
            assert_eq!(
                kubenet.excluded.as_ref().map(|x| x.message.as_str()),
                Some(expected)
            );
            assert_eq!(kubenet.reasons[0], format!("excluded: {expected}"));
        }
    }
}

#[test]
fn requiring_dual_stack_leaves_overlay_and_cilium_on_overlay() {
    let mut p = Plan::default();
    p.requirements.dual_stack = true;
    assert_eq!(
        eligible(&evaluate(&p)),
        [ModelId::AzureCniOverlay, ModelId::AzureCniCilium]
    );
    p.cilium_ipam = CiliumIpam::PodSubnet;
    let report = evaluate(&p);
    assert_eq!(eligible(&report), [ModelId::AzureCniOverlay]);
    assert_eq!(
        entry(&report, ModelId::AzureCniCilium)
            .excluded
            .as_ref()
            .map(|x| x.message.as_str()),
        Some(
            "the plan requires dual-stack IPv4/IPv6, which Azure CNI Powered by Cilium on a pod subnet does not support"
        )
    );
}

#[test]
fn requiring_600_nodes_excludes_kubenet() {
    let p = plan(
        r#"{"version": 1, "vnet": ["10.0.0.0/12"], "node_subnet": "10.0.0.0/16", "pod_cidr": "10.244.0.0/14",
            "service_cidr": "172.16.0.0/16", "dns_service_ip": "172.16.0.10",
            "pools": [{ "name": "big", "nodes": 600 }]}"#,
    );
    let report = evaluate(&p);
    assert_eq!(
        excluded_by(&report),
        [
            (ModelId::Kubenet, Some(Requirement::NodeLimit)),
            (ModelId::AzureCni, None),
            (ModelId::AzureCniOverlay, None),
            (ModelId::AzureCniCilium, None),
            (ModelId::AzureCniPodSubnet, None),
            (ModelId::AzureCniPodSubnetStatic, None),
        ]
    );
    let kubenet = entry(&report, ModelId::Kubenet);
    assert_eq!(
        kubenet.reasons[0],
        "excluded: the plan peaks at 601 nodes (max counts plus surge), over kubenet's limit of 400: \
         kubenet needs one route per node and a route table holds 400"
    );
    // The evaluation's NodeLimitExceeded says the same: it is not repeated as "does not fit".
    assert!(!kubenet.fits);
    assert!(
        !kubenet
            .reasons
            .iter()
            .any(|r| r.starts_with("does not fit")),
        "{:#?}",
        kubenet.reasons
    );
    assert_eq!(kubenet.rank, 6);
}

#[test]
fn policy_l7_ebpf_and_virtual_node_requirements() {
    use ModelId::*;
    let check = |edit: &dyn Fn(&mut Plan), expected: &[ModelId]| {
        let mut p = Plan::default();
        edit(&mut p);
        assert_eq!(eligible(&evaluate(&p)), expected, "{:?}", p.requirements);
    };
    let all = ModelId::ALL;
    check(&|p| p.requirements.network_policy = PolicyNeed::Any, &all);
    check(
        &|p| p.requirements.network_policy = PolicyNeed::Calico,
        &[
            Kubenet,
            AzureCni,
            AzureCniOverlay,
            AzureCniPodSubnet,
            AzureCniPodSubnetStatic,
        ],
    );
    check(
        &|p| p.requirements.network_policy = PolicyNeed::Cilium,
        &[
            AzureCniOverlay,
            AzureCniCilium,
            AzureCniPodSubnet,
            AzureCniPodSubnetStatic,
        ],
    );
    check(
        &|p| {
            p.requirements.network_policy = PolicyNeed::Calico;
            p.requirements.dual_stack = true;
        },
        &[],
    );
    check(&|p| p.requirements.l7_policy = true, &[AzureCniCilium]);
    check(
        &|p| p.requirements.ebpf_observability = true,
        &[AzureCniCilium],
    );
    check(&|p| p.requirements.virtual_nodes = true, &[AzureCni]);

    let mut p = Plan::default();
    p.requirements.network_policy = PolicyNeed::Calico;
    p.requirements.dual_stack = true;
    let report = evaluate(&p);
    let overlay = entry(&report, AzureCniOverlay)
        .excluded
        .as_ref()
        .expect("excluded");
    assert_eq!(overlay.requirement, Requirement::NetworkPolicy);
    assert_eq!(
        overlay.message,
        "the plan requires Calico network policy, which Azure CNI Overlay does not offer on a dual-stack cluster"
    );
    let mut p = Plan::default();
    p.requirements.virtual_nodes = true;
    let report = evaluate(&p);
    assert_eq!(
        entry(&report, AzureCniPodSubnet)
            .excluded
            .as_ref()
            .map(|x| x.message.as_str()),
        Some(
            "the plan requires virtual nodes, which the documentation does not list for Azure CNI Pod Subnet (dynamic)"
        )
    );
    // Several requirements missed: the first excludes, the others are a reason.
    let mut p = Plan::default();
    p.requirements.windows = true;
    p.requirements.l7_policy = true;
    let kubenet = entry(&evaluate(&p), Kubenet).clone();
    assert_eq!(
        kubenet.excluded.as_ref().map(|x| x.requirement),
        Some(Requirement::Windows)
    );
    assert_reason(
        &kubenet,
        "it also misses the plan's requirements for L7 or FQDN network policy",
    );
}

// ---- scenarios --------------------------------------------------------------------------

#[test]
fn windows_and_on_premises_rank_a_flat_model_first() {
    let report = evaluate(&plan(HYBRID));
    let first = &report.ranking[0];
    assert!(
        [
            ModelId::AzureCni,
            ModelId::AzureCniPodSubnet,
            ModelId::AzureCniPodSubnetStatic
        ]
        .contains(&first.model),
        "{:?} ranks first",
        first.model
    );
    assert!(first.fits && first.excluded.is_none());
    assert_eq!(
        first.reasons[0],
        "meets the requirements that exclude 3 other models: Windows node pools and pod IPs routable from the VNet and on-premises"
    );
    assert_eq!(points(first, Criterion::PodReachability), 1.0);
    let overlay = entry(&report, ModelId::AzureCniOverlay);
    assert_eq!(
        overlay.reasons[0],
        "excluded: the plan requires pod IPs routable from the VNet and on-premises, which Azure CNI Overlay does not give"
    );
    for m in [ModelId::Kubenet, ModelId::AzureCniCilium] {
        assert_eq!(
            entry(&report, m).excluded.as_ref().map(|x| x.requirement),
            Some(Requirement::Windows),
            "{m}"
        );
    }
    // The preset says the same without stating the requirements in the plan.
    let mut p = plan(HYBRID);
    p.requirements = Default::default();
    p.pools.retain(|pool| pool.os == Os::Linux);
    Preset::EnterpriseHybrid.apply(&mut p);
    let report = evaluate(&p);
    assert!(
        [
            ModelId::AzureCni,
            ModelId::AzureCniPodSubnet,
            ModelId::AzureCniPodSubnetStatic
        ]
        .contains(&report.ranking[0].model)
    );
}

#[test]
fn large_cluster_in_small_vnet_ranks_overlay_or_cilium_first() {
    let p = plan(LARGE_IN_SMALL_VNET);
    assert_eq!(p.priorities.get(Criterion::IpEfficiency), 5);
    let report = evaluate(&p);
    let first = &report.ranking[0];
    assert!(
        [ModelId::AzureCniOverlay, ModelId::AzureCniCilium].contains(&first.model),
        "{:?}",
        first.model
    );
    assert!(points(first, Criterion::IpEfficiency) > 0.98);
    let cni = entry(&report, ModelId::AzureCni);
    assert!(
        cni.fits,
        "Azure CNI fits; it loses on the addresses it takes"
    );
    assert_reason(
        cni,
        &format!(
            "uses 46% of the VNet at the peak (7,471 of 16,384 addresses), where {} uses 1.5%",
            if first.model == ModelId::AzureCniCilium {
                "Azure CNI Powered by Cilium on overlay"
            } else {
                "Azure CNI Overlay"
            }
        ),
    );
    assert!(first.score > cni.score);
    // And the address-starved preset agrees.
    let mut p = plan(LARGE_IN_SMALL_VNET);
    Preset::AddressStarved.apply(&mut p);
    let first = evaluate(&p).ranking[0].model;
    assert!(
        [ModelId::AzureCniOverlay, ModelId::AzureCniCilium].contains(&first),
        "{first:?}"
    );
}

#[test]
fn kubenet_never_first_with_default_priorities() {
    let small = r#"{"version": 1, "vnet": ["10.0.0.0/24"], "node_subnet": "10.0.0.0/25",
        "service_cidr": "10.1.0.0/16", "dns_service_ip": "10.1.0.10", "pools": [{ "name": "a", "nodes": 100 }]}"#;
    let plans = [
        Plan::default(),
        plan(EXAMPLE),
        plan(HYBRID),
        plan(LARGE_IN_SMALL_VNET),
        plan(small),
    ];
    for mut p in plans {
        p.priorities = Priorities::default();
        let report = evaluate(&p);
        assert_ne!(report.ranking[0].model, ModelId::Kubenet);
        let kubenet = entry(&report, ModelId::Kubenet);
        assert_reason(kubenet, "kubenet is retired on 31 March 2028");
        assert_eq!(points(kubenet, Criterion::FutureProof), 0.0);
        let overlay = entry(&report, ModelId::AzureCniOverlay);
        assert!(
            overlay.rank < kubenet.rank,
            "overlay has kubenet's addressing, without the retirement"
        );
    }
}

// ---- the ranking --------------------------------------------------------------------------

#[test]
fn ranking_order_and_groups() {
    // Without a pod subnet, both Pod Subnet models do not fit.
    let mut plan = Plan::default();
    plan.pod_subnet = None;
    let report = evaluate(&plan);
    let order: Vec<ModelId> = report.ranking.iter().map(|r| r.model).collect();
    assert_eq!(
        order,
        [
            ModelId::AzureCniCilium,
            ModelId::AzureCni,
            ModelId::AzureCniOverlay,
            ModelId::Kubenet,
            ModelId::AzureCniPodSubnet,
            ModelId::AzureCniPodSubnetStatic,
        ]
    );
    let ranks: Vec<usize> = report.ranking.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5, 6]);
    let pod_subnet = entry(&report, ModelId::AzureCniPodSubnet);
    assert!(!pod_subnet.fits);
    assert!(
        pod_subnet.score > entry(&report, ModelId::Kubenet).score,
        "scored higher, ranked lower"
    );
    assert_eq!(
        pod_subnet.reasons[0],
        "does not fit this plan: Azure CNI Pod Subnet (dynamic) needs a pod subnet, and the plan has none"
    );
    // Tied on every criterion: said, and broken by the documented order.
    let static_block = entry(&report, ModelId::AzureCniPodSubnetStatic);
    assert_eq!(static_block.score, pod_subnet.score);
    assert!(static_block.rank > pod_subnet.rank);
    // Deterministic.
    assert_eq!(rank(&Plan::default(), &report.models), report.ranking);
}

#[test]
fn all_weights_zero_scores_zero_and_keeps_an_order() {
    let mut p = Plan::default();
    p.priorities = Priorities::from_weights(&[]);
    let report = evaluate(&p);
    assert!(report.ranking.iter().all(|r| r.score == 0.0));
    // Ties are broken by the default priorities, then by model order.
    let order: Vec<ModelId> = report.ranking.iter().map(|r| r.model).collect();
    let defaults: Vec<ModelId> = evaluate(&Plan::default())
        .ranking
        .iter()
        .map(|r| r.model)
        .collect();
    assert_eq!(order, defaults);
    assert!(
        report.ranking.iter().all(|r| r.reasons.len() >= 2),
        "{:#?}",
        report.ranking
    );
}

#[test]
fn every_model_gets_two_or_three_reasons() {
    let mut plans = vec![
        Plan::default(),
        plan(EXAMPLE),
        plan(HYBRID),
        plan(LARGE_IN_SMALL_VNET),
    ];
    for preset in Preset::ALL {
        let mut p = plan(EXAMPLE);
        preset.apply(&mut p);
        plans.push(p);
    }
    for p in plans {
        for r in evaluate(&p).ranking {
            assert!(
                (2..=3).contains(&r.reasons.len()),
                "{}: {:#?}",
                r.model,
                r.reasons
            );
            for reason in &r.reasons {
                assert!(!reason.is_empty() && !reason.ends_with('.'), "{reason:?}");
            }
            assert!((0.0..=1.0).contains(&r.score));
            assert_eq!(r.breakdown.len(), Criterion::ALL.len());
        }
    }
}

#[test]
fn report_json_keeps_the_contract() {
    let report = evaluate(&plan(EXAMPLE));
    let v: serde_json::Value = serde_json::from_str(&report.to_json()).expect("json");
    let ranking = v["ranking"].as_array().expect("ranking");
    assert_eq!(ranking.len(), 6);
    let first = &ranking[0];
    assert_eq!(first["model"], "azure-cni");
    assert_eq!(first["score"], 0.801);
    assert_eq!(first["rank"], 1);
    assert_eq!(first["fits"], true);
    assert!(first["excluded"].is_null() && first["excluded_by"].is_null());
    assert!(first["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    assert_eq!(
        first["breakdown"][0],
        serde_json::json!({ "criterion": "ip_efficiency", "weight": 3, "score": 0.996 })
    );
    let kubenet = ranking
        .iter()
        .find(|r| r["model"] == "kubenet")
        .expect("kubenet");
    assert_eq!(
        kubenet["excluded"],
        "the plan has Windows node pools (\"win\"), which kubenet does not support"
    );
    assert_eq!(kubenet["excluded_by"], "windows");
}

// ---- the worked example of docs/scoring.md ------------------------------------------------

const SCORING_MD: &str = include_str!("../../docs/scoring.md");

/// The tables of the worked example, as `docs/scoring.md` must show them.
fn worked_example_tables(report: &Report) -> Vec<String> {
    let mut lines = vec![
        "| Rank | Model | Fits | Excluded by | Score |".to_string(),
        "|--:|---|---|---|--:|".to_string(),
    ];
    for r in &report.ranking {
        lines.push(format!(
            "| {} | `{}` | {} | {} | {:.3} |",
            r.rank,
            r.model.id(),
            if r.fits { "yes" } else { "no" },
            r.excluded.as_ref().map_or("-", |x| x.requirement.id()),
            r.score
        ));
    }
    let ids: Vec<String> = ModelId::ALL
        .iter()
        .map(|m| format!("`{}`", m.id()))
        .collect();
    lines.push(format!("| Criterion | Weight | {} |", ids.join(" | ")));
    for c in Criterion::ALL {
        let cells: Vec<String> = ModelId::ALL
            .iter()
            .map(|&m| format!("{:.3}", points(entry(report, m), c)))
            .collect();
        lines.push(format!(
            "| `{}` | {} | {} |",
            c.id(),
            report.ranking[0].breakdown[c as usize].weight,
            cells.join(" | ")
        ));
    }
    let scores: Vec<String> = ModelId::ALL
        .iter()
        .map(|&m| format!("**{:.3}**", entry(report, m).score))
        .collect();
    lines.push(format!("| score | | {} |", scores.join(" | ")));
    lines
}

#[test]
fn worked_example_matches_the_docs() {
    // The plan in the docs is this plan.
    let start = SCORING_MD.find("```json\n").expect("a json block") + "```json\n".len();
    let end = start + SCORING_MD[start..].find("```").expect("closed");
    let doc_plan = plan(&SCORING_MD[start..end]);
    assert_eq!(doc_plan, plan(EXAMPLE));

    let report = evaluate(&doc_plan);
    for line in worked_example_tables(&report) {
        assert!(
            SCORING_MD.contains(&line),
            "docs/scoring.md lacks the line\n{line}"
        );
    }
    for reason in &report.ranking[0].reasons {
        assert!(
            SCORING_MD.contains(reason.as_str()),
            "docs/scoring.md lacks the reason\n{reason}"
        );
    }

    // The figures the hand calculation starts from.
    let cni = report.model(ModelId::AzureCni).expect("azure-cni");
    assert_eq!((cni.node_subnet_ips_required, cni.max_nodes), (281, 32));
    assert_eq!(doc_plan.peak_nodes(), 9);
    let pod = report
        .model(ModelId::AzureCniPodSubnet)
        .expect("pod subnet");
    assert_eq!(
        (
            pod.node_subnet_ips_required,
            pod.pod_ips_required,
            pod.max_nodes
        ),
        (11, 528, 146)
    );
    let first = &report.ranking[0];
    assert_eq!((first.model, first.score), (ModelId::AzureCni, 0.801));
    assert_eq!(entry(&report, ModelId::AzureCniPodSubnet).score, 0.798);
}
