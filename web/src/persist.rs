//! Where the plan lives between visits: the URL fragment (shareable) and local storage.
//!
//! The fragment holds the form as `share::encode` writes it, updated with
//! `replaceState` so typing does not flood the history. Local storage keeps the same
//! text, so a reload restores the last plan. Reading never fails: what cannot be read
//! becomes a notice, and the rest of the plan is kept.
use aksnet_core::draft::Draft;
use aksnet_core::json::{self, Writer};
use aksnet_core::scenarios::Scenario;
use aksnet_core::share;

/// Local storage key of the last plan.
pub const STORAGE_KEY: &str = "aksnet.plan";

/// The fragment prefix that names a workshop scenario: `#scenario=<id>`.
pub const SCENARIO_PREFIX: &str = "scenario=";

/// The form to start from, and what could not be read on the way.
#[derive(Debug, PartialEq)]
pub struct Start {
    /// The form.
    pub draft: Draft,
    /// Plain sentences about anything that could not be read.
    pub notices: Vec<String>,
}

/// The fragment without its `#`, as the browser keeps it.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Read a fragment: a scenario link, or an encoded form.
pub fn from_fragment(hash: &str) -> Start {
    if let Some(id) = hash.strip_prefix(SCENARIO_PREFIX) {
        return match Scenario::find(id).map(|s| (s, s.plan())) {
            Some((_, Ok(plan))) => Start {
                draft: Draft::from_plan(&plan),
                notices: Vec::new(),
            },
            Some((s, Err(e))) => Start {
                draft: Draft::default(),
                notices: vec![format!("the scenario {} could not be read: {e}", s.id)],
            },
            None => Start {
                draft: Draft::default(),
                notices: vec![format!(
                    "there is no scenario \"{}\"; the example plan is shown instead",
                    id.chars().take(40).collect::<String>()
                )],
            },
        };
    }
    let (draft, notices) = share::decode(hash);
    Start {
        draft,
        notices: notices
            .into_iter()
            .map(|n| format!("From the link: {n}"))
            .collect(),
    }
}

/// The form to start from: the link if it has one, else the saved plan, else the example.
pub fn start() -> Start {
    let hash = fragment();
    if !hash.is_empty() {
        return from_fragment(&hash);
    }
    match saved() {
        Ok(Some(text)) => {
            let (draft, notices) = share::decode(&text);
            Start {
                draft,
                notices: notices
                    .into_iter()
                    .map(|n| format!("From your saved plan: {n}"))
                    .collect(),
            }
        }
        Ok(None) => Start {
            draft: Draft::default(),
            notices: Vec::new(),
        },
        Err(e) => Start {
            draft: Draft::default(),
            notices: vec![format!(
                "your saved plan could not be read ({e}); the example plan is shown instead"
            )],
        },
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved text: storage keeps it as a JSON string (as gloo's storage wrote it
/// before). `None` when nothing is saved, or storage is switched off.
fn saved() -> Result<Option<String>, String> {
    let Some(item) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) else {
        return Ok(None);
    };
    match json::parse(&item).map_err(|e| e.to_string())? {
        json::Value::String(text) => Ok(Some(text)),
        _ => Err("expected a JSON string".into()),
    }
}

/// Write the form to the fragment (without a new history entry) and to local storage.
/// Storage can be full or switched off; the link still holds the plan then.
pub fn save(draft: &Draft) {
    let text = share::encode(draft);
    if let Some(w) = web_sys::window() {
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{text}")),
            );
        }
    }
    if let Some(storage) = storage() {
        let mut w = Writer::new(false);
        w.str(&text);
        let _ = storage.set_item(STORAGE_KEY, &w.finish());
    }
}
