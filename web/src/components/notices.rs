//! Notices: what could not be read from a link or storage, and what an action did.
use yew::prelude::*;

/// A dismissible list of `notices`; nothing when there are none. A plain function, not a
/// component: it has no state, and a component brings its own lifecycle code.
pub fn notices(notices: &[String], on_dismiss: Callback<MouseEvent>) -> Html {
    if notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices" role="status">
            <ul>{ for notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            <button type="button" onclick={on_dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
