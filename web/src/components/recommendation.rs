//! The recommendation: the top-ranked model with its reasons, and why others rank lower.
use aksnet_core::fixed::Fixed;
use aksnet_core::score::Ranked;
use yew::prelude::*;

use crate::components::class_names;

fn percent(score: f64) -> String {
    Fixed(score * 100.0, 0).to_string()
}

/// A banner naming the top model of the `ranking` (best first), then the rest of it. A
/// plain function, not a component: it has no state, and a component brings its own
/// lifecycle code to the bundle.
pub fn recommendation(ranking: &[Ranked]) -> Html {
    let Some(top) = ranking.first() else {
        return html! {};
    };
    let usable = top.fits && top.excluded.is_none();
    html! {
        <section class={class_names(&[Some("panel recommendation"), (!usable).then_some("none-fits")])} aria-labelledby="h-rec">
            if usable {
                <h2 id="h-rec">
                    <span class="kicker">{ "Recommended" }</span>
                    { top.model.name() }
                    <span class="score" title="weighted score out of 100">{ format!("score {}", percent(top.score)) }</span>
                </h2>
            } else {
                <h2 id="h-rec">{ "No model fits this plan and meets its requirements" }</h2>
                <p>{ format!("The closest is {}. Fix the errors in the findings below.", top.model.name()) }</p>
            }
            <ul class="reasons">
                { for top.reasons.iter().map(|r| html! { <li>{ r }</li> }) }
            </ul>
            <details class="ranking">
                <summary>{ "Full ranking" }</summary>
                <ol>
                    { for ranking.iter().map(|r| html! {
                        <li>
                            <strong>{ r.model.name() }</strong>
                            { format!(" — score {}", percent(r.score)) }
                            if let Some(ex) = &r.excluded {
                                <span class="excluded">{ format!("; excluded: {ex}") }</span>
                            } else if !r.fits {
                                <span class="excluded">{ "; does not fit this plan" }</span>
                            }
                            // The first reason not already said by the exclusion.
                            if let Some(why) = r.reasons.iter().find(|w| r.excluded.as_ref().is_none_or(|ex| !w.contains(ex.message.as_str()))) {
                                <span class="why">{ format!(". {why}") }</span>
                            }
                        </li>
                    }) }
                </ol>
            </details>
        </section>
    }
}
