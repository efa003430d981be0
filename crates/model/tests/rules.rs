//! One focused test per resolution rule. Each cites the BuildKit code (moby/buildkit at
//! 73ed6825, frontend/dockerfile/) whose behaviour it mirrors.

use stagecraft_model::{lower, BuildOptions, EdgeKind, Model, Source};

fn model(text: &str) -> Model {
    model_with(text, BuildOptions::default())
}

fn model_with(text: &str, opts: BuildOptions) -> Model {
    lower(&stagecraft_syntax::parse(text), &opts)
}

fn opts(f: impl FnOnce(&mut BuildOptions)) -> BuildOptions {
    let mut o = BuildOptions::default();
    f(&mut o);
    o
}

fn codes(m: &Model) -> Vec<&str> {
    m.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn messages(m: &Model) -> Vec<&str> {
    m.diagnostics.iter().map(|d| d.message.as_str()).collect()
}

/// The value of `name` before the `n`-th instruction (0-based, FROM excluded) of stage `s`.
fn var(m: &Model, s: usize, n: usize, name: &str) -> Option<String> {
    m.stages[s].env_before[n].get(name).map(str::to_string)
}

fn edges(m: &Model, kind: EdgeKind) -> Vec<(String, Source, u32)> {
    m.edges
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| (e.raw.clone(), e.source, e.to))
        .collect()
}

#[test]
fn stage_names_are_lowercased() {
    // instructions/parse.go parseBuildStageName: stageName = strings.ToLower(args[2]).
    let m = model("FROM alpine AS Builder\n");
    assert_eq!(m.stages[0].name.as_deref(), Some("builder"));
    assert_eq!(m.stages[0].name_raw.as_deref(), Some("Builder"));
}

#[test]
fn invalid_stage_name_and_argument_count_are_reported() {
    // parseBuildStageName: validStageName ^[a-z][a-z0-9-_.]*$ and "FROM requires either one
    // or three arguments".
    let m = model("FROM a AS 9bad\nFROM a b\n");
    assert_eq!(
        messages(&m),
        [
            "invalid name for build stage: \"9bad\", name can't start with a number or contain symbols",
            "FROM requires either one or three arguments"
        ]
    );
}

#[test]
fn from_names_only_earlier_stages() {
    // convert.go dispatchStates.addState: the base is looked up in statesByName when the
    // stage is registered, so only stages defined before it can be a base.
    let m = model("FROM later AS first\nFROM alpine AS later\n");
    assert!(matches!(m.stages[0].source, Source::Image(_)));
    assert_eq!(m.images[0].reference, "later");
}

#[test]
fn from_matches_stage_names_exactly_after_expansion() {
    // addState: statesByName[ds.stage.BaseName] with the expanded base, not lower-cased; an
    // upper-case base is then an image reference, which ParseNormalizedNamed refuses.
    let m = model("FROM alpine AS builder\nFROM Builder\n");
    assert!(matches!(m.stages[1].source, Source::Image(_)));
    assert_eq!(
        messages(&m),
        ["failed to parse stage name \"Builder\": invalid reference format: repository name (library/Builder) must be lowercase"]
    );
}

#[test]
fn from_expands_global_args_before_matching_stages() {
    // buildDispatchStates: ProcessWordWithMatches(st.BaseName, globalArgs) before addState.
    let m = model("ARG FLAVOR=slim\nFROM alpine AS base-slim\nFROM base-${FLAVOR}\n");
    assert_eq!(m.stages[1].base_resolved, "base-slim");
    assert_eq!(m.stages[1].source, Source::Stage(0));
    let m = model_with(
        "ARG FLAVOR=slim\nFROM alpine AS base-slim\nFROM alpine AS base-full\nFROM base-${FLAVOR}\n",
        opts(|o| {
            o.build_args.insert("FLAVOR".into(), "full".into());
        }),
    );
    assert_eq!(m.stages[2].source, Source::Stage(1));
}

#[test]
fn blank_base_is_an_error() {
    // buildDispatchStates: "base name (%s) should not be blank".
    let m = model("ARG IMG\nFROM ${IMG}\n");
    assert_eq!(messages(&m), ["base name (${IMG}) should not be blank"]);
}

#[test]
fn global_args_are_visible_in_stages_only_when_redeclared() {
    // dispatchArg: a bare ARG takes globalArgs.Get(key); without it the stage never sees the
    // global value (the reference's "Understand how ARG and FROM interact").
    let m = model("ARG V=1\nFROM alpine\nRUN a\nARG V\nRUN b\n");
    assert_eq!(var(&m, 0, 0, "V"), None);
    assert_eq!(var(&m, 0, 2, "V").as_deref(), Some("1"));
}

#[test]
fn build_args_override_global_and_stage_defaults() {
    // buildMetaArgs: buildArgs[kp.Key] wins over the default; dispatchArg: hasValue wins too.
    let o = opts(|o| {
        o.build_args.insert("V".into(), "cli".into());
        o.build_args.insert("W".into(), "cli-w".into());
    });
    let m = model_with("ARG V=1\nFROM img:$V\nARG W=2\nRUN x\n", o);
    assert_eq!(m.stages[0].base_resolved, "img:cli");
    assert_eq!(var(&m, 0, 1, "W").as_deref(), Some("cli-w"));
    // A build arg that no ARG declares stays invisible.
    let o = opts(|o| {
        o.build_args.insert("U".into(), "x".into());
    });
    let m = model_with("FROM alpine\nRUN x\n", o);
    assert_eq!(var(&m, 0, 0, "U"), None);
}

#[test]
fn global_arg_defaults_expand_earlier_global_args() {
    // buildMetaArgs: each default is processed with the args declared so far.
    let m = model("ARG A=3.19\nARG IMG=alpine:${A}\nFROM ${IMG}\n");
    assert_eq!(m.stages[0].base_resolved, "alpine:3.19");
}

#[test]
fn predefined_platform_args_default_to_linux_amd64() {
    // platform.go defaultArgs: BUILDPLATFORM, TARGETPLATFORM, TARGETOS, TARGETARCH, … are in the
    // global scope without any ARG.
    let m = model("FROM --platform=$BUILDPLATFORM golang AS b\nFROM img-${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-}${TARGETVARIANT}\nRUN x\nARG TARGETARCH\nRUN y\n");
    assert_eq!(m.stages[0].platform_resolved, "linux/amd64");
    assert_eq!(m.stages[1].base_resolved, "img-linux-amd64");
    // Not visible in the stage until redeclared.
    assert_eq!(var(&m, 1, 0, "TARGETARCH"), None);
    assert_eq!(var(&m, 1, 2, "TARGETARCH").as_deref(), Some("amd64"));
}

#[test]
fn platform_option_changes_target_args_and_build_args_override_them() {
    // defaultArgs: TARGET* come from the requested platform; an explicit build arg overrides.
    let m = model_with(
        "FROM img-${TARGETARCH}${TARGETVARIANT}\n",
        opts(|o| o.platform = Some("linux/arm/v7".into())),
    );
    assert_eq!(m.stages[0].base_resolved, "img-armv7");
    let m = model_with(
        "FROM img-${TARGETARCH}\n",
        opts(|o| {
            o.build_args.insert("TARGETARCH".into(), "riscv64".into());
        }),
    );
    assert_eq!(m.stages[0].base_resolved, "img-riscv64");
}

#[test]
fn target_stage_arg_names_the_target() {
    // defaultArgs: TARGETSTAGE is --target, else the last stage's name, else "default".
    let m = model("FROM a AS one\nFROM b-${TARGETSTAGE} AS two\n");
    assert_eq!(m.stages[1].base_resolved, "b-two");
    let m = model_with(
        "FROM a AS one\nFROM b-${TARGETSTAGE}\n",
        opts(|o| o.target = Some("one".into())),
    );
    assert_eq!(m.stages[1].base_resolved, "b-one");
    let m = model("FROM b-${TARGETSTAGE}\n");
    assert_eq!(m.stages[0].base_resolved, "b-default");
}

#[test]
fn env_and_args_are_inherited_from_a_base_stage() {
    // dispatchState.init: a stage built on a stage starts from its state (env, build args).
    let m = model("FROM alpine AS base\nENV A=1\nARG B=2\nFROM base\nRUN x\nFROM alpine\nRUN y\n");
    assert_eq!(var(&m, 1, 0, "A").as_deref(), Some("1"));
    assert_eq!(var(&m, 1, 0, "B").as_deref(), Some("2"));
    assert_eq!(var(&m, 2, 0, "A"), None);
    // dispatchStages: PATH is always set when the image has none.
    assert!(var(&m, 2, 0, "PATH").is_some());
}

#[test]
fn env_pairs_expand_with_values_from_before_the_instruction() {
    // Dockerfile reference, "Environment replacement": ENV abc=bye def=$abc gives def=hello.
    let m = model("FROM a\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\nRUN x\n");
    assert_eq!(var(&m, 0, 3, "def").as_deref(), Some("hello"));
    assert_eq!(var(&m, 0, 3, "ghi").as_deref(), Some("bye"));
}

#[test]
fn stage_arg_defaults_see_env_and_env_overrides_arg() {
    // dispatchArg: the default is processed with getEnv(d.state); ENV and ARG both AddEnv in
    // order, so a later ENV wins (reference: "ENV always overrides an ARG").
    let m = model_with(
        "FROM a\nENV P=/opt\nARG D=$P/bin\nARG V\nENV V=v1.0.0\nRUN x\n",
        opts(|o| {
            o.build_args.insert("V".into(), "v2".into());
        }),
    );
    assert_eq!(var(&m, 0, 4, "D").as_deref(), Some("/opt/bin"));
    assert_eq!(var(&m, 0, 4, "V").as_deref(), Some("v1.0.0"));
}

#[test]
fn copy_from_is_case_insensitive_and_may_name_a_later_stage() {
    // toCommand: findStateByName(strings.ToLower(c.From)) over every registered stage.
    let m = model("FROM alpine AS a\nCOPY --from=LATER /x /x\nFROM alpine AS later\n");
    assert_eq!(
        edges(&m, EdgeKind::Copy),
        [("LATER".to_string(), Source::Stage(1), 0)]
    );
    assert!(m.stages[1].reachable, "a --from dependency is built");
}

#[test]
fn copy_from_accepts_a_numeric_index() {
    // toCommand: strconv.Atoi then findStateByIndex; out of range is "invalid stage index N".
    let m = model("FROM a\nFROM b\nCOPY --from=0 /x /x\nCOPY --from=7 /x /x\n");
    assert_eq!(
        edges(&m, EdgeKind::Copy),
        [("0".to_string(), Source::Stage(0), 1)]
    );
    assert_eq!(messages(&m), ["invalid stage index 7"]);
}

#[test]
fn copy_from_index_counts_the_image_states_registered_so_far() {
    // buildStageDependencyGraph: each unknown --from (and each mount) appends an
    // "unregistered" state, and findStateByIndex indexes that growing list.
    let m = model("FROM a\nCOPY --from=busybox /x /x\nCOPY --from=1 /y /y\n");
    let copies = edges(&m, EdgeKind::Copy);
    assert_eq!(copies.len(), 2);
    assert_eq!(copies[0].1, copies[1].1, "index 1 is the busybox state");
    assert!(matches!(copies[1].1, Source::Image(_)));
}

#[test]
fn copy_from_with_a_variable_is_reported_not_guessed() {
    // toCommand: "variable expansion is not supported for --from, define a new stage with FROM
    // using ARG from global scope as a workaround".
    let m = model("ARG S=builder\nFROM a AS builder\nFROM b\nCOPY --from=${S} /x /x\n");
    assert!(edges(&m, EdgeKind::Copy).is_empty());
    assert_eq!(
        messages(&m),
        ["variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround"]
    );
}

#[test]
fn copy_from_an_image_or_scratch() {
    // toCommand: an unknown name is an unregistered state resolved as an image (or scratch).
    let m = model("FROM a\nCOPY --from=nginx:1.27 /etc/nginx /n\nCOPY --from=scratch / /s\n");
    let copies = edges(&m, EdgeKind::Copy);
    assert!(matches!(copies[0].1, Source::Image(_)));
    assert_eq!(copies[1].1, Source::Scratch);
}

#[test]
fn add_has_no_from_flag() {
    // parseAdd defines no "from" flag: BFlags.Parse fails with "unknown flag: --from".
    let m = model("FROM a AS b\nFROM c\nADD --from=b /x /x\n");
    assert!(edges(&m, EdgeKind::Copy).is_empty());
    assert_eq!(messages(&m), ["unknown flag: --from"]);
}

#[test]
fn mount_from_keys_are_case_insensitive_and_names_are_not_indexes() {
    // commands_runmount.go parseMount: keys lowercased; detectRunMount only calls
    // findStateByName, so from=0 names an image called "0".
    let m = model("FROM a AS tools\nFROM b\nRUN --mount=type=bind,FROM=Tools,target=/t --mount=from=0,target=/z true\n");
    let mounts = edges(&m, EdgeKind::Mount);
    assert_eq!(mounts[0].1, Source::Stage(0));
    assert!(matches!(mounts[1].1, Source::Image(_)));
}

#[test]
fn mount_from_with_a_variable_is_reported() {
    // parseMount (parse time, no expander): "'from' doesn't support variable expansion, define
    // alias stage instead" when `$` is not the last character.
    let m = model("FROM a\nRUN --mount=from=$X,target=/t true\n");
    assert!(edges(&m, EdgeKind::Mount).is_empty());
    assert_eq!(
        messages(&m),
        ["'from' doesn't support variable expansion, define alias stage instead"]
    );
}

#[test]
fn mount_from_a_later_stage_fails_when_built() {
    // dispatchRunMounts: "cannot mount from stage %q to %q, stage needs to be defined before
    // current command" (the later stage is not dispatched yet).
    let m = model(
        "FROM a\nRUN --mount=from=late,target=/t true\nFROM b AS late\nFROM c\nCOPY --from=0 / /\n",
    );
    assert_eq!(
        messages(&m),
        ["cannot mount from stage \"late\" to \"/t\", stage needs to be defined before current command"]
    );
}

#[test]
fn duplicate_stage_names_warn_and_the_last_one_wins() {
    // validateStageNames: DuplicateStageName lint; addState overwrites statesByName.
    let m = model("FROM a AS x\nFROM b AS x\nFROM c\nCOPY --from=x / /\n");
    assert_eq!(
        messages(&m),
        ["Duplicate stage name \"x\", stage names should be unique"]
    );
    assert_eq!(edges(&m, EdgeKind::Copy)[0].1, Source::Stage(1));
}

#[test]
fn reserved_stage_names_warn() {
    // validateStageNames: ReservedStageName for "context" and "scratch".
    let m = model("FROM a AS scratch\n");
    assert_eq!(codes(&m), ["ReservedStageName"]);
}

#[test]
fn circular_dependencies_are_reported_with_buildkits_wording() {
    // validateCircularDependency: "circular dependency detected on stage: %s" naming the first
    // stage (in file order) from which a cycle is reachable.
    let m = model("FROM a AS one\nCOPY --from=two / /\nFROM b AS two\nCOPY --from=one / /\n");
    assert_eq!(messages(&m), ["circular dependency detected on stage: one"]);
    let m = model("FROM a\nCOPY --from=0 / /\n");
    assert_eq!(
        messages(&m),
        ["circular dependency detected on stage: stage-0"]
    );
}

#[test]
fn default_target_is_the_last_stage_and_reachability_follows_all_edges() {
    // resolveTarget: lastTarget(); allReachableStages: base + deps, transitively.
    let m = model(
        "FROM a AS base\nFROM base AS build\nRUN --mount=from=cache,target=/c true\nFROM a AS unused\nFROM a AS cache\nFROM scratch\nCOPY --from=build / /\n",
    );
    assert_eq!(m.target, Some(4));
    let reach: Vec<bool> = m.stages.iter().map(|s| s.reachable).collect();
    assert_eq!(reach, [true, true, false, true, true]);
}

#[test]
fn target_is_case_insensitive_and_unknown_targets_are_reported() {
    // resolveTarget: findStateByName lower-cases; otherwise `target stage %q could not be
    // found` with suggest.WrapError's "(did you mean …?)".
    let m = model_with(
        "FROM a AS build\nFROM b AS final\n",
        opts(|o| o.target = Some("BUILD".into())),
    );
    assert_eq!(m.target, Some(0));
    assert!(!m.stages[1].reachable);
    let m = model_with(
        "FROM a AS build\nFROM b AS final\n",
        opts(|o| o.target = Some("biuld".into())),
    );
    assert_eq!(m.target, None);
    assert_eq!(
        messages(&m),
        ["target stage \"biuld\" could not be found (did you mean build?)"]
    );
}

#[test]
fn images_are_deduplicated_by_normalised_reference() {
    // resolveBaseImage normalises with reference.ParseNormalizedNamed + TagNameOnly.
    let m = model("FROM alpine\nFROM alpine:latest\nFROM docker.io/library/alpine\nCOPY --from=alpine:3 / /\n");
    assert_eq!(m.images.len(), 2);
    assert_eq!(
        m.images[0].normalized.as_deref(),
        Some("docker.io/library/alpine:latest")
    );
    assert_eq!(m.images[0].used_by, [0, 1, 2]);
}

#[test]
fn onbuild_triggers_of_a_base_stage_add_dependencies() {
    // resolveStages/initOnBuildTriggers: ONBUILD commands of the base stage run in the child
    // and their --from sources become dependencies.
    let m =
        model("FROM a AS assets\nFROM b AS base\nONBUILD COPY --from=assets /x /x\nFROM base\n");
    let e: Vec<_> = m.edges.iter().filter(|e| e.onbuild).collect();
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].source, e[0].to), (Source::Stage(0), 2));
    assert!(m.stages[0].reachable);
}

#[test]
fn instructions_before_the_first_from_other_than_arg_are_errors() {
    // instructions.Parse: CurrentStage fails with "no build stage in current context".
    let m = model("ARG A=1\nRUN x\nFROM a\n");
    assert_eq!(messages(&m), ["no build stage in current context"]);
    let m = model("ARG A=1\n");
    assert_eq!(messages(&m), ["dockerfile contains no stages to build"]);
}

#[test]
fn platform_flag_is_expanded_and_normalised() {
    // buildDispatchStates: --platform processed with the global args, then platforms.Parse;
    // errors "empty platform value from expression …" / "failed to parse platform …".
    let m = model("ARG P=linux/aarch64\nFROM --platform=$P a\nFROM --platform=$NOPE b\n");
    assert_eq!(m.stages[0].platform_resolved, "linux/arm64");
    assert_eq!(messages(&m), ["empty platform value from expression $NOPE"]);
}

#[test]
fn a_stage_built_on_a_stage_takes_its_platform() {
    // dispatchState.init: ds.platform = ds.base.platform, after --platform was parsed.
    let m = model_with(
        "FROM --platform=$BUILDPLATFORM golang AS build\nFROM build AS again\nFROM --platform=linux/s390x build\nFROM alpine\n",
        opts(|o| o.platform = Some("linux/arm64".into())),
    );
    let p: Vec<&str> = m
        .stages
        .iter()
        .map(|s| s.platform_resolved.as_str())
        .collect();
    assert_eq!(
        p,
        ["linux/amd64", "linux/amd64", "linux/amd64", "linux/arm64"]
    );
}

#[test]
fn env_at_answers_per_instruction() {
    // The question the simulation asks: "what is X at instruction i" (indices into
    // Dockerfile::instructions; FROM lines see the global scope, as buildDispatchStates does).
    let m = model("ARG V=1\nFROM alpine\nARG V\nENV W=$V-x\nRUN echo\n");
    assert_eq!(m.env_at(1).get("V"), Some("1"), "FROM sees the global ARG");
    assert_eq!(m.env_at(2).get("V"), None, "not yet redeclared");
    assert_eq!(m.env_at(4).get("W"), Some("1-x"));
}

#[test]
fn as_keyword_uses_unicode_case_folding() {
    // parseBuildStageName: strings.EqualFold(args[1], "as"), where U+017F (ſ) folds to s.
    let m = model("FROM alpine aſ build\n");
    assert_eq!(m.stages[0].name.as_deref(), Some("build"));
}

#[test]
fn from_lines_record_unset_variables() {
    // buildDispatchStates: ProcessWordWithMatches reports Unmatched for the UndefinedArgInFrom
    // lint (the check crate filters out declared ARGs).
    let m = model("ARG DECLARED\nFROM --platform=$PLAT img:${TAG}${DECLARED}\n");
    assert_eq!(m.stages[0].from_unmatched, ["DECLARED", "PLAT", "TAG"]);
}

#[test]
fn expand_at_uses_the_scope_and_escape_of_the_file() {
    // dispatch(): SupportsSingleWordExpansion commands are expanded with getEnv(d.state) and
    // the file's escape token.
    let m = model("# escape=`\nFROM a\nENV D=/srv\nWORKDIR ${D}/app\n");
    assert_eq!(m.expand_at(2, "${D}/app").unwrap().value, "/srv/app");
    assert_eq!(
        m.expand_at(2, "C:\\x").unwrap().value,
        "C:\\x",
        "backslash is literal under escape=`"
    );
}

#[test]
fn an_empty_target_means_the_last_stage() {
    // resolveTarget: `if dctx.opt.Target == ""` → lastTarget().
    let m = model_with(
        "FROM a AS x\nFROM b\n",
        opts(|o| o.target = Some(String::new())),
    );
    assert_eq!(m.target, Some(1));
    assert!(m.diagnostics.is_empty());
}
