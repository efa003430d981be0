//! Go's `json.Unmarshal(data, &[]any{})` as far as BuildKit's exec form needs it: is the
//! text a valid JSON array, are all elements strings, and what are they.

/// What `parseJSON` makes of the arguments.
pub(crate) enum JsonArray {
    /// A valid array of strings: decoded bytes and the byte range of each element (quotes
    /// included) relative to the input.
    Strings(Vec<(Vec<u8>, usize, usize)>),
    /// Valid JSON, but an element is not a string: BuildKit rejects the instruction.
    NotStrings,
    /// Not valid JSON (or a number Go cannot store): BuildKit falls back to shell form.
    Invalid,
}

const MAX_DEPTH: usize = 10_000;

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

struct P<'a> {
    s: &'a [u8],
    pos: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.s.get(self.pos).is_some_and(|&b| is_ws(b)) {
            self.pos += 1;
        }
    }

    /// Validate a string starting at `"`; decode it when `out` is given.
    fn string(&mut self, mut out: Option<&mut Vec<u8>>) -> bool {
        self.pos += 1;
        loop {
            let Some(&b) = self.s.get(self.pos) else {
                return false;
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return true;
                }
                b'\\' => {
                    let Some(&e) = self.s.get(self.pos + 1) else {
                        return false;
                    };
                    self.pos += 2;
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
                            let Some(u) = self.hex4(self.pos) else {
                                return false;
                            };
                            self.pos += 4;
                            if (0xd800..0xe000).contains(&u) {
                                // A high surrogate followed by an escaped low one pairs up;
                                // anything else is U+FFFD (the next escape stays separate).
                                if (0xd800..0xdc00).contains(&u)
                                    && self.s.get(self.pos) == Some(&b'\\')
                                    && self.s.get(self.pos + 1) == Some(&b'u')
                                {
                                    if let Some(lo) = self.hex4(self.pos + 2) {
                                        if (0xdc00..0xe000).contains(&lo) {
                                            self.pos += 6;
                                            let cp = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                                            char::from_u32(cp).unwrap_or('\u{fffd}')
                                        } else {
                                            '\u{fffd}'
                                        }
                                    } else {
                                        '\u{fffd}'
                                    }
                                } else {
                                    '\u{fffd}'
                                }
                            } else {
                                char::from_u32(u).unwrap_or('\u{fffd}')
                            }
                        }
                        _ => return false,
                    };
                    if let Some(o) = out.as_deref_mut() {
                        crate::go::push_char(o, c);
                    }
                }
                0..=0x1f => return false,
                _ => {
                    if b < 0x80 {
                        if let Some(o) = out.as_deref_mut() {
                            o.push(b);
                        }
                        self.pos += 1;
                    } else {
                        let (c, w) = crate::go::decode_rune(self.s, self.pos);
                        if let Some(o) = out.as_deref_mut() {
                            if w == 1 {
                                crate::go::push_char(o, '\u{fffd}');
                            } else {
                                o.extend_from_slice(&self.s[self.pos..self.pos + w]);
                            }
                        }
                        let _ = c;
                        self.pos += w.max(1);
                    }
                }
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.s.get(at..at + 4)?;
        let mut v = 0u32;
        for &c in h {
            v = v * 16 + (c as char).to_digit(16)?;
        }
        Some(v)
    }

    /// Validate a number; false if malformed. Sets `overflow` when Go's float64 conversion
    /// would fail.
    fn number(&mut self, overflow: &mut bool) -> bool {
        let start = self.pos;
        let s = self.s;
        let mut p = self.pos;
        if s.get(p) == Some(&b'-') {
            p += 1;
        }
        match s.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                while s.get(p).is_some_and(u8::is_ascii_digit) {
                    p += 1;
                }
            }
            _ => return false,
        }
        if s.get(p) == Some(&b'.') {
            p += 1;
            if !s.get(p).is_some_and(u8::is_ascii_digit) {
                return false;
            }
            while s.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
        }
        if matches!(s.get(p), Some(b'e' | b'E')) {
            p += 1;
            if matches!(s.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            if !s.get(p).is_some_and(u8::is_ascii_digit) {
                return false;
            }
            while s.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
            }
        }
        self.pos = p;
        let text = std::str::from_utf8(&s[start..p]).unwrap_or("0");
        if text.parse::<f64>().map_or(true, |f| f.is_infinite()) {
            *overflow = true;
        }
        true
    }

    fn literal(&mut self, lit: &[u8]) -> bool {
        if self.s.get(self.pos..self.pos + lit.len()) == Some(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }
}

/// Parse `s` (which starts with `[`) as Go would into `[]any`.
pub(crate) fn parse_array(s: &[u8]) -> JsonArray {
    #[derive(Clone, Copy, PartialEq)]
    enum Frame {
        Array,
        Object,
    }
    let mut p = P { s, pos: 0 };
    let mut stack: Vec<Frame> = Vec::new();
    let mut strings: Vec<(Vec<u8>, usize, usize)> = Vec::new();
    let mut not_string = false;
    let mut overflow = false;
    p.ws();
    if p.s.get(p.pos) != Some(&b'[') {
        return JsonArray::Invalid;
    }
    p.pos += 1;
    stack.push(Frame::Array);
    // State: expecting a value (or `]` right after `[`), then a separator.
    let mut expect_value = true;
    let mut first = true;
    loop {
        p.ws();
        let top = match stack.last() {
            Some(&t) => t,
            None => break,
        };
        if expect_value {
            let Some(&b) = p.s.get(p.pos) else {
                return JsonArray::Invalid;
            };
            if first && ((top == Frame::Array && b == b']') || (top == Frame::Object && b == b'}'))
            {
                p.pos += 1;
                stack.pop();
                expect_value = false;
                first = false;
                if stack.len() == 1 && top == Frame::Array || stack.len() == 1 {
                    // An empty container nested in the top array is a non-string element.
                }
                continue;
            }
            if top == Frame::Object {
                // Key.
                if b != b'"' || !p.string(None) {
                    return JsonArray::Invalid;
                }
                p.ws();
                if p.s.get(p.pos) != Some(&b':') {
                    return JsonArray::Invalid;
                }
                p.pos += 1;
                p.ws();
            }
            let Some(&b) = p.s.get(p.pos) else {
                return JsonArray::Invalid;
            };
            let at_top = stack.len() == 1 && top == Frame::Array;
            let start = p.pos;
            match b {
                b'"' => {
                    if at_top {
                        let mut buf = Vec::new();
                        if !p.string(Some(&mut buf)) {
                            return JsonArray::Invalid;
                        }
                        strings.push((buf, start, p.pos));
                    } else if !p.string(None) {
                        return JsonArray::Invalid;
                    }
                    expect_value = false;
                }
                b'[' | b'{' => {
                    if at_top {
                        not_string = true;
                    }
                    p.pos += 1;
                    stack.push(if b == b'[' {
                        Frame::Array
                    } else {
                        Frame::Object
                    });
                    if stack.len() > MAX_DEPTH {
                        return JsonArray::Invalid;
                    }
                    first = true;
                    continue;
                }
                b't' | b'f' | b'n' => {
                    let lit: &[u8] = match b {
                        b't' => b"true",
                        b'f' => b"false",
                        _ => b"null",
                    };
                    if !p.literal(lit) {
                        return JsonArray::Invalid;
                    }
                    if at_top {
                        not_string = true;
                    }
                    expect_value = false;
                }
                b'-' | b'0'..=b'9' => {
                    if !p.number(&mut overflow) {
                        return JsonArray::Invalid;
                    }
                    if at_top {
                        not_string = true;
                    }
                    expect_value = false;
                }
                _ => return JsonArray::Invalid,
            }
            first = false;
        } else {
            let Some(&b) = p.s.get(p.pos) else {
                return JsonArray::Invalid;
            };
            p.pos += 1;
            match (top, b) {
                (_, b',') => {
                    expect_value = true;
                    first = false;
                }
                (Frame::Array, b']') | (Frame::Object, b'}') => {
                    stack.pop();
                }
                _ => return JsonArray::Invalid,
            }
        }
    }
    p.ws();
    if p.pos != p.s.len() {
        return JsonArray::Invalid;
    }
    if overflow {
        return JsonArray::Invalid;
    }
    if not_string {
        return JsonArray::NotStrings;
    }
    JsonArray::Strings(strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &str) -> Option<Vec<String>> {
        match parse_array(s.as_bytes()) {
            JsonArray::Strings(v) => Some(
                v.into_iter()
                    .map(|(b, _, _)| String::from_utf8(b).unwrap())
                    .collect(),
            ),
            _ => None,
        }
    }

    #[test]
    fn arrays() {
        assert_eq!(strings(r#"["a", "b\"c"]"#).unwrap(), vec!["a", "b\"c"]);
        assert_eq!(strings("[]").unwrap(), Vec::<String>::new());
        assert_eq!(
            strings(r#"["\u00e9\ud83d\udc33\ud800x"]"#).unwrap(),
            vec!["é🐳\u{fffd}x"]
        );
        assert!(strings(r#"["a", ]"#).is_none());
        assert!(strings("['a']").is_none());
        assert!(strings(r#"["a"] x"#).is_none());
        assert!(matches!(parse_array(br#"["a", 1]"#), JsonArray::NotStrings));
        assert!(matches!(
            parse_array(br#"["a", [], {"k": [1]}]"#),
            JsonArray::NotStrings
        ));
        assert!(matches!(
            parse_array(br#"["a", 1e999]"#),
            JsonArray::Invalid
        ));
        assert!(matches!(parse_array(br#"[{"a" 1}]"#), JsonArray::Invalid));
    }
}
