//! `stagecraft graph`: the stage graph as JSON, DOT, Mermaid or SVG.

use std::io::Write;
use std::process::ExitCode;

use stagecraft_model::{lower, BuildOptions, Graph, SvgOptions};
use stagecraft_syntax::{parse_bytes, Diagnostic, LineIndex, Severity};

use crate::input;

/// Output formats of `stagecraft graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The versioned JSON document (schemas/graph.schema.json).
    Json,
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// Standalone SVG.
    Svg,
}

/// Arguments of `stagecraft graph`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input Dockerfile, or `-` for standard input.
    pub file: String,
    /// The stage to build (default: the last one).
    #[arg(long)]
    pub target: Option<String>,
    /// A build argument `NAME=VALUE` (repeatable; `NAME` alone takes the value from the
    /// environment, as `docker build` does).
    #[arg(long = "build-arg", value_name = "NAME=VALUE")]
    pub build_args: Vec<String>,
    /// Target platform, e.g. `linux/arm64` (default `linux/amd64`).
    #[arg(long)]
    pub platform: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

/// `file:line:col: severity[code]: message` for each diagnostic.
fn print_diagnostics(name: &str, text: &str, diags: &[&Diagnostic]) {
    let index = LineIndex::new(text);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diags {
        let (line, col) = index.line_col(text, d.range.start);
        let _ = writeln!(
            err,
            "{name}:{line}:{col}: {}[{}]: {}",
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
}

/// Run the subcommand. Exit 0 with the graph on stdout (also when the file has problems, which
/// are printed on stderr); exit 2 when the input cannot be read or an option is invalid.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    // UTF-8 like `analyze` and `check`: invalid bytes are an input error (exit 2), not U+FFFD.
    let input::Input { name, text } = input::read(&args.file)?;
    let bytes = text.as_bytes();
    let opts = BuildOptions {
        target: args.target.clone(),
        build_args: input::build_args(&args.build_args)?.into_iter().collect(),
        platform: args.platform.clone(),
        build_platform: None,
    };
    if let Some(p) = &opts.platform {
        stagecraft_model::Platform::parse(p).map_err(|e| format!("invalid --platform: {e}"))?;
    }
    let parsed = parse_bytes(bytes);
    let model = lower(&parsed, &opts);
    let graph = Graph::new(&model, &text);

    let mut diags: Vec<&Diagnostic> = parsed
        .errors
        .iter()
        .chain(&parsed.warnings)
        .chain(&model.diagnostics)
        .collect();
    diags.sort_by_key(|d| (d.range.start, d.severity != Severity::Error));
    print_diagnostics(&name, &text, &diags);

    let out = match args.format {
        Format::Json => graph.to_json(),
        Format::Dot => stagecraft_model::render_dot(&graph),
        Format::Mermaid => stagecraft_model::render_mermaid(&graph),
        Format::Svg => stagecraft_model::render_svg(&graph, &SvgOptions::default()),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // `stagecraft graph … | head` is not an error.
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(format!("cannot write output: {e}").into()),
    }
    Ok(ExitCode::SUCCESS)
}
