//! Compares our lowering with the reference `stages.json` files of the conformance corpus
//! (see ../shared/conformance/corpus/README.md): every stage (index, line, base, name,
//! platform, base_stage) and every `--from` / `from=` reference (line, value, target_stage).
//!
//! The reference resolves `target_stage` only against *earlier* stages; BuildKit resolves a
//! `--from` name against every stage. Where the reference says null and we resolve to a stage
//! at or after the current one, that is a forward reference and is counted, not failed.
//! Likewise the reference compares the *unexpanded* FROM word with stage names, while BuildKit
//! expands global ARGs first (`FROM base-${TARGETARCH}` names stage `base-amd64`): a stage whose
//! base is a stage only after expansion is counted separately.
#![allow(clippy::disallowed_methods)]

mod common;

use serde_json::Value;
use stagecraft_model::{BuildOptions, EdgeKind, Source};

#[test]
fn stages_and_from_refs_agree_with_reference() {
    let dir = common::corpus_dir();
    let files = common::dockerfiles(&dir, "", true);
    if files.is_empty() {
        eprintln!("note: corpus not found at {}; skipping", dir.display());
        return;
    }
    let (mut files_ok, mut stages_total, mut stages_ok, mut stages_expanded) = (0, 0, 0, 0);
    let (mut refs_total, mut refs_ok, mut refs_forward, mut refs_reported) = (0, 0, 0, 0);
    let mut mismatches: Vec<String> = Vec::new();
    for f in &files {
        let json = std::fs::read_to_string(dir.join(format!("{}.stages.json", f.name)))
            .expect("stages.json next to each Dockerfile");
        let reference: Value = serde_json::from_str(&json).expect("valid JSON");
        let (model, _) = f.lower(&BuildOptions::default());
        let before = mismatches.len();

        let ref_stages = reference["stages"].as_array().cloned().unwrap_or_default();
        if ref_stages.len() != model.stages.len() {
            mismatches.push(format!(
                "{}: {} stages in the reference, {} in ours",
                f.name,
                ref_stages.len(),
                model.stages.len()
            ));
        }
        for (r, s) in ref_stages.iter().zip(&model.stages) {
            stages_total += 1;
            let ref_name = r["name"].as_str().unwrap_or("");
            let ours_name = s.name.as_deref().unwrap_or("");
            let ours_base_stage = match s.source {
                Source::Stage(b) => Some(u64::from(b)),
                _ => None,
            };
            let same_platform = r["platform"].as_str() == s.platform.as_deref();
            let same = same_platform
                && r["index"].as_u64() == Some(u64::from(s.index))
                && r["line"].as_u64() == Some(u64::from(s.line))
                && r["base"].as_str() == Some(s.base.as_str())
                && ref_name == ours_name
                && r["base_stage"].as_u64() == ours_base_stage;
            let expanded = r["base_stage"].is_null()
                && s.base.contains('$')
                && ours_base_stage
                    .and_then(|b| model.stages.get(b as usize))
                    .is_some_and(|b| b.name.as_deref() == Some(s.base_resolved.as_str()));
            let same_but_base = same_platform
                && r["index"].as_u64() == Some(u64::from(s.index))
                && r["line"].as_u64() == Some(u64::from(s.line))
                && r["base"].as_str() == Some(s.base.as_str())
                && ref_name == ours_name;
            if same {
                stages_ok += 1;
            } else if same_but_base && expanded {
                stages_expanded += 1;
            } else {
                mismatches.push(format!(
                    "{}: stage {} reference {} vs ours line {} base {:?} name {:?} base_stage {:?}",
                    f.name, s.index, r, s.line, s.base, ours_name, ours_base_stage
                ));
            }
        }

        for r in reference["from_refs"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            refs_total += 1;
            let line = r["line"].as_u64().unwrap_or(0);
            let value = r["value"].as_str().unwrap_or("");
            let kind = if r["flag"] == "mount" {
                EdgeKind::Mount
            } else {
                EdgeKind::Copy
            };
            let edge = model.edges.iter().find(|e| {
                u64::from(e.line) == line && e.raw == value && e.kind == kind && !e.onbuild
            });
            let Some(edge) = edge else {
                // BuildKit refuses some references (variables, bad indexes, ADD --from):
                // those must be reported on that line instead.
                let reported = model.diagnostics.iter().any(|d| {
                    let at = f
                        .bytes
                        .get(..d.range.start as usize)
                        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() as u64 + 1);
                    at == line
                });
                if reported {
                    refs_reported += 1;
                } else {
                    mismatches.push(format!("{}: no edge for reference {}", f.name, r));
                }
                continue;
            };
            let ours = match edge.source {
                Source::Stage(s) => Some(u64::from(s)),
                _ => None,
            };
            match (r["target_stage"].as_u64(), ours) {
                (a, b) if a == b => refs_ok += 1,
                (None, Some(s)) if s >= u64::from(edge.to) => refs_forward += 1,
                _ => mismatches.push(format!(
                    "{}: reference {} resolves to {:?} in ours",
                    f.name, r, edge.source
                )),
            }
        }
        if mismatches.len() == before {
            files_ok += 1;
        }
    }
    println!(
        "corpus agreement: files {files_ok}/{}, stages {}/{stages_total} ({stages_ok} equal, {stages_expanded} based on a stage only after ARG expansion), from refs {}/{refs_total} ({refs_ok} equal, {refs_forward} forward references resolved to a later stage, {refs_reported} refused by BuildKit and reported)",
        files.len(),
        stages_ok + stages_expanded,
        refs_ok + refs_forward + refs_reported,
    );
    assert!(
        mismatches.is_empty(),
        "mismatches:\n{}",
        mismatches.join("\n")
    );
}
