//! The root component: page layout around the planner.
use yew::prelude::*;

/// The whole planner page.
#[component]
pub fn App() -> Html {
    html! {
        <main class="app">
            <h1>{ "aksnet" }</h1>
            <p>{ "AKS network planner" }</p>
        </main>
    }
}
