//! Property tests of `aksnet_core::cidr` against a model written with plain integers.
//!
//! The model knows nothing of ipnet: a prefix is a family width (32 or 128), a first
//! address as a `u128` and a prefix length. `free` and `fit` are checked on small
//! ranges (at most 2^16 addresses) by marking every address in a bitset.
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::cidr::{self, CidrError, FitError, IpNet, Ipv4Addr, Ipv4Net, Ipv6Addr, Ipv6Net};
use proptest::prelude::*;

/// A prefix as plain integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Model {
    bits: u32,
    first: u128,
    len: u32,
}

impl Model {
    /// The prefix of length `len` holding `addr`, in a family `bits` wide.
    fn new(bits: u32, addr: u128, len: u32) -> Self {
        let mut model = Model {
            bits,
            first: addr & mask(bits),
            len,
        };
        model.first &= !model.span();
        model
    }

    fn host_bits(self) -> u32 {
        self.bits - self.len
    }

    /// The number of addresses minus one (so that /0 of IPv6 fits).
    fn span(self) -> u128 {
        match self.host_bits() {
            0 => 0,
            host => u128::MAX >> (128 - host),
        }
    }

    fn last(self) -> u128 {
        self.first + self.span()
    }

    fn contains_addr(self, addr: u128) -> bool {
        self.first <= addr && addr <= self.last()
    }

    fn net(self) -> IpNet {
        if self.bits == 32 {
            let addr = Ipv4Addr::from(u32::try_from(self.first).expect("an IPv4 address"));
            Ipv4Net::new(addr, self.len as u8)
                .expect("a valid length")
                .into()
        } else {
            Ipv6Net::new(Ipv6Addr::from(self.first), self.len as u8)
                .expect("a valid length")
                .into()
        }
    }

    /// The address in its usual text form, for `parse_net`.
    fn addr_text(bits: u32, addr: u128) -> String {
        if bits == 32 {
            Ipv4Addr::from(u32::try_from(addr).expect("an IPv4 address")).to_string()
        } else {
            Ipv6Addr::from(addr).to_string()
        }
    }
}

/// Reads a prefix back into the model, without ipnet's arithmetic.
fn model_of(net: &IpNet) -> Model {
    match net {
        IpNet::V4(n) => Model {
            bits: 32,
            first: u32::from(n.addr()).into(),
            len: n.prefix_len().into(),
        },
        IpNet::V6(n) => Model {
            bits: 128,
            first: u128::from(n.addr()),
            len: n.prefix_len().into(),
        },
    }
}

/// The longest length whose prefix has `addresses` usable after Azure's 5, or `None`.
fn model_prefix_for(addresses: u128, bits: u32) -> Option<u32> {
    let longest = if bits == 32 { 29 } else { 128 };
    (0..=longest).rev().find(|&len| {
        let host = bits - len;
        // 2^host - 5 >= addresses; 2^128 - 5 is u128::MAX - 4.
        let usable = if host == 128 {
            u128::MAX - 4
        } else {
            (1u128 << host).saturating_sub(5)
        };
        usable >= addresses
    })
}

fn mask(bits: u32) -> u128 {
    if bits == 32 {
        u128::from(u32::MAX)
    } else {
        u128::MAX
    }
}

/// An address of the family, often at the bottom or top of the space.
fn addr(bits: u32) -> impl Strategy<Value = u128> {
    prop_oneof![4 => any::<u128>(), 1 => Just(0u128), 1 => Just(u128::MAX), 1 => 0u128..64]
        .prop_map(move |a| a & mask(bits))
}

fn family() -> impl Strategy<Value = u32> {
    prop_oneof![Just(32u32), Just(128u32)]
}

/// Two prefixes of one family that are often near each other.
fn related_pair() -> impl Strategy<Value = (Model, Model)> {
    family().prop_flat_map(|bits| {
        (addr(bits), any::<u128>(), 0..=bits, 0..=bits, 0..=bits).prop_map(
            move |(a, delta, shift, len_a, len_b)| {
                let b = (a ^ delta.checked_shr(128 - shift).unwrap_or(0)) & mask(bits);
                (Model::new(bits, a, len_a), Model::new(bits, b, len_b))
            },
        )
    })
}

/// A small `within` range (2^0 to 2^max_host addresses) and used prefixes around it:
/// inside, outside, overlapping, nested and repeated ones.
fn small_plan(bits: u32, max_host: u32) -> impl Strategy<Value = (Model, Vec<Model>)> {
    let min_len = bits - max_host;
    (addr(bits), min_len..=bits).prop_flat_map(move |(a, len)| {
        let within = Model::new(bits, a, len);
        let used = (any::<u128>(), 0..=max_host + 4, min_len - 4..=bits).prop_map(
            move |(delta, spread, len)| {
                // Differs from `within` in the low `spread` bits only.
                let low = u128::MAX.checked_shr(128 - spread).unwrap_or(0);
                Model::new(bits, (within.first ^ (delta & low)) & mask(bits), len)
            },
        );
        (Just(within), proptest::collection::vec(used, 0..8))
    })
}

/// Which addresses of `within` some used prefix covers.
fn used_bitset(within: Model, used: &[Model]) -> Vec<bool> {
    let size = usize::try_from(within.span()).expect("a small range") + 1;
    let mut taken = vec![false; size];
    for u in used.iter().filter(|u| u.bits == within.bits) {
        let first = u.first.max(within.first);
        let last = u.last().min(within.last());
        if first <= last {
            for addr in first..=last {
                taken[(addr - within.first) as usize] = true;
            }
        }
    }
    taken
}

fn all_free(taken: &[bool], within: Model, block: Model) -> bool {
    (block.first..=block.last()).all(|addr| !taken[(addr - within.first) as usize])
}

fn nets(bits: u32, used: &[Model], other_family: bool) -> Vec<IpNet> {
    let mut nets: Vec<IpNet> = used.iter().map(|u| u.net()).collect();
    if other_family {
        // Anything of the other family is ignored, even a prefix covering everything.
        nets.insert(0, Model::new(160 - bits, 0, 0).net());
    }
    nets
}

fn check_free(within: Model, used: &[Model], other_family: bool) -> Result<(), TestCaseError> {
    let taken = used_bitset(within, used);
    let blocks: Vec<Model> = cidr::free(&within.net(), &nets(within.bits, used, other_family))
        .iter()
        .map(model_of)
        .collect();
    let mut covered = vec![false; taken.len()];
    let mut previous: Option<Model> = None;
    for &block in &blocks {
        prop_assert_eq!(block.bits, within.bits);
        prop_assert_eq!(block.first & block.span(), 0, "aligned: {:?}", block);
        prop_assert!(
            within.first <= block.first && block.last() <= within.last(),
            "inside: {:?}",
            block
        );
        if let Some(prev) = previous {
            prop_assert!(
                prev.last() < block.first,
                "sorted and disjoint: {:?} {:?}",
                prev,
                block
            );
            let mergeable = prev.len == block.len
                && prev.last() + 1 == block.first
                && Model::new(prev.bits, prev.first, prev.len - 1).first == prev.first;
            prop_assert!(!mergeable, "could merge: {:?} {:?}", prev, block);
        }
        // Maximal: the aligned block twice the size is not wholly free in `within`.
        if block.len > within.len {
            let parent = Model::new(block.bits, block.first, block.len - 1);
            prop_assert!(
                !all_free(&taken, within, parent),
                "not maximal: {:?}",
                block
            );
        }
        for addr in block.first..=block.last() {
            covered[(addr - within.first) as usize] = true;
        }
        previous = Some(block);
    }
    for (i, (&taken, &covered)) in taken.iter().zip(&covered).enumerate() {
        prop_assert_eq!(covered, !taken, "address {} of {:?}", i, within);
    }
    Ok(())
}

fn check_fit(within: Model, used: &[Model], addresses: u128) -> Result<(), TestCaseError> {
    let used_nets = nets(within.bits, used, false);
    let got = cidr::fit(&within.net(), &used_nets, addresses);
    let Some(len) = model_prefix_for(addresses, within.bits).filter(|&len| len >= within.len)
    else {
        prop_assert_eq!(
            got,
            Err(FitError::TooLarge {
                addresses,
                within: within.net()
            })
        );
        return Ok(());
    };
    let taken = used_bitset(within, used);
    let size = 1u128 << (within.bits - len);
    let lowest = (0..=within.span() / size)
        .map(|i| Model::new(within.bits, within.first + i * size, len))
        .find(|&spot| all_free(&taken, within, spot));
    match lowest {
        Some(spot) => {
            let net = got.map_err(|e| TestCaseError::fail(format!("{e}")))?;
            prop_assert_eq!(model_of(&net), spot);
            prop_assert!(cidr::contains(&within.net(), &net));
            prop_assert!(cidr::first_overlap(&net, &used_nets).is_none());
            prop_assert!(cidr::azure_usable(&net) >= addresses);
        }
        None => prop_assert_eq!(
            got,
            Err(FitError::NoRoom {
                prefix: len as u8,
                within: within.net()
            })
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prefix_arithmetic((bits, a, len) in family().prop_flat_map(|bits| (Just(bits), addr(bits), 0..=bits))) {
        let model = Model::new(bits, a, len);
        let text = format!("{}/{len}", Model::addr_text(bits, a));
        let net = match cidr::parse_net(&text) {
            Ok(net) => {
                prop_assert_eq!(a, model.first, "{} parsed though host bits are set", text);
                net
            }
            Err(CidrError::HostBitsSet { network, .. }) => {
                prop_assert_ne!(a, model.first, "{} rejected without host bits", text);
                network
            }
            Err(e) => return Err(TestCaseError::fail(format!("{text}: {e}"))),
        };
        prop_assert_eq!(model_of(&net), model);
        let count = model.span().saturating_add(1);
        prop_assert_eq!(cidr::count(&net), count);
        // 2^128 - 5 for ::/0, whose count saturates.
        let usable = if model.host_bits() == 128 { u128::MAX - 4 } else { count.saturating_sub(5) };
        prop_assert_eq!(cidr::azure_usable(&net), usable);
        prop_assert_eq!(u32::from(cidr::host_bits(&net)), model.host_bits());
        let (first, last) = match net {
            IpNet::V4(n) => (u128::from(u32::from(n.network())), u128::from(u32::from(n.broadcast()))),
            IpNet::V6(n) => (u128::from(n.network()), u128::from(n.broadcast())),
        };
        prop_assert_eq!((first, last), (model.first, model.last()));
    }

    #[test]
    fn relations((a, b) in related_pair()) {
        let (na, nb) = (a.net(), b.net());
        prop_assert_eq!(cidr::overlaps(&na, &nb), a.first <= b.last() && b.first <= a.last());
        prop_assert_eq!(cidr::contains(&na, &nb), a.first <= b.first && b.last() <= a.last());
        prop_assert_eq!(cidr::contains(&nb, &na), b.first <= a.first && a.last() <= b.last());
        // Two prefixes overlap exactly when one holds the other's first address.
        prop_assert_eq!(cidr::overlaps(&na, &nb), a.contains_addr(b.first) || b.contains_addr(a.first));
        // Across families nothing overlaps.
        let other = Model::new(160 - a.bits, a.first, 0).net();
        prop_assert!(!cidr::overlaps(&na, &other) && !cidr::contains(&other, &na));
    }

    #[test]
    fn smallest_prefix(addresses in prop_oneof![0u128..5000, any::<u128>(), (0u32..=128).prop_map(|e| 1u128.checked_shl(e).unwrap_or(u128::MAX))], bits in family()) {
        let got = cidr::smallest_prefix_for(addresses, bits == 128).map(u32::from);
        prop_assert_eq!(got, model_prefix_for(addresses, bits));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn free_ipv4((within, used) in small_plan(32, 12), other_family in any::<bool>()) {
        check_free(within, &used, other_family)?;
    }

    #[test]
    fn fit_ipv4((within, used) in small_plan(32, 12), addresses in prop_oneof![0u128..300, 0u128..5000]) {
        check_fit(within, &used, addresses)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn free_ipv6((within, used) in small_plan(128, 16), other_family in any::<bool>()) {
        check_free(within, &used, other_family)?;
    }

    #[test]
    fn fit_ipv6((within, used) in small_plan(128, 16), addresses in prop_oneof![0u128..300, 0u128..70000]) {
        check_fit(within, &used, addresses)?;
    }
}
