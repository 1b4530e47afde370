//! Every rule of `aks-rules.md` sections 1 to 9 and every worked figure, as table rows.
//!
//! Each rule row changes one thing in a plan that breaks no rule, and expects exactly
//! that rule's code to appear where it belongs (plan-wide or in one model), with its
//! severity. The base plan is checked to be free of every code, so each row fails when
//! its rule is removed.

use aksnet_core::eval::{Code, Finding, Report, Severity, evaluate};
use aksnet_core::facts::{CiliumIpam, ModelId};
use aksnet_core::plan::{Os, OtherSubnet, Plan, PolicyNeed, Pool, SubnetRole, Surge};

fn net(s: &str) -> aksnet_core::cidr::IpNet {
    s.parse().expect(s)
}

/// A plan that breaks no rule: every model fits, no error or warning but kubenet's retirement.
fn base() -> Plan {
    let mut p = Plan::default();
    p.vnet = vec![net("10.0.0.0/16")];
    p.node_subnet = net("10.0.0.0/22");
    p.pod_subnet = Some(net("10.0.64.0/18"));
    p.pod_cidr = net("10.244.0.0/16");
    p.service_cidr = net("10.1.0.0/16");
    p.dns_service_ip = "10.1.0.10".parse().expect("ip");
    p.pools = vec![Pool {
        max_surge: Some(Surge::Nodes(1)),
        max_pods: Some(31),
        ..Pool::new("system", 3)
    }];
    p
}

fn sub(role: SubnetRole, prefix: &str) -> OtherSubnet {
    OtherSubnet {
        role,
        prefix: net(prefix),
    }
}

fn pool(name: &str, nodes: u64) -> Pool {
    Pool {
        max_surge: Some(Surge::Nodes(1)),
        max_pods: Some(31),
        ..Pool::new(name, nodes)
    }
}

#[derive(Clone, Copy, Debug)]
enum Scope {
    Plan,
    Model(ModelId),
}

fn findings(report: &Report, scope: Scope) -> &[Finding] {
    match scope {
        Scope::Plan => &report.findings,
        Scope::Model(m) => &report.model(m).expect("model").findings,
    }
}

#[test]
fn base_plan_breaks_no_rule() {
    let r = evaluate(&base());
    assert_eq!(r.findings, vec![], "plan-wide");
    for m in &r.models {
        let codes: Vec<Code> = m.findings.iter().map(|f| f.code).collect();
        let expected: &[Code] = if m.model == ModelId::Kubenet {
            &[Code::ModelRetirement]
        } else {
            &[]
        };
        assert_eq!(codes, expected, "{}", m.model);
        assert!(m.fits, "{}", m.model);
    }
}

type Change = fn(&mut Plan);

#[test]
fn each_rule_fires_where_it_belongs() {
    use Code::*;
    use ModelId::*;
    use Scope::Model as M;
    use Severity::*;
    let rows: &[(&str, Change, Scope, Code, Severity)] = &[
        // Section 1: address arithmetic and ranges a VNet may not hold.
        (
            "vnet larger than /8",
            |p| p.vnet = vec![net("0.0.0.0/7")],
            Scope::Plan,
            VnetTooLarge,
            Error,
        ),
        (
            "vnet holds 168.63.129.16",
            |p| p.vnet.push(net("168.63.0.0/16")),
            Scope::Plan,
            VnetReservedRange,
            Error,
        ),
        (
            "vnet holds multicast",
            |p| p.vnet.push(net("224.0.0.0/8")),
            Scope::Plan,
            VnetReservedRange,
            Error,
        ),
        (
            "vnet holds loopback",
            |p| p.vnet.push(net("127.0.0.0/16")),
            Scope::Plan,
            VnetReservedRange,
            Error,
        ),
        (
            "vnet prefixes overlap",
            |p| p.vnet.push(net("10.0.128.0/17")),
            Scope::Plan,
            VnetPrefixesOverlap,
            Error,
        ),
        (
            "node subnet outside vnet",
            |p| p.node_subnet = net("10.9.0.0/22"),
            Scope::Plan,
            SubnetOutsideVnet,
            Error,
        ),
        (
            "pod subnet outside vnet",
            |p| p.pod_subnet = Some(net("10.9.0.0/18")),
            Scope::Plan,
            SubnetOutsideVnet,
            Error,
        ),
        (
            "node subnet /30",
            |p| p.node_subnet = net("10.0.0.0/30"),
            Scope::Plan,
            SubnetTooSmall,
            Error,
        ),
        (
            "subnets overlap",
            |p| p.pod_subnet = Some(net("10.0.0.0/18")),
            Scope::Plan,
            SubnetsOverlap,
            Error,
        ),
        (
            "ipv6 node subnet",
            |p| {
                p.vnet.push(net("fd00::/48"));
                p.node_subnet = net("fd00::/64")
            },
            Scope::Plan,
            Ipv6SingleStack,
            Error,
        ),
        // Section 7: the other subnets a VNet holds.
        (
            "firewall subnet /27",
            |p| {
                p.other_subnets
                    .push(sub(SubnetRole::Firewall, "10.0.8.0/27"))
            },
            Scope::Plan,
            SubnetTooSmall,
            Error,
        ),
        (
            "bastion subnet /27",
            |p| {
                p.other_subnets
                    .push(sub(SubnetRole::Bastion, "10.0.8.0/27"))
            },
            Scope::Plan,
            SubnetTooSmall,
            Error,
        ),
        (
            "api server subnet /29",
            |p| {
                p.other_subnets
                    .push(sub(SubnetRole::ApiServer, "10.0.8.0/29"))
            },
            Scope::Plan,
            SubnetTooSmall,
            Error,
        ),
        (
            "gateway subnet /28",
            |p| {
                p.other_subnets
                    .push(sub(SubnetRole::Gateway, "10.0.8.0/28"))
            },
            Scope::Plan,
            SubnetBelowRecommended,
            Warning,
        ),
        (
            "firewall overlaps the node subnet",
            |p| {
                p.other_subnets
                    .push(sub(SubnetRole::Firewall, "10.0.0.0/26"))
            },
            Scope::Plan,
            SubnetsOverlap,
            Error,
        ),
        (
            "two other subnets overlap",
            |p| {
                p.other_subnets.extend([
                    sub(SubnetRole::Firewall, "10.0.8.0/26"),
                    sub(SubnetRole::Bastion, "10.0.8.0/26"),
                ])
            },
            Scope::Plan,
            SubnetsOverlap,
            Error,
        ),
        (
            "api server subnet outside the vnet",
            |p| {
                p.other_subnets
                    .push(sub(SubnetRole::ApiServer, "10.9.0.0/28"))
            },
            Scope::Plan,
            SubnetOutsideVnet,
            Error,
        ),
        // Section 2: AKS-reserved ranges and overlaps.
        (
            "vnet in 172.30/16",
            |p| p.vnet.push(net("172.30.0.0/16")),
            Scope::Plan,
            AksReservedRangeOverlap,
            Error,
        ),
        (
            "vnet overlaps avoided range",
            |p| p.avoid = vec![net("10.0.0.0/8")],
            Scope::Plan,
            VnetOverlapsAvoidedRange,
            Error,
        ),
        (
            "service cidr overlaps vnet",
            |p| {
                p.service_cidr = net("10.0.0.0/16");
                p.dns_service_ip = "10.0.0.10".parse().unwrap()
            },
            Scope::Plan,
            ServiceCidrOverlapExistingSubnetsCidr,
            Error,
        ),
        (
            "service cidr overlaps peered range",
            |p| p.avoid = vec![net("10.1.0.0/16")],
            Scope::Plan,
            ServiceCidrOverlapExistingSubnetsCidr,
            Error,
        ),
        (
            "service cidr in 192.0.2/24",
            |p| {
                p.service_cidr = net("192.0.2.0/24");
                p.dns_service_ip = "192.0.2.10".parse().unwrap()
            },
            Scope::Plan,
            AksReservedRangeOverlap,
            Error,
        ),
        (
            "pod cidr 172.16/12 (holds 172.30/16)",
            |p| p.pod_cidr = net("172.16.0.0/12"),
            M(AzureCniOverlay),
            AksReservedRangeOverlap,
            Error,
        ),
        (
            "overlay pod cidr overlaps vnet",
            |p| p.pod_cidr = net("10.0.0.0/16"),
            M(AzureCniOverlay),
            NetworkProfileCIDROverlapVNET,
            Error,
        ),
        (
            "kubenet pod cidr overlaps vnet",
            |p| p.pod_cidr = net("10.0.128.0/17"),
            M(Kubenet),
            NetworkProfileCIDROverlapVNET,
            Error,
        ),
        (
            "cilium pod cidr overlaps vnet",
            |p| p.pod_cidr = net("10.0.128.0/17"),
            M(AzureCniCilium),
            NetworkProfileCIDROverlapVNET,
            Error,
        ),
        (
            "pod cidr overlaps service cidr",
            |p| p.pod_cidr = net("10.1.0.0/16"),
            M(AzureCniOverlay),
            PodCidrOverlap,
            Error,
        ),
        (
            "pod cidr overlaps on-premises",
            |p| p.avoid = vec![net("10.244.0.0/20")],
            M(Kubenet),
            PodCidrOverlap,
            Error,
        ),
        // Section 3: service CIDR and DNS IP.
        (
            "service cidr /12",
            |p| {
                p.service_cidr = net("10.16.0.0/12");
                p.dns_service_ip = "10.16.0.10".parse().unwrap()
            },
            Scope::Plan,
            ServiceCidrTooLarge,
            Error,
        ),
        (
            "dns outside service cidr",
            |p| p.dns_service_ip = "10.2.0.10".parse().unwrap(),
            Scope::Plan,
            DnsServiceIpOutOfServiceCidr,
            Error,
        ),
        (
            "dns is kubernetes.default",
            |p| p.dns_service_ip = "10.1.0.1".parse().unwrap(),
            Scope::Plan,
            DnsServiceIpReserved,
            Error,
        ),
        (
            "dns is the network address",
            |p| p.dns_service_ip = "10.1.0.0".parse().unwrap(),
            Scope::Plan,
            DnsServiceIpReserved,
            Error,
        ),
        (
            "dns is the broadcast address",
            |p| p.dns_service_ip = "10.1.255.255".parse().unwrap(),
            Scope::Plan,
            DnsServiceIpReserved,
            Error,
        ),
        (
            "dns not the .10",
            |p| p.dns_service_ip = "10.1.0.53".parse().unwrap(),
            Scope::Plan,
            DnsServiceIpConvention,
            Info,
        ),
        (
            "ipv6 service cidr",
            |p| {
                p.service_cidr = net("fd00:1::/108");
                p.dns_service_ip = "fd00:1::a".parse().unwrap()
            },
            Scope::Plan,
            Ipv6SingleStack,
            Error,
        ),
        // Section 4: max pods.
        (
            "max pods 300",
            |p| p.pools[0].max_pods = Some(300),
            M(AzureCniOverlay),
            MaxPodsOutOfRange,
            Error,
        ),
        (
            "max pods 9",
            |p| p.pools[0].max_pods = Some(9),
            M(Kubenet),
            MaxPodsOutOfRange,
            Error,
        ),
        (
            "max pods 10 on 2 nodes",
            |p| {
                p.pools[0] = Pool {
                    max_pods: Some(10),
                    ..pool("system", 2)
                }
            },
            M(AzureCni),
            MaxPodsTooLowForPool,
            Error,
        ),
        (
            "windows overlay max pods 250",
            |p| {
                p.pools.push(Pool {
                    os: Os::Windows,
                    max_pods: Some(250),
                    ..pool("win", 2)
                })
            },
            M(AzureCniOverlay),
            WindowsMaxPods,
            Warning,
        ),
        (
            "static block max pods 30",
            |p| p.pools[0].max_pods = Some(30),
            M(AzureCniPodSubnetStatic),
            StaticBlockWaste,
            Info,
        ),
        // Section 5: nodes.
        (
            "101 pools",
            |p| p.pools = (0..101).map(|i| pool(&format!("p{i}"), 1)).collect(),
            Scope::Plan,
            TooManyNodePools,
            Error,
        ),
        (
            "pool of 1,000 plus surge",
            |p| {
                p.vnet = vec![net("10.0.0.0/8")];
                p.node_subnet = net("10.0.0.0/16");
                p.pools[0] = pool("big", 1_000)
            },
            Scope::Plan,
            PoolNodeLimit,
            Error,
        ),
        (
            "kubenet over 400 nodes",
            |p| {
                p.node_subnet = net("10.0.0.0/20");
                p.pod_cidr = net("10.240.0.0/14");
                p.pools = vec![pool("a", 300), pool("b", 100)]
            },
            M(Kubenet),
            NodeLimitExceeded,
            Error,
        ),
        (
            "overlay over 200,000 pods",
            |p| {
                p.vnet = vec![net("10.0.0.0/8")];
                p.node_subnet = net("10.0.0.0/16");
                p.pod_cidr = net("100.64.0.0/10");
                p.pools = (0..5)
                    .map(|i| Pool {
                        max_pods: Some(250),
                        ..pool(&format!("p{i}"), 900)
                    })
                    .collect()
            },
            M(AzureCniOverlay),
            PodLimitExceeded,
            Warning,
        ),
        (
            "over 5,000 nodes",
            |p| {
                p.vnet = vec![net("10.0.0.0/8")];
                p.node_subnet = net("10.0.0.0/16");
                p.pod_cidr = net("100.64.0.0/10");
                p.pools = (0..6).map(|i| pool(&format!("p{i}"), 900)).collect()
            },
            M(AzureCniOverlay),
            NodeLimitExceeded,
            Error,
        ),
        (
            "azure cni beyond 65,536 vnet ips",
            |p| {
                p.vnet = vec![net("10.0.0.0/8")];
                p.node_subnet = net("10.0.0.0/14");
                p.pools = vec![Pool {
                    max_pods: Some(250),
                    ..pool("a", 300)
                }]
            },
            M(AzureCni),
            VnetPrivateIpLimit,
            Error,
        ),
        (
            "azure npm retirement when a policy is needed",
            |p| {
                p.requirements.network_policy = PolicyNeed::Any;
            },
            M(AzureCni),
            AzureNpmRetirement,
            Info,
        ),
        // Section 6 and 7: capacity per model, surge, consumers.
        (
            "azure cni node subnet too small",
            |p| p.pools[0] = pool("a", 40),
            M(AzureCni),
            InsufficientSubnetSize,
            Error,
        ),
        (
            "azure cni node subnet under 20% free",
            |p| p.pools[0] = pool("a", 26),
            M(AzureCni),
            LowHeadroom,
            Warning,
        ),
        (
            "kubenet node subnet too small",
            |p| {
                p.node_subnet = net("10.0.0.0/27");
                p.pools[0] = pool("a", 30)
            },
            M(Kubenet),
            InsufficientSubnetSize,
            Error,
        ),
        (
            "load balancer ips fill the node subnet",
            |p| {
                p.node_subnet = net("10.0.0.0/28");
                p.internal_lb_ips = 10
            },
            M(AzureCniOverlay),
            InsufficientSubnetSize,
            Error,
        ),
        (
            "private endpoints fill the node subnet",
            |p| {
                p.node_subnet = net("10.0.0.0/28");
                p.private_endpoints = 6
            },
            M(Kubenet),
            LowHeadroom,
            Warning,
        ),
        (
            "overlay pod cidr too small",
            |p| p.pod_cidr = net("10.244.0.0/23"),
            M(AzureCniOverlay),
            InsufficientPodCidr,
            Error,
        ),
        (
            "kubenet pod cidr /25",
            |p| p.pod_cidr = net("10.244.0.0/25"),
            M(Kubenet),
            InsufficientPodCidr,
            Error,
        ),
        (
            "pod cidr under 20% free",
            |p| p.pod_cidr = net("10.244.0.0/22"),
            M(AzureCniOverlay),
            LowHeadroom,
            Warning,
        ),
        (
            "no pod subnet",
            |p| p.pod_subnet = None,
            M(AzureCniPodSubnet),
            PodSubnetMissing,
            Error,
        ),
        (
            "no pod subnet, static",
            |p| p.pod_subnet = None,
            M(AzureCniPodSubnetStatic),
            PodSubnetMissing,
            Error,
        ),
        (
            "no pod subnet, cilium on pod subnet",
            |p| {
                p.pod_subnet = None;
                p.cilium_ipam = CiliumIpam::PodSubnet
            },
            M(AzureCniCilium),
            PodSubnetMissing,
            Error,
        ),
        (
            "dynamic pod subnet too small",
            |p| {
                p.pod_subnet = Some(net("10.0.64.0/26"));
                p.pools[0] = pool("a", 3)
            },
            M(AzureCniPodSubnet),
            InsufficientSubnetSize,
            Error,
        ),
        (
            "static pod subnet too small",
            |p| {
                p.pod_subnet = Some(net("10.0.64.0/25"));
                p.pools[0] = pool("a", 3)
            },
            M(AzureCniPodSubnetStatic),
            InsufficientSubnetSize,
            Error,
        ),
        (
            "default max surge",
            |p| p.pools[0].max_surge = None,
            Scope::Plan,
            DefaultMaxSurge,
            Info,
        ),
        // Section 8 and 9: features.
        (
            "windows on kubenet",
            |p| {
                p.pools.push(Pool {
                    os: Os::Windows,
                    ..pool("win", 2)
                })
            },
            M(Kubenet),
            WindowsNotSupported,
            Error,
        ),
        (
            "windows on cilium",
            |p| {
                p.pools.push(Pool {
                    os: Os::Windows,
                    ..pool("win", 2)
                })
            },
            M(AzureCniCilium),
            WindowsNotSupported,
            Error,
        ),
        (
            "dual-stack on azure cni",
            |p| p.requirements.dual_stack = true,
            M(AzureCni),
            DualStackNotSupported,
            Error,
        ),
        (
            "dual-stack on cilium with pod subnet",
            |p| {
                p.requirements.dual_stack = true;
                p.cilium_ipam = CiliumIpam::PodSubnet
            },
            M(AzureCniCilium),
            DualStackNotSupported,
            Error,
        ),
        (
            "kubenet retirement (always)",
            |_| {},
            M(Kubenet),
            ModelRetirement,
            Warning,
        ),
    ];
    let clean = evaluate(&base());
    for &(name, change, scope, code, severity) in rows {
        let mut plan = base();
        change(&mut plan);
        let report = evaluate(&plan);
        let hit = findings(&report, scope).iter().find(|f| f.code == code);
        let Some(f) = hit else {
            panic!(
                "{name}: no {code} in {scope:?}; got {:#?}",
                findings(&report, scope)
            );
        };
        assert_eq!(f.severity, severity, "{name}");
        assert!(!f.message.is_empty() && !f.fix.is_empty(), "{name}");
        assert!(
            f.source.url.starts_with("https://learn.microsoft.com/"),
            "{name}"
        );
        if code != ModelRetirement {
            assert!(
                findings(&clean, scope).iter().all(|f| f.code != code),
                "{name}: base plan already has {code}"
            );
        }
        if severity == Error {
            match scope {
                Scope::Plan => assert!(
                    report.models.iter().all(|m| !m.fits),
                    "{name}: a plan-wide error fails every model"
                ),
                Scope::Model(m) => assert!(!report.model(m).expect("model").fits, "{name}"),
            }
        }
    }
}

#[test]
fn model_errors_stay_in_their_model() {
    let mut p = base();
    p.pod_cidr = net("10.0.0.0/16"); // overlaps the VNet: only pod-CIDR models care
    let r = evaluate(&p);
    assert!(r.findings.is_empty());
    for (m, fits) in [
        (ModelId::Kubenet, false),
        (ModelId::AzureCni, true),
        (ModelId::AzureCniOverlay, false),
        (ModelId::AzureCniCilium, false),
        (ModelId::AzureCniPodSubnet, true),
        (ModelId::AzureCniPodSubnetStatic, true),
    ] {
        assert_eq!(r.model(m).expect("model").fits, fits, "{m}");
    }
}

// ---- worked figures (aks-rules.md sections 7 and 11) ---------------------------------

#[test]
fn docs_formula_50_nodes_surge_1_30_pods() {
    let mut p = base();
    p.pools = vec![Pool {
        max_pods: Some(30),
        ..pool("a", 50)
    }];
    let r = evaluate(&p);
    let cni = r.model(ModelId::AzureCni).expect("cni");
    assert_eq!(cni.node_subnet_ips_required, 51 + 51 * 30);
    assert_eq!(cni.node_subnet_ips_required, 1_581);
    assert_eq!(cni.node_subnet_ips_available, 1_019);
    assert_eq!(cni.max_nodes, 32); // 1,019 / 31
    let f = cni
        .findings
        .iter()
        .find(|f| f.code == Code::InsufficientSubnetSize)
        .expect("finding");
    assert_eq!(
        f.fix,
        "use a /21 or larger (1,581 addresses needed, 1,019 available)"
    );
    assert!(
        f.message.contains("1,581") && f.message.contains("1,019"),
        "{}",
        f.message
    );
    p.node_subnet = net("10.0.0.0/21");
    assert!(evaluate(&p).model(ModelId::AzureCni).expect("cni").fits);
}

#[test]
fn slash_24_kubenet_110_pods() {
    let mut p = base();
    p.node_subnet = net("10.0.0.0/24");
    p.pools = vec![Pool {
        max_pods: Some(110),
        ..pool("a", 3)
    }];
    let k = evaluate(&p)
        .models
        .into_iter()
        .find(|m| m.model == ModelId::Kubenet)
        .expect("kubenet");
    assert_eq!(k.node_subnet_ips_available, 251);
    assert_eq!(k.max_nodes, 251);
    assert_eq!(k.max_pods_total, 27_610);
}

#[test]
fn static_block_figures() {
    // (max pods, blocks, addresses per node, unused)
    for (pods, blocks, unused) in [
        (30u64, 2u64, Some(1u64)),
        (31, 2, None),
        (32, 3, Some(15)),
        (15, 1, None),
        (110, 7, Some(1)),
    ] {
        let mut p = base();
        p.pools[0].max_pods = Some(pods);
        let r = evaluate(&p);
        let s = r.model(ModelId::AzureCniPodSubnetStatic).expect("static");
        assert_eq!(s.pod_ips_per_node, blocks * 16, "max pods {pods}");
        assert_eq!(
            s.pod_ips_required,
            4 * blocks * 16,
            "max pods {pods}: 3 nodes + 1 surge"
        );
        let waste = s.findings.iter().find(|f| f.code == Code::StaticBlockWaste);
        match unused {
            Some(u) => {
                let f = waste.expect("waste finding");
                assert!(
                    f.message.contains(&format!("leaves {u} unused")),
                    "{}",
                    f.message
                );
                assert!(f.fix.contains(&format!("{}", blocks * 16 - 1)), "{}", f.fix);
            }
            None => assert!(waste.is_none(), "max pods {pods}"),
        }
    }
}

#[test]
fn dynamic_pod_subnet_slash_24_serves_15_nodes() {
    let mut p = base();
    p.pod_subnet = Some(net("10.0.64.0/24"));
    for pods in [10, 16] {
        p.pools[0].max_pods = Some(pods);
        p.pools[0].nodes = 40;
        let d = evaluate(&p)
            .models
            .into_iter()
            .find(|m| m.model == ModelId::AzureCniPodSubnet)
            .expect("dynamic");
        assert_eq!(d.pod_ips_available, 251);
        assert_eq!(d.pod_ips_per_node, 16);
        assert_eq!(d.max_nodes, 15, "max pods {pods}");
    }
    // At 30 max pods a node takes two batches.
    p.pools[0].max_pods = Some(30);
    let d = evaluate(&p)
        .models
        .into_iter()
        .find(|m| m.model == ModelId::AzureCniPodSubnet)
        .expect("dynamic");
    assert_eq!(d.max_nodes, 7);
}

#[test]
fn pod_cidr_node_counts() {
    // A /p pod CIDR holds 2^(24-p) nodes: a /16 holds 256; 400 nodes need a /15; 5,000 a /11.
    let mut p = base();
    p.vnet = vec![net("10.0.0.0/8")];
    p.node_subnet = net("10.0.0.0/16");
    p.pod_cidr = net("100.64.0.0/16");
    p.pools = vec![Pool {
        max_surge: Some(Surge::Nodes(0)),
        ..pool("a", 256)
    }];
    let r = evaluate(&p);
    let o = r.model(ModelId::AzureCniOverlay).expect("overlay");
    assert_eq!(o.max_nodes, 256);
    assert!(
        o.findings
            .iter()
            .all(|f| f.code != Code::InsufficientPodCidr)
    );
    for (nodes, prefix) in [(400u64, 15u8), (5_000, 11), (257, 15), (1, 24)] {
        p.pools = (0..nodes.div_ceil(1_000))
            .map(|i| Pool {
                max_surge: Some(Surge::Nodes(0)),
                ..pool(&format!("p{i}"), (nodes - i * 1_000).min(1_000))
            })
            .collect();
        p.pod_cidr = net("100.64.0.0/24");
        let r = evaluate(&p);
        let o = r.model(ModelId::AzureCniOverlay).expect("overlay");
        if nodes > 1 {
            let f = o
                .findings
                .iter()
                .find(|f| f.code == Code::InsufficientPodCidr)
                .expect("finding");
            assert!(
                f.fix
                    .starts_with(&format!("use a /{prefix} or larger pod CIDR")),
                "{nodes}: {}",
                f.fix
            );
        }
        p.pod_cidr = net(&format!("100.64.0.0/{prefix}"));
        let o = evaluate(&p)
            .models
            .into_iter()
            .find(|m| m.model == ModelId::AzureCniOverlay)
            .expect("overlay");
        assert!(
            o.findings
                .iter()
                .all(|f| f.code != Code::InsufficientPodCidr),
            "{nodes} nodes in /{prefix}"
        );
    }
}

#[test]
fn surge_is_per_pool_and_uses_max_count() {
    let mut p = base();
    p.pools = (0..5)
        .map(|i| Pool {
            max_pods: Some(30),
            ..pool(&format!("p{i}"), 2)
        })
        .collect();
    let r = evaluate(&p);
    // 5 pools x (2 + 1 surge) = 15 nodes.
    assert_eq!(
        r.model(ModelId::Kubenet)
            .expect("k")
            .node_subnet_ips_required,
        15
    );
    assert_eq!(
        r.model(ModelId::AzureCni)
            .expect("c")
            .node_subnet_ips_required,
        15 * 31
    );
    // The autoscaler's max count, and a percentage of it rounded up.
    p.pools = vec![Pool {
        max_nodes: Some(10),
        max_surge: Some(Surge::Percent(33)),
        ..pool("a", 3)
    }];
    p.internal_lb_ips = 2;
    p.private_endpoints = 3;
    let r = evaluate(&p);
    assert_eq!(
        r.model(ModelId::AzureCniOverlay)
            .expect("o")
            .node_subnet_ips_required,
        10 + 4 + 5
    );
    assert_eq!(
        r.model(ModelId::AzureCniOverlay)
            .expect("o")
            .pod_ips_required,
        14 * 256
    );
}

#[test]
fn model_default_max_pods_apply() {
    let mut p = base();
    p.pools = vec![pool("a", 3)];
    p.pools[0].max_pods = None;
    let r = evaluate(&p);
    // 4 nodes at the peak, each model at its own default max pods.
    assert_eq!(
        r.model(ModelId::AzureCni)
            .expect("c")
            .node_subnet_ips_required,
        4 * 31
    );
    assert_eq!(
        r.model(ModelId::AzureCniPodSubnet)
            .expect("d")
            .pod_ips_required,
        4 * 112
    );
    assert_eq!(
        r.model(ModelId::AzureCniPodSubnetStatic)
            .expect("s")
            .pod_ips_required,
        4 * 112
    );
    assert_eq!(
        r.model(ModelId::AzureCniOverlay).expect("o").max_pods_total,
        r.model(ModelId::AzureCniOverlay).expect("o").max_nodes * 250
    );
    p.cilium_ipam = CiliumIpam::PodSubnet;
    let r = evaluate(&p);
    assert_eq!(
        r.model(ModelId::AzureCniCilium)
            .expect("c")
            .pod_ips_required,
        4 * 112
    );
    assert_eq!(
        r.model(ModelId::AzureCniCilium)
            .expect("c")
            .pod_ips_available,
        16_379
    );
}

#[test]
fn static_blocks_count_once_against_the_vnet_ip_limit() {
    // 1,000 nodes x 112 addresses: over 65,536 VNet IPs when dynamic, 7,000 blocks when static.
    let mut p = base();
    p.vnet = vec![net("10.0.0.0/8")];
    p.node_subnet = net("10.0.0.0/16");
    p.pod_subnet = Some(net("10.64.0.0/12"));
    p.pools = vec![Pool {
        max_pods: Some(110),
        max_surge: Some(Surge::Nodes(0)),
        ..pool("a", 1_000)
    }];
    let r = evaluate(&p);
    let has = |m| {
        r.model(m)
            .expect("model")
            .findings
            .iter()
            .any(|f| f.code == Code::VnetPrivateIpLimit)
    };
    assert!(has(ModelId::AzureCniPodSubnet));
    assert!(!has(ModelId::AzureCniPodSubnetStatic));
}

#[test]
fn max_nodes_is_capped_by_the_node_limit() {
    let mut p = base();
    p.vnet = vec![net("10.0.0.0/8")];
    p.node_subnet = net("10.0.0.0/16");
    p.pod_cidr = net("100.64.0.0/10");
    let r = evaluate(&p);
    assert_eq!(r.model(ModelId::Kubenet).expect("k").max_nodes, 400);
    assert_eq!(
        r.model(ModelId::AzureCniOverlay).expect("o").max_nodes,
        5_000
    );
}

#[test]
fn fixes_name_concrete_values() {
    let mut p = base();
    p.dns_service_ip = "10.2.0.10".parse().expect("ip");
    let r = evaluate(&p);
    assert_eq!(r.findings[0].fix, "use 10.1.0.10");
    let mut p = base();
    p.service_cidr = net("10.0.0.0/16");
    p.dns_service_ip = "10.0.0.10".parse().expect("ip");
    let r = evaluate(&p);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::ServiceCidrOverlapExistingSubnetsCidr)
        .expect("overlap");
    assert_eq!(
        f.fix,
        "use a service CIDR outside the VNet and peered ranges, e.g. 10.1.0.0/16"
    );
}

#[test]
fn report_json_has_the_contract_fields() {
    let r = evaluate(&base());
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).expect("json");
    assert_eq!(v["version"], 1);
    let ids: Vec<&str> = v["models"]
        .as_array()
        .expect("models")
        .iter()
        .map(|m| m["model"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "kubenet",
            "azure-cni",
            "azure-cni-overlay",
            "azure-cni-cilium",
            "azure-cni-pod-subnet",
            "azure-cni-pod-subnet-static"
        ]
    );
    for key in [
        "fits",
        "node_subnet_ips_required",
        "node_subnet_ips_available",
        "pod_ips_required",
        "pod_ips_available",
        "max_nodes",
        "findings",
    ] {
        assert!(v["models"][0].get(key).is_some(), "{key}");
    }
    let f = &v["models"][0]["findings"][0];
    for key in ["severity", "code", "message", "fix", "source"] {
        assert!(f.get(key).is_some(), "{key}");
    }
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["code"], "ModelRetirement");
    assert!(v["ranking"].is_array());
}

#[test]
fn azure_npm_windows_retirement_only_with_windows_pools() {
    let mut p = base();
    p.requirements.network_policy = PolicyNeed::Any;
    let msg = |p: &Plan| {
        evaluate(p)
            .model(ModelId::AzureCni)
            .expect("cni")
            .findings
            .iter()
            .find(|f| f.code == Code::AzureNpmRetirement)
            .expect("npm")
            .message
            .clone()
    };
    assert!(!msg(&p).contains("Windows"), "{}", msg(&p));
    p.pools.push(Pool {
        os: Os::Windows,
        ..pool("win", 2)
    });
    assert!(
        msg(&p).contains("Windows nodes is unsupported from 30 September 2026"),
        "{}",
        msg(&p)
    );
}

#[test]
fn text_report_says_when_no_model_fits() {
    let mut p = base();
    p.dns_service_ip = "10.9.0.10".parse().expect("ip"); // a plan-wide error fails every model
    let text = aksnet_core::render::text(&evaluate(&p));
    assert!(text.contains("No model fits this plan"), "{text}");
    assert!(!text.contains("Recommended:"));
    assert!(aksnet_core::render::text(&evaluate(&base())).contains("Recommended: "));
}

#[test]
fn well_sized_other_subnets_break_no_rule_and_fixes_name_a_free_place() {
    let mut p = base();
    p.other_subnets = vec![
        sub(SubnetRole::ApiServer, "10.0.4.0/28"),
        sub(SubnetRole::Firewall, "10.0.5.0/26"),
        sub(SubnetRole::Bastion, "10.0.6.0/26"),
        sub(SubnetRole::Gateway, "10.0.7.0/27"),
        sub(SubnetRole::AppGateway, "10.0.8.0/24"),
    ];
    assert_eq!(evaluate(&p).findings, vec![]);
    p.other_subnets.push(sub(SubnetRole::Other, "10.0.0.0/24"));
    let r = evaluate(&p);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::SubnetsOverlap)
        .expect("overlap");
    assert_eq!(
        f.message,
        "the node subnet 10.0.0.0/22 and the other subnet 10.0.0.0/24 overlap"
    );
    assert_eq!(
        f.fix,
        "move the other subnet to a free range, e.g. 10.0.9.0/24"
    );
}

/// The `SubnetsOverlap` findings of `p`, as (message, fix, source).
fn overlap_findings(p: &Plan) -> Vec<(String, String, &'static str)> {
    evaluate(p)
        .findings
        .into_iter()
        .filter(|f| f.code == Code::SubnetsOverlap)
        .map(|f| (f.message, f.fix, f.source.url))
        .collect()
}

#[test]
fn overlap_findings_stop_at_fifty_pairs_then_count_the_rest() {
    // 10 copies of one subnet: 45 pairs, every one listed.
    let mut p = base();
    p.other_subnets = vec![sub(SubnetRole::Other, "10.0.8.0/24"); 10];
    let listed = overlap_findings(&p);
    assert_eq!(listed.len(), 45);
    assert!(listed.iter().all(|f| !f.0.contains("more")));

    // 11 copies: 55 pairs, the first 50 listed in the plan's order, then one more
    // finding of the same code, fix and source that counts the other 5.
    p.other_subnets.push(sub(SubnetRole::Other, "10.0.8.0/24"));
    let capped = overlap_findings(&p);
    assert_eq!(capped.len(), 51);
    assert_eq!(capped[..45], listed[..]);
    assert_eq!(
        capped[49].0,
        "the other subnet 10.0.8.0/24 and the other subnet 10.0.8.0/24 overlap"
    );
    assert_eq!(
        capped[50].0,
        "and 5 more overlapping pairs of subnets; fix the ones above first"
    );
    assert_eq!((&capped[50].1, capped[50].2), (&capped[49].1, capped[49].2));
    // Copies of a subnet move together: the lowest free /24 is right after the node subnet.
    assert_eq!(
        capped[50].1,
        "move the other subnet to a free range, e.g. 10.0.4.0/24"
    );

    // 1,000 copies: 499,500 pairs, still 51 findings.
    p.other_subnets = vec![sub(SubnetRole::Other, "10.0.8.0/24"); 1_000];
    let capped = overlap_findings(&p);
    assert_eq!(capped.len(), 51);
    assert_eq!(
        capped[50].0,
        "and 499,450 more overlapping pairs of subnets; fix the ones above first"
    );
}

#[test]
fn a_subnet_outside_the_vnet_names_ten_vnet_prefixes_at_most() {
    let mut p = base();
    p.other_subnets = vec![sub(SubnetRole::Other, "192.168.0.0/24")];
    let message = |p: &Plan| {
        evaluate(p)
            .findings
            .into_iter()
            .find(|f| f.code == Code::SubnetOutsideVnet)
            .expect("outside")
            .message
    };
    p.vnet = (0..10).map(|i| net(&format!("10.{i}.0.0/16"))).collect();
    p.pod_subnet = Some(net("10.1.0.0/18"));
    p.service_cidr = net("172.16.0.0/16");
    p.dns_service_ip = "172.16.0.10".parse().expect("ip");
    assert_eq!(
        message(&p),
        "the other subnet 192.168.0.0/24 is not inside the VNet (10.0.0.0/16, 10.1.0.0/16, \
         10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16, 10.5.0.0/16, 10.6.0.0/16, 10.7.0.0/16, \
         10.8.0.0/16, 10.9.0.0/16)"
    );
    p.vnet = (0..1_000)
        .map(|i| net(&format!("10.{}.{}.0/24", i / 256, i % 256)))
        .collect();
    p.node_subnet = net("10.0.0.0/24");
    p.pod_subnet = Some(net("10.0.1.0/24"));
    assert_eq!(
        message(&p),
        "the other subnet 192.168.0.0/24 is not inside the VNet (10.0.0.0/24, 10.0.1.0/24, \
         10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, 10.0.5.0/24, 10.0.6.0/24, 10.0.7.0/24, \
         10.0.8.0/24, 10.0.9.0/24, 990 more)"
    );
}
