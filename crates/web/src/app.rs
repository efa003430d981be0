//! The root component: toolbar, editor, and the panels showing what the core reports.
//!
//! Data flow: the state (text, options, context, inspected stage) → a [`Request`] to the
//! [`Analyser`] (the worker, or the page for the first small analysis) → a [`View`], split
//! into [`Parts`] that keep their previous pointer when unchanged → the panels, which
//! re-render only for a changed part.

use crate::dom::{button, el};
use crate::editor::Editor;
use crate::panels::{
    summary, BuildOptions, ContextPanel, FinalImage, Findings, Shared, StageGraph,
};
use crate::share::{LinkState, LinkStateExt};
use crate::state::{Action, BuildSettings, ContextEntry, State, Theme};
use crate::view::{Parts, Request};
use crate::worker::{Analyser, Outcome, Update};
use stagecraft_analysis::examples::EXAMPLES;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The state's dispatcher, as every panel receives it.
pub type Dispatch = UseReducerDispatcher<State>;

/// What the analysis depends on.
#[derive(Debug, Clone, PartialEq)]
struct Inputs {
    text: Rc<str>,
    build: Rc<BuildSettings>,
    context: Rc<Vec<ContextEntry>>,
    inspect: Option<u32>,
}

/// How long an analysis may run before the summary says "analysing…".
const BUSY_AFTER_MS: u32 = 150;

fn performance_mark(name: &str) {
    if let Some(perf) = gloo::utils::window().performance() {
        perf.clear_marks_with_mark_name(name);
        let _ = perf.mark(name);
    }
}

/// Records `performance.measure("stagecraft:core", {start, duration})` (the core may have run
/// in the worker, whose timeline the page does not see; the duration is what matters).
fn core_measure(ms: f64) {
    let Some(perf) = gloo::utils::window().performance() else {
        return;
    };
    perf.clear_measures_with_measure_name("stagecraft:core");
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &(perf.now() - ms).into());
    let _ = js_sys::Reflect::set(&options, &"duration".into(), &ms.into());
    if let Ok(measure) = js_sys::Reflect::get(&perf, &"measure".into()) {
        if let Ok(measure) = measure.dyn_into::<js_sys::Function>() {
            let _ = measure.call2(&perf, &"stagecraft:core".into(), &options);
        }
    }
}

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(crate::storage::take_booted);
    let embed = *use_state(crate::storage::is_embed);
    let dispatch = state.dispatcher();

    // The shown analysis, split per panel; `None` until the first one arrives.
    let shown = use_state(|| None::<Rc<Parts>>);
    let busy = use_state_eq(|| false);
    // Read at click time by "Fix": true while the shown analysis is older than the text.
    let stale = use_memo((), |_| Cell::new(true));
    let latest_id = use_mut_ref(|| 0u32);
    let last_parts = use_mut_ref(|| None::<Parts>);
    let busy_timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let analyser: Rc<RefCell<Option<Analyser>>> = use_mut_ref(|| None);
    if analyser.borrow().is_none() {
        let shown = shown.setter();
        let busy = busy.setter();
        let stale = stale.clone();
        let latest_id = latest_id.clone();
        let last_parts = last_parts.clone();
        let busy_timer = busy_timer.clone();
        let on_result = Callback::from(move |o: Outcome| {
            let previous = last_parts.borrow().clone();
            let parts = match o.update {
                Update::Full(view) => Parts::stabilise(view, previous.as_ref()),
                Update::Delta(delta) => match Parts::apply(delta, previous.as_ref()) {
                    Some(parts) => parts,
                    None => return,
                },
            };
            *last_parts.borrow_mut() = Some(parts.clone());
            if o.id == *latest_id.borrow() {
                stale.set(false);
                busy_timer.borrow_mut().take();
                busy.set(false);
            }
            // The core's share of the update, for the browser tests' latency report.
            core_measure(o.core_ms);
            shown.set(Some(Rc::new(parts)));
        });
        let on_crash = {
            let dispatch = dispatch.clone();
            Callback::from(move |()| {
                dispatch.dispatch(Action::ShowError(
                    "The analysis stopped: this file is too much for the in-browser analysis. \
                     Your text is kept; smaller files are still analysed."
                        .into(),
                ))
            })
        };
        *analyser.borrow_mut() = Some(Analyser::new(on_result, on_crash));
    }

    // Every change of the inputs is one request; the analyser coalesces bursts.
    {
        let inputs = Inputs {
            text: state.text.clone(),
            build: state.build.clone(),
            context: state.context.clone(),
            inspect: state.inspect,
        };
        let analyser = analyser.clone();
        let latest_id = latest_id.clone();
        let stale = stale.clone();
        let busy = busy.setter();
        use_effect_with(inputs, move |inputs| {
            let id = {
                let mut latest = latest_id.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            stale.set(true);
            {
                let stale = stale.clone();
                *busy_timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    BUSY_AFTER_MS,
                    move || {
                        if stale.get() {
                            busy.set(true);
                        }
                    },
                ));
            }
            if let Some(a) = analyser.borrow().as_ref() {
                a.submit(
                    id,
                    Request {
                        text: inputs.text.to_string(),
                        build: (*inputs.build).clone(),
                        context: (*inputs.context).clone(),
                        inspect: inputs.inspect,
                    },
                );
            }
        });
    }

    // Side effects live in effects: the theme attribute on <html>, and performance marks the
    // browser tests read (time to the first analysis; keystroke → panels updated).
    use_effect_with(state.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = match theme.attr() {
                Some(value) => root.set_attribute("data-theme", value),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
    let first = use_mut_ref(|| true);
    use_effect_with(shown.as_ref().map(|p| Shared(p.clone())), move |parts| {
        if parts.is_some() {
            if std::mem::take(&mut *first.borrow_mut()) {
                performance_mark("stagecraft:first-analysis");
            }
            // After the panels rendered this analysis.
            performance_mark("stagecraft:analysed");
        }
    });

    // Autosave, debounced: a pending save is cancelled (dropped) by the next change.
    let pending_save = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    use_effect_with(
        (state.text.clone(), state.build.clone()),
        move |(text, build)| {
            let (text, build) = (text.clone(), build.clone());
            *pending_save.borrow_mut() =
                Some(gloo::timers::callback::Timeout::new(400, move || {
                    crate::storage::autosave(&LinkState::of(&text, &build));
                }));
        },
    );
    // A share link pasted into the address bar of an open page arrives as a hash change.
    let latest = use_mut_ref(|| (Rc::<str>::from(""), Rc::<BuildSettings>::default()));
    *latest.borrow_mut() = (state.text.clone(), state.build.clone());
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    let fragment = crate::storage::fragment();
                    if !crate::share::is_share_fragment(&fragment) {
                        return;
                    }
                    let current = {
                        let (text, build) = &*latest.borrow();
                        LinkState::of(text, build)
                    };
                    let dispatch = dispatch.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match crate::storage::open_link(&fragment, Some(current)).await {
                            Ok((shared, previous)) => {
                                dispatch.dispatch(Action::LoadShared { shared, previous })
                            }
                            Err(message) => dispatch.dispatch(Action::ShowError(message)),
                        }
                    });
                });
            move || drop(listener)
        });
    }

    let on_change = {
        let dispatch = dispatch.clone();
        use_callback((), move |text: Rc<str>, _| {
            dispatch.dispatch(Action::SetText(text))
        })
    };
    // Choosing an example fetches its file (the wasm does not carry the gallery's text); the
    // latest choice wins if an earlier fetch answers after it.
    let example_choice = use_mut_ref(|| 0u32);
    let on_example = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Some((index, example)) = select
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| Some((i, EXAMPLES.get(i)?)))
            else {
                return;
            };
            let choice = {
                let mut n = example_choice.borrow_mut();
                *n = n.wrapping_add(1);
                *n
            };
            let example_choice = example_choice.clone();
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let loaded =
                    crate::assets::text(&format!("examples/{}.Dockerfile", example.id)).await;
                if *example_choice.borrow() != choice {
                    return;
                }
                dispatch.dispatch(match loaded {
                    Ok(text) => Action::LoadExample {
                        index,
                        text: Rc::from(text),
                    },
                    Err(e) => Action::ShowError(format!("Could not open the example: {e}")),
                });
            });
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
    let stale = Shared(stale);
    let marks = shown.as_ref().map(|p| p.marks.clone()).unwrap_or_default();
    let panels = shown.as_ref().map(|p| {
        (
            summary(&p.summary, *busy),
            html! { <StageGraph graph={Shared(p.graph.clone())} stages={Shared(p.stages.clone())} dispatch={dispatch.clone()} /> },
            p,
        )
    });
    let waiting = el("p")
        .class("summary")
        .attr("role", "status")
        .testid("summary")
        .text("Analysing…")
        .done();
    let fragment = use_fragment(&state.text, &state.build, embed);
    if embed {
        // Shown once the link is made (compression is asynchronous).
        let open = fragment.map(|f| {
            let href = format!("{}#{f}", crate::storage::page_url());
            html! {
                <a class="button" href={href} target="_blank" rel="noopener" data-testid="open-in-stagecraft">{ "Open in stagecraft ↗" }</a>
            }
        });
        let (summary, graph) = match &panels {
            Some((s, g, _)) => (s.clone(), g.clone()),
            None => (waiting, html! {}),
        };
        return html! {
            <div class="app embed">
                { banner_view(state.banner.as_ref(), &dispatch) }
                <div class="embed-bar">
                    { summary }
                    { for open }
                </div>
                <main class="layout embed-layout">
                    <section class="pane editor-pane" aria-label="Dockerfile (read-only)">
                        <Editor text={state.text.clone()} {on_change} {marks} read_only=true />
                    </section>
                    { graph }
                </main>
            </div>
        };
    }
    let lesson = state
        .example
        .and_then(|i| EXAMPLES.get(i))
        .filter(|_| state.example_text.as_deref() == Some(&*state.text));
    let no_stages = Shared(Rc::new(Vec::new()));
    let no_args = Shared(Rc::new(Vec::new()));
    let (stages, args) = match &panels {
        Some((_, _, p)) => (Shared(p.stages.clone()), Shared(p.args.clone())),
        None => (no_stages, no_args),
    };

    let brand = crate::dom::list(vec![
        el("h1")
            .class("brand")
            .child(
                el("img")
                    .attr("src", "favicon.svg")
                    .attr("alt", "")
                    .attr("width", "22")
                    .attr("height", "22")
                    .done(),
            )
            .text("stagecraft")
            .done(),
        el("p")
            .class("tagline")
            .text("Dockerfile playground — stages, final image and findings, computed in your browser")
            .done(),
    ]);
    let theme_button = button("button", on_theme)
        .attr("aria-label", "Switch colour theme")
        .testid("theme-toggle")
        .text(theme_label)
        .done();
    let lesson = match lesson {
        Some(example) => el("p")
            .class("lesson")
            .testid("lesson")
            .child(el("strong").text("Lesson: ").done())
            .text(example.lesson)
            .done(),
        None => Html::default(),
    };
    let footer = el("footer")
        .class("footer")
        .text("The Dockerfile never leaves this page: the Rust core runs here as WebAssembly.")
        .done();
    let mut select = el("select").testid("examples").onchange(on_example).child(
        el("option")
            .attr("value", "")
            .flag("selected", state.example.is_none())
            .flag("disabled", true)
            .text("Choose an example…")
            .done(),
    );
    for (i, ex) in EXAMPLES.iter().enumerate() {
        select = select.child(crate::dom::option(
            i.to_string().into(),
            state.example == Some(i),
            ex.title.into(),
        ));
    }
    let examples = el("label")
        .class("field")
        .child(el("span").text("Example").done())
        .child(select.done())
        .done();
    let topbar = el("header")
        .class("topbar")
        .child(brand)
        .child(
            el("div")
                .class("topbar-tools")
                .child(examples)
                .child(
                    html! { <ShareButton text={state.text.clone()} build={state.build.clone()} /> },
                )
                .child(theme_button)
                .done(),
        )
        .done();
    let editor_pane = el("section")
        .class("pane editor-pane")
        .attr("aria-label", "Dockerfile editor")
        .child(
            el("div")
                .class("pane-head")
                .child(el("h2").class("pane-title").text("Dockerfile").done())
                .child(html! { <BuildOptions stages={stages.clone()} args={args.clone()} build={state.build.clone()} dispatch={dispatch.clone()} compact=true /> })
                .done(),
        )
        .child(html! {
            <Editor text={state.text.clone()} {on_change} {marks}
                select={state.select} edit={state.edit.clone()} />
        })
        .done();
    // One node for the analysis' panels (or the placeholder), so the panes after it keep their
    // place when the first analysis arrives.
    let shown_panels = match panels {
        Some((summary, graph, p)) => crate::dom::list(vec![
            summary,
            graph,
            html! { <Findings findings={Shared(p.findings.clone())} stale={stale.clone()} dispatch={dispatch.clone()} /> },
            html! { <FinalImage image={Shared(p.image.clone())} dispatch={dispatch.clone()} /> },
        ]),
        None => crate::dom::list(vec![waiting]),
    };
    let side = el("div")
        .class("panels")
        .child(shown_panels)
        .child(html! { <BuildOptions {stages} {args} build={state.build.clone()} dispatch={dispatch.clone()} compact=false /> })
        .child(html! { <ContextPanel context={state.context.clone()} dispatch={dispatch.clone()} /> })
        .done();
    el("div")
        .class("app")
        .child(topbar)
        .child(banner_view(state.banner.as_ref(), &dispatch))
        .child(lesson)
        .child(
            el("main")
                .class("layout")
                .child(editor_pane)
                .child(side)
                .done(),
        )
        .child(footer)
        .done()
}

/// An error (`role="alert"`, e.g. a bad link) or a notice with a way back to the previous buffer.
fn banner_view(banner: Option<&crate::state::Banner>, dispatch: &Dispatch) -> Html {
    let Some(banner) = banner else {
        return Html::default();
    };
    let dismiss = {
        let dispatch = dispatch.clone();
        button(
            "small-button",
            Callback::from(move |_| dispatch.dispatch(Action::DismissBanner)),
        )
        .text("Dismiss")
        .done()
    };
    let div = el("div").child(el("span").text_s(banner.message.clone().into()).done());
    if banner.error {
        return div
            .class("banner error")
            .attr("role", "alert")
            .testid("error-banner")
            .child(dismiss)
            .done();
    }
    let mut div = div
        .class("banner notice")
        .attr("role", "status")
        .testid("notice-banner");
    if let Some(previous) = banner.restore.clone() {
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_| {
            dispatch.dispatch(Action::LoadShared {
                shared: previous.clone(),
                previous: None,
            })
        });
        div = div.child(
            button("small-button", onclick)
                .testid("restore-buffer")
                .text("Restore my previous buffer")
                .done(),
        );
    }
    div.child(dismiss).done()
}

/// The share fragment (`v1/…`) of `text` and `build` while `active`; `None` until it is made
/// (the browser compresses asynchronously) and while inactive.
#[hook]
fn use_fragment(text: &Rc<str>, build: &Rc<BuildSettings>, active: bool) -> Option<Rc<str>> {
    type Made = Option<(Rc<str>, Rc<BuildSettings>, Rc<str>)>;
    let made = use_state(|| None as Made);
    // The inputs of the latest render: a fragment made for older ones is dropped.
    let latest = use_mut_ref(|| (text.clone(), build.clone()));
    *latest.borrow_mut() = (text.clone(), build.clone());
    {
        let made = made.clone();
        use_effect_with(
            (text.clone(), build.clone(), active),
            move |(text, build, active)| {
                if *active {
                    let (text, build) = (text.clone(), build.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let Some(f) = crate::share::encode(&LinkState::of(&text, &build)).await
                        else {
                            return;
                        };
                        let current = {
                            let (t, b) = &*latest.borrow();
                            Rc::ptr_eq(t, &text) && Rc::ptr_eq(b, &build)
                        };
                        if current {
                            made.set(Some((text, build, f.into())));
                        }
                    });
                }
            },
        );
    }
    made.as_ref()
        .filter(|(t, b, _)| active && Rc::ptr_eq(t, text) && Rc::ptr_eq(b, build))
        .map(|(_, _, f)| f.clone())
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
    let fragment = use_fragment(&props.text, &props.build, *open);
    let toggle = {
        let open = open.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            open.set(!*open);
            copied.set(false);
        })
    };
    let button = button("button", toggle.clone())
        .testid("share-button")
        .attr("aria-expanded", if *open { "true" } else { "false" })
        .text("Share")
        .done();
    // The dialog opens once the link is made (compression is asynchronous).
    let Some(fragment) = fragment.filter(|_| *open) else {
        return button;
    };
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
    let field = |label: AttrValue, control: Html| {
        el("label")
            .class("field")
            .child(el("span").text_s(label).done())
            .child(control)
            .done()
    };
    let mut dialog = el("div")
        .class("share-dialog")
        .attr("role", "dialog")
        .attr("aria-label", "Share this Dockerfile")
        .testid("share-dialog")
        .child(field(
            format!("Link ({} characters)", link.len()).into(),
            el("input")
                .attr("type", "text")
                .flag("readonly", true)
                .value(link.into())
                .testid("share-link")
                .attr("spellcheck", "false")
                .done(),
        ));
    if long {
        dialog = dialog.child(
            el("p")
                .class("warning")
                .testid("share-warning")
                .text("This link is over 2000 characters: some chat apps cut links that long.")
                .done(),
        );
    }
    let dialog = dialog
        .child(
            el("div")
                .class("form-row")
                .child(
                    crate::dom::button("button", copy)
                        .text(if *copied { "Copied ✓" } else { "Copy link" })
                        .done(),
                )
                .child(crate::dom::button("button", toggle).text("Close").done())
                .done(),
        )
        .child(field(
            "Embed in docs".into(),
            el("textarea")
                .flag("readonly", true)
                .attr("rows", "3")
                .value(snippet.into())
                .testid("embed-snippet")
                .attr("spellcheck", "false")
                .done(),
        ))
        .done();
    crate::dom::list(vec![button, dialog])
}
