//! BuildKit's shell-word lexer: quote removal, escapes and `${…}` expansion of one word.
//!
//! This reproduces `frontend/dockerfile/shell` of moby/buildkit (the `Lex` type behind ARG, ENV,
//! FROM, `--from`, COPY sources, EXPOSE, heredoc names…): single and double quotes, the escape
//! character (`\` or `` ` ``), `$V`, `${V}`, the modifiers `:-` `-` `:+` `+` `:?` `?`, the
//! pattern forms `#` `##` `%` `%%` `/` `//`, word splitting as `ProcessWords` does it, and the
//! exact error texts. It also records which variables were looked up and found ("matched") or
//! not ("unmatched"), which BuildKit's `UndefinedVar` check relies on.
//!
//! ```
//! use stagecraft_syntax::shell::Lexer;
//!
//! let env = [("VERSION", "1.2"), ("EMPTY", "")];
//! let lexer = Lexer::new('\\');
//! let out = lexer.process_word("app-${VERSION}${EMPTY:+-x}${OS:-linux}", &env[..]).unwrap();
//! assert_eq!(out.value, "app-1.2linux");
//! assert!(out.matched.contains("VERSION") && out.unmatched.contains("OS"));
//!
//! let words = lexer.process_words("a 'b c' $VERSION", &env[..]).unwrap();
//! assert_eq!(words, ["a", "b c", "1.2"]);
//! ```
//!
//! Where we knowingly differ from BuildKit (only on absurd input): `${…}` nested deeper than
//! [`MAX_NESTING`] and pattern matching beyond a fixed work budget are errors instead of taking
//! unbounded stack or time. Character classes follow Go's (`unicode.IsLetter`, `IsDigit`,
//! `IsSpace`), not Rust's.

mod pattern;
mod unicode;

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::diagnostic::TextRange;
use pattern::{PatternError, TooComplex};
use unicode::{in_table, DIGIT, LETTER};

/// Deepest `${…}` nesting we process; BuildKit has no limit, real files use a handful.
pub const MAX_NESTING: u32 = 64;

/// Pattern-matching steps allowed for one word (a step is one VM thread on one character).
const MATCH_BUDGET: u64 = 1 << 25;

/// Variables visible to the lexer.
///
/// Lookup is case-sensitive, as BuildKit's is on Linux (on Windows it upper-cases keys).
pub trait Env {
    /// The value of `name`, or `None` when it is not set (set-but-empty is `Some("")`).
    fn lookup(&self, name: &str) -> Option<&str>;
}

/// Key/value pairs in order; a later pair overrides an earlier one with the same key, as in
/// BuildKit's `EnvsFromSlice`.
impl<K: AsRef<str>, V: AsRef<str>> Env for [(K, V)] {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.iter()
            .rev()
            .find(|(k, _)| k.as_ref() == name)
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Env for Vec<(K, V)> {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.as_slice().lookup(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Env for [(K, V); N] {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.as_slice().lookup(name)
    }
}

/// Any map keyed by strings (`String`, `&str`, …).
impl<K: Borrow<str> + Ord, V: AsRef<str>> Env for BTreeMap<K, V> {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.get(name).map(AsRef::as_ref)
    }
}

impl<E: Env + ?Sized> Env for &E {
    fn lookup(&self, name: &str) -> Option<&str> {
        (**self).lookup(name)
    }
}

/// An environment with no variables at all.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEnv;

impl Env for NoEnv {
    fn lookup(&self, _name: &str) -> Option<&str> {
        None
    }
}

/// The result of [`Lexer::process_word`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProcessedWord {
    /// The word with quotes removed and variables expanded (spaces between words kept).
    pub value: String,
    /// Variables that were looked up and set (possibly empty).
    pub matched: BTreeSet<String>,
    /// Variables that were looked up and not set.
    pub unmatched: BTreeSet<String>,
}

/// BuildKit's shell lexer, configured once and used for many words.
///
/// The flags mirror BuildKit's `Lex` fields; all are off after [`Lexer::new`], which is what
/// instruction arguments use. The parser's heredoc detection uses raw quotes, raw escapes and
/// skip-unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexer {
    escape: char,
    raw_quotes: bool,
    raw_escapes: bool,
    skip_process_quotes: bool,
    skip_unset_env: bool,
}

impl Lexer {
    /// A lexer whose escape character is `escape` (`\` by default, `` ` `` after
    /// `# escape=```).
    pub fn new(escape: char) -> Self {
        Lexer {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_process_quotes: false,
            skip_unset_env: false,
        }
    }

    /// Keep quote characters in the output (BuildKit's `RawQuotes`).
    #[must_use]
    pub fn with_raw_quotes(mut self, on: bool) -> Self {
        self.raw_quotes = on;
        self
    }

    /// Keep escape characters in the output (BuildKit's `RawEscapes`).
    #[must_use]
    pub fn with_raw_escapes(mut self, on: bool) -> Self {
        self.raw_escapes = on;
        self
    }

    /// Treat quotes as ordinary characters (BuildKit's `SkipProcessQuotes`, used for heredoc
    /// bodies).
    #[must_use]
    pub fn with_skip_process_quotes(mut self, on: bool) -> Self {
        self.skip_process_quotes = on;
        self
    }

    /// Leave references to unset variables as written, e.g. `${X:-y}` stays `${X:-y}`
    /// (BuildKit's `SkipUnsetEnv`).
    #[must_use]
    pub fn with_skip_unset_env(mut self, on: bool) -> Self {
        self.skip_unset_env = on;
        self
    }

    /// The escape character.
    pub fn escape(&self) -> char {
        self.escape
    }

    /// Expands one word (BuildKit's `ProcessWordWithMatches`): quotes removed, variables
    /// replaced, spaces kept; with the variables that were referenced.
    pub fn process_word<E: Env + ?Sized>(
        &self,
        word: &str,
        env: &E,
    ) -> Result<ProcessedWord, ShellError> {
        if let Some(plain) = self.plain(word) {
            return Ok(ProcessedWord {
                value: plain.to_string(),
                ..ProcessedWord::default()
            });
        }
        let mut run = Run::new(self, word, &env, false);
        let (value, _) = run.process_top()?;
        Ok(ProcessedWord {
            value,
            matched: run.matched,
            unmatched: run.unmatched,
        })
    }

    /// Expands a word and splits the result into words on unquoted white space
    /// (BuildKit's `ProcessWords`).
    ///
    /// Splitting happens after expansion, so `$V` with spaces in its value yields several
    /// words while `"$V"` yields one. Reproduces a BuildKit quirk: a `${…}` with a modifier
    /// discards the part of the current word before it (`a${X:-b}c` gives `bc`).
    pub fn process_words<E: Env + ?Sized>(
        &self,
        word: &str,
        env: &E,
    ) -> Result<Vec<String>, ShellError> {
        if let Some(plain) = self.plain(word) {
            return Ok(plain
                .split(is_space)
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect());
        }
        let mut run = Run::new(self, word, &env, true);
        let (_, words) = run.process_top()?;
        Ok(words)
    }

    /// Most words contain nothing the lexer acts on; then the result is the word itself
    /// (less a leading byte-order mark, which Go's scanner skips).
    fn plain<'w>(&self, word: &'w str) -> Option<&'w str> {
        let special = |c: char| {
            c == '$'
                || c == '<'
                || c == self.escape
                || (!self.skip_process_quotes && (c == '\'' || c == '"'))
        };
        if word.contains(special) {
            return None;
        }
        Some(word.strip_prefix('\u{FEFF}').unwrap_or(word))
    }
}

impl Default for Lexer {
    fn default() -> Self {
        Lexer::new('\\')
    }
}

/// What went wrong while processing a word.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShellErrorKind {
    /// `'…` without the closing quote.
    UnterminatedSingleQuote,
    /// `"…` without the closing quote.
    UnterminatedDoubleQuote,
    /// The word ended inside `${…}` before this character (`}` or `/`).
    UnexpectedEnd {
        /// The character that was expected.
        expected: char,
    },
    /// `${` without a closing `}`.
    MissingBrace,
    /// `${V/pat` without the `/` before the replacement.
    MissingSlash,
    /// `${}`, `${{…}`, `${:…}`.
    BadSubstitution,
    /// A modifier BuildKit does not support, e.g. `:=` or `:#` (as written, U+FFFD for the end
    /// of the word).
    UnsupportedModifier(String),
    /// `${V?msg}` with `V` unset or `${V:?msg}` with `V` unset or empty.
    Required {
        /// The variable.
        name: String,
        /// The user's message, or BuildKit's default.
        message: String,
    },
    /// A `#`, `%` or `/` pattern with an invalid escape.
    InvalidPattern {
        /// The pattern as BuildKit reports it (reversed for `%`).
        pattern: String,
        /// Why it is invalid.
        reason: String,
    },
    /// `${…}` nested deeper than [`MAX_NESTING`] (our limit, not BuildKit's).
    TooDeep,
    /// A pattern substitution needing more work than we allow (our limit, not BuildKit's).
    PatternTooComplex,
}

impl fmt::Display for ShellErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShellErrorKind::UnterminatedSingleQuote => {
                f.write_str("unexpected end of statement while looking for matching single-quote")
            }
            ShellErrorKind::UnterminatedDoubleQuote => {
                f.write_str("unexpected end of statement while looking for matching double-quote")
            }
            ShellErrorKind::UnexpectedEnd { expected } => write!(
                f,
                "unexpected end of statement while looking for matching {expected}"
            ),
            ShellErrorKind::MissingBrace => f.write_str("syntax error: missing '}'"),
            ShellErrorKind::MissingSlash => f.write_str("syntax error: missing '/' in ${}"),
            ShellErrorKind::BadSubstitution => f.write_str("syntax error: bad substitution"),
            ShellErrorKind::UnsupportedModifier(m) => {
                write!(f, "unsupported modifier ({m}) in substitution")
            }
            ShellErrorKind::Required { name, message } => write!(f, "{name}: {message}"),
            ShellErrorKind::InvalidPattern { pattern, reason } => {
                write!(f, "invalid pattern ({pattern}) in substitution: {reason}")
            }
            ShellErrorKind::TooDeep => write!(
                f,
                "variable substitutions nested deeper than {MAX_NESTING} levels"
            ),
            ShellErrorKind::PatternTooComplex => {
                f.write_str("pattern substitution too complex to evaluate")
            }
        }
    }
}

/// A word BuildKit would reject. [`fmt::Display`] gives BuildKit's full message,
/// `failed to process "WORD": REASON`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellError(Box<ErrorInner>);

/// Boxed so `Result<_, ShellError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorInner {
    kind: ShellErrorKind,
    range: TextRange,
    word: String,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
}

impl ShellError {
    /// What went wrong.
    pub fn kind(&self) -> &ShellErrorKind {
        &self.0.kind
    }

    /// The reason alone, without the `failed to process "…": ` prefix.
    pub fn reason(&self) -> String {
        self.0.kind.to_string()
    }

    /// Byte offset into the word where the offending construct starts (a quote or the `$` of
    /// `${`). Add the word's own offset to place it in a file.
    pub fn offset(&self) -> u32 {
        self.0.range.start
    }

    /// The offending construct as a byte range relative to the word's start.
    pub fn range(&self) -> TextRange {
        self.0.range
    }

    /// The word that was processed.
    pub fn word(&self) -> &str {
        &self.0.word
    }

    /// Variables looked up and found before the failure. BuildKit still reports these to its
    /// lint checks (e.g. `UndefinedVar`, `InvalidDefaultArgInFrom`) when expansion fails.
    pub fn matched(&self) -> &BTreeSet<String> {
        &self.0.matched
    }

    /// Variables looked up and not set before the failure (see [`ShellError::matched`]).
    pub fn unmatched(&self) -> &BTreeSet<String> {
        &self.0.unmatched
    }
}

impl fmt::Display for ShellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "failed to process {}: {}",
            go_quote(&self.0.word),
            self.0.kind
        )
    }
}

impl std::error::Error for ShellError {}

/// Go's `strconv.Quote`, which BuildKit uses to show the word in its error message.
fn go_quote(s: &str) -> String {
    crate::dump::go_quote(s.as_bytes())
}

/// Go's `unicode.IsSpace`, which is the Unicode White_Space property like Rust's.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(c, LETTER)
    }
}

fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(c, DIGIT)
    }
}

/// POSIX special parameters; never set in a Dockerfile, but they end a `$` name.
fn is_special_param(c: char) -> bool {
    matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0')
}

/// Go's `string(ch)` of a scanner result: the end of input (-1) becomes U+FFFD.
fn rune_str(out: &mut String, c: Option<char>) {
    out.push(c.unwrap_or('\u{FFFD}'));
}

/// An error before it is tied to the word.
#[derive(Debug)]
struct Fail {
    kind: ShellErrorKind,
    start: usize,
    end: usize,
}

impl Fail {
    /// Our own limits must not be rewritten into BuildKit's "missing '}'".
    fn is_ours(&self) -> bool {
        matches!(
            self.kind,
            ShellErrorKind::TooDeep | ShellErrorKind::PatternTooComplex
        )
    }
}

type Step<T> = Result<T, Fail>;

/// The words being collected by one level of `processStopOn`. The character buffer is shared
/// by all levels (see [`Run::words_buf`]); only the finished words and the flag are per level.
#[derive(Default)]
struct Words {
    done: Vec<String>,
    in_word: bool,
}

/// One processing of one word. The environment is a trait object so that the lexer is
/// compiled once, not once per environment type (the wasm carried two copies).
struct Run<'a> {
    lex: &'a Lexer,
    src: &'a str,
    pos: usize,
    env: &'a dyn Env,
    /// Whether word splitting is wanted (it is pure bookkeeping otherwise).
    split: bool,
    /// BuildKit keeps one word buffer per lexer and every nested `${…}` resets it; sharing it
    /// here reproduces the resulting output exactly.
    words_buf: String,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
    depth: u32,
    budget: u64,
}

impl<'a> Run<'a> {
    fn new(lex: &'a Lexer, src: &'a str, env: &'a dyn Env, split: bool) -> Self {
        // Go's text/scanner skips a byte-order mark at the very start.
        let pos = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
        Run {
            lex,
            src,
            pos,
            env,
            split,
            words_buf: String::new(),
            matched: BTreeSet::new(),
            unmatched: BTreeSet::new(),
            depth: 0,
            budget: MATCH_BUDGET,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|r| r.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn fail(&self, kind: ShellErrorKind, start: usize) -> Fail {
        Fail {
            kind,
            start,
            end: self.pos.max(start),
        }
    }

    fn process_top(&mut self) -> Result<(String, Vec<String>), ShellError> {
        let raw = self.lex.raw_escapes;
        self.stop_on(None, raw).map_err(|f| {
            let clamp = |o: usize| u32::try_from(o).unwrap_or(u32::MAX);
            ShellError(Box::new(ErrorInner {
                kind: f.kind,
                range: TextRange::new(clamp(f.start), clamp(f.end)),
                word: self.src.to_string(),
                matched: std::mem::take(&mut self.matched),
                unmatched: std::mem::take(&mut self.unmatched),
            }))
        })
    }

    fn add_char(&mut self, w: &mut Words, c: char) {
        if !self.split {
            return;
        }
        if is_space(c) {
            if w.in_word && !self.words_buf.is_empty() {
                w.done.push(std::mem::take(&mut self.words_buf));
                w.in_word = false;
            }
        } else {
            self.add_raw_char(w, c);
        }
    }

    fn add_raw_char(&mut self, w: &mut Words, c: char) {
        if self.split {
            self.words_buf.push(c);
            w.in_word = true;
        }
    }

    fn add_string(&mut self, w: &mut Words, s: &str) {
        for c in s.chars() {
            self.add_char(w, c);
        }
    }

    fn add_raw_string(&mut self, w: &mut Words, s: &str) {
        if self.split {
            self.words_buf.push_str(s);
            w.in_word = true;
        }
    }

    fn finish_words(&mut self, mut w: Words) -> Vec<String> {
        if !self.words_buf.is_empty() {
            w.done.push(std::mem::take(&mut self.words_buf));
        }
        w.done
    }

    /// BuildKit's `processStopOn`: reads until `stop` (consumed) or the end of the word.
    fn stop_on(&mut self, stop: Option<char>, raw_escapes: bool) -> Step<(String, Vec<String>)> {
        let start = self.pos;
        let mut result = String::new();
        self.words_buf.clear();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.bump();
                let list = self.finish_words(words);
                return Ok((result, list));
            }
            match ch {
                '$' => {
                    let tmp = self.dollar()?;
                    result.push_str(&tmp);
                    self.add_string(&mut words, &tmp);
                }
                '<' => {
                    let tmp = self.possible_heredoc();
                    result.push_str(&tmp);
                    self.add_raw_string(&mut words, &tmp);
                }
                '\'' if !self.lex.skip_process_quotes => {
                    let tmp = self.single_quote()?;
                    result.push_str(&tmp);
                    self.add_raw_string(&mut words, &tmp);
                }
                '"' if !self.lex.skip_process_quotes => {
                    let tmp = self.double_quote(raw_escapes)?;
                    result.push_str(&tmp);
                    self.add_raw_string(&mut words, &tmp);
                }
                _ => {
                    self.bump();
                    if ch == self.lex.escape {
                        if raw_escapes {
                            self.add_raw_char(&mut words, ch);
                            result.push(ch);
                        }
                        // A trailing escape character is dropped.
                        let Some(next) = self.bump() else { break };
                        self.add_raw_char(&mut words, next);
                        result.push(next);
                    } else {
                        self.add_char(&mut words, ch);
                        result.push(ch);
                    }
                }
            }
        }
        if let Some(expected) = stop {
            return Err(self.fail(ShellErrorKind::UnexpectedEnd { expected }, start));
        }
        let list = self.finish_words(words);
        Ok((result, list))
    }

    fn single_quote(&mut self) -> Step<String> {
        let start = self.pos;
        let mut result = String::new();
        let open = self.bump();
        if self.lex.raw_quotes {
            rune_str(&mut result, open);
        }
        loop {
            match self.bump() {
                None => return Err(self.fail(ShellErrorKind::UnterminatedSingleQuote, start)),
                Some('\'') => {
                    if self.lex.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(c) => result.push(c),
            }
        }
    }

    fn double_quote(&mut self, raw_escapes: bool) -> Step<String> {
        let start = self.pos;
        let mut result = String::new();
        let open = self.bump();
        if self.lex.raw_quotes {
            rune_str(&mut result, open);
        }
        loop {
            match self.peek() {
                None => return Err(self.fail(ShellErrorKind::UnterminatedDoubleQuote, start)),
                Some('"') => {
                    self.bump();
                    if self.lex.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let value = self.dollar()?;
                    result.push_str(&value);
                }
                Some(_) => {
                    let Some(mut ch) = self.bump() else { continue };
                    if ch == self.lex.escape {
                        if raw_escapes {
                            result.push(ch);
                        }
                        match self.peek() {
                            // The escape before the end is dropped; the loop then reports
                            // the missing quote.
                            None => continue,
                            // Only these can be escaped; before anything else the escape
                            // character stays.
                            Some(n) if n == '"' || n == '$' || n == self.lex.escape => {
                                self.bump();
                                ch = n;
                            }
                            Some(_) => {}
                        }
                    }
                    result.push(ch);
                }
            }
        }
    }

    /// `<<` keeps the blanks after it so a heredoc marker stays one word.
    fn possible_heredoc(&mut self) -> String {
        self.bump();
        if self.peek() != Some('<') {
            return "<".to_string();
        }
        self.bump();
        let mut out = "<<".to_string();
        while let Some(c @ ('\t' | '\r' | ' ')) = self.peek() {
            self.bump();
            out.push(c);
        }
        out
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && is_digit(ch) {
                // Positional parameters: all the digits form the name.
                while let Some(d) = self.peek().filter(|&d| is_digit(d)) {
                    self.bump();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && is_special_param(ch) {
                self.bump();
                name.push(ch);
                return name;
            }
            if !is_letter(ch) && !is_digit(ch) && ch != '_' {
                break;
            }
            self.bump();
            name.push(ch);
        }
        name
    }

    fn get_env(&mut self, name: &str) -> (String, bool) {
        match self.env.lookup(name) {
            Some(v) => {
                if !self.matched.contains(name) {
                    self.matched.insert(name.to_string());
                }
                (v.to_string(), true)
            }
            None => {
                if !self.unmatched.contains(name) {
                    self.unmatched.insert(name.to_string());
                }
                (String::new(), false)
            }
        }
    }

    /// A nested `processStopOn` inside `${…}`; BuildKit reports any failure that ran into the
    /// end of the word as `on_end` instead.
    fn nested(
        &mut self,
        stop: char,
        raw_escapes: bool,
        on_end: ShellErrorKind,
        start: usize,
    ) -> Step<String> {
        match self.stop_on(Some(stop), raw_escapes) {
            Ok((word, _)) => Ok(word),
            Err(f) if self.peek().is_none() && !f.is_ours() => Err(self.fail(on_end, start)),
            Err(f) => Err(f),
        }
    }

    /// BuildKit's `processDollar`, at a `$`.
    fn dollar(&mut self) -> Step<String> {
        let start = self.pos;
        self.bump();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".to_string());
            }
            let (value, found) = self.get_env(&name);
            if !found && self.lex.skip_unset_env {
                return Ok(format!("${name}"));
            }
            return Ok(value);
        }
        self.bump();
        match self.peek() {
            None => return Err(self.fail(ShellErrorKind::MissingBrace, start)),
            Some('{' | '}' | ':') => {
                // Only peeked, not consumed: an enclosing `${` then sees more input and keeps
                // this error instead of reporting a missing brace.
                let mut f = self.fail(ShellErrorKind::BadSubstitution, start);
                f.end += 1;
                return Err(f);
            }
            Some(_) => {}
        }
        if self.depth >= MAX_NESTING {
            return Err(self.fail(ShellErrorKind::TooDeep, start));
        }
        self.depth += 1;
        let out = self.braced(start);
        self.depth -= 1;
        out
    }

    /// The part of `${…}` after the opening brace.
    fn braced(&mut self, start: usize) -> Step<String> {
        let name = self.name();
        let mut op = self.bump();
        let mut chs = String::new();
        rune_str(&mut chs, op);
        match op {
            Some('}') => {
                let (value, set) = self.get_env(&name);
                if !set && self.lex.skip_unset_env {
                    return Ok(format!("${{{name}}}"));
                }
                Ok(value)
            }
            Some(':' | '+' | '-' | '?' | '#' | '%') => {
                let null_is_unset = op == Some(':');
                if null_is_unset {
                    op = self.bump();
                    rune_str(&mut chs, op);
                }
                let raw = matches!(op, Some('#' | '%'));
                if null_is_unset && raw {
                    return Err(self.fail(ShellErrorKind::UnsupportedModifier(chs), start));
                }
                let word = self.nested('}', raw, ShellErrorKind::MissingBrace, start)?;
                let (value, set) = self.get_env(&name);
                if self.lex.skip_unset_env && !set {
                    return Ok(format!("${{{name}{chs}{word}}}"));
                }
                let unset = !set || (null_is_unset && value.is_empty());
                match op {
                    Some('-') => Ok(if unset { word } else { value }),
                    Some('+') => Ok(if unset { String::new() } else { word }),
                    Some('?') => {
                        let default = if !set {
                            "is not allowed to be unset"
                        } else if unset {
                            "is not allowed to be empty"
                        } else {
                            return Ok(value);
                        };
                        let message = if word.is_empty() {
                            default.to_string()
                        } else {
                            word
                        };
                        Err(self.fail(ShellErrorKind::Required { name, message }, start))
                    }
                    Some(c @ ('%' | '#')) => self.trim(c, &word, &value, start),
                    _ => Err(self.fail(ShellErrorKind::UnsupportedModifier(chs), start)),
                }
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.bump();
                }
                let pat = self.nested('/', true, ShellErrorKind::MissingSlash, start)?;
                let repl = self.nested('}', true, ShellErrorKind::MissingBrace, start)?;
                let (value, set) = self.get_env(&name);
                if self.lex.skip_unset_env && !set {
                    return Ok(format!("${{{name}/{pat}/{repl}}}"));
                }
                self.replace(all, &pat, &repl, &value, start)
            }
            _ => Err(self.fail(ShellErrorKind::UnsupportedModifier(chs), start)),
        }
    }

    /// `${V#pat}`, `${V##pat}`, `${V%pat}`, `${V%%pat}`. Kept out of line so the recursive
    /// path through [`Run::braced`] has a small stack frame.
    #[inline(never)]
    fn trim(&mut self, op: char, word: &str, value: &str, start: usize) -> Step<String> {
        // A doubled operator (`%%`, `##`) asks for the longest match.
        let (greedy, pat) = match word.strip_prefix(op) {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        let res = if op == '%' {
            pattern::trim_suffix(pat, value, greedy, &mut self.budget)
        } else {
            pattern::trim_prefix(pat, value, greedy, &mut self.budget)
        };
        res.map_err(|e| {
            let shown = if op == '%' {
                pattern::reverse_pattern(pat)
            } else {
                pat.to_string()
            };
            self.pattern_fail(e, shown, start)
        })
    }

    /// `${V/pat/repl}` and `${V//pat/repl}`, out of line like [`Run::trim`].
    #[inline(never)]
    fn replace(
        &mut self,
        all: bool,
        pat: &str,
        repl: &str,
        value: &str,
        start: usize,
    ) -> Step<String> {
        let mut compiled = pattern::Pattern::compile(pat, true, false).map_err(|reason| {
            self.pattern_fail(PatternError::Invalid(reason), pat.to_string(), start)
        })?;
        let replaced = if all {
            pattern::replace_all(&mut compiled, value, repl, &mut self.budget)
        } else {
            pattern::replace_first(&mut compiled, value, repl, &mut self.budget)
        };
        replaced.map_err(|TooComplex| {
            self.pattern_fail(PatternError::TooComplex, pat.to_string(), start)
        })
    }

    fn pattern_fail(&self, e: PatternError, pattern: String, start: usize) -> Fail {
        let kind = match e {
            PatternError::Invalid(reason) => ShellErrorKind::InvalidPattern { pattern, reason },
            PatternError::TooComplex => ShellErrorKind::PatternTooComplex,
        };
        self.fail(kind, start)
    }
}

#[cfg(test)]
mod tests;
