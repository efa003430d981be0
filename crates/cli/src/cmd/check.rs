//! `stagecraft check`: findings for one or more Dockerfiles, as rustc-like text, JSON or SARIF.
//!
//! Exit codes: 0 when no finding is at or above `--fail-level`, 1 when one is, 2 for usage or
//! input errors (unreadable file, bad `--build-arg`, unreadable `.dockerignore`).

use crate::input;
use stagecraft_check::render::{self, FileFindings};
use stagecraft_check::{check, check_in_context, check_with_estimates, CheckOptions, DockerIgnore};
use stagecraft_syntax::Severity;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like text with source snippets.
    Text,
    /// `{"version":1,"findings":[…]}` (schemas/findings.schema.json).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
}

/// The lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailLevel {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Any finding fails.
    Info,
}

/// Arguments of `stagecraft check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dockerfiles to check, or `-` for standard input (several may be given).
    pub files: Vec<String>,
    /// The stage to build (default: the last one); only stages it needs are checked.
    #[arg(long)]
    pub target: Option<String>,
    /// A build argument `NAME=VALUE`, or `NAME` to take its value from the environment, as
    /// `docker build` does (repeatable).
    #[arg(long = "build-arg", value_name = "NAME[=VALUE]")]
    pub build_args: Vec<String>,
    /// The build context directory; its `.dockerignore` enables CopyIgnoredFile.
    #[arg(long)]
    pub context: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long = "fail-level", value_enum, default_value_t = FailLevel::Warning)]
    pub fail_level: FailLevel,
    /// Check every stage, not only those the target needs.
    #[arg(long = "all-stages")]
    pub all_stages: bool,
    /// Simulate the build to add size estimates to the size findings (slower).
    #[arg(long)]
    pub estimates: bool,
}

fn read_dockerignore(context: &str) -> Result<Option<DockerIgnore>, String> {
    let dir = Path::new(context);
    if !dir.is_dir() {
        return Err(format!("--context {context}: not a directory"));
    }
    let path = dir.join(".dockerignore");
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(DockerIgnore::parse(&text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
    }
}

/// Run the subcommand.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut files = args.files.clone();
    if files.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err("no input: pass Dockerfile paths, or `-` to read standard input".into());
        }
        files.push("-".to_string());
    }
    // With --context, the simulation reads the context too (secret files `COPY . .` brings).
    let context = match &args.context {
        Some(c) => Some(super::analyze::read_context(Path::new(c))?),
        None => None,
    };
    let options = CheckOptions {
        target: args.target.clone(),
        build_args: crate::input::build_args(&args.build_args)?,
        all_stages: args.all_stages,
        dockerignore: match &args.context {
            Some(c) => read_dockerignore(c)?,
            None => None,
        },
    };
    // Read everything first so that an unreadable file is a usage error (exit 2) before any
    // output is printed.
    let mut inputs = Vec::with_capacity(files.len());
    for f in &files {
        inputs.push(input::read(f)?);
    }
    let results: Vec<_> = inputs
        .iter()
        .map(|i| match &context {
            Some(ctx) => check_in_context(&i.text, &options, ctx, args.estimates),
            None if args.estimates => check_with_estimates(&i.text, &options),
            None => check(&i.text, &options),
        })
        .collect();
    let views: Vec<FileFindings<'_>> = inputs
        .iter()
        .zip(&results)
        .map(|(i, f)| FileFindings {
            file: &i.name,
            text: &i.text,
            findings: f,
        })
        .collect();
    let out = match args.format {
        Format::Text => {
            let mut s = render::to_text(&views);
            s.push_str(&render::summary(&views));
            s.push('\n');
            s
        }
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&render::to_json(&views))?;
            s.push('\n');
            s
        }
        Format::Sarif => {
            let mut s = serde_json::to_string_pretty(&render::to_sarif(&views))?;
            s.push('\n');
            s
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write output: {e}").into()),
    }
    let level = match args.fail_level {
        FailLevel::Error => Severity::Error,
        FailLevel::Warning => Severity::Warning,
        FailLevel::Info => Severity::Info,
    };
    let failed = results
        .iter()
        .any(|f| stagecraft_check::any_at_or_above(f, level));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
