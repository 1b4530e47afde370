//! The plan: what the user is planning, parsed and validated field by field from JSON.
//!
//! The JSON shape is the contract of `plan-format.md` (version 1). Parsing is strict:
//! an unknown field, a wrong type or an out-of-range number is an error that names the
//! field by its path (`pools[1].max_pods`), and a syntax error names the line and column.
//! Rules about how ranges relate to each other are not checked here: they are findings
//! of the evaluation, so a plan that breaks them can still be shown and fixed.
//!
//! ```
//! use aksnet_core::plan::Plan;
//!
//! let plan = Plan::from_json(r#"{
//!     "version": 1,
//!     "vnet": ["10.0.0.0/16"],
//!     "node_subnet": "10.0.0.0/22",
//!     "pools": [{ "name": "system", "nodes": 3 }]
//! }"#)?;
//! assert_eq!(plan.pod_cidr.to_string(), "10.244.0.0/16");
//! assert_eq!(plan.pools[0].max_count(), 3);
//! assert_eq!(Plan::from_json(&plan.to_json())?, plan);
//!
//! let err = Plan::from_json(r#"{"version": 1, "vnet": ["10.0.0.1/16"]}"#).unwrap_err();
//! assert_eq!(err.to_string(), "vnet[0]: 10.0.0.1/16 has host bits set; did you mean 10.0.0.0/16?");
//! # Ok::<(), aksnet_core::plan::PlanError>(())
//! ```

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::cidr::{self, IpAddr, IpNet};
use crate::facts::CiliumIpam;
use crate::json::{self, Value};
use crate::score::Criterion;

/// The plan format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Input bounds: larger input is refused with an error, never processed.
pub mod limits {
    /// Largest plan JSON accepted, in bytes.
    pub const MAX_PLAN_BYTES: usize = 1 << 20;
    /// Most node pools in a plan (AKS itself allows 100; the planner reports that).
    pub const MAX_POOLS: usize = 1_000;
    /// Most prefixes in `vnet` or in `avoid`.
    pub const MAX_PREFIXES: usize = 1_000;
    /// Largest node count of one pool the planner will compute with.
    pub const MAX_NODES: u64 = 100_000;
    /// Largest max pods value the planner will compute with.
    pub const MAX_PODS: u64 = 10_000;
    /// Largest count of other node-subnet consumers (load balancer IPs, endpoints).
    pub const MAX_CONSUMERS: u64 = 1_000_000;
    /// Longest pool name.
    pub const MAX_NAME: usize = 64;
    /// Largest surge in nodes.
    pub const MAX_SURGE_NODES: u64 = MAX_NODES;
}

/// Why a plan could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanError {
    /// The input is larger than [`limits::MAX_PLAN_BYTES`].
    TooLarge {
        /// Size of the input.
        bytes: usize,
    },
    /// The input is not JSON.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// A field has a wrong type, an out-of-range value, or should not be there.
    Field {
        /// Path of the field, e.g. `pools[1].max_pods`; empty for the whole plan.
        path: String,
        /// What kind of problem it is.
        kind: FieldProblem,
        /// What is wrong, in plain words.
        problem: String,
    },
}

/// What kind of problem a field has: the stable part of a [`PlanError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldProblem {
    /// A field the format does not have.
    UnknownField,
    /// A field the AKS API no longer has.
    RemovedField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A number outside its range, or text longer than allowed.
    OutOfRange,
    /// A required field is missing.
    Required,
    /// Not a valid CIDR prefix.
    InvalidPrefix,
    /// Not a valid IP address.
    InvalidAddress,
    /// Not one of the accepted values, or malformed text.
    InvalidValue,
    /// An empty list or name where one is needed.
    Empty,
    /// More items than the format allows.
    TooMany,
    /// A name given twice.
    Duplicate,
    /// Values that contradict each other.
    Inconsistent,
    /// A format version this build does not read.
    UnsupportedVersion,
}

impl FieldProblem {
    /// The stable code, e.g. `UnknownField`.
    pub const fn code(self) -> &'static str {
        match self {
            FieldProblem::UnknownField => "UnknownField",
            FieldProblem::RemovedField => "RemovedField",
            FieldProblem::WrongType => "WrongType",
            FieldProblem::OutOfRange => "OutOfRange",
            FieldProblem::Required => "Required",
            FieldProblem::InvalidPrefix => "InvalidPrefix",
            FieldProblem::InvalidAddress => "InvalidAddress",
            FieldProblem::InvalidValue => "InvalidValue",
            FieldProblem::Empty => "Empty",
            FieldProblem::TooMany => "TooMany",
            FieldProblem::Duplicate => "Duplicate",
            FieldProblem::Inconsistent => "Inconsistent",
            FieldProblem::UnsupportedVersion => "UnsupportedVersion",
        }
    }
}

impl PlanError {
    /// The error of the field at `path`: `problem` in words, and its kind. Never inlined:
    /// every reader calls it, and a copy at each call costs bytes in the browser bundle.
    #[inline(never)]
    fn field(path: &str, problem: impl Into<String>, kind: FieldProblem) -> PlanError {
        PlanError::Field {
            path: path.to_owned(),
            kind,
            problem: problem.into(),
        }
    }

    /// A stable code for the kind of error: `PlanTooLarge`, `PlanSyntax`, or the
    /// field problem's code.
    pub fn code(&self) -> &'static str {
        match self {
            PlanError::TooLarge { .. } => "PlanTooLarge",
            PlanError::Syntax { .. } => "PlanSyntax",
            PlanError::Field { kind, .. } => kind.code(),
        }
    }

    /// The field path this error is about, if it is about one field.
    pub fn path(&self) -> Option<&str> {
        match self {
            PlanError::Field { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::TooLarge { bytes } => write!(
                f,
                "the plan is {} bytes; the limit is {} bytes",
                cidr::group_thousands(*bytes as u128),
                cidr::group_thousands(limits::MAX_PLAN_BYTES as u128)
            ),
            PlanError::Syntax {
                line,
                column,
                message,
            } => {
                write!(f, "line {line}, column {column}: {message}")
            }
            PlanError::Field { path, problem, .. } if path.is_empty() => f.write_str(problem),
            PlanError::Field { path, problem, .. } => write!(f, "{path}: {problem}"),
        }
    }
}

impl core::error::Error for PlanError {}

/// A node pool's operating system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Os {
    /// Linux (the default).
    #[default]
    Linux,
    /// Windows.
    Windows,
}

impl Os {
    /// Identifier used in plans.
    pub const fn id(self) -> &'static str {
        match self {
            Os::Linux => "linux",
            Os::Windows => "windows",
        }
    }
}

/// A pool's max surge during upgrades.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surge {
    /// A number of extra nodes.
    Nodes(u64),
    /// A percentage of the pool's nodes, rounded up to whole nodes.
    Percent(u64),
}

impl Surge {
    /// AKS's default: one node (`upgrade-aks-node-pools-rolling`; some pages say 10%).
    pub const DEFAULT: Surge = Surge::Nodes(1);

    /// Surge nodes for a pool of `nodes` nodes.
    pub fn nodes(self, nodes: u64) -> u64 {
        match self {
            Surge::Nodes(n) => n,
            Surge::Percent(p) => (nodes * p).div_ceil(100),
        }
    }

    /// Parse `"3"` or `"33%"`.
    pub fn parse(s: &str) -> Result<Surge, String> {
        let t = s.trim();
        let (digits, percent) = match t.strip_suffix('%') {
            Some(d) => (d, true),
            None => (t, false),
        };
        let bad = || {
            format!(
                "\"{s}\" is not a surge; expected a node count such as \"1\" or a percentage such as \"33%\""
            )
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 7 {
            return Err(bad());
        }
        let n: u64 = digits.parse().map_err(|_| bad())?;
        if percent {
            if !(1..=100).contains(&n) {
                return Err(format!("{n}% is out of range (1% to 100%)"));
            }
            Ok(Surge::Percent(n))
        } else {
            if n > limits::MAX_SURGE_NODES {
                return Err(format!(
                    "{} surge nodes is out of range (0 to {})",
                    cidr::group_thousands(n as u128),
                    cidr::group_thousands(limits::MAX_SURGE_NODES as u128)
                ));
            }
            Ok(Surge::Nodes(n))
        }
    }
}

impl fmt::Display for Surge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Surge::Nodes(n) => write!(f, "{n}"),
            Surge::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// A node pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    /// Pool name, unique in the plan.
    pub name: String,
    /// Operating system.
    pub os: Os,
    /// Current node count (the autoscaler's min count when it is on).
    pub nodes: u64,
    /// The autoscaler's max count; `None` means no autoscaler, the same as `nodes`.
    pub max_nodes: Option<u64>,
    /// Max pods per node; `None` means each model's own default.
    pub max_pods: Option<u64>,
    /// Max surge; `None` means the AKS default, [`Surge::DEFAULT`].
    pub max_surge: Option<Surge>,
}

impl Pool {
    /// A Linux pool with defaults for everything but its name and node count.
    pub fn new(name: &str, nodes: u64) -> Pool {
        Pool {
            name: name.to_owned(),
            os: Os::Linux,
            nodes,
            max_nodes: None,
            max_pods: None,
            max_surge: None,
        }
    }

    /// The most nodes the pool can have outside an upgrade.
    pub fn max_count(&self) -> u64 {
        self.max_nodes.unwrap_or(self.nodes).max(self.nodes)
    }

    /// Surge nodes at the pool's max count.
    pub fn surge_nodes(&self) -> u64 {
        self.max_surge
            .unwrap_or(Surge::DEFAULT)
            .nodes(self.max_count())
    }

    /// Nodes at the peak: max count plus surge.
    pub fn peak_nodes(&self) -> u64 {
        self.max_count() + self.surge_nodes()
    }
}

/// What another subnet of the VNet is for: subnets the cluster must keep clear of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubnetRole {
    /// API server VNet integration (delegated).
    ApiServer,
    /// Azure Firewall (`AzureFirewallSubnet`).
    Firewall,
    /// Azure Bastion (`AzureBastionSubnet`).
    Bastion,
    /// A VPN or ExpressRoute gateway (`GatewaySubnet`).
    Gateway,
    /// Application Gateway.
    AppGateway,
    /// Any other subnet.
    Other,
}

impl SubnetRole {
    /// Every role, in form order.
    pub const ALL: [SubnetRole; 6] = [
        SubnetRole::ApiServer,
        SubnetRole::Firewall,
        SubnetRole::Bastion,
        SubnetRole::Gateway,
        SubnetRole::AppGateway,
        SubnetRole::Other,
    ];

    /// Identifier used in plans.
    pub const fn id(self) -> &'static str {
        match self {
            SubnetRole::ApiServer => "api-server",
            SubnetRole::Firewall => "firewall",
            SubnetRole::Bastion => "bastion",
            SubnetRole::Gateway => "gateway",
            SubnetRole::AppGateway => "app-gateway",
            SubnetRole::Other => "other",
        }
    }

    /// The subnet's name in words (Azure's required name where it has one).
    pub const fn label(self) -> &'static str {
        match self {
            SubnetRole::ApiServer => "API server subnet",
            SubnetRole::Firewall => "AzureFirewallSubnet",
            SubnetRole::Bastion => "AzureBastionSubnet",
            SubnetRole::Gateway => "GatewaySubnet",
            SubnetRole::AppGateway => "Application Gateway subnet",
            SubnetRole::Other => "other subnet",
        }
    }
}

/// Another subnet of the VNet, which the cluster's subnets must not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherSubnet {
    /// What it is for.
    pub role: SubnetRole,
    /// Its prefix.
    pub prefix: IpNet,
}

/// Which network policy engine the user needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PolicyNeed {
    /// No network policy.
    #[default]
    None,
    /// Any engine.
    Any,
    /// Calico specifically.
    Calico,
    /// Cilium specifically.
    Cilium,
}

impl PolicyNeed {
    /// Every value, in form order.
    pub const ALL: [PolicyNeed; 4] = [
        PolicyNeed::None,
        PolicyNeed::Any,
        PolicyNeed::Calico,
        PolicyNeed::Cilium,
    ];

    /// Identifier used in plans.
    pub const fn id(self) -> &'static str {
        match self {
            PolicyNeed::None => "none",
            PolicyNeed::Any => "any",
            PolicyNeed::Calico => "calico",
            PolicyNeed::Cilium => "cilium",
        }
    }

    /// Words for a form.
    pub const fn label(self) -> &'static str {
        match self {
            PolicyNeed::None => "None needed",
            PolicyNeed::Any => "Any engine",
            PolicyNeed::Calico => "Calico",
            PolicyNeed::Cilium => "Cilium",
        }
    }
}

/// Hard needs: a model that cannot meet one is excluded from the recommendation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Requirements {
    /// Windows node pools (also implied by any pool with `os: windows`).
    pub windows: bool,
    /// Pod IPs reachable from the VNet and on-premises without NAT.
    pub pod_ips_routable: bool,
    /// Dual-stack IPv4/IPv6.
    pub dual_stack: bool,
    /// A network policy engine.
    pub network_policy: PolicyNeed,
    /// Virtual nodes (ACI).
    pub virtual_nodes: bool,
    /// L7 or FQDN network policy.
    pub l7_policy: bool,
    /// eBPF-based observability.
    pub ebpf_observability: bool,
}

/// A yes/no requirement, for forms and messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// [`Requirements::windows`].
    Windows,
    /// [`Requirements::pod_ips_routable`].
    PodIpsRoutable,
    /// [`Requirements::dual_stack`].
    DualStack,
    /// [`Requirements::virtual_nodes`].
    VirtualNodes,
    /// [`Requirements::l7_policy`].
    L7Policy,
    /// [`Requirements::ebpf_observability`].
    EbpfObservability,
}

impl Requirement {
    /// Every yes/no requirement, in form order.
    pub const ALL: [Requirement; 6] = [
        Requirement::Windows,
        Requirement::PodIpsRoutable,
        Requirement::DualStack,
        Requirement::VirtualNodes,
        Requirement::L7Policy,
        Requirement::EbpfObservability,
    ];

    /// The plan-format name.
    pub const fn id(self) -> &'static str {
        match self {
            Requirement::Windows => "windows",
            Requirement::PodIpsRoutable => "pod_ips_routable",
            Requirement::DualStack => "dual_stack",
            Requirement::VirtualNodes => "virtual_nodes",
            Requirement::L7Policy => "l7_policy",
            Requirement::EbpfObservability => "ebpf_observability",
        }
    }

    /// A label for a checkbox.
    pub const fn label(self) -> &'static str {
        match self {
            Requirement::Windows => "Windows node pools",
            Requirement::PodIpsRoutable => "Pod IPs reachable from the VNet and on-premises",
            Requirement::DualStack => "Dual-stack IPv4/IPv6",
            Requirement::VirtualNodes => "Virtual nodes (ACI)",
            Requirement::L7Policy => "L7 or FQDN network policy",
            Requirement::EbpfObservability => "eBPF observability",
        }
    }
}

impl Requirements {
    /// Whether a yes/no requirement is set.
    pub const fn get(&self, r: Requirement) -> bool {
        match r {
            Requirement::Windows => self.windows,
            Requirement::PodIpsRoutable => self.pod_ips_routable,
            Requirement::DualStack => self.dual_stack,
            Requirement::VirtualNodes => self.virtual_nodes,
            Requirement::L7Policy => self.l7_policy,
            Requirement::EbpfObservability => self.ebpf_observability,
        }
    }

    /// Set a yes/no requirement.
    pub fn set(&mut self, r: Requirement, on: bool) {
        let field = match r {
            Requirement::Windows => &mut self.windows,
            Requirement::PodIpsRoutable => &mut self.pod_ips_routable,
            Requirement::DualStack => &mut self.dual_stack,
            Requirement::VirtualNodes => &mut self.virtual_nodes,
            Requirement::L7Policy => &mut self.l7_policy,
            Requirement::EbpfObservability => &mut self.ebpf_observability,
        };
        *field = on;
    }
}

/// Weights from 0 to 5 over the scoring criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Priorities([u8; Criterion::ALL.len()]);

impl Priorities {
    /// The largest weight.
    pub const MAX: u8 = 5;

    /// The weight of a criterion.
    pub const fn get(&self, c: Criterion) -> u8 {
        self.0[c as usize]
    }

    /// Set the weight of a criterion, capped at [`Priorities::MAX`].
    pub fn set(&mut self, c: Criterion, weight: u8) {
        self.0[c as usize] = weight.min(Self::MAX);
    }

    /// Weights from a list of (criterion, weight); criteria not listed get 0.
    pub fn from_weights(weights: &[(Criterion, u8)]) -> Priorities {
        let mut p = Priorities([0; Criterion::ALL.len()]);
        for &(c, w) in weights {
            p.set(c, w);
        }
        p
    }
}

impl Default for Priorities {
    fn default() -> Self {
        let mut p = Priorities([0; Criterion::ALL.len()]);
        for c in Criterion::ALL {
            p.set(c, c.default_weight());
        }
        p
    }
}

/// The plan: the ranges and node pools of one AKS cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// VNet address space, one or more prefixes.
    pub vnet: Vec<IpNet>,
    /// The subnet of all node pools.
    pub node_subnet: IpNet,
    /// Pod subnet for the Pod Subnet models (and Cilium on a pod subnet).
    pub pod_subnet: Option<IpNet>,
    /// Private pod CIDR for kubenet, overlay and Cilium on overlay.
    pub pod_cidr: IpNet,
    /// Kubernetes service range.
    pub service_cidr: IpNet,
    /// The cluster DNS service IP.
    pub dns_service_ip: IpAddr,
    /// Node pools.
    pub pools: Vec<Pool>,
    /// Internal load balancer front-end IPs taken from the node subnet.
    pub internal_lb_ips: u64,
    /// Private endpoints placed in the node subnet.
    pub private_endpoints: u64,
    /// Peered VNet, hub and on-premises ranges nothing may overlap.
    pub avoid: Vec<IpNet>,
    /// Other subnets of the VNet: API server, firewall, bastion, gateways.
    pub other_subnets: Vec<OtherSubnet>,
    /// Cilium's IPAM mode.
    pub cilium_ipam: CiliumIpam,
    /// Hard needs of the scoring.
    pub requirements: Requirements,
    /// Weights of the scoring.
    pub priorities: Priorities,
}

/// Defaults of the plan format (`aks-rules.md` section 10).
pub mod defaults {
    /// Pod CIDR when the plan gives none.
    pub const POD_CIDR: &str = "10.244.0.0/16";
    /// Service CIDR when the plan gives none.
    pub const SERVICE_CIDR: &str = "10.0.0.0/16";
    /// DNS service IP when the plan gives none.
    pub const DNS_SERVICE_IP: &str = "10.0.0.10";
    /// The planner's starting VNet.
    pub const VNET: &str = "10.0.0.0/16";
    /// The planner's starting node subnet.
    pub const NODE_SUBNET: &str = "10.0.0.0/22";
    /// The planner's starting pod subnet.
    pub const POD_SUBNET: &str = "10.0.64.0/18";
}

impl Default for Plan {
    /// The planner's starting example: a /16 VNet with a /22 node subnet and a /18 pod
    /// subnet, and one pool of 3. Its service CIDR is moved out of the VNet (10.0.0.0/16
    /// is both defaults).
    fn default() -> Self {
        Plan {
            vnet: alloc::vec![net(defaults::VNET)],
            node_subnet: net(defaults::NODE_SUBNET),
            pod_subnet: Some(net(defaults::POD_SUBNET)),
            pod_cidr: net(defaults::POD_CIDR),
            service_cidr: net("10.1.0.0/16"),
            dns_service_ip: IpAddr::V4(core::net::Ipv4Addr::new(10, 1, 0, 10)),
            pools: alloc::vec![Pool::new("system", 3)],
            internal_lb_ips: 0,
            private_endpoints: 0,
            avoid: Vec::new(),
            other_subnets: Vec::new(),
            cilium_ipam: CiliumIpam::Overlay,
            requirements: Requirements::default(),
            priorities: Priorities::default(),
        }
    }
}

/// Parse a constant prefix; only for the built-in defaults above, which are valid. Read
/// by [`cidr::parse_net`] so the bundle has one prefix parser.
fn net(s: &str) -> IpNet {
    cidr::parse_net(s).unwrap_or(IpNet::V4(ipnet::Ipv4Net::default()))
}

// ---- reading JSON -------------------------------------------------------------------

const PLAN_FIELDS: &[&str] = &[
    "version",
    "vnet",
    "node_subnet",
    "pod_subnet",
    "pod_cidr",
    "service_cidr",
    "dns_service_ip",
    "pools",
    "internal_lb_ips",
    "private_endpoints",
    "avoid",
    "other_subnets",
    "cilium_ipam",
    "requirements",
    "priorities",
];
const POOL_FIELDS: &[&str] = &["name", "os", "nodes", "max_nodes", "max_pods", "max_surge"];

/// Fields that were in the AKS API once and are gone: a helpful word instead of "unknown".
const REMOVED_FIELDS: &[(&str, &str)] = &[(
    "docker_bridge_cidr",
    "the Docker bridge CIDR was removed from the AKS API in 2023; delete this field",
)];

/// One JSON object being read, with its path for error messages.
struct Obj<'a> {
    path: String,
    map: &'a Value,
}

impl<'a> Obj<'a> {
    fn new(path: String, v: &'a Value, allowed: &[&str]) -> Result<Obj<'a>, PlanError> {
        let Value::Object(members) = v else {
            return Err(wrong_type(&path, "an object", v));
        };
        let obj = Obj { path, map: v };
        // The first unknown key in sorted order, as the keys of serde_json's map came.
        let mut unknown: Option<&str> = None;
        for (key, _) in members {
            if !allowed.contains(&key.as_str()) && unknown.is_none_or(|u| key.as_str() < u) {
                unknown = Some(key);
            }
        }
        if let Some(key) = unknown {
            {
                let p = obj.child(key);
                if let Some((_, why)) = REMOVED_FIELDS.iter().find(|(k, _)| *k == key) {
                    return Err(PlanError::field(&p, *why, FieldProblem::RemovedField));
                }
                let hint = match closest(key, allowed) {
                    Some(c) => format!("; did you mean {c}?"),
                    None => format!("; expected one of {}", allowed.join(", ")),
                };
                return Err(PlanError::field(
                    &p,
                    format!("unknown field{hint}"),
                    FieldProblem::UnknownField,
                ));
            }
        }
        Ok(obj)
    }

    fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The field's value, treating `null` as absent.
    fn get(&self, key: &str) -> Option<(&'a Value, String)> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some((v, self.child(key))),
        }
    }

    fn required(&self, key: &str) -> Result<(&'a Value, String), PlanError> {
        self.get(key).ok_or_else(|| {
            PlanError::field(&self.child(key), "is required", FieldProblem::Required)
        })
    }

    fn net_or(&self, key: &str, default: &str) -> Result<IpNet, PlanError> {
        match self.get(key) {
            Some((v, p)) => read_net(v, &p),
            None => Ok(net(default)),
        }
    }

    fn count_or(&self, key: &str, default: u64, max: u64) -> Result<u64, PlanError> {
        match self.get(key) {
            Some((v, p)) => read_uint(v, &p, 0, max),
            None => Ok(default),
        }
    }

    fn bool_or_false(&self, key: &str) -> Result<bool, PlanError> {
        match self.get(key) {
            Some((Value::Bool(b), _)) => Ok(*b),
            Some((v, p)) => Err(wrong_type(&p, "true or false", v)),
            None => Ok(false),
        }
    }

    /// The value of `values` whose id in `ids` (in the same order) the field `key`
    /// names, or `default` if it is not set.
    fn choice<T: Copy>(
        &self,
        key: &str,
        ids: &[&str],
        values: &[T],
        default: T,
    ) -> Result<T, PlanError> {
        Ok(self.choice_index(key, ids)?.map_or(default, |i| values[i]))
    }

    /// Which of `ids` the field `key` names, if it is set: the part of [`Obj::choice`]
    /// that does not depend on the choices' type, so that it is not copied for each.
    #[inline(never)]
    fn choice_index(&self, key: &str, ids: &[&str]) -> Result<Option<usize>, PlanError> {
        let Some((v, p)) = self.get(key) else {
            return Ok(None);
        };
        let s = read_str(v, &p)?;
        match ids.iter().position(|id| *id == s) {
            Some(i) => Ok(Some(i)),
            None => Err(PlanError::field(
                &p,
                format!("\"{s}\" is not one of {}", ids.join(", ")),
                FieldProblem::InvalidValue,
            )),
        }
    }
}

/// The error of a value of the wrong JSON type at `path`: "expected `what`, got ...".
#[inline(never)]
fn wrong_type(path: &str, what: &str, v: &Value) -> PlanError {
    PlanError::field(
        path,
        format!("expected {what}, got {}", kind(v)),
        FieldProblem::WrongType,
    )
}

/// The error of a list at `path` longer than `limit`: "has N `what`; the limit is M".
#[inline(never)]
fn too_many(path: &str, len: usize, what: &str, limit: usize) -> PlanError {
    PlanError::field(
        path,
        format!("has {len} {what}; the limit is {limit}"),
        FieldProblem::TooMany,
    )
}

fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) if n.len() > 40 => "a long number".to_owned(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a long string".to_owned(),
        Value::String(s) => {
            // Quoted as JSON quotes it (the plan is JSON), not with `escape_debug`, which
            // would bring the standard library's escaping and Unicode tables (about 4 KB)
            // into the browser bundle.
            let mut quoted = json::Writer::new(false);
            quoted.str(s);
            format!("the string {}", quoted.finish())
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn read_str<'a>(v: &'a Value, path: &str) -> Result<&'a str, PlanError> {
    v.as_str().ok_or_else(|| wrong_type(path, "a string", v))
}

fn read_net(v: &Value, path: &str) -> Result<IpNet, PlanError> {
    cidr::parse_net(read_str(v, path)?)
        .map_err(|e| PlanError::field(path, e.to_string(), FieldProblem::InvalidPrefix))
}

fn read_addr(v: &Value, path: &str) -> Result<IpAddr, PlanError> {
    cidr::parse_addr(read_str(v, path)?)
        .map_err(|e| PlanError::field(path, e.to_string(), FieldProblem::InvalidAddress))
}

fn read_uint(v: &Value, path: &str, min: u64, max: u64) -> Result<u64, PlanError> {
    let range = || {
        format!(
            "expected a whole number from {} to {}, got {}",
            cidr::group_thousands(min as u128),
            cidr::group_thousands(max as u128),
            kind(v)
        )
    };
    match v.as_u64() {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ if !v.is_number() => Err(PlanError::field(path, range(), FieldProblem::WrongType)),
        _ => Err(PlanError::field(path, range(), FieldProblem::OutOfRange)),
    }
}

fn read_nets(v: &Value, path: &str, min_len: usize) -> Result<Vec<IpNet>, PlanError> {
    let Value::Array(items) = v else {
        return Err(wrong_type(path, "a list of prefixes", v));
    };
    if items.len() < min_len {
        return Err(PlanError::field(
            path,
            "needs at least one prefix",
            FieldProblem::Empty,
        ));
    }
    if items.len() > limits::MAX_PREFIXES {
        return Err(too_many(
            path,
            items.len(),
            "prefixes",
            limits::MAX_PREFIXES,
        ));
    }
    let mut nets = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        nets.push(read_net(item, &format!("{path}[{i}]"))?);
    }
    Ok(nets)
}

/// The allowed name closest to `key` by edit distance, if it is close enough to be a typo.
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    // The first of the closest, as `min_by_key` would pick.
    let mut best: Option<(usize, &'a str)> = None;
    for &a in allowed {
        let d = edit_distance(key, a);
        if d <= 2.max(a.len() / 4) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, a));
        }
    }
    best.map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let mut chars: Vec<char> = Vec::with_capacity(b.len());
    for c in b.chars() {
        chars.push(c);
    }
    let b = chars;
    let mut row: Vec<usize> = Vec::with_capacity(b.len() + 1);
    for j in 0..=b.len() {
        row.push(j);
    }
    for (i, ca) in a.chars().take(64).enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn read_pool(v: &Value, path: String) -> Result<Pool, PlanError> {
    let o = Obj::new(path, v, POOL_FIELDS)?;
    let (name_v, name_p) = o.required("name")?;
    let name = read_str(name_v, &name_p)?.trim();
    if name.is_empty() {
        return Err(PlanError::field(
            &name_p,
            "must not be empty",
            FieldProblem::Empty,
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(PlanError::field(
            &name_p,
            "must not contain control characters such as line breaks",
            FieldProblem::InvalidValue,
        ));
    }
    if name.chars().count() > limits::MAX_NAME {
        return Err(PlanError::field(
            &name_p,
            format!("is longer than {} characters", limits::MAX_NAME),
            FieldProblem::OutOfRange,
        ));
    }
    let (nodes_v, nodes_p) = o.required("nodes")?;
    let nodes = read_uint(nodes_v, &nodes_p, 0, limits::MAX_NODES)?;
    let max_nodes = match o.get("max_nodes") {
        Some((v, p)) => {
            let m = read_uint(v, &p, 0, limits::MAX_NODES)?;
            if m < nodes {
                return Err(PlanError::field(
                    &p,
                    format!(
                        "{m} is less than nodes ({nodes}); the autoscaler's max count must be at least its node count"
                    ),
                    FieldProblem::Inconsistent,
                ));
            }
            Some(m)
        }
        None => None,
    };
    let max_pods = match o.get("max_pods") {
        Some((v, p)) => Some(read_uint(v, &p, 1, limits::MAX_PODS)?),
        None => None,
    };
    let max_surge = match o.get("max_surge") {
        Some((v, p)) => Some(
            Surge::parse(read_str(v, &p)?)
                .map_err(|e| PlanError::field(&p, e, FieldProblem::InvalidValue))?,
        ),
        None => None,
    };
    Ok(Pool {
        name: name.to_owned(),
        os: o.choice(
            "os",
            &["linux", "windows"],
            &[Os::Linux, Os::Windows],
            Os::Linux,
        )?,
        nodes,
        max_nodes,
        max_pods,
        max_surge,
    })
}

fn read_other_subnets(v: &Value, path: &str) -> Result<Vec<OtherSubnet>, PlanError> {
    let Value::Array(items) = v else {
        return Err(wrong_type(path, "a list of subnets", v));
    };
    if items.len() > limits::MAX_PREFIXES {
        return Err(too_many(path, items.len(), "subnets", limits::MAX_PREFIXES));
    }
    let roles = SubnetRole::ALL.map(SubnetRole::id);
    let mut subnets = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let o = Obj::new(format!("{path}[{i}]"), item, &["role", "prefix"])?;
        let (pv, pp) = o.required("prefix")?;
        subnets.push(OtherSubnet {
            role: o.choice("role", &roles, &SubnetRole::ALL, SubnetRole::Other)?,
            prefix: read_net(pv, &pp)?,
        });
    }
    Ok(subnets)
}

/// The fields of `requirements`: each [`Requirement::id`], then `network_policy`.
const REQUIREMENT_FIELDS: [&str; Requirement::ALL.len() + 1] = {
    let mut fields = ["network_policy"; Requirement::ALL.len() + 1];
    let mut i = 0;
    while i < Requirement::ALL.len() {
        fields[i] = Requirement::ALL[i].id();
        i += 1;
    }
    fields
};

fn read_requirements(o: &Obj<'_>) -> Result<Requirements, PlanError> {
    let Some((v, p)) = o.get("requirements") else {
        return Ok(Requirements::default());
    };
    let r = Obj::new(p, v, &REQUIREMENT_FIELDS)?;
    let policies = PolicyNeed::ALL.map(PolicyNeed::id);
    let mut out = Requirements {
        network_policy: r.choice(
            "network_policy",
            &policies,
            &PolicyNeed::ALL,
            PolicyNeed::None,
        )?,
        ..Requirements::default()
    };
    for req in Requirement::ALL {
        out.set(req, r.bool_or_false(req.id())?);
    }
    Ok(out)
}

fn read_priorities(o: &Obj<'_>) -> Result<Priorities, PlanError> {
    let Some((v, p)) = o.get("priorities") else {
        return Ok(Priorities::default());
    };
    let r = Obj::new(p, v, &Criterion::ALL.map(Criterion::id))?;
    let mut out = Priorities::default();
    for c in Criterion::ALL {
        if let Some((v, p)) = r.get(c.id()) {
            out.set(c, read_uint(v, &p, 0, u64::from(Priorities::MAX))? as u8);
        }
    }
    Ok(out)
}

impl Plan {
    /// Read a plan from JSON text, validating every field.
    pub fn from_json(text: &str) -> Result<Plan, PlanError> {
        if text.len() > limits::MAX_PLAN_BYTES {
            return Err(PlanError::TooLarge { bytes: text.len() });
        }
        let value = json::parse(text).map_err(|e| PlanError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message.to_owned(),
        })?;
        Plan::from_value(&value)
    }

    /// Read a plan from an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Plan, PlanError> {
        let o = Obj::new(String::new(), value, PLAN_FIELDS).map_err(|e| match e {
            PlanError::Field {
                path,
                problem,
                kind,
            } if path.is_empty() => {
                PlanError::field("", format!("a plan must be a JSON object; {problem}"), kind)
            }
            e => e,
        })?;
        let (version_v, version_p) = o.required("version")?;
        match version_v.as_u64() {
            Some(FORMAT_VERSION) => {}
            Some(v) if v > FORMAT_VERSION => {
                return Err(PlanError::field(
                    &version_p,
                    format!(
                        "version {v} is newer than this aksnet reads ({FORMAT_VERSION}); update aksnet"
                    ),
                    FieldProblem::UnsupportedVersion,
                ));
            }
            _ => {
                return Err(PlanError::field(
                    &version_p,
                    format!("expected {FORMAT_VERSION}, got {}", kind(version_v)),
                    FieldProblem::UnsupportedVersion,
                ));
            }
        }
        let (vnet_v, vnet_p) = o.required("vnet")?;
        let vnet = read_nets(vnet_v, &vnet_p, 1)?;
        let (ns_v, ns_p) = o.required("node_subnet")?;
        let node_subnet = read_net(ns_v, &ns_p)?;
        let pod_subnet = match o.get("pod_subnet") {
            Some((v, p)) => Some(read_net(v, &p)?),
            None => None,
        };
        let dns_service_ip = match o.get("dns_service_ip") {
            Some((v, p)) => read_addr(v, &p)?,
            // The default is valid: the fallback is never taken.
            None => cidr::parse_addr(defaults::DNS_SERVICE_IP)
                .unwrap_or(IpAddr::V4(core::net::Ipv4Addr::UNSPECIFIED)),
        };
        let (pools_v, pools_p) = o.required("pools")?;
        let Value::Array(items) = pools_v else {
            return Err(wrong_type(&pools_p, "a list of pools", pools_v));
        };
        if items.is_empty() {
            return Err(PlanError::field(
                &pools_p,
                "needs at least one node pool",
                FieldProblem::Empty,
            ));
        }
        if items.len() > limits::MAX_POOLS {
            return Err(too_many(&pools_p, items.len(), "pools", limits::MAX_POOLS));
        }
        let mut pools: Vec<Pool> = Vec::with_capacity(items.len());
        let mut position = Names::with_room(items.len());
        for (i, item) in items.iter().enumerate() {
            let pool = read_pool(item, format!("{pools_p}[{i}]"))?;
            let j = *position.slot(&pool.name, i);
            if j != i {
                return Err(PlanError::field(
                    &format!("{pools_p}[{i}].name"),
                    format!(
                        "\"{}\" is already the name of pools[{j}]; pool names must be unique",
                        pool.name
                    ),
                    FieldProblem::Duplicate,
                ));
            }
            pools.push(pool);
        }
        let avoid = match o.get("avoid") {
            Some((v, p)) => read_nets(v, &p, 0)?,
            None => Vec::new(),
        };
        let other_subnets = match o.get("other_subnets") {
            Some((v, p)) => read_other_subnets(v, &p)?,
            None => Vec::new(),
        };
        Ok(Plan {
            vnet,
            node_subnet,
            pod_subnet,
            pod_cidr: o.net_or("pod_cidr", defaults::POD_CIDR)?,
            service_cidr: o.net_or("service_cidr", defaults::SERVICE_CIDR)?,
            dns_service_ip,
            pools,
            internal_lb_ips: o.count_or("internal_lb_ips", 0, limits::MAX_CONSUMERS)?,
            private_endpoints: o.count_or("private_endpoints", 0, limits::MAX_CONSUMERS)?,
            avoid,
            other_subnets,
            cilium_ipam: o.choice(
                "cilium_ipam",
                &["overlay", "pod-subnet"],
                &[CiliumIpam::Overlay, CiliumIpam::PodSubnet],
                CiliumIpam::Overlay,
            )?,
            requirements: read_requirements(&o)?,
            priorities: read_priorities(&o)?,
        })
    }

    /// The plan as a JSON value in the format of `plan-format.md`, keys in sorted order
    /// at every level (the order earlier versions wrote, through serde_json's map).
    pub fn to_value(&self) -> Value {
        fn text(s: impl ToString) -> Value {
            Value::String(s.to_string())
        }
        fn number(n: impl ToString) -> Value {
            Value::Number(n.to_string())
        }
        fn nets(list: &[IpNet]) -> Value {
            let mut items = Vec::with_capacity(list.len());
            for n in list {
                items.push(text(n));
            }
            Value::Array(items)
        }
        fn member(m: &mut Vec<(String, Value)>, key: &str, v: Value) {
            m.push((key.to_owned(), v));
        }
        let mut pools = Vec::with_capacity(self.pools.len());
        for p in &self.pools {
            let mut o = Vec::new();
            if let Some(v) = p.max_nodes {
                member(&mut o, "max_nodes", number(v));
            }
            if let Some(v) = p.max_pods {
                member(&mut o, "max_pods", number(v));
            }
            if let Some(v) = p.max_surge {
                member(&mut o, "max_surge", text(v));
            }
            member(&mut o, "name", text(&p.name));
            member(&mut o, "nodes", number(p.nodes));
            member(&mut o, "os", text(p.os.id()));
            pools.push(Value::Object(o));
        }
        let mut req = Vec::new();
        let mut pri = Vec::new();
        // Sorted by id: requirements (network_policy among them), then criteria.
        for id in [
            "dual_stack",
            "ebpf_observability",
            "l7_policy",
            "network_policy",
            "pod_ips_routable",
            "virtual_nodes",
            "windows",
        ] {
            let v = match Requirement::ALL.iter().find(|r| r.id() == id) {
                Some(&r) => Value::Bool(self.requirements.get(r)),
                None => text(self.requirements.network_policy.id()),
            };
            member(&mut req, id, v);
        }
        for id in [
            "future_proof",
            "ip_efficiency",
            "observability",
            "performance",
            "pod_reachability",
            "policy",
            "scale",
            "simplicity",
        ] {
            if let Some(c) = Criterion::from_id(id) {
                member(&mut pri, id, number(self.priorities.get(c)));
            }
        }
        let mut m = Vec::new();
        member(&mut m, "avoid", nets(&self.avoid));
        member(&mut m, "cilium_ipam", text(self.cilium_ipam.id()));
        member(&mut m, "dns_service_ip", text(self.dns_service_ip));
        member(&mut m, "internal_lb_ips", number(self.internal_lb_ips));
        member(&mut m, "node_subnet", text(self.node_subnet));
        if !self.other_subnets.is_empty() {
            let mut subs = Vec::with_capacity(self.other_subnets.len());
            for o in &self.other_subnets {
                subs.push(Value::Object(alloc::vec![
                    ("prefix".to_owned(), text(o.prefix)),
                    ("role".to_owned(), text(o.role.id())),
                ]));
            }
            member(&mut m, "other_subnets", Value::Array(subs));
        }
        member(&mut m, "pod_cidr", text(self.pod_cidr));
        if let Some(p) = self.pod_subnet {
            member(&mut m, "pod_subnet", text(p));
        }
        member(&mut m, "pools", Value::Array(pools));
        member(&mut m, "priorities", Value::Object(pri));
        member(&mut m, "private_endpoints", number(self.private_endpoints));
        member(&mut m, "requirements", Value::Object(req));
        member(&mut m, "service_cidr", text(self.service_cidr));
        member(&mut m, "version", number(FORMAT_VERSION));
        member(&mut m, "vnet", nets(&self.vnet));
        Value::Object(m)
    }

    /// The plan as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        json::to_string_pretty(&self.to_value())
    }

    /// Whether any pool runs Windows, or the requirements ask for it.
    pub fn needs_windows(&self) -> bool {
        self.requirements.windows || self.pools.iter().any(|p| p.os == Os::Windows)
    }

    /// Nodes of all pools at the peak: max counts plus surge.
    pub fn peak_nodes(&self) -> u64 {
        self.pools.iter().map(Pool::peak_nodes).sum()
    }

    /// Other consumers of node-subnet addresses: load balancer IPs and private endpoints.
    pub fn other_consumers(&self) -> u64 {
        self.internal_lb_ips + self.private_endpoints
    }
}

/// Names with a number each, for the checks of pool names: open addressing over an
/// FNV-1a hash of the name, O(1) expected per name. Made with room for the names it is
/// expected to hold; it doubles when it is half full, so it never runs out of slots.
pub(crate) struct Names {
    /// Indexes into `names`, `usize::MAX` for an empty slot; a power of two.
    slots: Vec<usize>,
    /// The names and their numbers, in the order kept.
    names: Vec<String>,
    values: Vec<usize>,
}

fn name_hash(name: &str) -> usize {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for &b in name.as_bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash as usize
}

impl Names {
    pub(crate) fn with_room(room: usize) -> Names {
        Names {
            slots: alloc::vec![usize::MAX; (2 * room + 2).next_power_of_two()],
            names: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The free or matching slot for `name`.
    fn find(&self, name: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = name_hash(name) & mask;
        while let Some(kept) = self.names.get(self.slots[at]) {
            if kept == name {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    /// The number kept for `name`, after keeping `value` for it if it had none.
    pub(crate) fn slot(&mut self, name: &str, value: usize) -> &mut usize {
        let mut at = self.find(name);
        if self.slots[at] == usize::MAX {
            if 2 * (self.names.len() + 1) > self.slots.len() {
                self.slots = alloc::vec![usize::MAX; 2 * self.slots.len()];
                for k in 0..self.names.len() {
                    let free = self.find(&self.names[k]);
                    self.slots[free] = k;
                }
                at = self.find(name);
            }
            self.slots[at] = self.names.len();
            self.names.push(name.into());
            self.values.push(value);
        }
        &mut self.values[self.slots[at]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"version":1,"vnet":["10.0.0.0/16"],"node_subnet":"10.0.0.0/22","pools":[{"name":"a","nodes":3}]}"#;

    fn with(field: &str) -> String {
        MINIMAL.replacen('{', &format!("{{{field},"), 1)
    }

    fn pool_with(field: &str) -> String {
        MINIMAL.replace(r#""nodes":3}"#, &format!(r#""nodes":3,{field}}}"#))
    }

    #[track_caller]
    fn check_err(json: &str, expected: &str) {
        match Plan::from_json(json) {
            Ok(p) => panic!("accepted {json}: {p:?}"),
            Err(e) => assert_eq!(e.to_string(), expected, "for {json}"),
        }
    }

    #[test]
    fn example_of_plan_format_reads() {
        let text = r#"{
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
          "other_subnets": [{ "role": "firewall", "prefix": "10.0.8.0/26" }],
          "cilium_ipam": "overlay",
          "requirements": { "windows": false, "pod_ips_routable": false, "dual_stack": false },
          "priorities": { "ip_efficiency": 3, "scale": 2, "policy": 2, "observability": 1, "simplicity": 1 }
        }"#;
        let plan = Plan::from_json(text).expect("the format's own example reads");
        assert_eq!(plan.pools.len(), 2);
        assert_eq!(plan.pools[0].peak_nodes(), 6);
        assert_eq!(plan.pools[1].surge_nodes(), 1); // 33% of 2, rounded up
        assert_eq!(plan.pools[1].os, Os::Windows);
        assert!(plan.needs_windows());
        assert_eq!(plan.internal_lb_ips, 2);
        assert_eq!(plan.priorities.get(Criterion::IpEfficiency), 3);
        assert_eq!(plan.priorities.get(Criterion::Scale), 2);
        assert_eq!(Plan::from_json(&plan.to_json()), Ok(plan));
    }

    #[test]
    fn defaults_apply() {
        let plan = Plan::from_json(MINIMAL).expect("minimal plan");
        assert_eq!(plan.pod_cidr.to_string(), "10.244.0.0/16");
        assert_eq!(plan.service_cidr.to_string(), "10.0.0.0/16");
        assert_eq!(plan.dns_service_ip.to_string(), "10.0.0.10");
        assert_eq!(plan.pools[0].max_surge, None);
        assert_eq!(plan.pools[0].surge_nodes(), 1);
        assert_eq!(plan.cilium_ipam, CiliumIpam::Overlay);
        assert_eq!(plan.requirements, Requirements::default());
        assert_eq!(plan.priorities, Priorities::default());
        assert_eq!(plan.avoid, Vec::new());
    }

    #[test]
    fn surge_rounds_percent_up() {
        for (surge, nodes, expected) in [
            ("1", 10, 1),
            ("0", 10, 0),
            ("33%", 3, 1),
            ("33%", 10, 4),
            ("33%", 100, 33),
            ("10%", 5, 1),
            ("100%", 7, 7),
            ("50%", 0, 0),
        ] {
            let s = Surge::parse(surge).expect(surge);
            assert_eq!(s.nodes(nodes), expected, "{surge} of {nodes}");
            assert_eq!(s.to_string(), surge);
        }
        for bad in [
            "", "%", "-1", "1.5", "0%", "101%", "1 %x", "abc", "99999999",
        ] {
            assert!(Surge::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn errors_name_the_field() {
        let rows: &[(&str, &str)] = &[
            (
                r#"{"version":1,"vnet":["10.0.0.1/16"]}"#,
                "vnet[0]: 10.0.0.1/16 has host bits set; did you mean 10.0.0.0/16?",
            ),
            (
                &with(r#""vnets":[]"#),
                "vnets: unknown field; did you mean vnet?",
            ),
            (
                &with(r#""docker_bridge_cidr":"172.17.0.1/16""#),
                "docker_bridge_cidr: the Docker bridge CIDR was removed from the AKS API in 2023; delete this field",
            ),
            (
                &pool_with(r#""max_pods":"30""#),
                "pools[0].max_pods: expected a whole number from 1 to 10,000, got the string \"30\"",
            ),
            (
                &pool_with(r#""max_pod":30"#),
                "pools[0].max_pod: unknown field; did you mean max_pods?",
            ),
            (
                &pool_with(r#""max_nodes":2"#),
                "pools[0].max_nodes: 2 is less than nodes (3); the autoscaler's max count must be at least its node count",
            ),
            (
                &pool_with(r#""max_surge":1"#),
                "pools[0].max_surge: expected a string, got the number 1",
            ),
            (
                &pool_with(r#""max_surge":"150%""#),
                "pools[0].max_surge: 150% is out of range (1% to 100%)",
            ),
            (
                &pool_with(r#""os":"macos""#),
                "pools[0].os: \"macos\" is not one of linux, windows",
            ),
            (
                &MINIMAL.replace(r#""nodes":3"#, r#""nodes":-1"#),
                "pools[0].nodes: expected a whole number from 0 to 100,000, got the number -1",
            ),
            (
                &MINIMAL.replace(r#""nodes":3"#, r#""nodes":1000000000000"#),
                "pools[0].nodes: expected a whole number from 0 to 100,000, got the number 1000000000000",
            ),
            (
                &MINIMAL.replace(r#""nodes":3"#, r#""nodes":2.5"#),
                "pools[0].nodes: expected a whole number from 0 to 100,000, got the number 2.5",
            ),
            (
                &MINIMAL.replace(r#"{"name":"a","nodes":3}"#, ""),
                "pools: needs at least one node pool",
            ),
            (
                &MINIMAL.replace(
                    r#"{"name":"a","nodes":3}"#,
                    r#"{"name":"a","nodes":3},{"name":"a","nodes":1}"#,
                ),
                "pools[1].name: \"a\" is already the name of pools[0]; pool names must be unique",
            ),
            (
                &MINIMAL.replace(r#""name":"a""#, r#""name":" ""#),
                "pools[0].name: must not be empty",
            ),
            (
                &MINIMAL.replace(r#""name":"a""#, r#""name":"a\nb""#),
                "pools[0].name: must not contain control characters such as line breaks",
            ),
            (
                &MINIMAL.replace(r#""version":1"#, r#""version":2"#),
                "version: version 2 is newer than this aksnet reads (1); update aksnet",
            ),
            (
                &MINIMAL.replace(r#""version":1"#, r#""version":"1""#),
                "version: expected 1, got the string \"1\"",
            ),
            (
                // A string is quoted as JSON writes it, escapes included.
                &MINIMAL.replace(r#""version":1"#, r#""version":"1\"\\\n\t\u0001é""#),
                r#"version: expected 1, got the string "1\"\\\n\t\u0001é""#,
            ),
            (
                &MINIMAL.replace(r#""version":1,"#, ""),
                "version: is required",
            ),
            (
                &MINIMAL.replace(r#""node_subnet":"10.0.0.0/22","#, ""),
                "node_subnet: is required",
            ),
            (
                &MINIMAL.replace(r#"["10.0.0.0/16"]"#, "[]"),
                "vnet: needs at least one prefix",
            ),
            (
                &MINIMAL.replace(r#"["10.0.0.0/16"]"#, r#""10.0.0.0/16""#),
                "vnet: expected a list of prefixes, got the string \"10.0.0.0/16\"",
            ),
            (
                &with(r#""cilium_ipam":"bgp""#),
                "cilium_ipam: \"bgp\" is not one of overlay, pod-subnet",
            ),
            (
                &with(r#""requirements":{"windows":"yes"}"#),
                "requirements.windows: expected true or false, got the string \"yes\"",
            ),
            (
                &with(r#""requirements":{"network_policy":"npm"}"#),
                "requirements.network_policy: \"npm\" is not one of none, any, calico, cilium",
            ),
            (
                &with(r#""priorities":{"scale":6}"#),
                "priorities.scale: expected a whole number from 0 to 5, got the number 6",
            ),
            (
                &with(r#""internal_lb_ips":-2"#),
                "internal_lb_ips: expected a whole number from 0 to 1,000,000, got the number -2",
            ),
            (
                "[1,2]",
                "a plan must be a JSON object; expected an object, got an array",
            ),
            (
                "{\"version\": 1,\n  \"vnet\": [}",
                "line 2, column 12: expected value",
            ),
            ("", "line 1, column 0: EOF while parsing a value"),
        ];
        for (json, expected) in rows {
            check_err(json, expected);
        }
    }

    #[test]
    fn input_is_bounded() {
        let big = " ".repeat(limits::MAX_PLAN_BYTES + 1);
        check_err(
            &big,
            "the plan is 1,048,577 bytes; the limit is 1,048,576 bytes",
        );
        let pools: Vec<String> = (0..=limits::MAX_POOLS)
            .map(|i| format!(r#"{{"name":"p{i}","nodes":1}}"#))
            .collect();
        let json = MINIMAL.replace(r#"{"name":"a","nodes":3}"#, &pools.join(","));
        check_err(&json, "pools: has 1001 pools; the limit is 1000");
        let deep = "[".repeat(10_000);
        assert!(matches!(
            Plan::from_json(&deep),
            Err(PlanError::Syntax { .. })
        ));
    }

    #[test]
    fn default_plan_round_trips() {
        let plan = Plan::default();
        assert_eq!(Plan::from_json(&plan.to_json()), Ok(plan));
    }
}

#[cfg(test)]
mod names_tests {
    use super::Names;
    use alloc::format;

    #[test]
    fn keeps_the_first_number_and_grows_past_its_room() {
        let mut names = Names::with_room(1);
        for i in 0..1_000 {
            assert_eq!(*names.slot(&format!("pool{i}"), i), i);
        }
        for i in 0..1_000 {
            assert_eq!(*names.slot(&format!("pool{i}"), 5_000), i, "pool{i}");
        }
        *names.slot("pool7", 0) = 70;
        assert_eq!(*names.slot("pool7", 0), 70);
    }
}
