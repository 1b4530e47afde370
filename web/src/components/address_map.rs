//! The address map: each range drawn to scale as a bar of blocks, from core's `layout`.
use aksnet_core::fixed::Fixed;
use aksnet_core::layout::{BlockKind, MapKind, RangeMap};
use yew::prelude::*;

use crate::components::{class_names, on_click};
use crate::state::Action;

/// Bar width in SVG units; blocks narrower than `MIN_WIDTH` are drawn at it. The bars
/// are 36 units high, in a view box with room for the markers around them (the figures
/// are written into the markup as static text).
const WIDTH: f64 = 1000.0;
const MIN_WIDTH: f64 = 3.0;

/// How a kind of block is drawn: its class, its legend swatch's class, and its words in
/// the legend (kinds drawn alike share a swatch).
fn kind_style(k: BlockKind) -> (&'static str, &'static str, &'static str) {
    match k {
        BlockKind::NodeSubnet => ("blk node", "swatch node", "node subnet"),
        BlockKind::PodSubnet => ("blk podsub", "swatch podsub", "pod subnet"),
        BlockKind::OtherSubnet => ("blk othersub", "swatch othersub", "other subnets"),
        BlockKind::Free => ("blk free", "swatch free", "free"),
        BlockKind::Conflict | BlockKind::OutsideVnet => {
            ("blk conflict", "swatch conflict", "conflict (error)")
        }
        BlockKind::NodePodBlocks => (
            "blk podblocks",
            "swatch podblocks",
            "per-node /24 blocks at the peak",
        ),
        BlockKind::Unused => ("blk unused", "swatch unused", "unusable"),
        BlockKind::Service => ("blk service", "swatch service", "service range"),
    }
}

fn map_heading(k: MapKind) -> &'static str {
    match k {
        MapKind::Vnet => "VNet",
        MapKind::OutsideVnet => "Outside the VNet",
        MapKind::PodCidr => "Pod CIDR (kubenet, overlay, Cilium on overlay)",
        MapKind::ServiceCidr => "Service CIDR",
    }
}

/// All ranges of `maps` (as `layout::address_map` returns them), with a line that
/// describes the block under the pointer or the focus: `detail`, kept in the planner's
/// state, which the blocks set through `dispatch`. A plain function, not a component: a
/// component brings its own lifecycle code to the bundle.
pub fn address_map_panel(
    maps: &[RangeMap],
    detail: Option<&str>,
    dispatch: &Callback<Action>,
) -> Html {
    let maps = maps.iter().enumerate().map(|(mi, map)| {
        let blocks = map.blocks.iter().enumerate().map(|(bi, b)| {
            let x = b.offset * WIDTH;
            let w = (b.width * WIDTH).max(MIN_WIDTH);
            let text = b.describe();
            // Pointing sends the action through `on_click`'s closure type (any mouse event
            // will do); focusing through a closure of its own.
            let show = Action::ShowBlock(text.clone());
            let on_focus = {
                let show = show.clone();
                dispatch.reform(move |_: FocusEvent| show.clone())
            };
            html! {
                <rect key={bi} x={Fixed(x, 2).to_string()} y="0" width={Fixed(w, 2).to_string()} height="36"
                    class={kind_style(b.kind).0} tabindex="0" role="img" aria-label={text.clone()}
                    onmouseenter={on_click(dispatch, show)} onfocus={on_focus}>
                    <title>{ text }</title>
                </rect>
            }
        });
        let markers = map.markers.iter().map(|m| {
            let x = m.fraction * WIDTH;
            let text = m.describe();
            html! {
                <g class="marker">
                    <line x1={Fixed(x, 2).to_string()} x2={Fixed(x, 2).to_string()} y1="-4" y2="40" />
                    <title>{ text }</title>
                </g>
            }
        });
        // One legend entry per swatch, in the order the blocks first use it.
        let mut swatches: Vec<&str> = Vec::new();
        let mut legend = Vec::new();
        for b in &map.blocks {
            let (_, swatch, words) = kind_style(b.kind);
            if !swatches.contains(&swatch) {
                swatches.push(swatch);
                legend.push(html! { <li><span class={swatch}></span>{ words }</li> });
            }
        }
        html! {
            <figure class="range-map" key={mi}>
                <figcaption>
                    <span class="map-kind">{ map_heading(map.kind) }</span>{ " " }<code>{ map.range.to_string() }</code>
                    if let Some(note) = &map.note { <span class={class_names(&[Some("map-note"), map.overflow.is_some().then_some("bad")])}>{ format!(" — {note}") }</span> }
                </figcaption>
                <svg viewBox="-2 -6 1004 48" preserveAspectRatio="none" class="bar"
                    aria-label={format!("{}: {} blocks", map.title, map.blocks.len())}>
                    { for blocks }
                    { for markers }
                </svg>
                <ul class="legend">
                    { for legend }
                    if !map.markers.is_empty() { <li><span class="swatch marker-swatch"></span>{ "kubernetes.default and DNS IP" }</li> }
                </ul>
            </figure>
        }
    });
    html! {
        <section class="panel address-map" aria-labelledby="h-map">
            <h2 id="h-map">{ "Address map" }</h2>
            <p class="map-detail" aria-live="polite">
                { detail.unwrap_or("Point at or tab to a block to see its range, size and use.") }
            </p>
            { for maps }
        </section>
    }
}
