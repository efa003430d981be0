//! The panels beside the editor. Each renders what the core computed; none interprets the
//! Dockerfile itself.

use crate::app::{plural, Dispatch, Shared};
use crate::derive::{edits, severity_name};
use crate::state::{Action, BuildSettings, ContextEntry};
use stagecraft_knowledge::{human_bytes, SizeRange};
use stagecraft_simulate::{CacheInfo, FileInfo, SecretInfo, ToolInfo, Why};
use stagecraft_syntax::{Severity, TextRange};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

fn select_range(dispatch: &Dispatch, derived: &Shared, range: TextRange) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    let (from, to) = (
        derived.0.utf16.utf16(range.start),
        derived.0.utf16.utf16(range.end),
    );
    Callback::from(move |_| dispatch.dispatch(Action::Select { from, to }))
}

fn size_text(size: &SizeRange) -> String {
    format!("≈ {}", human_bytes(size.estimate))
}

fn range_text(size: &SizeRange) -> String {
    if size.low == size.high {
        String::new()
    } else {
        format!("{}–{}", human_bytes(size.low), human_bytes(size.high))
    }
}

/// Offers `text` as a file download (a `blob:` URL of this origin; nothing is sent anywhere).
fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

// ---------------------------------------------------------------------------------------------
// Stage graph

/// Properties of the panels that only need the analysis.
#[derive(Debug, Properties, PartialEq)]
pub struct PanelProps {
    /// The analysis.
    pub derived: Shared,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

/// The stage graph: the core's SVG, clickable, zoomable and exportable.
#[function_component(StageGraph)]
pub fn stage_graph(props: &PanelProps) -> Html {
    let d = &props.derived.0;
    let zoom = use_state(|| None::<f64>);
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(*zoom, move |zoom| {
            if let Some(el) = canvas.cast::<HtmlElement>() {
                // CSSOM, not a style attribute: allowed under a strict CSP.
                let _ = match zoom {
                    Some(z) => el.style().set_property("--zoom", &format!("{z}")),
                    None => el.style().remove_property("--zoom").map(|_| ()),
                };
                el.set_class_name(if zoom.is_some() {
                    "graph-canvas zoomed"
                } else {
                    "graph-canvas"
                });
            }
        });
    }
    let onclick = {
        let dispatch = props.dispatch.clone();
        let derived = props.derived.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Ok(Some(node)) = target.closest("[data-span]") else {
                return;
            };
            let span = node.get_attribute("data-span").unwrap_or_default();
            let mut parts = span.split(',').filter_map(|p| p.trim().parse::<u32>().ok());
            if let (Some(start), Some(end)) = (parts.next(), parts.next()) {
                let u = &derived.0.utf16;
                dispatch.dispatch(Action::Select {
                    from: u.utf16(start),
                    to: u.utf16(end),
                });
            }
            if let Some(index) = node
                .get_attribute("data-stage-index")
                .and_then(|i| i.parse().ok())
            {
                dispatch.dispatch(Action::Inspect(Some(index)));
            }
        })
    };
    let zoom_by = |factor: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_| {
            let z = (zoom.unwrap_or(1.0) * factor).clamp(0.25, 4.0);
            zoom.set(Some(z));
        })
    };
    let fit = {
        let zoom = zoom.clone();
        Callback::from(move |_| zoom.set(None))
    };
    let export = |kind: &'static str| {
        let derived = props.derived.clone();
        Callback::from(move |_| {
            let g = &derived.0.analysis.graph;
            match kind {
                "svg" => download("stages.svg", "image/svg+xml", &derived.0.svg),
                "dot" => download(
                    "stages.dot",
                    "text/vnd.graphviz",
                    &stagecraft_model::render_dot(g),
                ),
                _ => download(
                    "stages.mmd",
                    "text/plain",
                    &stagecraft_model::render_mermaid(g),
                ),
            }
        })
    };

    html! {
        <section class="pane graph-pane" aria-labelledby="graph-title">
            <div class="pane-head">
                <h2 class="pane-title" id="graph-title">{ "Stage graph" }</h2>
                <div class="tools" role="toolbar" aria-label="Graph tools">
                    <button type="button" class="icon-button" onclick={zoom_by(1.0 / 1.25)} aria-label="Zoom out">{ "−" }</button>
                    <button type="button" class="icon-button" onclick={fit} aria-label="Fit to panel">{ "Fit" }</button>
                    <button type="button" class="icon-button" onclick={zoom_by(1.25)} aria-label="Zoom in">{ "+" }</button>
                    <span class="sep" />
                    <button type="button" class="small-button" onclick={export("svg")}>{ "SVG" }</button>
                    <button type="button" class="small-button" onclick={export("dot")}>{ "DOT" }</button>
                    <button type="button" class="small-button" onclick={export("mermaid")}>{ "Mermaid" }</button>
                </div>
            </div>
            <div class="graph-canvas" ref={canvas} {onclick}>
                { Html::from_html_unchecked(AttrValue::from(d.svg.to_string())) }
            </div>
            <ul class="stage-list" aria-label="Stages">
                { for d.analysis.model.stages.iter().map(|s| {
                    let size = d.simulation().stages.get(s.index as usize).map(|i| size_text(&i.size)).unwrap_or_default();
                    let onclick = {
                        let select = select_range(&props.dispatch, &props.derived, s.from_span);
                        let dispatch = props.dispatch.clone();
                        let index = s.index;
                        Callback::from(move |e| { select.emit(e); dispatch.dispatch(Action::Inspect(Some(index))); })
                    };
                    html! {
                        <li class={classes!("stage-chip", (!s.reachable).then_some("unreachable"))}>
                            <button type="button" {onclick} data-testid="stage-item" data-stage-name={s.display_name()}
                                title={format!("line {}: FROM {}", s.line, s.base)}>
                                <span class="stage-chip-name">{ s.display_name() }</span>
                                <span class="stage-chip-size">{ size }</span>
                                if !s.reachable { <span class="badge">{ "skipped" }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Findings

/// Findings grouped by severity; click to select, "Fix" to apply the core's edits.
#[function_component(Findings)]
pub fn findings(props: &PanelProps) -> Html {
    let d = &props.derived.0;
    let groups = [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Info"),
    ];
    let total = d.diagnostics.len();
    html! {
        <section class="pane findings-pane" aria-labelledby="findings-title">
            <div class="pane-head">
                <h2 class="pane-title" id="findings-title">{ format!("Findings ({total})") }</h2>
            </div>
            if total == 0 {
                <p class="empty" data-testid="no-findings">{ "No findings: BuildKit's checks and stagecraft's rules are happy." }</p>
            }
            { for groups.iter().map(|(sev, title)| {
                let items: Vec<_> = d.diagnostics.iter().filter(|x| x.severity == *sev).collect();
                if items.is_empty() { return html! {}; }
                html! {
                    <div class={classes!("finding-group", severity_name(*sev))}>
                        <h3 class="group-title">{ format!("{title} ({})", items.len()) }</h3>
                        <ul class="finding-list">
                            { for items.into_iter().map(|f| {
                                let line = d.analysis.line_index.line0(f.range.start) + 1;
                                let onclick = select_range(&props.dispatch, &props.derived, f.range);
                                let fix = f.fix.as_ref().map(|fix| {
                                    let dispatch = props.dispatch.clone();
                                    let list = edits(fix, &d.utf16);
                                    let title = fix.title.clone();
                                    let onclick = Callback::from(move |_| dispatch.dispatch(Action::ApplyEdits(list.clone())));
                                    html! { <button type="button" class="small-button fix" data-testid="fix" {onclick} title={title.clone()}>{ format!("Fix: {title}") }</button> }
                                });
                                let rule = stagecraft_check::rules::find(&f.code);
                                html! {
                                    <li class={classes!("finding", severity_name(f.severity))} data-testid="finding"
                                        data-code={f.code.clone()} data-severity={severity_name(f.severity)} data-line={line.to_string()}>
                                        <button type="button" class="finding-main" {onclick}>
                                            <span class="sev-dot" aria-hidden="true" />
                                            <span class="finding-code">{ &f.code }</span>
                                            <span class="finding-line">{ format!("line {line}") }</span>
                                            <span class="finding-message">{ &f.message }</span>
                                        </button>
                                        if let Some(help) = &f.help { <p class="finding-help">{ help }</p> }
                                        <div class="finding-actions">
                                            { for fix }
                                            if let Some(rule) = rule {
                                                <details class="rule-doc">
                                                    <summary>{ format!("About {}", rule.code) }</summary>
                                                    <p><strong>{ "What: " }</strong>{ rule.doc.what }</p>
                                                    <p><strong>{ "Why: " }</strong>{ rule.doc.why }</p>
                                                    if !rule.doc.bad.is_empty() { <p class="doc-label">{ "Bad" }</p><pre>{ rule.doc.bad }</pre> }
                                                    if !rule.doc.good.is_empty() { <p class="doc-label">{ "Good" }</p><pre>{ rule.doc.good }</pre> }
                                                    <p><strong>{ "Fix: " }</strong>{ rule.doc.fix }</p>
                                                </details>
                                            }
                                            if let Some(url) = &f.url {
                                                <a class="rule-link" href={url.clone()} target="_blank" rel="noopener noreferrer">{ "Rule page ↗" }</a>
                                            }
                                        </div>
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                }
            }) }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Final image

/// Properties of [`FinalImage`].
#[derive(Debug, Properties, PartialEq)]
pub struct FinalImageProps {
    /// The analysis.
    pub derived: Shared,
    /// Stage to inspect; `None`: the final image.
    pub inspect: Option<u32>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

/// What the image panel lists for one stage (or the final image).
type Contents<'a> = (
    &'a SizeRange,
    &'a SizeRange,
    &'a [FileInfo],
    &'a [ToolInfo],
    &'a [CacheInfo],
    &'a [SecretInfo],
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Layers,
    Files,
    Tools,
    Caches,
    Secrets,
}

/// The final image (or any stage): size with its range, layers, files, tools, caches, secrets.
#[function_component(FinalImage)]
pub fn final_image(props: &FinalImageProps) -> Html {
    let d = &props.derived.0;
    let tab = use_state(|| Tab::Layers);
    let by_size = use_state(|| false);
    let sim = d.simulation();
    let final_index = sim.final_image.as_ref().map(|f| f.stage);
    let index = props
        .inspect
        .filter(|i| (*i as usize) < sim.stages.len())
        .or(final_index);
    let Some(stage) = index.and_then(|i| sim.stages.get(i as usize)) else {
        return html! {
            <section class="pane image-pane" aria-labelledby="image-title">
                <h2 class="pane-title" id="image-title">{ "Final image" }</h2>
                <p class="empty" data-testid="final-size">{ "No stage yet: add a FROM line." }</p>
            </section>
        };
    };
    let is_final = Some(stage.index) == final_index;
    // The final image is the target stage seen from outside; other stages show their own view.
    let (size, compressed, files, tools, caches, secrets): Contents<'_> =
        match (&sim.final_image, is_final) {
            (Some(f), true) => (
                &f.size,
                &f.compressed,
                &f.files,
                &f.tools,
                &f.caches,
                &f.secrets,
            ),
            _ => (
                &stage.size,
                &stage.compressed,
                &stage.files,
                &stage.tools,
                &stage.caches,
                &stage.secrets,
            ),
        };
    let on_inspect = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Inspect(select.value().parse().ok()));
        })
    };
    let title = if is_final {
        "Final image".to_string()
    } else {
        format!("Stage {}", stage_label(stage.index, &stage.name))
    };
    let range = range_text(size);
    let unknown = size.unknown;
    let tab_button = |t: Tab, label: String| {
        let tab = tab.clone();
        let selected = *tab == t;
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_| tab.set(t))}>{ label }</button>
        }
    };
    let total = size.estimate.max(1) as f64;

    html! {
        <section class="pane image-pane" aria-labelledby="image-title">
            <div class="pane-head">
                <h2 class="pane-title" id="image-title">{ title }</h2>
                <label class="field inline">
                    <span>{ "Inspect" }</span>
                    <select data-testid="inspect-select" onchange={on_inspect}>
                        { for sim.stages.iter().map(|s| {
                            let label = if Some(s.index) == final_index { format!("{} (final)", stage_label(s.index, &s.name)) } else { stage_label(s.index, &s.name) };
                            html! { <option value={s.index.to_string()} selected={s.index == stage.index}>{ label }</option> }
                        }) }
                    </select>
                </label>
            </div>
            <div class="size-cards">
                <div class="size-card main">
                    <span class="size-label">{ if is_final { "Estimated size" } else { "Stage size" } }</span>
                    <span class="size-value" data-testid={if is_final { "final-size" } else { "stage-size" }}>
                        { size_text(size) }
                        if !range.is_empty() { <span class="size-range">{ format!(" ({range})") }</span> }
                    </span>
                    if unknown > 0 { <span class="size-note">{ format!("{} unknown part(s) widen the range", unknown) }</span> }
                </div>
                <div class="size-card">
                    <span class="size-label">{ "Compressed (download)" }</span>
                    <span class="size-value" data-testid="compressed-size">{ size_text(compressed) }</span>
                </div>
                <div class="size-card">
                    <span class="size-label">{ "Base" }</span>
                    <span class="size-value small">{ &stage.base.reference }</span>
                    <span class="size-note">{ format!("{} · {}", size_text(&stage.base.size), stage.base.matched) }</span>
                </div>
            </div>
            <div class="tabs" role="tablist" aria-label="Image contents">
                { tab_button(Tab::Layers, format!("Layers ({})", stage.layers.iter().filter(|l| l.creates_layer).count())) }
                { tab_button(Tab::Files, format!("Files ({})", files.len())) }
                { tab_button(Tab::Tools, format!("Tools ({})", tools.len())) }
                { tab_button(Tab::Caches, format!("Caches ({})", caches.len())) }
                { tab_button(Tab::Secrets, format!("Secrets ({})", secrets.len())) }
            </div>
            <div class="tab-body" role="tabpanel">
            { match *tab {
                Tab::Layers => {
                    let mut layers: Vec<_> = stage.layers.iter().collect();
                    if *by_size { layers.sort_by_key(|l| std::cmp::Reverse(l.added.estimate)); }
                    let toggle = { let by_size = by_size.clone(); Callback::from(move |_| by_size.set(!*by_size)) };
                    html! {
                        <table class="data-table" data-testid="layers">
                            <thead><tr>
                                <th scope="col">{ "Line" }</th>
                                <th scope="col">{ "Instruction" }</th>
                                <th scope="col" class="num" aria-sort={if *by_size { "descending" } else { "none" }}>
                                    <button type="button" class="sort" onclick={toggle}>{ if *by_size { "Added ▼" } else { "Added ⇅" } }</button>
                                </th>
                                <th scope="col" class="num">{ "Share" }</th>
                            </tr></thead>
                            <tbody>
                            { for layers.into_iter().map(|l| {
                                let share = l.added.estimate as f64 / total * 100.0;
                                let onclick = select_range(&props.dispatch, &props.derived, l.range);
                                html! {
                                    <tr class={classes!((!l.creates_layer).then_some("meta"))}>
                                        <td class="num">{ l.line }</td>
                                        <td><button type="button" class="link" {onclick}><code>{ &l.instruction }</code></button>
                                            { for l.effects.iter().filter(|e| e.kind != "metadata").map(|e| html! {
                                                <div class={classes!("effect", e.unknown.then_some("unknown"))}>{ &e.summary }</div>
                                            }) }
                                        </td>
                                        <td class="num">{ if l.creates_layer { size_text(&l.added) } else { String::new() } }</td>
                                        <td class="num">
                                            if l.creates_layer {
                                                <span class="share"><progress class="share-bar" max="100" value={format!("{:.1}", share.clamp(0.0, 100.0))} aria-hidden="true" />{ format!("{share:.1}%") }</span>
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                            </tbody>
                        </table>
                    }
                }
                Tab::Files => html! {
                    <ul class="item-list" data-testid="files">
                        { for files.iter().map(|f| html! {
                            <li>
                                <div class="item-row"><code class="path">{ &f.path }</code><span class="item-size">{ size_text(&f.size) }</span></div>
                                <div class="item-what">{ &f.what }</div>
                                { why(&f.why) }
                            </li>
                        }) }
                    </ul>
                },
                Tab::Tools => html! {
                    <ul class="item-list tools" data-testid="tools">
                        { for tools.iter().map(|t| html! {
                            <li>
                                <div class="item-row"><code class="path">{ &t.name }</code><span class="item-what">{ t.package.clone().unwrap_or_default() }</span></div>
                                <div class="item-what">{ &t.path }</div>
                                { why(&t.why) }
                            </li>
                        }) }
                    </ul>
                },
                Tab::Caches => html! {
                    <ul class="item-list" data-testid="caches">
                        if caches.is_empty() { <li class="empty">{ "No package-manager caches left in the image." }</li> }
                        { for caches.iter().map(|c| html! {
                            <li>
                                <div class="item-row"><code class="path">{ &c.path }</code><span class="item-size">{ size_text(&c.size) }</span></div>
                                <div class="item-what">{ &c.kind }</div>
                                { why(&c.why) }
                            </li>
                        }) }
                    </ul>
                },
                Tab::Secrets => html! {
                    <ul class="item-list" data-testid="secrets">
                        if secrets.is_empty() { <li class="empty">{ "No likely secrets found." }</li> }
                        { for secrets.iter().map(|s| html! {
                            <li>
                                <div class="item-row"><code class="path">{ &s.name }</code><span class="badge">{ &s.kind }</span></div>
                                <div class="item-what">{ &s.reason }</div>
                                { why(&s.why) }
                            </li>
                        }) }
                    </ul>
                },
            } }
            </div>
        </section>
    }
}

fn stage_label(index: u32, name: &Option<String>) -> String {
    match name {
        Some(n) => n.clone(),
        None => format!("stage {index}"),
    }
}

fn why(chain: &[Why]) -> Html {
    if chain.is_empty() {
        return html! {};
    }
    html! {
        <details class="why">
            <summary>{ "why?" }</summary>
            <ol>
                { for chain.iter().map(|w| html! {
                    <li>
                        <span class="why-line">{ format!("line {}", w.line) }</span>
                        <code>{ &w.instruction }</code>
                        if let Some(note) = &w.note { <span class="why-note">{ format!(" — {note}") }</span> }
                    </li>
                }) }
            </ol>
        </details>
    }
}

// ---------------------------------------------------------------------------------------------
// Build options

/// Properties of [`BuildOptions`].
#[derive(Debug, Properties, PartialEq)]
pub struct BuildOptionsProps {
    /// The analysis (for the stage list).
    pub derived: Shared,
    /// The current options.
    pub build: Rc<BuildSettings>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
    /// Compact: only target and platform (the editor's toolbar); else the build-arg editor.
    pub compact: bool,
}

const PLATFORMS: &[&str] = &[
    "linux/amd64",
    "linux/arm64",
    "linux/arm/v7",
    "linux/386",
    "linux/ppc64le",
    "linux/s390x",
];

/// `--target`, `--platform` and `--build-arg`, reflected in every panel at once.
#[function_component(BuildOptions)]
pub fn build_options(props: &BuildOptionsProps) -> Html {
    let d = &props.derived.0;
    let build = &props.build;
    if props.compact {
        let on_target = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                dispatch.dispatch(Action::SetTarget(Some(select.value())));
            })
        };
        let on_platform = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                dispatch.dispatch(Action::SetPlatform(Some(select.value())));
            })
        };
        let target = build.target.clone().unwrap_or_default();
        let known =
            d.analysis.model.stages.iter().any(|s| {
                s.name.as_deref() == Some(target.as_str()) || s.index.to_string() == target
            });
        let platform = build.platform.clone().unwrap_or_default();
        return html! {
            <div class="build-bar">
                <label class="field inline">
                    <span>{ "Target" }</span>
                    <select data-testid="target-select" onchange={on_target}>
                        <option value="" selected={target.is_empty()}>{ "last stage" }</option>
                        { for d.analysis.model.stages.iter().map(|s| {
                            let value = s.name.clone().unwrap_or_else(|| s.index.to_string());
                            html! { <option value={value.clone()} selected={value == target}>{ s.display_name() }</option> }
                        }) }
                        if !target.is_empty() && !known { <option value={target.clone()} selected=true>{ format!("{target} (missing)") }</option> }
                    </select>
                </label>
                <label class="field inline">
                    <span>{ "Platform" }</span>
                    <select data-testid="platform-select" onchange={on_platform}>
                        <option value="" selected={platform.is_empty()}>{ "default" }</option>
                        { for PLATFORMS.iter().map(|p| html! { <option value={*p} selected={platform == *p}>{ *p }</option> }) }
                    </select>
                </label>
            </div>
        };
    }
    let add = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::AddBuildArg))
    };
    html! {
        <section class="pane options-pane" aria-labelledby="args-title">
            <div class="pane-head">
                <h2 class="pane-title" id="args-title">{ "Build args" }</h2>
                <button type="button" class="small-button" data-testid="add-build-arg" onclick={add}>{ "+ Add" }</button>
            </div>
            if build.build_args.is_empty() {
                <p class="empty">{ "No --build-arg set: ARG defaults apply." }</p>
            }
            <datalist id="arg-names">
                { for d.analysis.model.global_args.iter().map(|a| html! { <option value={a.name.clone()} /> }) }
            </datalist>
            <ul class="arg-list">
                { for build.build_args.iter().enumerate().map(|(index, (key, value))| {
                    let on_key = {
                        let dispatch = props.dispatch.clone();
                        let value = value.clone();
                        Callback::from(move |e: InputEvent| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            dispatch.dispatch(Action::SetBuildArg { index, key: input.value(), value: value.clone() });
                        })
                    };
                    let on_value = {
                        let dispatch = props.dispatch.clone();
                        let key = key.clone();
                        Callback::from(move |e: InputEvent| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            dispatch.dispatch(Action::SetBuildArg { index, key: key.clone(), value: input.value() });
                        })
                    };
                    let remove = {
                        let dispatch = props.dispatch.clone();
                        Callback::from(move |_| dispatch.dispatch(Action::RemoveBuildArg(index)))
                    };
                    html! {
                        <li class="arg-row" data-testid="build-arg">
                            <input type="text" list="arg-names" aria-label={format!("Build arg {} name", index + 1)} placeholder="NAME"
                                value={key.clone()} oninput={on_key} spellcheck="false" />
                            <span aria-hidden="true">{ "=" }</span>
                            <input type="text" aria-label={format!("Build arg {} value", index + 1)} placeholder="value"
                                value={value.clone()} oninput={on_value} spellcheck="false" />
                            <button type="button" class="icon-button" aria-label={format!("Remove build arg {}", index + 1)} onclick={remove}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Build context

/// Properties of [`ContextPanel`].
#[derive(Debug, Properties, PartialEq)]
pub struct ContextProps {
    /// The files the user added.
    pub context: Rc<Vec<ContextEntry>>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

/// Largest file whose contents are kept (manifests and lock files only).
const MAX_MANIFEST: f64 = 4_000_000.0;
/// Most files taken from a picked folder.
const MAX_FILES: u32 = 50_000;

/// The virtual build context: pasted files and a picked local folder, read in the browser with
/// the File API and never uploaded.
#[function_component(ContextPanel)]
pub fn context_panel(props: &ContextProps) -> Html {
    let path_ref = use_node_ref();
    let text_ref = use_node_ref();
    let add_pasted = {
        let dispatch = props.dispatch.clone();
        let (path_ref, text_ref) = (path_ref.clone(), text_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(path), Some(text)) = (
                path_ref.cast::<HtmlInputElement>(),
                text_ref.cast::<HtmlTextAreaElement>(),
            ) else {
                return;
            };
            let name = path.value().trim().trim_start_matches("./").to_string();
            if name.is_empty() {
                return;
            }
            let contents = text.value();
            dispatch.dispatch(Action::AddContext(vec![ContextEntry {
                size: contents.len() as u64,
                contents: Some(contents),
                path: name,
            }]));
            path.set_value("");
            text.set_value("");
        })
    };
    let on_pick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut entries = Vec::new();
                for i in 0..list.length().min(MAX_FILES) {
                    let Some(file) = list.get(i) else { continue };
                    let rel = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .filter(|p| !p.is_empty());
                    // A picked folder's paths start with the folder's own name: drop it.
                    let path = match rel {
                        Some(p) => p
                            .split_once('/')
                            .map(|(_, rest)| rest.to_string())
                            .unwrap_or(p),
                        None => file.name(),
                    };
                    if path.starts_with(".git/") || path.contains("/.git/") {
                        continue;
                    }
                    let size = file.size();
                    let contents = if stagecraft_simulate::context::is_manifest_name(&path)
                        && size <= MAX_MANIFEST
                    {
                        wasm_bindgen_futures::JsFuture::from(file.text())
                            .await
                            .ok()
                            .and_then(|v| v.as_string())
                    } else {
                        None
                    };
                    entries.push(ContextEntry {
                        path,
                        size: size as u64,
                        contents,
                    });
                }
                dispatch.dispatch(Action::AddContext(entries));
            });
        })
    };
    let total: u64 = props.context.iter().map(|e| e.size).sum();
    html! {
        <section class="pane context-pane" aria-labelledby="context-title">
            <div class="pane-head">
                <h2 class="pane-title" id="context-title">{ format!("Build context ({})", plural(props.context.len(), "file")) }</h2>
                <span class="muted">{ human_bytes(total) }</span>
            </div>
            <p class="hint">{ "Files are read here in the browser and never uploaded. Manifests (requirements.txt, package-lock.json, go.mod, .dockerignore, …) refine the estimates." }</p>
            <ul class="item-list compact" data-testid="context-files">
                { for props.context.iter().enumerate().map(|(i, e)| {
                    let remove = { let dispatch = props.dispatch.clone(); Callback::from(move |_| dispatch.dispatch(Action::RemoveContext(i))) };
                    html! {
                        <li class="item-row">
                            <code class="path">{ &e.path }</code>
                            <span class="item-size">{ human_bytes(e.size) }{ if e.contents.is_some() { " · read" } else { "" } }</span>
                            <button type="button" class="icon-button" aria-label={format!("Remove {}", e.path)} onclick={remove}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
            <form class="context-form" onsubmit={add_pasted}>
                <label class="field"><span>{ "File path" }</span>
                    <input type="text" ref={path_ref} placeholder="requirements.txt" spellcheck="false" data-testid="context-path" /></label>
                <label class="field"><span>{ "Contents" }</span>
                    <textarea ref={text_ref} rows="3" placeholder="flask==3.0.3" spellcheck="false" data-testid="context-contents" /></label>
                <div class="form-row">
                    <button type="submit" class="button" data-testid="context-add">{ "Add file" }</button>
                    <label class="button file-button">
                        { "Pick a folder…" }
                        <input type="file" class="visually-hidden" webkitdirectory=true multiple=true onchange={on_pick.clone()} />
                    </label>
                    <label class="button file-button">
                        { "Pick files…" }
                        <input type="file" class="visually-hidden" multiple=true onchange={on_pick} />
                    </label>
                </div>
            </form>
        </section>
    }
}
