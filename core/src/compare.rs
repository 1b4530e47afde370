//! The side-by-side comparison: one row per question, one cell per model, each with a status.
//!
//! Rows mix the plan's own figures (from the [`Report`]) with the model facts (from
//! [`crate::facts`]). Every cell carries a [`Status`] so a view can colour it, and a
//! text that says the same thing in words, so colour is never the only signal.
//!
//! ```
//! use aksnet_core::{compare::{comparison, Status}, eval::evaluate, facts::ModelId, plan::Plan};
//!
//! let plan = Plan::default();
//! let table = comparison(&plan, &evaluate(&plan));
//! let retirement = table.rows.iter().find(|r| r.label == "Retirement").unwrap();
//! let kubenet = retirement.cell(ModelId::Kubenet).unwrap();
//! assert_eq!(kubenet.status, Status::Warning);
//! assert!(kubenet.text.contains("31 March 2028"));
//! ```

use crate::fixed::Fixed;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::cidr::group_thousands as n;
use crate::eval::{HEADROOM_WARNING, ModelReport, Report, is_low_headroom};
use crate::facts::{Feature, ModelId, Source, Support, src};
use crate::json::{ToJson, Writer};
use crate::plan::Plan;

/// How a cell reads for this plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Fits, or meets what the plan needs.
    Ok,
    /// Works, but risky or retiring.
    Warning,
    /// Does not fit, or fails a requirement of the plan.
    Error,
    /// A fact with no judgement for this plan.
    Neutral,
}

impl Status {
    /// The word a screen reader or a monochrome print shows.
    pub const fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "problem",
            Status::Neutral => "",
        }
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The model of this column.
    pub model: ModelId,
    /// What the cell says.
    pub text: String,
    /// How it reads for this plan.
    pub status: Status,
}

/// One row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The question the row answers.
    pub label: &'static str,
    /// Where the row's facts come from, if they are facts.
    pub source: Option<Source>,
    /// One cell per model, in [`ModelId::ALL`] order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell of one model.
    pub fn cell(&self, model: ModelId) -> Option<&Cell> {
        self.cells.iter().find(|c| c.model == model)
    }
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Rows in display order.
    pub rows: Vec<Row>,
}

impl Status {
    /// The status in JSON: `ok`, `warning`, `error`, `neutral`.
    pub const fn id(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "error",
            Status::Neutral => "neutral",
        }
    }
}

impl ToJson for Cell {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("model", self.model.id());
        w.field_str("text", &self.text);
        w.field_str("status", self.status.id());
        w.end_object();
    }
}

/// A row in JSON: `label` and `cells` (the source is left out).
impl ToJson for Row {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("label", self.label);
        w.key("cells");
        self.cells.write_json(w);
        w.end_object();
    }
}

impl ToJson for Comparison {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("rows");
        self.rows.write_json(w);
        w.end_object();
    }
}

fn capacity(req: u64, avail: u64) -> (String, Status) {
    let status = if req > avail {
        Status::Error
    } else if is_low_headroom(req, avail) {
        Status::Warning
    } else {
        Status::Ok
    };
    (format!("{} / {}", n(req.into()), n(avail.into())), status)
}

fn percent(x: f64) -> String {
    if x >= 0.0 {
        format!("{}% free", Fixed(x * 100.0, 0))
    } else {
        format!("short by {}%", Fixed(-x * 100.0, 0))
    }
}

/// A yes/no feature cell: an error when the plan requires it and the model lacks it.
fn feature(m: ModelId, plan: &Plan, f: Feature, required: bool) -> (String, Status) {
    let support = m.support(f, plan.cilium_ipam);
    let status = match (required, support.is_supported()) {
        (true, true) => Status::Ok,
        (true, false) => Status::Error,
        (false, _) => Status::Neutral,
    };
    let text = match support {
        Support::Yes | Support::No | Support::Limited(_) | Support::Undocumented => {
            support.describe().into()
        }
        Support::AsIpam => "as its IPAM mode".into(),
    };
    (text, status)
}

/// Build the comparison of every model for a plan and its report.
pub fn comparison(plan: &Plan, report: &Report) -> Comparison {
    type CellFn<'a> = &'a dyn Fn(&ModelReport) -> (String, Status);
    let row = |label: &'static str, source: Option<Source>, f: CellFn<'_>| {
        let mut cells = Vec::with_capacity(report.models.len());
        for m in &report.models {
            let (text, status) = f(m);
            cells.push(Cell {
                model: m.model,
                text,
                status,
            });
        }
        Row {
            label,
            source,
            cells,
        }
    };
    let rows = alloc::vec![
        row("Fits this plan", None, &|m| {
            let errors = m
                .findings
                .iter()
                .filter(|f| f.severity == crate::eval::Severity::Error)
                .count();
            if m.fits {
                ("fits".into(), Status::Ok)
            } else if errors == 0 {
                ("plan-wide errors".into(), Status::Error)
            } else {
                (
                    format!("{errors} error{}", if errors == 1 { "" } else { "s" }),
                    Status::Error,
                )
            }
        }),
        row("Where pod IPs come from", Some(src::CNI_OVERVIEW), &|m| (
            m.ipam.into(),
            Status::Neutral
        )),
        row(
            "Node subnet addresses (needed / available)",
            Some(src::IP_PLANNING),
            &|m| { capacity(m.node_subnet_ips_required, m.node_subnet_ips_available) }
        ),
        row(
            "Pod addresses (needed / available)",
            Some(src::IP_PLANNING),
            &|m| {
                if m.pod_ips_per_node == 0 {
                    ("in the node subnet".into(), Status::Neutral)
                } else {
                    capacity(m.pod_ips_required, m.pod_ips_available)
                }
            }
        ),
        row("Headroom at the peak", Some(src::IP_PLANNING), &|m| {
            let status = if m.headroom < 0.0 {
                Status::Error
            } else if m.headroom < HEADROOM_WARNING {
                Status::Warning
            } else {
                Status::Ok
            };
            (percent(m.headroom), status)
        }),
        row("Largest cluster that fits", Some(src::IP_PLANNING), &|m| {
            let status = if m.max_nodes < plan.peak_nodes() {
                Status::Error
            } else {
                Status::Neutral
            };
            (
                format!(
                    "{} nodes, {} pods",
                    n(m.max_nodes.into()),
                    n(m.max_pods_total.into())
                ),
                status,
            )
        }),
        row(
            "Max pods per node (default, allowed)",
            Some(src::IP_PLANNING),
            &|m| {
                let mp = m.model.max_pods(plan.cilium_ipam);
                (
                    format!("{} ({} to {})", mp.default, mp.min, mp.max),
                    Status::Neutral,
                )
            }
        ),
        row("Node limit", Some(src::AKS_LIMITS), &|m| {
            let limit = m.model.facts().node_limit.value;
            let status = if plan.peak_nodes() > limit {
                Status::Error
            } else {
                Status::Neutral
            };
            (crate::layout::nodes(limit), status)
        }),
        row("Network policy engines", Some(src::NETWORK_POLICY), &|m| {
            let mut names = String::new();
            for e in m.model.facts().policy {
                if !names.is_empty() {
                    names.push_str(", ");
                }
                names.push_str(e.name());
            }
            (names, Status::Neutral)
        }),
        row(
            "Windows node pools",
            Some(Feature::Windows.source()),
            &|m| feature(m.model, plan, Feature::Windows, plan.needs_windows())
        ),
        row(
            "Dual-stack IPv4/IPv6",
            Some(Feature::DualStack.source()),
            &|m| {
                feature(
                    m.model,
                    plan,
                    Feature::DualStack,
                    plan.requirements.dual_stack,
                )
            }
        ),
        row(
            "Pods reachable from the VNet",
            Some(Feature::PodIpsRoutable.source()),
            &|m| {
                feature(
                    m.model,
                    plan,
                    Feature::PodIpsRoutable,
                    plan.requirements.pod_ips_routable,
                )
            }
        ),
        row(
            "Retirement",
            Some(src::KUBENET),
            &|m| match m.model.facts().retirement {
                Some(r) => (r.text.into(), Status::Warning),
                None => ("none announced".into(), Status::Ok),
            }
        ),
    ];
    Comparison { rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::evaluate;
    use crate::plan::{Os, Pool};

    fn cell(c: &Comparison, label: &str, m: ModelId) -> Cell {
        c.rows
            .iter()
            .find(|r| r.label == label)
            .and_then(|r| r.cell(m))
            .cloned()
            .expect("cell")
    }

    #[test]
    fn every_row_has_a_cell_per_model() {
        let plan = Plan::default();
        let c = comparison(&plan, &evaluate(&plan));
        assert_eq!(c.rows.len(), 13);
        for r in &c.rows {
            let models: Vec<ModelId> = r.cells.iter().map(|c| c.model).collect();
            assert_eq!(models, ModelId::ALL, "{}", r.label);
        }
    }

    #[test]
    fn statuses_follow_the_plan() {
        let mut plan = Plan::default();
        plan.pools = alloc::vec![
            Pool {
                max_pods: Some(30),
                ..Pool::new("system", 50)
            },
            Pool {
                os: Os::Windows,
                ..Pool::new("win", 2)
            },
        ];
        let c = comparison(&plan, &evaluate(&plan));
        let cni = cell(
            &c,
            "Node subnet addresses (needed / available)",
            ModelId::AzureCni,
        );
        assert_eq!(cni.status, Status::Error);
        assert!(cni.text.starts_with("1,674 / 1,019"), "{}", cni.text); // 51 x 31 + 3 x 31
        let win = cell(&c, "Windows node pools", ModelId::Kubenet);
        assert_eq!((win.text.as_str(), win.status), ("no", Status::Error));
        assert_eq!(
            cell(&c, "Windows node pools", ModelId::AzureCniOverlay).status,
            Status::Ok
        );
        assert_eq!(
            cell(&c, "Dual-stack IPv4/IPv6", ModelId::AzureCni).status,
            Status::Neutral
        );
        assert_eq!(
            cell(&c, "Fits this plan", ModelId::AzureCniOverlay).status,
            Status::Ok
        );
        assert_eq!(
            cell(&c, "Pod addresses (needed / available)", ModelId::AzureCni).text,
            "in the node subnet"
        );
        assert_eq!(
            cell(
                &c,
                "Max pods per node (default, allowed)",
                ModelId::AzureCni
            )
            .text,
            "30 (10 to 250)"
        );
        assert_eq!(cell(&c, "Node limit", ModelId::Kubenet).text, "400 nodes");
        assert_eq!(
            cell(&c, "Network policy engines", ModelId::AzureCniCilium).text,
            "Cilium"
        );
        assert_eq!(cell(&c, "Retirement", ModelId::AzureCni).status, Status::Ok);
    }

    #[test]
    fn low_headroom_is_a_warning() {
        let mut plan = Plan::default();
        plan.pools = alloc::vec![Pool {
            max_pods: Some(30),
            ..Pool::new("a", 28)
        }]; // 29 x 31 = 899 of 1,019
        let c = comparison(&plan, &evaluate(&plan));
        assert_eq!(
            cell(
                &c,
                "Node subnet addresses (needed / available)",
                ModelId::AzureCni
            )
            .status,
            Status::Warning
        );
        assert_eq!(
            cell(&c, "Headroom at the peak", ModelId::AzureCni).text,
            "12% free"
        );
    }
}
