//! Base-image lookups against the committed tables (shared/kb rows via data/images.tsv).

use stagecraft_knowledge::{
    lookup_image, parse_image_ref, Certainty, ImageLookup, MatchKind, OsFamily,
};

fn known(r: &str) -> Box<stagecraft_knowledge::ImageFacts> {
    match lookup_image(r) {
        ImageLookup::Known(f) => f,
        ImageLookup::Unknown { reason, .. } => panic!("{r}: unknown ({reason})"),
    }
}

#[test]
fn reference_parsing() {
    let r = parse_image_ref("docker.io/library/python:3.11-slim@sha256:abc");
    assert_eq!(r.registry, "docker.io");
    assert_eq!(r.repository, "python");
    assert_eq!(r.tag.as_deref(), Some("3.11-slim"));
    assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
    let r = parse_image_ref("localhost:5000/team/app");
    assert_eq!(r.registry, "localhost:5000");
    assert_eq!(r.repository, "team/app");
    assert_eq!(r.tag, None);
    let r = parse_image_ref("library/node:22");
    assert_eq!(r.key(), "node");
    let r = parse_image_ref("gcr.io/distroless/static-debian12:nonroot");
    assert_eq!(r.key(), "gcr.io/distroless/static-debian12");
    assert_eq!(
        parse_image_ref("index.docker.io/nvidia/cuda:12.2.0-base-ubuntu22.04").key(),
        "nvidia/cuda"
    );
}

#[test]
fn exact_rows_carry_repo_info_figures() {
    let f = known("python:3.12-slim");
    assert_eq!(f.matched, MatchKind::Exact);
    // shared/kb images.tsv: compressed 43188023, virtual 119200000 (different build → ±3 %).
    assert_eq!(f.compressed.estimate, 43_188_023);
    assert!(f.compressed.is_exact());
    assert_eq!(f.uncompressed.estimate, 119_200_000);
    assert!(f.uncompressed.contains(119_200_000 * 102 / 100));
    assert_eq!(f.provenance.certainty, Certainty::Measured);
    assert_eq!(f.os, OsFamily::Debian);
    assert_eq!(f.release, Some("trixie"));
}

#[test]
fn aliases_are_the_same_row() {
    let base = known("python:3.11");
    for alias in [
        "docker.io/library/python:3.11",
        "library/python:3.11",
        "python:3.11.9",
        "python:3.11-trixie",
        "python:3.11@sha256:0123",
    ] {
        let f = known(alias);
        assert_eq!(f.compressed.estimate, base.compressed.estimate, "{alias}");
        assert!(
            !matches!(f.matched, MatchKind::Nearest { .. }),
            "{alias}: {:?}",
            f.matched
        );
    }
    assert_eq!(
        known("debian:12-slim").compressed,
        known("debian:bookworm-slim").compressed
    );
    assert_eq!(
        known("ubuntu:jammy").compressed,
        known("ubuntu:22.04").compressed
    );
}

#[test]
fn nearest_version_is_inferred_and_wider() {
    let exact = known("python:3.10-alpine");
    let f = known("python:3.8-alpine3.18");
    assert_eq!(
        f.matched,
        MatchKind::Nearest {
            row: "python:3.10-alpine".into()
        }
    );
    assert_eq!(f.provenance.certainty, Certainty::Inferred);
    assert!(f.compressed.low < exact.compressed.low);
    assert!(f.compressed.high > exact.compressed.high);
    // Another Debian release of the same tag.
    let f = known("python:3.11-slim-bookworm");
    assert!(matches!(f.matched, MatchKind::Nearest { .. }));
    assert!(f.provenance.note.contains("bookworm"));
    // A rolling tag stands in for a versioned one.
    assert!(matches!(
        known("rust:1.80-slim").matched,
        MatchKind::Nearest { .. }
    ));
    // `latest` without a row: newest known version.
    assert_eq!(
        known("python").matched,
        MatchKind::Nearest {
            row: "python:3.13".into()
        }
    );
}

#[test]
fn uncompressed_from_ratio_when_not_measured() {
    let f = known("nginx:latest"); // no virtual size in shared/kb
    assert_eq!(f.uncompressed_provenance.certainty, Certainty::Inferred);
    assert!(f.uncompressed_provenance.note.contains("median ratio"));
    assert!(f.uncompressed.low >= f.compressed.estimate * 2);
    assert!(f.uncompressed.estimate > f.uncompressed.low);
}

#[test]
fn scratch_unknown_and_variables() {
    let s = known("scratch");
    assert!(s.compressed.is_exact() && s.compressed.estimate == 0);
    assert!(!s.has_shell);
    for r in [
        "example.com/acme/app:1.0",
        "my-private-image",
        "${BASE_IMAGE}",
        "",
    ] {
        assert!(
            matches!(lookup_image(r), ImageLookup::Unknown { .. }),
            "{r} should be unknown"
        );
    }
}

#[test]
fn tools_and_package_sets() {
    let f = known("python:3.9");
    assert_eq!(f.has_tool("gcc"), Some(true));
    assert_eq!(f.has_tool("make"), Some(true));
    let f = known("python:3.12-slim");
    assert_eq!(f.has_tool("gcc"), Some(false));
    let f = known("node:22");
    assert_eq!(f.has_tool("npm"), Some(true));
    assert_eq!(f.has_tool("yarn"), Some(true));
    assert_eq!(f.has_tool("gcc"), Some(true));
    let f = known("golang:1.25-alpine");
    assert_eq!(f.has_tool("gcc"), Some(false));
    assert_eq!(f.os.package_manager(), Some("apk"));
    assert!(f.apt_base.is_none());
    let d = known("gcr.io/distroless/static-debian12:nonroot");
    assert!(!d.has_shell);
    assert!(known("gcr.io/distroless/base-debian12:debug").has_shell);
}

#[test]
fn cuda_flavours_are_modelled_in_order() {
    let tags = [
        "12.4.1-base-ubuntu22.04",
        "12.4.1-runtime-ubuntu22.04",
        "12.4.1-cudnn-runtime-ubuntu22.04",
        "12.4.1-devel-ubuntu22.04",
        "12.4.1-cudnn-devel-ubuntu22.04",
    ];
    let sizes: Vec<u64> = tags
        .iter()
        .map(|t| {
            let f = known(&format!("nvidia/cuda:{t}"));
            assert!(matches!(f.matched, MatchKind::Model { .. }), "{t}");
            assert_eq!(f.provenance.certainty, Certainty::Inferred);
            f.uncompressed.estimate
        })
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{sizes:?}");
    let f = known("nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04");
    assert!(
        f.uncompressed.low
            < known("nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04")
                .uncompressed
                .low
    );
}

#[test]
fn snapshot_of_common_references() {
    let refs = [
        "python:3.11",
        "python:3.12-slim",
        "python:3.13-alpine",
        "python:3.9",
        "node:22-alpine",
        "node:20-slim",
        "golang:1.22",
        "golang:1.25-alpine",
        "rust:1-slim",
        "alpine:3.19",
        "debian:bookworm-slim",
        "ubuntu:24.04",
        "eclipse-temurin:17-jre",
        "gcr.io/distroless/static-debian12",
        "nvidia/cuda:12.2.0-runtime-ubuntu22.04",
        "scratch",
        "nosuch/image:1",
    ];
    let out: Vec<_> = refs
        .iter()
        .map(|r| match lookup_image(r) {
            ImageLookup::Known(f) => serde_json::json!({
                "ref": r,
                "match": f.matched,
                "os": f.os,
                "release": f.release,
                "compressed": f.compressed,
                "uncompressed": f.uncompressed,
                "certainty": f.provenance.certainty,
                "apt_base": f.apt_base,
            }),
            ImageLookup::Unknown { reason, .. } => serde_json::json!({"ref": r, "unknown": reason}),
        })
        .collect();
    insta::assert_json_snapshot!(out);
}

#[test]
fn python_image_helpers() {
    let f = known("python:3.11-slim");
    assert_eq!(f.python_minor(), Some(11));
    let pre = f.pip_preinstalled();
    assert!(pre.contains("pip") && pre.contains("setuptools"), "{pre:?}");
    let f = known("python:3.12");
    assert_eq!(f.python_minor(), Some(12));
    assert!(!f.pip_preinstalled().contains("setuptools"));
    assert_eq!(known("node:22").python_minor(), None);
}

#[test]
fn tools_borrowed_from_a_sibling_tag_are_inferred() {
    // node:20 has only a published size; node:18 maps to it. Tools come from node:22.
    let f = known("node:18");
    let npm = f.tool("npm").expect("npm fact");
    assert_eq!(npm.present, stagecraft_knowledge::Presence::Yes);
    assert_eq!(
        npm.evidence,
        stagecraft_knowledge::image::ToolEvidence::Inferred
    );
    assert_eq!(f.has_tool("yarn"), Some(true));
    assert_eq!(f.has_tool("gcc"), Some(true));
}
