//! Symbolic build simulation: a symbolic file system per stage, layer-by-layer effects of
//! instructions and recognised commands, provenance (why-chains) and size ranges.
//!
//! ```text
//! Parse + Model (+ optional Context) ──► run ──► Simulation { stages[base, layers[effects],
//!                                                 files, tools, caches, secrets], final }
//! ```
//!
//! # API
//! - [`run`]`(&Parse, &Model, Option<&Context>) -> Simulation`: every stage in file order and
//!   the target stage as [`FinalImage`]. Serialises to the `stages` / `final` parts of the
//!   analysis JSON (`schemas/analysis.schema.json`).
//! - [`Context`]: the virtual build context (`files` with sizes, `manifests` by path);
//!   [`Context::new`] applies `.dockerignore` exactly as BuildKit's file sender does, so the
//!   CLI (`--context DIR`) and the web app feed it the same way.
//! - [`recognise`]: the RUN command recogniser (`recognise_shell`, `recognise_exec` →
//!   [`recognise::Effect`]s with byte ranges), usable on its own.
//!
//! # Invariants
//! - Every size is a `SizeRange` from `stagecraft-knowledge`. What no fact covers is an honest
//!   unknown from the private `unknowns` module (counted in `SizeRange::unknown`), never zero.
//! - Docker's layer rules: a deletion in the layer that wrote something frees it; in a later
//!   layer it only hides it (whiteout) and the bytes stay; chmod/chown of older files copies
//!   them up; cache/tmpfs mounts swallow what is written under them; `--link` changes nothing
//!   for sizes.
//! - Pure and deterministic (no I/O, BTreeMap order); never panics on input; pure knowledge
//!   lookups are memoised process-wide (bounded) because the playground re-runs on every edit.
//! - Why-chains are shared (the private `chain` module: an `Arc` cons list of `Arc<Why>`
//!   steps; `Why`'s strings are `Arc<str>`): stages built on stages, `COPY --from` and base
//!   image templates copy them by reference count. They become `Vec<Why>` only in the output.
//! - ONBUILD: a stage built `FROM` a stage of this file runs that stage's triggers first (the
//!   layers carry the ONBUILD line); triggers of external images are unknown.
//!
//! # Tests
//! `tests/fixtures/*/Dockerfile` (+ optional `context/`, where `NAME.size` stands for a file of
//! that many bytes) carry their expectations as comments under the instruction they check:
//! `# ^ added: 11MB..15MB`, `# ^ effects: apt_update apt_install`, `# ^ known` / `# ^ unknown`,
//! and for the final image `# final size: A..B`, `# final tools: gcc make`,
//! `# final no-tools: go`, `# final files: /usr/bin/app`, `# final no-files: /root/.cache`,
//! `# final caches: apt_lists`, `# final no-caches`, `# final secrets: API_TOKEN`.
//! `tests/seeds.rs` holds the seed scenarios; `tests/corpus.rs` runs the shared corpus;
//! `benches/analyze.rs` times a 300-line multi-stage file (generator in `benches/support`,
//! shared with `stagecraft-analysis`'s bench of the whole facade and its `profile` example for
//! callgrind).

mod chain;
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
    SecretInfo, Simulation, StageInfo, ToolInfo, ToolKind, Why,
};
