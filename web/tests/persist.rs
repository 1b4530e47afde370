//! Browser tests of the plan's life outside the page: the URL fragment and local
//! storage, tampered and corrupt, and reset with undo. One test, run in order, because
//! every planner here shares the page's one URL and one storage.
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "aksnet.plan";

fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

fn set_hash(h: &str) {
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(h))
        .expect("replace");
}

fn storage() -> web_sys::Storage {
    window()
        .local_storage()
        .expect("storage")
        .expect("local storage")
}

/// Mount a planner that reads and writes the link and storage; destroy it after use.
async fn mount() -> (Element, yew::AppHandle<aksnet_web::App>) {
    let document = window().document().expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = yew::Renderer::<aksnet_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    (root, handle)
}

fn input_value(root: &Element, id: &str) -> String {
    let el: HtmlInputElement = root
        .query_selector(&format!("#{id}"))
        .expect("q")
        .expect("input")
        .dyn_into()
        .expect("input");
    el.value()
}

fn notices(root: &Element) -> String {
    root.query_selector(".notices")
        .expect("q")
        .map(|n| n.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn button(root: &Element, name: &str) -> HtmlElement {
    let all = root.query_selector_all("button").expect("buttons");
    (0..all.length())
        .filter_map(|i| all.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()))
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button {name}"))
}

#[wasm_bindgen_test]
async fn link_and_storage_survive_tampering_and_keep_the_plan() {
    // A tampered link: what can be read is kept, the rest is named.
    storage().clear().expect("clear");
    set_hash("#v1;node=10.0.0.0/21;pool=a,x,3;bogus=1");
    let (root, app) = mount().await;
    assert_eq!(input_value(&root, "f-node_subnet"), "10.0.0.0/21");
    let n = notices(&root);
    assert!(n.contains("could not read a node pool"), "{n}");
    assert!(n.contains("ignored an unknown field \"bogus\""), "{n}");
    assert!(
        root.query_selector("table.compare").expect("q").is_some(),
        "the planner works"
    );
    // The page now holds the plan it shows, in the link and in storage.
    let hash = window().location().hash().expect("hash");
    assert_eq!(hash, "#v1;node=10.0.0.0/21");
    assert_eq!(
        storage().get_item(KEY).expect("get").as_deref(),
        Some("\"v1;node=10.0.0.0/21\"")
    );
    app.destroy();

    // A link from a newer aksnet.
    set_hash("#v9;node=10.0.0.0/20");
    let (root, app) = mount().await;
    assert_eq!(input_value(&root, "f-node_subnet"), "10.0.0.0/20");
    assert!(
        notices(&root).contains("newer aksnet (format 9)"),
        "{}",
        notices(&root)
    );
    app.destroy();

    // No link: the saved plan comes back after a reload, even half-typed.
    storage()
        .set_item(KEY, "\"v1;node=10.0.0.1/22\"")
        .expect("set");
    set_hash("#");
    let (root, app) = mount().await;
    assert_eq!(input_value(&root, "f-node_subnet"), "10.0.0.1/22");
    assert!(
        root.query_selector("#f-node_subnet-error")
            .expect("q")
            .is_some(),
        "the half-typed field shows its error"
    );
    app.destroy();

    // Corrupt storage: a notice, and the example plan.
    storage().set_item(KEY, "{not json").expect("set");
    set_hash("#");
    let (root, app) = mount().await;
    assert!(
        notices(&root).contains("your saved plan could not be read"),
        "{}",
        notices(&root)
    );
    assert_eq!(input_value(&root, "f-node_subnet"), "10.0.0.0/22");
    app.destroy();

    // Corrupt storage and a corrupt link together still give a working planner.
    storage().set_item(KEY, "\u{0}\u{1}").expect("set");
    set_hash("#%%%;;;==");
    let (root, app) = mount().await;
    assert!(root.query_selector("table.compare").expect("q").is_some());
    assert!(
        notices(&root).contains("does not hold an aksnet plan"),
        "{}",
        notices(&root)
    );
    app.destroy();

    // Reset keeps the plan for "Undo reset".
    set_hash("#v1;node=10.0.0.0/21");
    let (root, app) = mount().await;
    button(&root, "Reset").click();
    yew::scheduler::flush().await;
    assert_eq!(input_value(&root, "f-node_subnet"), "10.0.0.0/22");
    button(&root, "Undo reset").click();
    yew::scheduler::flush().await;
    assert_eq!(input_value(&root, "f-node_subnet"), "10.0.0.0/21");
    app.destroy();

    // A scenario link opens that scenario.
    set_hash("#scenario=address-starved");
    let (root, app) = mount().await;
    assert_eq!(input_value(&root, "f-vnet-0"), "10.50.0.0/22");
    app.destroy();
}
