//! Notices: what could not be read from a link or storage, and what an action did.
use yew::prelude::*;

/// Props of [`Notices`].
#[derive(Properties, PartialEq, Debug)]
pub struct NoticesProps {
    /// The sentences to show.
    pub notices: Vec<String>,
    /// Clear them.
    pub on_dismiss: Callback<()>,
}

/// A dismissible list of notices; nothing when there are none.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices" role="status">
            <ul>{ for props.notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
            <button type="button" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ "Dismiss" }</button>
        </div>
    }
}
