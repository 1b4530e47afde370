//! The growth chart: for each model, addresses needed against nodes, with each range's
//! capacity as a horizontal line. Numbers come from core's `layout::growth`.
use aksnet_core::cidr::group_thousands as n;
use aksnet_core::fixed::Fixed;
use aksnet_core::layout::{Growth, RangeKind, nice_ticks};
use yew::prelude::*;

const W: f64 = 320.0;
const H: f64 = 170.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;

// Fixed positions as attribute text, `px` of the constants above: written out, they
// are static strings rather than text built at every render.
/// `px(LEFT)`: where the plot starts.
const LEFT_PX: &str = "58.0";
/// `px(W - RIGHT)`: where it ends.
const RIGHT_PX: &str = "310.0";
/// `px(TOP)`: its top.
const TOP_PX: &str = "10.0";
/// `px(H - BOTTOM)`: its bottom.
const BOTTOM_PX: &str = "142.0";

/// An SVG coordinate, to a tenth of a pixel.
fn px(v: f64) -> String {
    Fixed(v, 1).to_string()
}

/// Axis numbers short enough for a small chart: 1,019 / 65.5k / 1.05M.
fn short(v: u64) -> String {
    match v {
        0..=9_999 => n(v.into()),
        10_000..=999_999 => format!("{}k", Fixed(v as f64 / 1e3, 1)).replace(".0k", "k"),
        _ => format!("{}M", Fixed(v as f64 / 1e6, 2)),
    }
}

/// One small chart per model of `g`: the main models, and the Pod Subnet variants if
/// `show_variants`. A plain function, not a component: it has no state, and a component
/// brings its own lifecycle code to the bundle.
pub fn growth_chart(g: &Growth, show_variants: bool) -> Html {
    let x_max = g.max_nodes_axis.max(1) as f64;
    let charts = g.models.iter().filter(|m| show_variants || m.model.is_main()).map(|m| {
        // Scale to what is needed; a capacity far above it is named, not drawn, so the
        // lines stay readable.
        let needed_top = m.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)).max().unwrap_or(1).max(1);
        let on_chart = |cap: u64| cap <= needed_top.saturating_mul(3);
        let y_top = m.lines.iter().map(|l| l.capacity).filter(|c| on_chart(*c)).fold(needed_top, u64::max);
        let mut y_ticks = nice_ticks(y_top + y_top / 10, 4);
        // The ticks stop at or below their max: add steps until the top is covered.
        let step = match y_ticks[..] {
            [a, b, ..] => b - a,
            _ => y_top.max(1),
        };
        while y_ticks.last().is_none_or(|t| *t < y_top) {
            y_ticks.push(y_ticks.last().map_or(0, |t| t + step));
        }
        let y_max = y_ticks.last().copied().unwrap_or(y_top).max(1) as f64;
        let x = |v: f64| LEFT + v / x_max * (W - LEFT - RIGHT);
        let y = |v: f64| H - BOTTOM - v / y_max * (H - TOP - BOTTOM);
        let x_ticks = nice_ticks(g.max_nodes_axis, 4);
        let summary: Vec<String> = m
            .lines
            .iter()
            .map(|l| match l.runs_out_at {
                Some(at) => format!("{} runs out at {} nodes", l.label, n(at.into())),
                None => format!("{} lasts past {} nodes", l.label, n(g.max_nodes_axis.into())),
            })
            .collect();
        html! {
            <figure class="growth" key={m.model.id()}>
                <figcaption>{ m.model.name() }</figcaption>
                <svg viewBox="0 0 320 170" role="img" aria-label={format!("{}: {}", m.model.name(), summary.join("; "))}>
                    { for y_ticks.iter().map(|t| html! {
                        <g class="tick">
                            <line x1={LEFT_PX} x2={RIGHT_PX} y1={px(y(*t as f64))} y2={px(y(*t as f64))} />
                            <text x="54.0" y={px(y(*t as f64) + 3.5)} text-anchor="end">{ short(*t) }</text>
                        </g>
                    }) }
                    { for x_ticks.iter().map(|t| html! {
                        <text class="xtick" x={px(x(*t as f64))} y="156.0" text-anchor="middle">{ short(*t) }</text>
                    }) }
                    <text class="axis-label" x="184.0" y="168.0" text-anchor="middle">{ "nodes" }</text>
                    <line class="peak" x1={px(x(g.planned_peak as f64))} x2={px(x(g.planned_peak as f64))}
                        y1={TOP_PX} y2={BOTTOM_PX}>
                        <title>{ format!("planned peak: {} nodes", n(g.planned_peak.into())) }</title>
                    </line>
                    { for m.lines.iter().map(|l| {
                        let node = l.range == RangeKind::NodeSubnet;
                        let pts: Vec<String> = l.points.iter().map(|(a, b)| format!("{},{}", Fixed(x(*a as f64), 1), Fixed(y(*b as f64), 1))).collect();
                        html! {
                            <g class={if node { "series node" } else { "series pod" }}>
                                if on_chart(l.capacity) {
                                    <line class="capacity" x1={LEFT_PX} x2={RIGHT_PX}
                                        y1={px(y(l.capacity as f64))} y2={px(y(l.capacity as f64))}>
                                        <title>{ format!("{} capacity: {} addresses", l.label, n(l.capacity.into())) }</title>
                                    </line>
                                } else {
                                    <text class="off-chart" x={RIGHT_PX} y={if node { "18.0" } else { "30.0" }} text-anchor="end">
                                        { format!("▲ {} capacity {}", if node { "node subnet" } else { "pod range" }, short(l.capacity)) }
                                    </text>
                                }
                                <polyline class="needed" points={pts.join(" ")}>
                                    <title>{ format!("{}: addresses needed", l.label) }</title>
                                </polyline>
                                if let Some(at) = l.runs_out_at {
                                    <circle class="runs-out" cx={px(x(at as f64))} cy={px(y(l.capacity as f64))} r="4">
                                        <title>{ format!("{} runs out at {} nodes", l.label, n(at.into())) }</title>
                                    </circle>
                                }
                            </g>
                        }
                    }) }
                </svg>
                <ul class="growth-notes">
                    { for summary.iter().map(|s| html! { <li>{ s }</li> }) }
                </ul>
            </figure>
        }
    });
    html! {
        <section class="panel growth-chart" aria-labelledby="h-growth">
            <h2 id="h-growth">{ "Growth" }</h2>
            <p class="hint">{ format!(
                "Addresses needed from 0 to {} nodes; dashed lines are each range's capacity, the vertical line the planned peak ({} nodes). Blue: node subnet; green: pod range.",
                n(g.max_nodes_axis.into()), n(g.planned_peak.into())) }</p>
            <div class="growth-grid">{ for charts }</div>
        </section>
    }
}
