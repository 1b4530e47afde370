//! End to end: the release site served locally, driven in headless Chromium through its
//! labelled inputs, and its figures checked against the CLI's report for the same plan.
use aksnet_core::cidr::group_thousands as n;
use std::sync::{Arc, Mutex};

use aksnet_tests::{Driver, dist_dir, serve_logged};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

const PLAN: &str = r#"{
  "version": 1,
  "vnet": ["10.10.0.0/16"],
  "node_subnet": "10.10.0.0/22",
  "pod_subnet": "10.10.64.0/18",
  "pod_cidr": "100.64.0.0/16",
  "service_cidr": "10.20.0.0/16",
  "dns_service_ip": "10.20.0.10",
  "pools": [{ "name": "apps", "nodes": 20, "max_nodes": 40, "max_pods": 50, "max_surge": "33%" }]
}"#;

async fn browser(width: u32) -> (Driver, Client, String) {
    let (driver, client, site, _) = browser_logged(width).await;
    (driver, client, site)
}

/// [`browser`], plus the log of every request the site's server answered.
async fn browser_logged(width: u32) -> (Driver, Client, String, Arc<Mutex<Vec<String>>>) {
    let index = dist_dir().join("index.html");
    assert!(
        index.exists(),
        "{} is missing: run `make build` (make test does)",
        index.display()
    );
    let (site, log) = serve_logged(dist_dir());
    let driver = Driver::start();
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(Driver::capabilities(width, 1000))
        .connect(&driver.url)
        .await
        .expect("connect to chromedriver");
    client.goto(&site).await.expect("open the site");
    client
        .wait()
        .for_element(Locator::Css("table.compare"))
        .await
        .expect("the planner renders");
    (driver, client, site, log)
}

fn requests(log: &Mutex<Vec<String>>) -> Vec<String> {
    log.lock().expect("request log").clone()
}

/// Replace the text of the `nth` input labelled exactly `label`.
async fn fill(c: &Client, label: &str, nth: usize, text: &str) {
    let xpath = format!("(//label[normalize-space(.)='{label}'])[{}]", nth + 1);
    let id = c
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no label {label:?}: {e}"))
        .attr("for")
        .await
        .expect("attr")
        .expect("label has for");
    let input = c.find(Locator::Id(&id)).await.expect("input");
    input.clear().await.expect("clear");
    input.send_keys(text).await.expect("type");
}

/// The comparison cell of `row` for `model`, once it contains `expected` (bounded polling:
/// rendering follows the last keystroke on the browser's next task).
async fn cell_with(c: &Client, row: &str, model: &str, expected: &str) -> String {
    let xpath = format!(
        "//table[@class='compare']//tr[th[normalize-space(.)='{row}']]/td[@data-model='{model}']"
    );
    let mut text = String::new();
    for _ in 0..200 {
        text = c
            .find(Locator::XPath(&xpath))
            .await
            .expect("cell")
            .text()
            .await
            .expect("text");
        if text.contains(expected) {
            break;
        }
    }
    text
}

fn cli_report(plan: &str) -> serde_json::Value {
    let args = ["check", "-", "--format", "json"].map(String::from);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = aksnet_cli::run(&args, &mut plan.as_bytes(), &mut out, &mut err);
    assert!(code <= 1, "{}", String::from_utf8_lossy(&err));
    serde_json::from_slice(&out).expect("json report")
}

#[tokio::test(flavor = "current_thread")]
async fn typed_plan_matches_the_cli_report() {
    let (_driver, c, _) = browser(1440).await;
    fill(&c, "VNet address space", 0, "10.10.0.0/16").await;
    fill(&c, "Node subnet", 0, "10.10.0.0/22").await;
    fill(&c, "Pod subnet", 0, "10.10.64.0/18").await;
    fill(&c, "Pod CIDR", 0, "100.64.0.0/16").await;
    fill(&c, "Service CIDR", 0, "10.20.0.0/16").await;
    fill(&c, "DNS service IP", 0, "10.20.0.10").await;
    fill(&c, "Pool name", 0, "apps").await;
    fill(&c, "Nodes", 0, "20").await;
    fill(&c, "Max nodes", 0, "40").await;
    fill(&c, "Max pods", 0, "50").await;
    fill(&c, "Max surge", 0, "33%").await;

    let report = cli_report(PLAN);
    let mut checked = 0;
    for m in report["models"].as_array().expect("models").iter().take(4) {
        let id = m["model"].as_str().expect("id");
        let num = |k: &str| u128::from(m[k].as_u64().expect("number"));
        let node = format!(
            "{} / {}",
            n(num("node_subnet_ips_required")),
            n(num("node_subnet_ips_available"))
        );
        let got = cell_with(&c, "Node subnet addresses (needed / available)", id, &node).await;
        assert!(
            got.contains(&node),
            "{id}: page says {got:?}, CLI says {node}"
        );
        let pods = if num("pod_ips_per_node") == 0 {
            "in the node subnet".to_string()
        } else {
            format!(
                "{} / {}",
                n(num("pod_ips_required")),
                n(num("pod_ips_available"))
            )
        };
        let got = cell_with(&c, "Pod addresses (needed / available)", id, &pods).await;
        assert!(
            got.contains(&pods),
            "{id}: page says {got:?}, CLI says {pods}"
        );
        let largest = format!("{} nodes", n(num("max_nodes")));
        let got = cell_with(&c, "Largest cluster that fits", id, &largest).await;
        assert!(
            got.contains(&largest),
            "{id}: page says {got:?}, CLI says {largest}"
        );
        checked += 1;
    }
    assert_eq!(checked, 4);
    // 40 nodes + 14 surge (33% rounded up) at 51 addresses each do not fit a /22.
    assert_eq!(report["models"][1]["node_subnet_ips_required"], 54 * 51);
    c.close().await.expect("close");
}

#[tokio::test(flavor = "current_thread")]
async fn invalid_input_is_marked_in_place_at_360_px() {
    let (_driver, c, _) = browser(360).await;
    fill(&c, "Service CIDR", 0, "10.1.0.0/33").await;
    let input = c
        .find(Locator::Css("input[aria-invalid='true']"))
        .await
        .expect("an invalid input");
    assert_eq!(
        input.attr("id").await.expect("attr").as_deref(),
        Some("f-service_cidr")
    );
    let msg = c
        .find(Locator::Id("f-service_cidr-error"))
        .await
        .expect("message")
        .text()
        .await
        .expect("text");
    assert_eq!(msg, "/33 in 10.1.0.0/33 is out of range for IPv4 (0 to 32)");
    assert!(c.find(Locator::Css(".results.stale")).await.is_ok());
    c.close().await.expect("close");
}

async fn input_value(c: &Client, id: &str) -> String {
    c.find(Locator::Id(id))
        .await
        .expect("input")
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default()
}

#[tokio::test(flavor = "current_thread")]
async fn a_share_link_opens_the_same_plan_in_a_fresh_browser() {
    let (_driver, c, _) = browser(1440).await;
    fill(&c, "Node subnet", 0, "10.0.0.0/21").await;
    fill(&c, "Pool name", 0, "apps").await;
    fill(&c, "Max surge", 0, "33%").await;
    c.find(Locator::XPath(
        "//button[normalize-space(.)='Add node pool']",
    ))
    .await
    .expect("add")
    .click()
    .await
    .expect("click");
    fill(&c, "Nodes", 1, "12").await;
    // Wait for the page to show the change, then take its link.
    cell_with(
        &c,
        "Node subnet addresses (needed / available)",
        "kubenet",
        "/ 2,043",
    )
    .await;
    let link = c.current_url().await.expect("url").to_string();
    assert!(link.contains("#v1;"), "{link}");
    c.close().await.expect("close");

    // A second browser with a new, empty profile: only the link carries the plan.
    let (_driver2, d, _) = browser(1440).await;
    d.goto(&link).await.expect("open the link");
    d.wait()
        .for_element(Locator::Css("table.compare"))
        .await
        .expect("render");
    assert_eq!(input_value(&d, "f-node_subnet").await, "10.0.0.0/21");
    assert_eq!(input_value(&d, "f-pools-0-name").await, "apps");
    assert_eq!(input_value(&d, "f-pools-0-max_surge").await, "33%");
    assert_eq!(input_value(&d, "f-pools-1-nodes").await, "12");
    // 3 + 1 surge and 12 + 1 surge nodes in a /21.
    let got = cell_with(
        &d,
        "Node subnet addresses (needed / available)",
        "kubenet",
        "17 / 2,043",
    )
    .await;
    assert!(got.contains("17 / 2,043"), "{got}");
    d.close().await.expect("close");
}

/// The notices once one of them contains `expected` (bounded polling: the file is read
/// asynchronously).
async fn notice_with(c: &Client, expected: &str) -> String {
    let mut text = String::new();
    for _ in 0..200 {
        if let Ok(list) = c.find(Locator::Css(".notices ul")).await {
            text = list.text().await.expect("text");
            if text.contains(expected) {
                break;
            }
        }
    }
    text
}

/// Give the toolbar's file input the file `name` holding `content`; the file is removed
/// after.
async fn import_file(c: &Client, name: &str, content: &[u8]) {
    let path = std::env::temp_dir().join(format!("aksnet-e2e-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write the file");
    let input = c
        .find(Locator::Css("input[type=file]"))
        .await
        .expect("file input");
    input
        .send_keys(path.to_str().expect("utf-8 path"))
        .await
        .expect("choose the file");
    // The input is cleared once the file is taken, and then read asynchronously.
    for _ in 0..200 {
        if input
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
            .is_empty()
        {
            break;
        }
    }
    std::fs::remove_file(&path).expect("remove the file");
}

#[tokio::test(flavor = "current_thread")]
async fn plan_files_import_and_bad_ones_say_why() {
    let (_driver, c, _) = browser(1440).await;
    import_file(&c, "plan.json", PLAN.as_bytes()).await;
    let got = notice_with(&c, "Imported the plan.").await;
    assert!(got.contains("Imported the plan."), "{got}");
    assert_eq!(input_value(&c, "f-node_subnet").await, "10.10.0.0/22");
    assert_eq!(input_value(&c, "f-pools-0-name").await, "apps");

    import_file(&c, "broken.json", b"{\"version\": 1,").await;
    let got = notice_with(&c, "The plan could not be imported:").await;
    assert!(got.contains("The plan could not be imported: "), "{got}");
    // The form keeps the plan it had.
    assert_eq!(input_value(&c, "f-node_subnet").await, "10.10.0.0/22");

    let big = vec![b' '; aksnet_core::plan::limits::MAX_PLAN_BYTES + 1];
    import_file(&c, "big.json", &big).await;
    let expected = format!(
        "is {} bytes; a plan is at most {} bytes.",
        big.len(),
        aksnet_core::plan::limits::MAX_PLAN_BYTES
    );
    let got = notice_with(&c, &expected).await;
    assert!(got.contains(&expected), "{got}");
    c.close().await.expect("close");
}

#[tokio::test(flavor = "current_thread")]
async fn the_api_example_page_drives_its_own_widget() {
    let (_driver, c, site) = browser(1000).await;
    c.goto(&format!("{site}examples/api.html"))
        .await
        .expect("open the example");
    let row = c
        .wait()
        .for_element(Locator::XPath(
            "//tbody[@id='models']/tr[td[1]='azure-cni']",
        ))
        .await
        .expect("the widget renders");
    let text = row.text().await.expect("text");
    assert!(text.contains("1,581 / 1,019"), "{text}");
    let fit = c
        .find(Locator::Id("fit"))
        .await
        .expect("fit")
        .text()
        .await
        .expect("text");
    assert!(fit.contains("10.0.8.0/21 is free for it"), "{fit}");
    // Errors come back as exceptions with the CLI's messages.
    let msg = c
        .execute_async(
            r#"const done = arguments[0];
               import("../aksnet.js").then(async (m) => {
                 await m.ready;
                 try { m.evaluate({ version: 1, vnet: ["10.0.0.0/16"], node_subnet: "10.0.0.0/22",
                                    pools: [{ name: "a", nodes: 3, max_pods: "30" }] }); done("no error"); }
                 catch (e) { done(e.message); }
               });"#,
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(
        msg.as_str(),
        Some("pools[0].max_pods: expected a whole number from 1 to 10,000, got the string \"30\"")
    );
    c.close().await.expect("close");
}

#[tokio::test(flavor = "current_thread")]
async fn embed_mode_shows_only_the_asked_sections() {
    let (_driver, c, site) = browser(600).await;
    c.goto(&format!(
        "{site}?embed&show=recommendation,compare#scenario=address-starved"
    ))
    .await
    .expect("open");
    c.wait()
        .for_element(Locator::Css("table.compare"))
        .await
        .expect("render");
    assert!(c.find(Locator::Css(".recommendation")).await.is_ok());
    for absent in [
        "header.masthead",
        "form.plan-form",
        ".address-map",
        "footer",
    ] {
        assert!(
            c.find(Locator::Css(absent)).await.is_err(),
            "{absent} should be hidden"
        );
    }
    let fits = cell_with(&c, "Fits this plan", "azure-cni", "error").await;
    assert!(fits.contains("error"), "{fits}");
    c.close().await.expect("close");
}

/// Count the page's requests (resource timing entries) and list any not to its own origin.
const REQUESTS: &str = r#"
const entries = performance.getEntriesByType('resource');
return { count: entries.length, foreign: entries.map((e) => e.name).filter((n) => !n.startsWith(location.origin)) };
"#;

#[tokio::test(flavor = "current_thread")]
async fn after_load_the_page_makes_no_request() {
    let (_driver, c, _, log) = browser_logged(1440).await;
    // The server saw the page and its three files, and nothing else: the WebAssembly
    // comes packed in aksnet.js, so not even it is fetched.
    let mut loaded = requests(&log);
    loaded.sort();
    assert_eq!(
        loaded,
        ["/", "/aksnet-wasm.js", "/aksnet.js", "/style.css"],
        "requests while loading"
    );
    // The planner marks its first complete render once, for the browser benchmark.
    let marks = c
        .execute(
            "return performance.getEntriesByName('aksnet-first-render').length",
            vec![],
        )
        .await
        .expect("marks");
    assert_eq!(marks, 1, "the first-render mark");
    let before = c.execute(REQUESTS, vec![]).await.expect("requests");
    assert_eq!(
        before["foreign"],
        serde_json::json!([]),
        "only its own files are loaded"
    );
    fill(&c, "Node subnet", 0, "10.0.0.0/21").await;
    fill(&c, "Nodes", 0, "30").await;
    for button in [
        "Add node pool",
        "Show Pod Subnet variants",
        "Reset",
        "Undo reset",
        "Markdown",
        "CSV",
        "Export plan JSON",
        "Terraform",
    ] {
        c.find(Locator::XPath(&format!(
            "//button[normalize-space(.)='{button}']"
        )))
        .await
        .expect(button)
        .click()
        .await
        .expect("click");
    }
    let scenario = c
        .find(Locator::Id("scenario"))
        .await
        .expect("scenario menu");
    scenario.select_by_value("hub-spoke").await.expect("select");
    cell_with(
        &c,
        "Node subnet addresses (needed / available)",
        "kubenet",
        "/ 1,019",
    )
    .await;
    let after = c.execute(REQUESTS, vec![]).await.expect("requests");
    assert_eq!(
        after["count"], before["count"],
        "requests after load: {after}"
    );
    assert_eq!(
        requests(&log).len(),
        4,
        "the server saw {:?}",
        requests(&log)
    );
    c.close().await.expect("close");
}

/// Tries a fetch and returns what the Content-Security-Policy made of it and of the
/// page so far: every violation reported since load (buffered), the blocked directive,
/// and how many elements carry an inline `style` the policy would refuse.
const CSP_PROBE: &str = r#"
const done = arguments[0];
const reported = [];
let probeReported;
const allReported = new Promise((resolve) => { probeReported = resolve; });
// Buffered: the reports of everything since load come first, then the probe's own.
new ReportingObserver((reports) => {
  for (const r of reports) {
    reported.push(r.body.effectiveDirective);
    if (r.body.blockedURL.endsWith('/aksnet.js?probe')) probeReported();
  }
}, { types: ['csp-violation'], buffered: true }).observe();
const violation = new Promise((resolve) => document.addEventListener(
  'securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }));
fetch('aksnet.js?probe').then(() => 'fetched', (e) => 'blocked: ' + e.name).then(async (fetched) => {
  const directive = await violation;
  await allReported;
  done({
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
    fetched,
    directive,
    reported,
    inline_styles: document.querySelectorAll('[style]').length,
  });
});
"#;

#[tokio::test(flavor = "current_thread")]
async fn the_content_security_policy_forbids_connections_and_is_never_broken() {
    let (_driver, c, _, log) = browser_logged(1440).await;
    // Use the planner a little first, so violations from rendering would show.
    fill(&c, "Node subnet", 0, "10.0.0.0/21").await;
    c.find(Locator::XPath(
        "//button[normalize-space(.)='Show Pod Subnet variants']",
    ))
    .await
    .expect("toggle")
    .click()
    .await
    .expect("click");
    let seen = requests(&log).len();
    let probe = c.execute_async(CSP_PROBE, vec![]).await.expect("probe");
    let policy = probe["policy"].as_str().expect("a policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "connect-src 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(probe["fetched"], "blocked: TypeError", "{probe}");
    assert_eq!(probe["directive"], "connect-src", "{probe}");
    // The one violation is the probe's own: loading and using the page broke nothing.
    assert_eq!(
        probe["reported"],
        serde_json::json!(["connect-src"]),
        "{probe}"
    );
    assert_eq!(probe["inline_styles"], 0, "{probe}");
    assert_eq!(
        requests(&log).len(),
        seen,
        "the blocked fetch never left the page"
    );
    c.close().await.expect("close");
}

/// A small PRNG with a fixed seed, so the monkey test does the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Catches every error the page reports from now on: uncaught errors, rejections and
/// `console.error` (where a Rust panic is reported).
const CATCH_ERRORS: &str = r#"
window.__errors = [];
addEventListener('error', (e) => __errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));
document.addEventListener('securitypolicyviolation', (e) => __errors.push('CSP: ' + e.effectiveDirective));
const original = console.error;
console.error = (...args) => { __errors.push(args.map(String).join(' ')); original(...args); };
"#;

#[tokio::test(flavor = "current_thread")]
async fn two_hundred_random_actions_leave_no_error() {
    let (_driver, c, _) = browser(1200).await;
    c.execute(CATCH_ERRORS, vec![])
        .await
        .expect("install the error catcher");
    let texts = [
        "10.0.0.0/16",
        "10.0.0.1/24",
        "300.1.1.1",
        "",
        "0",
        "5",
        "250",
        "1000",
        "99999999",
        "33%",
        "150%",
        "fd00::/64",
        "10.0.0.0/33",
        "a",
        "-1",
        "10.1.0.10",
        "abc;def=%",
        "10.0.0.0/22",
        "1e9",
        " ",
    ];
    let buttons = [
        "Add node pool",
        "Add VNet prefix",
        "Add range to avoid",
        "Add subnet",
        "Show Pod Subnet variants",
        "Hide Pod Subnet variants",
        "Reset",
        "Undo reset",
        "Markdown",
        "CSV",
        "Export plan JSON",
        "Azure CLI",
        "Terraform",
        "Bicep",
        "Remove",
        "Remove pool",
        "Dismiss",
    ];
    let mut rng = Rng(0x5eed_a115_2026_1123);
    for _ in 0..200 {
        match rng.next() % 4 {
            0 | 1 => {
                let inputs = c
                    .find_all(Locator::Css("form.plan-form input[type=text]"))
                    .await
                    .expect("inputs");
                if inputs.is_empty() {
                    continue;
                }
                let input = &inputs[(rng.next() % inputs.len() as u64) as usize];
                input.clear().await.expect("clear");
                input.send_keys(rng.pick(&texts)).await.expect("type");
            }
            2 => {
                let name = rng.pick(&buttons);
                let found = c
                    .find_all(Locator::XPath(&format!(
                        "//button[normalize-space(.)='{name}' and not(@disabled)]"
                    )))
                    .await
                    .expect("find");
                if let Some(b) = found.first() {
                    b.click().await.expect("click");
                }
            }
            _ => {
                let selects = c.find_all(Locator::Css("select")).await.expect("selects");
                if selects.is_empty() {
                    continue;
                }
                let select = &selects[(rng.next() % selects.len() as u64) as usize];
                let options = select
                    .find_all(Locator::Css("option"))
                    .await
                    .expect("options");
                if let Some(o) = options.get((rng.next() % options.len().max(1) as u64) as usize) {
                    o.click().await.expect("choose");
                }
            }
        }
    }
    let errors = c
        .execute("return window.__errors", vec![])
        .await
        .expect("errors");
    assert_eq!(errors, serde_json::json!([]), "the page reported errors");
    // The planner still answers: results, or the fields to fix.
    let results = c
        .find(Locator::Id("results"))
        .await
        .expect("results")
        .text()
        .await
        .expect("text");
    assert!(
        results.contains("Models compared") || results.contains("Fix the marked fields"),
        "{results}"
    );
    c.close().await.expect("close");
}
