//! The stage graph as a versioned JSON document (`schemas/graph.schema.json`), shared by the
//! CLI (`stagecraft graph --format json`), the renderers and the web app.

use serde::{Deserialize, Serialize};
use stagecraft_syntax::{LineIndex, Severity};

use crate::model::{EdgeKind, Model, Source};

/// Version of the JSON document. Bump on incompatible changes.
pub const GRAPH_VERSION: u32 = 1;

/// The stage graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Graph {
    /// Always [`GRAPH_VERSION`].
    pub version: u32,
    /// Index of the stage being built; `null` when there is none (no stage, unknown target).
    pub target: Option<u32>,
    /// The stages, in file order.
    pub stages: Vec<GraphStage>,
    /// External images, de-duplicated by normalised reference.
    pub images: Vec<GraphImage>,
    /// Dependencies: one per FROM, per `COPY --from` and per `RUN --mount` `from=`.
    pub edges: Vec<GraphEdge>,
    /// The global ARGs (before the first FROM), which `--build-arg` can override.
    pub args: Vec<GraphArg>,
    /// The target platform (`--platform`, default `linux/amd64`).
    pub target_platform: String,
    /// The build machine's platform.
    pub build_platform: String,
    /// Problems found while building the graph (BuildKit's wording).
    pub diagnostics: Vec<GraphDiagnostic>,
}

/// One stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphStage {
    /// 0-based index.
    pub index: u32,
    /// The `AS` name, lower-cased as BuildKit stores it.
    pub name: Option<String>,
    /// The image word as written.
    pub base: String,
    /// The image word after expanding global ARGs.
    pub base_resolved: String,
    /// The index of the stage it is built on, if any.
    pub base_stage: Option<u32>,
    /// True when built `FROM scratch`.
    pub scratch: bool,
    /// `--platform` as written.
    pub platform: Option<String>,
    /// The platform it is built for, normalised.
    pub platform_resolved: String,
    /// True when BuildKit would build it for the target.
    pub reachable: bool,
    /// 1-based line of the FROM.
    pub line: u32,
    /// Byte span of the FROM instruction `[start, end)`.
    pub span: [u32; 2],
    /// Byte span of the whole stage `[start, end)`.
    pub stage_span: [u32; 2],
    /// Number of instructions after the FROM.
    pub instructions: u32,
}

/// An external image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphImage {
    /// The reference as written (FROM: after ARG expansion).
    #[serde(rename = "ref")]
    pub reference: String,
    /// `docker.io/library/alpine:latest` form, when valid.
    pub normalized: Option<String>,
    /// Stages using it.
    pub used_by: Vec<u32>,
}

/// A global ARG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphArg {
    /// The name.
    pub name: String,
    /// The default as written, if any.
    pub default: Option<String>,
    /// The value in force (build arg, else expanded default); null when unset.
    pub value: Option<String>,
    /// 1-based line.
    pub line: u32,
}

/// What an edge comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum GraphSource {
    /// `{"stage": i}`
    Stage {
        /// Stage index.
        stage: u32,
    },
    /// `{"image": "ref"}` (equal to an `images[].ref`).
    Image {
        /// Image reference.
        image: String,
    },
    /// `{"scratch": true}`
    Scratch {
        /// Always true.
        scratch: bool,
    },
}

/// One dependency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphEdge {
    /// `from`, `copy` or `mount`.
    pub kind: EdgeKind,
    /// The reference as written.
    pub raw: String,
    /// What it resolves to.
    pub source: GraphSource,
    /// The dependent stage.
    pub to: u32,
    /// 1-based line.
    pub line: u32,
    /// Byte span of the reference (FROM image word, `--from`/`--mount` flag).
    pub span: [u32; 2],
    /// True when it comes from an ONBUILD trigger of the base stage.
    pub onbuild: bool,
}

/// A diagnostic with its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphDiagnostic {
    /// Stable code, e.g. `CircularDependency`.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The message (BuildKit's wording where BuildKit reports it).
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// Byte span.
    pub span: [u32; 2],
}

impl Graph {
    /// The graph of `model`; `text` is the source (for diagnostic line/column).
    pub fn new(model: &Model, text: &str) -> Graph {
        let index = LineIndex::new(text);
        let source = |s: Source| match s {
            Source::Stage(i) => GraphSource::Stage { stage: i },
            Source::Image(i) => GraphSource::Image {
                image: model
                    .images
                    .get(i as usize)
                    .map(|im| im.reference.clone())
                    .unwrap_or_default(),
            },
            Source::Scratch => GraphSource::Scratch { scratch: true },
        };
        Graph {
            version: GRAPH_VERSION,
            target: model.target,
            stages: model
                .stages
                .iter()
                .map(|s| GraphStage {
                    index: s.index,
                    name: s.name.clone(),
                    base: s.base.clone(),
                    base_resolved: s.base_resolved.clone(),
                    base_stage: match s.source {
                        Source::Stage(b) => Some(b),
                        _ => None,
                    },
                    scratch: s.source == Source::Scratch,
                    platform: s.platform.clone(),
                    platform_resolved: s.platform_resolved.clone(),
                    reachable: s.reachable,
                    line: s.line,
                    span: [s.from_span.start, s.from_span.end],
                    stage_span: [s.span.start, s.span.end],
                    instructions: s.instructions.len() as u32,
                })
                .collect(),
            images: model
                .images
                .iter()
                .map(|i| GraphImage {
                    reference: i.reference.clone(),
                    normalized: i.normalized.clone(),
                    used_by: i.used_by.clone(),
                })
                .collect(),
            edges: model
                .edges
                .iter()
                .map(|e| GraphEdge {
                    kind: e.kind,
                    raw: e.raw.clone(),
                    source: source(e.source),
                    to: e.to,
                    line: e.line,
                    span: [e.range.start, e.range.end],
                    onbuild: e.onbuild,
                })
                .collect(),
            args: model
                .global_args
                .iter()
                .map(|a| GraphArg {
                    name: a.name.clone(),
                    default: a.default.clone(),
                    value: a.value.clone(),
                    line: a.line,
                })
                .collect(),
            target_platform: model.target_platform.to_string(),
            build_platform: model.build_platform.to_string(),
            diagnostics: model
                .diagnostics
                .iter()
                .map(|d| {
                    let (line, column) = index.line_col(text, d.range.start);
                    GraphDiagnostic {
                        code: d.code.clone(),
                        severity: match d.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                            Severity::Info => "info",
                        }
                        .to_string(),
                        message: d.message.clone(),
                        line,
                        column,
                        span: [d.range.start, d.range.end],
                    }
                })
                .collect(),
        }
    }

    /// Pretty JSON (two-space indentation, arrays of scalars on one line, trailing newline).
    pub fn to_json(&self) -> String {
        let pretty = serde_json::to_string_pretty(self).unwrap_or_default();
        let mut out = collapse_scalar_arrays(&pretty);
        out.push('\n');
        out
    }

    /// The display label of stage `i`: its name or `stage-i`.
    pub fn stage_label(&self, i: u32) -> String {
        self.stages
            .get(i as usize)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| format!("stage-{i}"))
    }
}

/// Put arrays whose elements are all scalars on one line (`"span": [12, 40]`) in the output
/// of `serde_json::to_string_pretty`. A line ending in `[` opens an array (a string value always
/// ends in `"`), and each scalar element sits on its own line.
pub(crate) fn collapse_scalar_arrays(pretty: &str) -> String {
    let lines: Vec<&str> = pretty.lines().collect();
    let mut out = String::with_capacity(pretty.len());
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        if line.ends_with('[') {
            let mut j = i + 1;
            let mut items: Vec<&str> = Vec::new();
            let mut closing: Option<&str> = None;
            while let Some(l) = lines.get(j) {
                let t = l.trim();
                if t == "]" || t == "]," {
                    closing = Some(t);
                    break;
                }
                if t.ends_with('[') || t.ends_with('{') || t.starts_with('{') || t.starts_with('[')
                {
                    break;
                }
                items.push(t);
                j += 1;
            }
            if let Some(close) = closing {
                out.push_str(line);
                out.push_str(&items.join(" "));
                out.push_str(close);
                out.push('\n');
                i = j + 1;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}
