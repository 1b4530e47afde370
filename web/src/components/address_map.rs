//! The address map: each range drawn to scale as a bar of blocks, from core's `layout`.
use aksnet_core::fixed::Fixed;
use aksnet_core::layout::{BlockKind, MapKind, RangeMap};
use yew::prelude::*;

use crate::components::class_names;

/// Props of [`AddressMap`].
#[derive(Properties, PartialEq, Debug)]
pub struct AddressMapProps {
    /// The maps, as `layout::address_map` returns them.
    pub maps: Vec<RangeMap>,
}

/// Bar width in SVG units; blocks narrower than `MIN_WIDTH` are drawn at it. The bars
/// are 36 units high, in a view box with room for the markers around them (the figures
/// are written into the markup as static text).
const WIDTH: f64 = 1000.0;
const MIN_WIDTH: f64 = 3.0;

fn kind_class(k: BlockKind) -> &'static str {
    match k {
        BlockKind::NodeSubnet => "node",
        BlockKind::PodSubnet => "podsub",
        BlockKind::OtherSubnet => "othersub",
        BlockKind::Free => "free",
        BlockKind::Conflict | BlockKind::OutsideVnet => "conflict",
        BlockKind::NodePodBlocks => "podblocks",
        BlockKind::Unused => "unused",
        BlockKind::Service => "service",
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

/// All ranges, with a line that describes the block under the pointer or the focus.
#[component]
pub fn AddressMap(props: &AddressMapProps) -> Html {
    let detail = use_state(|| None::<String>);
    let maps = props.maps.iter().enumerate().map(|(mi, map)| {
        let blocks = map.blocks.iter().enumerate().map(|(bi, b)| {
            let x = b.offset * WIDTH;
            let w = (b.width * WIDTH).max(MIN_WIDTH);
            let text = b.describe();
            let show = {
                let detail = detail.clone();
                let text = text.clone();
                Callback::from(move |_| detail.set(Some(text.clone())))
            };
            html! {
                <rect key={bi} x={Fixed(x, 2).to_string()} y="0" width={Fixed(w, 2).to_string()} height="36"
                    class={format!("blk {}", kind_class(b.kind))} tabindex="0" role="img" aria-label={text.clone()}
                    onmouseenter={show.reform(|_: MouseEvent| ())} onfocus={show.reform(|_: FocusEvent| ())}>
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
        let legend: Vec<&str> = {
            let mut seen: Vec<&str> = Vec::new();
            for b in &map.blocks {
                let l = kind_class(b.kind);
                if !seen.contains(&l) {
                    seen.push(l);
                }
            }
            seen
        };
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
                    { for legend.into_iter().map(|l| html! { <li><span class={format!("swatch {l}")}></span>{ legend_words(l) }</li> }) }
                    if !map.markers.is_empty() { <li><span class="swatch marker-swatch"></span>{ "kubernetes.default and DNS IP" }</li> }
                </ul>
            </figure>
        }
    });
    html! {
        <section class="panel address-map" aria-labelledby="h-map">
            <h2 id="h-map">{ "Address map" }</h2>
            <p class="map-detail" aria-live="polite">
                { (*detail).clone().unwrap_or_else(|| "Point at or tab to a block to see its range, size and use.".into()) }
            </p>
            { for maps }
        </section>
    }
}

fn legend_words(class: &str) -> &'static str {
    match class {
        "node" => "node subnet",
        "podsub" => "pod subnet",
        "othersub" => "other subnets",
        "free" => "free",
        "conflict" => "conflict (error)",
        "podblocks" => "per-node /24 blocks at the peak",
        "unused" => "unusable",
        "service" => "service range",
        _ => "",
    }
}
