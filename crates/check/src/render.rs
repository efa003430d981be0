//! Findings as JSON (versioned, `schemas/findings.schema.json`), SARIF 2.1.0 and rustc-like text.
//!
//! The JSON finding object is shared with `stagecraft analyze` ([`finding_json`]).

use serde_json::{json, Map, Value};
use stagecraft_syntax::{Diagnostic, LineIndex, Severity, TextRange};

use crate::rules;

/// The findings of one file, with the text they point into.
#[derive(Debug, Clone, Copy)]
pub struct FileFindings<'a> {
    /// The name to show (path as given, or `<stdin>`).
    pub file: &'a str,
    /// The file's text.
    pub text: &'a str,
    /// Its findings, in order.
    pub findings: &'a [Diagnostic],
}

/// Version of the JSON findings document.
pub const JSON_VERSION: u32 = 1;

/// 1-based line/column of both ends of `range` (columns in characters; the end column is
/// exclusive, i.e. the column just after the last character).
fn positions(text: &str, index: &LineIndex, range: TextRange) -> (u32, u32, u32, u32) {
    let (line, column) = index.line_col(text, range.start);
    let (end_line, end_column) = index.line_col(text, range.end);
    (line, column, end_line, end_column)
}

fn span_json(range: TextRange) -> Value {
    json!([range.start, range.end])
}

/// One finding as the JSON object shared by `check` and `analyze`:
/// `code, severity, message, line, column, end_line, end_column, span, help, url, fix, file,
/// origin, labels`.
pub fn finding_json(file: Option<&str>, text: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    let (line, column, end_line, end_column) = positions(text, index, d.range);
    let mut m = Map::new();
    m.insert("code".into(), json!(d.code));
    m.insert("severity".into(), json!(d.severity.as_str()));
    m.insert("message".into(), json!(d.message));
    m.insert("line".into(), json!(line));
    m.insert("column".into(), json!(column));
    m.insert("end_line".into(), json!(end_line));
    m.insert("end_column".into(), json!(end_column));
    m.insert("span".into(), span_json(d.range));
    m.insert("help".into(), json!(d.help));
    m.insert("url".into(), json!(d.url));
    let fix = match &d.fix {
        Some(f) => json!({
            "title": f.title,
            "edits": f.edits.iter().map(|e| json!({"span": span_json(e.range), "text": e.text})).collect::<Vec<_>>(),
        }),
        None => Value::Null,
    };
    m.insert("fix".into(), fix);
    if let Some(file) = file {
        m.insert("file".into(), json!(file));
    }
    let origin = rules::get(&d.code).map(|r| r.origin.as_str());
    m.insert("origin".into(), json!(origin));
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let (line, column, end_line, end_column) = positions(text, index, l.range);
            json!({
                "message": l.message,
                "span": span_json(l.range),
                "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            })
        })
        .collect();
    m.insert("labels".into(), Value::Array(labels));
    Value::Object(m)
}

/// The versioned JSON document `{"version":1,"findings":[…]}` for one or more files.
pub fn to_json(files: &[FileFindings<'_>]) -> Value {
    let mut findings = Vec::new();
    for f in files {
        let index = LineIndex::new(f.text);
        for d in f.findings {
            findings.push(finding_json(Some(f.file), f.text, &index, d));
        }
    }
    json!({ "version": JSON_VERSION, "findings": findings })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn sarif_region(text: &str, index: &LineIndex, range: TextRange) -> Value {
    let (line, column, end_line, end_column) = positions(text, index, range);
    json!({
        "startLine": line, "startColumn": column,
        "endLine": end_line, "endColumn": end_column,
    })
}

/// A SARIF 2.1.0 log with one run: every rule in `tool.driver.rules`, one result per finding
/// with its physical location, related locations (labels) and fixes.
pub fn to_sarif(files: &[FileFindings<'_>]) -> Value {
    let all = rules::all();
    let driver_rules: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.doc().what },
                "help": { "text": format!("{}\n\nFix: {}", r.doc().why, r.doc().fix) },
                "helpUri": r.url(),
                "defaultConfiguration": { "level": sarif_level(r.default_severity), "enabled": !r.experimental },
                "properties": { "origin": r.origin.as_str() },
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        let index = LineIndex::new(f.text);
        let uri = sarif_uri(f.file);
        for d in f.findings {
            let mut res = Map::new();
            res.insert("ruleId".into(), json!(d.code));
            if let Some(i) = all.iter().position(|r| r.code == d.code) {
                res.insert("ruleIndex".into(), json!(i));
            }
            res.insert("level".into(), json!(sarif_level(d.severity)));
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            res.insert("message".into(), json!({ "text": text }));
            res.insert(
                "locations".into(),
                json!([{ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": sarif_region(f.text, &index, d.range),
                }}]),
            );
            if !d.labels.is_empty() {
                let related: Vec<Value> = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        json!({
                            "id": i,
                            "message": { "text": l.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri },
                                "region": sarif_region(f.text, &index, l.range),
                            }
                        })
                    })
                    .collect();
                res.insert("relatedLocations".into(), Value::Array(related));
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": sarif_region(f.text, &index, e.range),
                            "insertedContent": { "text": e.text },
                        })
                    })
                    .collect();
                res.insert(
                    "fixes".into(),
                    json!([{
                        "description": { "text": fix.title },
                        "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
                    }]),
                );
            }
            results.push(Value::Object(res));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "stagecraft",
                "informationUri": "https://github.com/stagecraft/stagecraft",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// A relative URI for a file name (`<stdin>` becomes `stdin`; backslashes become slashes;
/// characters outside the URI-safe set are percent-encoded).
fn sarif_uri(file: &str) -> String {
    let file = if file == "<stdin>" { "stdin" } else { file };
    let mut out = String::new();
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// rustc-like text: `warning[Code]: message`, ` --> file:line:col`, the source line with carets,
/// labels, `= help:`, `= fix:` and `= see:` notes; one blank line between findings.
pub fn to_text(files: &[FileFindings<'_>]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(f.text);
        for d in f.findings {
            render_one(&mut out, f, &index, d);
            out.push('\n');
        }
    }
    out
}

fn line_text<'t>(text: &'t str, index: &LineIndex, line1: u32) -> &'t str {
    let start = index.line_start(line1) as usize;
    let rest = text.get(start..).unwrap_or("");
    let end = rest.find('\n').unwrap_or(rest.len());
    rest[..end].trim_end_matches('\r')
}

fn render_one(out: &mut String, f: &FileFindings<'_>, index: &LineIndex, d: &Diagnostic) {
    let (line, column, end_line, end_column) = positions(f.text, index, d.range);
    out.push_str(&format!(
        "{}[{}]: {}\n",
        d.severity.as_str(),
        d.code,
        d.message
    ));
    let gutter = end_line.max(line).to_string().len();
    let pad = " ".repeat(gutter);
    out.push_str(&format!("{pad}--> {}:{line}:{column}\n", f.file));
    out.push_str(&format!("{pad} |\n"));
    // At most three source lines; a longer span is elided in the middle.
    let mut shown: Vec<u32> = (line..=end_line).collect();
    if shown.len() > 3 {
        shown = vec![line, end_line];
    }
    let mut prev = None;
    for l in shown {
        if prev.is_some_and(|p: u32| l > p + 1) {
            out.push_str(&format!("{pad} ...\n"));
        }
        prev = Some(l);
        let src = line_text(f.text, index, l);
        out.push_str(&format!("{l:>gutter$} | {src}\n"));
        let width = src.chars().count() as u32;
        let from = if l == line { column } else { 1 };
        let to = if l == end_line { end_column } else { width + 1 };
        let from = from.min(width + 1);
        let carets = to.saturating_sub(from).max(1) as usize;
        let lead: String = src
            .chars()
            .take(from as usize - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!("{pad} | {lead}{}\n", "^".repeat(carets)));
    }
    for label in &d.labels {
        let (ll, lc) = index.line_col(f.text, label.range.start);
        out.push_str(&format!(
            "{pad} = note: {} ({}:{ll}:{lc})\n",
            label.message, f.file
        ));
    }
    if let Some(h) = &d.help {
        out.push_str(&format!("{pad} = help: {h}\n"));
    }
    if let Some(fix) = &d.fix {
        out.push_str(&format!("{pad} = fix: {}\n", fix.title));
    }
    if let Some(u) = &d.url {
        out.push_str(&format!("{pad} = see: {u}\n"));
    }
}

/// One-line summary: `N errors, N warnings, N infos in N files`.
pub fn summary(files: &[FileFindings<'_>]) -> String {
    let mut counts = [0usize; 3];
    for f in files {
        for d in f.findings {
            counts[match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {}",
        plural(counts[0], "error"),
        plural(counts[1], "warning"),
        plural(counts[2], "info"),
        plural(files.len(), "file")
    )
}
