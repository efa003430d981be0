//! stagecraft's own rules: multi-stage structure (UnnamedStageReference, CopyFromLaterStage,
//! StageCycle, UnusedStage) and what reaches the final image (BuildToolsInFinalImage,
//! CopyWholeBuildDirectory, DeletionInLaterLayer, PackageCacheInImage, FatRuntimeBase,
//! DevelImageAtRuntime, DevDependenciesInFinalImage, SecretInFinalImage, CopyUpByChmod).
//!
//! The size rules look at the *final image*: the target stage and the stages it is built on
//! (`FROM <stage>`), whose layers all ship. They read the instructions and the recognised
//! commands of RUN; estimated savings come from the knowledge base figures quoted in help.

use std::collections::BTreeSet;

use stagecraft_syntax::{
    Args, Diagnostic, Fix, Instruction, Keyword, Severity, TextEdit, TextRange,
};

use crate::buildkit::{
    copy_from_source, find_by_name, reachable, split_stages, stage_deps, Input, Source, Stage,
};
use crate::config::LintConfig;
use crate::expand::{expand, EnvList};
use crate::ignore::clean;
use crate::images;
use crate::shellcmd::{run_commands, SimpleCommand};
use crate::Emitter;
use stagecraft_syntax::case::GoCase;

struct Cx<'a, 'e> {
    input: &'a Input<'a>,
    emit: &'e mut Emitter,
    cfg: LintConfig,
    stages: Vec<Stage<'a>>,
    bases: Vec<String>,
    target: usize,
    /// Stages checked: those the target needs, or all with `all_stages`.
    checked: Vec<bool>,
}

impl Cx<'_, '_> {
    fn push(&mut self, ins: &Instruction, d: Diagnostic) {
        // Per-instruction `# check=skip=` applies to stagecraft rules too.
        let comments: Vec<&str> = ins.comments.iter().map(String::as_str).collect();
        let cfg = match crate::config::local_check(&comments) {
            Some(l) => self.cfg.merged(&l),
            None => self.cfg.clone(),
        };
        self.emit.push(&cfg, d);
    }

    fn text(&self, r: TextRange) -> &str {
        self.input.text.get(r.as_usize()).unwrap_or("")
    }

    /// The stage chain whose layers make up the final image: target, its base stage, …
    fn final_chain(&self) -> Vec<usize> {
        let mut chain = vec![self.target];
        let mut cur = self.target;
        while let Some(b) = base_of(&self.stages, &self.bases, cur) {
            if chain.contains(&b) {
                break;
            }
            chain.push(b);
            cur = b;
        }
        chain.reverse();
        chain
    }
}

fn base_of(stages: &[Stage<'_>], bases: &[String], i: usize) -> Option<usize> {
    let b = bases.get(i)?;
    stages[..i]
        .iter()
        .rposition(|s| s.name.as_deref() == Some(b.as_str()))
}

fn diag(code: &'static str, range: TextRange, message: String) -> Diagnostic {
    Diagnostic::new(code, Severity::Warning, message, range)
}

/// Run every stagecraft rule.
pub(crate) fn run(input: &Input<'_>, emit: &mut Emitter, cfg: &LintConfig) {
    if input.parse.rejection.is_some() {
        return;
    }
    let (meta, stages, complete) = split_stages(input.parse);
    if !complete || stages.is_empty() {
        return;
    }
    // Global scope for FROM expansion (defaults plus --build-arg), as BuildKit's.
    let mut global = EnvList::default();
    for (k, v) in [
        ("BUILDPLATFORM", "linux/amd64"),
        ("TARGETPLATFORM", "linux/amd64"),
        ("BUILDOS", "linux"),
        ("BUILDARCH", "amd64"),
        ("TARGETOS", "linux"),
        ("TARGETARCH", "amd64"),
    ] {
        global.set(k, v);
    }
    for ins in &meta {
        if let Args::Arg { decls } = &ins.args {
            for d in decls {
                let given = input
                    .build_args
                    .iter()
                    .rev()
                    .find(|(k, _)| *k == d.name)
                    .map(|(_, v)| v.clone());
                let v = given.or_else(|| {
                    d.default
                        .as_ref()
                        .map(|def| expand(def, &global, input.parse.file.escape, true).result)
                });
                if let Some(v) = v {
                    global.set(&d.name, &v);
                }
            }
        }
    }
    let bases: Vec<String> = stages
        .iter()
        .map(|s| expand(&s.base_raw, &global, input.parse.file.escape, true).result)
        .collect();
    let target = match input.target {
        Some(t) => match find_by_name(&stages, t) {
            Some(i) => i,
            None => return,
        },
        None => stages.len() - 1,
    };
    let reach = reachable(&stages, &bases, target);
    let checked = if input.all_stages {
        vec![true; stages.len()]
    } else {
        reach.clone()
    };
    let mut cx = Cx {
        input,
        emit,
        cfg: cfg.clone(),
        stages,
        bases,
        target,
        checked,
    };
    unnamed_stage_reference(&mut cx);
    copy_from_later_stage(&mut cx);
    stage_cycle(&mut cx);
    unused_stage(&mut cx);
    base_image_rules(&mut cx);
    final_image_rules(&mut cx);
    copy_whole_build_directory(&mut cx);
}

// ---------------------------------------------------------------- multi-stage structure

fn copy_from_flag(ins: &Instruction) -> Option<&stagecraft_syntax::Flag> {
    if ins.kind == Keyword::Copy {
        ins.flag("from")
    } else {
        None
    }
}

fn unnamed_stage_reference(cx: &mut Cx<'_, '_>) {
    // Every numeric reference, grouped by the stage it names.
    let mut refs: Vec<(usize, usize, &Instruction, TextRange)> = Vec::new(); // (stage, in stage, ins, value range)
    for (si, st) in cx.stages.iter().enumerate() {
        for c in st.commands {
            if let Some(f) = copy_from_flag(c) {
                let v = f.value.as_deref().unwrap_or("");
                if !v.is_empty() && v.chars().all(|ch| ch.is_ascii_digit()) {
                    if let Source::Stage(j) = copy_from_source(&cx.stages, v) {
                        refs.push((j, si, c, f.value_range));
                    }
                }
            }
        }
    }
    let mut taken = BTreeSet::new();
    taken.extend(cx.stages.iter().filter_map(|s| s.name.clone()));
    for &(j, si, ins, range) in &refs {
        if !cx.checked[si] {
            continue;
        }
        let target = &cx.stages[j];
        let (name, naming_edit) = match &target.name {
            Some(n) => (n.clone(), None),
            None => {
                let name = ["builder", "build"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain((0..).map(|k| {
                        format!(
                            "stage-{j}{}",
                            if k == 0 {
                                String::new()
                            } else {
                                format!("-{k}")
                            }
                        )
                    }))
                    .find(|n| !taken.contains(n))
                    .unwrap_or_else(|| format!("stage-{j}"));
                let as_kw = if target.from.keyword.chars().all(|c| c.is_ascii_lowercase()) {
                    "as"
                } else {
                    "AS"
                };
                let edit = match &target.from.args {
                    Args::From { words } if words.len() == 1 => Some(TextEdit {
                        range: TextRange::empty(words[0].range.end),
                        text: format!(" {as_kw} {name}"),
                    }),
                    _ => None,
                };
                (name, edit)
            }
        };
        if target.name.is_none() && naming_edit.is_none() {
            continue;
        }
        let mut edits: Vec<TextEdit> = naming_edit.into_iter().collect();
        for &(j2, _, _, r) in &refs {
            if j2 == j {
                edits.push(TextEdit {
                    range: r,
                    text: name.clone(),
                });
            }
        }
        stagecraft_syntax::sort::sort_by_key(&mut edits, |e| e.range.start);
        let written = cx.text(range).to_string();
        let d = diag(
            "UnnamedStageReference",
            range,
            format!("`--from={written}` refers to stage {j} by its position; refer to it by name"),
        )
        .with_help(format!(
            "name the stage (`FROM {} AS {name}`) and use `--from={name}`: a numeric reference silently changes meaning when stages are added or removed",
            target.base_raw
        ))
        .with_label(target.from.span, format!("stage {j} is defined here"))
        .with_fix(Fix {
            title: if target.name.is_some() {
                format!("Refer to stage {j} as `{name}`")
            } else {
                format!("Name stage {j} `{name}` and refer to it by name")
            },
            edits,
        });
        cx.push(ins, d);
    }
}

fn copy_from_later_stage(cx: &mut Cx<'_, '_>) {
    let mut found = Vec::new();
    // Checked in every stage: the file is misleading (and the classic builder fails) even
    // when the stage is not built for this target.
    for (i, st) in cx.stages.iter().enumerate() {
        for c in st.commands {
            let mut targets: Vec<(usize, TextRange, String)> = Vec::new();
            if let Some(f) = copy_from_flag(c) {
                let v = f.value.clone().unwrap_or_default();
                if let Source::Stage(j) = copy_from_source(&cx.stages, &v) {
                    targets.push((j, f.range, v));
                }
            }
            if c.kind == Keyword::Run {
                for m in c.flags_named("mount") {
                    if let Some(from) = m.mount_option("from") {
                        if let Some(j) = find_by_name(&cx.stages, &from) {
                            targets.push((j, m.range, from));
                        }
                    }
                }
            }
            for (j, range, v) in targets {
                if j > i {
                    found.push((c, range, v, j, i));
                }
            }
        }
    }
    for (c, range, v, j, i) in found {
        let d = Diagnostic::error(
            "CopyFromLaterStage",
            format!("`{v}` refers to stage {j}, which is defined after the current stage {i}"),
            range,
        )
        .with_help(format!(
            "BuildKit fails: cannot copy from stage \"{}\", it needs to be defined before current stage; move that stage above this one",
            cx.stages[j].name.clone().unwrap_or_else(|| format!("stage-{j}"))
        ))
        .with_label(cx.stages[j].from.span, "defined here");
        cx.push(c, d);
    }
}

fn stage_cycle(cx: &mut Cx<'_, '_>) {
    let n = cx.stages.len();
    let deps: Vec<Vec<usize>> = (0..n)
        .map(|i| stage_deps(&cx.stages, &cx.bases, i))
        .collect();
    let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
    for start in 0..n {
        // Depth-first search for a path back to `start`.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut path = vec![start];
        let mut on_path = vec![false; n];
        on_path[start] = true;
        let mut visited = vec![false; n];
        while let Some(&mut (node, ref mut k)) = stack.last_mut() {
            if *k < deps[node].len() {
                let next = deps[node][*k];
                *k += 1;
                if next == start {
                    let mut cyc = path.clone();
                    let mut key = cyc.clone();
                    stagecraft_syntax::sort::sort(&mut key);
                    if reported.insert(key) {
                        cyc.push(start);
                        report_cycle(cx, &cyc);
                    }
                } else if !on_path[next] && !visited[next] {
                    visited[next] = true;
                    on_path[next] = true;
                    path.push(next);
                    stack.push((next, 0));
                }
            } else {
                stack.pop();
                if let Some(p) = path.pop() {
                    on_path[p] = false;
                }
            }
        }
    }
}

fn report_cycle(cx: &mut Cx<'_, '_>, cyc: &[usize]) {
    let names: Vec<String> = cyc
        .iter()
        .map(|&i| {
            cx.stages[i]
                .name
                .clone()
                .unwrap_or_else(|| format!("stage-{i}"))
        })
        .collect();
    // Point at the reference in the first stage of the cycle to the second.
    let (a, b) = (cyc[0], cyc.get(1).copied().unwrap_or(cyc[0]));
    let from = cx.stages[a].from;
    let mut range = from.span;
    let mut at: &Instruction = from;
    for c in cx.stages[a].commands {
        if let Some(f) = copy_from_flag(c) {
            if copy_from_source(&cx.stages, f.value.as_deref().unwrap_or("")) == Source::Stage(b) {
                range = f.range;
                at = c;
                break;
            }
        }
        for m in c.flags_named("mount") {
            if m.mount_option("from")
                .and_then(|v| find_by_name(&cx.stages, &v))
                == Some(b)
            {
                range = m.range;
                at = c;
            }
        }
    }
    let d = Diagnostic::error(
        "StageCycle",
        format!("Stages depend on each other in a cycle: {}", names.join(" → ")),
        range,
    )
    .with_help(format!(
        "BuildKit fails with `circular dependency detected on stage: {}`; move the shared work into its own stage",
        names[0]
    ));
    cx.push(at, d);
}

fn unused_stage(cx: &mut Cx<'_, '_>) {
    let n = cx.stages.len();
    let deps: Vec<Vec<usize>> = (0..n)
        .map(|i| stage_deps(&cx.stages, &cx.bases, i))
        .collect();
    // Possible targets: the chosen one, or (without --target) the last stage and every named
    // stage nothing depends on (an alternative target such as `dev` or `test`).
    let mut roots = vec![cx.target];
    if cx.input.target.is_none() {
        let mut depended = BTreeSet::new();
        depended.extend(deps.iter().flatten().copied());
        for (i, s) in cx.stages.iter().enumerate() {
            if s.name.is_some() && !depended.contains(&i) {
                roots.push(i);
            }
        }
    }
    let mut used = vec![false; n];
    for r in roots {
        for (i, u) in reachable(&cx.stages, &cx.bases, r).into_iter().enumerate() {
            used[i] |= u;
        }
    }
    for (i, &u) in used.iter().enumerate() {
        if u {
            continue;
        }
        let st = &cx.stages[i];
        let name = st.name.clone().unwrap_or_else(|| format!("stage-{i}"));
        let range = st.from.span;
        let from = st.from;
        let target_name = cx.stages[cx.target]
            .name
            .clone()
            .unwrap_or_else(|| format!("stage-{}", cx.target));
        let d = diag(
            "UnusedStage",
            range,
            format!("Stage `{name}` is not used to build the target `{target_name}`"),
        )
        .with_help("BuildKit skips it: delete it, reference it with `COPY --from`, or build it with `--target`");
        cx.push(from, d);
    }
}

// ---------------------------------------------------------------- base image of the final stage

struct FatInfo {
    suggestion: String,
    saving: &'static str,
    fix_tag: Option<String>,
    toolchain: bool,
}

fn fat_runtime(repo: &str, tag: &str) -> Option<FatInfo> {
    // Toolchain images stay build images whatever the variant (golang:*-alpine still ships
    // the Go toolchain); for language runtimes a slim/alpine/jre variant is the fix itself.
    let toolchain_repo = matches!(
        repo,
        "golang" | "rust" | "gcc" | "buildpack-deps" | "maven" | "gradle"
    );
    let lean = ["slim", "alpine", "distroless", "minimal", "jre", "runtime"];
    if !toolchain_repo && lean.iter().any(|l| tag.contains(l)) {
        return None;
    }
    let ver = if tag == "latest" {
        String::new()
    } else {
        tag.to_string()
    };
    // `3.12` → `3.12-slim`; python and ruby put the variant before the Debian codename
    // (`3.12-bookworm` → `3.12-slim-bookworm`), node after it (`18-bookworm-slim`).
    let codename_first = matches!(repo, "python" | "ruby");
    let with_suffix = |suffix: &str| -> String {
        if ver.is_empty() {
            return suffix.trim_start_matches('-').to_string();
        }
        const CODENAMES: [&str; 6] = [
            "bookworm", "bullseye", "buster", "trixie", "stretch", "jammy",
        ];
        if codename_first {
            for c in CODENAMES {
                if let Some(head) = ver.strip_suffix(&format!("-{c}")) {
                    return format!("{head}{suffix}-{c}");
                }
            }
        }
        format!("{ver}{suffix}")
    };
    Some(match repo {
        "python" => FatInfo {
            suggestion: format!("python:{}", with_suffix("-slim")),
            saving: "python:3.12 is ≈ 411 MB compressed, python:3.12-slim ≈ 43 MB (≈ 368 MB less; ≈ 1.1 GB vs ≈ 120 MB on disk)",
            fix_tag: Some(with_suffix("-slim")),
            toolchain: false,
        },
        "node" => FatInfo {
            suggestion: format!("node:{}", with_suffix("-slim")),
            saving: "node:22 is ≈ 408 MB compressed, node:22-slim ≈ 80 MB, node:22-alpine ≈ 61 MB (≈ 330 MB less)",
            fix_tag: Some(with_suffix("-slim")),
            toolchain: false,
        },
        "ruby" => FatInfo {
            suggestion: format!("ruby:{}", with_suffix("-slim")),
            saving: "the full ruby image carries the buildpack-deps compiler layers (≈ 236 MB compressed) that ruby:slim (≈ 81 MB) does not",
            fix_tag: Some(with_suffix("-slim")),
            toolchain: false,
        },
        "golang" => FatInfo {
            suggestion: "a builder stage with golang and a final stage on gcr.io/distroless/static, alpine or scratch".into(),
            saving: "golang:1.25 is ≈ 305 MB compressed; alpine is ≈ 3.8 MB and scratch 0 (a static Go binary needs nothing else)",
            fix_tag: None,
            toolchain: true,
        },
        "rust" => FatInfo {
            suggestion: "a builder stage with rust and a final stage on gcr.io/distroless/cc or debian:*-slim".into(),
            saving: "rust:latest is ≈ 593 MB compressed (rust:slim still ≈ 323 MB); the rustup toolchain alone is ≈ 214 MB",
            fix_tag: None,
            toolchain: true,
        },
        "gcc" => FatInfo {
            suggestion: "a builder stage with gcc and a final stage on debian:*-slim or distroless".into(),
            saving: "gcc:latest is ≈ 561 MB compressed",
            fix_tag: None,
            toolchain: true,
        },
        "buildpack-deps" => FatInfo {
            suggestion: "debian:*-slim with only the runtime libraries you need".into(),
            saving: "buildpack-deps:bookworm is ≈ 349 MB compressed (its compiler layer alone ≈ 236 MB)",
            fix_tag: None,
            toolchain: true,
        },
        "openjdk" | "eclipse-temurin" | "amazoncorretto" | "maven" | "gradle" if repo != "openjdk" || !tag.contains("jre") => {
            let jre = repo == "eclipse-temurin" && tag.contains("jdk");
            FatInfo {
                suggestion: if jre {
                    format!("eclipse-temurin:{}", tag.replace("jdk", "jre"))
                } else {
                    "a builder stage with the JDK/build tool and a final stage on a JRE image (eclipse-temurin:*-jre)".into()
                },
                saving: "eclipse-temurin:21-jdk is ≈ 230 MB compressed, 21-jre ≈ 121 MB (JDK layer ≈ 158 MB vs JRE ≈ 53 MB)",
                fix_tag: jre.then(|| tag.replace("jdk", "jre")),
                toolchain: repo == "maven" || repo == "gradle",
            }
        }
        "dotnet/sdk" => FatInfo {
            suggestion: "mcr.microsoft.com/dotnet/aspnet or dotnet/runtime in the final stage".into(),
            saving: "the .NET SDK image is several hundred MB larger than the ASP.NET or runtime image",
            fix_tag: None,
            toolchain: true,
        },
        _ => return None,
    })
}

/// "`python:3.9` is ≈ 350 MB compressed, `python:3.9-slim` ≈ 47 MB (≈ 303 MB less)" from the
/// knowledge base, when it has rows for both the image as written and the suggested tag.
/// Nearest-version and model matches do not count: the figures must be for these very images.
fn measured_saving(image: &str, repo: &str, new_tag: Option<&str>) -> Option<String> {
    use stagecraft_knowledge::{human_bytes, Certainty, ImageLookup, MatchKind};
    let exact = |reference: &str| match stagecraft_knowledge::lookup_image(reference) {
        ImageLookup::Known(f)
            if matches!(f.matched, MatchKind::Exact | MatchKind::Alias { .. }) =>
        {
            // The on-disk size only when it was measured too (not derived from a ratio).
            let disk = (f.uncompressed_provenance.certainty == Certainty::Measured)
                .then_some(f.uncompressed.estimate);
            Some((f.compressed.estimate, disk))
        }
        _ => None,
    };
    let suggested = format!("{repo}:{}", new_tag?);
    let ((fat, fat_disk), (lean, lean_disk)) = (exact(image)?, exact(&suggested)?);
    let less = fat.checked_sub(lean).filter(|d| *d > 0)?;
    let disk = match (fat_disk, lean_disk) {
        (Some(a), Some(b)) => format!("; ≈ {} vs ≈ {} on disk", human_bytes(a), human_bytes(b)),
        _ => String::new(),
    };
    Some(format!(
        "{image} is ≈ {} compressed, {suggested} ≈ {} (≈ {} less{disk})",
        human_bytes(fat),
        human_bytes(lean),
        human_bytes(less)
    ))
}

/// The sourced figures of a representative tag: said to be an example unless they are about
/// the image the file uses.
fn example_saving(saving: &str, image: &str) -> String {
    let about_this = saving
        .strip_prefix(image)
        .is_some_and(|rest| rest.starts_with(' '));
    if about_this {
        saving.to_string()
    } else {
        format!("for example, {saving}")
    }
}

/// The FROM of the final chain that names an external image (the root of the chain).
fn root_image<'a>(cx: &Cx<'a, '_>) -> Option<(usize, &'a Instruction, String)> {
    let chain = cx.final_chain();
    let root = *chain.first()?;
    let base = cx.bases[root].clone();
    if base.eq_ignore_ascii_case("scratch") {
        return None;
    }
    Some((root, cx.stages[root].from, base))
}

fn image_word_range(ins: &Instruction) -> TextRange {
    match &ins.args {
        Args::From { words } => words.first().map_or(ins.span, |w| w.range),
        _ => ins.span,
    }
}

fn base_image_rules(cx: &mut Cx<'_, '_>) {
    let Some((root, from, image)) = root_image(cx) else {
        return;
    };
    let repo = images::repository(&image);
    let tag = images::tag(&image);
    let word_range = image_word_range(from);
    let written = cx.text(word_range).to_string();
    // Rewriting the base is only safe when no stage outside the final image builds on it.
    let chain = cx.final_chain();
    let shared = (0..cx.stages.len()).any(|k| {
        !chain.contains(&k) && base_of(&cx.stages, &cx.bases, k).is_some_and(|b| chain.contains(&b))
    });
    let literal = !written.contains('$') && !shared;
    let multi = cx.stages.len() > 1;
    if let Some(info) = fat_runtime(&repo, &tag) {
        let mut d = diag(
            "FatRuntimeBase",
            word_range,
            format!("The final image is built on `{image}`, a full build-oriented image"),
        )
        .with_help(format!(
            "use {}: {}",
            info.suggestion,
            measured_saving(&image, &repo, info.fix_tag.as_deref())
                .unwrap_or_else(|| example_saving(info.saving, &image))
        ));
        if let (Some(new_tag), true) = (&info.fix_tag, literal) {
            let new_ref = replace_tag(&written, new_tag);
            d = d.with_fix(Fix {
                title: format!("Use `{new_ref}`"),
                edits: vec![TextEdit {
                    range: word_range,
                    text: new_ref,
                }],
            });
        }
        if root != cx.target {
            d = d.with_label(
                cx.stages[cx.target].from.span,
                "the final stage builds on it",
            );
        }
        cx.push(from, d);
        if info.toolchain {
            let d = diag(
                "BuildToolsInFinalImage",
                word_range,
                format!("The final image contains the `{repo}` toolchain from its base image `{image}`"),
            )
            .with_help(if multi {
                "build in an earlier stage and make the final stage `FROM` a small runtime image; copy only the built artifacts".to_string()
            } else {
                format!("split the file: `FROM {image} AS build` for the build, then a final stage on a small runtime image with `COPY --from=build` of the artifacts")
            });
            cx.push(from, d);
        }
    }
    if tag.contains("devel")
        && (repo.contains("cuda")
            || repo.contains("pytorch")
            || repo.contains("nvidia")
            || repo.contains("tensorflow"))
    {
        let new_tag = tag.replace("devel", "runtime");
        let mut d = diag(
            "DevelImageAtRuntime",
            word_range,
            format!("The final image is built on the CUDA development image `{image}`"),
        )
        .with_help(format!(
            "compile in a `-devel` builder stage and run on `{repo}:{new_tag}`: published guidance puts devel images 2–4 GB above runtime (cudnn-devel ≈ 2 GB more again)"
        ));
        if literal {
            let new_ref = replace_tag(&written, &new_tag);
            d = d.with_fix(Fix {
                title: format!("Use `{new_ref}`"),
                edits: vec![TextEdit {
                    range: word_range,
                    text: new_ref,
                }],
            });
        }
        cx.push(from, d);
    }
}

fn replace_tag(reference: &str, new_tag: &str) -> String {
    let (name, digest) = match reference.split_once('@') {
        Some((n, _)) => (n, true),
        None => (reference, false),
    };
    let _ = digest;
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    let repo = match name[slash..].find(':') {
        Some(i) => &name[..slash + i],
        None => name,
    };
    format!("{repo}:{new_tag}")
}

// ---------------------------------------------------------------- what reaches the final image

#[derive(Debug, Clone)]
struct Created {
    path: String,
    ins_range: TextRange,
    ins_start: u32,
    what: String,
    /// False for `mkdir`/`touch`: only the (empty) path itself is created, so deleting what
    /// is inside it later deletes nothing from this layer.
    content: bool,
}

impl Created {
    /// Does deleting `p` remove something this creation put in its layer?
    fn deleted_by(&self, p: &str) -> bool {
        if self.content {
            path_overlaps(p, &self.path)
        } else {
            let p = p.trim_end_matches('/');
            within(&self.path, p)
        }
    }
}

fn is_build_package(p: &str) -> bool {
    let p = p.split(['=', ':']).next().unwrap_or(p);
    matches!(
        p,
        "build-essential"
            | "build-base"
            | "gcc"
            | "g++"
            | "make"
            | "cmake"
            | "clang"
            | "llvm"
            | "autoconf"
            | "automake"
            | "libtool"
            | "pkg-config"
            | "pkgconf"
            | "gfortran"
            | "musl-dev"
            | "linux-headers"
            | "golang"
            | "golang-go"
            | "rustc"
            | "cargo"
            | "gcc-c++"
            | "cpp"
            | "binutils"
            | "ninja-build"
            | "meson"
            | "bison"
            | "flex"
    ) || p.starts_with("build-")
        || p.ends_with("-dev")
        || p.ends_with("-devel")
        || p.starts_with("gcc-")
        || p.starts_with("g++-")
}

/// Packages named by an install command (`apt-get install`, `apk add`, `yum/dnf install`).
fn installed_packages(c: &SimpleCommand) -> Option<(&'static str, Vec<String>)> {
    let w = c.args_from_name();
    let name = c.name()?;
    let (mgr, rest): (&str, &[String]) = match name {
        "apt-get" | "apt" | "aptitude" => {
            let i = w.iter().position(|x| x == "install")?;
            ("apt", &w[i + 1..])
        }
        "apk" => {
            let i = w.iter().position(|x| x == "add")?;
            ("apk", &w[i + 1..])
        }
        "yum" | "dnf" | "microdnf" | "zypper" => {
            let i = w.iter().position(|x| x == "install" || x == "in")?;
            ("rpm", &w[i + 1..])
        }
        _ => return None,
    };
    let mut pkgs = Vec::new();
    let mut skip_next = false;
    for a in rest {
        if skip_next {
            skip_next = false;
            continue;
        }
        if a.starts_with('-') {
            // `--virtual NAME` / `-t NAME` take a value.
            if matches!(a.as_str(), "--virtual" | "-t" | "--target-release" | "-o") {
                skip_next = true;
            }
            continue;
        }
        pkgs.push(a.clone());
    }
    Some((mgr, pkgs))
}

fn is_removal_of(c: &SimpleCommand, pkg: &str) -> bool {
    let w = c.args_from_name();
    match c.name() {
        Some("apt-get" | "apt") => {
            w.iter()
                .any(|x| x == "purge" || x == "remove" || x == "autoremove")
                && (w.iter().any(|x| x == pkg) || w.iter().any(|x| x == "autoremove"))
        }
        Some("apk") => w.iter().any(|x| x == "del") && w.iter().any(|x| x == pkg),
        Some("yum" | "dnf") => {
            w.iter().any(|x| x == "remove" || x == "erase") && w.iter().any(|x| x == pkg)
        }
        _ => false,
    }
}

/// The docker-library pattern: `apt-mark auto '.*'; apt-mark manual $saved; …;
/// apt-get purge -y --auto-remove` removes everything the RUN installed.
fn apt_mark_purged(cmds: &[SimpleCommand]) -> bool {
    let marked = cmds
        .iter()
        .any(|o| o.name() == Some("apt-mark") && o.words.iter().any(|x| x == "auto"));
    let purged = cmds.iter().any(|o| {
        matches!(o.name(), Some("apt-get" | "apt"))
            && o.words
                .iter()
                .any(|x| x == "--auto-remove" || x == "autoremove")
    });
    marked && purged
}

fn apk_virtual_removed(cmds: &[SimpleCommand], c: &SimpleCommand) -> bool {
    let w = c.args_from_name();
    let Some(i) = w.iter().position(|x| x == "--virtual" || x == "-t") else {
        return false;
    };
    let Some(v) = w.get(i + 1) else {
        return false;
    };
    cmds.iter().any(|o| is_removal_of(o, v))
}

fn final_image_rules(cx: &mut Cx<'_, '_>) {
    let chain = cx.final_chain();
    let escape = cx.input.parse.file.escape;
    let mut created: Vec<Created> = Vec::new();
    let mut env_keys: BTreeSet<String> = BTreeSet::new();
    let mut workdir = String::from("/");
    let mut findings: Vec<(&Instruction, Diagnostic)> = Vec::new();
    let instructions: Vec<&Instruction> = chain
        .iter()
        .flat_map(|&i| cx.stages[i].commands.iter())
        .collect();
    let run_cmds: Vec<Vec<SimpleCommand>> = instructions
        .iter()
        .map(|c| {
            if c.kind == Keyword::Run {
                run_commands(cx.input.text, c, escape)
            } else {
                Vec::new()
            }
        })
        .collect();
    for (n, c) in instructions.iter().enumerate() {
        match (&c.kind, &c.args) {
            (Keyword::Env, Args::Env { pairs }) => {
                for p in pairs {
                    env_keys.insert(format!("{}={}", p.key.text, p.value.text.trim_matches('"')));
                    env_keys.insert(p.key.text.clone());
                }
            }
            (Keyword::Workdir, Args::Workdir { value: Some(v) }) => {
                workdir = resolve(&workdir, &v.text);
            }
            (Keyword::Copy | Keyword::Add, _) => {
                if let Some(dest) = c.args.dest() {
                    let d = resolve(&workdir, &dest.text);
                    created.push(Created {
                        path: d,
                        ins_range: c.span,
                        ins_start: c.range.start,
                        what: format!("{} {}", c.keyword, dest.text),
                        content: true,
                    });
                }
                secret_copy(cx, c, &mut findings);
            }
            (Keyword::Run, _) => {
                let cmds = &run_cmds[n];
                let mut here: Vec<Created> = Vec::new();
                for sc in cmds {
                    for (path, what) in created_by(sc, &workdir) {
                        let content = !matches!(sc.name(), Some("mkdir" | "touch"));
                        here.push(Created {
                            path,
                            ins_range: c.span,
                            ins_start: c.range.start,
                            what,
                            content,
                        });
                    }
                }
                run_rules(
                    cx,
                    c,
                    cmds,
                    &created,
                    &here,
                    &env_keys,
                    &workdir,
                    &instructions[n + 1..],
                    &mut findings,
                );
                // What this RUN deletes is gone from the layers that follow; what it creates
                // and keeps is new.
                let deleted: Vec<String> = cmds
                    .iter()
                    .filter(|sc| sc.name() == Some("rm"))
                    .flat_map(|sc| {
                        sc.args_from_name()
                            .iter()
                            .skip(1)
                            .filter(|a| !a.starts_with('-') && !a.contains('$'))
                            .map(|a| resolve(&workdir, a))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                created.retain(|cr| !deleted.iter().any(|d| covers(d, &cr.path)));
                here.retain(|cr| !deleted.iter().any(|d| cr.deleted_by(d)));
                created.extend(here);
            }
            _ => {}
        }
    }
    for (ins, d) in findings {
        cx.push(ins, d);
    }
}

/// Absolute path of `p` relative to `workdir` (cleaned).
fn resolve(workdir: &str, p: &str) -> String {
    let p = p.trim_matches('"');
    if p.starts_with('/') {
        clean(p)
    } else {
        clean(&[workdir.trim_end_matches('/'), "/", p].concat())
    }
}

/// Paths a command leaves behind (cache directories and outputs it is known to create).
fn created_by(c: &SimpleCommand, workdir: &str) -> Vec<(String, String)> {
    let w = c.args_from_name();
    let mut out = Vec::new();
    let name = c.name().unwrap_or("");
    let has = |s: &str| w.iter().any(|x| x == s);
    match name {
        "apt-get" | "apt" if has("update") => {
            out.push(("/var/lib/apt/lists".into(), "apt-get update".into()))
        }
        "apt-get" | "apt" if has("install") => {
            out.push(("/var/cache/apt".into(), "apt-get install".into()))
        }
        "pip" | "pip3" if has("install") => {
            out.push(("/root/.cache/pip".into(), "pip install".into()))
        }
        "npm" if has("install") || has("ci") || has("i") => {
            out.push(("/root/.npm".into(), "npm install".into()));
            out.push((resolve(workdir, "node_modules"), "npm install".into()));
        }
        "yarn" => {
            out.push(("/usr/local/share/.cache/yarn".into(), "yarn".into()));
            out.push((resolve(workdir, "node_modules"), "yarn install".into()));
        }
        "apk" if has("add") => out.push(("/var/cache/apk".into(), "apk add".into())),
        "go" if has("build") || has("install") || has("mod") => {
            out.push((
                "/root/.cache/go-build".into(),
                format!("go {}", w.get(1).cloned().unwrap_or_default()),
            ));
            out.push(("/go/pkg/mod".into(), "go modules".into()));
        }
        "wget" | "curl" => {
            for (i, a) in w.iter().enumerate() {
                if (a == "-O" || a == "-o" || a == "--output" || a == "--output-document")
                    && i + 1 < w.len()
                {
                    out.push((
                        resolve(workdir, &w[i + 1]),
                        format!("{name} -o {}", w[i + 1]),
                    ));
                }
            }
            if name == "wget"
                && !w
                    .iter()
                    .any(|a| a.starts_with("-O") || a == "-q0" || a == "-qO-")
            {
                if let Some(url) = w.iter().skip(1).find(|a| a.contains("://")) {
                    if let Some(file) = url.rsplit('/').next().filter(|f| !f.is_empty()) {
                        out.push((resolve(workdir, file), format!("wget {url}")));
                    }
                }
            }
        }
        "git" if has("clone") => {
            let args: Vec<&String> = w.iter().skip(2).filter(|a| !a.starts_with('-')).collect();
            if let Some(url) = args.first() {
                let dir = match args.get(1) {
                    Some(d) => d.to_string(),
                    None => url
                        .trim_end_matches('/')
                        .trim_end_matches(".git")
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                };
                if !dir.is_empty() {
                    out.push((resolve(workdir, &dir), format!("git clone {url}")));
                }
            }
        }
        "mkdir" | "touch" => {
            for a in w.iter().skip(1).filter(|a| !a.starts_with('-')) {
                out.push((resolve(workdir, a), format!("{name} {a}")));
            }
        }
        "tar" => {
            if let Some(i) = w.iter().position(|a| a == "-C" || a == "--directory") {
                if let Some(d) = w.get(i + 1) {
                    out.push((resolve(workdir, d), "tar -x".into()));
                }
            }
        }
        "unzip" => {
            if let Some(i) = w.iter().position(|a| a == "-d") {
                if let Some(d) = w.get(i + 1) {
                    out.push((resolve(workdir, d), "unzip".into()));
                }
            }
        }
        _ => {}
    }
    out
}

/// `path` is `dir` or inside it (no allocation: this runs for every pair of paths).
fn within(path: &str, dir: &str) -> bool {
    path == dir
        || (path.len() > dir.len()
            && path.starts_with(dir)
            && path.as_bytes().get(dir.len()) == Some(&b'/'))
}

/// Does deleting `d` (possibly `dir/*`) remove all of `path`?
fn covers(d: &str, path: &str) -> bool {
    let d = d
        .trim_end_matches("/*")
        .trim_end_matches('*')
        .trim_end_matches('/');
    !d.is_empty() && within(path, d)
}

fn path_overlaps(a: &str, b: &str) -> bool {
    let a = a
        .trim_end_matches("/*")
        .trim_end_matches('*')
        .trim_end_matches('/');
    let b = b.trim_end_matches('/');
    if a.is_empty() || a == "/" || b.is_empty() || b == "/" {
        return false;
    }
    within(a, b) || within(b, a)
}

fn has_cache_mount(c: &Instruction, dir: &str) -> bool {
    c.flags_named("mount").any(|m| {
        let t = m.mount_option("type").unwrap_or_default();
        let target = m
            .mount_option("target")
            .or_else(|| m.mount_option("dst"))
            .or_else(|| m.mount_option("destination"))
            .unwrap_or_default();
        (t == "cache" || t == "tmpfs") && path_overlaps(&target, dir)
    })
}

#[allow(clippy::too_many_arguments)]
fn run_rules<'i>(
    cx: &Cx<'_, '_>,
    c: &'i Instruction,
    cmds: &[SimpleCommand],
    created: &[Created],
    here: &[Created],
    env_keys: &BTreeSet<String>,
    workdir: &str,
    later: &[&'i Instruction],
    findings: &mut Vec<(&'i Instruction, Diagnostic)>,
) {
    let escape = cx.input.parse.file.escape;
    let all_words = |pred: &dyn Fn(&SimpleCommand) -> bool| cmds.iter().any(pred);
    let shell_form = matches!(
        c.args,
        Args::Run {
            command: Some(stagecraft_syntax::Command::Shell(_))
        }
    ) && c.heredocs.is_empty();
    let append_fix = |title: &str, tail: &str| -> Option<Fix> {
        if !shell_form {
            return None;
        }
        let Args::Run {
            command: Some(stagecraft_syntax::Command::Shell(w)),
        } = &c.args
        else {
            return None;
        };
        Some(Fix {
            title: title.to_string(),
            edits: vec![TextEdit {
                range: TextRange::empty(w.range.end),
                text: format!(" {tail}"),
            }],
        })
    };
    let insert_after_word =
        |sc: &SimpleCommand, word: &str, flag: &str, title: &str| -> Option<Fix> {
            // Find `word` in the command's source text and insert ` flag` after it.
            let src = cx.text(sc.range);
            if sc.range == c.span {
                return None;
            }
            let mut from = 0;
            while let Some(i) = src[from..].find(word) {
                let at = from + i;
                let before_ok = at == 0 || src.as_bytes()[at - 1].is_ascii_whitespace();
                let end = at + word.len();
                let after_ok = end == src.len()
                    || src.as_bytes()[end].is_ascii_whitespace()
                    || src.as_bytes()[end] == escape as u8;
                if before_ok && after_ok {
                    return Some(Fix {
                        title: title.to_string(),
                        edits: vec![TextEdit {
                            range: TextRange::empty(sc.range.start + end as u32),
                            text: format!(" {flag}"),
                        }],
                    });
                }
                from = end;
            }
            None
        };

    for sc in cmds {
        let w = sc.args_from_name();
        let name = sc.name().unwrap_or("");
        let has = |s: &str| w.iter().any(|x| x == s);

        // PackageCacheInImage
        // Only `apt-get update` writes the lists (Debian images' docker-clean config already
        // empties the .deb cache after `install`), so that is where they are left behind.
        if (name == "apt-get" || name == "apt") && has("update") {
            let cleaned = all_words(&|o: &SimpleCommand| {
                o.name() == Some("rm")
                    && o.words.iter().any(|x| x.starts_with("/var/lib/apt/lists"))
            });
            let first_update = cmds.iter().position(|o| {
                matches!(o.name(), Some("apt-get" | "apt")) && o.words.iter().any(|x| x == "update")
            });
            let is_first = first_update.is_some_and(|i| std::ptr::eq(&cmds[i], sc));
            if is_first
                && !cleaned
                && !has_cache_mount(c, "/var/lib/apt/lists")
                && !has_cache_mount(c, "/var/lib/apt")
            {
                let d = diag(
                        "PackageCacheInImage",
                        sc.range,
                        "apt package lists are left in the image (`/var/lib/apt/lists`)".into(),
                    )
                    .with_help("remove them in the same RUN (`&& rm -rf /var/lib/apt/lists/*`) or use `--mount=type=cache,target=/var/lib/apt/lists`: the lists weigh ≈ 30–80 MB (typically ≈ 55 MB) and are never needed at run time")
                    .with_fix_opt(append_fix("Remove the apt lists in the same RUN", "&& rm -rf /var/lib/apt/lists/*"));
                findings.push((c, d));
            }
        }
        if name == "apk" && has("add") && !has("--no-cache") {
            let cleaned = all_words(&|o: &SimpleCommand| {
                o.name() == Some("rm") && o.words.iter().any(|x| x.starts_with("/var/cache/apk"))
            });
            if !cleaned
                && !has_cache_mount(c, "/var/cache/apk")
                && !has_cache_mount(c, "/etc/apk/cache")
            {
                let d = diag(
                    "PackageCacheInImage",
                    sc.range,
                    "`apk add` without `--no-cache` leaves the package index in the image".into(),
                )
                .with_help("use `apk add --no-cache` (the index cache is a few MB per repository)")
                .with_fix_opt(insert_after_word(
                    sc,
                    "add",
                    "--no-cache",
                    "Add `--no-cache`",
                ));
                findings.push((c, d));
            }
        }
        let pip_install = (matches!(name, "pip" | "pip3")
            || (name.starts_with("python")
                && w.get(1).map(String::as_str) == Some("-m")
                && w.get(2).is_some_and(|x| x == "pip" || x == "pip3")))
            && has("install");
        if pip_install && !has("--no-cache-dir") {
            let env_off = env_keys.iter().any(|k| {
                k.starts_with("PIP_NO_CACHE_DIR=") && !k.ends_with("=0") && !k.ends_with("=false")
            });
            let purged = all_words(&|o: &SimpleCommand| {
                (o.name() == Some("rm")
                    && o.words
                        .iter()
                        .any(|x| x.contains(".cache/pip") || x.contains(".cache")))
                    || (o.name().is_some_and(|n| n.starts_with("pip"))
                        && o.words.iter().any(|x| x == "purge"))
            });
            if !env_off
                && !purged
                && !has_cache_mount(c, "/root/.cache/pip")
                && !has_cache_mount(c, "/root/.cache")
            {
                let d = diag("PackageCacheInImage", sc.range, "`pip install` without `--no-cache-dir` leaves pip's download cache in the image".into())
                    .with_help("use `pip install --no-cache-dir` or `--mount=type=cache,target=/root/.cache/pip`: the cache holds every downloaded wheel again (hundreds of MB for torch or tensorflow)")
                    .with_fix_opt(insert_after_word(sc, "install", "--no-cache-dir", "Add `--no-cache-dir`"));
                findings.push((c, d));
            }
        }
        if name == "npm" && (has("install") || has("ci") || has("i")) {
            let cleaned = all_words(&|o: &SimpleCommand| {
                (o.name() == Some("npm") && o.words.iter().any(|x| x == "cache"))
                    || (o.name() == Some("rm") && o.words.iter().any(|x| x.contains(".npm")))
            });
            if !cleaned && !has_cache_mount(c, "/root/.npm") {
                let d = diag("PackageCacheInImage", sc.range, "npm's cache (`~/.npm`) is left in the image".into())
                    .with_help("add `&& npm cache clean --force` to the same RUN or use `--mount=type=cache,target=/root/.npm`: the cache holds a second copy of every package tarball")
                    .with_fix_opt(append_fix("Clean the npm cache in the same RUN", "&& npm cache clean --force"));
                findings.push((c, d));
            }
        }
        if name == "yarn" && (w.len() == 1 || has("install")) {
            let cleaned = all_words(&|o: &SimpleCommand| {
                o.name() == Some("yarn") && o.words.iter().any(|x| x == "cache")
            });
            if !cleaned && !has_cache_mount(c, "/usr/local/share/.cache/yarn") {
                let d = diag(
                    "PackageCacheInImage",
                    sc.range,
                    "yarn's cache is left in the image".into(),
                )
                .with_help("add `&& yarn cache clean` to the same RUN or use a cache mount")
                .with_fix_opt(append_fix(
                    "Clean the yarn cache in the same RUN",
                    "&& yarn cache clean",
                ));
                findings.push((c, d));
            }
        }
        if name == "go"
            && (has("build") || has("install") || (has("mod") && has("download")))
            && !has_cache_mount(c, "/root/.cache/go-build")
            && !has_cache_mount(c, "/go/pkg/mod")
        {
            let d = diag("PackageCacheInImage", sc.range, "Go's build and module caches (`/root/.cache/go-build`, `/go/pkg/mod`) are left in the final image".into())
                .with_help("build in a separate stage, or use `--mount=type=cache,target=/root/.cache/go-build` and `--mount=type=cache,target=/go/pkg/mod`");
            findings.push((c, d));
        }
        if name == "cargo"
            && (has("build") || has("install"))
            && !has_cache_mount(c, "/usr/local/cargo/registry")
            && !has_cache_mount(c, "/root/.cargo/registry")
        {
            let d = diag("PackageCacheInImage", sc.range, "cargo's registry and build output are left in the final image".into())
                .with_help("build in a separate stage, or use `--mount=type=cache,target=/usr/local/cargo/registry` and a cache mount for `target/`");
            findings.push((c, d));
        }
        if matches!(name, "conda" | "mamba" | "micromamba") && has("install") {
            let cleaned = all_words(&|o: &SimpleCommand| {
                matches!(o.name(), Some("conda" | "mamba" | "micromamba"))
                    && o.words.iter().any(|x| x == "clean")
            });
            if !cleaned {
                let d = diag(
                    "PackageCacheInImage",
                    sc.range,
                    "conda's package cache is left in the image".into(),
                )
                .with_help("add `&& conda clean -afy` to the same RUN")
                .with_fix_opt(append_fix(
                    "Clean the conda cache in the same RUN",
                    "&& conda clean -afy",
                ));
                findings.push((c, d));
            }
        }

        // BuildToolsInFinalImage (installed packages)
        if let Some((_, pkgs)) = installed_packages(sc) {
            let tools: Vec<&String> = pkgs.iter().filter(|p| is_build_package(p)).collect();
            let removed = apk_virtual_removed(cmds, sc) || apt_mark_purged(cmds);
            let kept: Vec<&String> = tools
                .into_iter()
                .filter(|p| !removed && !cmds.iter().any(|o| is_removal_of(o, p)))
                .collect();
            if !kept.is_empty() {
                let list = kept
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let d = diag("BuildToolsInFinalImage", sc.range, format!("Build tools are installed in the final image: {list}"))
                    .with_help("install them in a builder stage and copy only the built artifacts into the final stage, or remove them in the same RUN (`apk add --virtual .build-deps … && apk del .build-deps`, `apt-get purge -y --auto-remove …`); a Debian compiler set (gcc g++ libc6-dev make pkg-config) is ≈ 102 MB compressed, the buildpack-deps dev step with ~40 -dev libraries ≈ 236 MB");
                findings.push((c, d));
            }
        }

        // DevDependenciesInFinalImage
        let prod_env = env_keys.iter().any(|k| k == "NODE_ENV=production");
        if name == "npm"
            && (has("ci") || (has("install") && w.iter().skip(2).all(|a| a.starts_with('-'))))
        {
            let prod = w.iter().any(|a| {
                a == "--production"
                    || a == "--omit=dev"
                    || a == "--only=prod"
                    || a == "--only=production"
                    || a == "--prod"
            });
            let pruned = later.iter().chain(std::iter::once(&c)).any(|l| {
                l.original.contains("npm prune")
                    && (l.original.contains("--production") || l.original.contains("--omit=dev"))
            });
            if !prod && !prod_env && !pruned {
                let builds_later = later
                    .iter()
                    .any(|l| l.original.contains("npm run") || l.original.contains("yarn build"))
                    || cmds
                        .iter()
                        .any(|o| o.name() == Some("npm") && o.words.iter().any(|x| x == "run"));
                let verb = if has("ci") { "ci" } else { "install" };
                let mut d = diag("DevDependenciesInFinalImage", sc.range, format!("`npm {verb}` installs devDependencies into the final image"))
                    .with_help(if builds_later {
                        "the build needs them, so build in a builder stage and install with `npm ci --omit=dev` in the final stage (or `npm prune --omit=dev` after the build)".to_string()
                    } else {
                        format!("use `npm {verb} --omit=dev` (or set `NODE_ENV=production`): test runners, linters and bundlers are not needed at run time")
                    });
                if !builds_later {
                    if let Some(f) = insert_after_word(sc, verb, "--omit=dev", "Add `--omit=dev`") {
                        d = d.with_fix(f);
                    }
                }
                findings.push((c, d));
            }
        }
        if name == "yarn" && (w.len() == 1 || has("install")) && !has("--production") && !prod_env {
            let d = diag("DevDependenciesInFinalImage", sc.range, "`yarn install` installs devDependencies into the final image".into())
                .with_help("use `yarn install --production` (or `yarn workspaces focus --production` with Yarn 2+) in the final stage");
            findings.push((c, d));
        }
        if pip_install {
            if let Some(i) = w.iter().position(|a| a == "-r" || a == "--requirement") {
                if let Some(f) = w.get(i + 1) {
                    let lower = f.go_lower();
                    if lower.contains("dev") || lower.contains("test") || lower.contains("lint") {
                        let d = diag("DevDependenciesInFinalImage", sc.range, format!("`{f}` looks like development requirements installed into the final image"))
                            .with_help("install only the runtime requirements (e.g. `requirements.txt`) in the final stage");
                        findings.push((c, d));
                    }
                }
            }
        }
        if name == "poetry"
            && has("install")
            && !w
                .iter()
                .any(|a| a == "--no-dev" || a.starts_with("--only") || a.starts_with("--without"))
        {
            let d = diag(
                "DevDependenciesInFinalImage",
                sc.range,
                "`poetry install` installs the dev dependency group into the final image".into(),
            )
            .with_help("use `poetry install --only main` (or `--without dev`)");
            findings.push((c, d));
        }
        if name == "pipenv" && has("install") && has("--dev") {
            let d = diag(
                "DevDependenciesInFinalImage",
                sc.range,
                "`pipenv install --dev` installs development packages into the final image".into(),
            )
            .with_help("drop `--dev` in the final stage");
            findings.push((c, d));
        }
        if name == "composer" && has("install") && !has("--no-dev") {
            let d = diag(
                "DevDependenciesInFinalImage",
                sc.range,
                "`composer install` installs require-dev packages into the final image".into(),
            )
            .with_help("use `composer install --no-dev --optimize-autoloader`")
            .with_fix_opt(insert_after_word(
                sc,
                "install",
                "--no-dev",
                "Add `--no-dev`",
            ));
            findings.push((c, d));
        }

        // DeletionInLaterLayer
        if name == "rm" {
            for a in w
                .iter()
                .skip(1)
                .filter(|a| !a.starts_with('-') && !a.contains('$'))
            {
                let p = resolve(workdir, a);
                // Created again by this same RUN: deleting it here is right.
                if here.iter().any(|h| h.deleted_by(&p)) {
                    continue;
                }
                if let Some(cr) = created
                    .iter()
                    .rev()
                    .find(|cr| cr.ins_start < c.range.start && cr.deleted_by(&p))
                {
                    let d = diag("DeletionInLaterLayer", sc.range, format!("`rm {a}` in a later layer does not make the image smaller"))
                        .with_help(format!(
                            "`{}` was created by an earlier instruction ({}); its layer still holds the files. Delete them in the same RUN that creates them, or build in another stage and copy only what you need",
                            cr.path, cr.what
                        ))
                        .with_label(cr.ins_range, "created in this earlier layer");
                    findings.push((c, d));
                    break;
                }
            }
        }
        if matches!(name, "apt-get" | "apt" | "apk" | "yum" | "dnf")
            && (has("purge") || has("remove") || has("del") || has("autoremove") || has("erase"))
        {
            // Removing packages that an earlier RUN installed.
            let earlier_install = created.iter().any(|cr| {
                cr.ins_start < c.range.start
                    && (cr.what.starts_with("apt-get install") || cr.what.starts_with("apk add"))
            });
            let same_run_install = cmds.iter().any(|o| installed_packages(o).is_some());
            if earlier_install && !same_run_install {
                let d = diag("DeletionInLaterLayer", sc.range, format!("Removing packages with `{name}` in a later layer does not make the image smaller"))
                    .with_help("install and remove build-only packages in the same RUN, or install them in a builder stage");
                findings.push((c, d));
            }
        }

        // CopyUpByChmod
        if matches!(name, "chmod" | "chown") {
            let args: Vec<&String> = w.iter().skip(1).filter(|a| !a.starts_with('-')).collect();
            if args.len() >= 2 {
                let mode = args[0];
                for a in &args[1..] {
                    let p = resolve(workdir, a);
                    if let Some(cr) = created
                        .iter()
                        .rev()
                        .find(|cr| cr.ins_start < c.range.start && path_overlaps(&p, &cr.path))
                    {
                        let recursive = w.iter().any(|x| x == "-R" || x == "--recursive");
                        let flag = if name == "chmod" {
                            "--chmod"
                        } else {
                            "--chown"
                        };
                        let mut d = diag("CopyUpByChmod", sc.range, format!("`{name} {mode} {a}` copies the files it changes into a new layer"))
                            .with_help(format!(
                                "`{}` comes from an earlier layer ({}); changing its {} stores every affected file again{}. Set it when the files are created: `COPY {flag}={mode}` or in the same RUN",
                                cr.path,
                                cr.what,
                                if name == "chmod" { "mode" } else { "owner" },
                                if recursive { " (recursively)" } else { "" }
                            ))
                            .with_label(cr.ins_range, "created in this earlier layer");
                        if let Some(f) = chmod_fix(cx, c, cmds, cr, name, mode, &p) {
                            d = d.with_fix(f);
                        }
                        findings.push((c, d));
                        break;
                    }
                }
            }
        }

        // SecretInFinalImage (written by RUN and not deleted by the same RUN)
        for (i, a) in sc.words.iter().enumerate() {
            if (a == ">" || a == ">>" || a == "tee") && i + 1 < sc.words.len() {
                let target = &sc.words[i + 1];
                let removed = cmds.iter().any(|o| {
                    o.name() == Some("rm")
                        && o.words
                            .iter()
                            .skip(1)
                            .any(|x| resolve(workdir, x) == resolve(workdir, target))
                });
                if removed {
                    continue;
                }
                if let Some(kind) = secret_file(target) {
                    let d = diag("SecretInFinalImage", sc.range, format!("A {kind} is written to `{target}` in the final image"))
                        .with_help("anyone who can pull the image can read it, even if a later layer deletes it: use `RUN --mount=type=secret,id=…,target=…` instead");
                    findings.push((c, d));
                }
            }
        }
    }
}

trait WithFixOpt {
    fn with_fix_opt(self, f: Option<Fix>) -> Self;
}

impl WithFixOpt for Diagnostic {
    fn with_fix_opt(mut self, f: Option<Fix>) -> Self {
        self.fix = f;
        self
    }
}

/// For `RUN chmod MODE PATH` alone right after a `COPY … PATH`: move the mode into the COPY.
fn chmod_fix(
    cx: &Cx<'_, '_>,
    c: &Instruction,
    cmds: &[SimpleCommand],
    cr: &Created,
    name: &str,
    mode: &str,
    path: &str,
) -> Option<Fix> {
    if cmds.len() != 1 || cr.path != path {
        return None;
    }
    if name == "chmod" && !mode.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let copy = cx.input.parse.file.instructions.iter().find(|i| {
        i.range.start == cr.ins_start && matches!(i.kind, Keyword::Copy | Keyword::Add)
    })?;
    let flag = if name == "chmod" { "chmod" } else { "chown" };
    if copy.flag(flag).is_some() {
        return None;
    }
    Some(Fix {
        title: format!(
            "Set `--{flag}={mode}` on the {} and drop the RUN",
            copy.keyword
        ),
        edits: vec![
            TextEdit {
                range: TextRange::empty(copy.keyword_range.end),
                text: format!(" --{flag}={mode}"),
            },
            TextEdit {
                range: c.range,
                text: String::new(),
            },
        ],
    })
}

fn secret_file(path: &str) -> Option<&'static str> {
    let base = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let lower = base.go_lower();
    if matches!(lower.as_str(), ".env" | ".env.local" | ".env.production") {
        Some("secret environment file")
    } else if matches!(
        lower.as_str(),
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519"
    ) || lower.ends_with(".pem") && lower.contains("key")
        || lower.ends_with(".key")
    {
        Some("private key")
    } else if matches!(lower.as_str(), ".npmrc" | ".pypirc" | ".netrc" | ".git-credentials" | "credentials" | "credentials.json" | ".dockercfg" | "config.json" if lower != "config.json" || path.contains(".docker"))
    {
        Some("credentials file")
    } else {
        None
    }
}

fn secret_copy<'i>(
    cx: &Cx<'_, '_>,
    c: &'i Instruction,
    findings: &mut Vec<(&'i Instruction, Diagnostic)>,
) {
    if c.flag("from").is_some() {
        return;
    }
    for src in c.args.sources() {
        if let Some(kind) = secret_file(&src.text) {
            let d = diag("SecretInFinalImage", on_line(cx, c, src.range), format!("A {kind} (`{}`) is copied into the final image", src.text))
                .with_help("anyone who can pull the image can read every layer: pass it with `RUN --mount=type=secret` and keep it out of the context with `.dockerignore`");
            findings.push((c, d));
        }
    }
}

fn on_line(cx: &Cx<'_, '_>, c: &Instruction, r: TextRange) -> TextRange {
    if cx.input.index.line0(r.start) as u32 + 1 == c.line {
        r
    } else {
        c.span
    }
}

// ---------------------------------------------------------------- COPY --from of whole directories

fn copy_whole_build_directory(cx: &mut Cx<'_, '_>) {
    let escape = cx.input.parse.file.escape;
    let mut found: Vec<(&Instruction, Diagnostic)> = Vec::new();
    for (i, st) in cx.stages.iter().enumerate() {
        if !cx.checked[i] {
            continue;
        }
        for c in st.commands {
            let Some(f) = copy_from_flag(c) else {
                continue;
            };
            let Source::Stage(j) = copy_from_source(&cx.stages, f.value.as_deref().unwrap_or(""))
            else {
                continue;
            };
            // Directories of stage j (and its base stages) that received the build context.
            let mut ctx_dirs: Vec<String> = Vec::new();
            // RUNs with their working directory; split into commands only when a finding needs
            // their build outputs (splitting every RUN per COPY --from was check's hot spot).
            let mut runs: Vec<(&Instruction, String)> = Vec::new();
            let mut chain = vec![j];
            let mut cur = j;
            while let Some(b) = base_of(&cx.stages, &cx.bases, cur) {
                if chain.contains(&b) {
                    break;
                }
                chain.push(b);
                cur = b;
            }
            chain.reverse();
            let mut workdir = String::from("/");
            for &k in &chain {
                for ins in cx.stages[k].commands {
                    match (&ins.kind, &ins.args) {
                        (Keyword::Workdir, Args::Workdir { value: Some(v) }) => {
                            workdir = resolve(&workdir, &v.text)
                        }
                        (Keyword::Copy | Keyword::Add, _) if ins.flag("from").is_none() => {
                            let whole = ins
                                .args
                                .sources()
                                .iter()
                                .any(|s| matches!(s.text.as_str(), "." | "./" | "*" | "./*"));
                            if whole {
                                if let Some(d) = ins.args.dest() {
                                    ctx_dirs.push(resolve(&workdir, &d.text));
                                }
                            }
                        }
                        (Keyword::Run, _) => runs.push((ins, workdir.clone())),
                        _ => {}
                    }
                }
            }
            if ctx_dirs.is_empty() {
                continue;
            }
            let mut artifacts: Option<Vec<String>> = None;
            for src in c.args.sources() {
                let p = resolve("/", &src.text);
                let whole = ctx_dirs
                    .iter()
                    .any(|d| d == &p || p == "/" || d.starts_with(&format!("{p}/")));
                if !whole {
                    continue;
                }
                let from_name = f.value.clone().unwrap_or_default();
                let artifacts = artifacts.get_or_insert_with(|| {
                    let mut out = Vec::new();
                    for (ins, workdir) in &runs {
                        for sc in run_commands(cx.input.text, ins, escape) {
                            out.extend(build_outputs(&sc, workdir));
                        }
                    }
                    out
                });
                let help = if artifacts.is_empty() {
                    format!("copy only the build output of `{from_name}` (the binary, `dist/`, `build/`, `target/*.jar` …), not the directory holding the sources and intermediates")
                } else {
                    let list = artifacts
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("copy only the artifacts: {list}; sources, dependencies and intermediates (node_modules, target/, .git …) follow the directory into the final image")
                };
                let d = diag(
                    "CopyWholeBuildDirectory",
                    on_line(cx, c, src.range),
                    format!("`COPY --from={from_name} {}` copies the whole build directory of stage `{from_name}`", src.text),
                )
                .with_help(help);
                found.push((c, d));
            }
        }
    }
    for (c, d) in found {
        cx.push(c, d);
    }
}

/// Artifacts a build command produces, as absolute paths where known.
fn build_outputs(c: &SimpleCommand, workdir: &str) -> Vec<String> {
    let w = c.args_from_name();
    let name = c.name().unwrap_or("");
    let has = |s: &str| w.iter().any(|x| x == s);
    let mut out = Vec::new();
    let flag_value = |flag: &str| -> Option<&String> {
        w.iter().position(|x| x == flag).and_then(|i| w.get(i + 1))
    };
    match name {
        "go" if has("build") => match flag_value("-o") {
            Some(o) => out.push(resolve(workdir, o)),
            None => out.push(format!("{} (the binary `go build` writes)", workdir)),
        },
        "npm" | "yarn" | "pnpm"
            if has("build") || (has("run") && w.iter().any(|x| x.contains("build"))) =>
        {
            out.push(resolve(workdir, "dist"));
            out.push(resolve(workdir, "build"));
        }
        "cargo" if has("build") => out.push(resolve(
            workdir,
            if has("--release") {
                "target/release/<binary>"
            } else {
                "target/debug/<binary>"
            },
        )),
        "mvn" | "./mvnw" | "mvnw" if has("package") || has("install") || has("verify") => {
            out.push(resolve(workdir, "target/*.jar"))
        }
        "gradle" | "gradlew"
            if w.iter()
                .any(|x| x == "build" || x == "bootJar" || x == "jar" || x == "assemble") =>
        {
            out.push(resolve(workdir, "build/libs/*.jar"))
        }
        "dotnet" if has("publish") => match flag_value("-o").or_else(|| flag_value("--output")) {
            Some(o) => out.push(resolve(workdir, o)),
            None => out.push(resolve(workdir, "bin/Release/<tfm>/publish")),
        },
        "pip" | "pip3" if has("wheel") => out.push(resolve(
            workdir,
            flag_value("-w").map_or("dist", |s| s.as_str()),
        )),
        "python" | "python3" if has("build") || has("bdist_wheel") => {
            out.push(resolve(workdir, "dist/*.whl"))
        }
        "gcc" | "g++" | "cc" | "clang" => {
            if let Some(o) = flag_value("-o") {
                out.push(resolve(workdir, o));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slim_tags_follow_each_image_convention() {
        let tag = |repo: &str, t: &str| fat_runtime(repo, t).and_then(|i| i.fix_tag);
        assert_eq!(tag("python", "3.12"), Some("3.12-slim".into()));
        assert_eq!(
            tag("python", "3.11-bookworm"),
            Some("3.11-slim-bookworm".into())
        );
        assert_eq!(tag("python", "latest"), Some("slim".into()));
        assert_eq!(tag("node", "18-bookworm"), Some("18-bookworm-slim".into()));
        assert_eq!(tag("node", "20-alpine"), None);
        assert_eq!(tag("eclipse-temurin", "21-jdk"), Some("21-jre".into()));
        assert!(fat_runtime("golang", "1.22-alpine").is_some_and(|i| i.toolchain));
        assert!(fat_runtime("python", "3.12-alpine").is_none());
    }
}
