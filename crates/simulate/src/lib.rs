//! Symbolic build simulation: a symbolic file system per stage, layer-by-layer effects of
//! instructions and recognised commands, provenance (why-chains) and size ranges.
//!
//! ```text
//! Parse + Model (+ optional Context) ──► run ──► Simulation { stages[layers, files, tools,
//!                                                              caches, secrets], final }
//! ```
//!
//! Every size comes from `stagecraft-knowledge`; what no fact covers is an honest unknown
//! range (see `unknowns`), never zero. [`recognise`] is the RUN command recogniser.

pub mod context;
mod engine;
mod manifests;
mod memo;
pub mod output;
pub mod recognise;
mod unknowns;

pub use context::{Context, ContextFile};
pub use engine::run;
pub use output::{
    BaseInfo, CacheInfo, EffectInfo, FileInfo, FileKind, FileSource, FinalImage, LayerInfo,
    SecretInfo, Simulation, StageInfo, ToolInfo, Why,
};
