//! The `aksnet` command line as a library: argument handling and output, without process IO.
//!
//! [`run`] takes the arguments and standard input and writes to the given outputs, so
//! tests and fuzzers drive the whole command line without spawning a process.
//!
//! ```
//! let mut out = Vec::new();
//! let mut err = Vec::new();
//! let args = ["cidr", "info", "10.0.0.0/24"].map(String::from);
//! let code = aksnet_cli::run(&args, &mut std::io::empty(), &mut out, &mut err);
//! assert_eq!(code, 0);
//! assert!(String::from_utf8(out).unwrap().contains("azure_usable  251"));
//! ```

use std::io::{Read, Write};

use aksnet_core::cidr::{self, IpNet, group_thousands as n};
use aksnet_core::eval::{Report, evaluate};
use aksnet_core::facts::ModelId;
use aksnet_core::plan::{Plan, limits};
use aksnet_core::render;
use serde_json::json;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the plan has errors, or no model fits.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: unreadable input or bad arguments.
pub const EXIT_INPUT: i32 = 2;

const USAGE: &str = "\
aksnet: check Azure Kubernetes Service network plans

Usage:
  aksnet check PLAN.json [--format table|json|markdown] [--model ID]
  aksnet cidr info PREFIX [--format json]
  aksnet cidr free --within PREFIX [--used P,P,...] [--format json]
  aksnet cidr fit  --within PREFIX [--used P,...] --addresses K [--format json]

PLAN.json may be - for standard input. Models: kubenet, azure-cni,
azure-cni-overlay, azure-cni-cilium, azure-cni-pod-subnet,
azure-cni-pod-subnet-static.

Exit status: 0 when the plan has no plan-wide error and a model fits (with
--model: that model fits), 1 otherwise, 2 when the input cannot be read.
";

/// A failure that ends the command with a status and a one-line message.
struct Fail(i32, String);

fn input(msg: impl Into<String>) -> Fail {
    Fail(EXIT_INPUT, msg.into())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Markdown,
}

/// Options after the positional arguments: `--name value` pairs.
struct Opts<'a> {
    positional: Vec<&'a str>,
    named: Vec<(&'a str, &'a str)>,
}

impl<'a> Opts<'a> {
    fn parse(args: &'a [String], allowed: &[&str]) -> Result<Opts<'a>, Fail> {
        let mut positional = Vec::new();
        let mut named: Vec<(&str, &str)> = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let (name, value) = match name.split_once('=') {
                    Some((k, v)) => (k, v),
                    None => {
                        let v = it
                            .next()
                            .ok_or_else(|| input(format!("--{name} needs a value")))?;
                        (name, v.as_str())
                    }
                };
                if !allowed.contains(&name) {
                    return Err(input(format!(
                        "unknown option --{name}; expected one of --{}",
                        allowed.join(", --")
                    )));
                }
                if named.iter().any(|(k, _)| *k == name) {
                    return Err(input(format!("--{name} is given twice")));
                }
                named.push((name, value));
            } else {
                positional.push(a.as_str());
            }
        }
        Ok(Opts { positional, named })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.named.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }

    fn format(&self, allowed: &[(&str, Format)]) -> Result<Format, Fail> {
        match self.get("format") {
            None => Ok(Format::Table),
            Some(f) => allowed
                .iter()
                .find(|(id, _)| *id == f)
                .map(|(_, v)| *v)
                .ok_or_else(|| {
                    let ids: Vec<&str> = allowed.iter().map(|(id, _)| *id).collect();
                    input(format!("--format {f} is not one of {}", ids.join(", ")))
                }),
        }
    }

    fn exactly(&self, count: usize, what: &str) -> Result<(), Fail> {
        if self.positional.len() == count {
            Ok(())
        } else {
            Err(input(format!("expected {what}; see aksnet --help")))
        }
    }
}

fn prefix(s: &str, what: &str) -> Result<IpNet, Fail> {
    cidr::parse_net(s).map_err(|e| input(format!("{what}: {e}")))
}

fn prefixes(s: Option<&str>) -> Result<Vec<IpNet>, Fail> {
    match s {
        None => Ok(Vec::new()),
        Some(list) => list
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| prefix(p, "--used"))
            .collect(),
    }
}

/// Run the command line with `args` (without the program name).
pub fn run(args: &[String], stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => write(out, USAGE).map(|_| EXIT_OK),
        Some("-V" | "--version") => {
            write(out, &format!("aksnet {}\n", env!("CARGO_PKG_VERSION"))).map(|_| EXIT_OK)
        }
        Some("check") => check(&args[1..], stdin, out),
        Some("cidr") => match args.get(1).map(String::as_str) {
            Some("info") => cidr_info(&args[2..], out),
            Some("free") => cidr_free(&args[2..], out),
            Some("fit") => cidr_fit(&args[2..], out),
            _ => Err(input(
                "expected cidr info, cidr free or cidr fit; see aksnet --help",
            )),
        },
        Some(other) => Err(input(format!("unknown command {other}; see aksnet --help"))),
    };
    match result {
        Ok(code) => code,
        Err(Fail(code, msg)) => {
            // One line, whatever the input echoed in the message holds.
            let line: String = msg
                .chars()
                .flat_map(|c| {
                    if c.is_control() {
                        c.escape_default().collect::<Vec<_>>()
                    } else {
                        vec![c]
                    }
                })
                .collect();
            let _ = writeln!(err, "aksnet: {line}");
            code
        }
    }
}

fn write(out: &mut dyn Write, s: &str) -> Result<(), Fail> {
    out.write_all(s.as_bytes())
        .map_err(|e| Fail(EXIT_INPUT, format!("cannot write output: {e}")))
}

fn read_plan_text(path: &str, stdin: &mut dyn Read) -> Result<String, Fail> {
    let mut buf = Vec::new();
    let limit = limits::MAX_PLAN_BYTES as u64 + 1;
    let read = if path == "-" {
        stdin.take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    read.map_err(|e| input(format!("cannot read {path}: {e}")))?;
    if buf.len() as u64 >= limit {
        return Err(input(format!(
            "{path}: the plan is larger than {} bytes",
            n(limits::MAX_PLAN_BYTES as u128)
        )));
    }
    String::from_utf8(buf).map_err(|e| {
        input(format!(
            "{path}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn check(args: &[String], stdin: &mut dyn Read, out: &mut dyn Write) -> Result<i32, Fail> {
    let opts = Opts::parse(args, &["format", "model"])?;
    opts.exactly(1, "one plan file (or - for standard input)")?;
    let format = opts.format(&[
        ("table", Format::Table),
        ("json", Format::Json),
        ("markdown", Format::Markdown),
    ])?;
    let model = match opts.get("model") {
        None => None,
        Some(id) => Some(ModelId::from_id(id).ok_or_else(|| {
            let ids: Vec<&str> = ModelId::ALL.iter().map(|m| m.id()).collect();
            input(format!("--model {id} is not one of {}", ids.join(", ")))
        })?),
    };
    let path = opts.positional[0];
    let text = read_plan_text(path, stdin)?;
    let plan = Plan::from_json(&text).map_err(|e| input(format!("{path}: {e}")))?;
    let mut report = evaluate(&plan);
    let fits = match model {
        Some(m) => report.model(m).is_some_and(|r| r.fits),
        None => report.models.iter().any(|r| r.fits),
    };
    let code = if !report.has_plan_errors() && fits {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    };
    if format != Format::Json {
        if let Some(m) = model {
            report.models.retain(|r| r.model == m);
        }
    }
    let text = match format {
        Format::Table => render::text(&report),
        Format::Markdown => render::markdown(&report),
        Format::Json => report_json(&report),
    };
    write(out, &text)?;
    Ok(code)
}

fn report_json(report: &Report) -> String {
    let mut s = report.to_json();
    s.push('\n');
    s
}

fn cidr_info(args: &[String], out: &mut dyn Write) -> Result<i32, Fail> {
    let opts = Opts::parse(args, &["format"])?;
    opts.exactly(1, "one prefix, e.g. aksnet cidr info 10.0.0.0/16")?;
    let format = opts.format(&[("table", Format::Table), ("json", Format::Json)])?;
    let net = prefix(opts.positional[0], "prefix")?;
    let (first, last) = (net.network(), net.broadcast());
    let count = cidr::count(&net);
    let usable = cidr::azure_usable(&net);
    let text = if format == Format::Json {
        let v = json!({
            "network": net.to_string(),
            "first": first.to_string(),
            "last": last.to_string(),
            "count": big_number(count),
            "azure_usable": big_number(usable),
        });
        format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
    } else {
        format!(
            "network       {net}\nfirst         {first}\nlast          {last}\ncount         {}\nazure_usable  {}\n",
            n(count),
            n(usable)
        )
    };
    write(out, &text)?;
    Ok(EXIT_OK)
}

/// A count as a JSON number, or as a string when it is beyond a u64 (large IPv6 prefixes).
fn big_number(n: u128) -> serde_json::Value {
    u64::try_from(n).map_or_else(|_| n.to_string().into(), Into::into)
}

fn within(opts: &Opts<'_>) -> Result<IpNet, Fail> {
    let w = opts
        .get("within")
        .ok_or_else(|| input("--within PREFIX is required"))?;
    prefix(w, "--within")
}

fn cidr_free(args: &[String], out: &mut dyn Write) -> Result<i32, Fail> {
    let opts = Opts::parse(args, &["within", "used", "format"])?;
    opts.exactly(0, "only options: --within PREFIX [--used P,P,...]")?;
    let format = opts.format(&[("table", Format::Table), ("json", Format::Json)])?;
    let within = within(&opts)?;
    let used = prefixes(opts.get("used"))?;
    let free = cidr::free(&within, &used);
    let text = if format == Format::Json {
        let items: Vec<serde_json::Value> = free
            .iter()
            .map(|b| json!({ "prefix": b.to_string(), "count": big_number(cidr::count(b)), "azure_usable": big_number(cidr::azure_usable(b)) }))
            .collect();
        format!(
            "{}\n",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        )
    } else {
        let mut s = String::new();
        for b in &free {
            s.push_str(&format!(
                "{:<43} {:>15} addresses\n",
                b.to_string(),
                n(cidr::count(b))
            ));
        }
        if free.is_empty() {
            s.push_str(&format!("nothing is free in {within}\n"));
        }
        s
    };
    write(out, &text)?;
    Ok(EXIT_OK)
}

fn cidr_fit(args: &[String], out: &mut dyn Write) -> Result<i32, Fail> {
    let opts = Opts::parse(args, &["within", "used", "addresses", "format"])?;
    opts.exactly(
        0,
        "only options: --within PREFIX [--used P,...] --addresses K",
    )?;
    let format = opts.format(&[("table", Format::Table), ("json", Format::Json)])?;
    let within = within(&opts)?;
    let used = prefixes(opts.get("used"))?;
    let k = opts
        .get("addresses")
        .ok_or_else(|| input("--addresses K is required"))?;
    let k: u128 = k.parse().ok().filter(|k| *k > 0).ok_or_else(|| {
        input(format!(
            "--addresses {k} is not a whole number of 1 or more"
        ))
    })?;
    match cidr::fit(&within, &used, k) {
        Ok(net) => {
            let text = if format == Format::Json {
                format!(
                    "{}\n",
                    json!({ "prefix": net.to_string(), "azure_usable": big_number(cidr::azure_usable(&net)) })
                )
            } else {
                format!("{net}\n")
            };
            write(out, &text)?;
            Ok(EXIT_OK)
        }
        Err(e) => Err(Fail(EXIT_FINDINGS, e.to_string())),
    }
}
