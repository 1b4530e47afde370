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
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("the result could not be converted: {e}")))
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
    let plan = match plan.as_string() {
        Some(text) => Plan::from_json(&text),
        None => {
            let value: serde_json::Value = serde_wasm_bindgen::from_value(plan)
                .map_err(|e| JsError::new(&format!("the plan is not a JSON object: {e}")))?;
            let size = serde_json::to_string(&value)
                .map(|s| s.len())
                .unwrap_or(usize::MAX);
            if size > limits::MAX_PLAN_BYTES {
                return Err(JsError::new(&format!(
                    "the plan is {size} bytes; the limit is {} bytes",
                    limits::MAX_PLAN_BYTES
                )));
            }
            Plan::from_value(&value)
        }
    }
    .map_err(|e| JsError::new(&e.to_string()))?;
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
        return Err(JsError::new(&format!(
            "addresses: {addresses} is not a whole number of 1 or more"
        )));
    }
    let within = prefix(within, "within")?;
    let used = prefixes(&used)?;
    cidr::fit(&within, &used, addresses as u128)
        .map(|n| n.to_string())
        .map_err(|e| JsError::new(&e.to_string()))
}
