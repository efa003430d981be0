//! BuildKit's build checks, reproduced phase by phase as BuildKit's Dockerfile frontend runs
//! them (parser warnings → `instructions.Parse` → stage-name and casing validation → base
//! image validation with default ARGs → per-stage `FROM` expansion → dispatch of the stages
//! that reach the target).
//!
//! Which stages a rule sees matters: the parse-level rules look at the whole file, the
//! dispatch-level ones (UndefinedVar, LegacyKeyValueFormat, WorkdirRelativePath,
//! JSONArgsRecommended, MultipleInstructionsDisallowed, SecretsUsedInArgOrEnv, Expose*,
//! CopyIgnoredFile) only at stages BuildKit dispatches, i.e. those the target depends on
//! (all stages with `all_stages`).

use std::borrow::Cow;
use std::collections::BTreeSet;

use stagecraft_syntax::{go_quote, Fix, LineIndex, TextEdit, TextRange};
use stagecraft_syntax::{Args, Command, Instruction, Keyword, Parse};

use crate::config::{local_check, LintConfig};
use crate::expand::{expand, suggest, EnvList};
use crate::ignore::{clean, DockerIgnore};
use crate::{images, Emitter};
use stagecraft_syntax::case::GoCase;

/// `nonEnvArgs`: build args that never become environment variables.
const NON_ENV_ARGS: [&str; 2] = ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// Inputs of the BuildKit phase.
pub(crate) struct Input<'a> {
    pub text: &'a str,
    pub parse: &'a Parse,
    pub index: &'a LineIndex,
    pub target: Option<&'a str>,
    pub build_args: &'a [(String, String)],
    pub all_stages: bool,
    pub dockerignore: Option<&'a DockerIgnore>,
}

/// A stage as BuildKit's `instructions.Parse` builds it.
pub(crate) struct Stage<'a> {
    pub from: &'a Instruction,
    /// Lower-cased `AS` name, if the FROM has the one-or-three-words form with a name.
    pub name: Option<String>,
    /// The image word as written.
    pub base_raw: String,
    /// The instructions after the FROM up to the next one (a stage is contiguous).
    pub commands: &'a [Instruction],
}

impl Stage<'_> {
    fn platform(&self) -> Option<String> {
        self.from.flag("platform").and_then(|f| f.value.clone())
    }
}

/// Split the instructions into global ARGs and stages; `None` where BuildKit's
/// `instructions.Parse` fails (unknown instruction, instruction before the first FROM).
/// The bool says whether parsing got through the whole file.
pub(crate) fn split_stages(parse: &Parse) -> (Vec<&Instruction>, Vec<Stage<'_>>, bool) {
    let all: &[Instruction] = &parse.file.instructions;
    let mut meta = Vec::new();
    let mut stages: Vec<Stage<'_>> = Vec::new();
    // The current stage's commands start here (a stage's commands are contiguous).
    let mut start = 0;
    fn close<'a>(all: &'a [Instruction], stages: &mut [Stage<'a>], start: usize, end: usize) {
        if let Some(s) = stages.last_mut() {
            s.commands = all.get(start..end).unwrap_or_default();
        }
    }
    for (i, ins) in all.iter().enumerate() {
        match ins.kind {
            Keyword::Unknown => {
                close(all, &mut stages, start, i);
                return (meta, stages, false);
            }
            Keyword::From => {
                close(all, &mut stages, start, i);
                start = i + 1;
                let words = from_words(ins);
                let name = match words.as_slice() {
                    [_, as_, name] if as_.eq_ignore_ascii_case("as") => Some(name.go_lower()),
                    _ => None,
                };
                stages.push(Stage {
                    from: ins,
                    name,
                    base_raw: words.first().map(|w| w.to_string()).unwrap_or_default(),
                    commands: &[],
                });
            }
            Keyword::Arg if stages.is_empty() => meta.push(ins),
            _ if stages.is_empty() => return (meta, stages, false),
            _ => {}
        }
    }
    close(all, &mut stages, start, all.len());
    (meta, stages, true)
}

fn from_words(ins: &Instruction) -> Vec<&str> {
    match &ins.args {
        Args::From { words } => words.iter().map(|w| w.text.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn is_self_consistent(s: &str) -> bool {
    is_lowercase(s) || is_uppercase(s)
}

/// `s == strings.ToLower(s)`, without allocating (this runs for every instruction of every
/// analysis).
fn is_lowercase(s: &str) -> bool {
    stagecraft_syntax::case::is_lower(s)
}

/// `s == strings.ToUpper(s)`, without allocating.
fn is_uppercase(s: &str) -> bool {
    stagecraft_syntax::case::is_upper(s)
}

/// A span on the instruction's first line when `precise` starts there, else the whole
/// instruction (BuildKit reports the instruction's first line).
fn on_first_line(input: &Input<'_>, ins: &Instruction, precise: TextRange) -> TextRange {
    if input.index.line0(precise.start) as u32 + 1 == ins.line && !precise.is_empty() {
        precise
    } else {
        ins.span
    }
}

struct Ctx<'a, 'e> {
    input: &'a Input<'a>,
    emit: &'e mut Emitter,
    file_cfg: &'a LintConfig,
}

impl<'a> Ctx<'a, '_> {
    /// The configuration for one instruction: the file's, borrowed, unless a comment of the
    /// instruction overrides it (rare; most instructions have no comments).
    fn cfg_for(&self, ins: &Instruction) -> Cow<'a, LintConfig> {
        if ins.comments.is_empty() {
            return Cow::Borrowed(self.file_cfg);
        }
        let comments: Vec<&str> = ins.comments.iter().map(String::as_str).collect();
        match local_check(&comments) {
            Some(local) => Cow::Owned(self.file_cfg.merged(&local)),
            None => Cow::Borrowed(self.file_cfg),
        }
    }
}

/// Run every BuildKit rule.
pub(crate) fn run(input: &Input<'_>, emit: &mut Emitter, file_cfg: &LintConfig) {
    let mut cx = Ctx {
        input,
        emit,
        file_cfg,
    };
    run_inner(&mut cx);
}

fn run_inner(cx: &mut Ctx<'_, '_>) {
    let input = cx.input;
    let parse = input.parse;
    if parse.rejection.is_some() {
        // BuildKit's parser fails: no check runs.
        return;
    }
    no_empty_continuation(cx);

    // instructions.Parse: per-node rules with the node's local configuration.
    let (meta, stages, complete) = split_stages(parse);
    let mut seen_from = false;
    for ins in &parse.file.instructions {
        let cfg = cx.cfg_for(ins);
        match ins.kind {
            Keyword::Unknown => break,
            Keyword::Maintainer => {
                cx.emit.buildkit(
                    &cfg,
                    "MaintainerDeprecated",
                    ins.span,
                    "Maintainer instruction is deprecated in favor of using label".into(),
                    maintainer_fix(input, ins),
                );
            }
            Keyword::From => from_parse_rules(cx, &cfg, ins),
            Keyword::Arg => {
                if let Args::Arg { decls } = &ins.args {
                    let keys: Vec<&str> = decls.iter().map(|d| d.name.as_str()).collect();
                    definition_description(cx, &cfg, ins, "ARG", &keys);
                }
            }
            _ => {}
        }
        seen_from |= ins.kind == Keyword::From;
        if ins.kind != Keyword::Arg && !seen_from {
            // A command before the first FROM: BuildKit's Parse fails right after linting it.
            break;
        }
    }
    if !complete || stages.is_empty() {
        return;
    }

    validate_stage_names(cx, &stages);
    validate_command_casing(cx, &stages);

    let defaults = default_args(input, &stages);
    let (global_defaults, _) = build_meta_args(input, &defaults, &meta, false);
    validate_base_images_with_default_args(cx, &stages, &global_defaults);
    let (global, all_meta_keys) = build_meta_args(input, &defaults, &meta, true);

    // buildDispatchStates: FROM expansion with the stage's local configuration.
    let mut bases: Vec<String> = Vec::new();
    let mut arg_keys: BTreeSet<String> = all_meta_keys.clone();
    arg_keys.extend(global.keys().map(str::to_string));
    for st in &stages {
        let cfg = cx.cfg_for(st.from);
        let name_exp = expand(&st.base_raw, &global, parse.file.escape, true);
        report_unused_from_args(cx, &cfg, st.from, &arg_keys, &name_exp.unmatched);
        // BuildKit stops here when the base name does not expand or is blank.
        if name_exp.error || name_exp.result.is_empty() {
            return;
        }
        if let Some(platform) = st.platform() {
            let plat = expand(&platform, &global, parse.file.escape, true);
            report_unused_from_args(cx, &cfg, st.from, &arg_keys, &plat.unmatched);
            redundant_target_platform(cx, &cfg, st, &platform, &plat, &global);
            const_platform(cx, &cfg, st, &plat);
            // … and when the platform is empty or does not parse.
            if plat.error || parse_platform(&plat.result).is_none() {
                return;
            }
        }
        bases.push(name_exp.result);
    }

    dispatch(cx, &stages, &bases, &global);
}

fn no_empty_continuation(cx: &mut Ctx<'_, '_>) {
    let input = cx.input;
    let cfg = cx.file_cfg;
    for ins in &input.parse.file.instructions {
        let Some((last_line, empties)) = empty_continuation_lines(input, ins) else {
            continue;
        };
        let mut edits = Vec::new();
        let mut diag_labels = Vec::new();
        for r in &empties {
            edits.push(TextEdit {
                range: *r,
                text: String::new(),
            });
            diag_labels.push((*r, "empty continuation line".to_string()));
        }
        cx.emit.buildkit_full(
            cfg,
            "NoEmptyContinuation",
            last_line,
            "Empty continuation line".into(),
            Some(Fix {
                title: "Delete the empty continuation lines".into(),
                edits,
            }),
            diag_labels,
        );
    }
}

/// The last line of the instruction's continuation (without heredoc bodies) and the empty
/// lines inside it, or `None` if there are none.
fn empty_continuation_lines(
    input: &Input<'_>,
    ins: &Instruction,
) -> Option<(TextRange, Vec<TextRange>)> {
    let text = input.text;
    let escape = input.parse.file.escape;
    let end = ins
        .heredocs
        .first()
        .map_or(ins.range.end, |h| h.body_range.start.min(ins.range.end));
    let mut pos = ins.range.start as usize;
    let end = (end as usize).min(text.len());
    let mut empties = Vec::new();
    let mut first = true;
    let mut last_line = TextRange::empty(ins.range.start);
    while pos < end {
        let line_end = text[pos..end].find('\n').map_or(end, |i| pos + i + 1);
        let line = text.get(pos..line_end).unwrap_or("");
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches([' ', '\t']);
        let indent = content.len() - trimmed.len();
        let range = TextRange::new((pos + indent) as u32, (pos + content.len()) as u32);
        if !first && trimmed.starts_with('#') {
            pos = line_end;
            continue;
        }
        if !first && trimmed.trim().is_empty() {
            empties.push(TextRange::new(pos as u32, line_end as u32));
            pos = line_end;
            continue;
        }
        first = false;
        last_line = range;
        let continues = content.trim_end_matches([' ', '\t']).ends_with(escape);
        pos = line_end;
        if !continues {
            break;
        }
    }
    if empties.is_empty() {
        None
    } else {
        Some((last_line, empties))
    }
}

fn maintainer_fix(input: &Input<'_>, ins: &Instruction) -> Option<Fix> {
    let Args::Maintainer { value: Some(v) } = &ins.args else {
        return None;
    };
    if ins.line != ins.end_line {
        return None;
    }
    let kw = if ins.keyword.chars().all(|c| c.is_ascii_lowercase()) {
        "label"
    } else {
        "LABEL"
    };
    let value = v.text.trim().replace('\\', "\\\\").replace('"', "\\\"");
    let _ = input;
    Some(Fix {
        title: "Replace MAINTAINER with the org.opencontainers.image.authors label".into(),
        edits: vec![TextEdit {
            range: ins.span,
            text: format!("{kw} org.opencontainers.image.authors=\"{value}\""),
        }],
    })
}

fn from_parse_rules(cx: &mut Ctx<'_, '_>, cfg: &LintConfig, ins: &Instruction) {
    let input = cx.input;
    let Args::From { words } = &ins.args else {
        return;
    };
    if words.len() == 3 {
        let name = &words[2];
        if name.text != name.text.go_lower() {
            let range = on_first_line(input, ins, name.range);
            let fix = (range == name.range).then(|| Fix {
                title: format!("Rename the stage to `{}`", name.text.go_lower()),
                edits: vec![TextEdit {
                    range: name.range,
                    text: name.text.go_lower(),
                }],
            });
            cx.emit.buildkit(
                cfg,
                "StageNameCasing",
                range,
                format!("Stage name '{}' should be lowercase", name.text),
                fix,
            );
        }
    }
    if words.len() >= 3 {
        let kw = &ins.keyword;
        let as_word = &words[1];
        let lower = *kw == kw.go_lower();
        let upper = *kw == kw.go_upper();
        if lower || upper {
            let ok = if lower {
                as_word.text == as_word.text.go_lower()
            } else {
                as_word.text == as_word.text.go_upper()
            };
            if !ok {
                let range = on_first_line(input, ins, as_word.range);
                let want = if lower {
                    as_word.text.go_lower()
                } else {
                    as_word.text.go_upper()
                };
                let fix = (range == as_word.range).then(|| Fix {
                    title: format!("Write `{want}`"),
                    edits: vec![TextEdit {
                        range: as_word.range,
                        text: want.clone(),
                    }],
                });
                cx.emit.buildkit(
                    cfg,
                    "FromAsCasing",
                    range,
                    format!(
                        "'{}' and '{}' keywords' casing do not match",
                        as_word.text, kw
                    ),
                    fix,
                );
            }
        }
    }
    if words.len() == 3 && words[1].text.eq_ignore_ascii_case("as") {
        let name = words[2].text.go_lower();
        definition_description(cx, cfg, ins, "FROM", &[name.as_str()]);
    }
}

fn definition_description(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    ins: &Instruction,
    instruction: &str,
    keys: &[&str],
) {
    let Some(last) = ins.comments.last() else {
        return;
    };
    if keys.is_empty() {
        return;
    }
    let first = last.split(' ').next().unwrap_or("");
    if keys.contains(&first) {
        return;
    }
    let example = if keys.len() > 1 { "<arg_key>" } else { keys[0] };
    cx.emit.buildkit(
        cfg,
        "InvalidDefinitionDescription",
        ins.span,
        format!("Comment for {instruction} should follow the format: `# {example} <description>`"),
        None,
    );
}

fn validate_stage_names(cx: &mut Ctx<'_, '_>, stages: &[Stage<'_>]) {
    let cfg = cx.file_cfg;
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for st in stages {
        let Some(name) = st.name.as_deref() else {
            continue;
        };
        let range = match &st.from.args {
            Args::From { words } => words
                .get(2)
                .map_or(st.from.span, |w| on_first_line(cx.input, st.from, w.range)),
            _ => st.from.span,
        };
        if name == "context" || name == "scratch" {
            cx.emit.buildkit(
                cfg,
                "ReservedStageName",
                range,
                format!("Stage name should not use the same name as reserved stage \"{name}\""),
                None,
            );
        }
        if !seen.insert(name) {
            cx.emit.buildkit(
                cfg,
                "DuplicateStageName",
                range,
                format!("Duplicate stage name \"{name}\", stage names should be unique"),
                None,
            );
        }
    }
}

fn validate_command_casing(cx: &mut Ctx<'_, '_>, stages: &[Stage<'_>]) {
    let cfg = cx.file_cfg;
    let mut lower = 0usize;
    let mut upper = 0usize;
    let all: Vec<&Instruction> = stages
        .iter()
        .flat_map(|s| std::iter::once(s.from).chain(s.commands.iter()))
        .collect();
    for ins in &all {
        if is_self_consistent(&ins.keyword) {
            if is_lowercase(&ins.keyword) {
                lower += 1;
            } else {
                upper += 1;
            }
        }
    }
    let majority_lower = lower > upper;
    for ins in all {
        let kw = &ins.keyword;
        let (wrong, casing) = if majority_lower {
            (!is_lowercase(kw), "lowercase")
        } else {
            (!is_uppercase(kw), "uppercase")
        };
        if wrong {
            let fixed = if majority_lower {
                kw.go_lower()
            } else {
                kw.go_upper()
            };
            let mut edits = vec![TextEdit {
                range: ins.keyword_range,
                text: fixed.clone(),
            }];
            // Keep `AS` in the case of `FROM` so the fix does not create a FromAsCasing.
            if let Some(as_kw) = ins.args.from_as_keyword() {
                let want = if majority_lower { "as" } else { "AS" };
                if as_kw.text != want {
                    edits.push(TextEdit {
                        range: as_kw.range,
                        text: want.to_string(),
                    });
                }
            }
            cx.emit.buildkit(
                cfg,
                "ConsistentInstructionCasing",
                ins.keyword_range,
                format!("Command '{kw}' should match the case of the command majority ({casing})"),
                Some(Fix {
                    title: format!("Write `{fixed}`"),
                    edits,
                }),
            );
        }
    }
}

/// BuildKit's predefined platform args for a linux/amd64 build, with `--build-arg` overrides.
fn default_args(input: &Input<'_>, stages: &[Stage<'_>]) -> EnvList {
    let target = input
        .target
        .map(str::to_string)
        .or_else(|| stages.last().and_then(|s| s.name.clone()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "default".to_string());
    let defaults = [
        ("BUILDPLATFORM", "linux/amd64"),
        ("BUILDOS", "linux"),
        ("BUILDOSVERSION", ""),
        ("BUILDARCH", "amd64"),
        ("BUILDVARIANT", ""),
        ("TARGETPLATFORM", "linux/amd64"),
        ("TARGETOS", "linux"),
        ("TARGETOSVERSION", ""),
        ("TARGETARCH", "amd64"),
        ("TARGETVARIANT", ""),
        ("TARGETSTAGE", target.as_str()),
    ];
    let mut env = EnvList::default();
    for (k, v) in defaults {
        let v = build_arg(input, k).unwrap_or(v);
        env.set(k, v);
    }
    env
}

fn build_arg<'a>(input: &'a Input<'_>, key: &str) -> Option<&'a str> {
    input
        .build_args
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `buildMetaArgs`: the global scope after the ARGs before the first FROM. With
/// `use_build_args` false, only defaults count (for InvalidDefaultArgInFrom).
fn build_meta_args(
    input: &Input<'_>,
    defaults: &EnvList,
    meta: &[&Instruction],
    use_build_args: bool,
) -> (EnvList, BTreeSet<String>) {
    let mut env = defaults.clone();
    let mut keys = BTreeSet::new();
    for ins in meta {
        let Args::Arg { decls } = &ins.args else {
            continue;
        };
        for d in decls {
            keys.insert(d.name.clone());
            let given = if use_build_args {
                build_arg(input, &d.name)
            } else {
                None
            };
            let value = match (given, &d.default) {
                (Some(v), _) => Some(v.to_string()),
                (None, Some(def)) => Some(expand(def, &env, input.parse.file.escape, true).result),
                (None, None) => None,
            };
            if let Some(v) = value {
                env.set(&d.name, &v);
            }
        }
    }
    (env, keys)
}

fn validate_base_images_with_default_args(
    cx: &mut Ctx<'_, '_>,
    stages: &[Stage<'_>],
    global: &EnvList,
) {
    let cfg = cx.file_cfg;
    for st in stages {
        let exp = expand(&st.base_raw, global, cx.input.parse.file.escape, true);
        if exp.error {
            return;
        }
        if !valid_reference(&exp.result) {
            let range = match &st.from.args {
                Args::From { words } => words
                    .first()
                    .map_or(st.from.span, |w| on_first_line(cx.input, st.from, w.range)),
                _ => st.from.span,
            };
            cx.emit.buildkit(
                cfg,
                "InvalidDefaultArgInFrom",
                range,
                format!(
                    "Default value for ARG {} results in empty or invalid base image name",
                    st.base_raw
                ),
                None,
            );
        }
    }
}

/// `reference.ParseNormalizedNamed` validity, close enough for the lint: a non-empty
/// lower-case path of components, an optional `:tag` and `@digest`.
pub(crate) fn valid_reference(s: &str) -> bool {
    if s.is_empty() || s.len() > 255 + 128 {
        return false;
    }
    let (name_tag, digest) = match s.split_once('@') {
        Some((a, d)) => (a, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some((alg, hex)) = d.split_once(':') else {
            return false;
        };
        if alg.is_empty() || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    let slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[slash..].find(':') {
        Some(i) => (&name_tag[..slash + i], Some(&name_tag[slash + i + 1..])),
        None => (name_tag, None),
    };
    if let Some(t) = tag {
        let ok = !t.is_empty()
            && t.len() <= 128
            && t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok {
            return false;
        }
    }
    if name.is_empty() {
        return false;
    }
    let mut comps: Vec<&str> = name.split('/').collect();
    // A first component with '.', ':' or "localhost" is a registry host.
    if comps.len() > 1 {
        let first = comps[0];
        if first.contains('.') || first.contains(':') || first == "localhost" {
            let host_ok = first
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
            if !host_ok {
                return false;
            }
            comps.remove(0);
        }
    }
    comps.iter().all(|c| path_component_ok(c))
}

fn path_component_ok(c: &str) -> bool {
    // [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*
    if c.is_empty() {
        return false;
    }
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn report_unused_from_args(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    from: &Instruction,
    arg_keys: &BTreeSet<String>,
    unmatched: &[String],
) {
    for arg in unmatched {
        if arg_keys.contains(arg) {
            continue;
        }
        let mut msg = format!("FROM argument '{arg}' is not declared");
        let suggestion = suggest(arg, arg_keys.iter().map(String::as_str));
        if let Some(s) = &suggestion {
            msg.push_str(&format!(" (did you mean {s}?)"));
        }
        let found = var_range(cx.input, from, arg);
        let fix = rename_fix(found.map(|(_, name)| name), suggestion.as_deref());
        cx.emit
            .buildkit(cfg, "UndefinedArgInFrom", from.span, msg, fix);
    }
}

fn redundant_target_platform(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    st: &Stage<'_>,
    raw: &str,
    plat: &crate::expand::Expansion,
    global: &EnvList,
) {
    if plat.matched.len() == 1
        && plat.unmatched.is_empty()
        && plat.matched.contains("TARGETPLATFORM")
        && global.get("TARGETPLATFORM").as_deref() == Some(plat.result.as_str())
    {
        let fix = st.from.flag("platform").map(|f| {
            let end = next_non_space(cx.input.text, f.range.end);
            Fix {
                title: "Remove the redundant --platform flag".into(),
                edits: vec![TextEdit {
                    range: TextRange::new(f.range.start, end),
                    text: String::new(),
                }],
            }
        });
        let range = st
            .from
            .flag("platform")
            .map_or(st.from.span, |f| on_first_line(cx.input, st.from, f.range));
        cx.emit.buildkit(
                cfg,
                "RedundantTargetPlatform",
                range,
                format!("Setting platform to predefined {raw} in FROM is redundant as this is the default behavior"),
                fix,
            );
    }
}

fn next_non_space(text: &str, from: u32) -> u32 {
    let mut i = from as usize;
    let b = text.as_bytes();
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i as u32
}

fn const_platform(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    st: &Stage<'_>,
    plat: &crate::expand::Expansion,
) {
    if !plat.matched.is_empty() || !plat.unmatched.is_empty() {
        return;
    }
    let Some((os, arch)) = parse_platform(&plat.result) else {
        return;
    };
    let name = st.name.as_deref().unwrap_or("");
    if name.contains(os.as_str()) || name.contains(arch.as_str()) {
        return;
    }
    let range = st
        .from
        .flag("platform")
        .map_or(st.from.span, |f| on_first_line(cx.input, st.from, f.range));
    cx.emit.buildkit(
        cfg,
        "FromPlatformFlagConstDisallowed",
        range,
        format!(
            "FROM --platform flag should not use constant value \"{}\"",
            plat.result
        ),
        None,
    );
}

/// `platforms.Parse` reduced to OS and normalised architecture; `None` if it fails.
fn parse_platform(s: &str) -> Option<(String, String)> {
    if s.is_empty() {
        return None;
    }
    let parts: Vec<&str> = s.split('/').collect();
    let ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    if parts.len() > 3 || !parts.iter().all(|p| ok(p)) {
        return None;
    }
    let norm_arch = |a: &str| -> String {
        match a.go_lower().as_str() {
            "i386" => "386".into(),
            "x86_64" | "x86-64" | "amd64" => "amd64".into(),
            "aarch64" | "arm64" => "arm64".into(),
            "armhf" | "armel" | "arm" => "arm".into(),
            other => other.into(),
        }
    };
    let known_os = |o: &str| {
        matches!(
            o,
            "aix"
                | "android"
                | "darwin"
                | "dragonfly"
                | "freebsd"
                | "hurd"
                | "illumos"
                | "ios"
                | "js"
                | "linux"
                | "nacl"
                | "netbsd"
                | "openbsd"
                | "plan9"
                | "solaris"
                | "windows"
                | "zos"
                | "wasip1"
        )
    };
    let known_arch = |a: &str| {
        matches!(
            norm_arch(a).as_str(),
            "386"
                | "amd64"
                | "amd64p32"
                | "arm"
                | "armbe"
                | "arm64"
                | "arm64be"
                | "ppc64"
                | "ppc64le"
                | "loong64"
                | "mips"
                | "mipsle"
                | "mips64"
                | "mips64le"
                | "mips64p32"
                | "mips64p32le"
                | "ppc"
                | "riscv"
                | "riscv64"
                | "s390"
                | "s390x"
                | "sparc"
                | "sparc64"
                | "wasm"
        )
    };
    match parts.as_slice() {
        [one] => {
            let l = one.go_lower();
            if known_os(&l) {
                Some((l, "amd64".into()))
            } else if known_arch(&l) {
                Some(("linux".into(), norm_arch(&l)))
            } else {
                None
            }
        }
        [os, arch, ..] => {
            let os = os.go_lower();
            if !known_os(&os) && os != "unknown" {
                return None;
            }
            Some((os, norm_arch(arch)))
        }
        [] => None,
    }
}

/// Per-stage state carried through dispatch (BuildKit's `dispatchState`).
#[derive(Clone, Default)]
struct StageState {
    env: EnvList,
    build_args: Vec<String>,
    shell_set: bool,
    workdir_set: bool,
    /// The stage descends from an image whose configured environment we do not know:
    /// UndefinedVar then only reports likely typos (BuildKit sees the real image config).
    env_unknown: bool,
}

/// Which stage each reference resolves to, as BuildKit's `toCommand` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Stage(usize),
    External,
    /// An index out of range: BuildKit fails.
    Invalid,
}

pub(crate) fn copy_from_source(stages: &[Stage<'_>], from: &str) -> Source {
    if let Ok(i) = from.parse::<i64>() {
        return if i >= 0 && (i as usize) < stages.len() {
            Source::Stage(i as usize)
        } else {
            Source::Invalid
        };
    }
    find_by_name(stages, from).map_or(Source::External, Source::Stage)
}

/// A stage by name, case-insensitively; the last stage with that name wins (BuildKit's map).
pub(crate) fn find_by_name(stages: &[Stage<'_>], name: &str) -> Option<usize> {
    if name.is_ascii() {
        // Names are stored lower-cased: an ASCII name matches without a lower-cased copy.
        return stages.iter().rposition(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
    }
    let lower = name.go_lower();
    stages
        .iter()
        .rposition(|s| s.name.as_deref() == Some(lower.as_str()))
}

/// The stage a FROM builds on: an earlier stage whose (lower-cased) name equals the expanded
/// base name exactly.
fn base_stage(stages: &[Stage<'_>], i: usize, base: &str) -> Option<usize> {
    stages[..i]
        .iter()
        .rposition(|s| s.name.as_deref() == Some(base))
}

pub(crate) fn stage_deps(stages: &[Stage<'_>], bases: &[String], i: usize) -> Vec<usize> {
    let mut deps = Vec::new();
    if let Some(b) = bases.get(i).and_then(|b| base_stage(stages, i, b)) {
        deps.push(b);
    }
    for c in stages[i].commands {
        match c.kind {
            Keyword::Copy => {
                if let Some(Source::Stage(s)) = c
                    .flag("from")
                    .and_then(|f| f.value.as_deref())
                    .map(|v| copy_from_source(stages, v))
                {
                    deps.push(s);
                }
            }
            Keyword::Run => {
                for m in c.flags_named("mount") {
                    if let Some(from) = m.mount_option("from") {
                        if let Some(s) = find_by_name(stages, &from) {
                            deps.push(s);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    deps
}

/// Stages the target needs (itself included).
pub(crate) fn reachable(stages: &[Stage<'_>], bases: &[String], target: usize) -> Vec<bool> {
    let mut seen = vec![false; stages.len()];
    let mut todo = vec![target];
    while let Some(i) = todo.pop() {
        if i >= seen.len() || seen[i] {
            continue;
        }
        seen[i] = true;
        todo.extend(stage_deps(stages, bases, i));
    }
    seen
}

/// See [`crate::checked_stages`].
pub(crate) fn checked_stages(input: &Input<'_>) -> Vec<bool> {
    if input.parse.rejection.is_some() {
        return Vec::new();
    }
    let (meta, stages, complete) = split_stages(input.parse);
    if !complete || stages.is_empty() {
        return Vec::new();
    }
    let defaults = default_args(input, &stages);
    let (global, _) = build_meta_args(input, &defaults, &meta, true);
    let bases: Vec<String> = stages
        .iter()
        .map(|s| expand(&s.base_raw, &global, input.parse.file.escape, true).result)
        .collect();
    let target = match input.target {
        Some(t) => match find_by_name(&stages, t) {
            Some(i) => i,
            None => return Vec::new(),
        },
        None => stages.len() - 1,
    };
    if input.all_stages {
        return vec![true; stages.len()];
    }
    reachable(&stages, &bases, target)
}

fn dispatch(cx: &mut Ctx<'_, '_>, stages: &[Stage<'_>], bases: &[String], global: &EnvList) {
    let input = cx.input;
    let target = match input.target {
        Some(t) => match find_by_name(stages, t) {
            Some(i) => i,
            None => return, // BuildKit: target stage could not be found.
        },
        None => stages.len() - 1,
    };
    let reach = reachable(stages, bases, target);
    let mut states: Vec<Option<StageState>> = vec![None; stages.len()];
    for (i, st) in stages.iter().enumerate() {
        if !input.all_stages && !reach[i] {
            continue;
        }
        let mut state = match base_stage(stages, i, &bases[i]).and_then(|b| states[b].clone()) {
            Some(s) => s,
            None => {
                let mut s = StageState::default();
                match images::env_keys(&bases[i]) {
                    Some(keys) => {
                        for k in keys {
                            s.env.set(k, if *k == "PATH" { DEFAULT_PATH } else { "x" });
                        }
                    }
                    None => s.env_unknown = true,
                }
                if s.env.get("PATH").is_none() {
                    s.env.set("PATH", DEFAULT_PATH);
                }
                s
            }
        };
        let mut trackers: [Option<&Instruction>; 3] = [None, None, None];
        // ONBUILD triggers of the base stage run first, reported at this stage's FROM.
        if let Some(b) = base_stage(stages, i, &bases[i]) {
            for ob in stages[b].commands.iter().filter_map(|c| c.onbuild_body()) {
                let before = cx.emit.len();
                let ok = dispatch_command(cx, &mut state, &mut trackers, ob, global);
                cx.emit.relocate_from(before, st.from.span);
                if !ok {
                    return;
                }
            }
        }
        for c in st.commands {
            if !dispatch_command(cx, &mut state, &mut trackers, c, global) {
                // BuildKit stops the build at the first instruction that fails.
                return;
            }
        }
        states[i] = Some(state);
    }
}

const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

fn report_unmatched(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    state: &StageState,
    ins: &Instruction,
    unmatched: &[String],
) {
    for var in unmatched {
        if state.build_args.iter().any(|a| a == var) || NON_ENV_ARGS.contains(&var.as_str()) {
            continue;
        }
        let mut msg = format!("Usage of undefined variable '${var}'");
        let suggestion = suggest(var, state.env.keys());
        match &suggestion {
            Some(s) => msg.push_str(&format!(" (did you mean ${s}?)")),
            None if state.env_unknown => continue,
            None => {}
        }
        let found = var_range(cx.input, ins, var);
        let range = found.map_or(ins.span, |(whole, _)| on_first_line(cx.input, ins, whole));
        let fix = rename_fix(found.map(|(_, name)| name), suggestion.as_deref());
        cx.emit.buildkit(cfg, "UndefinedVar", range, msg, fix);
    }
}

/// Where `$var` / `${var…}` is first written in the instruction: the whole reference and the
/// name inside it.
fn var_range(input: &Input<'_>, ins: &Instruction, var: &str) -> Option<(TextRange, TextRange)> {
    let s = ins.span.start as usize;
    let e = (ins.span.end as usize).min(input.text.len());
    let body = input.text.get(s..e)?;
    for (pat, skip) in [(format!("${{{var}"), 2), (format!("${var}"), 1)] {
        let mut from = 0;
        while let Some(i) = body[from..].find(&pat) {
            let at = from + i;
            let after = body[at + pat.len()..].chars().next();
            let ident = |c: char| c.is_alphanumeric() || c == '_';
            let boundary = !after.is_some_and(ident);
            if boundary {
                let mut len = pat.len();
                if skip == 2 {
                    if let Some(close) = body[at..].find('}') {
                        len = close + 1;
                    }
                }
                let whole = TextRange::new((s + at) as u32, (s + at + len) as u32);
                let name_start = (s + at + skip) as u32;
                let name = TextRange::new(name_start, name_start + var.len() as u32);
                return Some((whole, name));
            }
            from = at + pat.len();
        }
    }
    None
}

/// A fix replacing a misspelt variable name by BuildKit's suggestion.
fn rename_fix(name: Option<TextRange>, suggestion: Option<&str>) -> Option<Fix> {
    let (range, s) = (name?, suggestion?);
    Some(Fix {
        title: format!("Use `${s}`"),
        edits: vec![TextEdit {
            range,
            text: s.to_string(),
        }],
    })
}

fn is_secret_key(key: &str) -> bool {
    const DENY: [&str; 10] = [
        "apikey",
        "auth",
        "credential",
        "credentials",
        "key",
        "password",
        "pword",
        "passwd",
        "secret",
        "token",
    ];
    const ALLOW: [&str; 3] = ["public", "file", "version"];
    // Case-insensitive word comparison without lower-casing copies (the lists are ASCII).
    let has = |list: &[&str]| {
        key.split('_').any(|p| {
            list.iter()
                .any(|w| p.eq_ignore_ascii_case(w) || (!p.is_ascii() && p.go_lower() == *w))
        })
    };
    has(&DENY) && !has(&ALLOW)
}

fn dispatch_command<'i>(
    cx: &mut Ctx<'_, '_>,
    state: &mut StageState,
    trackers: &mut [Option<&'i Instruction>; 3],
    c: &'i Instruction,
    global: &EnvList,
) -> bool {
    let input = cx.input;
    let escape = input.parse.file.escape;
    let cfg = cx.cfg_for(c);
    // Single-word expansion of the command's words (before the command acts).
    let mut words: Vec<String> = Vec::new();
    let mut raw_words: Vec<String> = Vec::new();
    match &c.args {
        Args::Env { pairs } | Args::Label { pairs } => {
            for p in pairs {
                words.push(p.key.text.clone());
                words.push(p.value.text.clone());
            }
        }
        Args::Copy { words: ws, .. } | Args::Add { words: ws, .. } => {
            for f in ["chown", "chmod"] {
                if let Some(v) = c.flag(f).and_then(|f| f.value.clone()) {
                    words.push(v);
                }
            }
            if c.kind == Keyword::Add {
                if let Some(v) = c.flag("checksum").and_then(|f| f.value.clone()) {
                    words.push(v);
                }
            }
            for w in ws {
                if !is_heredoc_word(c, &w.text) {
                    words.push(w.text.clone());
                }
            }
            for h in &c.heredocs {
                if h.expand {
                    raw_words.push(h.body.clone());
                }
            }
        }
        Args::Workdir { value } | Args::User { value } | Args::Stopsignal { value } => {
            if let Some(v) = value {
                words.push(v.text.clone());
            }
        }
        Args::Volume { words: ws, .. } => words.extend(ws.iter().map(|w| w.text.clone())),
        Args::Run { .. } => {
            for m in c.flags_named("mount") {
                if let Some(opts) = m.mount_options() {
                    for o in opts {
                        if let Some(v) = o.value {
                            words.push(v);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    let mut expanded: Vec<String> = Vec::new();
    for w in &words {
        let e = expand(w, &state.env, escape, true);
        report_unmatched(cx, &cfg, state, c, &e.unmatched);
        if e.error {
            // BuildKit fails the build at this instruction.
            return false;
        }
        expanded.push(e.result);
    }
    for w in &raw_words {
        let e = expand(w, &state.env, '\\', false);
        report_unmatched(cx, &cfg, state, c, &e.unmatched);
        if e.error {
            return false;
        }
    }

    match (&c.kind, &c.args) {
        (Keyword::Env, Args::Env { pairs }) => {
            for (n, p) in pairs.iter().enumerate() {
                if p.legacy {
                    cx.emit.buildkit(
                        &cfg,
                        "LegacyKeyValueFormat",
                        c.span,
                        legacy_msg(&c.keyword),
                        legacy_fix(input, c),
                    );
                }
                let key = expanded.get(2 * n).cloned().unwrap_or_default();
                let value = expanded.get(2 * n + 1).cloned().unwrap_or_default();
                secret_check(cx, &cfg, c, "ENV", &key);
                state.env.set(&key, &value);
            }
        }
        (Keyword::Label, Args::Label { pairs }) => {
            for p in pairs {
                if p.legacy {
                    cx.emit.buildkit(
                        &cfg,
                        "LegacyKeyValueFormat",
                        c.span,
                        legacy_msg(&c.keyword),
                        legacy_fix(input, c),
                    );
                }
            }
        }
        (Keyword::Workdir, _) => {
            let path = expanded.first().cloned().unwrap_or_default();
            if !state.workdir_set && !path.starts_with('/') {
                let range = match &c.args {
                    Args::Workdir { value: Some(v) } => on_first_line(input, c, v.range),
                    _ => c.span,
                };
                cx.emit.buildkit(
                    &cfg,
                    "WorkdirRelativePath",
                    range,
                    format!(
                        "Relative workdir {} can have unexpected results if the base image changes",
                        go_quote(path.as_bytes())
                    ),
                    None,
                );
            }
            state.workdir_set = true;
        }
        (Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck, _) => {
            let slot = match c.kind {
                Keyword::Cmd => 0,
                Keyword::Entrypoint => 1,
                _ => 2,
            };
            if let Some(prev) = trackers[slot] {
                let prev_cfg = cfg.clone();
                cx.emit.buildkit(
                    &prev_cfg,
                    "MultipleInstructionsDisallowed",
                    prev.span,
                    format!(
                        "Multiple {} instructions should not be used in the same stage because only the last one will be used",
                        c.keyword
                    ),
                    Some(Fix {
                        title: format!("Delete the overridden {}", prev.keyword),
                        edits: vec![TextEdit {
                            range: prev.range,
                            text: String::new(),
                        }],
                    }),
                );
            }
            trackers[slot] = Some(c);
            if c.kind != Keyword::Healthcheck {
                let shell_form = matches!(c.args.command(), Some(Command::Shell(_)));
                if shell_form && !state.shell_set {
                    cx.emit.buildkit(
                        &cfg,
                        "JSONArgsRecommended",
                        c.span,
                        format!(
                            "JSON arguments recommended for {} to prevent unintended behavior related to OS signals",
                            c.keyword
                        ),
                        json_args_fix(c),
                    );
                }
            }
        }
        (Keyword::Shell, _) => state.shell_set = true,
        (Keyword::Arg, Args::Arg { decls }) => {
            for d in decls {
                secret_check(cx, &cfg, c, "ARG", &d.name);
                let given = build_arg(input, &d.name).map(str::to_string);
                let mut value = None;
                if d.default.is_none() && given.is_none() {
                    if let Some(v) = global.get(&d.name) {
                        value = Some(v);
                    }
                }
                if let Some(v) = given {
                    value = Some(v);
                } else if let Some(def) = &d.default {
                    let e = expand(def, &state.env, escape, true);
                    report_unmatched(cx, &cfg, state, c, &e.unmatched);
                    if e.error {
                        return false;
                    }
                    value = Some(e.result);
                }
                if let Some(v) = &value {
                    if !NON_ENV_ARGS.contains(&d.name.as_str()) {
                        state.env.set(&d.name, v);
                    }
                }
                state.build_args.push(d.name.clone());
            }
        }
        (Keyword::Expose, Args::Expose { words: ws }) => {
            for w in ws {
                let e = expand(&w.text, &state.env, escape, true);
                for port in e.result.split_whitespace() {
                    expose_port(cx, &cfg, c, w.range, port);
                }
            }
        }
        (Keyword::Copy | Keyword::Add, _) => {
            let from_stage = c.kind == Keyword::Copy && c.flag("from").is_some();
            if let (Some(ig), false) = (input.dockerignore, from_stage) {
                if !ig.has_exclusions() {
                    copy_ignored(cx, &cfg, c, ig, &words, &expanded);
                }
            }
        }
        _ => {}
    }
    true
}

fn is_heredoc_word(c: &Instruction, w: &str) -> bool {
    !c.heredocs.is_empty() && w.starts_with("<<")
}

fn legacy_msg(kw: &str) -> String {
    format!("\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format")
}

fn legacy_fix(input: &Input<'_>, c: &Instruction) -> Option<Fix> {
    let pairs = c.args.pairs();
    if pairs.len() != 1 || c.line != c.end_line {
        return None;
    }
    let p = &pairs[0];
    let value = p.value.text.as_str();
    let already_quoted = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    let new_value = if value.is_empty()
        || already_quoted
        || !value.chars().any(char::is_whitespace) && !value.contains(['"', '\''])
    {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    };
    let _ = input;
    Some(Fix {
        title: format!("Write `{}={}`", p.key.text, new_value),
        edits: vec![TextEdit {
            range: TextRange::new(p.key.range.start, p.value.range.end.max(p.key.range.end)),
            text: format!("{}={}", p.key.text, new_value),
        }],
    })
}

/// A simple shell-form command (plain words, no shell syntax) rewritten as a JSON array.
fn json_args_fix(c: &Instruction) -> Option<Fix> {
    let Some(Command::Shell(w)) = c.args.command() else {
        return None;
    };
    let text = w.text.trim();
    if text.is_empty()
        || text
            .chars()
            .any(|ch| "$`\\\"'|&;<>(){}*?[]~#=\n".contains(ch))
    {
        return None;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|s| format!("\"{s}\""))
        .collect();
    Some(Fix {
        title: "Use the exec (JSON) form".into(),
        edits: vec![TextEdit {
            range: w.range,
            text: format!("[{}]", words.join(", ")),
        }],
    })
}

fn secret_check(cx: &mut Ctx<'_, '_>, cfg: &LintConfig, c: &Instruction, kind: &str, key: &str) {
    if is_secret_key(key) {
        cx.emit.buildkit(
            cfg,
            "SecretsUsedInArgOrEnv",
            c.span,
            format!(
                "Do not use ARG or ENV instructions for sensitive data ({kind} {})",
                go_quote(key.as_bytes())
            ),
            None,
        );
    }
}

fn expose_port(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    c: &Instruction,
    word_range: TextRange,
    raw: &str,
) {
    let parts: Vec<&str> = raw.split(':').collect();
    let (ip, host, container) = match parts.len() {
        1 => ("", "", parts[0]),
        2 => ("", parts[0], parts[1]),
        _ => {
            let n = parts.len();
            (parts[0], parts[n - 2], parts[n - 1])
        }
    };
    let (port, proto) = container.split_once('/').unwrap_or((container, ""));
    let proto_ok = matches!(proto.go_lower().as_str(), "" | "tcp" | "udp" | "sctp");
    if port.is_empty() || !proto_ok {
        return; // BuildKit fails with "invalid port" before linting.
    }
    let range = on_first_line(cx.input, c, word_range);
    if proto != proto.go_lower() {
        let fixed = format!("{port}/{}", proto.go_lower());
        let prefix = &raw[..raw.len() - container.len()];
        let fix = (range == word_range && cx.input.text.get(word_range.as_usize()) == Some(raw))
            .then(|| Fix {
                title: format!("Write `{prefix}{fixed}`"),
                edits: vec![TextEdit {
                    range: word_range,
                    text: format!("{prefix}{fixed}"),
                }],
            });
        cx.emit.buildkit(
            cfg,
            "ExposeProtoCasing",
            range,
            format!("Defined protocol '{raw}' in EXPOSE instruction should be lowercase"),
            fix,
        );
    }
    if !ip.is_empty() || !host.is_empty() {
        let fix = (range == word_range && cx.input.text.get(word_range.as_usize()) == Some(raw))
            .then(|| Fix {
                title: format!("Expose only `{container}`"),
                edits: vec![TextEdit {
                    range: word_range,
                    text: container.to_string(),
                }],
            });
        cx.emit.buildkit(
            cfg,
            "ExposeInvalidFormat",
            range,
            format!("EXPOSE instruction should not define an IP address or host-port mapping, found '{raw}'"),
            fix,
        );
    }
}

fn copy_ignored(
    cx: &mut Ctx<'_, '_>,
    cfg: &LintConfig,
    c: &Instruction,
    ig: &DockerIgnore,
    words: &[String],
    expanded: &[String],
) {
    // `words` = flag values, then sources, then dest; pick the sources back out.
    let flag_count = words.len()
        - match &c.args {
            Args::Copy { words: ws, .. } | Args::Add { words: ws, .. } => {
                ws.iter().filter(|w| !is_heredoc_word(c, &w.text)).count()
            }
            _ => 0,
        };
    let srcs: Vec<&String> = expanded.iter().skip(flag_count).collect();
    let Some((_, sources)) = srcs.split_last() else {
        return;
    };
    let cmd = if c.kind == Keyword::Add {
        "Add"
    } else {
        "Copy"
    };
    for src in sources {
        if c.kind == Keyword::Add
            && (src.starts_with("http://")
                || src.starts_with("https://")
                || src.starts_with("git@"))
        {
            continue;
        }
        let cleaned = clean(src);
        if (cleaned == "." || cleaned == "/") && !ig.root_ignored() {
            continue;
        }
        if ig.matches_or_parent(&cleaned) {
            cx.emit.buildkit(
                cfg,
                "CopyIgnoredFile",
                c.span,
                format!(
                    "Attempting to {cmd} file {} that is excluded by .dockerignore",
                    go_quote(cleaned.as_bytes())
                ),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_predicates_equal_the_allocating_comparisons() {
        for s in [
            "", "run", "RUN", "Run", "rUN", "from", "FROM", "copy2", "COPY2", "-", "ünï", "ÜNÏ",
            "Ünï", "ǅ", "straße", "STRASSE", "ß", "İ",
        ] {
            assert_eq!(is_lowercase(s), s == s.go_lower(), "{s:?}");
            assert_eq!(is_uppercase(s), s == s.go_upper(), "{s:?}");
        }
    }

    #[test]
    fn references() {
        assert!(valid_reference("busybox:latest"));
        assert!(valid_reference("gcr.io/distroless/static:nonroot"));
        assert!(!valid_reference("busybox:"));
        assert!(!valid_reference(""));
        assert!(valid_reference("busy"));
        assert!(!valid_reference("Busybox"));
    }
}
