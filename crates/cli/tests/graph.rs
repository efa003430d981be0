//! `stagecraft graph` end to end: formats, options, stdin, diagnostics and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

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
            // The process may exit (bad option) before reading: a broken pipe is fine.
            let _ = pipe.write_all(bytes);
        }
    }
    child.wait_with_output().expect("wait")
}

const FILE: &str = "ARG GO=1.22\n\
FROM --platform=$BUILDPLATFORM golang:${GO} AS build\n\
RUN --mount=type=cache,target=/root/.cache go build -o /app\n\
FROM build AS test\n\
RUN go test ./...\n\
FROM gcr.io/distroless/static\n\
COPY --from=build /app /app\n";

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn json_from_stdin_with_defaults() {
    let v = json(&stagecraft(&["graph", "-"], Some(FILE.as_bytes())));
    assert_eq!(v["version"], 1);
    assert_eq!(v["target"], 2);
    assert_eq!(v["stages"][0]["base_resolved"], "golang:1.22");
    assert_eq!(v["stages"][1]["base_stage"], 0);
    assert_eq!(v["stages"][1]["reachable"], false);
    assert_eq!(v["edges"][3]["kind"], "copy");
    assert_eq!(v["edges"][3]["source"]["stage"], 0);
}

#[test]
fn target_build_arg_and_platform_options() {
    let v = json(&stagecraft(
        &[
            "graph",
            "-",
            "--target",
            "TEST",
            "--build-arg",
            "GO=1.23",
            "--platform",
            "linux/arm64",
        ],
        Some(FILE.as_bytes()),
    ));
    assert_eq!(v["target"], 1);
    assert_eq!(v["stages"][0]["base_resolved"], "golang:1.23");
    assert_eq!(v["stages"][2]["reachable"], false);
    assert_eq!(v["stages"][2]["platform_resolved"], "linux/arm64");
    // --platform=$BUILDPLATFORM keeps the build machine's platform.
    assert_eq!(v["stages"][0]["platform_resolved"], "linux/amd64");
}

#[test]
fn other_formats() {
    let dot = stagecraft(&["graph", "-", "--format", "dot"], Some(FILE.as_bytes()));
    assert!(dot.status.success());
    assert!(String::from_utf8_lossy(&dot.stdout).starts_with("digraph stages {"));
    let mm = stagecraft(
        &["graph", "-", "--format", "mermaid"],
        Some(FILE.as_bytes()),
    );
    assert!(String::from_utf8_lossy(&mm.stdout).starts_with("flowchart TB\n"));
    let svg = stagecraft(&["graph", "-", "--format", "svg"], Some(FILE.as_bytes()));
    let svg = String::from_utf8_lossy(&svg.stdout);
    assert!(svg.starts_with("<svg ") && svg.contains("data-testid=\"stage-graph\""));
    assert_eq!(svg.matches("data-testid=\"stage-node\"").count(), 3);
}

#[test]
fn diagnostics_go_to_stderr_with_positions() {
    let text = "FROM a AS one\nCOPY --from=two / /\nFROM b AS two\nCOPY --from=one / /\n";
    let out = stagecraft(&["graph", "-"], Some(text.as_bytes()));
    assert!(out.status.success(), "the graph is still printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        "<stdin>:2:6: error[CircularDependency]: circular dependency detected on stage: one"
    );
    let out = stagecraft(&["graph", "-", "--target", "nope"], Some(text.as_bytes()));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("target stage \"nope\" could not be found")
    );
    assert_eq!(json(&out)["target"], serde_json::Value::Null);
}

#[test]
fn input_and_option_errors_exit_2() {
    let out = stagecraft(&["graph", "/nonexistent/Dockerfile"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    let out = stagecraft(
        &["graph", "-", "--platform", "not/a/valid/platform"],
        Some(FILE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    let out = stagecraft(&["graph", "-", "--build-arg", "=x"], Some(FILE.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let out = stagecraft(&["graph", "-", "--format", "png"], Some(FILE.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
}
