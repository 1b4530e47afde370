//! All planner state in one `Reducible`: the form as typed, and the last valid report.
//!
//! `reduce` applies an [`Action`] to the [`Draft`] and asks core to read and evaluate
//! it. It holds no rule of its own: errors come from `Draft::parse`, figures from
//! `evaluate`.
use std::rc::Rc;

use aksnet_core::deploy::Format;
use aksnet_core::draft::{Draft, Field, FieldError, PoolDraft, PoolField};
use aksnet_core::eval::{Report, evaluate};
use aksnet_core::facts::{CiliumIpam, ModelId};
use aksnet_core::plan::{Os, Plan, PolicyNeed, Requirement, SubnetRole};
use aksnet_core::score::{Criterion, Preset};
use yew::Reducible;

/// The planner's state.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The form as typed.
    pub draft: Draft,
    /// Every field that does not parse, in form order.
    pub errors: Vec<FieldError>,
    /// The plan behind `report`: the last one that parsed.
    pub plan: Option<Rc<Plan>>,
    /// The report of the last valid plan.
    pub report: Option<Rc<Report>>,
    /// Whether the form has changed into something invalid since `report`.
    pub stale: bool,
    /// Whether the comparison shows the two Pod Subnet variants.
    pub show_variants: bool,
    /// Whether the toolbar's paste box is open.
    pub pasting: bool,
    /// What the address map says of the block last pointed at or focused, if any.
    pub map_detail: Option<String>,
    /// The model picked in the deployment panel, if any (else the recommendation).
    pub deploy_model: Option<ModelId>,
    /// The deployment panel's output format.
    pub deploy_format: Format,
    /// Sentences for the user: what could not be read, what was copied.
    pub notices: Vec<String>,
    /// The form before the last reset, for "Undo reset".
    pub undo: Option<Draft>,
    /// Counts the changes to the form, for the effect that saves it: comparing a number
    /// costs the bundle less than comparing and cloning the form.
    pub revision: u32,
}

/// A change to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A text field changed.
    SetText(Field, String),
    /// A pool's OS changed.
    SetPoolOs(usize, Os),
    /// Add a node pool.
    AddPool,
    /// Remove a node pool.
    RemovePool(usize),
    /// Add a VNet prefix.
    AddVnet,
    /// Remove a VNet prefix.
    RemoveVnet(usize),
    /// Add a range to avoid.
    AddAvoid,
    /// Remove a range to avoid.
    RemoveAvoid(usize),
    /// Add another subnet of the VNet.
    AddSubnet,
    /// Remove another subnet.
    RemoveSubnet(usize),
    /// Change what another subnet is for.
    SetSubnetRole(usize, SubnetRole),
    /// Cilium's IPAM mode changed.
    SetCiliumIpam(CiliumIpam),
    /// A requirement checkbox changed.
    SetRequirement(Requirement, bool),
    /// The network policy requirement changed.
    SetPolicy(PolicyNeed),
    /// A priority slider moved.
    SetPriority(Criterion, u8),
    /// Apply a priority preset (weights, and the requirements it implies).
    ApplyPreset(Preset),
    /// Show or hide the Pod Subnet variants.
    ToggleVariants,
    /// Replace the whole form.
    Load(Draft),
    /// Go back to the example plan, keeping the current one for undo.
    Reset,
    /// Bring back the plan from before the last reset.
    UndoReset,
    /// Tell the user something.
    Notify(String),
    /// Clear the notices.
    DismissNotices,
    /// Open or close the toolbar's paste box.
    SetPasting(bool),
    /// Describe a block of the address map: the one pointed at or focused.
    ShowBlock(String),
    /// Pick the deployment panel's model (`None`: the recommendation).
    PickModel(Option<ModelId>),
    /// Pick the deployment panel's output format.
    PickFormat(Format),
}

impl State {
    /// State for a form, evaluated.
    pub fn new(draft: Draft) -> State {
        let mut s = State {
            draft,
            errors: Vec::new(),
            plan: None,
            report: None,
            stale: false,
            show_variants: false,
            pasting: false,
            map_detail: None,
            deploy_model: None,
            deploy_format: Format::AzureCli,
            notices: Vec::new(),
            undo: None,
            revision: 0,
        };
        s.evaluate();
        s
    }

    fn evaluate(&mut self) {
        self.revision = self.revision.wrapping_add(1);
        match self.draft.parse() {
            Ok(plan) => {
                self.report = Some(Rc::new(evaluate(&plan)));
                self.plan = Some(Rc::new(plan));
                self.errors.clear();
                self.stale = false;
            }
            Err(errors) => {
                self.errors = errors;
                self.stale = true;
            }
        }
    }

    fn set_text(&mut self, field: Field, value: String) {
        let d = &mut self.draft;
        let slot = match field {
            Field::Vnet(i) => d.vnet.get_mut(i),
            Field::NodeSubnet => Some(&mut d.node_subnet),
            Field::PodSubnet => Some(&mut d.pod_subnet),
            Field::PodCidr => Some(&mut d.pod_cidr),
            Field::ServiceCidr => Some(&mut d.service_cidr),
            Field::DnsServiceIp => Some(&mut d.dns_service_ip),
            Field::InternalLbIps => Some(&mut d.internal_lb_ips),
            Field::PrivateEndpoints => Some(&mut d.private_endpoints),
            Field::Avoid(i) => d.avoid.get_mut(i),
            Field::OtherSubnet(i) => d.other_subnets.get_mut(i).map(|(_, text)| text),
            Field::Pool(i, f) => d.pools.get_mut(i).map(|p| match f {
                PoolField::Name => &mut p.name,
                PoolField::Nodes => &mut p.nodes,
                PoolField::MaxNodes => &mut p.max_nodes,
                PoolField::MaxPods => &mut p.max_pods,
                PoolField::MaxSurge => &mut p.max_surge,
            }),
            Field::VnetList | Field::Pools => None,
        };
        if let Some(slot) = slot {
            *slot = value;
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new(Draft::default())
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let d = &mut s.draft;
        match action {
            Action::SetText(field, value) => s.set_text(field, value),
            Action::SetPoolOs(i, os) => {
                if let Some(p) = d.pools.get_mut(i) {
                    p.os = os;
                }
            }
            Action::AddPool => {
                let name = d.next_pool_name();
                d.pools.push(PoolDraft::named(&name));
            }
            Action::RemovePool(i) if i < d.pools.len() => {
                d.pools.remove(i);
            }
            Action::AddVnet => d.vnet.push(String::new()),
            Action::RemoveVnet(i) if i < d.vnet.len() => {
                d.vnet.remove(i);
            }
            Action::AddAvoid => d.avoid.push(String::new()),
            Action::RemoveAvoid(i) if i < d.avoid.len() => {
                d.avoid.remove(i);
            }
            Action::AddSubnet => d.other_subnets.push((SubnetRole::ApiServer, String::new())),
            Action::RemoveSubnet(i) if i < d.other_subnets.len() => {
                d.other_subnets.remove(i);
            }
            Action::SetSubnetRole(i, role) => {
                if let Some(sub) = d.other_subnets.get_mut(i) {
                    sub.0 = role;
                }
            }
            Action::SetCiliumIpam(m) => d.cilium_ipam = m,
            Action::SetRequirement(r, on) => d.requirements.set(r, on),
            Action::SetPolicy(p) => d.requirements.network_policy = p,
            Action::SetPriority(c, w) => d.priorities.set(c, w),
            Action::ApplyPreset(p) => p.apply_to(&mut d.priorities, &mut d.requirements),
            Action::ToggleVariants => {
                s.show_variants = !s.show_variants;
                return Rc::new(s);
            }
            Action::Load(draft) => s.draft = draft,
            Action::Reset => s.undo = Some(std::mem::take(&mut s.draft)),
            Action::UndoReset => match s.undo.take() {
                Some(draft) => s.draft = draft,
                None => return self,
            },
            Action::Notify(n) => {
                s.notices.push(n);
                return Rc::new(s);
            }
            Action::DismissNotices => {
                s.notices.clear();
                return Rc::new(s);
            }
            Action::SetPasting(open) => {
                s.pasting = open;
                return Rc::new(s);
            }
            Action::ShowBlock(text) => {
                s.map_detail = Some(text);
                return Rc::new(s);
            }
            Action::PickModel(m) => {
                s.deploy_model = m;
                return Rc::new(s);
            }
            Action::PickFormat(f) => {
                s.deploy_format = f;
                return Rc::new(s);
            }
            Action::RemovePool(_)
            | Action::RemoveVnet(_)
            | Action::RemoveAvoid(_)
            | Action::RemoveSubnet(_) => {
                return self;
            }
        }
        s.evaluate();
        Rc::new(s)
    }
}
