//! Deployment output for a chosen model: Azure CLI, Terraform or Bicep, with a copy button.
use std::rc::Rc;

use aksnet_core::deploy::{Format, generate};
use aksnet_core::facts::ModelId;
use aksnet_core::plan::Plan;
use yew::prelude::*;

use crate::components::class_names;

use crate::state::Action;

/// Props of [`DeployOutput`].
#[derive(Properties, Debug)]
pub struct DeployProps {
    /// The plan to deploy.
    pub plan: Rc<Plan>,
    /// The model chosen first: the recommendation.
    pub recommended: ModelId,
    /// Where notices go (copied, or could not copy).
    pub dispatch: Callback<Action>,
}

/// The same props when the plan is the same allocation: the page parses a new plan
/// only when the form changes, so this skips comparing plans field by field.
impl PartialEq for DeployProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan)
            && self.recommended == other.recommended
            && self.dispatch == other.dispatch
    }
}

/// Pick a model and a format; read or copy what to run.
#[component]
pub fn DeployOutput(props: &DeployProps) -> Html {
    // The model picked, if any, and the format: one state, so the bundle carries one
    // instance of the state hook rather than two.
    let picked = use_state(|| (None::<ModelId>, Format::AzureCli));
    let (model, format) = *picked;
    let chosen = model.unwrap_or(props.recommended);
    // No memo: the component renders again only when its props or its state change,
    // and nearly every such change changes the text.
    let text = generate(&props.plan, chosen, format);
    let on_model = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            picked.set((ModelId::from_id(&select.value()), format));
        })
    };
    let copy = {
        let text = text.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            crate::clipboard::copy(
                &text,
                &dispatch,
                "Copied the deployment output.".into(),
                "Could not copy: select the text and copy it by hand.".into(),
            );
        })
    };
    html! {
        <section class="panel deploy" aria-labelledby="h-deploy">
            <div class="section-head">
                <h2 id="h-deploy">{ "Deploy" }</h2>
                <button type="button" onclick={copy}>{ format!("Copy {}", format.title()) }</button>
            </div>
            <div class="deploy-controls">
                <div class="field">
                    <label for="deploy-model">{ "Model" }</label>
                    <select id="deploy-model" onchange={on_model}>
                        { for ModelId::ALL.into_iter().map(|m| html! {
                            <option value={m.id()} selected={m == chosen}>
                                { if m == props.recommended { format!("{} (recommended)", m.name()) } else { m.name().to_string() } }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="tabs" role="radiogroup" aria-label="Output format">
                    { for Format::ALL.into_iter().map(|f| {
                        let picked = picked.clone();
                        let active = format == f;
                        html! {
                            <button type="button" role="radio" aria-checked={active.to_string()} class={class_names(&[Some("tab"), active.then_some("active")])}
                                onclick={Callback::from(move |_: MouseEvent| picked.set((model, f)))}>{ f.title() }</button>
                        }
                    }) }
                </div>
            </div>
            <pre class="code" tabindex="0" aria-label={format!("{} for {}", format.title(), chosen.name())}><code>{ text }</code></pre>
        </section>
    }
}
