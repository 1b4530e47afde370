//! Criterion benchmarks of the engine: evaluate by pool count, and `free`/`fit` by used
//! prefixes; then how every stage grows with pools, subnets, VNet prefixes and prefixes.
//!
//! The groups `evaluate` and `cidr` are the engine figures. The `scale_*` groups run each
//! stage at several sizes (pools 1 to 1,000; other subnets and VNet prefixes up to the
//! 1,000 bound; used prefixes 100 to 100,000), so the growth shows from one size to the
//! next: about 10 times the time for 10 times the input is linear. They are measured
//! briefly (flat sampling, 10 samples) to keep `make bench` short.
use std::hint::black_box;
use std::time::Duration;

use aksnet_core::cidr::{self, IpNet, Ipv4Net};
use aksnet_core::deploy::{self, Format};
use aksnet_core::draft::Draft;
use aksnet_core::eval::evaluate;
use aksnet_core::facts::ModelId;
use aksnet_core::plan::{OtherSubnet, Plan, Pool, SubnetRole, Surge};
use aksnet_core::{compare, layout, render, score, share};
use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main,
};

fn plan_with(pools: usize) -> Plan {
    let mut p = Plan::default();
    p.vnet = vec!["10.0.0.0/8".parse().expect("vnet")];
    p.node_subnet = "10.0.0.0/16".parse().expect("subnet");
    p.pod_subnet = Some("10.1.0.0/16".parse().expect("pod subnet"));
    p.pod_cidr = "100.64.0.0/10".parse().expect("pod cidr");
    p.service_cidr = "172.16.0.0/16".parse().expect("svc");
    p.dns_service_ip = "172.16.0.10".parse().expect("dns");
    p.pools = (0..pools)
        .map(|i| Pool {
            max_pods: Some(30 + (i as u64 % 5) * 20),
            max_surge: Some(Surge::Percent(33)),
            ..Pool::new(&format!("pool{i}"), 3 + i as u64 % 7)
        })
        .collect();
    p
}

/// `n` scattered /28s inside 10.0.0.0/8, deterministic.
fn used(n: usize) -> Vec<IpNet> {
    let mut x: u32 = 0x9e37_79b9;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            IpNet::V4(Ipv4Net::new((0x0a00_0000 | (x & 0x00ff_fff0)).into(), 28).expect("prefix"))
        })
        .collect()
}

/// The /24 number `i` of 10.2.0.0/15 and up: inside the VNet, clear of node and pod subnets.
fn slash24(i: usize) -> IpNet {
    IpNet::V4(Ipv4Net::new((0x0a02_0000 + ((i as u32) << 8)).into(), 24).expect("a /24"))
}

/// How the other subnets of [`plan_with_subnets`] relate to each other.
#[derive(Clone, Copy)]
enum Subnets {
    /// All disjoint: no finding.
    Disjoint,
    /// Each prefix twice: `n / 2` overlapping pairs, one finding each.
    Pairs,
    /// All the same prefix: every pair overlaps, `n (n - 1) / 2` findings.
    Same,
}

/// A 3-pool plan with `n` other subnets.
fn plan_with_subnets(n: usize, how: Subnets) -> Plan {
    let mut p = plan_with(3);
    p.other_subnets = (0..n)
        .map(|i| OtherSubnet {
            role: SubnetRole::ALL[i % SubnetRole::ALL.len()],
            prefix: match how {
                Subnets::Disjoint => slash24(i),
                Subnets::Pairs => slash24(i / 2),
                Subnets::Same => slash24(0),
            },
        })
        .collect();
    p
}

/// A 3-pool plan whose VNet is `n` /20s of 10.0.0.0/8 and which avoids `n` /26s of
/// 192.168.0.0/16; the node subnet is in the first /20, and no subnet overlaps.
fn plan_with_vnets(n: usize) -> Plan {
    let mut p = plan_with(3);
    p.vnet = (0..n)
        .map(|i| {
            IpNet::V4(Ipv4Net::new((0x0a00_0000 + ((i as u32) << 12)).into(), 20).expect("a /20"))
        })
        .collect();
    p.node_subnet = "10.0.0.0/22".parse().expect("node subnet");
    p.pod_subnet = Some("10.0.8.0/21".parse().expect("pod subnet"));
    p.avoid = (0..n)
        .map(|i| {
            IpNet::V4(Ipv4Net::new((0xc0a8_0000 + ((i as u32) << 6)).into(), 26).expect("a /26"))
        })
        .collect();
    p
}

/// 3 pools whose names AKS does not accept and which all clean up to the same name.
fn plan_with_pool_names(pools: usize) -> Plan {
    let mut p = plan_with(pools);
    for (i, pool) in p.pools.iter_mut().enumerate() {
        pool.name = format!("Application pool {i}");
    }
    p
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("evaluate");
    for pools in [1, 20, 100] {
        let p = plan_with(pools);
        g.bench_with_input(BenchmarkId::from_parameter(pools), &p, |b, p| {
            b.iter(|| evaluate(black_box(p)))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("cidr");
    free_and_fit(&mut g, &[1_000, 10_000]);
    g.finish();
}

/// `free` and `fit` within 10.0.0.0/8 for each count of scattered used prefixes.
fn free_and_fit(g: &mut BenchmarkGroup<'_, WallTime>, counts: &[usize]) {
    let within: IpNet = "10.0.0.0/8".parse().expect("within");
    for &n in counts {
        let u = used(n);
        g.bench_with_input(BenchmarkId::new("free", n), &u, |b, u| {
            b.iter(|| cidr::free(black_box(&within), black_box(u)))
        });
        g.bench_with_input(BenchmarkId::new("fit", n), &u, |b, u| {
            b.iter(|| cidr::fit(black_box(&within), black_box(u), 1_000))
        });
    }
}

/// A group measured briefly: the scaling groups need the trend, not the last percent.
fn brief<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    g
}

const POOLS: [usize; 4] = [1, 10, 100, 1_000];
const LIST: [usize; 3] = [10, 100, 1_000];

/// Every stage by pool count: parsing, evaluation and everything drawn from the report.
fn scale_pools(c: &mut Criterion) {
    let mut g = brief(c, "scale_pools");
    for n in POOLS {
        let plan = plan_with(n);
        let json = plan.to_json();
        let report = evaluate(&plan);
        let draft = Draft::from_plan(&plan);
        let link = share::encode(&draft);
        g.bench_with_input(BenchmarkId::new("from_json", n), &json, |b, j| {
            b.iter(|| Plan::from_json(black_box(j)))
        });
        g.bench_with_input(BenchmarkId::new("evaluate", n), &plan, |b, p| {
            b.iter(|| evaluate(black_box(p)))
        });
        g.bench_with_input(BenchmarkId::new("draft_parse", n), &draft, |b, d| {
            b.iter(|| black_box(d).parse())
        });
        g.bench_with_input(BenchmarkId::new("next_pool_name", n), &draft, |b, d| {
            b.iter(|| black_box(d).next_pool_name())
        });
        g.bench_with_input(BenchmarkId::new("share_encode", n), &draft, |b, d| {
            b.iter(|| share::encode(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("share_decode", n), &link, |b, l| {
            b.iter(|| share::decode(black_box(l)))
        });
        g.bench_with_input(BenchmarkId::new("compare", n), &report, |b, r| {
            b.iter(|| compare::comparison(black_box(&plan), black_box(r)))
        });
        g.bench_with_input(BenchmarkId::new("rank", n), &report, |b, r| {
            b.iter(|| score::rank(black_box(&plan), black_box(&r.models)))
        });
        g.bench_with_input(BenchmarkId::new("growth", n), &report, |b, r| {
            b.iter(|| layout::growth(black_box(&plan), black_box(r)))
        });
        g.bench_with_input(BenchmarkId::new("render_text", n), &report, |b, r| {
            b.iter(|| render::text(black_box(r)))
        });
        let named = plan_with_pool_names(n);
        g.bench_with_input(BenchmarkId::new("deploy_cli", n), &named, |b, p| {
            b.iter(|| deploy::generate(black_box(p), ModelId::AzureCniOverlay, Format::AzureCli))
        });
    }
    g.finish();
}

/// Evaluation and the address map by other subnets (disjoint, in overlapping pairs,
/// all the same) and by VNet prefixes with as many avoided ranges.
fn scale_subnets(c: &mut Criterion) {
    let mut g = brief(c, "scale_subnets");
    for n in LIST {
        for (how, name) in [
            (Subnets::Disjoint, "disjoint"),
            (Subnets::Pairs, "pairs"),
            (Subnets::Same, "same"),
        ] {
            let plan = plan_with_subnets(n, how);
            let report = evaluate(&plan);
            g.bench_with_input(
                BenchmarkId::new(format!("evaluate_{name}"), n),
                &plan,
                |b, p| b.iter(|| evaluate(black_box(p))),
            );
            g.bench_with_input(
                BenchmarkId::new(format!("address_map_{name}"), n),
                &report,
                |b, r| b.iter(|| layout::address_map(black_box(&plan), black_box(r))),
            );
        }
        let plan = plan_with_vnets(n);
        let report = evaluate(&plan);
        g.bench_with_input(BenchmarkId::new("evaluate_vnets", n), &plan, |b, p| {
            b.iter(|| evaluate(black_box(p)))
        });
        g.bench_with_input(BenchmarkId::new("address_map_vnets", n), &report, |b, r| {
            b.iter(|| layout::address_map(black_box(&plan), black_box(r)))
        });
    }
    g.finish();
}

/// `free` and `fit` by used prefixes, 100 to 100,000.
fn scale_cidr(c: &mut Criterion) {
    let mut g = brief(c, "scale_cidr");
    free_and_fit(&mut g, &[100, 1_000, 10_000, 100_000]);
    g.finish();
}

criterion_group!(benches, bench, scale_pools, scale_subnets, scale_cidr);
criterion_main!(benches);
