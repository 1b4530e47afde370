//! The plan's own actions: share link, reset and undo, import and export, scenarios.

use aksnet_core::draft::Draft;
use aksnet_core::plan::{Plan, limits};
use aksnet_core::render;
use aksnet_core::scenarios::Scenario;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{on_click, on_select};
use crate::persist::SCENARIO_PREFIX;
use crate::state::{Action, State};

/// The toolbar's own state, kept by the page that shows it: the paste box. Whether the
/// box is open is in the planner's [`State`], which saves the bundle a state hook of
/// its own.
#[derive(Debug)]
pub struct ToolbarState {
    paste_ref: NodeRef,
}

/// A new [`ToolbarState`].
#[hook]
pub fn use_toolbar_state() -> ToolbarState {
    ToolbarState {
        paste_ref: use_node_ref(),
    }
}

/// Offer `text` as a file download named `name`.
fn download(name: &str, mime: &str, text: &str) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&text.into());
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|doc| doc.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The click has started the download, which holds its own reference to the blob.
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Read a plan from JSON text and load it, or say what is wrong with it.
fn import(dispatch: &Callback<Action>, text: &str) {
    match Plan::from_json(text) {
        Ok(plan) => {
            dispatch.emit(Action::Load(Draft::from_plan(&plan)));
            dispatch.emit(Action::Notify("Imported the plan.".into()));
        }
        Err(e) => dispatch.emit(Action::Notify(format!(
            "The plan could not be imported: {e}"
        ))),
    }
}

/// A button of the toolbar, greyed out when `disabled`.
#[inline(never)]
fn button(text: &'static str, onclick: Callback<MouseEvent>, disabled: bool) -> Html {
    html! { <button type="button" {disabled} {onclick}>{ text }</button> }
}

/// Buttons above the form, for the planner's `state`; actions go to `dispatch`. A plain
/// function with its state in `local`, not a component: a component brings its own
/// lifecycle code to the bundle.
pub fn toolbar(state: &State, dispatch: &Callback<Action>, local: &ToolbarState) -> Html {
    let dispatch = dispatch.clone();
    let ToolbarState { paste_ref } = local;

    let share = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(w) = web_sys::window() else { return };
            let href = w.location().href().unwrap_or_default();
            let failed = format!("Copy this link to share the plan: {href}");
            crate::clipboard::copy(
                &href,
                &dispatch,
                "Copied the link to this plan.".into(),
                failed,
            );
        })
    };
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let size = file.size();
            if size > limits::MAX_PLAN_BYTES as f64 {
                dispatch.emit(Action::Notify(format!(
                    "The file {} is {} bytes; a plan is at most {} bytes.",
                    file.name(),
                    size as u64,
                    limits::MAX_PLAN_BYTES
                )));
                return;
            }
            let dispatch = dispatch.clone();
            let text = wasm_bindgen_futures::JsFuture::from(file.text());
            wasm_bindgen_futures::spawn_local(async move {
                match text.await.ok().and_then(|t| t.as_string()) {
                    Some(text) => import(&dispatch, &text),
                    None => dispatch.emit(Action::Notify(format!(
                        "The file {} could not be read.",
                        file.name()
                    ))),
                }
            });
        })
    };
    let load_paste = {
        let dispatch = dispatch.clone();
        let paste_ref = paste_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = paste_ref.cast::<web_sys::HtmlTextAreaElement>() {
                import(&dispatch, &area.value());
                dispatch.emit(Action::SetPasting(false));
            }
        })
    };
    let toggle_paste = on_click(&dispatch, Action::SetPasting(!state.pasting));
    let export_plan = {
        let plan = state.plan.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = &plan {
                download("aksnet-plan.json", "application/json", &p.to_json());
            }
        })
    };
    let export_report = |markdown: bool| {
        let report = state.report.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = &report {
                if markdown {
                    download("aksnet-report.md", "text/markdown", &render::markdown(r));
                } else {
                    download("aksnet-report.csv", "text/csv", &render::csv(r));
                }
            }
        })
    };
    let on_scenario = on_select(
        &dispatch,
        0,
        |_, id| match Scenario::find(id).map(|s| s.plan()) {
            Some(Ok(plan)) => Some(Action::Load(Draft::from_plan(&plan))),
            Some(Err(e)) => Some(Action::Notify(format!(
                "The scenario could not be read: {e}"
            ))),
            None => None,
        },
        true,
    );
    let stale_title = state
        .stale
        .then_some("fix the marked fields first: this exports the last valid plan");
    html! {
        <nav class="toolbar panel" aria-label="Plan actions">
            <div class="toolbar-row">
                { button("Share link", share, false) }
                { button("Reset", on_click(&dispatch, Action::Reset), false) }
                { button("Undo reset", on_click(&dispatch, Action::UndoReset), state.undo.is_none()) }
            </div>
            <div class="field">
                <label for="scenario">{ "Workshop scenarios" }</label>
                <select id="scenario" onchange={on_scenario}>
                    <option value="" selected=true>{ "Open a scenario…" }</option>
                    { for Scenario::ALL.iter().map(|s| html! { <option value={s.id} title={s.teaches}>{ s.title }</option> }) }
                </select>
            </div>
            <details class="scenario-links">
                <summary>{ "Scenario links and what they teach" }</summary>
                <ul>
                    { for Scenario::ALL.iter().map(|s| html! {
                        <li><a href={format!("#{SCENARIO_PREFIX}{}", s.id)}>{ s.title }</a>{ ": " }{ s.teaches }</li>
                    }) }
                </ul>
            </details>
            <div class="toolbar-row">
                <label class="file-button">
                    { "Import plan file" }
                    <input type="file" accept=".json,application/json" onchange={on_file} class="visually-hidden" />
                </label>
                <button type="button" aria-expanded={state.pasting.to_string()} onclick={toggle_paste}>{ "Paste plan JSON" }</button>
                <button type="button" disabled={state.plan.is_none()} title={stale_title} onclick={export_plan}>{ "Export plan JSON" }</button>
            </div>
            if state.pasting {
                <div class="field">
                    <label for="paste-plan">{ "Plan JSON" }</label>
                    <textarea id="paste-plan" ref={paste_ref.clone()} rows="6" spellcheck="false" maxlength={limits::MAX_PLAN_BYTES.to_string()} />
                    { button("Load pasted plan", load_paste, false) }
                </div>
            }
            <div class="toolbar-row">
                <span class="toolbar-label">{ "Report:" }</span>
                { button("Markdown", export_report(true), state.report.is_none()) }
                { button("CSV", export_report(false), state.report.is_none()) }
            </div>
        </nav>
    }
}
