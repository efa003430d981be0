//! The symbolic build: per stage a list of entries (files, trees, package sets, caches) with the
//! layer that wrote them, tools with their paths, and the layer sizes that follow from Docker's
//! layer semantics.
//!
//! Layer rules as Docker applies them: an entry removed in the layer that created it costs
//! nothing; removed in a later layer it still costs its bytes (a whiteout hides it); chmod/chown
//! of an entry from an earlier layer copies it up (its bytes count again); cache, tmpfs and
//! secret mounts add nothing to the layer.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use stagecraft_knowledge::{
    self as kb, artifact, debian_tools, parse_image_ref, resolve_apk, OsFamily, PackageSet,
    PipOptions, Presence, SizeRange,
};
use stagecraft_model::{Env, Model, Source};
use stagecraft_syntax::{sort, Command, Instruction, Keyword, Parse, TextRange};

use crate::chain::Chain;
use crate::context::{clean_rel, glob_match, glob_match_path, is_manifest_name, Context};
use crate::output::{
    BaseInfo, CacheInfo, EffectInfo, FileInfo, FileKind, FileSource, FinalImage, LayerInfo,
    SecretInfo, Simulation, StageInfo, ToolInfo, ToolKind, Why,
};
use crate::recognise::{
    basename, recognise_exec, recognise_shell, resolve, CacheKind, DownloadOutput, Effect,
    NodeTool, PyInstaller, Recognised, ShellContext,
};
use crate::{manifests, memo, unknowns};

#[derive(Debug, Clone)]
struct Entry {
    // Shared with the per-stage `FileInfo` lists and the copies of the file table each stage
    // starts from.
    path: Arc<str>,
    kind: FileKind,
    source: FileSource,
    size: SizeRange,
    what: Arc<str>,
    why: Chain,
    layer: u32,
    cache: Option<CacheKind>,
    /// Context path for files copied from the context (to read manifests).
    ctx_path: Option<String>,
    /// Not listed as a file (copy-ups, manifest index entries inside a copied tree).
    hidden: bool,
    /// apt: the packages requested; apk: the virtual name.
    group: Arc<[String]>,
}

#[derive(Debug, Clone)]
struct Tool {
    // Shared strings: every stage on a base image and every stage built on another copies
    // the whole tool list.
    name: Arc<str>,
    package: Option<Arc<str>>,
    path: Arc<str>,
    why: Chain,
    /// Layer of the entry that brought it (removal of that entry removes the tool).
    layer: u32,
}

#[derive(Debug, Clone)]
struct Fs {
    entries: Vec<Entry>,
    tools: Vec<Tool>,
    secrets: Vec<SecretInfo>,
    apt: Option<std::sync::Arc<PackageSet>>,
    /// What determines `apt`: the base set and the installs since (memo key).
    apt_lineage: String,
    apk: BTreeSet<String>,
    pip_installed: BTreeMap<String, BTreeSet<String>>,
    venvs: Vec<String>,
    os: OsFamily,
    python_minor: Option<u32>,
    image: Option<String>,
    /// Uncompressed / compressed ratio of the base image family.
    ratio: f64,
    cwd: String,
    user: String,
    poetry_no_venv: bool,
    /// Directories known to exist (WORKDIR, mkdir, copied trees).
    dirs: BTreeSet<String>,
    /// `PATH` as the RUN sees it (a venv's bin first means its pip).
    path_var: Option<String>,
    /// `GOPATH` when the stage (or its image) sets it.
    go_path: Option<String>,
    /// Downloaded archives whose unpacked size a registry states (npm tarballs), by path.
    unpacked: BTreeMap<String, SizeRange>,
    size: SizeRange,
    compressed: SizeRange,
}

impl Fs {
    fn empty(ratio: f64) -> Fs {
        Fs {
            entries: Vec::new(),
            tools: Vec::new(),
            secrets: Vec::new(),
            apt: None,
            apt_lineage: String::new(),
            apk: BTreeSet::new(),
            pip_installed: BTreeMap::new(),
            venvs: Vec::new(),
            os: OsFamily::Scratch,
            python_minor: None,
            image: None,
            ratio,
            cwd: "/".into(),
            user: "root".into(),
            poetry_no_venv: false,
            dirs: BTreeSet::new(),
            path_var: None,
            go_path: None,
            unpacked: BTreeMap::new(),
            size: SizeRange::ZERO,
            compressed: SizeRange::ZERO,
        }
    }

    fn home(&self) -> String {
        match self.user.split(':').next().unwrap_or("root") {
            "root" | "0" | "" => "/root".into(),
            u => format!("/home/{u}"),
        }
    }
}

/// Path `p` is `root` or lies below it.
fn under(p: &str, root: &str) -> bool {
    root == "/"
        || p == root
        || p.strip_prefix(root)
            .is_some_and(|r| r.starts_with('/') || root.ends_with('/'))
}

/// Removal pattern matching: `dir/*` removes the contents of `dir`, other globs match by
/// component, plain paths remove the path and everything below.
fn removal_matches(pattern: &str, path: &str) -> bool {
    if let Some(dir) = pattern.strip_suffix("/*") {
        if !dir.contains(['*', '?', '[']) {
            return under(path, dir) && path != "/";
        }
    }
    if pattern.contains(['*', '?', '[']) {
        if glob_match_path(pattern, path) {
            return true;
        }
        // A glob matching an ancestor removes the whole subtree.
        let comps: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        return (1..comps.len()).any(|k| glob_match_path(pattern, &comps[..k].join("/")));
    }
    under(path, pattern.trim_end_matches('/')) && path != "/"
}

fn short(text: &str) -> String {
    // Most instructions are one line without doubled or unusual whitespace: copy them as is.
    // One pass: ASCII, no whitespace but single spaces, none at either end.
    let b = text.as_bytes();
    let mut prev = b' ';
    let plain = b.len() <= 120
        && b.iter().all(|&c| {
            let ok = c.is_ascii()
                && !(c == b' ' && prev == b' ')
                && !((c.is_ascii_whitespace() && c != b' ') || c == 0x0b);
            prev = c;
            ok
        })
        && prev != b' ';
    if plain {
        return text.to_string();
    }
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 120 {
        let mut s: String = one.chars().take(117).collect();
        s.push('…');
        s
    } else {
        one
    }
}

/// `kb::pypi::normalize_name`, skipping its per-character Unicode lower-casing for names that
/// are normalised already (lower-case ASCII letters and digits, single inner dashes: most).
fn pypi_name(name: &str) -> String {
    let b = name.as_bytes();
    let plain = b
        .iter()
        .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && b.first().is_some_and(|&c| c != b'-')
        && b.last().is_some_and(|&c| c != b'-')
        && !name.contains("--");
    if plain {
        name.to_string()
    } else {
        kb::pypi::normalize_name(name)
    }
}

fn python_minor_of(reference: &str) -> Option<u32> {
    let r = parse_image_ref(reference);
    let repo = r.repository.rsplit('/').next().unwrap_or("");
    if !repo.starts_with("python") {
        return None;
    }
    let tag = r.tag.unwrap_or_default();
    let mut parts = tag.split(['.', '-']);
    let major = parts.next()?;
    if major != "3" {
        return None;
    }
    parts.next()?.parse().ok()
}

/// What a RUN's shell sees: the stage's variables, and `HOME` unless the stage sets it.
fn shell_context(fs: &Fs, home: String, env: Option<&Env>) -> ShellContext {
    let mut vars: BTreeMap<String, String> = env
        .map(|e| {
            e.iter()
                .map(|(k, v)| (k.to_string(), v.value.clone()))
                .collect()
        })
        .unwrap_or_default();
    if !vars.contains_key("HOME") {
        vars.insert("HOME".into(), home.clone());
    }
    ShellContext {
        cwd: fs.cwd.clone(),
        home,
        vars,
    }
}

/// `c == shell_context(fs, home, env)` for a working directory `cwd`, without building it:
/// as many variables, each the stage's value (or the `HOME` it lacks).
fn same_context(c: &ShellContext, cwd: &str, home: &str, env: Option<&Env>) -> bool {
    let get = |k: &str| env.and_then(|e| e.get(k));
    let own_home = get("HOME").is_some();
    c.cwd == cwd
        && c.home == home
        && c.vars.len() == env.map_or(0, Env::len) + usize::from(!own_home)
        && c.vars.iter().all(|(k, v)| match get(k) {
            Some(x) => x == v,
            None => !own_home && k == "HOME" && v == home,
        })
}

const SECRET_WORDS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
    "AUTH",
];

fn secret_var(name: &str) -> bool {
    // ASCII case-insensitive substring search without an upper-case copy; a word is compared
    // only where its first letter matches.
    let hay = name.as_bytes();
    (0..hay.len()).any(|i| {
        let rest = hay.get(i..).unwrap_or_default();
        let first = rest.first().map(u8::to_ascii_uppercase);
        SECRET_WORDS.iter().any(|w| {
            first == w.as_bytes().first().copied()
                && rest
                    .get(..w.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(w.as_bytes()))
        })
    })
}

/// File names that usually hold secrets.
fn secret_file(path: &str) -> Option<&'static str> {
    let base = path.rsplit('/').next().unwrap_or(path);
    if base == ".env" || (base.starts_with(".env.") && !base.ends_with(".example")) {
        Some("dotenv file")
    } else if matches!(base, "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519") {
        Some("SSH private key")
    } else if base.ends_with(".pem")
        || base.ends_with(".key")
        || base.ends_with(".p12")
        || base.ends_with(".pfx")
    {
        Some("private key or certificate")
    } else if matches!(
        base,
        ".npmrc" | ".pypirc" | ".netrc" | ".git-credentials" | "credentials.json" | "credentials"
    ) {
        Some("credentials file")
    } else {
        None
    }
}

struct Sim<'a> {
    parse: &'a Parse,
    model: &'a Model,
    ctx: Option<&'a Context>,
    done: Vec<Option<Fs>>,
    next_layer: u32,
    fallback_ratio: f64,
    /// While an ONBUILD trigger of a base stage runs: (index of the `ONBUILD` instruction,
    /// the stage it runs in).
    trigger: Option<(u32, u32)>,
    /// Shell-form RUN scripts recognised so far, with the context they ran in and their
    /// commands (ranges relative to the script). Recognition is pure, and a multi-stage file
    /// repeats the same RUN in many stages.
    scripts: Vec<(String, ShellContext, Vec<Recognised>)>,
    /// The tools of apt installs as rows (name, package, path, why-note), made once per
    /// resolution and requested packages: stages on the same base repeat their installs.
    apt_tools: Vec<(Arc<memo::AptInstall>, Vec<String>, AptTools)>,
}

/// Tool rows of one apt install: (name, package, path, why-note).
type AptTools = Arc<[(Arc<str>, Arc<str>, Arc<str>, Arc<str>)]>;

/// Runs the simulation over a parsed and lowered Dockerfile.
pub fn run(parse: &Parse, model: &Model, context: Option<&Context>) -> Simulation {
    // Ratio for stages whose base says nothing (scratch, unknown images): Debian slim's.
    let fallback_ratio = memo::image("debian:bookworm-slim")
        .facts()
        .map(|f| f.uncompressed.estimate as f64 / f.compressed.estimate.max(1) as f64)
        .filter(|r| r.is_finite() && *r >= 1.0)
        .unwrap_or(1.0);
    let mut sim = Sim {
        parse,
        model,
        ctx: context,
        done: Vec::new(),
        next_layer: 1,
        fallback_ratio,
        trigger: None,
        scripts: Vec::new(),
        apt_tools: Vec::new(),
    };
    let mut stages = Vec::new();
    for stage in &model.stages {
        let (info, fs) = sim.stage(stage);
        sim.done.push(Some(fs));
        stages.push(info);
    }
    let final_image = model.target.and_then(|t| {
        let s: &StageInfo = stages.get(t as usize)?;
        Some(FinalImage {
            stage: t,
            size: s.size,
            compressed: s.compressed,
            files: s.files.clone(),
            tools: s.tools.clone(),
            caches: s.caches.clone(),
            secrets: s.secrets.clone(),
        })
    });
    Simulation {
        stages,
        final_image,
    }
}

struct Layer {
    id: u32,
    stage: u32,
    /// This layer as a why-step without a note, shared by everything it touches.
    plain: Arc<Why>,
    effects: Vec<EffectInfo>,
}

impl Layer {
    fn new(id: u32, stage: u32, line: u32, text: &str) -> Layer {
        Layer {
            id,
            stage,
            plain: Arc::new(Why {
                stage,
                line,
                instruction: Arc::from(text),
                note: None,
            }),
            effects: Vec::new(),
        }
    }
    /// This layer as a why-step (shared when there is no note).
    fn step(&self, note: Option<String>) -> Arc<Why> {
        match note {
            None => Arc::clone(&self.plain),
            Some(n) => self.noted(Arc::from(n)),
        }
    }
    /// This layer as a why-step with a shared note.
    fn noted(&self, note: Arc<str>) -> Arc<Why> {
        Arc::new(Why {
            note: Some(note),
            ..(*self.plain).clone()
        })
    }
    /// A chain of this layer alone.
    fn chain(&self, note: Option<String>) -> Chain {
        Chain::one(self.step(note))
    }
    /// This layer as an owned why-step (for the public `SecretInfo`).
    fn why(&self, note: Option<String>) -> Why {
        Why {
            note: note.map(Arc::from),
            ..(*self.plain).clone()
        }
    }
    fn effect(
        &mut self,
        kind: &'static str,
        summary: String,
        size: SizeRange,
        unknown: bool,
        range: TextRange,
    ) {
        self.effects.push(EffectInfo {
            kind,
            summary,
            size,
            unknown,
            range,
        });
    }
}

impl Sim<'_> {
    fn base(&self, stage: &stagecraft_model::Stage, why: Why) -> (Fs, BaseInfo) {
        match stage.source {
            Source::Scratch => (
                Fs::empty(self.fallback_ratio),
                BaseInfo {
                    reference: "scratch".into(),
                    stage: None,
                    size: SizeRange::ZERO,
                    compressed: SizeRange::ZERO,
                    matched: "exact".into(),
                },
            ),
            Source::Stage(j) => {
                let fs = self
                    .done
                    .get(j as usize)
                    .and_then(Option::clone)
                    .unwrap_or_else(|| Fs::empty(self.fallback_ratio));
                let info = BaseInfo {
                    reference: format!(
                        "stage {}",
                        self.model
                            .stages
                            .get(j as usize)
                            .map_or_else(|| j.to_string(), |s| s.display_name())
                    ),
                    stage: Some(j),
                    size: fs.size,
                    compressed: fs.compressed,
                    matched: "exact".into(),
                };
                (fs, info)
            }
            Source::Image(k) => {
                let reference = self
                    .model
                    .images
                    .get(k as usize)
                    .map_or_else(|| stage.base_resolved.clone(), |i| i.reference.clone());
                self.image_base(&reference, why)
            }
        }
    }

    /// The base image's file system, built once per reference and re-labelled with this
    /// stage's FROM (the why-chains are the only stage-specific part).
    fn image_base(&self, reference: &str, why: Why) -> (Fs, BaseInfo) {
        static TEMPLATES: std::sync::OnceLock<memo::Cache<(Fs, BaseInfo)>> =
            std::sync::OnceLock::new();
        let key = format!("{reference}\u{1}{}", self.fallback_ratio);
        let t = memo::get_or(&TEMPLATES, key, || {
            let blank = Why {
                stage: 0,
                line: 0,
                instruction: Arc::from(""),
                note: None,
            };
            self.image_base_uncached(reference, blank)
        });
        let (mut fs, info) = (t.0.clone(), t.1.clone());
        // The template shares a few chains among all its entries and tools: re-label each
        // distinct chain once and share the result the same way.
        let mut done: Vec<(Chain, Chain)> = Vec::new();
        let mut relabel = |c: &mut Chain| {
            let new = match done.iter().find(|(old, _)| old.same(c)) {
                Some((_, new)) => new.clone(),
                None => {
                    let new = c.relabel_head(&why);
                    done.push((c.clone(), new.clone()));
                    new
                }
            };
            *c = new;
        };
        fs.entries.iter_mut().for_each(|e| relabel(&mut e.why));
        fs.tools.iter_mut().for_each(|t| relabel(&mut t.why));
        (fs, info)
    }

    fn image_base_uncached(&self, reference: &str, why: Why) -> (Fs, BaseInfo) {
        let mut fs = Fs::empty(self.fallback_ratio);
        fs.image = Some(reference.to_string());
        let lookup = memo::image(reference);
        let Some(f) = lookup.facts() else {
            let size = unknowns::command().widen(0.0, 3.0);
            fs.os = OsFamily::Other;
            fs.size = size;
            fs.compressed = size.scale(1.0 / self.fallback_ratio);
            fs.entries.push(Entry {
                path: "/".into(),
                kind: FileKind::Image,
                source: FileSource::Image(reference.to_string()),
                size,
                what: format!("{reference} (unknown image)").into(),
                why: Chain::one(Arc::new(why)),
                layer: 0,
                cache: None,
                ctx_path: None,
                hidden: false,
                group: Arc::default(),
            });
            return (
                fs.clone(),
                BaseInfo {
                    reference: reference.to_string(),
                    stage: None,
                    size,
                    compressed: fs.compressed,
                    matched: "unknown".into(),
                },
            );
        };
        fs.os = f.os;
        // The official golang images set GOPATH=/go (their Dockerfile's ENV).
        if parse_image_ref(&f.reference).repository.ends_with("golang") {
            fs.go_path = Some("/go".into());
        }
        fs.size = f.uncompressed;
        fs.compressed = f.compressed;
        if f.compressed.estimate > 0 {
            let r = f.uncompressed.estimate as f64 / f.compressed.estimate as f64;
            if r.is_finite() && r >= 1.0 {
                fs.ratio = r;
            }
        }
        fs.python_minor = python_minor_of(&f.reference).or_else(|| python_minor_of(reference));
        let base_why = Why {
            note: Some(Arc::from(format!("in the base image {}", f.reference))),
            ..why.clone()
        };
        fs.entries.push(Entry {
            path: "/".into(),
            kind: FileKind::Image,
            source: FileSource::Image(f.reference.clone()),
            size: f.uncompressed,
            what: format!("{} base image", f.reference).into(),
            why: Chain::one(Arc::new(why)),
            layer: 0,
            cache: None,
            ctx_path: None,
            hidden: false,
            group: Arc::default(),
        });
        if let Some(b) = f.apt_base {
            let set = memo::base_set(b);
            // One chain shared by every tool of the base (re-labelled once per FROM).
            let base_chain = Chain::one(Arc::new(base_why.clone()));
            for t in debian_tools(&set) {
                fs.tools.push(Tool {
                    name: Arc::from(t.tool),
                    package: Some(Arc::from(t.package)),
                    path: Arc::from(format!("/usr/bin/{}", t.tool)),
                    why: base_chain.clone(),
                    layer: 0,
                });
            }
            fs.apt = Some(set);
            fs.apt_lineage = b.name().to_string();
        } else if matches!(f.os, OsFamily::Debian | OsFamily::Ubuntu) {
            fs.apt = Some(std::sync::Arc::new(PackageSet::new()));
            fs.apt_lineage = "empty".into();
        }
        let borrowed = if f.tools.is_empty() {
            memo::borrowed_tools(&f.reference, || tools_of_same_variant(&f.reference))
        } else {
            std::sync::Arc::new(None)
        };
        let tool_facts: &[kb::ToolFact] = match borrowed.as_ref() {
            Some((_, t)) => t.as_slice(),
            None => &f.tools,
        };
        let base_why = match borrowed.as_ref() {
            Some((k, _)) => Why {
                note: Some(Arc::from(format!(
                    "{} (tool list borrowed from {k})",
                    base_why.note.as_deref().unwrap_or_default()
                ))),
                ..base_why.clone()
            },
            None => base_why.clone(),
        };
        let base_chain = Chain::one(Arc::new(base_why));
        for t in tool_facts {
            // The KB's tool columns include a few package names that are not executables.
            let not_executable = t.name.ends_with("-dev")
                || matches!(
                    t.name,
                    "ca-certificates"
                        | "build-essential"
                        | "setuptools"
                        | "wheel"
                        | "openssh-client"
                );
            if t.present != Presence::Yes
                || not_executable
                || fs.tools.iter().any(|x| *x.name == *t.name)
            {
                continue;
            }
            let dir = if matches!(
                t.name,
                "pip" | "pip3" | "npm" | "yarn" | "corepack" | "python3" | "node" | "go"
            ) {
                "/usr/local/bin"
            } else {
                "/usr/bin"
            };
            fs.tools.push(Tool {
                name: Arc::from(t.name),
                package: None,
                path: Arc::from(format!("{dir}/{}", t.name)),
                why: base_chain.clone(),
                layer: 0,
            });
        }
        // Python images ship pip (and setuptools/wheel up to 3.11) in site-packages: record
        // them so that copying site-packages carries them, sized from the wheel facts.
        if let Some(minor) = fs.python_minor {
            let names: Vec<&str> = ["pip", "setuptools", "wheel"]
                .into_iter()
                .filter(|n| f.has_tool(n) == Some(true))
                .collect();
            if !names.is_empty() {
                let site = format!("/usr/local/lib/python3.{minor}/site-packages");
                let res = memo::pip(
                    &names,
                    &PipOptions {
                        python_minor: minor,
                        ..PipOptions::default()
                    },
                );
                for p in &res.packages {
                    fs.entries.push(Entry {
                        path: format!("{site}/{}", p.name).into(),
                        kind: FileKind::Tree,
                        source: FileSource::Image(f.reference.clone()),
                        size: p.installed,
                        what: format!("{} {} (part of the base image)", p.name, p.version).into(),
                        why: base_chain.clone(),
                        layer: 0,
                        cache: None,
                        ctx_path: None,
                        hidden: true,
                        group: Arc::default(),
                    });
                    fs.pip_installed
                        .entry(site.clone())
                        .or_default()
                        .insert(kb::pypi::normalize_name(&p.name));
                }
            }
        }
        let info = BaseInfo {
            reference: f.reference.clone(),
            stage: None,
            size: f.uncompressed,
            compressed: f.compressed,
            matched: match &f.matched {
                kb::MatchKind::Exact => "exact",
                kb::MatchKind::Alias { .. } => "alias",
                kb::MatchKind::Nearest { .. } => "nearest",
                kb::MatchKind::Model { .. } => "model",
            }
            .into(),
        };
        (fs, info)
    }

    fn stage(&mut self, stage: &stagecraft_model::Stage) -> (StageInfo, Fs) {
        let instrs = &self.parse.file.instructions;
        let from_text = instrs
            .get(stage.from_instruction as usize)
            .map_or_else(|| format!("FROM {}", stage.base), |i| short(&i.original));
        let from_why = Why {
            stage: stage.index,
            line: stage.line,
            instruction: Arc::from(from_text),
            note: None,
        };
        let (mut fs, base) = self.base(stage, from_why);
        let base_size = fs.size;
        let mut layers = Vec::with_capacity(stage.instructions.len());
        let mut total_added = SizeRange::ZERO;
        // A base stage's ONBUILD triggers run first, in order, as if written right after this
        // FROM (BuildKit); they are not passed on to stages built on this one.
        if let Source::Stage(j) = stage.source {
            let model = self.model;
            let env = stage.env_before.first();
            for &pi in model
                .stages
                .get(j as usize)
                .map_or(&[][..], |p| p.instructions.as_slice())
            {
                let Some(body) = instrs.get(pi as usize).and_then(Instruction::onbuild_body) else {
                    continue;
                };
                self.trigger = Some((pi, stage.index));
                let layer = self.instruction(stage.index, body, env, &mut fs);
                self.trigger = None;
                total_added += layer.added;
                layers.push(layer);
            }
        }
        for (pos, &ii) in stage.instructions.iter().enumerate() {
            let Some(inst) = instrs.get(ii as usize) else {
                continue;
            };
            let env = stage.env_before.get(pos);
            let layer = self.instruction(stage.index, inst, env, &mut fs);
            total_added += layer.added;
            layers.push(layer);
        }
        fs.size = base_size + total_added;
        fs.compressed = base.compressed + total_added.scale(1.0 / fs.ratio);
        // One allocation (a filtered collect grows step by step).
        let mut files: Vec<FileInfo> = Vec::with_capacity(fs.entries.len());
        files.extend(
            fs.entries
                .iter()
                .filter(|e| !e.hidden && e.cache.is_none())
                .map(|e| FileInfo {
                    path: e.path.clone(),
                    kind: e.kind,
                    source: e.source.clone(),
                    size: e.size,
                    what: e.what.clone(),
                    why: e.why.listed(),
                }),
        );
        sort::sort_by(&mut files, |a, b| {
            a.path.cmp(&b.path).then(a.what.cmp(&b.what))
        });
        let mut tools: Vec<ToolInfo> = fs
            .tools
            .iter()
            .map(|t| ToolInfo {
                name: t.name.clone(),
                kind: ToolKind::of(&t.name),
                package: t.package.clone(),
                path: t.path.clone(),
                why: t.why.listed(),
            })
            .collect();
        sort::sort_by(&mut tools, |a, b| a.name.cmp(&b.name));
        tools.dedup_by(|a, b| a.name == b.name);
        let caches = fs
            .entries
            .iter()
            .filter_map(|e| {
                e.cache.map(|k| CacheInfo {
                    kind: cache_name(k).to_string(),
                    path: e.path.to_string(),
                    size: e.size,
                    why: e.why.listed(),
                })
            })
            .collect();
        let info = StageInfo {
            index: stage.index,
            name: stage.name.clone(),
            reachable: stage.reachable,
            base,
            size: fs.size,
            compressed: fs.compressed,
            layers,
            files,
            tools,
            caches,
            secrets: fs.secrets.clone(),
        };
        (info, fs)
    }

    fn expand(&self, word: &str, env: Option<&Env>) -> String {
        match env {
            Some(e) => stagecraft_model::expand::process_word(word, self.parse.file.escape, e)
                .map(|p| p.value)
                .unwrap_or_else(|_| word.to_string()),
            None => word.to_string(),
        }
    }

    fn instruction(
        &mut self,
        stage: u32,
        inst: &Instruction,
        env: Option<&Env>,
        fs: &mut Fs,
    ) -> LayerInfo {
        let id = self.next_layer;
        self.next_layer += 1;
        // A trigger is shown as the ONBUILD instruction that registered it (its line and text).
        let shown = self
            .trigger
            .and_then(|(pi, _)| self.parse.file.instructions.get(pi as usize))
            .unwrap_or(inst);
        let text = short(&shown.original);
        let mut layer = Layer::new(id, stage, shown.line, &text);
        let mut copyups = SizeRange::ZERO;
        let creates_layer = matches!(
            inst.kind,
            Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Workdir
        );
        match inst.kind {
            Keyword::Run => self.run(inst, env, fs, &mut layer, &mut copyups),
            Keyword::Copy | Keyword::Add => self.copy(inst, env, fs, &mut layer),
            Keyword::Workdir => {
                if let Some(v) = arg_value(inst) {
                    let dir = self.expand(v, env);
                    fs.cwd = resolve(&fs.cwd, &dir);
                    fs.dirs.insert(fs.cwd.clone());
                    layer.effect(
                        "workdir",
                        format!("working directory {}", fs.cwd),
                        SizeRange::ZERO,
                        false,
                        inst.range,
                    );
                }
            }
            Keyword::User => {
                if let Some(v) = arg_value(inst) {
                    fs.user = self.expand(v, env);
                }
            }
            Keyword::Env => {
                for kv in inst.args.pairs() {
                    let key = kv.key.text.trim_matches(['"', '\'']).to_string();
                    if secret_var(&key) {
                        let why = layer.why(None);
                        fs.secrets.push(SecretInfo {
                            kind: "env".into(),
                            name: key.clone(),
                            reason: "ENV name suggests a secret; ENV values are stored in the image config".into(),
                            why: vec![why],
                        });
                    }
                }
            }
            Keyword::Arg => {
                if let stagecraft_syntax::Args::Arg { decls } = &inst.args {
                    for d in decls {
                        if secret_var(&d.name) {
                            let why = layer.why(None);
                            fs.secrets.push(SecretInfo {
                                kind: "arg".into(),
                                name: d.name.clone(),
                                reason: "ARG name suggests a secret; build-arg values are visible in the image history".into(),
                                why: vec![why],
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        let added = fs
            .entries
            .iter()
            .filter(|e| e.layer == id)
            .map(|e| e.size)
            .sum::<SizeRange>()
            + copyups;
        LayerInfo {
            line: shown.line,
            instruction: text,
            keyword: inst.keyword.to_ascii_uppercase(),
            range: inst.range,
            creates_layer,
            added: if creates_layer {
                added
            } else {
                SizeRange::ZERO
            },
            effects: layer.effects,
        }
    }

    fn add_entry(&self, fs: &mut Fs, layer: &Layer, e: Entry) {
        // A later write to the same path in the same layer replaces the earlier one.
        if e.kind == FileKind::File {
            fs.entries
                .retain(|x| !(x.layer == layer.id && x.path == e.path && x.kind == FileKind::File));
        }
        fs.entries.push(e);
    }

    fn new_entry(
        layer: &Layer,
        path: String,
        kind: FileKind,
        size: SizeRange,
        what: String,
        note: Option<String>,
    ) -> Entry {
        Entry {
            path: path.into(),
            kind,
            source: FileSource::Stage(layer.stage),
            size,
            what: what.into(),
            why: layer.chain(note),
            layer: layer.id,
            cache: None,
            ctx_path: None,
            hidden: false,
            group: Arc::default(),
        }
    }

    fn cache_entry(layer: &Layer, kind: CacheKind, path: String, size: SizeRange) -> Entry {
        let mut e = Self::new_entry(
            layer,
            path,
            FileKind::Cache,
            size,
            format!("{} cache", cache_name(kind)),
            None,
        );
        e.cache = Some(kind);
        e
    }

    /// Removes matching entries: same-layer ones vanish with their bytes; older ones are hidden
    /// by a whiteout (their bytes stay in the image). Tools they brought go too.
    fn remove_where(&self, fs: &mut Fs, pred: impl Fn(&Entry) -> bool) -> (SizeRange, SizeRange) {
        let mut freed = SizeRange::ZERO;
        let mut hidden = SizeRange::ZERO;
        let mut removed_layers_paths: Vec<(u32, Arc<str>)> = Vec::new();
        fs.entries.retain(|e| {
            if e.kind == FileKind::Image || !pred(e) {
                return true;
            }
            removed_layers_paths.push((e.layer, Arc::clone(&e.path)));
            freed += e.size;
            hidden += e.size;
            false
        });
        fs.tools.retain(|t| {
            !removed_layers_paths.iter().any(|(l, p)| {
                *l == t.layer && t.layer != 0 && (under(&t.path, p) || &**p == "/usr")
            })
        });
        (freed, hidden)
    }

    fn run(
        &mut self,
        inst: &Instruction,
        env: Option<&Env>,
        fs: &mut Fs,
        layer: &mut Layer,
        copyups: &mut SizeRange,
    ) {
        let home = fs.home();
        // Only replaced when it changed (it rarely does between two RUNs of a stage).
        let path_var = env.and_then(|e| e.get("PATH"));
        if fs.path_var.as_deref() != path_var {
            fs.path_var = path_var.map(str::to_string);
        }
        if let Some(g) = env.and_then(|e| e.get("GOPATH")) {
            if fs.go_path.as_deref() != Some(g) {
                fs.go_path = Some(g.to_string());
            }
        }
        // Mounts: caches and tmpfs swallow what is written under them; bind mounts from the
        // context make manifests readable at their target.
        let mut swallow: Vec<String> = Vec::new();
        let mut binds: Vec<(String, String)> = Vec::new();
        for flag in inst.flags_named("mount") {
            let Some(opts) = flag.mount_options() else {
                continue;
            };
            let get = |k: &str| {
                opts.iter()
                    .find(|o| o.key == k)
                    .and_then(|o| o.value.clone())
            };
            let ty = get("type").unwrap_or_else(|| "bind".into());
            let target = get("target")
                .or_else(|| get("dst"))
                .or_else(|| get("destination"));
            match (ty.as_str(), target) {
                ("cache" | "tmpfs", Some(t)) => {
                    let t = resolve(&fs.cwd, &self.expand(&t, env));
                    layer.effect(
                        "mount",
                        format!("{ty} mount at {t} (adds nothing to the layer)"),
                        SizeRange::ZERO,
                        false,
                        flag.range,
                    );
                    swallow.push(t);
                }
                ("bind", Some(t)) if get("from").is_none() => {
                    let t = resolve(&fs.cwd, &self.expand(&t, env));
                    let src = clean_rel(&get("source").unwrap_or_default());
                    binds.push((t, src));
                }
                ("secret" | "ssh", _) => {
                    layer.effect(
                        "mount",
                        format!("{ty} mount (not stored in the image)"),
                        SizeRange::ZERO,
                        false,
                        flag.range,
                    );
                }
                _ => {}
            }
        }
        let mut recognised: Vec<Recognised> = Vec::new();
        let offset = |r: TextRange, base: TextRange| {
            TextRange::new(
                base.start.saturating_add(r.start),
                base.start.saturating_add(r.end),
            )
        };
        let mut cwd = fs.cwd.clone();
        match inst.args.command() {
            Some(Command::Shell(word)) => {
                if inst.heredocs.is_empty() {
                    let i = match self.scripts.iter().position(|(t, c, _)| {
                        *t == word.text && same_context(c, &fs.cwd, &home, env)
                    }) {
                        Some(i) => i,
                        None => {
                            let ctx = shell_context(fs, home, env);
                            let rs = recognise_shell(&word.text, &ctx);
                            self.scripts.push((word.text.clone(), ctx, rs));
                            self.scripts.len() - 1
                        }
                    };
                    // Taken out while the effects run (they need `self`), then put back.
                    let mut rs = self
                        .scripts
                        .get_mut(i)
                        .map(|s| std::mem::take(&mut s.2))
                        .unwrap_or_default();
                    for r in &mut rs {
                        let raw = r.range;
                        // Offsets into the joined command map onto the source only when the
                        // command was written on one line; otherwise point at the instruction.
                        r.range = if word.range.len() as usize == word.text.len() {
                            offset(raw, word.range)
                        } else {
                            inst.range
                        };
                        self.effect(r, fs, layer, copyups, &binds, &mut cwd);
                        r.range = raw;
                    }
                    if let Some(s) = self.scripts.get_mut(i) {
                        s.2 = rs;
                    }
                } else {
                    let ctx = shell_context(fs, home, env);
                    for h in &inst.heredocs {
                        for mut r in recognise_shell(&h.body, &ctx) {
                            r.range = offset(r.range, h.body_range);
                            recognised.push(r);
                        }
                    }
                }
            }
            Some(Command::Exec(words)) => {
                let argv: Vec<String> = words.iter().map(|w| w.text.clone()).collect();
                for mut r in recognise_exec(&argv, &shell_context(fs, home, env)) {
                    r.range = inst.range;
                    recognised.push(r);
                }
            }
            None => {}
        }
        for r in &recognised {
            self.effect(r, fs, layer, copyups, &binds, &mut cwd);
        }
        if !swallow.is_empty() {
            let id = layer.id;
            fs.entries
                .retain(|e| !(e.layer == id && swallow.iter().any(|s| under(&e.path, s))));
        }
    }

    fn read_manifest(&self, fs: &Fs, binds: &[(String, String)], path: &str) -> Option<String> {
        let ctx = self.ctx?;
        for (t, s) in binds {
            if let Some(rest) = path.strip_prefix(t.as_str()) {
                let rel = clean_rel(&format!("{s}/{rest}"));
                if let Some(c) = ctx.manifests.get(&rel) {
                    return Some(c.clone());
                }
            }
        }
        fs.entries
            .iter()
            .rev()
            .find(|e| *e.path == *path && e.ctx_path.is_some())
            .and_then(|e| e.ctx_path.as_ref())
            .and_then(|p| ctx.manifests.get(p))
            .cloned()
    }

    fn site_packages(
        &self,
        fs: &Fs,
        invoked_as: &str,
        vars_path: Option<&str>,
        user: bool,
        target: &Option<String>,
        prefix: &Option<String>,
    ) -> String {
        let minor = fs.python_minor.unwrap_or(11);
        let lib = format!("lib/python3.{minor}/site-packages");
        if let Some(t) = target {
            return t.clone();
        }
        if let Some(p) = prefix {
            return format!("{}/{lib}", p.trim_end_matches('/'));
        }
        if user {
            return format!("{}/.local/{lib}", fs.home());
        }
        // A venv's pip (by path, or first on PATH) installs into the venv.
        for v in &fs.venvs {
            if invoked_as.starts_with(&format!("{v}/")) {
                return format!("{v}/{lib}");
            }
        }
        if let Some(path) = vars_path {
            if let Some(first) = path.split(':').next() {
                for v in &fs.venvs {
                    if first.trim_end_matches('/') == format!("{v}/bin") {
                        return format!("{v}/{lib}");
                    }
                }
            }
        }
        if fs.python_minor.is_some() {
            format!("/usr/local/{lib}")
        } else {
            format!("/usr/{lib}").replace("site-packages", "dist-packages")
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pip_install(
        &self,
        fs: &mut Fs,
        layer: &mut Layer,
        r: &Recognised,
        site: String,
        specs: Vec<String>,
        unknown_parts: u32,
        no_cache: bool,
        label: &str,
    ) {
        let minor = fs.python_minor.unwrap_or(11);
        // Taken out and put back below with this install's packages added.
        let installed = fs.pip_installed.remove(&site).unwrap_or_default();
        let refs: Vec<&str> = specs.iter().map(String::as_str).collect();
        // uv does not byte-compile unless asked (`--compile-bytecode`), and links files from
        // its cache into the environment: hard links on one filesystem, which a layer counts
        // once (lab uv-venv line 8: cache 48.8 MB, 708 files with 2 links, layer 48.9 MB).
        let uv = label.starts_with("uv ");
        // Poetry 2 installs wheels without byte-compiling unless `--compile` is given, and
        // keeps the downloaded wheels in its cache (~/.cache/pypoetry/artifacts) whatever the
        // index's caching headers (lab poetry-multistage: venv 59.9 MB, layer 92.4 MB).
        let poetry = label == "poetry install";
        let opts = PipOptions {
            python_minor: minor,
            compile: !uv && !poetry,
            installed,
        };
        let res = memo::pip(&refs, &opts);
        let mut total = SizeRange::ZERO;
        let mut seen = opts.installed;
        fs.entries.reserve(res.packages.len() + 2);
        for p in &res.packages {
            let norm = pypi_name(&p.name);
            let e = Self::new_entry(
                layer,
                [site.as_str(), "/", &p.name].concat(),
                FileKind::Tree,
                p.installed,
                [p.name.as_str(), " ", &p.version].concat(),
                Some([label, ": ", &p.reason].concat()),
            );
            total += p.installed;
            fs.entries.push(e);
            seen.insert(norm);
        }
        // Looked up once per install instead of once per package.
        if !res.packages.is_empty() || !seen.is_empty() {
            fs.pip_installed.insert(site.clone(), seen);
        }
        for _ in 0..unknown_parts {
            let e = Self::new_entry(
                layer,
                format!("{site}/*"),
                FileKind::Tree,
                unknowns::dependencies(),
                "dependencies from a manifest we could not read".into(),
                Some(label.to_string()),
            );
            total += e.size;
            fs.entries.push(e);
        }
        let mut download = res.download;
        if unknown_parts > 0 {
            download += unknowns::dependencies().scale(0.4);
        }
        if !no_cache {
            let home = fs.home();
            // pip's HTTP cache keeps roughly the downloaded wheels, but only when the index
            // answers with caching headers (a proxy stripping them leaves it empty: lab
            // python-venv line 8, pip-django-cache): the low bound is the install alone.
            let cache = SizeRange { low: 0, ..download };
            let e = if poetry {
                Self::cache_entry(
                    layer,
                    CacheKind::Poetry,
                    format!("{home}/.cache/pypoetry/artifacts"),
                    download,
                )
            } else if uv {
                // Unpacked wheels hard-linked into the venv: counted there already; what
                // remains is index metadata and unlinked files (`uv-cache-ratio`). Up to a
                // second copy when the cache sits on another filesystem (uv then copies).
                let linked = artifact("uv-cache-ratio").map_or(SizeRange::ZERO, |f| {
                    let r = |b: u64| b as f64 / 1e6;
                    res.installed
                        .scale_range(r(f.size.estimate), r(f.size.low), r(f.size.high))
                });
                Self::cache_entry(layer, CacheKind::Uv, format!("{home}/.cache/uv"), linked)
            } else {
                Self::cache_entry(layer, CacheKind::Pip, format!("{home}/.cache/pip"), cache)
            };
            total += e.size;
            fs.entries.push(e);
        }
        let names = res
            .names()
            .into_iter()
            .take(6)
            .collect::<Vec<_>>()
            .join(", ");
        let more = res.packages.len().saturating_sub(6);
        let summary = format!(
            "{label} → {site}: {}{}{}{}",
            if names.is_empty() {
                "nothing known".to_string()
            } else {
                names
            },
            if more > 0 {
                format!(" (+{more} more)")
            } else {
                String::new()
            },
            if res.unknown.is_empty() {
                String::new()
            } else {
                format!("; unknown: {}", res.unknown.join(", "))
            },
            if no_cache { "" } else { "; keeps pip's cache" },
        );
        layer.effect(
            "pip_install",
            summary,
            total,
            unknown_parts > 0 || !res.unknown.is_empty(),
            r.range,
        );
    }

    fn effect(
        &mut self,
        r: &Recognised,
        fs: &mut Fs,
        layer: &mut Layer,
        copyups: &mut SizeRange,
        binds: &[(String, String)],
        cwd: &mut String,
    ) {
        let kind = effect_kind(&r.effect);
        match &r.effect {
            Effect::AptUpdate => {
                let key = if fs.os == OsFamily::Ubuntu {
                    "apt-lists-uncompressed"
                } else {
                    "apt-lists-bookworm"
                };
                let size = artifact(key).map_or_else(unknowns::command, |f| f.size);
                fs.entries
                    .retain(|e| !(e.cache == Some(CacheKind::AptLists) && e.layer == layer.id));
                fs.entries.push(Self::cache_entry(
                    layer,
                    CacheKind::AptLists,
                    "/var/lib/apt/lists".into(),
                    size,
                ));
                layer.effect(
                    kind,
                    "apt-get update: package lists in /var/lib/apt/lists".into(),
                    size,
                    false,
                    r.range,
                );
            }
            Effect::AptInstall {
                packages,
                unresolved,
                no_recommends,
                local_debs,
            } => {
                let base = fs.apt.clone().unwrap_or_default();
                let mut names: Vec<&str> = packages.iter().map(String::as_str).collect();
                names.extend(unresolved.iter().map(String::as_str));
                names.extend(local_debs.iter().map(|d| basename(d)));
                let memo = memo::apt(&fs.apt_lineage, &names, &base, !no_recommends);
                let res = &memo.res;
                let mut size = res.total;
                if !matches!(fs.os, OsFamily::Debian | OsFamily::Ubuntu) {
                    size += unknowns::command();
                }
                let tools_before = fs.tools.len();
                let found = self
                    .apt_tools
                    .iter()
                    .find(|(m, p, _)| Arc::ptr_eq(m, &memo) && p == packages);
                let rows = match found {
                    Some((_, _, rows)) => Arc::clone(rows),
                    None => {
                        let why_note = |pkg: &str| -> String {
                            let reason = res
                                .packages
                                .iter()
                                .find(|p| p.name == pkg)
                                .map_or("", |p| p.reason.as_str());
                            if reason.is_empty() || packages.iter().any(|p| p == pkg) {
                                format!("apt package {pkg}")
                            } else {
                                format!("apt package {pkg} ({reason})")
                            }
                        };
                        let rows: AptTools = memo
                            .tools
                            .iter()
                            .map(|t| {
                                (
                                    Arc::from(t.tool),
                                    Arc::from(t.package),
                                    Arc::from(format!("/usr/bin/{}", t.tool)),
                                    Arc::from(why_note(t.package)),
                                )
                            })
                            .collect();
                        self.apt_tools.push((
                            Arc::clone(&memo),
                            packages.clone(),
                            Arc::clone(&rows),
                        ));
                        rows
                    }
                };
                for (name, package, path, note) in rows.iter() {
                    if fs.tools.iter().take(tools_before).any(|x| x.name == *name) {
                        continue;
                    }
                    fs.tools.push(Tool {
                        name: Arc::clone(name),
                        package: Some(Arc::clone(package)),
                        path: Arc::clone(path),
                        why: Chain::one(layer.noted(Arc::clone(note))),
                        layer: layer.id,
                    });
                }
                let mut e = Self::new_entry(
                    layer,
                    "/usr".into(),
                    FileKind::Packages,
                    size,
                    format!(
                        "apt: {}{}",
                        packages.join(" "),
                        if res.packages.len() > packages.len() {
                            format!(
                                " (+{} dependencies)",
                                res.packages.len().saturating_sub(packages.len())
                            )
                        } else {
                            String::new()
                        }
                    ),
                    None,
                );
                e.group = Arc::clone(&memo.names);
                fs.entries.push(e);
                fs.apt = Some(Arc::clone(&memo.set));
                fs.apt_lineage = format!(
                    "{}+{}{}",
                    fs.apt_lineage,
                    names.join(","),
                    if *no_recommends { "" } else { "+r" }
                );
                let summary = format!(
                    "apt-get install {} → {} packages{}{}",
                    packages.join(" "),
                    res.packages.len(),
                    if *no_recommends {
                        ""
                    } else {
                        " (with recommends)"
                    },
                    if res.unknown.is_empty() {
                        String::new()
                    } else {
                        format!("; unknown: {}", res.unknown.join(", "))
                    }
                );
                layer.effect(kind, summary, size, !res.unknown.is_empty(), r.range);
            }
            Effect::AptRemove { packages, .. } => {
                let pk = packages.clone();
                let (freed, _) = self.remove_where(fs, |e| {
                    e.kind == FileKind::Packages
                        && e.layer == layer.id
                        && pk.iter().any(|p| e.group.contains(p))
                });
                fs.tools.retain(|t| {
                    !t.package
                        .as_ref()
                        .is_some_and(|p| packages.iter().any(|q| **q == **p))
                });
                layer.effect(
                    kind,
                    format!(
                        "apt-get purge {} (frees {} in this layer only)",
                        packages.join(" "),
                        kb::human_bytes(freed.estimate)
                    ),
                    SizeRange::ZERO,
                    false,
                    r.range,
                );
            }
            Effect::AptAutoremove { .. } | Effect::AptClean => {
                layer.effect(kind, "apt cleanup".into(), SizeRange::ZERO, false, r.range);
            }
            Effect::ApkUpdate => {
                let e = Self::cache_entry(
                    layer,
                    CacheKind::Apk,
                    "/var/cache/apk".into(),
                    unknowns::small_file().widen(0.0, 50.0),
                );
                let size = e.size;
                fs.entries.push(e);
                layer.effect(
                    kind,
                    "apk update: package index in /var/cache/apk".into(),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::ApkAdd {
                packages,
                unresolved,
                no_cache,
                update,
                virtual_name,
            } => {
                let mut names: Vec<&str> = packages.iter().map(String::as_str).collect();
                names.extend(unresolved.iter().map(String::as_str));
                let res = resolve_apk(&names, &fs.apk);
                let mut size = res.total;
                if fs.os != OsFamily::Alpine && fs.os != OsFamily::Wolfi {
                    size += unknowns::command();
                }
                for t in &res.tools {
                    if fs.tools.iter().any(|x| *x.name == **t) {
                        continue;
                    }
                    let owner = res
                        .packages
                        .iter()
                        .find(|p| p.tools.contains(t))
                        .map(|p| p.name.to_string());
                    let note = format!("apk package {}", owner.as_deref().unwrap_or_default());
                    fs.tools.push(Tool {
                        name: Arc::from(*t),
                        package: owner.map(Arc::from),
                        path: Arc::from(format!("/usr/bin/{t}")),
                        why: layer.chain(Some(note)),
                        layer: layer.id,
                    });
                }
                for p in &res.packages {
                    fs.apk.insert(p.name.to_string());
                }
                let mut e = Self::new_entry(
                    layer,
                    "/usr".into(),
                    FileKind::Packages,
                    size,
                    format!("apk: {}", packages.join(" ")),
                    None,
                );
                e.group = virtual_name
                    .iter()
                    .cloned()
                    .chain(packages.iter().cloned())
                    .collect();
                fs.entries.push(e);
                let mut total = size;
                if !no_cache && *update {
                    let c = Self::cache_entry(
                        layer,
                        CacheKind::Apk,
                        "/var/cache/apk".into(),
                        unknowns::small_file().widen(0.0, 50.0),
                    );
                    total += c.size;
                    fs.entries.push(c);
                }
                layer.effect(
                    kind,
                    format!(
                        "apk add {}{}",
                        packages.join(" "),
                        if res.unknown.is_empty() {
                            String::new()
                        } else {
                            format!("; unknown: {}", res.unknown.join(", "))
                        }
                    ),
                    total,
                    !res.unknown.is_empty(),
                    r.range,
                );
            }
            Effect::ApkDel { packages } => {
                let pk = packages.clone();
                let (freed, _) = self.remove_where(fs, |e| {
                    e.kind == FileKind::Packages
                        && pk
                            .iter()
                            .any(|p| e.group.first() == Some(p) || e.group.contains(p))
                });
                layer.effect(
                    kind,
                    format!(
                        "apk del {} (frees {} only if installed in this layer)",
                        packages.join(" "),
                        kb::human_bytes(freed.estimate)
                    ),
                    SizeRange::ZERO,
                    false,
                    r.range,
                );
            }
            Effect::PipInstall {
                installer,
                invoked_as,
                packages,
                requirements,
                editable,
                local,
                unresolved,
                no_cache,
                user,
                target,
                prefix,
                upgrade,
                ..
            } => {
                let vars_path = fs.path_var.clone();
                let site =
                    self.site_packages(fs, invoked_as, vars_path.as_deref(), *user, target, prefix);
                // `pip install -U pip`: a package installed in an earlier layer is installed
                // again in full (the old files stay below, whited out); one installed in this
                // very layer (`python -m venv /v && /v/bin/pip install -U pip`) is replaced in
                // place, which adds about nothing.
                let id = layer.id;
                let same_layer = fs.entries.iter().any(|e| {
                    e.layer == id
                        && (site.starts_with(&format!("{}/", e.path)) || e.path.starts_with(&site))
                });
                if *upgrade && !same_layer {
                    if let Some(set) = fs.pip_installed.get_mut(&site) {
                        for p in packages.iter().filter_map(|p| kb::parse_requirement(p)) {
                            set.remove(&kb::pypi::normalize_name(&p.name));
                        }
                    }
                }
                let mut specs = packages.clone();
                let mut unknown_parts = 0u32;
                for req in requirements {
                    match self.read_manifest(fs, binds, req) {
                        Some(text) => specs.extend(manifests::requirements(&text, |inc| {
                            let p = resolve(&parent_dir(req), inc);
                            self.read_manifest(fs, binds, &p)
                        })),
                        None => unknown_parts += 1,
                    }
                }
                for e in editable.iter().chain(local.iter()) {
                    // A local project: its pyproject dependencies when readable.
                    let pyproject = format!("{}/pyproject.toml", e.trim_end_matches('/'));
                    match self.read_manifest(fs, binds, &pyproject) {
                        Some(t) => specs.extend(manifests::pyproject_dependencies(&t)),
                        None => unknown_parts += 1,
                    }
                }
                unknown_parts += unresolved.len() as u32;
                self.pip_install(
                    fs,
                    layer,
                    r,
                    site,
                    specs,
                    unknown_parts,
                    *no_cache,
                    if *installer == PyInstaller::Uv {
                        "uv pip install"
                    } else {
                        "pip install"
                    },
                );
            }
            Effect::Venv { path } => {
                let minor = fs.python_minor.unwrap_or(11);
                // ensurepip seeds pip, and setuptools too before Python 3.12.
                let seed: &[&str] = if minor < 12 {
                    &["pip", "setuptools"]
                } else {
                    &["pip"]
                };
                // Debian's python3 (no python:* image, python3.11 from bookworm's apt)
                // seeds the pip + setuptools wheels Debian bundles, which the lab measured;
                // python:* images seed their ensurepip bundle, priced from the wheel facts.
                let debian = fs.python_minor.is_none()
                    && fs.apt.as_ref().is_some_and(|a| a.contains("python3.11"));
                let size = match artifact("venv-debian-bookworm").filter(|_| debian) {
                    Some(f) => f.size,
                    None => {
                        memo::pip(
                            seed,
                            &PipOptions {
                                python_minor: minor,
                                ..PipOptions::default()
                            },
                        )
                        .installed
                    }
                };
                let e = Self::new_entry(
                    layer,
                    path.clone(),
                    FileKind::Tree,
                    size,
                    "virtual environment (python + pip)".into(),
                    None,
                );
                let size = e.size;
                fs.entries.push(e);
                fs.venvs.push(path.clone());
                let site = format!("{path}/lib/python3.{minor}/site-packages");
                let installed = fs.pip_installed.entry(site).or_default();
                for n in seed {
                    installed.insert((*n).to_string());
                }
                layer.effect(kind, format!("python venv at {path}"), size, false, r.range);
            }
            Effect::UvSync {
                no_dev,
                no_cache,
                dir,
                ..
            }
            | Effect::PoetryInstall {
                no_dev,
                dir,
                no_root: no_cache,
                ..
            } => {
                let in_project = matches!(
                    r.effect,
                    Effect::PoetryInstall {
                        in_project: true,
                        ..
                    }
                );
                let is_uv = matches!(r.effect, Effect::UvSync { .. });
                let lock = if is_uv { "uv.lock" } else { "poetry.lock" };
                let lock_path = format!("{}/{lock}", dir.trim_end_matches('/'));
                let (specs, unknown_parts) = match self.read_manifest(fs, binds, &lock_path) {
                    Some(t) => (manifests::lock_packages(&t, *no_dev), 0),
                    None => (Vec::new(), 1),
                };
                let minor = fs.python_minor.unwrap_or(11);
                let site = if is_uv || in_project {
                    format!(
                        "{}/.venv/lib/python3.{minor}/site-packages",
                        dir.trim_end_matches('/')
                    )
                } else if fs.poetry_no_venv || env_flag_false(layer, r) {
                    self.site_packages(fs, "", None, false, &None, &None)
                } else {
                    format!(
                        "{}/.cache/pypoetry/virtualenvs/app/lib/python3.{minor}/site-packages",
                        fs.home()
                    )
                };
                let nc = if is_uv { *no_cache } else { false };
                self.pip_install(
                    fs,
                    layer,
                    r,
                    site,
                    specs,
                    unknown_parts,
                    nc,
                    if is_uv { "uv sync" } else { "poetry install" },
                );
            }
            Effect::NodeInstall {
                tool,
                production,
                global,
                packages,
                dir,
                ..
            } => {
                let mut lock_all: Option<SizeRange> = None;
                // A package-lock without `resolved` URLs makes `npm ci` fetch every
                // packument into ~/.npm too.
                let mut packuments = false;
                let (res, unknown_manifest) = if !packages.is_empty() {
                    let deps: Vec<(&str, &str)> =
                        packages.iter().map(|p| split_npm_spec(p)).collect();
                    (Some(kb::resolve_npm(&deps)), false)
                } else {
                    let d = dir.trim_end_matches('/');
                    let read = |n: &str| self.read_manifest(fs, binds, &format!("{d}/{n}"));
                    if let Some(lock) =
                        read("package-lock.json").or_else(|| read("npm-shrinkwrap.json"))
                    {
                        packuments = !lock.contains("\"resolved\"");
                        let entries = manifests::npm_lock(&lock, *production);
                        let refs: Vec<(&str, &str)> = entries
                            .iter()
                            .map(|(a, b)| (a.as_str(), b.as_str()))
                            .collect();
                        (Some(kb::npm_lock_size(&refs)), false)
                    } else if let Some(lock) = read("yarn.lock").or_else(|| read("pnpm-lock.yaml"))
                    {
                        let mut entries = manifests::yarn_or_pnpm_lock(&lock);
                        let refs: Vec<(&str, &str)> = entries
                            .iter()
                            .map(|(a, b)| (a.as_str(), b.as_str()))
                            .collect();
                        // yarn v1 caches every lock package, dev ones included.
                        lock_all = Some(kb::npm_lock_size(&refs).total);
                        if *production {
                            // These locks do not mark dev packages: keep the ones reachable
                            // from package.json's production dependencies (the registry's
                            // dependency graph), at the lock's versions.
                            if let Some(pj) = read("package.json") {
                                let deps = manifests::package_json_deps(&pj, true);
                                let refs: Vec<(&str, &str)> =
                                    deps.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                                let prod = kb::resolve_npm(&refs);
                                let names: BTreeSet<&str> = prod.names().into_iter().collect();
                                entries.retain(|(n, _)| names.contains(n.as_str()));
                            }
                        }
                        let refs: Vec<(&str, &str)> = entries
                            .iter()
                            .map(|(a, b)| (a.as_str(), b.as_str()))
                            .collect();
                        (Some(kb::npm_lock_size(&refs)), false)
                    } else if let Some(pj) = read("package.json") {
                        let deps = manifests::package_json_deps(&pj, *production);
                        let refs: Vec<(&str, &str)> =
                            deps.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                        (Some(kb::resolve_npm(&refs)), false)
                    } else {
                        (None, true)
                    }
                };
                let (size, what) = match &res {
                    // The knowledge crate sized nothing (its npm table can be empty): a zero
                    // would be a lie, so fall back to the typical node_modules fact.
                    Some(res) if res.total.high == 0 && !res.packages.is_empty() => {
                        let mut s = artifact("node-modules")
                            .map_or_else(unknowns::dependencies, |f| f.size);
                        s.unknown = s.unknown.max(1);
                        (
                            s,
                            format!("{} packages (sizes unknown)", res.packages.len()),
                        )
                    }
                    Some(res) => (res.total, format!("{} packages", res.packages.len())),
                    None => (
                        artifact("node-modules").map_or_else(unknowns::dependencies, |f| f.size),
                        "dependencies unknown (no lock file)".to_string(),
                    ),
                };
                let nm = if *global {
                    "/usr/local/lib/node_modules".to_string()
                } else {
                    format!("{}/node_modules", dir.trim_end_matches('/'))
                };
                let e = Self::new_entry(
                    layer,
                    nm.clone(),
                    FileKind::Tree,
                    size,
                    format!("node_modules: {what}"),
                    None,
                );
                fs.entries.push(e);
                let mut total = size;
                let (ck, cpath) = match tool {
                    NodeTool::Npm => (CacheKind::Npm, format!("{}/.npm", fs.home())),
                    NodeTool::Yarn => (CacheKind::Yarn, "/usr/local/share/.cache/yarn".to_string()),
                    NodeTool::Pnpm => (
                        CacheKind::Pnpm,
                        format!("{}/.local/share/pnpm/store", fs.home()),
                    ),
                };
                // npm caches the tarballs of what it installed; yarn v1 unpacked copies of
                // every lock package; pnpm's store is hard-linked into node_modules (counted
                // once) plus its metadata cache.
                let (ratio_key, base) = match tool {
                    NodeTool::Npm if packuments => ("npm-cache-ratio-packuments", size),
                    NodeTool::Npm => ("npm-cache-ratio", size),
                    NodeTool::Yarn => ("yarn-cache-ratio", lock_all.unwrap_or(size)),
                    NodeTool::Pnpm => ("pnpm-cache-ratio", size),
                };
                if let Some(ratio) = artifact(ratio_key) {
                    let f = ratio.size.estimate as f64 / 1e6;
                    let (lo, hi) = (ratio.size.low as f64 / 1e6, ratio.size.high as f64 / 1e6);
                    let c = Self::cache_entry(layer, ck, cpath, base.scale_range(f, lo, hi));
                    total += c.size;
                    fs.entries.push(c);
                }
                layer.effect(
                    kind,
                    format!(
                        "{} install → {nm}: {what}{}",
                        tool_name(*tool),
                        if *production {
                            " (production only)"
                        } else {
                            ""
                        }
                    ),
                    total,
                    unknown_manifest || res.as_ref().is_some_and(|r| !r.unknown.is_empty()),
                    r.range,
                );
            }
            Effect::NodeRun { script, dir, tool } => {
                let e = Self::new_entry(
                    layer,
                    format!("{}/*", dir.trim_end_matches('/')),
                    FileKind::Tree,
                    unknowns::build_output(),
                    format!("output of `{} run {script}`", tool_name(*tool)),
                    None,
                );
                let size = e.size;
                fs.entries.push(e);
                layer.effect(
                    kind,
                    format!("{} run {script}: build output unknown", tool_name(*tool)),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::NodePrune { .. } => layer.effect(
                kind,
                "prune dev dependencies (frees bytes only in this layer)".into(),
                SizeRange::ZERO,
                false,
                r.range,
            ),
            Effect::GoBuild {
                output,
                packages,
                dir,
                ..
            } => {
                // A go.mod we can read with no `require` downloads nothing and builds only
                // standard-library packages: a small binary and a small build cache.
                let go_mod =
                    self.read_manifest(fs, binds, &format!("{}/go.mod", dir.trim_end_matches('/')));
                let downloads = go_mod.as_deref().is_none_or(manifests::go_has_requires);
                let (bin_key, cache_key) = if downloads {
                    ("go-binary", "go-build-cache")
                } else {
                    ("go-binary-std", "go-build-cache-std")
                };
                let bin = artifact(bin_key).map_or_else(unknowns::build_output, |f| f.size);
                let name = match output {
                    Some(o) if o.ends_with('/') => format!("{o}*"),
                    Some(o) => o.clone(),
                    None => {
                        let module = self
                            .read_manifest(
                                fs,
                                binds,
                                &format!("{}/go.mod", dir.trim_end_matches('/')),
                            )
                            .and_then(|m| manifests::go_module(&m));
                        let base = packages
                            .first()
                            .filter(|p| !p.contains("...") && *p != ".")
                            .map(|p| basename(p).to_string())
                            .or_else(|| module.map(|m| basename(&m).to_string()))
                            .unwrap_or_else(|| basename(dir).to_string());
                        resolve(dir, &base)
                    }
                };
                let e = Self::new_entry(
                    layer,
                    name.clone(),
                    FileKind::File,
                    bin,
                    "Go binary".into(),
                    None,
                );
                fs.entries.push(e);
                let mut total = bin;
                let home = fs.home();
                if let Some(c) = artifact(cache_key) {
                    let ce = Self::cache_entry(
                        layer,
                        CacheKind::GoBuild,
                        format!("{home}/.cache/go-build"),
                        c.size,
                    );
                    total += ce.size;
                    fs.entries.push(ce);
                }
                if downloads && !fs.entries.iter().any(|e| e.cache == Some(CacheKind::GoMod)) {
                    if let Some(c) = artifact("go-mod-cache") {
                        let ce = Self::cache_entry(
                            layer,
                            CacheKind::GoMod,
                            go_mod_cache_path(fs),
                            c.size.widen(1.0, 0.0),
                        );
                        total += ce.size;
                        fs.entries.push(ce);
                    }
                }
                layer.effect(kind, format!("go build → {name}"), total, false, r.range);
            }
            Effect::GoInstall { packages } => {
                let bin = artifact("go-binary").map_or_else(unknowns::build_output, |f| f.size);
                let mut total = SizeRange::ZERO;
                for p in packages {
                    let name = basename(p.split('@').next().unwrap_or(p)).to_string();
                    let e = Self::new_entry(
                        layer,
                        format!("/go/bin/{name}"),
                        FileKind::File,
                        bin,
                        "Go binary (go install)".into(),
                        None,
                    );
                    total += bin;
                    fs.entries.push(e);
                    fs.tools.push(Tool {
                        name: Arc::from(name.as_str()),
                        package: None,
                        path: Arc::from(format!("/go/bin/{name}")),
                        why: layer.chain(None),
                        layer: layer.id,
                    });
                }
                layer.effect(
                    kind,
                    format!("go install {}", packages.join(" ")),
                    total,
                    false,
                    r.range,
                );
            }
            Effect::GoModDownload { .. } => {
                let size = artifact("go-mod-cache").map_or_else(unknowns::dependencies, |f| f.size);
                if !fs.entries.iter().any(|e| e.cache == Some(CacheKind::GoMod)) {
                    let path = go_mod_cache_path(fs);
                    fs.entries
                        .push(Self::cache_entry(layer, CacheKind::GoMod, path, size));
                }
                layer.effect(
                    kind,
                    "go mod download → /go/pkg/mod".into(),
                    size,
                    false,
                    r.range,
                );
            }
            Effect::CargoBuild {
                release,
                deps_only,
                dir,
                target_dir,
                target,
            } => {
                // With a readable Cargo.lock, the target and registry scale with the number
                // of packages built; without one, the figures for a typical project.
                let crates = self
                    .read_manifest(
                        fs,
                        binds,
                        &format!("{}/Cargo.lock", dir.trim_end_matches('/')),
                    )
                    .map(|t| {
                        t.lines()
                            .filter(|l| l.trim() == "[[package]]")
                            .count()
                            .max(1) as f64
                    });
                let per_crate = |key: &str, whole: &str| match crates {
                    Some(n) => artifact(key).map(|f| f.size.scale(n)),
                    None => artifact(whole).map(|f| f.size),
                };
                let tsize = per_crate("cargo-target-release-per-crate", "cargo-target-release")
                    .map_or_else(unknowns::build_output, |s| {
                        if *release {
                            s
                        } else {
                            s.widen(0.5, 1.0)
                        }
                    });
                let mut total = SizeRange::ZERO;
                let e = Self::new_entry(
                    layer,
                    target_dir.clone(),
                    FileKind::Tree,
                    tsize,
                    "cargo target directory".into(),
                    None,
                );
                total += tsize;
                fs.entries.push(e);
                let cargo_home = fs.tools.iter().find(|t| &*t.name == "cargo").map_or_else(
                    || format!("{}/.cargo", fs.home()),
                    |t| parent_dir(&parent_dir(&t.path)),
                );
                if !fs.entries.iter().any(|e| e.cache == Some(CacheKind::Cargo)) {
                    if let Some(c) = per_crate("cargo-registry-per-crate", "cargo-registry") {
                        let ce = Self::cache_entry(
                            layer,
                            CacheKind::Cargo,
                            format!("{cargo_home}/registry"),
                            c,
                        );
                        total += ce.size;
                        fs.entries.push(ce);
                    }
                }
                if !deps_only {
                    // The binary itself, so `COPY --from=… target/release/app` finds it (its
                    // bytes are part of the target directory already: hidden, zero here).
                    let name = self
                        .read_manifest(
                            fs,
                            binds,
                            &format!("{}/Cargo.toml", dir.trim_end_matches('/')),
                        )
                        .and_then(|t| manifests::cargo_package_name(&t))
                        .unwrap_or_else(|| "*".into());
                    let profile = if *release { "release" } else { "debug" };
                    let tdir = match target {
                        Some(t) => format!("{}/{t}/{profile}", target_dir.trim_end_matches('/')),
                        None => format!("{}/{profile}", target_dir.trim_end_matches('/')),
                    };
                    let bin =
                        artifact("rust-binary").map_or_else(unknowns::build_output, |f| f.size);
                    let mut be = Self::new_entry(
                        layer,
                        format!("{tdir}/{name}"),
                        FileKind::File,
                        bin,
                        "Rust binary".into(),
                        None,
                    );
                    be.hidden = true;
                    // Counted in the target dir above.
                    be.size = bin;
                    fs.entries.push(be);
                }
                // The hidden binary entry is inside the target tree: do not count it twice.
                let id = layer.id;
                let hidden_bins: SizeRange = fs
                    .entries
                    .iter()
                    .filter(|e| e.layer == id && e.hidden && e.kind == FileKind::File)
                    .map(|e| e.size)
                    .sum();
                if let Some(t) = fs
                    .entries
                    .iter_mut()
                    .find(|e| e.layer == id && *e.path == **target_dir)
                {
                    t.size = t.size.saturating_sub(&hidden_bins);
                }
                layer.effect(
                    kind,
                    format!(
                        "cargo build{} → {target_dir}",
                        if *release { " --release" } else { "" }
                    ),
                    total,
                    false,
                    r.range,
                );
            }
            Effect::CargoInstall { crates, root, .. } => {
                let bin = artifact("rust-binary").map_or_else(unknowns::build_output, |f| f.size);
                let root = root
                    .clone()
                    .unwrap_or_else(|| format!("{}/.cargo", fs.home()));
                let names: Vec<String> = if crates.is_empty() {
                    vec!["*".into()]
                } else {
                    crates.clone()
                };
                let mut total = SizeRange::ZERO;
                for c in &names {
                    let e = Self::new_entry(
                        layer,
                        format!("{root}/bin/{c}"),
                        FileKind::File,
                        bin,
                        "Rust binary (cargo install)".into(),
                        None,
                    );
                    total += bin;
                    fs.entries.push(e);
                }
                if !fs.entries.iter().any(|e| e.cache == Some(CacheKind::Cargo)) {
                    if let Some(c) = artifact("cargo-registry") {
                        let ce = Self::cache_entry(
                            layer,
                            CacheKind::Cargo,
                            format!("{}/.cargo/registry", fs.home()),
                            c.size,
                        );
                        total += ce.size;
                        fs.entries.push(ce);
                    }
                }
                layer.effect(
                    kind,
                    format!("cargo install → {root}/bin"),
                    total,
                    false,
                    r.range,
                );
            }
            Effect::CargoFetch { .. } => {
                let size =
                    artifact("cargo-registry").map_or_else(unknowns::dependencies, |f| f.size);
                fs.entries.push(Self::cache_entry(
                    layer,
                    CacheKind::Cargo,
                    format!("{}/.cargo/registry", fs.home()),
                    size,
                ));
                layer.effect(kind, "cargo fetch → registry".into(), size, false, r.range);
            }
            Effect::Make { targets, dir } => {
                let install = targets.iter().any(|t| t.contains("install"));
                let (path, what) = if install {
                    (
                        "/usr/local/*".to_string(),
                        "files installed by make install",
                    )
                } else {
                    (
                        format!("{}/*", dir.trim_end_matches('/')),
                        "build output of make",
                    )
                };
                let e = Self::new_entry(
                    layer,
                    path,
                    FileKind::Tree,
                    unknowns::build_output(),
                    what.into(),
                    None,
                );
                let size = e.size;
                fs.entries.push(e);
                layer.effect(
                    kind,
                    format!("make {}: output size unknown", targets.join(" ")),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::Configure { .. } | Effect::Cmake { .. } => {
                let e = Self::new_entry(
                    layer,
                    format!("{}/*", cwd.trim_end_matches('/')),
                    FileKind::Tree,
                    unknowns::small_file(),
                    "build configuration".into(),
                    None,
                );
                let size = e.size;
                fs.entries.push(e);
                layer.effect(
                    kind,
                    "configure/cmake: build files (size unknown)".into(),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::Compile {
                compiler, output, ..
            } => {
                let size = unknowns::build_output();
                if let Some(o) = output {
                    fs.entries.push(Self::new_entry(
                        layer,
                        o.clone(),
                        FileKind::File,
                        size,
                        format!("compiled by {compiler}"),
                        None,
                    ));
                }
                layer.effect(
                    kind,
                    format!(
                        "{compiler} → {}",
                        output.clone().unwrap_or_else(|| "object files".into())
                    ),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::Download { tool, urls, output } => {
                let url = urls.first().cloned().unwrap_or_default();
                let known = registry_download(&url);
                let (dsize, unknown, note) = match &known {
                    Some(k) => (k.file, false, k.what.clone()),
                    None => (unknowns::download(), true, "size unknown".to_string()),
                };
                match output {
                    DownloadOutput::File { path } => {
                        let e = Self::new_entry(
                            layer,
                            path.clone(),
                            FileKind::File,
                            dsize,
                            format!("downloaded from {url}"),
                            None,
                        );
                        let size = e.size;
                        self.add_entry(fs, layer, e);
                        match known.and_then(|k| k.unpacked) {
                            Some(u) => fs.unpacked.insert(path.clone(), u),
                            None => fs.unpacked.remove(path),
                        };
                        layer.effect(
                            kind,
                            format!("{tool} {url} → {path} ({note})"),
                            size,
                            unknown,
                            r.range,
                        );
                    }
                    DownloadOutput::Dir { path } => {
                        let p = format!(
                            "{}/{}",
                            path.trim_end_matches('/'),
                            basename(url.split('?').next().unwrap_or(""))
                        );
                        let e = Self::new_entry(
                            layer,
                            p.clone(),
                            FileKind::File,
                            dsize,
                            format!("downloaded from {url}"),
                            None,
                        );
                        let size = e.size;
                        fs.entries.push(e);
                        match known.and_then(|k| k.unpacked) {
                            Some(u) => fs.unpacked.insert(p.clone(), u),
                            None => fs.unpacked.remove(&p),
                        };
                        layer.effect(
                            kind,
                            format!("{tool} {url} → {p} ({note})"),
                            size,
                            unknown,
                            r.range,
                        );
                    }
                    DownloadOutput::Stdout => layer.effect(
                        kind,
                        format!("{tool} {url} (output not stored)"),
                        SizeRange::ZERO,
                        false,
                        r.range,
                    ),
                    DownloadOutput::Piped { into } => {
                        let is_shell =
                            matches!(into.as_str(), "sh" | "bash" | "dash" | "ash" | "zsh")
                                || into.starts_with("python");
                        if is_shell {
                            let e = Self::new_entry(
                                layer,
                                "/*".into(),
                                FileKind::Tree,
                                unknowns::command(),
                                format!("installed by the script at {url}"),
                                None,
                            );
                            let size = e.size;
                            fs.entries.push(e);
                            layer.effect(
                                "installer_script",
                                format!("runs the installer script {url}: effect unknown"),
                                size,
                                true,
                                r.range,
                            );
                        } else {
                            layer.effect(
                                kind,
                                format!("{tool} {url} | {into}"),
                                SizeRange::ZERO,
                                false,
                                r.range,
                            );
                        }
                    }
                }
            }
            Effect::Extract {
                tool,
                archive,
                dest,
            } => {
                // An archive downloaded earlier (usually in this layer, removed after): its
                // registry-stated unpacked size, else its size × the compression ratio of a
                // compressed tar; anything else is unknown.
                let file = archive
                    .as_ref()
                    .and_then(|a| fs.entries.iter().rev().find(|e| *e.path == **a));
                let known = archive.as_ref().and_then(|a| fs.unpacked.get(a)).copied();
                let ratio = artifact("archive-extract-ratio");
                let (size, unknown) = match (known, file, ratio) {
                    (Some(u), _, _) => (u, false),
                    (None, Some(f), Some(ratio))
                        if archive.as_deref().is_some_and(compressed_tar) =>
                    {
                        let r = |b: u64| b as f64 / 1e6;
                        let s = f.size.scale_range(
                            r(ratio.size.estimate),
                            r(ratio.size.low),
                            r(ratio.size.high),
                        );
                        (s, s.has_unknown())
                    }
                    _ => (unknowns::command(), true),
                };
                let e = Self::new_entry(
                    layer,
                    format!("{}/*", dest.trim_end_matches('/')),
                    FileKind::Tree,
                    size,
                    format!("extracted by {tool}"),
                    None,
                );
                fs.entries.push(e);
                layer.effect(
                    kind,
                    format!(
                        "{tool}: extract {} → {dest}{}",
                        archive.clone().unwrap_or_else(|| "stdin".into()),
                        if unknown { " (size unknown)" } else { "" }
                    ),
                    size,
                    unknown,
                    r.range,
                );
            }
            Effect::Archive { tool, output } => {
                let size = unknowns::build_output();
                if let Some(o) = output {
                    fs.entries.push(Self::new_entry(
                        layer,
                        o.clone(),
                        FileKind::File,
                        size,
                        format!("archive created by {tool}"),
                        None,
                    ));
                }
                layer.effect(kind, format!("{tool}: create archive"), size, true, r.range);
            }
            Effect::Remove { paths, .. } => {
                let ps = paths.clone();
                let id = layer.id;
                let mut freed = SizeRange::ZERO;
                let mut hidden = SizeRange::ZERO;
                let mut hidden_names = Vec::new();
                fs.entries.retain(|e| {
                    if e.kind == FileKind::Image || !ps.iter().any(|p| removal_matches(p, &e.path))
                    {
                        return true;
                    }
                    if e.layer == id {
                        freed += e.size;
                    } else {
                        hidden += e.size;
                        hidden_names.push(e.path.clone());
                    }
                    false
                });
                fs.tools
                    .retain(|t| t.layer == 0 || !ps.iter().any(|p| removal_matches(p, &t.path)));
                let summary = if hidden.estimate > 0 {
                    format!(
                        "rm {}: {} from earlier layers stays in the image (whiteout)",
                        paths.join(" "),
                        kb::human_bytes(hidden.estimate)
                    )
                } else if freed.estimate > 0 {
                    format!(
                        "rm {}: frees {} written in this layer",
                        paths.join(" "),
                        kb::human_bytes(freed.estimate)
                    )
                } else {
                    format!("rm {}", paths.join(" "))
                };
                layer.effect(kind, summary, SizeRange::ZERO, false, r.range);
            }
            Effect::Move { sources, dest } | Effect::CopyFiles { sources, dest, .. } => {
                let is_move = matches!(r.effect, Effect::Move { .. });
                let mut total = SizeRange::ZERO;
                let mut new_entries = Vec::new();
                for s in sources {
                    let matched: Vec<Entry> = fs
                        .entries
                        .iter()
                        .filter(|e| {
                            e.kind != FileKind::Image
                                && e.cache.is_none()
                                && (under(&e.path, s) || glob_match_path(s, &e.path))
                        })
                        .cloned()
                        .collect();
                    if matched.is_empty() {
                        let size = unknowns::small_file();
                        new_entries.push(Self::new_entry(
                            layer,
                            dest_path(dest, s, sources.len() > 1),
                            FileKind::File,
                            size,
                            format!("copied from {s}"),
                            None,
                        ));
                        total += size;
                        continue;
                    }
                    for m in matched {
                        let rel = m.path.strip_prefix(s.trim_end_matches('/')).unwrap_or("");
                        let np = if rel.is_empty() {
                            dest_path(dest, s, sources.len() > 1)
                        } else {
                            format!("{}{rel}", dest_path(dest, s, sources.len() > 1))
                        };
                        let mut ne = m.clone();
                        ne.why = ne.why.prepend(layer.step(None));
                        ne.path = np.into();
                        ne.layer = layer.id;
                        ne.source = FileSource::Stage(layer.stage);
                        // A same-layer move is free; anything else writes the bytes again.
                        if !(is_move && m.layer == layer.id) {
                            total += m.size;
                        }
                        new_entries.push(ne);
                    }
                    if is_move {
                        let sp = s.clone();
                        fs.entries
                            .retain(|e| !(e.layer == layer.id && under(&e.path, &sp)));
                    }
                }
                fs.entries.extend(new_entries);
                layer.effect(
                    kind,
                    format!(
                        "{} {} → {dest}",
                        if is_move { "mv" } else { "cp" },
                        sources.join(" ")
                    ),
                    total,
                    false,
                    r.range,
                );
            }
            Effect::Mkdir { paths } => {
                fs.dirs.extend(paths.iter().cloned());
                layer.effect(
                    kind,
                    format!("mkdir {}", paths.join(" ")),
                    SizeRange::ZERO,
                    false,
                    r.range,
                );
            }
            Effect::Touch { paths } => {
                for p in paths {
                    self.add_entry(
                        fs,
                        layer,
                        Self::new_entry(
                            layer,
                            p.clone(),
                            FileKind::File,
                            SizeRange::ZERO,
                            "empty file".into(),
                            None,
                        ),
                    );
                }
                layer.effect(
                    kind,
                    format!("touch {}", paths.join(" ")),
                    SizeRange::ZERO,
                    false,
                    r.range,
                );
            }
            Effect::Chmod {
                paths, recursive, ..
            }
            | Effect::Chown {
                paths, recursive, ..
            } => {
                let id = layer.id;
                let mut up = SizeRange::ZERO;
                let mut names = Vec::new();
                for e in fs
                    .entries
                    .iter()
                    .filter(|e| e.layer != id && e.cache.is_none())
                {
                    let hit = paths.iter().any(|p| {
                        if *recursive {
                            under(&e.path, p)
                        } else {
                            *e.path == **p
                        }
                    });
                    if hit && e.kind != FileKind::Image {
                        up += e.size;
                        names.push(e.path.clone());
                    }
                }
                // Inside the base image: a recursive change copies up an unknown part of it.
                if *recursive
                    && paths.iter().any(|p| {
                        !fs.entries
                            .iter()
                            .any(|e| e.kind != FileKind::Image && under(&e.path, p))
                    })
                {
                    up += unknowns::small_file();
                }
                *copyups += up;
                let verb = if matches!(r.effect, Effect::Chmod { .. }) {
                    "chmod"
                } else {
                    "chown"
                };
                let summary = if names.is_empty() {
                    format!("{verb} {}", paths.join(" "))
                } else {
                    format!(
                        "{verb} {}: copies up {} from earlier layers ({})",
                        paths.join(" "),
                        kb::human_bytes(up.estimate),
                        names.join(", ")
                    )
                };
                layer.effect(kind, summary, up, false, r.range);
            }
            Effect::Link { link, .. } => layer.effect(
                kind,
                format!("symlink {link}"),
                SizeRange::ZERO,
                false,
                r.range,
            ),
            Effect::WriteFile { path, .. } => {
                let size = unknowns::small_file();
                let mut e = Self::new_entry(
                    layer,
                    path.clone(),
                    FileKind::File,
                    size,
                    "written by a command".into(),
                    None,
                );
                e.hidden = !path.starts_with("/app")
                    && !path.starts_with("/home")
                    && !path.starts_with("/root");
                self.add_entry(fs, layer, e);
                if let Some(reason) = secret_file(path) {
                    fs.secrets.push(SecretInfo {
                        kind: "file".into(),
                        name: path.clone(),
                        reason: reason.into(),
                        why: vec![layer.why(None)],
                    });
                }
                layer.effect(kind, format!("writes {path}"), size, false, r.range);
            }
            Effect::EditFile { paths } => {
                let size = unknowns::small_file();
                *copyups += size;
                layer.effect(
                    kind,
                    format!("edits {} in place (copied up)", paths.join(" ")),
                    size,
                    false,
                    r.range,
                );
            }
            Effect::UserAdd {
                name,
                home,
                create_home,
                ..
            } => {
                let size = unknowns::user_add();
                if *create_home {
                    if let Some(h) = home {
                        let e = Self::new_entry(
                            layer,
                            h.clone(),
                            FileKind::Tree,
                            SizeRange::ZERO,
                            format!("home of {}", name.clone().unwrap_or_default()),
                            None,
                        );
                        fs.entries.push(e);
                    }
                }
                *copyups += size;
                layer.effect(
                    kind,
                    format!("adds user {}", name.clone().unwrap_or_default()),
                    size,
                    false,
                    r.range,
                );
            }
            Effect::GroupAdd { name } => {
                let size = unknowns::small_file();
                *copyups += size;
                layer.effect(
                    kind,
                    format!("adds group {}", name.clone().unwrap_or_default()),
                    size,
                    false,
                    r.range,
                );
            }
            Effect::CondaInstall { tool, packages, .. } => {
                let e = Self::new_entry(
                    layer,
                    "/opt/conda/*".into(),
                    FileKind::Tree,
                    unknowns::dependencies(),
                    format!("{tool}: {}", packages.join(" ")),
                    None,
                );
                let size = e.size;
                fs.entries.push(e);
                fs.entries.push(Self::cache_entry(
                    layer,
                    CacheKind::Conda,
                    "/opt/conda/pkgs".into(),
                    SizeRange::ZERO,
                ));
                layer.effect(
                    kind,
                    format!(
                        "{tool} install {} (no conda facts: size unknown)",
                        packages.join(" ")
                    ),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::CacheClean { cache } => {
                let c = *cache;
                let id = layer.id;
                let mut freed = SizeRange::ZERO;
                let mut stays = false;
                fs.entries.retain(|e| {
                    if e.cache == Some(c) {
                        if e.layer == id {
                            freed += e.size;
                        } else {
                            stays = true;
                        }
                        return false;
                    }
                    true
                });
                layer.effect(
                    kind,
                    format!(
                        "cleans the {} cache{}",
                        cache_name(c),
                        if stays {
                            " (written in an earlier layer: stays in the image)"
                        } else {
                            ""
                        }
                    ),
                    SizeRange::ZERO,
                    false,
                    r.range,
                );
            }
            Effect::GitClone { url, dest, .. } => {
                let e = Self::new_entry(
                    layer,
                    dest.clone(),
                    FileKind::Tree,
                    unknowns::command(),
                    format!("git clone {url}"),
                    None,
                );
                let size = e.size;
                fs.entries.push(e);
                layer.effect(
                    kind,
                    format!("git clone {url} → {dest} (size unknown)"),
                    size,
                    true,
                    r.range,
                );
            }
            Effect::Cd { dir } => {
                *cwd = dir.clone();
            }
            Effect::SetVar { name, value } => {
                if name == "POETRY_VIRTUALENVS_CREATE" && matches!(value.as_str(), "false" | "0") {
                    fs.poetry_no_venv = true;
                }
                if name == "PATH" {
                    fs.path_var = Some(value.clone());
                }
            }
            Effect::Benign { command } => {
                if r.text.starts_with("poetry config virtualenvs.create false")
                    || r.text.contains("virtualenvs.create false")
                {
                    fs.poetry_no_venv = true;
                }
                let _ = command;
            }
            Effect::Unknown { command } => {
                let mut e = Self::new_entry(
                    layer,
                    "/*".into(),
                    FileKind::Tree,
                    unknowns::command(),
                    format!("effect of `{}`", short(command)),
                    None,
                );
                e.hidden = true;
                let size = e.size;
                fs.entries.push(e);
                layer.effect(
                    kind,
                    format!("unrecognised: {}", short(command)),
                    size,
                    true,
                    r.range,
                );
            }
        }
    }

    fn copy(&mut self, inst: &Instruction, env: Option<&Env>, fs: &mut Fs, layer: &mut Layer) {
        let words: Vec<String> = match &inst.args {
            stagecraft_syntax::Args::Copy { words, .. }
            | stagecraft_syntax::Args::Add { words, .. } => {
                words.iter().map(|w| self.expand(&w.text, env)).collect()
            }
            _ => return,
        };
        let is_add = inst.kind == Keyword::Add;
        // Heredoc sources (`COPY <<EOF /x`) are inline files.
        let Some((dest_raw, sources)) = words.split_last() else {
            return;
        };
        let mut dest = resolve(&fs.cwd, dest_raw);
        // BuildKit copies into `dest` when it ends with `/`, names an existing directory (`.`,
        // the WORKDIR) or there are several sources.
        let dest_is_dir = dest_raw.ends_with('/')
            || dest_raw == "."
            || dest_raw.ends_with("/.")
            || dest_raw == ".."
            || sources.len() > 1
            || sources.iter().any(|s| s.contains(['*', '?', '[']))
            || fs.dirs.contains(dest.trim_end_matches('/'))
            || dest == "/"
            || fs
                .entries
                .iter()
                .any(|e| *e.path == *dest && matches!(e.kind, FileKind::Tree | FileKind::Image));
        if dest_is_dir && !dest.ends_with('/') {
            dest.push('/');
        }
        let parents = inst
            .flag("parents")
            .is_some_and(|f| f.value.as_deref().is_none_or(|v| v != "false"));
        let excludes: Vec<String> = inst
            .flags_named("exclude")
            .filter_map(|f| f.value.clone())
            .map(|v| self.expand(&v, env))
            .collect();
        // The instruction's index once, not once per edge (that was edges × instructions).
        let index = self.instr_index(inst);
        let copy_edges = || {
            self.model
                .edges
                .iter()
                .filter(|e| e.kind == stagecraft_model::EdgeKind::Copy)
        };
        let from = match self.trigger {
            // A trigger's `--from` resolves in the stage it runs in; the model lists that edge
            // for reachable stages only, and the source is the same for any stage.
            Some((pi, to)) => copy_edges()
                .find(|e| e.onbuild && e.instruction == pi && e.to == to)
                .or_else(|| copy_edges().find(|e| e.onbuild && e.instruction == pi)),
            None => copy_edges().find(|e| e.instruction as usize == index),
        }
        .map(|e| e.source);
        let heredoc_names: BTreeSet<&str> = inst.heredocs.iter().map(|h| h.name.as_str()).collect();
        let mut total = SizeRange::ZERO;
        for src in sources {
            if let Some(name) = src
                .strip_prefix("<<")
                .map(|n| n.trim_start_matches('-').trim_matches(['"', '\'']))
            {
                if heredoc_names.contains(name) {
                    let body = inst
                        .heredocs
                        .iter()
                        .find(|h| h.name == name)
                        .map_or(0, |h| h.body.len() as u64);
                    let p = if dest_is_dir {
                        format!("{dest}{name}")
                    } else {
                        dest.clone()
                    };
                    let e = Self::new_entry(
                        layer,
                        p.clone(),
                        FileKind::File,
                        SizeRange::exact(body),
                        "inline heredoc file".into(),
                        None,
                    );
                    total += e.size;
                    self.add_entry(fs, layer, e);
                    continue;
                }
            }
            let size = match from {
                Some(Source::Stage(j)) => {
                    self.copy_from_stage(j, src, &dest, dest_is_dir, parents, &excludes, fs, layer)
                }
                Some(Source::Image(k)) => {
                    let r = self
                        .model
                        .images
                        .get(k as usize)
                        .map_or_else(String::new, |i| i.reference.clone());
                    let hi = memo::image(&r)
                        .facts()
                        .map_or(unknowns::command().high, |f| f.uncompressed.high);
                    let size = SizeRange::unknown_within(0, hi);
                    let p = if dest_is_dir {
                        format!("{dest}{}", basename(src))
                    } else {
                        dest.clone()
                    };
                    let mut e = Self::new_entry(
                        layer,
                        p,
                        FileKind::Tree,
                        size,
                        format!("{src} from image {r}"),
                        None,
                    );
                    e.source = FileSource::Image(r.clone());
                    fs.entries.push(e);
                    layer.effect(
                        "copy",
                        format!("COPY {src} from image {r} (size unknown)"),
                        size,
                        true,
                        inst.range,
                    );
                    size
                }
                Some(Source::Scratch) => SizeRange::ZERO,
                None => self.copy_from_context(
                    inst,
                    src,
                    &dest,
                    dest_is_dir,
                    parents,
                    &excludes,
                    is_add,
                    fs,
                    layer,
                ),
            };
            total += size;
        }
        let _ = total;
    }

    /// Index of a top-level instruction (`usize::MAX` for an ONBUILD body): instructions are
    /// in text order, so a binary search by start offset finds it.
    fn instr_index(&self, inst: &Instruction) -> usize {
        let all = &self.parse.file.instructions;
        all.binary_search_by_key(&inst.range.start, |i| i.range.start)
            .ok()
            .filter(|&k| all.get(k).is_some_and(|i| std::ptr::eq(i, inst)))
            .or_else(|| all.iter().position(|i| std::ptr::eq(i, inst)))
            .unwrap_or(usize::MAX)
    }

    #[allow(clippy::too_many_arguments)]
    fn copy_from_context(
        &self,
        inst: &Instruction,
        src: &str,
        dest: &str,
        dest_is_dir: bool,
        parents: bool,
        excludes: &[String],
        is_add: bool,
        fs: &mut Fs,
        layer: &mut Layer,
    ) -> SizeRange {
        if is_add
            && (src.starts_with("http://")
                || src.starts_with("https://")
                || src.starts_with("git@"))
        {
            let p = if dest_is_dir {
                format!("{dest}{}", basename(src.split('?').next().unwrap_or(src)))
            } else {
                dest.to_string()
            };
            let known = registry_download(src);
            let e = Self::new_entry(
                layer,
                p.clone(),
                FileKind::File,
                known.as_ref().map_or_else(unknowns::download, |k| k.file),
                format!("downloaded from {src}"),
                None,
            );
            let size = e.size;
            fs.entries.push(e);
            layer.effect(
                "add_url",
                format!(
                    "ADD {src} → {p} ({})",
                    known.as_ref().map_or("size unknown", |k| k.what.as_str())
                ),
                size,
                known.is_none(),
                inst.range,
            );
            return size;
        }
        let rel = clean_rel(src);
        match self.ctx {
            Some(ctx) => {
                let matches: Vec<_> = ctx
                    .matching(&rel)
                    .into_iter()
                    .filter(|(f, _)| {
                        !excludes.iter().any(|x| {
                            glob_match_path(&clean_rel(x), &f.path)
                                || glob_match(&clean_rel(x), basename(&f.path))
                        })
                    })
                    .collect();
                if matches.is_empty() && !ctx.complete {
                    // A partial context (files the user pasted) says nothing of this source.
                    return self.copy_unknown_from_context(
                        inst,
                        src,
                        &rel,
                        dest,
                        dest_is_dir,
                        fs,
                        layer,
                    );
                }
                if matches.is_empty() {
                    layer.effect(
                        "copy",
                        format!(
                            "COPY {src}: no file in the context matches (the build would fail)"
                        ),
                        SizeRange::ZERO,
                        true,
                        inst.range,
                    );
                    return SizeRange::ZERO;
                }
                let single_file =
                    matches.len() == 1 && !ctx.is_dir(&rel) && !rel.contains(['*', '?', '[']);
                let mut size = SizeRange::ZERO;
                let root = if single_file && !dest_is_dir {
                    dest.to_string()
                } else {
                    dest.trim_end_matches('/').to_string()
                };
                let many = matches.len() > 64;
                let mut bytes = 0u64;
                // ADD extracts a local compressed tar into the destination directory: the
                // layer holds the extracted tree, not the archive.
                let archive = is_add && compressed_tar(&rel);
                let ratio = artifact("archive-extract-ratio").filter(|_| archive);
                for (f, relpath) in &matches {
                    bytes += f.size;
                    if let Some(ratio) = &ratio {
                        let r = |b: u64| b as f64 / 1e6;
                        let (est, lo, hi) = (
                            r(ratio.size.estimate),
                            r(ratio.size.low),
                            r(ratio.size.high),
                        );
                        // The extracted size when the context reader measured it.
                        let extracted = ctx.archives.get(&f.path).map_or_else(
                            || SizeRange::exact(f.size).scale_range(est, lo, hi),
                            |b| SizeRange::exact(*b),
                        );
                        let mut e = Self::new_entry(
                            layer,
                            dest.trim_end_matches('/').to_string(),
                            FileKind::Tree,
                            extracted,
                            format!("extracted from {}", f.path),
                            None,
                        );
                        e.source = FileSource::Context(true);
                        size += e.size;
                        fs.entries.push(e);
                        continue;
                    }
                    let path = if single_file && !dest_is_dir {
                        dest.to_string()
                    } else if parents {
                        format!("{root}/{}", parents_rel(src, &f.path))
                    } else {
                        format!("{root}/{relpath}")
                    };
                    if let Some(reason) = secret_file(&f.path) {
                        fs.secrets.push(SecretInfo {
                            kind: "file".into(),
                            name: path.clone(),
                            reason: format!("{reason} copied from the build context ({})", f.path),
                            why: vec![layer.why(None)],
                        });
                    }
                    if many && !is_manifest_name(&f.path) {
                        continue;
                    }
                    let mut e = Self::new_entry(
                        layer,
                        path,
                        FileKind::File,
                        SizeRange::exact(f.size),
                        String::new(),
                        None,
                    );
                    e.source = FileSource::Context(true);
                    e.ctx_path = Some(f.path.clone());
                    if many {
                        // Index entry for manifests inside a large tree (bytes counted below).
                        e.hidden = true;
                        e.size = SizeRange::ZERO;
                    }
                    size += e.size;
                    self.add_entry(fs, layer, e);
                }
                if many {
                    let mut e = Self::new_entry(
                        layer,
                        root.clone(),
                        FileKind::Tree,
                        SizeRange::exact(bytes),
                        format!("{} files from the context", matches.len()),
                        None,
                    );
                    e.source = FileSource::Context(true);
                    size += e.size;
                    fs.entries.push(e);
                }
                let archive = archive || (is_add && rel.ends_with(".tar"));
                if archive {
                    layer.effect(
                        "add_archive",
                        format!("ADD {src}: local archive is extracted (size ≈ archive × typical compression ratio)"),
                        size,
                        true,
                        inst.range,
                    );
                } else {
                    layer.effect(
                        "copy",
                        format!(
                            "COPY {src} → {dest} ({} files, {})",
                            matches.len(),
                            kb::human_bytes(bytes)
                        ),
                        size,
                        false,
                        inst.range,
                    );
                }
                // A partial context knows some files of a directory source, not all of them.
                if !ctx.complete
                    && (rel.is_empty()
                        || src.ends_with('/')
                        || rel.contains(['*', '?', '['])
                        || ctx.is_dir(&rel))
                {
                    size += self.copy_unknown_from_context(
                        inst,
                        src,
                        &rel,
                        dest,
                        dest_is_dir,
                        fs,
                        layer,
                    );
                }
                size
            }
            None => self.copy_unknown_from_context(inst, src, &rel, dest, dest_is_dir, fs, layer),
        }
    }

    /// A COPY source the context does not describe (no context, or a partial one without the
    /// file): an honest unknown size, as wide as the knowledge base's context facts.
    #[allow(clippy::too_many_arguments)]
    fn copy_unknown_from_context(
        &self,
        inst: &Instruction,
        src: &str,
        rel: &str,
        dest: &str,
        dest_is_dir: bool,
        fs: &mut Fs,
        layer: &mut Layer,
    ) -> SizeRange {
        let name = basename(rel);
        let is_dir_like = rel.is_empty()
            || src.ends_with('/')
            || rel.contains(['*', '?', '['])
            || (!name.contains('.') && !is_manifest_name(name));
        let (path, kind, size, what) = if is_dir_like {
            (
                dest.trim_end_matches('/').to_string().replace("//", "/"),
                FileKind::Tree,
                unknowns::context_dir(),
                format!(
                    "{} from the context (size unknown without --context)",
                    if rel.is_empty() { "." } else { rel }
                ),
            )
        } else {
            let p = if dest_is_dir {
                format!("{dest}{name}")
            } else {
                dest.to_string()
            };
            (
                p,
                FileKind::File,
                unknowns::context_file(),
                format!("{rel} from the context"),
            )
        };
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            path
        };
        if let Some(reason) = secret_file(rel) {
            fs.secrets.push(SecretInfo {
                kind: "file".into(),
                name: path.clone(),
                reason: reason.into(),
                why: vec![layer.why(None)],
            });
        } else if is_dir_like && rel.is_empty() {
            fs.secrets.push(SecretInfo {
                kind: "file".into(),
                name: path.clone(),
                reason: "the whole context is copied: .env files or keys in it would be baked in (check .dockerignore)".into(),
                why: vec![layer.why(None)],
            });
        }
        let mut e = Self::new_entry(layer, path, kind, size, what.clone(), None);
        e.source = FileSource::Context(true);
        e.ctx_path = Some(rel.to_string());
        fs.entries.push(e);
        layer.effect(
            "copy",
            format!("COPY {src} → {dest}: {what}"),
            size,
            true,
            inst.range,
        );
        size
    }

    #[allow(clippy::too_many_arguments)]
    fn copy_from_stage(
        &self,
        j: u32,
        src: &str,
        dest: &str,
        dest_is_dir: bool,
        parents: bool,
        excludes: &[String],
        fs: &mut Fs,
        layer: &mut Layer,
    ) -> SizeRange {
        let Some(Some(from)) = self.done.get(j as usize) else {
            return SizeRange::ZERO;
        };
        let src_abs = resolve("/", src);
        let s = src_abs.trim_end_matches('/');
        let s = if s.is_empty() { "/" } else { s };
        let is_glob = s.contains(['*', '?', '[']);
        let excluded = |p: &str| {
            excludes.iter().any(|x| {
                glob_match(x, basename(p))
                    || glob_match_path(&clean_rel(x), p.trim_start_matches('/'))
            })
        };
        let mut total = SizeRange::ZERO;
        let mut copied_roots: Vec<(String, String)> = Vec::new();
        let mut count = 0usize;
        let mut copied: Vec<Entry> = Vec::new();
        let (mut overflow, mut overflow_n) = (SizeRange::ZERO, 0usize);
        let copy_budget = MAX_STAGE_ENTRIES
            .saturating_sub(fs.entries.len())
            .min(MAX_COPIED_ENTRIES);
        // Something written at or below the path wins over "part of an enclosing tree".
        let any_direct = from.entries.iter().any(|e| {
            e.kind != FileKind::Image
                && !excluded(&e.path)
                && ((if is_glob {
                    glob_match_path(s, &e.path) || under_glob(&e.path, s)
                } else {
                    under(&e.path, s) && &*e.path != "/"
                }) || (e.path.ends_with("/*") && parent_dir(&e.path) == parent_dir(s)))
        });
        for e in &from.entries {
            if e.cache.is_some() && !under(&e.path, s) {
                continue;
            }
            if excluded(&e.path) {
                continue;
            }
            let wildcard_hit = e.path.ends_with("/*")
                && parent_dir(&e.path) == parent_dir(s)
                && e.kind != FileKind::Image;
            let direct = if is_glob {
                glob_match_path(s, &e.path) || under_glob(&e.path, s)
            } else {
                under(&e.path, s)
            };
            let ancestor = !direct
                && !any_direct
                && &*e.path != "/"
                && under(s, e.path.trim_end_matches("/*"))
                && matches!(e.kind, FileKind::Tree | FileKind::Packages);
            let base_part = !direct && e.kind == FileKind::Image;
            if !(direct || wildcard_hit || ancestor || base_part) {
                continue;
            }
            let (size, new_path) = if direct {
                let np = if parents {
                    format!(
                        "{}/{}",
                        dest.trim_end_matches('/'),
                        parents_rel(src, &e.path)
                    )
                } else if *e.path == *s && !dest_is_dir && (e.kind == FileKind::File) {
                    dest.to_string()
                } else if *e.path == *s && e.kind == FileKind::File {
                    format!("{}{}", dest, basename(s))
                } else {
                    let root = if is_glob {
                        parent_dir(s)
                    } else {
                        s.to_string()
                    };
                    let rel = e
                        .path
                        .strip_prefix(root.as_str())
                        .unwrap_or(&e.path)
                        .trim_start_matches('/');
                    let rel = rel.to_string();
                    if rel.is_empty() {
                        dest.trim_end_matches('/').to_string()
                    } else {
                        format!("{}/{rel}", dest.trim_end_matches('/'))
                    }
                };
                (e.size, np)
            } else if wildcard_hit {
                let np = if dest_is_dir {
                    format!("{dest}{}", basename(s))
                } else {
                    dest.to_string()
                };
                (e.size, np)
            } else {
                // Only part of this tree (or of the base image) is copied: how much is unknown.
                if base_part && count > 0 {
                    continue;
                }
                let np = if dest_is_dir {
                    format!("{dest}{}", basename(s))
                } else {
                    dest.to_string()
                };
                (SizeRange::unknown_within(0, e.size.high), np)
            };
            if base_part {
                // Deferred: only if nothing else matched (see below).
                copied_roots.push((e.path.to_string(), new_path));
                continue;
            }
            count += 1;
            if copied.len() >= copy_budget {
                // Bounded work and memory whatever the input (copies nested into themselves grow
                // exponentially): the rest is one summarised tree below.
                overflow += size;
                overflow_n += 1;
                continue;
            }
            let mut ne = e.clone();
            ne.path = new_path.replace("//", "/").into();
            ne.size = size;
            ne.layer = layer.id;
            ne.source = FileSource::Stage(j);
            ne.hidden = e.hidden && e.kind != FileKind::File;
            ne.why = ne.why.prepend(layer.step(None));
            if ne.kind == FileKind::Image {
                ne.kind = FileKind::Tree;
            }
            total += size;
            copied.push(ne);
            // Tools living under the copied path come along.
            for t in &from.tools {
                let hit = if direct || wildcard_hit {
                    under(&t.path, &e.path) || under(&t.path, s)
                } else {
                    under(&t.path, s)
                };
                if hit
                    && fs.tools.len() < MAX_COPIED_ENTRIES
                    && !fs
                        .tools
                        .iter()
                        .any(|x| x.name == t.name && x.path == t.path)
                {
                    let mut nt = t.clone();
                    let rel = t
                        .path
                        .strip_prefix(s)
                        .unwrap_or(basename(&t.path))
                        .trim_start_matches('/');
                    nt.path = Arc::from(if rel.is_empty() {
                        new_path_of(dest, s)
                    } else {
                        format!("{}/{rel}", dest.trim_end_matches('/'))
                    });
                    nt.why = nt.why.prepend(layer.step(None));
                    nt.layer = layer.id;
                    fs.tools.push(nt);
                }
            }
        }
        // What the copy overwrites is no longer visible (its bytes stay in their layer): a file
        // at the same path, or the very same entry copied again (e.g. `FROM a` then
        // `COPY --from=a /app /app`, which would otherwise double the entries at every stage
        // of such a chain).
        if !copied.is_empty() {
            let mut by_path: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
            for n in &copied {
                by_path.entry(&*n.path).or_default().push(n);
            }
            let id = layer.id;
            fs.entries.retain(|x| {
                x.layer == id
                    || !by_path.get(&*x.path).is_some_and(|ns| {
                        ns.iter().any(|n| {
                            n.kind == x.kind
                                && (x.kind == FileKind::File
                                    || (n.what == x.what && n.size == x.size))
                        })
                    })
            });
            fs.entries.extend(copied);
        }
        if overflow_n > 0 {
            let mut ne = Self::new_entry(
                layer,
                new_path_of(dest, s),
                FileKind::Tree,
                overflow,
                format!("{overflow_n} more items from stage {j} (summarised)"),
                None,
            );
            ne.source = FileSource::Stage(j);
            total += overflow;
            fs.entries.push(ne);
        }
        if count == 0 {
            // Nothing we know of lives there: part of the base image, or made by a command we
            // could not recognise.
            let hi = from
                .entries
                .iter()
                .map(|e| e.size.high)
                .max()
                .unwrap_or(0)
                .max(unknowns::command().high);
            let size = SizeRange::unknown_within(0, hi);
            let np = copied_roots
                .first()
                .map_or_else(|| new_path_of(dest, s), |(_, p)| p.clone());
            let mut ne = Self::new_entry(
                layer,
                np.clone(),
                FileKind::Tree,
                size,
                format!("{s} from stage {j} (contents unknown)"),
                None,
            );
            ne.source = FileSource::Stage(j);
            fs.entries.push(ne);
            for t in &from.tools {
                if under(&t.path, s) {
                    let mut nt = t.clone();
                    nt.why = nt.why.prepend(layer.step(None));
                    nt.layer = layer.id;
                    fs.tools.push(nt);
                }
            }
            layer.effect(
                "copy_from",
                format!(
                    "COPY --from={} {src} → {dest}: contents unknown",
                    stage_label(self.model, j)
                ),
                size,
                true,
                TextRange::default(),
            );
            return size;
        }
        layer.effect(
            "copy_from",
            format!(
                "COPY --from={} {src} → {dest}: {count} item(s)",
                stage_label(self.model, j)
            ),
            total,
            total.has_unknown(),
            TextRange::default(),
        );
        total
    }
}

/// Most entries one `COPY --from` copies one by one (the rest is summarised as a tree).
const MAX_COPIED_ENTRIES: usize = 1024;
/// Beyond this many entries in a stage, what `COPY --from` brings is summarised as one tree.
const MAX_STAGE_ENTRIES: usize = 4096;

/// The tag's variant: `18-slim` → `-slim`, `3.10-slim-buster` → `-slim-buster`, `18` → ``.
fn variant_of(tag: &str) -> &str {
    let i = tag
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tag.len());
    tag.get(i..).unwrap_or("")
}

/// When the KB has no tool rows for a tag (e.g. `node:18` matched to a published size row),
/// borrow them from the nearest version of the same variant that has them.
fn tools_of_same_variant(reference: &str) -> Option<(String, Vec<kb::ToolFact>)> {
    let r = parse_image_ref(reference);
    let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
    let variant = variant_of(&tag);
    // (major, minor) as integers: "3.9" comes before "3.11" (as floats it would not), and no
    // float parser is linked into the wasm for it.
    let version = |t: &str| -> (u64, u64) {
        let v = t.get(..t.len() - variant_of(t).len()).unwrap_or("");
        let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
    };
    let want = version(&tag);
    let mut best: Option<((u64, u64), String, Vec<kb::ToolFact>)> = None;
    for k in kb::image::known_images() {
        let Some((repo, t)) = k.rsplit_once(':') else {
            continue;
        };
        if repo != r.repository.trim_start_matches("library/")
            || variant_of(t) != variant
            || t == tag
        {
            continue;
        }
        let Some(f) = memo::image(&k).facts().cloned() else {
            continue;
        };
        if f.tools.is_empty() {
            continue;
        }
        let (major, minor) = version(t);
        let d = (major.abs_diff(want.0), minor.abs_diff(want.1));
        if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
            best = Some((d, k, f.tools));
        }
    }
    best.map(|(_, k, t)| (k, t))
}

/// `$GOPATH/pkg/mod`: the golang images set `GOPATH=/go`; otherwise Go's default `~/go`.
fn go_mod_cache_path(fs: &Fs) -> String {
    let gopath = fs
        .go_path
        .clone()
        .unwrap_or_else(|| format!("{}/go", fs.home()));
    format!("{}/pkg/mod", gopath.split(':').next().unwrap_or("/go"))
}

fn stage_label(model: &Model, j: u32) -> String {
    model
        .stages
        .get(j as usize)
        .map_or_else(|| j.to_string(), |s| s.display_name())
}

fn new_path_of(dest: &str, s: &str) -> String {
    if dest.ends_with('/') {
        format!("{dest}{}", basename(s))
    } else {
        dest.to_string()
    }
}

fn under_glob(path: &str, pattern: &str) -> bool {
    let comps: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    (1..comps.len()).any(|k| glob_match_path(pattern, &comps[..k].join("/")))
}

/// `--parents`: the path after a `./` marker in the source, else the whole relative path.
fn parents_rel(src: &str, path: &str) -> String {
    let p = path.trim_start_matches('/');
    match src.find("/./") {
        Some(i) => {
            let prefix = clean_rel(src.get(..i).unwrap_or(""));
            p.strip_prefix(prefix.as_str())
                .unwrap_or(p)
                .trim_start_matches('/')
                .to_string()
        }
        None => p.to_string(),
    }
}

fn parent_dir(p: &str) -> String {
    match p.trim_end_matches('/').rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => p.get(..i).unwrap_or("/").to_string(),
    }
}

fn dest_path(dest: &str, src: &str, many: bool) -> String {
    if dest.ends_with('/') || many {
        format!("{}/{}", dest.trim_end_matches('/'), basename(src))
    } else {
        dest.to_string()
    }
}

fn split_npm_spec(spec: &str) -> (&str, &str) {
    let at = if let Some(rest) = spec.strip_prefix('@') {
        rest.find('@').map(|i| i + 1)
    } else {
        spec.find('@')
    };
    match at {
        Some(i) => (
            spec.get(..i).unwrap_or(spec),
            spec.get(i + 1..).unwrap_or(""),
        ),
        None => (spec, ""),
    }
}

fn arg_value(inst: &Instruction) -> Option<&str> {
    match &inst.args {
        stagecraft_syntax::Args::Workdir { value } | stagecraft_syntax::Args::User { value } => {
            value.as_ref().map(|w| w.text.as_str())
        }
        _ => None,
    }
}

/// A download whose size a registry fact gives.
struct KnownDownload {
    /// The downloaded file.
    file: SizeRange,
    /// What it unpacks to, when stated (npm's unpackedSize).
    unpacked: Option<SizeRange>,
    /// Where the figure comes from.
    what: String,
}

/// A wheel on files.pythonhosted.org or a tarball on registry.npmjs.org names its package and
/// version in the URL: the knowledge tables know the wheel's bytes and the tarball's unpacked
/// size (the tarball itself ≈ 0.22 of that, `npm-tarball-ratio`).
fn registry_download(url: &str) -> Option<KnownDownload> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = basename(path);
    if path.contains("files.pythonhosted.org/") || path.contains("pypi.org/") {
        let stem = file.strip_suffix(".whl")?;
        let mut parts = stem.split('-');
        let (name, version) = (parts.next()?, parts.next()?);
        let p = kb::python_package(name, Some(version)).filter(|p| p.version == version)?;
        let minor = if stem.contains("-cp312-") { 12 } else { 11 };
        let bytes = p.wheel_size(minor)?;
        return Some(KnownDownload {
            file: SizeRange::exact(bytes),
            unpacked: None,
            what: format!("{} {} wheel, PyPI", p.name, p.version),
        });
    }
    if path.contains("registry.npmjs.org/") || path.contains("registry.yarnpkg.com/") {
        let after = path
            .split_once(".org/")
            .or_else(|| path.split_once(".com/"))?
            .1;
        let (name, tail) = after.split_once("/-/")?;
        let short = basename(name);
        let version = tail
            .strip_prefix(short)?
            .strip_prefix('-')?
            .strip_suffix(".tgz")?;
        let res = kb::npm_lock_size(&[(name, version)]);
        if !res.unknown.is_empty() {
            return None;
        }
        // This very version's unpackedSize is the extracted tree to the byte; another
        // version of the package gets the knowledge crate's wider range.
        let unpacked = match kb::npm_package(name, Some(version)) {
            Some((p, _)) if p.version == version => p.unpacked.map(SizeRange::exact),
            _ => None,
        }
        .unwrap_or(res.total);
        let ratio = artifact("npm-tarball-ratio")?;
        let r = |b: u64| b as f64 / 1e6;
        return Some(KnownDownload {
            file: unpacked.scale_range(
                r(ratio.size.estimate),
                r(ratio.size.low),
                r(ratio.size.high),
            ),
            unpacked: Some(unpacked),
            what: format!("{name} {version} tarball, npm registry unpackedSize"),
        });
    }
    None
}

/// A compressed tar archive by its name (ADD extracts it; the extracted tree is larger).
fn compressed_tar(name: &str) -> bool {
    [
        ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst",
    ]
    .iter()
    .any(|x| name.ends_with(x))
}

fn env_flag_false(_layer: &Layer, r: &Recognised) -> bool {
    r.text.contains("POETRY_VIRTUALENVS_CREATE=false")
}

fn tool_name(t: NodeTool) -> &'static str {
    match t {
        NodeTool::Npm => "npm",
        NodeTool::Yarn => "yarn",
        NodeTool::Pnpm => "pnpm",
    }
}

fn cache_name(k: CacheKind) -> &'static str {
    match k {
        CacheKind::AptLists => "apt_lists",
        CacheKind::Apt => "apt",
        CacheKind::Apk => "apk",
        CacheKind::Pip => "pip",
        CacheKind::Uv => "uv",
        CacheKind::Poetry => "poetry",
        CacheKind::Npm => "npm",
        CacheKind::Yarn => "yarn",
        CacheKind::Pnpm => "pnpm",
        CacheKind::GoMod => "go_mod",
        CacheKind::GoBuild => "go_build",
        CacheKind::Cargo => "cargo",
        CacheKind::Conda => "conda",
    }
}

/// The serde tag of an effect (`apt_install`, …).
fn effect_kind(e: &Effect) -> &'static str {
    match e {
        Effect::AptUpdate => "apt_update",
        Effect::AptInstall { .. } => "apt_install",
        Effect::AptRemove { .. } => "apt_remove",
        Effect::AptAutoremove { .. } => "apt_autoremove",
        Effect::AptClean => "apt_clean",
        Effect::ApkUpdate => "apk_update",
        Effect::ApkAdd { .. } => "apk_add",
        Effect::ApkDel { .. } => "apk_del",
        Effect::PipInstall { .. } => "pip_install",
        Effect::Venv { .. } => "venv",
        Effect::UvSync { .. } => "uv_sync",
        Effect::PoetryInstall { .. } => "poetry_install",
        Effect::NodeInstall { .. } => "node_install",
        Effect::NodeRun { .. } => "node_run",
        Effect::NodePrune { .. } => "node_prune",
        Effect::GoBuild { .. } => "go_build",
        Effect::GoInstall { .. } => "go_install",
        Effect::GoModDownload { .. } => "go_mod_download",
        Effect::CargoBuild { .. } => "cargo_build",
        Effect::CargoInstall { .. } => "cargo_install",
        Effect::CargoFetch { .. } => "cargo_fetch",
        Effect::Make { .. } => "make",
        Effect::Configure { .. } => "configure",
        Effect::Cmake { .. } => "cmake",
        Effect::Compile { .. } => "compile",
        Effect::Download { .. } => "download",
        Effect::Extract { .. } => "extract",
        Effect::Archive { .. } => "archive",
        Effect::Remove { .. } => "remove",
        Effect::Move { .. } => "move",
        Effect::CopyFiles { .. } => "copy_files",
        Effect::Mkdir { .. } => "mkdir",
        Effect::Touch { .. } => "touch",
        Effect::Chmod { .. } => "chmod",
        Effect::Chown { .. } => "chown",
        Effect::Link { .. } => "link",
        Effect::WriteFile { .. } => "write_file",
        Effect::EditFile { .. } => "edit_file",
        Effect::UserAdd { .. } => "user_add",
        Effect::GroupAdd { .. } => "group_add",
        Effect::CondaInstall { .. } => "conda_install",
        Effect::CacheClean { .. } => "cache_clean",
        Effect::GitClone { .. } => "git_clone",
        Effect::Cd { .. } => "cd",
        Effect::SetVar { .. } => "set_var",
        Effect::Benign { .. } => "benign",
        Effect::Unknown { .. } => "unknown",
    }
}
