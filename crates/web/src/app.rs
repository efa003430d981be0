//! The root component: the editor beside what the core reports about its text.

use crate::editor::Editor;
use crate::examples;
use crate::state::{Action, State};
use yew::prelude::*;

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::new(examples::DEFAULT));
    let text = state.text.clone();
    let outline = use_memo(text.clone(), |text| crate::outline::Outline::of(text));

    let on_change = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::SetText(text)))
    };

    html! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand">{ "stagecraft" }</h1>
                <p class="tagline">{ "Dockerfile playground — parsed in your browser by the Rust core" }</p>
            </header>
            <main class="layout">
                <section class="pane editor-pane" aria-label="Dockerfile editor">
                    <h2 class="pane-title">{ "Dockerfile" }</h2>
                    <Editor text={text} {on_change} />
                </section>
                <section class="pane" aria-label="Stages">
                    <h2 class="pane-title">{ "Stages" }</h2>
                    <ol class="stages" data-testid="stages">
                        { for outline.stages.iter().map(|s| html! {
                            <li class="stage" data-testid="stage-name" data-stage-name={s.clone()}>{ s }</li>
                        }) }
                    </ol>
                    <h2 class="pane-title">{ "Instructions" }</h2>
                    <ol class="instructions" data-testid="instructions">
                        { for outline.instructions.iter().map(|i| html! {
                            <li class="instruction" data-testid="instruction"><code>{ i }</code></li>
                        }) }
                    </ol>
                    <p class="summary" aria-live="polite" data-testid="summary">{ outline.summary() }</p>
                </section>
            </main>
        </div>
    }
}
