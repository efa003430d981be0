//! `stagecraft`: the command line over the stagecraft core.
//!
//! Exit codes: 0 ok, 1 findings at or above the fail level (or a file BuildKit rejects, for
//! `dump`), 2 usage or input error.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod archive;
mod cmd;
mod input;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the analysis builds many small strings and vectors,
/// and glibc malloc/free took ~40 % of its instructions (callgrind: 9.9 M → 6.9 M instructions,
/// 1.07 → 0.72 ms per 300-line analysis). The choice belongs to this binary only: the core
/// crates (also built for wasm) keep the default allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Dockerfile playground core on the command line: parse, graph, analyse and check
/// Dockerfiles exactly as BuildKit reads them.
#[derive(Debug, Parser)]
#[command(name = "stagecraft", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print BuildKit's reference parse dump of a Dockerfile.
    Dump(cmd::dump::Args),
    /// Print the stage graph as JSON, DOT, Mermaid or SVG.
    Graph(cmd::graph::Args),
    /// Simulate the build: files, tools, caches and sizes of the final image.
    Analyze(cmd::analyze::Args),
    /// Report findings (BuildKit's checks plus multi-stage and size rules).
    Check(cmd::check::Args),
    /// Explain a rule: what, why, a bad and a good example, the fix.
    Explain(cmd::explain::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump(args) => cmd::dump::run(args),
        Command::Graph(args) => cmd::graph::run(args),
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Explain(args) => cmd::explain::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
