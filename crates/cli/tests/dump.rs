//! `stagecraft dump` end to end: output equals BuildKit's reference dumps, and the exit codes
//! and messages for rejected and unreadable input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus() -> PathBuf {
    let shared = match std::env::var_os("STAGECRAFT_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    shared.join("conformance/corpus")
}

fn stagecraft(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stagecraft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stagecraft");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait")
}

#[test]
fn dumps_match_buildkit_reference() {
    let dir = corpus();
    // A few representative cases: continuation + escapes, heredocs, CRLF, BOM, escape=`.
    for name in [
        "buildkit_testfiles__escapes",
        "docker_buildx__Dockerfile",
        "adv_crlf_line_endings",
        "adv_utf8_bom",
        "adv_escape_backtick",
        "adv_onbuild_nested",
    ] {
        let input = dir.join(format!("{name}.Dockerfile"));
        let expected = std::fs::read_to_string(dir.join(format!("{name}.dump"))).expect("dump");
        let out = stagecraft(&["dump", input.to_str().expect("utf-8 path")], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {:?}", out);
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{name}");
        assert!(out.stderr.is_empty(), "{name}");
    }
}

#[test]
fn stdin_is_read_with_dash() {
    let out = stagecraft(&["dump", "-"], Some(b"FROM alpine\nRUN echo \\\n  hi\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "(from \"alpine\")\n(run \"echo   hi\")\n"
    );
}

#[test]
fn rejected_file_prints_location_and_exits_1() {
    let dir = corpus();
    let input = dir.join("adv_env_missing_value.Dockerfile");
    let path = input.to_str().expect("utf-8 path");
    let expected = std::fs::read_to_string(dir.join("adv_env_missing_value.error")).expect("err");
    let out = stagecraft(&["dump", path], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr, format!("{path}:2:1: {expected}"));

    let out = stagecraft(&["dump", "-"], Some(b"# only a comment\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "<stdin>:2:1: file with no instructions\n"
    );
}

#[test]
fn non_utf8_input_dumps_like_buildkit() {
    // BuildKit reads bytes: an invalid byte in a shell-form command is quoted as \xNN.
    let out = stagecraft(&["dump", "-"], Some(b"FROM a\nMAINTAINER Jos\xe9\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "(from \"a\")\n(maintainer \"Jos\\xe9\")\n"
    );
}

#[test]
fn unreadable_input_exits_2() {
    let out = stagecraft(&["dump", "/nonexistent/Dockerfile"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));

    let dir = std::env::temp_dir();
    let out = stagecraft(&["dump", dir.to_str().expect("utf-8 temp dir")], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}
