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

pub mod env;
pub mod expand;
pub mod graph;
mod lower;
pub mod model;
pub mod platform;
pub mod reference;
pub mod render;

pub use env::{Env, Var, VarOrigin};
pub use graph::{Graph, GraphDiagnostic, GraphEdge, GraphImage, GraphSource, GraphStage};
pub use lower::{codes, lower};
pub use model::{BuildOptions, Edge, EdgeKind, GlobalArg, Image, Model, Source, Stage};
pub use platform::Platform;
pub use render::{render_dot, render_mermaid, render_svg, SizeLabel, SvgOptions};
