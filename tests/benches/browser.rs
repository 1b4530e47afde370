//! Browser timings of the release site in headless Chromium: load to first complete
//! render, the unpacking of the wasm within it, and input-to-updated-page latency (p50,
//! p95) over 200 keystrokes on a 20-pool plan. A benchmark: it prints figures and
//! asserts nothing about speed.
use aksnet_tests::{Driver, dist_dir, serve};
use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// Runs in the page: adds pools up to 20, then types 200 keystrokes into pool fields,
/// timing each from the input event to the DOM change that answers it.
const MEASURE: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  const q = (s) => document.querySelector(s);
  const next = () => new Promise((r) => setTimeout(r, 0));
  const add = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add node pool');
  while (document.querySelectorAll('fieldset.pool').length < 20) { add.click(); await next(); }
  const results = q('.results');
  const times = [];
  for (let i = 0; i < 200; i++) {
    const input = q(`#f-pools-${i % 20}-nodes`);
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
      obs.observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const t0 = performance.now();
    input.value = String(4 + (i % 7)); // never the value it had, so every keystroke changes the page
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    times.push((await changed) - t0);
    await next();
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  const nav = performance.getEntriesByType('navigation')[0];
  done({ p50: pct(0.5), p95: pct(0.95), max: times[times.length - 1], pools: document.querySelectorAll('fieldset.pool').length,
         dcl: nav ? nav.domContentLoadedEventEnd : null });
})();
"#;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let site = serve(dist_dir());
    let driver = Driver::start();
    let c = ClientBuilder::new(HttpConnector::new())
        .capabilities(Driver::capabilities(1440, 1000))
        .connect(&driver.url)
        .await
        .expect("connect to chromedriver");
    c.goto(&site).await.expect("open the site");
    if let Err(e) = c.wait().for_element(Locator::Css("table.compare")).await {
        let src = c.source().await.unwrap_or_default();
        let text = c.find(Locator::Css("body")).await.ok();
        let text = match text {
            Some(b) => b.text().await.unwrap_or_default(),
            None => src,
        };
        panic!("the planner did not render ({e}); page: {text}");
    }
    // The app marks its first complete render (results included); the mark's time is
    // measured from navigation start. aksnet.js marks the start and end of unpacking
    // the wasm.
    let first_render = c
        .execute(
            "const at = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime : null; }; \
             const nav = performance.getEntriesByType('navigation')[0]; \
             return { render: at('aksnet-first-render'), dcl: nav ? nav.domContentLoadedEventEnd : null, \
                      unpack: at('aksnet-unpack'), unpacked: at('aksnet-unpacked') };",
            vec![],
        )
        .await
        .expect("timing");
    c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
        Some(std::time::Duration::from_secs(120)),
        None,
        None,
    ))
    .await
    .expect("script timeout");
    let v = c.execute_async(MEASURE, vec![]).await.expect("measure");
    println!(
        "browser/load-to-first-render    {:.1} ms after navigation start (DOMContentLoaded at {:.1} ms)",
        first_render["render"].as_f64().unwrap_or(f64::NAN),
        first_render["dcl"].as_f64().unwrap_or(f64::NAN)
    );
    let unpack = first_render["unpacked"].as_f64().unwrap_or(f64::NAN)
        - first_render["unpack"].as_f64().unwrap_or(f64::NAN);
    println!(
        "browser/unpack-wasm             {unpack:.1} ms (base64 and LZMA, in aksnet.js; from {:.1} ms)",
        first_render["unpack"].as_f64().unwrap_or(f64::NAN)
    );
    println!(
        "browser/input-to-update         p50 {:.2} ms  p95 {:.2} ms  max {:.2} ms  ({} pools, 200 keystrokes)",
        v["p50"].as_f64().unwrap_or(f64::NAN),
        v["p95"].as_f64().unwrap_or(f64::NAN),
        v["max"].as_f64().unwrap_or(f64::NAN),
        v["pools"]
    );
    c.close().await.expect("close");
}
