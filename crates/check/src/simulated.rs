//! Estimated savings from the build simulation: the size rules find the problem from the
//! instructions; the simulation says how many bytes are at stake (caches left in a layer, the
//! layer a later `rm` cannot shrink, the files a `chmod` copies up, the tools a RUN brings in).

use stagecraft_knowledge::{human_bytes, SizeRange};
use stagecraft_simulate::Simulation;
use stagecraft_syntax::{Diagnostic, Parse, Severity};

fn size_text(s: &SizeRange) -> String {
    if s.low == s.high || s.unknown > 0 && s.low == 0 {
        format!("≈ {}", human_bytes(s.estimate))
    } else {
        format!(
            "≈ {} ({}–{})",
            human_bytes(s.estimate),
            human_bytes(s.low),
            human_bytes(s.high)
        )
    }
}

/// 1-based line of the instruction containing `offset`.
fn instruction_line(parse: &Parse, offset: u32) -> Option<u32> {
    parse
        .file
        .instructions
        .iter()
        .find(|i| i.range.start <= offset && offset < i.range.end.max(i.range.start + 1))
        .map(|i| i.line)
}

fn append(d: &mut Diagnostic, note: String) {
    let help = d.help.take().unwrap_or_default();
    d.help = Some(if help.is_empty() {
        note
    } else {
        format!("{help}. Estimated: {note}")
    });
}

/// The rules whose findings [`add_estimates`] can size.
pub const ESTIMATED: [&str; 4] = [
    "PackageCacheInImage",
    "BuildToolsInFinalImage",
    "DeletionInLaterLayer",
    "CopyUpByChmod",
];

/// Compilers, linkers and build drivers (not the shell utilities every image has).
fn is_build_tool(name: &str) -> bool {
    matches!(
        name,
        "gcc"
            | "g++"
            | "cc"
            | "c++"
            | "cpp"
            | "clang"
            | "clang++"
            | "ld"
            | "as"
            | "make"
            | "cmake"
            | "ninja"
            | "autoconf"
            | "automake"
            | "libtool"
            | "pkg-config"
            | "go"
            | "gofmt"
            | "rustc"
            | "cargo"
            | "rustup"
            | "javac"
            | "mvn"
            | "gradle"
            | "nvcc"
            | "gfortran"
            | "meson"
            | "bison"
            | "flex"
            | "dotnet"
    )
}

/// Add the simulation's size estimates to the help of the size findings.
pub fn add_estimates(findings: &mut [Diagnostic], parse: &Parse, sim: &Simulation) {
    let Some(fin) = &sim.final_image else {
        return;
    };
    let final_stage = sim.stages.iter().find(|s| s.index == fin.stage);
    for d in findings.iter_mut() {
        let Some(line) = instruction_line(parse, d.range.start) else {
            continue;
        };
        match d.code.as_str() {
            "PackageCacheInImage" => {
                let caches: Vec<_> = fin
                    .caches
                    .iter()
                    .filter(|c| c.why.first().is_some_and(|w| w.line == line))
                    .collect();
                if !caches.is_empty() {
                    let total: SizeRange = caches.iter().map(|c| c.size).sum();
                    let paths: Vec<&str> = caches.iter().map(|c| c.path.as_str()).collect();
                    append(
                        d,
                        format!(
                            "{} of cache left by this RUN ({}), saved by the fix",
                            size_text(&total),
                            paths.join(", ")
                        ),
                    );
                }
            }
            "BuildToolsInFinalImage" => {
                let mut names: Vec<&str> = fin
                    .tools
                    .iter()
                    .filter(|t| t.why.iter().any(|w| w.line == line) && is_build_tool(&t.name))
                    .map(|t| &*t.name)
                    .collect();
                names.dedup();
                if !names.is_empty() {
                    let shown: Vec<&str> = names.iter().take(8).copied().collect();
                    let more = if names.len() > shown.len() {
                        ", …"
                    } else {
                        ""
                    };
                    let layer = final_stage
                        .and_then(|s| s.layers.iter().find(|l| l.line == line))
                        .map(|l| format!("; this layer adds {}", size_text(&l.added)))
                        .unwrap_or_default();
                    append(
                        d,
                        format!(
                            "tools in the final image from here: {}{more}{layer}",
                            shown.join(", ")
                        ),
                    );
                }
            }
            "DeletionInLaterLayer" => {
                let created = d
                    .labels
                    .first()
                    .and_then(|l| instruction_line(parse, l.range.start));
                if let Some(cl) = created {
                    let layer = sim
                        .stages
                        .iter()
                        .flat_map(|s| s.layers.iter())
                        .find(|l| l.line == cl);
                    if let Some(l) = layer {
                        append(
                            d,
                            format!(
                                "the layer of line {cl} keeps its {} whatever later layers delete",
                                size_text(&l.added)
                            ),
                        );
                    }
                }
            }
            "CopyUpByChmod" => {
                if let Some(l) = final_stage.and_then(|s| s.layers.iter().find(|l| l.line == line))
                {
                    append(
                        d,
                        format!(
                            "this layer stores {} again; the fix saves it",
                            size_text(&l.added)
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}

/// SecretInFinalImage findings for the secret files the simulation saw reach the final image
/// (for example a `.env` that `COPY . .` brings from the context), where the rules did not
/// already report that instruction.
pub fn add_context_secrets(findings: &mut Vec<Diagnostic>, parse: &Parse, sim: &Simulation) {
    let Some(fin) = &sim.final_image else {
        return;
    };
    let Some(rule) = crate::rules::get("SecretInFinalImage") else {
        return;
    };
    for secret in fin.secrets.iter().filter(|s| s.kind == "file") {
        let Some(why) = secret.why.first() else {
            continue;
        };
        let Some(ins) = parse.file.instructions.iter().find(|i| i.line == why.line) else {
            continue;
        };
        let already = findings.iter().any(|d| {
            d.code == rule.code && ins.range.start <= d.range.start && d.range.start < ins.range.end
        });
        if already {
            continue;
        }
        let d = Diagnostic::new(
            rule.code,
            Severity::Warning,
            format!(
                "`{}` reaches the final image: {}",
                secret.name, secret.reason
            ),
            ins.span,
        )
        .with_help(
            "anyone who can pull the image can read every layer: exclude it in `.dockerignore` and pass secrets with `RUN --mount=type=secret`",
        )
        .with_url(rule.url());
        findings.push(d);
    }
}
