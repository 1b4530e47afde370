//! The side-by-side comparison table of the models, as core's `compare` builds it.
use aksnet_core::compare::{Comparison, Status};
use aksnet_core::facts::ModelId;
use yew::prelude::*;

/// The class of a cell with status `s`.
fn cell_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "cell ok",
        Status::Warning => "cell warn",
        Status::Error => "cell bad",
        Status::Neutral => "cell neutral",
    }
}

fn status_icon(s: Status) -> &'static str {
    match s {
        Status::Ok => "✓",
        Status::Warning => "!",
        Status::Error => "✗",
        Status::Neutral => "",
    }
}

/// The comparison table, with the two Pod Subnet variants if `show_variants`, and the
/// button that shows or hides them (`on_toggle`). A plain function, not a component: it
/// has no state, and a component brings its own lifecycle code to the bundle.
pub fn comparison_table(
    comparison: &Comparison,
    show_variants: bool,
    on_toggle: Callback<MouseEvent>,
) -> Html {
    let shown = |m: ModelId| show_variants || m.is_main();
    html! {
        <section class="panel comparison" aria-labelledby="h-compare">
            <div class="section-head">
                <h2 id="h-compare">{ "Models compared" }</h2>
                <button type="button" class="toggle" aria-pressed={show_variants.to_string()} onclick={on_toggle}>
                    { if show_variants { "Hide Pod Subnet variants" } else { "Show Pod Subnet variants" } }
                </button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Models compared, scrollable">
                <table class="compare">
                    <thead>
                        <tr>
                            <th scope="col">{ "" }</th>
                            { for ModelId::ALL.into_iter().filter(|m| shown(*m)).map(|m| html! { <th scope="col">{ m.name() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for comparison.rows.iter().map(|row| html! {
                            <tr>
                                <th scope="row">
                                    if let Some(src) = row.source {
                                        <a href={src.url} target="_blank" rel="noopener noreferrer" title={src.title}>{ row.label }</a>
                                    } else {
                                        { row.label }
                                    }
                                </th>
                                { for row.cells.iter().filter(|c| shown(c.model)).map(|c| html! {
                                    <td class={cell_class(c.status)} data-model={c.model.id()}>
                                        if c.status != Status::Neutral {
                                            <span class="icon" aria-hidden="true">{ status_icon(c.status) }</span>
                                            <span class="visually-hidden">{ format!("{}: ", c.status.word()) }</span>
                                        }
                                        { &c.text }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
