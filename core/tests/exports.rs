//! Golden files of every export format but the deployment output (`deploy.rs`): the
//! report as JSON, Markdown, CSV and the terminal table, the plan as JSON, and the plan
//! as link text, for a few plans.
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test -p aksnet-core --test exports   # rewrite the files
//! ```

mod common;

use aksnet_core::draft::Draft;
use aksnet_core::eval::evaluate;
use aksnet_core::plan::Plan;
use aksnet_core::render;
use aksnet_core::scenarios::Scenario;
use aksnet_core::share;

fn outputs(name: &str, plan: &Plan) -> Vec<(String, String)> {
    let report = evaluate(plan);
    vec![
        (format!("{name}.report.json"), report.to_json() + "\n"),
        (format!("{name}.report.md"), render::markdown(&report)),
        (format!("{name}.report.csv"), render::csv(&report)),
        (format!("{name}.report.txt"), render::text(&report)),
        (format!("{name}.plan.json"), plan.to_json() + "\n"),
        (
            format!("{name}.link.txt"),
            share::encode(&Draft::from_plan(plan)) + "\n",
        ),
    ]
}

#[test]
fn exports_of_the_example_plan() {
    common::check("exports", "exports", &outputs("example", &Plan::default()));
}

#[test]
fn exports_of_the_scenarios() {
    let mut all = Vec::new();
    for s in Scenario::ALL {
        all.extend(outputs(s.id, &s.plan().expect("scenario plan")));
    }
    common::check("exports", "exports", &all);
}

#[test]
fn exported_plans_and_links_read_back() {
    for s in Scenario::ALL {
        let plan = s.plan().expect("plan");
        assert_eq!(
            Plan::from_json(&plan.to_json()),
            Ok(plan.clone()),
            "{}",
            s.id
        );
        let (draft, notices) = share::decode(&share::encode(&Draft::from_plan(&plan)));
        assert!(notices.is_empty(), "{}: {notices:?}", s.id);
        assert_eq!(draft.parse(), Ok(plan), "{}", s.id);
    }
}
