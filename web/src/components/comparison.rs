//! The side-by-side comparison table of the models, as core's `compare` builds it.
use aksnet_core::compare::{Comparison, Status};
use aksnet_core::facts::ModelId;
use yew::prelude::*;

/// Props of [`ComparisonTable`].
#[derive(Properties, PartialEq, Debug)]
pub struct ComparisonProps {
    /// The comparison to show.
    pub comparison: Comparison,
    /// Whether the two Pod Subnet variants are shown.
    pub show_variants: bool,
    /// Show or hide them.
    pub on_toggle: Callback<()>,
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Warning => "warn",
        Status::Error => "bad",
        Status::Neutral => "neutral",
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

/// The comparison table.
#[component]
pub fn ComparisonTable(props: &ComparisonProps) -> Html {
    let shown: Vec<ModelId> = ModelId::ALL
        .into_iter()
        .filter(|m| props.show_variants || m.is_main())
        .collect();
    let toggle = props.on_toggle.reform(|_: MouseEvent| ());
    html! {
        <section class="panel comparison" aria-labelledby="h-compare">
            <div class="section-head">
                <h2 id="h-compare">{ "Models compared" }</h2>
                <button type="button" class="toggle" aria-pressed={props.show_variants.to_string()} onclick={toggle}>
                    { if props.show_variants { "Hide Pod Subnet variants" } else { "Show Pod Subnet variants" } }
                </button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Models compared, scrollable">
                <table class="compare">
                    <thead>
                        <tr>
                            <th scope="col">{ "" }</th>
                            { for shown.iter().map(|m| html! { <th scope="col">{ m.name() }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.comparison.rows.iter().map(|row| html! {
                            <tr>
                                <th scope="row">
                                    if let Some(src) = row.source {
                                        <a href={src.url} target="_blank" rel="noopener noreferrer" title={src.title}>{ row.label }</a>
                                    } else {
                                        { row.label }
                                    }
                                </th>
                                { for shown.iter().filter_map(|m| row.cell(*m)).map(|c| html! {
                                    <td class={format!("cell {}", status_class(c.status))} data-model={c.model.id()}>
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
