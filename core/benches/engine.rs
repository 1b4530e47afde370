//! Criterion benchmarks of the engine: evaluate by pool count, and `free`/`fit` by used prefixes.
use std::hint::black_box;

use aksnet_core::cidr::{self, IpNet, Ipv4Net};
use aksnet_core::eval::evaluate;
use aksnet_core::plan::{Plan, Pool, Surge};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

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

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("evaluate");
    for pools in [1, 20, 100] {
        let p = plan_with(pools);
        g.bench_with_input(BenchmarkId::from_parameter(pools), &p, |b, p| {
            b.iter(|| evaluate(black_box(p)))
        });
    }
    g.finish();
    let within: IpNet = "10.0.0.0/8".parse().expect("within");
    let mut g = c.benchmark_group("cidr");
    for n in [1_000, 10_000] {
        let u = used(n);
        g.bench_with_input(BenchmarkId::new("free", n), &u, |b, u| {
            b.iter(|| cidr::free(black_box(&within), black_box(u)))
        });
        g.bench_with_input(BenchmarkId::new("fit", n), &u, |b, u| {
            b.iter(|| cidr::fit(black_box(&within), black_box(u), 1_000))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
