//! `stagecraft analyze`: simulate the build and report the final image — files, tools, caches,
//! secrets and sizes — as a short terminal tree or the versioned JSON document
//! (`schemas/analysis.schema.json`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Value};
use stagecraft_knowledge::{human_bytes, SizeRange};
use stagecraft_simulate::{
    context::is_manifest_name, Context, ContextFile, FileSource, Simulation,
};
use stagecraft_syntax::LineIndex;

use crate::input;

/// Output formats of `stagecraft analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A short tree of the final image with sizes.
    Text,
    /// The versioned JSON document (schemas/analysis.schema.json).
    Json,
}

/// Arguments of `stagecraft analyze`.
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
    /// The build context directory, read as `docker build` would (`.dockerignore` applied):
    /// file sizes and dependency manifests refine the estimates.
    #[arg(long, value_name = "DIR")]
    pub context: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Most files a context may hold before we stop reading it (a safety net, not a limit docker has).
const MAX_CONTEXT_FILES: usize = 500_000;
/// Largest manifest read into memory.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// Read a context directory: every regular file's size (symlinks count as links), the
/// manifests' contents, and `.dockerignore`.
pub fn read_context(dir: &Path) -> Result<Context, String> {
    let meta = std::fs::metadata(dir)
        .map_err(|e| format!("{}: cannot read context: {e}", dir.display()))?;
    if !meta.is_dir() {
        return Err(format!(
            "{}: the context must be a directory",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    let mut manifests = BTreeMap::new();
    let mut archives = BTreeMap::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, rel)) = stack.pop() {
        let entries = match std::fs::read_dir(&path) {
            Ok(e) => e,
            Err(_) => continue,
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel_path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push((entry.path(), rel_path));
            } else {
                let size = if ft.is_symlink() {
                    std::fs::symlink_metadata(entry.path())
                        .map(|m| m.len())
                        .unwrap_or(0)
                } else {
                    entry.metadata().map(|m| m.len()).unwrap_or(0)
                };
                if is_manifest_name(&rel_path) && size <= MAX_MANIFEST_BYTES && !ft.is_symlink() {
                    if let Ok(text) = std::fs::read_to_string(entry.path()) {
                        manifests.insert(rel_path.clone(), text);
                    }
                }
                if !ft.is_symlink() && crate::archive::is_measured_archive(&rel_path) {
                    if let Some(bytes) = crate::archive::extracted_size(&entry.path()) {
                        archives.insert(rel_path.clone(), bytes);
                    }
                }
                files.push(ContextFile {
                    path: rel_path,
                    size,
                });
                if files.len() > MAX_CONTEXT_FILES {
                    return Err(format!(
                        "{}: more than {MAX_CONTEXT_FILES} files in the context",
                        dir.display()
                    ));
                }
            }
        }
    }
    let ignore = manifests.get(".dockerignore").cloned();
    let mut context = Context::new(files, manifests, ignore.as_deref());
    context.archives = archives;
    Ok(context)
}

/// Run the subcommand.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let inp = input::read(&args.file)?;
    let context = match &args.context {
        Some(d) => Some(read_context(d)?),
        None => None,
    };
    let build_args = input::build_args(&args.build_args)?;
    let options = stagecraft_analysis::Options {
        target: args.target.clone(),
        build_args,
        platform: args.platform.clone(),
        context: context.clone(),
    };
    let analysis = stagecraft_analysis::analyze(&inp.text, &options);
    let sim = &analysis.simulation;
    let out = std::io::stdout();
    let mut out = out.lock();
    match args.format {
        Format::Json => {
            let doc = document(&inp.name, &inp.text, &analysis, sim);
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        Format::Text => {
            write!(out, "{}", text_report(&analysis, sim, context.is_some()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The analysis JSON document, version 1.
pub fn document(
    name: &str,
    text: &str,
    analysis: &stagecraft_analysis::Analysis,
    sim: &Simulation,
) -> Value {
    let index = LineIndex::new(text);
    let findings: Vec<Value> = analysis
        .diagnostics()
        .iter()
        .map(|d| stagecraft_check::render::finding_json(Some(name), text, &index, d))
        .collect();
    json!({
        "version": 1,
        "graph": analysis.graph,
        "stages": sim.stages,
        "final": sim.final_image,
        "findings": findings,
    })
}

fn range(s: &SizeRange) -> String {
    if s.low == s.high {
        human_bytes(s.estimate)
    } else {
        format!(
            "{} ({}–{})",
            human_bytes(s.estimate),
            human_bytes(s.low),
            human_bytes(s.high)
        )
    }
}

fn source(s: &FileSource, sim: &Simulation) -> String {
    let final_stage = sim.final_image.as_ref().map(|f| f.stage);
    match s {
        FileSource::Stage(i) if Some(*i) == final_stage => "built in this stage".into(),
        FileSource::Stage(i) => {
            let name = sim
                .stages
                .get(*i as usize)
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| format!("stage-{i}"));
            format!("from stage {name}")
        }
        FileSource::Context(_) => "from the context".into(),
        FileSource::Image(r) => format!("from {r}"),
    }
}

/// The terminal report: the final image as a short tree.
fn text_report(
    analysis: &stagecraft_analysis::Analysis,
    sim: &Simulation,
    has_context: bool,
) -> String {
    let mut s = String::new();
    let Some(fin) = &sim.final_image else {
        s.push_str("no stage to build\n");
        return s;
    };
    let stage = sim.stages.get(fin.stage as usize);
    let name = stage
        .and_then(|st| st.name.clone())
        .unwrap_or_else(|| format!("stage-{}", fin.stage));
    let base = stage.map_or_else(String::new, |st| st.base.reference.clone());
    s.push_str(&format!("final image: {name} (FROM {base})\n"));
    s.push_str(&format!("  size      {}\n", range(&fin.size)));
    s.push_str(&format!("  download  ≈ {}\n", range(&fin.compressed)));
    if fin.size.unknown > 0 {
        s.push_str(&format!(
            "  ({} part(s) of this estimate are unknown{})\n",
            fin.size.unknown,
            if has_context {
                ""
            } else {
                "; --context DIR narrows them"
            }
        ));
    }
    s.push_str("\nfiles\n");
    let n = fin.files.len();
    for (i, f) in fin.files.iter().enumerate() {
        let branch = if i + 1 == n { "└─" } else { "├─" };
        let what = if f.what.is_empty() {
            String::new()
        } else {
            format!("  {}", f.what)
        };
        let why = f
            .why
            .first()
            .map(|w| format!("  [line {}]", w.line))
            .unwrap_or_default();
        s.push_str(&format!(
            "{branch} {:<44} {:>10}  {}{what}{why}\n",
            f.path,
            human_bytes(f.size.estimate),
            source(&f.source, sim)
        ));
    }
    if !fin.tools.is_empty() {
        s.push_str("\ntools\n  ");
        let names: Vec<String> = fin
            .tools
            .iter()
            .map(
                |t| match (&t.package, t.why.first().and_then(|w| w.note.as_deref())) {
                    (_, Some(n)) if n.starts_with("in the base image") => t.name.to_string(),
                    (Some(p), _) => format!(
                        "{} ({p}, line {})",
                        t.name,
                        t.why.first().map_or(0, |w| w.line)
                    ),
                    (None, _) => {
                        format!("{} (line {})", t.name, t.why.first().map_or(0, |w| w.line))
                    }
                },
            )
            .collect();
        s.push_str(&names.join(", "));
        s.push('\n');
    }
    if !fin.caches.is_empty() {
        s.push_str("\ncaches left in the image\n");
        for c in &fin.caches {
            s.push_str(&format!(
                "  {:<10} {:<36} {}\n",
                c.kind,
                c.path,
                range(&c.size)
            ));
        }
    }
    if !fin.secrets.is_empty() {
        s.push_str("\nlikely secrets\n");
        for x in &fin.secrets {
            s.push_str(&format!("  {} {}: {}\n", x.kind, x.name, x.reason));
        }
    }
    if let Some(st) = stage {
        s.push_str("\nlayers of the final stage\n");
        for l in st.layers.iter().filter(|l| l.creates_layer) {
            let flag = if l.effects.iter().any(|e| e.unknown) {
                " ?"
            } else {
                ""
            };
            s.push_str(&format!(
                "  {:>4}  {:>10}{flag:<2}  {}\n",
                format!("L{}", l.line),
                format!("+{}", human_bytes(l.added.estimate)),
                l.instruction
            ));
        }
    }
    let nfind = analysis.findings.len();
    if nfind > 0 {
        s.push_str(&format!(
            "\n{nfind} finding(s): run `stagecraft check` for details\n"
        ));
    }
    s
}
