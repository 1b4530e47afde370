//! Screenshots of each part of the planner at 360 and 1440 px, for a person to look at:
//! `cargo run -p aksnet-tests --features e2e --example screenshots` (after `make build`).
use aksnet_tests::{Driver, dist_dir, serve};
use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&out).expect("screenshot folder");
    let site = serve(dist_dir());
    for width in [360u32, 1440] {
        let driver = Driver::start();
        let c = ClientBuilder::new(HttpConnector::new())
            .capabilities(Driver::capabilities(width, 1200))
            .connect(&driver.url)
            .await
            .expect("connect to chromedriver");
        c.goto(&site).await.expect("open the site");
        c.wait()
            .for_element(Locator::Css("table.compare"))
            .await
            .expect("render");
        for (name, css) in [
            ("form", "form.plan-form"),
            ("recommendation", ".recommendation"),
            ("comparison", ".comparison"),
            ("map", ".address-map"),
            ("growth", ".growth-chart"),
            ("deploy", ".deploy"),
            ("toolbar", ".toolbar"),
            ("findings", ".findings"),
        ] {
            let el = c.find(Locator::Css(css)).await.expect(css);
            let png = el.screenshot().await.expect("screenshot");
            let path = out.join(format!("{name}-{width}.png"));
            std::fs::write(&path, png).expect("write");
            println!("{}", path.display());
        }
        c.close().await.expect("close");
    }
}
