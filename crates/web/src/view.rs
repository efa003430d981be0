//! What the panels show, as small plain values computed from the core's [`Analysis`].
//!
//! A [`View`] is the only thing the panels render. It is computed either on the page or in the
//! analysis worker (`www/worker.js`, the same wasm), which sends it back in the compact
//! binary form of [`crate::codec`]. Lists are capped ([`MAX_ITEMS`]): the counts are exact,
//! but a 10,000-line file never turns into 10,000 DOM rows in one task.
//!
//! [`Parts`] holds the view split per panel, each part in an `Rc`. [`Parts::stabilise`]
//! reuses the previous `Rc` of every part that did not change, so a panel whose input is the
//! same pointer skips rendering entirely (its props compare by pointer).

use crate::state::{BuildSettings, ContextEntry};
use stagecraft_analysis::{analyze, Analysis, Options};
use stagecraft_knowledge::{human_bytes, SizeRange};
use stagecraft_model::{render_dot, render_mermaid, render_svg, SizeLabel, SvgOptions};
use stagecraft_simulate::{Context, ContextFile, Why};
use stagecraft_syntax::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Most rows a list shows (layers, files, tools, caches, secrets, stage chips).
pub const MAX_ITEMS: usize = 300;
/// Most stages offered in a chooser or as chips (the chosen one is always offered).
pub const MAX_CHOICES: usize = 100;
/// Most findings shown per severity.
pub const MAX_FINDINGS: usize = 150;
/// Most diagnostics underlined in the editor (CodeMirror's lint state grows with each one;
/// beyond this the file has bigger problems than the next underline).
pub const MAX_MARKS: usize = 5_000;

/// What the page asks for: the inputs of the analysis, and which stage to inspect.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The Dockerfile.
    pub text: String,
    /// Build options.
    pub build: BuildSettings,
    /// The virtual build context.
    pub context: Vec<ContextEntry>,
    /// The stage shown in the image panel; `None`: the final image.
    pub inspect: Option<u32>,
}

/// A stage as the graph's chip list, the target chooser and the inspector list it.
#[derive(Debug, Clone, PartialEq)]
pub struct StageView {
    /// Index in the file.
    pub index: u32,
    /// `AS` name (lower-cased), if any.
    pub name: Option<String>,
    /// The name BuildKit shows: the name or `stage-N`.
    pub label: String,
    /// The FROM image word as written.
    pub base: String,
    /// 1-based line of the FROM.
    pub line: u32,
    /// Built for the chosen target.
    pub reachable: bool,
    /// Byte span of the FROM instruction.
    pub span: [u32; 2],
    /// `≈ 48.2 MB`, or empty when the simulation has no size for it.
    pub size: String,
}

/// The stage graph and its exports.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphView {
    /// The core's SVG, with simulated sizes.
    pub svg: String,
    /// Graphviz DOT.
    pub dot: String,
    /// Mermaid flowchart.
    pub mermaid: String,
    /// For each drawn edge's reference span, the span of its whole instruction (clicking an
    /// edge selects the instruction).
    pub edge_instructions: Vec<([u32; 2], [u32; 2])>,
}

/// A fix, with byte offsets into the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixView {
    /// Button label.
    pub title: String,
    /// `(start, end, replacement)`.
    pub edits: Vec<(u32, u32, String)>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    /// Rule code.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Message.
    pub message: String,
    /// Help text.
    pub help: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// Byte span.
    pub range: [u32; 2],
    /// The mechanical fix, if any.
    pub fix: Option<FixView>,
    /// Rule page.
    pub url: Option<String>,
}

/// The findings panel: per severity (errors, warnings, infos) the exact count and the first
/// [`MAX_FINDINGS`] findings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FindingsView {
    /// Counts of errors, warnings and infos.
    pub counts: [usize; 3],
    /// The shown findings, per severity, in position order.
    pub groups: [Vec<FindingView>; 3],
}

/// A why-chain step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyView {
    /// 1-based line.
    pub line: u32,
    /// The instruction, as written.
    pub instruction: String,
    /// What it did.
    pub note: Option<String>,
}

/// A layer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerView {
    /// 1-based line.
    pub line: u32,
    /// The instruction.
    pub instruction: String,
    /// Byte span of the instruction.
    pub range: [u32; 2],
    /// False for metadata-only instructions.
    pub creates_layer: bool,
    /// Estimated bytes added.
    pub added: u64,
    /// Effects worth showing: `(summary, unknown)`.
    pub effects: Vec<(String, bool)>,
}

/// A file, tool, cache or secret row: a name, a side note, a detail line and its why-chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemView {
    /// Path or name (shown as code).
    pub name: String,
    /// Right-hand note (size, package, kind).
    pub side: String,
    /// Detail line.
    pub detail: String,
    /// Flagged (a build tool in the Tools tab).
    pub flag: bool,
    /// Why it is there.
    pub why: Vec<WhyView>,
}

/// One list of the image panel: the exact count and the first [`MAX_ITEMS`] rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemList {
    /// How many there are.
    pub total: usize,
    /// The first ones.
    pub items: Vec<ItemView>,
}

/// The image panel for the inspected stage (or the final image).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageView {
    /// The shown stage's index; `None`: no stage at all.
    pub stage: Option<u32>,
    /// The final image's stage index.
    pub final_stage: Option<u32>,
    /// The inspector's choices: `(index, label)`.
    pub choices: Vec<(u32, String)>,
    /// Panel title.
    pub title: String,
    /// `≈ 48.2 MB`.
    pub size: String,
    /// `40 MB–60 MB`, or empty for an exact size.
    pub range: String,
    /// Unknown parts that widen the range.
    pub unknown: u32,
    /// Compressed size text.
    pub compressed: String,
    /// Base reference.
    pub base: String,
    /// Base size and how it matched.
    pub base_note: String,
    /// The estimate in bytes (for layer shares).
    pub total: u64,
    /// Layers that create a filesystem layer.
    pub layer_count: usize,
    /// The stage's instructions (at most [`MAX_ITEMS`]).
    pub layers: Vec<LayerView>,
    /// Files.
    pub files: ItemList,
    /// Tools.
    pub tools: ItemList,
    /// Caches.
    pub caches: ItemList,
    /// Secrets.
    pub secrets: ItemList,
}

/// Everything the panels show for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// "3 stages, final ≈ 48 MB, 2 warnings".
    pub summary: String,
    /// The stages.
    pub stages: Vec<StageView>,
    /// Names of the global ARGs (suggested in the build-arg editor).
    pub args: Vec<String>,
    /// The stage graph.
    pub graph: GraphView,
    /// The findings.
    pub findings: FindingsView,
    /// The diagnostics as CodeMirror marks (JSON, UTF-16 offsets), for the editor.
    pub marks: String,
    /// The image panel.
    pub image: ImageView,
}

/// A [`View`] as the worker sends it: only the parts that changed since the previous answer
/// (`None`: unchanged), so an edit that changes nothing the panels show costs almost nothing
/// to send, read and compare.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Delta {
    /// See [`View::summary`].
    pub summary: Option<String>,
    /// See [`View::stages`].
    pub stages: Option<Vec<StageView>>,
    /// See [`View::args`].
    pub args: Option<Vec<String>>,
    /// See [`View::graph`].
    pub graph: Option<GraphView>,
    /// See [`View::findings`].
    pub findings: Option<FindingsView>,
    /// See [`View::marks`].
    pub marks: Option<String>,
    /// See [`View::image`].
    pub image: Option<ImageView>,
}

#[cfg(test)]
fn changed<T: PartialEq + Clone>(new: &T, old: Option<&T>) -> Option<T> {
    (old != Some(new)).then(|| new.clone())
}

#[cfg(test)]
impl Delta {
    /// What changed from `old` (everything when there is no `old`) to `new` (the worker writes
    /// the same thing without building it: `codec::encode_answer`).
    pub fn between(new: &View, old: Option<&View>) -> Delta {
        Delta {
            summary: changed(&new.summary, old.map(|o| &o.summary)),
            stages: changed(&new.stages, old.map(|o| &o.stages)),
            args: changed(&new.args, old.map(|o| &o.args)),
            graph: changed(&new.graph, old.map(|o| &o.graph)),
            findings: changed(&new.findings, old.map(|o| &o.findings)),
            marks: changed(&new.marks, old.map(|o| &o.marks)),
            image: changed(&new.image, old.map(|o| &o.image)),
        }
    }
}

/// A [`View`] split per panel; equal parts keep the previous part's `Rc`.
#[derive(Debug, Clone)]
pub struct Parts {
    /// See [`View::summary`].
    pub summary: Rc<str>,
    /// See [`View::stages`].
    pub stages: Rc<Vec<StageView>>,
    /// See [`View::args`].
    pub args: Rc<Vec<String>>,
    /// See [`View::graph`].
    pub graph: Rc<GraphView>,
    /// See [`View::findings`].
    pub findings: Rc<FindingsView>,
    /// See [`View::marks`].
    pub marks: Rc<str>,
    /// See [`View::image`].
    pub image: Rc<ImageView>,
}

fn keep<T: PartialEq + ?Sized>(new: Rc<T>, old: Option<&Rc<T>>) -> Rc<T> {
    match old {
        Some(old) if **old == *new => old.clone(),
        _ => new,
    }
}

fn apply<T: PartialEq + ?Sized>(new: Option<Rc<T>>, old: Option<&Rc<T>>) -> Option<Rc<T>> {
    match (new, old) {
        (Some(new), old) => Some(keep(new, old)),
        (None, Some(old)) => Some(old.clone()),
        (None, None) => None,
    }
}

impl Parts {
    /// Applies a worker's [`Delta`] to `previous`; `None` when a part is missing (a delta
    /// that does not follow a full view).
    pub fn apply(delta: Delta, previous: Option<&Parts>) -> Option<Parts> {
        Some(Parts {
            summary: apply(delta.summary.map(Rc::from), previous.map(|p| &p.summary))?,
            stages: apply(delta.stages.map(Rc::new), previous.map(|p| &p.stages))?,
            args: apply(delta.args.map(Rc::new), previous.map(|p| &p.args))?,
            graph: apply(delta.graph.map(Rc::new), previous.map(|p| &p.graph))?,
            findings: apply(delta.findings.map(Rc::new), previous.map(|p| &p.findings))?,
            marks: apply(delta.marks.map(Rc::from), previous.map(|p| &p.marks))?,
            image: apply(delta.image.map(Rc::new), previous.map(|p| &p.image))?,
        })
    }

    /// Splits `view`, reusing every part of `previous` that is equal.
    pub fn stabilise(view: View, previous: Option<&Parts>) -> Parts {
        Parts {
            summary: keep(Rc::from(view.summary), previous.map(|p| &p.summary)),
            stages: keep(Rc::new(view.stages), previous.map(|p| &p.stages)),
            args: keep(Rc::new(view.args), previous.map(|p| &p.args)),
            graph: keep(Rc::new(view.graph), previous.map(|p| &p.graph)),
            findings: keep(Rc::new(view.findings), previous.map(|p| &p.findings)),
            marks: keep(Rc::from(view.marks), previous.map(|p| &p.marks)),
            image: keep(Rc::new(view.image), previous.map(|p| &p.image)),
        }
    }
}

/// The virtual build context the core reads, from the files the user added.
pub fn context(entries: &[ContextEntry]) -> Context {
    let files = entries
        .iter()
        .map(|e| ContextFile {
            path: e.path.clone(),
            size: e.size,
        })
        .collect();
    let manifests: BTreeMap<String, String> = entries
        .iter()
        .filter_map(|e| Some((e.path.clone(), e.contents.clone()?)))
        .collect();
    let dockerignore = manifests.get(".dockerignore").cloned();
    // Files the user added are part of the context, not all of it (a pasted requirements.txt
    // says nothing of the sources `COPY . .` brings).
    Context::new(files, manifests, dockerignore.as_deref()).partial()
}

/// Runs the core, keeping the last analysis so that inspecting another stage costs no new
/// analysis.
#[derive(Debug, Default)]
pub struct Engine {
    last: Option<(String, BuildSettings, Vec<ContextEntry>, Analysis)>,
}

impl Engine {
    /// The view for `request`.
    pub fn view(&mut self, request: &Request) -> View {
        let fresh = !matches!(&self.last, Some((t, b, c, _))
            if *t == request.text && *b == request.build && *c == request.context);
        if fresh {
            self.last = None; // free the old analysis before building the new one
            let analysis = analyze(&request.text, &options(&request.build, &request.context));
            self.last = Some((
                request.text.clone(),
                request.build.clone(),
                request.context.clone(),
                analysis,
            ));
        }
        match &self.last {
            Some((text, _, _, analysis)) => view(text, analysis, request.inspect),
            None => view("", &analyze("", &Options::default()), request.inspect),
        }
    }
}

fn options(build: &BuildSettings, entries: &[ContextEntry]) -> Options {
    Options {
        target: build.target.clone(),
        build_args: build
            .build_args
            .iter()
            .filter(|(k, _)| !k.trim().is_empty())
            .cloned()
            .collect(),
        platform: build.platform.clone(),
        // No files added: the context is unknown (wide ranges), as `stagecraft analyze` without
        // `--context` — not a known, empty context in which every COPY would match nothing.
        context: (!entries.is_empty()).then(|| context(entries)),
    }
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

/// CodeMirror's name for a severity.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
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

fn why(chain: &[Why]) -> Vec<WhyView> {
    chain
        .iter()
        .map(|w| WhyView {
            line: w.line,
            instruction: w.instruction.to_string(),
            note: w.note.as_ref().map(|n| n.to_string()),
        })
        .collect()
}

fn list<T>(all: &[T], row: impl Fn(&T) -> ItemView) -> ItemList {
    ItemList {
        total: all.len(),
        items: all.iter().take(MAX_ITEMS).map(row).collect(),
    }
}

fn stage_label(index: u32, name: &Option<String>) -> String {
    match name {
        Some(n) => n.clone(),
        None => format!("stage {index}"),
    }
}

/// The view of one analysis of `text`.
pub fn view(text: &str, analysis: &Analysis, inspect: Option<u32>) -> View {
    let sim = &analysis.simulation;
    let diagnostics = analysis.diagnostics();
    let utf16 = crate::editor::Utf16Map::new(text);

    // Summary.
    let count = |sev: Severity| diagnostics.iter().filter(|d| d.severity == sev).count();
    let counts = [
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    ];
    let mut parts = vec![plural(analysis.stages.len(), "stage")];
    if let Some(f) = &sim.final_image {
        parts.push(format!("final ≈ {}", human_bytes(f.size.estimate)));
    }
    if counts[0] > 0 {
        parts.push(plural(counts[0], "error"));
    }
    parts.push(plural(counts[1], "warning"));

    // Stages and graph.
    let stages = analysis
        .model
        .stages
        .iter()
        .map(|s| StageView {
            index: s.index,
            name: s.name.clone(),
            label: s.display_name(),
            base: s.base.clone(),
            line: s.line,
            reachable: s.reachable,
            span: [s.from_span.start, s.from_span.end],
            size: sim
                .stages
                .get(s.index as usize)
                .map(|i| size_text(&i.size))
                .unwrap_or_default(),
        })
        .collect();
    let largest = sim
        .stages
        .iter()
        .map(|s| s.size.estimate)
        .max()
        .unwrap_or(0)
        .max(1);
    let sizes: Vec<Option<SizeLabel>> = sim
        .stages
        .iter()
        .map(|s| {
            Some(SizeLabel {
                text: size_text(&s.size),
                fraction: s.size.estimate as f64 / largest as f64,
            })
        })
        .collect();
    let svg = render_svg(
        &analysis.graph,
        &SvgOptions {
            sizes: &sizes,
            id_prefix: None,
        },
    );
    let edge_instructions = analysis
        .model
        .edges
        .iter()
        .filter_map(|e| {
            let [start, mut end] = analysis.instructions.get(e.instruction as usize)?.span;
            // Without its line break, like the nodes' FROM spans.
            while end > start
                && matches!(text.as_bytes().get(end as usize - 1), Some(b'\n' | b'\r'))
            {
                end -= 1;
            }
            Some(([e.range.start, e.range.end], [start, end]))
        })
        .collect();

    // Findings.
    let mut groups: [Vec<FindingView>; 3] = Default::default();
    for d in &diagnostics {
        let slot = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        if let Some(group) = groups.get_mut(slot) {
            if group.len() < MAX_FINDINGS {
                group.push(finding(d, analysis));
            }
        }
    }

    View {
        summary: parts.join(", "),
        stages,
        args: analysis
            .model
            .global_args
            .iter()
            .map(|a| a.name.clone())
            .collect(),
        graph: GraphView {
            svg,
            dot: render_dot(&analysis.graph),
            mermaid: render_mermaid(&analysis.graph),
            edge_instructions,
        },
        findings: FindingsView { counts, groups },
        marks: crate::editor::marks_json(
            diagnostics.get(..MAX_MARKS).unwrap_or(&diagnostics),
            &utf16,
        ),
        image: image(analysis, inspect),
    }
}

fn finding(d: &Diagnostic, analysis: &Analysis) -> FindingView {
    FindingView {
        code: d.code.clone(),
        severity: severity_name(d.severity).to_string(),
        message: d.message.clone(),
        help: d.help.clone(),
        line: u32::try_from(analysis.line_index.line0(d.range.start) + 1).unwrap_or(u32::MAX),
        range: [d.range.start, d.range.end],
        fix: d.fix.as_ref().map(|f| FixView {
            title: f.title.clone(),
            edits: f
                .edits
                .iter()
                .map(|e| (e.range.start, e.range.end, e.text.clone()))
                .collect(),
        }),
        url: d.url.clone(),
    }
}

fn image(analysis: &Analysis, inspect: Option<u32>) -> ImageView {
    let sim = &analysis.simulation;
    let final_stage = sim.final_image.as_ref().map(|f| f.stage);
    let index = inspect
        .filter(|i| (*i as usize) < sim.stages.len())
        .or(final_stage);
    let Some(stage) = index.and_then(|i| sim.stages.get(i as usize)) else {
        return ImageView::default();
    };
    let is_final = Some(stage.index) == final_stage;
    // The final image is the target stage seen from outside; other stages show their own view.
    let (size, compressed, files, tools, caches, secrets) = match (&sim.final_image, is_final) {
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
    ImageView {
        stage: Some(stage.index),
        final_stage,
        choices: sim
            .stages
            .iter()
            .map(|s| {
                let label = stage_label(s.index, &s.name);
                let label = if Some(s.index) == final_stage {
                    format!("{label} (final)")
                } else {
                    label
                };
                (s.index, label)
            })
            .collect(),
        title: if is_final {
            "Final image".to_string()
        } else {
            format!("Stage {}", stage_label(stage.index, &stage.name))
        },
        size: size_text(size),
        range: range_text(size),
        unknown: size.unknown,
        compressed: size_text(compressed),
        base: stage.base.reference.clone(),
        base_note: format!("{} · {}", size_text(&stage.base.size), stage.base.matched),
        total: size.estimate,
        layer_count: stage.layers.iter().filter(|l| l.creates_layer).count(),
        layers: stage
            .layers
            .iter()
            .take(MAX_ITEMS)
            .map(|l| LayerView {
                line: l.line,
                instruction: l.instruction.clone(),
                range: [l.range.start, l.range.end],
                creates_layer: l.creates_layer,
                added: l.added.estimate,
                effects: l
                    .effects
                    .iter()
                    .filter(|e| e.kind != "metadata")
                    .map(|e| (e.summary.clone(), e.unknown))
                    .collect(),
            })
            .collect(),
        files: list(files, |f| ItemView {
            name: f.path.to_string(),
            side: size_text(&f.size),
            detail: f.what.to_string(),
            flag: false,
            why: why(&f.why),
        }),
        tools: list(tools, |t| ItemView {
            name: t.name.to_string(),
            side: t.package.as_deref().unwrap_or_default().to_string(),
            detail: t.path.to_string(),
            flag: t.is_build_tool(),
            why: why(&t.why),
        }),
        caches: list(caches, |c| ItemView {
            name: c.path.clone(),
            side: size_text(&c.size),
            detail: c.kind.clone(),
            flag: false,
            why: why(&c.why),
        }),
        secrets: list(secrets, |s| ItemView {
            name: s.name.clone(),
            side: s.kind.clone(),
            detail: s.reason.clone(),
            flag: false,
            why: why(&s.why),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> Request {
        Request {
            text: text.into(),
            build: BuildSettings::default(),
            context: vec![],
            inspect: None,
        }
    }

    #[test]
    fn added_context_files_are_part_of_the_context_not_all_of_it() {
        // A pasted requirements.txt says nothing of main.py: it stays as unknown as with no
        // context at all, instead of "missing" at 0 B.
        let text = "FROM alpine:3.20\nCOPY requirements.txt main.py /app/\n";
        let none = Engine::default().view(&request(text));
        let mut req = request(text);
        req.context = vec![ContextEntry {
            path: "requirements.txt".into(),
            size: 14,
            contents: Some("flask==3.0.3\n".into()),
        }];
        let partial = Engine::default().view(&req);
        // requirements.txt is sized exactly (14 B); main.py is guessed as without any context.
        let main_only = Engine::default().view(&request("FROM alpine:3.20\nCOPY main.py /app/\n"));
        assert_eq!(partial.image.total, main_only.image.total + 14);
        assert!(partial.image.total < none.image.total);
    }

    #[test]
    fn the_view_carries_the_graph_hooks_and_sizes() {
        let text = "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n";
        let v = Engine::default().view(&request(text));
        assert!(v.graph.svg.contains("data-testid=\"stage-graph\""));
        assert_eq!(v.graph.svg.matches("data-testid=\"stage-node\"").count(), 2);
        assert!(v.graph.svg.contains('≈'), "size labels from the simulation");
        assert_eq!(v.stages.len(), 2);
        assert!(v.summary.starts_with("2 stages, final ≈ "), "{}", v.summary);
        assert!(v.graph.dot.starts_with("digraph"));
        // The COPY edge's reference maps to its whole instruction.
        let copy = text.find("COPY").expect("copy") as u32;
        assert!(v.graph.edge_instructions.iter().any(|(r, i)| i[0] == copy
            && r[0] > copy
            && &text[i[0] as usize..i[1] as usize] == "COPY --from=build /app /app"));
    }

    #[test]
    fn target_and_context_reach_the_core() {
        let text = "FROM python:3.12-slim AS app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM alpine AS other\n";
        let mut with = request(text);
        with.build.target = Some("app".into());
        let mut without = with.clone();
        with.context = vec![ContextEntry {
            path: "requirements.txt".into(),
            size: 6,
            contents: Some("flask\n".into()),
        }];
        let a = Engine::default().view(&with);
        let b = Engine::default().view(&without);
        let reach: Vec<_> = a.stages.iter().map(|s| s.reachable).collect();
        assert_eq!(reach, [true, false]);
        assert_ne!(
            a.image.size, b.image.size,
            "the requirements file changes the estimate"
        );
        without.inspect = Some(1);
        let c = Engine::default().view(&without);
        assert_eq!(c.image.stage, Some(1));
        assert_eq!(c.image.title, "Stage other");
    }

    #[test]
    fn equal_parts_keep_their_pointer() {
        let mut engine = Engine::default();
        let a = Parts::stabilise(
            engine.view(&request("FROM alpine AS a\nRUN echo 1\n")),
            None,
        );
        // A comment at the end changes nothing the panels show but the marks' positions stay.
        let b = Parts::stabilise(
            engine.view(&request("FROM alpine AS a\nRUN echo 1\n# note\n")),
            Some(&a),
        );
        assert!(Rc::ptr_eq(&a.graph, &b.graph));
        assert!(Rc::ptr_eq(&a.findings, &b.findings));
        assert!(Rc::ptr_eq(&a.stages, &b.stages));
        assert!(Rc::ptr_eq(&a.marks, &b.marks));
        // A new stage changes the graph and the stages, not the findings' pointer if equal.
        let c = Parts::stabilise(
            engine.view(&request("FROM alpine AS a\nRUN echo 1\nFROM a AS b\n")),
            Some(&b),
        );
        assert!(!Rc::ptr_eq(&b.graph, &c.graph));
        assert!(!Rc::ptr_eq(&b.stages, &c.stages));
    }

    #[test]
    fn deltas_carry_only_changed_parts_and_rebuild_the_view() {
        let mut engine = Engine::default();
        let a = engine.view(&request("FROM alpine AS a\nRUN echo 1\n"));
        let b = engine.view(&request("FROM alpine AS a\nRUN echo 1\n# note\n"));
        let full = Parts::apply(Delta::between(&a, None), None).expect("a full delta");
        let d = Delta::between(&b, Some(&a));
        assert_eq!(d.graph, None);
        assert_eq!(d.findings, None);
        let d: Delta = crate::codec::decode(&crate::codec::encode(&d)).expect("decodes");
        let next = Parts::apply(d, Some(&full)).expect("applies");
        assert!(Rc::ptr_eq(&full.graph, &next.graph));
        assert_eq!(next.image.layers, b.image.layers);
        assert_eq!(*next.summary, *b.summary);
        // A delta with missing parts needs a previous view.
        assert!(Parts::apply(Delta::default(), None).is_none());
    }

    #[test]
    fn views_round_trip_through_the_codec() {
        let v = Engine::default().view(&request(
            "FROM python:3.12 AS Build\nRUN pip install flask\nFROM build\n",
        ));
        let delta = Delta::between(&v, None);
        let back: Delta = crate::codec::decode(&crate::codec::encode(&delta)).expect("decodes");
        let back = Parts::apply(back, None).expect("a full delta");
        assert_eq!(*back.findings, v.findings);
        assert_eq!(*back.image, v.image);
        assert_eq!(*back.graph, v.graph);
        assert!(v.findings.counts.iter().sum::<usize>() > 0);
    }

    #[test]
    fn lists_are_capped_but_counted() {
        let mut text = String::from("FROM alpine AS a\n");
        for i in 0..(MAX_ITEMS + 20) {
            text.push_str(&format!("RUN echo {i}\n"));
        }
        let v = Engine::default().view(&request(&text));
        assert_eq!(v.image.layers.len(), MAX_ITEMS);
        assert!(v.image.layer_count >= MAX_ITEMS);
    }

    #[test]
    fn marks_use_utf16_offsets() {
        // `AS Build` breaks BuildKit's StageNameCasing rule; the é before it shifts offsets.
        let text = "# é\nFROM alpine AS Build\n";
        let v = Engine::default().view(&request(text));
        let f = v.findings.groups[1]
            .iter()
            .chain(&v.findings.groups[2])
            .find(|f| f.code == "StageNameCasing")
            .expect("finding");
        // The mark is the JSON object whose source is the rule: its `from` counts é as one unit.
        let mark = v
            .marks
            .split("{\"from\":")
            .find(|m| m.contains("\"source\":\"StageNameCasing\""))
            .expect("mark");
        let from: u32 = mark
            .split(',')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("from");
        assert_eq!(from, f.range[0] - 1);
    }
}
