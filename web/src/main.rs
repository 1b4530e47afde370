//! Entry point of the browser bundle: mounts the planner on the page body.
fn main() {
    yew::Renderer::<aksnet_web::App>::new().render();
}
