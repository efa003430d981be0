//! The analysis pipeline: `text → syntax::parse → model::lower → simulate::run → check::run`,
//! producing one [`Analysis`] value that the CLI prints and the web app renders.
//!
//! This crate owns no semantics of its own: it sequences the phases, keeps their outputs together
//! and renders the versioned JSON document. Every phase is pure, so `analyze` is a function of its
//! arguments alone and the web app can call it on every keystroke.

pub mod examples;

use serde::Serialize;
use stagecraft_model::{BuildOptions, Graph, Model};
use stagecraft_syntax::{Diagnostic, LineIndex, Parse};

/// What the user chose for the build, as `docker build` flags would say it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--target`: the stage to build; `None` means the last stage.
    pub target: Option<String>,
    /// `--build-arg K=V`, in the order given (a later one wins).
    pub build_args: Vec<(String, String)>,
    /// `--platform`, e.g. `linux/arm64`; `None` means linux/amd64.
    pub platform: Option<String>,
    /// The build context as a virtual file tree (paths, sizes, manifest contents), when known.
    pub context: Option<stagecraft_simulate::Context>,
}

/// One instruction as the page and CLI list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstructionSummary {
    /// Upper-case keyword, e.g. `FROM`.
    pub keyword: String,
    /// 1-based line of the keyword.
    pub line: u32,
    /// Byte span of the whole instruction.
    pub span: [u32; 2],
}

/// One build stage as the page and CLI list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageSummary {
    /// 0-based stage index.
    pub index: u32,
    /// `AS` name, lower-cased as BuildKit does; `None` for an unnamed stage.
    pub name: Option<String>,
    /// The base image or stage as written.
    pub base: String,
    /// 1-based line of the `FROM`.
    pub line: u32,
    /// True when BuildKit would build this stage for the chosen target.
    pub reachable: bool,
}

/// Everything stagecraft knows about one Dockerfile under one set of [`Options`].
#[derive(Debug)]
pub struct Analysis {
    /// The lossless parse tree.
    pub parse: Parse,
    /// Offsets → lines/columns for the same text.
    pub line_index: LineIndex,
    /// Instructions in file order.
    pub instructions: Vec<InstructionSummary>,
    /// Stages in file order.
    pub stages: Vec<StageSummary>,
    /// The stage model (stages, scoping, edges, target, reachability).
    pub model: Model,
    /// The stage graph (the versioned `graph` JSON document).
    pub graph: Graph,
    /// The symbolic build: layers, files, tools, caches and sizes per stage and for the image.
    pub simulation: stagecraft_simulate::Simulation,
    /// Findings: parser errors, BuildKit's checks and stagecraft's rules (ordered by span).
    pub findings: Vec<Diagnostic>,
}

impl Analysis {
    /// Every diagnostic of every phase (parser, model, findings) once, sorted by position
    /// then code.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .findings
            .iter()
            .chain(self.parse.errors.iter())
            .chain(self.parse.warnings.iter())
            // Codes the check crate owns (DuplicateStageName, ReservedStageName…) come from
            // there, where `# check=skip=` and inline suppression apply.
            .chain(
                self.model
                    .diagnostics
                    .iter()
                    .filter(|d| stagecraft_check::rules::get(&d.code).is_none()),
            )
            .cloned()
            .collect();
        stagecraft_syntax::sort::sort_by(&mut all, |a, b| {
            (a.range, &a.code, &a.message).cmp(&(b.range, &b.code, &b.message))
        });
        all.dedup_by(|a, b| a.range == b.range && a.code == b.code && a.message == b.message);
        all
    }
}

impl Options {
    /// The stage model's view of these options.
    pub fn build_options(&self) -> BuildOptions {
        BuildOptions {
            target: self.target.clone().filter(|t| !t.trim().is_empty()),
            build_args: self.build_args.iter().cloned().collect(),
            platform: self.platform.clone().filter(|p| !p.trim().is_empty()),
            build_platform: None,
        }
    }
}

/// Run the whole pipeline over `text`.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let parse = stagecraft_syntax::parse(text);
    let line_index = LineIndex::new(text);
    let model = stagecraft_model::lower(&parse, &options.build_options());
    let graph = Graph::new(&model, text);
    let simulation = stagecraft_simulate::run(&parse, &model, options.context.as_ref());
    let dockerignore = options
        .context
        .as_ref()
        .and_then(|c| c.manifests.get(".dockerignore"))
        .map(|t| stagecraft_check::DockerIgnore::parse(t));
    let findings = stagecraft_check::check_simulated(
        text,
        &parse,
        &stagecraft_check::CheckOptions {
            target: options.target.clone(),
            build_args: options.build_args.clone(),
            all_stages: false,
            dockerignore,
        },
        &simulation,
    );
    let instructions = parse
        .file
        .instructions
        .iter()
        .map(|i| InstructionSummary {
            keyword: i.keyword.to_ascii_uppercase(),
            line: i.line,
            span: [i.range.start, i.range.end],
        })
        .collect();
    let stages = model
        .stages
        .iter()
        .map(|s| StageSummary {
            index: s.index,
            name: s.name.clone(),
            base: s.base.clone(),
            line: s.line,
            reachable: s.reachable,
        })
        .collect();
    Analysis {
        parse,
        line_index,
        instructions,
        stages,
        model,
        graph,
        simulation,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_stage_file_reports_instructions_and_stages() {
        let text = "FROM golang:1.22 AS Build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n";
        let a = analyze(text, &Options::default());
        let kws: Vec<_> = a
            .instructions
            .iter()
            .map(|i| (i.keyword.as_str(), i.line))
            .collect();
        assert_eq!(kws, [("FROM", 1), ("RUN", 2), ("FROM", 4), ("COPY", 5)]);
        let names: Vec<_> = a
            .stages
            .iter()
            .map(|s| (s.name.as_deref(), s.base.as_str()))
            .collect();
        assert_eq!(
            names,
            [(Some("build"), "golang:1.22"), (None, "alpine:3.20")]
        );
        // `AS Build` is the only problem: BuildKit's StageNameCasing, with its fix.
        let codes: Vec<_> = a
            .diagnostics()
            .into_iter()
            .map(|d| (d.code, d.range))
            .collect();
        assert_eq!(
            codes,
            [(
                "StageNameCasing".to_string(),
                stagecraft_syntax::TextRange::new(20, 25)
            )]
        );
    }
}
