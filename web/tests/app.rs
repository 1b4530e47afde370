//! Browser test: the app mounts, shows its heading and the engine's figures.
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn app_mounts_and_shows_heading_and_models() {
    let document = web_sys::window()
        .expect("window")
        .document()
        .expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<aksnet_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let h1 = root
        .query_selector("h1")
        .expect("query")
        .expect("heading rendered");
    assert_eq!(h1.text_content().as_deref(), Some("aksnet"));
    let rows = root
        .query_selector_all("table.models tbody tr")
        .expect("query");
    assert_eq!(rows.length(), 6, "one row per model");
    let first = rows.get(0).expect("row").text_content().expect("text");
    assert!(first.starts_with("kubenet"), "{first}");
    // The default plan: 3 nodes + 1 surge in a /22 (1,019 usable).
    assert!(first.contains("4 / 1,019"), "{first}");
}
