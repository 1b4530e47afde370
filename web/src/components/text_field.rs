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

/// Props of [`TextField`].
#[derive(Properties, PartialEq, Debug)]
pub struct TextFieldProps {
    /// Which plan field this is.
    pub field: Field,
    /// The visible label, also the accessible name.
    pub label: AttrValue,
    /// Current text.
    pub value: AttrValue,
    /// The field's error, if any.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A short hint under the input.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Placeholder shown when empty.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// `numeric` for counts, `text` otherwise.
    #[prop_or(AttrValue::Static("text"))]
    pub inputmode: AttrValue,
    /// Called with the new text on every keystroke.
    pub on_input: Callback<(Field, String)>,
}

/// A labelled input with `aria-invalid` and `aria-describedby` for its error or hint.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = field_id(props.field);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = match (&props.error, &props.hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    let field = props.field;
    let oninput = props.on_input.reform(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        (field, input.value())
    });
    html! {
        <div class={class_names(&[Some("field"), props.error.is_some().then_some("invalid")])}>
            <label for={id.clone()}>{ &props.label }</label>
            <input
                id={id}
                type="text"
                inputmode={props.inputmode.clone()}
                spellcheck="false"
                autocomplete="off"
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described}
                {oninput}
            />
            if let Some(err) = &props.error {
                <p class="error" id={error_id} role="alert">{ err }</p>
            } else if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
        </div>
    }
}
