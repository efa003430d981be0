//! The instruction tree: what [`crate::parse`] returns.
//!
//! The tree is *lossless*: every byte of the input belongs to exactly one [`Instruction::range`],
//! one [`Trivia::range`] (blank line, comment, parser directive, byte-order mark, or the
//! unread tail after a line BuildKit refuses), and these ranges tile the input in order.
//! Values (`Word::text`, flag values, …) are what BuildKit's parser makes of the text; the
//! ranges point back to where they were written.

use crate::case::GoCase;
use crate::diagnostic::{Diagnostic, TextRange};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// The result of parsing: the tree plus errors and warnings. Parsing never fails.
#[derive(Debug, Clone, Serialize)]
pub struct Parse {
    /// The tree. Always complete, even when there are errors.
    pub file: Dockerfile,
    /// Everything BuildKit would reject, in file order. The first one is the error BuildKit
    /// reports (it stops there); we keep going so the rest of the file is still usable.
    pub errors: Vec<Diagnostic>,
    /// What BuildKit's parser warns about (code `NoEmptyContinuation`).
    pub warnings: Vec<Diagnostic>,
    /// BuildKit's own view of the first error: message and the line numbers it attaches.
    pub rejection: Option<Rejection>,
}

impl Parse {
    /// True when BuildKit's parser accepts the file.
    pub fn is_ok(&self) -> bool {
        self.rejection.is_none()
    }

    /// BuildKit's dump of the tree (`Node.Dump()` plus a newline), or `None` when BuildKit
    /// rejects the file. Non-UTF-8 input is quoted with `\xNN` like Go does.
    pub fn dump(&self) -> Option<String> {
        if self.rejection.is_some() {
            return None;
        }
        Some(self.file.dump())
    }
}

/// The error BuildKit's `parser.Parse` returns, as BuildKit words and locates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// `err.Error()`, e.g. `ENV must have two arguments`.
    pub message: String,
    /// The line numbers BuildKit attaches (its own numbering: for some errors 0-based).
    pub lines: Vec<u32>,
    /// Where in our input the problem is (for `file:line:col` messages).
    pub range: TextRange,
}

/// A parsed Dockerfile.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dockerfile {
    /// Parser directives (`# syntax=`, `# escape=`, `# check=`) at the top of the file.
    pub directives: Vec<Directive>,
    /// The escape character in force: `\` or `` ` ``.
    pub escape: char,
    /// Instructions in file order (ONBUILD bodies are nested inside their instruction).
    pub instructions: Vec<Instruction>,
    /// Everything between instructions: blank lines, comments, directives, a BOM.
    pub trivia: Vec<Trivia>,
    /// Length of the input in bytes.
    pub len: u32,
}

impl Dockerfile {
    /// The directive named `name` (lower case: `syntax`, `escape`, `check`).
    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }

    /// The top-level `FROM` instructions, in order.
    pub fn froms(&self) -> impl Iterator<Item = &Instruction> + '_ {
        self.instructions.iter().filter(|i| i.kind == Keyword::From)
    }

    /// BuildKit's dump format: one `(keyword …)` line per instruction, newline-terminated.
    pub fn dump(&self) -> String {
        crate::dump::dump_file(self)
    }
}

/// A parser directive such as `# syntax=docker/dockerfile:1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    pub name: String,
    /// The value, trimmed.
    pub value: String,
    /// The whole line, newline included.
    pub range: TextRange,
    /// The name as written.
    pub name_range: TextRange,
    /// The value as written.
    pub value_range: TextRange,
    /// 1-based line.
    pub line: u32,
}

/// What a piece of trivia is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TriviaKind {
    /// A line that is empty or only whitespace.
    Blank,
    /// A `#` comment line outside an instruction.
    Comment,
    /// A parser directive line (also listed in [`Dockerfile::directives`]).
    Directive,
    /// The UTF-8 byte-order mark at the start of the file.
    Bom,
    /// Text BuildKit never reads because an earlier line was too long for its scanner.
    Unread,
}

/// Text between instructions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Trivia {
    /// What it is.
    pub kind: TriviaKind,
    /// Where, newline included.
    pub range: TextRange,
}

/// The instruction keyword, as BuildKit dispatches on it (case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Keyword {
    /// `ADD`
    Add,
    /// `ARG`
    Arg,
    /// `CMD`
    Cmd,
    /// `COPY`
    Copy,
    /// `ENTRYPOINT`
    Entrypoint,
    /// `ENV`
    Env,
    /// `EXPOSE`
    Expose,
    /// `FROM`
    From,
    /// `HEALTHCHECK`
    Healthcheck,
    /// `LABEL`
    Label,
    /// `MAINTAINER`
    Maintainer,
    /// `ONBUILD`
    Onbuild,
    /// `RUN`
    Run,
    /// `SHELL`
    Shell,
    /// `STOPSIGNAL`
    Stopsignal,
    /// `USER`
    User,
    /// `VOLUME`
    Volume,
    /// `WORKDIR`
    Workdir,
    /// Anything else: BuildKit's parser keeps it (the instruction layer rejects it later).
    Unknown,
}

impl Keyword {
    /// Classify an already lower-cased keyword.
    pub fn from_lowercase(s: &str) -> Keyword {
        match s {
            "add" => Keyword::Add,
            "arg" => Keyword::Arg,
            "cmd" => Keyword::Cmd,
            "copy" => Keyword::Copy,
            "entrypoint" => Keyword::Entrypoint,
            "env" => Keyword::Env,
            "expose" => Keyword::Expose,
            "from" => Keyword::From,
            "healthcheck" => Keyword::Healthcheck,
            "label" => Keyword::Label,
            "maintainer" => Keyword::Maintainer,
            "onbuild" => Keyword::Onbuild,
            "run" => Keyword::Run,
            "shell" => Keyword::Shell,
            "stopsignal" => Keyword::Stopsignal,
            "user" => Keyword::User,
            "volume" => Keyword::Volume,
            "workdir" => Keyword::Workdir,
            _ => Keyword::Unknown,
        }
    }

    /// Lower-case spelling (`"unknown"` for [`Keyword::Unknown`]).
    pub(crate) fn as_lowercase_str(self) -> &'static str {
        match self {
            Keyword::Add => "add",
            Keyword::Arg => "arg",
            Keyword::Cmd => "cmd",
            Keyword::Copy => "copy",
            Keyword::Entrypoint => "entrypoint",
            Keyword::Env => "env",
            Keyword::Expose => "expose",
            Keyword::From => "from",
            Keyword::Healthcheck => "healthcheck",
            Keyword::Label => "label",
            Keyword::Maintainer => "maintainer",
            Keyword::Onbuild => "onbuild",
            Keyword::Run => "run",
            Keyword::Shell => "shell",
            Keyword::Stopsignal => "stopsignal",
            Keyword::User => "user",
            Keyword::Volume => "volume",
            Keyword::Workdir => "workdir",
            Keyword::Unknown => "unknown",
        }
    }

    /// Upper-case canonical spelling (`"UNKNOWN"` for [`Keyword::Unknown`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "UNKNOWN",
        }
    }
}

/// A keyword as written. Behaves like a `String` holding it (derefs to `str`, compares with
/// `str` and `String`, displays and serializes as the text); the usual spellings (`RUN`,
/// `run`) are static, so that most instructions need no allocation for their keyword.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct KeywordText(Cow<'static, str>);

impl KeywordText {
    /// The keyword text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as a `String`.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }

    /// A static spelling.
    pub(crate) const fn from_static(s: &'static str) -> Self {
        KeywordText(Cow::Borrowed(s))
    }
}

impl std::ops::Deref for KeywordText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for KeywordText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for KeywordText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for KeywordText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for KeywordText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for KeywordText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<String> for KeywordText {
    fn from(s: String) -> Self {
        KeywordText(Cow::Owned(s))
    }
}

impl From<&str> for KeywordText {
    fn from(s: &str) -> Self {
        KeywordText(Cow::Owned(s.to_owned()))
    }
}

impl From<KeywordText> for String {
    fn from(k: KeywordText) -> String {
        k.into_string()
    }
}

impl PartialEq<str> for KeywordText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for KeywordText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for KeywordText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<KeywordText> for str {
    fn eq(&self, other: &KeywordText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<KeywordText> for &str {
    fn eq(&self, other: &KeywordText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<KeywordText> for String {
    fn eq(&self, other: &KeywordText) -> bool {
        self.as_str() == other.as_str()
    }
}

/// Text that is often a slice of the input: then it shares the parse's one copy of the input
/// instead of owning a copy. Behaves like a `String` holding the text (derefs to `str`,
/// compares with `str` and `String`, displays and serializes as the text).
#[derive(Clone)]
pub struct SharedText(SharedRepr);

#[derive(Clone)]
enum SharedRepr {
    /// `src[start..end]`, checked to be on char boundaries when made.
    Slice {
        src: Arc<str>,
        start: u32,
        end: u32,
    },
    Owned(String),
}

impl SharedText {
    /// `src[start..end]` without copying, or `None` if that is not a `str` slice.
    pub(crate) fn slice(src: &Arc<str>, start: usize, end: usize) -> Option<SharedText> {
        src.get(start..end)?;
        Some(SharedText(SharedRepr::Slice {
            src: Arc::clone(src),
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        }))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            SharedRepr::Slice { src, start, end } => {
                src.get(*start as usize..*end as usize).unwrap_or_default()
            }
            SharedRepr::Owned(s) => s,
        }
    }

    /// The text as a `String`.
    pub fn into_string(self) -> String {
        match self.0 {
            SharedRepr::Owned(s) => s,
            SharedRepr::Slice { .. } => self.as_str().to_owned(),
        }
    }
}

impl Default for SharedText {
    fn default() -> Self {
        SharedText(SharedRepr::Owned(String::new()))
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialOrd for SharedText {
    fn partial_cmp(&self, other: &SharedText) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedText {
    fn cmp(&self, other: &SharedText) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for SharedText {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h);
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> Self {
        SharedText(SharedRepr::Owned(s))
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> Self {
        SharedText(SharedRepr::Owned(s.to_owned()))
    }
}

impl From<SharedText> for String {
    fn from(t: SharedText) -> String {
        t.into_string()
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

/// One instruction, with its continuation lines and heredoc bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Instruction {
    /// What instruction this is.
    pub kind: Keyword,
    /// The keyword as written (`run`, `Run`, `RUN`, …).
    pub keyword: KeywordText,
    /// Where the keyword is.
    pub keyword_range: TextRange,
    /// All lines of the instruction, from the start of its first line through the newline of
    /// its last line (continuations, comment lines inside it, heredoc bodies and terminators).
    /// For an ONBUILD body: the part of the ONBUILD line it was parsed from.
    pub range: TextRange,
    /// From the keyword to the last non-newline byte of the instruction (heredocs included):
    /// the span to underline.
    pub span: TextRange,
    /// 1-based line of the keyword.
    pub line: u32,
    /// 1-based last line (heredoc terminators included).
    pub end_line: u32,
    /// Leading `--flags`, in order.
    pub flags: Vec<Flag>,
    /// The arguments, typed per instruction.
    pub args: Args,
    /// Heredocs (`<<EOF`) for RUN, COPY, ADD (also inside ONBUILD), with their bodies.
    pub heredocs: Vec<Heredoc>,
    /// BuildKit's `Original`: the logical line after joining continuations.
    pub original: SharedText,
    /// Comment lines directly above the instruction (BuildKit's `PrevComment`).
    pub comments: Vec<String>,
    /// For an ONBUILD nested deeper than the tree keeps (hand-made input only): the dump of
    /// the rest of the chain, so that the dump still equals BuildKit's.
    #[serde(skip)]
    pub(crate) onbuild_overflow: Option<Box<str>>,
}

impl Instruction {
    /// The first flag called `name` (without `--`; compared exactly, as BuildKit does).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// Every flag called `name` (repeatable flags such as `--mount`, `--exclude`).
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Flag> + 'a {
        self.flags.iter().filter(move |f| f.name == name)
    }

    /// The first flag whose name equals `name` ignoring ASCII case.
    pub fn flag_ignore_case(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// The nested instruction of an `ONBUILD`.
    pub fn onbuild_body(&self) -> Option<&Instruction> {
        match &self.args {
            Args::Onbuild { body } => body.as_deref(),
            _ => None,
        }
    }

    /// True when the arguments are in exec (JSON array) form.
    pub fn is_exec_form(&self) -> bool {
        match &self.args {
            Args::Run { command }
            | Args::Cmd { command }
            | Args::Entrypoint { command }
            | Args::Shell { command } => {
                matches!(command, Some(Command::Exec(_)))
            }
            Args::Copy { json, .. } | Args::Add { json, .. } | Args::Volume { json, .. } => *json,
            Args::Healthcheck { command, .. } => matches!(command, Some(Command::Exec(_))),
            _ => false,
        }
    }

    /// This instruction in BuildKit's dump format, without parentheses' trailing newline.
    pub fn dump(&self) -> String {
        crate::dump::dump_instruction(self)
    }
}

/// A `--name=value` flag before the arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The name without the leading `--` (as written, e.g. `from`, `mount`).
    pub name: String,
    /// The value after the first `=`, quotes removed; `None` for `--link`.
    pub value: Option<String>,
    /// The whole flag word as BuildKit keeps it (`--from=build`, quotes removed).
    pub text: String,
    /// The flag as written, `--` included.
    pub range: TextRange,
    /// The value as written (empty at the end of the flag if there is none).
    pub value_range: TextRange,
}

/// One `key=value` field of a `--mount=` flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MountOption {
    /// The key, lower-cased as BuildKit compares it.
    pub key: String,
    /// The value after `=`, or `None` for a bare key such as `readonly`.
    pub value: Option<String>,
}

impl Flag {
    /// The value split as BuildKit splits `--mount` (CSV fields of `key=value`, keys
    /// lower-cased). `None` if the CSV is malformed (an unterminated quote).
    pub fn mount_options(&self) -> Option<Vec<MountOption>> {
        let value = self.value.as_deref()?;
        let fields = crate::csv::read_record(value)?;
        Some(
            fields
                .into_iter()
                .map(|f| match f.split_once('=') {
                    Some((k, v)) => MountOption {
                        key: k.go_lower(),
                        value: Some(v.to_string()),
                    },
                    None => MountOption {
                        key: f.go_lower(),
                        value: None,
                    },
                })
                .collect(),
        )
    }

    /// The value of mount option `key` (lower case), e.g. `type`, `target`, `from`.
    pub fn mount_option(&self, key: &str) -> Option<String> {
        self.mount_options()?
            .into_iter()
            .find(|o| o.key == key)
            .and_then(|o| o.value)
    }
}

/// A value as BuildKit's parser produces it, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// The value (quotes kept or removed exactly as BuildKit's parser does for this
    /// instruction). Bytes that are not UTF-8 appear as U+FFFD here.
    pub text: String,
    /// Where it was written (may span continuation lines).
    pub range: TextRange,
    /// The exact bytes when they are not valid UTF-8 (then `text` is the lossy version).
    #[serde(skip)]
    pub bytes: Option<Box<[u8]>>,
}

impl Word {
    /// A word from UTF-8 text.
    pub fn new(text: impl Into<String>, range: TextRange) -> Word {
        Word {
            text: text.into(),
            range,
            bytes: None,
        }
    }

    /// A word from bytes that may not be UTF-8.
    pub fn from_bytes(bytes: Vec<u8>, range: TextRange) -> Word {
        match String::from_utf8(bytes) {
            Ok(text) => Word {
                text,
                range,
                bytes: None,
            },
            Err(e) => {
                let bytes = e.into_bytes();
                Word {
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    range,
                    bytes: Some(bytes.into_boxed_slice()),
                }
            }
        }
    }

    /// The exact bytes of the value.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.bytes {
            Some(b) => b,
            None => self.text.as_bytes(),
        }
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// A command in exec (JSON) or shell form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "form", content = "words", rename_all = "lowercase")]
pub enum Command {
    /// `["executable", "arg"]`: one word per array element (JSON escapes decoded).
    Exec(Vec<Word>),
    /// Shell form: the whole joined text as one word.
    Shell(Word),
}

/// `ARG name` or `ARG name=default`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArgDecl {
    /// The whole word as BuildKit keeps it (`X=1`, quotes kept).
    pub word: Word,
    /// The name (text before the first `=`).
    pub name: String,
    /// The default (text after the first `=`), if there is a `=`.
    pub default: Option<String>,
}

/// One `key value` pair of ENV or LABEL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    /// The key (quotes kept, as BuildKit's parser does).
    pub key: Word,
    /// The value (quotes kept; they are removed later by BuildKit's shell processing).
    pub value: Word,
    /// True for the old `ENV name value` form (no `=`).
    pub legacy: bool,
}

/// Arguments of an instruction, typed per instruction.
///
/// Each variant holds exactly what BuildKit's parser builds for that instruction; the order
/// of words is the order of BuildKit's node list, so the dump can be produced from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Args {
    /// `FROM [--platform=…] image [AS name]`: the words as split on whitespace.
    From {
        /// All words as written (`img`, `AS`, `Builder`, and any extra).
        words: Vec<Word>,
    },
    /// `RUN`.
    Run {
        /// The command; `None` if nothing follows the keyword (and flags).
        command: Option<Command>,
    },
    /// `CMD`.
    Cmd {
        /// The command.
        command: Option<Command>,
    },
    /// `ENTRYPOINT`.
    Entrypoint {
        /// The command.
        command: Option<Command>,
    },
    /// `SHELL`.
    Shell {
        /// The command (normally exec form).
        command: Option<Command>,
    },
    /// `COPY`: sources then destination (the last word).
    Copy {
        /// All words (JSON elements or whitespace-separated words), destination last.
        words: Vec<Word>,
        /// True for the JSON array form.
        json: bool,
    },
    /// `ADD`: like COPY.
    Add {
        /// All words, destination last.
        words: Vec<Word>,
        /// True for the JSON array form.
        json: bool,
    },
    /// `VOLUME`.
    Volume {
        /// The paths.
        words: Vec<Word>,
        /// True for the JSON array form.
        json: bool,
    },
    /// `ARG`.
    Arg {
        /// The declarations.
        decls: Vec<ArgDecl>,
    },
    /// `ENV`.
    Env {
        /// The pairs.
        pairs: Vec<KeyValue>,
    },
    /// `LABEL`.
    Label {
        /// The pairs.
        pairs: Vec<KeyValue>,
    },
    /// `EXPOSE`: whitespace-separated words.
    Expose {
        /// The ports.
        words: Vec<Word>,
    },
    /// `USER`: the rest of the line as one word.
    User {
        /// The text.
        value: Option<Word>,
    },
    /// `WORKDIR`.
    Workdir {
        /// The text.
        value: Option<Word>,
    },
    /// `STOPSIGNAL`.
    Stopsignal {
        /// The text.
        value: Option<Word>,
    },
    /// `MAINTAINER`.
    Maintainer {
        /// The text.
        value: Option<Word>,
    },
    /// `HEALTHCHECK NONE` or `HEALTHCHECK [flags] CMD command`.
    Healthcheck {
        /// The first word (`CMD`, `NONE`, or whatever was written); `None` for a bare HEALTHCHECK.
        kind: Option<Word>,
        /// The command after the first word.
        command: Option<Command>,
    },
    /// `ONBUILD instruction`.
    Onbuild {
        /// The nested instruction; `None` for a bare ONBUILD.
        body: Option<Box<Instruction>>,
    },
    /// An instruction BuildKit's parser does not know (kept, arguments ignored).
    Unknown,
}

impl Args {
    /// For FROM: the image word.
    pub fn from_image(&self) -> Option<&Word> {
        match self {
            Args::From { words } => words.first(),
            _ => None,
        }
    }

    /// For FROM: the `AS` keyword word. Like BuildKit, only `image AS name` (exactly three
    /// words, `AS` in any case) names a stage; `FROM a b` or `FROM a AS b c` do not.
    pub fn from_as_keyword(&self) -> Option<&Word> {
        match self {
            Args::From { words } if words.len() == 3 => {
                words.get(1).filter(|w| w.text.eq_ignore_ascii_case("as"))
            }
            _ => None,
        }
    }

    /// For FROM: the stage name as written (the third word after `AS`; see
    /// [`Args::from_as_keyword`]). BuildKit compares stage names lower-cased.
    pub fn from_stage_name(&self) -> Option<&Word> {
        self.from_as_keyword()?;
        match self {
            Args::From { words } => words.get(2),
            _ => None,
        }
    }

    /// For COPY/ADD: the source words (all but the last).
    pub fn sources(&self) -> &[Word] {
        match self {
            Args::Copy { words, .. } | Args::Add { words, .. } => {
                words.split_last().map_or(&[][..], |(_, rest)| rest)
            }
            _ => &[],
        }
    }

    /// For COPY/ADD: the destination (last word).
    pub fn dest(&self) -> Option<&Word> {
        match self {
            Args::Copy { words, .. } | Args::Add { words, .. } => {
                if words.len() >= 2 {
                    words.last()
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// For RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK: the command.
    pub fn command(&self) -> Option<&Command> {
        match self {
            Args::Run { command }
            | Args::Cmd { command }
            | Args::Entrypoint { command }
            | Args::Shell { command }
            | Args::Healthcheck { command, .. } => command.as_ref(),
            _ => None,
        }
    }

    /// For ENV/LABEL: the pairs.
    pub fn pairs(&self) -> &[KeyValue] {
        match self {
            Args::Env { pairs } | Args::Label { pairs } => pairs,
            _ => &[],
        }
    }
}

/// A heredoc attached to an instruction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    /// The terminator word, quotes removed (`EOF`).
    pub name: String,
    /// File descriptor before `<<` (`3<<EOF`), 0 if none.
    pub fd: u64,
    /// False when the delimiter was quoted (`<<'EOF'`): no variable expansion in the body.
    pub expand: bool,
    /// True for `<<-EOF`: leading tabs are removed from the body lines.
    pub chomp: bool,
    /// The body exactly as read (lines with their newlines, leading tabs kept).
    pub body: String,
    /// The body lines.
    pub body_range: TextRange,
    /// The terminator line (empty at the end of input if unterminated).
    pub terminator_range: TextRange,
}
