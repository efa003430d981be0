//! The RUN command recogniser: a pure function from a shell script (BuildKit's joined shell-form
//! string, or an exec-form argv) to the effects it has on the image that we can name.
//!
//! The script is split into simple commands on `&&`, `||`, `;`, `|`, `&`, newlines and subshells;
//! `sh -c '…'` / `bash -c "…"` are recognised recursively; `cd` and `export`/assignments are
//! tracked so that later relative paths and `$VAR`s resolve. Every simple command yields zero or
//! more [`Effect`]s; a command we do not know yields [`Effect::Unknown`], which the user sees.
//!
//! Not a shell: no functions, no loops' bodies repeated, no globbing against a file system. It
//! never panics and runs in time linear in the script (nested `sh -c` is bounded in depth).

mod commands;
mod expand;
mod lex;

use std::collections::BTreeMap;

use serde::Serialize;
use stagecraft_syntax::TextRange;

use expand::{expand, Field, Vars};
use lex::{lex, Op, Redir, Tok};

/// Which Python installer ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PyInstaller {
    /// `pip`, `pip3`, `python -m pip`, `/venv/bin/pip`.
    Pip,
    /// `uv pip install`.
    Uv,
}

/// Which Node package manager ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeTool {
    /// npm
    Npm,
    /// yarn (classic or berry)
    Yarn,
    /// pnpm
    Pnpm,
}

/// Where a package manager keeps a cache that may end up in a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheKind {
    /// `/var/lib/apt/lists` (package indexes written by `apt-get update`).
    AptLists,
    /// `/var/cache/apt` (downloaded .debs, `pkgcache.bin`).
    Apt,
    /// `/var/cache/apk`.
    Apk,
    /// `~/.cache/pip`.
    Pip,
    /// `~/.cache/uv`.
    Uv,
    /// `~/.cache/pypoetry`.
    Poetry,
    /// `~/.npm`.
    Npm,
    /// yarn's cache (`/usr/local/share/.cache/yarn` for root).
    Yarn,
    /// pnpm's store.
    Pnpm,
    /// Go module cache (`$GOPATH/pkg/mod`).
    GoMod,
    /// Go build cache (`~/.cache/go-build`).
    GoBuild,
    /// Cargo registry (`$CARGO_HOME/registry`).
    Cargo,
    /// conda's package cache (`/opt/conda/pkgs`).
    Conda,
}

/// What a download writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum DownloadOutput {
    /// A file at this path.
    File {
        /// Absolute path when known.
        path: String,
    },
    /// Into this directory under the URL's file name (`wget -P`).
    Dir {
        /// Directory.
        path: String,
    },
    /// To standard output (nothing lands in the image unless redirected).
    Stdout,
    /// Piped into another command (`| tar x`, `| sh`).
    Piped {
        /// The receiving command's name.
        into: String,
    },
}

/// Which CMake step ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CmakeStep {
    /// `cmake -S . -B build` / `cmake ..`
    Configure,
    /// `cmake --build`
    Build,
    /// `cmake --install`
    Install,
}

/// One recognised effect of a command on the image being built. Paths are absolute when the
/// recogniser could resolve them against the working directory; globs are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// `apt-get update` / `apt update`: writes package lists to `/var/lib/apt/lists`.
    AptUpdate,
    /// `apt-get install` / `apt install` / `dpkg -i`.
    AptInstall {
        /// Package names (versions, architectures and release suffixes stripped).
        packages: Vec<String>,
        /// Arguments only known at build time (`$(cat pkgs)`, unknown `$VAR`).
        unresolved: Vec<String>,
        /// `--no-install-recommends` or `-o APT::Install-Recommends=false`.
        no_recommends: bool,
        /// Local `.deb` files installed (`apt-get install ./x.deb`, `dpkg -i`).
        local_debs: Vec<String>,
    },
    /// `apt-get remove/purge`.
    AptRemove {
        /// Packages removed.
        packages: Vec<String>,
        /// `purge` rather than `remove`.
        purge: bool,
    },
    /// `apt-get autoremove`.
    AptAutoremove {
        /// `--purge`.
        purge: bool,
    },
    /// `apt-get clean` / `apt-get autoclean`.
    AptClean,
    /// `apk update`.
    ApkUpdate,
    /// `apk add`.
    ApkAdd {
        /// Package names.
        packages: Vec<String>,
        /// Build-time-only arguments.
        unresolved: Vec<String>,
        /// `--no-cache`: no index or package cache stays behind.
        no_cache: bool,
        /// `--update` / `-U`: fetch the index first.
        update: bool,
        /// `--virtual NAME` / `-t NAME`.
        virtual_name: Option<String>,
    },
    /// `apk del`.
    ApkDel {
        /// Packages or virtual names removed.
        packages: Vec<String>,
    },
    /// `pip install`, `python -m pip install`, `uv pip install`.
    PipInstall {
        /// Which installer.
        installer: PyInstaller,
        /// The installer as invoked (`pip`, `/opt/venv/bin/pip`, `python3 -m pip`).
        invoked_as: String,
        /// Requirement specifiers given on the command line (`flask==3.0`, `uvicorn[standard]`).
        packages: Vec<String>,
        /// Requirement files (`-r`), absolute.
        requirements: Vec<String>,
        /// Editable installs (`-e .`), absolute.
        editable: Vec<String>,
        /// Local paths, wheels and archives installed (`.`, `./dist/*.whl`).
        local: Vec<String>,
        /// Build-time-only arguments.
        unresolved: Vec<String>,
        /// `--no-cache-dir` / `--no-cache` / `PIP_NO_CACHE_DIR` / `UV_NO_CACHE`.
        no_cache: bool,
        /// `--user`.
        user: bool,
        /// `--target DIR`.
        target: Option<String>,
        /// `--prefix DIR`.
        prefix: Option<String>,
        /// `--index-url URL` (e.g. the PyTorch CPU index).
        index_url: Option<String>,
        /// `--no-deps`.
        no_deps: bool,
        /// `-U` / `--upgrade`: named packages already installed are installed again (their
        /// new files land in this layer; the old ones stay below as whiteouts).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        upgrade: bool,
    },
    /// `python -m venv DIR`, `virtualenv DIR`, `uv venv DIR`.
    Venv {
        /// The environment's directory.
        path: String,
    },
    /// `uv sync`.
    UvSync {
        /// `--no-dev`.
        no_dev: bool,
        /// `--no-install-project`.
        no_install_project: bool,
        /// `--no-cache` / `UV_NO_CACHE`.
        no_cache: bool,
        /// The project directory.
        dir: String,
    },
    /// `poetry install`.
    PoetryInstall {
        /// `--no-dev`, `--only main`, `--without dev`.
        no_dev: bool,
        /// `--no-root`.
        no_root: bool,
        /// The project directory.
        dir: String,
        /// `POETRY_VIRTUALENVS_IN_PROJECT` is true: the venv is `<dir>/.venv`.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        in_project: bool,
    },
    /// `npm install/ci`, `yarn [install]`, `pnpm install`, and `add` forms.
    NodeInstall {
        /// Which manager.
        tool: NodeTool,
        /// `npm ci`, `--frozen-lockfile`, `--immutable`.
        frozen: bool,
        /// `--omit=dev`, `--production`, `--prod`, or `NODE_ENV=production`.
        production: bool,
        /// `-g` / `--global` / `yarn global add`.
        global: bool,
        /// Packages named on the command line (empty: the project's manifest).
        packages: Vec<String>,
        /// The project directory (`node_modules` lands here).
        dir: String,
    },
    /// `npm run X`, `yarn build`, `pnpm run X`: a project script (often a build).
    NodeRun {
        /// Which manager.
        tool: NodeTool,
        /// The script name.
        script: String,
        /// The project directory.
        dir: String,
    },
    /// `npm prune --production`.
    NodePrune {
        /// Which manager.
        tool: NodeTool,
        /// The project directory.
        dir: String,
    },
    /// `go build`.
    GoBuild {
        /// `-o` output, absolute (a directory when it ends with `/`).
        output: Option<String>,
        /// Packages built (`.`, `./cmd/app`, `./...`).
        packages: Vec<String>,
        /// `-ldflags` contains `-s` or `-w` (no symbol table / DWARF).
        stripped: bool,
        /// `CGO_ENABLED` when set.
        cgo: Option<bool>,
        /// The module directory.
        dir: String,
    },
    /// `go install pkg@version`.
    GoInstall {
        /// Packages.
        packages: Vec<String>,
    },
    /// `go mod download` / `go mod tidy` / `go get`.
    GoModDownload {
        /// The module directory.
        dir: String,
    },
    /// `cargo build`, `cargo chef cook`.
    CargoBuild {
        /// `--release` / `-r`.
        release: bool,
        /// `--target TRIPLE`.
        target: Option<String>,
        /// `cargo chef cook` (dependencies only).
        deps_only: bool,
        /// The crate directory.
        dir: String,
        /// `--target-dir` or `<dir>/target`.
        target_dir: String,
    },
    /// `cargo install`.
    CargoInstall {
        /// Crates named (empty with `--path`).
        crates: Vec<String>,
        /// `--path DIR`.
        path: Option<String>,
        /// `--root DIR`.
        root: Option<String>,
    },
    /// `cargo fetch`.
    CargoFetch {
        /// The crate directory.
        dir: String,
    },
    /// `make [targets]`.
    Make {
        /// Targets (empty: the default target).
        targets: Vec<String>,
        /// Directory make runs in (`-C`).
        dir: String,
    },
    /// `./configure`.
    Configure {
        /// `--prefix`.
        prefix: Option<String>,
        /// Directory.
        dir: String,
    },
    /// `cmake`.
    Cmake {
        /// Step.
        step: CmakeStep,
        /// Build directory when given.
        build_dir: Option<String>,
    },
    /// `gcc`/`g++`/`cc`/`clang` compile or link.
    Compile {
        /// The compiler.
        compiler: String,
        /// `-o` output (absolute) or the default `a.out`.
        output: Option<String>,
        /// Source files.
        sources: Vec<String>,
    },
    /// `curl`/`wget`.
    Download {
        /// `curl` or `wget` (or `ADD`'s fetcher).
        tool: String,
        /// URLs.
        urls: Vec<String>,
        /// Where the bytes go.
        output: DownloadOutput,
    },
    /// `tar -x`, `unzip`, `gunzip`.
    Extract {
        /// `tar`, `unzip`, `gunzip`.
        tool: String,
        /// Archive path (`None`: standard input, e.g. `curl … | tar x`).
        archive: Option<String>,
        /// Destination directory.
        dest: String,
    },
    /// `tar -c`, `zip`, `gzip`: creates an archive.
    Archive {
        /// The tool.
        tool: String,
        /// Output file when known.
        output: Option<String>,
    },
    /// `rm`.
    Remove {
        /// Paths (globs kept).
        paths: Vec<String>,
        /// `-r` / `-R`.
        recursive: bool,
    },
    /// `mv`.
    Move {
        /// Sources.
        sources: Vec<String>,
        /// Destination.
        dest: String,
    },
    /// `cp`, `install`.
    CopyFiles {
        /// Sources.
        sources: Vec<String>,
        /// Destination.
        dest: String,
        /// `-r` / `-R` / `-a`.
        recursive: bool,
    },
    /// `mkdir`.
    Mkdir {
        /// Directories.
        paths: Vec<String>,
    },
    /// `touch`.
    Touch {
        /// Files.
        paths: Vec<String>,
    },
    /// `chmod`.
    Chmod {
        /// Mode as written.
        mode: String,
        /// Paths.
        paths: Vec<String>,
        /// `-R`.
        recursive: bool,
    },
    /// `chown` / `chgrp`.
    Chown {
        /// Owner as written.
        owner: String,
        /// Paths.
        paths: Vec<String>,
        /// `-R`.
        recursive: bool,
    },
    /// `ln`.
    Link {
        /// What the link points to.
        target: String,
        /// The link created.
        link: String,
        /// `-s`.
        symbolic: bool,
    },
    /// Output redirected into a file (`echo … > /etc/x`, `cat <<EOF > f`).
    WriteFile {
        /// The file.
        path: String,
        /// `>>`.
        append: bool,
    },
    /// In-place edits (`sed -i`): the files are copied up into this layer.
    EditFile {
        /// Files edited.
        paths: Vec<String>,
    },
    /// `useradd`, `adduser`.
    UserAdd {
        /// User name.
        name: Option<String>,
        /// Home directory when created.
        home: Option<String>,
        /// Home directory is created (`-m`, Debian `adduser`, busybox `adduser` without `-H`).
        create_home: bool,
        /// `-r` / `--system` / `-S`.
        system: bool,
    },
    /// `groupadd`, `addgroup`.
    GroupAdd {
        /// Group name.
        name: Option<String>,
    },
    /// `conda/mamba/micromamba install` or `create`.
    CondaInstall {
        /// The tool.
        tool: String,
        /// Packages.
        packages: Vec<String>,
        /// `-n NAME` / `-p PREFIX`.
        env: Option<String>,
        /// `env create -f FILE` / `install --file`.
        files: Vec<String>,
    },
    /// A package manager's cache is cleaned (`conda clean`, `npm cache clean`, `pip cache purge`).
    CacheClean {
        /// Which cache.
        cache: CacheKind,
    },
    /// `git clone`.
    GitClone {
        /// Repository.
        url: String,
        /// Checkout directory.
        dest: String,
        /// `--depth N`.
        depth: Option<u32>,
    },
    /// `cd DIR`: later relative paths resolve against it.
    Cd {
        /// New working directory.
        dir: String,
    },
    /// `export X=y` / `X=y`: later `$X` expand to it (not persisted across RUN).
    SetVar {
        /// Name.
        name: String,
        /// Value (text after expansion).
        value: String,
    },
    /// A command with no effect on the file system worth tracking (`echo`, `set -ex`, `true`).
    Benign {
        /// The command name.
        command: String,
    },
    /// A command we could not recognise; its effect on the image is unknown.
    Unknown {
        /// The command as written.
        command: String,
    },
}

/// One recognised effect and the simple command it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recognised {
    /// The effect.
    pub effect: Effect,
    /// The simple command's text as written in the script.
    pub text: String,
    /// Byte range of the simple command in the script (for exec form and nested `sh -c`
    /// scripts: the range of the whole enclosing command).
    pub range: TextRange,
}

/// What the recogniser knows about the environment the command runs in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShellContext {
    /// Working directory (`WORKDIR`), absolute; empty means `/`.
    pub cwd: String,
    /// The user's home directory for `~` (default `/root`).
    pub home: String,
    /// Variables visible to the command (ENV and ARG values of the stage).
    pub vars: BTreeMap<String, String>,
}

/// Nested `sh -c` depth limit: keeps the work linear even for adversarial input.
const MAX_DEPTH: u32 = 6;

/// Recognise a shell-form script.
pub fn recognise_shell(script: &str, ctx: &ShellContext) -> Vec<Recognised> {
    let mut st = State::new(ctx);
    st.run_script(script, None, 0);
    st.out
}

/// Recognise an exec-form command (`RUN ["apt-get", "install", "-y", "curl"]`). No shell runs,
/// so nothing is expanded (but `["sh", "-c", "…"]` is recognised as a script).
pub fn recognise_exec(argv: &[String], ctx: &ShellContext) -> Vec<Recognised> {
    let mut st = State::new(ctx);
    let fields: Vec<Field> = argv
        .iter()
        .map(|a| Field {
            text: a.clone(),
            dynamic: false,
            glob: false,
        })
        .collect();
    let text = argv.join(" ");
    let range = TextRange::new(0, u32::try_from(text.len()).unwrap_or(u32::MAX));
    let cmd = Cmd {
        fields,
        redirs: Vec::new(),
        text,
        range,
        pipe_in: false,
        pipe_out: false,
        local: BTreeMap::new(),
    };
    st.recognise_cmd(&cmd, 0);
    st.out
}

/// A simple command after expansion.
#[derive(Debug)]
pub(crate) struct Cmd {
    pub fields: Vec<Field>,
    pub redirs: Vec<(Redir, String)>,
    pub text: String,
    pub range: TextRange,
    pub pipe_in: bool,
    pub pipe_out: bool,
    /// Assignments prefixed to this command only (`DEBIAN_FRONTEND=noninteractive apt-get …`).
    pub local: BTreeMap<String, String>,
}

pub(crate) struct State {
    pub cwd: String,
    pub home: String,
    pub vars: BTreeMap<String, String>,
    pub out: Vec<Recognised>,
    /// Index in `out` of a download writing to stdout in the previous pipeline element.
    pending_pipe_download: Option<usize>,
}

struct VarView<'a> {
    local: &'a BTreeMap<String, String>,
    vars: &'a BTreeMap<String, String>,
}

impl Vars for VarView<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.local
            .get(name)
            .or_else(|| self.vars.get(name))
            .map(String::as_str)
    }
}

fn is_assignment(raw: &str) -> Option<(&str, &str)> {
    let eq = raw.find('=')?;
    let name = raw.get(..eq)?;
    let bytes = name.as_bytes();
    if bytes.is_empty()
        || !(bytes[0].is_ascii_alphabetic() || bytes[0] == b'_')
        || !bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        return None;
    }
    Some((name, raw.get(eq + 1..)?))
}

/// Joins `path` onto `cwd` and normalises `.` and `..`; absolute paths are only normalised.
pub(crate) fn resolve(cwd: &str, path: &str) -> String {
    // Segments of `cwd` (unless `path` is absolute) then of `path`, without joining them first.
    let base = if path.starts_with('/') { "" } else { cwd };
    // As if joined to `cwd/path`: a trailing slash stays unless the whole path is `/`.
    let trailing = if path.is_empty() {
        !cwd.trim_end_matches('/').is_empty()
    } else {
        path.ends_with('/') && path != "/"
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in base.split('/').chain(path.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut s = String::with_capacity(base.len() + path.len() + 1);
    for p in &parts {
        s.push('/');
        s.push_str(p);
    }
    if s.is_empty() || trailing {
        s.push('/');
    }
    s
}

impl State {
    fn new(ctx: &ShellContext) -> Self {
        Self {
            cwd: if ctx.cwd.is_empty() {
                "/".to_string()
            } else {
                ctx.cwd.clone()
            },
            home: if ctx.home.is_empty() {
                "/root".to_string()
            } else {
                ctx.home.clone()
            },
            vars: ctx.vars.clone(),
            out: Vec::new(),
            pending_pipe_download: None,
        }
    }

    /// Recognises a script. `outer` is the range of an enclosing `sh -c` command: nested effects
    /// point at it because the inner script's offsets are not offsets of the RUN text.
    fn run_script(&mut self, script: &str, outer: Option<TextRange>, depth: u32) {
        let toks = lex(script);
        let mut cwd_stack: Vec<String> = Vec::new();
        let mut words: Vec<(&str, u32, u32)> = Vec::new();
        let mut redirs: Vec<(Redir, Option<&str>)> = Vec::new();
        let mut start: Option<u32> = None;
        let mut end = 0u32;
        let mut pipe_in = false;
        let mut expect_target = false;
        let flush = |st: &mut State,
                     words: &mut Vec<(&str, u32, u32)>,
                     redirs: &mut Vec<(Redir, Option<&str>)>,
                     start: &mut Option<u32>,
                     end: u32,
                     pipe_in: bool,
                     pipe_out: bool| {
            if let Some(s) = start.take() {
                st.finish_cmd(
                    script, words, redirs, s, end, pipe_in, pipe_out, outer, depth,
                );
            }
            words.clear();
            redirs.clear();
        };
        for tok in toks {
            match tok {
                Tok::Word {
                    raw,
                    start: s,
                    end: e,
                } => {
                    if expect_target {
                        if let Some(last) = redirs.last_mut() {
                            last.1 = Some(raw);
                        }
                        expect_target = false;
                    } else {
                        words.push((raw, s, e));
                    }
                    start.get_or_insert(s);
                    end = e;
                }
                Tok::Redir { redir, start: s } => {
                    redirs.push((redir, None));
                    expect_target = true;
                    start.get_or_insert(s);
                    end = s + 1;
                }
                Tok::Op { op, .. } => {
                    expect_target = false;
                    if op == Op::RParen && cwd_stack.is_empty() {
                        // `pattern)` of a `case` arm: not a command.
                        words.clear();
                        redirs.clear();
                        start = None;
                        continue;
                    }
                    let pipe_out = op == Op::Pipe;
                    flush(
                        self,
                        &mut words,
                        &mut redirs,
                        &mut start,
                        end,
                        pipe_in,
                        pipe_out,
                    );
                    pipe_in = pipe_out;
                    if !pipe_out {
                        self.pending_pipe_download = None;
                    }
                    match op {
                        Op::LParen => cwd_stack.push(self.cwd.clone()),
                        Op::RParen => {
                            if let Some(c) = cwd_stack.pop() {
                                self.cwd = c;
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        flush(
            self,
            &mut words,
            &mut redirs,
            &mut start,
            end,
            pipe_in,
            false,
        );
        self.pending_pipe_download = None;
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_cmd(
        &mut self,
        script: &str,
        words: &[(&str, u32, u32)],
        redirs: &[(Redir, Option<&str>)],
        start: u32,
        end: u32,
        pipe_in: bool,
        pipe_out: bool,
        outer: Option<TextRange>,
        depth: u32,
    ) {
        let mut local = BTreeMap::new();
        let mut first_cmd = 0;
        for (raw, _, _) in words {
            match is_assignment(raw) {
                Some((name, value)) => {
                    let view = VarView {
                        local: &local,
                        vars: &self.vars,
                    };
                    let v = join_fields(&expand(value, &view, &self.home));
                    local.insert(name.to_string(), v);
                    first_cmd += 1;
                }
                None => break,
            }
        }
        let text = script
            .get(start as usize..end as usize)
            .unwrap_or("")
            .trim()
            .to_string();
        let range = outer.unwrap_or(TextRange::new(start, end));
        if first_cmd == words.len() && redirs.is_empty() {
            // Plain assignments: they persist for the rest of the script.
            for (name, value) in local {
                self.push(
                    Effect::SetVar {
                        name: name.clone(),
                        value: value.clone(),
                    },
                    &text,
                    range,
                );
                self.vars.insert(name, value);
            }
            return;
        }
        let view = VarView {
            local: &local,
            vars: &self.vars,
        };
        let mut fields = Vec::new();
        for (raw, _, _) in words.get(first_cmd..).unwrap_or(&[]) {
            expand::expand_into(raw, &view, &self.home, &mut fields);
        }
        let redirs: Vec<(Redir, String)> = redirs
            .iter()
            .map(|(r, t)| {
                (
                    *r,
                    t.map(|t| join_fields(&expand(t, &view, &self.home)))
                        .unwrap_or_default(),
                )
            })
            .collect();
        let cmd = Cmd {
            fields,
            redirs,
            text,
            range,
            pipe_in,
            pipe_out,
            local,
        };
        self.recognise_cmd(&cmd, depth);
    }

    pub(crate) fn push(&mut self, effect: Effect, text: &str, range: TextRange) {
        self.out.push(Recognised {
            effect,
            text: text.to_string(),
            range,
        });
    }

    /// Recognises one expanded simple command, including its output redirections.
    fn recognise_cmd(&mut self, cmd: &Cmd, depth: u32) {
        let before = self.out.len();
        if cmd.pipe_in {
            // A download feeding this command: record where its bytes went.
            if let (Some(idx), Some(name)) = (
                self.pending_pipe_download.take(),
                cmd.fields.first().map(|f| basename(&f.text).to_string()),
            ) {
                if let Some(Recognised {
                    effect: Effect::Download { output, .. },
                    ..
                }) = self.out.get_mut(idx)
                {
                    *output = DownloadOutput::Piped { into: name };
                }
            }
        }
        commands::recognise(self, cmd, depth);
        for (redir, target) in &cmd.redirs {
            let append = match redir {
                Redir::Out | Redir::OutOther => false,
                Redir::Append => true,
                _ => continue,
            };
            if target.is_empty() || target.starts_with("/dev/") {
                continue;
            }
            let path = resolve(&self.cwd, target);
            // A download redirected to a file lands there.
            let mut handled = false;
            if *redir != Redir::OutOther {
                for r in self.out.get_mut(before..).into_iter().flatten() {
                    if let Effect::Download { output, .. } = &mut r.effect {
                        if *output == DownloadOutput::Stdout {
                            *output = DownloadOutput::File { path: path.clone() };
                            handled = true;
                        }
                    }
                }
            }
            if !handled {
                self.push(Effect::WriteFile { path, append }, &cmd.text, cmd.range);
            }
        }
        if cmd.pipe_out {
            let idx = self.out.len().checked_sub(1).filter(|&i| i >= before);
            self.pending_pipe_download = idx.filter(|&i| {
                matches!(
                    self.out.get(i).map(|r| &r.effect),
                    Some(Effect::Download {
                        output: DownloadOutput::Stdout,
                        ..
                    })
                )
            });
        }
    }

    /// `sh -c SCRIPT`: recognise the script, nested.
    pub(crate) fn nested_script(&mut self, script: &str, cmd: &Cmd, depth: u32) {
        if depth >= MAX_DEPTH {
            self.push(
                Effect::Unknown {
                    command: cmd.text.clone(),
                },
                &cmd.text,
                cmd.range,
            );
            return;
        }
        let saved_cwd = self.cwd.clone();
        let saved_vars = self.vars.clone();
        let saved_pipe = self.pending_pipe_download.take();
        self.run_script(script, Some(cmd.range), depth + 1);
        self.cwd = saved_cwd;
        self.vars = saved_vars;
        self.pending_pipe_download = saved_pipe;
    }
}

fn join_fields(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last path component (`/usr/bin/apt-get` → `apt-get`).
pub(crate) fn basename(s: &str) -> &str {
    s.trim_end_matches('/').rsplit('/').next().unwrap_or(s)
}

#[cfg(test)]
mod tests;
