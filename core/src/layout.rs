//! Layout: the numbers behind the address map and the growth chart, so the view only maps them to pixels.
//!
//! The browser draws two pictures of a plan and computes neither: this module does.
//!
//! | Item | What it holds |
//! |---|---|
//! | [`address_map`], [`RangeMap`], [`MapKind`] | one bar per range: the VNet prefixes, subnets outside the VNet, the pod CIDR and the service CIDR |
//! | [`Block`], [`BlockKind`] | a stretch of a bar, to scale: its addresses, the prefixes it is made of, and [`Block::describe`] for its tooltip |
//! | [`Marker`], [`Overflow`] | a point on a bar (kubernetes.default, the DNS service IP); peak nodes a pod CIDR cannot hold |
//! | [`growth`], [`Growth`], [`ModelGrowth`], [`Line`], [`RangeKind`] | addresses needed against nodes for every model, each range's capacity, and where it runs out |
//! | [`nice_ticks`] | axis ticks in steps of 1, 2 or 5 times a power of ten |
//!
//! Invariants the view may rely on:
//!
//! - The blocks of every [`RangeMap`] tile its range exactly: in address order, each
//!   starting right after the one before, the first at the range's first address, the
//!   last at its last. Their `offset` and `width` are fractions of the range (0 to 1) that
//!   sum to 1, computed in `u128` and converted to `f64` only at the end, so IPv6 is
//!   exact up to `f64` rounding. Blocks too narrow to see are still there: the view gives
//!   them a minimum width.
//! - Subnets that overlap each other, stick out of the VNet or overlap an avoided range
//!   never break the tiling: each map is clipped to its range, and where two things claim
//!   the same addresses the map shows one [`BlockKind::Conflict`] block.
//! - A subnet that is not inside one VNet prefix (an error: `SubnetOutsideVnet`) gets a
//!   map of its own, of kind [`MapKind::OutsideVnet`], whose range is the subnet itself;
//!   its parts outside every VNet prefix are [`BlockKind::OutsideVnet`] blocks.
//! - Figures come from the [`Report`]: the per-node costs, capacities and the size of a
//!   pod CIDR's per-node block are [`ModelReport`]'s, never derived again here.
//!
//! ```
//! use aksnet_core::eval::evaluate;
//! use aksnet_core::facts::ModelId;
//! use aksnet_core::layout::{BlockKind, MapKind, address_map, growth};
//! use aksnet_core::plan::Plan;
//!
//! let plan = Plan::default(); // VNet 10.0.0.0/16, nodes 10.0.0.0/22, pods 10.0.64.0/18
//! let report = evaluate(&plan);
//!
//! let maps = address_map(&plan, &report);
//! let vnet = &maps[0];
//! assert_eq!((vnet.kind, vnet.title.as_str()), (MapKind::Vnet, "VNet 10.0.0.0/16"));
//! let kinds: Vec<BlockKind> = vnet.blocks.iter().map(|b| b.kind).collect();
//! use BlockKind::*;
//! assert_eq!(kinds, [NodeSubnet, Free, PodSubnet, Free]);
//! assert_eq!(vnet.blocks[0].describe(), "node subnet 10.0.0.0/22: 1,024 addresses, 1,019 usable");
//! assert_eq!(
//!     vnet.blocks[1].describe(),
//!     "free: 10.0.4.0/22, 10.0.8.0/21, 10.0.16.0/20, 10.0.32.0/19 (15,360 addresses)"
//! );
//! assert_eq!(vnet.blocks[2].offset, 0.25); // 10.0.64.0 is a quarter into the /16
//! assert_eq!(vnet.tiling_error(), None);
//!
//! // The pod CIDR: one /24 for each of the 4 nodes at the peak (3 plus 1 surge).
//! let pods = maps.iter().find(|m| m.kind == MapKind::PodCidr).unwrap();
//! assert_eq!(pods.blocks[3].describe(), "node 4 pods 10.244.3.0/24: 256 addresses");
//!
//! // Growth: Azure CNI takes 1 + 30 addresses a node from the /22 node subnet.
//! let chart = growth(&plan, &report);
//! assert_eq!((chart.planned_peak, chart.max_nodes_axis), (4, 10));
//! let cni = chart.models.iter().find(|m| m.model == ModelId::AzureCni).unwrap();
//! assert_eq!(cni.lines[0].points, [(0, 0), (10, 310)]);
//! assert_eq!(cni.lines[0].runs_out_at, None); // at 33 nodes: beyond the axis
//! ```

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::cidr::{self, IpAddr, IpNet, Ipv4Addr, Ipv6Addr, Nest, bounds, group_thousands as n};
use crate::eval::{ModelReport, Report, few};
use crate::facts::{Ipam, ModelId};
use crate::json::{ToJson, Writer};
use crate::plan::{Plan, SubnetRole};
use crate::score::join_words;

/// Up to this many nodes at the peak, the pod CIDR map draws each node's block; above
/// it, one block for all of them (thousands of rectangles are too heavy to draw).
pub const MAX_NODE_BLOCKS: u64 = 64;

/// The growth chart's node axis is at least this long.
pub const MIN_NODES_AXIS: u64 = 10;

/// How many prefixes [`Block::describe`] lists for a free block before "and N more".
const DESCRIBED_PREFIXES: usize = 4;

// ---- types --------------------------------------------------------------------------

/// What a [`RangeMap`] shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKind {
    /// One VNet prefix and what lies in it.
    Vnet,
    /// A subnet that is not inside one VNet prefix, drawn on its own; an error.
    OutsideVnet,
    /// The private pod CIDR of kubenet, overlay and Cilium on overlay.
    PodCidr,
    /// The Kubernetes service range.
    ServiceCidr,
}

/// What a stretch of addresses is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The node subnet (or the part of it inside this map's range).
    NodeSubnet,
    /// The pod subnet (or the part of it inside this map's range).
    PodSubnet,
    /// Another subnet of the VNet (API server, firewall, bastion, gateway, ...).
    OtherSubnet,
    /// Nothing uses it.
    Free,
    /// Claimed twice: two subnets overlap, or a subnet or the VNet overlaps an avoided
    /// range. An error.
    Conflict,
    /// Part of a subnet that lies outside every VNet prefix. An error.
    OutsideVnet,
    /// Pod CIDR blocks of nodes at the peak: one node's, or the first N nodes' together.
    NodePodBlocks,
    /// Addresses of a pod CIDR no node can use: the range is smaller than one node's
    /// block, or it is IPv6, for which the planner computes no per-node blocks.
    Unused,
    /// The service range.
    Service,
}

impl BlockKind {
    /// Whether the block is an error the view should mark as one.
    pub const fn is_error(self) -> bool {
        matches!(self, BlockKind::Conflict | BlockKind::OutsideVnet)
    }
}

/// A stretch of a [`RangeMap`], to scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// First address.
    pub start: IpAddr,
    /// Last address (inclusive).
    pub end: IpAddr,
    /// What it is used for.
    pub kind: BlockKind,
    /// A short name for the bar: "node subnet", "free", "conflict", "node 3 pods",
    /// "300 nodes × /24".
    pub label: String,
    /// How many addresses it holds. Saturates at `u128::MAX` for the whole of `::/0`,
    /// like [`cidr::count`].
    pub addresses: u128,
    /// Addresses left once Azure takes its 5, when the block is a whole subnet.
    pub usable: Option<u128>,
    /// The aligned prefixes the block is made of, in address order.
    pub prefixes: Vec<IpNet>,
    /// Where it starts, as a fraction of the range: 0 to 1.
    pub offset: f64,
    /// How wide it is, as a fraction of the range: more than 0, at most 1.
    pub width: f64,
    /// More about it for the tooltip: what a conflict is made of, or whose part it is.
    pub note: Option<String>,
}

impl Block {
    /// The block's addresses as text: its prefix, or "first to last" when it is made of
    /// several.
    pub fn span(&self) -> String {
        match self.prefixes.as_slice() {
            [one] => one.to_string(),
            _ => format!("{} to {}", self.start, self.end),
        }
    }

    /// The tooltip text, numbers with thousands separators:
    /// "node subnet 10.0.0.0/22: 1,024 addresses, 1,019 usable", or
    /// "free: 10.0.4.0/22, 10.0.8.0/21 (3,072 addresses)".
    pub fn describe(&self) -> String {
        let count = addresses(self.addresses);
        if self.kind == BlockKind::Free {
            let mut text = String::from("free: ");
            for (i, p) in self.prefixes.iter().take(DESCRIBED_PREFIXES).enumerate() {
                if i > 0 {
                    text.push_str(", ");
                }
                let _ = write!(text, "{p}");
            }
            let more = self.prefixes.len().saturating_sub(DESCRIBED_PREFIXES);
            if more > 0 {
                let _ = write!(text, " and {more} more");
            }
            let _ = write!(text, " ({count})");
            return text;
        }
        let mut text = format!("{} {}: {count}", self.label, self.span());
        if let Some(usable) = self.usable {
            let _ = write!(text, ", {} usable", n(usable));
        }
        if let Some(note) = &self.note {
            text.push_str("; ");
            text.push_str(note);
        }
        text
    }
}

/// A point on a [`RangeMap`]: one address with a name.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The address.
    pub addr: IpAddr,
    /// What it is: "kubernetes.default", "DNS service IP".
    pub label: String,
    /// Where the address starts, as a fraction of the range: 0 to 1.
    pub fraction: f64,
}

impl Marker {
    /// The tooltip text: "DNS service IP 10.0.0.10".
    pub fn describe(&self) -> String {
        format!("{} {}", self.label, self.addr)
    }
}

/// Nodes at the peak that a pod CIDR has no block for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// Nodes at the peak without a block: `needed - capacity`.
    pub nodes: u64,
    /// Per-node blocks the peak needs: one per node.
    pub needed: u64,
    /// Per-node blocks the range holds.
    pub capacity: u64,
}

/// One range drawn as a bar: its blocks in address order, to scale, and its markers.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeMap {
    /// The heading: "VNet 10.0.0.0/16", "pod CIDR 10.244.0.0/16".
    pub title: String,
    /// What the map shows.
    pub kind: MapKind,
    /// The range the bar stands for.
    pub range: IpNet,
    /// Blocks that tile `range` exactly, in address order.
    pub blocks: Vec<Block>,
    /// Points of interest, in address order.
    pub markers: Vec<Marker>,
    /// For the pod CIDR: peak nodes it has no block for.
    pub overflow: Option<Overflow>,
    /// What the view should say under the bar, if anything.
    pub note: Option<String>,
}

impl RangeMap {
    /// Why the blocks do not tile the range exactly, or `None` when they do: contiguous
    /// blocks from the range's first address to its last, each made of its prefixes,
    /// address counts adding up to the range's size, offsets and widths adding up to 1.
    /// [`address_map`] always returns maps that tile; this is for tests of the maps.
    pub fn tiling_error(&self) -> Option<String> {
        const EPSILON: f64 = 1e-9;
        let (lo, hi) = bounds(&self.range);
        let mut next = Some(lo);
        let mut total: u128 = 0;
        let mut fraction = 0.0;
        for (i, b) in self.blocks.iter().enumerate() {
            let at = |what: &str| Some(format!("block {i} ({}): {what}", b.describe()));
            let (first, last) = (value(b.start), value(b.end));
            if b.start.is_ipv4() != self.range.addr().is_ipv4() {
                return at("of the other family");
            }
            if next != Some(first) {
                return at("does not start right after the block before");
            }
            if last < first || last > hi {
                return at("ends before it starts, or past the range");
            }
            if b.addresses != (last - first).saturating_add(1) {
                return at("address count differs from its span");
            }
            let mut cursor = Some(first);
            for p in &b.prefixes {
                let (a, z) = bounds(p);
                if cursor != Some(a) || z > last {
                    return at("its prefixes do not tile it");
                }
                cursor = z.checked_add(1);
            }
            if cursor != last.checked_add(1) {
                return at("its prefixes do not cover it");
            }
            if !(b.width > 0.0 && b.width <= 1.0 + EPSILON) {
                return at("width out of range");
            }
            if (b.offset - fraction).abs() > EPSILON {
                return at("offset differs from the widths before it");
            }
            fraction += b.width;
            total = total.saturating_add(b.addresses);
            next = last.checked_add(1);
        }
        if self.blocks.is_empty() || next != hi.checked_add(1) {
            return Some(format!("the blocks do not reach the end of {}", self.range));
        }
        if total != cidr::count(&self.range) && !(hi == u128::MAX && lo == 0) {
            return Some(format!(
                "the blocks hold {} addresses, {} holds {}",
                n(total),
                self.range,
                n(cidr::count(&self.range))
            ));
        }
        if (fraction - 1.0).abs() > EPSILON {
            return Some(format!("the widths add up to {fraction}, not 1"));
        }
        None
    }
}

/// Which range a growth [`Line`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeKind {
    /// The node subnet.
    NodeSubnet,
    /// Where the model's pods get addresses apart from the node subnet: the pod CIDR or
    /// the pod subnet.
    PodRange,
}

/// One range of one model on the growth chart: addresses needed against nodes, a
/// straight line, and the range's capacity, a horizontal one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Which range.
    pub range: RangeKind,
    /// The range by name: "node subnet 10.0.0.0/22", "pod CIDR 10.244.0.0/16".
    pub label: String,
    /// Addresses the range holds (usable ones, for a subnet), as in the report.
    pub capacity: u64,
    /// (nodes, addresses needed) at 0 nodes, at `runs_out_at` when it is inside the
    /// axis, and at the end of the axis; in node order. The line is straight between them.
    pub points: Vec<(u64, u64)>,
    /// The fewest nodes that need more than `capacity`, when that is on the axis.
    pub runs_out_at: Option<u64>,
}

/// One model's lines on the growth chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelGrowth {
    /// The model.
    pub model: ModelId,
    /// The model's node limit per cluster, from the facts table: a vertical line, if
    /// the view wants one.
    pub node_limit: u64,
    /// The node subnet line, then the pod range line where the model's pods do not
    /// take node subnet addresses.
    pub lines: Vec<Line>,
}

/// The data of the growth chart: addresses needed against nodes, for every model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Growth {
    /// The end of the node axis: 1.5 times the planned peak, rounded up, and at least
    /// [`MIN_NODES_AXIS`].
    pub max_nodes_axis: u64,
    /// Nodes at the peak: every pool's max count plus surge.
    pub planned_peak: u64,
    /// One entry per model, in the report's order.
    pub models: Vec<ModelGrowth>,
}

// ---- address map --------------------------------------------------------------------

/// The address map of a plan: one [`RangeMap`] per VNet prefix (in the plan's order),
/// then one per subnet not inside one VNet prefix, then the pod CIDR, then the service
/// CIDR. `report` is [`crate::eval::evaluate`]`(plan)`: the pod CIDR's per-node block
/// size and capacity are its figures.
pub fn address_map(plan: &Plan, report: &Report) -> Vec<RangeMap> {
    let claims = Claims::new(plan);
    let m = plan.vnet.len();
    let mut maps: Vec<RangeMap> = Vec::new();
    for i in 0..m {
        maps.push(vnet_map(&claims, i));
    }
    for k in m..m + claims.subnets {
        if claims.nest.first_holding(k).is_none() {
            maps.push(outside_map(&claims, k));
        }
    }
    maps.push(pod_cidr_map(plan, report));
    maps.push(service_map(plan));
    maps
}

/// What claims a stretch of addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Node,
    Pod,
    /// Another subnet of the plan: its role and its place in `plan.other_subnets`.
    Other(SubnetRole, usize),
    Avoid,
    Vnet,
}

impl Role {
    const fn name(self) -> &'static str {
        match self {
            Role::Node => "node subnet",
            Role::Pod => "pod subnet",
            Role::Other(r, _) => r.label(),
            Role::Avoid => "avoided range",
            Role::Vnet => "VNet prefix",
        }
    }

    const fn block_kind(self) -> BlockKind {
        match self {
            Role::Pod => BlockKind::PodSubnet,
            Role::Other(..) => BlockKind::OtherSubnet,
            _ => BlockKind::NodeSubnet,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Item {
    net: IpNet,
    role: Role,
}

impl Item {
    fn name(&self) -> String {
        format!("the {} {}", self.role.name(), self.net)
    }
}

/// A stretch of a range with the same items over all of it.
#[derive(Debug)]
struct Segment {
    first: u128,
    last: u128,
    /// Indices of the items covering it, ascending.
    cover: Vec<usize>,
}

/// Everything that claims addresses in a plan, and how it nests: each map takes what
/// overlaps its range from the nesting, O(n log n) in all for n prefixes instead of
/// every prefix for every map.
struct Claims {
    /// The VNet prefixes, the subnets (as [`subnets`] lists them), then the avoided ranges.
    all: Vec<Item>,
    /// How many VNet prefixes and subnets `all` has.
    vnets: usize,
    subnets: usize,
    /// The nesting of `all`, the VNet prefixes marked.
    nest: Nest,
    /// "the VNet is a, b and c", for the maps of subnets outside the VNet.
    vnet_words: String,
}

impl Claims {
    fn new(plan: &Plan) -> Claims {
        // Plain loops, no iterator adapters: each adapter is more code in the wasm.
        let mut all: Vec<Item> = Vec::new();
        for &net in &plan.vnet {
            all.push(Item {
                net,
                role: Role::Vnet,
            });
        }
        all.push(Item {
            net: plan.node_subnet,
            role: Role::Node,
        });
        if let Some(net) = plan.pod_subnet {
            all.push(Item {
                net,
                role: Role::Pod,
            });
        }
        for (i, o) in plan.other_subnets.iter().enumerate() {
            all.push(Item {
                net: o.prefix,
                role: Role::Other(o.role, i),
            });
        }
        let subnets = all.len() - plan.vnet.len();
        for &net in &plan.avoid {
            all.push(Item {
                net,
                role: Role::Avoid,
            });
        }
        let mut nest = Nest::new(&nets(&all));
        for i in 0..plan.vnet.len() {
            nest.insert(i);
        }
        let vnets = crate::eval::texts(&plan.vnet);
        Claims {
            all,
            vnets: plan.vnet.len(),
            subnets,
            nest,
            vnet_words: if vnets.is_empty() {
                "the plan has no VNet prefix".into()
            } else {
                format!("the VNet is {}", and_list(&few(vnets, "more")))
            },
        }
    }

    /// The items at `positions` but the VNet prefixes (`from` the first subnet) or but
    /// the one at `not`.
    fn pick(&self, positions: &[usize], from: usize, not: usize) -> Vec<Item> {
        let mut items = Vec::new();
        for &k in positions {
            if k >= from && k != not {
                items.push(self.all[k]);
            }
        }
        items
    }
}

/// The prefixes of `items`.
fn nets(items: &[Item]) -> Vec<IpNet> {
    let mut nets = Vec::with_capacity(items.len());
    for item in items {
        nets.push(item.net);
    }
    nets
}

/// Cuts `range` at every edge of the items that overlap it: segments in address order
/// that tile the range, each with the items over it. O(n log n + n a) for n items with
/// at most a over one address.
fn segments(range: &IpNet, items: &[Item]) -> Vec<Segment> {
    let (lo, hi) = bounds(range);
    // (address, event): an item enters at its first address and leaves after its last.
    // The event is `item << 1 | enters`, so the events sort as (address, item, enters)
    // would, with the one sort there is, `cidr::sort_pairs`.
    let event = |i: usize, enters: bool| (i as u128) << 1 | u128::from(enters);
    let mut events: Vec<(u128, u128)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !cidr::overlaps(range, &item.net) {
            continue;
        }
        let (first, last) = bounds(&item.net);
        events.push((first.max(lo), event(i, true)));
        if last < hi {
            events.push((last + 1, event(i, false)));
        }
    }
    cidr::sort_pairs(&mut events);
    let mut out: Vec<Segment> = Vec::new();
    let mut cover: Vec<usize> = Vec::new();
    let mut pos = lo;
    let mut k = 0;
    loop {
        while let Some(&(_, e)) = events.get(k).filter(|e| e.0 == pos) {
            let (i, enters) = ((e >> 1) as usize, e & 1 == 1);
            let slot = cover.binary_search(&i);
            match (enters, slot) {
                (true, Err(slot)) => cover.insert(slot, i),
                (false, Ok(slot)) => {
                    cover.remove(slot);
                }
                _ => {}
            }
            k += 1;
        }
        let next = events.get(k).map(|e| e.0);
        let last = next.map_or(hi, |at| at - 1);
        match out.last_mut() {
            Some(prev) if prev.cover == cover => prev.last = last,
            _ => out.push(Segment {
                first: pos,
                last,
                cover: cover.clone(),
            }),
        }
        match next {
            Some(at) => pos = at,
            None => break,
        }
    }
    out
}

/// Positions within one range: addresses as numbers, fractions of the range.
struct Frame {
    lo: u128,
    size: f64,
    ipv6: bool,
}

impl Frame {
    fn new(range: &IpNet) -> Frame {
        let size = match 1u128.checked_shl(cidr::host_bits(range).into()) {
            Some(count) => count as f64,
            None => 2.0 * (1u128 << 127) as f64,
        };
        Frame {
            lo: bounds(range).0,
            size,
            ipv6: range.addr().is_ipv6(),
        }
    }

    fn addr(&self, v: u128) -> IpAddr {
        if self.ipv6 {
            IpAddr::V6(Ipv6Addr::from(v))
        } else {
            // Every value handled lies in the IPv4 range, so it fits 32 bits.
            IpAddr::V4(Ipv4Addr::from(v as u32))
        }
    }

    fn fraction(&self, v: u128) -> f64 {
        (v - self.lo) as f64 / self.size
    }

    /// A block of `first..=last`, made of its aligned prefixes, with no usable count or note.
    fn block(&self, first: u128, last: u128, kind: BlockKind, label: String) -> Block {
        let (start, end) = (self.addr(first), self.addr(last));
        Block {
            start,
            end,
            kind,
            label,
            addresses: (last - first).saturating_add(1),
            usable: None,
            prefixes: cidr::span_prefixes(start, end),
            offset: self.fraction(first),
            // +1 in f64: `last - first + 1` overflows for the whole of ::/0.
            width: ((last - first) as f64 + 1.0) / self.size,
            note: None,
        }
    }
}

fn vnet_map(claims: &Claims, i: usize) -> RangeMap {
    let vnet = &claims.all[i].net;
    // What overlaps the VNet prefix, in the plan's order: the other VNet prefixes, then
    // the subnets and avoided ranges. The others add no block, no edge and no note.
    let overlapping = claims.nest.overlapping(i);
    let items = claims.pick(&overlapping, claims.vnets, usize::MAX);
    let frame = Frame::new(vnet);
    let used = nets(&items);
    let mut free = cidr::free(vnet, &used).into_iter().peekable();
    let mut blocks = Vec::new();
    for seg in segments(vnet, &items) {
        let over = covering(&items, &seg.cover);
        let block = match over.as_slice() {
            [] => {
                let mut block = frame.block(seg.first, seg.last, BlockKind::Free, "free".into());
                // The same prefixes `span_prefixes` gives; taken from `free` as the
                // record of the VNet's free space.
                let mut prefixes = Vec::new();
                while let Some(p) = free.next_if(|p| bounds(p).1 <= seg.last) {
                    prefixes.push(p);
                }
                block.prefixes = prefixes;
                block
            }
            [item] if item.role != Role::Avoid => subnet_block(&frame, &seg, item, None),
            _ => conflict_block(&frame, &seg, &over, "the VNet"),
        };
        blocks.push(block);
    }

    let mut notes = Vec::new();
    // At most `NAMES_LISTED` notes of each kind, then how many more.
    let mut outside = Vec::new();
    for item in &items {
        if item.role != Role::Avoid && !cidr::contains(vnet, &item.net) {
            outside.push(format!(
                "{} is not inside this VNet prefix: only its part inside is drawn here",
                item.name()
            ));
        }
    }
    notes.extend(few(outside, "more subnets are not inside it"));
    let mut others = Vec::new();
    for &k in &overlapping {
        let other = &claims.all[k].net;
        if k < claims.vnets && other != vnet {
            others.push(format!("overlaps the VNet prefix {other}"));
        }
    }
    notes.extend(few(others, "more VNet prefixes overlap it"));
    let conflicts = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Conflict)
        .count();
    if conflicts > 0 {
        notes.push(format!(
            "{conflicts} conflict{}: addresses claimed twice",
            if conflicts == 1 { "" } else { "s" }
        ));
    }
    RangeMap {
        title: format!("VNet {vnet}"),
        kind: MapKind::Vnet,
        range: *vnet,
        blocks,
        markers: Vec::new(),
        overflow: None,
        note: join_notes(notes),
    }
}

/// A block of one subnet: the whole of it with its usable count, or a part with a note.
fn subnet_block(frame: &Frame, seg: &Segment, item: &Item, where_: Option<&str>) -> Block {
    let mut block = frame.block(
        seg.first,
        seg.last,
        item.role.block_kind(),
        item.role.name().into(),
    );
    if bounds(&item.net) == (seg.first, seg.last) {
        block.usable = Some(cidr::azure_usable(&item.net));
    } else {
        block.note = Some(format!("part of {}", item.name()));
    }
    if let Some(where_) = where_ {
        match &mut block.note {
            Some(note) => {
                note.push_str(", ");
                note.push_str(where_);
            }
            None => block.note = Some(where_.into()),
        }
    }
    block
}

/// The items at the positions of `cover`, in its order.
fn covering<'a>(items: &'a [Item], cover: &[usize]) -> Vec<&'a Item> {
    let mut out = Vec::with_capacity(cover.len());
    for &i in cover {
        out.push(&items[i]);
    }
    out
}

/// A block claimed twice: by `over` together, or by one of them and the map's own range.
fn conflict_block(frame: &Frame, seg: &Segment, over: &[&Item], range: &str) -> Block {
    let mut block = frame.block(seg.first, seg.last, BlockKind::Conflict, "conflict".into());
    let mut names = Vec::with_capacity(over.len());
    for item in over {
        names.push(item.name());
    }
    let names = few(names, "more");
    block.note = Some(match names.as_slice() {
        [one] => format!("{one} overlaps {range}"),
        _ => format!("{} overlap", and_list(&names)),
    });
    block
}

/// A subnet that is not inside one VNet prefix, on its own: its parts inside the VNet,
/// outside it, and where it overlaps the other subnet or an avoided range.
fn outside_map(plan_claims: &Claims, k: usize) -> RangeMap {
    let this = plan_claims.all[k];
    let (role, subnet) = (this.role, this.net);
    // What overlaps the subnet, in the order VNet, subnets, avoided ranges; not itself.
    let items = plan_claims.pick(&plan_claims.nest.overlapping(k), 0, k);
    let frame = Frame::new(&subnet);
    let mut blocks = Vec::new();
    for seg in segments(&subnet, &items) {
        let over = covering(&items, &seg.cover);
        let mut claims: Vec<&Item> = Vec::new();
        for &item in &over {
            if item.role != Role::Vnet {
                claims.push(item);
            }
        }
        let block = if !claims.is_empty() {
            let mut all = alloc::vec![&this];
            all.extend(claims);
            conflict_block(&frame, &seg, &all, "it")
        } else if let Some(vnet) = over.first() {
            let where_ = format!("inside the VNet prefix {}, drawn in its map", vnet.net);
            subnet_block(&frame, &seg, &this, Some(&where_))
        } else {
            let mut block = frame.block(
                seg.first,
                seg.last,
                BlockKind::OutsideVnet,
                format!("{} outside the VNet", role.name()),
            );
            if bounds(&subnet) == (seg.first, seg.last) {
                block.usable = Some(cidr::azure_usable(&subnet));
            } else {
                block.note = Some(format!("part of {}", this.name()));
            }
            block
        };
        blocks.push(block);
    }
    let vnets = &plan_claims.vnet_words;
    RangeMap {
        title: format!("{} {subnet} outside the VNet", role.name()),
        kind: MapKind::OutsideVnet,
        range: subnet,
        blocks,
        markers: Vec::new(),
        overflow: None,
        note: Some(format!(
            "Azure needs every subnet inside one VNet prefix; {} is not ({vnets})",
            this.name()
        )),
    }
}

/// The models that take pod addresses from the plan's pod CIDR, as the report has them.
fn pod_cidr_users<'a>(plan: &Plan, report: &'a Report) -> Vec<&'a ModelReport> {
    let mut users = Vec::new();
    for m in &report.models {
        if m.model.addressing(plan.cilium_ipam).facts().ipam == Ipam::PodCidr {
            users.push(m);
        }
    }
    users
}

fn pod_cidr_map(plan: &Plan, report: &Report) -> RangeMap {
    let range = plan.pod_cidr;
    let frame = Frame::new(&range);
    let (lo, hi) = bounds(&range);
    let users = pod_cidr_users(plan, report);
    // Addresses of one node's block, and how many blocks the range holds: the report's
    // figures (a /24 per node; none in an IPv6 pod CIDR or one longer than /24).
    let per_node = users
        .iter()
        .map(|m| m.pod_ips_per_node)
        .find(|&a| a > 0)
        .unwrap_or(0);
    let capacity = match users.first() {
        Some(m) if per_node > 0 => {
            let in_range = cidr::count(&range) / u128::from(per_node);
            let in_report = m.pod_ips_available / per_node;
            u64::try_from(in_range).map_or(in_report, |r| r.min(in_report))
        }
        _ => 0,
    };
    let peak = plan.peak_nodes();
    let placed = peak.min(capacity);
    let name = block_name(per_node, frame.ipv6);
    // The last address of the first k >= 1 node blocks; k blocks fit, so this stays in
    // the range (and the product cannot overflow: both factors are u64).
    let last_of = |k: u64| lo + (u128::from(k) * u128::from(per_node) - 1);

    let mut blocks = Vec::new();
    if placed > 0 && peak <= MAX_NODE_BLOCKS {
        for i in 0..placed {
            let first = if i == 0 { lo } else { last_of(i) + 1 };
            let label = format!("node {} pods", i + 1);
            blocks.push(frame.block(first, last_of(i + 1), BlockKind::NodePodBlocks, label));
        }
    } else if placed > 0 {
        let label = format!("{} nodes × {name}", n(placed.into()));
        let mut block = frame.block(lo, last_of(placed), BlockKind::NodePodBlocks, label);
        block.note = Some(format!(
            "one {name} for each of the first {} at the peak",
            nodes(placed)
        ));
        blocks.push(block);
    }
    if capacity > placed {
        let first = if placed == 0 { lo } else { last_of(placed) + 1 };
        blocks.push(frame.block(first, last_of(capacity), BlockKind::Free, "free".into()));
    }
    let unused_first = if capacity == 0 {
        Some(lo)
    } else {
        last_of(capacity).checked_add(1)
    };
    if let Some(first) = unused_first.filter(|&first| first <= hi) {
        let mut block = frame.block(first, hi, BlockKind::Unused, "unused".into());
        block.note = Some(if per_node == 0 {
            "no model of the report takes per-node blocks from this range".into()
        } else if frame.ipv6 {
            format!("an IPv6 pod CIDR: the planner computes no {name} blocks in it")
        } else {
            format!("too small for a {name}, so no node can use it")
        });
        blocks.push(block);
    }

    let overflow = (peak > capacity).then(|| Overflow {
        nodes: peak - capacity,
        needed: peak,
        capacity,
    });
    let note = if users.is_empty() {
        "no model of the report takes addresses from the pod CIDR".into()
    } else {
        let mut names: Vec<String> = Vec::with_capacity(users.len());
        for m in &users {
            names.push(m.model.name().into());
        }
        let mut note = format!(
            "one {name} per node for {}; {} at the peak, room for {}",
            and_list(&names),
            nodes(peak),
            nodes(capacity)
        );
        if let Some(o) = &overflow {
            note.push_str(": ");
            note.push_str(&nodes(o.nodes));
            note.push_str(" do not fit");
        }
        note
    };
    RangeMap {
        title: format!("pod CIDR {range}"),
        kind: MapKind::PodCidr,
        range,
        blocks,
        markers: Vec::new(),
        overflow,
        note: Some(note),
    }
}

/// "/24" for a block of 256 IPv4 addresses, else "block of N addresses".
fn block_name(per_node: u64, ipv6: bool) -> String {
    let family_bits: u32 = if ipv6 { 128 } else { 32 };
    if per_node.is_power_of_two() && per_node.trailing_zeros() <= family_bits {
        format!("/{}", family_bits - per_node.trailing_zeros())
    } else {
        format!("block of {}", addresses(per_node.into()))
    }
}

fn service_map(plan: &Plan) -> RangeMap {
    let range = plan.service_cidr;
    let frame = Frame::new(&range);
    let (lo, hi) = bounds(&range);
    let block = frame.block(lo, hi, BlockKind::Service, "service CIDR".into());
    let mut markers = Vec::new();
    if hi > lo {
        markers.push(Marker {
            addr: frame.addr(lo + 1),
            label: "kubernetes.default".into(),
            fraction: frame.fraction(lo + 1),
        });
    }
    let dns = plan.dns_service_ip;
    let mut note = None;
    if cidr::contains(&range, &IpNet::from(dns)) {
        let marker = Marker {
            addr: dns,
            label: "DNS service IP".into(),
            fraction: frame.fraction(value(dns)),
        };
        let at = markers.partition_point(|m| value(m.addr) <= value(dns));
        markers.insert(at, marker);
    } else {
        note = Some(format!(
            "the DNS service IP {dns} is outside the service CIDR {range}, so it is not drawn"
        ));
    }
    RangeMap {
        title: format!("service CIDR {range}"),
        kind: MapKind::ServiceCidr,
        range,
        blocks: alloc::vec![block],
        markers,
        overflow: None,
        note,
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    join_words(items, "and")
}

fn join_notes(notes: Vec<String>) -> Option<String> {
    (!notes.is_empty()).then(|| notes.join("; "))
}

// ---- growth -------------------------------------------------------------------------

/// The data of the growth chart: for every model of `report` (which is
/// [`crate::eval::evaluate`]`(plan)`), the addresses each range needs from 0 nodes to
/// the end of the axis, and its capacity. Needs come from [`ModelReport::needed_at`].
pub fn growth(plan: &Plan, report: &Report) -> Growth {
    let planned_peak = plan.peak_nodes();
    let max_nodes_axis = planned_peak
        .saturating_add(planned_peak.div_ceil(2))
        .max(MIN_NODES_AXIS);
    let mut models = Vec::with_capacity(report.models.len());
    for m in &report.models {
        models.push(model_growth(plan, m, max_nodes_axis));
    }
    Growth {
        max_nodes_axis,
        planned_peak,
        models,
    }
}

fn model_growth(plan: &Plan, m: &ModelReport, axis: u64) -> ModelGrowth {
    let mut lines = alloc::vec![line(
        RangeKind::NodeSubnet,
        format!("node subnet {}", plan.node_subnet),
        m.node_subnet_ips_available,
        axis,
        |nodes| m.needed_at(nodes).0,
    )];
    if m.pod_ips_per_node > 0 {
        let label = match m.model.addressing(plan.cilium_ipam).facts().ipam {
            Ipam::PodCidr => format!("pod CIDR {}", plan.pod_cidr),
            _ => match plan.pod_subnet {
                Some(s) => format!("pod subnet {s}"),
                None => "pod subnet (none in the plan)".into(),
            },
        };
        lines.push(line(
            RangeKind::PodRange,
            label,
            m.pod_ips_available,
            axis,
            |nodes| m.needed_at(nodes).1,
        ));
    }
    ModelGrowth {
        model: m.model,
        node_limit: m.model.facts().node_limit.value,
        lines,
    }
}

/// A line from `needed`, which grows with the node count (and is straight).
fn line(
    range: RangeKind,
    label: String,
    capacity: u64,
    axis: u64,
    needed: impl Fn(u64) -> u64,
) -> Line {
    // The fewest nodes on the axis that need more than the capacity: a binary search,
    // since `needed` never falls.
    let runs_out_at = (needed(axis) > capacity).then(|| {
        let (mut fits_below, mut short) = (0, axis);
        while fits_below < short {
            let mid = fits_below + (short - fits_below) / 2;
            if needed(mid) > capacity {
                short = mid;
            } else {
                fits_below = mid + 1;
            }
        }
        short
    });
    let mut points = alloc::vec![(0, needed(0))];
    if let Some(at) = runs_out_at.filter(|&at| at > 0 && at < axis) {
        points.push((at, needed(at)));
    }
    if axis > 0 {
        points.push((axis, needed(axis)));
    }
    Line {
        range,
        label,
        capacity,
        points,
        runs_out_at,
    }
}

/// Ticks for an axis from 0 to `max`: multiples of the smallest step of 1, 2 or 5 times
/// a power of ten that needs at most `count` steps to reach `max`, from 0 up to `max`.
/// `count` 0 is taken as 1; `max` 0 gives `[0]`.
///
/// ```
/// use aksnet_core::layout::nice_ticks;
/// assert_eq!(nice_ticks(47, 5), [0, 10, 20, 30, 40]);
/// assert_eq!(nice_ticks(10, 5), [0, 2, 4, 6, 8, 10]);
/// ```
pub fn nice_ticks(max: u64, count: usize) -> Vec<u64> {
    let count = u128::try_from(count.max(1)).unwrap_or(u128::MAX);
    let max_wide = u128::from(max);
    let mut power: u128 = 1;
    let step = loop {
        if let Some(step) = [1, 2, 5]
            .into_iter()
            .map(|m| m * power)
            .find(|&s| s.saturating_mul(count) >= max_wide)
        {
            break step;
        }
        power *= 10; // ends by 10^20, past u64::MAX
    };
    let mut ticks = Vec::new();
    let mut tick: u128 = 0;
    while tick <= max_wide {
        ticks.push(u64::try_from(tick).unwrap_or(u64::MAX));
        tick += step;
    }
    ticks
}

// ---- helpers ------------------------------------------------------------------------

/// An address as a number.
fn value(a: IpAddr) -> u128 {
    match a {
        IpAddr::V4(v4) => u32::from(v4).into(),
        IpAddr::V6(v6) => v6.into(),
    }
}

/// "1 address", "1,024 addresses".
fn addresses(count: u128) -> String {
    counted(count, "1 address", " addresses")
}

/// "1 node", "300 nodes".
pub(crate) fn nodes(count: u64) -> String {
    counted(count.into(), "1 node", " nodes")
}

/// `one` for a count of 1, else the count with thousands separators and `many`.
fn counted(count: u128, one: &str, many: &str) -> String {
    if count == 1 {
        return one.into();
    }
    let mut text = n(count);
    text.push_str(many);
    text
}

// ---- JSON ---------------------------------------------------------------------------

impl MapKind {
    /// The kind in JSON: `vnet`, `outside_vnet`, `pod_cidr`, `service_cidr`.
    pub const fn id(self) -> &'static str {
        match self {
            MapKind::Vnet => "vnet",
            MapKind::OutsideVnet => "outside_vnet",
            MapKind::PodCidr => "pod_cidr",
            MapKind::ServiceCidr => "service_cidr",
        }
    }
}

impl BlockKind {
    /// The kind in JSON, e.g. `node_subnet`, `free`, `node_pod_blocks`.
    pub const fn id(self) -> &'static str {
        match self {
            BlockKind::NodeSubnet => "node_subnet",
            BlockKind::PodSubnet => "pod_subnet",
            BlockKind::OtherSubnet => "other_subnet",
            BlockKind::Free => "free",
            BlockKind::Conflict => "conflict",
            BlockKind::OutsideVnet => "outside_vnet",
            BlockKind::NodePodBlocks => "node_pod_blocks",
            BlockKind::Unused => "unused",
            BlockKind::Service => "service",
        }
    }
}

impl RangeKind {
    /// The kind in JSON: `node_subnet` or `pod_range`.
    pub const fn id(self) -> &'static str {
        match self {
            RangeKind::NodeSubnet => "node_subnet",
            RangeKind::PodRange => "pod_range",
        }
    }
}

fn field_text(w: &mut Writer, key: &str, v: &impl fmt::Display) {
    w.field_str(key, &v.to_string());
}

fn field_opt_text(w: &mut Writer, key: &str, v: Option<&str>) {
    w.key(key);
    w.opt_str(v);
}

impl ToJson for Block {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        field_text(w, "start", &self.start);
        field_text(w, "end", &self.end);
        w.field_str("kind", self.kind.id());
        w.field_str("label", &self.label);
        w.field_uint("addresses", self.addresses);
        w.key("usable");
        w.opt_uint(self.usable);
        w.key("prefixes");
        w.begin_array();
        for p in &self.prefixes {
            w.str(&p.to_string());
        }
        w.end_array();
        w.field_f64("offset", self.offset);
        w.field_f64("width", self.width);
        field_opt_text(w, "note", self.note.as_deref());
        w.end_object();
    }
}

impl ToJson for Marker {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        field_text(w, "addr", &self.addr);
        w.field_str("label", &self.label);
        w.field_f64("fraction", self.fraction);
        w.end_object();
    }
}

impl ToJson for RangeMap {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("title", &self.title);
        w.field_str("kind", self.kind.id());
        field_text(w, "range", &self.range);
        w.key("blocks");
        self.blocks.write_json(w);
        w.key("markers");
        self.markers.write_json(w);
        w.key("overflow");
        match self.overflow {
            Some(o) => {
                w.begin_object();
                w.field_uint("nodes", o.nodes.into());
                w.field_uint("needed", o.needed.into());
                w.field_uint("capacity", o.capacity.into());
                w.end_object();
            }
            None => w.null(),
        }
        field_opt_text(w, "note", self.note.as_deref());
        w.end_object();
    }
}

impl ToJson for Line {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("range", self.range.id());
        w.field_str("label", &self.label);
        w.field_uint("capacity", self.capacity.into());
        w.key("points");
        w.begin_array();
        for &(nodes, addresses) in &self.points {
            w.begin_array();
            w.uint(nodes.into());
            w.uint(addresses.into());
            w.end_array();
        }
        w.end_array();
        w.key("runs_out_at");
        w.opt_uint(self.runs_out_at.map(u128::from));
        w.end_object();
    }
}

impl ToJson for ModelGrowth {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_str("model", self.model.id());
        w.field_uint("node_limit", self.node_limit.into());
        w.key("lines");
        self.lines.write_json(w);
        w.end_object();
    }
}

impl ToJson for Growth {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field_uint("max_nodes_axis", self.max_nodes_axis.into());
        w.field_uint("planned_peak", self.planned_peak.into());
        w.key("models");
        self.models.write_json(w);
        w.end_object();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::field_reassign_with_default)] // plans are built by changing the default

    use super::*;
    use crate::eval::evaluate;
    use crate::plan::{Pool, Surge};
    use alloc::vec;

    fn net(s: &str) -> IpNet {
        cidr::parse_net(s).expect("test prefixes are valid")
    }

    fn ip(s: &str) -> IpAddr {
        cidr::parse_addr(s).expect("test addresses are valid")
    }

    /// The default plan changed by `change`.
    fn plan(change: impl FnOnce(&mut Plan)) -> Plan {
        let mut p = Plan::default();
        change(&mut p);
        p
    }

    #[test]
    fn lists_in_maps_stop_at_ten_names() {
        // A VNet prefix, 12 copies of a larger one, 12 copies of a subnet larger than
        // it and 12 of the node subnet.
        let p = plan(|p| {
            p.vnet = vec![net("10.0.0.0/8"); 13];
            p.vnet[0] = net("10.0.0.0/16");
            p.node_subnet = net("10.0.0.0/22");
            p.pod_subnet = None;
            p.other_subnets = (0..23)
                .map(|i| crate::plan::OtherSubnet {
                    role: crate::plan::SubnetRole::Other,
                    prefix: net(if i < 12 { "10.0.0.0/8" } else { "10.0.0.0/22" }),
                })
                .collect();
        });
        let maps = address_map(&p, &evaluate(&p));
        let note = maps[0].note.as_deref().expect("a note");
        let notes: Vec<&str> = note.split("; ").collect();
        assert_eq!(notes.len(), 10 + 1 + 10 + 1 + 1, "{note}");
        assert_eq!(notes[10], "2 more subnets are not inside it");
        assert_eq!(notes[11], "overlaps the VNet prefix 10.0.0.0/8");
        assert_eq!(notes[21], "2 more VNet prefixes overlap it");
        let conflict = maps[0]
            .blocks
            .iter()
            .find_map(|b| b.note.as_deref().filter(|n| n.ends_with(" overlap")))
            .expect("a conflict");
        assert!(
            conflict.ends_with(", the other subnet 10.0.0.0/8 and 14 more overlap"),
            "{conflict}"
        );
        // Subnets outside the VNet: its note names 10 VNet prefixes at most.
        let p = plan(|p| {
            p.vnet = (0..12)
                .map(|i| net(&alloc::format!("10.{i}.0.0/16")))
                .collect();
            p.node_subnet = net("192.168.0.0/24");
        });
        let maps = address_map(&p, &evaluate(&p));
        let outside = maps
            .iter()
            .find(|m| m.kind == MapKind::OutsideVnet)
            .expect("outside");
        assert!(
            outside
                .note
                .as_deref()
                .expect("a note")
                .ends_with("10.8.0.0/16, 10.9.0.0/16 and 2 more)"),
            "{:?}",
            outside.note
        );
    }

    /// A pool of exactly `nodes` nodes at the peak: no surge.
    fn pool(nodes: u64) -> Pool {
        Pool {
            max_surge: Some(Surge::Nodes(0)),
            ..Pool::new("pool", nodes)
        }
    }

    fn maps_of(p: &Plan) -> Vec<RangeMap> {
        let maps = address_map(p, &evaluate(p));
        for m in &maps {
            assert_eq!(m.tiling_error(), None, "{}", m.title);
        }
        maps
    }

    fn map<'a>(maps: &'a [RangeMap], title: &str) -> &'a RangeMap {
        maps.iter()
            .find(|m| m.title == title)
            .unwrap_or_else(|| panic!("no map {title} in {:?}", titles(maps)))
    }

    fn titles(maps: &[RangeMap]) -> Vec<&str> {
        maps.iter().map(|m| m.title.as_str()).collect()
    }

    fn layout(m: &RangeMap) -> Vec<(BlockKind, String)> {
        m.blocks.iter().map(|b| (b.kind, b.span())).collect()
    }

    fn expect(rows: &[(BlockKind, &str)]) -> Vec<(BlockKind, String)> {
        rows.iter().map(|&(k, s)| (k, s.to_string())).collect()
    }

    use BlockKind::{
        Conflict, Free, NodePodBlocks, NodeSubnet, OutsideVnet, PodSubnet, Service, Unused,
    };

    #[test]
    fn address_map_rows() {
        #[track_caller]
        fn check(p: Plan, title: &str, expected: &[(BlockKind, &str)]) {
            let maps = maps_of(&p);
            assert_eq!(layout(map(&maps, title)), expect(expected), "{title}");
        }
        check(
            Plan::default(),
            "VNet 10.0.0.0/16",
            &[
                (NodeSubnet, "10.0.0.0/22"),
                (Free, "10.0.4.0 to 10.0.63.255"),
                (PodSubnet, "10.0.64.0/18"),
                (Free, "10.0.128.0/17"),
            ],
        );
        // The pod subnet inside the node subnet: their overlap is one conflict block.
        check(
            plan(|p| p.pod_subnet = Some(net("10.0.1.0/24"))),
            "VNet 10.0.0.0/16",
            &[
                (NodeSubnet, "10.0.0.0/24"),
                (Conflict, "10.0.1.0/24"),
                (NodeSubnet, "10.0.2.0/23"),
                (Free, "10.0.4.0 to 10.0.255.255"),
            ],
        );
        check(
            plan(|p| p.pod_subnet = Some(net("10.0.0.0/16"))),
            "VNet 10.0.0.0/16",
            &[
                (Conflict, "10.0.0.0/22"),
                (PodSubnet, "10.0.4.0 to 10.0.255.255"),
            ],
        );
        // A subnet sticking out of the VNet: clipped here, and drawn whole on its own.
        let sticks_out = plan(|p| {
            p.vnet = vec![net("10.0.0.0/24")];
            p.node_subnet = net("10.0.0.0/23");
            p.pod_subnet = None;
        });
        check(
            sticks_out.clone(),
            "VNet 10.0.0.0/24",
            &[(NodeSubnet, "10.0.0.0/24")],
        );
        check(
            sticks_out,
            "node subnet 10.0.0.0/23 outside the VNet",
            &[(NodeSubnet, "10.0.0.0/24"), (OutsideVnet, "10.0.1.0/24")],
        );
        // Subnets outside every VNet prefix, one overlapping an avoided range.
        let outside = plan(|p| {
            p.node_subnet = net("10.1.0.0/24");
            p.pod_subnet = Some(net("192.168.0.0/24"));
            p.avoid = vec![net("192.168.0.128/25")];
        });
        check(
            outside.clone(),
            "VNet 10.0.0.0/16",
            &[(Free, "10.0.0.0/16")],
        );
        check(
            outside.clone(),
            "node subnet 10.1.0.0/24 outside the VNet",
            &[(OutsideVnet, "10.1.0.0/24")],
        );
        check(
            outside,
            "pod subnet 192.168.0.0/24 outside the VNet",
            &[
                (OutsideVnet, "192.168.0.0/25"),
                (Conflict, "192.168.0.128/25"),
            ],
        );
        // Avoided ranges: one over the node subnet's start, one over the top half, one elsewhere.
        check(
            plan(|p| {
                p.avoid = vec![
                    net("10.0.128.0/17"),
                    net("10.0.0.0/24"),
                    net("192.168.0.0/16"),
                ]
            }),
            "VNet 10.0.0.0/16",
            &[
                (Conflict, "10.0.0.0/24"),
                (NodeSubnet, "10.0.1.0 to 10.0.3.255"),
                (Free, "10.0.4.0 to 10.0.63.255"),
                (PodSubnet, "10.0.64.0/18"),
                (Conflict, "10.0.128.0/17"),
            ],
        );
        // An avoided range over the whole VNet: every block conflicts, each for its own reason.
        check(
            plan(|p| p.avoid = vec![net("10.0.0.0/8")]),
            "VNet 10.0.0.0/16",
            &[
                (Conflict, "10.0.0.0/22"),
                (Conflict, "10.0.4.0 to 10.0.63.255"),
                (Conflict, "10.0.64.0/18"),
                (Conflict, "10.0.128.0/17"),
            ],
        );
        // An IPv6 VNet prefix next to the IPv4 one, with IPv6 subnets in it.
        let dual = plan(|p| {
            p.vnet = vec![net("10.0.0.0/16"), net("fd00::/48")];
            p.node_subnet = net("fd00::/64");
            p.pod_subnet = Some(net("fd00:0:0:8000::/64"));
        });
        check(
            dual.clone(),
            "VNet fd00::/48",
            &[
                (NodeSubnet, "fd00::/64"),
                (Free, "fd00:0:0:1:: to fd00::7fff:ffff:ffff:ffff:ffff"),
                (PodSubnet, "fd00:0:0:8000::/64"),
                (Free, "fd00:0:0:8001:: to fd00::ffff:ffff:ffff:ffff:ffff"),
            ],
        );
        check(dual, "VNet 10.0.0.0/16", &[(Free, "10.0.0.0/16")]);
        // A /8 with the node subnet at its very end; a /29 that is all node subnet.
        check(
            plan(|p| {
                p.vnet = vec![net("10.0.0.0/8")];
                p.node_subnet = net("10.255.255.0/24");
                p.pod_subnet = None;
            }),
            "VNet 10.0.0.0/8",
            &[
                (Free, "10.0.0.0 to 10.255.254.255"),
                (NodeSubnet, "10.255.255.0/24"),
            ],
        );
        check(
            plan(|p| {
                p.vnet = vec![net("10.0.0.0/29")];
                p.node_subnet = net("10.0.0.0/29");
                p.pod_subnet = None;
            }),
            "VNet 10.0.0.0/29",
            &[(NodeSubnet, "10.0.0.0/29")],
        );
        // The ends of both address spaces.
        check(
            plan(|p| {
                p.vnet = vec![net("255.255.255.0/24")];
                p.node_subnet = net("255.255.255.248/29");
                p.pod_subnet = None;
            }),
            "VNet 255.255.255.0/24",
            &[
                (Free, "255.255.255.0 to 255.255.255.247"),
                (NodeSubnet, "255.255.255.248/29"),
            ],
        );
        check(
            plan(|p| {
                p.vnet = vec![net("::/0")];
                p.node_subnet = net("ffff:ffff:ffff:ffff::/64");
                p.pod_subnet = None;
            }),
            "VNet ::/0",
            &[
                (Free, ":: to ffff:ffff:ffff:fffe:ffff:ffff:ffff:ffff"),
                (NodeSubnet, "ffff:ffff:ffff:ffff::/64"),
            ],
        );
    }

    #[test]
    fn maps_come_in_order_with_outside_subnets_after_the_vnet() {
        let p = plan(|p| {
            p.vnet = vec![net("10.0.0.0/16"), net("10.2.0.0/16")];
            p.node_subnet = net("10.1.0.0/24");
        });
        let maps = maps_of(&p);
        assert_eq!(
            titles(&maps),
            [
                "VNet 10.0.0.0/16",
                "VNet 10.2.0.0/16",
                "node subnet 10.1.0.0/24 outside the VNet",
                "pod CIDR 10.244.0.0/16",
                "service CIDR 10.1.0.0/16",
            ]
        );
        let kinds: Vec<MapKind> = maps.iter().map(|m| m.kind).collect();
        use MapKind::*;
        assert_eq!(kinds, [Vnet, Vnet, OutsideVnet, PodCidr, ServiceCidr]);
        assert_eq!(
            maps[2].note.as_deref(),
            Some(
                "Azure needs every subnet inside one VNet prefix; the node subnet 10.1.0.0/24 is not (the VNet is 10.0.0.0/16 and 10.2.0.0/16)"
            )
        );
        // A subnet across two adjacent VNet prefixes is inside neither.
        let across = plan(|p| {
            p.vnet = vec![net("10.0.0.0/17"), net("10.0.128.0/17")];
            p.node_subnet = net("10.0.0.0/16");
            p.pod_subnet = None;
        });
        let maps = maps_of(&across);
        assert_eq!(
            layout(map(&maps, "node subnet 10.0.0.0/16 outside the VNet")),
            expect(&[(NodeSubnet, "10.0.0.0/17"), (NodeSubnet, "10.0.128.0/17")])
        );
        assert_eq!(
            maps[0].note.as_deref(),
            Some(
                "the node subnet 10.0.0.0/16 is not inside this VNet prefix: only its part inside is drawn here"
            )
        );
    }

    #[test]
    fn describe_rows() {
        let avoid = plan(|p| {
            p.pod_subnet = Some(net("10.0.2.0/24"));
            p.avoid = vec![net("10.0.128.0/17")];
        });
        let maps = maps_of(&avoid);
        let vnet = map(&maps, "VNet 10.0.0.0/16");
        let texts: Vec<String> = vnet.blocks.iter().map(Block::describe).collect();
        assert_eq!(
            texts,
            [
                "node subnet 10.0.0.0/23: 512 addresses; part of the node subnet 10.0.0.0/22",
                "conflict 10.0.2.0/24: 256 addresses; the node subnet 10.0.0.0/22 and the pod subnet 10.0.2.0/24 overlap",
                "node subnet 10.0.3.0/24: 256 addresses; part of the node subnet 10.0.0.0/22",
                "free: 10.0.4.0/22, 10.0.8.0/21, 10.0.16.0/20, 10.0.32.0/19 and 1 more (31,744 addresses)",
                "conflict 10.0.128.0/17: 32,768 addresses; the avoided range 10.0.128.0/17 overlaps the VNet",
            ]
        );
        assert_eq!(
            vnet.note.as_deref(),
            Some("2 conflicts: addresses claimed twice")
        );

        let outside = maps_of(&plan(|p| p.node_subnet = net("10.1.0.0/24")));
        let block = &map(&outside, "node subnet 10.1.0.0/24 outside the VNet").blocks[0];
        assert_eq!(
            block.describe(),
            "node subnet outside the VNet 10.1.0.0/24: 256 addresses, 251 usable"
        );
        assert!(block.kind.is_error());

        let service = maps_of(&Plan::default());
        let service = map(&service, "service CIDR 10.1.0.0/16");
        assert_eq!(
            service.blocks[0].describe(),
            "service CIDR 10.1.0.0/16: 65,536 addresses"
        );
        assert_eq!(service.markers[1].describe(), "DNS service IP 10.1.0.10");

        let single = Block {
            start: ip("10.0.0.7"),
            end: ip("10.0.0.7"),
            kind: Free,
            label: "free".into(),
            addresses: 1,
            usable: None,
            prefixes: vec![net("10.0.0.7/32")],
            offset: 0.0,
            width: 1.0,
            note: None,
        };
        assert_eq!(single.describe(), "free: 10.0.0.7/32 (1 address)");
    }

    #[test]
    fn pod_cidr_rows() {
        #[track_caller]
        fn check(
            nodes: u64,
            pod_cidr: &str,
            expected: &[(BlockKind, &str)],
            overflow: Option<u64>,
        ) {
            let p = plan(|p| {
                p.pools = vec![pool(nodes)];
                p.pod_cidr = net(pod_cidr);
            });
            let maps = maps_of(&p);
            let m = map(&maps, &format!("pod CIDR {pod_cidr}"));
            assert_eq!(layout(m), expect(expected), "{nodes} nodes in {pod_cidr}");
            assert_eq!(
                m.overflow.map(|o| o.nodes),
                overflow,
                "{nodes} in {pod_cidr}"
            );
            if let Some(o) = m.overflow {
                assert_eq!(o.needed, nodes);
                assert_eq!(o.needed - o.capacity, o.nodes);
            }
        }
        check(
            3,
            "10.244.0.0/16",
            &[
                (NodePodBlocks, "10.244.0.0/24"),
                (NodePodBlocks, "10.244.1.0/24"),
                (NodePodBlocks, "10.244.2.0/24"),
                (Free, "10.244.3.0 to 10.244.255.255"),
            ],
            None,
        );
        check(
            300,
            "10.244.0.0/15",
            &[
                (NodePodBlocks, "10.244.0.0 to 10.245.43.255"),
                (Free, "10.245.44.0 to 10.245.255.255"),
            ],
            None,
        );
        check(
            300,
            "10.244.0.0/16",
            &[(NodePodBlocks, "10.244.0.0/16")],
            Some(44),
        );
        check(
            3,
            "10.244.0.0/23",
            &[
                (NodePodBlocks, "10.244.0.0/24"),
                (NodePodBlocks, "10.244.1.0/24"),
            ],
            Some(1),
        );
        check(0, "10.244.0.0/24", &[(Free, "10.244.0.0/24")], None);
        check(
            1,
            "10.244.0.0/24",
            &[(NodePodBlocks, "10.244.0.0/24")],
            None,
        );
        // Longer than /24: holds no node. IPv6: the planner computes no blocks.
        check(3, "10.244.0.0/25", &[(Unused, "10.244.0.0/25")], Some(3));
        check(
            3,
            "fd12:3456:789a::/64",
            &[(Unused, "fd12:3456:789a::/64")],
            Some(3),
        );
        check(
            3,
            "10.0.0.0/8",
            &[
                (NodePodBlocks, "10.0.0.0/24"),
                (NodePodBlocks, "10.0.1.0/24"),
                (NodePodBlocks, "10.0.2.0/24"),
                (Free, "10.0.3.0 to 10.255.255.255"),
            ],
            None,
        );
    }

    #[test]
    fn pod_cidr_draws_each_node_up_to_the_limit_then_one_block() {
        for (nodes, blocks, label) in [
            (
                MAX_NODE_BLOCKS,
                MAX_NODE_BLOCKS as usize + 1,
                "node 64 pods",
            ),
            (MAX_NODE_BLOCKS + 1, 2, "65 nodes × /24"),
            (5_000, 1, "256 nodes × /24"),
        ] {
            let p = plan(|p| p.pools = vec![pool(nodes)]);
            let maps = maps_of(&p);
            let m = map(&maps, "pod CIDR 10.244.0.0/16");
            assert_eq!(m.blocks.len(), blocks, "{nodes} nodes");
            let node_blocks: Vec<&Block> = m
                .blocks
                .iter()
                .filter(|b| b.kind == NodePodBlocks)
                .collect();
            assert_eq!(node_blocks.last().unwrap().label, label, "{nodes} nodes");
        }
        let p = plan(|p| p.pools = vec![pool(300)]);
        let maps = maps_of(&p);
        let m = map(&maps, "pod CIDR 10.244.0.0/16");
        assert_eq!(
            m.overflow,
            Some(Overflow {
                nodes: 44,
                needed: 300,
                capacity: 256
            })
        );
        assert_eq!(
            m.note.as_deref(),
            Some(
                "one /24 per node for kubenet, Azure CNI Overlay and Azure CNI Powered by Cilium; 300 nodes at the peak, room for 256 nodes: 44 nodes do not fit"
            )
        );
        assert_eq!(
            m.blocks[0].describe(),
            "256 nodes × /24 10.244.0.0/16: 65,536 addresses; one /24 for each of the first 256 nodes at the peak"
        );
    }

    #[test]
    fn service_marker_rows() {
        #[track_caller]
        fn check(svc: &str, dns: &str, expected: &[(&str, &str, f64)], note: bool) {
            let p = plan(|p| {
                p.service_cidr = net(svc);
                p.dns_service_ip = ip(dns);
            });
            let maps = maps_of(&p);
            let m = map(&maps, &format!("service CIDR {svc}"));
            assert_eq!(layout(m), expect(&[(Service, svc)]));
            let got: Vec<(String, String, f64)> = m
                .markers
                .iter()
                .map(|k| (k.label.clone(), k.addr.to_string(), k.fraction))
                .collect();
            let expected: Vec<(String, String, f64)> = expected
                .iter()
                .map(|&(l, a, f)| (l.to_string(), a.to_string(), f))
                .collect();
            assert_eq!(got, expected, "{svc} {dns}");
            assert_eq!(m.note.is_some(), note, "{svc} {dns}");
        }
        let k8s = "kubernetes.default";
        let dns = "DNS service IP";
        check(
            "10.1.0.0/16",
            "10.1.0.10",
            &[
                (k8s, "10.1.0.1", 1.0 / 65_536.0),
                (dns, "10.1.0.10", 10.0 / 65_536.0),
            ],
            false,
        );
        check(
            "10.1.0.0/16",
            "10.2.0.10",
            &[(k8s, "10.1.0.1", 1.0 / 65_536.0)],
            true,
        );
        check(
            "10.1.0.0/16",
            "10.1.0.1",
            &[
                (k8s, "10.1.0.1", 1.0 / 65_536.0),
                (dns, "10.1.0.1", 1.0 / 65_536.0),
            ],
            false,
        );
        check(
            "10.1.0.0/24",
            "10.1.0.255",
            &[
                (k8s, "10.1.0.1", 1.0 / 256.0),
                (dns, "10.1.0.255", 255.0 / 256.0),
            ],
            false,
        );
        check("10.1.0.0/32", "10.1.0.0", &[(dns, "10.1.0.0", 0.0)], false);
        check(
            "fd12:3456:789a:1::/108",
            "fd12:3456:789a:1::a",
            &[
                (k8s, "fd12:3456:789a:1::1", 1.0 / 1_048_576.0),
                (dns, "fd12:3456:789a:1::a", 10.0 / 1_048_576.0),
            ],
            false,
        );
    }

    #[test]
    fn growth_of_the_default_plan_matches_the_report() {
        let p = Plan::default();
        let report = evaluate(&p);
        let g = growth(&p, &report);
        assert_eq!((g.planned_peak, g.max_nodes_axis), (4, MIN_NODES_AXIS));
        assert_eq!(g.models.len(), report.models.len());
        for (mg, m) in g.models.iter().zip(&report.models) {
            assert_eq!(mg.model, m.model);
            assert_eq!(mg.node_limit, m.model.facts().node_limit.value);
            let node = &mg.lines[0];
            assert_eq!(node.range, RangeKind::NodeSubnet);
            assert_eq!(node.capacity, m.node_subnet_ips_available);
            assert_eq!(node.points[0], (0, m.node_subnet_ips_fixed));
            assert_eq!(
                node.points.last(),
                Some(&(10, 10 * m.node_subnet_ips_per_node))
            );
            // The planned peak needs what the report says it needs.
            assert_eq!(m.needed_at(4).0, m.node_subnet_ips_required, "{}", m.model);
            assert_eq!(mg.lines.len(), if m.pod_ips_per_node > 0 { 2 } else { 1 });
            if let Some(pod) = mg.lines.get(1) {
                assert_eq!(pod.range, RangeKind::PodRange);
                assert_eq!(pod.capacity, m.pod_ips_available);
                assert_eq!(pod.points.last(), Some(&(10, 10 * m.pod_ips_per_node)));
            }
        }
        // (label, capacity, points, runs out at) of each line of each model.
        type Row<'a> = (&'a str, u64, Vec<(u64, u64)>, Option<u64>);
        let rows: Vec<(ModelId, Vec<Row>)> = g
            .models
            .iter()
            .map(|mg| {
                let lines = mg
                    .lines
                    .iter()
                    .map(|l| {
                        (
                            l.label.as_str(),
                            l.capacity,
                            l.points.clone(),
                            l.runs_out_at,
                        )
                    })
                    .collect();
                (mg.model, lines)
            })
            .collect();
        let node = "node subnet 10.0.0.0/22";
        assert_eq!(
            rows,
            [
                (
                    ModelId::Kubenet,
                    vec![
                        (node, 1_019, vec![(0, 0), (10, 10)], None),
                        (
                            "pod CIDR 10.244.0.0/16",
                            65_536,
                            vec![(0, 0), (10, 2_560)],
                            None
                        ),
                    ]
                ),
                (
                    ModelId::AzureCni,
                    vec![(node, 1_019, vec![(0, 0), (10, 310)], None)]
                ),
                (
                    ModelId::AzureCniOverlay,
                    vec![
                        (node, 1_019, vec![(0, 0), (10, 10)], None),
                        (
                            "pod CIDR 10.244.0.0/16",
                            65_536,
                            vec![(0, 0), (10, 2_560)],
                            None
                        ),
                    ]
                ),
                (
                    ModelId::AzureCniCilium,
                    vec![
                        (node, 1_019, vec![(0, 0), (10, 10)], None),
                        (
                            "pod CIDR 10.244.0.0/16",
                            65_536,
                            vec![(0, 0), (10, 2_560)],
                            None
                        ),
                    ]
                ),
                (
                    ModelId::AzureCniPodSubnet,
                    vec![
                        (node, 1_019, vec![(0, 0), (10, 10)], None),
                        (
                            "pod subnet 10.0.64.0/18",
                            16_379,
                            vec![(0, 0), (10, 1_120)],
                            None
                        ),
                    ]
                ),
                (
                    ModelId::AzureCniPodSubnetStatic,
                    vec![
                        (node, 1_019, vec![(0, 0), (10, 10)], None),
                        (
                            "pod subnet 10.0.64.0/18",
                            16_379,
                            vec![(0, 0), (10, 1_120)],
                            None
                        ),
                    ]
                ),
            ]
        );
    }

    #[test]
    fn growth_runs_out_where_the_report_says() {
        // 30 nodes plus 1 surge: the axis runs to 47 nodes, and Azure CNI's /22 node
        // subnet (1,019 usable, 31 a node) holds 32 nodes: the report's max_nodes.
        let p = plan(|p| p.pools = vec![Pool::new("system", 30)]);
        let report = evaluate(&p);
        let g = growth(&p, &report);
        assert_eq!((g.planned_peak, g.max_nodes_axis), (31, 47));
        let cni = report.model(ModelId::AzureCni).unwrap();
        assert_eq!(cni.max_nodes, 32);
        let line = &g
            .models
            .iter()
            .find(|m| m.model == ModelId::AzureCni)
            .unwrap()
            .lines[0];
        assert_eq!(line.runs_out_at, Some(cni.max_nodes + 1));
        assert_eq!(line.points, [(0, 0), (33, 1_023), (47, 1_457)]);

        // Every line: needs over capacity from `runs_out_at` on, and not before.
        for mg in &g.models {
            let m = report.model(mg.model).unwrap();
            for l in &mg.lines {
                let needed = |nodes| match l.range {
                    RangeKind::NodeSubnet => m.needed_at(nodes).0,
                    RangeKind::PodRange => m.needed_at(nodes).1,
                };
                match l.runs_out_at {
                    Some(at) => {
                        assert!(needed(at) > l.capacity, "{} {}", mg.model, l.label);
                        assert!(at == 0 || needed(at - 1) <= l.capacity);
                        assert!(at <= g.max_nodes_axis);
                    }
                    None => assert!(needed(g.max_nodes_axis) <= l.capacity),
                }
            }
        }
        // The binding range of each model runs out right after its max nodes, unless
        // the node limit binds first or it is past the axis.
        for mg in &g.models {
            let m = report.model(mg.model).unwrap();
            let first = mg.lines.iter().filter_map(|l| l.runs_out_at).min();
            if m.max_nodes < mg.node_limit && m.max_nodes < g.max_nodes_axis {
                assert_eq!(first, Some(m.max_nodes + 1), "{}", mg.model);
            }
        }
    }

    #[test]
    fn growth_edges() {
        // No pools: the axis still runs to 10. A missing pod subnet holds nothing.
        let p = plan(|p| {
            p.pools = Vec::new();
            p.pod_subnet = None;
        });
        let g = growth(&p, &evaluate(&p));
        assert_eq!((g.planned_peak, g.max_nodes_axis), (0, 10));
        let dynamic = g
            .models
            .iter()
            .find(|m| m.model == ModelId::AzureCniPodSubnet)
            .unwrap();
        let pods = &dynamic.lines[1];
        assert_eq!(pods.label, "pod subnet (none in the plan)");
        assert_eq!((pods.capacity, pods.runs_out_at), (0, Some(1)));
        assert_eq!(pods.points[0], (0, 0));
        // A full node subnet runs out at 0 nodes.
        let p = plan(|p| p.internal_lb_ips = 2_000);
        let g = growth(&p, &evaluate(&p));
        assert!(g.models.iter().all(|m| m.lines[0].runs_out_at == Some(0)));
        assert_eq!(g.models[0].lines[0].points, [(0, 2_000), (10, 2_010)]);
        // Odd peaks round the axis up.
        let p = plan(|p| p.pools = vec![pool(11)]);
        assert_eq!(growth(&p, &evaluate(&p)).max_nodes_axis, 17);
    }

    #[test]
    fn nice_ticks_rows() {
        #[track_caller]
        fn check(max: u64, count: usize, expected: &[u64]) {
            assert_eq!(
                nice_ticks(max, count),
                expected,
                "nice_ticks({max}, {count})"
            );
        }
        check(0, 5, &[0]);
        check(1, 5, &[0, 1]);
        check(3, 10, &[0, 1, 2, 3]);
        check(10, 5, &[0, 2, 4, 6, 8, 10]);
        check(11, 5, &[0, 5, 10]);
        check(47, 5, &[0, 10, 20, 30, 40]);
        check(100, 5, &[0, 20, 40, 60, 80, 100]);
        check(101, 5, &[0, 50, 100]);
        check(1_500, 4, &[0, 500, 1_000, 1_500]);
        check(7_500, 5, &[0, 2_000, 4_000, 6_000]);
        check(7, 1, &[0]);
        check(7, 0, &[0]);
        check(
            u64::MAX,
            5,
            &[
                0,
                5_000_000_000_000_000_000,
                10_000_000_000_000_000_000,
                15_000_000_000_000_000_000,
            ],
        );
        check(u64::MAX, 1, &[0]);
    }

    #[test]
    fn maps_and_growth_serialize_for_the_js_api() {
        let p = Plan::default();
        let report = evaluate(&p);
        let maps: serde_json::Value =
            serde_json::from_str(&crate::json::to_string(&address_map(&p, &report)[..])).unwrap();
        let block = &maps[0]["blocks"][0];
        assert_eq!(block["start"], "10.0.0.0");
        assert_eq!(block["end"], "10.0.3.255");
        assert_eq!(block["kind"], "node_subnet");
        assert_eq!(block["prefixes"][0], "10.0.0.0/22");
        assert_eq!(block["addresses"], 1024);
        assert_eq!(block["usable"], 1019);
        assert_eq!(maps[0]["range"], "10.0.0.0/16");
        assert_eq!(maps[0]["kind"], "vnet");
        let service = &maps[maps.as_array().unwrap().len() - 1];
        assert_eq!(service["markers"][1]["addr"], "10.1.0.10");
        let g: serde_json::Value =
            serde_json::from_str(&crate::json::to_string(&growth(&p, &report))).unwrap();
        assert_eq!(g["models"][1]["model"], "azure-cni");
        assert_eq!(g["models"][1]["lines"][0]["range"], "node_subnet");
        assert_eq!(g["models"][1]["lines"][0]["points"][1][1], 310);
    }
}
