//! The planner form: every plan field as text the user is typing, checked all at once.
//!
//! A [`Draft`] holds what a person typed, valid or not. [`Draft::parse`] turns it into a
//! [`Plan`] or returns every field that is wrong, each with its message, so a form can
//! mark them all where they stand. The checks are the plan format's own: the same
//! parsers and bounds as [`Plan::from_json`].
//!
//! ```
//! use aksnet_core::draft::{Draft, Field, PoolField};
//! use aksnet_core::plan::Plan;
//!
//! let mut draft = Draft::from_plan(&Plan::default());
//! draft.node_subnet = "10.0.0.1/22".into();
//! draft.pools[0].max_pods = "lots".into();
//! let errors = draft.parse().unwrap_err();
//! assert_eq!(errors[0].field, Field::NodeSubnet);
//! assert_eq!(errors[0].message, "10.0.0.1/22 has host bits set; did you mean 10.0.0.0/22?");
//! assert_eq!(errors[1].field, Field::Pool(0, PoolField::MaxPods));
//! assert_eq!(errors[1].field.path(), "pools[0].max_pods");
//!
//! draft.node_subnet = "10.0.0.0/22".into();
//! draft.pools[0].max_pods = "30".into();
//! assert_eq!(draft.parse().unwrap().pools[0].max_pods, Some(30));
//! ```

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::cidr::{self, IpNet};
use crate::facts::CiliumIpam;
use crate::plan::{
    Names, Os, OtherSubnet, Plan, Pool, Priorities, Requirements, SubnetRole, Surge, limits,
};

/// A field of a node pool row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolField {
    /// Pool name.
    Name,
    /// Node count.
    Nodes,
    /// Autoscaler max count.
    MaxNodes,
    /// Max pods per node.
    MaxPods,
    /// Max surge.
    MaxSurge,
}

impl PoolField {
    /// The plan-format name of the field.
    pub const fn id(self) -> &'static str {
        match self {
            PoolField::Name => "name",
            PoolField::Nodes => "nodes",
            PoolField::MaxNodes => "max_nodes",
            PoolField::MaxPods => "max_pods",
            PoolField::MaxSurge => "max_surge",
        }
    }
}

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The VNet list as a whole.
    VnetList,
    /// One VNet prefix.
    Vnet(usize),
    /// The node subnet.
    NodeSubnet,
    /// The pod subnet.
    PodSubnet,
    /// The pod CIDR.
    PodCidr,
    /// The service CIDR.
    ServiceCidr,
    /// The DNS service IP.
    DnsServiceIp,
    /// The pool list as a whole.
    Pools,
    /// A field of one pool.
    Pool(usize, PoolField),
    /// Internal load balancer IPs.
    InternalLbIps,
    /// Private endpoints.
    PrivateEndpoints,
    /// One avoided range.
    Avoid(usize),
    /// The prefix of one other subnet.
    OtherSubnet(usize),
}

impl Field {
    /// The field's path in the plan format, e.g. `pools[1].max_pods`.
    pub fn path(&self) -> String {
        match self {
            Field::VnetList => "vnet".into(),
            Field::Vnet(i) => format!("vnet[{i}]"),
            Field::NodeSubnet => "node_subnet".into(),
            Field::PodSubnet => "pod_subnet".into(),
            Field::PodCidr => "pod_cidr".into(),
            Field::ServiceCidr => "service_cidr".into(),
            Field::DnsServiceIp => "dns_service_ip".into(),
            Field::Pools => "pools".into(),
            Field::Pool(i, f) => format!("pools[{i}].{}", f.id()),
            Field::InternalLbIps => "internal_lb_ips".into(),
            Field::PrivateEndpoints => "private_endpoints".into(),
            Field::Avoid(i) => format!("avoid[{i}]"),
            Field::OtherSubnet(i) => format!("other_subnets[{i}].prefix"),
        }
    }
}

/// A field that does not parse, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Which field.
    pub field: Field,
    /// What is wrong, in plain words.
    pub message: String,
}

/// One node pool row as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolDraft {
    /// Pool name.
    pub name: String,
    /// Operating system.
    pub os: Os,
    /// Node count.
    pub nodes: String,
    /// Autoscaler max count; empty for none.
    pub max_nodes: String,
    /// Max pods; empty for each model's default.
    pub max_pods: String,
    /// Max surge; empty for the AKS default.
    pub max_surge: String,
}

impl PoolDraft {
    /// A new Linux pool row with this name and 3 nodes.
    pub fn named(name: &str) -> PoolDraft {
        PoolDraft::from_pool(&Pool::new(name, 3))
    }

    /// The row showing a pool.
    pub fn from_pool(p: &Pool) -> PoolDraft {
        let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        PoolDraft {
            name: p.name.clone(),
            os: p.os,
            nodes: p.nodes.to_string(),
            max_nodes: opt(p.max_nodes),
            max_pods: opt(p.max_pods),
            max_surge: p.max_surge.map(|s| s.to_string()).unwrap_or_default(),
        }
    }
}

/// The whole form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// VNet prefixes.
    pub vnet: Vec<String>,
    /// Node subnet.
    pub node_subnet: String,
    /// Pod subnet; empty for none.
    pub pod_subnet: String,
    /// Pod CIDR.
    pub pod_cidr: String,
    /// Service CIDR.
    pub service_cidr: String,
    /// DNS service IP.
    pub dns_service_ip: String,
    /// Node pools.
    pub pools: Vec<PoolDraft>,
    /// Internal load balancer IPs.
    pub internal_lb_ips: String,
    /// Private endpoints.
    pub private_endpoints: String,
    /// Ranges to avoid.
    pub avoid: Vec<String>,
    /// Other subnets of the VNet: what each is for, and its prefix as typed.
    pub other_subnets: Vec<(SubnetRole, String)>,
    /// Cilium's IPAM mode.
    pub cilium_ipam: CiliumIpam,
    /// Requirements (checkboxes cannot be invalid).
    pub requirements: Requirements,
    /// Priorities (sliders cannot be invalid).
    pub priorities: Priorities,
}

impl Default for Draft {
    fn default() -> Self {
        Draft::from_plan(&Plan::default())
    }
}

/// The words for a whole-number range, shared by every count field.
fn whole_number(min: u64, max: u64) -> String {
    format!(
        "a whole number from {} to {}",
        cidr::group_thousands(min.into()),
        cidr::group_thousands(max.into())
    )
}

fn count(text: &str, min: u64, max: u64) -> Result<u64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("required: enter {}", whole_number(min, max)));
    }
    match t.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{t} is not {}", whole_number(min, max))),
    }
}

/// Collects field errors while a draft is read.
struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    /// Records that `field` is wrong. The one place a field error is pushed: `check` is
    /// generic, and each of its instances would carry its own copy of the push.
    #[inline(never)]
    fn error(&mut self, field: Field, message: String) {
        self.errors.push(FieldError { field, message });
    }

    fn check<T>(&mut self, field: Field, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(message) => {
                self.error(field, message);
                None
            }
        }
    }

    fn net(&mut self, field: Field, text: &str) -> Option<IpNet> {
        self.check(field, cidr::parse_net(text).map_err(|e| e.to_string()))
    }

    fn optional<T>(
        &mut self,
        field: Field,
        text: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            self.check(field, f(text)).map(Some)
        }
    }

    fn list(&mut self, texts: &[String], field: fn(usize) -> Field) -> Option<Vec<IpNet>> {
        let mut out = Vec::with_capacity(texts.len());
        let mut ok = true;
        for (i, t) in texts.iter().enumerate() {
            match self.net(field(i), t) {
                Some(n) => out.push(n),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

impl Draft {
    /// The form showing a plan.
    pub fn from_plan(plan: &Plan) -> Draft {
        let texts = crate::eval::texts;
        let mut pools = Vec::with_capacity(plan.pools.len());
        for pool in &plan.pools {
            pools.push(PoolDraft::from_pool(pool));
        }
        let mut other_subnets = Vec::with_capacity(plan.other_subnets.len());
        for o in &plan.other_subnets {
            other_subnets.push((o.role, o.prefix.to_string()));
        }
        Draft {
            vnet: texts(&plan.vnet),
            node_subnet: plan.node_subnet.to_string(),
            pod_subnet: plan.pod_subnet.map(|p| p.to_string()).unwrap_or_default(),
            pod_cidr: plan.pod_cidr.to_string(),
            service_cidr: plan.service_cidr.to_string(),
            dns_service_ip: plan.dns_service_ip.to_string(),
            pools,
            internal_lb_ips: plan.internal_lb_ips.to_string(),
            private_endpoints: plan.private_endpoints.to_string(),
            avoid: texts(&plan.avoid),
            other_subnets,
            cilium_ipam: plan.cilium_ipam,
            requirements: plan.requirements,
            priorities: plan.priorities,
        }
    }

    /// A pool name not yet taken: `pool2`, `pool3`, ...
    pub fn next_pool_name(&self) -> String {
        // Names are kept with 0, a free candidate with 1.
        let mut taken = Names::with_room(2 * self.pools.len() + 2);
        for p in &self.pools {
            taken.slot(p.name.trim(), 0);
        }
        (2..)
            .map(|i| format!("pool{i}"))
            .find(|n| *taken.slot(n, 1) == 1)
            .unwrap_or_else(|| "pool".to_owned())
    }

    /// The plan, or every field that is wrong, in form order.
    pub fn parse(&self) -> Result<Plan, Vec<FieldError>> {
        let mut r = Reader { errors: Vec::new() };
        if self.vnet.is_empty() {
            r.error(Field::VnetList, "add at least one VNet prefix".into());
        } else if self.vnet.len() > limits::MAX_PREFIXES {
            r.error(
                Field::VnetList,
                format!("at most {} prefixes", limits::MAX_PREFIXES),
            );
        }
        let vnet = r.list(&self.vnet, Field::Vnet);
        let node_subnet = r.net(Field::NodeSubnet, &self.node_subnet);
        let pod_subnet = r.optional(Field::PodSubnet, &self.pod_subnet, |t| {
            cidr::parse_net(t).map_err(|e| e.to_string())
        });
        let pod_cidr = r.net(Field::PodCidr, &self.pod_cidr);
        let service_cidr = r.net(Field::ServiceCidr, &self.service_cidr);
        let dns = r.check(
            Field::DnsServiceIp,
            cidr::parse_addr(&self.dns_service_ip).map_err(|e| e.to_string()),
        );
        if self.pools.is_empty() {
            r.error(Field::Pools, "add at least one node pool".into());
        } else if self.pools.len() > limits::MAX_POOLS {
            r.error(
                Field::Pools,
                format!("at most {} node pools", limits::MAX_POOLS),
            );
        }
        let mut pools = Vec::with_capacity(self.pools.len());
        // Each name as trimmed, with the first row that has it.
        let mut first_with = Names::with_room(self.pools.len());
        for (i, p) in self.pools.iter().enumerate() {
            let f = |pf| Field::Pool(i, pf);
            let name = p.name.trim();
            let first = *first_with.slot(name, i);
            let name_ok = if name.is_empty() {
                r.check::<()>(
                    f(PoolField::Name),
                    Err("required: give the pool a name".into()),
                )
            } else if name.chars().any(char::is_control) {
                r.check::<()>(
                    f(PoolField::Name),
                    Err("must not contain control characters such as line breaks".into()),
                )
            } else if name.chars().count() > limits::MAX_NAME {
                r.check::<()>(
                    f(PoolField::Name),
                    Err(format!("at most {} characters", limits::MAX_NAME)),
                )
            } else if first < i {
                r.check::<()>(
                    f(PoolField::Name),
                    Err(format!(
                        "pool {} already has this name; names must be unique",
                        first + 1
                    )),
                )
            } else {
                Some(())
            };
            let nodes = r.check(f(PoolField::Nodes), count(&p.nodes, 0, limits::MAX_NODES));
            let max_nodes = r.optional(f(PoolField::MaxNodes), &p.max_nodes, |t| {
                let m = count(t, 0, limits::MAX_NODES)?;
                match nodes {
                    Some(n) if m < n => Err(format!("{m} is less than the {n} nodes; the max count must be at least the node count")),
                    _ => Ok(m),
                }
            });
            let max_pods = r.optional(f(PoolField::MaxPods), &p.max_pods, |t| {
                count(t, 1, limits::MAX_PODS)
            });
            let max_surge = r.optional(f(PoolField::MaxSurge), &p.max_surge, Surge::parse);
            if let (Some(()), Some(nodes), Some(max_nodes), Some(max_pods), Some(max_surge)) =
                (name_ok, nodes, max_nodes, max_pods, max_surge)
            {
                pools.push(Pool {
                    name: name.to_owned(),
                    os: p.os,
                    nodes,
                    max_nodes,
                    max_pods,
                    max_surge,
                });
            }
        }
        let internal_lb_ips = r.check(
            Field::InternalLbIps,
            count(&self.internal_lb_ips, 0, limits::MAX_CONSUMERS),
        );
        let private_endpoints = r.check(
            Field::PrivateEndpoints,
            count(&self.private_endpoints, 0, limits::MAX_CONSUMERS),
        );
        if self.avoid.len() > limits::MAX_PREFIXES {
            r.error(
                Field::Avoid(limits::MAX_PREFIXES),
                format!("at most {} ranges", limits::MAX_PREFIXES),
            );
        }
        let avoid = r.list(&self.avoid, Field::Avoid);
        if self.other_subnets.len() > limits::MAX_PREFIXES {
            r.error(
                Field::OtherSubnet(limits::MAX_PREFIXES),
                format!("at most {} subnets", limits::MAX_PREFIXES),
            );
        }
        let mut other_subnets = Vec::with_capacity(self.other_subnets.len());
        for (i, (role, text)) in self.other_subnets.iter().enumerate() {
            if let Some(prefix) = r.net(Field::OtherSubnet(i), text) {
                other_subnets.push(OtherSubnet {
                    role: *role,
                    prefix,
                });
            }
        }
        if !r.errors.is_empty() {
            return Err(r.errors);
        }
        match (
            vnet,
            node_subnet,
            pod_subnet,
            pod_cidr,
            service_cidr,
            dns,
            internal_lb_ips,
            private_endpoints,
            avoid,
        ) {
            (
                Some(vnet),
                Some(node_subnet),
                Some(pod_subnet),
                Some(pod_cidr),
                Some(service_cidr),
                Some(dns_service_ip),
                Some(internal_lb_ips),
                Some(private_endpoints),
                Some(avoid),
            ) => Ok(Plan {
                vnet,
                node_subnet,
                pod_subnet,
                pod_cidr,
                service_cidr,
                dns_service_ip,
                pools,
                internal_lb_ips,
                private_endpoints,
                avoid,
                other_subnets,
                cilium_ipam: self.cilium_ipam,
                requirements: self.requirements,
                priorities: self.priorities,
            }),
            // Every None above pushed an error, so this is unreachable; say so plainly anyway.
            _ => Err(alloc::vec![FieldError {
                field: Field::VnetList,
                message: "the form could not be read".into()
            }]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_draft_is_the_default_plan() {
        assert_eq!(Draft::default().parse(), Ok(Plan::default()));
    }

    #[test]
    fn every_plan_field_round_trips() {
        let plan = Plan::from_json(
            r#"{"version":1,"vnet":["10.0.0.0/16","10.1.0.0/16"],"node_subnet":"10.0.0.0/22",
            "pod_subnet":"10.0.64.0/18","pod_cidr":"100.64.0.0/16","service_cidr":"172.16.0.0/16",
            "dns_service_ip":"172.16.0.10","internal_lb_ips":2,"private_endpoints":3,"avoid":["192.168.0.0/16"],
            "cilium_ipam":"pod-subnet","requirements":{"windows":true,"network_policy":"cilium"},
            "priorities":{"scale":5},
            "pools":[{"name":"sys","nodes":3,"max_nodes":9,"max_pods":31,"max_surge":"33%"},{"name":"win","os":"windows","nodes":0}]}"#,
        )
        .expect("plan");
        assert_eq!(Draft::from_plan(&plan).parse(), Ok(plan));
    }

    #[track_caller]
    fn check(change: impl FnOnce(&mut Draft), expected: &[(Field, &str)]) {
        let mut d = Draft::default();
        change(&mut d);
        let errors = d.parse().expect_err("should not parse");
        let got: Vec<(Field, &str)> = errors
            .iter()
            .map(|e| (e.field, e.message.as_str()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn every_bad_field_is_reported_where_it_stands() {
        use PoolField::*;
        check(
            |d| d.vnet.clear(),
            &[(Field::VnetList, "add at least one VNet prefix")],
        );
        check(
            |d| d.vnet[0] = "10.0.0.0/33".into(),
            &[(
                Field::Vnet(0),
                "/33 in 10.0.0.0/33 is out of range for IPv4 (0 to 32)",
            )],
        );
        check(
            |d| d.node_subnet = String::new(),
            &[(
                Field::NodeSubnet,
                "empty input; expected a prefix such as 10.0.0.0/16",
            )],
        );
        check(
            |d| d.pod_subnet = "10.0.64.0".into(),
            &[(
                Field::PodSubnet,
                "10.0.64.0 has no prefix length; expected e.g. 10.0.0.0/16",
            )],
        );
        check(
            |d| d.dns_service_ip = "10.1.0.300".into(),
            &[(Field::DnsServiceIp, "10.1.0.300 is not a valid IP address")],
        );
        check(
            |d| d.pools.clear(),
            &[(Field::Pools, "add at least one node pool")],
        );
        check(
            |d| d.pools[0].nodes = "-1".into(),
            &[(
                Field::Pool(0, Nodes),
                "-1 is not a whole number from 0 to 100,000",
            )],
        );
        check(
            |d| d.pools[0].nodes = String::new(),
            &[(
                Field::Pool(0, Nodes),
                "required: enter a whole number from 0 to 100,000",
            )],
        );
        check(
            |d| d.pools[0].max_nodes = "2".into(),
            &[(
                Field::Pool(0, MaxNodes),
                "2 is less than the 3 nodes; the max count must be at least the node count",
            )],
        );
        check(
            |d| d.pools[0].max_pods = "0".into(),
            &[(
                Field::Pool(0, MaxPods),
                "0 is not a whole number from 1 to 10,000",
            )],
        );
        check(
            |d| d.pools[0].max_surge = "150%".into(),
            &[(
                Field::Pool(0, MaxSurge),
                "150% is out of range (1% to 100%)",
            )],
        );
        check(
            |d| d.pools.push(PoolDraft::named("system")),
            &[(
                Field::Pool(1, Name),
                "pool 1 already has this name; names must be unique",
            )],
        );
        check(
            |d| d.pools[0].name = "  ".into(),
            &[(Field::Pool(0, Name), "required: give the pool a name")],
        );
        check(
            |d| d.internal_lb_ips = "two".into(),
            &[(
                Field::InternalLbIps,
                "two is not a whole number from 0 to 1,000,000",
            )],
        );
        check(
            |d| d.avoid.push("192.168.1.1/16".into()),
            &[(
                Field::Avoid(0),
                "192.168.1.1/16 has host bits set; did you mean 192.168.0.0/16?",
            )],
        );
        // Several at once, in form order.
        check(
            |d| {
                d.node_subnet = "x".into();
                d.pools[0].max_pods = "y".into();
                d.private_endpoints = String::new();
            },
            &[
                (Field::NodeSubnet, "x is not a valid IP address"),
                (
                    Field::Pool(0, MaxPods),
                    "y is not a whole number from 1 to 10,000",
                ),
                (
                    Field::PrivateEndpoints,
                    "required: enter a whole number from 0 to 1,000,000",
                ),
            ],
        );
    }

    #[test]
    fn empty_optional_fields_mean_defaults() {
        let mut d = Draft::default();
        d.pod_subnet = " ".into();
        d.pools[0].max_pods = String::new();
        d.pools[0].max_surge = String::new();
        d.pools[0].max_nodes = String::new();
        let p = d.parse().expect("valid");
        assert_eq!(p.pod_subnet, None);
        d.pools[0].max_surge = "33".into();
        assert_eq!(
            d.parse().expect("valid").pools[0].max_surge,
            Some(Surge::Nodes(33))
        );
        assert_eq!(
            (
                p.pools[0].max_pods,
                p.pools[0].max_surge,
                p.pools[0].max_nodes
            ),
            (None, None, None)
        );
    }

    #[test]
    fn next_pool_name_is_free() {
        let mut d = Draft::default();
        assert_eq!(d.next_pool_name(), "pool2");
        d.pools.push(PoolDraft::named("pool2"));
        assert_eq!(d.next_pool_name(), "pool3");
        d.pools.push(PoolDraft::named(" pool3 "));
        d.pools.push(PoolDraft::named("pool5"));
        assert_eq!(d.next_pool_name(), "pool4");
    }

    #[test]
    fn each_repeated_name_points_at_its_first_row() {
        let mut d = Draft::default();
        d.pools = ["a", " a ", "b", "a", "b "].map(PoolDraft::named).to_vec();
        let errors = d.parse().expect_err("repeated names");
        let got: Vec<(Field, &str)> = errors
            .iter()
            .map(|e| (e.field, e.message.as_str()))
            .collect();
        let repeated = |row, first| {
            (
                Field::Pool(row, PoolField::Name),
                match first {
                    1 => "pool 1 already has this name; names must be unique",
                    _ => "pool 3 already has this name; names must be unique",
                },
            )
        };
        assert_eq!(got, [repeated(1, 1), repeated(3, 1), repeated(4, 3)]);
    }

    #[test]
    fn field_paths_match_the_plan_format() {
        assert_eq!(
            Field::Pool(2, PoolField::MaxSurge).path(),
            "pools[2].max_surge"
        );
        assert_eq!(Field::Vnet(1).path(), "vnet[1]");
        assert_eq!(Field::DnsServiceIp.path(), "dns_service_ip");
    }
}
