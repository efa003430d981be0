//! The lowered model: what [`crate::lower`] returns.

use std::collections::BTreeMap;

use serde::Serialize;
use stagecraft_syntax::{Diagnostic, TextRange};

use crate::env::Env;
use crate::platform::Platform;
use stagecraft_syntax::case::GoCase;

/// How to read the Dockerfile: the `docker build` options that change the stage model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// `--target`: the stage to build (matched case-insensitively). `None`: the last stage.
    pub target: Option<String>,
    /// `--build-arg NAME=VALUE`, by name.
    pub build_args: BTreeMap<String, String>,
    /// `--platform`: the target platform (default `linux/amd64`).
    pub platform: Option<String>,
    /// The platform of the build machine (default `linux/amd64`).
    pub build_platform: Option<String>,
}

/// What a stage is built on, or what a `--from` / `from=` refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A stage of this file (its index).
    Stage(u32),
    /// An external image (index into [`Model::images`]).
    Image(u32),
    /// The empty image `scratch`.
    Scratch,
}

/// The kind of a dependency edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// `FROM <base>`.
    From,
    /// `COPY --from=<…>`.
    Copy,
    /// `RUN --mount=…,from=<…>`.
    Mount,
}

impl EdgeKind {
    /// `from`, `copy` or `mount`.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::From => "from",
            EdgeKind::Copy => "copy",
            EdgeKind::Mount => "mount",
        }
    }
}

/// One dependency of a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// FROM, COPY --from or RUN --mount from=.
    pub kind: EdgeKind,
    /// The reference as written (for FROM: the image word before expansion).
    pub raw: String,
    /// What it resolves to.
    pub source: Source,
    /// The stage that depends on `source`.
    pub to: u32,
    /// 1-based line of the instruction.
    pub line: u32,
    /// Where the reference is written (the FROM image word, the `--from` flag, the `--mount` flag).
    pub range: TextRange,
    /// Index of the instruction in `Dockerfile::instructions`.
    pub instruction: u32,
    /// True when the edge comes from an `ONBUILD` trigger of the base stage, which BuildKit
    /// runs at the start of the stage that builds on it.
    pub onbuild: bool,
}

/// An external image used by the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    /// The reference as first written (FROM: after ARG expansion).
    pub reference: String,
    /// `docker.io/library/alpine:latest` form, when the reference is valid.
    pub normalized: Option<String>,
    /// Stages that use it (FROM, COPY --from, mount from), ascending.
    pub used_by: Vec<u32>,
}

/// A build stage: one `FROM` and the instructions up to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// 0-based index.
    pub index: u32,
    /// The `AS` name lower-cased, as BuildKit stores it.
    pub name: Option<String>,
    /// The `AS` name as written.
    pub name_raw: Option<String>,
    /// Where the name is written.
    pub name_range: Option<TextRange>,
    /// The image word as written (variables not expanded).
    pub base: String,
    /// Where the image word is written.
    pub base_range: TextRange,
    /// The image word after expansion with the global ARGs.
    pub base_resolved: String,
    /// Variables the FROM line (image word and `--platform`) referenced that the global scope
    /// does not set (BuildKit's `UndefinedArgInFrom` looks at these, minus declared ARGs).
    pub from_unmatched: Vec<String>,
    /// What the stage is built on.
    pub source: Source,
    /// `--platform` as written.
    pub platform: Option<String>,
    /// The platform the stage is built for: `--platform` expanded and normalised, the base
    /// stage's platform, or the target platform.
    pub platform_resolved: String,
    /// 1-based line of the FROM.
    pub line: u32,
    /// The FROM instruction's span (keyword to last byte).
    pub from_span: TextRange,
    /// Index of the FROM in `Dockerfile::instructions`.
    pub from_instruction: u32,
    /// From the FROM to the end of the stage's last instruction.
    pub span: TextRange,
    /// Indices (in `Dockerfile::instructions`) of the stage's instructions after FROM.
    pub instructions: Vec<u32>,
    /// The variables visible before each instruction of [`Stage::instructions`] (same length).
    pub env_before: Vec<Env>,
    /// The variables at the end of the stage (what a stage built on this one starts with).
    pub env_after: Env,
    /// True when the stage descends from an external image, whose own ENV is unknown here.
    pub inherits_image_env: bool,
    /// True when BuildKit would build this stage for the chosen target.
    pub reachable: bool,
}

impl Stage {
    /// The name BuildKit shows: the `AS` name or `stage-N`.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => format!("stage-{}", self.index),
        }
    }

    /// The variables visible before instruction `instruction` (an index into
    /// `Dockerfile::instructions`), if it belongs to this stage.
    pub fn env_at(&self, instruction: u32) -> Option<&Env> {
        let pos = self.instructions.binary_search(&instruction).ok()?;
        self.env_before.get(pos)
    }
}

/// A global `ARG` (declared before the first FROM) and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlobalArg {
    /// The name.
    pub name: String,
    /// The default as written.
    pub default: Option<String>,
    /// The value in force: `--build-arg`, else the expanded default; `None` if neither.
    pub value: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// Index of the ARG in `Dockerfile::instructions`.
    pub instruction: u32,
}

/// The stage model of a Dockerfile under given build options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Model {
    /// The stages, in file order.
    pub stages: Vec<Stage>,
    /// The global ARGs, in file order.
    pub global_args: Vec<GlobalArg>,
    /// The global scope used for FROM lines: predefined platform args and global ARGs.
    pub global_env: Env,
    /// The stage being built: `--target`, else the last stage. `None` when there is no stage
    /// or the target does not exist.
    pub target: Option<u32>,
    /// External images, de-duplicated by normalised reference, in order of first use.
    pub images: Vec<Image>,
    /// Dependencies, in file order (ONBUILD-triggered ones last).
    pub edges: Vec<Edge>,
    /// The build (host) platform.
    pub build_platform: Platform,
    /// The target platform.
    pub target_platform: Platform,
    /// The file's escape character (`\\` or `` ` ``), for expanding words the way BuildKit does.
    pub escape: char,
    /// Problems BuildKit would report while building the stage graph, and model warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Model {
    /// The stage with this lower-cased or mixed-case name (BuildKit: the last one so named).
    pub fn stage_by_name(&self, name: &str) -> Option<&Stage> {
        let lower = name.go_lower();
        self.stages
            .iter()
            .rev()
            .find(|s| s.name.as_deref() == Some(lower.as_str()))
    }

    /// The stage containing instruction `instruction` (index into `Dockerfile::instructions`).
    pub fn stage_of_instruction(&self, instruction: u32) -> Option<&Stage> {
        // Stages are in file order: the candidate is the last one starting at or before it.
        let i = self
            .stages
            .partition_point(|s| s.from_instruction <= instruction);
        let s = self.stages.get(i.checked_sub(1)?)?;
        (s.from_instruction == instruction || s.instructions.binary_search(&instruction).is_ok())
            .then_some(s)
    }

    /// The variables visible before instruction `instruction` (an index into
    /// `Dockerfile::instructions`): the stage scope inside a stage, the global scope before
    /// the first FROM and for FROM lines themselves.
    pub fn env_at(&self, instruction: u32) -> &Env {
        self.stage_of_instruction(instruction)
            .and_then(|s| s.env_at(instruction))
            .unwrap_or(&self.global_env)
    }

    /// Expand `word` with the variables visible before `instruction`, as BuildKit expands
    /// ADD/COPY/WORKDIR/USER/… arguments (quotes removed, `${…}` processed). The error is
    /// BuildKit's message.
    pub fn expand_at(
        &self,
        instruction: u32,
        word: &str,
    ) -> Result<stagecraft_syntax::shell::ProcessedWord, String> {
        crate::expand::process_word(word, self.escape, self.env_at(instruction))
    }

    /// The target stage.
    pub fn target_stage(&self) -> Option<&Stage> {
        self.target.and_then(|t| self.stages.get(t as usize))
    }
}
