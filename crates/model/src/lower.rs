//! Lowering a parse tree to the stage model, following BuildKit's `dockerfile2llb`
//! (`toDispatchState`, `buildDispatchStates`, `buildStageDependencyGraph`, `dispatchArg`)
//! at commit 73ed6825 step by step. Comments name the BuildKit behaviour each step mirrors.

use std::collections::{BTreeMap, BTreeSet};

use stagecraft_syntax::{Args, Instruction, Keyword};
use stagecraft_syntax::{Diagnostic, Parse, TextRange};

use crate::env::{Env, VarOrigin};
use crate::expand::process_word;
use crate::model::{BuildOptions, Edge, EdgeKind, GlobalArg, Image, Model, Source, Stage};
use crate::platform::Platform;
use crate::reference;
use stagecraft_syntax::case::GoCase;

/// Diagnostic codes produced by the model.
pub mod codes {
    /// BuildKit: `FROM requires either one or three arguments`.
    pub const FROM_ARGUMENTS: &str = "FromArguments";
    /// BuildKit: `invalid name for build stage: …`.
    pub const INVALID_STAGE_NAME: &str = "InvalidStageName";
    /// BuildKit lint `DuplicateStageName`.
    pub const DUPLICATE_STAGE_NAME: &str = "DuplicateStageName";
    /// BuildKit lint `ReservedStageName`.
    pub const RESERVED_STAGE_NAME: &str = "ReservedStageName";
    /// BuildKit: `circular dependency detected on stage: …`.
    pub const CIRCULAR_DEPENDENCY: &str = "CircularDependency";
    /// BuildKit: `target stage "…" could not be found`.
    pub const TARGET_NOT_FOUND: &str = "TargetNotFound";
    /// BuildKit: `variable expansion is not supported for --from, …` and
    /// `'from' doesn't support variable expansion, …`.
    pub const FROM_FLAG_VARIABLE: &str = "FromFlagVariable";
    /// BuildKit: `invalid stage index N`.
    pub const INVALID_STAGE_INDEX: &str = "InvalidStageIndex";
    /// BuildKit: `base name (…) should not be blank`.
    pub const BLANK_BASE_NAME: &str = "BlankBaseName";
    /// BuildKit: `failed to parse stage name "…": invalid reference format…`.
    pub const INVALID_REFERENCE: &str = "InvalidReference";
    /// BuildKit: errors of `--platform` expansion and parsing.
    pub const INVALID_PLATFORM: &str = "InvalidPlatform";
    /// BuildKit: errors of `${…}` expansion (`X: is not allowed to be unset`, …).
    pub const EXPANSION_ERROR: &str = "ExpansionError";
    /// BuildKit: `dockerfile contains no stages to build`.
    pub const NO_STAGES: &str = "NoStages";
    /// BuildKit: `no build stage in current context`.
    pub const NO_BUILD_STAGE: &str = "NoBuildStage";
    /// BuildKit: `cannot mount from stage "…" to "…", stage needs to be defined before current command`.
    pub const MOUNT_FROM_LATER_STAGE: &str = "MountFromLaterStage";
    /// BuildKit: `failed to parse csv mounts: …`.
    pub const INVALID_MOUNT: &str = "InvalidMount";
    /// BuildKit: `duplicate flag specified: …`, `missing a value on flag: …`,
    /// `unknown flag: …` for the flags the model reads (FROM `--platform`, COPY/ADD `--from`).
    pub const FLAG_ERROR: &str = "FlagError";
    /// An invalid `--platform` / `--build-arg` given to stagecraft itself.
    pub const INVALID_OPTION: &str = "InvalidOption";
}

/// BuildKit's `nonEnvArgs`: build args that never become environment variables.
const NON_ENV_ARGS: &[&str] = &["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// The default `PATH` BuildKit sets when the base image has none (`system.DefaultPathEnv`).
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// BuildKit's stage name rule: `^[a-z][a-z0-9-_.]*$` (checked on the lower-cased name).
fn valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.'))
}

/// Go's `%q` (`strconv.Quote`), as BuildKit prints names in its messages.
pub(crate) fn go_quote(s: &str) -> String {
    stagecraft_syntax::go_quote(s.as_bytes())
}

/// Go's `strings.EqualFold(s, "as")`: Unicode simple folding, so the long s `ſ` (U+017F)
/// matches `s` too.
fn go_equal_fold_as(s: &str) -> bool {
    let mut c = s.chars();
    matches!(
        (c.next(), c.next(), c.next()),
        (Some('a' | 'A'), Some('s' | 'S' | 'ſ'), None)
    )
}

/// Go's `strconv.Atoi` on a `--from` value: optional sign, ASCII digits only.
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// One of BuildKit's dispatch states as far as the graph is concerned: a registered stage or
/// an "unregistered" state BuildKit creates for every `--from`/`from=` that names no stage.
/// The list matters because `COPY --from=N` indexes it, unregistered states included.
#[derive(Debug, Clone)]
enum StateRef {
    Stage(u32),
    Unregistered(Source),
}

struct Ctx<'a> {
    escape: char,
    opts: &'a BuildOptions,
    diags: Vec<Diagnostic>,
    images: Vec<Image>,
    image_keys: BTreeMap<String, u32>,
    states: Vec<StateRef>,
    /// Lower-cased stage name → index of the last stage with that name (BuildKit's `statesByName`).
    by_name: BTreeMap<String, u32>,
}

impl Ctx<'_> {
    fn error(&mut self, code: &str, message: impl Into<String>, range: TextRange) {
        self.diags.push(Diagnostic::error(code, message, range));
    }

    /// The image node for `reference` (de-duplicated by normalised name), reporting BuildKit's
    /// parse error for references it would refuse.
    fn image(&mut self, reference: &str, range: TextRange, user: u32) -> Source {
        self.image_checked(reference, range, user, true)
    }

    /// Like [`Ctx::image`]; `check: false` skips the reference error (already reported).
    fn image_checked(
        &mut self,
        reference: &str,
        range: TextRange,
        user: u32,
        check: bool,
    ) -> Source {
        let normalized = reference::normalize(reference);
        if let (true, Err(e)) = (check, &normalized) {
            // resolveBaseImage: every state without a base stage is parsed, reachable or not.
            self.error(
                codes::INVALID_REFERENCE,
                format!("failed to parse stage name {}: {e}", go_quote(reference)),
                range,
            );
        }
        let normalized = normalized.ok();
        let key = normalized.clone().unwrap_or_else(|| reference.to_string());
        let id = match self.image_keys.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.images.len() as u32;
                self.images.push(Image {
                    reference: reference.to_string(),
                    normalized,
                    used_by: Vec::new(),
                });
                self.image_keys.insert(key, id);
                id
            }
        };
        self.add_user(id, user);
        Source::Image(id)
    }

    /// Record that stage `user` uses image `id` (`used_by` stays sorted and unique; users
    /// mostly arrive in order, so this is an append).
    fn add_user(&mut self, id: u32, user: u32) {
        if let Some(img) = self.images.get_mut(id as usize) {
            if let Err(pos) = img.used_by.binary_search(&user) {
                img.used_by.insert(pos, user);
            }
        }
    }

    fn expand(
        &self,
        word: &str,
        env: &Env,
    ) -> Result<stagecraft_syntax::shell::ProcessedWord, String> {
        process_word(word, self.escape, env)
    }
}

/// A stage before resolution: its FROM and its commands.
struct RawStage<'a> {
    from: &'a Instruction,
    from_index: u32,
    commands: Vec<(u32, &'a Instruction)>,
}

/// Lower a parse tree to the stage model under `opts`. Never fails: problems are diagnostics.
pub fn lower(parse: &Parse, opts: &BuildOptions) -> Model {
    let file = &parse.file;
    let mut cx = Ctx {
        escape: file.escape,
        opts,
        diags: Vec::new(),
        images: Vec::new(),
        image_keys: BTreeMap::new(),
        states: Vec::new(),
        by_name: BTreeMap::new(),
    };

    // instructions.Parse: ARGs before the first FROM are meta args; a FROM opens a stage; any
    // other instruction before the first FROM is "no build stage in current context".
    let mut meta_args: Vec<(u32, &Instruction)> = Vec::new();
    let mut raw: Vec<RawStage<'_>> = Vec::new();
    for (i, ins) in file.instructions.iter().enumerate() {
        let i = i as u32;
        if ins.kind == Keyword::From {
            raw.push(RawStage {
                from: ins,
                from_index: i,
                commands: Vec::new(),
            });
            continue;
        }
        match raw.last_mut() {
            Some(st) => st.commands.push((i, ins)),
            None if ins.kind == Keyword::Arg => meta_args.push((i, ins)),
            None => cx.error(
                codes::NO_BUILD_STAGE,
                "no build stage in current context",
                ins.span,
            ),
        }
    }
    if raw.is_empty() {
        cx.error(
            codes::NO_STAGES,
            "dockerfile contains no stages to build",
            TextRange::empty(0),
        );
    }

    // Platforms: buildPlatformOpt / defaultArgs. We assume a linux/amd64 build machine and
    // target unless told otherwise.
    let build_platform =
        parse_option_platform(&mut cx, opts.build_platform.as_deref(), "build platform");
    let target_platform = parse_option_platform(&mut cx, opts.platform.as_deref(), "platform");

    // Stage names first: defaultArgs needs the target stage name for TARGETSTAGE.
    let names: Vec<StageName> = raw.iter().map(|r| stage_name(&mut cx, r.from)).collect();
    // BuildKit treats an empty --target as none.
    let opt_target = opts.target.as_ref().filter(|t| !t.is_empty());
    let target_name = match opt_target {
        Some(t) => t.clone(),
        None => names
            .last()
            .and_then(|n| n.name.clone())
            .unwrap_or_default(),
    };

    // defaultArgs: the predefined platform args, each overridable by --build-arg.
    let mut global = Env::default();
    let predefined = [
        ("BUILDPLATFORM", build_platform.to_string()),
        ("BUILDOS", build_platform.os.clone()),
        ("BUILDOSVERSION", String::new()),
        ("BUILDARCH", build_platform.arch.clone()),
        ("BUILDVARIANT", build_platform.variant.clone()),
        ("TARGETPLATFORM", target_platform.to_string()),
        ("TARGETOS", target_platform.os.clone()),
        ("TARGETOSVERSION", String::new()),
        ("TARGETARCH", target_platform.arch.clone()),
        ("TARGETVARIANT", target_platform.variant.clone()),
        (
            "TARGETSTAGE",
            if target_name.is_empty() {
                "default".to_string()
            } else {
                target_name
            },
        ),
    ];
    for (k, v) in predefined {
        match opts.build_args.get(k) {
            Some(ov) => global.set(k, ov, VarOrigin::BuildArg),
            None => global.set(k, &v, VarOrigin::Predefined),
        }
    }

    // buildMetaArgs: each global ARG takes its --build-arg value, else its default expanded
    // with the args declared so far (and the predefined ones).
    let mut global_args = Vec::new();
    for &(i, ins) in &meta_args {
        let Args::Arg { decls } = &ins.args else {
            continue;
        };
        for d in decls {
            let value = if let Some(v) = opts.build_args.get(&d.name) {
                global.set(&d.name, v, VarOrigin::BuildArg);
                Some(v.clone())
            } else if let Some(def) = &d.default {
                match cx.expand(def, &global) {
                    Ok(r) => {
                        global.set(&d.name, &r.value, VarOrigin::ArgDefault { line: ins.line });
                        Some(r.value)
                    }
                    Err(e) => {
                        cx.error(codes::EXPANSION_ERROR, e, d.word.range);
                        None
                    }
                }
            } else {
                None
            };
            global_args.push(GlobalArg {
                name: d.name.clone(),
                default: d.default.clone(),
                value,
                line: ins.line,
                instruction: i,
            });
        }
    }

    // buildDispatchStates: expand each FROM with the global scope, resolve its platform,
    // and register it (addState: the base is a stage only if an earlier stage is named exactly
    // like the expanded base; the name map keeps the last stage of a name).
    let mut stages: Vec<Stage> = Vec::with_capacity(raw.len());
    for (si, (r, nm)) in raw.iter().zip(names).enumerate() {
        let si = si as u32;
        let from = r.from;
        let (base_word, base_range) = match &from.args {
            Args::From { words } => match words.first() {
                Some(w) => (w.text.clone(), w.range),
                None => (String::new(), from.span),
            },
            _ => (String::new(), from.span),
        };
        let mut from_unmatched: BTreeSet<String> = BTreeSet::new();
        let (base_resolved, expanded_ok) = match cx.expand(&base_word, &global) {
            Ok(r) => {
                from_unmatched.extend(r.unmatched);
                (r.value, true)
            }
            Err(e) => {
                cx.error(codes::EXPANSION_ERROR, e, base_range);
                (base_word.clone(), false)
            }
        };
        if base_resolved.is_empty() {
            cx.error(
                codes::BLANK_BASE_NAME,
                format!("base name ({base_word}) should not be blank"),
                base_range,
            );
        }

        let platform_flag = flag_value(&mut cx, from, "platform", &["platform"]);
        let mut platform = None;
        if let Some((v, range)) = &platform_flag {
            if !v.is_empty() {
                match cx.expand(v, &global) {
                    Err(e) => cx.error(
                        codes::INVALID_PLATFORM,
                        format!("failed to process arguments for platform {v}: {e}"),
                        *range,
                    ),
                    Ok(r) => {
                        from_unmatched.extend(r.unmatched.iter().cloned());
                        if r.value.is_empty() {
                            cx.error(
                                codes::INVALID_PLATFORM,
                                format!("empty platform value from expression {v}"),
                                *range,
                            );
                        } else {
                            match Platform::parse(&r.value) {
                                Ok(p) => platform = Some(p),
                                Err(e) => cx.error(
                                    codes::INVALID_PLATFORM,
                                    format!("failed to parse platform {v}: {e}"),
                                    *range,
                                ),
                            }
                        }
                    }
                }
            }
        }

        let base_stage = cx.by_name.get(&base_resolved).copied();
        let source = match base_stage {
            Some(b) => Source::Stage(b),
            None if base_resolved == "scratch" => Source::Scratch,
            // Already an error (blank base): show the word as written rather than nothing.
            None if base_resolved.is_empty() => cx.image_checked(&base_word, base_range, si, false),
            None => cx.image_checked(&base_resolved, base_range, si, expanded_ok),
        };
        // dispatchState.init: a stage built on a stage takes the base's platform, even over
        // its own --platform; otherwise --platform, else the target platform.
        let platform_resolved = match (base_stage, &platform) {
            (Some(b), _) => stages
                .get(b as usize)
                .map(|s: &Stage| s.platform_resolved.clone())
                .unwrap_or_else(|| target_platform.to_string()),
            (None, Some(p)) => p.to_string(),
            (None, None) => target_platform.to_string(),
        };
        if let Some(n) = &nm.name {
            cx.by_name.insert(n.clone(), si);
        }
        cx.states.push(StateRef::Stage(si));

        let end = r.commands.last().map_or(from.span.end, |(_, c)| c.span.end);
        stages.push(Stage {
            index: si,
            name: nm.name,
            name_raw: nm.raw,
            name_range: nm.range,
            base: base_word,
            base_range,
            base_resolved,
            from_unmatched: from_unmatched.into_iter().collect(),
            source,
            platform: platform_flag.map(|(v, _)| v),
            platform_resolved,
            line: from.line,
            from_span: from.span,
            from_instruction: r.from_index,
            span: TextRange::new(from.span.start, end),
            instructions: r.commands.iter().map(|(i, _)| *i).collect(),
            env_before: Vec::new(),
            env_after: Env::default(),
            inherits_image_env: false,
            reachable: false,
        });
    }

    // validateStageNames: the DuplicateStageName and ReservedStageName lints.
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for s in &stages {
        let Some(name) = &s.name else { continue };
        let range = s.name_range.unwrap_or(s.from_span);
        if name == "context" || name == "scratch" {
            cx.diags.push(Diagnostic::warning(
                codes::RESERVED_STAGE_NAME,
                format!(
                    "Stage name should not use the same name as reserved stage {}",
                    go_quote(name)
                ),
                range,
            ));
        }
        if let Some(&first) = seen.get(name) {
            let first_range = stages
                .get(first as usize)
                .and_then(|f| f.name_range)
                .unwrap_or(range);
            cx.diags.push(
                Diagnostic::warning(
                    codes::DUPLICATE_STAGE_NAME,
                    format!(
                        "Duplicate stage name {}, stage names should be unique",
                        go_quote(name)
                    ),
                    range,
                )
                .with_label(first_range, "first defined here")
                .with_url("https://docs.docker.com/go/dockerfile/rule/duplicate-stage-name/"),
            );
        } else {
            seen.insert(name.clone(), s.index);
        }
    }

    // resolveTarget: --target is looked up lower-cased among named stages; default: the last.
    let target = match opt_target {
        None => stages.last().map(|s| s.index),
        Some(t) => match cx.by_name.get(&t.go_lower()) {
            Some(&i) => Some(i),
            None => {
                let mut msg = format!("target stage {} could not be found", go_quote(t));
                let names: Vec<String> = stages.iter().map(Stage::display_name).collect();
                if let Some(s) = suggest(t, names.iter().map(String::as_str)) {
                    msg.push_str(&format!(" (did you mean {s}?)"));
                }
                cx.error(codes::TARGET_NOT_FOUND, msg, TextRange::empty(0));
                None
            }
        },
    };

    // Edges: the FROM edges, then buildStageDependencyGraph over every command.
    let mut edges: Vec<Edge> = Vec::new();
    // Per stage: the stages it depends on through commands, with the first such edge.
    let mut deps: Vec<Deps> = vec![Deps::new(); stages.len()];
    for s in &stages {
        edges.push(Edge {
            kind: EdgeKind::From,
            raw: s.base.clone(),
            source: s.source,
            to: s.index,
            line: s.line,
            range: s.base_range,
            instruction: s.from_instruction,
            onbuild: false,
        });
    }
    for (si, r) in raw.iter().enumerate() {
        for &(ii, ins) in &r.commands {
            command_edges(&mut cx, ins, ii, si as u32, false, &mut edges, &mut deps);
        }
    }

    // validateCircularDependency: DFS over the command dependencies (not FROM bases), stages
    // in file order; the first stage from which a cycle is reachable is the one named.
    if let Some((stage, path)) = find_cycle(&deps) {
        if let Some(s) = stages.get(stage as usize) {
            let mut d = Diagnostic::error(
                codes::CIRCULAR_DEPENDENCY,
                format!(
                    "circular dependency detected on stage: {}",
                    s.display_name()
                ),
                path.first()
                    .and_then(|&e| edges.get(e))
                    .map_or(s.from_span, |e| e.range),
            );
            for &e in path.iter().skip(1) {
                if let Some(e) = edges.get(e) {
                    d = d.with_label(e.range, "part of the cycle");
                }
            }
            cx.diags.push(d);
        }
    }

    // resolveStages: reachability from the target through bases and dependencies, then the
    // ONBUILD triggers of each reachable stage's base stage, which may add dependencies;
    // repeat until nothing changes.
    let mut onbuild_done: BTreeSet<u32> = BTreeSet::new();
    let mut reachable = vec![false; stages.len()];
    loop {
        reachable = reach(&stages, &deps, target);
        let mut added = false;
        for si in 0..stages.len() {
            if !reachable.get(si).copied().unwrap_or(false) || onbuild_done.contains(&(si as u32)) {
                continue;
            }
            onbuild_done.insert(si as u32);
            let Some(Source::Stage(b)) = stages.get(si).map(|s| s.source) else {
                continue;
            };
            let Some(base) = raw.get(b as usize) else {
                continue;
            };
            for &(ii, ins) in &base.commands {
                if let Some(body) = ins.onbuild_body() {
                    let before = edges.len();
                    command_edges(&mut cx, body, ii, si as u32, true, &mut edges, &mut deps);
                    added |= edges.len() > before;
                }
            }
        }
        if !added {
            break;
        }
    }
    for (s, r) in stages.iter_mut().zip(&reachable) {
        s.reachable = *r;
    }

    // dispatchRunMounts: a mount from a stage that is not dispatched yet (a later stage) fails.
    for e in &edges {
        if e.kind != EdgeKind::Mount || !reachable.get(e.to as usize).copied().unwrap_or(false) {
            continue;
        }
        if let Source::Stage(src) = e.source {
            if src > e.to {
                let target = file
                    .instructions
                    .get(e.instruction as usize)
                    .and_then(|ins| mount_target(ins, e.range))
                    .unwrap_or_default();
                cx.error(
                    codes::MOUNT_FROM_LATER_STAGE,
                    format!(
                        "cannot mount from stage {} to {}, stage needs to be defined before current command",
                        go_quote(&e.raw),
                        go_quote(&target)
                    ),
                    e.range,
                );
            }
        }
    }

    // Variables: each stage starts from its base stage's final state (dispatchState.init), or
    // from the image config (PATH when the image has none); ARG and ENV apply in order.
    for si in 0..stages.len() {
        let (mut env, inherits) = match stages.get(si).map(|s| s.source) {
            Some(Source::Stage(b)) if (b as usize) < si => stages
                .get(b as usize)
                .map(|b| (b.env_after.clone(), b.inherits_image_env))
                .unwrap_or_default(),
            Some(Source::Image(_)) => (default_env(), true),
            _ => (default_env(), false),
        };
        let is_reachable = reachable.get(si).copied().unwrap_or(false);
        let mut befores = Vec::new();
        if let Some(r) = raw.get(si) {
            for &(_, ins) in &r.commands {
                befores.push(env.clone());
                apply_vars(&mut cx, ins, &mut env, &global, is_reachable);
            }
        }
        if let Some(s) = stages.get_mut(si) {
            s.env_before = befores;
            s.env_after = env;
            s.inherits_image_env = inherits;
        }
    }

    let mut diagnostics = cx.diags;
    stagecraft_syntax::sort::sort_by_key(&mut diagnostics, |d| (d.range.start, d.range.end));
    Model {
        stages,
        global_args,
        global_env: global,
        target,
        images: cx.images,
        edges,
        build_platform,
        target_platform,
        escape: file.escape,
        diagnostics,
    }
}

fn default_env() -> Env {
    let mut e = Env::default();
    e.set("PATH", DEFAULT_PATH, VarOrigin::Default);
    e
}

fn parse_option_platform(cx: &mut Ctx<'_>, v: Option<&str>, what: &str) -> Platform {
    match v {
        None => Platform::default(),
        Some(v) => match Platform::parse(v) {
            Ok(p) => p,
            Err(e) => {
                cx.error(
                    codes::INVALID_OPTION,
                    format!("invalid {what} {}: {e}", go_quote(v)),
                    TextRange::empty(0),
                );
                Platform::default()
            }
        },
    }
}

struct StageName {
    name: Option<String>,
    raw: Option<String>,
    range: Option<TextRange>,
}

/// parseBuildStageName: `FROM img AS name` (AS in any case) or `FROM img`.
fn stage_name(cx: &mut Ctx<'_>, from: &Instruction) -> StageName {
    let words = match &from.args {
        Args::From { words } => words.as_slice(),
        _ => &[],
    };
    match words {
        [_, as_kw, name] if go_equal_fold_as(&as_kw.text) => {
            let lower = name.text.go_lower();
            if !valid_stage_name(&lower) {
                cx.error(
                    codes::INVALID_STAGE_NAME,
                    format!(
                        "invalid name for build stage: {}, name can't start with a number or contain symbols",
                        go_quote(&name.text)
                    ),
                    name.range,
                );
            }
            StageName {
                name: Some(lower),
                raw: Some(name.text.clone()),
                range: Some(name.range),
            }
        }
        [_] => StageName {
            name: None,
            raw: None,
            range: None,
        },
        _ => {
            cx.error(
                codes::FROM_ARGUMENTS,
                "FROM requires either one or three arguments",
                from.span,
            );
            StageName {
                name: None,
                raw: None,
                range: None,
            }
        }
    }
}

/// The value of string flag `name` (BFlags: exact name, `--name=value`, not repeatable).
/// Reports BuildKit's flag errors for the flags listed in `known`.
fn flag_value(
    cx: &mut Ctx<'_>,
    ins: &Instruction,
    name: &str,
    known: &[&str],
) -> Option<(String, TextRange)> {
    let mut found: Option<(String, TextRange)> = None;
    for f in &ins.flags {
        if f.name == name {
            if found.is_some() {
                cx.error(
                    codes::FLAG_ERROR,
                    format!("duplicate flag specified: --{name}"),
                    f.range,
                );
                continue;
            }
            match &f.value {
                Some(v) => found = Some((v.clone(), f.range)),
                None => cx.error(
                    codes::FLAG_ERROR,
                    format!("missing a value on flag: --{name}"),
                    f.range,
                ),
            }
        } else if !known.is_empty()
            && f.name.eq_ignore_ascii_case(name)
            && !known.contains(&f.name.as_str())
        {
            // `--FROM=x`: BuildKit compares flag names exactly, so this is an unknown flag.
            cx.error(
                codes::FLAG_ERROR,
                format!("unknown flag: --{}", f.name),
                f.range,
            );
        }
    }
    found
}

/// The `target`/`dst`/`destination` of the mount flag at `range`.
fn mount_target(ins: &Instruction, range: TextRange) -> Option<String> {
    let flag = ins.flags.iter().find(|f| f.range == range)?;
    let opts = flag.mount_options()?;
    opts.into_iter()
        .rfind(|o| matches!(o.key.as_str(), "target" | "dst" | "destination"))
        .and_then(|o| o.value)
}

/// toCommand / detectRunMount: the dependencies of one command.
#[allow(clippy::too_many_arguments)]
fn command_edges(
    cx: &mut Ctx<'_>,
    ins: &Instruction,
    ins_index: u32,
    stage: u32,
    onbuild: bool,
    edges: &mut Vec<Edge>,
    deps: &mut [Deps],
) {
    // Records an edge, and a dependency (BuildKit's d.deps) when the source is a stage.
    let mut push = |kind, raw: &str, source: Source, range, edges: &mut Vec<Edge>| {
        if let Source::Stage(s) = source {
            if let Some(d) = deps.get_mut(stage as usize) {
                d.entry(s).or_insert(edges.len());
            }
        }
        edges.push(Edge {
            kind,
            raw: raw.to_string(),
            source,
            to: stage,
            line: ins.line,
            range,
            instruction: ins_index,
            onbuild,
        });
    };
    match ins.kind {
        Keyword::Copy => {
            let Some((from, range)) = flag_value(cx, ins, "from", &["from"]) else {
                return;
            };
            if from.is_empty() {
                return;
            }
            // toCommand: a --from that shell processing would change (variables, quotes,
            // escapes) is refused rather than expanded.
            let processed = cx.expand(&from, &Env::default());
            if processed.as_ref().map(|r| r.value != from).unwrap_or(true) {
                cx.error(
                    codes::FROM_FLAG_VARIABLE,
                    "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
                    range,
                );
                return;
            }
            let source = if let Some(n) = go_atoi(&from) {
                // findStateByIndex: any state registered so far, unregistered ones included.
                match usize::try_from(n)
                    .ok()
                    .and_then(|n| cx.states.get(n))
                    .cloned()
                {
                    Some(StateRef::Stage(s)) => Source::Stage(s),
                    Some(StateRef::Unregistered(src)) => {
                        if let Source::Image(id) = src {
                            cx.add_user(id, stage);
                        }
                        src
                    }
                    None => {
                        cx.error(
                            codes::INVALID_STAGE_INDEX,
                            format!("invalid stage index {n}"),
                            range,
                        );
                        return;
                    }
                }
            } else {
                resolve_name(cx, &from, range, stage)
            };
            push(EdgeKind::Copy, &from, source, range, edges);
        }
        Keyword::Add => {
            if let Some(f) = ins.flags.iter().find(|f| f.name == "from") {
                cx.error(codes::FLAG_ERROR, "unknown flag: --from", f.range);
            }
        }
        Keyword::Run => {
            for f in ins.flags.iter().filter(|f| f.name == "mount") {
                let Some(value) = &f.value else {
                    cx.error(
                        codes::FLAG_ERROR,
                        "missing a value on flag: --mount",
                        f.range,
                    );
                    continue;
                };
                let Some(options) = f.mount_options() else {
                    cx.error(
                        codes::INVALID_MOUNT,
                        format!("failed to parse csv mounts: {}", value),
                        f.range,
                    );
                    continue;
                };
                // parseMount at parse time: only `from` is read; `$` anywhere but at the end
                // is refused; the last `from=` wins.
                let mut from = String::new();
                let mut bad = false;
                for o in &options {
                    if o.key != "from" {
                        continue;
                    }
                    let Some(v) = &o.value else { continue };
                    if v.find('$').is_some_and(|i| i + 1 != v.len()) {
                        cx.error(
                            codes::FROM_FLAG_VARIABLE,
                            "'from' doesn't support variable expansion, define alias stage instead",
                            f.range,
                        );
                        bad = true;
                        break;
                    }
                    from = v.clone();
                }
                if bad {
                    continue;
                }
                if from.is_empty() {
                    // detectRunMount: a mount without from= still registers a scratch state.
                    if cx.by_name.contains_key("scratch") {
                        continue;
                    }
                    cx.states.push(StateRef::Unregistered(Source::Scratch));
                    continue;
                }
                let source = resolve_name(cx, &from, f.range, stage);
                push(EdgeKind::Mount, &from, source, f.range, edges);
            }
        }
        _ => {}
    }
}

/// findStateByName (lower-cased, any stage of the file) or a new unregistered state: scratch
/// or an external image.
fn resolve_name(cx: &mut Ctx<'_>, name: &str, range: TextRange, user: u32) -> Source {
    if let Some(&s) = cx.by_name.get(&name.go_lower()) {
        return Source::Stage(s);
    }
    let src = if name == "scratch" {
        Source::Scratch
    } else {
        cx.image(name, range, user)
    };
    cx.states.push(StateRef::Unregistered(src));
    src
}

/// The stages one stage depends on through its commands, each with the first edge.
type Deps = BTreeMap<u32, usize>;

/// The first stage (in order) from which a cycle of command dependencies is reachable, and
/// the edges along the cycle. Iterative, so deep chains cannot overflow the stack.
fn find_cycle(deps: &[Deps]) -> Option<(u32, Vec<usize>)> {
    let n = deps.len();
    let mut visited = vec![false; n];
    let mut on_path = vec![false; n];
    for root in 0..n {
        if visited[root] {
            continue;
        }
        // DFS frames: a stage, its dependencies and the next one to visit; `path` holds the
        // edges taken from the root.
        struct Frame {
            stage: usize,
            deps: Vec<(u32, usize)>,
            next: usize,
        }
        let frame = |s: usize| Frame {
            stage: s,
            deps: deps
                .get(s)
                .map(|d| d.iter().map(|(&a, &b)| (a, b)).collect())
                .unwrap_or_default(),
            next: 0,
        };
        let mut stack: Vec<Frame> = vec![frame(root)];
        let mut path: Vec<usize> = Vec::new();
        visited[root] = true;
        on_path[root] = true;
        while let Some(top) = stack.last_mut() {
            let Some(&(d, e)) = top.deps.get(top.next) else {
                on_path[top.stage] = false;
                stack.pop();
                path.pop();
                continue;
            };
            top.next += 1;
            let d = d as usize;
            if on_path.get(d).copied().unwrap_or(false) {
                path.push(e);
                return Some((root as u32, path));
            }
            if d < n && !visited[d] {
                visited[d] = true;
                on_path[d] = true;
                path.push(e);
                stack.push(frame(d));
            }
        }
    }
    None
}

/// allReachableStages: the target, its base stages and dependencies, transitively.
fn reach(stages: &[Stage], deps: &[Deps], target: Option<u32>) -> Vec<bool> {
    let mut seen = vec![false; stages.len()];
    let mut stack: Vec<u32> = target.into_iter().collect();
    while let Some(s) = stack.pop() {
        let Some(slot) = seen.get_mut(s as usize) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        if let Some(Source::Stage(b)) = stages.get(s as usize).map(|st| st.source) {
            stack.push(b);
        }
        if let Some(d) = deps.get(s as usize) {
            stack.extend(d.keys().copied());
        }
    }
    seen
}

/// dispatchArg / dispatchEnv: how ARG and ENV change the stage's variables.
fn apply_vars(cx: &mut Ctx<'_>, ins: &Instruction, env: &mut Env, global: &Env, report: bool) {
    match &ins.args {
        Args::Arg { decls } => {
            for d in decls {
                let origin_line = ins.line;
                let value: Option<(String, VarOrigin)> =
                    if let Some(v) = cx.opts.build_args.get(&d.name) {
                        Some((v.clone(), VarOrigin::BuildArg))
                    } else if let Some(def) = &d.default {
                        match cx.expand(def, env) {
                            Ok(r) => Some((r.value, VarOrigin::ArgDefault { line: origin_line })),
                            Err(e) => {
                                if report {
                                    cx.error(codes::EXPANSION_ERROR, e, d.word.range);
                                }
                                None
                            }
                        }
                    } else {
                        global
                            .get(&d.name)
                            .map(|v| (v.to_string(), VarOrigin::GlobalArg { line: origin_line }))
                    };
                if let Some((v, origin)) = value {
                    if !NON_ENV_ARGS.contains(&d.name.as_str()) {
                        env.set(&d.name, &v, origin);
                    }
                }
            }
        }
        Args::Env { pairs } => {
            // All pairs of one ENV are expanded with the variables from before the instruction.
            let before = env.clone();
            for p in pairs {
                let key = cx.expand(&p.key.text, &before);
                let value = cx.expand(&p.value.text, &before);
                match (key, value) {
                    (Ok(k), Ok(v)) => {
                        env.set(&k.value, &v.value, VarOrigin::Env { line: ins.line })
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        if report {
                            cx.error(codes::EXPANSION_ERROR, e, p.value.range.cover(p.key.range));
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// BuildKit's `suggest.Search` (case-sensitive): the first candidate at the smallest edit
/// distance below 3; none when one matches exactly.
fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<&str> = None;
    let mut min = 3;
    for c in candidates {
        if c == word {
            return None;
        }
        let d = levenshtein(word, c);
        if d < min {
            min = d;
            best = Some(c);
        }
    }
    best.map(str::to_string)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}
