//! The bad-input corpus (`tests/corpus/bad-plans/`): every malformed plan or field gets
//! its specific code and message, through the library and through the CLI, with no
//! panic and no hang. A few cases too large to keep as files are made here.
//!
//! Messages are kept in `tests/corpus/bad-plans/EXPECTED.tsv`; `UPDATE_GOLDEN=1` rewrites
//! that file from the current output (read the diff before committing). Codes are
//! written below, so a changed message can never hide a changed code.
use std::path::Path;
use std::time::{Duration, Instant};

use aksnet_core::eval::{Severity, evaluate};
use aksnet_core::plan::Plan;

/// Each case and the code it must give: a plan error's code when the plan cannot be
/// read, else the code of an error (or warning) finding the evaluation reports.
const CASES: &[(&str, &str)] = &[
    ("host-bits-set", "InvalidPrefix"),
    ("prefix-33", "InvalidPrefix"),
    ("octet-300", "InvalidPrefix"),
    ("empty-prefix", "InvalidPrefix"),
    ("stray-text", "InvalidPrefix"),
    ("no-prefix-length", "InvalidPrefix"),
    ("prefix-suffix-junk", "InvalidPrefix"),
    ("ipv6-node-subnet", "Ipv6SingleStack"),
    ("ipv6-service-cidr", "Ipv6SingleStack"),
    ("dns-not-an-address", "InvalidAddress"),
    ("dns-is-network-address", "DnsServiceIpReserved"),
    ("dns-is-first-address", "DnsServiceIpReserved"),
    ("dns-outside-service-cidr", "DnsServiceIpOutOfServiceCidr"),
    (
        "service-cidr-overlaps-vnet",
        "ServiceCidrOverlapExistingSubnetsCidr",
    ),
    ("negative-nodes", "OutOfRange"),
    ("huge-nodes", "OutOfRange"),
    ("float-nodes", "OutOfRange"),
    ("string-nodes", "WrongType"),
    ("null-nodes", "Required"),
    ("max-pods-zero", "OutOfRange"),
    ("max-pods-string", "WrongType"),
    ("max-pods-300-rule", "MaxPodsOutOfRange"),
    ("max-nodes-below-nodes", "Inconsistent"),
    ("surge-150-percent", "InvalidValue"),
    ("surge-number", "WrongType"),
    ("surge-words", "InvalidValue"),
    ("os-macos", "InvalidValue"),
    ("pool-name-empty", "Empty"),
    ("pool-name-newline", "InvalidValue"),
    ("pool-name-too-long", "OutOfRange"),
    ("pool-unknown-field", "UnknownField"),
    ("pool-of-1001-nodes", "PoolNodeLimit"),
    ("duplicate-pool-names", "Duplicate"),
    ("no-pools", "Empty"),
    ("pools-missing", "Required"),
    ("pools-object", "WrongType"),
    ("vnet-empty", "Empty"),
    ("vnet-string", "WrongType"),
    ("version-2", "UnsupportedVersion"),
    ("version-missing", "Required"),
    ("version-string", "UnsupportedVersion"),
    ("unknown-field", "UnknownField"),
    ("docker-bridge-cidr", "RemovedField"),
    ("cilium-ipam-bgp", "InvalidValue"),
    ("requirement-not-bool", "WrongType"),
    ("policy-npm", "InvalidValue"),
    ("priority-6", "OutOfRange"),
    ("priority-unknown", "UnknownField"),
    ("lb-ips-negative", "OutOfRange"),
    ("avoid-not-list", "WrongType"),
    ("avoid-bad-prefix", "InvalidPrefix"),
    ("other-subnet-bad-role", "InvalidValue"),
    ("other-subnet-no-prefix", "Required"),
    ("firewall-subnet-too-small", "SubnetTooSmall"),
    ("subnet-outside-vnet", "SubnetOutsideVnet"),
    ("not-an-object", "WrongType"),
    ("empty-file", "PlanSyntax"),
    ("truncated", "PlanSyntax"),
    ("trailing-comma", "PlanSyntax"),
    ("comments", "PlanSyntax"),
    ("nan-literal", "PlanSyntax"),
    ("byte-order-mark", "PlanSyntax"),
];

/// No single case may take longer than this (a hang or runaway work fails the test).
const TIME_LIMIT: Duration = Duration::from_secs(2);

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/bad-plans")
}

/// (code, message, CLI exit status, CLI stderr) for one input.
fn outcome(text: &str) -> (String, String, i32, String) {
    let started = Instant::now();
    let result = match Plan::from_json(text) {
        Err(e) => (e.code().to_string(), e.to_string()),
        Ok(plan) => {
            let report = evaluate(&plan);
            report
                .findings
                .iter()
                .chain(report.models.iter().flat_map(|m| m.findings.iter()))
                .find(|f| f.severity != Severity::Info)
                .map(|f| (f.code.as_str().to_string(), f.message.clone()))
                .unwrap_or_else(|| ("NoFinding".into(), String::new()))
        }
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = ["check", "-", "--format", "json"].map(String::from);
    let code = aksnet_cli::run(&args, &mut text.as_bytes(), &mut out, &mut err);
    assert!(
        started.elapsed() < TIME_LIMIT,
        "took {:?}",
        started.elapsed()
    );
    (
        result.0,
        result.1,
        code,
        String::from_utf8(err).expect("utf-8"),
    )
}

#[test]
fn every_corpus_file_gives_its_code_and_message() {
    let dir = corpus();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".json").map(String::from))
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every corpus file has a row in CASES and the other way round"
    );
    assert!(CASES.len() >= 50);

    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for (name, want) in CASES {
        let text = std::fs::read(dir.join(format!("{name}.json"))).expect("case file");
        let text = String::from_utf8_lossy(&text);
        let (code, message, status, stderr) = outcome(&text);
        if code != *want {
            failures.push(format!("{name}: code {code}, expected {want} ({message})"));
        }
        let plan_error = Plan::from_json(&text).is_err();
        if plan_error {
            // The CLI reads the same message, on one line, with status 2.
            let expected = format!("aksnet: -: {message}\n");
            if status != 2
                || stderr.lines().count() != 1
                || (!message.contains('\n') && stderr != expected)
            {
                failures.push(format!("{name}: CLI status {status}, stderr {stderr:?}"));
            }
        } else if status != 1 {
            failures.push(format!(
                "{name}: CLI status {status} for a plan with errors"
            ));
        }
        lines.push(format!("{name}\t{code}\t{message}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let golden = dir.join("EXPECTED.tsv");
    let actual = lines.join("\n") + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &actual).expect("write EXPECTED.tsv");
    }
    let expected = std::fs::read_to_string(&golden)
        .expect("EXPECTED.tsv: create it with UPDATE_GOLDEN=1 and read it");
    for (e, a) in expected.lines().zip(actual.lines()) {
        assert_eq!(
            e, a,
            "message changed (UPDATE_GOLDEN=1 rewrites EXPECTED.tsv)"
        );
    }
    assert_eq!(expected.lines().count(), actual.lines().count());
}

#[test]
fn inputs_too_large_to_keep_as_files() {
    let pool = r#"{"name":"p","nodes":1}"#;
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "10 MB",
            format!("{{\"version\":1,\"x\":\"{}\"}}", "a".repeat(10 << 20)),
            "PlanTooLarge",
        ),
        (
            "deeply nested",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            "PlanSyntax",
        ),
        (
            "1,001 pools",
            format!(
                r#"{{"version":1,"vnet":["10.0.0.0/16"],"node_subnet":"10.0.0.0/22","pools":[{}]}}"#,
                vec![pool; 1_001].join(",")
            ),
            "TooMany",
        ),
        (
            "1,000 pools of 100,000 nodes",
            format!(
                r#"{{"version":1,"vnet":["10.0.0.0/8"],"node_subnet":"10.0.0.0/16","service_cidr":"172.16.0.0/16","dns_service_ip":"172.16.0.10","pools":[{}]}}"#,
                (0..1_000)
                    .map(|i| format!(
                        r#"{{"name":"p{i}","nodes":100000,"max_pods":10000,"max_surge":"100%"}}"#
                    ))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            "TooManyNodePools",
        ),
        (
            "1,000 pools, VNet prefixes, avoided ranges and other subnets in overlapping pairs",
            format!(
                r#"{{"version":1,"vnet":[{}],"node_subnet":"10.0.0.0/22","service_cidr":"172.16.0.0/16","dns_service_ip":"172.16.0.10","avoid":[{}],"other_subnets":[{}],"pools":[{}]}}"#,
                (0..1_000u32)
                    .map(|i| format!(r#""10.{}.{}.0/20""#, i >> 4, (i & 15) << 4))
                    .collect::<Vec<_>>()
                    .join(","),
                (0..1_000u32)
                    .map(|i| format!(r#""192.168.{}.{}/26""#, i >> 2, (i & 3) << 6))
                    .collect::<Vec<_>>()
                    .join(","),
                (0..1_000u32)
                    .map(|i| format!(r#"{{"prefix":"10.{}.{}.0/24"}}"#, 2 + i / 512, i / 2 % 256))
                    .collect::<Vec<_>>()
                    .join(","),
                (0..1_000)
                    .map(|i| format!(r#"{{"name":"p{i}","nodes":3,"max_pods":30}}"#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            "SubnetsOverlap",
        ),
    ];
    for (what, text, want) in cases {
        let (code, message, status, stderr) = outcome(&text);
        assert_eq!(code, want, "{what}: {message}");
        assert!(matches!(status, 1 | 2), "{what}: status {status}");
        assert!(stderr.lines().count() <= 1, "{what}: {stderr}");
    }
}

/// 1,000 copies of one subnet: 499,500 overlapping pairs, of which the report lists 50
/// and counts the rest. Its JSON report stays small (it was 161 MB) and quick.
#[test]
fn a_thousand_copies_of_one_subnet_give_a_small_report() {
    let text = format!(
        r#"{{"version":1,"vnet":["10.0.0.0/8"],"node_subnet":"10.0.0.0/16","pod_subnet":"10.1.0.0/16","service_cidr":"172.16.0.0/16","dns_service_ip":"172.16.0.10","pools":[{{"name":"p","nodes":3}}],"other_subnets":[{}]}}"#,
        vec![r#"{"prefix":"10.2.0.0/24"}"#; 1_000].join(",")
    );
    let (code, _, status, _) = outcome(&text);
    assert_eq!((code.as_str(), status), ("SubnetsOverlap", 1));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = ["check", "-", "--format", "json"].map(String::from);
    aksnet_cli::run(&args, &mut text.as_bytes(), &mut out, &mut err);
    assert!(out.len() < 1 << 20, "{} bytes", out.len());
    let report = String::from_utf8(out).expect("utf-8");
    assert_eq!(report.matches("\"SubnetsOverlap\"").count(), 51);
    assert!(
        report.contains("and 499,450 more overlapping pairs of subnets; fix the ones above first")
    );
}
