//! The root component: the form beside the results, all driven by one reducer.
use std::rc::Rc;

use aksnet_core::compare::comparison;
use yew::prelude::*;

use crate::components::comparison::ComparisonTable;
use crate::components::findings::FindingsList;
use crate::components::plan_form::PlanForm;
use crate::state::{Action, State};

/// The whole planner page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let toggle = dispatch.reform(|()| Action::ToggleVariants);
    let compare = use_memo(
        (state.plan.clone(), state.report.clone()),
        |(plan, report)| match (plan, report) {
            (Some(p), Some(r)) => Some(comparison(p, r)),
            _ => None,
        },
    );
    let results = match (&state.report, &*compare) {
        (Some(report), Some(table)) => html! {
            <>
                <ComparisonTable comparison={table.clone()} show_variants={state.show_variants} on_toggle={toggle} />
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
