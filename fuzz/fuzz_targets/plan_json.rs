//! Fuzz target: any bytes as a plan, then everything the planner does with a plan.
#![no_main]
use aksnet_core::{compare, deploy, draft::Draft, eval, facts::ModelId, layout, plan::Plan, render, share};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(plan) = Plan::from_json(text) else { return };
    let report = eval::evaluate(&plan);
    let _ = render::text(&report);
    let _ = render::markdown(&report);
    let _ = render::csv(&report);
    let _ = report.to_json();
    let _ = compare::comparison(&plan, &report);
    for map in layout::address_map(&plan, &report) {
        assert_eq!(map.tiling_error(), None, "{}", map.title);
    }
    let _ = layout::growth(&plan, &report);
    for m in ModelId::ALL {
        for f in deploy::Format::ALL {
            let _ = deploy::generate(&plan, m, f);
        }
    }
    // What the planner writes, it reads back unchanged.
    assert_eq!(Plan::from_json(&plan.to_json()).as_ref(), Ok(&plan));
    let (draft, notices) = share::decode(&share::encode(&Draft::from_plan(&plan)));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(draft.parse().as_ref(), Ok(&plan));
});
