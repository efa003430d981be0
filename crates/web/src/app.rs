//! The root component: toolbar, editor, and the panels showing what the core reports.

use crate::derive::{derive, Derived};
use crate::editor::Editor;
use crate::panels::{BuildOptions, ContextPanel, FinalImage, Findings, StageGraph};
use crate::share::{LinkState, LinkStateExt};
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
    let state = use_reducer(crate::storage::boot);
    let embed = *use_state(crate::storage::is_embed);
    let derived = {
        let deps = (
            state.text.clone(),
            state.build.clone(),
            state.context.clone(),
        );
        use_memo(deps, |(text, build, context)| {
            // Marks around the core's share of each update, for the browser tests' latency
            // report (cleared first, so nothing accumulates).
            let perf = gloo::utils::window().performance();
            let mark = |name: &str| {
                if let Some(p) = &perf {
                    p.clear_marks_with_mark_name(name);
                    let _ = p.mark(name);
                }
            };
            mark("stagecraft:core-start");
            let derived = derive(text, build, context);
            mark("stagecraft:core-end");
            derived
        })
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

    // Autosave, debounced: a pending save is cancelled (dropped) by the next change.
    let pending_save = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let current = LinkState::of(&state.text, &state.build);
        use_effect_with(current, move |current| {
            let current = current.clone();
            *pending_save.borrow_mut() =
                Some(gloo::timers::callback::Timeout::new(400, move || {
                    crate::storage::autosave(&current);
                }));
        });
    }
    // A share link pasted into the address bar of an open page arrives as a hash change.
    let latest = use_mut_ref(|| LinkState::of("", &Default::default()));
    *latest.borrow_mut() = LinkState::of(&state.text, &state.build);
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    let fragment = crate::storage::fragment();
                    if !crate::share::is_share_fragment(&fragment) {
                        return;
                    }
                    let current = latest.borrow().clone();
                    match crate::storage::open_link(&fragment, Some(current)) {
                        Ok((shared, previous)) => {
                            dispatch.dispatch(Action::LoadShared { shared, previous })
                        }
                        Err(message) => dispatch.dispatch(Action::ShowError(message)),
                    }
                });
            move || drop(listener)
        });
    }

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
    if embed {
        let open = format!(
            "{}#{}",
            crate::storage::page_url(),
            crate::share::encode(&LinkState::of(&state.text, &state.build))
        );
        return html! {
            <div class="app embed">
                <BannerView banner={state.banner.clone()} dispatch={dispatch.clone()} />
                <div class="embed-bar">
                    <Summary derived={shared.clone()} />
                    <a class="button" href={open} target="_blank" rel="noopener" data-testid="open-in-stagecraft">{ "Open in stagecraft ↗" }</a>
                </div>
                <main class="layout embed-layout">
                    <section class="pane editor-pane" aria-label="Dockerfile (read-only)">
                        <Editor text={state.text.clone()} {on_change} marks={derived.marks.clone()} read_only=true />
                    </section>
                    <StageGraph derived={shared.clone()} dispatch={dispatch.clone()} />
                </main>
            </div>
        };
    }
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
                    <ShareButton text={state.text.clone()} build={state.build.clone()} />
                    <button type="button" class="button" onclick={on_theme} aria-label="Switch colour theme"
                        data-testid="theme-toggle">{ theme_label }</button>
                </div>
            </header>
            <BannerView banner={state.banner.clone()} dispatch={dispatch.clone()} />
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
    if let Some(f) = &d.simulation().final_image {
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

/// Properties of [`BannerView`].
#[derive(Debug, Properties, PartialEq)]
pub struct BannerProps {
    /// The banner, if any.
    pub banner: Option<crate::state::Banner>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

/// An error (`role="alert"`, e.g. a bad link) or a notice with a way back to the previous buffer.
#[function_component(BannerView)]
fn banner_view(props: &BannerProps) -> Html {
    let Some(banner) = &props.banner else {
        return html! {};
    };
    let dismiss = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::DismissBanner))
    };
    let restore = banner.restore.clone().map(|previous| {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_| {
            dispatch.dispatch(Action::LoadShared { shared: previous.clone(), previous: None })
        });
        html! { <button type="button" class="small-button" data-testid="restore-buffer" {onclick}>{ "Restore my previous buffer" }</button> }
    });
    if banner.error {
        html! {
            <div class="banner error" role="alert" data-testid="error-banner">
                <span>{ &banner.message }</span>
                <button type="button" class="small-button" onclick={dismiss}>{ "Dismiss" }</button>
            </div>
        }
    } else {
        html! {
            <div class="banner notice" role="status" data-testid="notice-banner">
                <span>{ &banner.message }</span>
                { for restore }
                <button type="button" class="small-button" onclick={dismiss}>{ "Dismiss" }</button>
            </div>
        }
    }
}

/// Properties of [`ShareButton`].
#[derive(Debug, Properties, PartialEq)]
pub struct ShareProps {
    /// The Dockerfile.
    pub text: Rc<str>,
    /// The build options.
    pub build: Rc<crate::state::BuildSettings>,
}

/// "Share": the link (with its length and a warning past 2000 characters), a copy button and
/// the `<iframe>` snippet for docs.
#[function_component(ShareButton)]
fn share_button(props: &ShareProps) -> Html {
    let open = use_state(|| false);
    let copied = use_state(|| false);
    let toggle = {
        let open = open.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            open.set(!*open);
            copied.set(false);
        })
    };
    let button = html! {
        <button type="button" class="button" data-testid="share-button" aria-expanded={open.to_string()} onclick={toggle.clone()}>{ "Share" }</button>
    };
    if !*open {
        return button;
    }
    let fragment = crate::share::encode(&LinkState::of(&props.text, &props.build));
    let base = crate::storage::page_url();
    let link = format!("{base}#{fragment}");
    let snippet = format!(
        "<iframe src=\"{base}?embed=1#{fragment}\" title=\"Dockerfile in stagecraft\" width=\"100%\" height=\"480\" loading=\"lazy\" style=\"border:1px solid #d8dee4;border-radius:8px\"></iframe>"
    );
    let long = link.len() > crate::share::LONG_LINK;
    let copy = {
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            // The address bar shows the link too, without adding a history entry.
            if let Ok(history) = gloo::utils::window().history() {
                let hash = link
                    .split_once('#')
                    .map(|(_, f)| format!("#{f}"))
                    .unwrap_or_default();
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
            }
            copied.set(true);
        })
    };
    html! {
        <>
            { button }
            <div class="share-dialog" role="dialog" aria-label="Share this Dockerfile" data-testid="share-dialog">
                <label class="field"><span>{ format!("Link ({} characters)", link.len()) }</span>
                    <input type="text" readonly=true value={link.clone()} data-testid="share-link" spellcheck="false" /></label>
                if long {
                    <p class="warning" data-testid="share-warning">{ "This link is over 2000 characters: some chat apps cut links that long." }</p>
                }
                <div class="form-row">
                    <button type="button" class="button" onclick={copy}>{ if *copied { "Copied ✓" } else { "Copy link" } }</button>
                    <button type="button" class="button" onclick={toggle}>{ "Close" }</button>
                </div>
                <label class="field"><span>{ "Embed in docs" }</span>
                    <textarea readonly=true rows="3" value={snippet} data-testid="embed-snippet" spellcheck="false" /></label>
            </div>
        </>
    }
}
