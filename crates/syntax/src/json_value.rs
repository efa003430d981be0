//! A small JSON reader: text → [`JsonValue`], for the few JSON documents the core reads
//! (package-lock.json and package.json from the build context, the playground's share links,
//! autosave and history).
//!
//! It replaces `serde_json::from_str::<serde_json::Value>` on those paths, which pulled
//! serde_json's deserializer, `Value`'s `Deserialize`, its `BTreeMap<String, Value>` and
//! core's decimal-to-float converter into the playground's wasm (issue 9's size budget). When
//! it came in, the optimised wasm lost every serde item (55 functions) and shrank by 11.3 KB,
//! 5.0 KB after brotli; this reader costs about 6.4 KB of it before compression.
//!
//! What it accepts and what it makes of it are serde_json's (a differential test in
//! `tests/json_value.rs` checks a table of tricky inputs against serde_json):
//! - RFC 8259, strictly: no comments, no trailing commas, no byte-order mark, whitespace only
//!   ` \t\n\r`, nothing but whitespace after the value, control characters in strings rejected.
//! - `\uXXXX` escapes pair UTF-16 surrogates; a lone surrogate is an error (as serde_json
//!   reading into a `String`).
//! - Numbers follow the JSON grammar (`-0`, `1e5`; not `01`, `1.`, `.5`, `+1`) and are kept as
//!   their text, never converted to `f64`. Like serde_json without `arbitrary_precision`, a
//!   number whose magnitude rounds to infinity as an `f64` (`1e400`) is an error; serde_json's
//!   own rounding may disagree within an ulp of `f64::MAX`, a range no caller meets.
//! - Objects behave as serde_json's `Value` does without `preserve_order` (this workspace's
//!   setting): entries sorted by key (byte order) and a duplicate key keeps its *last* value.
//!   The reader sorts and de-duplicates each object as it closes it, so callers iterating an
//!   object see the order they saw with serde_json, with no sorting of their own.
//! - Nesting is limited as serde_json's recursion limit does: 127 nested arrays/objects are
//!   read, the 128th is an error. The limit also bounds this reader's recursion, so hostile
//!   input cannot overflow the stack; time is linear in the input (plus sorting each
//!   object's keys).
//!
//! Errors are data ([`JsonError`]: a byte offset and a short message); nothing panics.

use std::fmt;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (validated against the JSON grammar, e.g. `-0`, `1.5e3`).
    Number(Box<str>),
    /// A string, escapes decoded.
    String(String),
    /// An array.
    Array(Vec<JsonValue>),
    /// An object: entries sorted by key (byte order), keys unique (for a key written more than
    /// once, the last value). [`parse`] guarantees the order; [`JsonValue::get`] relies on it.
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        let entries = self.as_object()?;
        let i = entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        entries.get(i).map(|(_, v)| v)
    }

    /// The string, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, when this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsonValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, when this is a non-negative integer written without fraction or exponent
    /// that fits a `u64` (as serde_json's `as_u64`: `1e5`, `1.0` and `-0` are not).
    pub fn as_u64(&self) -> Option<u64> {
        let JsonValue::Number(raw) = self else {
            return None;
        };
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        raw.bytes().try_fold(0u64, |acc, d| {
            acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match self {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries (sorted by key, keys unique), when this is an object.
    pub fn as_object(&self) -> Option<&[(String, JsonValue)]> {
        match self {
            JsonValue::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

/// Why a text is not JSON: where (byte offset into the text) and what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the offending character (the text's length at an unexpected end).
    pub offset: u32,
    /// A short description, e.g. "trailing comma" or "lone surrogate in \\u escape".
    pub message: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// serde_json's recursion limit: entering the 128th nested array/object fails.
const MAX_DEPTH: u32 = 128;

/// Parses `text` as one JSON value (surrounding whitespace allowed).
///
/// ```
/// use stagecraft_syntax::json_value::{parse, JsonValue};
///
/// let v = parse(r#"{"b": [1, "\u00e9"], "a": true, "b": null}"#).unwrap();
/// // Keys sorted, the last `b` kept.
/// let keys: Vec<&str> = v.as_object().unwrap().iter().map(|(k, _)| k.as_str()).collect();
/// assert_eq!(keys, ["a", "b"]);
/// assert_eq!(v.get("b"), Some(&JsonValue::Null));
/// assert!(parse("[1,]").is_err());
/// ```
pub fn parse(text: &str) -> Result<JsonValue, JsonError> {
    let mut p = Parser {
        text,
        s: text.as_bytes(),
        pos: 0,
    };
    p.ws();
    let v = p.value(MAX_DEPTH)?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err("trailing characters after the value"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, message: &'static str) -> JsonError {
        JsonError {
            offset: u32::try_from(self.pos).unwrap_or(u32::MAX),
            message,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// One value at `pos` (whitespace before it already skipped); `depth` is how many more
    /// nesting levels may be opened, counting the one this value would open.
    fn value(&mut self, depth: u32) -> Result<JsonValue, JsonError> {
        match self.peek() {
            None => Err(self.err("unexpected end of input, expected a value")),
            Some(b'n') => self.literal("null", JsonValue::Null),
            Some(b't') => self.literal("true", JsonValue::Bool(true)),
            Some(b'f') => self.literal("false", JsonValue::Bool(false)),
            Some(b'"') => self.string().map(JsonValue::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                let depth = self.enter(depth)?;
                self.array(depth)
            }
            Some(b'{') => {
                let depth = self.enter(depth)?;
                self.object(depth)
            }
            Some(_) => Err(self.err("expected a value")),
        }
    }

    /// Consumes the opening bracket if one more level is allowed.
    fn enter(&mut self, depth: u32) -> Result<u32, JsonError> {
        let left = depth.saturating_sub(1);
        if left == 0 {
            return Err(self.err("nesting too deep"));
        }
        self.pos += 1;
        self.ws();
        Ok(left)
    }

    fn array(&mut self, depth: u32) -> Result<JsonValue, JsonError> {
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(JsonValue::Array(items));
        }
        loop {
            if self.peek() == Some(b']') {
                return Err(self.err("trailing comma"));
            }
            items.push(self.value(depth)?);
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonValue::Array(items));
                }
                None => return Err(self.err("unexpected end of input in an array")),
                Some(_) => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: u32) -> Result<JsonValue, JsonError> {
        let mut entries = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(JsonValue::Object(entries));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.err("trailing comma")),
                None => return Err(self.err("unexpected end of input in an object")),
                Some(_) => return Err(self.err("expected a string key")),
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected `:`"));
            }
            self.pos += 1;
            self.ws();
            let value = self.value(depth)?;
            entries.push((key, value));
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonValue::Object(sorted_unique(entries)));
                }
                None => return Err(self.err("unexpected end of input in an object")),
                Some(_) => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, JsonError> {
        if self.s.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.err("expected a value"))
        }
    }

    /// A string at `"`, escapes decoded.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one go.
            let start = self.pos;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.pos += 1;
            }
            // Both ends sit before an ASCII byte or at the end: char boundaries.
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.err("unexpected end of input in a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.err("control character in a string")),
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(e) = self.peek() else {
            return Err(self.err("unexpected end of input in a string"));
        };
        if e == b'u' {
            self.pos += 1;
            return self.unicode_escape();
        }
        let Some(c) = crate::json::short_escape(e) else {
            return Err(self.err("invalid escape"));
        };
        self.pos += 1;
        Ok(c)
    }

    /// The character of `XXXX` (after `\u`), joined with a following `\uXXXX` when it is a
    /// high surrogate.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        const LONE: &str = "lone surrogate in \\u escape";
        let hi = self.hex4()?;
        let cp = match hi {
            0xd800..=0xdbff => {
                if self.s.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.err(LONE));
                }
                self.pos += 2;
                let lo = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&lo) {
                    return Err(self.err(LONE));
                }
                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
            }
            0xdc00..=0xdfff => return Err(self.err(LONE)),
            _ => hi,
        };
        char::from_u32(cp).ok_or_else(|| self.err(LONE))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(d) = self.peek().and_then(|b| char::from(b).to_digit(16)) else {
                return Err(self.err("invalid \\u escape"));
            };
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number, checked against the grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.err("leading zero in a number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err("expected a digit after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("expected a digit in the exponent"));
            }
        }
        // ASCII from `start` to `pos`: char boundaries.
        let raw = self.text.get(start..self.pos).unwrap_or_default();
        if crate::json::rounds_to_infinity(raw.as_bytes()) {
            return Err(JsonError {
                offset: u32::try_from(start).unwrap_or(u32::MAX),
                message: "number out of range",
            });
        }
        Ok(JsonValue::Number(raw.into()))
    }
}

/// `entries` sorted by key, the last of equal keys kept: serde_json's `BTreeMap` order and
/// `insert` semantics. Objects that are already sorted (most lock files) skip the sort.
fn sorted_unique(mut entries: Vec<(String, JsonValue)>) -> Vec<(String, JsonValue)> {
    if entries.is_sorted_by(|a, b| a.0 < b.0) {
        return entries;
    }
    // Stable: equal keys keep document order, so the last of a run is the last written.
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<(String, JsonValue)> = Vec::with_capacity(entries.len());
    for entry in entries {
        match out.last_mut() {
            Some(last) if last.0 == entry.0 => *last = entry,
            _ => out.push(entry),
        }
    }
    out
}
