//! The JSON of the autosave and history entries in localStorage, written and read by hand.
//!
//! The format is the one earlier versions stored through serde: an autosave is one object
//! `{"text":…,"target":…,"build_args":[[k,v],…],"platform":…,"panel":…}` (absent options and
//! empty lists omitted), the history an array of them. Reading accepts exactly what those
//! versions wrote and any valid JSON of that shape (`null` options, unknown fields ignored),
//! so nothing a user has stored is lost; anything else is `None`, never a panic.

use crate::share::LinkState;

/// Appends `s` as a JSON string.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn field(out: &mut String, name: &str, value: &Option<String>) {
    if let Some(v) = value {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":");
        string(out, v);
    }
}

fn object(out: &mut String, s: &LinkState) {
    out.push_str("{\"text\":");
    string(out, &s.text);
    field(out, "target", &s.target);
    if !s.build_args.is_empty() {
        out.push_str(",\"build_args\":[");
        for (i, (k, v)) in s.build_args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            string(out, k);
            out.push(',');
            string(out, v);
            out.push(']');
        }
        out.push(']');
    }
    field(out, "platform", &s.platform);
    field(out, "panel", &s.panel);
    out.push('}');
}

/// One saved buffer as JSON.
pub fn to_json(state: &LinkState) -> String {
    let mut out = String::with_capacity(state.text.len() + 64);
    object(&mut out, state);
    out
}

/// A history (newest first) as a JSON array.
pub fn history_to_json(history: &[LinkState]) -> String {
    let mut out = String::from("[");
    for (i, s) in history.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        object(&mut out, s);
    }
    out.push(']');
    out
}

/// Reads one saved buffer.
pub fn from_json(json: &str) -> Option<LinkState> {
    let mut p = Parser {
        s: json.as_bytes(),
        i: 0,
    };
    let state = p.state()?;
    p.end()?;
    Some(state)
}

/// Reads a history.
pub fn history_from_json(json: &str) -> Option<Vec<LinkState>> {
    let mut p = Parser {
        s: json.as_bytes(),
        i: 0,
    };
    let mut out = Vec::new();
    p.list(|p| {
        out.push(p.state()?);
        Some(())
    })?;
    p.end()?;
    Some(out)
}

/// Nesting allowed inside an ignored field's value (deeper input is refused, not recursed).
const MAX_DEPTH: u32 = 64;

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// Skips whitespace and consumes `b` if it comes next.
    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&b);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        self.eat(b).then_some(())
    }

    fn end(&mut self) -> Option<()> {
        self.ws();
        (self.i == self.s.len()).then_some(())
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        self.ws();
        let hit = self.s.get(self.i..).is_some_and(|r| r.starts_with(word));
        if hit {
            self.i += word.len();
        }
        hit
    }

    /// `[ item, … ]`, calling `item` for each.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        if self.eat(b']') {
            return Some(());
        }
        loop {
            item(self)?;
            if self.eat(b']') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// `{ "key": value, … }`, calling `member` with each key.
    fn members(&mut self, mut member: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.expect(b'{')?;
        if self.eat(b'}') {
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.expect(b':')?;
            member(self, &key)?;
            if self.eat(b'}') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        let n = u32::from_str_radix(text, 16).ok()?;
        self.i += 4;
        Some(n)
    }

    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                // A surrogate pair: `\uD83D\uDE00`.
                                if !self.literal(b"\\u") {
                                    return None;
                                }
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                b if b < 0x20 => return None,
                b => out.push(b),
            }
        }
    }

    /// A string or `null`.
    fn option(&mut self) -> Option<Option<String>> {
        if self.literal(b"null") {
            Some(None)
        } else {
            self.string().map(Some)
        }
    }

    /// Any JSON value, ignored (an unknown field).
    fn skip(&mut self, depth: u32) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.s.get(self.i)? {
            b'"' => self.string().map(drop),
            b'[' => self.list(|p| p.skip(depth + 1)),
            b'{' => self.members(|p, _| p.skip(depth + 1)),
            _ => {
                let start = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
                {
                    self.i += 1;
                }
                let word = self.s.get(start..self.i)?;
                let number = word
                    .first()
                    .is_some_and(|b| b.is_ascii_digit() || *b == b'-');
                (number || matches!(word, b"true" | b"false" | b"null")).then_some(())
            }
        }
    }

    fn state(&mut self) -> Option<LinkState> {
        let mut state = LinkState::default();
        self.members(|p, key| {
            match key {
                "text" => state.text = p.string()?,
                "target" => state.target = p.option()?,
                "platform" => state.platform = p.option()?,
                "panel" => state.panel = p.option()?,
                "build_args" => p.list(|p| {
                    p.expect(b'[')?;
                    let k = p.string()?;
                    p.expect(b',')?;
                    let v = p.string()?;
                    p.expect(b']')?;
                    state.build_args.push((k, v));
                    Some(())
                })?,
                _ => p.skip(0)?,
            }
            Some(())
        })?;
        Some(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> LinkState {
        LinkState {
            text: "FROM alpine AS \"x\"\n\tRUN echo \\ é 😀 \u{1}\r\n".into(),
            target: Some("build".into()),
            build_args: vec![("A".into(), "1".into()), ("B\"".into(), String::new())],
            platform: Some("linux/arm64".into()),
            panel: Some("graph".into()),
        }
    }

    #[test]
    fn saved_buffers_round_trip() {
        for state in [sample(), LinkState::default()] {
            assert_eq!(from_json(&to_json(&state)), Some(state.clone()));
        }
        let history = vec![sample(), LinkState::default(), sample()];
        assert_eq!(history_from_json(&history_to_json(&history)), Some(history));
        assert_eq!(history_from_json("[]"), Some(vec![]));
        // Absent options and empty lists are omitted, as the serde version wrote them.
        assert_eq!(to_json(&LinkState::default()), "{\"text\":\"\"}");
    }

    #[test]
    fn what_the_serde_version_stored_still_reads() {
        // Written by the previous playground (serde_json of stagecraft_share::ShareState).
        let old = r#"{"text":"FROM golang:1.22 AS build\nRUN go build -o /app .\n# caf\u00e9 \ud83d\ude00 \"q\" \\ \/","target":"build","build_args":[["GO","1.22"],["X",""]],"platform":"linux/arm64"}"#;
        let state = from_json(old).expect("reads");
        assert_eq!(
            state.text,
            "FROM golang:1.22 AS build\nRUN go build -o /app .\n# café 😀 \"q\" \\ /"
        );
        assert_eq!(state.target.as_deref(), Some("build"));
        assert_eq!(
            state.build_args,
            vec![("GO".into(), "1.22".into()), ("X".into(), String::new())]
        );
        assert_eq!(state.platform.as_deref(), Some("linux/arm64"));
        assert_eq!(state.panel, None);
        // Whitespace, nulls and unknown fields (of any JSON type) are fine.
        let loose = " { \"future\" : {\"a\":[1,-2.5e3,true,null,\"s\"]}, \"text\" : \"x\" , \"target\":null } ";
        assert_eq!(
            from_json(loose),
            Some(LinkState {
                text: "x".into(),
                ..LinkState::default()
            })
        );
        let history = format!("[{old}, {{\"text\":\"\"}}]");
        assert_eq!(history_from_json(&history).map(|h| h.len()), Some(2));
    }

    #[test]
    fn damaged_entries_are_none_not_panics() {
        let good = to_json(&sample());
        for n in 0..good.len() {
            if let Some(prefix) = good.get(..n) {
                assert_eq!(from_json(prefix), None, "prefix {n}");
            }
        }
        for bad in [
            "",
            "null",
            "[]",
            "{\"text\":1}",
            "{\"text\":\"\\ud83d\"}",
            "{\"text\":\"\\udc00\"}",
            "{\"text\":\"\\u12\"}",
            "{\"text\":\"\\q\"}",
            "{\"text\":\"a\"} x",
            "{\"build_args\":[[\"a\"]]}",
            "{\"x\":nope}",
        ] {
            assert_eq!(from_json(bad), None, "{bad}");
        }
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(from_json(&deep), None);
        assert_eq!(history_from_json("{}"), None);
    }
}
