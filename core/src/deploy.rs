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

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::cidr::{IpAddr, IpNet};
use crate::facts::{Feature, ModelId, PolicyEngine, Source};
use crate::plan::{Names, Os, Plan, PolicyNeed, Pool, Surge};
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
    match format {
        Format::AzureCli => azure_cli(&d),
        Format::Terraform => terraform(&d),
        Format::Bicep => bicep(&d),
    }
}

// ---- what the three formats share -----------------------------------------------------

/// The network profile and pools of one deployment, decided once for all formats.
struct Deployment {
    /// `kubenet` or `azure`.
    plugin: &'static str,
    /// Azure CNI Overlay: `--network-plugin-mode overlay`.
    overlay: bool,
    /// The Cilium data plane.
    cilium: bool,
    /// The network policy engine, if any.
    policy: Option<PolicyEngine>,
    /// The private pod CIDR (kubenet and overlay).
    pod_cidr: Option<IpNet>,
    /// Pods take addresses from a VNet pod subnet, set on every pool.
    pod_subnet: bool,
    /// Static block allocation in the pod subnet, set on every pool.
    static_block: bool,
    service_cidr: IpNet,
    dns_service_ip: IpAddr,
    /// What the header says about the plan, one sentence a line.
    summary: Vec<String>,
    /// Cluster-wide notes: what the output could not set, or leaves to AKS.
    notes: Vec<String>,
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
    /// Notes about this pool, shown next to it.
    notes: Vec<String>,
}

impl Deployment {
    fn new(plan: &Plan, model: ModelId) -> Deployment {
        let addressing = model.addressing(plan.cilium_ipam);
        let (plugin, overlay, pod_cidr, pod_subnet, static_block) = match addressing {
            ModelId::Kubenet => ("kubenet", false, Some(plan.pod_cidr), false, false),
            ModelId::AzureCniOverlay => ("azure", true, Some(plan.pod_cidr), false, false),
            ModelId::AzureCniPodSubnet => ("azure", false, None, true, false),
            ModelId::AzureCniPodSubnetStatic => ("azure", false, None, true, true),
            // Azure CNI with pods in the node subnet; Cilium always resolves to one of
            // the models above.
            ModelId::AzureCni | ModelId::AzureCniCilium => ("azure", false, None, false, false),
        };
        let cilium = model == ModelId::AzureCniCilium;
        let mut notes = Vec::new();
        let policy = policy_engine(plan, model, &mut notes);
        if pod_subnet && plan.pod_subnet.is_none() {
            notes.push(
                "Pod subnet: the plan has none; create one in the VNet and fill in its ID.".into(),
            );
        }
        if plan.requirements.dual_stack {
            notes.push(
                "Dual-stack: the plan requires it, but this output sets the single-stack ranges only."
                    .into(),
            );
        }
        if plan.pools.iter().any(|p| p.max_pods.is_none()) {
            notes.push(format!(
                "Max pods: pools that do not set it get AKS's default for {}, {} pods per node, which the plan was sized for.",
                model.name(),
                model.max_pods(plan.cilium_ipam).default
            ));
        }
        let pools = pool_specs(plan, model);
        let summary = summary(plan, model, addressing, pod_cidr, pod_subnet, &pools);
        Deployment {
            plugin,
            overlay,
            cilium,
            policy,
            pod_cidr,
            pod_subnet,
            static_block,
            service_cidr: plan.service_cidr,
            dns_service_ip: plan.dns_service_ip,
            summary,
            notes,
            pools,
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
fn policy_engine(plan: &Plan, model: ModelId, notes: &mut Vec<String>) -> Option<PolicyEngine> {
    let need = plan.requirements.network_policy;
    if model == ModelId::AzureCniCilium {
        if need == PolicyNeed::Calico {
            notes.push(format!(
                "Network policy: the plan asks for Calico, which {} does not offer; Cilium enforces network policy instead.",
                model.name()
            ));
        }
        return Some(PolicyEngine::Cilium);
    }
    match need {
        PolicyNeed::None => None,
        PolicyNeed::Cilium => {
            notes.push(format!(
                "Network policy: the plan asks for Cilium, which needs the Cilium data plane (the {} model); none is set here.",
                ModelId::AzureCniCilium.id()
            ));
            None
        }
        // With Azure NPM (retiring) and Cilium (another data plane) set aside, Calico is
        // the one engine left, where the model offers it to this plan.
        PolicyNeed::Any | PolicyNeed::Calico => {
            if score::policy_engines(plan, model).contains(&PolicyEngine::Calico) {
                Some(PolicyEngine::Calico)
            } else {
                notes.push(format!(
                    "Network policy: the plan asks for one, but {} offers this plan neither Calico nor Cilium, and Azure NPM is being retired; none is set here.",
                    model.name()
                ));
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

fn pool_specs(plan: &Plan, model: ModelId) -> Vec<PoolSpec> {
    let windows_ok = model
        .support(Feature::Windows, plan.cilium_ipam)
        .is_supported();
    let windows: Vec<bool> = plan
        .pools
        .iter()
        .enumerate()
        .map(|(i, p)| i > 0 && p.os == Os::Windows)
        .collect();
    let names = pool_names(&plan.pools, &windows);
    plan.pools
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (p, (name, renamed)))| {
            let mut notes = Vec::new();
            if let Some(note) = renamed {
                notes.push(note);
            }
            if i == 0 && p.os == Os::Windows {
                notes.push(
                    "The plan's first pool is Windows, but the system pool must run Linux: it is created as Linux here; add the Windows pool as a user pool."
                        .into(),
                );
            }
            if windows[i] && !windows_ok {
                notes.push(format!(
                    "{} does not support Windows node pools: AKS will refuse this pool.",
                    model.name()
                ));
            }
            PoolSpec {
                name,
                system: i == 0,
                windows: windows[i],
                count: p.nodes,
                autoscale: p.max_nodes.map(|max| (p.nodes, max.max(p.nodes))),
                max_pods: p.max_pods,
                max_surge: p.max_surge,
                notes,
            }
        })
        .collect()
}

/// Whether AKS accepts `name` as a pool name: lowercase letters and digits, starting with
/// a letter, at most `max` characters.
fn is_valid_pool_name(name: &str, max: usize) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && name.len() <= max
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A name AKS accepts for every pool, unique in the plan, with a note for each name
/// that had to change. Valid names are kept; the others become their lowercase letters
/// and digits, with `np` in front when that does not start with a letter, cut to the
/// limit, and numbered when that collides.
fn pool_names(pools: &[Pool], windows: &[bool]) -> Vec<(String, Option<String>)> {
    let max = |i: usize| {
        if windows[i] {
            NAME_MAX_WINDOWS
        } else {
            NAME_MAX_LINUX
        }
    };
    // Each name taken, kept with 0 if valid as given, else with 1 + the pool's place.
    let mut taken = Names::with_room(2 * pools.len());
    for (i, p) in pools.iter().enumerate() {
        if is_valid_pool_name(&p.name, max(i)) {
            taken.slot(&p.name, 0);
        }
    }
    // For each cleaned-up name and limit (Linux, Windows), the number to try next: the
    // names it gave before that number are taken, and names are never freed.
    let mut next_number = [Names::with_room(pools.len()), Names::with_room(pools.len())];
    pools
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let max = max(i);
            if is_valid_pool_name(&p.name, max) {
                return (p.name.clone(), None);
            }
            let mut base: String = p
                .name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
                base.insert_str(0, "np");
            }
            base.truncate(max);
            // 1 stands for the name without a number.
            let numbered = |n: usize| {
                if n == 1 {
                    return base.clone();
                }
                let suffix = n.to_string();
                let keep = max.saturating_sub(suffix.len()).min(base.len());
                format!("{}{suffix}", &base[..keep])
            };
            let next = next_number[usize::from(windows[i])].slot(&base, 1);
            let name = loop {
                let name = numbered(*next);
                *next += 1;
                if *taken.slot(&name, i + 1) == i + 1 {
                    break name;
                }
            };
            let rule = if windows[i] {
                "AKS names Windows pools with at most 6 lowercase letters and digits, starting with a letter"
            } else {
                "AKS names pools with at most 12 lowercase letters and digits, starting with a letter"
            };
            let note = format!(
                "Pool {} is named {name} here: {rule}.",
                escaped(&p.name)
            );
            (name, Some(note))
        })
        .collect()
}

/// User text made safe for a comment in any format: printable ASCII but for `"` and
/// `\`, which are escaped, and every other character as `\u{...}`; in double quotes.
fn escaped(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

fn summary(
    plan: &Plan,
    model: ModelId,
    addressing: ModelId,
    pod_cidr: Option<IpNet>,
    pod_subnet: bool,
    pools: &[PoolSpec],
) -> Vec<String> {
    let vnet: Vec<String> = plan.vnet.iter().map(ToString::to_string).collect();
    let pods = match (pod_cidr, pod_subnet, plan.pod_subnet) {
        (Some(c), _, _) => format!("Pod CIDR {c}, private to the cluster."),
        (None, true, Some(s)) => format!("Pod subnet {s}."),
        (None, true, None) => "Pod subnet: none in the plan.".into(),
        (None, false, _) => "Pods take their addresses from the node subnet.".into(),
    };
    let mut model_line = format!("Model: {}", model.name());
    if model.name() != model.id() {
        let _ = write!(model_line, " [{}]", model.id());
    }
    if model != addressing {
        let _ = write!(model_line, ", addressing as {}", addressing.name());
    }
    model_line.push('.');
    let pool_list: Vec<String> = pools
        .iter()
        .map(|p| match (p.system, p.windows) {
            (true, _) => format!("{} (system)", p.name),
            (false, true) => format!("{} (Windows)", p.name),
            (false, false) => p.name.clone(),
        })
        .collect();
    let mut lines = alloc::vec![
        model_line,
        format!(
            "VNet {}; node subnet {}.",
            vnet.join(", "),
            plan.node_subnet
        ),
        pods,
        format!(
            "Service CIDR {}; DNS service IP {}.",
            plan.service_cidr, plan.dns_service_ip
        ),
        format!("Node pools: {}.", pool_list.join(", ")),
    ];
    lines.push("Replace every <placeholder> before use.".into());
    lines
}

/// `text` as comment lines starting with `marker`, wrapped to [`WIDTH`]; continuation
/// lines are indented two more spaces.
fn comment(out: &mut String, indent: &str, marker: &str, text: &str) {
    let first = format!("{indent}{marker} ");
    let next = format!("{indent}{marker}   ");
    let mut line = first.clone();
    let mut fresh = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !fresh && line.len() + 1 + word.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line.clone_from(&next);
            fresh = true;
        }
        if !fresh {
            line.push(' ');
        }
        line.push_str(word);
        fresh = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// The header every format starts with: what the output is for, then the notes.
fn header(out: &mut String, marker: &str, d: &Deployment, format: Format, extra: &[String]) {
    comment(
        out,
        "",
        marker,
        &format!(
            "aksnet: {} deployment of a planned AKS cluster.",
            format.title()
        ),
    );
    for line in &d.summary {
        comment(out, "", marker, line);
    }
    for note in d.notes.iter().chain(extra) {
        comment(out, "", marker, "");
        comment(out, "", marker, note);
    }
    comment(out, "", marker, "");
    comment(out, "", marker, "Names checked against:");
    for s in format.sources() {
        comment(out, "", marker, &format!("- {}: {}", s.title, s.url));
    }
    out.push('\n');
}

fn subnet_id(subnet: &str) -> String {
    format!(
        "/subscriptions/<subscription-id>/resourceGroups/<vnet-resource-group>/providers/Microsoft.Network/virtualNetworks/<vnet-name>/subnets/<{subnet}-subnet-name>"
    )
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
fn azure_cli(d: &Deployment) -> String {
    let mut out = String::from("#!/usr/bin/env bash\n");
    header(&mut out, "#", d, Format::AzureCli, &[]);
    out.push_str("set -euo pipefail\n\n");
    let mut vars = alloc::vec![
        ("RESOURCE_GROUP", String::from("<resource-group>")),
        ("CLUSTER_NAME", "<cluster-name>".into()),
        ("LOCATION", "<location>".into()),
        ("NODE_VM_SIZE", "<node-vm-size>".into()),
        ("NODE_SUBNET_ID", subnet_id("node")),
    ];
    if d.pod_subnet {
        vars.push(("POD_SUBNET_ID", subnet_id("pod")));
    }
    out.push_str("# Fill in these values: NODE_VM_SIZE is used for every pool.\n");
    for (name, value) in &vars {
        let _ = writeln!(out, "{name}='{value}'");
    }
    out.push('\n');
    let refs: Vec<String> = vars.iter().map(|(n, _)| format!("\"${n}\"")).collect();
    let _ = writeln!(out, "for value in {}; do", refs.join(" "));
    out.push_str("  case \"$value\" in\n");
    out.push_str(
        "    *'<'*) echo 'Replace the <placeholders> at the top of this script first.' >&2; exit 1 ;;\n",
    );
    out.push_str("  esac\ndone\n");

    for pool in &d.pools {
        out.push('\n');
        let heading = match (pool.system, pool.windows) {
            (true, _) => format!(
                "Create the cluster with its network profile and its system pool, {}.",
                pool.name
            ),
            (false, true) => format!("Add the Windows user pool {}.", pool.name),
            (false, false) => format!("Add the user pool {}.", pool.name),
        };
        comment(&mut out, "", "#", &heading);
        for note in &pool.notes {
            comment(&mut out, "", "#", note);
        }
        let mut args: Vec<(&str, Option<String>)> = Vec::new();
        let command = if pool.system {
            args.push(("--resource-group", Some("\"$RESOURCE_GROUP\"".into())));
            args.push(("--name", Some("\"$CLUSTER_NAME\"".into())));
            args.push(("--location", Some("\"$LOCATION\"".into())));
            args.push(("--generate-ssh-keys", None));
            args.push(("--network-plugin", Some(d.plugin.into())));
            if d.overlay {
                args.push(("--network-plugin-mode", Some("overlay".into())));
            }
            if d.cilium {
                args.push(("--network-dataplane", Some("cilium".into())));
            }
            if let Some(e) = d.policy {
                args.push(("--network-policy", Some(engine_value(e).into())));
            }
            if let Some(c) = d.pod_cidr {
                args.push(("--pod-cidr", Some(c.to_string())));
            }
            args.push(("--service-cidr", Some(d.service_cidr.to_string())));
            args.push(("--dns-service-ip", Some(d.dns_service_ip.to_string())));
            args.push(("--nodepool-name", Some(pool.name.clone())));
            "az aks create"
        } else {
            args.push(("--resource-group", Some("\"$RESOURCE_GROUP\"".into())));
            args.push(("--cluster-name", Some("\"$CLUSTER_NAME\"".into())));
            args.push(("--name", Some(pool.name.clone())));
            args.push(("--mode", Some("User".into())));
            if pool.windows {
                args.push(("--os-type", Some("Windows".into())));
            }
            "az aks nodepool add"
        };
        args.push(("--node-vm-size", Some("\"$NODE_VM_SIZE\"".into())));
        args.push(("--node-count", Some(pool.count.to_string())));
        if let Some((min, max)) = pool.autoscale {
            args.push(("--enable-cluster-autoscaler", None));
            args.push(("--min-count", Some(min.to_string())));
            args.push(("--max-count", Some(max.to_string())));
        }
        if let Some(m) = pool.max_pods {
            args.push(("--max-pods", Some(m.to_string())));
        }
        args.push(("--vnet-subnet-id", Some("\"$NODE_SUBNET_ID\"".into())));
        if d.pod_subnet {
            args.push(("--pod-subnet-id", Some("\"$POD_SUBNET_ID\"".into())));
        }
        if d.static_block {
            args.push(("--pod-ip-allocation-mode", Some("StaticBlock".into())));
        }
        if !pool.system {
            if let Some(s) = pool.max_surge {
                args.push(("--max-surge", Some(s.to_string())));
            }
        }
        shell_command(&mut out, command, &args);

        if let (true, Some(surge)) = (pool.system, pool.max_surge) {
            out.push('\n');
            comment(
                &mut out,
                "",
                "#",
                "az aks create has no --max-surge: set the system pool's surge once it exists.",
            );
            shell_command(
                &mut out,
                "az aks nodepool update",
                &[
                    ("--resource-group", Some("\"$RESOURCE_GROUP\"".into())),
                    ("--cluster-name", Some("\"$CLUSTER_NAME\"".into())),
                    ("--name", Some(pool.name.clone())),
                    ("--max-surge", Some(surge.to_string())),
                ],
            );
        }
    }
    out
}

/// One command, a flag a line, continued with backslashes.
fn shell_command(out: &mut String, command: &str, args: &[(&str, Option<String>)]) {
    out.push_str(command);
    for (flag, value) in args {
        out.push_str(" \\\n  ");
        out.push_str(flag);
        if let Some(v) = value {
            out.push(' ');
            out.push_str(v);
        }
    }
    out.push('\n');
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
fn terraform(d: &Deployment) -> String {
    let mut out = String::new();
    let mut extra = Vec::new();
    if d.static_block {
        extra.push(format!(
            "Static block allocation: the azurerm provider (checked up to 5.2.0) has no argument for the pod IP allocation mode, so these pools would get dynamic allocation. Create the pools with the Azure CLI (--pod-ip-allocation-mode StaticBlock) or Bicep (podIPAllocationMode) instead, or plan for the {} model.",
            ModelId::AzureCniPodSubnet.id()
        ));
    }
    header(&mut out, "#", d, Format::Terraform, &extra);
    out.push_str("terraform {\n  required_providers {\n    azurerm = {\n");
    hcl_attrs(
        &mut out,
        6,
        &[
            ("source", quoted("hashicorp/azurerm")),
            ("version", quoted(&format!(">= {AZURERM_MIN_VERSION}"))),
        ],
    );
    out.push_str("    }\n  }\n}\n\n");
    out.push_str("provider \"azurerm\" {\n");
    hcl_attrs(
        &mut out,
        2,
        &[("subscription_id", "local.subscription_id".into())],
    );
    out.push_str("  features {}\n}\n\n");

    out.push_str("# Fill in these values: node_vm_size is used for every pool.\nlocals {\n");
    let mut locals = alloc::vec![
        ("subscription_id", quoted("<subscription-id>")),
        ("resource_group_name", quoted("<resource-group>")),
        ("cluster_name", quoted("<cluster-name>")),
        ("dns_prefix", quoted("<dns-prefix>")),
        ("location", quoted("<location>")),
        ("node_vm_size", quoted("<node-vm-size>")),
        ("node_subnet_id", quoted(&subnet_id("node"))),
    ];
    if d.pod_subnet {
        locals.push(("pod_subnet_id", quoted(&subnet_id("pod"))));
    }
    hcl_attrs(&mut out, 2, &locals);
    out.push_str("}\n\n");

    out.push_str("resource \"azurerm_kubernetes_cluster\" \"aks\" {\n");
    hcl_attrs(
        &mut out,
        2,
        &[
            ("name", "local.cluster_name".into()),
            ("location", "local.location".into()),
            ("resource_group_name", "local.resource_group_name".into()),
            ("dns_prefix", "local.dns_prefix".into()),
        ],
    );
    out.push_str("\n  identity {\n");
    hcl_attrs(&mut out, 4, &[("type", quoted("SystemAssigned"))]);
    out.push_str("  }\n\n");
    comment(
        &mut out,
        "  ",
        "#",
        "Required from azurerm 5.0; Manual keeps the node pools as written here.",
    );
    out.push_str("  node_provisioning_profile {\n");
    hcl_attrs(&mut out, 4, &[("mode", quoted("Manual"))]);
    out.push_str("  }\n");

    let mut system_autoscale = false;
    for pool in d.pools.iter().filter(|p| p.system) {
        out.push('\n');
        for note in &pool.notes {
            comment(&mut out, "  ", "#", note);
        }
        out.push_str("  default_node_pool {\n");
        let mut attrs = alloc::vec![("name", quoted(&pool.name))];
        attrs.extend(hcl_pool_attrs(d, pool));
        hcl_attrs(&mut out, 4, &attrs);
        hcl_surge(&mut out, 4, pool);
        out.push_str("  }\n");
        system_autoscale = pool.autoscale.is_some();
    }

    out.push_str("\n  network_profile {\n");
    let mut net = alloc::vec![("network_plugin", quoted(d.plugin))];
    if d.overlay {
        net.push(("network_plugin_mode", quoted("overlay")));
    }
    if d.cilium {
        net.push(("network_data_plane", quoted("cilium")));
    }
    if let Some(e) = d.policy {
        net.push(("network_policy", quoted(engine_value(e))));
    }
    if let Some(c) = d.pod_cidr {
        net.push(("pod_cidr", quoted(&c.to_string())));
    }
    net.push(("service_cidr", quoted(&d.service_cidr.to_string())));
    net.push(("dns_service_ip", quoted(&d.dns_service_ip.to_string())));
    hcl_attrs(&mut out, 4, &net);
    out.push_str("  }\n");
    if system_autoscale {
        hcl_ignore_node_count(&mut out, "default_node_pool[0].node_count");
    }
    out.push_str("}\n");

    for pool in d.pools.iter().filter(|p| !p.system) {
        out.push('\n');
        for note in &pool.notes {
            comment(&mut out, "", "#", note);
        }
        let _ = writeln!(
            out,
            "resource \"azurerm_kubernetes_cluster_node_pool\" \"{}\" {{",
            pool.name
        );
        let mut attrs = alloc::vec![
            ("name", quoted(&pool.name)),
            (
                "kubernetes_cluster_id",
                "azurerm_kubernetes_cluster.aks.id".into(),
            ),
            ("mode", quoted("User")),
        ];
        if pool.windows {
            attrs.push(("os_type", quoted("Windows")));
        }
        attrs.extend(hcl_pool_attrs(d, pool));
        hcl_attrs(&mut out, 2, &attrs);
        hcl_surge(&mut out, 2, pool);
        if pool.autoscale.is_some() {
            hcl_ignore_node_count(&mut out, "node_count");
        }
        out.push_str("}\n");
    }
    out
}

/// The arguments a default node pool and a node pool resource share.
fn hcl_pool_attrs(d: &Deployment, pool: &PoolSpec) -> Vec<(&'static str, String)> {
    let mut attrs = alloc::vec![
        ("vm_size", String::from("local.node_vm_size")),
        ("node_count", pool.count.to_string()),
    ];
    if let Some((min, max)) = pool.autoscale {
        attrs.push(("auto_scaling_enabled", "true".into()));
        attrs.push(("min_count", min.to_string()));
        attrs.push(("max_count", max.to_string()));
    }
    if let Some(m) = pool.max_pods {
        attrs.push(("max_pods", m.to_string()));
    }
    attrs.push(("vnet_subnet_id", "local.node_subnet_id".into()));
    if d.pod_subnet {
        attrs.push(("pod_subnet_id", "local.pod_subnet_id".into()));
    }
    attrs
}

fn hcl_surge(out: &mut String, indent: usize, pool: &PoolSpec) {
    if let Some(s) = pool.max_surge {
        let pad = " ".repeat(indent);
        let _ = writeln!(out, "\n{pad}upgrade_settings {{");
        hcl_attrs(out, indent + 2, &[("max_surge", quoted(&s.to_string()))]);
        let _ = writeln!(out, "{pad}}}");
    }
}

fn hcl_ignore_node_count(out: &mut String, path: &str) {
    out.push('\n');
    comment(
        out,
        "  ",
        "#",
        "The autoscaler changes the node count; keep Terraform from undoing it.",
    );
    out.push_str("  lifecycle {\n");
    hcl_attrs(out, 4, &[("ignore_changes", format!("[{path}]"))]);
    out.push_str("  }\n");
}

/// Attributes with their `=` aligned, as `terraform fmt` writes them.
fn hcl_attrs(out: &mut String, indent: usize, attrs: &[(&str, String)]) {
    let width = attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let pad = " ".repeat(indent);
    for (key, value) in attrs {
        let _ = writeln!(out, "{pad}{key:<width$} = {value}");
    }
}

/// A string literal for HCL or Bicep. Only text this module writes goes through here
/// (placeholders, valid pool names, ranges), so no escaping is needed; the debug check
/// keeps it that way.
fn quoted(s: &str) -> String {
    debug_assert!(is_plain(s), "unexpected text in {s}");
    format!("\"{s}\"")
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
fn bicep(d: &Deployment) -> String {
    let mut out = String::new();
    header(&mut out, "//", d, Format::Bicep, &[]);
    out.push_str("// Fill in these values: nodeVmSize is used for every pool.\n");
    out.push_str("param clusterName string = '<cluster-name>'\n");
    out.push_str("param location string = resourceGroup().location\n");
    out.push_str("param dnsPrefix string = '<dns-prefix>'\n");
    out.push_str("param nodeVmSize string = '<node-vm-size>'\n");
    let _ = writeln!(out, "param nodeSubnetId string = '{}'", subnet_id("node"));
    if d.pod_subnet {
        let _ = writeln!(out, "param podSubnetId string = '{}'", subnet_id("pod"));
    }
    let _ = writeln!(
        out,
        "\nresource aks 'Microsoft.ContainerService/managedClusters@{BICEP_API_VERSION}' = {{"
    );
    out.push_str("  name: clusterName\n  location: location\n");
    out.push_str("  identity: {\n    type: 'SystemAssigned'\n  }\n");
    out.push_str("  properties: {\n    dnsPrefix: dnsPrefix\n    agentPoolProfiles: [\n");
    for pool in &d.pools {
        for note in &pool.notes {
            comment(&mut out, "      ", "//", note);
        }
        out.push_str("      {\n");
        let mut props: Vec<(&str, String)> = alloc::vec![
            ("name", single_quoted(&pool.name)),
            (
                "mode",
                single_quoted(if pool.system { "System" } else { "User" }),
            ),
            (
                "osType",
                single_quoted(if pool.windows { "Windows" } else { "Linux" }),
            ),
            ("type", single_quoted("VirtualMachineScaleSets")),
            ("vmSize", "nodeVmSize".into()),
            ("count", pool.count.to_string()),
        ];
        if let Some((min, max)) = pool.autoscale {
            props.push(("enableAutoScaling", "true".into()));
            props.push(("minCount", min.to_string()));
            props.push(("maxCount", max.to_string()));
        }
        if let Some(m) = pool.max_pods {
            props.push(("maxPods", m.to_string()));
        }
        props.push(("vnetSubnetID", "nodeSubnetId".into()));
        if d.pod_subnet {
            props.push(("podSubnetID", "podSubnetId".into()));
        }
        if d.static_block {
            props.push(("podIPAllocationMode", single_quoted("StaticBlock")));
        }
        for (key, value) in &props {
            let _ = writeln!(out, "        {key}: {value}");
        }
        if let Some(s) = pool.max_surge {
            let _ = writeln!(
                out,
                "        upgradeSettings: {{\n          maxSurge: {}\n        }}",
                single_quoted(&s.to_string())
            );
        }
        out.push_str("      }\n");
    }
    out.push_str("    ]\n    networkProfile: {\n");
    let _ = writeln!(out, "      networkPlugin: {}", single_quoted(d.plugin));
    if d.overlay {
        let _ = writeln!(out, "      networkPluginMode: {}", single_quoted("overlay"));
    }
    if d.cilium {
        let _ = writeln!(out, "      networkDataplane: {}", single_quoted("cilium"));
    }
    if let Some(e) = d.policy {
        let _ = writeln!(
            out,
            "      networkPolicy: {}",
            single_quoted(engine_value(e))
        );
    }
    if let Some(c) = d.pod_cidr {
        let _ = writeln!(out, "      podCidr: {}", single_quoted(&c.to_string()));
    }
    let _ = writeln!(
        out,
        "      serviceCidr: {}",
        single_quoted(&d.service_cidr.to_string())
    );
    let _ = writeln!(
        out,
        "      dnsServiceIP: {}",
        single_quoted(&d.dns_service_ip.to_string())
    );
    out.push_str("    }\n  }\n}\n");
    out
}

/// A Bicep string literal; see [`quoted`].
fn single_quoted(s: &str) -> String {
    debug_assert!(is_plain(s), "unexpected text in {s}");
    format!("'{s}'")
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
    use crate::plan::Requirements;

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
                let renamed = spec.notes.iter().any(|n| n.starts_with("Pool "));
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
        let d = Deployment::new(
            &Plan {
                pools: names.iter().map(|(n, _)| Pool::new(n, 1)).collect(),
                ..Plan::default()
            },
            ModelId::AzureCniOverlay,
        );
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
        assert_eq!(escaped("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(escaped("é\n"), r#""\u{e9}\u{a}""#);
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
