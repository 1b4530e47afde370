//! The findings: plan-wide and per model, grouped by severity, each with its fix and source.
use aksnet_core::eval::{Finding, Report, Severity};
use yew::prelude::*;

fn heading(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Notes",
    }
}

/// One finding; `model` names the model it is about, `None` for the whole plan.
fn finding(model: Option<&str>, f: &Finding) -> Html {
    html! {
        <li class={format!("finding {}", f.severity.as_str())}>
            <p class="what">
                <span class="badge">{ f.severity.as_str() }</span>
                <span class="scope">{ model.unwrap_or("Whole plan") }</span>
                <code class="code">{ f.code.as_str() }</code>
            </p>
            <p class="message">{ &f.message }</p>
            <p class="fix"><strong>{ "Fix: " }</strong>{ &f.fix }</p>
            <p class="source"><a href={f.source.url} target="_blank" rel="noopener noreferrer">{ f.source.title }</a></p>
        </li>
    }
}

/// The findings of report `r`, grouped by severity; model findings name their model. A
/// plain function, not a component: it has no state, and a component brings its own
/// lifecycle code to the bundle.
pub fn findings_list(r: &Report) -> Html {
    let mut groups = Vec::new();
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        // Plan-wide findings first, then each model's, as in the report.
        let mut items = Vec::new();
        for f in &r.findings {
            if f.severity == sev {
                items.push(finding(None, f));
            }
        }
        for m in &r.models {
            for f in &m.findings {
                if f.severity == sev {
                    items.push(finding(Some(m.model.name()), f));
                }
            }
        }
        if !items.is_empty() {
            groups.push(html! {
                <div class={format!("finding-group {}", sev.as_str())}>
                    <h3>{ format!("{} ({})", heading(sev), items.len()) }</h3>
                    <ul>{ for items }</ul>
                </div>
            });
        }
    }
    html! {
        <section class="panel findings" aria-labelledby="h-findings">
            <h2 id="h-findings">{ "Findings" }</h2>
            if groups.is_empty() {
                <p>{ "The plan breaks no rule." }</p>
            }
            { for groups }
        </section>
    }
}
