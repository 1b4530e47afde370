//! Evaluation: a plan's address needs and capacity for every model, and the rules it breaks.
//!
//! [`evaluate`] is the engine's one entry point. It applies the rules of
//! `aks-rules.md` sections 1 to 9 and returns a [`Report`]: plan-wide findings (ranges
//! that are wrong whatever the model), and for each model its address needs at the peak
//! (every pool's max count plus surge, plus other consumers), what is available, the
//! largest cluster that fits and the model's own findings. Model facts come from
//! [`crate::facts`]; no number of a model is written here.
//!
//! ```
//! use aksnet_core::{eval::evaluate, facts::ModelId, plan::{Plan, Pool}};
//!
//! // The docs' worked example: 50 nodes, surge 1, 30 max pods on Azure CNI.
//! let mut plan = Plan::default();
//! plan.pools = vec![Pool { max_pods: Some(30), ..Pool::new("system", 50) }];
//! let report = evaluate(&plan);
//! let cni = report.model(ModelId::AzureCni).unwrap();
//! assert_eq!(cni.node_subnet_ips_required, 1_581); // 51 + 51 x 30
//! assert_eq!(cni.node_subnet_ips_available, 1_019); // a /22
//! assert!(!cni.fits);
//! assert_eq!(cni.findings[0].fix, "use a /21 or larger (1,581 addresses needed, 1,019 available)");
//! ```

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::cidr::{self, IpAddr, IpNet, Nest, group_thousands as n};
use crate::facts::{self, Feature, Ipam, ModelId, PolicyEngine, Source, src};
use crate::fixed::Fixed;
use crate::json::{self, ToJson, Writer};
use crate::plan::{Os, Plan, PolicyNeed, Pool, SubnetRole};
use crate::score::{self, Ranked};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The service would refuse the plan, or it cannot work.
    Error,
    /// It works, but it is risky.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lowercase name, as in the report.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Below this percentage of a range left free at the peak, a warning is raised.
pub const HEADROOM_WARNING_PERCENT: u64 = 20;
/// [`HEADROOM_WARNING_PERCENT`] as a share, for comparing with [`ModelReport::headroom`].
pub const HEADROOM_WARNING: f64 = HEADROOM_WARNING_PERCENT as f64 / 100.0;

/// Whether `req` of `avail` addresses fits but leaves under [`HEADROOM_WARNING_PERCENT`] free.
pub fn is_low_headroom(req: u64, avail: u64) -> bool {
    req <= avail
        && (avail - req).saturating_mul(100) < HEADROOM_WARNING_PERCENT.saturating_mul(avail)
}

/// Address blocks per node in a private pod CIDR: one /24.
const POD_CIDR_BLOCK_PREFIX: u8 = 24;
/// Dynamic pod subnet allocation: batches of 16 addresses.
const DYNAMIC_BATCH: u64 = 16;
/// Static block allocation: /28 blocks, one address per node reserved.
const STATIC_BLOCK: u64 = 16;
/// Node pools per cluster.
const MAX_POOLS_PER_CLUSTER: usize = 100;
/// Nodes per node pool, surge included.
const MAX_NODES_PER_POOL: u64 = 1_000;
/// Private IP addresses per VNet.
const VNET_PRIVATE_IPS: u64 = 65_536;
/// Windows pools on overlay: recommended max pods.
const WINDOWS_OVERLAY_MAX_PODS: u64 = 110;
/// Max pods below this need the pool to hold this many pods in total.
const MIN_PODS_PER_POOL: u64 = 30;
/// The largest VNet prefix: /8.
const VNET_MIN_PREFIX: u8 = 8;
/// A service CIDR must be smaller than this prefix (a longer prefix length).
const SERVICE_CIDR_MIN_PREFIX: u8 = 12;
/// The DNS service IP by convention: the .10 of the service range.
const DNS_CONVENTIONAL_OFFSET: u128 = 10;
/// Smallest IPv4 subnet Azure allows.
const SMALLEST_SUBNET: u8 = 29;

/// The IPv4 prefix `a.b.c.d/len`, built at compile time.
const fn v4(a: u8, b: u8, c: u8, d: u8, len: u8) -> IpNet {
    IpNet::V4(cidr::Ipv4Net::new_assert(
        cidr::Ipv4Addr::new(a, b, c, d),
        len,
    ))
}

/// Ranges no VNet may contain (VNet FAQ).
const VNET_FORBIDDEN: [IpNet; 5] = [
    v4(224, 0, 0, 0, 4),
    v4(255, 255, 255, 255, 32),
    v4(127, 0, 0, 0, 8),
    v4(169, 254, 0, 0, 16),
    v4(168, 63, 129, 16, 32),
];
/// Ranges reserved by every AKS cluster: no pod CIDR, service CIDR or VNet may overlap.
const AKS_RESERVED: [IpNet; 4] = [
    v4(169, 254, 0, 0, 16),
    v4(172, 30, 0, 0, 16),
    v4(172, 31, 0, 0, 16),
    v4(192, 0, 2, 0, 24),
];
/// The private address spaces a suggested service CIDR is taken from, in order.
const PRIVATE_SPACES: [IpNet; 3] = [
    v4(10, 0, 0, 0, 8),
    v4(172, 16, 0, 0, 12),
    v4(192, 168, 0, 0, 16),
];

/// A stable finding code; the service's own error name where one exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A node or pod subnet is too small (the service's error name).
    InsufficientSubnetSize,
    /// A kubenet or overlay pod CIDR is too small.
    InsufficientPodCidr,
    /// A pod CIDR overlaps the VNet (the service's error name).
    NetworkProfileCIDROverlapVNET,
    /// The service CIDR overlaps the VNet, a subnet or an avoided range (the service's error name).
    ServiceCidrOverlapExistingSubnetsCidr,
    /// The DNS service IP is outside the service CIDR (the service's error name).
    DnsServiceIpOutOfServiceCidr,
    /// The DNS service IP is an address Kubernetes keeps for itself.
    DnsServiceIpReserved,
    /// The DNS service IP is not the conventional .10.
    DnsServiceIpConvention,
    /// The pod CIDR overlaps the service CIDR or an avoided range.
    PodCidrOverlap,
    /// A range overlaps one reserved by every AKS cluster.
    AksReservedRangeOverlap,
    /// A VNet prefix contains a range Azure forbids in VNets.
    VnetReservedRange,
    /// A VNet prefix is larger than /8.
    VnetTooLarge,
    /// Two VNet prefixes overlap.
    VnetPrefixesOverlap,
    /// A VNet prefix overlaps a peered or on-premises range.
    VnetOverlapsAvoidedRange,
    /// A subnet lies outside the VNet.
    SubnetOutsideVnet,
    /// A subnet is smaller than /29.
    SubnetTooSmall,
    /// Two subnets overlap.
    SubnetsOverlap,
    /// A subnet is smaller than Azure recommends for its role.
    SubnetBelowRecommended,
    /// The service CIDR is /12 or larger.
    ServiceCidrTooLarge,
    /// An IPv6 range where single-stack IPv6 would be needed.
    Ipv6SingleStack,
    /// More than 100 node pools.
    TooManyNodePools,
    /// A pool's peak is over 1,000 nodes.
    PoolNodeLimit,
    /// The peak is over the model's node limit.
    NodeLimitExceeded,
    /// The plan allows more pods than the model supports per cluster.
    PodLimitExceeded,
    /// The VNet would hold more than 65,536 private IPs.
    VnetPrivateIpLimit,
    /// Max pods outside 10 to 250.
    MaxPodsOutOfRange,
    /// Max pods under 30 in a pool that holds fewer than 30 pods in total.
    MaxPodsTooLowForPool,
    /// Windows pools on overlay with more than 110 max pods.
    WindowsMaxPods,
    /// Windows pools on a model without Windows.
    WindowsNotSupported,
    /// Dual-stack asked of a model without it.
    DualStackNotSupported,
    /// A Pod Subnet model without a pod subnet.
    PodSubnetMissing,
    /// Static block max pods that leave addresses unused.
    StaticBlockWaste,
    /// Under 20% of a range left at the peak.
    LowHeadroom,
    /// The model is being retired.
    ModelRetirement,
    /// Azure NPM is being retired, or limited at this size.
    AzureNpmRetirement,
    /// Pools on the AKS default max surge.
    DefaultMaxSurge,
}

impl Code {
    /// The code as it appears in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::InsufficientSubnetSize => "InsufficientSubnetSize",
            Code::InsufficientPodCidr => "InsufficientPodCidr",
            Code::NetworkProfileCIDROverlapVNET => "NetworkProfileCIDROverlapVNET",
            Code::ServiceCidrOverlapExistingSubnetsCidr => "ServiceCidrOverlapExistingSubnetsCidr",
            Code::DnsServiceIpOutOfServiceCidr => "DnsServiceIpOutOfServiceCidr",
            Code::DnsServiceIpReserved => "DnsServiceIpReserved",
            Code::DnsServiceIpConvention => "DnsServiceIpConvention",
            Code::PodCidrOverlap => "PodCidrOverlap",
            Code::AksReservedRangeOverlap => "AksReservedRangeOverlap",
            Code::VnetReservedRange => "VnetReservedRange",
            Code::VnetTooLarge => "VnetTooLarge",
            Code::VnetPrefixesOverlap => "VnetPrefixesOverlap",
            Code::VnetOverlapsAvoidedRange => "VnetOverlapsAvoidedRange",
            Code::SubnetOutsideVnet => "SubnetOutsideVnet",
            Code::SubnetTooSmall => "SubnetTooSmall",
            Code::SubnetsOverlap => "SubnetsOverlap",
            Code::SubnetBelowRecommended => "SubnetBelowRecommended",
            Code::ServiceCidrTooLarge => "ServiceCidrTooLarge",
            Code::Ipv6SingleStack => "Ipv6SingleStack",
            Code::TooManyNodePools => "TooManyNodePools",
            Code::PoolNodeLimit => "PoolNodeLimit",
            Code::NodeLimitExceeded => "NodeLimitExceeded",
            Code::PodLimitExceeded => "PodLimitExceeded",
            Code::VnetPrivateIpLimit => "VnetPrivateIpLimit",
            Code::MaxPodsOutOfRange => "MaxPodsOutOfRange",
            Code::MaxPodsTooLowForPool => "MaxPodsTooLowForPool",
            Code::WindowsMaxPods => "WindowsMaxPods",
            Code::WindowsNotSupported => "WindowsNotSupported",
            Code::DualStackNotSupported => "DualStackNotSupported",
            Code::PodSubnetMissing => "PodSubnetMissing",
            Code::StaticBlockWaste => "StaticBlockWaste",
            Code::LowHeadroom => "LowHeadroom",
            Code::ModelRetirement => "ModelRetirement",
            Code::AzureNpmRetirement => "AzureNpmRetirement",
            Code::DefaultMaxSurge => "DefaultMaxSurge",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule the plan breaks, or something worth knowing about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// What is wrong, with the numbers involved.
    pub message: String,
    /// The concrete change that fixes it.
    pub fix: String,
    /// The Microsoft page behind the rule.
    pub source: Source,
}

/// Records a finding. Every rule pushes its findings through this one function (and
/// [`error`], [`warning`] and [`info`], which only name the severity), so that no rule
/// carries its own copy of the code that builds and pushes one.
#[inline(never)]
fn push(
    out: &mut Vec<Finding>,
    severity: Severity,
    code: Code,
    source: Source,
    message: String,
    fix: String,
) {
    out.push(Finding {
        severity,
        code,
        message,
        fix,
        source,
    });
}

/// Records a finding of severity error.
fn error(out: &mut Vec<Finding>, code: Code, source: Source, message: String, fix: String) {
    push(out, Severity::Error, code, source, message, fix);
}

/// Records a finding of severity warning.
fn warning(out: &mut Vec<Finding>, code: Code, source: Source, message: String, fix: String) {
    push(out, Severity::Warning, code, source, message, fix);
}

/// Records a finding of severity info.
fn info(out: &mut Vec<Finding>, code: Code, source: Source, message: String, fix: String) {
    push(out, Severity::Info, code, source, message, fix);
}

/// One model's figures for the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelReport {
    /// The model.
    pub model: ModelId,
    /// No finding of severity error, plan-wide or of this model.
    pub fits: bool,
    /// Node subnet addresses needed at the peak (with pods, for Azure CNI).
    pub node_subnet_ips_required: u64,
    /// Usable addresses of the node subnet.
    pub node_subnet_ips_available: u64,
    /// Pod addresses needed at the peak, where pods do not use the node subnet.
    pub pod_ips_required: u64,
    /// Usable addresses of the pod range (pod subnet or pod CIDR).
    pub pod_ips_available: u64,
    /// The largest node count, surge included, the ranges hold at the pools' largest
    /// max pods, capped by the model's node limit.
    pub max_nodes: u64,
    /// Pods at `max_nodes` nodes with the pools' largest max pods.
    pub max_pods_total: u64,
    /// Share of the tightest range left free at the peak; negative when short.
    pub headroom: f64,
    /// Where pod addresses come from, resolved for Cilium.
    pub ipam: &'static str,
    /// Node subnet addresses each further node takes (at the largest max pods).
    pub node_subnet_ips_per_node: u64,
    /// Pod-range addresses each further node takes (at the largest max pods).
    pub pod_ips_per_node: u64,
    /// Node subnet addresses taken whatever the node count (load balancers, endpoints).
    pub node_subnet_ips_fixed: u64,
    /// This model's own findings.
    pub findings: Vec<Finding>,
}

impl ModelReport {
    /// Node subnet and pod addresses needed at `nodes` nodes, for the growth chart.
    pub fn needed_at(&self, nodes: u64) -> (u64, u64) {
        (
            self.node_subnet_ips_fixed
                .saturating_add(nodes.saturating_mul(self.node_subnet_ips_per_node)),
            nodes.saturating_mul(self.pod_ips_per_node),
        )
    }
}

/// The whole evaluation of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The report format version.
    pub version: u64,
    /// Findings about the plan whatever the model.
    pub findings: Vec<Finding>,
    /// Each model's figures, in [`ModelId::ALL`] order.
    pub models: Vec<ModelReport>,
    /// The models, best first.
    pub ranking: Vec<Ranked>,
}

impl Report {
    /// The figures of one model.
    pub fn model(&self, id: ModelId) -> Option<&ModelReport> {
        self.models.iter().find(|m| m.model == id)
    }

    /// Whether a plan-wide finding is an error.
    pub fn has_plan_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The report as pretty-printed JSON, in the format of `plan-format.md`.
    pub fn to_json(&self) -> String {
        json::to_string_pretty(self)
    }

    /// The same JSON without whitespace, for the JS API.
    pub fn to_json_compact(&self) -> String {
        json::to_string(self)
    }
}

impl ToJson for Finding {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("severity", self.severity.as_str());
        w.field_str("code", self.code.as_str());
        w.field_str("message", &self.message);
        w.field_str("fix", &self.fix);
        w.field_str("source", self.source.url);
        w.end_object();
    }
}

impl ToJson for ModelReport {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("model", self.model.id());
        w.field_bool("fits", self.fits);
        w.field_uint(
            "node_subnet_ips_required",
            self.node_subnet_ips_required.into(),
        );
        w.field_uint(
            "node_subnet_ips_available",
            self.node_subnet_ips_available.into(),
        );
        w.field_uint("pod_ips_required", self.pod_ips_required.into());
        w.field_uint("pod_ips_available", self.pod_ips_available.into());
        w.field_uint("max_nodes", self.max_nodes.into());
        w.field_uint("max_pods_total", self.max_pods_total.into());
        w.field_f64("headroom", self.headroom);
        w.field_str("ipam", self.ipam);
        w.field_uint(
            "node_subnet_ips_per_node",
            self.node_subnet_ips_per_node.into(),
        );
        w.field_uint("pod_ips_per_node", self.pod_ips_per_node.into());
        w.field_uint("node_subnet_ips_fixed", self.node_subnet_ips_fixed.into());
        w.key("findings");
        self.findings.write_json(w);
        w.end_object();
    }
}

impl ToJson for Report {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_uint("version", self.version.into());
        w.key("findings");
        self.findings.write_json(w);
        w.key("models");
        self.models.write_json(w);
        w.key("ranking");
        self.ranking.write_json(w);
        w.end_object();
    }
}

/// Evaluate a plan for every model.
pub fn evaluate(plan: &Plan) -> Report {
    let findings = plan_findings(plan);
    let plan_ok = !findings.iter().any(|f| f.severity == Severity::Error);
    let mut models: Vec<ModelReport> = Vec::with_capacity(ModelId::ALL.len());
    for m in ModelId::ALL {
        models.push(evaluate_model(plan, m, plan_ok));
    }
    let ranking = score::rank(plan, &models);
    Report {
        version: crate::plan::FORMAT_VERSION,
        findings,
        models,
        ranking,
    }
}

// ---- helpers ------------------------------------------------------------------------

fn to_u64(x: u128) -> u64 {
    u64::try_from(x).unwrap_or(u64::MAX)
}

fn usable(net: &IpNet) -> u64 {
    to_u64(cidr::azure_usable(net))
}

fn size(net: &IpNet) -> u64 {
    to_u64(cidr::count(net))
}

fn first_hit<'a>(net: &IpNet, ranges: &'a [IpNet]) -> Option<&'a IpNet> {
    cidr::first_overlap(net, ranges)
}

/// An address as a number, for offsets within a range.
fn addr_value(a: &IpAddr) -> u128 {
    match a {
        IpAddr::V4(v4) => u128::from(u32::from(*v4)),
        IpAddr::V6(v6) => u128::from(*v6),
    }
}

/// The address `offset` after the start of `net`, if it is inside it.
fn addr_at(net: &IpNet, offset: u128) -> Option<IpAddr> {
    if offset >= cidr::count(net) {
        return None;
    }
    let v = addr_value(&net.network()) + offset;
    Some(match net {
        IpNet::V4(_) => IpAddr::V4(u32::try_from(v).ok()?.into()),
        IpNet::V6(_) => IpAddr::V6(v.into()),
    })
}

/// "a /21 or larger", or words saying no subnet can hold it.
fn subnet_fix(needed: u64, available: u64) -> String {
    match cidr::smallest_prefix_for(u128::from(needed), false) {
        Some(p) => format!(
            "use a /{p} or larger ({} addresses needed, {} available)",
            n(needed.into()),
            n(available.into())
        ),
        None => format!(
            "no IPv4 subnet holds {} addresses; reduce nodes or max pods",
            n(needed.into())
        ),
    }
}

/// Smallest prefix whose /24 blocks number at least `blocks`.
fn pod_cidr_prefix_for(blocks: u64) -> Option<u8> {
    (0..=POD_CIDR_BLOCK_PREFIX)
        .rev()
        .find(|&p| (1u64 << (POD_CIDR_BLOCK_PREFIX - p)) >= blocks)
}

/// The prefixes as text, in order.
pub(crate) fn texts(nets: &[IpNet]) -> Vec<String> {
    let mut out = Vec::with_capacity(nets.len());
    for net in nets {
        out.push(net.to_string());
    }
    out
}

/// The plan's pools for which `keep` holds, in order: one loop for every such list.
pub(crate) fn pools_where(plan: &Plan, keep: fn(&Pool) -> bool) -> Vec<&Pool> {
    let mut out = Vec::new();
    for pool in &plan.pools {
        if keep(pool) {
            out.push(pool);
        }
    }
    out
}

/// The pools' names in quotes, separated by commas: `"system", "apps"`.
pub(crate) fn pools_named(pools: &[&Pool]) -> String {
    let mut out = String::new();
    for (i, pool) in pools.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('"');
        out.push_str(&pool.name);
        out.push('"');
    }
    out
}

// ---- plan-wide rules ----------------------------------------------------------------

fn plan_findings(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    let subnets = plan_subnets(plan);
    // The VNet prefixes, the avoided ranges, then the subnets: how they nest answers
    // the overlap questions of the VNet and subnet rules.
    let mut all = plan.vnet.clone();
    for &net in &plan.avoid {
        all.push(net);
    }
    for s in &subnets {
        all.push(s.1);
    }
    let mut nest = Nest::new(&all);
    vnet_rules(plan, &mut nest, &mut out);
    subnet_rules(plan, &subnets, &all, &mut nest, &mut out);
    service_rules(plan, &mut out);
    dns_rules(plan, &mut out);
    pool_rules(plan, &mut out);
    out
}

/// The VNet rules; `nest` is of the VNet prefixes, the avoided ranges and the subnets.
fn vnet_rules(plan: &Plan, nest: &mut Nest, out: &mut Vec<Finding>) {
    let m = plan.vnet.len();
    // The first later prefix each VNet prefix overlaps: from the last prefix to the
    // first, with only the later ones marked.
    let mut first_later = Vec::with_capacity(m);
    for i in (0..m).rev() {
        first_later.push(nest.first_overlap(i).unwrap_or(usize::MAX));
        nest.insert(i);
    }
    // Then only the avoided ranges.
    nest.clear();
    for k in m..m + plan.avoid.len() {
        nest.insert(k);
    }
    for (i, v) in plan.vnet.iter().enumerate() {
        if let IpNet::V4(v4) = v {
            if v4.prefix_len() < VNET_MIN_PREFIX {
                error(
                    out,
                    Code::VnetTooLarge,
                    src::IP_PLANNING,
                    format!(
                        "VNet prefix {v} is larger than /{VNET_MIN_PREFIX}, the largest Azure allows"
                    ),
                    format!("use /{VNET_MIN_PREFIX} or smaller prefixes"),
                );
            }
        }
        if let Some(r) = first_hit(v, &VNET_FORBIDDEN) {
            error(
                out,
                Code::VnetReservedRange,
                src::VNET_FAQ,
                format!("VNet prefix {v} overlaps {r}, which Azure does not allow in a VNet"),
                "choose a VNet range in private address space, e.g. 10.0.0.0/16".into(),
            );
        }
        if let Some(r) = first_hit(v, &AKS_RESERVED) {
            error(
                out,
                Code::AksReservedRangeOverlap,
                src::CNI_OVERVIEW,
                format!("VNet prefix {v} overlaps {r}, which every AKS cluster reserves"),
                format!("move the VNet out of {r}"),
            );
        }
        if let Some(r) = nest.first_overlap(i).map(|k| &plan.avoid[k - m]) {
            error(
                out,
                Code::VnetOverlapsAvoidedRange,
                src::IP_PLANNING,
                format!("VNet prefix {v} overlaps {r}, a peered or on-premises range"),
                format!("choose a VNet range that does not overlap {r}"),
            );
        }
        if let Some(other) = plan.vnet.get(first_later[m - 1 - i]) {
            error(
                out,
                Code::VnetPrefixesOverlap,
                src::VNET_FAQ,
                format!("VNet prefixes {v} and {other} overlap"),
                "remove one of them, or make them disjoint".into(),
            );
        }
    }
}

/// Sizes Azure requires (or recommends) of the other subnets a VNet holds: the longest
/// prefix allowed, how serious a smaller one is, and why.
const OTHER_SUBNET_SIZES: [(SubnetRole, u8, Severity, Source, &str); 4] = [
    (
        SubnetRole::ApiServer,
        28,
        Severity::Error,
        src::API_SERVER_VNET,
        "API server VNet integration needs a delegated subnet of at least /28",
    ),
    (
        SubnetRole::Firewall,
        26,
        Severity::Error,
        src::AZURE_FIREWALL,
        "AzureFirewallSubnet must be at least /26",
    ),
    (
        SubnetRole::Bastion,
        26,
        Severity::Error,
        src::AZURE_BASTION,
        "AzureBastionSubnet must be at least /26 (older pages say /27; the planner follows /26)",
    ),
    (
        SubnetRole::Gateway,
        27,
        Severity::Warning,
        src::VPN_GATEWAY,
        "a GatewaySubnet of /27 or larger is recommended",
    ),
];

/// Every subnet of the plan with its name in words: node, pod, then the others.
fn plan_subnets(plan: &Plan) -> Vec<(&'static str, IpNet)> {
    let mut subnets = alloc::vec![("node subnet", plan.node_subnet)];
    if let Some(p) = plan.pod_subnet {
        subnets.push(("pod subnet", p));
    }
    for o in &plan.other_subnets {
        subnets.push((o.role.label(), o.prefix));
    }
    subnets
}

/// Appends the prefixes of named subnets.
fn push_nets(out: &mut Vec<IpNet>, subnets: &[(&str, IpNet)]) {
    for &(_, net) in subnets {
        out.push(net);
    }
}

/// At most this many findings of overlapping pairs of one kind; one more says how many
/// pairs are left.
const PAIRS_LISTED: usize = 50;

/// At most this many names in one list of a message; "N more" for the rest.
const NAMES_LISTED: usize = 10;

/// The first [`NAMES_LISTED`] of `names`, then "N `more`" for the rest.
pub(crate) fn few(mut names: Vec<String>, more: &str) -> Vec<String> {
    if names.len() > NAMES_LISTED {
        let rest = names.len() - NAMES_LISTED;
        names.truncate(NAMES_LISTED);
        names.push(format!("{} {more}", n(rest as u128)));
    }
    names
}

/// Where the subnet at `k` of `all` (the VNet prefixes, the avoided ranges from `m`,
/// the subnets from `base`) could go instead: the lowest place in the first VNet prefix
/// (in the plan's order) with room for a prefix of its size, clear of every other
/// subnet and avoided range; copies of the subnet itself move with it. That is the
/// first block of at most its length in `cidr::free(v, used)` for the first VNet
/// prefix `v` that has one, `used` being every subnet not equal to it and every
/// avoided range; with the subnets and avoided ranges marked in `nest`, only what is
/// inside `v` and one prefix holding it matter. O(d n log n) for n prefixes of d
/// lengths.
fn free_place(all: &[IpNet], nest: &Nest, m: usize, base: usize, k: usize) -> Option<IpNet> {
    let y = &all[k];
    for (i, v) in all[..m].iter().enumerate() {
        // A copy of an earlier VNet prefix has no room it lacked; a smaller prefix than
        // the subnet has none either (nor does one inside the subnet, which moves).
        if nest.group(i) != i || v.prefix_len() > y.prefix_len() {
            continue;
        }
        let mut used: Vec<IpNet> = Vec::new();
        if let Some(p) = nest.first_above(i) {
            used.push(all[p]);
        }
        for e in nest.inside(i) {
            let p = e.1 as u64 as usize;
            if p >= m && (p < base || all[p] != *y) {
                used.push(all[p]);
            }
        }
        for block in &cidr::free(v, &used) {
            if block.prefix_len() <= y.prefix_len() {
                if let Ok(place) = IpNet::new(block.network(), y.prefix_len()) {
                    return Some(place);
                }
                break;
            }
        }
    }
    None
}

/// The subnet rules. `all` is the VNet prefixes, the avoided ranges, then `subnets`;
/// `nest` is theirs.
fn subnet_rules(
    plan: &Plan,
    subnets: &[(&'static str, IpNet)],
    all: &[IpNet],
    nest: &mut Nest,
    out: &mut Vec<Finding>,
) {
    let m = plan.vnet.len();
    let base = m + plan.avoid.len();
    // The first VNet prefix holding each subnet.
    nest.clear();
    for i in 0..m {
        nest.insert(i);
    }
    for (s, (what, net)) in subnets.iter().enumerate() {
        if net.addr().is_ipv6() {
            error(
                out,
                Code::Ipv6SingleStack,
                src::DUAL_STACK,
                format!("the {what} {net} is IPv6; AKS does not support single-stack IPv6"),
                format!("use an IPv4 {what}; dual-stack adds IPv6 on top of IPv4"),
            );
            continue;
        }
        if nest.first_holding(base + s).is_none() {
            error(
                out,
                Code::SubnetOutsideVnet,
                src::VNET_FAQ,
                format!(
                    "the {what} {net} is not inside the VNet ({})",
                    few(texts(&plan.vnet), "more").join(", ")
                ),
                format!("choose a {what} inside the VNet, or add its range to the VNet"),
            );
        }
        if net.prefix_len() > SMALLEST_SUBNET {
            error(
                out,
                Code::SubnetTooSmall,
                src::VNET_FAQ,
                format!(
                    "the {what} {net} is smaller than /{SMALLEST_SUBNET}, the smallest subnet Azure allows"
                ),
                format!("use a /{SMALLEST_SUBNET} or larger"),
            );
        }
    }
    for o in &plan.other_subnets {
        let Some(&(_, longest, severity, source, why)) =
            OTHER_SUBNET_SIZES.iter().find(|r| r.0 == o.role)
        else {
            continue;
        };
        if o.prefix.prefix_len() > longest && o.prefix.prefix_len() <= SMALLEST_SUBNET {
            let code = if severity == Severity::Error {
                Code::SubnetTooSmall
            } else {
                Code::SubnetBelowRecommended
            };
            push(
                out,
                severity,
                code,
                source,
                format!(
                    "the {} {} is a /{}; {why}",
                    o.role.label(),
                    o.prefix,
                    o.prefix.prefix_len()
                ),
                format!("use a /{longest} or larger"),
            );
        }
    }
    // Overlapping pairs of subnets, with the subnets only marked: how many (a pair is a
    // subnet and one holding it, or two equal ones), and which subnets are in one.
    nest.clear();
    for k in base..all.len() {
        nest.insert(k);
    }
    let mut pairs = 0;
    let mut paired = Vec::with_capacity(subnets.len());
    for k in base..all.len() {
        let (held, equal, inside) = nest.holding_count(k);
        pairs += 2 * held + equal - 1;
        paired.push(held > 0 || equal > 1 || inside);
    }
    let pairs = pairs / 2;
    if pairs == 0 {
        return;
    }
    // Then the avoided ranges too: what the fixes keep clear.
    for k in m..base {
        nest.insert(k);
    }
    // Every overlapping pair in the plan's order, the later subnet moving; at most
    // `PAIRS_LISTED` of them, which a scan finds early (a subnet paired only with
    // earlier ones was listed with them).
    let mut fix = String::new();
    let mut listed = 0;
    for i in 0..subnets.len() {
        if !paired[i] || listed == PAIRS_LISTED {
            continue;
        }
        for &k in &nest.overlapping(base + i) {
            if k <= base + i || listed == PAIRS_LISTED {
                continue;
            }
            let ((a, x), (b, y)) = (&subnets[i], &subnets[k - base]);
            fix = match free_place(all, nest, m, base, k) {
                Some(place) => format!("move the {b} to a free range, e.g. {place}"),
                None => format!(
                    "give the {b} its own range; the VNet has no free /{} left",
                    y.prefix_len()
                ),
            };
            error(
                out,
                Code::SubnetsOverlap,
                src::VNET_FAQ,
                format!("the {a} {x} and the {b} {y} overlap"),
                fix.clone(),
            );
            listed += 1;
        }
    }
    if pairs > listed {
        error(
            out,
            Code::SubnetsOverlap,
            src::VNET_FAQ,
            format!(
                "and {} more overlapping pairs of subnets; fix the ones above first",
                n((pairs - listed) as u128)
            ),
            fix,
        );
    }
}

fn service_rules(plan: &Plan, out: &mut Vec<Finding>) {
    let svc = plan.service_cidr;
    if svc.addr().is_ipv6() {
        error(
            out,
            Code::Ipv6SingleStack,
            src::DUAL_STACK,
            format!("the service CIDR {svc} is IPv6; AKS does not support single-stack IPv6"),
            "use an IPv4 service CIDR such as 10.0.0.0/16".into(),
        );
        return;
    }
    if svc.prefix_len() <= SERVICE_CIDR_MIN_PREFIX {
        error(
            out,
            Code::ServiceCidrTooLarge,
            src::IP_PLANNING,
            format!(
                "the service CIDR {svc} is a /{}; it must be smaller than /{SERVICE_CIDR_MIN_PREFIX} \
                 (the docs' wording is ambiguous, so /{SERVICE_CIDR_MIN_PREFIX} itself is treated as too large)",
                svc.prefix_len()
            ),
            "use a /16 or smaller service CIDR, e.g. 10.0.0.0/16".into(),
        );
    }
    let mut taken: Vec<IpNet> = plan.vnet.clone();
    push_nets(&mut taken, &plan_subnets(plan));
    if let Some(hit) = first_hit(&svc, &taken) {
        error(
            out,
            Code::ServiceCidrOverlapExistingSubnetsCidr,
            src::SERVICE_CIDR_OVERLAP_ERROR,
            format!("the service CIDR {svc} overlaps {hit} of the cluster VNet"),
            service_cidr_fix(plan),
        );
    } else if let Some(hit) = first_hit(&svc, &plan.avoid) {
        error(
            out,
            Code::ServiceCidrOverlapExistingSubnetsCidr,
            src::SERVICE_CIDR_OVERLAP_ERROR,
            format!("the service CIDR {svc} overlaps {hit}, a peered or on-premises range"),
            service_cidr_fix(plan),
        );
    }
    if let Some(r) = first_hit(&svc, &AKS_RESERVED) {
        error(
            out,
            Code::AksReservedRangeOverlap,
            src::CNI_OVERVIEW,
            format!("the service CIDR {svc} overlaps {r}, which every AKS cluster reserves"),
            format!("move the service CIDR out of {r}"),
        );
    }
}

/// A service CIDR of the same size that overlaps nothing in the plan, in 10.0.0.0/8.
fn service_cidr_fix(plan: &Plan) -> String {
    let mut used: Vec<IpNet> = plan.vnet.clone();
    push_nets(&mut used, &plan_subnets(plan));
    used.push(plan.pod_cidr);
    used.extend(plan.avoid.iter().copied());
    used.extend(AKS_RESERVED);
    let prefix = plan
        .service_cidr
        .prefix_len()
        .max(SERVICE_CIDR_MIN_PREFIX + 1);
    let candidate = PRIVATE_SPACES.iter().find_map(|space| {
        cidr::free(space, &used)
            .into_iter()
            .find(|b| b.prefix_len() <= prefix)
            .and_then(|b| IpNet::new(b.network(), prefix).ok())
    });
    match candidate {
        Some(c) => format!("use a service CIDR outside the VNet and peered ranges, e.g. {c}"),
        None => "use a service CIDR outside the VNet and peered ranges".into(),
    }
}

fn dns_rules(plan: &Plan, out: &mut Vec<Finding>) {
    let svc = plan.service_cidr;
    let dns = plan.dns_service_ip;
    let start = addr_value(&svc.network());
    let last = start + cidr::count(&svc).saturating_sub(1);
    let addr_at = |offset: u128| addr_at(&svc, offset);
    let conventional = if cidr::count(&svc) > DNS_CONVENTIONAL_OFFSET + 1 {
        addr_at(DNS_CONVENTIONAL_OFFSET)
    } else {
        addr_at(2)
    };
    let suggest = match conventional {
        Some(a) => format!("use {a}"),
        None => "use a larger service CIDR".into(),
    };
    let inside = cidr::contains(&svc, &IpNet::from(dns));
    if !inside {
        error(
            out,
            Code::DnsServiceIpOutOfServiceCidr,
            src::DNS_IP_ERROR,
            format!("the DNS service IP {dns} is outside the service CIDR {svc}"),
            suggest,
        );
        return;
    }
    let offset = addr_value(&dns) - start;
    let why = if offset == 0 {
        Some("is the network address of the service CIDR")
    } else if offset == 1 {
        Some(
            "is the first address of the service CIDR, which Kubernetes gives to kubernetes.default",
        )
    } else if dns.is_ipv4() && addr_value(&dns) == last {
        Some("is the broadcast address of the service CIDR")
    } else {
        None
    };
    if let Some(why) = why {
        error(
            out,
            Code::DnsServiceIpReserved,
            src::IP_PLANNING,
            format!("the DNS service IP {dns} {why}"),
            suggest,
        );
    } else if offset != DNS_CONVENTIONAL_OFFSET {
        info(
            out,
            Code::DnsServiceIpConvention,
            src::IP_PLANNING,
            format!(
                "the DNS service IP {dns} is valid, but by convention it is the .10 of the service CIDR"
            ),
            suggest,
        );
    }
}

fn pool_rules(plan: &Plan, out: &mut Vec<Finding>) {
    if plan.pools.len() > MAX_POOLS_PER_CLUSTER {
        error(
            out,
            Code::TooManyNodePools,
            src::AKS_LIMITS,
            format!(
                "the plan has {} node pools; AKS allows {MAX_POOLS_PER_CLUSTER} per cluster",
                plan.pools.len()
            ),
            "merge pools, or split the workload across clusters".into(),
        );
    }
    for pool in &plan.pools {
        let peak = pool.peak_nodes();
        if peak > MAX_NODES_PER_POOL {
            error(
                out,
                Code::PoolNodeLimit,
                src::UPGRADE,
                format!(
                    "pool \"{}\" peaks at {} nodes ({} plus {} surge); a node pool holds {}, and an upgrade that would exceed it is rejected",
                    pool.name,
                    n(peak.into()),
                    n(pool.max_count().into()),
                    n(pool.surge_nodes().into()),
                    n(MAX_NODES_PER_POOL.into())
                ),
                "split the pool in two, or lower its max nodes or max surge".into(),
            );
        }
    }
    let defaults = pools_where(plan, |p| p.max_surge.is_none());
    if !defaults.is_empty() {
        info(
            out,
            Code::DefaultMaxSurge,
            src::UPGRADE,
            format!(
                "pool{} {} use{} the AKS default max surge of 1 node (some newer pages say 10%; the planner follows 1); 33% is recommended for production",
                if defaults.len() == 1 { "" } else { "s" },
                pools_named(&defaults),
                if defaults.len() == 1 { "s" } else { "" },
            ),
            "set max surge explicitly, e.g. 33%, and size the subnets for it".into(),
        );
    }
}

// ---- per-model evaluation -----------------------------------------------------------

/// Where a model takes its pod addresses from, resolved for the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PodRange {
    /// Pods take node subnet addresses.
    None,
    /// A private pod CIDR, a /24 per node.
    Cidr(IpNet),
    /// A VNet pod subnet (missing when the plan gives none).
    Subnet(Option<IpNet>, Ipam),
}

fn evaluate_model(plan: &Plan, model: ModelId, plan_ok: bool) -> ModelReport {
    let facts = model.facts();
    let addressing = model.addressing(plan.cilium_ipam);
    let ipam = addressing.facts().ipam;
    let default_pods = u64::from(model.max_pods(plan.cilium_ipam).default);
    let pods_of = |p: &Pool| p.max_pods.unwrap_or(default_pods);
    let largest_pods = plan.pools.iter().map(pods_of).max().unwrap_or(default_pods);

    let range = match ipam {
        Ipam::PodCidr => PodRange::Cidr(plan.pod_cidr),
        Ipam::PodSubnetDynamic | Ipam::PodSubnetStatic => PodRange::Subnet(plan.pod_subnet, ipam),
        Ipam::NodeSubnet | Ipam::CiliumIpam => PodRange::None,
    };
    // Addresses one node takes in the node subnet and in the pod range, at `pods` max pods.
    let node_cost = |pods: u64| if range == PodRange::None { 1 + pods } else { 1 };
    let pod_cost = |pods: u64| match range {
        PodRange::None => 0,
        PodRange::Cidr(_) => 1 << (32 - POD_CIDR_BLOCK_PREFIX),
        PodRange::Subnet(_, Ipam::PodSubnetStatic) => {
            (pods + 1).div_ceil(STATIC_BLOCK) * STATIC_BLOCK
        }
        PodRange::Subnet(..) => pods.div_ceil(DYNAMIC_BATCH).max(1) * DYNAMIC_BATCH,
    };

    let other = plan.other_consumers();
    let peak = plan.peak_nodes();
    let node_required = plan
        .pools
        .iter()
        .map(|p| p.peak_nodes().saturating_mul(node_cost(pods_of(p))))
        .fold(other, u64::saturating_add);
    let pod_required = plan
        .pools
        .iter()
        .map(|p| p.peak_nodes().saturating_mul(pod_cost(pods_of(p))))
        .fold(0, u64::saturating_add);
    let node_available = usable(&plan.node_subnet);
    let pod_available = match range {
        PodRange::None | PodRange::Subnet(None, _) => 0,
        PodRange::Cidr(c) if c.prefix_len() > POD_CIDR_BLOCK_PREFIX || c.addr().is_ipv6() => 0,
        PodRange::Cidr(c) => size(&c),
        PodRange::Subnet(Some(s), _) => usable(&s),
    };

    // The largest cluster: nodes at the largest max pods, capped by the node limit.
    let node_cap = node_available.saturating_sub(other) / node_cost(largest_pods);
    let pod_cap = match range {
        PodRange::None => u64::MAX,
        _ => pod_available / pod_cost(largest_pods),
    };
    let max_nodes = node_cap.min(pod_cap).min(facts.node_limit.value);

    let headroom_of = |req: u64, avail: u64| {
        if avail == 0 {
            -1.0
        } else {
            (avail as f64 - req as f64) / avail as f64
        }
    };
    let mut headroom = headroom_of(node_required, node_available);
    if range != PodRange::None {
        headroom = headroom.min(headroom_of(pod_required, pod_available));
    }

    let mut findings = Vec::new();
    let ctx = ModelCtx {
        plan,
        model,
        peak,
        other,
    };
    ctx.node_subnet_capacity(node_required, node_available, &mut findings);
    match range {
        PodRange::None => {}
        PodRange::Cidr(c) => ctx.pod_cidr_rules(c, pod_required, pod_available, &mut findings),
        PodRange::Subnet(s, ipam) => {
            ctx.pod_subnet_rules(s, ipam, pod_required, pod_available, &mut findings)
        }
    }
    // Static blocks count against the VNet's private IP limit as one IP per /28 block
    // (AKS API reference, PodIPAllocationMode.StaticBlock).
    let pod_private_ips = match range {
        PodRange::Subnet(_, Ipam::PodSubnetStatic) => pod_required / STATIC_BLOCK,
        PodRange::Subnet(..) => pod_required,
        PodRange::None | PodRange::Cidr(_) => 0,
    };
    ctx.vnet_ip_limit(node_required, pod_private_ips, &mut findings);
    ctx.node_limits(&mut findings);
    ctx.max_pods_rules(&pods_of, ipam, &mut findings);
    ctx.feature_rules(&mut findings);

    let fits = plan_ok && !findings.iter().any(|f| f.severity == Severity::Error);
    ModelReport {
        model,
        fits,
        node_subnet_ips_required: node_required,
        node_subnet_ips_available: node_available,
        pod_ips_required: pod_required,
        pod_ips_available: pod_available,
        max_nodes,
        max_pods_total: max_nodes.saturating_mul(largest_pods),
        headroom,
        ipam: if model == ModelId::AzureCniCilium {
            cilium_ipam_words(plan)
        } else {
            ipam.describe()
        },
        node_subnet_ips_per_node: node_cost(largest_pods),
        pod_ips_per_node: pod_cost(largest_pods),
        node_subnet_ips_fixed: other,
        findings,
    }
}

fn cilium_ipam_words(plan: &Plan) -> &'static str {
    match plan.cilium_ipam {
        facts::CiliumIpam::Overlay => Ipam::PodCidr.describe(),
        facts::CiliumIpam::PodSubnet => Ipam::PodSubnetDynamic.describe(),
    }
}

struct ModelCtx<'a> {
    plan: &'a Plan,
    model: ModelId,
    peak: u64,
    other: u64,
}

impl ModelCtx<'_> {
    fn name(&self) -> &'static str {
        self.model.name()
    }

    fn low_headroom(&self, what: &str, net: &IpNet, req: u64, avail: u64, out: &mut Vec<Finding>) {
        if is_low_headroom(req, avail) {
            let left = (avail - req) as f64 / avail as f64 * 100.0;
            warning(
                out,
                Code::LowHeadroom,
                src::IP_PLANNING,
                format!(
                    "the {what} {net} is {}% full at the peak ({} of {} addresses); under {HEADROOM_WARNING_PERCENT}% is left for growth",
                    Fixed(100.0 - left, 0),
                    n(req.into()),
                    n(avail.into())
                ),
                subnet_fix_for_headroom(req),
            );
        }
    }

    fn node_subnet_capacity(&self, req: u64, avail: u64, out: &mut Vec<Finding>) {
        let subnet = self.plan.node_subnet;
        if req > avail {
            let per_node = if self.model.addressing(self.plan.cilium_ipam) == ModelId::AzureCni {
                format!(
                    "{} nodes at the peak, each with 1 + max pods addresses",
                    n(self.peak.into())
                )
            } else {
                format!("{} nodes at the peak", n(self.peak.into()))
            };
            let others = if self.other > 0 {
                format!(", plus {} other addresses", n(self.other.into()))
            } else {
                String::new()
            };
            error(
                out,
                Code::InsufficientSubnetSize,
                src::INSUFFICIENT_SUBNET_ERROR,
                format!(
                    "the node subnet {subnet} has {} usable addresses; {} needs {} ({per_node}{others})",
                    n(avail.into()),
                    self.name(),
                    n(req.into())
                ),
                subnet_fix(req, avail),
            );
        } else {
            self.low_headroom("node subnet", &subnet, req, avail, out);
        }
    }

    fn pod_cidr_rules(&self, c: IpNet, req: u64, avail: u64, out: &mut Vec<Finding>) {
        if c.addr().is_ipv6() {
            error(
                out,
                Code::Ipv6SingleStack,
                src::DUAL_STACK,
                format!("the pod CIDR {c} is IPv6; AKS does not support single-stack IPv6"),
                "use an IPv4 pod CIDR such as 10.244.0.0/16".into(),
            );
            return;
        }
        if let Some(v) = first_hit(&c, &self.plan.vnet) {
            error(
                out,
                Code::NetworkProfileCIDROverlapVNET,
                src::UPDATE_CNI,
                format!(
                    "the pod CIDR {c} overlaps the VNet range {v}; {} pod CIDRs must not overlap any of the VNet",
                    self.name()
                ),
                "use a pod CIDR outside the VNet, e.g. 10.244.0.0/16".into(),
            );
        }
        if cidr::overlaps(&c, &self.plan.service_cidr) {
            error(
                out,
                Code::PodCidrOverlap,
                src::IP_PLANNING,
                format!(
                    "the pod CIDR {c} overlaps the service CIDR {}",
                    self.plan.service_cidr
                ),
                "give pods and services separate ranges".into(),
            );
        }
        if let Some(a) = first_hit(&c, &self.plan.avoid) {
            error(
                out,
                Code::PodCidrOverlap,
                src::IP_PLANNING,
                format!("the pod CIDR {c} overlaps {a}, a peered or on-premises range"),
                format!("use a pod CIDR that does not overlap {a}"),
            );
        }
        if let Some(r) = first_hit(&c, &AKS_RESERVED) {
            error(
                out,
                Code::AksReservedRangeOverlap,
                src::CNI_OVERVIEW,
                format!("the pod CIDR {c} overlaps {r}, which every AKS cluster reserves"),
                format!("move the pod CIDR out of {r}, e.g. 10.244.0.0/16"),
            );
        }
        let blocks = avail >> (32 - POD_CIDR_BLOCK_PREFIX);
        if req > avail {
            let fix = match pod_cidr_prefix_for(self.peak) {
                Some(p) => format!(
                    "use a /{p} or larger pod CIDR ({} /24 blocks needed, {} available)",
                    n(self.peak.into()),
                    n(blocks.into())
                ),
                None => "no IPv4 pod CIDR holds that many /24 blocks; reduce the nodes".into(),
            };
            error(
                out,
                Code::InsufficientPodCidr,
                src::IP_PLANNING,
                format!(
                    "the pod CIDR {c} holds {} nodes (a /24 each); the plan peaks at {} nodes",
                    n(blocks.into()),
                    n(self.peak.into())
                ),
                fix,
            );
        } else {
            self.low_headroom("pod CIDR", &c, req, avail, out);
        }
    }

    fn pod_subnet_rules(
        &self,
        s: Option<IpNet>,
        ipam: Ipam,
        req: u64,
        avail: u64,
        out: &mut Vec<Finding>,
    ) {
        let source = if ipam == Ipam::PodSubnetStatic {
            src::STATIC_BLOCK
        } else {
            src::DYNAMIC_IP
        };
        let Some(s) = s else {
            error(
                out,
                Code::PodSubnetMissing,
                source,
                format!("{} needs a pod subnet, and the plan has none", self.name()),
                match cidr::smallest_prefix_for(req.into(), false) {
                    Some(p) => format!(
                        "add a pod subnet of /{p} or larger ({} addresses needed)",
                        n(req.into())
                    ),
                    None => "add a pod subnet".into(),
                },
            );
            return;
        };
        if req > avail {
            let unit = if ipam == Ipam::PodSubnetStatic {
                "/28 blocks of 16 (max pods + 1 per node)"
            } else {
                "batches of 16 up to each node's max pods"
            };
            let how = format!("{} nodes at the peak, in {unit}", n(self.peak.into()));
            error(
                out,
                Code::InsufficientSubnetSize,
                src::INSUFFICIENT_SUBNET_ERROR,
                format!(
                    "the pod subnet {s} has {} usable addresses; {} needs {} ({how})",
                    n(avail.into()),
                    self.name(),
                    n(req.into())
                ),
                subnet_fix(req, avail),
            );
        } else {
            self.low_headroom("pod subnet", &s, req, avail, out);
        }
    }

    fn vnet_ip_limit(&self, node_req: u64, pod_subnet_req: u64, out: &mut Vec<Finding>) {
        let total = node_req.saturating_add(pod_subnet_req);
        if total > VNET_PRIVATE_IPS {
            error(
                out,
                Code::VnetPrivateIpLimit,
                src::VNET_LIMITS,
                format!(
                    "{} would use {} private IPs of the VNet at the peak; a VNet holds {}",
                    self.name(),
                    n(total.into()),
                    n(VNET_PRIVATE_IPS.into())
                ),
                "lower max pods or nodes, or use Azure CNI Overlay, whose pod IPs are not VNet IPs"
                    .into(),
            );
        }
    }

    fn node_limits(&self, out: &mut Vec<Finding>) {
        let facts = self.model.facts();
        let limit = facts.node_limit;
        if self.peak > limit.value {
            error(
                out,
                Code::NodeLimitExceeded,
                limit.source,
                format!(
                    "the plan peaks at {} nodes (max counts plus surge); {}",
                    n(self.peak.into()),
                    limit.why
                ),
                format!(
                    "keep the peak at {} nodes or fewer, or choose another model",
                    n(limit.value.into())
                ),
            );
        }
        if let Some(pod_limit) = facts.pod_limit {
            let pods: u64 = self
                .plan
                .pools
                .iter()
                .map(|p| {
                    p.max_count().saturating_mul(p.max_pods.unwrap_or(u64::from(
                        self.model.max_pods(self.plan.cilium_ipam).default,
                    )))
                })
                .fold(0, u64::saturating_add);
            if pods > pod_limit.value {
                warning(
                    out,
                    Code::PodLimitExceeded,
                    pod_limit.source,
                    format!(
                        "the plan allows up to {} pods (max nodes x max pods); {}",
                        n(pods.into()),
                        pod_limit.why
                    ),
                    "lower max pods, or plan to stay under the limit".into(),
                );
            }
        }
    }

    fn max_pods_rules(&self, pods_of: &dyn Fn(&Pool) -> u64, ipam: Ipam, out: &mut Vec<Finding>) {
        let range = self.model.max_pods(self.plan.cilium_ipam);
        let (min, max) = (u64::from(range.min), u64::from(range.max));
        // Whether the waste of each max pods value in range is already reported.
        let mut waste_reported = alloc::vec![false; range.max as usize + 1];
        for pool in &self.plan.pools {
            let pods = pods_of(pool);
            if !(min..=max).contains(&pods) {
                error(
                    out,
                    Code::MaxPodsOutOfRange,
                    range.source,
                    format!(
                        "pool \"{}\" sets max pods {pods}; {} allows {min} to {max}",
                        pool.name,
                        self.name()
                    ),
                    format!("set max pods between {min} and {max}"),
                );
                continue;
            }
            if pods < MIN_PODS_PER_POOL && pool.nodes.saturating_mul(pods) < MIN_PODS_PER_POOL {
                error(
                    out,
                    Code::MaxPodsTooLowForPool,
                    range.source,
                    format!(
                        "pool \"{}\" has {} nodes x {pods} max pods = {} pods; max pods under 30 needs room for 30 pods in the pool",
                        pool.name,
                        pool.nodes,
                        pool.nodes.saturating_mul(pods)
                    ),
                    format!(
                        "set max pods to at least {} or add nodes",
                        MIN_PODS_PER_POOL.div_ceil(pool.nodes.max(1))
                    ),
                );
            }
            if pool.os == Os::Windows
                && ipam == Ipam::PodCidr
                && pods > WINDOWS_OVERLAY_MAX_PODS
                && self.model.facts().windows.is_supported()
            {
                warning(
                    out,
                    Code::WindowsMaxPods,
                    src::OVERLAY,
                    format!(
                        "Windows pool \"{}\" has max pods {pods}; {WINDOWS_OVERLAY_MAX_PODS} is the recommended maximum for Windows",
                        pool.name
                    ),
                    format!("set max pods to {WINDOWS_OVERLAY_MAX_PODS} or less on Windows pools"),
                );
            }
            if ipam == Ipam::PodSubnetStatic
                && (pods + 1) % STATIC_BLOCK != 0
                && !core::mem::replace(&mut waste_reported[pods as usize], true)
            {
                let blocks = (pods + 1).div_ceil(STATIC_BLOCK);
                let best = blocks * STATIC_BLOCK - 1;
                info(
                    out,
                    Code::StaticBlockWaste,
                    src::STATIC_BLOCK,
                    format!(
                        "max pods {pods} takes {blocks} /28 blocks per node ({} addresses, 1 kept for the node) and leaves {} unused",
                        blocks * STATIC_BLOCK,
                        best - pods
                    ),
                    format!("set max pods to {best} to use the blocks fully"),
                );
            }
        }
    }

    fn feature_rules(&self, out: &mut Vec<Finding>) {
        let facts = self.model.facts();
        let cilium = self.plan.cilium_ipam;
        let windows = pools_where(self.plan, |p| p.os == Os::Windows);
        if !windows.is_empty() && !self.model.support(Feature::Windows, cilium).is_supported() {
            error(
                out,
                Code::WindowsNotSupported,
                Feature::Windows.source(),
                format!(
                    "{} does not support Windows node pools ({} {})",
                    self.name(),
                    pools_named(&windows),
                    if windows.len() == 1 {
                        "is Windows"
                    } else {
                        "are Windows"
                    }
                ),
                "choose Azure CNI, Azure CNI Overlay or a Pod Subnet model for Windows pools"
                    .into(),
            );
        }
        if self.plan.requirements.dual_stack
            && !self
                .model
                .support(Feature::DualStack, cilium)
                .is_supported()
        {
            error(
                out,
                Code::DualStackNotSupported,
                src::DUAL_STACK,
                format!(
                    "{} does not support dual-stack IPv4/IPv6 in this plan",
                    self.name()
                ),
                "choose Azure CNI Overlay, or Cilium on overlay, for dual-stack".into(),
            );
        }
        if let Some(r) = facts.retirement {
            warning(
                out,
                Code::ModelRetirement,
                r.source,
                r.text.into(),
                "plan for Azure CNI Overlay; the migration is one way".into(),
            );
        }
        if self.plan.requirements.network_policy != PolicyNeed::None
            && facts.policy.contains(&PolicyEngine::AzureNpm)
        {
            let mut message = format!(
                "if you choose Azure NPM for network policy: {}",
                facts::AZURE_NPM_LINUX_RETIREMENT.text
            );
            if self.plan.needs_windows() {
                message.push_str(", and ");
                message.push_str(facts::AZURE_NPM_WINDOWS_RETIREMENT.text);
            }
            if self.peak > facts::AZURE_NPM_NODE_LIMIT.value {
                let _ = write!(
                    message,
                    "; {} and this plan peaks at {}",
                    facts::AZURE_NPM_NODE_LIMIT.why,
                    n(self.peak.into())
                );
            }
            let mut others = String::new();
            for e in facts
                .policy
                .iter()
                .filter(|e| **e != PolicyEngine::AzureNpm)
            {
                if !others.is_empty() {
                    others.push_str(" or ");
                }
                others.push_str(e.name());
            }
            info(
                out,
                Code::AzureNpmRetirement,
                src::NETWORK_POLICY,
                message,
                format!("use {others} instead"),
            );
        }
    }
}

fn subnet_fix_for_headroom(req: u64) -> String {
    // Enough for the peak with the warning's share left over.
    let want = req
        .saturating_mul(100)
        .div_ceil(100 - HEADROOM_WARNING_PERCENT);
    match cidr::smallest_prefix_for(want.into(), false) {
        Some(p) => format!("use a /{p} or larger to keep {HEADROOM_WARNING_PERCENT}% free"),
        None => "reduce nodes or max pods".into(),
    }
}

/// The subnet overlap rule against the plain O(n² log n) way of writing it: every pair
/// checked, and `cidr::free` worked out for each, on plans dense with overlaps.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod overlap_props {
    use super::*;
    use crate::plan::OtherSubnet;
    use proptest::prelude::*;

    /// A place for a subnet the size of `net` in the VNet, clear of every other subnet:
    /// the rule as first written.
    fn free_place_plainly(plan: &Plan, net: &IpNet, others: &[IpNet]) -> Option<IpNet> {
        let mut used: Vec<IpNet> = others.to_vec();
        used.extend(plan.avoid.iter().copied());
        plan.vnet.iter().find_map(|v| {
            let free = cidr::free(v, &used);
            let block = free
                .into_iter()
                .find(|b| b.prefix_len() <= net.prefix_len())?;
            IpNet::new(block.network(), net.prefix_len()).ok()
        })
    }

    /// The overlap findings as first written: every pair, then the cap.
    fn overlap_findings_plainly(plan: &Plan) -> Vec<(String, String)> {
        let subnets = plan_subnets(plan);
        let mut out = Vec::new();
        for (i, (a, x)) in subnets.iter().enumerate() {
            for (b, y) in &subnets[i + 1..] {
                if cidr::overlaps(x, y) {
                    let others: Vec<IpNet> = subnets
                        .iter()
                        .filter(|(_, n)| n != y)
                        .map(|(_, n)| *n)
                        .collect();
                    let fix = match free_place_plainly(plan, y, &others) {
                        Some(place) => format!("move the {b} to a free range, e.g. {place}"),
                        None => format!(
                            "give the {b} its own range; the VNet has no free /{} left",
                            y.prefix_len()
                        ),
                    };
                    out.push((format!("the {a} {x} and the {b} {y} overlap"), fix));
                }
            }
        }
        if out.len() > PAIRS_LISTED {
            let more = out.len() - PAIRS_LISTED;
            out.truncate(PAIRS_LISTED);
            let fix = out[PAIRS_LISTED - 1].1.clone();
            out.push((
                format!(
                    "and {} more overlapping pairs of subnets; fix the ones above first",
                    n(more as u128)
                ),
                fix,
            ));
        }
        out
    }

    /// The VNet overlap findings as first written: each prefix against every later one
    /// and every avoided range.
    fn vnet_findings_plainly(plan: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        for (i, v) in plan.vnet.iter().enumerate() {
            if let Some(r) = plan.avoid.iter().find(|r| cidr::overlaps(v, r)) {
                out.push(format!(
                    "VNet prefix {v} overlaps {r}, a peered or on-premises range"
                ));
            }
            if let Some(o) = plan.vnet[i + 1..].iter().find(|o| cidr::overlaps(v, o)) {
                out.push(format!("VNet prefixes {v} and {o} overlap"));
            }
        }
        out
    }

    /// Prefixes of 10.0.0.0/16 from /16 to /28, a few IPv6 ones and a few huge ones.
    fn prefix() -> impl Strategy<Value = IpNet> {
        let v4 = (any::<u16>(), 16u8..=28).prop_map(|(low, len)| {
            let addr = cidr::Ipv4Addr::from(0x0a00_0000 | u32::from(low & 0x3f3f));
            IpNet::V4(cidr::Ipv4Net::new_assert(addr, len).trunc())
        });
        let v6 = (any::<u8>(), 112u8..=124).prop_map(|(low, len)| {
            let addr = cidr::Ipv6Addr::from((0xfd00_u128 << 112) | (u128::from(low) << 8));
            IpNet::V6(cidr::Ipv6Net::new_assert(addr, len).trunc())
        });
        let huge = prop_oneof![Just("10.0.0.0/8"), Just("0.0.0.0/0"), Just("fd00::/8")]
            .prop_map(|s| cidr::parse_net(s).expect("a prefix"));
        prop_oneof![12 => v4, 2 => v6, 1 => huge]
    }

    /// A prefix, which of those drawn before it to repeat, and whether to (one in four).
    type Pick = (IpNet, proptest::sample::Index, u8);

    fn pick() -> impl Strategy<Value = Pick> {
        (prefix(), any::<proptest::sample::Index>(), 0u8..4)
    }

    /// A plan whose prefixes are drawn from `prefix()`, often repeating one another.
    fn plan() -> impl Strategy<Value = Plan> {
        let list = |max| proptest::collection::vec(pick(), 0..max);
        (
            list(5),
            list(13),
            list(4),
            pick(),
            proptest::option::of(pick()),
        )
            .prop_map(|(vnet, others, avoid, node, pod)| {
                let mut seen: Vec<IpNet> = Vec::new();
                let mut take = |(net, which, repeat): Pick| {
                    let net = if repeat == 0 && !seen.is_empty() {
                        seen[which.index(seen.len())]
                    } else {
                        net
                    };
                    seen.push(net);
                    net
                };
                let mut plan = Plan::default();
                plan.vnet = vnet.into_iter().map(&mut take).collect();
                if plan.vnet.is_empty() {
                    plan.vnet = alloc::vec![cidr::parse_net("10.0.0.0/16").expect("a prefix")];
                }
                plan.node_subnet = take(node);
                plan.pod_subnet = pod.map(&mut take);
                plan.other_subnets = others
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| OtherSubnet {
                        role: SubnetRole::ALL[i % SubnetRole::ALL.len()],
                        prefix: take(p),
                    })
                    .collect();
                plan.avoid = avoid.into_iter().map(&mut take).collect();
                plan
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn vnet_findings_agree_with_every_pair(plan in plan()) {
            let found: Vec<String> = plan_findings(&plan)
                .into_iter()
                .filter(|f| matches!(f.code, Code::VnetPrefixesOverlap | Code::VnetOverlapsAvoidedRange))
                .map(|f| f.message)
                .collect();
            prop_assert_eq!(found, vnet_findings_plainly(&plan));
        }

        #[test]
        fn overlap_findings_agree_with_every_pair(plan in plan()) {
            let found: Vec<(String, String)> = plan_findings(&plan)
                .into_iter()
                .filter(|f| f.code == Code::SubnetsOverlap)
                .map(|f| (f.message, f.fix))
                .collect();
            prop_assert_eq!(found, overlap_findings_plainly(&plan));
        }
    }
}
