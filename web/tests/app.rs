//! Browser tests: the planner mounted in Chromium, driven through its labelled inputs.
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh planner in its own element, from the example plan, touching neither the
/// link nor storage (the tests in `persist.rs` cover those).
async fn mount() -> Element {
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
    let props = aksnet_web::AppProps { persist: false };
    yew::Renderer::<aksnet_web::App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// The input whose label reads exactly `label` (the n-th one when several do).
fn input(root: &Element, label: &str, nth: usize) -> HtmlInputElement {
    let labels = root.query_selector_all("label").expect("labels");
    let mut seen = 0;
    for i in 0..labels.length() {
        let l: Element = labels.get(i).expect("label").dyn_into().expect("element");
        if l.text_content().as_deref().map(str::trim) == Some(label) {
            if seen == nth {
                let id = l.get_attribute("for").expect("label has for");
                return root
                    .query_selector(&format!("#{id}"))
                    .expect("query")
                    .expect("input")
                    .dyn_into()
                    .expect("input");
            }
            seen += 1;
        }
    }
    panic!("no input labelled {label:?} #{nth}");
}

async fn type_into(el: &HtmlInputElement, text: &str) {
    el.set_value(text);
    let ev = web_sys::InputEvent::new("input").expect("event");
    el.dispatch_event(&ev).expect("dispatch");
    yew::scheduler::flush().await;
}

/// The text of the comparison cell in `row` for `model`.
fn cell(root: &Element, row: &str, model: &str) -> String {
    let rows = root
        .query_selector_all("table.compare tbody tr")
        .expect("rows");
    for i in 0..rows.length() {
        let tr: Element = rows.get(i).expect("row").dyn_into().expect("element");
        let th = tr
            .query_selector("th")
            .expect("q")
            .expect("th")
            .text_content()
            .unwrap_or_default();
        if th == row {
            let td = tr
                .query_selector(&format!("td[data-model='{model}']"))
                .expect("q")
                .expect("cell");
            return td.text_content().unwrap_or_default();
        }
    }
    panic!("no row {row:?}");
}

fn click(root: &Element, selector_text: &str) {
    let buttons = root.query_selector_all("button").expect("buttons");
    for i in 0..buttons.length() {
        let b: HtmlElement = buttons.get(i).expect("button").dyn_into().expect("html");
        let name = b
            .get_attribute("aria-label")
            .or_else(|| b.text_content())
            .unwrap_or_default();
        if name == selector_text {
            b.click();
            return;
        }
    }
    panic!("no button {selector_text:?}");
}

const NODE_ROW: &str = "Node subnet addresses (needed / available)";

#[wasm_bindgen_test]
async fn shows_heading_and_the_four_models() {
    let root = mount().await;
    let h1 = root.query_selector("h1").expect("query").expect("heading");
    assert_eq!(h1.text_content().as_deref(), Some("aksnet"));
    let heads = root
        .query_selector_all("table.compare thead th")
        .expect("heads");
    assert_eq!(heads.length(), 5, "a label column and four models");
    // The default plan: 3 nodes + 1 surge in a /22 (1,019 usable).
    assert!(cell(&root, NODE_ROW, "kubenet").contains("4 / 1,019"));
}

#[wasm_bindgen_test]
async fn typing_a_node_subnet_changes_the_comparison() {
    let root = mount().await;
    type_into(&input(&root, "Node subnet", 0), "10.0.0.0/24").await;
    assert!(
        cell(&root, NODE_ROW, "kubenet").contains("4 / 251"),
        "{}",
        cell(&root, NODE_ROW, "kubenet")
    );
    assert!(cell(&root, NODE_ROW, "azure-cni").contains("124 / 251"));
}

#[wasm_bindgen_test]
async fn invalid_cidr_shows_its_message_and_keeps_the_last_results() {
    let root = mount().await;
    let field = input(&root, "Node subnet", 0);
    type_into(&field, "10.0.0.0/24").await;
    type_into(&field, "10.0.0.1/24").await;
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = field
        .get_attribute("aria-describedby")
        .expect("described by its error");
    let msg = root
        .query_selector(&format!("#{described}"))
        .expect("q")
        .expect("message")
        .text_content()
        .unwrap_or_default();
    assert_eq!(
        msg,
        "10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?"
    );
    // The last valid results stay, dimmed.
    assert!(cell(&root, NODE_ROW, "kubenet").contains("4 / 251"));
    assert!(root.query_selector(".results.stale").expect("q").is_some());
    type_into(&field, "10.0.0.0/23").await;
    assert!(field.get_attribute("aria-invalid").is_none());
    assert!(root.query_selector(".results.stale").expect("q").is_none());
    assert!(cell(&root, NODE_ROW, "kubenet").contains("4 / 507"));
}

#[wasm_bindgen_test]
async fn adding_and_removing_a_pool() {
    let root = mount().await;
    click(&root, "Add node pool");
    yew::scheduler::flush().await;
    assert_eq!(input(&root, "Pool name", 1).value(), "pool2");
    // Two pools of 3 nodes, each with 1 surge: 8 nodes.
    assert!(
        cell(&root, NODE_ROW, "kubenet").contains("8 / 1,019"),
        "{}",
        cell(&root, NODE_ROW, "kubenet")
    );
    type_into(&input(&root, "Nodes", 1), "10").await;
    assert!(cell(&root, NODE_ROW, "kubenet").contains("15 / 1,019"));
    click(&root, "Remove pool pool2");
    yew::scheduler::flush().await;
    assert!(cell(&root, NODE_ROW, "kubenet").contains("4 / 1,019"));
    assert_eq!(
        root.query_selector_all("fieldset.pool")
            .expect("pools")
            .length(),
        1
    );
}

#[wasm_bindgen_test]
async fn a_windows_pool_marks_models_without_windows() {
    let root = mount().await;
    let os: web_sys::HtmlSelectElement = root
        .query_selector("fieldset.pool select")
        .expect("q")
        .expect("os select")
        .dyn_into()
        .expect("select");
    os.set_value("windows");
    os.dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert!(cell(&root, "Windows node pools", "kubenet").contains("problem"));
    assert!(cell(&root, "Fits this plan", "kubenet").contains("error"));
    assert!(cell(&root, "Fits this plan", "azure-cni-overlay").contains("fits"));
}

#[wasm_bindgen_test]
async fn a_requirement_excludes_models() {
    let root = mount().await;
    let ranking = |root: &Element| {
        root.query_selector(".ranking ol")
            .expect("q")
            .expect("ranking")
            .text_content()
            .unwrap_or_default()
    };
    assert!(!ranking(&root).contains("excluded"), "{}", ranking(&root));
    // Tick "Dual-stack IPv4/IPv6": only overlay and Cilium on overlay support it.
    let boxes = root.query_selector_all(".check").expect("checks");
    let mut ticked = false;
    for i in 0..boxes.length() {
        let div: Element = boxes.get(i).expect("check").dyn_into().expect("element");
        if div.text_content().as_deref() == Some("Dual-stack IPv4/IPv6") {
            let cb: HtmlInputElement = div
                .query_selector("input")
                .expect("q")
                .expect("box")
                .dyn_into()
                .expect("input");
            cb.click();
            ticked = true;
        }
    }
    assert!(ticked, "no dual-stack checkbox");
    yew::scheduler::flush().await;
    let text = ranking(&root);
    // kubenet, Azure CNI and both Pod Subnet models.
    assert_eq!(
        text.matches("excluded: the plan requires dual-stack")
            .count(),
        4,
        "{text}"
    );
    let top = root
        .query_selector(".recommendation h2")
        .expect("q")
        .expect("banner")
        .text_content()
        .unwrap_or_default();
    assert!(
        top.contains("Azure CNI Overlay") || top.contains("Azure CNI Powered by Cilium"),
        "{top}"
    );
    assert!(cell(&root, "Dual-stack IPv4/IPv6", "azure-cni").contains("problem"));
}

#[wasm_bindgen_test]
fn embed_query_strings() {
    use aksnet_web::view::{Section, View};
    assert_eq!(View::from_query(""), View::default());
    let v = View::from_query("?embed&show=compare,map");
    assert!(v.embed);
    assert_eq!(v.shown, [Section::Compare, Section::Map]);
    assert!(!View::from_query("?embed=0").embed);
    assert_eq!(View::from_query("?show=nonsense").shown, Section::ALL);
    assert_eq!(
        View::from_query("?show=findings+growth&x=1").shown,
        [Section::Findings, Section::Growth]
    );
}

#[wasm_bindgen_test]
async fn deployment_output_follows_model_and_format() {
    let root = mount().await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("#deploy-model")
        .expect("q")
        .expect("model select")
        .dyn_into()
        .expect("select");
    select.set_value("azure-cni-overlay");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    let code = || {
        root.query_selector(".deploy pre.code")
            .expect("q")
            .expect("code")
            .text_content()
            .unwrap_or_default()
    };
    assert!(code().contains("az aks create"), "{}", code());
    assert!(
        code().contains("--network-plugin-mode overlay"),
        "{}",
        code()
    );
    assert!(code().contains("--pod-cidr 10.244.0.0/16"), "{}", code());
    click(&root, "Terraform");
    yew::scheduler::flush().await;
    assert!(
        code().contains("resource \"azurerm_kubernetes_cluster\""),
        "{}",
        code()
    );
    click(&root, "Bicep");
    yew::scheduler::flush().await;
    assert!(
        code().contains("networkPluginMode: 'overlay'"),
        "{}",
        code()
    );
}

#[wasm_bindgen_test]
async fn a_map_block_is_described_when_focused_or_pointed_at_and_keeps_the_focus() {
    let root = mount().await;
    let detail = || {
        root.query_selector(".address-map .map-detail")
            .expect("q")
            .expect("detail")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(
        detail(),
        "Point at or tab to a block to see its range, size and use."
    );
    let blocks = root
        .query_selector_all(".address-map rect")
        .expect("blocks");
    let block = |i: u32| -> Element { blocks.get(i).expect("block").dyn_into().expect("element") };
    // An SVG element, focusable through its tabindex; `focus` is the same method.
    let first = block(0);
    first.unchecked_ref::<HtmlElement>().focus().expect("focus");
    yew::scheduler::flush().await;
    assert_eq!(Some(detail()), first.get_attribute("aria-label"));
    let document = web_sys::window().expect("w").document().expect("d");
    assert_eq!(document.active_element(), Some(first.clone()), "focus kept");
    let other = block(1);
    other
        .dispatch_event(&web_sys::Event::new("mouseenter").expect("event"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(Some(detail()), other.get_attribute("aria-label"));
    assert_ne!(
        other.get_attribute("aria-label"),
        first.get_attribute("aria-label")
    );
    assert_eq!(document.active_element(), Some(first), "focus kept");
}

#[wasm_bindgen_test]
fn the_crash_message_keeps_the_plan_link_and_inserts_no_html() {
    let el = aksnet_web::crash::show("<img src=x onerror=alert(1)>").expect("message shown");
    assert_eq!(el.get_attribute("role").as_deref(), Some("alertdialog"));
    let link: web_sys::HtmlTextAreaElement = el
        .query_selector("textarea")
        .expect("q")
        .expect("link box")
        .dyn_into()
        .expect("textarea");
    assert_eq!(
        link.value(),
        web_sys::window()
            .expect("w")
            .location()
            .href()
            .expect("href")
    );
    assert!(
        el.query_selector("img").expect("q").is_none(),
        "user text is never HTML"
    );
    assert!(
        el.text_content()
            .unwrap_or_default()
            .contains("<img src=x onerror=alert(1)>")
    );
    el.remove();
}
