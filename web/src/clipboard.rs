//! Copying text for the user, with a notice that says whether it worked.
use yew::Callback;

use crate::state::Action;

/// Copy `text`; then notify `copied`, or `failed` when the browser refuses (no secure
/// context, or no permission), so the user can copy by hand.
pub fn copy(text: &str, dispatch: &Callback<Action>, copied: String, failed: String) {
    let Some(w) = web_sys::window() else { return };
    let promise = w.navigator().clipboard().write_text(text);
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let msg = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => copied,
            Err(_) => failed,
        };
        dispatch.emit(Action::Notify(msg));
    });
}
