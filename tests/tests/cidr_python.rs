//! Differential test of `aksnet_core::cidr` against Python's `ipaddress` module.
//!
//! 10,000 deterministic pseudo-random cases, IPv4 and IPv6, go to `python3` on
//! standard input as one line each; Python answers one line each on standard output,
//! with addresses as integers so that no text form of IPv6 has to agree. Case lines:
//!
//! - `N <addr>/<len>`: the network (host bits may be set), its first and last address
//!   and its size;
//! - `O <net> <net>`: overlaps, and subnet_of both ways;
//! - `F <within> <used>...`: the free blocks of `within` (Python: `address_exclude`
//!   of every used prefix, then `collapse_addresses`, sorted).

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use aksnet_core::cidr::{self, CidrError, IpAddr, IpNet, Ipv4Addr, Ipv6Addr};

const PYTHON: &str = r#"
import ipaddress, sys

def fmt(net):
    return f"{int(net.network_address)}/{net.prefixlen}"

def free(within, used):
    blocks = [within]
    for u in used:
        left = []
        for b in blocks:
            if not b.overlaps(u):
                left.append(b)
            elif not b.subnet_of(u):
                left.extend(b.address_exclude(u))
        blocks = left
    return sorted(ipaddress.collapse_addresses(blocks))

for line in sys.stdin.read().splitlines():
    kind, *args = line.split()
    if kind == "N":
        try:
            net, tag = ipaddress.ip_network(args[0]), "ok"
        except ValueError:
            net, tag = ipaddress.ip_network(args[0], strict=False), "hostbits"
        print(tag, fmt(net), int(net.network_address), int(net.broadcast_address), net.num_addresses)
    elif kind == "O":
        a, b = ipaddress.ip_network(args[0]), ipaddress.ip_network(args[1])
        print(int(a.overlaps(b)), int(a.subnet_of(b)), int(b.subnet_of(a)))
    elif kind == "F":
        nets = [ipaddress.ip_network(a) for a in args]
        print(" ".join(fmt(b) for b in free(nets[0], nets[1:])) or "-")
"#;

/// 2^128, the size of `::/0`, which `cidr::count` saturates to `u128::MAX`.
const TWO_TO_128: &str = "340282366920938463463374607431768211456";

/// SplitMix64: a small, fixed-seed generator, so every run sends the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..=max`.
    fn upto(&mut self, max: u32) -> u32 {
        (self.next() % (u64::from(max) + 1)) as u32
    }

    fn wide(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }

    /// An address of a family `bits` wide, often at an edge of the space.
    fn addr(&mut self, bits: u32) -> u128 {
        let value = match self.upto(9) {
            0 => 0,
            1 => u128::MAX,
            2 => u128::MAX - u128::from(self.upto(300)),
            // IPv4-mapped IPv6 addresses, which have a text form of their own.
            3 if bits == 128 => (0xffff << 32) | u128::from(self.next() as u32),
            _ => self.wide(),
        };
        value & family_mask(bits)
    }

    /// `addr` with some of its lowest bits (up to `spread`) changed.
    fn near(&mut self, addr: u128, spread: u32, bits: u32) -> u128 {
        let low = u128::MAX
            .checked_shr(128 - self.upto(spread.min(bits)))
            .unwrap_or(0);
        (addr ^ (self.wide() & low)) & family_mask(bits)
    }

    fn family(&mut self) -> u32 {
        if self.next() % 2 == 0 { 32 } else { 128 }
    }
}

fn family_mask(bits: u32) -> u128 {
    if bits == 32 {
        u128::from(u32::MAX)
    } else {
        u128::MAX
    }
}

fn ip(bits: u32, value: u128) -> IpAddr {
    if bits == 32 {
        IpAddr::V4(Ipv4Addr::from(value as u32))
    } else {
        IpAddr::V6(Ipv6Addr::from(value))
    }
}

/// The prefix of length `len` holding `value`.
fn prefix(bits: u32, value: u128, len: u32) -> IpNet {
    IpNet::new(ip(bits, value), len as u8)
        .expect("len is within the family")
        .trunc()
}

fn int(addr: IpAddr) -> u128 {
    match addr {
        IpAddr::V4(a) => u32::from(a).into(),
        IpAddr::V6(a) => u128::from(a),
    }
}

fn fmt(net: &IpNet) -> String {
    format!("{}/{}", int(net.network()), net.prefix_len())
}

/// One case: the line sent to Python and the answer `aksnet_core` gives.
fn case(rng: &mut Rng, kind: usize) -> (String, String) {
    let bits = rng.family();
    match kind {
        0 => {
            let (len, mut value) = (rng.upto(bits), rng.addr(bits));
            if rng.upto(1) == 0 {
                value = int(prefix(bits, value, len).network());
            }
            let text = format!("{}/{len}", ip(bits, value));
            let (tag, net) = match cidr::parse_net(&text) {
                Ok(net) => ("ok", net),
                Err(CidrError::HostBitsSet { network, .. }) => ("hostbits", network),
                Err(e) => return (format!("N {text}"), format!("error: {e}")),
            };
            let count = if cidr::host_bits(&net) == 128 {
                TWO_TO_128.to_string()
            } else {
                cidr::count(&net).to_string()
            };
            let last = int(net.broadcast());
            let answer = format!("{tag} {} {} {last} {count}", fmt(&net), int(net.network()));
            (format!("N {text}"), answer)
        }
        1 => {
            let first = rng.addr(bits);
            let a = prefix(bits, first, rng.upto(bits));
            let b = prefix(bits, rng.near(first, bits, bits), rng.upto(bits));
            let answer = format!(
                "{} {} {}",
                u8::from(cidr::overlaps(&a, &b)),
                u8::from(cidr::contains(&b, &a)),
                u8::from(cidr::contains(&a, &b)),
            );
            (format!("O {a} {b}"), answer)
        }
        _ => {
            let len = rng.upto(bits);
            let within = prefix(bits, rng.addr(bits), len);
            let host = bits - len;
            let mut line = format!("F {within}");
            let mut used = Vec::new();
            for _ in 0..rng.upto(6) {
                let value = rng.near(int(within.network()), host + 2, bits);
                // Mostly inside `within`, sometimes as large or larger.
                let used_len = if rng.upto(11) == 0 {
                    len.saturating_sub(rng.upto(3))
                } else {
                    (len + 1 + rng.upto(15)).min(bits)
                };
                let net = prefix(bits, value, used_len);
                write!(line, " {net}").expect("writing to a String");
                used.push(net);
            }
            // The other family is ignored by `free`; Python never sees it.
            if rng.upto(3) == 0 {
                used.push(prefix(160 - bits, 0, 0));
            }
            let blocks: Vec<String> = cidr::free(&within, &used).iter().map(fmt).collect();
            let answer = if blocks.is_empty() {
                "-".to_string()
            } else {
                blocks.join(" ")
            };
            (line, answer)
        }
    }
}

#[test]
fn cidr_agrees_with_python_ipaddress() {
    let mut rng = Rng(0x00a1_5e7e_c1d2_2025);
    let kinds = [(0, 4_000), (1, 3_000), (2, 3_000)];
    let cases: Vec<(String, String)> = kinds
        .iter()
        .flat_map(|&(kind, n)| (0..n).map(move |_| kind))
        .map(|kind| case(&mut rng, kind))
        .collect();

    let input: String = cases.iter().map(|(line, _)| format!("{line}\n")).collect();
    let mut child = Command::new("python3")
        .args(["-c", PYTHON])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    // Python reads all of its input before it answers, so this cannot block on its output.
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes());
    let output = child.wait_with_output().expect("python3 finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && written.is_ok(),
        "python3 failed: {}\n{stderr}",
        output.status
    );

    let stdout = String::from_utf8(output.stdout).expect("python3 prints UTF-8");
    let answers: Vec<&str> = stdout.lines().collect();
    assert_eq!(answers.len(), cases.len(), "one answer per case");
    let disagreements: Vec<String> = cases
        .iter()
        .zip(&answers)
        .filter(|((_, ours), theirs)| ours != *theirs)
        .map(|((line, ours), theirs)| format!("{line}\n  aksnet: {ours}\n  python: {theirs}"))
        .collect();
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree; the first ones:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements[..disagreements.len().min(5)].join("\n"),
    );
}
