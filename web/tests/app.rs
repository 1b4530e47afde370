//! Browser test: the app mounts and shows its heading.
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn app_mounts_and_shows_heading() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<aksnet_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let h1 = root
        .query_selector("h1")
        .unwrap()
        .expect("heading rendered");
    assert_eq!(h1.text_content().unwrap(), "aksnet");
}
