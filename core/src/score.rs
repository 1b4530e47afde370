//! Trade-off scoring: rank the network models from the user's requirements and priorities.
use alloc::string::String;
use alloc::vec::Vec;

use crate::eval::ModelReport;
use crate::facts::ModelId;
use crate::plan::Plan;

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
}

/// One model's place in the recommendation.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Ranked {
    /// The model.
    pub model: ModelId,
    /// Weighted score in [0, 1].
    pub score: f64,
    /// Why it is excluded, if a requirement excludes it.
    pub excluded: Option<String>,
    /// Plain-language reasons.
    pub reasons: Vec<String>,
}

/// Rank the models of an evaluated plan.
pub fn rank(_plan: &Plan, _models: &[ModelReport]) -> Vec<Ranked> {
    Vec::new()
}
