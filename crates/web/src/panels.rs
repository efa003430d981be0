//! The panels beside the editor. Each renders one part of the [`crate::view::View`]; none
//! interprets the Dockerfile itself. Every panel's props compare by pointer ([`Shared`]), and
//! the view keeps the previous pointer for an unchanged part, so a keystroke re-renders only
//! the panels whose content changed.

use crate::app::Dispatch;
use crate::dom::{button, el, list, option};
use crate::state::{Action, BuildSettings, ContextEntry};
use crate::view::{
    plural, FindingView, FindingsView, GraphView, ImageView, ItemList, LayerView, StageView,
    WhyView,
};
use stagecraft_knowledge::human_bytes;
use std::cell::Cell;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew::virtual_dom::VChild;

/// An `Rc` compared by pointer: a panel re-renders only for a new value.
#[derive(Debug)]
pub struct Shared<T: ?Sized>(pub Rc<T>);

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn select(dispatch: &Dispatch, range: [u32; 2]) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| {
        dispatch.dispatch(Action::Select {
            from: range[0],
            to: range[1],
        })
    })
}

/// A [`NodeRef`] kept across renders: `use_node_ref` without the `use_state` machinery it is
/// built on (a node ref never changes, so nothing needs its re-render trigger).
#[hook]
fn use_element_ref() -> NodeRef {
    (*use_ref(NodeRef::default)).clone()
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
    // Plain attribute calls (the page imports them anyway) rather than HtmlAnchorElement's
    // setters: three fewer imports in the wasm-bindgen glue.
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        a.unchecked_into::<HtmlElement>().click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// `n / 10` with one decimal (`123` → `12.3`).
fn tenths(n: u64) -> String {
    let mut s = (n / 10).to_string();
    s.push('.');
    s.push(char::from(b'0' + (n % 10) as u8));
    s
}

/// `n / 100` with two decimals (`125` → `1.25`).
fn hundredths(n: u32) -> String {
    let mut s = (n / 100).to_string();
    s.push('.');
    s.push(char::from(b'0' + (n / 10 % 10) as u8));
    s.push(char::from(b'0' + (n % 10) as u8));
    s
}

/// "Showing the first N of M" under a capped list.
fn more(shown: usize, total: usize) -> Html {
    if total <= shown {
        return Html::default();
    }
    el("p")
        .class("muted more")
        .testid("list-capped")
        .text_s(format!("Showing the first {shown} of {total}.").into())
        .done()
}

/// `<label class=…><span>label</span>control</label>`: a labelled form control.
fn field(class: &'static str, label: &'static str, control: Html) -> Html {
    el("label")
        .class(class)
        .child(el("span").text(label).done())
        .child(control)
        .done()
}

// ---------------------------------------------------------------------------------------------
// Summary

/// The one-line summary, also announced to screen readers ("3 stages, final ≈ 48 MB, 2 warnings");
/// `busy`: an analysis has been running for a while (large files).
pub fn summary(text: &Rc<str>, busy: bool) -> Html {
    let mut p = el("p")
        .class("summary")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .testid("summary")
        .text_s(AttrValue::from(text.clone()));
    if busy {
        p = p.child(
            el("span")
                .class("analysing")
                .testid("analysing")
                .text(" · analysing…")
                .done(),
        );
    }
    p.done()
}

// ---------------------------------------------------------------------------------------------
// Stage graph

/// Properties of [`StageGraph`].
#[derive(Debug, Properties, PartialEq)]
pub struct StageGraphProps {
    /// The graph.
    pub graph: Shared<GraphView>,
    /// The stages.
    pub stages: Shared<Vec<StageView>>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

/// The stage graph: the core's SVG, clickable (nodes and edges select their instruction),
/// zoomable and exportable.
#[function_component(StageGraph)]
pub fn stage_graph(props: &StageGraphProps) -> Html {
    // Percent (integers: no float formatting in the wasm).
    let zoom = use_state(|| None::<u32>);
    let canvas = use_element_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(*zoom, move |zoom| {
            if let Some(el) = canvas.cast::<HtmlElement>() {
                // CSSOM, not a style attribute: allowed under a strict CSP.
                let _ = match zoom {
                    Some(z) => el.style().set_property("--zoom", &hundredths(*z)),
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
    {
        // The SVG string goes into the DOM only when it changed.
        let canvas = canvas.clone();
        let shown = use_mut_ref(String::new);
        use_effect_with(props.graph.clone(), move |graph| {
            if *shown.borrow() != graph.svg {
                if let Some(el) = canvas.cast::<web_sys::Element>() {
                    el.set_inner_html(&graph.svg);
                    *shown.borrow_mut() = graph.svg.clone();
                }
            }
        });
    }
    let onclick = {
        let dispatch = props.dispatch.clone();
        let graph = props.graph.clone();
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
            let (Some(start), Some(end)) = (parts.next(), parts.next()) else {
                return;
            };
            // An edge's span is its reference (`--from=build`); select the whole instruction.
            let range = if node.has_attribute("data-kind") {
                graph
                    .edge_instructions
                    .iter()
                    .find(|(r, _)| *r == [start, end])
                    .map_or([start, end], |(_, i)| *i)
            } else {
                [start, end]
            };
            dispatch.dispatch(Action::Select {
                from: range[0],
                to: range[1],
            });
            if let Some(index) = node
                .get_attribute("data-stage-index")
                .and_then(|i| i.parse().ok())
            {
                dispatch.dispatch(Action::Inspect(Some(index)));
            }
        })
    };
    // Steps of 5/4 and 4/5, between 25 % and 400 %.
    let zoom_by = |num: u32, den: u32| {
        let zoom = zoom.clone();
        Callback::from(move |_| {
            let z = (zoom.unwrap_or(100) * num / den).clamp(25, 400);
            zoom.set(Some(z));
        })
    };
    let fit = {
        let zoom = zoom.clone();
        Callback::from(move |_| zoom.set(None))
    };
    let export = |kind: &'static str| {
        let graph = props.graph.clone();
        Callback::from(move |_| match kind {
            "svg" => download("stages.svg", "image/svg+xml", &graph.svg),
            "dot" => download("stages.dot", "text/vnd.graphviz", &graph.dot),
            _ => download("stages.mmd", "text/plain", &graph.mermaid),
        })
    };

    let icon = |label: &'static str, text: &'static str, onclick: Callback<MouseEvent>| {
        button("icon-button", onclick)
            .attr("aria-label", label)
            .text(text)
            .done()
    };
    let tools = el("div")
        .class("tools")
        .attr("role", "toolbar")
        .attr("aria-label", "Graph tools")
        .child(icon("Zoom out", "−", zoom_by(4, 5)))
        .child(icon("Fit to panel", "Fit", fit))
        .child(icon("Zoom in", "+", zoom_by(5, 4)))
        .child(el("span").class("sep").done())
        .child(button("small-button", export("svg")).text("SVG").done())
        .child(button("small-button", export("dot")).text("DOT").done())
        .child(
            button("small-button", export("mermaid"))
                .text("Mermaid")
                .done(),
        )
        .done();
    let head = pane_head("graph-title", AttrValue::Static("Stage graph"), tools);
    let chips: Vec<Html> = props
        .stages
        .iter()
        .take(crate::view::MAX_CHOICES)
        .map(|s| {
            let onclick = {
                let select = select(&props.dispatch, s.span);
                let dispatch = props.dispatch.clone();
                let index = s.index;
                Callback::from(move |e| {
                    select.emit(e);
                    dispatch.dispatch(Action::Inspect(Some(index)));
                })
            };
            let label: AttrValue = s.label.clone().into();
            let mut chip = el("button")
                .attr("type", "button")
                .onclick(onclick)
                .testid("stage-item")
                .attr_s("data-stage-name", label.clone())
                .attr_s("title", format!("line {}: FROM {}", s.line, s.base).into())
                .child(span("stage-chip-name", label))
                .child(span("stage-chip-size", s.size.clone().into()));
            if !s.reachable {
                chip = chip.child(span("badge", AttrValue::Static("skipped")));
            }
            el("li")
                .class(if s.reachable {
                    "stage-chip"
                } else {
                    "stage-chip unreachable"
                })
                .child(chip.done())
                .done()
        })
        .collect();
    el("section")
        .class("pane graph-pane")
        .attr("aria-labelledby", "graph-title")
        .child(head)
        .child(
            el("div")
                .class("graph-canvas")
                .node_ref(canvas)
                .onclick(onclick)
                .done(),
        )
        .child(
            el("ul")
                .class("stage-list")
                .attr("aria-label", "Stages")
                .children(chips)
                .done(),
        )
        .child(more(
            props.stages.len().min(crate::view::MAX_CHOICES),
            props.stages.len(),
        ))
        .done()
}

// ---------------------------------------------------------------------------------------------
// Findings

/// Properties of [`Findings`].
#[derive(Debug, Properties, PartialEq)]
pub struct FindingsProps {
    /// The findings.
    pub findings: Shared<FindingsView>,
    /// True while the shown analysis is older than the text (read when "Fix" is clicked: a
    /// fix computed for another text is not applied).
    pub stale: Shared<Cell<bool>>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

/// Findings grouped by severity; click to select, "Fix" to apply the core's edits.
#[function_component(Findings)]
pub fn findings(props: &FindingsProps) -> Html {
    let f = &props.findings;
    let titles = ["Errors", "Warnings", "Info"];
    let classes = [
        "finding-group error",
        "finding-group warning",
        "finding-group info",
    ];
    let total: usize = f.counts.iter().sum();
    let mut section = el("section")
        .class("pane findings-pane")
        .attr("aria-labelledby", "findings-title")
        .child(pane_head(
            "findings-title",
            format!("Findings ({total})").into(),
            Html::default(),
        ));
    if total == 0 {
        section = section.child(
            el("p")
                .class("empty")
                .testid("no-findings")
                .text("No findings: BuildKit's checks and stagecraft's rules are happy.")
                .done(),
        );
    }
    for (g, (title, class)) in titles.into_iter().zip(classes).enumerate() {
        let (Some(items), Some(count)) = (f.groups.get(g), f.counts.get(g)) else {
            continue;
        };
        if items.is_empty() {
            continue;
        }
        let rows: Vec<Html> = (0..items.len())
            .map(|index| {
                VChild::<FindingItem>::new(
                    FindingItemProps {
                        findings: props.findings.clone(),
                        group: g,
                        index,
                        stale: props.stale.clone(),
                        dispatch: props.dispatch.clone(),
                    },
                    None,
                )
                .into()
            })
            .collect();
        section = section.child(
            el("div")
                .class(class)
                .child(
                    el("h3")
                        .class("group-title")
                        .text_s(format!("{title} ({count})").into())
                        .done(),
                )
                .child(el("ul").class("finding-list").children(rows).done())
                .child(more(items.len(), *count))
                .done(),
        );
    }
    section.done()
}

/// `<div class="pane-head"><h2 class="pane-title" id=…>title</h2>extra</div>`.
fn pane_head(id: &'static str, title: AttrValue, extra: Html) -> Html {
    el("div")
        .class("pane-head")
        .child(
            el("h2")
                .class("pane-title")
                .attr("id", id)
                .text_s(title)
                .done(),
        )
        .child(extra)
        .done()
}

/// Properties of [`FindingItem`]: one finding of a [`FindingsView`], compared by value, so
/// the unchanged rows of a changed list are not rendered again.
#[derive(Debug, Properties)]
struct FindingItemProps {
    findings: Shared<FindingsView>,
    group: usize,
    index: usize,
    stale: Shared<Cell<bool>>,
    dispatch: Dispatch,
}

impl FindingItemProps {
    fn item(&self) -> Option<&FindingView> {
        self.findings.groups.get(self.group)?.get(self.index)
    }
}

impl PartialEq for FindingItemProps {
    fn eq(&self, other: &Self) -> bool {
        self.item() == other.item() && self.stale == other.stale && self.dispatch == other.dispatch
    }
}

#[function_component(FindingItem)]
fn finding_item(props: &FindingItemProps) -> Html {
    let Some(f) = props.item() else {
        return Html::default();
    };
    let onclick = select(&props.dispatch, f.range);
    let fix = f.fix.as_ref().map(|fix| {
        let dispatch = props.dispatch.clone();
        let stale = props.stale.clone();
        let edits = fix.edits.clone();
        let onclick = Callback::from(move |_| {
            if !stale.get() {
                dispatch.dispatch(Action::ApplyEdits(edits.clone()));
            }
        });
        button("small-button fix", onclick)
            .testid("fix")
            .attr_s("title", fix.title.clone().into())
            .text_s(format!("Fix: {}", fix.title).into())
            .done()
    });
    let code: AttrValue = f.code.clone().into();
    let severity: AttrValue = f.severity.clone().into();
    let main = button("finding-main", onclick)
        .child(
            el("span")
                .class("sev-dot")
                .attr("aria-hidden", "true")
                .done(),
        )
        .child(span("finding-code", code.clone()))
        .child(span("finding-line", format!("line {}", f.line).into()))
        .child(span("finding-message", f.message.clone().into()))
        .done();
    let mut li = el("li")
        .attr_s("class", format!("finding {}", f.severity).into())
        .testid("finding")
        .attr_s("data-code", code)
        .attr_s("data-severity", severity)
        .attr_s("data-line", f.line.to_string().into())
        .child(main);
    if let Some(help) = &f.help {
        li = li.child(
            el("p")
                .class("finding-help")
                .text_s(help.clone().into())
                .done(),
        );
    }
    let mut actions = el("div").class("finding-actions");
    if let Some(fix) = fix {
        actions = actions.child(fix);
    }
    // Keyed by the code: a finding slot reused for another rule starts closed, without the
    // previous rule's page.
    actions = actions.child(
        VChild::<RuleDoc>::new(
            RuleDocProps {
                code: f.code.clone(),
            },
            Some(f.code.clone().into()),
        )
        .into(),
    );
    if let Some(url) = &f.url {
        actions = actions.child(
            el("a")
                .class("rule-link")
                .attr_s("href", url.clone().into())
                .attr("target", "_blank")
                .attr("rel", "noopener noreferrer")
                .text("Rule page ↗")
                .done(),
        );
    }
    li.child(actions.done()).done()
}

/// `<span class=…>text</span>`.
fn span(class: &'static str, text: AttrValue) -> Html {
    el("span").class(class).text_s(text).done()
}

/// Properties of [`RuleDoc`].
#[derive(Debug, Properties, PartialEq)]
struct RuleDocProps {
    code: String,
}

/// "About RULE": the rule's page, fetched and rendered only once opened (hundreds of findings
/// would otherwise carry hundreds of hidden pages in the DOM, and the page would carry every
/// rule's text up front: see [`crate::assets`]).
#[function_component(RuleDoc)]
fn rule_doc(props: &RuleDocProps) -> Html {
    let open = use_state_eq(|| false);
    let doc = use_state_eq(|| None::<Result<crate::assets::RuleDocText, String>>);
    let Some(rule) = stagecraft_check::rules::find(&props.code) else {
        return Html::default();
    };
    let code = rule.code;
    let ontoggle = {
        let open = open.clone();
        let doc = doc.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            let now_open = details.has_attribute("open");
            open.set(now_open);
            if now_open && !matches!(*doc, Some(Ok(_))) {
                let doc = doc.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    doc.set(Some(crate::assets::rule_doc(code).await));
                });
            }
        })
    };
    let mut body = Vec::new();
    if *open {
        match &*doc {
            None => body.push(el("p").class("muted").text("Loading…").done()),
            Some(Err(e)) => body.push(el("p").class("muted").text_s(e.clone().into()).done()),
            Some(Ok(d)) => {
                let labelled = |label: &'static str, text: &str| {
                    el("p")
                        .child(el("strong").text(label).done())
                        .text_s(text.to_string().into())
                        .done()
                };
                body.push(labelled("What: ", &d.what));
                body.push(labelled("Why: ", &d.why));
                for (label, example) in [("Bad", &d.bad), ("Good", &d.good)] {
                    if !example.is_empty() {
                        body.push(el("p").class("doc-label").text(label).done());
                        body.push(el("pre").text_s(example.clone().into()).done());
                    }
                }
                body.push(labelled("Fix: ", &d.fix));
            }
        }
    }
    el("details")
        .class("rule-doc")
        .ontoggle(ontoggle)
        .child(el("summary").text_s(format!("About {code}").into()).done())
        .children(body)
        .done()
}

// ---------------------------------------------------------------------------------------------
// Final image

/// Properties of [`FinalImage`].
#[derive(Debug, Properties, PartialEq)]
pub struct FinalImageProps {
    /// The inspected stage (or the final image).
    pub image: Shared<ImageView>,
    /// The state's dispatcher.
    pub dispatch: Dispatch,
}

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
    let v = &*props.image;
    let tab = use_state(|| Tab::Layers);
    let by_size = use_state(|| false);
    let Some(index) = v.stage else {
        return el("section")
            .class("pane image-pane")
            .attr("aria-labelledby", "image-title")
            .child(
                el("h2")
                    .class("pane-title")
                    .attr("id", "image-title")
                    .text("Final image")
                    .done(),
            )
            .child(
                el("p")
                    .class("empty")
                    .testid("final-size")
                    .text("No stage yet: add a FROM line.")
                    .done(),
            )
            .done();
    };
    let is_final = Some(index) == v.final_stage;
    let on_inspect = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Inspect(select.value().parse().ok()));
        })
    };
    let tab_button = |t: Tab, label: String| {
        let tab = tab.clone();
        let selected = *tab == t;
        button(
            if selected { "tab selected" } else { "tab" },
            Callback::from(move |_| tab.set(t)),
        )
        .attr("role", "tab")
        .attr("aria-selected", if selected { "true" } else { "false" })
        .text_s(label.into())
        .done()
    };
    let total = u128::from(v.total.max(1));
    let build_tools = v.tools.items.iter().filter(|t| t.flag).count();
    let choices: Vec<Html> = v
        .choices
        .iter()
        .enumerate()
        .filter(|(k, (i, _))| {
            *k < crate::view::MAX_CHOICES || *i == index || Some(*i) == v.final_stage
        })
        .map(|(_, (i, label))| option(i.to_string().into(), *i == index, label.clone().into()))
        .collect();

    let mut size_value = el("span")
        .class("size-value")
        .testid(if is_final { "final-size" } else { "stage-size" })
        .text_s(v.size.clone().into());
    if !v.range.is_empty() {
        size_value = size_value.child(
            el("span")
                .class("size-range")
                .text_s(format!(" ({})", v.range).into())
                .done(),
        );
    }
    let mut main_card = el("div")
        .class("size-card main")
        .child(size_label(if is_final {
            "Estimated size"
        } else {
            "Stage size"
        }))
        .child(size_value.done());
    if v.unknown > 0 {
        main_card = main_card.child(size_note(format!(
            "{} unknown part(s) widen the range",
            v.unknown
        )));
    }
    let cards = el("div")
        .class("size-cards")
        .child(main_card.done())
        .child(
            el("div")
                .class("size-card")
                .child(size_label("Compressed (download)"))
                .child(
                    el("span")
                        .class("size-value")
                        .testid("compressed-size")
                        .text_s(v.compressed.clone().into())
                        .done(),
                )
                .done(),
        )
        .child(
            el("div")
                .class("size-card")
                .child(size_label("Base"))
                .child(
                    el("span")
                        .class("size-value small")
                        .text_s(v.base.clone().into())
                        .done(),
                )
                .child(size_note(v.base_note.clone()))
                .done(),
        )
        .done();
    let mut tabs = el("div")
        .class("tabs")
        .attr("role", "tablist")
        .attr("aria-label", "Image contents");
    for (t, name, count) in [
        (Tab::Layers, "Layers", v.layer_count),
        (Tab::Files, "Files", v.files.total),
        (Tab::Tools, "Tools", v.tools.total),
        (Tab::Caches, "Caches", v.caches.total),
        (Tab::Secrets, "Secrets", v.secrets.total),
    ] {
        // "Tools (12, 2 for building)".
        let label = if t == Tab::Tools && build_tools > 0 {
            format!("{name} ({count}, {build_tools} for building)")
        } else {
            format!("{name} ({count})")
        };
        tabs = tabs.child(tab_button(t, label));
    }
    let tabs = tabs.done();
    let body = match *tab {
        Tab::Layers => {
            let mut layers: Vec<_> = v.layers.iter().collect();
            if *by_size {
                stagecraft_syntax::sort::sort_by_key(&mut layers, |l| std::cmp::Reverse(l.added));
            }
            let toggle = {
                let by_size = by_size.clone();
                Callback::from(move |_| by_size.set(!*by_size))
            };
            let rows: Vec<Html> = layers
                .into_iter()
                .map(|l| layer_row(l, total, &props.dispatch))
                .collect();
            let head = el("thead")
                .child(
                    el("tr")
                        .child(th("Line", ""))
                        .child(th("Instruction", ""))
                        .child(
                            el("th")
                                .attr("scope", "col")
                                .class("num")
                                .attr("aria-sort", if *by_size { "descending" } else { "none" })
                                .child(
                                    button("sort", toggle)
                                        .text(if *by_size { "Added ▼" } else { "Added ⇅" })
                                        .done(),
                                )
                                .done(),
                        )
                        .child(th("Share", "num"))
                        .done(),
                )
                .done();
            el("table")
                .class("data-table")
                .testid("layers")
                .child(head)
                .child(el("tbody").children(rows).done())
                .done()
        }
        Tab::Files => items(&v.files, "files", ""),
        Tab::Tools => items(&v.tools, "tools", ""),
        Tab::Caches => items(
            &v.caches,
            "caches",
            "No package-manager caches left in the image.",
        ),
        Tab::Secrets => items(&v.secrets, "secrets", "No likely secrets found."),
    };
    let mut panel = el("div")
        .class("tab-body")
        .attr("role", "tabpanel")
        .child(body);
    if *tab == Tab::Layers {
        panel = panel.child(more(v.layers.len(), v.layer_count));
    }

    let inspect = el("select")
        .testid("inspect-select")
        .onchange(on_inspect)
        .children(choices)
        .done();
    el("section")
        .class("pane image-pane")
        .attr("aria-labelledby", "image-title")
        .child(pane_head(
            "image-title",
            v.title.clone().into(),
            field("field inline", "Inspect", inspect),
        ))
        .child(cards)
        .child(tabs)
        .child(panel.done())
        .done()
}

fn size_label(label: &'static str) -> Html {
    el("span").class("size-label").text(label).done()
}

fn size_note(note: String) -> Html {
    el("span").class("size-note").text_s(note.into()).done()
}

/// `<th scope="col">`, with a class unless `class` is empty.
fn th(label: &'static str, class: &'static str) -> Html {
    let mut th = el("th").attr("scope", "col");
    if !class.is_empty() {
        th = th.class(class);
    }
    th.text(label).done()
}

/// One row of the layers table; `total` is the image's estimate (at least 1).
fn layer_row(l: &LayerView, total: u128, dispatch: &Dispatch) -> Html {
    // Tenths of a percent, rounded.
    let share = ((u128::from(l.added) * 1000 + total / 2) / total) as u64;
    let mut instruction = el("td").child(
        button("link", select(dispatch, l.range))
            .child(el("code").text_s(l.instruction.clone().into()).done())
            .done(),
    );
    for (summary, unknown) in &l.effects {
        instruction = instruction.child(
            el("div")
                .class(if *unknown { "effect unknown" } else { "effect" })
                .text_s(summary.clone().into())
                .done(),
        );
    }
    let mut added = el("td").class("num");
    let mut share_cell = el("td").class("num");
    if l.creates_layer {
        let mut text = String::from("≈ ");
        text.push_str(&human_bytes(l.added));
        added = added.text_s(text.into());
        share_cell = share_cell.child(
            el("span")
                .class("share")
                .child(
                    el("progress")
                        .class("share-bar")
                        .attr("max", "100")
                        .attr_s("value", tenths(share.min(1000)).into())
                        .attr("aria-hidden", "true")
                        .done(),
                )
                .text_s(tenths(share).into())
                .text("%")
                .done(),
        );
    }
    let mut tr = el("tr");
    if !l.creates_layer {
        tr = tr.class("meta");
    }
    tr.child(
        el("td")
            .class("num")
            .text_s(l.line.to_string().into())
            .done(),
    )
    .child(instruction.done())
    .child(added.done())
    .child(share_cell.done())
    .done()
}

/// One list of the image panel. Flagged rows (build tools) get a class and a visible label.
fn items(list: &ItemList, testid: &'static str, empty: &'static str) -> Html {
    let mut ul = el("ul")
        .attr_s("class", format!("item-list {testid}").into())
        .testid(testid);
    if list.items.is_empty() && !empty.is_empty() {
        ul = ul.child(el("li").class("empty").text(empty).done());
    }
    for t in &list.items {
        let mut row = el("div").class("item-row").child(
            el("code")
                .class("path")
                .text_s(t.name.clone().into())
                .done(),
        );
        if t.flag {
            row = row.child(
                el("span")
                    .class("badge build-tool-badge")
                    .attr(
                        "title",
                        "A compiler or build tool: the final image usually does not need it",
                    )
                    .text("build tool")
                    .done(),
            );
        }
        row = row.child(
            el("span")
                .class("item-size")
                .text_s(t.side.clone().into())
                .done(),
        );
        let mut li = el("li");
        if t.flag {
            li = li.class("build-tool").attr("data-build-tool", "true");
        }
        ul = ul.child(
            li.child(row.done())
                .child(
                    el("div")
                        .class("item-what")
                        .text_s(t.detail.clone().into())
                        .done(),
                )
                .child(why(&t.why))
                .done(),
        );
    }
    crate::dom::list(vec![ul.done(), more(list.items.len(), list.total)])
}

fn why(chain: &[WhyView]) -> Html {
    if chain.is_empty() {
        return Html::default();
    }
    let mut ol = el("ol");
    for w in chain {
        let mut li = el("li")
            .child(
                el("span")
                    .class("why-line")
                    .text_s(format!("line {}", w.line).into())
                    .done(),
            )
            .child(el("code").text_s(w.instruction.clone().into()).done());
        if let Some(note) = &w.note {
            li = li.child(
                el("span")
                    .class("why-note")
                    .text_s(format!(" — {note}").into())
                    .done(),
            );
        }
        ol = ol.child(li.done());
    }
    el("details")
        .class("why")
        .child(el("summary").text("why?").done())
        .child(ol.done())
        .done()
}

// ---------------------------------------------------------------------------------------------
// Build options

/// Properties of [`BuildOptions`].
#[derive(Debug, Properties, PartialEq)]
pub struct BuildOptionsProps {
    /// The stages (the target chooser lists them).
    pub stages: Shared<Vec<StageView>>,
    /// Global ARG names (suggested in the build-arg editor).
    pub args: Shared<Vec<String>>,
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
        let known = props
            .stages
            .iter()
            .any(|s| s.name.as_deref() == Some(target.as_str()) || s.index.to_string() == target);
        let platform = build.platform.clone().unwrap_or_default();
        let mut targets = vec![option(
            AttrValue::Static(""),
            target.is_empty(),
            AttrValue::Static("last stage"),
        )];
        targets.extend(props.stages.iter().enumerate().filter_map(|(k, s)| {
            let value = s.name.clone().unwrap_or_else(|| s.index.to_string());
            // Hundreds of options help nobody and cost a long render: the first ones, and
            // the chosen one wherever it is.
            (k < crate::view::MAX_CHOICES || value == target).then(|| {
                let selected = value == target;
                option(value.into(), selected, s.label.clone().into())
            })
        }));
        // A slot either way: the options after it keep their places.
        targets.push(if !target.is_empty() && !known {
            option(
                target.clone().into(),
                true,
                format!("{target} (missing)").into(),
            )
        } else {
            Html::default()
        });
        let mut platforms = vec![option(
            AttrValue::Static(""),
            platform.is_empty(),
            AttrValue::Static("default"),
        )];
        platforms.extend(
            PLATFORMS
                .iter()
                .map(|p| option(AttrValue::Static(p), platform == *p, AttrValue::Static(p))),
        );
        return el("div")
            .class("build-bar")
            .child(field(
                "field inline",
                "Target",
                el("select")
                    .testid("target-select")
                    .onchange(on_target)
                    .children(targets)
                    .done(),
            ))
            .child(field(
                "field inline",
                "Platform",
                el("select")
                    .testid("platform-select")
                    .onchange(on_platform)
                    .children(platforms)
                    .done(),
            ))
            .done();
    }
    let add = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::AddBuildArg))
    };
    let rows: Vec<Html> = build
        .build_args
        .iter()
        .enumerate()
        .map(|(index, (key, value))| {
            let on_key = {
                let dispatch = props.dispatch.clone();
                let value = value.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(Action::SetBuildArg {
                        index,
                        key: input.value(),
                        value: value.clone(),
                    });
                })
            };
            let on_value = {
                let dispatch = props.dispatch.clone();
                let key = key.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(Action::SetBuildArg {
                        index,
                        key: key.clone(),
                        value: input.value(),
                    });
                })
            };
            let remove = {
                let dispatch = props.dispatch.clone();
                Callback::from(move |_| dispatch.dispatch(Action::RemoveBuildArg(index)))
            };
            let n = index + 1;
            el("li")
                .class("arg-row")
                .testid("build-arg")
                .child(
                    text_input(
                        format!("Build arg {n} name").into(),
                        "NAME",
                        key.clone().into(),
                    )
                    .attr("list", "arg-names")
                    .oninput(on_key)
                    .done(),
                )
                .child(el("span").attr("aria-hidden", "true").text("=").done())
                .child(
                    text_input(
                        format!("Build arg {n} value").into(),
                        "value",
                        value.clone().into(),
                    )
                    .oninput(on_value)
                    .done(),
                )
                .child(
                    button("icon-button", remove)
                        .attr_s("aria-label", format!("Remove build arg {n}").into())
                        .text("×")
                        .done(),
                )
                .done()
        })
        .collect();
    let names: Vec<Html> = props
        .args
        .iter()
        .map(|a| el("option").attr_s("value", a.clone().into()).done())
        .collect();
    el("section")
        .class("pane options-pane")
        .attr("aria-labelledby", "args-title")
        .child(pane_head(
            "args-title",
            AttrValue::Static("Build args"),
            button("small-button", add)
                .testid("add-build-arg")
                .text("+ Add")
                .done(),
        ))
        // A slot either way: the rows after it keep their places (and the focused input).
        .child(if build.build_args.is_empty() {
            el("p")
                .class("empty")
                .text("No --build-arg set: ARG defaults apply.")
                .done()
        } else {
            Html::default()
        })
        .child(
            el("datalist")
                .attr("id", "arg-names")
                .children(names)
                .done(),
        )
        .child(el("ul").class("arg-list").children(rows).done())
        .done()
}

/// `<input type="text" aria-label=… placeholder=… spellcheck="false">` showing `value`.
fn text_input(label: AttrValue, placeholder: &'static str, value: AttrValue) -> crate::dom::El {
    el("input")
        .attr("type", "text")
        .attr_s("aria-label", label)
        .attr("placeholder", placeholder)
        .attr("spellcheck", "false")
        .value(value)
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
    let path_ref = use_element_ref();
    let text_ref = use_element_ref();
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
    let head = list(vec![
        pane_head(
            "context-title",
            format!("Build context ({})", plural(props.context.len(), "file")).into(),
            span("muted", human_bytes(total).into()),
        ),
        el("p")
            .class("hint")
            .text("Files are read here in the browser and never uploaded. Manifests (requirements.txt, package-lock.json, go.mod, .dockerignore, …) refine the estimates.")
            .done(),
    ]);
    let files = props.context.iter().enumerate().map(|(i, e)| {
        let remove = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |_| dispatch.dispatch(Action::RemoveContext(i)))
        };
        let mut size = human_bytes(e.size);
        if e.contents.is_some() {
            size.push_str(" · read");
        }
        el("li")
            .class("item-row")
            .child(
                el("code")
                    .class("path")
                    .text_s(e.path.clone().into())
                    .done(),
            )
            .child(span("item-size", size.into()))
            .child(
                button("icon-button", remove)
                    .attr_s("aria-label", format!("Remove {}", e.path).into())
                    .text("×")
                    .done(),
            )
            .done()
    });
    let files = el("ul")
        .class("item-list compact")
        .testid("context-files")
        .children(files.collect())
        .done();
    let file_input = |directory: bool, onchange: Callback<Event>| {
        el("input")
            .attr("type", "file")
            .class("visually-hidden")
            .flag("webkitdirectory", directory)
            .flag("multiple", true)
            .onchange(onchange)
            .done()
    };
    let pick = |label: &'static str, input: Html| {
        el("label")
            .class("button file-button")
            .text(label)
            .child(input)
            .done()
    };
    let form = el("form")
        .class("context-form")
        .onsubmit(add_pasted)
        .child(field(
            "field",
            "File path",
            el("input")
                .attr("type", "text")
                .node_ref(path_ref)
                .attr("placeholder", "requirements.txt")
                .attr("spellcheck", "false")
                .testid("context-path")
                .done(),
        ))
        .child(field(
            "field",
            "Contents",
            el("textarea")
                .node_ref(text_ref)
                .attr("rows", "3")
                .attr("placeholder", "flask==3.0.3")
                .attr("spellcheck", "false")
                .testid("context-contents")
                .done(),
        ))
        .child(
            el("div")
                .class("form-row")
                .child(
                    el("button")
                        .attr("type", "submit")
                        .class("button")
                        .testid("context-add")
                        .text("Add file")
                        .done(),
                )
                .child(pick("Pick a folder…", file_input(true, on_pick.clone())))
                .child(pick("Pick files…", file_input(false, on_pick)))
                .done(),
        )
        .done();
    el("section")
        .class("pane context-pane")
        .attr("aria-labelledby", "context-title")
        .child(head)
        .child(files)
        .child(form)
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_texts() {
        assert_eq!(tenths(0), "0.0");
        assert_eq!(tenths(7), "0.7");
        assert_eq!(tenths(1000), "100.0");
        assert_eq!(tenths(123), "12.3");
        assert_eq!(hundredths(25), "0.25");
        assert_eq!(hundredths(100), "1.00");
        assert_eq!(hundredths(156), "1.56");
    }
}
