//! The rule registry: every rule's code, default severity, origin, summary and documentation.
//!
//! The documentation is data ([`RuleDoc`]) so that `stagecraft explain`, the web app and the
//! generated `docs/rules/<Code>.md` pages all show the same text.

use stagecraft_syntax::Severity;

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// One of BuildKit's build checks: same name, semantics and message wording.
    BuildKit,
    /// A stagecraft rule (multi-stage structure, image size and content).
    Stagecraft,
}

impl Origin {
    /// `buildkit` or `stagecraft`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::BuildKit => "buildkit",
            Origin::Stagecraft => "stagecraft",
        }
    }
}

/// The documentation page of a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// What the rule reports (one paragraph).
    pub what: &'static str,
    /// Why it matters (one paragraph).
    pub why: &'static str,
    /// A Dockerfile on which the rule fires.
    pub bad: &'static str,
    /// The corrected Dockerfile, on which it is quiet.
    pub good: &'static str,
    /// How to fix it, and what the automatic fix does if there is one.
    pub fix: &'static str,
}

/// One rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code, e.g. `StageNameCasing`.
    pub code: &'static str,
    /// Severity unless promoted (`# check=error=true`).
    pub default_severity: Severity,
    /// BuildKit or stagecraft.
    pub origin: Origin,
    /// One-line summary (BuildKit's description for BuildKit rules).
    pub summary: &'static str,
    /// Off unless enabled with `# check=experimental=<Code>` (as in BuildKit).
    pub experimental: bool,
}

/// Base URL of the shipped stagecraft rule pages.
pub const STAGECRAFT_RULE_BASE: &str =
    "https://github.com/stagecraft/stagecraft/blob/main/docs/rules/";

impl Rule {
    /// The documentation page.
    ///
    /// Kept in a table of its own, parallel to the rules: a program that never asks for the
    /// documentation (the playground fetches it as `rule-docs.json` when a rule is opened)
    /// does not carry its text.
    pub fn doc(&self) -> &'static RuleDoc {
        const NONE: RuleDoc = RuleDoc {
            what: "",
            why: "",
            bad: "",
            good: "",
            fix: "",
        };
        RULES
            .iter()
            .position(|r| r.code == self.code)
            .and_then(|i| DOCS.get(i))
            .unwrap_or(&NONE)
    }

    /// Link to the rule's page: Docker's documentation for BuildKit rules, our page otherwise.
    pub fn url(&self) -> String {
        match self.origin {
            Origin::BuildKit => format!(
                "https://docs.docker.com/go/dockerfile/rule/{}/",
                kebab(self.code)
            ),
            Origin::Stagecraft => format!("{STAGECRAFT_RULE_BASE}{}.md", self.code),
        }
    }
}

/// `JSONArgsRecommended` → `json-args-recommended`, `StageNameCasing` → `stage-name-casing`.
pub fn kebab(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            // A new word starts at a capital after a lower-case letter, or at the last capital of
            // an acronym ("JSONArgs" → "json-args").
            if prev.is_ascii_lowercase() || (prev.is_ascii_uppercase() && next_lower) {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Every rule, BuildKit's first (in the order of BuildKit's documentation), then stagecraft's.
pub fn all() -> &'static [Rule] {
    RULES
}

/// The rule with this code (exact match).
pub fn get(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The rule with this code, ignoring ASCII case (for `stagecraft explain`).
pub fn find(code: &str) -> Option<&'static Rule> {
    get(code).or_else(|| RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code)))
}

const W: Severity = Severity::Warning;

/// The rule list, written once, becomes two parallel tables: the rules (`RULES`) and their
/// documentation (`DOCS`, same order).
macro_rules! rules {
    ($( rule!($code:literal, $sev:expr, $origin:ident, $summary:literal, $(experimental: $exp:literal,)?
        what: $what:literal, why: $why:literal, bad: $bad:literal, good: $good:literal, fix: $fix:literal) ),* $(,)?) => {
        static RULES: &[Rule] = &[$(
            Rule {
                code: $code,
                default_severity: $sev,
                origin: Origin::$origin,
                summary: $summary,
                experimental: false $(|| $exp)?,
            }
        ),*];
        static DOCS: &[RuleDoc] = &[$(
            RuleDoc { what: $what, why: $why, bad: $bad, good: $good, fix: $fix }
        ),*];
    };
}

rules! {
    rule!("StageNameCasing", W, BuildKit, "Stage names should be lowercase",
        what: "A stage name (`FROM … AS Name`) contains upper-case letters.",
        why: "Keywords are conventionally upper case and identifiers lower case; BuildKit lower-cases stage names anyway, so `--from=Builder` and `--from=builder` mean the same stage and mixed case only misleads the reader.",
        bad: "FROM alpine AS BuilderBase\n",
        good: "FROM alpine AS builder-base\n",
        fix: "Write the stage name in lower case. The automatic fix lower-cases the name where it is defined."),
    rule!("FromAsCasing", W, BuildKit, "The 'as' keyword should match the case of the 'from' keyword",
        what: "`FROM` and `AS` in the same instruction are written in different cases (`FROM x as y`).",
        why: "Mixed keyword casing hurts readability; BuildKit flags it so that a Dockerfile reads consistently.",
        bad: "FROM debian:latest as builder\n",
        good: "FROM debian:latest AS builder\n",
        fix: "Write `AS` in the case of `FROM`. The automatic fix rewrites the `AS` keyword."),
    rule!("NoEmptyContinuation", W, BuildKit, "Empty continuation lines will become errors in a future release",
        what: "An instruction continued with `\\` has an empty line inside the continuation.",
        why: "Empty continuation lines are deprecated and a future BuildKit release will reject them, breaking the build.",
        bad: "FROM alpine\nEXPOSE \\\n\n80\n",
        good: "FROM alpine\nEXPOSE \\\n80\n",
        fix: "Delete the empty lines (or put a comment on them). The automatic fix deletes them."),
    rule!("ConsistentInstructionCasing", W, BuildKit, "All commands within the Dockerfile should use the same casing (either upper or lower)",
        what: "An instruction keyword is mixed case (`From`), or its case differs from the majority of the file.",
        why: "Consistent keyword casing makes a Dockerfile easier to scan; BuildKit compares every keyword with the majority case.",
        bad: "FROM alpine\nrun echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]\n",
        good: "FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]\n",
        fix: "Write the keyword in the majority case. The automatic fix rewrites the keyword."),
    rule!("DuplicateStageName", W, BuildKit, "Stage names should be unique",
        what: "Two stages have the same name (ignoring case).",
        why: "A `--from=` or `FROM` reference to the name can only resolve to one of them, so the other is silently unreachable by name.",
        bad: "FROM debian:latest AS builder\nRUN apt-get update\n\nFROM golang:latest AS builder\n",
        good: "FROM debian:latest AS deb-builder\nRUN apt-get update\n\nFROM golang:latest AS go-builder\n",
        fix: "Give every stage its own name."),
    rule!("ReservedStageName", W, BuildKit, "Reserved words should not be used as stage names",
        what: "A stage is named `scratch` or `context`.",
        why: "`scratch` is the empty base image and `context` the build context; a stage with these names shadows them and confuses every reference.",
        bad: "FROM alpine AS scratch\n",
        good: "FROM alpine AS builder\n",
        fix: "Rename the stage."),
    rule!("JSONArgsRecommended", W, BuildKit, "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
        what: "`CMD` or `ENTRYPOINT` uses the shell form while no `SHELL` was set.",
        why: "In shell form the program runs as a child of `/bin/sh -c`, which does not forward signals: `docker stop` waits for the timeout and then kills the container.",
        bad: "FROM alpine\nENTRYPOINT my-program start\n",
        good: "FROM alpine\nENTRYPOINT [\"my-program\", \"start\"]\n",
        fix: "Use the exec (JSON) form. The automatic fix rewrites a simple command (plain words, no shell syntax) into JSON form."),
    rule!("MaintainerDeprecated", W, BuildKit, "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
        what: "The file uses `MAINTAINER`.",
        why: "`MAINTAINER` is deprecated; the OCI label `org.opencontainers.image.authors` carries the same information and is what tools read.",
        bad: "FROM alpine\nMAINTAINER moby@example.com\n",
        good: "FROM alpine\nLABEL org.opencontainers.image.authors=\"moby@example.com\"\n",
        fix: "Replace it with a label. The automatic fix rewrites the instruction."),
    rule!("UndefinedArgInFrom", W, BuildKit, "FROM command must use declared ARGs",
        what: "A `FROM` image or `--platform` uses a variable that no global `ARG` (before the first `FROM`) declares.",
        why: "The variable expands to an empty string, so the base image is not the one intended, often because of a typo such as `$BULIDPLATFORM`.",
        bad: "FROM node:22${VARIANT} AS jsbuilder\n",
        good: "ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder\n",
        fix: "Declare the ARG before the first FROM, or fix the typo the message suggests."),
    rule!("WorkdirRelativePath", W, BuildKit, "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
        what: "The first `WORKDIR` of a stage (and of the stages it builds on) is a relative path.",
        why: "A relative `WORKDIR` is resolved against the base image's working directory, which can change upstream without notice.",
        bad: "FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n",
        good: "FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n",
        fix: "Use an absolute path."),
    rule!("UndefinedVar", W, BuildKit, "Variables should be defined before their use",
        what: "An instruction expanded by the builder (COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER, VOLUME, EXPOSE, STOPSIGNAL, RUN --mount) uses a variable that no ARG or ENV defines at that point.",
        why: "An undefined variable expands to an empty string, so paths and values silently change; it is often a typo.",
        bad: "FROM alpine AS base\nCOPY $foo .\n",
        good: "FROM alpine AS base\nARG foo\nCOPY $foo .\n",
        fix: "Declare the variable with ARG or ENV before its use, or fix the typo the message suggests."),
    rule!("MultipleInstructionsDisallowed", W, BuildKit, "Multiple instructions of the same type should not be used in the same stage",
        what: "A stage has more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`; the finding points at the one that is overridden.",
        why: "Only the last one takes effect, so the earlier one is dead code that misleads the reader.",
        bad: "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Norway!\"]\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]\n",
        good: "FROM alpine\nENTRYPOINT [\"echo\", \"Hello, Sweden!\"]\n",
        fix: "Delete the overridden instruction. The automatic fix deletes it."),
    rule!("LegacyKeyValueFormat", W, BuildKit, "Legacy key/value format with whitespace separator should not be used",
        what: "`ENV key value` or `LABEL key value` (space instead of `=`).",
        why: "The whitespace form is deprecated and ambiguous: everything after the key, spaces included, becomes the value.",
        bad: "FROM alpine\nENV foo bar\n",
        good: "FROM alpine\nENV foo=bar\n",
        fix: "Write `key=value`. The automatic fix rewrites single-line instructions, quoting the value when it contains spaces."),
    rule!("RedundantTargetPlatform", W, BuildKit, "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
        what: "`FROM --platform=$TARGETPLATFORM`.",
        why: "The target platform is already the default platform of every stage.",
        bad: "FROM --platform=$TARGETPLATFORM alpine AS builder\n",
        good: "FROM alpine AS builder\n",
        fix: "Remove the flag. The automatic fix removes it."),
    rule!("SecretsUsedInArgOrEnv", W, BuildKit, "Sensitive data should not be used in the ARG or ENV commands",
        what: "An `ARG` or `ENV` name looks like it holds a secret (password, token, secret, key, auth, credentials…).",
        why: "ARG and ENV values are stored in the image configuration and history, where anyone who can pull the image can read them.",
        bad: "FROM alpine\nARG AWS_SECRET_ACCESS_KEY\nRUN aws s3 cp s3://my-bucket/file .\n",
        good: "FROM alpine\nRUN --mount=type=secret,id=aws_key,env=AWS_SECRET_ACCESS_KEY \\\n    aws s3 cp s3://my-bucket/file .\n",
        fix: "Pass secrets with `RUN --mount=type=secret` and `docker build --secret`."),
    rule!("InvalidDefaultArgInFrom", W, BuildKit, "Default value for global ARG results in an empty or invalid base image name",
        what: "With only the default values of the global ARGs, a `FROM` image reference is empty or invalid.",
        why: "The build then only works when every `--build-arg` is passed; a plain `docker build` fails.",
        bad: "ARG TAG\nFROM busybox:${TAG}\n",
        good: "ARG TAG=latest\nFROM busybox:${TAG}\n",
        fix: "Give the ARG a default value, or use `${TAG:-latest}`."),
    rule!("FromPlatformFlagConstDisallowed", W, BuildKit, "FROM --platform flag should not use a constant value",
        what: "`FROM --platform=` has a constant value (such as `linux/amd64`) and the stage name does not mention that OS or architecture.",
        why: "A constant platform pins the stage to one platform and prevents multi-platform builds.",
        bad: "FROM --platform=linux/amd64 alpine AS base\n",
        good: "FROM --platform=$BUILDPLATFORM alpine AS base\n",
        fix: "Use `$BUILDPLATFORM` (or drop the flag and pass `--platform` on the command line), or name the stage after the platform."),
    rule!("CopyIgnoredFile", W, BuildKit, "Attempting to Copy file that is excluded by .dockerignore",
        what: "A `COPY` or `ADD` source from the build context matches a `.dockerignore` pattern (checked only when a `.dockerignore` is given and it has no `!` exceptions).",
        why: "Excluded files are not sent to the builder, so the copy fails or copies less than intended.",
        bad: "# .dockerignore: */tmp/*\nFROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt\n",
        good: "FROM scratch\nCOPY ./forever/helloworld.txt /helloworld.txt\n",
        fix: "Copy a file that is in the context, or stop excluding it in `.dockerignore`."),
    rule!("InvalidDefinitionDescription", W, BuildKit, "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.", experimental: true,
        what: "The comment right before a named `FROM` or an `ARG` does not start with the stage or argument name (experimental: enable with `# check=experimental=InvalidDefinitionDescription`).",
        why: "`docker build --call=outline` shows such comments as descriptions; a comment that is not one shows up as a wrong description.",
        bad: "# check=experimental=InvalidDefinitionDescription\n# a non-descriptive comment\nFROM scratch AS base\n",
        good: "# check=experimental=InvalidDefinitionDescription\n# base is a stage for compiling source\nFROM scratch AS base\n",
        fix: "Start the comment with the name, or separate it from the instruction with an empty comment line (`#`)."),
    rule!("ExposeProtoCasing", W, BuildKit, "Protocol in EXPOSE instruction should be lowercase",
        what: "An `EXPOSE` port has an upper-case protocol (`80/TCP`).",
        why: "Protocols are lower case by convention and in the image configuration.",
        bad: "FROM alpine\nEXPOSE 80/TcP\n",
        good: "FROM alpine\nEXPOSE 80/tcp\n",
        fix: "Lower-case the protocol. The automatic fix does it."),
    rule!("ExposeInvalidFormat", W, BuildKit, "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release",
        what: "An `EXPOSE` entry has an IP address or a host-port mapping (`127.0.0.1:80:80`, `80:80`).",
        why: "`EXPOSE` only documents container ports; mappings belong to `docker run -p`. This will become an error.",
        bad: "FROM alpine\nEXPOSE 127.0.0.1:80:80\n",
        good: "FROM alpine\nEXPOSE 80\n",
        fix: "Keep only the container port (and protocol). The automatic fix does it."),
    // ---- stagecraft rules ----
    rule!("UnnamedStageReference", W, Stagecraft, "A stage is referenced by its index instead of a name",
        what: "`COPY --from=0`: a `--from` that names a stage by its position in the file (`RUN --mount=from=` and `FROM` only accept names; a number there means an image).",
        why: "Inserting or removing a stage silently changes what a numeric reference points at; a name keeps working.",
        bad: "FROM golang:1.22\nWORKDIR /src\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=0 /app /app\n",
        good: "FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
        fix: "The automatic fix names the referenced stage (if it has no name) and rewrites every numeric reference to it."),
    rule!("CopyFromLaterStage", Severity::Error, Stagecraft, "COPY --from refers to a stage defined later in the file",
        what: "A `COPY --from=` or `RUN --mount=from=` names a stage that is defined after the current one.",
        why: "BuildKit refuses this (`cannot copy from stage …, it needs to be defined before current stage`).",
        bad: "FROM alpine AS app\nCOPY --from=build /out /app\n\nFROM golang:1.22 AS build\nRUN go build -o /out .\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /out .\n\nFROM alpine AS app\nCOPY --from=build /out /app\n",
        fix: "Move the referenced stage above the stage that copies from it."),
    rule!("StageCycle", Severity::Error, Stagecraft, "Stages depend on each other in a cycle",
        what: "Following `FROM <stage>`, `COPY --from` and `RUN --mount=from` edges leads back to the starting stage.",
        why: "BuildKit fails with `circular dependency detected on stage`.",
        bad: "FROM alpine AS a\nCOPY --from=b /x /x\n\nFROM alpine AS b\nCOPY --from=a /y /y\n",
        good: "FROM alpine AS a\nRUN touch /x\n\nFROM alpine AS b\nCOPY --from=a /x /x\n",
        fix: "Break the cycle: move the shared work into its own earlier stage."),
    rule!("UnusedStage", Severity::Info, Stagecraft, "A stage is not needed to build the target",
        what: "No path of `FROM`/`COPY --from`/`RUN --mount=from` edges leads to this stage from the target (with `--target`), or, without `--target`, from the last stage or any named stage that nothing depends on (an alternative target such as `test`).",
        why: "BuildKit skips it, so its instructions are dead code (or the target is not the one intended).",
        bad: "FROM alpine\nRUN apk add --no-cache git\n\nFROM alpine\nCOPY app /app\n",
        good: "FROM alpine\nCOPY app /app\n",
        fix: "Delete the stage, or reference it from the target, or build it with `--target`."),
    rule!("BuildToolsInFinalImage", W, Stagecraft, "Compilers, headers or package managers reach the final image",
        what: "The final stage contains build tools (gcc, make, the Go or Rust toolchain, -dev headers, build-essential…), installed in it or inherited from its base image.",
        why: "Build tools are not needed at run time: they make the image larger and widen its attack surface.",
        bad: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
        good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
        fix: "Build in a builder stage and copy only the artifacts into a small runtime stage."),
    rule!("CopyWholeBuildDirectory", W, Stagecraft, "COPY --from copies a whole build directory",
        what: "`COPY --from=<stage>` copies a directory that holds sources or intermediates (the WORKDIR, `/src`, `/app`, `.`), not just the built artifacts.",
        why: "Sources, object files and caches follow the artifact into the final image and undo most of the multi-stage saving.",
        bad: "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM nginx:alpine\nCOPY --from=build /app /usr/share/nginx/html\n",
        good: "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
        fix: "Copy only the artifacts the help names (the build output directory or binary)."),
    rule!("DeletionInLaterLayer", W, Stagecraft, "Deleting files in a later layer does not make the image smaller",
        what: "A `RUN rm` removes files that an earlier layer of the same stage created.",
        why: "Layers are additive: the files stay in the earlier layer and are only hidden, so the image is as large as before.",
        bad: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
        fix: "Delete in the same RUN that creates the files, or build in another stage and copy only what is needed."),
    rule!("PackageCacheInImage", W, Stagecraft, "A package manager's cache is left in the image",
        what: "A RUN leaves apt lists, apk, pip, npm, yarn, go or cargo caches in its layer.",
        why: "Caches are only needed during the build; left in a layer they add tens to hundreds of MB.",
        bad: "FROM python:3.12-slim\nRUN pip install flask\n",
        good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
        fix: "Use the cache-less option (`--no-cache-dir`, `apk add --no-cache`, `rm -rf /var/lib/apt/lists/*` in the same RUN) or a cache mount. The automatic fix adds the option where it is mechanical."),
    rule!("FatRuntimeBase", W, Stagecraft, "The final stage uses a full, build-oriented base image",
        what: "The final stage is based on a full image such as `python:3.12`, `node:20` or `golang:1.22` that carries compilers and build libraries.",
        why: "The full images are several times larger than their -slim, -alpine or distroless counterparts.",
        bad: "FROM python:3.12\nCOPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n",
        good: "FROM python:3.12-slim\nCOPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n",
        fix: "Use the -slim or -alpine variant, a distroless image or scratch for static binaries; build in a separate stage if you need the tools."),
    rule!("DevelImageAtRuntime", W, Stagecraft, "The final stage uses a CUDA -devel image",
        what: "The final stage is based on a CUDA `-devel` (or `-cudnn-devel`) image.",
        why: "The devel images add the CUDA compilers and headers, several GB that a runtime image does not need.",
        bad: "FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04\nCOPY app /app\nCMD [\"/app\"]\n",
        good: "FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04 AS build\nRUN make\n\nFROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\nCOPY --from=build /src/app /app\nCMD [\"/app\"]\n",
        fix: "Use the matching `-runtime` image in the final stage. The automatic fix rewrites the tag."),
    rule!("DevDependenciesInFinalImage", W, Stagecraft, "Development dependencies are installed in the final image",
        what: "The final stage installs development dependencies (`npm install`/`npm ci` without `--omit=dev`, `pip install -r requirements-dev.txt`, `poetry install` with dev groups…).",
        why: "Test runners, linters and type checkers are not needed at run time and can double the size of node_modules or site-packages.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD [\"node\", \"server.js\"]\n",
        fix: "Install production dependencies only (`npm ci --omit=dev`). The automatic fix adds the option to npm."),
    rule!("SecretInFinalImage", W, Stagecraft, "A secret file reaches the final image",
        what: "The final image contains a file that looks like a secret (`.env`, `id_rsa`, `.npmrc`, `.pypirc`, credentials files, private keys), copied or created by a build step.",
        why: "Anyone who can pull the image can read every layer, including files deleted later.",
        bad: "FROM node:20-slim\nCOPY .npmrc /root/.npmrc\nRUN npm ci\n",
        good: "FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
        fix: "Use `RUN --mount=type=secret` for credentials, and keep secret files out of the context with `.dockerignore`."),
    rule!("CopyUpByChmod", W, Stagecraft, "chmod/chown in a later layer duplicates the files",
        what: "A `RUN chmod`/`chown` changes files that an earlier layer of the same stage created or copied.",
        why: "Changing metadata copies every affected file into the new layer, so they are stored twice.",
        bad: "FROM alpine\nCOPY app /app\nRUN chmod -R 755 /app\n",
        good: "FROM alpine\nCOPY --chmod=755 app /app\n",
        fix: "Set ownership and mode while copying (`COPY --chown= --chmod=`) or in the RUN that creates the files."),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_matches_docker_urls() {
        assert_eq!(kebab("JSONArgsRecommended"), "json-args-recommended");
        assert_eq!(kebab("StageNameCasing"), "stage-name-casing");
        assert_eq!(
            kebab("FromPlatformFlagConstDisallowed"),
            "from-platform-flag-const-disallowed"
        );
        assert_eq!(kebab("UndefinedArgInFrom"), "undefined-arg-in-from");
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<&str> = all().iter().map(|r| r.code).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }
}
