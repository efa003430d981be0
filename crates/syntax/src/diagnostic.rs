//! The one diagnostic type used everywhere: parser errors, parser warnings and findings.
//!
//! Spans are `u32` byte offsets into the original text ([`TextRange`]); conversion to
//! line/column (or UTF-16 columns for the editor) happens at the edges via [`LineIndex`].

use serde::Serialize;

/// A half-open byte range `start..end` into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct TextRange {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl TextRange {
    /// A range from `start` to `end`; `end` is clamped so it is never before `start`.
    pub fn new(start: u32, end: u32) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    /// An empty range at `offset`.
    pub fn empty(offset: u32) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    /// Length in bytes.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// True if the range covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True if `offset` lies inside (the end is exclusive, but an empty range contains its start).
    pub fn contains(self, offset: u32) -> bool {
        (self.start <= offset && offset < self.end) || (self.is_empty() && offset == self.start)
    }

    /// The range as `usize` bounds, for slicing.
    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; no action required.
    Info,
    /// Likely a mistake or waste.
    Warning,
    /// BuildKit would reject the file, or the rule was promoted to an error.
    Error,
}

impl Severity {
    /// Lower-case name as used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary span with a short label ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub range: TextRange,
    /// What it is.
    pub message: String,
}

/// One replacement of the text in `range` by `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    /// The bytes to replace (empty for an insertion).
    pub range: TextRange,
    /// The replacement.
    pub text: String,
}

/// A mechanical fix: a title for the button and non-overlapping edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, e.g. "Name the stage `builder`".
    pub title: String,
    /// Edits, sorted by start, not overlapping.
    pub edits: Vec<TextEdit>,
}

impl Fix {
    /// Apply the edits to `text`. Edits that overlap or fall outside the text are skipped.
    pub fn apply(&self, text: &str) -> String {
        let mut edits: Vec<&TextEdit> = self.edits.iter().collect();
        crate::sort::sort_by_key(&mut edits, |e| (e.range.start, e.range.end));
        let mut out = String::with_capacity(text.len());
        let mut pos = 0usize;
        for e in edits {
            let r = e.range.as_usize();
            if r.start < pos
                || r.end > text.len()
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(r.end)
            {
                continue;
            }
            out.push_str(&text[pos..r.start]);
            out.push_str(&e.text);
            pos = r.end;
        }
        out.push_str(&text[pos..]);
        out
    }
}

/// A message about the source text with a primary span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable identifier, e.g. `StageNameCasing`, `BuildToolsInFinalImage`, `ParseError`.
    pub code: String,
    /// How serious.
    pub severity: Severity,
    /// One-sentence message.
    pub message: String,
    /// Primary span.
    pub range: TextRange,
    /// Secondary spans.
    pub labels: Vec<Label>,
    /// How to fix it, in words.
    pub help: Option<String>,
    /// A mechanical fix.
    pub fix: Option<Fix>,
    /// Link to the rule's documentation.
    pub url: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no labels, help, fix or url.
    pub fn new(
        code: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
        range: TextRange,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            message: message.into(),
            range,
            labels: Vec::new(),
            help: None,
            fix: None,
            url: None,
        }
    }

    /// An error.
    pub fn error(code: impl Into<String>, message: impl Into<String>, range: TextRange) -> Self {
        Self::new(code, Severity::Error, message, range)
    }

    /// A warning.
    pub fn warning(code: impl Into<String>, message: impl Into<String>, range: TextRange) -> Self {
        Self::new(code, Severity::Warning, message, range)
    }

    /// Builder: add help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Builder: add a secondary label.
    pub fn with_label(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            range,
            message: message.into(),
        });
        self
    }

    /// Builder: add a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Builder: add a documentation link.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// Maps byte offsets to 1-based lines and columns (columns counted in bytes, UTF-8 chars or
/// UTF-16 units as asked).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line. `\n` ends a line (a preceding `\r` stays in it).
    starts: Vec<u32>,
}

impl LineIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        Self { starts }
    }

    /// 0-based line containing `offset`.
    pub fn line0(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and 1-based column in *characters* (what editors and rustc show).
    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let offset = offset.min(text.len() as u32);
        let line = self.line0(offset);
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = text[start..end].chars().count() as u32 + 1;
        (line as u32 + 1, col)
    }

    /// 0-based line and 0-based UTF-16 column, as JavaScript editors count.
    pub fn line_col_utf16(&self, text: &str, offset: u32) -> (u32, u32) {
        let offset = offset.min(text.len() as u32);
        let line = self.line0(offset);
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let col: usize = text[start..end].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    /// Byte offset of the start of 1-based `line` (clamped).
    pub fn line_start(&self, line: u32) -> u32 {
        let i = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        self.starts[i]
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Never true: even empty text has one line.
    pub fn is_empty(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let text = "FROM a\nRUN café x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap() as u32;
        assert_eq!(idx.line_col(text, x), (2, 10));
        assert_eq!(idx.line_col_utf16(text, x), (1, 9));
    }

    #[test]
    fn fix_applies_sorted_edits_and_skips_overlaps() {
        let fix = Fix {
            title: "t".into(),
            edits: vec![
                TextEdit {
                    range: TextRange::new(5, 6),
                    text: "B".into(),
                },
                TextEdit {
                    range: TextRange::new(0, 1),
                    text: "A".into(),
                },
                TextEdit {
                    range: TextRange::new(0, 2),
                    text: "X".into(),
                },
            ],
        };
        assert_eq!(fix.apply("abcdefg"), "AbcdeBg");
    }
}
