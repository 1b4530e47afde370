//! When the planner hits a bug: a visible message instead of a frozen page.
//!
//! After a panic the WebAssembly instance cannot run again, so the message is plain DOM
//! that needs no Rust: the plan's link in a text box to copy, and a reload link. The
//! plan is safe either way: it is in the link and in local storage.
use web_sys::{Document, Element};

/// The id of the message element.
pub const ID: &str = "aksnet-crash";

fn element(doc: &Document, tag: &str, text: &str) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    el.set_text_content(Some(text));
    Some(el)
}

/// Show the message for `what` went wrong. Text only: nothing is parsed as HTML.
pub fn show(what: &str) -> Option<Element> {
    let doc = web_sys::window()?.document()?;
    if let Some(old) = doc.get_element_by_id(ID) {
        return Some(old);
    }
    let href = doc
        .location()
        .and_then(|l| l.href().ok())
        .unwrap_or_default();
    let root = doc.create_element("div").ok()?;
    root.set_id(ID);
    root.set_attribute("role", "alertdialog").ok()?;
    root.set_attribute("aria-labelledby", "aksnet-crash-title")
        .ok()?;
    let title = element(&doc, "h2", "aksnet stopped because of a bug")?;
    title.set_id("aksnet-crash-title");
    root.append_child(&title).ok()?;
    let safe = element(
        &doc,
        "p",
        "Your plan is safe: it is in this page's link and in your browser's storage. Copy the link below to keep it, then reload.",
    )?;
    root.append_child(&safe).ok()?;
    let link = element(&doc, "textarea", &href)?;
    link.set_attribute("readonly", "").ok()?;
    link.set_attribute("rows", "3").ok()?;
    link.set_attribute("aria-label", "Link to your plan").ok()?;
    root.append_child(&link).ok()?;
    let reload = element(&doc, "a", "Reload the planner")?;
    reload.set_attribute("href", &href).ok()?;
    root.append_child(&reload).ok()?;
    let detail = element(&doc, "p", &format!("What went wrong: {what}"))?;
    root.append_child(&detail).ok()?;
    doc.body()?.append_child(&root).ok()?;
    Some(root)
}

/// Log panics to the console and show [`show`]'s message.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("aksnet: {info}").into());
        show(&info.to_string());
    }));
}
