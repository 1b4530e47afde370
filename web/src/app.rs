//! The root component: page layout around the planner.
use aksnet_core::cidr::group_thousands;
use aksnet_core::eval::{Report, evaluate};
use aksnet_core::plan::Plan;
use yew::prelude::*;

/// The whole planner page.
#[component]
pub fn App() -> Html {
    let plan = use_memo((), |_| Plan::default());
    let report = use_memo((), |_| evaluate(&plan));
    html! {
        <>
            <header class="masthead">
                <h1>{ "aksnet" }</h1>
                <p class="tagline">{ "Plan Azure Kubernetes Service networking before you deploy. Everything runs in your browser." }</p>
            </header>
            <main class="app">
                <PlanSummary plan={(*plan).clone()} />
                <ModelTable report={(*report).clone()} />
            </main>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PlanSummaryProps {
    plan: Plan,
}

/// The plan being evaluated, in one sentence.
#[component]
fn PlanSummary(props: &PlanSummaryProps) -> Html {
    let p = &props.plan;
    let vnets: Vec<String> = p.vnet.iter().map(ToString::to_string).collect();
    html! {
        <p class="summary">
            { format!(
                "Example plan: VNet {}, node subnet {}, pod CIDR {}, service CIDR {}, {} node pool(s) peaking at {} nodes.",
                vnets.join(", "), p.node_subnet, p.pod_cidr, p.service_cidr, p.pools.len(), p.peak_nodes()
            ) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct ModelTableProps {
    report: Report,
}

/// Each model's fit and capacity for the plan.
#[component]
fn ModelTable(props: &ModelTableProps) -> Html {
    html! {
        <table class="models">
            <caption>{ "Network models for this plan" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Model" }</th>
                    <th scope="col">{ "Fits" }</th>
                    <th scope="col" class="num">{ "Node subnet addresses (needed / available)" }</th>
                    <th scope="col" class="num">{ "Largest cluster (nodes)" }</th>
                </tr>
            </thead>
            <tbody>
                { for props.report.models.iter().map(|m| html! {
                    <tr class={if m.fits { "fits" } else { "fails" }}>
                        <th scope="row">{ m.model.name() }</th>
                        <td>{ if m.fits { "✓ fits" } else { "✗ does not fit" } }</td>
                        <td class="num">{ format!("{} / {}", group_thousands(m.node_subnet_ips_required.into()), group_thousands(m.node_subnet_ips_available.into())) }</td>
                        <td class="num">{ group_thousands(m.max_nodes.into()) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
