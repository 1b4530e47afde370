//! The root component: the form beside the results, all driven by one reducer.
use std::rc::Rc;

use aksnet_core::compare::{Comparison, comparison};
use aksnet_core::deploy::{Format, generate};
use aksnet_core::eval::Report;
use aksnet_core::facts::ModelId;
use aksnet_core::layout::{Growth, RangeMap, address_map, growth};
use aksnet_core::plan::Plan;
use yew::prelude::*;

use crate::components::{class_names, on_click};

use crate::components::address_map::address_map_panel;
use crate::components::comparison::comparison_table;
use crate::components::deploy::deploy_output;
use crate::components::findings::findings_list;
use crate::components::growth_chart::growth_chart;
use crate::components::notices::notices;
use crate::components::plan_form::plan_form;
use crate::components::recommendation::recommendation;
use crate::components::toolbar::{toolbar, use_toolbar_state};
use crate::persist;
use crate::state::{Action, State};
use crate::view::{Section, View};

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

/// A plan and its report, as the reducer keeps them. Equal when they are the same
/// report: the reducer makes a new one for each valid form, so comparing the reports
/// field by field would only add code.
struct Evaluated(Option<Rc<Plan>>, Option<Rc<Report>>);

impl PartialEq for Evaluated {
    fn eq(&self, other: &Self) -> bool {
        same(&self.1, &other.1)
    }
}

/// Whether `a` and `b` are both the same allocation, or both none.
fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// What the deployment output is generated from: the plan (none while the panel is not
/// shown), the chosen model and the format. Equal when it is the same plan allocation,
/// so the output is generated again only when the plan or the choice changes, not on
/// every render of the page.
struct DeployKey(Option<Rc<Plan>>, ModelId, Format);

impl PartialEq for DeployKey {
    fn eq(&self, other: &Self) -> bool {
        same(&self.0, &other.0) && self.1 == other.1 && self.2 == other.2
    }
}

/// The plan in one paragraph, for the printed page (which leaves the form out).
fn plan_summary(p: &Plan) -> String {
    let list = |l: &[aksnet_core::cidr::IpNet]| {
        l.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pools: Vec<String> = p
        .pools
        .iter()
        .map(|pool| {
            let max = pool
                .max_nodes
                .map(|m| format!(" (max {m})"))
                .unwrap_or_default();
            format!("{} {} nodes{max}", pool.name, pool.nodes)
        })
        .collect();
    format!(
        "Plan: VNet {}; node subnet {}; pod subnet {}; pod CIDR {}; service CIDR {}, DNS {}; pools: {}.",
        list(&p.vnet),
        p.node_subnet,
        p.pod_subnet
            .map(|s| s.to_string())
            .unwrap_or_else(|| "none".into()),
        p.pod_cidr,
        p.service_cidr,
        p.dns_service_ip,
        pools.join(", ")
    )
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Debug)]
pub struct AppProps {
    /// Read the plan from the link and storage, and keep both up to date. Off, the
    /// planner starts from the example plan and touches neither (tests use this).
    #[prop_or(true)]
    pub persist: bool,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps { persist: true }
    }
}

/// The `performance.mark` set once the planner has first rendered, results included.
pub const FIRST_RENDER_MARK: &str = "aksnet-first-render";

/// The whole planner page: restores the plan from the link or storage, and keeps both
/// up to date as the user types.
#[component]
pub fn App(props: &AppProps) -> Html {
    let persisting = props.persist;
    let state = use_reducer(move || {
        if !persisting {
            return State::default();
        }
        let start = persist::start();
        let mut s = State::new(start.draft);
        s.notices = start.notices;
        s
    });
    let view = use_memo((), |_| View::current());
    let toolbar_state = use_toolbar_state();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    // Every change of the form goes to the link and to storage.
    {
        let state = state.clone();
        use_effect_with((state.revision, persisting), move |(_, persisting)| {
            if *persisting {
                persist::save(&state.draft);
            }
        });
    }
    // After the first complete render: its mark for the browser benchmark
    // (`performance.mark`), and a listener for a scenario link clicked on the page (or
    // a link typed into the address bar). One effect, one instance of the hook.
    {
        let dispatch = dispatch.clone();
        use_effect_with(persisting, move |persisting| {
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark(FIRST_RENDER_MARK);
            }
            let listener = web_sys::window().filter(|_| *persisting).map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    let start = persist::from_fragment(&persist::fragment());
                    dispatch.emit(Action::Load(start.draft));
                    for n in start.notices {
                        dispatch.emit(Action::Notify(n));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let toggle = on_click(&dispatch, Action::ToggleVariants);
    let derived = use_memo(
        Evaluated(state.plan.clone(), state.report.clone()),
        |Evaluated(plan, report)| match (plan, report) {
            (Some(p), Some(r)) => Some(views(p, r)),
            _ => None,
        },
    );
    let show = |s: Section| view.shows(s);
    // The deployment panel's model until the user picks one: the recommendation.
    let recommended = state
        .report
        .as_ref()
        .and_then(|r| r.ranking.first())
        .map(|top| top.model);
    let deploy_text = use_memo(
        DeployKey(
            state
                .plan
                .clone()
                .filter(|_| show(Section::Deploy) && recommended.is_some()),
            state
                .deploy_model
                .or(recommended)
                .unwrap_or(ModelId::ALL[0]),
            state.deploy_format,
        ),
        |DeployKey(plan, model, format)| match plan {
            Some(p) => AttrValue::from(generate(p, *model, *format)),
            None => AttrValue::default(),
        },
    );
    let results = match (&state.plan, &state.report, &*derived) {
        (Some(plan), Some(report), Some(v)) => html! {
            <>
                <p class="print-only plan-summary">{ plan_summary(plan) }</p>
                if show(Section::Recommendation) { { recommendation(&report.ranking) } }
                if show(Section::Compare) {
                    { comparison_table(&v.comparison, state.show_variants, toggle) }
                }
                if show(Section::Map) { { address_map_panel(&v.maps, state.map_detail.as_deref(), &dispatch) } }
                if show(Section::Growth) { { growth_chart(&v.growth, state.show_variants) } }
                if show(Section::Deploy) {
                    if let Some(top) = recommended {
                        { deploy_output(&state, &deploy_text, top, &dispatch) }
                    }
                }
                if show(Section::Findings) { { findings_list(report) } }
            </>
        },
        _ => html! { <p class="panel">{ "Fix the marked fields to see results." }</p> },
    };
    let has_inputs = show(Section::Form) || show(Section::Toolbar);
    html! {
        <div class={class_names(&[Some("page"), view.embed.then_some("embed"), (!has_inputs).then_some("results-only")])}>
            if !view.embed {
                <header class="masthead">
                    <h1>{ "aksnet" }</h1>
                    <p class="tagline">{ "Plan Azure Kubernetes Service networking before you deploy. Everything runs in your browser." }</p>
                    <a class="skip" href="#results">{ "Skip to results" }</a>
                </header>
            }
            { notices(&state.notices, on_click(&dispatch, Action::DismissNotices)) }
            <main class="layout">
                if has_inputs {
                    <div class="inputs">
                        if show(Section::Toolbar) {
                            { toolbar(&state, &dispatch, &toolbar_state) }
                        }
                        if show(Section::Form) {
                            { plan_form(&state.draft, &state.errors, &dispatch) }
                        }
                    </div>
                }
                <div id="results" class={class_names(&[Some("results"), state.stale.then_some("stale")])} aria-live="polite" aria-busy={state.stale.then_some("true")}>
                    if state.stale {
                        <p class="stale-note" role="status">
                            { format!("{} field{} to fix; the results below are from the last valid plan.",
                                state.errors.len(), if state.errors.len() == 1 { "" } else { "s" }) }
                        </p>
                    }
                    { results }
                </div>
            </main>
            if !view.embed {
                <footer class="footer">
                    <p>{ "aksnet runs entirely in your browser: nothing you type is sent anywhere. Rules and figures cite the Microsoft pages they come from." }</p>
                </footer>
            }
        </div>
    }
}
