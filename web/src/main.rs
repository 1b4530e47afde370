//! Entry point of the browser bundle: mounts the planner on the page's `#aksnet` element.
//! A page without one (an API-only page) gets no planner, only the JS API.
fn main() {
    aksnet_web::crash::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("aksnet"));
    if let Some(root) = root {
        yew::Renderer::<aksnet_web::App>::with_root(root).render();
    }
}
