//! Recognition of individual commands: option parsing and the mapping to [`Effect`]s.

use std::collections::BTreeMap;

use super::expand::Field;
use super::{
    basename, resolve, CacheKind, CmakeStep, Cmd, DownloadOutput, Effect, NodeTool, PyInstaller,
    State,
};

/// Parsed options and operands of one command.
struct Parsed<'a> {
    /// `(name, value)`: short options by their letter, long ones without dashes.
    opts: Vec<(String, Option<String>)>,
    /// Operands in order.
    pos: Vec<&'a Field>,
}

impl Parsed<'_> {
    fn has(&self, names: &[&str]) -> bool {
        self.opts.iter().any(|(n, _)| names.contains(&n.as_str()))
    }
    fn value(&self, names: &[&str]) -> Option<&str> {
        self.opts
            .iter()
            .rev()
            .find(|(n, v)| names.contains(&n.as_str()) && v.is_some())
            .and_then(|(_, v)| v.as_deref())
    }
    fn values(&self, names: &[&str]) -> Vec<&str> {
        self.opts
            .iter()
            .filter(|(n, _)| names.contains(&n.as_str()))
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }
    fn pos_text(&self, i: usize) -> Option<&str> {
        self.pos.get(i).map(|f| f.text.as_str())
    }
}

/// getopt-style parsing: `short_val` lists the short options that take a value, `long_val` the
/// long ones. Unknown options are kept as flags; `--` ends the options.
fn parse<'a>(args: &'a [Field], short_val: &str, long_val: &[&str]) -> Parsed<'a> {
    let mut opts = Vec::new();
    let mut pos = Vec::new();
    let mut i = 0;
    let mut only_pos = false;
    while i < args.len() {
        let f = &args[i];
        let a = f.text.as_str();
        i += 1;
        if only_pos || f.dynamic && !a.starts_with('-') {
            pos.push(f);
            continue;
        }
        if a == "--" {
            only_pos = true;
        } else if let Some(long) = a.strip_prefix("--") {
            match long.split_once('=') {
                Some((n, v)) => opts.push((n.to_string(), Some(v.to_string()))),
                None if long_val.contains(&long) => {
                    let v = args.get(i).map(|f| f.text.clone());
                    i += 1;
                    opts.push((long.to_string(), v));
                }
                None => opts.push((long.to_string(), None)),
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let cluster = a.get(1..).unwrap_or("");
            for (k, c) in cluster.char_indices() {
                if short_val.contains(c) {
                    let rest = cluster.get(k + c.len_utf8()..).unwrap_or("");
                    let v = if rest.is_empty() {
                        let v = args.get(i).map(|f| f.text.clone());
                        i += 1;
                        v
                    } else {
                        Some(rest.to_string())
                    };
                    opts.push((c.to_string(), v));
                    break;
                }
                opts.push((c.to_string(), None));
            }
        } else {
            pos.push(f);
        }
    }
    Parsed { opts, pos }
}

/// The command being recognised with its prefix-local variables.
struct Cx<'c> {
    cmd: &'c Cmd,
    args: &'c [Field],
    local: BTreeMap<String, String>,
}

impl Cx<'_> {
    fn var<'s>(&'s self, st: &'s State, name: &str) -> Option<&'s str> {
        self.local
            .get(name)
            .or_else(|| self.cmd.local.get(name))
            .or_else(|| st.vars.get(name))
            .map(String::as_str)
    }
    fn rest(&self) -> &[Field] {
        self.args.get(1..).unwrap_or(&[])
    }
}

fn emit(st: &mut State, cx: &Cx<'_>, effect: Effect) {
    st.push(effect, &cx.cmd.text, cx.cmd.range);
}

/// `useradd` and `adduser` differ only in their flags: the home directory is the given one
/// or `/home/NAME` when one is created.
fn user_add(
    st: &mut State,
    cx: &Cx<'_>,
    p: &Parsed<'_>,
    name: Option<String>,
    create_home: bool,
    home_flags: &[&str],
    system_flags: &[&str],
) {
    let home = create_home.then(|| {
        p.value(home_flags)
            .map(str::to_string)
            .unwrap_or_else(|| format!("/home/{}", name.as_deref().unwrap_or("user")))
    });
    let system = p.has(system_flags);
    emit(
        st,
        cx,
        Effect::UserAdd {
            name,
            home,
            create_home,
            system,
        },
    );
}

fn unknown(st: &mut State, cx: &Cx<'_>) {
    let command = cx.cmd.text.clone();
    emit(st, cx, Effect::Unknown { command });
}

fn benign(st: &mut State, cx: &Cx<'_>, name: &str) {
    emit(
        st,
        cx,
        Effect::Benign {
            command: name.to_string(),
        },
    );
}

fn truthy(v: Option<&str>) -> bool {
    v.is_some_and(|v| {
        !v.is_empty()
            && !matches!(
                v.to_ascii_lowercase().as_str(),
                "0" | "false" | "no" | "off"
            )
    })
}

fn is_versioned(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|r| r.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// Entry point: strips prefixes (`sudo`, `env`, `time`, shell keywords) and dispatches.
pub(crate) fn recognise(st: &mut State, cmd: &Cmd, depth: u32) {
    let mut args: &[Field] = &cmd.fields;
    let mut local = BTreeMap::new();
    loop {
        let Some(first) = args.first() else {
            return;
        };
        let name = first.text.as_str();
        match name {
            "sudo" | "doas" => {
                let mut i = 1;
                while let Some(a) = args.get(i) {
                    if !a.text.starts_with('-') {
                        break;
                    }
                    i += if matches!(a.text.as_str(), "-u" | "-g" | "-U" | "-C" | "-p" | "-h") {
                        2
                    } else {
                        1
                    };
                }
                args = args.get(i..).unwrap_or(&[]);
            }
            "env" => {
                let mut i = 1;
                while let Some(a) = args.get(i) {
                    if let Some((k, v)) = super::is_assignment(&a.text) {
                        local.insert(k.to_string(), v.to_string());
                        i += 1;
                    } else if a.text.starts_with('-') {
                        i += if matches!(a.text.as_str(), "-u" | "-C" | "-S") {
                            2
                        } else {
                            1
                        };
                    } else {
                        break;
                    }
                }
                if i >= args.len() {
                    let cx = Cx { cmd, args, local };
                    benign(st, &cx, "env");
                    return;
                }
                args = args.get(i..).unwrap_or(&[]);
            }
            "nice" | "ionice" => {
                let mut i = 1;
                while let Some(a) = args.get(i) {
                    if !a.text.starts_with('-') {
                        break;
                    }
                    i += if matches!(a.text.as_str(), "-n" | "-c") {
                        2
                    } else {
                        1
                    };
                }
                args = args.get(i..).unwrap_or(&[]);
            }
            "time" | "nohup" | "exec" | "eatmydata" | "!" | "then" | "do" | "else" | "elif"
            | "if" | "while" | "until" | "{" | "fi" | "done" | "esac" | "}" | "command"
                if !(name == "command" && args.get(1).is_some_and(|a| a.text.starts_with('-'))) =>
            {
                args = args.get(1..).unwrap_or(&[]);
            }
            "for" | "case" | "select" | "function" => {
                let cx = Cx { cmd, args, local };
                benign(st, &cx, name);
                return;
            }
            "gosu" | "su-exec" | "chroot" if args.len() > 2 => {
                args = args.get(2..).unwrap_or(&[]);
            }
            _ if super::is_assignment(name).is_some() => {
                if let Some((k, v)) = super::is_assignment(name) {
                    if args.len() == 1 {
                        // `then X=1` / `do X=$(…)`: a plain assignment.
                        st.vars.insert(k.to_string(), v.to_string());
                        let effect = Effect::SetVar {
                            name: k.to_string(),
                            value: v.to_string(),
                        };
                        st.push(effect, &cmd.text, cmd.range);
                        return;
                    }
                    local.insert(k.to_string(), v.to_string());
                }
                args = args.get(1..).unwrap_or(&[]);
            }
            "stdbuf" | "timeout" => {
                let mut i = 1;
                while args.get(i).is_some_and(|a| a.text.starts_with('-')) {
                    i += 1;
                }
                if name == "timeout" {
                    i += 1; // the duration
                }
                args = args.get(i..).unwrap_or(&[]);
            }
            _ => break,
        }
    }
    let cx = Cx { cmd, args, local };
    dispatch(st, &cx, depth);
}

fn dispatch(st: &mut State, cx: &Cx<'_>, depth: u32) {
    let Some(first) = cx.args.first() else {
        return;
    };
    if first.dynamic {
        return unknown(st, cx);
    }
    // `tool --version` and friends only print.
    if cx.args.len() == 2
        && cx.args.get(1).is_some_and(|a| {
            matches!(
                a.text.as_str(),
                "--version" | "-V" | "-v" | "version" | "-version"
            )
        })
    {
        let n = basename(&first.text).to_string();
        return benign(st, cx, &n);
    }
    let full = first.text.clone();
    let name = basename(&full).to_string();
    let n = name.as_str();
    match n {
        "apt-get" | "apt" | "aptitude" | "xx-apt-get" | "xx-apt" => apt(st, cx),
        "dpkg" => dpkg(st, cx),
        "apk" => apk(st, cx),
        "uv" => uv(st, cx),
        "poetry" => poetry(st, cx),
        "virtualenv" => venv_from(st, cx, cx.rest()),
        "npm" => npm(st, cx),
        "yarn" => yarn(st, cx),
        "pnpm" => pnpm(st, cx),
        "go" | "xx-go" => go(st, cx),
        "cargo" => cargo(st, cx),
        "make" | "gmake" | "ninja" => make(st, cx),
        "configure" => {
            let p = parse(cx.rest(), "", &["prefix"]);
            let prefix = p.value(&["prefix"]).map(str::to_string);
            let dir = st.cwd.clone();
            emit(st, cx, Effect::Configure { prefix, dir });
        }
        "cmake" => cmake(st, cx),
        "cc" | "c++" | "gcc" | "g++" | "clang" | "clang++" | "musl-gcc" | "tcc" => compile(st, cx),
        _ if n.ends_with("-gcc")
            || n.ends_with("-g++")
            || is_versioned(n, "gcc-")
            || is_versioned(n, "clang-") =>
        {
            compile(st, cx)
        }
        "curl" => curl(st, cx),
        "wget" => wget(st, cx),
        "tar" | "bsdtar" => tar(st, cx),
        "unzip" => {
            let p = parse(cx.rest(), "dxP", &[]);
            let archive = p.pos_text(0).map(|a| resolve(&st.cwd, a));
            let dest = resolve(&st.cwd, p.value(&["d"]).unwrap_or("."));
            emit(
                st,
                cx,
                Effect::Extract {
                    tool: "unzip".into(),
                    archive,
                    dest,
                },
            );
        }
        "gunzip" | "bunzip2" | "unxz" | "zstd" | "unzstd" | "gzip" | "xz" | "bzip2" => {
            let p = parse(cx.rest(), "S", &[]);
            let decompress = n.starts_with("gun")
                || n.starts_with("bun")
                || n.starts_with("un")
                || p.has(&["d", "decompress"]);
            let archive = p.pos_text(0).map(|a| resolve(&st.cwd, a));
            if decompress {
                let dest = archive
                    .as_deref()
                    .map_or_else(|| st.cwd.clone(), |a| parent(a).to_string());
                emit(
                    st,
                    cx,
                    Effect::Extract {
                        tool: name.clone(),
                        archive,
                        dest,
                    },
                );
            } else {
                emit(
                    st,
                    cx,
                    Effect::Archive {
                        tool: name.clone(),
                        output: archive,
                    },
                );
            }
        }
        "zip" => {
            let p = parse(cx.rest(), "", &[]);
            let output = p.pos_text(0).map(|a| resolve(&st.cwd, a));
            emit(
                st,
                cx,
                Effect::Archive {
                    tool: "zip".into(),
                    output,
                },
            );
        }
        "rm" => {
            let p = parse(cx.rest(), "", &[]);
            let recursive = p.has(&["r", "R", "recursive"]);
            let paths = paths_of(st, &p.pos);
            emit(st, cx, Effect::Remove { paths, recursive });
        }
        "rmdir" => {
            let p = parse(cx.rest(), "", &[]);
            let paths = paths_of(st, &p.pos);
            emit(
                st,
                cx,
                Effect::Remove {
                    paths,
                    recursive: false,
                },
            );
        }
        "mv" => {
            let p = parse(cx.rest(), "tS", &["target-directory", "suffix"]);
            let (sources, dest) = sources_dest(st, &p);
            match dest {
                Some(dest) => emit(st, cx, Effect::Move { sources, dest }),
                None => unknown(st, cx),
            }
        }
        "rsync" | "cp" => {
            // Flags taking a value, and the ones that make the copy recursive.
            let (short, long, recursive): (&str, &[&str], &[&str]) = if n == "rsync" {
                (
                    "e",
                    &["rsh", "exclude", "include", "chown", "chmod"],
                    &["r", "a", "recursive", "archive"],
                )
            } else {
                (
                    "tS",
                    &["target-directory", "suffix"],
                    &["r", "R", "a", "archive", "recursive"],
                )
            };
            let p = parse(cx.rest(), short, long);
            let recursive = p.has(recursive);
            let (sources, dest) = sources_dest(st, &p);
            match dest {
                Some(dest) => emit(
                    st,
                    cx,
                    Effect::CopyFiles {
                        sources,
                        dest,
                        recursive,
                    },
                ),
                None => unknown(st, cx),
            }
        }
        "install" => {
            let p = parse(
                cx.rest(),
                "mogtS",
                &["mode", "owner", "group", "target-directory", "suffix"],
            );
            if p.has(&["d", "directory"]) {
                let paths = paths_of(st, &p.pos);
                emit(st, cx, Effect::Mkdir { paths });
            } else {
                let (sources, dest) = sources_dest(st, &p);
                match dest {
                    Some(dest) => emit(
                        st,
                        cx,
                        Effect::CopyFiles {
                            sources,
                            dest,
                            recursive: false,
                        },
                    ),
                    None => unknown(st, cx),
                }
            }
        }
        "mkdir" => {
            let p = parse(cx.rest(), "m", &["mode"]);
            let paths = paths_of(st, &p.pos);
            emit(st, cx, Effect::Mkdir { paths });
        }
        "touch" => {
            let p = parse(cx.rest(), "drt", &["date", "reference"]);
            let paths = paths_of(st, &p.pos);
            emit(st, cx, Effect::Touch { paths });
        }
        "chmod" | "chown" | "chgrp" => chmod_chown(st, cx, n),
        "ln" => {
            let p = parse(cx.rest(), "tS", &["target-directory", "suffix"]);
            let symbolic = p.has(&["s", "symbolic"]);
            match p.pos.as_slice() {
                [t] => {
                    let link = resolve(&st.cwd, basename(&t.text));
                    emit(
                        st,
                        cx,
                        Effect::Link {
                            target: t.text.clone(),
                            link,
                            symbolic,
                        },
                    );
                }
                [t, .., l] => {
                    let link = resolve(&st.cwd, &l.text);
                    emit(
                        st,
                        cx,
                        Effect::Link {
                            target: t.text.clone(),
                            link,
                            symbolic,
                        },
                    );
                }
                [] => unknown(st, cx),
            }
        }
        "sed" => {
            let p = parse(cx.rest(), "efl", &["expression", "file", "line-length"]);
            if p.has(&["i", "in-place"]) {
                let skip = usize::from(!p.has(&["e", "expression", "f", "file"]));
                let paths = paths_of(st, p.pos.get(skip..).unwrap_or(&[]));
                emit(st, cx, Effect::EditFile { paths });
            } else {
                benign(st, cx, "sed");
            }
        }
        "useradd" => {
            let p = parse(
                cx.rest(),
                "cdefgGkKpsub",
                &[
                    "comment",
                    "home-dir",
                    "expiredate",
                    "inactive",
                    "gid",
                    "groups",
                    "skel",
                    "key",
                    "password",
                    "shell",
                    "uid",
                    "base-dir",
                ],
            );
            let name = p.pos.last().map(|f| f.text.clone());
            let create_home = p.has(&["m", "create-home"]);
            user_add(
                st,
                cx,
                &p,
                name,
                create_home,
                &["d", "home-dir"],
                &["r", "system"],
            );
        }
        "adduser" => {
            let p = parse(
                cx.rest(),
                "hgsGuk",
                &[
                    "home", "shell", "gecos", "uid", "gid", "ingroup", "firstuid", "lastuid",
                    "comment", "conf",
                ],
            );
            let name = p.pos_text(0).map(str::to_string);
            let create_home = !p.has(&["H", "no-create-home"]);
            user_add(
                st,
                cx,
                &p,
                name,
                create_home,
                &["h", "home"],
                &["S", "system"],
            );
        }
        "groupadd" | "addgroup" => {
            let p = parse(cx.rest(), "gKp", &["gid", "key", "password"]);
            let name = p.pos.last().map(|f| f.text.clone());
            emit(st, cx, Effect::GroupAdd { name });
        }
        "conda" | "mamba" | "micromamba" => conda(st, cx, n),
        "git" => git(st, cx),
        "cd" | "pushd" => {
            let dir = cx
                .args
                .get(1)
                .map_or_else(|| st.home.clone(), |d| resolve(&st.cwd, &d.text));
            st.cwd = dir.clone();
            emit(st, cx, Effect::Cd { dir });
        }
        "export" | "declare" | "typeset" | "local" | "readonly" => {
            let mut any = false;
            for f in cx.rest() {
                if let Some((k, v)) = super::is_assignment(&f.text) {
                    st.vars.insert(k.to_string(), v.to_string());
                    emit(
                        st,
                        cx,
                        Effect::SetVar {
                            name: k.to_string(),
                            value: v.to_string(),
                        },
                    );
                    any = true;
                }
            }
            if !any {
                benign(st, cx, n);
            }
        }
        "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "busybox"
            if n != "busybox" || cx.args.get(1).is_some_and(|a| a.text == "sh") =>
        {
            shell(st, cx, depth)
        }
        "xargs" => {
            let p_end = xargs_command_start(cx.args);
            let mut fields: Vec<Field> = cx.args.get(p_end..).unwrap_or(&[]).to_vec();
            if fields.is_empty() {
                return unknown(st, cx);
            }
            fields.push(Field {
                text: "<stdin>".into(),
                dynamic: true,
                glob: false,
            });
            let sub = Cx {
                cmd: cx.cmd,
                args: &fields,
                local: cx.local.clone(),
            };
            dispatch(st, &sub, depth);
        }
        "find" => find(st, cx),
        "ssh-keygen" => {
            let p = parse(cx.rest(), "tbCfNmO", &[]);
            match p.value(&["f"]) {
                Some(f) => {
                    let path = resolve(&st.cwd, f);
                    emit(
                        st,
                        cx,
                        Effect::WriteFile {
                            path,
                            append: false,
                        },
                    );
                }
                None => unknown(st, cx),
            }
        }
        "echo"
        | "printf"
        | "true"
        | "false"
        | ":"
        | "set"
        | "shopt"
        | "test"
        | "["
        | "[["
        | "ls"
        | "cat"
        | "pwd"
        | "which"
        | "type"
        | "hash"
        | "id"
        | "whoami"
        | "uname"
        | "sleep"
        | "exit"
        | "return"
        | "ulimit"
        | "umask"
        | "trap"
        | "."
        | "source"
        | "unset"
        | "read"
        | "date"
        | "wc"
        | "grep"
        | "egrep"
        | "head"
        | "tail"
        | "sort"
        | "uniq"
        | "awk"
        | "cut"
        | "tr"
        | "printenv"
        | "du"
        | "df"
        | "tee"
        | "nproc"
        | "getent"
        | "file"
        | "stat"
        | "sha256sum"
        | "sha512sum"
        | "md5sum"
        | "gpg"
        | "gpgv"
        | "apt-key"
        | "apt-cache"
        | "apt-mark"
        | "add-apt-repository"
        | "update-ca-certificates"
        | "ldconfig"
        | "locale-gen"
        | "update-locale"
        | "update-alternatives"
        | "dpkg-reconfigure"
        | "dpkg-query"
        | "systemctl"
        | "service"
        | "rc-update"
        | "corepack"
        | "usermod"
        | "groupmod"
        | "passwd"
        | "chpasswd"
        | "ssh-keyscan"
        | "popd"
        | "wait"
        | "let"
        | "eval"
        | "basename"
        | "dirname"
        | "readlink"
        | "realpath"
        | "sync"
        | "setcap"
        | "rustup-init"
        | "node"
        | "java"
        | "ruby"
        | "php"
        | "dotnet"
        | "jq"
        | "yq"
        | "envsubst"
        | "tini"
        | "shift"
        | "gpgconf"
        | "dirmngr"
        | "sccache"
        | "ccache"
        | "xx-verify"
        | "xx-info" => {
            match n {
                // Interpreters run arbitrary code: only their version query is harmless.
                "node" | "java" | "ruby" | "php" | "dotnet" | "eval" | "rustup-init"
                    if !cx
                        .args
                        .get(1)
                        .is_some_and(|a| a.text.starts_with("--version") || a.text == "-v") =>
                {
                    unknown(st, cx)
                }
                _ => benign(st, cx, n),
            }
        }
        "rustup" => {
            if cx
                .args
                .get(1)
                .is_some_and(|a| matches!(a.text.as_str(), "show" | "--version" | "default"))
            {
                benign(st, cx, "rustup");
            } else {
                unknown(st, cx);
            }
        }
        _ if n == "pip" || is_versioned(n, "pip") => pip(st, cx, PyInstaller::Pip, full, cx.rest()),
        _ if n == "python" || is_versioned(n, "python") => python(st, cx, &full),
        _ => unknown(st, cx),
    }
}

fn parent(path: &str) -> &str {
    match path.trim_end_matches('/').rfind('/') {
        Some(0) | None => "/",
        Some(i) => path.get(..i).unwrap_or("/"),
    }
}

fn paths_of(st: &State, pos: &[&Field]) -> Vec<String> {
    pos.iter()
        .map(|f| {
            if f.dynamic {
                f.text.clone()
            } else {
                resolve(&st.cwd, &f.text)
            }
        })
        .collect()
}

fn sources_dest(st: &State, p: &Parsed<'_>) -> (Vec<String>, Option<String>) {
    if let Some(t) = p.value(&["t", "target-directory"]) {
        let mut d = resolve(&st.cwd, t);
        if !d.ends_with('/') {
            d.push('/');
        }
        return (paths_of(st, &p.pos), Some(d));
    }
    match p.pos.split_last() {
        Some((d, rest)) if !rest.is_empty() => {
            let mut dest = resolve(&st.cwd, &d.text);
            if rest.len() > 1 && !dest.ends_with('/') {
                dest.push('/');
            }
            (paths_of(st, rest), Some(dest))
        }
        _ => (Vec::new(), None),
    }
}

/// Strips version pins, architectures and release suffixes: `curl=7.88*` → `curl`.
fn package_name(spec: &str, stops: &[char]) -> String {
    let end = spec.find(stops).unwrap_or(spec.len());
    spec.get(..end).unwrap_or(spec).to_string()
}

fn apt(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "otc",
        &["option", "config-file", "target-release", "default-release"],
    );
    let sub = p.pos_text(0).unwrap_or("");
    match sub {
        "update" => emit(st, cx, Effect::AptUpdate),
        "install" | "reinstall" => {
            let no_recommends = p.has(&["no-install-recommends"])
                || p.values(&["o", "option"]).iter().any(|v| {
                    let v = v.to_ascii_lowercase();
                    v.starts_with("apt::install-recommends=")
                        && matches!(v.rsplit('=').next(), Some("false" | "0" | "no" | "off"))
                });
            let mut packages = Vec::new();
            let mut unresolved = Vec::new();
            let mut local_debs = Vec::new();
            for f in p.pos.iter().skip(1) {
                if f.dynamic {
                    unresolved.push(f.text.clone());
                } else if f.text.ends_with(".deb")
                    || f.text.starts_with('.')
                    || f.text.starts_with('/')
                {
                    local_debs.push(resolve(&st.cwd, &f.text));
                } else if !f.text.ends_with('-') {
                    let name = package_name(&f.text, &['=', '/', ':']);
                    if !name.is_empty() && !packages.contains(&name) {
                        packages.push(name);
                    }
                }
            }
            emit(
                st,
                cx,
                Effect::AptInstall {
                    packages,
                    unresolved,
                    no_recommends,
                    local_debs,
                },
            );
        }
        "remove" | "purge" => {
            let packages = p
                .pos
                .iter()
                .skip(1)
                .map(|f| package_name(&f.text, &['=', ':']))
                .collect();
            let purge = sub == "purge" || p.has(&["purge"]);
            emit(st, cx, Effect::AptRemove { packages, purge });
        }
        "autoremove" | "autopurge" => {
            let purge = sub == "autopurge" || p.has(&["purge"]);
            emit(st, cx, Effect::AptAutoremove { purge });
        }
        "clean" | "autoclean" => emit(st, cx, Effect::AptClean),
        "dist-clean" | "distclean" => {
            emit(st, cx, Effect::AptClean);
            emit(
                st,
                cx,
                Effect::Remove {
                    paths: vec!["/var/lib/apt/lists/*".into()],
                    recursive: true,
                },
            );
        }
        "policy" | "show" | "search" | "list" | "moo" | "changelog" => benign(st, cx, "apt"),
        _ => unknown(st, cx),
    }
}

fn dpkg(st: &mut State, cx: &Cx<'_>) {
    let p = parse(cx.rest(), "", &["root", "instdir", "admindir"]);
    if p.has(&["i", "install"]) {
        let local_debs = paths_of(st, &p.pos);
        emit(
            st,
            cx,
            Effect::AptInstall {
                packages: Vec::new(),
                unresolved: Vec::new(),
                no_recommends: true,
                local_debs,
            },
        );
    } else if p.has(&["r", "remove", "P", "purge"]) {
        let packages = p.pos.iter().map(|f| f.text.clone()).collect();
        let purge = p.has(&["P", "purge"]);
        emit(st, cx, Effect::AptRemove { packages, purge });
    } else if p.has(&[
        "add-architecture",
        "print-architecture",
        "l",
        "list",
        "s",
        "status",
        "L",
        "listfiles",
        "S",
        "search",
    ]) {
        benign(st, cx, "dpkg");
    } else {
        unknown(st, cx);
    }
}

fn apk(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "tXp",
        &[
            "virtual",
            "repository",
            "root",
            "arch",
            "cache-dir",
            "keys-dir",
            "repositories-file",
        ],
    );
    let sub = p.pos_text(0).unwrap_or("");
    match sub {
        "add" => {
            let mut packages = Vec::new();
            let mut unresolved = Vec::new();
            for f in p.pos.iter().skip(1) {
                if f.dynamic {
                    unresolved.push(f.text.clone());
                } else {
                    let name = package_name(&f.text, &['=', '>', '<', '~', '@']);
                    if !name.is_empty() && !packages.contains(&name) {
                        packages.push(name);
                    }
                }
            }
            emit(
                st,
                cx,
                Effect::ApkAdd {
                    packages,
                    unresolved,
                    no_cache: p.has(&["no-cache"]),
                    update: p.has(&["update", "U"]),
                    virtual_name: p.value(&["virtual", "t"]).map(str::to_string),
                },
            );
        }
        "del" => {
            let packages = p.pos.iter().skip(1).map(|f| f.text.clone()).collect();
            emit(st, cx, Effect::ApkDel { packages });
        }
        "update" => emit(st, cx, Effect::ApkUpdate),
        "cache" if matches!(p.pos_text(1), Some("clean" | "purge")) => {
            emit(
                st,
                cx,
                Effect::CacheClean {
                    cache: CacheKind::Apk,
                },
            );
        }
        "info" | "search" | "version" | "policy" | "stats" | "dot" => benign(st, cx, "apk"),
        _ => unknown(st, cx),
    }
}

const PIP_LONG_VAL: &[&str] = &[
    "requirement",
    "constraint",
    "editable",
    "target",
    "prefix",
    "root",
    "index-url",
    "extra-index-url",
    "find-links",
    "src",
    "platform",
    "python-version",
    "implementation",
    "abi",
    "upgrade-strategy",
    "cache-dir",
    "progress-bar",
    "trusted-host",
    "timeout",
    "retries",
    "log",
    "proxy",
    "only-binary",
    "no-binary",
    "config-settings",
    "global-option",
    "install-option",
    "report",
    "python",
    "exists-action",
    "cert",
    "client-cert",
    "keyring-provider",
    "root-user-action",
    "group",
    "index-strategy",
    "extra",
    "override",
];

fn python(st: &mut State, cx: &Cx<'_>, full: &str) {
    // `curl … | python3 -`: the download already says where its bytes went.
    if cx.cmd.pipe_in
        && matches!(cx.args.get(1..), Some([]) | Some([Field { text: _, .. }]) if cx.args.get(1).is_none_or(|a| a.text == "-"))
    {
        return;
    }
    let mut i = 1;
    // Interpreter flags before `-m` (`python3 -u -m pip`).
    while cx
        .args
        .get(i)
        .is_some_and(|a| a.text.starts_with('-') && a.text != "-m" && a.text != "-c")
    {
        i += 1;
    }
    match (
        cx.args.get(i).map(|a| a.text.as_str()),
        cx.args.get(i + 1).map(|a| a.text.as_str()),
    ) {
        (Some("-m"), Some("pip")) => {
            let rest = cx.args.get(i + 2..).unwrap_or(&[]);
            pip(st, cx, PyInstaller::Pip, format!("{full} -m pip"), rest);
        }
        (Some("-m"), Some("venv" | "virtualenv")) => {
            venv_from(st, cx, cx.args.get(i + 2..).unwrap_or(&[]));
        }
        (Some("-m"), Some("poetry")) => {
            let sub = Cx {
                cmd: cx.cmd,
                args: cx.args.get(i + 1..).unwrap_or(&[]),
                local: cx.local.clone(),
            };
            poetry(st, &sub);
        }
        (Some("-m"), Some("uv")) => {
            let sub = Cx {
                cmd: cx.cmd,
                args: cx.args.get(i + 1..).unwrap_or(&[]),
                local: cx.local.clone(),
            };
            uv(st, &sub);
        }
        (Some("-m"), Some("compileall" | "ensurepip" | "site")) | (Some("--version" | "-V"), _) => {
            benign(st, cx, "python");
        }
        _ => unknown(st, cx),
    }
}

fn venv_from(st: &mut State, cx: &Cx<'_>, args: &[Field]) {
    let p = parse(args, "p", &["prompt", "python", "upgrade-deps-to", "seed"]);
    match p.pos.last() {
        Some(d) => {
            let path = resolve(&st.cwd, &d.text);
            emit(st, cx, Effect::Venv { path });
        }
        None => {
            // `uv venv` defaults to `.venv`.
            let path = resolve(&st.cwd, ".venv");
            emit(st, cx, Effect::Venv { path });
        }
    }
}

fn pip(st: &mut State, cx: &Cx<'_>, installer: PyInstaller, invoked_as: String, args: &[Field]) {
    let p = parse(args, "rcetifdp", PIP_LONG_VAL);
    let sub = p.pos_text(0).unwrap_or("");
    match sub {
        "install" | "sync" => {
            let mut packages = Vec::new();
            let mut local = Vec::new();
            let mut unresolved = Vec::new();
            let mut requirements: Vec<String> = p
                .values(&["r", "requirement"])
                .iter()
                .map(|r| resolve(&st.cwd, r))
                .collect();
            for f in p.pos.iter().skip(1) {
                if f.dynamic {
                    unresolved.push(f.text.clone());
                } else if sub == "sync" {
                    requirements.push(resolve(&st.cwd, &f.text));
                } else if is_local_python_path(&f.text) {
                    local.push(resolve(&st.cwd, &f.text));
                } else {
                    packages.push(f.text.clone());
                }
            }
            let editable = p
                .values(&["e", "editable"])
                .iter()
                .map(|e| {
                    if is_local_python_path(e) {
                        resolve(&st.cwd, e)
                    } else {
                        (*e).to_string()
                    }
                })
                .collect();
            let env_no_cache = match installer {
                PyInstaller::Pip => cx
                    .var(st, "PIP_NO_CACHE_DIR")
                    .is_some_and(|v| !v.is_empty()),
                PyInstaller::Uv => truthy(cx.var(st, "UV_NO_CACHE")),
            };
            let effect = Effect::PipInstall {
                installer,
                invoked_as,
                packages,
                requirements,
                editable,
                local,
                unresolved,
                no_cache: p.has(&["no-cache-dir", "no-cache"]) || env_no_cache,
                user: p.has(&["user"]),
                target: p.value(&["t", "target"]).map(|t| resolve(&st.cwd, t)),
                prefix: p.value(&["prefix"]).map(|t| resolve(&st.cwd, t)),
                index_url: p.value(&["i", "index-url"]).map(str::to_string),
                no_deps: p.has(&["no-deps"]),
                upgrade: p.has(&["U", "upgrade"]),
            };
            emit(st, cx, effect);
        }
        "cache" if matches!(p.pos_text(1), Some("purge" | "remove")) => {
            let cache = if installer == PyInstaller::Uv {
                CacheKind::Uv
            } else {
                CacheKind::Pip
            };
            emit(st, cx, Effect::CacheClean { cache });
        }
        "uninstall" | "freeze" | "list" | "show" | "check" | "config" | "inspect" | "debug"
        | "help" => {
            benign(st, cx, "pip");
        }
        "" if p.has(&["version", "V"]) => benign(st, cx, "pip"),
        _ => unknown(st, cx),
    }
}

fn is_local_python_path(s: &str) -> bool {
    s.starts_with('.')
        || s.starts_with('/')
        || s.ends_with(".whl")
        || s.ends_with(".tar.gz")
        || s.ends_with(".zip")
        || s.starts_with("file:")
}

fn uv(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "p",
        &[
            "python",
            "project",
            "directory",
            "cache-dir",
            "extra",
            "group",
            "package",
            "index-url",
            "extra-index-url",
        ],
    );
    match p.pos_text(0) {
        Some("pip") => {
            let idx = cx.args.iter().position(|a| a.text == "pip").unwrap_or(1);
            let rest = cx.args.get(idx + 1..).unwrap_or(&[]);
            pip(st, cx, PyInstaller::Uv, "uv pip".into(), rest);
        }
        Some("venv") => {
            let idx = cx.args.iter().position(|a| a.text == "venv").unwrap_or(1);
            venv_from(st, cx, cx.args.get(idx + 1..).unwrap_or(&[]));
        }
        Some("sync") => {
            let dir = p
                .value(&["project", "directory"])
                .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
            let effect = Effect::UvSync {
                no_dev: p.has(&["no-dev"]) || p.has(&["only-group"]),
                no_install_project: p.has(&["no-install-project"]),
                no_cache: p.has(&["no-cache"]) || truthy(cx.var(st, "UV_NO_CACHE")),
                dir,
            };
            emit(st, cx, effect);
        }
        Some("cache") if matches!(p.pos_text(1), Some("clean" | "prune")) => {
            emit(
                st,
                cx,
                Effect::CacheClean {
                    cache: CacheKind::Uv,
                },
            );
        }
        Some("lock" | "export" | "version" | "--version" | "python") | None => benign(st, cx, "uv"),
        _ => unknown(st, cx),
    }
}

fn poetry(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "EC",
        &[
            "only",
            "without",
            "with",
            "extras",
            "directory",
            "C",
            "E",
            "output",
            "o",
            "format",
            "f",
        ],
    );
    match p.pos_text(0) {
        Some("install") | Some("sync") => {
            let no_dev = p.has(&["no-dev"])
                || p.values(&["only"])
                    .iter()
                    .any(|v| v.split(',').any(|g| g == "main"))
                || p.values(&["without"])
                    .iter()
                    .any(|v| v.split(',').any(|g| g == "dev"));
            let dir = p
                .value(&["directory", "C"])
                .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
            let effect = Effect::PoetryInstall {
                no_dev,
                no_root: p.has(&["no-root"]),
                dir,
                in_project: truthy(cx.var(st, "POETRY_VIRTUALENVS_IN_PROJECT")),
            };
            emit(st, cx, effect);
        }
        Some("export") => match p.value(&["output", "o"]) {
            Some(o) => {
                let path = resolve(&st.cwd, o);
                emit(
                    st,
                    cx,
                    Effect::WriteFile {
                        path,
                        append: false,
                    },
                );
            }
            None => benign(st, cx, "poetry"),
        },
        Some("config" | "lock" | "check" | "show" | "version" | "env" | "--version" | "self") => {
            benign(st, cx, "poetry");
        }
        Some("cache") => emit(
            st,
            cx,
            Effect::CacheClean {
                cache: CacheKind::Poetry,
            },
        ),
        _ => unknown(st, cx),
    }
}

fn node_production(st: &State, cx: &Cx<'_>) -> bool {
    cx.var(st, "NODE_ENV") == Some("production")
}

fn npm(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "wC",
        &[
            "omit",
            "include",
            "only",
            "prefix",
            "workspace",
            "registry",
            "cache",
            "loglevel",
            "userconfig",
        ],
    );
    let dir = p
        .value(&["prefix", "C"])
        .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
    let sub = p.pos_text(0).unwrap_or("");
    match sub {
        "install" | "i" | "in" | "add" | "isntall" | "ci" | "clean-install" | "ic"
        | "install-clean" => {
            let frozen = matches!(sub, "ci" | "clean-install" | "ic" | "install-clean");
            let include_dev = p.values(&["include"]).contains(&"dev");
            let production = !include_dev
                && (p.has(&["production"])
                    || p.values(&["omit"]).contains(&"dev")
                    || p.values(&["only"]).iter().any(|v| v.starts_with("prod"))
                    || node_production(st, cx));
            let packages = p.pos.iter().skip(1).map(|f| f.text.clone()).collect();
            let global = p.has(&["g", "global"]);
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Npm,
                    frozen,
                    production,
                    global,
                    packages,
                    dir,
                },
            );
        }
        "run" | "run-script" | "rum" | "urn" => {
            let script = p.pos_text(1).unwrap_or("").to_string();
            emit(
                st,
                cx,
                Effect::NodeRun {
                    tool: NodeTool::Npm,
                    script,
                    dir,
                },
            );
        }
        "test" | "start" | "build" => {
            emit(
                st,
                cx,
                Effect::NodeRun {
                    tool: NodeTool::Npm,
                    script: sub.to_string(),
                    dir,
                },
            );
        }
        "prune" => emit(
            st,
            cx,
            Effect::NodePrune {
                tool: NodeTool::Npm,
                dir,
            },
        ),
        "cache" if matches!(p.pos_text(1), Some("clean" | "rm" | "clear")) => {
            emit(
                st,
                cx,
                Effect::CacheClean {
                    cache: CacheKind::Npm,
                },
            );
        }
        "config" | "set" | "version" | "view" | "ls" | "list" | "audit" | "doctor"
        | "uninstall" | "rm" | "remove" | "pkg" => {
            benign(st, cx, "npm");
        }
        "" if p.has(&["v", "version"]) => benign(st, cx, "npm"),
        _ => unknown(st, cx),
    }
}

fn yarn(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "",
        &[
            "cwd",
            "modules-folder",
            "cache-folder",
            "network-timeout",
            "registry",
            "mutex",
        ],
    );
    let dir = p
        .value(&["cwd"])
        .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
    let production = p.has(&["production", "prod"]) || node_production(st, cx);
    let frozen = p.has(&["frozen-lockfile", "immutable", "pure-lockfile"]);
    match p.pos_text(0) {
        None | Some("install") => {
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Yarn,
                    frozen,
                    production,
                    global: false,
                    packages: Vec::new(),
                    dir,
                },
            );
        }
        Some("add") => {
            let packages = p.pos.iter().skip(1).map(|f| f.text.clone()).collect();
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Yarn,
                    frozen,
                    production,
                    global: false,
                    packages,
                    dir,
                },
            );
        }
        Some("global") if p.pos_text(1) == Some("add") => {
            let packages = p.pos.iter().skip(2).map(|f| f.text.clone()).collect();
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Yarn,
                    frozen,
                    production,
                    global: true,
                    packages,
                    dir,
                },
            );
        }
        Some("workspaces") if p.pos_text(1) == Some("focus") => {
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Yarn,
                    frozen,
                    production,
                    global: false,
                    packages: Vec::new(),
                    dir,
                },
            );
        }
        Some("cache") if p.pos_text(1) == Some("clean") => {
            emit(
                st,
                cx,
                Effect::CacheClean {
                    cache: CacheKind::Yarn,
                },
            );
        }
        Some("config" | "set" | "policies" | "version" | "info" | "list" | "why" | "remove") => {
            benign(st, cx, "yarn")
        }
        Some("run") => {
            let script = p.pos_text(1).unwrap_or("").to_string();
            emit(
                st,
                cx,
                Effect::NodeRun {
                    tool: NodeTool::Yarn,
                    script,
                    dir,
                },
            );
        }
        Some(script) => {
            let script = script.to_string();
            emit(
                st,
                cx,
                Effect::NodeRun {
                    tool: NodeTool::Yarn,
                    script,
                    dir,
                },
            );
        }
    }
}

fn pnpm(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "C",
        &["dir", "filter", "store-dir", "registry", "reporter"],
    );
    let dir = p
        .value(&["dir", "C"])
        .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
    let production = p.has(&["prod", "P", "production"]) || node_production(st, cx);
    let frozen = p.has(&["frozen-lockfile"]);
    match p.pos_text(0) {
        Some("install" | "i") | None => {
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Pnpm,
                    frozen,
                    production,
                    global: false,
                    packages: Vec::new(),
                    dir,
                },
            );
        }
        Some("add") => {
            let packages = p.pos.iter().skip(1).map(|f| f.text.clone()).collect();
            let global = p.has(&["g", "global"]);
            emit(
                st,
                cx,
                Effect::NodeInstall {
                    tool: NodeTool::Pnpm,
                    frozen,
                    production,
                    global,
                    packages,
                    dir,
                },
            );
        }
        Some("run") => {
            let script = p.pos_text(1).unwrap_or("").to_string();
            emit(
                st,
                cx,
                Effect::NodeRun {
                    tool: NodeTool::Pnpm,
                    script,
                    dir,
                },
            );
        }
        Some("store") if p.pos_text(1) == Some("prune") => {
            emit(
                st,
                cx,
                Effect::CacheClean {
                    cache: CacheKind::Pnpm,
                },
            );
        }
        Some("prune") => emit(
            st,
            cx,
            Effect::NodePrune {
                tool: NodeTool::Pnpm,
                dir,
            },
        ),
        Some("fetch" | "deploy" | "dlx" | "exec") => unknown(st, cx),
        Some("config" | "set" | "version" | "list" | "ls" | "why" | "env" | "setup") => {
            benign(st, cx, "pnpm")
        }
        Some(script) => {
            let script = script.to_string();
            emit(
                st,
                cx,
                Effect::NodeRun {
                    tool: NodeTool::Pnpm,
                    script,
                    dir,
                },
            );
        }
    }
}

/// Go's flags have one dash and full names (`-ldflags`, `-o`).
fn go_flags(args: &[Field]) -> (Vec<(String, Option<String>)>, Vec<&Field>) {
    const VAL: &[&str] = &[
        "o",
        "ldflags",
        "gcflags",
        "asmflags",
        "tags",
        "mod",
        "buildmode",
        "p",
        "C",
        "modfile",
        "overlay",
        "pgo",
        "toolexec",
        "installsuffix",
        "pkgdir",
        "compiler",
        "gccgoflags",
        "covermode",
        "coverpkg",
        "exec",
        "run",
        "count",
        "timeout",
    ];
    let mut opts = Vec::new();
    let mut pos = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if let Some(name) = a
            .text
            .strip_prefix("--")
            .or_else(|| a.text.strip_prefix('-'))
            .filter(|n| !n.is_empty() && !a.dynamic)
        {
            match name.split_once('=') {
                Some((n, v)) => opts.push((n.to_string(), Some(v.to_string()))),
                None if VAL.contains(&name) => {
                    opts.push((name.to_string(), args.get(i).map(|f| f.text.clone())));
                    i += 1;
                }
                None => opts.push((name.to_string(), None)),
            }
        } else {
            pos.push(a);
        }
    }
    (opts, pos)
}

fn go(st: &mut State, cx: &Cx<'_>) {
    let sub = cx.args.get(1).map_or("", |a| a.text.as_str());
    let (opts, pos) = go_flags(cx.args.get(2..).unwrap_or(&[]));
    let value = |n: &str| {
        opts.iter()
            .rev()
            .find(|(k, v)| k == n && v.is_some())
            .and_then(|(_, v)| v.clone())
    };
    let dir = value("C").map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, &d));
    match sub {
        "build" => {
            let output = value("o").map(|o| {
                let mut r = resolve(&dir, &o);
                if o.ends_with('/') && !r.ends_with('/') {
                    r.push('/');
                }
                r
            });
            let stripped = value("ldflags")
                .is_some_and(|l| l.split_whitespace().any(|w| matches!(w, "-s" | "-w")));
            let cgo = cx.var(st, "CGO_ENABLED").map(|v| v == "1");
            let packages = pos.iter().map(|f| f.text.clone()).collect();
            emit(
                st,
                cx,
                Effect::GoBuild {
                    output,
                    packages,
                    stripped,
                    cgo,
                    dir,
                },
            );
        }
        "install" => {
            let packages = pos.iter().map(|f| f.text.clone()).collect();
            emit(st, cx, Effect::GoInstall { packages });
        }
        "mod"
            if pos
                .first()
                .is_some_and(|f| matches!(f.text.as_str(), "download" | "tidy" | "vendor")) =>
        {
            emit(st, cx, Effect::GoModDownload { dir });
        }
        "get" => emit(st, cx, Effect::GoModDownload { dir }),
        "clean" => {
            let has = |n: &str| opts.iter().any(|(k, _)| k == n);
            if has("modcache") {
                emit(
                    st,
                    cx,
                    Effect::CacheClean {
                        cache: CacheKind::GoMod,
                    },
                );
            }
            if has("cache") {
                emit(
                    st,
                    cx,
                    Effect::CacheClean {
                        cache: CacheKind::GoBuild,
                    },
                );
            }
            if !has("modcache") && !has("cache") {
                benign(st, cx, "go");
            }
        }
        "version" | "env" | "list" | "mod" => benign(st, cx, "go"),
        _ => unknown(st, cx),
    }
}

fn cargo(st: &mut State, cx: &Cx<'_>) {
    let args: &[Field] = match cx.args.get(1) {
        Some(a) if a.text.starts_with('+') => cx.args.get(2..).unwrap_or(&[]),
        _ => cx.rest(),
    };
    let p = parse(
        args,
        "pjFZ",
        &[
            "target",
            "bin",
            "package",
            "features",
            "jobs",
            "manifest-path",
            "target-dir",
            "profile",
            "example",
            "color",
            "config",
            "recipe-path",
            "path",
            "root",
            "version",
            "git",
            "branch",
            "tag",
            "rev",
            "index",
            "registry",
        ],
    );
    let manifest_dir = p
        .value(&["manifest-path"])
        .map(|m| parent(&resolve(&st.cwd, m)).to_string());
    let dir = manifest_dir.unwrap_or_else(|| st.cwd.clone());
    let target_dir = p
        .value(&["target-dir"])
        .map(|t| resolve(&st.cwd, t))
        .or_else(|| cx.var(st, "CARGO_TARGET_DIR").map(|t| resolve(&st.cwd, t)))
        .unwrap_or_else(|| resolve(&dir, "target"));
    let release = p.has(&["release", "r"]) || p.value(&["profile"]) == Some("release");
    let target = p.value(&["target"]).map(str::to_string);
    match p.pos_text(0) {
        Some("build" | "b") => {
            emit(
                st,
                cx,
                Effect::CargoBuild {
                    release,
                    target,
                    deps_only: false,
                    dir,
                    target_dir,
                },
            );
        }
        Some("chef") => match p.pos_text(1) {
            Some("cook") => emit(
                st,
                cx,
                Effect::CargoBuild {
                    release,
                    target,
                    deps_only: true,
                    dir,
                    target_dir,
                },
            ),
            _ => benign(st, cx, "cargo chef"),
        },
        Some("install") => {
            let crates = p.pos.iter().skip(1).map(|f| f.text.clone()).collect();
            let path = p.value(&["path"]).map(|t| resolve(&st.cwd, t));
            let root = p
                .value(&["root"])
                .map(|t| resolve(&st.cwd, t))
                .or_else(|| cx.var(st, "CARGO_INSTALL_ROOT").map(str::to_string));
            emit(st, cx, Effect::CargoInstall { crates, path, root });
        }
        Some("fetch") => emit(st, cx, Effect::CargoFetch { dir }),
        Some("clean" | "version" | "metadata" | "tree" | "--version") => benign(st, cx, "cargo"),
        None if p.has(&["version", "V"]) => benign(st, cx, "cargo"),
        _ => unknown(st, cx),
    }
}

fn make(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "CfIlo",
        &[
            "directory",
            "file",
            "makefile",
            "include-dir",
            "load-average",
        ],
    );
    let dir = p
        .value(&["C", "directory"])
        .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
    let targets = p
        .pos
        .iter()
        .filter(|f| {
            !f.text.contains('=') && !f.text.bytes().all(|b| b.is_ascii_digit()) && !f.dynamic
        })
        .map(|f| f.text.clone())
        .collect();
    emit(st, cx, Effect::Make { targets, dir });
}

fn cmake(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "BSDGCUTAjt",
        &[
            "build",
            "install",
            "target",
            "config",
            "parallel",
            "prefix",
            "component",
            "preset",
        ],
    );
    let effect = if let Some(b) = p.value(&["build"]) {
        Effect::Cmake {
            step: CmakeStep::Build,
            build_dir: Some(resolve(&st.cwd, b)),
        }
    } else if let Some(b) = p.value(&["install"]) {
        Effect::Cmake {
            step: CmakeStep::Install,
            build_dir: Some(resolve(&st.cwd, b)),
        }
    } else if p.has(&["version"]) {
        return benign(st, cx, "cmake");
    } else {
        let build_dir = p
            .value(&["B"])
            .map(|b| resolve(&st.cwd, b))
            .or_else(|| Some(st.cwd.clone()));
        Effect::Cmake {
            step: CmakeStep::Configure,
            build_dir,
        }
    };
    emit(st, cx, effect);
}

fn compile(st: &mut State, cx: &Cx<'_>) {
    let p = parse(cx.rest(), "oIDLlWxuM", &[]);
    let compiler = cx
        .args
        .first()
        .map_or(String::new(), |f| basename(&f.text).to_string());
    if p.has(&[
        "version",
        "v",
        "dumpversion",
        "dumpmachine",
        "print-file-name",
    ]) && p.pos.is_empty()
    {
        return benign(st, cx, &compiler);
    }
    let compile_only = p.has(&["c", "E", "S"]);
    let output = match p.value(&["o"]) {
        Some(o) => Some(resolve(&st.cwd, o)),
        None if compile_only => None,
        None => Some(resolve(&st.cwd, "a.out")),
    };
    let sources = paths_of(st, &p.pos);
    emit(
        st,
        cx,
        Effect::Compile {
            compiler,
            output,
            sources,
        },
    );
}

fn url_file_name(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    let name = basename(no_query);
    if name.is_empty() || name.contains(':') {
        "index.html".to_string()
    } else {
        name.to_string()
    }
}

fn curl(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "oHdubcAeExXwmrTKFCYyzUPQt",
        &[
            "output",
            "header",
            "data",
            "data-binary",
            "data-raw",
            "user",
            "user-agent",
            "referer",
            "request",
            "url",
            "max-time",
            "retry",
            "connect-timeout",
            "proto",
            "proto-redir",
            "cacert",
            "cert",
            "key",
            "config",
            "form",
            "range",
            "upload-file",
            "write-out",
            "cookie",
            "cookie-jar",
            "output-dir",
            "resolve",
            "proxy",
            "retry-delay",
            "retry-max-time",
            "limit-rate",
            "dns-servers",
            "interface",
            "tls-max",
            "ciphers",
            "netrc-file",
        ],
    );
    let mut urls: Vec<String> = p.pos.iter().map(|f| f.text.clone()).collect();
    urls.extend(p.values(&["url"]).into_iter().map(str::to_string));
    let out_dir = p
        .value(&["output-dir"])
        .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
    let output = match p.value(&["o", "output"]) {
        Some("-") => DownloadOutput::Stdout,
        Some(o) => DownloadOutput::File {
            path: resolve(&out_dir, o),
        },
        None if p.has(&["O", "remote-name", "remote-name-all"]) => DownloadOutput::File {
            path: resolve(
                &out_dir,
                &url_file_name(urls.first().map_or("", String::as_str)),
            ),
        },
        None => DownloadOutput::Stdout,
    };
    emit(
        st,
        cx,
        Effect::Download {
            tool: "curl".into(),
            urls,
            output,
        },
    );
}

fn wget(st: &mut State, cx: &Cx<'_>) {
    let p = parse(
        cx.rest(),
        "OPoaetTwUiBlARDIXQ",
        &[
            "output-document",
            "directory-prefix",
            "output-file",
            "append-output",
            "execute",
            "tries",
            "timeout",
            "wait",
            "user-agent",
            "input-file",
            "base",
            "level",
            "accept",
            "reject",
            "domains",
            "include-directories",
            "exclude-directories",
            "quota",
            "header",
            "user",
            "password",
            "http-user",
            "http-password",
            "post-data",
            "body-data",
            "method",
            "ca-certificate",
            "certificate",
            "private-key",
            "progress",
        ],
    );
    let urls: Vec<String> = p.pos.iter().map(|f| f.text.clone()).collect();
    let output = match p.value(&["O", "output-document"]) {
        Some("-") => DownloadOutput::Stdout,
        Some(o) => DownloadOutput::File {
            path: resolve(&st.cwd, o),
        },
        None => match p.value(&["P", "directory-prefix"]) {
            Some(d) => DownloadOutput::Dir {
                path: resolve(&st.cwd, d),
            },
            None => DownloadOutput::File {
                path: resolve(
                    &st.cwd,
                    &url_file_name(urls.first().map_or("", String::as_str)),
                ),
            },
        },
    };
    emit(
        st,
        cx,
        Effect::Download {
            tool: "wget".into(),
            urls,
            output,
        },
    );
}

fn tar(st: &mut State, cx: &Cx<'_>) {
    let mut args: Vec<Field> = cx.rest().to_vec();
    // Old-style `tar xzf file`: the first word is a cluster of flags.
    if let Some(first) = args.first_mut() {
        if !first.text.starts_with('-') && !first.dynamic {
            first.text.insert(0, '-');
        }
    }
    let p = parse(
        &args,
        "fCTXbI",
        &[
            "file",
            "directory",
            "strip-components",
            "exclude",
            "transform",
            "use-compress-program",
            "owner",
            "group",
            "mode",
            "files-from",
            "exclude-from",
        ],
    );
    let archive = p
        .value(&["f", "file"])
        .filter(|f| *f != "-")
        .map(|f| resolve(&st.cwd, f));
    if p.has(&["x", "extract", "get"]) {
        let dest = p
            .value(&["C", "directory"])
            .map_or_else(|| st.cwd.clone(), |d| resolve(&st.cwd, d));
        emit(
            st,
            cx,
            Effect::Extract {
                tool: "tar".into(),
                archive,
                dest,
            },
        );
    } else if p.has(&["c", "create"]) {
        emit(
            st,
            cx,
            Effect::Archive {
                tool: "tar".into(),
                output: archive,
            },
        );
    } else if p.has(&["t", "list"]) {
        benign(st, cx, "tar");
    } else {
        unknown(st, cx);
    }
}

fn chmod_chown(st: &mut State, cx: &Cx<'_>, n: &str) {
    let mut recursive = false;
    let mut rest: Vec<&Field> = Vec::new();
    for f in cx.rest() {
        let t = f.text.as_str();
        match t {
            "-R" | "--recursive" => recursive = true,
            _ if t.starts_with("--") => {}
            _ if rest.is_empty()
                && t.len() > 1
                && t.starts_with('-')
                && t.bytes().skip(1).all(|b| {
                    matches!(b, b'R' | b'v' | b'f' | b'c' | b'h' | b'H' | b'L' | b'P')
                }) =>
            {
                recursive |= t.contains('R');
            }
            _ => rest.push(f),
        }
    }
    let Some((spec, paths)) = rest.split_first() else {
        return unknown(st, cx);
    };
    let paths = paths_of(st, paths);
    let spec = spec.text.clone();
    let effect = if n == "chmod" {
        Effect::Chmod {
            mode: spec,
            paths,
            recursive,
        }
    } else {
        Effect::Chown {
            owner: spec,
            paths,
            recursive,
        }
    };
    emit(st, cx, effect);
}

fn conda(st: &mut State, cx: &Cx<'_>, tool: &str) {
    let p = parse(
        cx.rest(),
        "cnpf",
        &[
            "channel",
            "name",
            "prefix",
            "file",
            "root-prefix",
            "override-channels",
        ],
    );
    let env = p.value(&["n", "name", "p", "prefix"]).map(str::to_string);
    let files: Vec<String> = p
        .values(&["f", "file"])
        .iter()
        .map(|f| resolve(&st.cwd, f))
        .collect();
    match p.pos_text(0) {
        Some("install" | "create") => {
            let packages = p.pos.iter().skip(1).map(|f| f.text.clone()).collect();
            emit(
                st,
                cx,
                Effect::CondaInstall {
                    tool: tool.to_string(),
                    packages,
                    env,
                    files,
                },
            );
        }
        Some("env") if matches!(p.pos_text(1), Some("create" | "update")) => {
            emit(
                st,
                cx,
                Effect::CondaInstall {
                    tool: tool.to_string(),
                    packages: Vec::new(),
                    env,
                    files,
                },
            );
        }
        Some("clean") => emit(
            st,
            cx,
            Effect::CacheClean {
                cache: CacheKind::Conda,
            },
        ),
        Some("config" | "init" | "info" | "list" | "activate" | "shell" | "--version") => {
            benign(st, cx, tool)
        }
        _ => unknown(st, cx),
    }
}

fn git(st: &mut State, cx: &Cx<'_>) {
    // Global options before the subcommand: `git -c k=v -C dir clone …`.
    let mut i = 1;
    let mut cwd = st.cwd.clone();
    while let Some(a) = cx.args.get(i) {
        match a.text.as_str() {
            "-c" => i += 2,
            "-C" => {
                if let Some(d) = cx.args.get(i + 1) {
                    cwd = resolve(&cwd, &d.text);
                }
                i += 2;
            }
            t if t.starts_with('-') => i += 1,
            _ => break,
        }
    }
    let sub = cx.args.get(i).map_or("", |a| a.text.as_str());
    match sub {
        "clone" => {
            let p = parse(
                cx.args.get(i + 1..).unwrap_or(&[]),
                "bocj",
                &[
                    "depth",
                    "branch",
                    "origin",
                    "config",
                    "reference",
                    "filter",
                    "jobs",
                    "separate-git-dir",
                    "template",
                    "shallow-since",
                    "upload-pack",
                    "shallow-exclude",
                ],
            );
            let Some(url) = p.pos_text(0).map(str::to_string) else {
                return unknown(st, cx);
            };
            let dest = match p.pos_text(1) {
                Some(d) => resolve(&cwd, d),
                None => {
                    let name = basename(url.trim_end_matches('/'));
                    resolve(&cwd, name.strip_suffix(".git").unwrap_or(name))
                }
            };
            let depth = p.value(&["depth"]).and_then(|d| d.parse().ok());
            emit(st, cx, Effect::GitClone { url, dest, depth });
        }
        "config" | "rev-parse" | "log" | "describe" | "status" | "init" | "remote"
        | "--version" | "version" | "show" | "diff" | "checkout" | "reset" | "switch" | "apply"
        | "am" | "tag" | "branch" | "cherry-pick" | "fetch" | "submodule" => {
            benign(st, cx, "git");
        }
        _ => unknown(st, cx),
    }
}

fn shell(st: &mut State, cx: &Cx<'_>, depth: u32) {
    let mut args = cx.rest();
    if cx
        .args
        .first()
        .is_some_and(|a| basename(&a.text) == "busybox")
    {
        args = args.get(1..).unwrap_or(&[]);
    }
    let mut has_c = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let t = a.text.as_str();
        if (t.starts_with('-') || t.starts_with('+')) && t.len() > 1 && !a.dynamic {
            if !t.starts_with("--") && (t.ends_with('o') || t.ends_with('O')) {
                // `-o pipefail`, `-euxo pipefail`: the option name follows.
                i += 1;
                has_c |= t.contains('c');
            } else if t == "--" {
                i += 1;
                break;
            } else if !t.starts_with("--") && t.contains('c') {
                has_c = true;
            }
            i += 1;
        } else {
            break;
        }
    }
    match (has_c, args.get(i)) {
        (true, Some(script)) if !script.dynamic => {
            let script = script.text.clone();
            st.nested_script(&script, cx.cmd, depth);
        }
        // `curl … | sh`: the download already says where its bytes went.
        (false, None) if cx.cmd.pipe_in => {}
        (false, None) => benign(st, cx, "sh"),
        _ => unknown(st, cx),
    }
}

/// Index of the command word after `xargs` and its options.
fn xargs_command_start(args: &[Field]) -> usize {
    let mut i = 1;
    while let Some(a) = args.get(i) {
        let t = a.text.as_str();
        if !t.starts_with('-') {
            break;
        }
        let takes_value = matches!(t, "-I" | "-n" | "-L" | "-d" | "-E" | "-s" | "-a" | "-P");
        i += if takes_value { 2 } else { 1 };
    }
    i
}

fn find(st: &mut State, cx: &Cx<'_>) {
    let args = cx.rest();
    let deletes = args.iter().any(|a| a.text == "-delete")
        || args
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.text == "-exec" && matches!(b.text.as_str(), "rm" | "/bin/rm")));
    if !deletes {
        return benign(st, cx, "find");
    }
    let root = args
        .first()
        .filter(|a| !a.text.starts_with('-'))
        .map_or_else(|| st.cwd.clone(), |a| resolve(&st.cwd, &a.text));
    let name = args
        .windows(2)
        .find(|w| matches!(w[0].text.as_str(), "-name" | "-iname"))
        .map(|w| w[1].text.clone());
    let pattern = match name {
        Some(n) => format!("{}/**/{n}", root.trim_end_matches('/')),
        None => format!("{}/**", root.trim_end_matches('/')),
    };
    emit(
        st,
        cx,
        Effect::Remove {
            paths: vec![pattern],
            recursive: true,
        },
    );
}
