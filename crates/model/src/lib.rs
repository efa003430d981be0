//! The stage model: lowering a parse tree to stages, ARG/ENV scoping, `--target` reachability
//! and the stage graph with its renderers.
//!
//! ```text
//! syntax::parse ──► lower(&Parse, &BuildOptions) ──► Model ──► Graph (JSON v1) ──► dot / mermaid / svg
//! ```
//!
//! [`lower`] follows BuildKit's `dockerfile2llb` (stage registration, `--from` resolution,
//! target and reachability, ARG/ENV scoping); [`Graph`] is the versioned JSON document
//! described by `schemas/graph.schema.json`; the renderers are pure and deterministic.
//!
//! ```
//! use stagecraft_model::{lower, render_svg, BuildOptions, Graph, Source, SvgOptions};
//!
//! let text = "ARG GO=1.22\nFROM golang:${GO} AS build\nRUN go build -o /app\n\
//!             FROM scratch\nCOPY --from=BUILD /app /app\n";
//! let model = lower(&stagecraft_syntax::parse(text), &BuildOptions::default());
//! assert_eq!(model.stages[0].base_resolved, "golang:1.22");
//! assert_eq!(model.stages[1].source, Source::Scratch);
//! assert_eq!(model.target, Some(1));
//! assert!(model.stages.iter().all(|s| s.reachable));
//! // The global ARG is not visible inside the stage (no `ARG GO` there).
//! assert_eq!(model.env_at(2).get("GO"), None);
//!
//! let graph = Graph::new(&model, text);
//! assert_eq!(graph.edges.len(), 3); // FROM golang, FROM scratch, COPY --from=BUILD
//! let svg = render_svg(&graph, &SvgOptions::default());
//! assert!(svg.contains("data-testid=\"stage-graph\""));
//! ```

pub mod env;
pub mod expand;
pub mod graph;
mod lower;
pub mod model;
pub mod platform;
pub mod reference;
pub mod render;

pub use env::{Env, Var, VarOrigin};
pub use graph::{Graph, GraphArg, GraphDiagnostic, GraphEdge, GraphImage, GraphSource, GraphStage};
pub use lower::{codes, lower};
pub use model::{BuildOptions, Edge, EdgeKind, GlobalArg, Image, Model, Source, Stage};
pub use platform::Platform;
pub use render::{render_dot, render_mermaid, render_svg, SizeLabel, SvgOptions};
