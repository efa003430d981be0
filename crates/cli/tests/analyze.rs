//! `stagecraft analyze --context DIR` end to end on a real-Docker calibration case.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

/// `ADD vendor.tar.gz` writes the extracted tree; the CLI reads the archive's tar headers, so
/// the estimate equals what Docker measured (tests/calibration/files-add-chmod/measured.tsv),
/// and the later `chown -R` copy-up of that tree too.
#[test]
fn add_of_a_local_tar_gz_is_sized_from_its_contents() {
    let case =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/calibration/files-add-chmod");
    let out = Command::new(env!("CARGO_BIN_EXE_stagecraft"))
        .arg("analyze")
        .arg(case.join("Dockerfile"))
        .arg("--context")
        .arg(&case)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let measured = std::fs::read_to_string(case.join("measured.tsv")).unwrap();
    let real = |line: u64| -> u64 {
        measured
            .lines()
            .filter_map(|r| {
                let c: Vec<&str> = r.split('\t').collect();
                (c.get(1)?.parse::<u64>().ok()? == line).then(|| c.get(2)?.parse().ok())?
            })
            .next()
            .unwrap()
    };
    let layers = doc["stages"][0]["layers"].as_array().unwrap();
    let added = |line: u64| -> u64 {
        layers.iter().find(|l| l["line"] == line).unwrap()["added"]["estimate"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(added(3), real(3), "ADD vendor.tar.gz");
    assert_eq!(added(7), real(7), "chown -R of the extracted tree");
}
