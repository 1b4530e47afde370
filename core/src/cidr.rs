//! CIDR arithmetic: strict parsing, Azure address counts, overlaps and free space.
//!
//! Every plan is a set of IP prefixes, and this module is the only place that does
//! arithmetic on them. It works on `ipnet`'s types for both families and never panics,
//! not even at the top of the address space (`255.255.255.255`, `::/0`).
//!
//! | Item | What it does |
//! |---|---|
//! | [`parse_net`], [`CidrError`] | parse `10.0.0.0/16`; reject a missing length or host bits set |
//! | [`parse_addr`], [`AddrError`] | parse a single address such as `10.0.0.10` |
//! | [`host_bits`], [`count`] | size of a prefix |
//! | [`azure_usable`], [`AZURE_RESERVED`] | addresses left once Azure takes its 5 per subnet |
//! | [`smallest_prefix_for`] | the smallest subnet that holds a number of addresses |
//! | [`overlaps`], [`contains`], [`first_overlap`] | relations between prefixes |
//! | [`free`] | what is left of a range once some prefixes are taken |
//! | [`span_prefixes`] | the fewest aligned prefixes covering an address range |
//! | [`fit`], [`FitError`] | the first free spot for a subnet of a given size |
//! | [`group_thousands`] | `1581` as `1,581`, for messages |
//!
//! A prefix with host bits set (`10.0.0.1/24`) is an input error, never silently
//! truncated: [`parse_net`] says which network was probably meant.
//!
//! ```
//! use aksnet_core::cidr;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let vnet = cidr::parse_net("10.0.0.0/16")?;
//! let nodes = cidr::parse_net("10.0.0.0/22")?;
//! assert_eq!(cidr::azure_usable(&nodes), 1019);
//!
//! // 50 nodes, surge 1, 30 pods each: 51 + 51 x 30 addresses need a /21.
//! assert_eq!(cidr::smallest_prefix_for(1581, false), Some(21));
//! let pods = cidr::fit(&vnet, &[nodes], 1581)?;
//! assert_eq!(pods.to_string(), "10.0.8.0/21");
//!
//! let err = cidr::parse_net("10.0.0.1/24").unwrap_err();
//! assert_eq!(err.to_string(), "10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?");
//! # Ok(())
//! # }
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

pub use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
pub use ipnet::{IpNet, Ipv4Net, Ipv6Net};

/// Addresses Azure reserves in every subnet: the network address, `.1` (gateway),
/// `.2` and `.3` (Azure DNS) and the last address.
pub const AZURE_RESERVED: u128 = 5;

/// The longest IPv4 prefix Azure accepts for a subnet: a /29, with 3 usable addresses.
pub const AZURE_SMALLEST_IPV4_PREFIX: u8 = 29;

/// Why a prefix did not parse in [`parse_net`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrError {
    /// The input was empty or only whitespace.
    Empty,
    /// An address with no `/length`, such as `10.0.0.0` or `10.0.0.0/`.
    MissingPrefixLength {
        /// The input, trimmed.
        input: String,
    },
    /// The address part is not an IPv4 or IPv6 address, or stray text follows it.
    InvalidAddress {
        /// The input, trimmed.
        input: String,
    },
    /// The prefix length is longer than the family allows.
    InvalidPrefixLength {
        /// The input, trimmed.
        input: String,
        /// The longest prefix length of the family: 32 or 128.
        max: u8,
    },
    /// The address has bits set past the prefix length, such as `10.0.0.1/24`.
    HostBitsSet {
        /// The input, trimmed.
        input: String,
        /// The network that was probably meant: the input with the host bits cleared.
        network: IpNet,
    },
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty input; expected a prefix such as 10.0.0.0/16"),
            Self::MissingPrefixLength { input } => {
                let example = if input.contains(':') {
                    "fd00::/64"
                } else {
                    "10.0.0.0/16"
                };
                write!(f, "{input} has no prefix length; expected e.g. {example}")
            }
            Self::InvalidAddress { input } => write!(f, "{input} is not a valid IP address"),
            Self::InvalidPrefixLength { input, max } => {
                let length = input.split_once('/').map_or("", |(_, length)| length);
                let family = if *max == 32 { "IPv4" } else { "IPv6" };
                write!(
                    f,
                    "/{length} in {input} is out of range for {family} (0 to {max})"
                )
            }
            Self::HostBitsSet { input, network } => {
                write!(f, "{input} has host bits set; did you mean {network}?")
            }
        }
    }
}

impl core::error::Error for CidrError {}

/// Why an address did not parse in [`parse_addr`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddrError {
    /// The input was empty or only whitespace.
    Empty,
    /// The input is not an IPv4 or IPv6 address.
    Invalid {
        /// The input, trimmed.
        input: String,
    },
}

impl fmt::Display for AddrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty input; expected an address such as 10.0.0.10"),
            Self::Invalid { input } => write!(f, "{input} is not a valid IP address"),
        }
    }
}

impl core::error::Error for AddrError {}

/// Why [`fit`] found no place for a subnet.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FitError {
    /// Even the whole of `within` (or the whole address space) has too few usable addresses.
    TooLarge {
        /// The usable addresses asked for.
        addresses: u128,
        /// The range searched.
        within: IpNet,
    },
    /// A prefix of the right size would fit, but every spot is taken.
    NoRoom {
        /// The prefix length looked for.
        prefix: u8,
        /// The range searched.
        within: IpNet,
    },
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { addresses, within } => {
                let (noun, verb) = if *addresses == 1 {
                    ("address", "does")
                } else {
                    ("addresses", "do")
                };
                write!(
                    f,
                    "{} {noun} {verb} not fit in {within} ({} usable)",
                    group_thousands(*addresses),
                    group_thousands(azure_usable(within)),
                )
            }
            Self::NoRoom { prefix, within } => write!(f, "no free /{prefix} left in {within}"),
        }
    }
}

impl core::error::Error for FitError {}

/// Parses an IPv4 or IPv6 prefix such as `10.0.0.0/16` or `fd00::/64`.
///
/// Strict: only surrounding whitespace is trimmed; the length is required, must be
/// decimal digits and in range for the family; and the address must be the network
/// address of the prefix.
///
/// # Errors
///
/// A [`CidrError`] naming the input and what is wrong with it. For host bits set
/// it carries the network that was probably meant.
pub fn parse_net(s: &str) -> Result<IpNet, CidrError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(CidrError::Empty);
    }
    let owned = || input.to_string();
    let Some((addr_text, length_text)) = input.split_once('/') else {
        return Err(match input.parse::<IpAddr>() {
            Ok(_) => CidrError::MissingPrefixLength { input: owned() },
            Err(_) => CidrError::InvalidAddress { input: owned() },
        });
    };
    let addr: IpAddr = addr_text
        .parse()
        .map_err(|_| CidrError::InvalidAddress { input: owned() })?;
    if length_text.is_empty() {
        return Err(CidrError::MissingPrefixLength { input: owned() });
    }
    if !length_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CidrError::InvalidAddress { input: owned() });
    }
    let max = max_prefix_len(addr);
    let out_of_range = || CidrError::InvalidPrefixLength {
        input: owned(),
        max,
    };
    // Digits only, checked above, so this is `u8`'s `FromStr` without its generic code.
    let length = length_text
        .bytes()
        .try_fold(0u8, |n, b| n.checked_mul(10)?.checked_add(b - b'0'))
        .ok_or_else(out_of_range)?;
    let net = IpNet::new(addr, length).map_err(|_| out_of_range())?;
    let network = net.trunc();
    if network != net {
        return Err(CidrError::HostBitsSet {
            input: owned(),
            network,
        });
    }
    Ok(net)
}

/// Parses a single IPv4 or IPv6 address such as `10.0.0.10`, trimming surrounding
/// whitespace.
///
/// # Errors
///
/// [`AddrError::Empty`] for blank input, [`AddrError::Invalid`] for anything else
/// that is not an address (a prefix such as `10.0.0.0/16` included).
pub fn parse_addr(s: &str) -> Result<IpAddr, AddrError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(AddrError::Empty);
    }
    input.parse().map_err(|_| AddrError::Invalid {
        input: input.to_string(),
    })
}

/// The number of host bits of a prefix: `32 - p` for IPv4, `128 - p` for IPv6.
pub fn host_bits(net: &IpNet) -> u8 {
    net.max_prefix_len() - net.prefix_len()
}

/// The number of addresses in a prefix, `2^host_bits`.
///
/// `::/0` holds 2^128 addresses, one more than a `u128` can hold: its count saturates
/// at `u128::MAX`.
pub fn count(net: &IpNet) -> u128 {
    count_for_host_bits(host_bits(net))
}

/// The addresses of a subnet left for use once Azure takes its [`AZURE_RESERVED`]
/// ones: `count - 5`, and 0 for prefixes of fewer than 5 addresses. Exact even for
/// `::/0`, whose count saturates: 2^128 - 5 is `u128::MAX - 4`.
pub fn azure_usable(net: &IpNet) -> u128 {
    usable_for_host_bits(host_bits(net))
}

fn usable_for_host_bits(bits: u8) -> u128 {
    match 1u128.checked_shl(bits.into()) {
        Some(count) => count.saturating_sub(AZURE_RESERVED),
        None => u128::MAX - (AZURE_RESERVED - 1),
    }
}

/// The longest prefix length whose subnet has at least `addresses` usable addresses
/// (see [`azure_usable`]), or `None` if no prefix of the family is that large.
///
/// For IPv4 the answer is never longer than [`AZURE_SMALLEST_IPV4_PREFIX`] (/29),
/// Azure's smallest subnet. IPv6 has no such floor: 0 addresses fit in a /128.
pub fn smallest_prefix_for(addresses: u128, ipv6: bool) -> Option<u8> {
    let (max, longest) = if ipv6 {
        (128, 128)
    } else {
        (32, AZURE_SMALLEST_IPV4_PREFIX)
    };
    (0..=longest)
        .rev()
        .find(|&prefix| usable_for_host_bits(max - prefix) >= addresses)
}

/// Whether two prefixes share at least one address. Prefixes of different families
/// never overlap.
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    same_family(a, b) && {
        let ((a_first, a_last), (b_first, b_last)) = (bounds(a), bounds(b));
        a_first <= b_last && b_first <= a_last
    }
}

/// Whether every address of `inner` is in `outer`. A prefix contains itself; prefixes
/// of different families never contain each other.
pub fn contains(outer: &IpNet, inner: &IpNet) -> bool {
    same_family(outer, inner) && {
        let ((outer_first, outer_last), (inner_first, inner_last)) = (bounds(outer), bounds(inner));
        outer_first <= inner_first && inner_last <= outer_last
    }
}

/// The first prefix of `list` that overlaps `net`, if any.
pub fn first_overlap<'a>(net: &IpNet, list: &'a [IpNet]) -> Option<&'a IpNet> {
    list.iter().find(|other| overlaps(net, other))
}

/// The free space of `within` once every prefix of `used` is taken, as the fewest
/// aligned prefixes, in address order.
///
/// `used` may hold anything: prefixes outside `within` or partly overlapping it,
/// nested or repeated ones; prefixes of the other family are ignored. Takes
/// O(n log n) for n used prefixes.
pub fn free(within: &IpNet, used: &[IpNet]) -> Vec<IpNet> {
    let ipv6 = is_ipv6(within);
    let (first, last) = bounds(within);
    let mut taken: Vec<(u128, u128)> = Vec::new();
    for net in used {
        if !same_family(within, net) {
            continue;
        }
        let (start, end) = bounds(net);
        if start <= last && first <= end {
            taken.push((start.max(first), end.min(last)));
        }
    }
    sort_pairs(&mut taken);

    let mut blocks = Vec::new();
    // The lowest address not yet known to be free or taken; `None` once past the top.
    let mut cursor = Some(first);
    for (start, end) in taken {
        let Some(next) = cursor else { break };
        if start > next {
            push_aligned_blocks(next, start - 1, ipv6, &mut blocks);
        }
        if end >= next {
            cursor = end.checked_add(1);
        }
    }
    if let Some(next) = cursor.filter(|&next| next <= last) {
        push_aligned_blocks(next, last, ipv6, &mut blocks);
    }
    blocks
}

/// The lowest free place in `within` for a subnet of at least `addresses` usable
/// addresses: a prefix of length [`smallest_prefix_for`]`(addresses)`, aligned, and
/// overlapping no prefix of `used` (which [`free`] describes). Takes O(n log n).
///
/// # Errors
///
/// [`FitError::TooLarge`] if even `within` as a whole has too few usable addresses,
/// [`FitError::NoRoom`] if no free spot of that size is left.
pub fn fit(within: &IpNet, used: &[IpNet], addresses: u128) -> Result<IpNet, FitError> {
    let prefix = smallest_prefix_for(addresses, is_ipv6(within))
        .filter(|&prefix| prefix >= within.prefix_len())
        .ok_or(FitError::TooLarge {
            addresses,
            within: *within,
        })?;
    // The minimal decomposition holds every aligned free block whole, so the first
    // block at least as large as the wanted prefix starts at the lowest free spot.
    free(within, used)
        .into_iter()
        .find(|block| block.prefix_len() <= prefix)
        .map(|block| IpNet::new_assert(block.network(), prefix))
        .ok_or(FitError::NoRoom {
            prefix,
            within: *within,
        })
}

/// The fewest aligned prefixes that cover `first..=last` exactly, in address order:
/// `10.0.1.0` to `10.0.3.255` is `10.0.1.0/24, 10.0.2.0/23`. Empty when `last` comes
/// before `first` or the two addresses are of different families.
pub fn span_prefixes(first: IpAddr, last: IpAddr) -> Vec<IpNet> {
    let mut blocks = Vec::new();
    match (first, last) {
        (IpAddr::V4(a), IpAddr::V4(b)) if a <= b => {
            push_aligned_blocks(u32::from(a).into(), u32::from(b).into(), false, &mut blocks);
        }
        (IpAddr::V6(a), IpAddr::V6(b)) if a <= b => {
            push_aligned_blocks(a.into(), b.into(), true, &mut blocks);
        }
        _ => {}
    }
    blocks
}

/// Writes a number with a comma every three digits: `1581` as `"1,581"`.
pub fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// How the prefixes of a list nest, for overlap questions about the whole list in
/// O(n log n) instead of every prefix against every other.
///
/// Prefixes never partly overlap: two are disjoint or one holds the other. Sorted by
/// (family, first address, length), each prefix comes right after the prefixes that
/// hold it, so one sweep with a stack of the open ones gives each prefix the smallest
/// prefix holding it. Equal prefixes form one group, named by its first position. A
/// chain of groups, each holding the next, has strictly growing lengths: at most 33
/// groups for IPv4, 129 for IPv6, so walking up from a group is O(d) for d lengths.
///
/// Positions are places in the list. [`Nest::insert`] marks a position; the `first_*`
/// queries return the smallest marked position overlapping (or holding) a prefix of
/// the list; [`Nest::clear`] unmarks them all. Inserting positions from the last to the
/// first and asking before each insertion answers "the first later prefix that
/// overlaps this one".
pub(crate) struct Nest {
    /// (first address, length << 64 | position) of every prefix: the IPv4 ones
    /// sorted, then the IPv6 ones sorted. The same tuple type as `free` sorts.
    sorted: Vec<(u128, u128)>,
    /// By position: see [`Spot`].
    spots: Vec<Spot>,
}

/// What [`Nest`] keeps for one position; all but `group` only for the first position
/// of a group.
#[derive(Clone, Copy)]
struct Spot {
    /// The first position of the prefixes equal to this one.
    group: usize,
    /// The group of the smallest prefix holding this one's, or [`NONE`].
    up: usize,
    /// Where the group starts in `sorted`, how many prefixes it has, and where the
    /// prefixes inside it end.
    start: usize,
    copies: usize,
    end: usize,
    /// The smallest marked position in the group, and inside it; how many marked in it.
    own: usize,
    below: usize,
    marked: usize,
}

/// No position.
const NONE: usize = usize::MAX;

const UNMARKED: Spot = Spot {
    group: NONE,
    up: NONE,
    start: 0,
    copies: 1,
    end: 0,
    own: NONE,
    below: NONE,
    marked: 0,
};

/// `Some(position)` unless it is [`NONE`].
fn found(position: usize) -> Option<usize> {
    (position != NONE).then_some(position)
}

impl Nest {
    /// The nesting of `list`, nothing marked. O(n log n).
    #[allow(clippy::needless_range_loop)] // an index, not iterator adapters: less wasm
    pub(crate) fn new(list: &[IpNet]) -> Nest {
        let mut sorted: Vec<(u128, u128)> = Vec::with_capacity(list.len());
        let mut spots = alloc::vec![UNMARKED; list.len()];
        // The groups holding the prefix at hand, innermost last: (last address, key).
        let mut open: Vec<(u128, u128)> = Vec::new();
        for v6 in [false, true] {
            let from = sorted.len();
            for (k, net) in list.iter().enumerate() {
                if is_ipv6(net) == v6 {
                    sorted.push((
                        bounds(net).0,
                        u128::from(net.prefix_len()) << 64 | k as u128,
                    ));
                }
            }
            sort_pairs(&mut sorted[from..]);
            open.clear();
            for s in from..sorted.len() {
                let (first, key) = sorted[s];
                let k = key as u64 as usize;
                let width = if v6 { 0 } else { 96 };
                let last = first
                    | u128::MAX
                        .checked_shr((key >> 64) as u32 + width)
                        .unwrap_or(0);
                // Close the groups that end before this prefix: the one left on top holds it.
                while let Some(&(end, g)) = open.last() {
                    if end >= first {
                        break;
                    }
                    spots[g as u64 as usize].end = s;
                    open.pop();
                }
                let spot = match open.last().copied() {
                    Some((end, g)) if end == last && g >> 64 == key >> 64 => {
                        spots[k].group = g as u64 as usize;
                        &mut spots[g as u64 as usize]
                    }
                    top => {
                        open.push((last, key));
                        spots[k] = Spot {
                            group: k,
                            up: top.map_or(NONE, |(_, g)| g as u64 as usize),
                            start: s,
                            copies: 0,
                            ..UNMARKED
                        };
                        &mut spots[k]
                    }
                };
                spot.copies += 1;
            }
            for &(_, g) in &open {
                spots[g as u64 as usize].end = sorted.len();
            }
        }
        Nest { sorted, spots }
    }

    /// The first position of the prefixes equal to the one at `position`.
    pub(crate) fn group(&self, position: usize) -> usize {
        self.spots[position].group
    }

    /// Unmarks every position.
    pub(crate) fn clear(&mut self) {
        for spot in &mut self.spots {
            (spot.own, spot.below, spot.marked) = (NONE, NONE, 0);
        }
    }

    /// Marks `position`. O(d) for d prefix lengths.
    pub(crate) fn insert(&mut self, position: usize) {
        let g = self.spots[position].group;
        let spot = &mut self.spots[g];
        spot.own = spot.own.min(position);
        spot.marked += 1;
        let mut up = spot.up;
        while up != NONE {
            let spot = &mut self.spots[up];
            spot.below = spot.below.min(position);
            up = spot.up;
        }
    }

    /// The group of `position`, then the smallest marked position and the number marked
    /// in the groups holding it (not its own).
    fn around(&self, position: usize) -> (&Spot, usize, usize) {
        let spot = &self.spots[self.spots[position].group];
        let (mut first, mut marked, mut up) = (NONE, 0, spot.up);
        while up != NONE {
            let s = &self.spots[up];
            (first, marked, up) = (first.min(s.own), marked + s.marked, s.up);
        }
        (spot, first, marked)
    }

    /// The smallest marked position whose prefix holds the one at `position` (or equals it).
    pub(crate) fn first_holding(&self, position: usize) -> Option<usize> {
        let (spot, first, _) = self.around(position);
        found(first.min(spot.own))
    }

    /// The smallest marked position whose prefix holds the one at `position` and is
    /// larger.
    pub(crate) fn first_above(&self, position: usize) -> Option<usize> {
        found(self.around(position).1)
    }

    /// The smallest marked position whose prefix overlaps the one at `position`.
    pub(crate) fn first_overlap(&self, position: usize) -> Option<usize> {
        let (spot, first, _) = self.around(position);
        found(first.min(spot.own).min(spot.below))
    }

    /// How many marked prefixes hold the one at `position` and are not equal to it, how
    /// many are equal to it, and whether a marked one is inside it and not equal.
    pub(crate) fn holding_count(&self, position: usize) -> (usize, usize, bool) {
        let (spot, _, marked) = self.around(position);
        (marked, spot.marked, spot.below != NONE)
    }

    /// The prefixes inside the one at `position` (or equal to it), as entries of
    /// `sorted` (the position is the low 64 bits of the second), in no particular order.
    pub(crate) fn inside(&self, position: usize) -> &[(u128, u128)] {
        let spot = &self.spots[self.spots[position].group];
        &self.sorted[spot.start..spot.end]
    }

    /// Every position whose prefix overlaps the one at `position` (itself too), ascending.
    pub(crate) fn overlapping(&self, position: usize) -> Vec<usize> {
        // (position, 0): sorted by the one sort there is, `sort_pairs`.
        let mut hits: Vec<(u128, u128)> = Vec::new();
        let mut g = self.spots[position].group;
        let mut whole = true;
        while g != NONE {
            // All of the group's own subtree, the copies alone of the groups holding it.
            let spot = &self.spots[g];
            let end = if whole {
                spot.end
            } else {
                spot.start + spot.copies
            };
            for e in &self.sorted[spot.start..end] {
                hits.push((u128::from(e.1 as u64), 0));
            }
            (g, whole) = (spot.up, false);
        }
        sort_pairs(&mut hits);
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            out.push(h.0 as usize);
        }
        out
    }
}

/// Sorts pairs into ascending order: runs of 16 by insertion, then merged in passes of
/// doubling width between `v` and one buffer. O(n log n) in every case and reading
/// memory in order, so as fast as the standard sort on these inputs (a heapsort was
/// half as fast at 10,000 prefixes), in a few hundred bytes of wasm where the standard
/// unstable sort is several kilobytes. Equal pairs are indistinguishable, so the result
/// is the same as `sort_unstable`'s. Every sort in the crate's bundle code is of this
/// one type.
pub(crate) fn sort_pairs(v: &mut [(u128, u128)]) {
    const RUN: usize = 16;
    for run in v.chunks_mut(RUN) {
        for i in 1..run.len() {
            let mut j = i;
            while j > 0 && run[j - 1] > run[j] {
                run.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    if v.len() <= RUN {
        return;
    }
    // Merges each two neighbouring sorted runs of `width` from `src` into `dst`.
    fn merge_pass(src: &[(u128, u128)], dst: &mut [(u128, u128)], width: usize) {
        let len = src.len();
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut dst[start..end] {
                if j >= end || (i < mid && src[i] <= src[j]) {
                    *slot = src[i];
                    i += 1;
                } else {
                    *slot = src[j];
                    j += 1;
                }
            }
            start = end;
        }
    }
    let mut buf = v.to_vec();
    let mut width = RUN;
    let mut in_buf = false;
    while width < v.len() {
        if in_buf {
            merge_pass(&buf, v, width);
        } else {
            merge_pass(v, &mut buf, width);
        }
        in_buf = !in_buf;
        width *= 2;
    }
    if in_buf {
        v.copy_from_slice(&buf);
    }
}

fn max_prefix_len(addr: IpAddr) -> u8 {
    if addr.is_ipv4() { 32 } else { 128 }
}

fn is_ipv6(net: &IpNet) -> bool {
    matches!(net, IpNet::V6(_))
}

fn same_family(a: &IpNet, b: &IpNet) -> bool {
    is_ipv6(a) == is_ipv6(b)
}

/// `2^bits`, saturating at `u128::MAX` for 128 bits.
fn count_for_host_bits(bits: u8) -> u128 {
    1u128.checked_shl(bits.into()).unwrap_or(u128::MAX)
}

/// The first and last address of a prefix as integers, host bits ignored. Not inlined:
/// one copy of it serves every caller, which keeps the wasm small.
#[inline(never)]
pub(crate) fn bounds(net: &IpNet) -> (u128, u128) {
    match net {
        IpNet::V4(net) => (
            u32::from(net.network()).into(),
            u32::from(net.broadcast()).into(),
        ),
        IpNet::V6(net) => (u128::from(net.network()), u128::from(net.broadcast())),
    }
}

/// Appends the fewest aligned prefixes that cover `first..=last` exactly: at each
/// step the largest block that starts at `first`, is aligned there and ends by `last`.
fn push_aligned_blocks(mut first: u128, last: u128, ipv6: bool, out: &mut Vec<IpNet>) {
    let family_bits = if ipv6 { 128 } else { 32 };
    loop {
        // The largest b with 2^b - 1 <= last - first, computed without overflow.
        let span = last - first;
        let fits = span
            .checked_add(1)
            .map_or(128, |len| 127 - len.leading_zeros());
        let bits = fits.min(first.trailing_zeros()).min(family_bits);
        let block_last = first + u128::MAX.checked_shr(128 - bits).unwrap_or(0);
        out.push(block(first, bits, ipv6));
        if block_last >= last {
            break;
        }
        first = block_last + 1;
    }
}

/// The prefix of `2^host_bits` addresses starting at `first`, which is aligned to it.
fn block(first: u128, host_bits: u32, ipv6: bool) -> IpNet {
    // `host_bits` is at most the family's width, so the prefix length is valid and
    // `new_assert` cannot panic; `first` fits the family because it lies in a prefix of it.
    if ipv6 {
        IpNet::V6(Ipv6Net::new_assert(
            Ipv6Addr::from(first),
            (128 - host_bits) as u8,
        ))
    } else {
        IpNet::V4(Ipv4Net::new_assert(
            Ipv4Addr::from(first as u32),
            (32 - host_bits) as u8,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn net(s: &str) -> IpNet {
        parse_net(s).expect("test prefixes are valid")
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| net(s)).collect()
    }

    fn display(list: &[IpNet]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn parse_net_rows() {
        fn check(input: &str, expected: Result<&str, &str>) {
            let got = parse_net(input)
                .map(|n| n.to_string())
                .map_err(|e| e.to_string());
            let expected = expected.map(String::from).map_err(String::from);
            assert_eq!(got, expected, "input {input:?}");
        }
        check("10.0.0.0/16", Ok("10.0.0.0/16"));
        check(" 10.0.0.0/16 ", Ok("10.0.0.0/16"));
        check("\t10.0.0.0/16\n", Ok("10.0.0.0/16"));
        check("0.0.0.0/0", Ok("0.0.0.0/0"));
        check("10.0.0.0/8", Ok("10.0.0.0/8"));
        check("10.0.0.8/29", Ok("10.0.0.8/29"));
        check("10.0.0.2/31", Ok("10.0.0.2/31"));
        check("10.0.0.1/32", Ok("10.0.0.1/32"));
        check("255.255.255.255/32", Ok("255.255.255.255/32"));
        check("255.255.255.254/31", Ok("255.255.255.254/31"));
        check("10.0.0.0/016", Ok("10.0.0.0/16"));
        check("::/0", Ok("::/0"));
        check("fd00::/64", Ok("fd00::/64"));
        check("FD12:3456:789A:1::/108", Ok("fd12:3456:789a:1::/108"));
        check("2001:db8::1/128", Ok("2001:db8::1/128"));
        check(
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
            Ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"),
        );
        check("::ffff:10.0.0.0/120", Ok("::ffff:10.0.0.0/120"));

        check(
            "",
            Err("empty input; expected a prefix such as 10.0.0.0/16"),
        );
        check(
            "   ",
            Err("empty input; expected a prefix such as 10.0.0.0/16"),
        );
        check(
            "10.0.0.0",
            Err("10.0.0.0 has no prefix length; expected e.g. 10.0.0.0/16"),
        );
        check(
            "10.0.0.0/",
            Err("10.0.0.0/ has no prefix length; expected e.g. 10.0.0.0/16"),
        );
        check(
            "fd00::",
            Err("fd00:: has no prefix length; expected e.g. fd00::/64"),
        );
        check(
            "10.0.0.1/24",
            Err("10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?"),
        );
        check(
            " 10.0.0.1/24",
            Err("10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?"),
        );
        check(
            "255.255.255.255/0",
            Err("255.255.255.255/0 has host bits set; did you mean 0.0.0.0/0?"),
        );
        check(
            "fd00::1/64",
            Err("fd00::1/64 has host bits set; did you mean fd00::/64?"),
        );
        check(
            "10.0.0.0/33",
            Err("/33 in 10.0.0.0/33 is out of range for IPv4 (0 to 32)"),
        );
        check(
            "10.0.0.0/256",
            Err("/256 in 10.0.0.0/256 is out of range for IPv4 (0 to 32)"),
        );
        check(
            "::/129",
            Err("/129 in ::/129 is out of range for IPv6 (0 to 128)"),
        );
        check(
            "300.1.1.1/24",
            Err("300.1.1.1/24 is not a valid IP address"),
        );
        check("300.1.1.1", Err("300.1.1.1 is not a valid IP address"));
        check("10.0.0/16", Err("10.0.0/16 is not a valid IP address"));
        check(
            "010.0.0.0/16",
            Err("010.0.0.0/16 is not a valid IP address"),
        );
        check(
            "10.0.0.0/16x",
            Err("10.0.0.0/16x is not a valid IP address"),
        );
        check(
            "10.0.0.0/16 x",
            Err("10.0.0.0/16 x is not a valid IP address"),
        );
        check(
            "10.0.0.0 /16",
            Err("10.0.0.0 /16 is not a valid IP address"),
        );
        check(
            "10.0.0.0/ 16",
            Err("10.0.0.0/ 16 is not a valid IP address"),
        );
        check(
            "10.0.0.0/+16",
            Err("10.0.0.0/+16 is not a valid IP address"),
        );
        check(
            "10.0.0.0/16/8",
            Err("10.0.0.0/16/8 is not a valid IP address"),
        );
        check("/16", Err("/16 is not a valid IP address"));
        check("[fd00::]/64", Err("[fd00::]/64 is not a valid IP address"));
        check(
            "fe80::%eth0/64",
            Err("fe80::%eth0/64 is not a valid IP address"),
        );
        check("hello", Err("hello is not a valid IP address"));
    }

    #[test]
    fn parse_net_error_variants() {
        assert_eq!(parse_net(" \n"), Err(CidrError::Empty));
        assert_eq!(
            parse_net("10.0.0.1/24"),
            Err(CidrError::HostBitsSet {
                input: "10.0.0.1/24".into(),
                network: net("10.0.0.0/24")
            })
        );
        assert_eq!(
            parse_net("::/129"),
            Err(CidrError::InvalidPrefixLength {
                input: "::/129".into(),
                max: 128
            })
        );
        assert_eq!(
            parse_net("10.0.0.0"),
            Err(CidrError::MissingPrefixLength {
                input: "10.0.0.0".into()
            })
        );
        assert_eq!(
            parse_net("10.0.0.0/16x"),
            Err(CidrError::InvalidAddress {
                input: "10.0.0.0/16x".into()
            })
        );
    }

    #[test]
    fn parse_addr_rows() {
        fn check(input: &str, expected: Result<&str, &str>) {
            let got = parse_addr(input)
                .map(|a| a.to_string())
                .map_err(|e| e.to_string());
            let expected = expected.map(String::from).map_err(String::from);
            assert_eq!(got, expected, "input {input:?}");
        }
        check("10.0.0.10", Ok("10.0.0.10"));
        check(" 10.0.0.10\n", Ok("10.0.0.10"));
        check("255.255.255.255", Ok("255.255.255.255"));
        check("fd12:3456:789A::1", Ok("fd12:3456:789a::1"));
        check("::", Ok("::"));
        check(
            "",
            Err("empty input; expected an address such as 10.0.0.10"),
        );
        check("10.0.0.0/16", Err("10.0.0.0/16 is not a valid IP address"));
        check("10.0.0.256", Err("10.0.0.256 is not a valid IP address"));
        check("10.0.0.1 x", Err("10.0.0.1 x is not a valid IP address"));
    }

    #[test]
    fn sizes() {
        fn check(input: &str, expected: (u8, u128, u128)) {
            let n = net(input);
            assert_eq!(
                (host_bits(&n), count(&n), azure_usable(&n)),
                expected,
                "{input}"
            );
        }
        check("0.0.0.0/0", (32, 1 << 32, (1 << 32) - 5));
        check("10.0.0.0/8", (24, 1 << 24, (1 << 24) - 5));
        check("10.0.0.0/21", (11, 2048, 2043));
        check("10.0.0.0/22", (10, 1024, 1019));
        check("10.0.0.0/24", (8, 256, 251));
        check("10.0.0.0/29", (3, 8, 3));
        check("10.0.0.0/30", (2, 4, 0));
        check("10.0.0.0/31", (1, 2, 0));
        check("10.0.0.1/32", (0, 1, 0));
        check("255.255.255.255/32", (0, 1, 0));
        check("::/0", (128, u128::MAX, u128::MAX - 4)); // 2^128 - 5
        check("::/1", (127, 1 << 127, (1 << 127) - 5));
        check("fd00::/64", (64, 1 << 64, (1 << 64) - 5));
        check("fd12:3456:789a:1::/108", (20, 1 << 20, (1 << 20) - 5));
        check("::1/128", (0, 1, 0));
    }

    #[test]
    fn smallest_prefix_rows() {
        fn check(addresses: u128, ipv6: bool, expected: Option<u8>) {
            assert_eq!(
                smallest_prefix_for(addresses, ipv6),
                expected,
                "{addresses} ipv6={ipv6}"
            );
        }
        check(0, false, Some(29));
        check(1, false, Some(29));
        check(3, false, Some(29));
        check(4, false, Some(28));
        check(251, false, Some(24));
        check(252, false, Some(23));
        check(1019, false, Some(22));
        check(1581, false, Some(21));
        check(2043, false, Some(21));
        check(2044, false, Some(20));
        check((1 << 32) - 5, false, Some(0));
        check((1 << 32) - 4, false, None);
        check(1 << 32, false, None);
        check(u128::MAX, false, None);
        check(0, true, Some(128));
        check(1, true, Some(125));
        check((1 << 64) - 5, true, Some(64));
        check(1 << 64, true, Some(63));
        check(u128::MAX - 4, true, Some(0)); // 2^128 - 5 usable in ::/0
        check(u128::MAX - 3, true, None);
    }

    #[test]
    fn relation_rows() {
        fn check(a: &str, b: &str, expected: (bool, bool, bool)) {
            let (a, b) = (net(a), net(b));
            let got = (overlaps(&a, &b), contains(&a, &b), contains(&b, &a));
            assert_eq!(
                got, expected,
                "{a} {b}: (overlaps, a contains b, b contains a)"
            );
            assert_eq!(
                overlaps(&b, &a),
                expected.0,
                "overlaps is symmetric: {a} {b}"
            );
        }
        check("10.0.0.0/16", "10.0.0.0/16", (true, true, true));
        check("10.0.0.0/16", "10.0.4.0/22", (true, true, false));
        check("10.0.0.0/16", "10.1.0.0/16", (false, false, false));
        check("10.0.0.0/16", "9.255.255.255/32", (false, false, false));
        check("10.0.0.0/16", "10.0.255.255/32", (true, true, false));
        check("0.0.0.0/0", "255.255.255.255/32", (true, true, false));
        check("172.16.0.0/12", "172.31.0.0/16", (true, true, false));
        check(
            "::/0",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
            (true, true, false),
        );
        check("fd00::/64", "fd00:0:0:1::/64", (false, false, false));
        check("0.0.0.0/0", "::/0", (false, false, false));
        check("10.0.0.0/8", "::a00:0/104", (false, false, false));
        check("::ffff:10.0.0.0/104", "10.0.0.0/8", (false, false, false));
    }

    #[test]
    fn first_overlap_rows() {
        let list = nets(&["10.0.0.0/24", "fd00::/64", "10.1.0.0/16", "10.1.2.0/24"]);
        assert_eq!(first_overlap(&net("10.1.2.0/23"), &list), Some(&list[2]));
        assert_eq!(first_overlap(&net("10.0.0.128/25"), &list), Some(&list[0]));
        assert_eq!(first_overlap(&net("fd00::/16"), &list), Some(&list[1]));
        assert_eq!(first_overlap(&net("10.2.0.0/16"), &list), None);
        assert_eq!(first_overlap(&net("0.0.0.0/0"), &[]), None);
    }

    #[test]
    fn free_rows() {
        fn check(within: &str, used: &[&str], expected: &[&str]) {
            let got = display(&free(&net(within), &nets(used)));
            assert_eq!(got, expected, "free({within}, {used:?})");
        }
        check("10.0.0.0/16", &[], &["10.0.0.0/16"]);
        check(
            "10.0.0.0/16",
            &["10.0.0.0/22"],
            &[
                "10.0.4.0/22",
                "10.0.8.0/21",
                "10.0.16.0/20",
                "10.0.32.0/19",
                "10.0.64.0/18",
                "10.0.128.0/17",
            ],
        );
        check(
            "10.0.0.0/24",
            &["10.0.0.64/26"],
            &["10.0.0.0/26", "10.0.0.128/25"],
        );
        check(
            "10.0.0.0/24",
            &["10.0.0.5/32"],
            &[
                "10.0.0.0/30",
                "10.0.0.4/32",
                "10.0.0.6/31",
                "10.0.0.8/29",
                "10.0.0.16/28",
                "10.0.0.32/27",
                "10.0.0.64/26",
                "10.0.0.128/25",
            ],
        );
        // Outside, overlapping from outside, nested, repeated and other-family used prefixes.
        check(
            "10.0.0.0/24",
            &["10.1.0.0/16", "9.0.0.0/8", "fd00::/8"],
            &["10.0.0.0/24"],
        );
        check("10.0.1.0/24", &["10.0.0.0/16"], &[]);
        check(
            "10.0.0.0/24",
            &["10.0.0.0/25", "10.0.0.0/26", "10.0.0.0/25", "10.0.0.0/27"],
            &["10.0.0.128/25"],
        );
        check(
            "10.0.0.0/24",
            &[
                "10.0.0.128/26",
                "10.0.0.0/26",
                "10.0.0.192/26",
                "10.0.0.64/26",
            ],
            &[],
        );
        check("10.0.0.0/24", &["10.0.0.0/24"], &[]);
        check(
            "10.0.0.0/24",
            &["10.0.0.16/28", "10.0.0.0/25", "10.0.0.200/29"],
            &[
                "10.0.0.128/26",
                "10.0.0.192/29",
                "10.0.0.208/28",
                "10.0.0.224/27",
            ],
        );
        check(
            "10.0.0.0/24",
            &["10.0.0.1/32", "10.0.0.254/32"],
            &[
                "10.0.0.0/32",
                "10.0.0.2/31",
                "10.0.0.4/30",
                "10.0.0.8/29",
                "10.0.0.16/28",
                "10.0.0.32/27",
                "10.0.0.64/26",
                "10.0.0.128/26",
                "10.0.0.192/27",
                "10.0.0.224/28",
                "10.0.0.240/29",
                "10.0.0.248/30",
                "10.0.0.252/31",
                "10.0.0.255/32",
            ],
        );
        // Gaps ending at the last address of the space.
        check(
            "255.255.255.0/24",
            &["255.255.255.0/25"],
            &["255.255.255.128/25"],
        );
        check(
            "255.255.255.0/24",
            &["255.255.255.0/32"],
            &[
                "255.255.255.1/32",
                "255.255.255.2/31",
                "255.255.255.4/30",
                "255.255.255.8/29",
                "255.255.255.16/28",
                "255.255.255.32/27",
                "255.255.255.64/26",
                "255.255.255.128/25",
            ],
        );
        check("255.255.255.255/32", &[], &["255.255.255.255/32"]);
        check("255.255.255.255/32", &["255.255.255.255/32"], &[]);
        check("0.0.0.0/0", &[], &["0.0.0.0/0"]);
        check("0.0.0.0/0", &["0.0.0.0/1"], &["128.0.0.0/1"]);
        check(
            "0.0.0.0/0",
            &["255.255.255.255/32"],
            &[
                "0.0.0.0/1",
                "128.0.0.0/2",
                "192.0.0.0/3",
                "224.0.0.0/4",
                "240.0.0.0/5",
                "248.0.0.0/6",
                "252.0.0.0/7",
                "254.0.0.0/8",
                "255.0.0.0/9",
                "255.128.0.0/10",
                "255.192.0.0/11",
                "255.224.0.0/12",
                "255.240.0.0/13",
                "255.248.0.0/14",
                "255.252.0.0/15",
                "255.254.0.0/16",
                "255.255.0.0/17",
                "255.255.128.0/18",
                "255.255.192.0/19",
                "255.255.224.0/20",
                "255.255.240.0/21",
                "255.255.248.0/22",
                "255.255.252.0/23",
                "255.255.254.0/24",
                "255.255.255.0/25",
                "255.255.255.128/26",
                "255.255.255.192/27",
                "255.255.255.224/28",
                "255.255.255.240/29",
                "255.255.255.248/30",
                "255.255.255.252/31",
                "255.255.255.254/32",
            ],
        );
        check(
            "0.0.0.0/0",
            &["0.0.0.0/32", "255.255.255.255/32"],
            &[
                "0.0.0.1/32",
                "0.0.0.2/31",
                "0.0.0.4/30",
                "0.0.0.8/29",
                "0.0.0.16/28",
                "0.0.0.32/27",
                "0.0.0.64/26",
                "0.0.0.128/25",
                "0.0.1.0/24",
                "0.0.2.0/23",
                "0.0.4.0/22",
                "0.0.8.0/21",
                "0.0.16.0/20",
                "0.0.32.0/19",
                "0.0.64.0/18",
                "0.0.128.0/17",
                "0.1.0.0/16",
                "0.2.0.0/15",
                "0.4.0.0/14",
                "0.8.0.0/13",
                "0.16.0.0/12",
                "0.32.0.0/11",
                "0.64.0.0/10",
                "0.128.0.0/9",
                "1.0.0.0/8",
                "2.0.0.0/7",
                "4.0.0.0/6",
                "8.0.0.0/5",
                "16.0.0.0/4",
                "32.0.0.0/3",
                "64.0.0.0/2",
                "128.0.0.0/2",
                "192.0.0.0/3",
                "224.0.0.0/4",
                "240.0.0.0/5",
                "248.0.0.0/6",
                "252.0.0.0/7",
                "254.0.0.0/8",
                "255.0.0.0/9",
                "255.128.0.0/10",
                "255.192.0.0/11",
                "255.224.0.0/12",
                "255.240.0.0/13",
                "255.248.0.0/14",
                "255.252.0.0/15",
                "255.254.0.0/16",
                "255.255.0.0/17",
                "255.255.128.0/18",
                "255.255.192.0/19",
                "255.255.224.0/20",
                "255.255.240.0/21",
                "255.255.248.0/22",
                "255.255.252.0/23",
                "255.255.254.0/24",
                "255.255.255.0/25",
                "255.255.255.128/26",
                "255.255.255.192/27",
                "255.255.255.224/28",
                "255.255.255.240/29",
                "255.255.255.248/30",
                "255.255.255.252/31",
                "255.255.255.254/32",
            ],
        );
        // IPv6, up to the top of the space.
        check("::/0", &[], &["::/0"]);
        check("::/0", &["::/1"], &["8000::/1"]);
        check("::/0", &["0.0.0.0/0"], &["::/0"]);
        check(
            "fd00::/62",
            &["fd00:0:0:1::/64"],
            &["fd00::/64", "fd00:0:0:2::/63"],
        );
        check(
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124",
            &[
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/125",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126",
            ],
            &["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/126"],
        );
        check(
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124",
            &["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/125"],
            &["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/125"],
        );
        check(
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
            &["::/0"],
            &[],
        );
    }

    #[test]
    fn free_of_whole_ipv6_space_around_one_address() {
        let blocks = free(&net("::/0"), &nets(&["::1/128"]));
        assert_eq!(blocks.len(), 128);
        assert_eq!(display(&blocks[..3]), ["::/128", "::2/127", "::4/126"]);
        assert_eq!(blocks[127].to_string(), "8000::/1");
    }

    #[test]
    fn fit_rows() {
        fn check(within: &str, used: &[&str], addresses: u128, expected: Result<&str, &str>) {
            let got = fit(&net(within), &nets(used), addresses)
                .map(|n| n.to_string())
                .map_err(|e| e.to_string());
            let expected = expected.map(String::from).map_err(String::from);
            assert_eq!(got, expected, "fit({within}, {used:?}, {addresses})");
        }
        check("10.0.0.0/16", &[], 1581, Ok("10.0.0.0/21"));
        check("10.0.0.0/16", &["10.0.0.0/22"], 1581, Ok("10.0.8.0/21"));
        check("10.0.0.0/16", &["10.0.0.0/22"], 1019, Ok("10.0.4.0/22"));
        check(
            "10.0.0.0/16",
            &["10.0.0.0/22", "10.0.4.0/29"],
            1,
            Ok("10.0.4.8/29"),
        );
        check(
            "10.0.0.0/16",
            &["10.0.0.0/22", "10.1.0.0/16", "fd00::/8"],
            251,
            Ok("10.0.4.0/24"),
        );
        check(
            "10.0.0.0/24",
            &["10.0.0.0/26", "10.0.0.128/26"],
            59,
            Ok("10.0.0.64/26"),
        );
        check(
            "10.0.0.0/24",
            &["10.0.0.0/26", "10.0.0.128/26"],
            60,
            Err("no free /25 left in 10.0.0.0/24"),
        );
        check("10.0.0.0/24", &[], 251, Ok("10.0.0.0/24"));
        check(
            "10.0.0.0/24",
            &[],
            252,
            Err("252 addresses do not fit in 10.0.0.0/24 (251 usable)"),
        );
        check(
            "10.0.0.0/24",
            &[],
            10_000,
            Err("10,000 addresses do not fit in 10.0.0.0/24 (251 usable)"),
        );
        check(
            "10.0.0.0/30",
            &[],
            1,
            Err("1 address does not fit in 10.0.0.0/30 (0 usable)"),
        );
        check(
            "0.0.0.0/0",
            &[],
            1 << 32,
            Err("4,294,967,296 addresses do not fit in 0.0.0.0/0 (4,294,967,291 usable)"),
        );
        check(
            "10.0.0.0/16",
            &["10.0.0.0/17", "10.0.192.0/18"],
            2044,
            Ok("10.0.128.0/20"),
        );
        check(
            "10.0.0.0/16",
            &["10.0.0.0/17", "10.0.160.0/19", "10.0.224.0/19"],
            4092,
            Ok("10.0.128.0/19"),
        );
        check(
            "10.0.0.0/16",
            &["10.0.0.0/17", "10.0.160.0/19", "10.0.224.0/19"],
            8188,
            Err("no free /18 left in 10.0.0.0/16"),
        );
        check(
            "10.0.0.0/16",
            &["10.0.0.0/16"],
            1,
            Err("no free /29 left in 10.0.0.0/16"),
        );
        check(
            "10.0.0.0/16",
            &["10.0.0.0/8"],
            1,
            Err("no free /29 left in 10.0.0.0/16"),
        );
        check(
            "255.255.255.0/24",
            &["255.255.255.0/25", "255.255.255.128/26"],
            3,
            Ok("255.255.255.192/29"),
        );
        check(
            "255.255.255.0/24",
            &["255.255.255.0/25", "255.255.255.128/26"],
            59,
            Ok("255.255.255.192/26"),
        );
        check("fd00::/48", &["fd00::/64"], 1 << 64, Ok("fd00:0:0:2::/63"));
        check("fd00::/48", &["fd00::/64"], 1, Ok("fd00:0:0:1::/125"));
        check("::/0", &[], u128::MAX - 5, Ok("::/0"));
        check(
            "::/0",
            &[],
            u128::MAX,
            Err(
                "340,282,366,920,938,463,463,374,607,431,768,211,455 addresses do not fit in ::/0 (340,282,366,920,938,463,463,374,607,431,768,211,451 usable)",
            ),
        );
        check(
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124",
            &["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/125"],
            3,
            Ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/125"),
        );
    }

    #[test]
    fn span_prefixes_rows() {
        fn check(first: &str, last: &str, expected: &[&str]) {
            let (a, b) = (parse_addr(first).unwrap(), parse_addr(last).unwrap());
            let got = display(&span_prefixes(a, b));
            assert_eq!(got, expected, "span_prefixes({first}, {last})");
        }
        check("10.0.1.0", "10.0.3.255", &["10.0.1.0/24", "10.0.2.0/23"]);
        check("10.0.0.0", "10.0.0.0", &["10.0.0.0/32"]);
        check("10.0.0.1", "10.0.0.0", &[]);
        check("10.0.0.0", "fd00::", &[]);
        check("0.0.0.0", "255.255.255.255", &["0.0.0.0/0"]);
        check(
            "255.255.255.254",
            "255.255.255.255",
            &["255.255.255.254/31"],
        );
        check("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", &["::/0"]);
        check("fd00::1", "fd00::2", &["fd00::1/128", "fd00::2/128"]);
        // The same blocks as `free` gives for the gap.
        let gap = free(&net("10.0.0.0/16"), &nets(&["10.0.0.0/22"]));
        let span = span_prefixes(
            parse_addr("10.0.4.0").unwrap(),
            parse_addr("10.0.255.255").unwrap(),
        );
        assert_eq!(gap, span);
    }

    #[test]
    fn sort_pairs_agrees_with_the_standard_sort() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // Every length up to 200, then lengths around the merge passes' widths.
        for len in (0..200).chain([255, 256, 257, 1_000, 4_099]) {
            // Few distinct values, so that equal pairs and equal first halves are common.
            let mut v: Vec<(u128, u128)> = (0..len)
                .map(|_| (u128::from(next() % 8), u128::from(next() % 4) << 100))
                .collect();
            let mut expected = v.clone();
            expected.sort_unstable();
            sort_pairs(&mut v);
            assert_eq!(v, expected);
        }
    }

    #[test]
    fn group_thousands_rows() {
        fn check(n: u128, expected: &str) {
            assert_eq!(group_thousands(n), expected);
        }
        check(0, "0");
        check(7, "7");
        check(999, "999");
        check(1000, "1,000");
        check(1581, "1,581");
        check(27_610, "27,610");
        check(200_000, "200,000");
        check(1_000_000, "1,000,000");
        check(
            u128::MAX,
            "340,282,366,920,938,463,463,374,607,431,768,211,455",
        );
    }

    #[test]
    fn error_messages_are_lowercase_without_a_period() {
        let messages = [
            format!("{}", CidrError::Empty),
            format!("{}", AddrError::Empty),
            parse_net("x")
                .map_err(|e| e.to_string())
                .expect_err("invalid"),
            format!(
                "{}",
                FitError::NoRoom {
                    prefix: 21,
                    within: net("10.0.0.0/16")
                }
            ),
        ];
        for message in messages {
            assert!(!message.ends_with('.'), "{message}");
            assert!(
                !message.starts_with(|c: char| c.is_uppercase()),
                "{message}"
            );
        }
    }
}

/// [`Nest`] against scans of the list, on lists dense with overlaps: prefixes of both
/// families in a few hundred addresses, nested, repeated and very large ones.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod nest_props {
    use super::*;
    use proptest::prelude::*;

    fn prefix() -> impl Strategy<Value = IpNet> {
        let v4 = (any::<u8>(), prop_oneof![3 => 22u8..=32, 1 => 0u8..=8]).prop_map(|(low, len)| {
            let addr = Ipv4Addr::from(0x0a00_0000 | u32::from(low) | (u32::from(low % 4) << 8));
            IpNet::V4(Ipv4Net::new_assert(addr, len).trunc())
        });
        let v6 =
            (any::<u8>(), prop_oneof![3 => 118u8..=128, 1 => 0u8..=8]).prop_map(|(low, len)| {
                let addr = Ipv6Addr::from(
                    (0xfd00_u128 << 112) | u128::from(low) | (u128::from(low % 4) << 8),
                );
                IpNet::V6(Ipv6Net::new_assert(addr, len).trunc())
            });
        prop_oneof![3 => v4, 1 => v6]
    }

    /// The positions of `list` whose prefix (with its position) passes `keep`.
    fn positions(list: &[IpNet], keep: impl Fn(usize, &IpNet) -> bool) -> Vec<usize> {
        (0..list.len()).filter(|&k| keep(k, &list[k])).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn queries_agree_with_scans(
            list in proptest::collection::vec(prefix(), 0..40),
            marks in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let mut nest = Nest::new(&list);
            for (k, _) in list.iter().enumerate().filter(|&(k, _)| marks[k]) {
                nest.insert(k);
            }
            for (q, net) in list.iter().enumerate() {
                let over = positions(&list, |_, n| overlaps(net, n));
                prop_assert_eq!(nest.overlapping(q), over, "overlapping {}", net);
                let mut inside: Vec<usize> = nest.inside(q).iter().map(|e| e.1 as u64 as usize).collect();
                inside.sort_unstable();
                prop_assert_eq!(inside, positions(&list, |_, n| contains(net, n)), "inside {}", net);
                let marked_over = positions(&list, |k, n| marks[k] && overlaps(net, n));
                prop_assert_eq!(nest.first_overlap(q), marked_over.first().copied(), "first_overlap {}", net);
                let holding = positions(&list, |k, n| marks[k] && contains(n, net));
                prop_assert_eq!(nest.first_holding(q), holding.first().copied(), "first_holding {}", net);
                let equal = positions(&list, |k, n| marks[k] && n == net).len();
                let below = positions(&list, |k, n| marks[k] && contains(net, n) && n != net);
                prop_assert_eq!(
                    nest.holding_count(q),
                    (holding.len() - equal, equal, !below.is_empty()),
                    "holding_count {}", net
                );
                let above = positions(&list, |k, n| marks[k] && contains(n, net) && n != net);
                prop_assert_eq!(nest.first_above(q), above.first().copied(), "first_above {}", net);
            }
            nest.clear();
            for q in 0..list.len() {
                prop_assert_eq!(nest.first_overlap(q), None);
                prop_assert_eq!(nest.holding_count(q), (0, 0, false));
            }
        }

        #[test]
        fn inserting_backwards_finds_the_first_later_overlap(
            list in proptest::collection::vec(prefix(), 0..40),
        ) {
            let mut nest = Nest::new(&list);
            for (q, net) in list.iter().enumerate().rev() {
                let later = (q + 1..list.len()).find(|&k| overlaps(net, &list[k]));
                prop_assert_eq!(nest.first_overlap(q), later, "first later overlap of {}", net);
                nest.insert(q);
            }
        }
    }
}
