//! The report as text for people: an 80-column terminal table, Markdown and CSV.
//!
//! ```
//! use aksnet_core::{eval::evaluate, plan::Plan, render};
//!
//! let report = evaluate(&Plan::default());
//! let md = render::markdown(&report);
//! assert!(md.starts_with("| Model | Fits |"));
//! // Every line fits a terminal but for the source links, which are never broken.
//! let text = render::text(&report);
//! assert!(text.lines().all(|l| l.chars().count() <= 80 || l.contains("https://")));
//! assert!(render::csv(&report).starts_with("model,fits,"));
//! ```

use crate::fixed::Fixed;
use alloc::format;
use alloc::string::String;
use core::fmt::Write as _;

use crate::cidr::group_thousands as n;
use crate::eval::{Finding, ModelReport, Report};

/// Terminal width the text output keeps to.
pub const TEXT_WIDTH: usize = 80;

fn fits_word(m: &ModelReport) -> &'static str {
    if m.fits { "yes" } else { "no" }
}

fn headroom(m: &ModelReport) -> String {
    if m.headroom < 0.0 {
        "short".into()
    } else {
        format!("{}%", Fixed(m.headroom * 100.0, 0))
    }
}

fn need_have(req: u64, avail: u64) -> String {
    format!("{} / {}", n(req.into()), n(avail.into()))
}

fn need_of(req: u64, avail: u64) -> String {
    format!("{} of {} addresses", n(req.into()), n(avail.into()))
}

fn pods(m: &ModelReport) -> String {
    if m.pod_ips_available == 0 && m.pod_ips_required == 0 {
        "in node subnet".into()
    } else {
        need_have(m.pod_ips_required, m.pod_ips_available)
    }
}

/// Wrap `text` to `width` columns; continuation lines start with `indent`.
fn wrap(out: &mut String, first: &str, indent: &str, text: &str) {
    let mut line = String::from(first);
    let mut line_len = first.chars().count();
    let mut empty = true;
    for word in text.split(' ') {
        let w = word.chars().count();
        if !empty && line_len + 1 + w > TEXT_WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
            line_len = indent.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += w;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn text_finding(out: &mut String, f: &Finding) {
    wrap(
        out,
        &format!("  {:<7} ", f.severity.as_str()),
        "          ",
        &format!("{}: {}", f.code, f.message),
    );
    wrap(out, "          fix: ", "               ", &f.fix);
    let _ = writeln!(out, "          see: {}", f.source.url);
}

/// The report for a terminal: a summary table, then each model's figures and findings.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    if !report.findings.is_empty() {
        out.push_str("Plan\n");
        for f in &report.findings {
            text_finding(&mut out, f);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{:<28} {:<4} {:>9} {:>9}  Rank",
        "Model", "Fits", "Max nodes", "Headroom"
    );
    for m in &report.models {
        let rank = report
            .ranking
            .iter()
            .position(|r| r.model == m.model)
            .map(|i| format!("{}", i + 1))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<28} {:<4} {:>9} {:>9}  {}",
            m.model.id(),
            fits_word(m),
            n(m.max_nodes.into()),
            headroom(m),
            rank
        );
    }
    for m in &report.models {
        let _ = writeln!(out, "\n{} ({})", m.model.name(), m.model.id());
        let _ = writeln!(
            out,
            "  node subnet  needs {}",
            need_of(m.node_subnet_ips_required, m.node_subnet_ips_available)
        );
        if m.pod_ips_available > 0 || m.pod_ips_required > 0 {
            let _ = writeln!(
                out,
                "  pod range    needs {}",
                need_of(m.pod_ips_required, m.pod_ips_available)
            );
        }
        wrap(&mut out, "  pod IPs      ", "               ", m.ipam);
        for f in &m.findings {
            text_finding(&mut out, f);
        }
    }
    match report.ranking.first() {
        Some(top) if top.fits && top.excluded.is_none() => {
            out.push('\n');
            wrap(
                &mut out,
                "Recommended: ",
                "             ",
                &format!("{} (score {})", top.model.name(), Fixed(top.score, 2)),
            );
            for r in &top.reasons {
                wrap(&mut out, "  - ", "    ", r);
            }
        }
        Some(_) => out.push_str(
            "\nNo model fits this plan and meets its requirements: see the errors above.\n",
        ),
        None => {}
    }
    out
}

/// Appends `s` escaped for a Markdown table cell: `|` as `\|`, a line break as a space.
fn push_md_cell(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// The report as Markdown: a table of the models, then the findings.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("| Model | Fits | Node subnet (needed / available) | Pod addresses (needed / available) | Headroom | Max nodes |\n");
    out.push_str("|---|---|--:|--:|--:|--:|\n");
    for m in &report.models {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            m.model.name(),
            fits_word(m),
            need_have(m.node_subnet_ips_required, m.node_subnet_ips_available),
            pods(m),
            headroom(m),
            n(m.max_nodes.into())
        );
    }
    let mut section = |title: &str, findings: &[Finding]| {
        if findings.is_empty() {
            return;
        }
        out.push_str("\n### ");
        push_md_cell(&mut out, title);
        out.push_str("\n\n");
        for f in findings {
            let _ = write!(out, "- **{}** `{}`: ", f.severity.as_str(), f.code);
            push_md_cell(&mut out, &f.message);
            out.push_str(" Fix: ");
            push_md_cell(&mut out, &f.fix);
            let _ = writeln!(out, ". ([source]({}))", f.source.url);
        }
    };
    section("Plan", &report.findings);
    for m in &report.models {
        section(m.model.name(), &m.findings);
    }
    out
}

/// The report as CSV: one row per model, plain numbers, the field names of the JSON report.
///
/// No field needs quoting (RFC 4180): they are model ids, `yes` or `no`, and numbers.
pub fn csv(report: &Report) -> String {
    let mut out = String::from(
        "model,fits,node_subnet_ips_required,node_subnet_ips_available,pod_ips_required,pod_ips_available,max_nodes,headroom,errors,warnings,score\n",
    );
    for m in &report.models {
        let count = |sev| m.findings.iter().filter(|f| f.severity == sev).count();
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{},",
            m.model.id(),
            fits_word(m),
            m.node_subnet_ips_required,
            m.node_subnet_ips_available,
            m.pod_ips_required,
            m.pod_ips_available,
            m.max_nodes,
            Fixed(m.headroom, 3),
            count(crate::eval::Severity::Error),
            count(crate::eval::Severity::Warning),
        );
        if let Some(r) = report.ranking.iter().find(|r| r.model == m.model) {
            let _ = write!(out, "{}", Fixed(r.score, 3));
        }
        out.push('\n');
    }
    out
}
