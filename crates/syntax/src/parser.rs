//! The parser: BuildKit's `parser.Parse` re-done over bytes, keeping every byte and its span.
//!
//! The structure follows BuildKit's algorithm step by step (line scanner with its 64 KiB
//! limit, directives, comment and continuation handling, `splitCommand`, the per-instruction
//! line parsers, heredoc collection) so that the values and errors are the same; on top of
//! it we record where every piece came from.

use crate::ast::{
    ArgDecl, Args, Command, Directive, Dockerfile, Flag, Heredoc, Instruction, KeyValue, Keyword,
    KeywordText, Parse, Rejection, SharedText, Trivia, TriviaKind, Word,
};
use crate::diagnostic::{Diagnostic, TextRange};
use crate::go;
use crate::heredoc_lex;
use crate::json::{self, JsonArray};
use std::borrow::Cow;

/// BuildKit reads lines with `bufio.Scanner`, whose default token limit is 64 KiB.
const MAX_TOKEN: usize = 64 * 1024;

/// Error code of every parse error.
pub const PARSE_ERROR: &str = "ParseError";
/// Warning code for an empty line inside a continuation (BuildKit's rule name).
pub const NO_EMPTY_CONTINUATION: &str = "NoEmptyContinuation";

/// ONBUILD nesting deeper than this is kept as an unknown instruction body (only hand-made
/// adversarial input nests ONBUILD at all).
const MAX_ONBUILD_DEPTH: usize = 64;

/// Parse Dockerfile text. Never fails; see [`Parse`].
pub fn parse(text: &str) -> Parse {
    let limit = text.len().min(u32::MAX as usize - 1);
    let mut p = Parser::new(&text.as_bytes()[..limit]);
    p.utf8 = text.get(..limit);
    p.shared = p.utf8.map(std::sync::Arc::from);
    p.run();
    p.finish()
}

/// Parse raw bytes (which may not be UTF-8) exactly as BuildKit reads a file.
pub fn parse_bytes(src: &[u8]) -> Parse {
    // Offsets are u32: longer input is cut off (and reported) rather than mis-spanned.
    let limit = src.len().min(u32::MAX as usize - 1);
    let mut p = Parser::new(&src[..limit]);
    p.utf8 = std::str::from_utf8(&src[..limit]).ok();
    p.shared = p.utf8.map(std::sync::Arc::from);
    p.run();
    p.finish()
}

/// A piece of the joined logical line and where it came from.
#[derive(Clone, Copy)]
struct Seg {
    joined: usize,
    src: usize,
}

/// The joined logical line of one instruction with its source map. Most instructions are
/// one line: then the text is borrowed and the map is a plain offset.
struct Line<'a> {
    text: Cow<'a, [u8]>,
    /// Pieces after the first, once there are several (empty: one piece at `anchor`).
    segs: Vec<Seg>,
    /// Source offset of the first piece (also where empty ranges go when the line has no
    /// text at all, e.g. a lone escape character).
    anchor: usize,
    /// A buffer to join into once a second piece comes, handed over by the parser so that
    /// its capacity serves instruction after instruction.
    spare: Vec<u8>,
}

/// A joined line with its text checked for UTF-8 once, so that slices need no re-check.
struct Text<'l, 'a> {
    line: &'l Line<'a>,
    utf8: Option<&'l str>,
}

impl Text<'_, '_> {
    /// `text[a..b]` as Go converts bytes to a string of runes (invalid bytes → U+FFFD).
    fn lossy(&self, a: usize, b: usize) -> String {
        match self.utf8.and_then(|s| s.get(a..b)) {
            Some(s) => s.to_owned(),
            None => lossy(&self.line.text[a..b]),
        }
    }

    /// `text[a..b]` as a word keeping its exact bytes.
    fn word(&self, a: usize, b: usize) -> Word {
        match self.utf8.and_then(|s| s.get(a..b)) {
            Some(s) => Word::new(s.to_owned(), self.line.range(a, b)),
            None => Word::from_bytes(self.line.text[a..b].to_vec(), self.line.range(a, b)),
        }
    }
}

impl<'a> Line<'a> {
    fn new(anchor: usize, spare: Vec<u8>, mut segs: Vec<Seg>) -> Self {
        segs.clear();
        Line {
            text: Cow::Borrowed(&[]),
            segs,
            anchor,
            spare,
        }
    }

    /// The buffers back, emptied, for the next line.
    fn into_buffers(self) -> (Vec<u8>, Vec<Seg>) {
        let mut buf = match self.text {
            Cow::Owned(v) => v,
            Cow::Borrowed(_) => self.spare,
        };
        buf.clear();
        (buf, self.segs)
    }

    fn push(&mut self, src: &'a [u8], start: usize, end: usize) {
        if end <= start {
            return;
        }
        if self.text.is_empty() {
            self.text = Cow::Borrowed(&src[start..end]);
            self.anchor = start;
            return;
        }
        if self.segs.is_empty() {
            self.segs.push(Seg {
                joined: 0,
                src: self.anchor,
            });
        }
        self.segs.push(Seg {
            joined: self.text.len(),
            src: start,
        });
        if let Cow::Borrowed(first) = self.text {
            let mut buf = std::mem::take(&mut self.spare);
            buf.clear();
            // Continuation lines come in numbers: reserve enough for most joined lines at
            // once (never more than the rest of the input can fill); the buffer is reused.
            let rest = first.len() + src.len().saturating_sub(start);
            buf.reserve((first.len() + end - start).max(rest.min(4096)));
            buf.extend_from_slice(first);
            self.text = Cow::Owned(buf);
        }
        let text = self.text.to_mut();
        if text.capacity() - text.len() < end - start {
            text.reserve((end - start).max(text.len()));
        }
        text.extend_from_slice(&src[start..end]);
    }

    /// Source offset of joined offset `j` (for a start position).
    fn map(&self, j: usize) -> u32 {
        if self.segs.is_empty() {
            return (self.anchor + j) as u32;
        }
        let i = self.segs.partition_point(|s| s.joined <= j);
        match i.checked_sub(1).and_then(|i| self.segs.get(i)) {
            Some(s) => (s.src + (j - s.joined)) as u32,
            None => self.anchor as u32,
        }
    }

    /// Source range of joined range `a..b`, widened to whole UTF-8 characters.
    ///
    /// BuildKit's flag scanner treats the bytes 0x85 and 0xA0 as spaces even inside a
    /// multi-byte character (`Š` is `C5 A0`), so a word can end mid-character; its span must
    /// still be sliceable. Joining removes only ASCII (escape + newline), so character
    /// boundaries of the joined text are boundaries of the source.
    fn range(&self, a: usize, b: usize) -> TextRange {
        let t = &self.text;
        let is_cont = |i: usize| t.get(i).is_some_and(|&c| c & 0xC0 == 0x80);
        let mut a = a;
        while a > 0 && is_cont(a) {
            a -= 1;
        }
        let mut b = b;
        while b > a && b < t.len() && is_cont(b) {
            b += 1;
        }
        if b <= a {
            let s = self.map(a);
            return TextRange::new(s, s);
        }
        TextRange::new(self.map(a), self.map(b - 1) + 1)
    }
}

struct Parser<'a> {
    src: &'a [u8],
    /// The input as text when it is valid UTF-8 (then single-line slices need no check).
    utf8: Option<&'a str>,
    /// Scanner position (start of the next line).
    pos: usize,
    /// Set when the scanner hit a line longer than its limit: nothing after is read.
    too_long: bool,
    /// Whether the scanner's buffer was already returned after `too_long`.
    partial_given: bool,
    escape: u8,
    /// BuildKit's `currentLine`.
    cur_line: u32,
    directive_done: bool,
    file: Dockerfile,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    rejection: Option<Rejection>,
    comments: Vec<String>,
    /// The input as one shared string (UTF-8 input only) that single-line
    /// [`Instruction::original`]s point into.
    shared: Option<std::sync::Arc<str>>,
    /// Join buffer and source map of the last multi-line instruction, reused.
    spare: (Vec<u8>, Vec<Seg>),
}

impl<'a> Parser<'a> {
    fn new(src: &'a [u8]) -> Self {
        // Real files have about one instruction per five lines (of ~37 bytes) and a little
        // more trivia; reserving for that avoids regrowing big vectors in most files.
        let lines = src.len() / 32;
        Parser {
            src,
            utf8: None,
            pos: 0,
            too_long: false,
            partial_given: false,
            escape: b'\\',
            cur_line: 0,
            directive_done: false,
            file: Dockerfile {
                escape: '\\',
                len: src.len() as u32,
                instructions: Vec::with_capacity(lines / 4 + 4),
                trivia: Vec::with_capacity(lines / 3 + 4),
                ..Dockerfile::default()
            },
            errors: Vec::new(),
            warnings: Vec::new(),
            rejection: None,
            comments: Vec::new(),
            spare: (Vec::new(), Vec::new()),
            shared: None,
        }
    }

    /// The next line `(start, end)` with its newline, as `bufio.Scanner` with BuildKit's
    /// line splitter returns it; `None` at the end or past an over-long line.
    fn next_line(&mut self) -> Option<(usize, usize)> {
        if self.too_long {
            // After ErrTooLong, bufio.Scanner hands out its full buffer once more as a final
            // token when called again (BuildKit's outer loop does after a continuation).
            if self.partial_given {
                return None;
            }
            self.partial_given = true;
            let start = self.pos;
            let end = (start + MAX_TOKEN).min(self.src.len());
            self.pos = end;
            return Some((start, end));
        }
        if self.pos >= self.src.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.src[start..];
        let end = match memchr_nl(rest) {
            Some(i) if i < MAX_TOKEN => start + i + 1,
            None if rest.len() < MAX_TOKEN => self.src.len(),
            _ => {
                self.too_long = true;
                return None;
            }
        };
        self.pos = end;
        Some((start, end))
    }

    fn error(&mut self, message: String, range: TextRange, lines: Vec<u32>) {
        if self.rejection.is_none() {
            self.rejection = Some(Rejection {
                message: message.clone(),
                lines,
                range,
            });
        }
        self.errors
            .push(Diagnostic::error(PARSE_ERROR, message, range));
    }

    fn trivia(&mut self, kind: TriviaKind, start: usize, end: usize) {
        if end > start {
            self.file.trivia.push(Trivia {
                kind,
                range: TextRange::new(start as u32, end as u32),
            });
        }
    }

    fn run(&mut self) {
        while let Some((ls, le)) = self.next_line() {
            let mut cs = ls;
            if ls == 0 && self.src.starts_with(b"\xef\xbb\xbf") {
                self.trivia(TriviaKind::Bom, 0, 3);
                cs = 3;
            }
            // First non-space byte of the raw line (newline included, as Go trims it).
            let first = go::trim_left_space(self.src, cs, le);
            let raw_is_comment = first < le && self.src[first] == b'#';
            if raw_is_comment {
                // BuildKit drops the first *byte* of the raw line, whatever it is.
                let (a, b) = go::trim_space(self.src, (cs + 1).min(le), le);
                if a == b {
                    self.comments.clear();
                } else {
                    let c = self.src_lossy(a, b);
                    self.comments.push(c);
                }
            }
            let te = trim_newline(self.src, cs, le);
            let ts = first.min(te);
            let directive = self.possible_directive(ts, te, ls, le);
            if directive {
                self.comments.pop();
            }
            self.cur_line += 1;
            let start_line = self.cur_line;
            let processed_empty = raw_is_comment;
            let (seg_end, end_of_line) = if processed_empty {
                (ts, true)
            } else {
                self.trim_continuation(ts, te)
            };
            if end_of_line && seg_end == ts {
                let kind = if directive {
                    TriviaKind::Directive
                } else if raw_is_comment {
                    TriviaKind::Comment
                } else {
                    TriviaKind::Blank
                };
                self.trivia(kind, cs, le);
                continue;
            }
            let (buf, segs) = std::mem::take(&mut self.spare);
            let mut line = Line::new(ts, buf, segs);
            line.push(self.src, ts, seg_end);
            let mut last_end = le;
            let mut last_start = cs;
            let mut content_end = te;
            let mut end_of_line = end_of_line;
            let mut has_empty = false;
            while !end_of_line {
                let Some((cl, ce)) = self.next_line() else {
                    break;
                };
                self.cur_line += 1;
                last_end = ce;
                last_start = cl;
                let cte = trim_newline(self.src, cl, ce);
                let first = go::trim_left_space(self.src, cl, ce);
                if first < ce && self.src[first] == b'#' {
                    continue;
                }
                if first >= cte {
                    has_empty = true;
                    continue;
                }
                content_end = cte;
                let (se, eol) = self.trim_continuation(cl, cte);
                line.push(self.src, cl, se);
                end_of_line = eol;
            }
            if has_empty {
                let msg = format!(
                    "Empty continuation line found in: {}",
                    String::from_utf8_lossy(&line.text)
                );
                let mut d = Diagnostic::warning(
                    NO_EMPTY_CONTINUATION,
                    msg,
                    TextRange::new(
                        ts as u32,
                        trim_newline(self.src, last_start, last_end) as u32,
                    ),
                );
                d.help =
                    Some("Empty continuation lines will become errors in a future release".into());
                d.url = Some(
                    "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/".into(),
                );
                self.warnings.push(d);
            }
            let comments = std::mem::take(&mut self.comments);
            let (mut ins, err) = self.node_from_line(
                &Text {
                    line: &line,
                    utf8: self.line_str(&line),
                },
                0,
                line.text.len(),
                0,
            );
            ins.comments = comments;
            ins.line = start_line;
            if let Some(msg) = err {
                let span = TextRange::new(ts as u32, content_end as u32);
                self.error(
                    msg,
                    span,
                    (start_line..=self.cur_line.max(start_line)).collect(),
                );
            }
            let mut span_end = content_end;
            if can_contain_heredoc(&ins) && contains_heredoc_marker(&line.text) {
                match heredoc_lex::heredocs_from_line(&line.text) {
                    Err(msg) => {
                        let span = TextRange::new(ts as u32, content_end as u32);
                        self.error(msg, span, (start_line..=self.cur_line).collect());
                    }
                    Ok(specs) => {
                        for spec in specs {
                            let body_start = last_end;
                            let mut terminated = None;
                            while let Some((hl, he)) = self.next_line() {
                                self.cur_line += 1;
                                last_end = he;
                                let mut a = hl;
                                let b = trim_newline(self.src, hl, he);
                                if spec.chomp {
                                    while a < b && self.src[a] == b'\t' {
                                        a += 1;
                                    }
                                }
                                if &self.src[a..b] == spec.name.as_bytes() {
                                    terminated = Some((hl, he, b));
                                    break;
                                }
                            }
                            let (body_end, term_range) = match terminated {
                                Some((hl, he, b)) => {
                                    span_end = b;
                                    (hl, TextRange::new(hl as u32, he as u32))
                                }
                                None => {
                                    span_end = trim_newline(self.src, body_start, last_end);
                                    let span = TextRange::new(ts as u32, last_end as u32);
                                    self.error(
                                        "unterminated heredoc".into(),
                                        span,
                                        (start_line..=self.cur_line).collect(),
                                    );
                                    (last_end, TextRange::empty(last_end as u32))
                                }
                            };
                            ins.heredocs.push(Heredoc {
                                name: spec.name,
                                fd: spec.fd,
                                expand: spec.expand,
                                chomp: spec.chomp,
                                body: self.src_lossy(body_start, body_end),
                                body_range: TextRange::new(body_start as u32, body_end as u32),
                                terminator_range: term_range,
                            });
                            if terminated.is_none() {
                                break;
                            }
                        }
                    }
                }
            }
            ins.range = TextRange::new(cs as u32, last_end as u32);
            ins.span = TextRange::new(ins.keyword_range.start, span_end.max(ts) as u32);
            ins.end_line = self.cur_line;
            self.file.instructions.push(ins);
            self.spare = line.into_buffers();
        }
        if self.too_long {
            let at = self.pos;
            self.trivia(TriviaKind::Unread, at, self.src.len());
        }
    }

    fn finish(mut self) -> Parse {
        let end = self.src.len() as u32;
        if self.file.instructions.is_empty() {
            self.error(
                "file with no instructions".into(),
                TextRange::empty(end),
                vec![self.cur_line],
            );
        } else if self.too_long {
            let at = self.pos as u32;
            self.error(
                format!(
                    "dockerfile line greater than max allowed size of {}",
                    MAX_TOKEN - 1
                ),
                TextRange::new(at, end),
                vec![self.cur_line],
            );
        }
        self.file.escape = self.escape as char;
        Parse {
            file: self.file,
            errors: self.errors,
            warnings: self.warnings,
            rejection: self.rejection,
        }
    }

    /// BuildKit's `Original` for `text[a..b]`: a shared slice of the input when the line is
    /// one piece of UTF-8 input (most instructions), else its own string.
    fn original(&self, text: &Text, a: usize, b: usize) -> SharedText {
        if let (Cow::Borrowed(_), Some(shared)) = (&text.line.text, &self.shared) {
            let start = text.line.anchor + a;
            if let Some(t) = SharedText::slice(shared, start, start + (b - a)) {
                return t;
            }
        }
        SharedText::from(text.lossy(a, b))
    }

    /// `src[a..b]` as Go converts bytes to a string, without re-checking UTF-8 text.
    fn src_lossy(&self, a: usize, b: usize) -> String {
        match self.utf8.and_then(|s| s.get(a..b)) {
            Some(s) => s.to_owned(),
            None => lossy(&self.src[a..b]),
        }
    }

    /// The joined line as text, if it is UTF-8 (checked once per line at most).
    fn line_str<'l>(&self, line: &'l Line<'a>) -> Option<&'l str> {
        match &line.text {
            Cow::Borrowed(b) => match self.utf8 {
                Some(all) => all.get(line.anchor..line.anchor + b.len()),
                None => std::str::from_utf8(b).ok(),
            },
            Cow::Owned(v) => std::str::from_utf8(v).ok(),
        }
    }

    /// BuildKit's directive parser on one (left-trimmed, newline-less) line. Returns true if
    /// the line is a directive.
    fn possible_directive(&mut self, ts: usize, te: usize, ls: usize, le: usize) -> bool {
        if self.directive_done {
            return false;
        }
        let s = self.src;
        if s.get(ts) != Some(&b'#') {
            self.directive_done = true;
            return false;
        }
        let a = go::trim_left_space(s, ts + 1, te);
        // ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
        let mut p = a;
        if !s.get(p).is_some_and(u8::is_ascii_alphabetic) {
            self.directive_done = true;
            return false;
        }
        while s.get(p).is_some_and(u8::is_ascii_alphanumeric) && p < te {
            p += 1;
        }
        let name_end = p;
        while p < te && is_re_s(s[p]) {
            p += 1;
        }
        if p >= te || s[p] != b'=' {
            self.directive_done = true;
            return false;
        }
        p += 1;
        let after_eq = p;
        while p < te && is_re_s(s[p]) {
            p += 1;
        }
        let mut ve = te;
        while ve > p && is_re_s(s[ve - 1]) {
            ve -= 1;
        }
        if ve <= p {
            if te == after_eq {
                self.directive_done = true;
                return false;
            }
            // Only whitespace after `=`: the regexp backtracks so that `(.+?)` takes the
            // last whitespace character as the value.
            p = te - 1;
            ve = te;
        }
        let name = go::to_lower(&s[a..name_end]);
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            self.directive_done = true;
            return false;
        }
        let line_range = TextRange::new(ls as u32, le as u32);
        // BuildKit reports directive errors at the 0-based line number.
        if self.file.directives.iter().any(|d| d.name == name) {
            self.error(
                format!("only one {name} parser directive can be used"),
                TextRange::new(ts as u32, te as u32),
                vec![self.cur_line],
            );
            return false;
        }
        let value = lossy(&s[p..ve]);
        self.file.directives.push(Directive {
            name: name.clone(),
            value: value.clone(),
            range: line_range,
            name_range: TextRange::new(a as u32, name_end as u32),
            value_range: TextRange::new(p as u32, ve as u32),
            line: self.cur_line + 1,
        });
        if name == "escape" {
            match value.as_str() {
                "\\" => self.escape = b'\\',
                "`" => self.escape = b'`',
                _ => {
                    self.error(
                        format!("invalid escape token '{value}' does not match ` or \\"),
                        TextRange::new(p as u32, ve as u32),
                        vec![self.cur_line],
                    );
                    return false;
                }
            }
        }
        true
    }

    /// BuildKit's `trimContinuationCharacter` on `start..end`: where the kept text ends, and
    /// whether the logical line ends here.
    fn trim_continuation(&self, start: usize, end: usize) -> (usize, bool) {
        let s = self.src;
        let mut e = end;
        while e > start && matches!(s[e - 1], b' ' | b'\t') {
            e -= 1;
        }
        if e > start && s[e - 1] == self.escape {
            let esc = e - 1;
            if esc == start || s[esc - 1] != self.escape {
                return (esc, false);
            }
        }
        (end, true)
    }

    /// BuildKit's `newNodeFromLine` on `line.text[a..b]`.
    fn node_from_line(
        &self,
        text: &Text,
        a: usize,
        b: usize,
        depth: usize,
    ) -> (Instruction, Option<String>) {
        let line = text.line;
        let t = &line.text;
        let Head {
            ta,
            tb,
            kend,
            flags,
            ra,
            rb,
        } = split_head(line, a, b, self.escape);
        let keyword_bytes = &t[ta..kend];
        let kind = classify(keyword_bytes);
        // `RUN` and `run` (nearly every file) need no allocation.
        let keyword = match kind {
            Keyword::Unknown => KeywordText::from(text.lossy(ta, kend)),
            _ if keyword_bytes == kind.as_str().as_bytes() => {
                KeywordText::from_static(kind.as_str())
            }
            _ if keyword_bytes == kind.as_lowercase_str().as_bytes() => {
                KeywordText::from_static(kind.as_lowercase_str())
            }
            _ => KeywordText::from(text.lossy(ta, kend)),
        };
        let mut ins = Instruction {
            kind,
            keyword,
            keyword_range: line.range(ta, kend),
            range: line.range(a, b),
            span: line.range(ta, tb),
            line: 0,
            end_line: 0,
            flags,
            args: Args::Unknown,
            heredocs: Vec::new(),
            original: self.original(text, a, b),
            comments: Vec::new(),
            onbuild_overflow: None,
        };
        let (args, mut err) = self.dispatch(kind, text, ra, rb, depth);
        ins.args = args;
        if kind == Keyword::Onbuild && depth == MAX_ONBUILD_DEPTH && ra < rb {
            let (overflow, e) = self.onbuild_overflow(text, ra, rb);
            ins.onbuild_overflow = Some(overflow.into_boxed_str());
            err = e;
        }
        (ins, err)
    }

    /// The dump of an ONBUILD chain below the depth the tree keeps, built level by level
    /// without recursion, and the first error BuildKit would report in it.
    fn onbuild_overflow(&self, text: &Text, a: usize, b: usize) -> (String, Option<String>) {
        let line = text.line;
        let t = &line.text;
        let mut out = String::new();
        let mut closes = 0usize;
        let (mut x, mut y) = (a, b);
        loop {
            let head = split_head(line, x, y, self.escape);
            let keyword = go::to_lower(&t[head.ta..head.kend]);
            out.push('(');
            closes += 1;
            if classify(&t[head.ta..head.kend]) == Keyword::Onbuild && head.ra < head.rb {
                out.push_str(&keyword);
                crate::dump::flags_into(&mut out, &head.flags);
                out.push(' ');
                (x, y) = (head.ra, head.rb);
                continue;
            }
            // Depth past the limit: no recursion and no further overflow in there.
            let (ins, err) = self.node_from_line(text, x, y, MAX_ONBUILD_DEPTH + 1);
            if err.is_some() {
                return (out, err);
            }
            out.push_str(&crate::dump::dump_instruction(&ins));
            break;
        }
        for _ in 0..closes {
            out.push(')');
        }
        (out, None)
    }

    fn dispatch(
        &self,
        kind: Keyword,
        text: &Text,
        a: usize,
        b: usize,
        depth: usize,
    ) -> (Args, Option<String>) {
        let line = text.line;
        let t = &line.text;
        let word = |x: usize, y: usize| text.word(x, y);
        let single = || if a == b { None } else { Some(word(a, b)) };
        match kind {
            Keyword::From => (
                Args::From {
                    words: split_ws(text, a, b),
                },
                None,
            ),
            Keyword::Expose => (
                Args::Expose {
                    words: split_ws(text, a, b),
                },
                None,
            ),
            Keyword::User => (Args::User { value: single() }, None),
            Keyword::Workdir => (Args::Workdir { value: single() }, None),
            Keyword::Stopsignal => (Args::Stopsignal { value: single() }, None),
            Keyword::Maintainer => (Args::Maintainer { value: single() }, None),
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => {
                let (command, err) = maybe_json(text, a, b);
                let args = match kind {
                    Keyword::Run => Args::Run { command },
                    Keyword::Cmd => Args::Cmd { command },
                    Keyword::Entrypoint => Args::Entrypoint { command },
                    _ => Args::Shell { command },
                };
                (args, err)
            }
            Keyword::Copy | Keyword::Add | Keyword::Volume => {
                let (words, json, err) = maybe_json_list(text, a, b);
                let args = match kind {
                    Keyword::Copy => Args::Copy { words, json },
                    Keyword::Add => Args::Add { words, json },
                    _ => Args::Volume { words, json },
                };
                (args, err)
            }
            Keyword::Arg => {
                let decls = parse_words(text, a, b, self.escape)
                    .into_iter()
                    .map(|w| {
                        let (name, default) = match w.text.split_once('=') {
                            Some((n, d)) => (n.to_string(), Some(d.to_string())),
                            None => (w.text.clone(), None),
                        };
                        ArgDecl {
                            word: w,
                            name,
                            default,
                        }
                    })
                    .collect();
                (Args::Arg { decls }, None)
            }
            Keyword::Env | Keyword::Label => {
                let (pairs, err) = name_val(text, a, b, self.escape, kind);
                let args = if kind == Keyword::Env {
                    Args::Env { pairs }
                } else {
                    Args::Label { pairs }
                };
                (args, err)
            }
            Keyword::Healthcheck => {
                let mut sep = a;
                while sep < b && !go::is_space_byte(t[sep]) {
                    sep += 1;
                }
                let mut next = sep;
                while next < b && go::is_space_byte(t[next]) {
                    next += 1;
                }
                if sep == a {
                    return (
                        Args::Healthcheck {
                            kind: None,
                            command: None,
                        },
                        None,
                    );
                }
                let (command, err) = maybe_json(text, next, b);
                (
                    Args::Healthcheck {
                        kind: Some(word(a, sep)),
                        command,
                    },
                    err,
                )
            }
            Keyword::Onbuild => {
                if a == b {
                    return (Args::Onbuild { body: None }, None);
                }
                if depth >= MAX_ONBUILD_DEPTH {
                    return (Args::Onbuild { body: None }, None);
                }
                let (inner, err) = self.node_from_line(text, a, b, depth + 1);
                (
                    Args::Onbuild {
                        body: Some(Box::new(inner)),
                    },
                    err,
                )
            }
            Keyword::Unknown => (Args::Unknown, None),
        }
    }
}

/// The keyword, flags and argument bounds of the instruction on `line.text[a..b]`
/// (BuildKit's `splitCommand`).
struct Head {
    ta: usize,
    tb: usize,
    kend: usize,
    flags: Vec<Flag>,
    ra: usize,
    rb: usize,
}

fn split_head(line: &Line, a: usize, b: usize, escape: u8) -> Head {
    let t = &line.text;
    let (ta, tb) = go::trim_space(t, a, b);
    // reWhitespace.Split(…, 2)
    let mut kend = ta;
    while kend < tb && !go::is_re_ws(t[kend]) {
        kend += 1;
    }
    let mut flags = Vec::new();
    let (mut ra, mut rb) = (tb, tb);
    if kend < tb {
        let mut rs = kend;
        while rs < tb && go::is_re_ws(t[rs]) {
            rs += 1;
        }
        let rest_start = extract_flags(line, rs, tb, escape, &mut flags);
        (ra, rb) = go::trim_space(t, rest_start, tb);
    }
    Head {
        ta,
        tb,
        kend,
        flags,
        ra,
        rb,
    }
}

/// The keyword BuildKit dispatches on (`strings.ToLower`), without allocating for ASCII.
fn classify(keyword: &[u8]) -> Keyword {
    if keyword.len() <= 16 && keyword.is_ascii() {
        // Lower-case into one integer and compare integers: no string matching.
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(keyword) {
            *d = s.to_ascii_lowercase();
        }
        let k = u128::from_le_bytes(buf);
        const fn key(s: &[u8]) -> u128 {
            let mut buf = [0u8; 16];
            let mut i = 0;
            while i < s.len() {
                buf[i] = s[i];
                i += 1;
            }
            u128::from_le_bytes(buf)
        }
        const KEYS: [(u128, Keyword); 18] = [
            (key(b"run"), Keyword::Run),
            (key(b"copy"), Keyword::Copy),
            (key(b"from"), Keyword::From),
            (key(b"env"), Keyword::Env),
            (key(b"arg"), Keyword::Arg),
            (key(b"workdir"), Keyword::Workdir),
            (key(b"add"), Keyword::Add),
            (key(b"label"), Keyword::Label),
            (key(b"cmd"), Keyword::Cmd),
            (key(b"expose"), Keyword::Expose),
            (key(b"entrypoint"), Keyword::Entrypoint),
            (key(b"user"), Keyword::User),
            (key(b"volume"), Keyword::Volume),
            (key(b"healthcheck"), Keyword::Healthcheck),
            (key(b"shell"), Keyword::Shell),
            (key(b"stopsignal"), Keyword::Stopsignal),
            (key(b"onbuild"), Keyword::Onbuild),
            (key(b"maintainer"), Keyword::Maintainer),
        ];
        return KEYS
            .iter()
            .find(|(v, _)| *v == k)
            .map_or(Keyword::Unknown, |&(_, kw)| kw);
    }
    if keyword.is_ascii() {
        return Keyword::Unknown;
    }
    // Non-ASCII can still lower-case to a keyword (KELVIN SIGN → k, İ → i).
    Keyword::from_lowercase(&go::to_lower(keyword))
}

/// Position of the first `\n` (SIMD where the target has it).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn memchr_nl(s: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', s)
}

/// Position of the first `\n`, eight bytes at a time: wasm has 64-bit integers, but the
/// `memchr` crate's portable fallback works on `usize` (four bytes in wasm32).
#[cfg(target_arch = "wasm32")]
fn memchr_nl(s: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = LO * b'\n' as u64;
    let mut chunks = s.chunks_exact(8);
    let mut base = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w) ^ NL;
        if (x.wrapping_sub(LO) & !x & HI) != 0 {
            return c.iter().position(|&b| b == b'\n').map(|i| base + i);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| base + i)
}

/// Go regexp `\s`: `[\t\n\f\r ]`.
fn is_re_s(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// `bytes.TrimRight(s, "\r\n")`.
fn trim_newline(s: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(s[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    end
}

/// Invalid UTF-8 becomes U+FFFD per byte, as Go's conversions do.
pub(crate) fn lossy(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let mut out = String::with_capacity(b.len() + 8);
            let mut pos = 0;
            while pos < b.len() {
                let (c, w) = go::decode_rune(b, pos);
                out.push(c);
                pos += w.max(1);
            }
            out
        }
    }
}

fn contains_heredoc_marker(t: &[u8]) -> bool {
    // memchr for `<`, then a look at the next byte: `memmem` sets up a searcher per call,
    // which costs more than the search on these short lines (notably in wasm).
    let mut from = 0;
    while let Some(i) = t.get(from..).and_then(|r| memchr::memchr(b'<', r)) {
        if t.get(from + i + 1) == Some(&b'<') {
            return true;
        }
        from += i + 1;
    }
    false
}

/// BuildKit's `canContainHeredoc`: RUN/COPY/ADD (also as an ONBUILD body), not in JSON form.
fn can_contain_heredoc(ins: &Instruction) -> bool {
    let target = match &ins.args {
        Args::Onbuild { body: Some(b) } => b.as_ref(),
        _ => ins,
    };
    matches!(target.kind, Keyword::Run | Keyword::Copy | Keyword::Add) && !target.is_exec_form()
}

/// BuildKit's `extractBuilderFlags` over `line.text[a..b]`; returns where the rest starts.
fn extract_flags(line: &Line, a: usize, b: usize, escape: u8, flags: &mut Vec<Flag>) -> usize {
    let t = &line.text;
    let mut pos = a;
    loop {
        // In spaces: looking for the start of a word.
        while pos < b && go::is_space_byte(t[pos]) {
            pos += 1;
        }
        if pos >= b {
            return b;
        }
        if t[pos] != b'-' || pos + 1 >= b || t[pos + 1] != b'-' {
            return pos;
        }
        let start = pos;
        // Fast path: a plain ASCII word (no quote, no escape) is its own value.
        let mut q = pos;
        let mut plain_eq = None;
        let plain = loop {
            let Some(&c) = t.get(q).filter(|_| q < b) else {
                break true;
            };
            if go::is_space_byte(c) {
                break true;
            }
            if c == b'\'' || c == b'"' || c == escape || c >= 0x80 {
                break false;
            }
            if c == b'=' && plain_eq.is_none() {
                plain_eq = Some(q);
            }
            q += 1;
        };
        if plain {
            let at_end = q >= b;
            if &t[start..q] == b"--" {
                return if at_end { b } else { q };
            }
            flags.push(make_flag(line, t[start..q].to_vec(), start, q, plain_eq));
            if at_end {
                return b;
            }
            pos = q;
            continue;
        }
        // In a word (possibly with quotes).
        let mut word: Vec<u8> = Vec::with_capacity(32);
        let mut blank_ok = false;
        let mut quote = 0u8;
        let mut in_quote = false;
        let mut eq_at: Option<usize> = None;
        loop {
            if pos >= b {
                break;
            }
            let ch = t[pos];
            if !in_quote {
                if go::is_space_byte(ch) {
                    break;
                }
                if ch == b'\'' || ch == b'"' {
                    quote = ch;
                    blank_ok = true;
                    in_quote = true;
                    pos += 1;
                    continue;
                }
                let mut c = ch;
                if ch == escape {
                    if pos + 1 == b {
                        pos += 1;
                        continue;
                    }
                    pos += 1;
                    c = t[pos];
                }
                if c == b'=' && eq_at.is_none() {
                    eq_at = Some(pos);
                }
                go::push_latin1(&mut word, c);
                pos += 1;
            } else {
                if ch == quote {
                    in_quote = false;
                    pos += 1;
                    continue;
                }
                let mut c = ch;
                if ch == escape {
                    if pos + 1 == b {
                        in_quote = false;
                        pos += 1;
                        continue;
                    }
                    pos += 1;
                    c = t[pos];
                }
                if c == b'=' && eq_at.is_none() {
                    eq_at = Some(pos);
                }
                go::push_latin1(&mut word, c);
                pos += 1;
            }
        }
        let at_end = pos >= b;
        if word == b"--" {
            // A bare `--` ends the flags; at the very end it is simply dropped.
            return if at_end { b } else { pos };
        }
        if blank_ok || !word.is_empty() {
            flags.push(make_flag(line, word, start, pos, eq_at));
        }
        if at_end {
            return b;
        }
    }
}

fn make_flag(line: &Line, word: Vec<u8>, start: usize, end: usize, eq_at: Option<usize>) -> Flag {
    // Latin-1 → UTF-8 re-encoding always yields valid UTF-8: no copy needed.
    let text = String::from_utf8(word).unwrap_or_else(|e| lossy(e.as_bytes()));
    let body = text.strip_prefix("--").unwrap_or(&text);
    let (name, value) = match body.split_once('=') {
        Some((n, v)) => (n.to_string(), Some(v.to_string())),
        None => (body.to_string(), None),
    };
    let value_range = match eq_at {
        Some(e) => line.range(e + 1, end),
        None => line.range(end, end),
    };
    Flag {
        name,
        value,
        text,
        range: line.range(start, end),
        value_range,
    }
}

/// `reWhitespace.Split(rest, -1)` (rest is already trimmed).
fn split_ws(text: &Text, a: usize, b: usize) -> Vec<Word> {
    let line = text.line;
    let t = &line.text;
    let mut out = Vec::new();
    if a == b {
        return out;
    }
    let mut s = a;
    let mut p = a;
    while p < b {
        if go::is_re_ws(t[p]) {
            out.push(text.word(s, p));
            while p < b && go::is_re_ws(t[p]) {
                p += 1;
            }
            s = p;
        } else {
            p += 1;
        }
    }
    out.push(text.word(s, b));
    out
}

/// BuildKit's `parseWords`: words split on spaces, quotes kept, escapes kept.
fn parse_words(text: &Text, a: usize, b: usize, escape: u8) -> Vec<Word> {
    let line = text.line;
    word_spans(line, a, b, escape)
        .map(|(s, c, e)| Word::new(text.lossy(s, c), line.range(s, e)))
        .collect()
}

/// The words of BuildKit's `parseWords` as `(start, content end, end)`: it copies every
/// character of a word (quotes and escapes included) except an escape character that ends
/// the text, so each word is a slice of the line. Invalid UTF-8 becomes U+FFFD (see
/// [`lossy`]), as Go's rune decoding does.
fn word_spans<'l>(line: &'l Line, a: usize, b: usize, escape: u8) -> WordSpans<'l> {
    WordSpans {
        t: &line.text[..b],
        pos: a,
        escape,
    }
}

/// Iterator behind [`word_spans`] (no intermediate vector).
#[derive(Clone)]
struct WordSpans<'l> {
    t: &'l [u8],
    pos: usize,
    escape: u8,
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<(usize, usize, usize)> {
        let t = self.t;
        let b = t.len();
        let escape = self.escape;
        let mut pos = self.pos;
        while pos < b {
            // Looking for the start of a word.
            let (ch, w) = go::decode_rune(t, pos);
            if go::is_space(ch) {
                pos += w;
                continue;
            }
            let start = pos;
            let mut in_quote = false;
            let mut quote = 0u8;
            let mut blank_ok = false;
            let mut content_end = b;
            let mut end = b;
            while pos < b {
                let c = t[pos];
                if !in_quote {
                    if c < 0x80 {
                        if go::is_space(c as char) {
                            end = pos;
                            content_end = pos;
                            break;
                        }
                    } else {
                        let (ch, w) = go::decode_rune(t, pos);
                        if go::is_space(ch) {
                            end = pos;
                            content_end = pos;
                            break;
                        }
                        pos += w;
                        continue;
                    }
                    if c == b'\'' || c == b'"' {
                        quote = c;
                        blank_ok = true;
                        in_quote = true;
                    }
                    if c == escape {
                        if pos + 1 == b {
                            content_end = pos;
                            pos += 1;
                            break;
                        }
                        pos += 1;
                        let (_, w) = go::decode_rune(t, pos);
                        pos += w;
                        continue;
                    }
                    pos += 1;
                } else {
                    if c == quote {
                        in_quote = false;
                    }
                    if c == escape && quote != b'\'' {
                        if pos + 1 == b {
                            content_end = pos;
                            pos += 1;
                            break;
                        }
                        pos += 1;
                        let (_, w) = go::decode_rune(t, pos);
                        pos += w;
                        continue;
                    }
                    let (_, w) = go::decode_rune(t, pos);
                    pos += w;
                }
            }
            if end < b {
                pos = end + go::decode_rune(t, end).1;
            }
            if blank_ok || content_end > start {
                self.pos = pos;
                return Some((start, content_end, end));
            }
        }
        self.pos = pos;
        None
    }
}

/// BuildKit's `parseNameVal` for ENV and LABEL.
fn name_val(
    text: &Text,
    a: usize,
    b: usize,
    escape: u8,
    kind: Keyword,
) -> (Vec<KeyValue>, Option<String>) {
    let line = text.line;
    let t = &line.text;
    let spans = word_spans(line, a, b, escape);
    let Some((s0, c0, _)) = spans.clone().next() else {
        return (Vec::new(), None);
    };
    let key_name = if kind == Keyword::Env { "ENV" } else { "LABEL" };
    if !t[s0..c0].contains(&b'=') {
        let mut p = a;
        while p < b && !go::is_re_ws(t[p]) {
            p += 1;
        }
        if p >= b {
            return (
                Vec::new(),
                Some(format!("{key_name} must have two arguments")),
            );
        }
        let mut v = p;
        while v < b && go::is_re_ws(t[v]) {
            v += 1;
        }
        let key = word_at(text, a, p);
        let value = word_at(text, v, b);
        return (
            vec![KeyValue {
                key,
                value,
                legacy: true,
            }],
            None,
        );
    }
    let mut pairs = Vec::new();
    for (s, c, e) in spans {
        let Some(eq) = t[s..c].iter().position(|&x| x == b'=').map(|i| s + i) else {
            let msg = format!(
                "Syntax error - can't find = in {}. Must be of the form: name=value",
                crate::dump::go_quote(lossy(&t[s..c]).as_bytes())
            );
            return (pairs, Some(msg));
        };
        pairs.push(KeyValue {
            key: Word::new(text.lossy(s, eq), line.range(s, eq)),
            value: Word::new(text.lossy(eq + 1, c), line.range(eq + 1, e)),
            legacy: false,
        });
    }
    (pairs, None)
}

/// The raw bytes `line.text[a..b]` as a word (invalid UTF-8 kept for the dump).
fn word_at(text: &Text, a: usize, b: usize) -> Word {
    let line = text.line;
    let _ = line;
    text.word(a, b)
}

/// BuildKit's `parseMaybeJSON`.
fn maybe_json(text: &Text, a: usize, b: usize) -> (Option<Command>, Option<String>) {
    let line = text.line;
    if a == b {
        return (None, None);
    }
    let t = &line.text;
    let ja = go::trim_left_space(t, a, b);
    if t.get(ja) == Some(&b'[') {
        match json::parse_array(&t[ja..b]) {
            JsonArray::Strings(items) => {
                let words = items
                    .into_iter()
                    .map(|(v, s, e)| Word::from_bytes(v, line.range(ja + s, ja + e)))
                    .collect();
                return (Some(Command::Exec(words)), None);
            }
            JsonArray::NotStrings => {
                return (None, Some(NOT_STRING_ARRAY.into()));
            }
            JsonArray::Invalid => {}
        }
    }
    // `text.word` reuses the line's UTF-8 check (same result as `Word::from_bytes`).
    (Some(Command::Shell(text.word(a, b))), None)
}

const NOT_STRING_ARRAY: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

/// BuildKit's `parseMaybeJSONToList`.
fn maybe_json_list(text: &Text, a: usize, b: usize) -> (Vec<Word>, bool, Option<String>) {
    let line = text.line;
    let t = &line.text;
    let ja = go::trim_left_space(t, a, b);
    if t.get(ja) == Some(&b'[') {
        match json::parse_array(&t[ja..b]) {
            JsonArray::Strings(items) => {
                let words = items
                    .into_iter()
                    .map(|(v, s, e)| Word::from_bytes(v, line.range(ja + s, ja + e)))
                    .collect();
                return (words, true, None);
            }
            JsonArray::NotStrings => return (Vec::new(), true, Some(NOT_STRING_ARRAY.into())),
            JsonArray::Invalid => {}
        }
    }
    (split_ws(text, a, b), false, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(s: &str) -> String {
        let p = parse(s);
        match p.dump() {
            Some(d) => d,
            None => format!(
                "ERROR: {}",
                p.rejection.map(|r| r.message).unwrap_or_default()
            ),
        }
    }

    #[test]
    fn basic_dump() {
        assert_eq!(
            dump("FROM alpine AS build\nRUN apk add \\\n    curl\nCOPY --from=build /a /b\n"),
            "(from \"alpine\" \"AS\" \"build\")\n(run \"apk add     curl\")\n(copy [\"--from=build\"] \"/a\" \"/b\")\n"
        );
        assert_eq!(dump("CMD [\"a\", \"b\"]\n"), "(cmd \"a\" \"b\")\n");
        assert_eq!(
            dump("ENV A=1 B=\"2 3\"\n"),
            "(env \"A\" \"1\" \"=\" \"B\" \"\\\"2 3\\\"\" \"=\")\n"
        );
        assert_eq!(dump("ENV A 1 2\n"), "(env \"A\" \"1 2\" \"\")\n");
        assert_eq!(dump("ENV A\n"), "ERROR: ENV must have two arguments");
        assert_eq!(dump("# c\n"), "ERROR: file with no instructions");
        assert_eq!(dump("FOO bar\n"), "(foo \"\")\n");
        assert_eq!(dump("ONBUILD RUN x\n"), "(onbuild (run \"x\"))\n");
        assert_eq!(dump("HEALTHCHECK\n"), "(healthcheck)\n");
        assert_eq!(dump("\\\n"), "(\"\")\n");
    }

    #[test]
    fn heredoc_bodies() {
        let p = parse("RUN <<EOF\necho hi\nEOF\nRUN x\n");
        assert_eq!(p.dump().unwrap(), "(run \"<<EOF\")\n(run \"x\")\n");
        assert_eq!(p.file.instructions[0].heredocs[0].body, "echo hi\n");
        assert_eq!(p.file.instructions[0].range, TextRange::new(0, 22));
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::ast::Command;

    fn slice(src: &str, r: TextRange) -> &str {
        &src[r.as_usize()]
    }

    #[test]
    fn spans_point_at_the_source() {
        let src = "FROM alpine AS build\nCOPY --from=build \\\n  --chmod=755 /a /b\nENV A=1 \\\n    B=\"x y\"\nRUN [\"sh\", \"-c\", \"echo\"]\n";
        let p = parse(src);
        let ins = &p.file.instructions;
        assert_eq!(slice(src, ins[0].keyword_range), "FROM");
        let name = ins[0].args.from_stage_name().unwrap();
        assert_eq!(slice(src, name.range), "build");
        let copy = &ins[1];
        let chmod = copy.flag("chmod").unwrap();
        assert_eq!(slice(src, chmod.range), "--chmod=755");
        assert_eq!(slice(src, chmod.value_range), "755");
        assert_eq!(slice(src, copy.flag("from").unwrap().value_range), "build");
        assert_eq!(slice(src, copy.args.dest().unwrap().range), "/b");
        assert_eq!(
            slice(src, copy.range),
            "COPY --from=build \\\n  --chmod=755 /a /b\n"
        );
        assert_eq!(
            slice(src, copy.span),
            "COPY --from=build \\\n  --chmod=755 /a /b"
        );
        assert_eq!((copy.line, copy.end_line), (2, 3));
        let pairs = ins[2].args.pairs();
        assert_eq!(slice(src, pairs[1].key.range), "B");
        assert_eq!(slice(src, pairs[1].value.range), "\"x y\"");
        match ins[3].args.command() {
            Some(Command::Exec(words)) => {
                assert_eq!(slice(src, words[2].range), "\"echo\"");
                assert_eq!(words[2].text, "echo");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heredoc_ranges_and_trivia() {
        let src =
            "\u{feff}# syntax=docker/dockerfile:1\n\n# hi\nRUN <<-EOF cat\n\techo $X\n\tEOF\n";
        let p = parse(src);
        assert_eq!(
            p.file.directive("syntax").map(|d| d.value.as_str()),
            Some("docker/dockerfile:1")
        );
        let kinds: Vec<TriviaKind> = p.file.trivia.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TriviaKind::Bom,
                TriviaKind::Directive,
                TriviaKind::Blank,
                TriviaKind::Comment
            ]
        );
        let run = &p.file.instructions[0];
        assert_eq!(run.comments, ["hi"]);
        let h = &run.heredocs[0];
        assert!(h.chomp && h.expand);
        assert_eq!(slice(src, h.body_range), "\techo $X\n");
        assert_eq!(slice(src, h.terminator_range), "\tEOF\n");
        assert_eq!(slice(src, run.span), "RUN <<-EOF cat\n\techo $X\n\tEOF");
    }

    #[test]
    fn errors_carry_buildkit_lines_and_spans() {
        let src = "FROM a\nENV \\\n  ONLYKEY\nRUN x\n";
        let p = parse(src);
        let r = p.rejection.as_ref().unwrap();
        assert_eq!(r.message, "ENV must have two arguments");
        assert_eq!(r.lines, [2, 3]);
        assert_eq!(slice(src, r.range), "ENV \\\n  ONLYKEY");
        // Parsing went on: the RUN after the error is in the tree.
        assert_eq!(p.file.instructions.len(), 3);
        let p = parse("# escape=`\n# escape=\\\nFROM a\n");
        assert_eq!(
            p.rejection.map(|r| (r.message, r.lines)),
            Some((
                "only one escape parser directive can be used".into(),
                vec![1]
            ))
        );
    }

    #[test]
    fn empty_continuation_warning() {
        let src = "RUN a \\\n\n  b\n";
        let p = parse(src);
        assert!(p.is_ok());
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].code, NO_EMPTY_CONTINUATION);
        assert_eq!(
            p.warnings[0].message,
            "Empty continuation line found in: RUN a   b"
        );
    }
}
