//! The root component: the form beside the results, all driven by one reducer.
use std::rc::Rc;

use aksnet_core::compare::{Comparison, comparison};
use aksnet_core::eval::Report;
use aksnet_core::facts::ModelId;
use aksnet_core::layout::{Growth, RangeMap, address_map, growth};
use aksnet_core::plan::Plan;
use yew::prelude::*;

use crate::components::address_map::AddressMap;
use crate::components::comparison::{ComparisonTable, MAIN_MODELS};
use crate::components::findings::FindingsList;
use crate::components::growth_chart::GrowthChart;
use crate::components::plan_form::PlanForm;
use crate::components::recommendation::Recommendation;
use crate::state::{Action, State};

/// What the results show, derived once per valid plan.
#[derive(PartialEq)]
struct Views {
    comparison: Comparison,
    maps: Vec<RangeMap>,
    growth: Growth,
}

fn views(plan: &Plan, report: &Report) -> Views {
    Views {
        comparison: comparison(plan, report),
        maps: address_map(plan, report),
        growth: growth(plan, report),
    }
}

/// The whole planner page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let toggle = dispatch.reform(|()| Action::ToggleVariants);
    let derived = use_memo(
        (state.plan.clone(), state.report.clone()),
        |(plan, report)| match (plan, report) {
            (Some(p), Some(r)) => Some(views(p, r)),
            _ => None,
        },
    );
    let shown: Vec<ModelId> = ModelId::ALL
        .into_iter()
        .filter(|m| state.show_variants || MAIN_MODELS.contains(m))
        .collect();
    let results = match (&state.report, &*derived) {
        (Some(report), Some(v)) => html! {
            <>
                <Recommendation ranking={report.ranking.clone()} />
                <ComparisonTable comparison={v.comparison.clone()} show_variants={state.show_variants} on_toggle={toggle} />
                <AddressMap maps={v.maps.clone()} />
                <GrowthChart growth={v.growth.clone()} models={shown} />
                <FindingsList report={Rc::clone(report)} />
            </>
        },
        _ => html! { <p class="panel">{ "Fix the marked fields to see results." }</p> },
    };
    html! {
        <>
            <header class="masthead">
                <h1>{ "aksnet" }</h1>
                <p class="tagline">{ "Plan Azure Kubernetes Service networking before you deploy. Everything runs in your browser." }</p>
            </header>
            <main class="layout">
                <div class="inputs">
                    <PlanForm draft={state.draft.clone()} errors={state.errors.clone()} dispatch={dispatch} />
                </div>
                <div class={classes!("results", state.stale.then_some("stale"))} aria-live="polite" aria-busy={state.stale.then_some("true")}>
                    if state.stale {
                        <p class="stale-note" role="status">
                            { format!("{} field{} to fix; the results below are from the last valid plan.",
                                state.errors.len(), if state.errors.len() == 1 { "" } else { "s" }) }
                        </p>
                    }
                    { results }
                </div>
            </main>
        </>
    }
}
