//! The plan form: network ranges, node pools, other consumers, requirements and priorities.
use aksnet_core::draft::{Draft, Field, FieldError, PoolField};
use aksnet_core::facts::CiliumIpam;
use aksnet_core::plan::{Os, PolicyNeed, Priorities, Requirement, SubnetRole};
use aksnet_core::score::{Criterion, Preset};
use yew::prelude::*;

use super::text_field::{TextField, field_id};
use crate::state::Action;

/// Props of [`PlanForm`].
#[derive(Properties, PartialEq, Debug)]
pub struct PlanFormProps {
    /// The form as typed.
    pub draft: Draft,
    /// Fields that do not parse.
    pub errors: Vec<FieldError>,
    /// Where changes go.
    pub dispatch: Callback<Action>,
}

fn error_of(errors: &[FieldError], field: Field) -> Option<AttrValue> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| AttrValue::from(e.message.clone()))
}

/// One labelled text input. Not inlined: the form has a dozen, and each inlined copy of
/// the props builder costs the bundle about a kilobyte.
#[inline(never)]
fn labelled(
    field: Field,
    label: &'static str,
    value: &str,
    hint: Option<&'static str>,
    inputmode: Option<&'static str>,
    errors: &[FieldError],
    on_input: &Callback<(Field, String)>,
) -> Html {
    html! {
        <TextField {field} label={label} value={AttrValue::from(value.to_owned())}
            error={error_of(errors, field)} hint={hint.map(AttrValue::Static)}
            inputmode={AttrValue::Static(inputmode.unwrap_or("text"))} on_input={on_input.clone()} />
    }
}

/// Every input of the plan, grouped.
#[component]
pub fn PlanForm(props: &PlanFormProps) -> Html {
    let d = &props.draft;
    let errors = &props.errors;
    let on_input = props
        .dispatch
        .reform(|(field, value)| Action::SetText(field, value));
    let text = |field: Field, label: &'static str, value: &str, hint: Option<&'static str>| {
        labelled(field, label, value, hint, None, errors, &on_input)
    };
    let count = |field: Field, label: &'static str, value: &str, hint: Option<&'static str>| {
        labelled(
            field,
            label,
            value,
            hint,
            Some("numeric"),
            errors,
            &on_input,
        )
    };
    let dispatch = &props.dispatch;
    let click = |a: Action| dispatch.reform(move |_: MouseEvent| a.clone());

    let vnets = d.vnet.iter().enumerate().map(|(i, v)| {
        let label = if i == 0 {
            "VNet address space".to_string()
        } else {
            format!("VNet address space {}", i + 1)
        };
        let field = Field::Vnet(i);
        html! {
            <div class="row-with-remove" key={format!("vnet-{i}")}>
                <TextField {field} label={label} value={AttrValue::from(v.clone())}
                    error={error_of(errors, field)} on_input={on_input.clone()} />
                if d.vnet.len() > 1 {
                    <button type="button" class="remove" onclick={click(Action::RemoveVnet(i))}
                        aria-label={format!("Remove VNet prefix {}", i + 1)}>{ "Remove" }</button>
                }
            </div>
        }
    });

    let avoid = d.avoid.iter().enumerate().map(|(i, v)| {
        let field = Field::Avoid(i);
        html! {
            <div class="row-with-remove" key={format!("avoid-{i}")}>
                <TextField {field} label={format!("Range to avoid {}", i + 1)} value={AttrValue::from(v.clone())}
                    error={error_of(errors, field)} on_input={on_input.clone()} />
                <button type="button" class="remove" onclick={click(Action::RemoveAvoid(i))}
                    aria-label={format!("Remove range to avoid {}", i + 1)}>{ "Remove" }</button>
            </div>
        }
    });

    let other_subnets = d.other_subnets.iter().enumerate().map(|(i, (role, prefix))| {
        let field = Field::OtherSubnet(i);
        let role_id = format!("{}-role", field_id(field));
        let on_role = dispatch.reform(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            Action::SetSubnetRole(i, SubnetRole::ALL.into_iter().find(|r| r.id() == v).unwrap_or(SubnetRole::Other))
        });
        html! {
            <div class="subnet-row" key={format!("sub-{i}")}>
                <div class="field">
                    <label for={role_id.clone()}>{ format!("Subnet {} is for", i + 1) }</label>
                    <select id={role_id} onchange={on_role}>
                        { for SubnetRole::ALL.into_iter().map(|r| html! {
                            <option value={r.id()} selected={*role == r}>{ r.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="row-with-remove">
                    <TextField {field} label={format!("Subnet {} prefix", i + 1)} value={AttrValue::from(prefix.clone())}
                        error={error_of(errors, field)} on_input={on_input.clone()} />
                    <button type="button" class="remove" onclick={click(Action::RemoveSubnet(i))}
                        aria-label={format!("Remove subnet {}", i + 1)}>{ "Remove" }</button>
                </div>
            </div>
        }
    });

    let pools = d.pools.iter().enumerate().map(|(i, p)| {
        let f = |pf| Field::Pool(i, pf);
        let os_id = format!("{}-os", field_id(f(PoolField::Name)));
        let on_os = dispatch.reform(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            Action::SetPoolOs(i, if select.value() == "windows" { Os::Windows } else { Os::Linux })
        });
        html! {
            <fieldset class="pool" key={format!("pool-{i}")}>
                <legend>{ format!("Pool {}: {}", i + 1, p.name) }</legend>
                <div class="pool-grid">
                    { text(f(PoolField::Name), "Pool name", &p.name, None) }
                    <div class="field">
                        <label for={os_id.clone()}>{ "OS" }</label>
                        <select id={os_id} onchange={on_os}>
                            <option value="linux" selected={p.os == Os::Linux}>{ "Linux" }</option>
                            <option value="windows" selected={p.os == Os::Windows}>{ "Windows" }</option>
                        </select>
                    </div>
                    { count(f(PoolField::Nodes), "Nodes", &p.nodes, None) }
                    { count(f(PoolField::MaxNodes), "Max nodes", &p.max_nodes, Some("autoscaler max; empty: no autoscaler")) }
                    { count(f(PoolField::MaxPods), "Max pods", &p.max_pods, Some("empty: each model's default")) }
                    { text(f(PoolField::MaxSurge), "Max surge", &p.max_surge, Some("nodes or %, e.g. 33%; empty: 1")) }
                </div>
                if d.pools.len() > 1 {
                    <button type="button" class="remove" onclick={click(Action::RemovePool(i))}
                        aria-label={format!("Remove pool {}", p.name)}>{ "Remove pool" }</button>
                }
            </fieldset>
        }
    });

    let on_cilium = |m: CiliumIpam| dispatch.reform(move |_: Event| Action::SetCiliumIpam(m));
    let requirements = Requirement::ALL.into_iter().map(|r| {
        let checked = d.requirements.get(r);
        let id = format!("req-{}", r.id());
        let onchange = dispatch.reform(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            Action::SetRequirement(r, input.checked())
        });
        html! {
            <div class="check" key={r.id()}>
                <input type="checkbox" id={id.clone()} {checked} {onchange} />
                <label for={id}>{ r.label() }</label>
            </div>
        }
    });
    let on_policy = dispatch.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let v = select.value();
        Action::SetPolicy(
            PolicyNeed::ALL
                .into_iter()
                .find(|p| p.id() == v)
                .unwrap_or_default(),
        )
    });
    let on_preset = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(preset) = Preset::from_id(&select.value()) {
                dispatch.emit(Action::ApplyPreset(preset));
            }
            select.set_value("");
        })
    };
    let priorities = Criterion::ALL.into_iter().map(|c| {
        let value = d.priorities.get(c);
        let id = format!("pri-{}", c.id());
        let oninput = dispatch.reform(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            Action::SetPriority(c, input.value().parse().unwrap_or(0))
        });
        html! {
            <div class="slider" key={c.id()}>
                <label for={id.clone()}>{ c.label() }</label>
                <input type="range" id={id.clone()} min="0" max={Priorities::MAX.to_string()} step="1"
                    value={value.to_string()} {oninput} />
                <output for={id}>{ value }</output>
            </div>
        }
    });

    html! {
        <form class="plan-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <section class="panel" aria-labelledby="h-network">
                <h2 id="h-network">{ "Network" }</h2>
                { for vnets }
                if let Some(err) = error_of(errors, Field::VnetList) { <p class="error" role="alert">{ err }</p> }
                <button type="button" class="add" onclick={click(Action::AddVnet)}>{ "Add VNet prefix" }</button>
                { text(Field::NodeSubnet, "Node subnet", &d.node_subnet, Some("the subnet of all node pools")) }
                { text(Field::PodSubnet, "Pod subnet", &d.pod_subnet, Some("Pod Subnet models and Cilium on a pod subnet; empty: none")) }
                { text(Field::PodCidr, "Pod CIDR", &d.pod_cidr, Some("kubenet, overlay and Cilium on overlay")) }
                { text(Field::ServiceCidr, "Service CIDR", &d.service_cidr, None) }
                { text(Field::DnsServiceIp, "DNS service IP", &d.dns_service_ip, Some("inside the service CIDR, by convention its .10")) }
                <fieldset class="radios">
                    <legend>{ "Cilium IPAM mode" }</legend>
                    <label><input type="radio" name="cilium-ipam" checked={d.cilium_ipam == CiliumIpam::Overlay}
                        onchange={on_cilium(CiliumIpam::Overlay)} />{ " Overlay" }</label>
                    <label><input type="radio" name="cilium-ipam" checked={d.cilium_ipam == CiliumIpam::PodSubnet}
                        onchange={on_cilium(CiliumIpam::PodSubnet)} />{ " Pod subnet" }</label>
                </fieldset>
            </section>
            <section class="panel" aria-labelledby="h-pools">
                <h2 id="h-pools">{ "Node pools" }</h2>
                { for pools }
                if let Some(err) = error_of(errors, Field::Pools) { <p class="error" role="alert">{ err }</p> }
                <button type="button" class="add" onclick={click(Action::AddPool)}>{ "Add node pool" }</button>
            </section>
            <section class="panel" aria-labelledby="h-other">
                <h2 id="h-other">{ "Other addresses" }</h2>
                { count(Field::InternalLbIps, "Internal load balancer IPs", &d.internal_lb_ips, Some("front-end IPs taken from the node subnet")) }
                { count(Field::PrivateEndpoints, "Private endpoints", &d.private_endpoints, Some("placed in the node subnet")) }
                <h3>{ "Other subnets in the VNet" }</h3>
                <p class="hint">{ "API server, firewall, bastion and gateway subnets the cluster must keep clear of." }</p>
                { for other_subnets }
                <button type="button" class="add" onclick={click(Action::AddSubnet)}>{ "Add subnet" }</button>
                <h3>{ "Ranges to avoid" }</h3>
                <p class="hint">{ "Peered VNets, hubs and on-premises ranges that nothing may overlap." }</p>
                { for avoid }
                <button type="button" class="add" onclick={click(Action::AddAvoid)}>{ "Add range to avoid" }</button>
            </section>
            <section class="panel" aria-labelledby="h-req">
                <h2 id="h-req">{ "Requirements" }</h2>
                { for requirements }
                <div class="field">
                    <label for="req-network_policy">{ "Network policy engine" }</label>
                    <select id="req-network_policy" onchange={on_policy}>
                        { for PolicyNeed::ALL.into_iter().map(|p| html! {
                            <option value={p.id()} selected={d.requirements.network_policy == p}>{ p.label() }</option>
                        }) }
                    </select>
                </div>
            </section>
            <section class="panel" aria-labelledby="h-pri">
                <h2 id="h-pri">{ "Priorities" }</h2>
                <p class="hint">{ "How much each criterion weighs in the recommendation, from 0 to 5." }</p>
                <div class="field">
                    <label for="preset">{ "Start from a preset" }</label>
                    <select id="preset" onchange={on_preset}>
                        <option value="" selected=true>{ "Choose a situation…" }</option>
                        { for Preset::ALL.into_iter().map(|p| html! {
                            <option value={p.id()} title={p.description()}>{ p.title() }</option>
                        }) }
                    </select>
                </div>
                { for priorities }
            </section>
        </form>
    }
}
