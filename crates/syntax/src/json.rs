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
                        _ => match short_escape(e) {
                            Some(c) => c,
                            None => return false,
                        },
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
        if rounds_to_infinity(s.get(start..p).unwrap_or(b"0")) {
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

/// 2^1024 − 2^970: the smallest magnitude that rounds to infinity as an f64 (half an ulp
/// above `f64::MAX`; the tie rounds to even, which is infinity), all 309 digits.
const F64_OVERFLOW: &[u8; 309] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a well-formed JSON number overflows float64 (Go's `strconv.ParseFloat` range
/// error), decided on its digits: `str::parse::<f64>` would link core's whole decimal-to-float
/// converter (tables included) into the wasm for this one check.
pub(crate) fn rounds_to_infinity(num: &[u8]) -> bool {
    let num = num.strip_prefix(b"-").unwrap_or(num);
    let (mantissa, exp) = match num.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&num[..i], num.get(i + 1..).unwrap_or(b"")),
        None => (num, &b""[..]),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (&mantissa[..i], mantissa.get(i + 1..).unwrap_or(b"")),
        None => (mantissa, &b""[..]),
    };
    // Significant digits, and the decimal exponent K with value = 0.digits × 10^K.
    let all = || int.iter().chain(frac).copied();
    let zeros = all().take_while(|&b| b == b'0').count();
    let digits: Vec<u8> = all().skip(zeros).collect();
    if digits.is_empty() {
        return false;
    }
    // Saturating: an exponent with more digits than fit only needs its sign.
    let (neg, exp_digits) = match exp.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, exp),
    };
    let e = exp_digits.iter().fold(0i64, |acc, &d| {
        (acc * 10 + i64::from(d.saturating_sub(b'0'))).min(1 << 40)
    });
    let k = int.len() as i64 - zeros as i64 + if neg { -e } else { e };
    match k.cmp(&(F64_OVERFLOW.len() as i64)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        // Same magnitude: compare the digits, the shorter padded with zeros.
        std::cmp::Ordering::Equal => {
            let pad = |v: &[u8], i: usize| v.get(i).copied().unwrap_or(b'0');
            let n = digits.len().max(F64_OVERFLOW.len());
            (0..n)
                .map(|i| pad(&digits, i).cmp(&pad(F64_OVERFLOW, i)))
                .find(|o| o.is_ne())
                .is_none_or(|o| o.is_gt())
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

/// The character a one-letter JSON escape (`\n`, `\"`, `\/`, …) stands for; `None` for `u`
/// (four hex digits follow) and for anything JSON does not allow.
pub(crate) fn short_escape(e: u8) -> Option<char> {
    Some(match e {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

/// Appends `s` to `out` as a JSON string literal, escaped as serde_json escapes it (quotes,
/// backslashes, `\n \r \t \b \f` by name, other control characters as `\u00XX`; everything
/// else, non-ASCII included, as is). One writer for every hand-written JSON in the workspace
/// (share links, the editor bridge).
pub fn write_json_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Runs of bytes that need no escape are copied whole (the editor bridge writes every
    // diagnostic's text on each keystroke). Every byte that needs one is ASCII, so the run
    // boundaries are char boundaries.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or(""));
        run = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer escapes exactly as serde_json does: every ASCII character alone and inside
    /// runs, non-ASCII (2-, 3- and 4-byte) characters next to escapes, empty strings.
    #[test]
    fn json_strings_are_written_as_serde_json_writes_them() {
        let mut cases: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        cases.extend(
            [
                "",
                "plain text",
                "é\"ü\n😀\\\u{1f}x\u{7f}",
                "\u{0}\u{1}end",
                "tab\there\r\n",
                "€uro\u{8}\u{c}",
            ]
            .map(String::from),
        );
        for case in cases {
            let mut out = String::from("prefix ");
            write_json_string(&mut out, &case);
            assert_eq!(
                out.strip_prefix("prefix ").unwrap_or(""),
                serde_json::to_string(&case).unwrap_or_default(),
                "{case:?}"
            );
        }
    }

    /// The digit comparison agrees with core's float parser on the overflow boundary and
    /// around it.
    #[test]
    fn overflow_matches_f64_parsing() {
        let t = std::str::from_utf8(F64_OVERFLOW).unwrap();
        let below = format!("{}1", &t[..308]); // last digit 2 → 1
        let mut cases: Vec<String> = vec![
            t.to_string(),
            format!("{t}.0000"),
            format!("{t}0e-1"),
            format!("{t}1e-1"),
            format!("0.{t}e309"),
            format!("0.000{t}e312"),
            format!("{t}.000000000000000000001"),
            below.clone(),
            format!("{below}.99999999999999999999"),
            format!("{}e-2", t.trim_end_matches('2')),
            "1.7976931348623157e308".into(),
            "1.7976931348623158e308".into(),
            "1.7976931348623159e308".into(),
            "1e308".into(),
            "1e309".into(),
            "10e308".into(),
            "0.1e310".into(),
            "0.1e309".into(),
            "1e99999999999999999999999999".into(),
            "1e-99999999999999999999999999".into(),
            "0e999999".into(),
            "0.000e400".into(),
            "-1e309".into(),
            "-0".into(),
            "0".into(),
            "123.456".into(),
            "5e-324".into(),
            "1E+308".into(),
            "2E+308".into(),
            "0.0000000000000000000000000000000000000000000000000018e360".into(),
        ];
        let mut seed = 0x9e37_79b9_u32;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let mant = format!("{}.{}", seed % 1000, seed % 97);
            cases.push(format!("{mant}e{}", 300 + seed % 15));
        }
        for c in cases {
            let want = c.parse::<f64>().unwrap().is_infinite();
            assert_eq!(rounds_to_infinity(c.as_bytes()), want, "{c}");
        }
    }

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
