//! Small re-implementations of the Go standard-library behaviour BuildKit's parser relies on
//! (`unicode.IsSpace`, `strings.TrimSpace`, `strings.ToLower`, `utf8.DecodeRune`), working on
//! bytes because Go strings may hold invalid UTF-8.

/// Go's `unicode.IsSpace`.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    match c {
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}' => true,
        c if (c as u32) < 0x100 => false,
        c => c.is_whitespace(),
    }
}

/// `unicode.IsSpace(rune(b))` for a single byte, as Go code that indexes strings does.
pub(crate) fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0x85 | 0xa0)
}

/// Go's `utf8.DecodeRune`: the char at `pos` and its width; an invalid byte is U+FFFD, width 1.
#[inline]
pub(crate) fn decode_rune(s: &[u8], pos: usize) -> (char, usize) {
    let Some(&b0) = s.get(pos) else {
        return ('\u{fffd}', 0);
    };
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    let need = match b0 {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return ('\u{fffd}', 1),
    };
    let Some(bytes) = s.get(pos..pos + need) else {
        return ('\u{fffd}', 1);
    };
    match std::str::from_utf8(bytes) {
        Ok(st) => match st.chars().next() {
            Some(c) => (c, need),
            None => ('\u{fffd}', 1),
        },
        Err(_) => ('\u{fffd}', 1),
    }
}

/// Width of the rune ending just before `end` (for trimming from the right), and the rune.
fn decode_last_rune(s: &[u8], end: usize) -> (char, usize) {
    if end == 0 {
        return ('\u{fffd}', 0);
    }
    let last = s[end - 1];
    if last < 0x80 {
        return (last as char, 1);
    }
    // Look back up to 4 bytes for a start byte whose decoding ends exactly at `end`.
    let lo = end.saturating_sub(4);
    let mut start = end - 1;
    loop {
        if s[start] & 0xc0 != 0x80 {
            let (c, w) = decode_rune(s, start);
            if start + w == end {
                return (c, w);
            }
            return ('\u{fffd}', 1);
        }
        if start == lo {
            return ('\u{fffd}', 1);
        }
        start -= 1;
    }
}

/// `bytes.TrimLeftFunc(s, unicode.IsSpace)`: returns the new start.
///
/// Inlined fast path for the usual case (ASCII indentation followed by a printable ASCII
/// byte); anything else goes to [`trim_left_space_slow`].
#[inline(always)]
pub(crate) fn trim_left_space(s: &[u8], mut start: usize, end: usize) -> usize {
    // Eight spaces at a time: deep indentation of continuation lines.
    while let Some(chunk) = s.get(start..start + 8).filter(|_| start + 8 <= end) {
        if chunk != b"        " {
            break;
        }
        start += 8;
    }
    while start < end {
        match s.get(start) {
            Some(b' ' | b'\t') => start += 1,
            Some(&b) if b > b' ' && b < 0x80 => return start,
            _ => return trim_left_space_slow(s, start, end),
        }
    }
    start
}

/// The general case of [`trim_left_space`] (other whitespace, non-ASCII).
#[inline(never)]
fn trim_left_space_slow(s: &[u8], mut start: usize, end: usize) -> usize {
    while start < end {
        let b = s[start];
        if b < 0x80 {
            if is_space(b as char) {
                start += 1;
                continue;
            }
            return start;
        }
        let (c, w) = decode_rune(&s[..end], start);
        if c != '\u{fffd}' && is_space(c) {
            start += w;
        } else {
            return start;
        }
    }
    start
}

/// `bytes.TrimRightFunc(s, unicode.IsSpace)`: returns the new end.
pub(crate) fn trim_right_space(s: &[u8], start: usize, mut end: usize) -> usize {
    while end > start {
        let b = s[end - 1];
        if b < 0x80 {
            if is_space(b as char) {
                end -= 1;
                continue;
            }
            return end;
        }
        let (c, w) = decode_last_rune(&s[start..end], end - start);
        if w > 0 && c != '\u{fffd}' && is_space(c) {
            end -= w;
        } else {
            return end;
        }
    }
    end
}

/// `strings.TrimSpace` on `s[start..end]`: the trimmed bounds.
pub(crate) fn trim_space(s: &[u8], start: usize, end: usize) -> (usize, usize) {
    let st = trim_left_space(s, start, end);
    let en = trim_right_space(s, st, end);
    (st, en)
}

/// Go's `unicode.ToLower` for one rune.
pub(crate) fn to_lower_char(c: char) -> char {
    crate::case::to_lower_char(c)
}

/// Go's `strings.ToLower`: invalid UTF-8 bytes become U+FFFD.
pub(crate) fn to_lower(s: &[u8]) -> String {
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for &b in s {
            out.push(b.to_ascii_lowercase() as char);
        }
        return out;
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut pos = 0;
    while pos < s.len() {
        let (c, w) = decode_rune(s, pos);
        out.push(to_lower_char(c));
        pos += w.max(1);
    }
    out
}

/// Encode `c` as UTF-8 onto `out` (Go's `WriteRune`).
#[inline]
pub(crate) fn push_char(out: &mut Vec<u8>, c: char) {
    if c.is_ascii() {
        out.push(c as u8);
    } else {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// Go's `WriteRune(rune(b))` for a byte: Latin-1 to UTF-8.
#[inline]
pub(crate) fn push_latin1(out: &mut Vec<u8>, b: u8) {
    if b < 0x80 {
        out.push(b);
    } else {
        out.push(0xc0 | (b >> 6));
        out.push(0x80 | (b & 0x3f));
    }
}

/// The ASCII separator class of BuildKit's `reWhitespace` (`[\t\v\f\r ]`).
#[inline]
pub(crate) fn is_re_ws(b: u8) -> bool {
    matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_unicode_space_but_not_invalid_bytes() {
        let s = "\u{a0} a \u{2003}".as_bytes();
        let (a, b) = trim_space(s, 0, s.len());
        assert_eq!(&s[a..b], b"a");
        let s = b"\xff a \xa0";
        let (a, b) = trim_space(s, 0, s.len());
        assert_eq!(&s[a..b], b"\xff a \xa0");
    }

    #[test]
    fn lower_matches_go() {
        assert_eq!(to_lower("RUN".as_bytes()), "run");
        assert_eq!(to_lower("WOR\u{212a}D\u{130}R".as_bytes()), "workdir");
        assert_eq!(to_lower(b"A\xffB"), "a\u{fffd}b");
    }
}
