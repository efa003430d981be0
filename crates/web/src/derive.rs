//! Everything the panels show, derived from the state by asking the core. Pure: called from
//! `use_memo`, recomputed only when the text, the build options or the context change.

use crate::editor::{Mark, MarkEdit, MarkFix, Utf16Map};
use crate::state::{BuildSettings, ContextEntry};
use stagecraft_analysis::{analyze, Analysis, Options};
use stagecraft_knowledge::human_bytes;
use stagecraft_model::{render_svg, SizeLabel, SvgOptions};
use stagecraft_simulate::{Context, ContextFile, Simulation};
use stagecraft_syntax::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The core's answers for one state, plus their editor-ready forms.
#[derive(Debug)]
pub struct Derived {
    /// The analysis (parse, model, graph, simulation, findings).
    pub analysis: Analysis,
    /// Every diagnostic once, in position order.
    pub diagnostics: Vec<Diagnostic>,
    /// Byte → UTF-16 offsets of the analysed text.
    pub utf16: Utf16Map,
    /// The diagnostics as editor marks.
    pub marks: Rc<Vec<Mark>>,
    /// The stage graph (the core's SVG renderer, with simulated sizes).
    pub svg: Rc<str>,
}

/// The virtual build context the core reads, from the files the user added.
pub fn context(entries: &[ContextEntry]) -> Context {
    let files = entries
        .iter()
        .map(|e| ContextFile {
            path: e.path.clone(),
            size: e.size,
        })
        .collect();
    let manifests: BTreeMap<String, String> = entries
        .iter()
        .filter_map(|e| Some((e.path.clone(), e.contents.clone()?)))
        .collect();
    let dockerignore = manifests.get(".dockerignore").cloned();
    // Files the user added are part of the context, not all of it (a pasted requirements.txt
    // says nothing of the sources `COPY . .` brings).
    Context::new(files, manifests, dockerignore.as_deref()).partial()
}

impl Derived {
    /// The build simulation (sizes, layers, files, tools, caches, secrets), owned by the analysis.
    pub fn simulation(&self) -> &Simulation {
        &self.analysis.simulation
    }
}

/// Runs the core over `text` with the user's options and context.
pub fn derive(text: &str, build: &BuildSettings, entries: &[ContextEntry]) -> Derived {
    let options = Options {
        target: build.target.clone(),
        build_args: build
            .build_args
            .iter()
            .filter(|(k, _)| !k.trim().is_empty())
            .cloned()
            .collect(),
        platform: build.platform.clone(),
        // No files added: the context is unknown (wide ranges), as `stagecraft analyze` without
        // `--context` — not a known, empty context in which every COPY would match nothing.
        context: (!entries.is_empty()).then(|| context(entries)),
    };
    let analysis = analyze(text, &options);
    let simulation = &analysis.simulation;
    let diagnostics = analysis.diagnostics();
    let utf16 = Utf16Map::new(text);
    let marks = Rc::new(diagnostics.iter().map(|d| mark(d, &utf16)).collect());

    let largest = simulation
        .stages
        .iter()
        .map(|s| s.size.estimate)
        .max()
        .unwrap_or(0)
        .max(1);
    let sizes: Vec<Option<SizeLabel>> = simulation
        .stages
        .iter()
        .map(|s| {
            Some(SizeLabel {
                text: format!("≈ {}", human_bytes(s.size.estimate)),
                fraction: s.size.estimate as f64 / largest as f64,
            })
        })
        .collect();
    let svg = render_svg(
        &analysis.graph,
        &SvgOptions {
            sizes: &sizes,
            id_prefix: None,
        },
    );

    Derived {
        analysis,
        diagnostics,
        utf16,
        marks,
        svg: Rc::from(svg),
    }
}

/// CodeMirror's name for a severity.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn mark(d: &Diagnostic, utf16: &Utf16Map) -> Mark {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    Mark {
        from: utf16.utf16(d.range.start),
        to: utf16.utf16(d.range.end),
        severity: severity_name(d.severity),
        message,
        source: d.code.clone(),
        fixes: d
            .fix
            .iter()
            .map(|f| MarkFix {
                title: f.title.clone(),
                edits: edits(f, utf16),
            })
            .collect(),
    }
}

/// A fix's edits in UTF-16 offsets.
pub fn edits(fix: &stagecraft_syntax::Fix, utf16: &Utf16Map) -> Vec<MarkEdit> {
    fix.edits
        .iter()
        .map(|e| MarkEdit {
            from: utf16.utf16(e.range.start),
            to: utf16.utf16(e.range.end),
            insert: e.text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derived_graph_carries_the_test_hooks_and_sizes() {
        let text = "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n";
        let d = derive(text, &BuildSettings::default(), &[]);
        assert!(d.svg.contains("data-testid=\"stage-graph\""));
        assert_eq!(d.svg.matches("data-testid=\"stage-node\"").count(), 2);
        assert!(d.svg.contains('≈'), "size labels from the simulation");
        assert_eq!(d.simulation().stages.len(), 2);
    }

    #[test]
    fn marks_use_utf16_offsets() {
        // `AS Build` breaks BuildKit's StageNameCasing rule; the é before it shifts offsets.
        let text = "# é\nFROM alpine AS Build\n";
        let d = derive(text, &BuildSettings::default(), &[]);
        let d0 = d
            .diagnostics
            .iter()
            .find(|d| d.code == "StageNameCasing")
            .expect("finding");
        let m = d
            .marks
            .iter()
            .find(|m| m.source == "StageNameCasing")
            .expect("mark");
        assert_eq!(m.from, d0.range.start - 1);
        assert_eq!(m.fixes.len(), usize::from(d0.fix.is_some()));
    }

    #[test]
    fn target_and_context_reach_the_core() {
        let text = "FROM python:3.12-slim AS app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM alpine AS other\n";
        let build = BuildSettings {
            target: Some("app".into()),
            ..Default::default()
        };
        let entry = ContextEntry {
            path: "requirements.txt".into(),
            size: 6,
            contents: Some("flask\n".into()),
        };
        let with = derive(text, &build, &[entry]);
        let without = derive(text, &build, &[]);
        let reach: Vec<_> = with.analysis.stages.iter().map(|s| s.reachable).collect();
        assert_eq!(reach, [true, false]);
        assert_ne!(
            with.simulation().stages[0].size,
            without.simulation().stages[0].size,
            "the requirements file changes the estimate"
        );
    }
}
