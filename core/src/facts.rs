//! The model-facts table: what each AKS network model supports and its limits, with sources.
//!
//! This is the one place a model fact is written down. The evaluation, the comparison
//! table, the scoring and the UI all read it; none of them keeps a fact of its own.
//! Every fact names the Microsoft page it comes from (`../shared/aks-rules.md`,
//! sections 4, 5 and 8).
//!
//! ```
//! use aksnet_core::facts::{Feature, ModelId, Support};
//!
//! let kubenet = ModelId::Kubenet.facts();
//! assert_eq!(kubenet.node_limit.value, 400);
//! assert_eq!(kubenet.support(Feature::Windows), Support::No);
//! assert_eq!(ModelId::from_id("azure-cni-overlay"), Some(ModelId::AzureCniOverlay));
//! ```

use core::fmt;

/// A Microsoft page that a rule or fact comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short title of the page.
    pub title: &'static str,
    /// Published address of the page.
    pub url: &'static str,
}

/// The pages the planner cites.
pub mod src {
    use super::Source;

    macro_rules! sources {
        ($($(#[$doc:meta])* $name:ident = $title:literal, $url:literal;)*) => {
            $($(#[$doc])* pub const $name: Source = Source { title: $title, url: $url };)*
        };
    }

    sources! {
        /// Azure Virtual Network FAQ: reserved addresses, subnet sizes, forbidden ranges.
        VNET_FAQ = "Azure Virtual Network FAQ",
            "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq";
        /// Azure networking limits: private IPs per VNet and per NIC, routes per table.
        VNET_LIMITS = "Azure networking limits",
            "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#networking-limits";
        /// AKS IP address planning: sizes, max pods, service CIDR.
        IP_PLANNING = "IP address planning for AKS",
            "https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning";
        /// AKS CNI overview: the models compared, reserved ranges.
        CNI_OVERVIEW = "AKS CNI networking overview",
            "https://learn.microsoft.com/azure/aks/concepts-network-cni-overview";
        /// kubenet: route table, 400 nodes, retirement.
        KUBENET = "Use kubenet networking in AKS",
            "https://learn.microsoft.com/azure/aks/configure-kubenet";
        /// Azure CNI (node subnet): service CIDR rules.
        LEGACY_CNI = "Azure CNI (node subnet) in AKS",
            "https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni";
        /// The ServiceCidrOverlapExistingSubnetsCidr error.
        SERVICE_CIDR_OVERLAP_ERROR = "ServiceCidrOverlapExistingSubnetsCidr error",
            "https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/error-code-servicecidroverlapexistingsubnetscidr";
        /// The DnsServiceIpOutOfServiceCidr error.
        DNS_IP_ERROR = "DnsServiceIpOutOfServiceCidr error",
            "https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/error-code-dnsserviceipoutofservicecidr";
        /// The InsufficientSubnetSize error, and sizing against autoscaler max counts.
        INSUFFICIENT_SUBNET_ERROR = "InsufficientSubnetSize error",
            "https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/connectivity/insufficientsubnetsize-error-advanced-networking";
        /// Updating the network model: overlay pod CIDR must not overlap the VNet.
        UPDATE_CNI = "Update Azure CNI IPAM mode and data plane",
            "https://learn.microsoft.com/azure/aks/update-azure-cni";
        /// Azure CNI Overlay concepts: /24 per node, limits, Windows max pods.
        OVERLAY = "Azure CNI Overlay networking",
            "https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay";
        /// Azure CNI Overlay how-to: pod CIDR expansion, migration.
        OVERLAY_HOWTO = "Configure Azure CNI Overlay",
            "https://learn.microsoft.com/azure/aks/azure-cni-overlay";
        /// Dynamic IP allocation in a pod subnet: batches of 16.
        DYNAMIC_IP = "Azure CNI Pod Subnet: dynamic IP allocation",
            "https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation";
        /// Static block allocation in a pod subnet: /28 blocks per node.
        STATIC_BLOCK = "Azure CNI Pod Subnet: static block allocation",
            "https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation";
        /// Azure CNI Powered by Cilium.
        CILIUM = "Azure CNI Powered by Cilium",
            "https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium";
        /// Dual-stack networking: overlay only, IPv6 ranges.
        DUAL_STACK = "Dual-stack kubenet and overlay networking",
            "https://learn.microsoft.com/azure/aks/configure-dual-stack";
        /// AKS quotas and limits: nodes per cluster and per pool, pools per cluster.
        AKS_LIMITS = "AKS quotas, SKUs and regions",
            "https://learn.microsoft.com/azure/aks/quotas-skus-regions";
        /// Rolling node pool upgrades: max surge.
        UPGRADE = "Upgrade AKS node pools (max surge)",
            "https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling";
        /// Large-cluster practices: overlay pods per cluster.
        LARGE_SCALE = "Best practices for large AKS clusters",
            "https://learn.microsoft.com/azure/aks/best-practices-performance-scale-large";
        /// Network policies: engines, Azure NPM limits and retirement.
        NETWORK_POLICY = "Network policies in AKS",
            "https://learn.microsoft.com/azure/aks/use-network-policies";
        /// API server VNet integration: a delegated subnet of at least /28.
        API_SERVER_VNET = "API server VNet integration",
            "https://learn.microsoft.com/azure/aks/api-server-vnet-integration";
        /// Azure Firewall: AzureFirewallSubnet of at least /26.
        AZURE_FIREWALL = "Azure Firewall FAQ (subnet size)",
            "https://learn.microsoft.com/azure/firewall/firewall-faq";
        /// Azure Bastion: AzureBastionSubnet of at least /26.
        AZURE_BASTION = "Azure Bastion configuration settings (subnet)",
            "https://learn.microsoft.com/azure/bastion/configuration-settings";
        /// VPN gateway: GatewaySubnet of /27 or larger recommended.
        VPN_GATEWAY = "VPN Gateway settings (gateway subnet)",
            "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings";
        /// Internal load balancers take front-end IPs from the cluster subnet.
        INTERNAL_LB = "Internal load balancer in AKS",
            "https://learn.microsoft.com/azure/aks/internal-lb";
    }
}

/// An AKS network model the planner evaluates, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModelId {
    /// kubenet: private pod CIDR, one route per node.
    Kubenet,
    /// Azure CNI with pods in the node subnet (the "legacy" flat model).
    AzureCni,
    /// Azure CNI Overlay: private pod CIDR, /24 per node.
    AzureCniOverlay,
    /// Azure CNI Powered by Cilium, on overlay or on a pod subnet.
    AzureCniCilium,
    /// Azure CNI with a pod subnet, dynamic IP allocation.
    AzureCniPodSubnet,
    /// Azure CNI with a pod subnet, static block allocation.
    AzureCniPodSubnetStatic,
}

impl ModelId {
    /// Every model, in the order of the report.
    pub const ALL: [ModelId; 6] = [
        ModelId::Kubenet,
        ModelId::AzureCni,
        ModelId::AzureCniOverlay,
        ModelId::AzureCniCilium,
        ModelId::AzureCniPodSubnet,
        ModelId::AzureCniPodSubnetStatic,
    ];

    /// The four network models of AKS. The other two are variants of Azure CNI with a
    /// Pod Subnet (dynamic and static block allocation), which the planner shows on
    /// request.
    pub const MAIN: [ModelId; 4] = [
        ModelId::Kubenet,
        ModelId::AzureCni,
        ModelId::AzureCniOverlay,
        ModelId::AzureCniCilium,
    ];

    /// Whether this is one of the four network models ([`ModelId::MAIN`]) rather than a
    /// Pod Subnet variant.
    pub fn is_main(self) -> bool {
        ModelId::MAIN.contains(&self)
    }

    /// The stable identifier used in plans, reports and on the command line.
    pub const fn id(self) -> &'static str {
        match self {
            ModelId::Kubenet => "kubenet",
            ModelId::AzureCni => "azure-cni",
            ModelId::AzureCniOverlay => "azure-cni-overlay",
            ModelId::AzureCniCilium => "azure-cni-cilium",
            ModelId::AzureCniPodSubnet => "azure-cni-pod-subnet",
            ModelId::AzureCniPodSubnetStatic => "azure-cni-pod-subnet-static",
        }
    }

    /// The model with this identifier.
    pub fn from_id(id: &str) -> Option<ModelId> {
        ModelId::ALL.into_iter().find(|m| m.id() == id)
    }

    /// This model's row of the facts table.
    pub const fn facts(self) -> &'static ModelFacts {
        &MODELS[self as usize]
    }

    /// The model's display name.
    pub const fn name(self) -> &'static str {
        self.facts().name
    }
}

impl fmt::Display for ModelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Where a model's pods get their IP addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ipam {
    /// From the node subnet, reserved up front: (1 + max pods) per node.
    NodeSubnet,
    /// From a private pod CIDR, one /24 per node (kubenet and overlay).
    PodCidr,
    /// From a VNet pod subnet in batches of 16 as pods start.
    PodSubnetDynamic,
    /// From a VNet pod subnet in /28 blocks reserved per node.
    PodSubnetStatic,
    /// As the plan's `cilium_ipam` says: overlay or pod subnet.
    CiliumIpam,
}

impl Ipam {
    /// Plain-words description for the comparison.
    pub const fn describe(self) -> &'static str {
        match self {
            Ipam::NodeSubnet => "node subnet (VNet), reserved per node",
            Ipam::PodCidr => "private pod CIDR, a /24 per node",
            Ipam::PodSubnetDynamic => "pod subnet (VNet), batches of 16",
            Ipam::PodSubnetStatic => "pod subnet (VNet), /28 blocks per node",
            Ipam::CiliumIpam => "as its IPAM mode",
        }
    }

    /// Whether pods take addresses from a VNet pod subnet, which the user sizes and
    /// manages beside the node subnet ([`Ipam::PodSubnetDynamic`], [`Ipam::PodSubnetStatic`]).
    /// [`Ipam::CiliumIpam`] answers `false`: resolve it with [`ModelId::addressing`] first.
    pub const fn is_pod_subnet(self) -> bool {
        matches!(self, Ipam::PodSubnetDynamic | Ipam::PodSubnetStatic)
    }
}

/// How far a model supports a feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Supported.
    Yes,
    /// Not supported.
    No,
    /// Supported with a limit, said in words.
    Limited(&'static str),
    /// As the model's IPAM mode (Cilium): read the overlay or pod subnet row.
    AsIpam,
    /// The documentation says nothing either way.
    Undocumented,
}

impl Support {
    /// Whether a requirement for this feature is met.
    pub const fn is_supported(self) -> bool {
        matches!(self, Support::Yes | Support::Limited(_))
    }

    /// Short words for the comparison table.
    pub const fn describe(self) -> &'static str {
        match self {
            Support::Yes => "yes",
            Support::No => "no",
            Support::Limited(words) => words,
            Support::AsIpam => "as its IPAM mode",
            Support::Undocumented => "not documented",
        }
    }
}

/// A network policy engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicyEngine {
    /// Cilium: eBPF, built into Azure CNI Powered by Cilium (L7 and FQDN with ACNS).
    Cilium,
    /// Calico.
    Calico,
    /// Azure Network Policy Manager (being retired).
    AzureNpm,
}

impl PolicyEngine {
    /// Display name.
    pub const fn name(self) -> &'static str {
        match self {
            PolicyEngine::Cilium => "Cilium",
            PolicyEngine::Calico => "Calico",
            PolicyEngine::AzureNpm => "Azure NPM",
        }
    }

    /// Whether the engine works on a dual-stack cluster: "dual-stack supports neither
    /// Azure NPM nor Calico" ([`src::DUAL_STACK`]).
    pub const fn supports_dual_stack(self) -> bool {
        matches!(self, PolicyEngine::Cilium)
    }

    /// The retirements announced for the engine, earliest first ([`src::NETWORK_POLICY`]).
    pub const fn retirements(self) -> &'static [Retirement] {
        match self {
            PolicyEngine::AzureNpm => &AZURE_NPM_RETIREMENTS,
            PolicyEngine::Cilium | PolicyEngine::Calico => &[],
        }
    }

    /// Whether a retirement is announced for the engine.
    pub const fn is_retiring(self) -> bool {
        !self.retirements().is_empty()
    }

    /// The largest cluster, in nodes, the engine supports, where one is documented.
    pub const fn node_limit(self) -> Option<Limit> {
        match self {
            PolicyEngine::AzureNpm => Some(AZURE_NPM_NODE_LIMIT),
            PolicyEngine::Cilium | PolicyEngine::Calico => None,
        }
    }
}

/// A yes/no/limited feature the comparison and the scoring read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// Pod IPs reachable from the VNet and on-premises without NAT.
    PodIpsRoutable,
    /// Windows node pools.
    Windows,
    /// Dual-stack IPv4/IPv6.
    DualStack,
    /// Virtual nodes (ACI).
    VirtualNodes,
    /// One subnet shared by several clusters.
    SharedSubnet,
    /// An extra hop through a route table (UDR) that the cluster owns.
    RouteTable,
    /// eBPF dataplane.
    Ebpf,
    /// L7 (HTTP) and FQDN network policy.
    L7Policy,
}

impl Feature {
    /// Every feature, in comparison-table order.
    pub const ALL: [Feature; 8] = [
        Feature::PodIpsRoutable,
        Feature::Windows,
        Feature::DualStack,
        Feature::VirtualNodes,
        Feature::SharedSubnet,
        Feature::RouteTable,
        Feature::Ebpf,
        Feature::L7Policy,
    ];

    /// Row label.
    pub const fn label(self) -> &'static str {
        match self {
            Feature::PodIpsRoutable => "Pods reachable from the VNet",
            Feature::Windows => "Windows node pools",
            Feature::DualStack => "Dual-stack IPv4/IPv6",
            Feature::VirtualNodes => "Virtual nodes",
            Feature::SharedSubnet => "Subnet shared by clusters",
            Feature::RouteTable => "Route table (extra hop)",
            Feature::Ebpf => "eBPF dataplane",
            Feature::L7Policy => "L7 and FQDN network policy",
        }
    }

    /// The page this row of the table comes from.
    pub const fn source(self) -> Source {
        match self {
            Feature::Windows | Feature::PodIpsRoutable | Feature::VirtualNodes => src::CNI_OVERVIEW,
            Feature::SharedSubnet => src::CNI_OVERVIEW,
            Feature::DualStack => src::DUAL_STACK,
            Feature::RouteTable => src::KUBENET,
            Feature::Ebpf | Feature::L7Policy => src::CILIUM,
        }
    }
}

/// A numeric limit with the page it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// The limit.
    pub value: u64,
    /// Why, in a few words.
    pub why: &'static str,
    /// Where it is documented.
    pub source: Source,
}

/// Max pods per node: the default and the allowed range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxPods {
    /// Used when a pool does not set max pods.
    pub default: u32,
    /// Smallest allowed.
    pub min: u32,
    /// Largest allowed.
    pub max: u32,
    /// Where it is documented.
    pub source: Source,
}

/// A dated retirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retirement {
    /// ISO date from which it is unsupported.
    pub date: &'static str,
    /// The sentence shown to the user.
    pub text: &'static str,
    /// Where it is announced.
    pub source: Source,
}

/// One model's row of the facts table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelFacts {
    /// Which model.
    pub id: ModelId,
    /// Display name.
    pub name: &'static str,
    /// Where pod IPs come from.
    pub ipam: Ipam,
    /// Max pods per node.
    pub max_pods: MaxPods,
    /// Nodes per cluster.
    pub node_limit: Limit,
    /// Pods per cluster, where documented.
    pub pod_limit: Option<Limit>,
    /// Network policy engines offered.
    pub policy: &'static [PolicyEngine],
    /// Pod IPs reachable from the VNet and on-premises.
    pub pod_ips_routable: Support,
    /// Windows node pools.
    pub windows: Support,
    /// Dual-stack.
    pub dual_stack: Support,
    /// Virtual nodes.
    pub virtual_nodes: Support,
    /// Subnet shared by several clusters.
    pub shared_subnet: Support,
    /// A route table (UDR) per cluster, one route per node.
    pub route_table: bool,
    /// eBPF dataplane.
    pub ebpf: bool,
    /// L7 (HTTP) and FQDN network policy: section 8 of the rules names it for Cilium
    /// only, "Cilium (built in, eBPF, L7 with ACNS)" ([`src::CILIUM`]).
    pub l7_policy: Support,
    /// When the model stops being supported.
    pub retirement: Option<Retirement>,
}

impl ModelFacts {
    /// The support this model gives a feature, as written in the table.
    pub const fn support(&self, feature: Feature) -> Support {
        match feature {
            Feature::PodIpsRoutable => self.pod_ips_routable,
            Feature::Windows => self.windows,
            Feature::DualStack => self.dual_stack,
            Feature::VirtualNodes => self.virtual_nodes,
            Feature::SharedSubnet => self.shared_subnet,
            Feature::RouteTable => yes_no(self.route_table),
            Feature::Ebpf => yes_no(self.ebpf),
            Feature::L7Policy => self.l7_policy,
        }
    }
}

const fn yes_no(b: bool) -> Support {
    if b { Support::Yes } else { Support::No }
}

/// Which IPAM Azure CNI Powered by Cilium uses in a plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CiliumIpam {
    /// Overlay: a private pod CIDR (the default).
    #[default]
    Overlay,
    /// A VNet pod subnet with dynamic allocation.
    PodSubnet,
}

impl CiliumIpam {
    /// The identifier used in plans.
    pub const fn id(self) -> &'static str {
        match self {
            CiliumIpam::Overlay => "overlay",
            CiliumIpam::PodSubnet => "pod-subnet",
        }
    }

    /// The model whose addressing Cilium follows in this mode.
    pub const fn model(self) -> ModelId {
        match self {
            CiliumIpam::Overlay => ModelId::AzureCniOverlay,
            CiliumIpam::PodSubnet => ModelId::AzureCniPodSubnet,
        }
    }
}

impl ModelId {
    /// The model whose addressing this one uses: itself, or for Cilium its IPAM model.
    pub const fn addressing(self, cilium: CiliumIpam) -> ModelId {
        match self {
            ModelId::AzureCniCilium => cilium.model(),
            other => other,
        }
    }

    /// A feature's support with Cilium's "as its IPAM mode" resolved.
    pub const fn support(self, feature: Feature, cilium: CiliumIpam) -> Support {
        match self.facts().support(feature) {
            Support::AsIpam => self.addressing(cilium).facts().support(feature),
            other => other,
        }
    }

    /// Max pods facts with Cilium's "as its IPAM mode" resolved.
    pub const fn max_pods(self, cilium: CiliumIpam) -> MaxPods {
        self.addressing(cilium).facts().max_pods
    }
}

const KUBENET_RETIREMENT: Retirement = Retirement {
    date: "2028-03-31",
    text: "kubenet is retired on 31 March 2028; migrate to Azure CNI Overlay",
    source: Source {
        title: "kubenet retirement",
        url: "https://learn.microsoft.com/azure/aks/configure-kubenet",
    },
};

/// Azure NPM retirement on Windows nodes.
pub const AZURE_NPM_WINDOWS_RETIREMENT: Retirement = Retirement {
    date: "2026-09-30",
    text: "Azure NPM on Windows nodes is unsupported from 30 September 2026",
    source: src::NETWORK_POLICY,
};

/// Azure NPM retirement on Linux nodes.
pub const AZURE_NPM_LINUX_RETIREMENT: Retirement = Retirement {
    date: "2028-09-30",
    text: "Azure NPM on Linux nodes is unsupported from 30 September 2028",
    source: src::NETWORK_POLICY,
};

/// Azure NPM's retirements, earliest first.
pub const AZURE_NPM_RETIREMENTS: [Retirement; 2] =
    [AZURE_NPM_WINDOWS_RETIREMENT, AZURE_NPM_LINUX_RETIREMENT];

/// Azure NPM on Linux is not supported beyond this many nodes.
pub const AZURE_NPM_NODE_LIMIT: Limit = Limit {
    value: 250,
    why: "Azure NPM on Linux is not supported beyond 250 nodes",
    source: src::NETWORK_POLICY,
};

/// Azure NPM on Linux is not supported beyond this many pods.
pub const AZURE_NPM_POD_LIMIT: Limit = Limit {
    value: 20_000,
    why: "Azure NPM on Linux is not supported beyond 20,000 pods",
    source: src::NETWORK_POLICY,
};

const MAX_PODS_RANGE: (u32, u32) = (10, 250);

const fn max_pods(default: u32, source: Source) -> MaxPods {
    MaxPods {
        default,
        min: MAX_PODS_RANGE.0,
        max: MAX_PODS_RANGE.1,
        source,
    }
}

const CLUSTER_NODES: Limit = Limit {
    value: 5_000,
    why: "AKS supports 5,000 nodes per cluster",
    source: src::AKS_LIMITS,
};

const POD_SUBNET_POLICY: &[PolicyEngine] = &[
    PolicyEngine::Cilium,
    PolicyEngine::AzureNpm,
    PolicyEngine::Calico,
];

/// The table: one row per model, in [`ModelId::ALL`] order.
pub static MODELS: [ModelFacts; 6] = [
    ModelFacts {
        id: ModelId::Kubenet,
        name: "kubenet",
        ipam: Ipam::PodCidr,
        max_pods: max_pods(110, src::IP_PLANNING),
        node_limit: Limit {
            value: 400,
            why: "kubenet needs one route per node and a route table holds 400",
            source: src::KUBENET,
        },
        pod_limit: None,
        policy: &[PolicyEngine::Calico],
        pod_ips_routable: Support::No,
        windows: Support::No,
        dual_stack: Support::No,
        virtual_nodes: Support::No,
        shared_subnet: Support::No,
        route_table: true,
        ebpf: false,
        l7_policy: Support::No,
        retirement: Some(KUBENET_RETIREMENT),
    },
    ModelFacts {
        id: ModelId::AzureCni,
        name: "Azure CNI",
        ipam: Ipam::NodeSubnet,
        max_pods: max_pods(30, src::IP_PLANNING),
        node_limit: CLUSTER_NODES,
        pod_limit: None,
        policy: &[PolicyEngine::AzureNpm, PolicyEngine::Calico],
        pod_ips_routable: Support::Yes,
        windows: Support::Yes,
        dual_stack: Support::No,
        virtual_nodes: Support::Yes,
        shared_subnet: Support::Yes,
        route_table: false,
        ebpf: false,
        l7_policy: Support::No,
        retirement: None,
    },
    ModelFacts {
        id: ModelId::AzureCniOverlay,
        name: "Azure CNI Overlay",
        ipam: Ipam::PodCidr,
        max_pods: max_pods(250, src::OVERLAY),
        node_limit: Limit {
            value: 5_000,
            why: "Azure CNI Overlay supports 5,000 nodes",
            source: src::OVERLAY,
        },
        pod_limit: Some(Limit {
            value: 200_000,
            why: "Azure CNI Overlay supports 200,000 pods per cluster",
            source: src::LARGE_SCALE,
        }),
        policy: &[
            PolicyEngine::Cilium,
            PolicyEngine::Calico,
            PolicyEngine::AzureNpm,
        ],
        pod_ips_routable: Support::No,
        windows: Support::Yes,
        dual_stack: Support::Yes,
        virtual_nodes: Support::No,
        shared_subnet: Support::Yes,
        route_table: false,
        ebpf: false,
        l7_policy: Support::No,
        retirement: None,
    },
    ModelFacts {
        id: ModelId::AzureCniCilium,
        name: "Azure CNI Powered by Cilium",
        ipam: Ipam::CiliumIpam,
        // Cilium's max pods follow its IPAM mode: see `ModelId::max_pods`.
        max_pods: max_pods(250, src::CILIUM),
        node_limit: Limit {
            value: 5_000,
            why: "Azure CNI Powered by Cilium supports 5,000 nodes",
            source: src::CILIUM,
        },
        pod_limit: None,
        policy: &[PolicyEngine::Cilium],
        pod_ips_routable: Support::AsIpam,
        windows: Support::No,
        dual_stack: Support::AsIpam,
        virtual_nodes: Support::Undocumented,
        shared_subnet: Support::Undocumented,
        route_table: false,
        ebpf: true,
        l7_policy: Support::Limited("with Advanced Container Networking Services (ACNS)"),
        retirement: None,
    },
    ModelFacts {
        id: ModelId::AzureCniPodSubnet,
        name: "Azure CNI Pod Subnet (dynamic)",
        ipam: Ipam::PodSubnetDynamic,
        max_pods: max_pods(110, src::IP_PLANNING),
        node_limit: CLUSTER_NODES,
        pod_limit: None,
        policy: POD_SUBNET_POLICY,
        pod_ips_routable: Support::Yes,
        windows: Support::Limited("yes (not Windows Server 2019)"),
        dual_stack: Support::No,
        virtual_nodes: Support::Undocumented,
        shared_subnet: Support::Yes,
        route_table: false,
        ebpf: false,
        l7_policy: Support::No,
        retirement: None,
    },
    ModelFacts {
        id: ModelId::AzureCniPodSubnetStatic,
        name: "Azure CNI Pod Subnet (static block)",
        ipam: Ipam::PodSubnetStatic,
        max_pods: max_pods(110, src::IP_PLANNING),
        node_limit: CLUSTER_NODES,
        pod_limit: None,
        policy: POD_SUBNET_POLICY,
        pod_ips_routable: Support::Yes,
        windows: Support::Limited("yes (not Windows Server 2019)"),
        dual_stack: Support::No,
        virtual_nodes: Support::Undocumented,
        shared_subnet: Support::Yes,
        route_table: false,
        ebpf: false,
        l7_policy: Support::No,
        retirement: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_in_model_order() {
        for (i, m) in ModelId::ALL.into_iter().enumerate() {
            assert_eq!(MODELS[i].id, m, "row {i}");
            assert_eq!(ModelId::from_id(m.id()), Some(m));
        }
        assert_eq!(ModelId::from_id("calico"), None);
    }

    #[test]
    fn section_8_rows() {
        use Support::*;
        // (model, routable, windows, dual stack, virtual nodes, route table)
        let rows = [
            (ModelId::Kubenet, false, false, false, false, true),
            (ModelId::AzureCni, true, true, false, true, false),
            (ModelId::AzureCniOverlay, false, true, true, false, false),
            (ModelId::AzureCniPodSubnet, true, true, false, false, false),
            (
                ModelId::AzureCniPodSubnetStatic,
                true,
                true,
                false,
                false,
                false,
            ),
        ];
        for (m, routable, windows, dual, vnodes, udr) in rows {
            let ov = CiliumIpam::Overlay;
            assert_eq!(
                m.support(Feature::PodIpsRoutable, ov).is_supported(),
                routable,
                "{m}"
            );
            assert_eq!(
                m.support(Feature::Windows, ov).is_supported(),
                windows,
                "{m}"
            );
            assert_eq!(
                m.support(Feature::DualStack, ov).is_supported(),
                dual,
                "{m}"
            );
            assert_eq!(
                m.support(Feature::VirtualNodes, ov).is_supported(),
                vnodes,
                "{m}"
            );
            assert_eq!(m.support(Feature::RouteTable, ov) == Yes, udr, "{m}");
        }
    }

    #[test]
    fn cilium_follows_its_ipam() {
        let c = ModelId::AzureCniCilium;
        assert!(
            c.support(Feature::DualStack, CiliumIpam::Overlay)
                .is_supported()
        );
        assert!(
            !c.support(Feature::DualStack, CiliumIpam::PodSubnet)
                .is_supported()
        );
        assert!(
            !c.support(Feature::PodIpsRoutable, CiliumIpam::Overlay)
                .is_supported()
        );
        assert!(
            c.support(Feature::PodIpsRoutable, CiliumIpam::PodSubnet)
                .is_supported()
        );
        assert!(
            !c.support(Feature::Windows, CiliumIpam::PodSubnet)
                .is_supported()
        );
        assert_eq!(c.max_pods(CiliumIpam::Overlay).default, 250);
        assert_eq!(c.max_pods(CiliumIpam::PodSubnet).default, 110);
    }

    #[test]
    fn l7_policy_and_engine_facts() {
        let ov = CiliumIpam::Overlay;
        for m in ModelId::ALL {
            let l7 = m.support(Feature::L7Policy, ov).is_supported();
            assert_eq!(l7, m == ModelId::AzureCniCilium, "{m}");
        }
        assert!(PolicyEngine::Cilium.supports_dual_stack());
        assert!(!PolicyEngine::Calico.supports_dual_stack());
        assert!(!PolicyEngine::AzureNpm.supports_dual_stack());
        assert_eq!(PolicyEngine::AzureNpm.retirements(), &AZURE_NPM_RETIREMENTS);
        assert_eq!(
            PolicyEngine::AzureNpm.node_limit().map(|l| l.value),
            Some(250)
        );
        assert!(
            PolicyEngine::Cilium.retirements().is_empty()
                && PolicyEngine::Calico.node_limit().is_none()
        );
        let pod_subnet: alloc::vec::Vec<ModelId> = ModelId::ALL
            .into_iter()
            .filter(|m| m.facts().ipam.is_pod_subnet())
            .collect();
        assert_eq!(
            pod_subnet,
            [ModelId::AzureCniPodSubnet, ModelId::AzureCniPodSubnetStatic]
        );
    }

    #[test]
    fn section_4_and_5_numbers() {
        let defaults: [(ModelId, u32); 5] = [
            (ModelId::Kubenet, 110),
            (ModelId::AzureCni, 30),
            (ModelId::AzureCniOverlay, 250),
            (ModelId::AzureCniPodSubnet, 110),
            (ModelId::AzureCniPodSubnetStatic, 110),
        ];
        for (m, d) in defaults {
            let mp = m.facts().max_pods;
            assert_eq!((mp.default, mp.min, mp.max), (d, 10, 250), "{m}");
        }
        assert_eq!(ModelId::Kubenet.facts().node_limit.value, 400);
        assert_eq!(ModelId::AzureCniOverlay.facts().node_limit.value, 5_000);
        assert_eq!(
            ModelId::AzureCniOverlay.facts().pod_limit.map(|l| l.value),
            Some(200_000)
        );
        assert!(ModelId::Kubenet.facts().retirement.is_some());
        assert!(ModelId::AzureCniCilium.facts().ebpf);
        assert_eq!(
            ModelId::AzureCniCilium.facts().policy,
            &[PolicyEngine::Cilium]
        );
    }
}
