//! The planner's views, one per file, all plain functions returning `Html` rather than
//! components, since each component adds its own lifecycle code to the bundle. What a
//! view keeps between renders lives with the App: in the planner's `State` (the paste
//! box, the address map's described block, the deployment panel's model and format) or
//! in a hook the App calls (`toolbar::use_toolbar_state`).
pub mod address_map;
pub mod comparison;
pub mod deploy;
pub mod findings;
pub mod growth_chart;
pub mod notices;
pub mod plan_form;
pub mod recommendation;
pub mod text_field;
pub mod toolbar;

use yew::{Callback, Event, MouseEvent, TargetCast};

use crate::state::Action;

/// A click handler that sends `action`: every such button shares this one closure type
/// (each `reform` with a closure of its own adds an instance to the bundle).
pub(crate) fn on_click(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    dispatch.reform(move |_: MouseEvent| action.clone())
}

/// The `onchange` of a select: `choose` turns row `i`'s chosen value into the action to
/// send, if any. With `clear`, the select goes back to its empty first option (a menu
/// of one-off actions, like the presets and the scenarios). One closure type for every
/// select.
#[inline(never)]
pub(crate) fn on_select(
    dispatch: &Callback<Action>,
    i: usize,
    choose: fn(usize, &str) -> Option<Action>,
    clear: bool,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Some(action) = choose(i, &select.value()) {
            dispatch.emit(action);
        }
        if clear {
            select.set_value("");
        }
    })
}

/// The `class` attribute from its parts, leaving out the `None`s: a plain string, so
/// the bundle carries no `Classes` set (yew's `classes!` builds one per element).
pub(crate) fn class_names(parts: &[Option<&str>]) -> String {
    let mut out = String::new();
    for part in parts.iter().flatten() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}
