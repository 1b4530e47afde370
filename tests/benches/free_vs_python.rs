//! `cidr::free` against Python's `ipaddress` on 10,000 used prefixes, IPv4 and IPv6: the
//! time of each and whether they give the same blocks.
//!
//! For each case the benchmark times `aksnet_core::cidr::free` (best and median of many
//! runs), then sends the same range and used prefixes to `tests/python/free_ipaddress.py`,
//! which times the same computation with `address_exclude` and `collapse_addresses` (best
//! of a few runs, parsing excluded) and prints the blocks. The two lists must be the same
//! strings in the same order; if they differ, or Python cannot run, the benchmark says so
//! and exits with status 1. It asserts nothing about speed.
//!
//! `cargo bench -p aksnet-tests --bench free_vs_python` (`make bench` runs it).
use std::hint::black_box;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use aksnet_core::cidr::{self, IpNet, Ipv4Net, Ipv6Net, group_thousands};

/// Used prefixes per case.
const USED: usize = 10_000;
/// Runs of `free` timed in Rust: at least this many, and more until this much time passed.
const RUST_RUNS: usize = 50;
const RUST_TIME: Duration = Duration::from_secs(2);
/// Runs of the computation timed in Python (its best one counts).
const PYTHON_RUNS: u32 = 5;

/// A xorshift32 sequence from a fixed seed, as in `core/benches/engine.rs`.
fn xorshift(n: usize) -> impl Iterator<Item = u32> {
    let mut x: u32 = 0x9e37_79b9;
    (0..n).map(move |_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x
    })
}

/// `n` scattered /28s inside 10.0.0.0/8: the same prefixes as the engine benchmark's.
fn used_v4(n: usize) -> Vec<IpNet> {
    xorshift(n)
        .map(|x| {
            let addr = 0x0a00_0000 | (x & 0x00ff_fff0);
            IpNet::V4(Ipv4Net::new(addr.into(), 28).expect("a /28"))
        })
        .collect()
}

/// `n` scattered /64s inside fd00:a:b::/48 (65,536 of them there), some repeated.
fn used_v6(n: usize) -> Vec<IpNet> {
    let base: u128 = 0xfd00_000a_000b_u128 << 80;
    xorshift(n)
        .map(|x| {
            let addr = base | (u128::from(x & 0xffff) << 64);
            IpNet::V6(Ipv6Net::new(addr.into(), 64).expect("a /64"))
        })
        .collect()
}

/// "680 µs", "1.25 ms", "85.3 ms", "120 ms", "1.52 s".
fn duration(seconds: f64) -> String {
    let ms = seconds * 1e3;
    if ms < 1.0 {
        format!("{:.0} µs", seconds * 1e6)
    } else if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 100.0 {
        format!("{ms:.1} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{seconds:.2} s")
    }
}

/// (best, median) seconds of `free(within, used)` over repeated runs, and the run count.
fn time_aksnet(within: &IpNet, used: &[IpNet]) -> (f64, f64, usize) {
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < RUST_RUNS || started.elapsed() < RUST_TIME {
        let t = Instant::now();
        black_box(cidr::free(black_box(within), black_box(used)));
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2], times.len())
}

/// Python's best time in seconds and its blocks, or why it could not give them.
fn python(within: &IpNet, used: &[IpNet]) -> Result<(f64, Vec<String>), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/free_ipaddress.py");
    let mut input = format!("{within}\n");
    for u in used {
        input.push_str(&format!("{u}\n"));
    }
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(PYTHON_RUNS.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    // The script reads all of its input before it writes, so this cannot block.
    let written = child
        .stdin
        .take()
        .ok_or("python3 has no standard input")?
        .write_all(input.as_bytes());
    let output = child
        .wait_with_output()
        .map_err(|e| format!("python3 did not finish: {e}"))?;
    if !output.status.success() || written.is_err() {
        return Err(format!(
            "python3 {} failed ({}): {}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let stdout = String::from_utf8(output.stdout).map_err(|_| "python3 printed non-UTF-8")?;
    let mut lines = stdout.lines();
    let seconds = lines
        .next()
        .and_then(|l| l.strip_prefix("seconds "))
        .and_then(|l| l.split(' ').next())
        .and_then(|s| s.parse::<f64>().ok())
        .ok_or("python3 printed no `seconds BEST RUNS` line first")?;
    Ok((seconds, lines.map(String::from).collect()))
}

/// One case: time both, compare, print; `Err` with the reason when they disagree.
fn case(family: &str, within: &str, used: &[IpNet]) -> Result<(), String> {
    let within: IpNet = within.parse().map_err(|e| format!("{within}: {e}"))?;
    let ours: Vec<String> = cidr::free(&within, used)
        .iter()
        .map(ToString::to_string)
        .collect();
    let (best, median, runs) = time_aksnet(&within, used);
    let (py, theirs) = python(&within, used)?;
    let what = format!(
        "free, {} used {family} prefixes",
        group_thousands(used.len() as u128)
    );
    if ours != theirs {
        let at = ours
            .iter()
            .zip(&theirs)
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(theirs.len()));
        let show = |list: &[String]| list.get(at).map_or("(nothing)".into(), Clone::clone);
        return Err(format!(
            "{what}: aksnet and Python ipaddress disagree: aksnet gives {} blocks, Python {}; \
             first difference at block {at}: aksnet {}, Python {}",
            group_thousands(ours.len() as u128),
            group_thousands(theirs.len() as u128),
            show(&ours),
            show(&theirs),
        ));
    }
    println!(
        "{what}: aksnet {}, Python ipaddress {}, ratio {:.0}x; both give the same {} blocks",
        duration(best),
        duration(py),
        py / best,
        group_thousands(ours.len() as u128)
    );
    println!(
        "  (within {within}; aksnet: best of {runs} runs, median {}; Python: best of {PYTHON_RUNS} runs, parsing excluded)",
        duration(median)
    );
    Ok(())
}

fn main() -> ExitCode {
    let cases = [
        ("IPv4", "10.0.0.0/8", used_v4(USED)),
        ("IPv6", "fd00:a:b::/48", used_v6(USED)),
    ];
    let mut failed = false;
    for (family, within, used) in &cases {
        if let Err(e) = case(family, within, used) {
            eprintln!("free_vs_python: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
