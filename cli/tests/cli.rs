//! The `aksnet` binary end to end: arguments, output formats and exit statuses.
use std::io::Write;
use std::process::{Command, Stdio};

const PLAN: &str = r#"{
  "version": 1,
  "vnet": ["10.0.0.0/16"],
  "node_subnet": "10.0.0.0/22",
  "pod_subnet": "10.0.64.0/18",
  "service_cidr": "10.1.0.0/16",
  "dns_service_ip": "10.1.0.10",
  "pools": [{ "name": "system", "nodes": 50, "max_pods": 30, "max_surge": "1" }]
}"#;

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn aksnet(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aksnet"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aksnet");
    // The command may exit before it reads its input; a broken pipe then is expected.
    if let Err(e) = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin");
    }
    let o = child.wait_with_output().expect("aksnet runs");
    Run {
        code: o.status.code().expect("exit code"),
        out: String::from_utf8(o.stdout).expect("utf-8"),
        err: String::from_utf8(o.stderr).expect("utf-8"),
    }
}

#[test]
fn check_json_from_stdin() {
    let r = aksnet(&["check", "-", "--format", "json"], PLAN);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("json report");
    let cni = &v["models"][1];
    assert_eq!(cni["model"], "azure-cni");
    assert_eq!(cni["node_subnet_ips_required"], 1581);
    assert_eq!(cni["node_subnet_ips_available"], 1019);
    assert_eq!(cni["fits"], false);
    assert_eq!(cni["findings"][0]["code"], "InsufficientSubnetSize");
    assert_eq!(
        cni["findings"][0]["fix"],
        "use a /21 or larger (1,581 addresses needed, 1,019 available)"
    );
}

#[test]
fn check_exit_status_follows_the_model() {
    assert_eq!(
        aksnet(&["check", "-", "--model", "azure-cni"], PLAN).code,
        1
    );
    let r = aksnet(&["check", "-", "--model", "azure-cni-overlay"], PLAN);
    assert_eq!(r.code, 0);
    assert!(
        r.out.contains("azure-cni-overlay") && !r.out.contains("\nkubenet "),
        "{}",
        r.out
    );
    // A plan-wide error fails whatever fits.
    let bad_dns = PLAN.replace("10.1.0.10", "10.2.0.10");
    let r = aksnet(&["check", "-"], &bad_dns);
    assert_eq!(r.code, 1);
    assert!(
        r.out.contains("DnsServiceIpOutOfServiceCidr") && r.out.contains("fix: use 10.1.0.10"),
        "{}",
        r.out
    );
}

#[test]
fn table_fits_80_columns_and_markdown_is_a_table() {
    let r = aksnet(&["check", "-"], PLAN);
    for line in r.out.lines().filter(|l| !l.contains("https://")) {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    let md = aksnet(&["check", "-", "--format", "markdown"], PLAN).out;
    assert!(md.starts_with("| Model | Fits |"), "{md}");
    assert!(md.contains("| Azure CNI | no | 1,581 / 1,019 |"), "{md}");
}

#[test]
fn unreadable_input_is_one_line_with_status_2() {
    let rows: &[(&[&str], &str, &str)] = &[
        (
            &["check", "-"],
            "{\"version\": 1,\n \"vnet\": [",
            "aksnet: -: line 2, column 10: EOF while parsing a list\n",
        ),
        (
            &["check", "-"],
            &PLAN.replace("\"max_pods\"", "\"max_pod\""),
            "aksnet: -: pools[0].max_pod: unknown field; did you mean max_pods?\n",
        ),
        (
            &["check", "/nonexistent/plan.json"],
            "",
            "aksnet: cannot read /nonexistent/plan.json: No such file or directory (os error 2)\n",
        ),
        (
            &["check", "-", "--format", "yaml"],
            PLAN,
            "aksnet: --format yaml is not one of table, json, markdown\n",
        ),
        (
            &["check", "-", "--model", "flannel"],
            PLAN,
            "aksnet: --model flannel is not one of kubenet, azure-cni, azure-cni-overlay, azure-cni-cilium, azure-cni-pod-subnet, azure-cni-pod-subnet-static\n",
        ),
        (
            &["check"],
            "",
            "aksnet: expected one plan file (or - for standard input); see aksnet --help\n",
        ),
        (
            &["frobnicate"],
            "",
            "aksnet: unknown command frobnicate; see aksnet --help\n",
        ),
        (
            &["cidr", "info", "10.0.0.1/24"],
            "",
            "aksnet: prefix: 10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?\n",
        ),
        (
            &[
                "cidr",
                "free",
                "--within",
                "10.0.0.0/16",
                "--used",
                "10.0.0.0/33",
            ],
            "",
            "aksnet: --used: /33 in 10.0.0.0/33 is out of range for IPv4 (0 to 32)\n",
        ),
        (
            &[
                "cidr",
                "fit",
                "--within",
                "10.0.0.0/16",
                "--addresses",
                "many",
            ],
            "",
            "aksnet: --addresses many is not a whole number of 1 or more\n",
        ),
        (
            &["cidr", "fit", "--within", "10.0.0.0/16"],
            "",
            "aksnet: --addresses K is required\n",
        ),
        (
            &["cidr", "free", "--within"],
            "",
            "aksnet: --within needs a value\n",
        ),
        (
            &["cidr", "free", "--within", "10.0.0.0/8", "--bogus", "1"],
            "",
            "aksnet: unknown option --bogus; expected one of --within, --used, --format\n",
        ),
    ];
    for (args, stdin, expected) in rows {
        let r = aksnet(args, stdin);
        assert_eq!((r.code, r.err.as_str()), (2, *expected), "{args:?}");
        assert!(r.out.is_empty(), "{args:?}");
    }
    // Found by the cli_args fuzz target: input echoed in a message stays on one line.
    let r = aksnet(&["check", "-"], "\",\n  \"AAAAwithinzAA {\\r\\n\" ");
    assert_eq!(r.code, 2);
    assert_eq!(r.err.lines().count(), 1, "{:?}", r.err);
    let r = aksnet(&["cidr", "info", "10.0.0.0\n/8"], "");
    assert_eq!(r.err.lines().count(), 1, "{:?}", r.err);
    let huge = format!("{{\"version\":1,\"x\":\"{}\"}}", "a".repeat(2 << 20));
    let r = aksnet(&["check", "-"], &huge);
    assert_eq!(
        (r.code, r.err.as_str()),
        (2, "aksnet: -: the plan is larger than 1,048,576 bytes\n")
    );
}

#[test]
fn cidr_info_free_fit() {
    let r = aksnet(&["cidr", "info", "10.0.0.0/22", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_str(&r.out).expect("json");
    assert_eq!(v["network"], "10.0.0.0/22");
    assert_eq!(v["first"], "10.0.0.0");
    assert_eq!(v["last"], "10.0.3.255");
    assert_eq!(v["count"], 1024);
    assert_eq!(v["azure_usable"], 1019);

    let r = aksnet(
        &[
            "cidr",
            "free",
            "--within",
            "10.0.0.0/16",
            "--used",
            "10.0.0.0/22,10.0.8.0/24",
        ],
        "",
    );
    assert_eq!(r.code, 0);
    let blocks: Vec<&str> = r
        .out
        .lines()
        .map(|l| l.split_whitespace().next().expect("prefix"))
        .collect();
    assert_eq!(
        blocks,
        [
            "10.0.4.0/22",
            "10.0.9.0/24",
            "10.0.10.0/23",
            "10.0.12.0/22",
            "10.0.16.0/20",
            "10.0.32.0/19",
            "10.0.64.0/18",
            "10.0.128.0/17"
        ]
    );

    let r = aksnet(
        &[
            "cidr",
            "fit",
            "--within",
            "10.0.0.0/16",
            "--used",
            "10.0.0.0/22",
            "--addresses",
            "1581",
        ],
        "",
    );
    assert_eq!((r.code, r.out.as_str()), (0, "10.0.8.0/21\n"));
    let r = aksnet(
        &[
            "cidr",
            "fit",
            "--within",
            "10.0.0.0/24",
            "--addresses",
            "1581",
        ],
        "",
    );
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("aksnet: "), "{}", r.err);
}

#[test]
fn help_and_version() {
    let r = aksnet(&["--help"], "");
    assert_eq!(r.code, 0);
    assert!(r.out.contains("aksnet check PLAN.json"));
    assert!(aksnet(&["--version"], "").out.starts_with("aksnet "));
}
