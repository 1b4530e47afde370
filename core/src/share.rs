//! The plan in a link: a compact, versioned, readable text for URL fragments and storage.
//!
//! The form is encoded as typed (a [`Draft`]), so a half-typed plan survives a reload and
//! a link restores the form exactly. The text is `v1;` followed by `key=value` fields
//! separated by `;`, where defaults are left out, e.g.
//! `v1;vnet=10.0.0.0/16;node=10.0.0.0/22;pool=system,l,3,,30,33%25`.
//!
//! Decoding never fails: each field is read on its own, and what cannot be read is left
//! at its default and named in a notice, so a tampered, truncated or newer link still
//! opens a working planner.
//!
//! ```
//! use aksnet_core::draft::Draft;
//! use aksnet_core::share::{decode, encode};
//!
//! let mut draft = Draft::default();
//! draft.node_subnet = "10.0.0.0/21".into();
//! let text = encode(&draft);
//! assert_eq!(text, "v1;node=10.0.0.0/21");
//! let (back, notices) = decode(&text);
//! assert_eq!(back, draft);
//! assert!(notices.is_empty());
//!
//! let (back, notices) = decode("v1;node=10.0.0.0/21;pool=a,l,3;bogus=1");
//! assert_eq!(back.pools[0].name, "a");
//! assert_eq!(notices, ["ignored an unknown field \"bogus\""]);
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::draft::{Draft, PoolDraft};
use crate::facts::CiliumIpam;
use crate::plan::{Os, PolicyNeed, Priorities, Requirement, SubnetRole};
use crate::score::Criterion;

/// The encoding version this build writes.
pub const VERSION: u32 = 1;
/// Longest text decoded; longer input is refused with a notice.
pub const MAX_LEN: usize = 64 * 1024;

/// Characters kept as they are; everything else is percent-encoded.
fn keep(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b':' | b'-' | b'_')
}

/// Appends `s` percent-encoded so it cannot break the `;`, `=` and `,` structure.
fn escape(out: &mut String, s: &str) {
    for b in s.bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            // Two upper-case hex digits, as `{:02X}` writes them.
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Undo [`escape`]; `None` for a malformed escape or bytes that are not UTF-8.
/// The comma-separated items of `raw`, each unescaped; `None` if one cannot be.
fn unescape_list(raw: &str) -> Option<Vec<String>> {
    let mut items = Vec::new();
    for item in raw.split(',') {
        items.push(unescape(item)?);
    }
    Some(items)
}

fn unescape(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

const REQUIREMENT_KEYS: [(Requirement, &str); 6] = [
    (Requirement::Windows, "win"),
    (Requirement::PodIpsRoutable, "route"),
    (Requirement::DualStack, "dual"),
    (Requirement::VirtualNodes, "vnodes"),
    (Requirement::L7Policy, "l7"),
    (Requirement::EbpfObservability, "ebpf"),
];

/// The form as link text. Fields equal to the default form are left out.
pub fn encode(d: &Draft) -> String {
    let base = Draft::default();
    let mut out = format!("v{VERSION}");
    // Starts the field `key`; its value is appended after it.
    let field = |out: &mut String, key: &str| {
        out.push(';');
        out.push_str(key);
        out.push('=');
    };
    // The texts escaped, separated by commas.
    let list = |out: &mut String, l: &[String]| {
        for (i, s) in l.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            escape(out, s);
        }
    };
    if d.vnet != base.vnet {
        field(&mut out, "vnet");
        list(&mut out, &d.vnet);
    }
    for (key, value, default) in [
        ("node", &d.node_subnet, &base.node_subnet),
        ("podsub", &d.pod_subnet, &base.pod_subnet),
        ("podcidr", &d.pod_cidr, &base.pod_cidr),
        ("svc", &d.service_cidr, &base.service_cidr),
        ("dns", &d.dns_service_ip, &base.dns_service_ip),
        ("lb", &d.internal_lb_ips, &base.internal_lb_ips),
        ("pe", &d.private_endpoints, &base.private_endpoints),
    ] {
        if value != default {
            field(&mut out, key);
            escape(&mut out, value);
        }
    }
    if d.pools != base.pools {
        for p in &d.pools {
            let os = if p.os == Os::Windows { "w" } else { "l" };
            let parts = [
                p.name.as_str(),
                os,
                &p.nodes,
                &p.max_nodes,
                &p.max_pods,
                &p.max_surge,
            ];
            // Trailing empty parts are left out (a part is empty escaped only if it is
            // empty as typed).
            let keep = parts
                .iter()
                .rposition(|s| !s.is_empty())
                .map_or(0, |i| i + 1);
            field(&mut out, "pool");
            for (i, part) in parts[..keep.max(3)].iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                escape(&mut out, part);
            }
        }
    }
    if !d.avoid.is_empty() {
        field(&mut out, "avoid");
        list(&mut out, &d.avoid);
    }
    for (role, prefix) in &d.other_subnets {
        field(&mut out, "sub");
        out.push_str(role.id());
        out.push(',');
        escape(&mut out, prefix);
    }
    if d.cilium_ipam != base.cilium_ipam {
        field(&mut out, "cilium");
        out.push_str(d.cilium_ipam.id());
    }
    let mut first = true;
    for (r, key) in REQUIREMENT_KEYS {
        if d.requirements.get(r) {
            if first {
                field(&mut out, "req");
            } else {
                out.push(',');
            }
            out.push_str(key);
            first = false;
        }
    }
    if d.requirements.network_policy != PolicyNeed::None {
        field(&mut out, "policy");
        out.push_str(d.requirements.network_policy.id());
    }
    if d.priorities != base.priorities {
        field(&mut out, "pri");
        for c in Criterion::ALL {
            // Each weight is one digit (at most `Priorities::MAX`).
            out.push(char::from(b'0' + d.priorities.get(c)));
        }
    }
    out
}

/// Read link text into a form. Never fails: what cannot be read stays at its default
/// and is named in the notices.
pub fn decode(text: &str) -> (Draft, Vec<String>) {
    let mut d = Draft::default();
    let mut notices = Vec::new();
    let text = text.trim().trim_start_matches('#');
    if text.len() > MAX_LEN {
        notices.push(format!("the link is {} characters long, over the limit of {MAX_LEN}; the example plan is shown instead", text.len()));
        return (d, notices);
    }
    let mut parts = text.split(';');
    match parts.next().and_then(|v| v.strip_prefix('v')).map(str::parse::<u32>) {
        Some(Ok(VERSION)) => {}
        Some(Ok(v)) if v > VERSION => notices.push(format!(
            "the link was made by a newer aksnet (format {v}); this one reads format {VERSION}, so some fields may be missing"
        )),
        _ => {
            notices.push("the link does not hold an aksnet plan; the example plan is shown instead".into());
            return (d, notices);
        }
    }
    let mut pools: Vec<PoolDraft> = Vec::new();
    for part in parts.filter(|p| !p.is_empty()) {
        let Some((key, raw)) = part.split_once('=') else {
            notice(&mut notices, &["ignored "], part, ", which is not a field");
            continue;
        };
        let value = |s: &str| unescape(s);
        let bad = |notices: &mut Vec<String>, what: &str| {
            let before = ["could not read the ", what, " ("];
            notice(notices, &before, raw, "); kept the default");
        };
        match key {
            "vnet" | "avoid" => {
                let items = unescape_list(raw);
                match items {
                    Some(items) if key == "vnet" => d.vnet = items,
                    Some(items) => d.avoid = items,
                    None => bad(
                        &mut notices,
                        if key == "vnet" {
                            "VNet address space"
                        } else {
                            "ranges to avoid"
                        },
                    ),
                }
            }
            "node" | "podsub" | "podcidr" | "svc" | "dns" | "lb" | "pe" => {
                let (slot, what) = match key {
                    "node" => (&mut d.node_subnet, "node subnet"),
                    "podsub" => (&mut d.pod_subnet, "pod subnet"),
                    "podcidr" => (&mut d.pod_cidr, "pod CIDR"),
                    "svc" => (&mut d.service_cidr, "service CIDR"),
                    "dns" => (&mut d.dns_service_ip, "DNS service IP"),
                    "lb" => (&mut d.internal_lb_ips, "internal load balancer IPs"),
                    _ => (&mut d.private_endpoints, "private endpoints"),
                };
                match value(raw) {
                    Some(v) => *slot = v,
                    None => bad(&mut notices, what),
                }
            }
            "pool" => {
                let fields = unescape_list(raw);
                match fields {
                    Some(f)
                        if f.len() >= 3 && f.len() <= 6 && matches!(f[1].as_str(), "l" | "w") =>
                    {
                        let get = |i: usize| f.get(i).cloned().unwrap_or_default();
                        pools.push(PoolDraft {
                            name: get(0),
                            os: if f[1] == "w" { Os::Windows } else { Os::Linux },
                            nodes: get(2),
                            max_nodes: get(3),
                            max_pods: get(4),
                            max_surge: get(5),
                        });
                    }
                    _ => notice(
                        &mut notices,
                        &["could not read a node pool ("],
                        raw,
                        "); it was left out",
                    ),
                }
            }
            "sub" => {
                let parsed = raw.split_once(',').and_then(|(role, prefix)| {
                    Some((
                        SubnetRole::ALL.into_iter().find(|r| r.id() == role)?,
                        value(prefix)?,
                    ))
                });
                match parsed {
                    Some(sub) => d.other_subnets.push(sub),
                    None => notice(
                        &mut notices,
                        &["could not read a subnet ("],
                        raw,
                        "); it was left out",
                    ),
                }
            }
            "cilium" => match raw {
                "overlay" => d.cilium_ipam = CiliumIpam::Overlay,
                "pod-subnet" => d.cilium_ipam = CiliumIpam::PodSubnet,
                _ => bad(&mut notices, "Cilium IPAM mode"),
            },
            "req" => {
                for k in raw.split(',').filter(|k| !k.is_empty()) {
                    match REQUIREMENT_KEYS.iter().find(|(_, key)| *key == k) {
                        Some((r, _)) => d.requirements.set(*r, true),
                        None => notice(&mut notices, &["ignored an unknown requirement "], k, ""),
                    }
                }
            }
            "policy" => match PolicyNeed::ALL.into_iter().find(|p| p.id() == raw) {
                Some(p) => d.requirements.network_policy = p,
                None => bad(&mut notices, "network policy requirement"),
            },
            "pri" => {
                // One digit from 0 to Priorities::MAX per criterion.
                let w = raw.as_bytes();
                if w.len() == Criterion::ALL.len()
                    && w.iter()
                        .all(|b| b.is_ascii_digit() && b - b'0' <= Priorities::MAX)
                {
                    for (c, x) in Criterion::ALL.into_iter().zip(w) {
                        d.priorities.set(c, x - b'0');
                    }
                } else {
                    bad(&mut notices, "priorities");
                }
            }
            other => notice(&mut notices, &["ignored an unknown field "], other, ""),
        }
    }
    if !pools.is_empty() {
        d.pools = pools;
    }
    (d, notices)
}

/// Appends the notice `before`, then `text` quoted (at most 40 of its characters, then
/// "…"), then `after`: every notice that quotes the link is written by this one function.
#[inline(never)]
fn notice(notices: &mut Vec<String>, before: &[&str], text: &str, after: &str) {
    let mut s = String::new();
    for part in before {
        s.push_str(part);
    }
    s.push('"');
    if text.chars().count() <= 40 {
        s.push_str(text);
    } else {
        s.extend(text.chars().take(40));
        s.push('…');
    }
    s.push('"');
    s.push_str(after);
    notices.push(s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    #[test]
    fn default_form_is_just_the_version() {
        assert_eq!(encode(&Draft::default()), "v1");
        assert_eq!(decode("v1"), (Draft::default(), Vec::new()));
        assert_eq!(decode("#v1"), (Draft::default(), Vec::new()));
    }

    #[test]
    fn a_full_plan_round_trips() {
        let plan = Plan::from_json(
            r#"{"version":1,"vnet":["10.0.0.0/16","10.1.0.0/16"],"node_subnet":"10.0.0.0/22",
            "pod_subnet":"10.0.64.0/18","pod_cidr":"100.64.0.0/16","service_cidr":"172.16.0.0/16",
            "dns_service_ip":"172.16.0.10","internal_lb_ips":2,"private_endpoints":3,"avoid":["192.168.0.0/16"],
            "cilium_ipam":"pod-subnet","requirements":{"windows":true,"l7_policy":true,"network_policy":"cilium"},
            "priorities":{"scale":5,"simplicity":0},
            "pools":[{"name":"sys","nodes":3,"max_nodes":9,"max_pods":31,"max_surge":"33%"},{"name":"win","os":"windows","nodes":0}]}"#,
        )
        .expect("plan");
        let d = Draft::from_plan(&plan);
        let text = encode(&d);
        assert_eq!(
            text,
            "v1;vnet=10.0.0.0/16,10.1.0.0/16;podcidr=100.64.0.0/16;svc=172.16.0.0/16;dns=172.16.0.10;lb=2;pe=3;\
             pool=sys,l,3,9,31,33%25;pool=win,w,0;avoid=192.168.0.0/16;cilium=pod-subnet;req=win,l7;policy=cilium;pri=35121203"
        );
        let (back, notices) = decode(&text);
        assert_eq!(notices, Vec::<String>::new());
        assert_eq!(back, d);
        assert_eq!(back.parse(), Ok(plan));
    }

    #[test]
    fn invalid_text_survives_as_typed() {
        let mut d = Draft::default();
        d.node_subnet = "10.0.0.1/22; pool=x".into();
        d.pools[0].name = "a,b=c;d%".into();
        d.pools[0].max_surge = "50 %".into();
        let (back, notices) = decode(&encode(&d));
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back, d);
    }

    #[track_caller]
    fn check(text: &str, notices: &[&str]) -> Draft {
        let (d, got) = decode(text);
        assert_eq!(got, notices, "for {text}");
        d
    }

    #[test]
    fn tampered_truncated_and_future_links() {
        check(
            "",
            &["the link does not hold an aksnet plan; the example plan is shown instead"],
        );
        check(
            "hello",
            &["the link does not hold an aksnet plan; the example plan is shown instead"],
        );
        let d = check(
            "v2;node=10.0.0.0/21;warp=9",
            &[
                "the link was made by a newer aksnet (format 2); this one reads format 1, so some fields may be missing",
                "ignored an unknown field \"warp\"",
            ],
        );
        assert_eq!(d.node_subnet, "10.0.0.0/21");
        // Truncated in the middle of an escape: that field keeps its default, the rest is read.
        let d = check(
            "v1;node=10.0.0.0/21;pool=a,l,3,,30,33%2",
            &["could not read a node pool (\"a,l,3,,30,33%2\"); it was left out"],
        );
        assert_eq!(
            (d.node_subnet.as_str(), d.pools[0].name.as_str()),
            ("10.0.0.0/21", "system")
        );
        check(
            "v1;svc=%ZZ",
            &["could not read the service CIDR (\"%ZZ\"); kept the default"],
        );
        check(
            "v1;pri=99999999",
            &["could not read the priorities (\"99999999\"); kept the default"],
        );
        check(
            "v1;pool=a,x,3",
            &["could not read a node pool (\"a,x,3\"); it was left out"],
        );
        check(
            "v1;req=win,teleport",
            &["ignored an unknown requirement \"teleport\""],
        );
        check("v1;junk", &["ignored \"junk\", which is not a field"]);
        check(
            "v1;dns=%FF%FE",
            &["could not read the DNS service IP (\"%FF%FE\"); kept the default"],
        );
        let long = format!("v1;node={}", "1".repeat(MAX_LEN));
        let (d, n) = decode(&long);
        assert_eq!(d, Draft::default());
        assert!(n[0].contains("over the limit"), "{n:?}");
    }
}
