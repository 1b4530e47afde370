//! Trade-off scoring: rank the network models from the user's requirements and priorities.
//!
//! [`rank`] reads an evaluated plan (each model's fit, `max_nodes` and the addresses it
//! needs) and the plan's [`Requirements`] and [`Priorities`], and returns every model
//! with a score in [0, 1], its rank, whether a requirement excludes it, a per-criterion
//! breakdown and two or three reasons in plain words. `docs/scoring.md` works an
//! example through by hand.
//!
//! | Item | What it is |
//! |---|---|
//! | [`Criterion`] | the eight criteria the user weighs from 0 to 5 |
//! | [`criterion_points`] | one model's score on one criterion, in thousandths |
//! | [`Requirement`], [`Exclusion`], [`exclusions`] | hard needs, and the sentence that says which one a model misses |
//! | [`policy_engines`], [`engine_strength`] | the policy engines a model offers this plan, and how strong each is |
//! | [`Ranked`], [`CriterionScore`] | one model's place in the ranking |
//! | [`Preset`] | priorities (and implied requirements) for common situations |
//!
//! # The model
//!
//! - Every criterion score is a whole number of thousandths, 0 to 1000 (0.000 to 1.000),
//!   computed from the facts table ([`crate::facts`]) and the plan's own figures; this
//!   module holds no fact about any model.
//! - score = Σ weight × criterion score / Σ weight, rounded to 3 decimals. With every
//!   weight 0 the score is 0 for every model.
//! - Order: models that meet every requirement and fit; then those that meet every
//!   requirement but do not fit; then excluded models that fit; then excluded models
//!   that do not fit. Within a group by the exact weighted sum, highest first; ties by
//!   the weighted sum under the default priorities, then by [`ModelId::ALL`] order.
//!
//! ```
//! use aksnet_core::{eval::evaluate, facts::ModelId, plan::Plan, score::Requirement};
//!
//! let mut plan = Plan::default();
//! plan.requirements.dual_stack = true;
//! let report = evaluate(&plan);
//! let first = &report.ranking[0];
//! assert_eq!(first.rank, 1);
//! assert!(first.excluded.is_none() && first.fits);
//! assert!((0.0..=1.0).contains(&first.score));
//! let kubenet = report.ranking.iter().find(|r| r.model == ModelId::Kubenet).unwrap();
//! let why = kubenet.excluded.as_ref().unwrap();
//! assert_eq!(why.requirement, Requirement::DualStack);
//! assert_eq!(why.message, "the plan requires dual-stack IPv4/IPv6, which kubenet does not support");
//! assert!(kubenet.reasons.iter().any(|r| r.contains("retired on 31 March 2028")));
//! ```

use crate::fixed::Fixed;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt::{self, Write as _};

use crate::cidr::{self, IpNet, group_thousands};
use crate::eval::{Code, ModelReport, Severity, pools_named};
use crate::facts::{CiliumIpam, Feature, ModelId, PolicyEngine, Support};
use crate::json::{ToJson, Writer};
use crate::plan::{Os, Plan, PolicyNeed, Priorities, Requirements};

/// A criterion score of 1: criterion scores are whole thousandths.
pub const FULL: u32 = 1000;

/// A criterion the user weighs from 0 to 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Criterion {
    /// VNet addresses used relative to the VNet.
    IpEfficiency,
    /// Headroom up to the largest cluster and the model's limits.
    Scale,
    /// Pod IPs reachable from the VNet and on-premises.
    PodReachability,
    /// Strength of the network policy engines.
    Policy,
    /// eBPF observability.
    Observability,
    /// No extra hop or route table; an eBPF dataplane.
    Performance,
    /// No route table and no pod subnet to manage.
    Simplicity,
    /// No announced retirement.
    FutureProof,
}

impl Criterion {
    /// Every criterion, in display order.
    pub const ALL: [Criterion; 8] = [
        Criterion::IpEfficiency,
        Criterion::Scale,
        Criterion::PodReachability,
        Criterion::Policy,
        Criterion::Observability,
        Criterion::Performance,
        Criterion::Simplicity,
        Criterion::FutureProof,
    ];

    /// Identifier used in plans.
    pub const fn id(self) -> &'static str {
        match self {
            Criterion::IpEfficiency => "ip_efficiency",
            Criterion::Scale => "scale",
            Criterion::PodReachability => "pod_reachability",
            Criterion::Policy => "policy",
            Criterion::Observability => "observability",
            Criterion::Performance => "performance",
            Criterion::Simplicity => "simplicity",
            Criterion::FutureProof => "future_proof",
        }
    }

    /// Label for a slider.
    pub const fn label(self) -> &'static str {
        match self {
            Criterion::IpEfficiency => "IP efficiency",
            Criterion::Scale => "Scale",
            Criterion::PodReachability => "Pod reachability",
            Criterion::Policy => "Network policy",
            Criterion::Observability => "Observability (eBPF)",
            Criterion::Performance => "Performance",
            Criterion::Simplicity => "Simplicity",
            Criterion::FutureProof => "Future-proof",
        }
    }

    /// Weight when the plan gives none.
    pub const fn default_weight(self) -> u8 {
        match self {
            Criterion::IpEfficiency | Criterion::Scale | Criterion::FutureProof => 3,
            Criterion::Policy | Criterion::Performance | Criterion::Simplicity => 2,
            Criterion::PodReachability | Criterion::Observability => 1,
        }
    }

    /// The criterion with this identifier.
    pub fn from_id(id: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.id() == id)
    }

    /// What a full score means, in one line.
    pub const fn description(self) -> &'static str {
        match self {
            Criterion::IpEfficiency => "uses few of the VNet's addresses at the peak",
            Criterion::Scale => "room to grow to 4 times the peak, within the model's node limit",
            Criterion::PodReachability => "pod IPs reachable from the VNet and on-premises",
            Criterion::Policy => "a strong network policy engine, with L7 and FQDN rules",
            Criterion::Observability => "an eBPF dataplane for eBPF observability",
            Criterion::Performance => "no extra hop through a route table, and an eBPF dataplane",
            Criterion::Simplicity => "no route table and no pod subnet to manage",
            Criterion::FutureProof => "no announced retirement of the model or its policy engines",
        }
    }
}

// ---- requirements ---------------------------------------------------------------------

/// A hard need: a model that cannot meet it is excluded from the recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Requirement {
    /// Windows node pools: stated in the requirements, or a pool with `os: windows`.
    Windows,
    /// Pod IPs routable from the VNet and on-premises.
    PodIpsRoutable,
    /// Dual-stack IPv4/IPv6.
    DualStack,
    /// The plan's peak node count (derived) within the model's node limit.
    NodeLimit,
    /// A network policy engine: any, Calico or Cilium.
    NetworkPolicy,
    /// Virtual nodes.
    VirtualNodes,
    /// L7 or FQDN network policy.
    L7Policy,
    /// eBPF observability.
    EbpfObservability,
}

impl Requirement {
    /// Every requirement, in the order they are checked and reported.
    pub const ALL: [Requirement; 8] = [
        Requirement::Windows,
        Requirement::PodIpsRoutable,
        Requirement::DualStack,
        Requirement::NodeLimit,
        Requirement::NetworkPolicy,
        Requirement::VirtualNodes,
        Requirement::L7Policy,
        Requirement::EbpfObservability,
    ];

    /// The plan's yes/no requirement behind this one, if it is one of them.
    pub const fn flag(self) -> Option<crate::plan::Requirement> {
        use crate::plan::Requirement as Flag;
        match self {
            Requirement::Windows => Some(Flag::Windows),
            Requirement::PodIpsRoutable => Some(Flag::PodIpsRoutable),
            Requirement::DualStack => Some(Flag::DualStack),
            Requirement::VirtualNodes => Some(Flag::VirtualNodes),
            Requirement::L7Policy => Some(Flag::L7Policy),
            Requirement::EbpfObservability => Some(Flag::EbpfObservability),
            Requirement::NodeLimit | Requirement::NetworkPolicy => None,
        }
    }

    /// Identifier in reports: the plan's `requirements` field, or `node_limit`.
    pub const fn id(self) -> &'static str {
        match self.flag() {
            Some(flag) => flag.id(),
            None if matches!(self, Requirement::NodeLimit) => "node_limit",
            None => "network_policy",
        }
    }

    /// The evaluation's error finding for the same need, where there is one: a model
    /// excluded by the requirement also does not fit because of it.
    pub const fn finding(self) -> Option<Code> {
        match self {
            Requirement::Windows => Some(Code::WindowsNotSupported),
            Requirement::DualStack => Some(Code::DualStackNotSupported),
            Requirement::NodeLimit => Some(Code::NodeLimitExceeded),
            _ => None,
        }
    }

    /// Appends the need in a few words, for this plan.
    fn push_words(self, out: &mut String, plan: &Plan) {
        let words = match self {
            Requirement::Windows => "Windows node pools",
            Requirement::PodIpsRoutable => "pod IPs routable from the VNet and on-premises",
            Requirement::DualStack => "dual-stack IPv4/IPv6",
            Requirement::NodeLimit => {
                out.push_str(&group_thousands(plan.peak_nodes().into()));
                " nodes at the peak"
            }
            Requirement::NetworkPolicy => match plan.requirements.network_policy {
                PolicyNeed::Calico => "Calico network policy",
                PolicyNeed::Cilium => "Cilium network policy",
                PolicyNeed::None | PolicyNeed::Any => "a network policy engine",
            },
            Requirement::VirtualNodes => "virtual nodes",
            Requirement::L7Policy => "L7 or FQDN network policy",
            Requirement::EbpfObservability => "eBPF observability",
        };
        out.push_str(words);
    }

    /// Appends the needs' words as [`join_words`] lists them, with "and".
    fn push_all_words(out: &mut String, needs: &[Requirement], plan: &Plan) {
        for (i, r) in needs.iter().enumerate() {
            push_separator(out, i, needs.len(), "and");
            r.push_words(out, plan);
        }
    }
}

/// Why a requirement excludes a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exclusion {
    /// The requirement the model does not meet.
    pub requirement: Requirement,
    /// A sentence naming the requirement and the model, e.g. "the plan requires
    /// dual-stack IPv4/IPv6, which kubenet does not support".
    pub message: String,
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The model's name, with Cilium's IPAM mode where it decides the answer.
fn label(model: ModelId, cilium: CiliumIpam) -> String {
    match model {
        ModelId::AzureCniCilium => match cilium {
            CiliumIpam::Overlay => format!("{} on overlay", model.name()),
            CiliumIpam::PodSubnet => format!("{} on a pod subnet", model.name()),
        },
        other => other.name().into(),
    }
}

fn supports(plan: &Plan, model: ModelId, feature: Feature) -> bool {
    model.support(feature, plan.cilium_ipam).is_supported()
}

/// The network policy engines `model` offers this plan, in the table's order: the
/// facts table's engines, less those that do not work on a dual-stack cluster when the
/// plan requires dual-stack, and less those whose node limit the plan's peak exceeds.
pub fn policy_engines(plan: &Plan, model: ModelId) -> Vec<PolicyEngine> {
    let peak = plan.peak_nodes();
    let mut out = Vec::new();
    for &e in model.facts().policy {
        if (!plan.requirements.dual_stack || e.supports_dual_stack())
            && e.node_limit().is_none_or(|l| peak <= l.value)
        {
            out.push(e);
        }
    }
    out
}

/// The engines of `engines` that meet the plan's network policy need.
fn engines_meeting(need: PolicyNeed, engines: &[PolicyEngine]) -> Vec<PolicyEngine> {
    let mut out = Vec::new();
    for &e in engines {
        if match need {
            PolicyNeed::None | PolicyNeed::Any => true,
            PolicyNeed::Calico => e == PolicyEngine::Calico,
            PolicyNeed::Cilium => e == PolicyEngine::Cilium,
        } {
            out.push(e);
        }
    }
    out
}

/// "the plan requires <the requirement's words for this plan><rest>".
fn requires(plan: &Plan, requirement: Requirement, rest: fmt::Arguments<'_>) -> String {
    let mut out = String::from("the plan requires ");
    requirement.push_words(&mut out, plan);
    let _ = out.write_fmt(rest);
    out
}

/// Every requirement of the plan that `model` does not meet, in [`Requirement::ALL`]
/// order. Windows is required when the requirements say so or any pool runs Windows;
/// the node limit is required of every model (the plan's peak, max counts plus surge).
pub fn exclusions(plan: &Plan, model: ModelId) -> Vec<Exclusion> {
    let req: &Requirements = &plan.requirements;
    let name = label(model, plan.cilium_ipam);
    let mut out = Vec::new();
    let mut push = |requirement, message| {
        out.push(Exclusion {
            requirement,
            message,
        })
    };
    if plan.needs_windows() && !supports(plan, model, Feature::Windows) {
        let pools = crate::eval::pools_where(plan, |p| p.os == Os::Windows);
        let message = if pools.is_empty() {
            requires(
                plan,
                Requirement::Windows,
                format_args!(", which {name} does not support"),
            )
        } else {
            format!(
                "the plan has Windows node pools ({}), which {name} does not support",
                pools_named(&pools)
            )
        };
        push(Requirement::Windows, message);
    }
    if req.pod_ips_routable && !supports(plan, model, Feature::PodIpsRoutable) {
        push(
            Requirement::PodIpsRoutable,
            requires(
                plan,
                Requirement::PodIpsRoutable,
                format_args!(", which {name} does not give"),
            ),
        );
    }
    if req.dual_stack && !supports(plan, model, Feature::DualStack) {
        push(
            Requirement::DualStack,
            requires(
                plan,
                Requirement::DualStack,
                format_args!(", which {name} does not support"),
            ),
        );
    }
    let limit = model.facts().node_limit;
    let peak = plan.peak_nodes();
    if peak > limit.value {
        push(
            Requirement::NodeLimit,
            format!(
                "the plan peaks at {} nodes (max counts plus surge), over {name}'s limit of {}: {}",
                group_thousands(peak.into()),
                group_thousands(limit.value.into()),
                limit.why
            ),
        );
    }
    let need = req.network_policy;
    if need != PolicyNeed::None {
        let engines = policy_engines(plan, model);
        if engines_meeting(need, &engines).is_empty() {
            let wanted = match need {
                PolicyNeed::Calico => Some(PolicyEngine::Calico),
                PolicyNeed::Cilium => Some(PolicyEngine::Cilium),
                PolicyNeed::None | PolicyNeed::Any => None,
            };
            // The requirement's words name the engine wanted: "Calico network policy".
            let r = Requirement::NetworkPolicy;
            let message = match wanted {
                Some(e) if model.facts().policy.contains(&e) => requires(
                    plan,
                    r,
                    format_args!(
                        ", which {name} does not offer on {}",
                        if req.dual_stack {
                            "a dual-stack cluster"
                        } else {
                            "a cluster this size"
                        }
                    ),
                ),
                Some(_) => requires(
                    plan,
                    r,
                    format_args!(
                        ", which {name} does not offer (it offers {})",
                        engine_list(model.facts().policy, "or")
                    ),
                ),
                None => requires(
                    plan,
                    r,
                    format_args!(", and {name} offers none for this plan"),
                ),
            };
            push(Requirement::NetworkPolicy, message);
        }
    }
    if req.virtual_nodes {
        match model.support(Feature::VirtualNodes, plan.cilium_ipam) {
            s if s.is_supported() => {}
            Support::Undocumented | Support::AsIpam => push(
                Requirement::VirtualNodes,
                requires(
                    plan,
                    Requirement::VirtualNodes,
                    format_args!(", which the documentation does not list for {name}"),
                ),
            ),
            _ => push(
                Requirement::VirtualNodes,
                requires(
                    plan,
                    Requirement::VirtualNodes,
                    format_args!(", which {name} does not support"),
                ),
            ),
        }
    }
    if req.l7_policy && !supports(plan, model, Feature::L7Policy) {
        push(
            Requirement::L7Policy,
            requires(
                plan,
                Requirement::L7Policy,
                format_args!(", which {name} does not offer"),
            ),
        );
    }
    if req.ebpf_observability && !supports(plan, model, Feature::Ebpf) {
        push(
            Requirement::EbpfObservability,
            requires(
                plan,
                Requirement::EbpfObservability,
                format_args!(", and {name} has no eBPF dataplane"),
            ),
        );
    }
    out
}

// ---- criterion scores -----------------------------------------------------------------

/// How strong a policy engine is, in thousandths: Cilium 1.000, Calico 0.800, Azure
/// NPM 0.500. This is the scoring's own judgement of the engines' breadth, not a fact
/// of the table; an engine's retirement counts in `future_proof`, its node limit in
/// [`policy_engines`].
pub const fn engine_strength(engine: PolicyEngine) -> u32 {
    match engine {
        PolicyEngine::Cilium => 1000,
        PolicyEngine::Calico => 800,
        PolicyEngine::AzureNpm => 500,
    }
}

/// IPv4 addresses of the VNet: the sum of the sizes of its IPv4 prefixes.
fn vnet_size(plan: &Plan) -> u64 {
    plan.vnet
        .iter()
        .filter(|v| matches!(v, IpNet::V4(_)))
        .map(|v| u64::try_from(cidr::count(v)).unwrap_or(u64::MAX))
        .fold(0, u64::saturating_add)
}

/// VNet addresses the model takes at the peak: the node subnet's need, plus the pod
/// subnet's need when pods take their addresses from a VNet pod subnet.
fn vnet_used(plan: &Plan, m: &ModelReport) -> u64 {
    let ipam = m.model.addressing(plan.cilium_ipam).facts().ipam;
    let pods = if ipam.is_pod_subnet() {
        m.pod_ips_required
    } else {
        0
    };
    m.node_subnet_ips_required.saturating_add(pods)
}

/// `round(FULL × num / den)` in exact integers, `num <= den`, `den > 0`.
fn thousandths(num: u64, den: u64) -> u32 {
    let (num, den) = (u128::from(num), u128::from(den));
    let v = (2 * u128::from(FULL) * num + den) / (2 * den);
    u32::try_from(v).unwrap_or(FULL).min(FULL)
}

/// log2(x) for x >= 1, with + − × ÷ only (no_std has no `f64::log2`): halve to a
/// mantissa in [1, 2), then ln m = 2 atanh((m − 1) / (m + 1)) by its series.
fn log2(x: f64) -> f64 {
    if x.is_nan() || x < 1.0 {
        return 0.0;
    }
    let (mut m, mut e) = (x, 0.0);
    while m >= 2.0 {
        m /= 2.0;
        e += 1.0;
    }
    let t = (m - 1.0) / (m + 1.0);
    let t2 = t * t;
    let (mut term, mut sum, mut k) = (t, 0.0, 1.0);
    while k < 60.0 {
        sum += term / k;
        term *= t2;
        k += 2.0;
    }
    e + 2.0 * sum / core::f64::consts::LN_2
}

/// The scale score: log2(max_nodes / peak) / 2, from 0 to 1. Room for twice the peak
/// scores 0.500, four times or more 1.000; a model that cannot hold the peak scores 0.
fn scale_points(max_nodes: u64, peak: u64) -> u32 {
    if peak == 0 {
        return if max_nodes > 0 { FULL } else { 0 };
    }
    if max_nodes <= peak {
        return 0;
    }
    if u128::from(max_nodes) >= 4 * u128::from(peak) {
        return FULL;
    }
    let s = (log2(max_nodes as f64 / peak as f64) / 2.0).clamp(0.0, 1.0);
    // s is in [0, 1]: round half up to thousandths.
    (s * f64::from(FULL) + 0.5) as u32
}

/// One model's score on one criterion, in thousandths (0 to [`FULL`]), from the facts
/// table and the model's figures in the evaluated plan.
///
/// | Criterion | Score |
/// |---|---|
/// | `ip_efficiency` | 1 − min(1, VNet addresses used at the peak / IPv4 addresses of the VNet); used = node subnet need, plus the pod subnet need where pods take VNet pod subnet addresses |
/// | `scale` | log2(`max_nodes` / peak nodes) / 2, within [0, 1] (`max_nodes` is already capped by the model's node limit) |
/// | `pod_reachability` | 1 if pod IPs are routable from the VNet and on-premises (Cilium: as its IPAM), else 0 |
/// | `policy` | 0.75 × strength of the best engine offered ([`policy_engines`], [`engine_strength`]) + 0.25 if L7/FQDN policy is offered |
/// | `observability` | 1 with an eBPF dataplane, else 0 |
/// | `performance` | 0.5 without a route table (extra hop) + 0.5 with an eBPF dataplane |
/// | `simplicity` | 0.5 without a route table + 0.5 without a pod subnet to manage |
/// | `future_proof` | 0 if the model's retirement is announced; 0.5 if the plan needs network policy and every engine meeting that need is being retired; else 1 |
pub fn criterion_points(plan: &Plan, m: &ModelReport, c: Criterion) -> u32 {
    let model = m.model;
    let cilium = plan.cilium_ipam;
    let half = FULL / 2;
    let yes = |f: Feature| supports(plan, model, f);
    let route_table = model.support(Feature::RouteTable, cilium) == Support::Yes;
    let pod_subnet = model.addressing(cilium).facts().ipam.is_pod_subnet();
    let ebpf = model.support(Feature::Ebpf, cilium) == Support::Yes;
    match c {
        Criterion::IpEfficiency => {
            let vnet = vnet_size(plan);
            if vnet == 0 {
                return 0;
            }
            let used = vnet_used(plan, m).min(vnet);
            thousandths(vnet - used, vnet)
        }
        Criterion::Scale => scale_points(m.max_nodes, plan.peak_nodes()),
        Criterion::PodReachability => {
            if yes(Feature::PodIpsRoutable) {
                FULL
            } else {
                0
            }
        }
        Criterion::Policy => {
            let best = policy_engines(plan, model)
                .into_iter()
                .map(engine_strength)
                .max();
            match best {
                None => 0,
                Some(b) => (3 * b + if yes(Feature::L7Policy) { FULL } else { 0 }) / 4,
            }
        }
        Criterion::Observability => {
            if ebpf {
                FULL
            } else {
                0
            }
        }
        Criterion::Performance => {
            (if route_table { 0 } else { half }) + if ebpf { half } else { 0 }
        }
        Criterion::Simplicity => {
            (if route_table { 0 } else { half }) + if pod_subnet { 0 } else { half }
        }
        Criterion::FutureProof => {
            if model.facts().retirement.is_some() {
                0
            } else if only_retiring_engines(plan, model) {
                half
            } else {
                FULL
            }
        }
    }
}

/// Whether the plan needs network policy and every engine of `model` that meets the
/// need is being retired.
fn only_retiring_engines(plan: &Plan, model: ModelId) -> bool {
    let need = plan.requirements.network_policy;
    if need == PolicyNeed::None {
        return false;
    }
    let meeting = engines_meeting(need, &policy_engines(plan, model));
    !meeting.is_empty() && meeting.iter().all(|e| e.is_retiring())
}

// ---- the ranking ----------------------------------------------------------------------

/// One criterion of one model's score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CriterionScore {
    /// The criterion.
    pub criterion: Criterion,
    /// Its weight in the plan's priorities, 0 to 5.
    pub weight: u8,
    /// The model's score on it, 0 to 1, in whole thousandths.
    pub score: f64,
}

impl ToJson for CriterionScore {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("criterion", self.criterion.id());
        w.field_uint("weight", self.weight.into());
        w.field_f64("score", self.score);
        w.end_object();
    }
}

/// One model's place in the recommendation.
///
/// In the report JSON: `model`, `rank`, `score`, `fits`, `excluded` (the sentence, or
/// null), `excluded_by` (the [`Requirement::id`], or null), `reasons` and `breakdown`
/// (`criterion`, `weight`, `score` for each criterion).
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The model.
    pub model: ModelId,
    /// Place in the ranking, from 1.
    pub rank: usize,
    /// Weighted score in [0, 1], rounded to 3 decimals.
    pub score: f64,
    /// Whether the model fits the plan (no error finding).
    pub fits: bool,
    /// The first requirement that excludes the model, if any.
    pub excluded: Option<Exclusion>,
    /// The score of each criterion, in [`Criterion::ALL`] order.
    pub breakdown: Vec<CriterionScore>,
    /// Two or three reasons in plain words, the most decisive first.
    pub reasons: Vec<String>,
}

impl ToJson for Ranked {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("model", self.model.id());
        w.field_uint("rank", self.rank as u128);
        w.field_f64("score", self.score);
        w.field_bool("fits", self.fits);
        w.key("excluded");
        w.opt_str(self.excluded.as_ref().map(|e| e.message.as_str()));
        w.key("excluded_by");
        w.opt_str(self.excluded.as_ref().map(|e| e.requirement.id()));
        w.key("reasons");
        w.begin_array();
        for r in &self.reasons {
            w.str(r);
        }
        w.end_array();
        w.key("breakdown");
        self.breakdown.write_json(w);
        w.end_object();
    }
}

/// A model being ranked: its figures, criterion scores and exclusions.
struct Scored<'a> {
    report: &'a ModelReport,
    points: [u32; Criterion::ALL.len()],
    /// Σ weight × points under the plan's priorities.
    total: u64,
    /// Σ weight × points under the default priorities: the first tie-break.
    default_total: u64,
    exclusions: Vec<Exclusion>,
}

impl Scored<'_> {
    fn model(&self) -> ModelId {
        self.report.model
    }

    fn points(&self, c: Criterion) -> u32 {
        self.points[c as usize]
    }

    /// 0: meets every requirement and fits; 1: meets them, does not fit; 2: excluded,
    /// fits; 3: excluded, does not fit.
    fn group(&self) -> u8 {
        u8::from(!self.exclusions.is_empty()) * 2 + u8::from(!self.report.fits)
    }
}

fn weighted(points: &[u32; Criterion::ALL.len()], weights: &Priorities) -> u64 {
    Criterion::ALL
        .into_iter()
        .map(|c| u64::from(weights.get(c)) * u64::from(points[c as usize]))
        .sum()
}

/// A stable insertion sort for the short lists here (the models, the criteria): the
/// standard sort would add several kilobytes of code to the browser bundle for each
/// element type, and these lists never hold more than a few dozen items.
fn sort_few<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && cmp(&items[j], &items[j - 1]) == Ordering::Less {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn order(a: &Scored<'_>, b: &Scored<'_>) -> Ordering {
    a.group()
        .cmp(&b.group())
        .then(b.total.cmp(&a.total))
        .then(b.default_total.cmp(&a.default_total))
        .then(a.model().cmp(&b.model()))
}

/// Rank the models of an evaluated plan, best first.
///
/// `models` are the evaluation's figures ([`crate::eval::Report::models`]); the plan gives
/// the requirements and priorities. See the module documentation for the order, and
/// [`criterion_points`] for each criterion. A model that does not fit is still scored,
/// and ranks below every model that fits among those that meet the requirements.
pub fn rank(plan: &Plan, models: &[ModelReport]) -> Vec<Ranked> {
    let weights = plan.priorities;
    let defaults = Priorities::default();
    let mut scored: Vec<Scored<'_>> = Vec::with_capacity(models.len());
    for report in models {
        let mut points = [0; Criterion::ALL.len()];
        for c in Criterion::ALL {
            points[c as usize] = criterion_points(plan, report, c);
        }
        scored.push(Scored {
            report,
            points,
            total: weighted(&points, &weights),
            default_total: weighted(&points, &defaults),
            exclusions: exclusions(plan, report.model),
        });
    }
    sort_few(&mut scored, order);
    let weight_sum: u64 = Criterion::ALL
        .into_iter()
        .map(|c| u64::from(weights.get(c)))
        .sum();
    let mut out = Vec::with_capacity(scored.len());
    for (i, me) in scored.iter().enumerate() {
        let mut breakdown = Vec::with_capacity(Criterion::ALL.len());
        for c in Criterion::ALL {
            breakdown.push(CriterionScore {
                criterion: c,
                weight: weights.get(c),
                score: f64::from(me.points(c)) / f64::from(FULL),
            });
        }
        let score_thousandths = if weight_sum == 0 {
            0
        } else {
            (2 * me.total + weight_sum) / (2 * weight_sum)
        };
        out.push(Ranked {
            model: me.model(),
            rank: i + 1,
            score: score_thousandths as f64 / f64::from(FULL),
            fits: me.report.fits,
            excluded: me.exclusions.first().cloned(),
            breakdown,
            reasons: reasons(plan, &scored, i),
        });
    }
    out
}

// ---- reasons --------------------------------------------------------------------------

/// At most this many reasons per model.
const MAX_REASONS: usize = 3;
/// At least this many reasons per model.
const MIN_REASONS: usize = 2;

/// Appends what goes before word `i` of `len` in a list: nothing before the first, " `last` "
/// before the last, ", " before the others.
fn push_separator(out: &mut String, i: usize, len: usize, last: &str) {
    if i + 1 == len && i > 0 {
        out.push(' ');
        out.push_str(last);
        out.push(' ');
    } else if i > 0 {
        out.push_str(", ");
    }
}

/// "a", "a or b", "a, b or c".
pub(crate) fn join_words(words: &[String], last: &str) -> String {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        push_separator(&mut out, i, words.len(), last);
        out.push_str(word);
    }
    out
}

/// The engines' names as [`join_words`] lists them.
fn engine_list(engines: &[PolicyEngine], last: &str) -> String {
    let mut out = String::new();
    push_engines(&mut out, engines, last);
    out
}

/// Appends the engines' names as [`join_words`] lists them.
fn push_engines(out: &mut String, engines: &[PolicyEngine], last: &str) {
    for (i, e) in engines.iter().enumerate() {
        push_separator(out, i, engines.len(), last);
        out.push_str(e.name());
    }
}

/// A share as a percentage for people: "0%", "under 0.1%", "2.4%", "12%".
fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let p = part as f64 / whole as f64 * 100.0;
    if part == 0 {
        "0%".into()
    } else if p < 0.1 {
        "under 0.1%".into()
    } else if p < 9.95 {
        format!("{}%", Fixed(p, 1))
    } else {
        format!("{}%", Fixed(p, 0))
    }
}

/// How many times `a` is `b`, for people: "1.3", "64".
fn times(a: u64, b: u64) -> String {
    let r = a as f64 / b as f64;
    if r < 9.95 {
        Fixed(r, 1).to_string()
    } else {
        group_thousands(u128::from(a / b))
    }
}

/// Appends what the model is on a criterion, as a verb phrase (the model is the subject).
fn clause(out: &mut String, plan: &Plan, me: &Scored<'_>, c: Criterion) {
    let model = me.model();
    let cilium = plan.cilium_ipam;
    let m = me.report;
    let text = match c {
        Criterion::IpEfficiency => {
            let vnet = vnet_size(plan);
            if vnet == 0 {
                "cannot be measured against the VNet, which has no IPv4 prefix"
            } else {
                let used = vnet_used(plan, m);
                let _ = if used > vnet {
                    write!(
                        out,
                        "needs {} VNet addresses at the peak, {} of the VNet's {}",
                        group_thousands(used.into()),
                        percent(used, vnet),
                        group_thousands(vnet.into())
                    )
                } else {
                    write!(
                        out,
                        "uses {} of the VNet at the peak ({} of {} addresses)",
                        percent(used, vnet),
                        group_thousands(used.into()),
                        group_thousands(vnet.into())
                    )
                };
                ""
            }
        }
        Criterion::Scale => {
            let peak = plan.peak_nodes();
            let limit = model.facts().node_limit;
            if m.max_nodes == 0 {
                "holds no nodes in this plan's ranges"
            } else if m.max_nodes < peak {
                let _ = write!(
                    out,
                    "holds only {} nodes in this plan's ranges, short of its peak of {}",
                    group_thousands(m.max_nodes.into()),
                    group_thousands(peak.into())
                );
                ""
            } else {
                let _ = write!(
                    out,
                    "holds up to {} nodes in this plan's ranges",
                    group_thousands(m.max_nodes.into())
                );
                if peak > 0 {
                    let _ = write!(
                        out,
                        ", {} times its peak of {}",
                        times(m.max_nodes, peak),
                        group_thousands(peak.into())
                    );
                }
                if m.max_nodes == limit.value {
                    let _ = write!(out, " (its limit: {})", limit.why);
                }
                ""
            }
        }
        Criterion::PodReachability => {
            if supports(plan, model, Feature::PodIpsRoutable) {
                "gives pods IPs routable from the VNet and on-premises"
            } else {
                "gives pods private IPs that the VNet and on-premises cannot reach"
            }
        }
        Criterion::Policy => {
            let engines = policy_engines(plan, model);
            if engines.is_empty() {
                "offers no network policy engine for this plan"
            } else {
                out.push_str("offers ");
                push_engines(out, &engines, "or");
                out.push_str(" network policy");
                match model.support(Feature::L7Policy, cilium) {
                    Support::Yes => ", with L7 and FQDN rules",
                    Support::Limited(words) => {
                        out.push_str(", and L7 and FQDN rules ");
                        words
                    }
                    _ => ", without L7 or FQDN rules",
                }
            }
        }
        Criterion::Observability => {
            if model.support(Feature::Ebpf, cilium) == Support::Yes {
                "has an eBPF dataplane for eBPF observability"
            } else {
                "has no eBPF dataplane for eBPF observability"
            }
        }
        Criterion::Performance => {
            out.push_str(
                if model.support(Feature::RouteTable, cilium) == Support::Yes {
                    "sends pod traffic through a route table, an extra hop, "
                } else {
                    "sends pod traffic without an extra hop through a route table, "
                },
            );
            if model.support(Feature::Ebpf, cilium) == Support::Yes {
                "on an eBPF dataplane"
            } else {
                "without an eBPF dataplane"
            }
        }
        Criterion::Simplicity => {
            out.push_str("has ");
            out.push_str(to_manage(plan, model));
            " to manage"
        }
        Criterion::FutureProof => {
            if let Some(r) = model.facts().retirement {
                r.text
            } else if only_retiring_engines(plan, model) {
                let need = plan.requirements.network_policy;
                let meeting = engines_meeting(need, &policy_engines(plan, model));
                out.push_str("its only network policy engine for this plan, ");
                push_engines(out, &meeting, "and");
                out.push_str(", is being retired (");
                let notes = meeting.iter().filter_map(|e| e.retirements().first());
                for (i, r) in notes.enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(r.text);
                }
                ")"
            } else {
                "has no announced retirement"
            }
        }
    };
    out.push_str(text);
}

/// "a route table", "a pod subnet", "a route table and a pod subnet", "no route table
/// and no pod subnet".
fn to_manage(plan: &Plan, model: ModelId) -> &'static str {
    let cilium = plan.cilium_ipam;
    let route_table = model.support(Feature::RouteTable, cilium) == Support::Yes;
    let pod_subnet = model.addressing(cilium).facts().ipam.is_pod_subnet();
    match (route_table, pod_subnet) {
        (true, true) => "a route table and a pod subnet",
        (true, false) => "a route table",
        (false, true) => "a pod subnet",
        (false, false) => "no route table and no pod subnet",
    }
}

/// Appends what another model is on a criterion, briefly, to follow "where <model> ".
fn short_clause(out: &mut String, plan: &Plan, me: &Scored<'_>, other: &Scored<'_>, c: Criterion) {
    let model = other.model();
    let cilium = plan.cilium_ipam;
    let m = other.report;
    let text = match c {
        Criterion::IpEfficiency => {
            let (used, vnet) = (vnet_used(plan, m), vnet_size(plan));
            out.push_str(if used > vnet { "needs " } else { "uses " });
            out.push_str(&percent(used, vnet));
            ""
        }
        Criterion::Scale => {
            out.push_str("holds ");
            out.push_str(&group_thousands(m.max_nodes.into()));
            ""
        }
        Criterion::PodReachability => {
            if supports(plan, model, Feature::PodIpsRoutable) {
                "gives routable pod IPs"
            } else {
                "does not"
            }
        }
        Criterion::Policy => {
            let engines = policy_engines(plan, model);
            if engines.is_empty() {
                "offers none"
            } else {
                out.push_str("offers ");
                push_engines(out, &engines, "or");
                if supports(plan, model, Feature::L7Policy) {
                    " with L7 and FQDN rules"
                } else {
                    ""
                }
            }
        }
        Criterion::Observability => {
            if model.support(Feature::Ebpf, cilium) == Support::Yes {
                "has one"
            } else {
                "has none"
            }
        }
        Criterion::Performance => {
            let rt = |x: ModelId| x.support(Feature::RouteTable, cilium) == Support::Yes;
            let eb = |x: ModelId| x.support(Feature::Ebpf, cilium) == Support::Yes;
            let route = (rt(model) != rt(me.model())).then(|| {
                if rt(model) {
                    "takes a route-table hop"
                } else {
                    "has no route-table hop"
                }
            });
            let ebpf = (eb(model) != eb(me.model())).then(|| {
                if eb(model) {
                    "runs an eBPF dataplane"
                } else {
                    "has no eBPF dataplane"
                }
            });
            if let Some(r) = route {
                out.push_str(r);
                if ebpf.is_some() {
                    out.push_str(" and ");
                }
            }
            ebpf.unwrap_or("")
        }
        Criterion::Simplicity => {
            out.push_str("has ");
            to_manage(plan, model)
        }
        Criterion::FutureProof => {
            if model.facts().retirement.is_some() {
                "is being retired"
            } else if only_retiring_engines(plan, model) {
                "offers only retiring policy engines"
            } else {
                "has no announced retirement"
            }
        }
    };
    out.push_str(text);
}

/// The reasons of the model at `index` of the sorted list, the most decisive first:
/// its exclusion, why it does not fit, its retirement, the other requirements it
/// misses, the requirements it meets that exclude other models; then the criteria
/// where it differs most (weight × difference) from the first-ranked model (for the
/// first-ranked model: its largest advantages over any other model).
fn reasons(plan: &Plan, all: &[Scored<'_>], index: usize) -> Vec<String> {
    let me = &all[index];
    let mut out: Vec<String> = Vec::new();
    if let Some(first) = me.exclusions.first() {
        out.push(format!("excluded: {}", first.message));
    }
    if !me.report.fits {
        // The first error that no exclusion already covers.
        let covered = |code: Code| {
            me.exclusions
                .iter()
                .any(|x| x.requirement.finding() == Some(code))
        };
        let error = me
            .report
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error && !covered(f.code));
        let has_errors = me
            .report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        match error {
            Some(f) => out.push(format!("does not fit this plan: {}", f.message)),
            None if !has_errors => out.push(
                "does not fit until the plan-wide errors are fixed (see the plan's findings)"
                    .into(),
            ),
            None => {}
        }
    }
    if let Some(r) = me.model().facts().retirement {
        out.push(r.text.into());
    }
    if me.exclusions.len() > 1 {
        let more = &me.exclusions[1..];
        let mut text = String::from("it also misses the plan's requirements for ");
        for (i, x) in more.iter().enumerate() {
            push_separator(&mut text, i, more.len(), "and");
            x.requirement.push_words(&mut text, plan);
        }
        out.push(text);
    }
    if index == 0 && me.exclusions.is_empty() {
        let mut met: Vec<Requirement> = Vec::new();
        let mut excluded_models = 0;
        for other in all.iter().filter(|o| !o.exclusions.is_empty()) {
            excluded_models += 1;
            for x in &other.exclusions {
                if !met.contains(&x.requirement) {
                    met.push(x.requirement);
                }
            }
        }
        if excluded_models > 0 {
            sort_few(&mut met, Requirement::cmp);
            let mut text = String::new();
            let _ = write!(
                text,
                "meets the requirements that exclude {} other model{}: ",
                excluded_models,
                if excluded_models == 1 { "" } else { "s" },
            );
            Requirement::push_all_words(&mut text, &met, plan);
            out.push(text);
        }
        let is_unfit = |o: &&Scored<'_>| o.exclusions.is_empty() && !o.report.fits;
        let unfit = all[1..].iter().filter(is_unfit).count();
        if me.report.fits && unfit > 0 {
            let mut text = String::from("fits this plan, where ");
            for (i, o) in all[1..].iter().filter(is_unfit).enumerate() {
                push_separator(&mut text, i, unfit, "and");
                text.push_str(&label(o.model(), plan.cilium_ipam));
            }
            text.push_str(if unfit == 1 { " does not" } else { " do not" });
            out.push(text);
        }
    }
    out.truncate(MAX_REASONS);
    if out.len() >= MAX_REASONS {
        return out;
    }

    // Criteria: (weighted difference, difference, criterion, the model compared with).
    let weights = plan.priorities;
    let retiring = me.model().facts().retirement.is_some();
    let criteria = || {
        Criterion::ALL
            .into_iter()
            .filter(move |&c| !(c == Criterion::FutureProof && retiring))
    };
    let delta = |c: Criterion, j: usize| i64::from(me.points(c)) - i64::from(all[j].points(c));
    let w = |c: Criterion| i64::from(weights.get(c));
    let mut candidates: Vec<(i64, i64, Criterion, Option<usize>)> = Vec::new();
    if index == 0 && all.len() > 1 {
        // First: its advantages over the runner-up; failing any, over any other model
        // that meets the requirements (or any other model, if none does).
        for c in criteria() {
            let d = delta(c, 1);
            candidates.push(if d > 0 {
                (w(c) * d, d, c, Some(1))
            } else {
                (0, 0, c, None)
            });
        }
        if !candidates.iter().any(|&(wd, ..)| wd > 0) {
            let eligible = |j: usize| all[j].exclusions.is_empty();
            let any_eligible = (1..all.len()).any(eligible);
            candidates.clear();
            for c in criteria() {
                let best = (1..all.len())
                    .filter(|&j| !any_eligible || eligible(j))
                    .map(|j| (delta(c, j), j))
                    .filter(|&(d, _)| d > 0)
                    .fold(None, |best: Option<(i64, usize)>, (d, j)| match best {
                        Some((bd, _)) if bd >= d => best,
                        _ => Some((d, j)),
                    });
                candidates.push(match best {
                    Some((d, j)) => (w(c) * d, d, c, Some(j)),
                    None => (0, 0, c, None),
                });
            }
        }
    } else if index > 0 {
        // Any other: where it differs most from the first.
        for c in criteria() {
            let d = delta(c, 0);
            candidates.push(if d != 0 {
                (w(c) * d.abs(), d.abs(), c, Some(0))
            } else {
                (0, 0, c, None)
            });
        }
        if !Criterion::ALL.into_iter().any(|c| delta(c, 0) != 0) {
            out.push(format!(
                "scores the same as {} on every criterion; the tie is broken by the documented order",
                label(all[0].model(), plan.cilium_ipam)
            ));
        }
    }
    sort_few(&mut candidates, |a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(weights.get(b.2).cmp(&weights.get(a.2)))
            .then(a.2.cmp(&b.2))
    });
    for (wd, _, c, other) in candidates {
        if out.len() >= MAX_REASONS || (wd == 0 && out.len() >= MIN_REASONS) {
            break;
        }
        let mut text = String::new();
        clause(&mut text, plan, me, c);
        if let Some(j) = other {
            let o = &all[j];
            text.push_str(", where ");
            text.push_str(&label(o.model(), plan.cilium_ipam));
            text.push(' ');
            short_clause(&mut text, plan, me, o, c);
        }
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

// ---- presets --------------------------------------------------------------------------

/// Priorities for a common situation, with the requirements it implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// A small cluster to try things on.
    DevTest,
    /// Windows pools and pods reachable from on-premises.
    EnterpriseHybrid,
    /// Hundreds or thousands of nodes.
    LargeScale,
    /// Network policy and visibility first.
    SecurityFirst,
    /// Few VNet addresses to spare.
    AddressStarved,
}

/// One row of the preset table.
struct PresetRow {
    id: &'static str,
    title: &'static str,
    description: &'static str,
    /// Weights in [`Criterion::ALL`] order.
    weights: [u8; Criterion::ALL.len()],
    requirements: Requirements,
}

const NO_REQUIREMENTS: Requirements = Requirements {
    windows: false,
    pod_ips_routable: false,
    dual_stack: false,
    network_policy: PolicyNeed::None,
    virtual_nodes: false,
    l7_policy: false,
    ebpf_observability: false,
};

/// The presets, in [`Preset::ALL`] order. Weights: ip_efficiency, scale,
/// pod_reachability, policy, observability, performance, simplicity, future_proof.
const PRESETS: [PresetRow; 5] = [
    PresetRow {
        id: "dev-test",
        title: "Dev/test",
        description: "a small cluster to try things on: simple to run, light on addresses",
        weights: [2, 1, 0, 1, 1, 1, 5, 2],
        requirements: NO_REQUIREMENTS,
    },
    PresetRow {
        id: "enterprise-hybrid",
        title: "Enterprise hybrid",
        description: "Windows node pools, and pods that on-premises systems reach directly",
        weights: [2, 3, 5, 3, 1, 2, 2, 4],
        requirements: Requirements {
            windows: true,
            pod_ips_routable: true,
            ..NO_REQUIREMENTS
        },
    },
    PresetRow {
        id: "large-scale",
        title: "Large scale",
        description: "hundreds or thousands of nodes: room to grow, few VNet addresses per pod",
        weights: [4, 5, 0, 2, 2, 4, 2, 3],
        requirements: NO_REQUIREMENTS,
    },
    PresetRow {
        id: "security-first",
        title: "Security first",
        description: "network policy required, the strongest engine and eBPF visibility preferred",
        weights: [2, 2, 1, 5, 4, 2, 1, 3],
        requirements: Requirements {
            network_policy: PolicyNeed::Any,
            ..NO_REQUIREMENTS
        },
    },
    PresetRow {
        id: "address-starved",
        title: "Address-starved",
        description: "a small VNet or few free addresses: pods should not take VNet addresses",
        weights: [5, 3, 0, 1, 1, 1, 2, 3],
        requirements: NO_REQUIREMENTS,
    },
];

impl Preset {
    /// Every preset, in display order.
    pub const ALL: [Preset; 5] = [
        Preset::DevTest,
        Preset::EnterpriseHybrid,
        Preset::LargeScale,
        Preset::SecurityFirst,
        Preset::AddressStarved,
    ];

    const fn row(self) -> &'static PresetRow {
        &PRESETS[self as usize]
    }

    /// Stable identifier, e.g. `enterprise-hybrid`.
    pub const fn id(self) -> &'static str {
        self.row().id
    }

    /// The preset with this identifier.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Display name.
    pub const fn title(self) -> &'static str {
        self.row().title
    }

    /// The situation it is for, in one line.
    pub const fn description(self) -> &'static str {
        self.row().description
    }

    /// Its weights.
    pub fn priorities(self) -> Priorities {
        let row = self.row();
        Priorities::from_weights(&Criterion::ALL.map(|c| (c, row.weights[c as usize])))
    }

    /// The requirements it implies (all false, no policy, where it implies none).
    pub const fn requirements(self) -> Requirements {
        self.row().requirements
    }

    /// Set the plan's priorities to the preset's, and add the requirements it implies
    /// (a requirement the plan already states is kept).
    pub fn apply(self, plan: &mut Plan) {
        self.apply_to(&mut plan.priorities, &mut plan.requirements);
    }

    /// Set these weights and add the implied requirements (none is removed).
    pub fn apply_to(self, priorities: &mut Priorities, requirements: &mut Requirements) {
        *priorities = self.priorities();
        let implied = self.requirements();
        for flag in crate::plan::Requirement::ALL {
            if implied.get(flag) {
                requirements.set(flag, true);
            }
        }
        if requirements.network_policy == PolicyNeed::None {
            requirements.network_policy = implied.network_policy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::evaluate;

    #[test]
    fn log2_matches_known_values() {
        for (x, expected) in [
            (1.0, 0.0),
            (1.5, 0.584_962_500_721_156_2),
            (2.0, 1.0),
            (3.0, 1.584_962_500_721_156_2),
            (3.556, 1.830_255_324_167_683),
            (4.0, 2.0),
            (10.0, core::f64::consts::LOG2_10),
            (1e12, 39.863_137_138_648_35),
        ] {
            let got = log2(x);
            assert!(
                (got - expected) < 1e-12 && (expected - got) < 1e-12,
                "log2({x}) = {got}, want {expected}"
            );
        }
        assert_eq!(log2(0.5), 0.0, "below 1 is never asked; it answers 0");
        assert_eq!(log2(f64::NAN), 0.0);
    }

    #[test]
    fn thousandths_round_half_up_exactly() {
        for (num, den, expected) in [
            (0, 5, 0),
            (5, 5, 1000),
            (1, 3, 333),
            (2, 3, 667),
            (1, 2000, 1),
            (1, 2001, 0),
            (65_255, 65_536, 996),
            (u64::MAX - 1, u64::MAX, 1000),
        ] {
            assert_eq!(thousandths(num, den), expected, "{num}/{den}");
        }
    }

    #[test]
    fn scale_is_half_a_point_per_doubling() {
        for (max_nodes, peak, expected) in [
            (0, 0, 0),
            (5, 0, 1000),
            (0, 9, 0),
            (8, 9, 0),
            (9, 9, 0),
            (18, 9, 500),
            (32, 9, 915),
            (35, 9, 980),
            (36, 9, 1000),
            (5_000, 9, 1000),
            (u64::MAX, u64::MAX / 3, 792),
            (u64::MAX, u64::MAX / 4, 1000),
            (u64::MAX, u64::MAX / 2, 500),
        ] {
            assert_eq!(
                scale_points(max_nodes, peak),
                expected,
                "{max_nodes} / {peak}"
            );
        }
    }

    #[test]
    fn words_for_people() {
        for (part, whole, expected) in [
            (0, 100, "0%"),
            (4, 65_536, "under 0.1%"),
            (281, 65_536, "0.4%"),
            (241, 16_384, "1.5%"),
            (995, 10_000, "10%"),
            (7_471, 16_384, "46%"),
            (17_174, 4_096, "419%"),
            (1, 0, "0%"),
        ] {
            assert_eq!(percent(part, whole), expected, "{part} of {whole}");
        }
        assert_eq!(times(32, 9), "3.6");
        assert_eq!(times(256, 4), "64");
        assert_eq!(times(20_000, 4), "5,000");
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_words(&w(&[]), "or"), "");
        assert_eq!(join_words(&w(&["a"]), "or"), "a");
        assert_eq!(join_words(&w(&["a", "b"]), "or"), "a or b");
        assert_eq!(join_words(&w(&["a", "b", "c"]), "and"), "a, b and c");
    }

    /// Every fact-driven criterion of every model, for the starting plan (Cilium on overlay).
    #[test]
    fn fact_criteria_per_model() {
        let plan = Plan::default();
        let report = evaluate(&plan);
        // (model, pod_reachability, policy, observability, performance, simplicity, future_proof)
        let rows = [
            (ModelId::Kubenet, 0, 600, 0, 0, 500, 0),
            (ModelId::AzureCni, 1000, 600, 0, 500, 1000, 1000),
            (ModelId::AzureCniOverlay, 0, 750, 0, 500, 1000, 1000),
            (ModelId::AzureCniCilium, 0, 1000, 1000, 1000, 1000, 1000),
            (ModelId::AzureCniPodSubnet, 1000, 750, 0, 500, 500, 1000),
            (
                ModelId::AzureCniPodSubnetStatic,
                1000,
                750,
                0,
                500,
                500,
                1000,
            ),
        ];
        for (model, reach, policy, obs, perf, simple, future) in rows {
            let m = report.model(model).expect("every model is evaluated");
            let p = |c| criterion_points(&plan, m, c);
            assert_eq!(
                [
                    p(Criterion::PodReachability),
                    p(Criterion::Policy),
                    p(Criterion::Observability),
                    p(Criterion::Performance),
                    p(Criterion::Simplicity),
                    p(Criterion::FutureProof)
                ],
                [reach, policy, obs, perf, simple, future],
                "{model}"
            );
        }
        // Cilium on a pod subnet: routable pods, and a pod subnet to manage.
        let plan = Plan {
            cilium_ipam: CiliumIpam::PodSubnet,
            ..Plan::default()
        };
        let report = evaluate(&plan);
        let m = report.model(ModelId::AzureCniCilium).expect("cilium");
        assert_eq!(criterion_points(&plan, m, Criterion::PodReachability), 1000);
        assert_eq!(criterion_points(&plan, m, Criterion::Simplicity), 500);
    }

    #[test]
    fn engines_follow_dual_stack_and_size() {
        let mut plan = Plan::default();
        assert_eq!(
            policy_engines(&plan, ModelId::AzureCniOverlay),
            [
                PolicyEngine::Cilium,
                PolicyEngine::Calico,
                PolicyEngine::AzureNpm
            ]
        );
        plan.pools[0].nodes = 250; // peak 251: over Azure NPM's 250
        assert_eq!(
            policy_engines(&plan, ModelId::AzureCni),
            [PolicyEngine::Calico]
        );
        plan.requirements.dual_stack = true;
        assert_eq!(
            policy_engines(&plan, ModelId::AzureCniOverlay),
            [PolicyEngine::Cilium]
        );
        assert_eq!(policy_engines(&plan, ModelId::Kubenet), []);
    }

    #[test]
    fn only_retiring_engines_halve_future_proof() {
        // No model of the table offers only Azure NPM, so check the rule itself.
        assert!(PolicyEngine::AzureNpm.is_retiring());
        assert!(!PolicyEngine::Calico.is_retiring() && !PolicyEngine::Cilium.is_retiring());
        let mut plan = Plan::default();
        plan.requirements.network_policy = PolicyNeed::Any;
        for m in ModelId::ALL {
            assert!(!only_retiring_engines(&plan, m), "{m}");
        }
    }

    #[test]
    fn criteria_and_presets_are_consistent() {
        for c in Criterion::ALL {
            assert_eq!(Criterion::from_id(c.id()), Some(c));
            assert!(!c.label().is_empty() && !c.description().is_empty());
        }
        assert_eq!(Criterion::from_id("speed"), None);
        let mut ids: Vec<&str> = Vec::new();
        for p in Preset::ALL {
            assert_eq!(Preset::from_id(p.id()), Some(p));
            assert!(!ids.contains(&p.id()), "duplicate id {}", p.id());
            ids.push(p.id());
            let pri = p.priorities();
            for c in Criterion::ALL {
                assert_eq!(
                    pri.get(c),
                    PRESETS[p as usize].weights[c as usize],
                    "{} {}",
                    p.id(),
                    c.id()
                );
            }
            assert!(
                Criterion::ALL
                    .iter()
                    .any(|&c| pri.get(c) == Priorities::MAX),
                "{} has no 5",
                p.id()
            );
        }
        let hybrid = Preset::EnterpriseHybrid.requirements();
        assert!(hybrid.windows && hybrid.pod_ips_routable && !hybrid.dual_stack);
        assert_eq!(
            Preset::SecurityFirst.requirements().network_policy,
            PolicyNeed::Any
        );
        assert_eq!(Preset::DevTest.requirements(), Requirements::default());
        assert_eq!(Preset::LargeScale.priorities().get(Criterion::Scale), 5);
        assert_eq!(
            Preset::AddressStarved
                .priorities()
                .get(Criterion::IpEfficiency),
            5
        );
        assert_eq!(Preset::DevTest.priorities().get(Criterion::Simplicity), 5);
        assert_eq!(Preset::SecurityFirst.priorities().get(Criterion::Policy), 5);

        // Applying keeps what the plan already requires.
        let mut plan = Plan::default();
        plan.requirements.dual_stack = true;
        plan.requirements.network_policy = PolicyNeed::Cilium;
        Preset::SecurityFirst.apply(&mut plan);
        assert_eq!(plan.priorities, Preset::SecurityFirst.priorities());
        assert!(plan.requirements.dual_stack);
        assert_eq!(plan.requirements.network_policy, PolicyNeed::Cilium);
        Preset::EnterpriseHybrid.apply(&mut plan);
        assert!(
            plan.requirements.windows
                && plan.requirements.pod_ips_routable
                && plan.requirements.dual_stack
        );
    }
}
