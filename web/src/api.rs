//! The JS API: the engine for pages that use aksnet without its UI.
//!
//! ```js
//! import { ready, evaluate, cidrFree, cidrFit } from "./aksnet.js";
//! await ready;
//! const report = evaluate({ version: 1, vnet: ["10.0.0.0/16"], node_subnet: "10.0.0.0/22",
//!                           pools: [{ name: "system", nodes: 3 }] });
//! cidrFree("10.0.0.0/16", ["10.0.0.0/22"]);       // ["10.0.4.0/22", "10.0.8.0/21", ...]
//! cidrFit("10.0.0.0/16", ["10.0.0.0/22"], 1581);  // "10.0.8.0/21"
//! ```
//!
//! Plans and reports have the JSON shapes of the plan format. Errors are thrown as JS
//! `Error`s with the messages the CLI prints.
use aksnet_core::cidr::{self, IpNet};
use aksnet_core::eval::evaluate as evaluate_plan;
use aksnet_core::plan::{Plan, limits};
use wasm_bindgen::prelude::*;

/// A report as a JS object: JSON text from core, parsed by the browser (no second
/// serializer in the bundle).
fn to_js(report: &aksnet_core::eval::Report) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&report.to_json_compact())
        .map_err(|_| JsError::new("the result could not be converted"))
}

fn prefix(s: &str, what: &str) -> Result<IpNet, JsError> {
    cidr::parse_net(s).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

fn prefixes(list: &[String]) -> Result<Vec<IpNet>, JsError> {
    if list.len() > limits::MAX_PREFIXES * 100 {
        return Err(JsError::new(&format!(
            "used: {} prefixes; the limit is {}",
            list.len(),
            limits::MAX_PREFIXES * 100
        )));
    }
    list.iter()
        .enumerate()
        .map(|(i, p)| prefix(p, &format!("used[{i}]")))
        .collect()
}

/// Evaluate a plan (an object, or JSON text) and return the report object.
#[wasm_bindgen]
pub fn evaluate(plan: JsValue) -> Result<JsValue, JsError> {
    // An object goes through the browser's own JSON.stringify, then the same reader as
    // JSON text, with the same bound on its size.
    let text = match plan.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&plan)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                JsError::new("the plan is not a JSON object: JSON.stringify cannot write it")
            })?,
    };
    let plan = Plan::from_json(&text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&evaluate_plan(&plan))
}

/// The free blocks of `within` once `used` is taken out: aligned prefixes, in address order.
#[wasm_bindgen(js_name = cidrFree)]
pub fn cidr_free(within: &str, used: Vec<String>) -> Result<Vec<String>, JsError> {
    let within = prefix(within, "within")?;
    let used = prefixes(&used)?;
    Ok(cidr::free(&within, &used)
        .iter()
        .map(ToString::to_string)
        .collect())
}

/// The smallest prefix holding `addresses` usable addresses, at the first free aligned
/// place in `within`.
#[wasm_bindgen(js_name = cidrFit)]
pub fn cidr_fit(within: &str, used: Vec<String>, addresses: f64) -> Result<String, JsError> {
    if !(addresses >= 1.0 && addresses.fract() == 0.0 && addresses <= 2f64.powi(53)) {
        // The number as JavaScript writes it; the bundle carries no float formatting.
        let shown = js_sys::Number::from(addresses)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        return Err(JsError::new(&format!(
            "addresses: {shown} is not a whole number of 1 or more"
        )));
    }
    let within = prefix(within, "within")?;
    let used = prefixes(&used)?;
    cidr::fit(&within, &used, addresses as u128)
        .map(|n| n.to_string())
        .map_err(|e| JsError::new(&e.to_string()))
}
