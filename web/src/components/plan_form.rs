//! The plan form: network ranges, node pools, other consumers, requirements and priorities.
use aksnet_core::draft::{Draft, Field, FieldError, PoolField};
use aksnet_core::facts::CiliumIpam;
use aksnet_core::plan::{Os, PolicyNeed, Priorities, Requirement, SubnetRole};
use aksnet_core::score::{Criterion, Preset};
use yew::prelude::*;

use super::text_field::{field_id, text_field};
use super::{on_click, on_select};
use crate::state::Action;

/// The message of `field`'s error, if it has one.
fn error_of(errors: &[FieldError], field: Field) -> Option<AttrValue> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| AttrValue::from(e.message.clone()))
}

/// One labelled text input of the form, with its error if it has one.
fn labelled(
    field: Field,
    label: AttrValue,
    value: &str,
    hint: Option<&'static str>,
    inputmode: Option<&'static str>,
    errors: &[FieldError],
    on_input: &Callback<(Field, String)>,
) -> Html {
    text_field(
        field,
        label,
        AttrValue::from(value.to_owned()),
        error_of(errors, field),
        hint,
        inputmode.unwrap_or("text"),
        on_input,
    )
}

/// The button that removes one row of a list; `label` names the row for screen readers.
#[inline(never)]
fn remove_button(onclick: Callback<MouseEvent>, label: String, text: &'static str) -> Html {
    html! {
        <button type="button" class="remove" {onclick} aria-label={label}>{ text }</button>
    }
}

/// The button that adds a row to a list.
#[inline(never)]
fn add_button(onclick: Callback<MouseEvent>, text: &'static str) -> Html {
    html! { <button type="button" class="add" {onclick}>{ text }</button> }
}

/// A `<select>` with its label; `options` are its `<option>`s.
#[inline(never)]
fn labelled_select(id: String, label: AttrValue, onchange: Callback<Event>, options: Html) -> Html {
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <select {id} {onchange}>{ options }</select>
        </div>
    }
}

/// One `<option>` of a select whose current value is marked `selected`.
#[inline(never)]
fn choice(value: &'static str, label: &'static str, selected: bool) -> Html {
    html! { <option {value} {selected}>{ label }</option> }
}

/// Every input of the plan `d` as typed, grouped, with the `errors` of the fields that
/// do not parse; changes go to `dispatch`. A plain function, not a component: it has no
/// state, and a component brings its own lifecycle code to the bundle.
pub fn plan_form(d: &Draft, errors: &[FieldError], dispatch: &Callback<Action>) -> Html {
    let on_input = dispatch.reform(|(field, value)| Action::SetText(field, value));
    let text = |field: Field, label: &'static str, value: &str, hint: Option<&'static str>| {
        labelled(field, label.into(), value, hint, None, errors, &on_input)
    };
    let count = |field: Field, label: &'static str, value: &str, hint: Option<&'static str>| {
        labelled(
            field,
            label.into(),
            value,
            hint,
            Some("numeric"),
            errors,
            &on_input,
        )
    };
    let click = |a: Action| on_click(dispatch, a);

    let vnets = d.vnet.iter().enumerate().map(|(i, v)| {
        let label = if i == 0 {
            "VNet address space".to_string()
        } else {
            format!("VNet address space {}", i + 1)
        };
        html! {
            <div class="row-with-remove" key={format!("vnet-{i}")}>
                { labelled(Field::Vnet(i), label.into(), v, None, None, errors, &on_input) }
                if d.vnet.len() > 1 {
                    { remove_button(click(Action::RemoveVnet(i)), format!("Remove VNet prefix {}", i + 1), "Remove") }
                }
            </div>
        }
    });

    let avoid = d.avoid.iter().enumerate().map(|(i, v)| {
        html! {
            <div class="row-with-remove" key={format!("avoid-{i}")}>
                { labelled(Field::Avoid(i), format!("Range to avoid {}", i + 1).into(), v, None, None, errors, &on_input) }
                { remove_button(click(Action::RemoveAvoid(i)), format!("Remove range to avoid {}", i + 1), "Remove") }
            </div>
        }
    });

    let other_subnets = d.other_subnets.iter().enumerate().map(|(i, (role, prefix))| {
        let field = Field::OtherSubnet(i);
        let on_role = on_select(dispatch, i, |i, v| {
            let role = SubnetRole::ALL.into_iter().find(|r| r.id() == v);
            Some(Action::SetSubnetRole(i, role.unwrap_or(SubnetRole::Other)))
        }, false);
        let roles = html! {
            { for SubnetRole::ALL.into_iter().map(|r| choice(r.id(), r.label(), *role == r)) }
        };
        html! {
            <div class="subnet-row" key={format!("sub-{i}")}>
                { labelled_select(format!("{}-role", field_id(field)), format!("Subnet {} is for", i + 1).into(), on_role, roles) }
                <div class="row-with-remove">
                    { labelled(field, format!("Subnet {} prefix", i + 1).into(), prefix, None, None, errors, &on_input) }
                    { remove_button(click(Action::RemoveSubnet(i)), format!("Remove subnet {}", i + 1), "Remove") }
                </div>
            </div>
        }
    });

    let pools = d.pools.iter().enumerate().map(|(i, p)| {
        let f = |pf| Field::Pool(i, pf);
        let on_os = on_select(dispatch, i, |i, v| {
            Some(Action::SetPoolOs(i, if v == "windows" { Os::Windows } else { Os::Linux }))
        }, false);
        let oses = html! {
            <>
                { choice("linux", "Linux", p.os == Os::Linux) }
                { choice("windows", "Windows", p.os == Os::Windows) }
            </>
        };
        html! {
            <fieldset class="pool" key={format!("pool-{i}")}>
                <legend>{ format!("Pool {}: {}", i + 1, p.name) }</legend>
                <div class="pool-grid">
                    { text(f(PoolField::Name), "Pool name", &p.name, None) }
                    { labelled_select(format!("{}-os", field_id(f(PoolField::Name))), "OS".into(), on_os, oses) }
                    { count(f(PoolField::Nodes), "Nodes", &p.nodes, None) }
                    { count(f(PoolField::MaxNodes), "Max nodes", &p.max_nodes, Some("autoscaler max; empty: no autoscaler")) }
                    { count(f(PoolField::MaxPods), "Max pods", &p.max_pods, Some("empty: each model's default")) }
                    { text(f(PoolField::MaxSurge), "Max surge", &p.max_surge, Some("nodes or %, e.g. 33%; empty: 1")) }
                </div>
                if d.pools.len() > 1 {
                    { remove_button(click(Action::RemovePool(i)), format!("Remove pool {}", p.name), "Remove pool") }
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
    let on_policy = on_select(
        dispatch,
        0,
        |_, v| {
            let policy = PolicyNeed::ALL.into_iter().find(|p| p.id() == v);
            Some(Action::SetPolicy(policy.unwrap_or_default()))
        },
        false,
    );
    let policies = html! {
        { for PolicyNeed::ALL.into_iter().map(|p| choice(p.id(), p.label(), d.requirements.network_policy == p)) }
    };
    let on_preset = on_select(
        dispatch,
        0,
        |_, v| Preset::from_id(v).map(Action::ApplyPreset),
        true,
    );
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
    let presets = html! {
        <>
            <option value="" selected=true>{ "Choose a situation…" }</option>
            { for Preset::ALL.into_iter().map(|p| html! {
                <option value={p.id()} title={p.description()}>{ p.title() }</option>
            }) }
        </>
    };

    html! {
        <form class="plan-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <section class="panel" aria-labelledby="h-network">
                <h2 id="h-network">{ "Network" }</h2>
                { for vnets }
                if let Some(err) = error_of(errors, Field::VnetList) { <p class="error" role="alert">{ err }</p> }
                { add_button(click(Action::AddVnet), "Add VNet prefix") }
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
                { add_button(click(Action::AddPool), "Add node pool") }
            </section>
            <section class="panel" aria-labelledby="h-other">
                <h2 id="h-other">{ "Other addresses" }</h2>
                { count(Field::InternalLbIps, "Internal load balancer IPs", &d.internal_lb_ips, Some("front-end IPs taken from the node subnet")) }
                { count(Field::PrivateEndpoints, "Private endpoints", &d.private_endpoints, Some("placed in the node subnet")) }
                <h3>{ "Other subnets in the VNet" }</h3>
                <p class="hint">{ "API server, firewall, bastion and gateway subnets the cluster must keep clear of." }</p>
                { for other_subnets }
                { add_button(click(Action::AddSubnet), "Add subnet") }
                <h3>{ "Ranges to avoid" }</h3>
                <p class="hint">{ "Peered VNets, hubs and on-premises ranges that nothing may overlap." }</p>
                { for avoid }
                { add_button(click(Action::AddAvoid), "Add range to avoid") }
            </section>
            <section class="panel" aria-labelledby="h-req">
                <h2 id="h-req">{ "Requirements" }</h2>
                { for requirements }
                { labelled_select("req-network_policy".into(), "Network policy engine".into(), on_policy, policies) }
            </section>
            <section class="panel" aria-labelledby="h-pri">
                <h2 id="h-pri">{ "Priorities" }</h2>
                <p class="hint">{ "How much each criterion weighs in the recommendation, from 0 to 5." }</p>
                { labelled_select("preset".into(), "Start from a preset".into(), on_preset, presets) }
                { for priorities }
            </section>
        </form>
    }
}
