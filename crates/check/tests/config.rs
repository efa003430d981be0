//! Configuration: the `# check=` directive (file-wide and per instruction), the
//! `BUILDKIT_DOCKERFILE_CHECK` build argument, `# stagecraft:ignore=`, and ordering.

// Tests may unwrap: the purity rules are for the library.
#![allow(clippy::unwrap_used)]

use stagecraft_check::{check, CheckOptions};
use stagecraft_syntax::Severity;

const FAT: &str = "FROM python:3.12\nCOPY app.py /app.py\nCMD python /app.py\n";

fn codes(text: &str, options: &CheckOptions) -> Vec<String> {
    check(text, options).into_iter().map(|d| d.code).collect()
}

#[test]
fn inline_suppression_on_the_line_before() {
    let all = codes(FAT, &CheckOptions::default());
    assert!(all.contains(&"FatRuntimeBase".to_string()));
    assert!(all.contains(&"JSONArgsRecommended".to_string()));
    let text = "# stagecraft:ignore=FatRuntimeBase\nFROM python:3.12\nCOPY app.py /app.py\n# why: a comment in between is fine\n# stagecraft:ignore=JSONArgsRecommended,UnusedStage\nCMD python /app.py\n";
    let got = codes(text, &CheckOptions::default());
    assert!(!got.contains(&"FatRuntimeBase".to_string()), "{got:?}");
    assert!(!got.contains(&"JSONArgsRecommended".to_string()), "{got:?}");
    // A suppression further up (separated by an instruction) does not reach.
    let text =
        "# stagecraft:ignore=JSONArgsRecommended\nFROM python:3.12-slim\nCMD python /app.py\n";
    assert!(codes(text, &CheckOptions::default()).contains(&"JSONArgsRecommended".to_string()));
}

#[test]
fn check_directive_skips_and_promotes() {
    let skip = format!("# check=skip=FatRuntimeBase,JSONArgsRecommended\n{FAT}");
    let got = codes(&skip, &CheckOptions::default());
    assert!(
        !got.contains(&"FatRuntimeBase".to_string())
            && !got.contains(&"JSONArgsRecommended".to_string())
    );
    assert!(codes(
        &format!("# check=skip=all\n{FAT}"),
        &CheckOptions::default()
    )
    .is_empty());
    let err = check(
        &format!("# check=error=true\n{FAT}"),
        &CheckOptions::default(),
    );
    let json_args = err
        .iter()
        .find(|d| d.code == "JSONArgsRecommended")
        .unwrap();
    assert_eq!(json_args.severity, Severity::Error);
    // error=true promotes BuildKit's rules only.
    let fat = err.iter().find(|d| d.code == "FatRuntimeBase").unwrap();
    assert_eq!(fat.severity, Severity::Warning);
    // The build argument replaces the directive, as in BuildKit.
    let options = CheckOptions {
        build_args: vec![(
            "BUILDKIT_DOCKERFILE_CHECK".into(),
            "skip=JSONArgsRecommended".into(),
        )],
        ..CheckOptions::default()
    };
    let got = codes(&format!("# check=skip=all\n{FAT}"), &options);
    assert!(
        got.contains(&"FatRuntimeBase".to_string())
            && !got.contains(&"JSONArgsRecommended".to_string())
    );
    // A local `# check=` comment applies to the next instruction only.
    let text = "FROM alpine\n# check=skip=JSONArgsRecommended\nCMD a\nENTRYPOINT b\n";
    let got = codes(text, &CheckOptions::default());
    assert_eq!(
        got.iter().filter(|c| *c == "JSONArgsRecommended").count(),
        1
    );
}

#[test]
fn findings_are_ordered_by_span_then_code() {
    let text = "FROM python:3.12 as Build\nMAINTAINER x\nRUN pip install flask\nCMD run\n";
    let findings = check(text, &CheckOptions::default());
    let keys: Vec<(u32, u32, String)> = findings
        .iter()
        .map(|d| (d.range.start, d.range.end, d.code.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(findings.len() >= 5);
    assert_eq!(check(text, &CheckOptions::default()), findings);
}

#[test]
fn hostile_input_never_panics() {
    let inputs = [
        "",
        "\u{feff}",
        "FROM",
        "FROM a AS",
        "RUN \\",
        "FROM a\nCOPY --from= x y\nRUN --mount=from=,target=/x rm -rf /\n",
        "FROM a\nRUN <<EOF\nrm -rf /\n",
        "FROM ${A:?x}\n",
        "FROM a\nEXPOSE :::/\nEXPOSE 80/TCP:1\n",
        "FROM a AS b\nCOPY --from=b . .\nFROM b\nCOPY --from=1 / /\n",
        "# check=skip=\n# check=error=maybe\nFROM a\nWORKDIR é\nENV é=$é\n",
        "FROM a\nRUN chmod\nRUN chmod 7\nRUN rm\nRUN apt-get install\nRUN pip install\n",
    ];
    for text in inputs {
        let _ = check(text, &CheckOptions::default());
        let _ = check(
            text,
            &CheckOptions {
                all_stages: true,
                target: Some("b".into()),
                ..CheckOptions::default()
            },
        );
    }
}

#[test]
fn buildkit_rules_stop_where_buildkit_stops() {
    // `${x:?}` fails the build at line 2: BuildKit still reports `$x`, but never gets to `$y`.
    let text = "FROM alpine\nCOPY ${x:?} .\nCOPY $y .\n";
    let undefined: Vec<String> = check(text, &CheckOptions::default())
        .into_iter()
        .filter(|d| d.code == "UndefinedVar")
        .map(|d| d.message)
        .collect();
    assert_eq!(
        undefined,
        vec!["Usage of undefined variable '$x'".to_string()]
    );
}

#[test]
fn estimates_come_from_the_build_simulation() {
    let text =
        "FROM python:3.12-slim\nRUN pip install flask\nCOPY app /app\nRUN chmod -R 755 /app\n";
    let with = stagecraft_check::check_with_estimates(text, &CheckOptions::default());
    let help = |fs: &[stagecraft_syntax::Diagnostic], code: &str| {
        fs.iter()
            .find(|d| d.code == code)
            .and_then(|d| d.help.clone())
            .unwrap_or_default()
    };
    assert!(
        help(&with, "PackageCacheInImage").contains("Estimated: ≈"),
        "{with:#?}"
    );
    assert!(help(&with, "CopyUpByChmod").contains("Estimated: this layer stores ≈"));
    let without = check(text, &CheckOptions::default());
    assert!(!help(&without, "PackageCacheInImage").contains("Estimated"));
}

#[test]
fn onbuild_triggers_are_checked_where_they_run() {
    let text = "FROM alpine AS base\nONBUILD COPY $foo /x\n\nFROM base\nRUN true\n";
    let found: Vec<(String, u32)> = check(text, &CheckOptions::default())
        .into_iter()
        .filter(|d| d.code == "UndefinedVar")
        .map(|d| (d.message, d.range.start))
        .collect();
    assert_eq!(
        found,
        vec![("Usage of undefined variable '$foo'".to_string(), 42)]
    );
}

#[test]
fn unknown_target_is_an_error_with_a_suggestion() {
    let text = "FROM alpine AS build\nRUN true\nFROM alpine AS final\n";
    let options = CheckOptions {
        target: Some("biuld".into()),
        ..CheckOptions::default()
    };
    let d = check(text, &options);
    let e = d.iter().find(|d| d.code == "TargetNotFound").unwrap();
    assert_eq!(
        e.message,
        "target stage \"biuld\" could not be found (did you mean build?)"
    );
    assert_eq!(e.severity, Severity::Error);
}
