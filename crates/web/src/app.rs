//! The root component: toolbar, editor, and the panels showing what the core reports.

use crate::derive::{derive, Derived};
use crate::editor::Editor;
use crate::panels::{BuildOptions, ContextPanel, FinalImage, Findings, StageGraph};
use crate::state::{Action, State, Theme};
use stagecraft_analysis::examples::EXAMPLES;
use stagecraft_knowledge::human_bytes;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The derived analysis, compared by identity (it is recomputed only when its inputs change).
#[derive(Debug, Clone)]
pub struct Shared(pub Rc<Derived>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The state's dispatcher, as every panel receives it.
pub type Dispatch = UseReducerDispatcher<State>;

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::initial);
    let derived = {
        let deps = (
            state.text.clone(),
            state.build.clone(),
            state.context.clone(),
        );
        use_memo(deps, |(text, build, context)| derive(text, build, context))
    };
    let shared = Shared(derived.clone());
    let dispatch = state.dispatcher();

    // Side effects live in effects: the theme attribute on <html>, and a performance mark the
    // browser tests read to report the time to the first analysis.
    use_effect_with(state.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = match theme.attr() {
                Some(value) => root.set_attribute("data-theme", value),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
    use_effect_with((), |_| {
        if let Some(perf) = gloo::utils::window().performance() {
            let _ = perf.mark("stagecraft:first-analysis");
        }
    });
    // One mark per rendered analysis (the previous one is cleared, so nothing accumulates):
    // the browser tests observe these to measure keystroke → panels updated.
    use_effect_with(shared.clone(), |_| {
        if let Some(perf) = gloo::utils::window().performance() {
            perf.clear_marks_with_mark_name("stagecraft:analysed");
            let _ = perf.mark("stagecraft:analysed");
        }
    });

    let on_change = {
        let dispatch = dispatch.clone();
        Callback::from(move |text: String| dispatch.dispatch(Action::SetText(text)))
    };
    let on_example = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                dispatch.dispatch(Action::LoadExample(index));
            }
        })
    };
    let on_theme = {
        let dispatch = dispatch.clone();
        let next = match state.theme {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        };
        Callback::from(move |_| dispatch.dispatch(Action::SetTheme(next)))
    };
    let theme_label = match state.theme {
        Theme::System => "Theme: system",
        Theme::Dark => "Theme: dark",
        Theme::Light => "Theme: light",
    };
    let lesson = state
        .example
        .and_then(|i| EXAMPLES.get(i))
        .filter(|e| *e.dockerfile == *state.text);

    html! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand">
                    <img src="favicon.svg" alt="" width="22" height="22" />
                    { "stagecraft" }
                </h1>
                <p class="tagline">{ "Dockerfile playground — stages, final image and findings, computed in your browser" }</p>
                <div class="topbar-tools">
                    <label class="field">
                        <span>{ "Example" }</span>
                        <select data-testid="examples" onchange={on_example}>
                            <option value="" selected={state.example.is_none()} disabled=true>{ "Choose an example…" }</option>
                            { for EXAMPLES.iter().enumerate().map(|(i, ex)| html! {
                                <option value={i.to_string()} selected={state.example == Some(i)}>{ ex.title }</option>
                            }) }
                        </select>
                    </label>
                    <button type="button" class="button" onclick={on_theme} aria-label="Switch colour theme"
                        data-testid="theme-toggle">{ theme_label }</button>
                </div>
            </header>
            if let Some(example) = lesson {
                <p class="lesson" data-testid="lesson"><strong>{ "Lesson: " }</strong>{ example.lesson }</p>
            }
            <main class="layout">
                <section class="pane editor-pane" aria-label="Dockerfile editor">
                    <div class="pane-head">
                        <h2 class="pane-title">{ "Dockerfile" }</h2>
                        <BuildOptions derived={shared.clone()} build={state.build.clone()} dispatch={dispatch.clone()} compact=true />
                    </div>
                    <Editor text={state.text.clone()} {on_change} marks={derived.marks.clone()}
                        select={state.select} edit={state.edit.clone()} />
                </section>
                <div class="panels">
                    <Summary derived={shared.clone()} />
                    <StageGraph derived={shared.clone()} dispatch={dispatch.clone()} />
                    <Findings derived={shared.clone()} dispatch={dispatch.clone()} />
                    <FinalImage derived={shared.clone()} inspect={state.inspect} dispatch={dispatch.clone()} />
                    <BuildOptions derived={shared.clone()} build={state.build.clone()} dispatch={dispatch.clone()} compact=false />
                    <ContextPanel context={state.context.clone()} dispatch={dispatch.clone()} />
                </div>
            </main>
            <footer class="footer">
                { "The Dockerfile never leaves this page: the Rust core runs here as WebAssembly." }
            </footer>
        </div>
    }
}

/// Properties of [`Summary`].
#[derive(Debug, Properties, PartialEq)]
pub struct SummaryProps {
    /// The analysis.
    pub derived: Shared,
}

/// The one-line summary, also announced to screen readers ("3 stages, final ≈ 48 MB, 2 warnings").
#[function_component(Summary)]
fn summary(props: &SummaryProps) -> Html {
    let d = &props.derived.0;
    let stages = d.analysis.stages.len();
    let count = |sev: stagecraft_syntax::Severity| {
        d.diagnostics.iter().filter(|x| x.severity == sev).count()
    };
    let (errors, warnings) = (
        count(stagecraft_syntax::Severity::Error),
        count(stagecraft_syntax::Severity::Warning),
    );
    let mut parts = vec![plural(stages, "stage")];
    if let Some(f) = &d.simulation.final_image {
        parts.push(format!("final ≈ {}", human_bytes(f.size.estimate)));
    }
    if errors > 0 {
        parts.push(plural(errors, "error"));
    }
    parts.push(plural(warnings, "warning"));
    html! {
        <p class="summary" role="status" aria-live="polite" data-testid="summary">{ parts.join(", ") }</p>
    }
}

/// `1 stage`, `2 stages`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
