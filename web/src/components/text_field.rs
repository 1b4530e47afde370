//! A labelled text input that shows its own error where it stands.
use aksnet_core::draft::Field;
use yew::prelude::*;

use crate::components::class_names;

/// The DOM id of a form field, from its plan path: `pools[1].max_pods` → `f-pools-1-max_pods`.
pub fn field_id(field: Field) -> String {
    let path = field.path();
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// A labelled input with `aria-invalid` and `aria-describedby` for its error or hint;
/// `on_input` gets the field and its new text on every keystroke. A plain function
/// rather than a component: the form has a dozen fields, and a component adds its own
/// props type and lifecycle instances to the bundle.
#[inline(never)]
pub fn text_field(
    field: Field,
    label: AttrValue,
    value: AttrValue,
    error: Option<AttrValue>,
    hint: Option<&'static str>,
    inputmode: &'static str,
    on_input: &Callback<(Field, String)>,
) -> Html {
    let id = field_id(field);
    // The error, or else the hint, describes the input.
    let described = match (&error, hint) {
        (Some(_), _) => Some(format!("{id}-error")),
        (None, Some(_)) => Some(format!("{id}-hint")),
        (None, None) => None,
    };
    let oninput = on_input.reform(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        (field, input.value())
    });
    html! {
        <div class={class_names(&[Some("field"), error.is_some().then_some("invalid")])}>
            <label for={id.clone()}>{ label }</label>
            <input
                id={id}
                type="text"
                {inputmode}
                spellcheck="false"
                autocomplete="off"
                {value}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described.clone()}
                {oninput}
            />
            if let Some(err) = error {
                <p class="error" id={described.clone()} role="alert">{ err }</p>
            } else if let Some(hint) = hint {
                <p class="hint" id={described.clone()}>{ hint }</p>
            }
        </div>
    }
}
