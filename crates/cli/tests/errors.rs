//! The CLI's answer to bad input: a directory, a missing file, invalid UTF-8, a huge file, an
//! empty file, standard input, unknown flags and subcommands. Input errors exit 2 with one line
//! on stderr naming the file and the problem — never a panic or a backtrace.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The subcommands that read a Dockerfile.
const READERS: [&str; 4] = ["dump", "graph", "analyze", "check"];
/// The subcommands that insist on UTF-8 (`dump` reads bytes the way BuildKit does).
const UTF8_READERS: [&str; 3] = ["graph", "analyze", "check"];

/// Run `stagecraft` with `RUST_BACKTRACE=1` so that a panic would show its backtrace.
fn stagecraft(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stagecraft"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stagecraft");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            // The child may refuse the input before reading all of it: a broken pipe is fine.
            let _ = pipe.write_all(bytes);
        }
    }
    child.wait_with_output().expect("wait")
}

/// A fresh directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "stagecraft-cli-errors-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("write temp file");
        path_str(&path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn path_str(p: &Path) -> String {
    p.to_str().expect("utf-8 temp path").to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// No panic message, no backtrace.
fn assert_no_panic(out: &Output, what: &str) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("RUST_BACKTRACE"),
        "{what}: panic output on stderr:\n{err}"
    );
    // 101 is Rust's exit code for a panic.
    assert_ne!(out.status.code(), Some(101), "{what}: panicked");
}

/// Exit 2, nothing on stdout, exactly one line on stderr that contains every one of `needles`.
fn assert_input_error(out: &Output, what: &str, needles: &[&str]) {
    assert_no_panic(out, what);
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: exit code; stderr:\n{err}"
    );
    assert!(out.stdout.is_empty(), "{what}: stdout not empty");
    assert_eq!(err.lines().count(), 1, "{what}: not one line:\n{err}");
    assert!(err.starts_with("error: "), "{what}: {err}");
    for n in needles {
        assert!(err.contains(n), "{what}: {n:?} not in {err:?}");
    }
}

#[test]
fn a_directory_is_an_input_error() {
    let tmp = TempDir::new("dir");
    let dir = path_str(&tmp.0);
    for cmd in READERS {
        let out = stagecraft(&[cmd, &dir], None);
        assert_input_error(
            &out,
            &format!("{cmd} <dir>"),
            &[&dir, "is a directory", "Dockerfile"],
        );
    }
}

#[test]
fn a_missing_file_is_an_input_error() {
    let tmp = TempDir::new("missing");
    let missing = path_str(&tmp.0.join("no-such-Dockerfile"));
    for cmd in READERS {
        let out = stagecraft(&[cmd, &missing], None);
        assert_input_error(
            &out,
            &format!("{cmd} <missing>"),
            &[&missing, "no such file"],
        );
    }
    // `check` reads every file before printing anything: one bad file among good ones fails.
    let good = tmp.file("Dockerfile", b"FROM alpine\n");
    let out = stagecraft(&["check", &good, &missing], None);
    assert_input_error(&out, "check good missing", &[&missing, "no such file"]);
}

#[test]
fn invalid_utf8_is_an_input_error_with_its_position() {
    let tmp = TempDir::new("utf8");
    // \xff at line 2, column 10 (byte offset 21).
    let bad = tmp.file("Dockerfile", b"FROM alpine\nRUN echo \xff\xfe\n");
    for cmd in UTF8_READERS {
        let out = stagecraft(&[cmd, &bad], None);
        assert_input_error(
            &out,
            &format!("{cmd} <invalid utf-8>"),
            &[&format!("{bad}:2:10:"), "not valid UTF-8", "byte offset 21"],
        );
    }
}

#[test]
fn dump_reads_invalid_utf8_as_buildkit_does() {
    let tmp = TempDir::new("dump-utf8");
    let bad = tmp.file("Dockerfile", b"FROM alpine\nRUN echo \xff\xfe\n");
    let out = stagecraft(&["dump", &bad], None);
    assert_no_panic(&out, "dump <invalid utf-8>");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Go's %q quoting of the invalid bytes, as `buildctl debug dump-llb`'s parser dump shows.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "(from \"alpine\")\n(run \"echo \\xff\\xfe\")\n"
    );
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let tmp = TempDir::new("huge");
    let path = tmp.0.join("Dockerfile");
    // Sparse: 16 MiB + 1 byte of zeroes costs no disk; the limit is checked on the metadata.
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(16 * 1024 * 1024 + 1).expect("set_len");
    drop(f);
    let huge = path_str(&path);
    for cmd in READERS {
        let out = stagecraft(&[cmd, &huge], None);
        assert_input_error(
            &out,
            &format!("{cmd} <huge>"),
            &[
                &huge,
                "16777217 bytes",
                "larger than the 16777216-byte limit",
            ],
        );
    }
}

#[test]
fn a_huge_stdin_is_refused() {
    let mut text = b"FROM alpine\n".to_vec();
    text.resize(16 * 1024 * 1024 + 1, b'#');
    for cmd in READERS {
        let out = stagecraft(&[cmd, "-"], Some(&text));
        assert_input_error(
            &out,
            &format!("{cmd} - <huge>"),
            &["<stdin>", "larger than 16777216 bytes"],
        );
    }
}

#[test]
fn a_file_at_the_limit_is_read() {
    let tmp = TempDir::new("limit");
    let mut text = b"FROM alpine\n".to_vec();
    text.resize(16 * 1024 * 1024, b'\n');
    let path = tmp.file("Dockerfile", &text);
    let out = stagecraft(&["dump", &path], None);
    assert_no_panic(&out, "dump <16 MiB>");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(from \"alpine\")\n");
}

#[test]
fn an_empty_file_is_reported_not_crashed_on() {
    let tmp = TempDir::new("empty");
    let empty = tmp.file("Dockerfile", b"");

    // BuildKit rejects it ("file with no instructions"): a rejected file, exit 1, one line.
    let out = stagecraft(&["dump", &empty], None);
    assert_no_panic(&out, "dump <empty>");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!("{empty}:1:1: file with no instructions\n")
    );

    // `graph` still prints the (empty) graph and names the problems on stderr.
    let out = stagecraft(&["graph", &empty], None);
    assert_no_panic(&out, "graph <empty>");
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{empty}:1:1: error[ParseError]: file with no instructions"
        )),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("graph JSON");
    assert_eq!(json["stages"], serde_json::json!([]));

    // `check` reports the parse error as a finding: exit 1, the file and position named.
    let out = stagecraft(&["check", &empty], None);
    assert_no_panic(&out, "check <empty>");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("file with no instructions"), "{text}");
    assert!(text.contains(&format!("{empty}:1:1")), "{text}");

    // `analyze` says there is nothing to build.
    let out = stagecraft(&["analyze", &empty], None);
    assert_no_panic(&out, "analyze <empty>");
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(all.to_lowercase().contains("no stage to build"), "{all}");
}

#[test]
fn stdin_dash_reads_standard_input() {
    let text = b"FROM alpine AS base\nRUN echo hi\n";
    for cmd in READERS {
        let out = stagecraft(&[cmd, "-"], Some(text));
        assert_no_panic(&out, &format!("{cmd} -"));
        assert_eq!(out.status.code(), Some(0), "{cmd} -: {}", stderr(&out));
        assert!(
            !out.stdout.is_empty() || cmd == "check",
            "{cmd} -: no output"
        );
    }
    let out = stagecraft(&["dump", "-"], Some(text));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "(from \"alpine\" \"AS\" \"base\")\n(run \"echo hi\")\n"
    );
    // Problems in standard input are named `<stdin>`.
    let out = stagecraft(&["dump", "-"], Some(b"FROM a\nENV a\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "<stdin>:2:1: ENV must have two arguments\n");
    for cmd in UTF8_READERS {
        let out = stagecraft(&[cmd, "-"], Some(b"\xffFROM alpine\n"));
        assert_input_error(
            &out,
            &format!("{cmd} - <invalid utf-8>"),
            &["<stdin>:1:1:", "not valid UTF-8"],
        );
    }
}

#[test]
fn empty_stdin_is_an_empty_file() {
    let out = stagecraft(&["dump", "-"], Some(b""));
    assert_no_panic(&out, "dump - <empty>");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "<stdin>:1:1: file with no instructions\n");
}

#[test]
fn unknown_flags_and_subcommands_are_usage_errors() {
    let cases: [&[&str]; 6] = [
        &["frobnicate"],
        &["check", "--no-such-flag", "Dockerfile"],
        &["graph", "--format", "png", "Dockerfile"],
        &["dump", "a", "b"],
        &["analyze"],
        &[],
    ];
    for args in cases {
        let out = stagecraft(args, None);
        let what = format!("stagecraft {}", args.join(" "));
        assert_no_panic(&out, &what);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{what}: stdout not empty");
        let err = stderr(&out);
        assert!(
            err.contains("Usage:") || err.contains("--help"),
            "{what}: no usage hint in {err:?}"
        );
        if !args.is_empty() {
            assert!(err.starts_with("error: "), "{what}: {err:?}");
        }
    }
}
