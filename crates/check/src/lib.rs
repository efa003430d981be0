//! Findings: BuildKit's build-check rules and stagecraft's multi-stage and size rules,
//! each a [`stagecraft_syntax::Diagnostic`] with help and, where mechanical, a fix.
//!
//! Entry points:
//! - [`check`]: text in, findings out (fast: no simulation);
//! - [`check_parsed`]: the same over an existing parse (what `analyze` and the web app use);
//! - [`check_with_estimates`] / [`simulated::add_estimates`]: size findings with the build
//!   simulation's byte estimates;
//! - [`check_in_context`]: with the build context, so secret files that `COPY . .` brings
//!   into the final image are found;
//! - [`checked_stages`]: which stages the stage-level rules look at.
//!
//! The rule registry and documentation live in [`rules`] and [`docs`] (`docs/rules/*.md` and
//! `stagecraft explain` are generated from them); output formats (JSON, SARIF 2.1.0,
//! rustc-like text) in [`render`].
//!
//! BuildKit's rules ([`Origin::BuildKit`]) follow BuildKit's frontend phase by phase: the
//! parse-level ones (casing, stage names, MAINTAINER, FROM arguments, empty continuations)
//! see the whole file, the dispatch-level ones only the stages the target needs, as
//! `docker build` does; `all_stages` gives `docker build --check`'s view.
//!
//! Configuration follows BuildKit: the `# check=skip=…;error=true;experimental=…` directive
//! (file-wide at the top, or per instruction in the comments right above it) and the
//! `BUILDKIT_DOCKERFILE_CHECK` build argument (which replaces the file's directive). stagecraft
//! adds inline suppression: `# stagecraft:ignore=Code[,Code…]` on the line(s) right above.

pub mod config;
pub mod docs;
pub mod ignore;
pub mod render;
pub mod rules;
pub mod simulated;

mod buildkit;
mod expand;
mod images;
mod shellcmd;
mod stagecraft;

use stagecraft_syntax::case::GoCase;
use stagecraft_syntax::{go_quote, Parse};
use stagecraft_syntax::{Diagnostic, Fix, Label, LineIndex, Severity, TextRange};

pub use config::LintConfig;
pub use ignore::DockerIgnore;
pub use rules::{Origin, Rule};

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The stage to build (`--target`); the last stage if `None`.
    pub target: Option<String>,
    /// `--build-arg KEY=VALUE` pairs, in order (a later one wins).
    pub build_args: Vec<(String, String)>,
    /// Check every stage, not only those the target needs.
    pub all_stages: bool,
    /// The `.dockerignore` of the build context, if any (enables CopyIgnoredFile).
    pub dockerignore: Option<DockerIgnore>,
}

/// Collects findings; applies the rule registry's severity, URL and the lint configuration.
#[derive(Debug, Default)]
pub(crate) struct Emitter {
    out: Vec<Diagnostic>,
}

impl Emitter {
    /// Emit a finding of `code` under `cfg` (dropped if the rule is skipped or unknown).
    pub(crate) fn buildkit(
        &mut self,
        cfg: &LintConfig,
        code: &'static str,
        range: TextRange,
        message: String,
        fix: Option<Fix>,
    ) {
        self.buildkit_full(cfg, code, range, message, fix, Vec::new());
    }

    /// Like [`Emitter::buildkit`], with labelled secondary spans.
    pub(crate) fn buildkit_full(
        &mut self,
        cfg: &LintConfig,
        code: &'static str,
        range: TextRange,
        message: String,
        fix: Option<Fix>,
        labels: Vec<(TextRange, String)>,
    ) {
        let Some(rule) = rules::get(code) else {
            return;
        };
        if !cfg.enabled(rule) {
            return;
        }
        let severity = if cfg.error && rule.origin == Origin::BuildKit {
            Severity::Error
        } else {
            rule.default_severity
        };
        let mut d = Diagnostic::new(code, severity, message, range).with_url(rule.url());
        d.fix = fix;
        for (r, m) in labels {
            d.labels.push(Label {
                range: r,
                message: m,
            });
        }
        self.out.push(d);
    }

    /// Number of findings so far.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// Move the findings emitted since `from` to `range` (without fixes or labels): ONBUILD
    /// triggers are reported where they run, at the FROM of the stage built on them.
    pub(crate) fn relocate_from(&mut self, from: usize, range: TextRange) {
        for d in self.out.iter_mut().skip(from) {
            d.range = range;
            d.fix = None;
            d.labels.clear();
        }
    }

    /// Emit a fully built stagecraft finding under `cfg` (severity and URL from the registry).
    pub(crate) fn push(&mut self, cfg: &LintConfig, mut d: Diagnostic) {
        let Some(rule) = rules::get(&d.code) else {
            return;
        };
        if !cfg.enabled(rule) {
            return;
        }
        d.severity = rule.default_severity;
        if d.url.is_none() {
            d.url = Some(rule.url());
        }
        self.out.push(d);
    }
}

/// The lint configuration in force for the whole file: the `BUILDKIT_DOCKERFILE_CHECK` build
/// argument if given (it replaces the directive, as in BuildKit), else the `# check=` directive.
pub fn file_config(text: &str, options: &CheckOptions) -> LintConfig {
    let from_arg = options
        .build_args
        .iter()
        .rev()
        .find(|(k, _)| k == "BUILDKIT_DOCKERFILE_CHECK")
        .map(|(_, v)| v.as_str());
    let value = from_arg.or_else(|| config::file_check_directive(text));
    value
        .and_then(|v| LintConfig::parse(v).ok())
        .unwrap_or_default()
}

/// Parse `text` and check it.
pub fn check(text: &str, options: &CheckOptions) -> Vec<Diagnostic> {
    let parse = stagecraft_syntax::parse(text);
    check_parsed(text, &parse, options)
}

/// Like [`check`], and when there are size findings, simulate the build to add its size
/// estimates to them (several times slower than the checks themselves).
pub fn check_with_estimates(text: &str, options: &CheckOptions) -> Vec<Diagnostic> {
    let parse = stagecraft_syntax::parse(text);
    let mut findings = check_parsed(text, &parse, options);
    if findings
        .iter()
        .any(|d| simulated::ESTIMATED.contains(&d.code.as_str()))
    {
        let model_options = stagecraft_model::BuildOptions {
            target: options.target.clone(),
            build_args: options.build_args.iter().cloned().collect(),
            ..stagecraft_model::BuildOptions::default()
        };
        let model = stagecraft_model::lower(&parse, &model_options);
        let sim = stagecraft_simulate::run(&parse, &model, None);
        simulated::add_estimates(&mut findings, &parse, &sim);
    }
    findings
}

/// Check `text` as built from a known build context: like [`check`] (with the context's
/// `.dockerignore` in `options.dockerignore`), and the build simulation runs over the context
/// so that secret files it brings into the final image (a `.env` caught by `COPY . .`) are
/// reported too; with `estimates`, size findings get the simulation's estimates.
pub fn check_in_context(
    text: &str,
    options: &CheckOptions,
    context: &stagecraft_simulate::Context,
    estimates: bool,
) -> Vec<Diagnostic> {
    let parse = stagecraft_syntax::parse(text);
    let model_options = stagecraft_model::BuildOptions {
        target: options.target.clone(),
        build_args: options.build_args.iter().cloned().collect(),
        ..stagecraft_model::BuildOptions::default()
    };
    let model = stagecraft_model::lower(&parse, &model_options);
    let sim = stagecraft_simulate::run(&parse, &model, Some(context));
    let mut findings = check_parsed(text, &parse, options);
    add_simulated(text, &parse, options, &sim, estimates, &mut findings);
    finish(text, &LineIndex::new(text), findings)
}

/// Check with a simulation the caller already ran (the analysis pipeline's path, which has
/// one anyway): the checks, the simulation's size estimates on size findings, and secret
/// files that the simulated build context brings into the final image.
pub fn check_simulated(
    text: &str,
    parse: &Parse,
    options: &CheckOptions,
    sim: &stagecraft_simulate::Simulation,
) -> Vec<Diagnostic> {
    let mut findings = check_parsed(text, parse, options);
    add_simulated(text, parse, options, sim, true, &mut findings);
    finish(text, &LineIndex::new(text), findings)
}

fn add_simulated(
    text: &str,
    parse: &Parse,
    options: &CheckOptions,
    sim: &stagecraft_simulate::Simulation,
    estimates: bool,
    findings: &mut Vec<Diagnostic>,
) {
    if estimates {
        simulated::add_estimates(findings, parse, sim);
    }
    let cfg = file_config(text, options);
    if rules::get("SecretInFinalImage").is_some_and(|r| cfg.enabled(r)) {
        simulated::add_context_secrets(findings, parse, sim);
    }
}

/// Check an already parsed file: the parser's errors, BuildKit's checks and stagecraft's
/// rules, suppressions applied, ordered by span then code.
pub fn check_parsed(text: &str, parse: &Parse, options: &CheckOptions) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let cfg = file_config(text, options);
    let mut emit = Emitter::default();
    let input = buildkit::Input {
        text,
        parse,
        index: &index,
        target: options.target.as_deref(),
        build_args: &options.build_args,
        all_stages: options.all_stages,
        dockerignore: options.dockerignore.as_ref(),
    };
    buildkit::run(&input, &mut emit, &cfg);
    stagecraft::run(&input, &mut emit, &cfg);
    let mut out: Vec<Diagnostic> = parse.errors.clone();
    if let Some(d) = target_not_found(parse, options) {
        out.push(d);
    }
    out.append(&mut emit.out);
    finish(text, &index, out)
}

/// BuildKit's `target stage "x" could not be found` (with its suggestion), as an error.
fn target_not_found(parse: &Parse, options: &CheckOptions) -> Option<Diagnostic> {
    let target = options.target.as_deref()?;
    let (_, stages, complete) = buildkit::split_stages(parse);
    if !complete || stages.is_empty() || buildkit::find_by_name(&stages, target).is_some() {
        return None;
    }
    let names: Vec<&str> = stages.iter().filter_map(|s| s.name.as_deref()).collect();
    let mut msg = format!(
        "target stage {} could not be found",
        go_quote(target.as_bytes())
    );
    if let Some(s) = expand::suggest(&target.go_lower(), names.iter().copied()) {
        msg.push_str(&format!(" (did you mean {s}?)"));
    }
    let range = stages.last().map_or(TextRange::empty(0), |s| s.from.span);
    Some(Diagnostic::error("TargetNotFound", msg, range))
}

/// Which stages the stage-level rules look at: those the target needs (BuildKit's
/// reachability), or every stage with `all_stages`. Empty when BuildKit would not get as far
/// as building stages (parse error, unknown instruction, no FROM, unknown target).
pub fn checked_stages(parse: &Parse, options: &CheckOptions) -> Vec<bool> {
    let index = LineIndex::new("");
    let input = buildkit::Input {
        text: "",
        parse,
        index: &index,
        target: options.target.as_deref(),
        build_args: &options.build_args,
        all_stages: options.all_stages,
        dockerignore: None,
    };
    buildkit::checked_stages(&input)
}

/// Drop suppressed findings and duplicates; order by span, then code, then message.
fn finish(text: &str, index: &LineIndex, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.retain(|d| !suppressed(text, index, d));
    stagecraft_syntax::sort::sort_by(&mut out, |a, b| {
        (a.range.start, a.range.end, &a.code, &a.message).cmp(&(
            b.range.start,
            b.range.end,
            &b.code,
            &b.message,
        ))
    });
    out.dedup_by(|a, b| a.code == b.code && a.range == b.range && a.message == b.message);
    out
}

/// True if a `# stagecraft:ignore=` comment in the block of comment lines right above the
/// finding's first line names its code (or `all`).
fn suppressed(text: &str, index: &LineIndex, d: &Diagnostic) -> bool {
    let mut line = index.line0(d.range.start);
    while line > 0 {
        line -= 1;
        let start = index.line_start(line as u32 + 1) as usize;
        let rest = text.get(start..).unwrap_or("");
        let l = rest.split('\n').next().unwrap_or("").trim();
        let Some(comment) = l.strip_prefix('#') else {
            return false;
        };
        if let Some(codes) = config::suppression_codes(comment) {
            if codes.iter().any(|c| c == &d.code || c == "all") {
                return true;
            }
        }
    }
    false
}

/// Exit-code helper: true if any finding is at or above `level`.
pub fn any_at_or_above(findings: &[Diagnostic], level: Severity) -> bool {
    findings.iter().any(|d| d.severity >= level)
}
