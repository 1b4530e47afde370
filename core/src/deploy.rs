//! Deployment output: Azure CLI commands, Terraform and Bicep for a plan and a chosen model.
//!
//! [`generate`] turns a [`Plan`] and the [`ModelId`] the user chose into text to paste:
//! `az aks create` plus one `az aks nodepool add` per further pool, an
//! `azurerm_kubernetes_cluster` with `azurerm_kubernetes_cluster_node_pool` resources, or
//! a `Microsoft.ContainerService/managedClusters` Bicep resource. The plan's first pool
//! is the system pool; the others are user pools. Every flag and argument name was
//! checked against the pages [`Format::sources`] lists. Where a format cannot say
//! something (the azurerm provider has no argument for static block allocation), the
//! output says so in a comment instead of inventing a name.
//!
//! The output is a pure function of its inputs: the same plan gives the same bytes,
//! printable ASCII ending with a newline. What the plan does not hold (resource group,
//! cluster name, VM size, subnet resource IDs) is a clear `<placeholder>`. Pool names are
//! the only user text that could reach the output: a name AKS would refuse is replaced by
//! a valid one and a comment says so, and the original appears only escaped inside that
//! comment, so user text can neither leave a comment nor break out of a quoted string.
//!
//! ```
//! use aksnet_core::deploy::{Format, generate};
//! use aksnet_core::facts::ModelId;
//! use aksnet_core::plan::Plan;
//!
//! let plan = Plan::default();
//! let script = generate(&plan, ModelId::AzureCniOverlay, Format::AzureCli);
//! assert!(script.contains("--network-plugin-mode overlay"));
//! assert!(script.contains("--pod-cidr 10.244.0.0/16"));
//!
//! let bicep = generate(&plan, ModelId::AzureCniPodSubnetStatic, Format::Bicep);
//! assert!(bicep.contains("podIPAllocationMode: 'StaticBlock'"));
//! assert!(script.ends_with('\n') && bicep.ends_with('\n'));
//! assert_eq!(Format::from_id("terraform"), Some(Format::Terraform));
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::cidr::IpNet;
use crate::facts::{Feature, ModelId, PolicyEngine, Source};
use crate::plan::{Names, Os, Plan, PolicyNeed, Surge};
use crate::score;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A bash script of Azure CLI commands.
    AzureCli,
    /// Terraform with the `azurerm` provider.
    Terraform,
    /// Bicep.
    Bicep,
}

impl Format {
    /// Every format, in the order a front end offers them.
    pub const ALL: [Format; 3] = [Format::AzureCli, Format::Terraform, Format::Bicep];

    /// Stable identifier, for URLs and the command line.
    pub const fn id(self) -> &'static str {
        match self {
            Format::AzureCli => "azure-cli",
            Format::Terraform => "terraform",
            Format::Bicep => "bicep",
        }
    }

    /// Display name.
    pub const fn title(self) -> &'static str {
        match self {
            Format::AzureCli => "Azure CLI",
            Format::Terraform => "Terraform",
            Format::Bicep => "Bicep",
        }
    }

    /// The usual file name extension, without the dot.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::AzureCli => "sh",
            Format::Terraform => "tf",
            Format::Bicep => "bicep",
        }
    }

    /// The format with this identifier.
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The pages every flag, argument and property name of this format was checked against.
    pub const fn sources(self) -> &'static [Source] {
        match self {
            Format::AzureCli => &CLI_SOURCES,
            Format::Terraform => &TERRAFORM_SOURCES,
            Format::Bicep => &BICEP_SOURCES,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

const fn source(title: &'static str, url: &'static str) -> Source {
    Source { title, url }
}

const CLI_SOURCES: [Source; 6] = [
    source(
        "az aks (Azure CLI reference)",
        "https://learn.microsoft.com/cli/azure/aks",
    ),
    source(
        "az aks nodepool (Azure CLI reference)",
        "https://learn.microsoft.com/cli/azure/aks/nodepool",
    ),
    source(
        "Azure CNI Pod Subnet: static block allocation",
        "https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation",
    ),
    source(
        "Azure CNI Powered by Cilium",
        "https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium",
    ),
    source(
        "Upgrade AKS node pools (max surge)",
        "https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling",
    ),
    source(
        "System and user node pools",
        "https://learn.microsoft.com/azure/aks/use-system-pools",
    ),
];

const TERRAFORM_SOURCES: [Source; 4] = [
    source(
        "azurerm_kubernetes_cluster",
        "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster",
    ),
    source(
        "azurerm_kubernetes_cluster_node_pool",
        "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool",
    ),
    source(
        "azurerm 4.0 upgrade guide",
        "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/4.0-upgrade-guide",
    ),
    source(
        "azurerm 5.0 upgrade guide",
        "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/5.0-upgrade-guide",
    ),
];

const BICEP_SOURCES: [Source; 3] = [
    source(
        "Microsoft.ContainerService managedClusters 2025-10-01 (Bicep)",
        "https://learn.microsoft.com/azure/templates/microsoft.containerservice/2025-10-01/managedclusters",
    ),
    source(
        "Managed Clusters - Create Or Update (REST API 2025-10-01)",
        "https://learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update?view=rest-aks-2025-10-01",
    ),
    source(
        "System and user node pools",
        "https://learn.microsoft.com/azure/aks/use-system-pools",
    ),
];

/// The managed cluster API version of the Bicep output: a stable version that has every
/// property used here, `podIPAllocationMode` included.
const BICEP_API_VERSION: &str = "2025-10-01";

/// The oldest azurerm provider with every argument used here: `auto_scaling_enabled`
/// and `network_data_plane` (4.0) and `node_provisioning_profile` (4.57, required from 5.0).
const AZURERM_MIN_VERSION: &str = "4.57.0";

/// Longest pool name AKS accepts for Linux pools, and for Windows pools
/// (`create-node-pools`, `use-system-pools`: lowercase letters and digits, starting with
/// a letter).
const NAME_MAX_LINUX: usize = 12;
const NAME_MAX_WINDOWS: usize = 6;

/// Comment lines are wrapped to this width, but for a word longer than a line (a URL).
const WIDTH: usize = 88;

/// The deployment text for `plan` deployed with `model`, in `format`.
///
/// The plan's first pool becomes the system pool and the others user pools. A pool with
/// `max_nodes` gets the cluster autoscaler with min count = `nodes` and max count =
/// `max_nodes`; max pods and max surge are set only where the pool sets them, so AKS
/// applies its defaults otherwise. A network policy engine is set only when the plan's
/// requirements ask for one (and always `cilium` with the Cilium data plane).
///
/// ```
/// use aksnet_core::deploy::{Format, generate};
/// use aksnet_core::facts::ModelId;
/// use aksnet_core::plan::Plan;
///
/// let plan = Plan::from_json(r#"{
///     "version": 1,
///     "vnet": ["10.0.0.0/16"],
///     "node_subnet": "10.0.0.0/22",
///     "pod_subnet": "10.0.64.0/18",
///     "service_cidr": "10.1.0.0/16",
///     "dns_service_ip": "10.1.0.10",
///     "pools": [
///         { "name": "system", "nodes": 3 },
///         { "name": "apps", "nodes": 2, "max_nodes": 10, "max_surge": "33%" }
///     ]
/// }"#)?;
/// let tf = generate(&plan, ModelId::AzureCniPodSubnet, Format::Terraform);
/// assert!(tf.contains(r#"resource "azurerm_kubernetes_cluster_node_pool" "apps" {"#));
/// assert!(tf.contains("auto_scaling_enabled  = true"));
/// assert!(!tf.contains("pod_cidr"));
/// # Ok::<(), aksnet_core::plan::PlanError>(())
/// ```
pub fn generate(plan: &Plan, model: ModelId, format: Format) -> String {
    let d = Deployment::new(plan, model);
    let mut out = String::new();
    match format {
        Format::AzureCli => azure_cli(&mut out, &d),
        Format::Terraform => terraform(&mut out, &d),
        Format::Bicep => bicep(&mut out, &d),
    }
    out
}

// ---- what the three formats share -----------------------------------------------------
//
// The deployment is decided once ([`Deployment`]); each format's writer walks it. The
// settings the formats share (the network profile and each pool's size, subnets and
// allocation mode) are [`Setting`] rows with a name per format, which [`settings`]
// writes in that format's syntax. Text is appended with `push_str` through a few helpers
// rather than `format!`: each formatting call site costs code in the browser bundle.

/// The network profile and pools of one deployment, decided once for all formats.
struct Deployment<'p> {
    plan: &'p Plan,
    /// `kubenet` or `azure`.
    plugin: &'static str,
    /// Azure CNI Overlay: `--network-plugin-mode overlay`.
    overlay: bool,
    /// The Cilium data plane.
    cilium: bool,
    /// The network policy engine, if any.
    policy: Option<PolicyEngine>,
    /// The private pod CIDR (kubenet and overlay).
    pod_cidr: Option<&'p IpNet>,
    /// Pods take addresses from a VNet pod subnet, set on every pool.
    pod_subnet: bool,
    /// Static block allocation in the pod subnet, set on every pool.
    static_block: bool,
    /// What the header says about the plan: one sentence a line, each ending in `\n`.
    summary: String,
    /// Cluster-wide notes (what the output could not set, or leaves to AKS): one
    /// paragraph a line, each ending in `\n`.
    notes: String,
    pools: Vec<PoolSpec>,
}

/// One node pool as deployed.
struct PoolSpec {
    /// A name AKS accepts.
    name: String,
    /// The first pool: the system pool, always Linux.
    system: bool,
    windows: bool,
    count: u64,
    /// Autoscaler min and max count.
    autoscale: Option<(u64, u64)>,
    max_pods: Option<u64>,
    max_surge: Option<Surge>,
    /// Notes about this pool, shown next to it: one paragraph a line, each ending in `\n`.
    notes: String,
}

impl Deployment<'_> {
    fn new(plan: &Plan, model: ModelId) -> Deployment<'_> {
        let addressing = model.addressing(plan.cilium_ipam);
        let (plugin, overlay, pod_cidr, pod_subnet, static_block) = match addressing {
            ModelId::Kubenet => ("kubenet", false, Some(&plan.pod_cidr), false, false),
            ModelId::AzureCniOverlay => ("azure", true, Some(&plan.pod_cidr), false, false),
            ModelId::AzureCniPodSubnet => ("azure", false, None, true, false),
            ModelId::AzureCniPodSubnetStatic => ("azure", false, None, true, true),
            // Azure CNI with pods in the node subnet; Cilium always resolves to one of
            // the models above.
            ModelId::AzureCni | ModelId::AzureCniCilium => ("azure", false, None, false, false),
        };
        let mut notes = String::new();
        let policy = policy_engine(plan, model, &mut notes);
        if pod_subnet && plan.pod_subnet.is_none() {
            notes.push_str(
                "Pod subnet: the plan has none; create one in the VNet and fill in its ID.\n",
            );
        }
        if plan.requirements.dual_stack {
            notes.push_str(
                "Dual-stack: the plan requires it, but this output sets the single-stack ranges only.\n",
            );
        }
        if plan.pools.iter().any(|p| p.max_pods.is_none()) {
            push_all(
                &mut notes,
                &[
                    "Max pods: pools that do not set it get AKS's default for ",
                    model.name(),
                    ", ",
                ],
            );
            push_display(&mut notes, &model.max_pods(plan.cilium_ipam).default);
            notes.push_str(" pods per node, which the plan was sized for.\n");
        }
        let mut d = Deployment {
            plan,
            plugin,
            overlay,
            cilium: model == ModelId::AzureCniCilium,
            policy,
            pod_cidr,
            pod_subnet,
            static_block,
            summary: String::new(),
            notes,
            pools: pool_specs(plan, model),
        };
        d.summary = d.summary(model, addressing);
        d
    }

    /// The header's account of the plan.
    fn summary(&self, model: ModelId, addressing: ModelId) -> String {
        let plan = self.plan;
        let mut s = String::new();
        push_all(&mut s, &["Model: ", model.name()]);
        if model.name() != model.id() {
            push_all(&mut s, &[" [", model.id(), "]"]);
        }
        if model != addressing {
            push_all(&mut s, &[", addressing as ", addressing.name()]);
        }
        s.push_str(".\nVNet ");
        for (i, net) in plan.vnet.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            push_display(&mut s, net);
        }
        s.push_str("; node subnet ");
        push_display(&mut s, &plan.node_subnet);
        match (self.pod_cidr, plan.pod_subnet) {
            (Some(c), _) => {
                s.push_str(".\nPod CIDR ");
                push_display(&mut s, c);
                s.push_str(", private to the cluster");
            }
            (None, Some(subnet)) if self.pod_subnet => {
                s.push_str(".\nPod subnet ");
                push_display(&mut s, &subnet);
            }
            (None, None) if self.pod_subnet => s.push_str(".\nPod subnet: none in the plan"),
            (None, _) => s.push_str(".\nPods take their addresses from the node subnet"),
        }
        s.push_str(".\nService CIDR ");
        push_display(&mut s, &plan.service_cidr);
        s.push_str("; DNS service IP ");
        push_display(&mut s, &plan.dns_service_ip);
        s.push_str(".\nNode pools: ");
        for (i, pool) in self.pools.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&pool.name);
            if pool.system {
                s.push_str(" (system)");
            } else if pool.windows {
                s.push_str(" (Windows)");
            }
        }
        s.push_str(".\nReplace every <placeholder> before use.\n");
        s
    }

    /// The network profile, in the order every format writes it.
    fn network<'a>(&'a self, f: usize, rows: &mut Vec<Setting<'a>>) {
        rows.push(Setting::new(NETWORK_PLUGIN[f], Value::Text(self.plugin)));
        if self.overlay {
            rows.push(Setting::new(NETWORK_PLUGIN_MODE[f], Value::Text("overlay")));
        }
        if self.cilium {
            rows.push(Setting::new(NETWORK_DATAPLANE[f], Value::Text("cilium")));
        }
        if let Some(e) = self.policy {
            rows.push(Setting::new(
                NETWORK_POLICY[f],
                Value::Text(engine_value(e)),
            ));
        }
        if let Some(c) = self.pod_cidr {
            rows.push(Setting::new(POD_CIDR[f], Value::Shown(c)));
        }
        rows.push(Setting::new(
            SERVICE_CIDR[f],
            Value::Shown(&self.plan.service_cidr),
        ));
        rows.push(Setting::new(
            DNS_SERVICE_IP[f],
            Value::Shown(&self.plan.dns_service_ip),
        ));
    }

    /// The settings of `pool` every format writes, after its name, mode and OS.
    fn pool<'a>(&'a self, pool: &PoolSpec, f: usize, rows: &mut Vec<Setting<'a>>) {
        rows.push(Setting::new(VM_SIZE[f], Value::Code(NODE_VM_SIZE[f])));
        rows.push(Setting::new(NODE_COUNT[f], Value::Number(pool.count)));
        if let Some((min, max)) = pool.autoscale {
            rows.push(Setting::new(AUTOSCALER[f], Value::On));
            rows.push(Setting::new(MIN_COUNT[f], Value::Number(min)));
            rows.push(Setting::new(MAX_COUNT[f], Value::Number(max)));
        }
        if let Some(m) = pool.max_pods {
            rows.push(Setting::new(MAX_PODS[f], Value::Number(m)));
        }
        rows.push(Setting::new(VNET_SUBNET[f], Value::Code(NODE_SUBNET_ID[f])));
        if self.pod_subnet {
            rows.push(Setting::new(POD_SUBNET[f], Value::Code(POD_SUBNET_ID[f])));
        }
        if self.static_block {
            rows.push(Setting::new(ALLOCATION_MODE[f], Value::Text("StaticBlock")));
        }
    }
}

// The name of each shared setting in the Azure CLI, Terraform and Bicep (the order of
// `Format`); "" where the format has none.
const NETWORK_PLUGIN: [&str; 3] = ["--network-plugin", "network_plugin", "networkPlugin"];
const NETWORK_PLUGIN_MODE: [&str; 3] = [
    "--network-plugin-mode",
    "network_plugin_mode",
    "networkPluginMode",
];
const NETWORK_DATAPLANE: [&str; 3] = [
    "--network-dataplane",
    "network_data_plane",
    "networkDataplane",
];
const NETWORK_POLICY: [&str; 3] = ["--network-policy", "network_policy", "networkPolicy"];
const POD_CIDR: [&str; 3] = ["--pod-cidr", "pod_cidr", "podCidr"];
const SERVICE_CIDR: [&str; 3] = ["--service-cidr", "service_cidr", "serviceCidr"];
const DNS_SERVICE_IP: [&str; 3] = ["--dns-service-ip", "dns_service_ip", "dnsServiceIP"];
const VM_SIZE: [&str; 3] = ["--node-vm-size", "vm_size", "vmSize"];
const NODE_COUNT: [&str; 3] = ["--node-count", "node_count", "count"];
const AUTOSCALER: [&str; 3] = [
    "--enable-cluster-autoscaler",
    "auto_scaling_enabled",
    "enableAutoScaling",
];
const MIN_COUNT: [&str; 3] = ["--min-count", "min_count", "minCount"];
const MAX_COUNT: [&str; 3] = ["--max-count", "max_count", "maxCount"];
const MAX_PODS: [&str; 3] = ["--max-pods", "max_pods", "maxPods"];
const VNET_SUBNET: [&str; 3] = ["--vnet-subnet-id", "vnet_subnet_id", "vnetSubnetID"];
const POD_SUBNET: [&str; 3] = ["--pod-subnet-id", "pod_subnet_id", "podSubnetID"];
/// Terraform has no argument for it: see [`terraform`].
const ALLOCATION_MODE: [&str; 3] = ["--pod-ip-allocation-mode", "", "podIPAllocationMode"];

// How each format refers to the values it defines at its top.
const NODE_VM_SIZE: [&str; 3] = ["\"$NODE_VM_SIZE\"", "local.node_vm_size", "nodeVmSize"];
const NODE_SUBNET_ID: [&str; 3] = [
    "\"$NODE_SUBNET_ID\"",
    "local.node_subnet_id",
    "nodeSubnetId",
];
const POD_SUBNET_ID: [&str; 3] = ["\"$POD_SUBNET_ID\"", "local.pod_subnet_id", "podSubnetId"];

/// One setting: its name in the format being written, and its value.
struct Setting<'a> {
    name: &'static str,
    value: Value<'a>,
}

impl<'a> Setting<'a> {
    const fn new(name: &'static str, value: Value<'a>) -> Setting<'a> {
        Setting { name, value }
    }
}

/// The value of a [`Setting`].
enum Value<'a> {
    /// A string: quoted in Terraform and Bicep, bare on the command line. Only text this
    /// module writes goes here (placeholders, valid pool names, keywords), so no escaping
    /// is needed; [`settings`] checks it in debug builds.
    Text(&'a str),
    /// A range or address of the plan, quoted like text.
    Shown(&'a dyn fmt::Display),
    /// Code written as it is: a reference to a value defined at the top, or `true`.
    Code(&'static str),
    Number(u64),
    /// Switched on: a flag without a value on the command line, `true` elsewhere.
    On,
}

/// `rows` in `format`: each as ` \` and a flag on a new line for the Azure CLI, `name =
/// value` with the `=` aligned as `terraform fmt` writes it for Terraform, `name: value`
/// for Bicep; `indent` before each line but on the command line. Rows the format has no
/// name for are left out.
#[inline(never)]
fn settings(out: &mut String, format: Format, indent: &str, rows: &[Setting<'_>]) {
    let mut width = 0;
    for row in rows {
        width = width.max(row.name.len());
    }
    let quote = match format {
        Format::AzureCli => "",
        Format::Terraform => "\"",
        Format::Bicep => "'",
    };
    for row in rows {
        if row.name.is_empty() {
            continue;
        }
        if format == Format::AzureCli {
            out.push_str(" \\\n  ");
            out.push_str(row.name);
            if let Value::On = row.value {
                continue;
            }
            out.push(' ');
        } else {
            out.push_str(indent);
            out.push_str(row.name);
            if format == Format::Terraform {
                for _ in row.name.len()..width {
                    out.push(' ');
                }
                out.push_str(" = ");
            } else {
                out.push_str(": ");
            }
        }
        match row.value {
            Value::Text(text) => {
                debug_assert!(is_plain(text), "unexpected text in {text}");
                push_all(out, &[quote, text, quote]);
            }
            Value::Shown(value) => {
                out.push_str(quote);
                push_display(out, value);
                out.push_str(quote);
            }
            Value::Code(code) => out.push_str(code),
            Value::Number(n) => push_display(out, &n),
            Value::On => out.push_str("true"),
        }
        if format != Format::AzureCli {
            out.push('\n');
        }
    }
}

/// The network policy engine to set, with a note when the plan's need cannot be met.
///
/// With the Cilium data plane the engine is Cilium: it is the only one that model offers,
/// and `cilium` policy requires the Cilium data plane (ARM `NetworkPolicy` enum; azurerm:
/// "when `network_policy` is set to `cilium`, `network_data_plane` must be `cilium`"). For
/// the other models an engine is set only when the plan asks for one, and it is Calico
/// where the model offers it to this plan ([`score::policy_engines`]): never Azure NPM,
/// which is being retired, and never Cilium, which needs the Cilium data plane.
fn policy_engine(plan: &Plan, model: ModelId, notes: &mut String) -> Option<PolicyEngine> {
    let need = plan.requirements.network_policy;
    if model == ModelId::AzureCniCilium {
        if need == PolicyNeed::Calico {
            push_all(
                notes,
                &[
                    "Network policy: the plan asks for Calico, which ",
                    model.name(),
                    " does not offer; Cilium enforces network policy instead.\n",
                ],
            );
        }
        return Some(PolicyEngine::Cilium);
    }
    match need {
        PolicyNeed::None => None,
        PolicyNeed::Cilium => {
            push_all(
                notes,
                &[
                    "Network policy: the plan asks for Cilium, which needs the Cilium data plane (the ",
                    ModelId::AzureCniCilium.id(),
                    " model); none is set here.\n",
                ],
            );
            None
        }
        // With Azure NPM (retiring) and Cilium (another data plane) set aside, Calico is
        // the one engine left, where the model offers it to this plan.
        PolicyNeed::Any | PolicyNeed::Calico => {
            if score::policy_engines(plan, model).contains(&PolicyEngine::Calico) {
                Some(PolicyEngine::Calico)
            } else {
                push_all(
                    notes,
                    &[
                        "Network policy: the plan asks for one, but ",
                        model.name(),
                        " offers this plan neither Calico nor Cilium, and Azure NPM is being retired; none is set here.\n",
                    ],
                );
                None
            }
        }
    }
}

const fn engine_value(e: PolicyEngine) -> &'static str {
    match e {
        PolicyEngine::Cilium => "cilium",
        PolicyEngine::Calico => "calico",
        PolicyEngine::AzureNpm => "azure",
    }
}

/// The pools as deployed: a name AKS accepts for every pool, unique in the plan, with a
/// note for each name that had to change, and for what AKS would refuse.
///
/// Valid names are kept; the others become their lowercase letters and digits, with `np`
/// in front when that does not start with a letter, cut to the limit, and numbered when
/// that collides. Two hash tables keep it O(n) in pools: the names taken, and for each
/// cleaned-up name the number to try next.
fn pool_specs(plan: &Plan, model: ModelId) -> Vec<PoolSpec> {
    let windows_ok = model
        .support(Feature::Windows, plan.cilium_ipam)
        .is_supported();
    let pools = &plan.pools;
    // The system pool is Linux whatever the plan says.
    let windows = |i: usize| i > 0 && pools[i].os == Os::Windows;
    let max_len = |i: usize| {
        if windows(i) {
            NAME_MAX_WINDOWS
        } else {
            NAME_MAX_LINUX
        }
    };
    // Each name taken, kept with 0 if valid as given, else with 1 + the pool's place.
    let mut taken = Names::with_room(2 * pools.len());
    for (i, p) in pools.iter().enumerate() {
        if is_valid_pool_name(&p.name, max_len(i)) {
            taken.slot(&p.name, 0);
        }
    }
    // For each cleaned-up name and limit (Linux, Windows), the number to try next: the
    // names it gave before that number are taken, and names are never freed.
    let mut next_number = [Names::with_room(pools.len()), Names::with_room(pools.len())];
    let mut specs = Vec::with_capacity(pools.len());
    for (i, p) in pools.iter().enumerate() {
        let max = max_len(i);
        let mut notes = String::new();
        let mut name = p.name.clone();
        if !is_valid_pool_name(&name, max) {
            let mut base = String::new();
            for b in p.name.bytes() {
                if b.is_ascii_alphanumeric() {
                    base.push(char::from(b.to_ascii_lowercase()));
                }
            }
            if !base.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
                base.insert_str(0, "np");
            }
            base.truncate(max);
            let next = next_number[usize::from(windows(i))].slot(&base, 1);
            loop {
                // The number goes after the name, cutting it to fit; 1 is no number.
                name.clear();
                if *next > 1 {
                    push_display(&mut name, &*next);
                }
                let keep = max.saturating_sub(name.len()).min(base.len());
                name.insert_str(0, &base[..keep]);
                *next += 1;
                if *taken.slot(&name, i + 1) == i + 1 {
                    break;
                }
            }
            notes.push_str("Pool ");
            escaped(&mut notes, &p.name);
            push_all(&mut notes, &[" is named ", &name, " here: AKS names "]);
            notes.push_str(if windows(i) {
                "Windows pools with at most 6 lowercase letters and digits, starting with a letter.\n"
            } else {
                "pools with at most 12 lowercase letters and digits, starting with a letter.\n"
            });
        }
        if i == 0 && p.os == Os::Windows {
            notes.push_str(
                "The plan's first pool is Windows, but the system pool must run Linux: it is created as Linux here; add the Windows pool as a user pool.\n",
            );
        }
        if windows(i) && !windows_ok {
            push_all(
                &mut notes,
                &[
                    model.name(),
                    " does not support Windows node pools: AKS will refuse this pool.\n",
                ],
            );
        }
        specs.push(PoolSpec {
            name,
            system: i == 0,
            windows: windows(i),
            count: p.nodes,
            autoscale: p.max_nodes.map(|max| (p.nodes, max.max(p.nodes))),
            max_pods: p.max_pods,
            max_surge: p.max_surge,
            notes,
        });
    }
    specs
}

/// Whether AKS accepts `name` as a pool name: lowercase letters and digits, starting with
/// a letter, at most `max` characters.
fn is_valid_pool_name(name: &str, max: usize) -> bool {
    let bytes = name.as_bytes();
    matches!(bytes.first(), Some(b'a'..=b'z'))
        && bytes.len() <= max
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// User text made safe for a comment in any format, appended to `out`: printable ASCII
/// but for `"` and `\`, which are escaped, and every other character as `\u{...}`; in
/// double quotes.
fn escaped(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                out.push_str("\\u{");
                let code = u32::from(c);
                // Hex digits, without leading zeros.
                let mut shift = 28;
                while shift > 0 && code >> shift == 0 {
                    shift -= 4;
                }
                loop {
                    let digit = (code >> shift) & 0xf;
                    out.push(char::from_digit(digit, 16).unwrap_or('0'));
                    if shift == 0 {
                        break;
                    }
                    shift -= 4;
                }
                out.push('}');
            }
        }
    }
    out.push('"');
}

/// Append each of `parts` to `out`.
#[inline(never)]
fn push_all(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// Append `value` as `Display` writes it: numbers, ranges, addresses, surges.
#[inline(never)]
fn push_display(out: &mut String, value: &dyn fmt::Display) {
    let _ = write!(out, "{value}");
}

/// `text` as comment lines starting with `marker`, wrapped to [`WIDTH`]; continuation
/// lines are indented two more spaces. A word longer than a line (a URL) gets a line of
/// its own.
#[inline(never)]
fn comment(out: &mut String, indent: &str, marker: &str, text: &str) {
    let mut start = out.len();
    push_all(out, &[indent, marker]);
    // Before the first word, one space; before a word that starts a continuation line,
    // three; between words on a line, one.
    let mut gap = " ";
    let mut first = true;
    for word in text.split(' ') {
        if word.is_empty() {
            continue;
        }
        if !first && out.len() - start + 1 + word.len() > WIDTH {
            out.push('\n');
            start = out.len();
            push_all(out, &[indent, marker]);
            gap = "   ";
        }
        push_all(out, &[gap, word]);
        gap = " ";
        first = false;
    }
    out.push('\n');
}

/// Each line of `lines` (each ending in `\n`) as a comment; with `blank` an empty
/// comment line before each, to set paragraphs apart.
#[inline(never)]
fn comments(out: &mut String, indent: &str, marker: &str, lines: &str, blank: bool) {
    let mut rest = lines;
    while let Some(end) = rest.find('\n') {
        if blank {
            comment(out, indent, marker, "");
        }
        comment(out, indent, marker, &rest[..end]);
        rest = &rest[end + 1..];
    }
}

/// The header every format starts with: what the output is for, then the notes, then
/// the pages its names were checked against.
fn header(out: &mut String, marker: &str, d: &Deployment<'_>, format: Format, extra: &str) {
    let mut line = String::new();
    push_all(
        &mut line,
        &[
            "aksnet: ",
            format.title(),
            " deployment of a planned AKS cluster.",
        ],
    );
    comment(out, "", marker, &line);
    comments(out, "", marker, &d.summary, false);
    comments(out, "", marker, &d.notes, true);
    comments(out, "", marker, extra, true);
    comment(out, "", marker, "");
    comment(out, "", marker, "Names checked against:");
    for s in format.sources() {
        line.clear();
        push_all(&mut line, &["- ", s.title, ": ", s.url]);
        comment(out, "", marker, &line);
    }
    out.push('\n');
}

/// The resource ID of the node or pod subnet, with placeholders.
fn push_subnet_id(out: &mut String, subnet: &str) {
    push_all(
        out,
        &[
            "/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<",
            subnet,
            "-subnet-name>",
        ],
    );
}

/// A line that sets a subnet ID at the top of the output: `start`, the ID, `end`.
fn subnet_line(out: &mut String, start: &str, subnet: &str, end: &str) {
    out.push_str(start);
    push_subnet_id(out, subnet);
    out.push_str(end);
}

// ---- Azure CLI ------------------------------------------------------------------------

// Sources, checked for every flag written here:
// - az aks create and az aks nodepool add/update, Azure CLI reference
//   (https://learn.microsoft.com/cli/azure/aks, .../aks/nodepool), read in the azure-cli
//   sources it is generated from (acs `_params.py`, `_help.py`, `custom.py`):
//   `az aks create` takes --resource-group --name --location --generate-ssh-keys
//   --network-plugin --network-plugin-mode --network-dataplane --network-policy
//   --pod-cidr --service-cidr --dns-service-ip --nodepool-name --node-vm-size
//   --node-count --enable-cluster-autoscaler --min-count --max-count --max-pods
//   --vnet-subnet-id --pod-subnet-id --pod-ip-allocation-mode, and has no --max-surge;
//   `az aks nodepool add` takes --cluster-name --name --mode --os-type and the pool
//   flags above, and --max-surge; `az aks nodepool update` takes --max-surge.
// - configure-azure-cni-static-block-allocation: `--pod-ip-allocation-mode StaticBlock`
//   on az aks create and on az aks nodepool add, with --vnet-subnet-id and --pod-subnet-id.
// - azure-cni-overlay / azure-cni-powered-by-cilium: `--network-plugin azure
//   --network-plugin-mode overlay --pod-cidr`, and `--network-dataplane cilium` with
//   overlay or with --vnet-subnet-id and --pod-subnet-id.
// - upgrade-aks-node-pools-rolling: --max-surge on az aks nodepool add and update, as a
//   count ("5") or a percentage ("33%").
// - use-system-pools / create-node-pools: pool name rules; the system pool runs Linux.
fn azure_cli(out: &mut String, d: &Deployment<'_>) {
    const CLI: usize = Format::AzureCli as usize;
    out.push_str("#!/usr/bin/env bash\n");
    header(out, "#", d, Format::AzureCli, "");
    out.push_str(
        "set -euo pipefail\n\n\
         # Fill in these values: NODE_VM_SIZE is used for every pool.\n\
         RESOURCE_GROUP='<resource-group>'\n\
         CLUSTER_NAME='<cluster-name>'\n\
         LOCATION='<location>'\n\
         NODE_VM_SIZE='<node-vm-size>'\n",
    );
    subnet_line(out, "NODE_SUBNET_ID='", "node", "'\n");
    if d.pod_subnet {
        subnet_line(out, "POD_SUBNET_ID='", "pod", "'\n");
    }
    out.push_str(
        "\nfor value in \"$RESOURCE_GROUP\" \"$CLUSTER_NAME\" \"$LOCATION\" \"$NODE_VM_SIZE\" \"$NODE_SUBNET_ID\"",
    );
    if d.pod_subnet {
        out.push_str(" \"$POD_SUBNET_ID\"");
    }
    out.push_str(
        "; do\n  case \"$value\" in\n    \
         *'<'*) echo 'Replace the <placeholders> at the top of this script first.' >&2; exit 1 ;;\n  \
         esac\ndone\n",
    );

    let mut heading = String::new();
    let mut rows = Vec::new();
    for pool in &d.pools {
        heading.clear();
        push_all(
            &mut heading,
            &[
                if pool.system {
                    "Create the cluster with its network profile and its system pool, "
                } else if pool.windows {
                    "Add the Windows user pool "
                } else {
                    "Add the user pool "
                },
                &pool.name,
                ".",
            ],
        );
        out.push('\n');
        comment(out, "", "#", &heading);
        comments(out, "", "#", &pool.notes, false);
        rows.clear();
        if pool.system {
            out.push_str(
                "az aks create \\\n  \
                 --resource-group \"$RESOURCE_GROUP\" \\\n  \
                 --name \"$CLUSTER_NAME\" \\\n  \
                 --location \"$LOCATION\" \\\n  \
                 --generate-ssh-keys",
            );
            d.network(CLI, &mut rows);
            rows.push(Setting::new("--nodepool-name", Value::Text(&pool.name)));
        } else {
            out.push_str(
                "az aks nodepool add \\\n  \
                 --resource-group \"$RESOURCE_GROUP\" \\\n  \
                 --cluster-name \"$CLUSTER_NAME\"",
            );
            rows.push(Setting::new("--name", Value::Text(&pool.name)));
            rows.push(Setting::new("--mode", Value::Text("User")));
            if pool.windows {
                rows.push(Setting::new("--os-type", Value::Text("Windows")));
            }
        }
        d.pool(pool, CLI, &mut rows);
        match &pool.max_surge {
            Some(surge) if !pool.system => {
                rows.push(Setting::new("--max-surge", Value::Shown(surge)));
            }
            _ => {}
        }
        settings(out, Format::AzureCli, "", &rows);
        out.push('\n');

        if let (true, Some(surge)) = (pool.system, pool.max_surge) {
            push_all(
                out,
                &[
                    "\n# az aks create has no --max-surge: set the system pool's surge once it exists.\n\
                     az aks nodepool update \\\n  \
                     --resource-group \"$RESOURCE_GROUP\" \\\n  \
                     --cluster-name \"$CLUSTER_NAME\" \\\n  \
                     --name ",
                    &pool.name,
                    " \\\n  --max-surge ",
                ],
            );
            push_display(out, &surge);
            out.push('\n');
        }
    }
}

// ---- Terraform ------------------------------------------------------------------------

// Sources, checked for every argument written here, in the azurerm provider's own
// documentation (website/docs/r/kubernetes_cluster.html.markdown and
// kubernetes_cluster_node_pool.html.markdown, provider 5.2.0):
// - azurerm_kubernetes_cluster: name, location, resource_group_name, dns_prefix,
//   identity { type }, node_provisioning_profile { mode } (required from 5.0, Auto or
//   Manual), default_node_pool { name, vm_size, node_count, auto_scaling_enabled,
//   min_count, max_count, max_pods, vnet_subnet_id, pod_subnet_id, upgrade_settings
//   { max_surge } }, network_profile { network_plugin, network_plugin_mode ("overlay"),
//   network_data_plane ("azure" or "cilium"), network_policy ("calico", "azure",
//   "cilium"), pod_cidr, service_cidr, dns_service_ip }. The default node pool has no
//   os_type: it is the Linux system pool.
// - azurerm_kubernetes_cluster_node_pool: name, kubernetes_cluster_id, mode ("System"
//   or "User"), os_type ("Linux" or "Windows"), and the pool arguments above.
// - 4.0 upgrade guide: enable_auto_scaling became auto_scaling_enabled; ebpf_data_plane
//   was removed for network_data_plane (so the provider name is network_data_plane, not
//   network_dataplane). 5.0 upgrade guide: node_provisioning_profile is required.
// - No argument for the pod IP allocation mode exists in either resource (checked in the
//   provider's schema, 5.2.0): static block allocation is left to a comment.
fn terraform(out: &mut String, d: &Deployment<'_>) {
    const TF: usize = Format::Terraform as usize;
    let extra = if d.static_block {
        "Static block allocation: the azurerm provider (checked up to 5.2.0) has no argument for the pod IP allocation mode, so these pools would get dynamic allocation. Create the pools with the Azure CLI (--pod-ip-allocation-mode StaticBlock) or Bicep (podIPAllocationMode) instead, or plan for the azure-cni-pod-subnet model.\n"
    } else {
        ""
    };
    header(out, "#", d, Format::Terraform, extra);
    // The blocks whose arguments never change are written as `terraform fmt` aligns them.
    push_all(
        out,
        &[
            "terraform {\n  required_providers {\n    azurerm = {\n      \
             source  = \"hashicorp/azurerm\"\n      \
             version = \">= ",
            AZURERM_MIN_VERSION,
            "\"\n    }\n  }\n}\n\n\
             provider \"azurerm\" {\n  subscription_id = local.subscription_id\n  features {}\n}\n\n\
             # Fill in these values: node_vm_size is used for every pool.\nlocals {\n  \
             subscription_id     = \"<subscription-id>\"\n  \
             resource_group_name = \"<resource-group>\"\n  \
             cluster_name        = \"<cluster-name>\"\n  \
             dns_prefix          = \"<dns-prefix>\"\n  \
             location            = \"<location>\"\n  \
             node_vm_size        = \"<node-vm-size>\"\n",
        ],
    );
    subnet_line(out, "  node_subnet_id      = \"", "node", "\"\n");
    if d.pod_subnet {
        subnet_line(out, "  pod_subnet_id       = \"", "pod", "\"\n");
    }
    out.push_str(
        "}\n\nresource \"azurerm_kubernetes_cluster\" \"aks\" {\n  \
         name                = local.cluster_name\n  \
         location            = local.location\n  \
         resource_group_name = local.resource_group_name\n  \
         dns_prefix          = local.dns_prefix\n\n  \
         identity {\n    type = \"SystemAssigned\"\n  }\n\n  \
         # Required from azurerm 5.0; Manual keeps the node pools as written here.\n  \
         node_provisioning_profile {\n    mode = \"Manual\"\n  }\n",
    );

    let mut rows = Vec::new();
    // The first pool is the system pool: the cluster's default node pool.
    let (system, users) = match d.pools.split_first() {
        Some((system, users)) => (Some(system), users),
        None => (None, &[][..]),
    };
    let mut system_autoscale = false;
    if let Some(pool) = system {
        out.push('\n');
        comments(out, "  ", "#", &pool.notes, false);
        out.push_str("  default_node_pool {\n");
        rows.clear();
        rows.push(Setting::new("name", Value::Text(&pool.name)));
        d.pool(pool, TF, &mut rows);
        settings(out, Format::Terraform, "    ", &rows);
        terraform_surge(out, "    ", pool);
        out.push_str("  }\n");
        system_autoscale = pool.autoscale.is_some();
    }

    out.push_str("\n  network_profile {\n");
    rows.clear();
    d.network(TF, &mut rows);
    settings(out, Format::Terraform, "    ", &rows);
    out.push_str("  }\n");
    if system_autoscale {
        terraform_ignore_node_count(out, "default_node_pool[0].node_count");
    }
    out.push_str("}\n");

    for pool in users {
        out.push('\n');
        comments(out, "", "#", &pool.notes, false);
        push_all(
            out,
            &[
                "resource \"azurerm_kubernetes_cluster_node_pool\" \"",
                &pool.name,
                "\" {\n",
            ],
        );
        rows.clear();
        rows.push(Setting::new("name", Value::Text(&pool.name)));
        rows.push(Setting::new(
            "kubernetes_cluster_id",
            Value::Code("azurerm_kubernetes_cluster.aks.id"),
        ));
        rows.push(Setting::new("mode", Value::Text("User")));
        if pool.windows {
            rows.push(Setting::new("os_type", Value::Text("Windows")));
        }
        d.pool(pool, TF, &mut rows);
        settings(out, Format::Terraform, "  ", &rows);
        terraform_surge(out, "  ", pool);
        if pool.autoscale.is_some() {
            terraform_ignore_node_count(out, "node_count");
        }
        out.push_str("}\n");
    }
}

/// The pool's `upgrade_settings` block, if it sets a surge.
fn terraform_surge(out: &mut String, indent: &str, pool: &PoolSpec) {
    if let Some(surge) = pool.max_surge {
        push_all(
            out,
            &[
                "\n",
                indent,
                "upgrade_settings {\n",
                indent,
                "  max_surge = \"",
            ],
        );
        push_display(out, &surge);
        push_all(out, &["\"\n", indent, "}\n"]);
    }
}

fn terraform_ignore_node_count(out: &mut String, path: &str) {
    push_all(
        out,
        &[
            "\n  # The autoscaler changes the node count; keep Terraform from undoing it.\n  \
             lifecycle {\n    ignore_changes = [",
            path,
            "]\n  }\n",
        ],
    );
}

// ---- Bicep ----------------------------------------------------------------------------

// Sources, checked for every property written here:
// - Microsoft.ContainerService/managedClusters, API version 2025-10-01 (stable): the
//   Bicep resource reference and the REST API Create Or Update page of that version,
//   read in the API's stable 2025-10-01 specification (the go-azure-sdk model of it, as
//   vendored by the azurerm provider): properties.dnsPrefix, identity.type,
//   properties.agentPoolProfiles[].name/count/vmSize/osType/mode/type/vnetSubnetID/
//   podSubnetID/maxPods/enableAutoScaling/minCount/maxCount/upgradeSettings.maxSurge/
//   podIPAllocationMode ("DynamicIndividual" or "StaticBlock"), and
//   properties.networkProfile.networkPlugin/networkPluginMode/networkDataplane/
//   networkPolicy/podCidr/serviceCidr/dnsServiceIP.
// - NetworkPolicy "cilium": "This requires networkDataplane to be 'cilium'."
// - use-system-pools: "The mode of a node pool is a required property and must be
//   explicitly set when using ARM templates", so every profile sets mode.
fn bicep(out: &mut String, d: &Deployment<'_>) {
    const BICEP: usize = Format::Bicep as usize;
    header(out, "//", d, Format::Bicep, "");
    out.push_str(
        "// Fill in these values: nodeVmSize is used for every pool.\n\
         param clusterName string = '<cluster-name>'\n\
         param location string = resourceGroup().location\n\
         param dnsPrefix string = '<dns-prefix>'\n\
         param nodeVmSize string = '<node-vm-size>'\n",
    );
    subnet_line(out, "param nodeSubnetId string = '", "node", "'\n");
    if d.pod_subnet {
        subnet_line(out, "param podSubnetId string = '", "pod", "'\n");
    }
    push_all(
        out,
        &[
            "\nresource aks 'Microsoft.ContainerService/managedClusters@",
            BICEP_API_VERSION,
            "' = {\n  name: clusterName\n  location: location\n  \
             identity: {\n    type: 'SystemAssigned'\n  }\n  \
             properties: {\n    dnsPrefix: dnsPrefix\n    agentPoolProfiles: [\n",
        ],
    );
    let mut rows = Vec::new();
    for pool in &d.pools {
        comments(out, "      ", "//", &pool.notes, false);
        out.push_str("      {\n");
        rows.clear();
        rows.push(Setting::new("name", Value::Text(&pool.name)));
        rows.push(Setting::new(
            "mode",
            Value::Text(if pool.system { "System" } else { "User" }),
        ));
        rows.push(Setting::new(
            "osType",
            Value::Text(if pool.windows { "Windows" } else { "Linux" }),
        ));
        rows.push(Setting::new("type", Value::Text("VirtualMachineScaleSets")));
        d.pool(pool, BICEP, &mut rows);
        settings(out, Format::Bicep, "        ", &rows);
        if let Some(surge) = pool.max_surge {
            out.push_str("        upgradeSettings: {\n          maxSurge: '");
            push_display(out, &surge);
            out.push_str("'\n        }\n");
        }
        out.push_str("      }\n");
    }
    out.push_str("    ]\n    networkProfile: {\n");
    rows.clear();
    d.network(BICEP, &mut rows);
    settings(out, Format::Bicep, "      ", &rows);
    out.push_str("    }\n  }\n}\n");
}

/// Text that needs no escaping in an HCL or Bicep string: no quote, backslash, line
/// break or interpolation.
fn is_plain(s: &str) -> bool {
    !s.contains(['"', '\'', '\\', '\n', '\r']) && !s.contains("${") && !s.contains("%{")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::CiliumIpam;
    use crate::plan::{Pool, Requirements};
    use alloc::format;
    use alloc::string::ToString;

    fn net(s: &str) -> IpNet {
        s.parse().expect(s)
    }

    /// The planner's default plan with a second, Windows, pool and a third that scales.
    fn plan() -> Plan {
        let mut p = Plan::default();
        p.pools = alloc::vec![
            Pool {
                max_surge: Some(Surge::Percent(33)),
                ..Pool::new("system", 3)
            },
            Pool {
                os: Os::Windows,
                max_pods: Some(30),
                ..Pool::new("win", 2)
            },
            Pool {
                max_nodes: Some(10),
                max_surge: Some(Surge::Nodes(2)),
                ..Pool::new("apps", 2)
            },
        ];
        p
    }

    /// The shell commands of a script, comments dropped, continuation lines joined.
    fn commands(script: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = String::new();
        for line in script.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let (piece, continued) = match line.strip_suffix('\\') {
                Some(head) => (head, true),
                None => (line, false),
            };
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(piece.trim());
            if !continued {
                if current.starts_with("az ") {
                    out.push(current.clone());
                }
                current.clear();
            }
        }
        out
    }

    #[test]
    fn format_ids_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_id(f.id()), Some(f));
            assert_eq!(f.to_string(), f.id());
            assert!(!f.title().is_empty() && !f.sources().is_empty());
            assert!(f.sources().iter().all(|s| s.url.starts_with("https://")));
        }
        assert_eq!(Format::from_id("arm"), None);
    }

    #[test]
    fn key_flags_per_model() {
        // (model, cilium ipam, flags every create has, flags none has)
        let rows: &[(ModelId, CiliumIpam, &[&str], &[&str])] = &[
            (
                ModelId::Kubenet,
                CiliumIpam::Overlay,
                &["--network-plugin kubenet", "--pod-cidr 10.244.0.0/16"],
                &[
                    "--pod-subnet-id",
                    "--network-plugin-mode",
                    "--network-dataplane",
                ],
            ),
            (
                ModelId::AzureCni,
                CiliumIpam::Overlay,
                &["--network-plugin azure", "--vnet-subnet-id"],
                &["--pod-cidr", "--pod-subnet-id", "--network-plugin-mode"],
            ),
            (
                ModelId::AzureCniOverlay,
                CiliumIpam::Overlay,
                &[
                    "--network-plugin azure",
                    "--network-plugin-mode overlay",
                    "--pod-cidr 10.244.0.0/16",
                ],
                &["--pod-subnet-id", "--network-dataplane"],
            ),
            (
                ModelId::AzureCniCilium,
                CiliumIpam::Overlay,
                &[
                    "--network-plugin azure",
                    "--network-plugin-mode overlay",
                    "--pod-cidr 10.244.0.0/16",
                    "--network-dataplane cilium",
                    "--network-policy cilium",
                ],
                &["--pod-subnet-id"],
            ),
            (
                ModelId::AzureCniCilium,
                CiliumIpam::PodSubnet,
                &[
                    "--network-plugin azure",
                    "--network-dataplane cilium",
                    "--network-policy cilium",
                    "--pod-subnet-id \"$POD_SUBNET_ID\"",
                ],
                &[
                    "--pod-cidr",
                    "--network-plugin-mode",
                    "--pod-ip-allocation-mode",
                ],
            ),
            (
                ModelId::AzureCniPodSubnet,
                CiliumIpam::Overlay,
                &[
                    "--network-plugin azure",
                    "--vnet-subnet-id \"$NODE_SUBNET_ID\"",
                    "--pod-subnet-id \"$POD_SUBNET_ID\"",
                ],
                &[
                    "--pod-cidr",
                    "--network-plugin-mode",
                    "--pod-ip-allocation-mode",
                ],
            ),
            (
                ModelId::AzureCniPodSubnetStatic,
                CiliumIpam::Overlay,
                &[
                    "--network-plugin azure",
                    "--pod-subnet-id \"$POD_SUBNET_ID\"",
                    "--pod-ip-allocation-mode StaticBlock",
                ],
                &["--pod-cidr", "--network-plugin-mode", "--network-dataplane"],
            ),
        ];
        for (model, ipam, has, lacks) in rows {
            let mut p = plan();
            p.cilium_ipam = *ipam;
            let script = generate(&p, *model, Format::AzureCli);
            let cmds = commands(&script);
            let create = cmds
                .iter()
                .find(|c| c.starts_with("az aks create"))
                .expect("a create command");
            for flag in *has {
                assert!(create.contains(flag), "{model}: {flag} missing in {create}");
            }
            for flag in *lacks {
                assert!(
                    cmds.iter().all(|c| !c.contains(flag)),
                    "{model}: {flag} in\n{script}"
                );
            }
            // Service range and DNS IP always; every pool in the node subnet.
            assert!(create.contains("--service-cidr 10.1.0.0/16"), "{model}");
            assert!(create.contains("--dns-service-ip 10.1.0.10"), "{model}");
            for c in cmds
                .iter()
                .filter(|c| !c.starts_with("az aks nodepool update"))
            {
                assert!(c.contains("--vnet-subnet-id \"$NODE_SUBNET_ID\""), "{c}");
            }
        }
    }

    #[test]
    fn static_block_is_set_on_every_pool() {
        let p = plan();
        let script = generate(&p, ModelId::AzureCniPodSubnetStatic, Format::AzureCli);
        let pools: Vec<String> = commands(&script)
            .into_iter()
            .filter(|c| c.starts_with("az aks create") || c.starts_with("az aks nodepool add"))
            .collect();
        assert_eq!(pools.len(), p.pools.len());
        for c in &pools {
            assert!(c.contains("--pod-ip-allocation-mode StaticBlock"), "{c}");
            assert!(c.contains("--pod-subnet-id \"$POD_SUBNET_ID\""), "{c}");
        }
        let bicep = generate(&p, ModelId::AzureCniPodSubnetStatic, Format::Bicep);
        assert_eq!(
            bicep.matches("podIPAllocationMode: 'StaticBlock'").count(),
            p.pools.len()
        );
        // Terraform cannot say it, and says so instead of inventing an argument.
        let tf = generate(&p, ModelId::AzureCniPodSubnetStatic, Format::Terraform);
        assert!(
            tf.replace("\n#   ", " ")
                .contains("no argument for the pod IP allocation mode")
        );
        assert!(!tf.contains("pod_ip_allocation_mode") && !tf.contains("StaticBlock\""));
        let dynamic = generate(&p, ModelId::AzureCniPodSubnet, Format::Bicep);
        assert!(!dynamic.contains("podIPAllocationMode"));
    }

    #[test]
    fn pools_autoscaler_surge_and_windows() {
        let p = plan();
        let script = generate(&p, ModelId::AzureCniOverlay, Format::AzureCli);
        let cmds = commands(&script);
        assert_eq!(cmds.len(), 4, "create, surge update, two pools:\n{script}");
        assert!(cmds[0].starts_with("az aks create") && !cmds[0].contains("--max-surge"));
        assert!(cmds[0].contains("--nodepool-name system"));
        assert!(!cmds[0].contains("--max-pods"), "max pods only where set");
        assert!(cmds[1].starts_with("az aks nodepool update"));
        assert!(cmds[1].contains("--name system") && cmds[1].contains("--max-surge 33%"));
        assert!(cmds[2].contains("--name win") && cmds[2].contains("--os-type Windows"));
        assert!(cmds[2].contains("--mode User") && cmds[2].contains("--max-pods 30"));
        assert!(!cmds[2].contains("--enable-cluster-autoscaler"));
        assert!(
            cmds[3].contains(
                "--node-count 2 --enable-cluster-autoscaler --min-count 2 --max-count 10"
            )
        );
        assert!(cmds[3].contains("--max-surge 2") && !cmds[3].contains("--os-type"));

        let tf = generate(&p, ModelId::AzureCniOverlay, Format::Terraform);
        assert_eq!(
            tf.matches("resource \"azurerm_kubernetes_cluster_node_pool\"")
                .count(),
            2
        );
        assert!(tf.contains("os_type               = \"Windows\""));
        assert!(tf.contains("max_surge = \"33%\"") && tf.contains("max_surge = \"2\""));
        assert!(tf.contains("ignore_changes = [node_count]"));
        assert!(!tf.contains("default_node_pool[0].node_count"));

        let bicep = generate(&p, ModelId::AzureCniOverlay, Format::Bicep);
        assert_eq!(bicep.matches("mode: 'System'").count(), 1);
        assert_eq!(bicep.matches("mode: 'User'").count(), 2);
        assert_eq!(bicep.matches("osType: 'Windows'").count(), 1);
        assert!(
            bicep.contains("enableAutoScaling: true\n        minCount: 2\n        maxCount: 10")
        );
    }

    #[test]
    fn network_policy_only_when_required() {
        let mut p = plan();
        for m in [
            ModelId::Kubenet,
            ModelId::AzureCni,
            ModelId::AzureCniOverlay,
        ] {
            assert!(
                !generate(&p, m, Format::AzureCli).contains("--network-policy"),
                "{m}"
            );
        }
        p.requirements = Requirements {
            network_policy: PolicyNeed::Any,
            ..Requirements::default()
        };
        for m in [
            ModelId::Kubenet,
            ModelId::AzureCni,
            ModelId::AzureCniOverlay,
            ModelId::AzureCniPodSubnet,
        ] {
            let s = generate(&p, m, Format::AzureCli);
            assert!(s.contains("--network-policy calico"), "{m}");
            assert!(
                !s.contains("--network-policy azure"),
                "{m}: NPM is retiring"
            );
        }
        // Dual-stack rules Calico out; Azure NPM is never set.
        p.requirements.dual_stack = true;
        let s = generate(&p, ModelId::AzureCni, Format::Bicep);
        assert!(!s.contains("networkPolicy"));
        assert!(
            s.replace("\n//   ", " ")
                .contains("neither Calico nor Cilium")
        );
        p.requirements.dual_stack = false;
        p.requirements.network_policy = PolicyNeed::Cilium;
        let s = generate(&p, ModelId::AzureCniOverlay, Format::AzureCli);
        assert!(!s.contains("--network-policy"));
        assert!(s.contains("needs the Cilium data plane"));
        let s = generate(&p, ModelId::AzureCniCilium, Format::Terraform);
        assert!(s.contains("network_policy      = \"cilium\""));
        assert!(s.contains("network_data_plane  = \"cilium\""));
    }

    #[test]
    fn pool_names_follow_the_aks_rule() {
        #[track_caller]
        fn check(names: &[(&str, Os)], expected: &[&str]) {
            let mut p = Plan::default();
            p.pools = names
                .iter()
                .map(|(n, os)| Pool {
                    os: *os,
                    ..Pool::new(n, 1)
                })
                .collect();
            let d = Deployment::new(&p, ModelId::AzureCniOverlay);
            let got: Vec<&str> = d.pools.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(got, expected, "for {names:?}");
            for (spec, (raw, _)) in d.pools.iter().zip(names) {
                let renamed = spec.notes.starts_with("Pool ");
                assert_eq!(renamed, spec.name != *raw, "note for {raw}");
            }
        }
        use Os::{Linux, Windows};
        check(&[("system", Linux)], &["system"]);
        check(&[("abcdefghijkl", Linux)], &["abcdefghijkl"]);
        check(&[("abcdefghijklm", Linux)], &["abcdefghijkl"]);
        check(&[("System-Pool_1", Linux)], &["systempool1"]);
        check(&[("1st", Linux)], &["np1st"]);
        check(&[("---", Linux)], &["np"]);
        check(&[("système", Linux)], &["systme"]);
        check(&[("sys", Linux), ("windows", Windows)], &["sys", "window"]);
        check(&[("sys", Linux), ("win", Windows)], &["sys", "win"]);
        // The system pool is Linux whatever the plan says, so 12 characters.
        check(&[("windowspool", Windows)], &["windowspool"]);
        // Renamed pools never take a name another pool has.
        check(
            &[("apps", Linux), ("Apps", Linux), ("APPS!", Linux)],
            &["apps", "apps2", "apps3"],
        );
        check(
            &[("abcdefghijkl", Linux), ("abcdefghijkl-x", Linux)],
            &["abcdefghijkl", "abcdefghijk2"],
        );
        // Numbers go on past names kept as they are, and cut the name once they grow.
        let mut names = vec![("Application pool", Linux); 6];
        names.push(("application3", Linux));
        check(
            &names,
            &[
                "applicationp",
                "application2",
                "application4",
                "application5",
                "application6",
                "application7",
                "application3",
            ],
        );
        let names = [("Application pool", Linux); 12];
        let p = Plan {
            pools: names.iter().map(|(n, _)| Pool::new(n, 1)).collect(),
            ..Plan::default()
        };
        let d = Deployment::new(&p, ModelId::AzureCniOverlay);
        assert_eq!(d.pools[9].name, "applicatio10");
        assert_eq!(d.pools[11].name, "applicatio12");
    }

    #[test]
    fn a_thousand_pools_of_one_name_get_a_thousand_names() {
        let mut p = Plan::default();
        p.pools = (0..1_000).map(|_| Pool::new("Pool!", 1)).collect();
        let d = Deployment::new(&p, ModelId::AzureCniOverlay);
        let names: alloc::collections::BTreeSet<&str> =
            d.pools.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), 1_000);
        assert_eq!(d.pools[999].name, "pool1000");
    }

    #[test]
    fn hostile_pool_names_stay_in_comments() {
        let hostile = [
            "\"; rm -rf /",
            "'; rm -rf / #",
            "$(reboot)",
            "`id`",
            "a\nrm -rf /",
            "x\" = 1 } resource \"y",
            "'} resource evil 'x' = {",
            "${file(\"/etc/passwd\")}",
            "\u{202e}evil\r\n//",
            "\\",
        ];
        let mut p = Plan::default();
        p.pools = core::iter::once(Pool::new("system", 3))
            .chain(hostile.iter().map(|n| Pool::new(n, 1)))
            .collect();
        for model in ModelId::ALL {
            for format in Format::ALL {
                let out = generate(&p, model, format);
                assert!(
                    out.bytes()
                        .all(|b| b == b'\n' || (b' '..=b'~').contains(&b)),
                    "{model} {format}: not printable ASCII"
                );
                let marker = if format == Format::Bicep { "//" } else { "#" };
                for line in out.lines() {
                    let code = line.trim_start();
                    if code.starts_with(marker) {
                        continue;
                    }
                    for bad in ["rm -rf", "$(", "`", "${", "\\u", "/etc"] {
                        assert!(!code.contains(bad), "{model} {format}: {line}");
                    }
                    // Quotes pair up on every line of code: nothing left a string.
                    let quote = if format == Format::Bicep { '\'' } else { '"' };
                    assert_eq!(
                        code.matches(quote).count() % 2,
                        0,
                        "{model} {format}: {line}"
                    );
                }
                // Every pool got a valid, distinct name.
                let d = Deployment::new(&p, model);
                let mut names: Vec<&str> = d.pools.iter().map(|p| p.name.as_str()).collect();
                for n in &names {
                    assert!(is_valid_pool_name(n, NAME_MAX_LINUX), "{n}");
                }
                names.sort_unstable();
                names.dedup();
                assert_eq!(names.len(), p.pools.len());
            }
        }
    }

    #[test]
    fn escaped_text_is_printable() {
        let escape = |text: &str| {
            let mut out = String::new();
            escaped(&mut out, text);
            out
        };
        assert_eq!(escape("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(escape("é\n"), r#""\u{e9}\u{a}""#);
        assert_eq!(escape("\0\u{10ffff}"), r#""\u{0}\u{10ffff}""#);
    }

    #[test]
    fn comments_wrap_but_keep_long_words() {
        let mut out = String::new();
        let long = "word ".repeat(40);
        comment(&mut out, "", "#", &long);
        assert!(out.lines().count() > 1);
        assert!(out.lines().all(|l| l.len() <= WIDTH && l.starts_with('#')));
        let mut out = String::new();
        let url = "x".repeat(120);
        comment(&mut out, "  ", "//", &format!("see {url}"));
        assert_eq!(out, format!("  // see\n  //   {url}\n"));
    }

    #[test]
    fn output_is_deterministic_and_ends_with_a_newline() {
        let mut p = plan();
        p.vnet = alloc::vec![net("10.0.0.0/16"), net("10.8.0.0/16")];
        for model in ModelId::ALL {
            for format in Format::ALL {
                let a = generate(&p, model, format);
                assert_eq!(a, generate(&p, model, format));
                assert!(
                    a.ends_with('\n') && !a.ends_with("\n\n"),
                    "{model} {format}"
                );
                assert!(a.contains("VNet 10.0.0.0/16, 10.8.0.0/16;"));
            }
        }
    }
}
