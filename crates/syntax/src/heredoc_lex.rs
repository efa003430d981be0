//! The slice of BuildKit's shell lexer that the parser itself uses to find heredocs:
//! `ProcessWords` with an empty environment and `SkipUnsetEnv` (unset variables are kept as
//! written), with or without raw quotes and raw escapes. The escape character is always `\`
//! here, whatever `# escape=` says, because BuildKit's parser hard-codes it for heredocs.
//!
//! BuildKit's lexer is recursive (`${a:-${b:-…}}`); this one keeps an explicit stack and
//! streams nested text into one buffer, so any nesting depth costs linear time and no stack.
//!
//! Quirk kept on purpose: BuildKit shares one word buffer between nesting levels, so a
//! partial word before a `${x:-y}` is dropped from the word list. We reproduce that.

use crate::go;

/// What a nested `processStopOn` is collecting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StopKind {
    /// The word of `${name<modifier>word}`.
    ModWord,
    /// The pattern of `${name/pattern/replacement}`.
    Pattern,
    /// The replacement of `${name/pattern/replacement}`.
    Replacement,
}

/// One level of nesting inside a `${…}`.
#[derive(Clone, Copy)]
enum Frame {
    /// A nested `processStopOn(stop, raw_escapes)`.
    Stop {
        stop: char,
        raw_escapes: bool,
        kind: StopKind,
    },
    /// A double-quoted string.
    DQuote,
}

struct Lex {
    chars: Vec<char>,
    pos: usize,
    raw_quotes: bool,
    raw_escapes: bool,
    /// BuildKit's shared `wordsBuffer`.
    words_buf: String,
    words: Vec<String>,
    in_word: bool,
}

impl Lex {
    fn new(src: &[u8], raw_quotes: bool, raw_escapes: bool) -> Lex {
        let mut chars = Vec::with_capacity(src.len());
        let mut pos = 0;
        while pos < src.len() {
            let (c, w) = go::decode_rune(src, pos);
            chars.push(c);
            pos += w.max(1);
        }
        // text/scanner skips a byte-order mark at the very start.
        let start = usize::from(chars.first() == Some(&'\u{feff}'));
        Lex {
            chars,
            pos: start,
            raw_quotes,
            raw_escapes,
            words_buf: String::new(),
            words: Vec::new(),
            in_word: false,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn add_char(&mut self, ch: char) {
        if go::is_space(ch) {
            if self.in_word && !self.words_buf.is_empty() {
                self.words.push(std::mem::take(&mut self.words_buf));
                self.in_word = false;
            }
        } else {
            self.words_buf.push(ch);
            self.in_word = true;
        }
    }

    fn add_raw(&mut self, s: &str) {
        self.words_buf.push_str(s);
        self.in_word = true;
    }

    /// The top-level `processStopOn(EOF)`: returns the words.
    fn run(&mut self) -> Result<Vec<String>, String> {
        while let Some(ch) = self.peek() {
            match ch {
                '$' => {
                    let v = self.dollar()?;
                    for c in v.chars() {
                        self.add_char(c);
                    }
                }
                '<' => {
                    let v = self.possible_heredoc();
                    self.add_raw(&v);
                }
                '\'' => {
                    let v = self.single_quote()?;
                    self.add_raw(&v);
                }
                '"' => {
                    let v = self.double_quote_top()?;
                    self.add_raw(&v);
                }
                _ => {
                    self.next();
                    if ch == '\\' {
                        if self.raw_escapes {
                            self.words_buf.push('\\');
                            self.in_word = true;
                        }
                        let Some(c) = self.next() else { break };
                        self.words_buf.push(c);
                        self.in_word = true;
                    } else {
                        self.add_char(ch);
                    }
                }
            }
        }
        if !self.words_buf.is_empty() {
            self.words.push(std::mem::take(&mut self.words_buf));
        }
        Ok(std::mem::take(&mut self.words))
    }

    fn single_quote(&mut self) -> Result<String, String> {
        let mut result = String::new();
        self.single_quote_into(&mut result)?;
        Ok(result)
    }

    fn single_quote_into(&mut self, out: &mut String) -> Result<(), String> {
        self.next();
        if self.raw_quotes {
            out.push('\'');
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    )
                }
                Some('\'') => {
                    if self.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(());
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// A double-quoted string at the top level.
    fn double_quote_top(&mut self) -> Result<String, String> {
        let mut result = String::new();
        self.next();
        if self.raw_quotes {
            result.push('"');
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    )
                }
                Some('"') => {
                    self.next();
                    if self.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let v = self.dollar()?;
                    result.push_str(&v);
                }
                Some(_) => {
                    let raw = self.raw_escapes;
                    self.dquote_char(&mut result, raw);
                }
            }
        }
    }

    /// One ordinary character inside double quotes (with BuildKit's escape rules).
    fn dquote_char(&mut self, out: &mut String, raw_escapes: bool) {
        let Some(mut ch) = self.next() else { return };
        if ch == '\\' {
            if raw_escapes {
                out.push(ch);
            }
            match self.peek() {
                None => return,
                Some('"' | '$' | '\\') => {
                    if let Some(c) = self.next() {
                        ch = c;
                    }
                }
                Some(_) => {}
            }
        }
        out.push(ch);
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && is_digit(ch) {
                while let Some(d) = self.peek().filter(|&c| is_digit(c)) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                name.push(ch);
                return name;
            }
            if !is_letter(ch) && !is_digit(ch) && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    /// Start of `processDollar` (the `$` is next): writes a complete value to `out`, or the
    /// opening of a nested `${…}` and returns the frame to push.
    fn dollar_start(&mut self, out: &mut String) -> Result<Option<Frame>, String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            out.push('$');
            out.push_str(&name);
            return Ok(None);
        }
        self.next();
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            Some(_) => {}
        }
        let name = self.process_name();
        let ch = self.next();
        let mut chs = String::from(ch.unwrap_or('\u{fffd}'));
        let mut modch = ch;
        let mut null_is_unset = false;
        match ch {
            Some('}') => {
                out.push_str("${");
                out.push_str(&name);
                out.push('}');
                return Ok(None);
            }
            Some(':') => {
                null_is_unset = true;
                modch = self.next();
                chs.push(modch.unwrap_or('\u{fffd}'));
            }
            Some('+' | '-' | '?' | '#' | '%') => {}
            Some('/') => {
                if self.peek() == Some('/') {
                    self.next();
                }
                out.push_str("${");
                out.push_str(&name);
                out.push('/');
                return Ok(Some(Frame::Stop {
                    stop: '/',
                    raw_escapes: true,
                    kind: StopKind::Pattern,
                }));
            }
            _ => return Err(format!("unsupported modifier ({chs}) in substitution")),
        }
        let raw = matches!(modch, Some('#' | '%'));
        if null_is_unset && raw {
            return Err(format!("unsupported modifier ({chs}) in substitution"));
        }
        out.push_str("${");
        out.push_str(&name);
        out.push_str(&chs);
        Ok(Some(Frame::Stop {
            stop: '}',
            raw_escapes: raw,
            kind: StopKind::ModWord,
        }))
    }

    /// `processDollar` with an empty environment and `SkipUnsetEnv`: the text as BuildKit
    /// rebuilds it. Nested levels are handled with an explicit stack.
    fn dollar(&mut self) -> Result<String, String> {
        let mut out = String::new();
        let Some(first) = self.dollar_start(&mut out)? else {
            return Ok(out);
        };
        // A nested processStopOn resets BuildKit's shared word buffer.
        self.words_buf.clear();
        let mut stack = vec![first];
        match self.nested(&mut out, &mut stack) {
            Ok(()) => {
                self.words_buf.clear();
                Ok(out)
            }
            Err(e) => {
                // Every processDollar on the way out rewrites an error seen at the end of
                // input; the outermost one has the last word.
                if self.peek().is_none() {
                    if let Some(Frame::Stop { kind, .. }) = stack.first() {
                        return Err(match kind {
                            StopKind::Pattern => "syntax error: missing '/' in ${}".into(),
                            _ => "syntax error: missing '}'".into(),
                        });
                    }
                }
                Err(e)
            }
        }
    }

    fn nested(&mut self, out: &mut String, stack: &mut Vec<Frame>) -> Result<(), String> {
        // The escape mode of double quotes is that of the nearest enclosing stop frame.
        let mut raw_stack: Vec<bool> = Vec::new();
        if let Some(Frame::Stop { raw_escapes, .. }) = stack.first() {
            raw_stack.push(*raw_escapes);
        }
        while let Some(&top) = stack.last() {
            match top {
                Frame::Stop {
                    stop,
                    raw_escapes,
                    kind,
                } => {
                    let Some(ch) = self.peek() else {
                        return Err(format!(
                            "unexpected end of statement while looking for matching {stop}"
                        ));
                    };
                    if ch == stop {
                        self.next();
                        stack.pop();
                        raw_stack.pop();
                        match kind {
                            StopKind::ModWord | StopKind::Replacement => out.push('}'),
                            StopKind::Pattern => {
                                out.push('/');
                                stack.push(Frame::Stop {
                                    stop: '}',
                                    raw_escapes: true,
                                    kind: StopKind::Replacement,
                                });
                                raw_stack.push(true);
                            }
                        }
                        continue;
                    }
                    match ch {
                        '$' => {
                            if let Some(f) = self.dollar_start(out)? {
                                if let Frame::Stop { raw_escapes, .. } = f {
                                    raw_stack.push(raw_escapes);
                                }
                                stack.push(f);
                            }
                        }
                        '<' => {
                            let v = self.possible_heredoc();
                            out.push_str(&v);
                        }
                        '\'' => self.single_quote_into(out)?,
                        '"' => {
                            self.next();
                            if self.raw_quotes {
                                out.push('"');
                            }
                            stack.push(Frame::DQuote);
                        }
                        _ => {
                            self.next();
                            if ch == '\\' {
                                if raw_escapes {
                                    out.push('\\');
                                }
                                match self.next() {
                                    Some(c) => out.push(c),
                                    None => {
                                        return Err(format!(
                                            "unexpected end of statement while looking for matching {stop}"
                                        ))
                                    }
                                }
                            } else {
                                out.push(ch);
                            }
                        }
                    }
                }
                Frame::DQuote => {
                    match self.peek() {
                        None => return Err(
                            "unexpected end of statement while looking for matching double-quote"
                                .into(),
                        ),
                        Some('"') => {
                            self.next();
                            if self.raw_quotes {
                                out.push('"');
                            }
                            stack.pop();
                        }
                        Some('$') => {
                            if let Some(f) = self.dollar_start(out)? {
                                if let Frame::Stop { raw_escapes, .. } = f {
                                    raw_stack.push(raw_escapes);
                                }
                                stack.push(f);
                            }
                        }
                        Some(_) => {
                            let raw = raw_stack.last().copied().unwrap_or(false);
                            self.dquote_char(out, raw);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".into();
        }
        self.next();
        let mut result = String::from("<<");
        while let Some(c) = self.peek().filter(|&c| matches!(c, '\t' | '\r' | ' ')) {
            result.push(c);
            self.next();
        }
        result
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// `ProcessWords(src)` with an empty environment and `SkipUnsetEnv`.
pub(crate) fn process_words(
    src: &[u8],
    raw_quotes: bool,
    raw_escapes: bool,
) -> Result<Vec<String>, String> {
    let mut lex = Lex::new(src, raw_quotes, raw_escapes);
    lex.run()
        .map_err(|e| format!("failed to process {}: {e}", crate::dump::go_quote(src)))
}

/// A heredoc word found on an instruction line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeredocSpec {
    pub name: String,
    pub fd: u64,
    pub expand: bool,
    pub chomp: bool,
}

/// BuildKit's `ParseHeredoc` on one word: `Ok(None)` if the word is not a heredoc.
fn parse_heredoc(word: &str) -> Result<Option<HeredocSpec>, String> {
    let b = word.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let Some(after) = b[digits..].strip_prefix(b"<<") else {
        return Ok(None);
    };
    let (chomp, after) = match after.strip_prefix(b"-") {
        Some(a) => (true, a),
        None => (false, after),
    };
    let ws = after
        .iter()
        .take_while(|c| matches!(c, b'\t' | b'\n' | 0x0c | b'\r' | b' '))
        .count();
    let rest = &after[ws..];
    if rest.contains(&b'<') {
        return Ok(None);
    }
    if rest.is_empty() {
        return Ok(None);
    }
    let fd = if digits == 0 {
        0
    } else {
        word[..digits].parse::<u64>().unwrap_or(u64::MAX)
    };
    let words = process_words(rest, false, false)?;
    if words.len() != 1 {
        return Ok(None);
    }
    let raw_words = process_words(rest, true, false)?;
    if raw_words.len() != words.len() {
        return Err(format!(
            "internal lexing of heredoc produced inconsistent results: {}",
            String::from_utf8_lossy(rest)
        ));
    }
    let count = |s: &str| s.chars().filter(|&c| c == '\'' || c == '"').count();
    let name = words.into_iter().next().unwrap_or_default();
    let expand = count(&name) == raw_words.first().map_or(0, |w| count(w));
    Ok(Some(HeredocSpec {
        name,
        fd,
        expand,
        chomp,
    }))
}

/// BuildKit's `heredocsFromLine`: the heredocs named on a (joined) instruction line.
pub(crate) fn heredocs_from_line(line: &[u8]) -> Result<Vec<HeredocSpec>, String> {
    let words = process_words(line, true, true).unwrap_or_default();
    let mut docs = Vec::new();
    for w in &words {
        if let Some(h) = parse_heredoc(w)? {
            docs.push(h);
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_heredocs() {
        let h = heredocs_from_line(b"RUN <<EOF cat").unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].name, "EOF");
        assert!(h[0].expand);
        let h = heredocs_from_line(b"COPY <<-'A' 3<<\"B\" /dest/").unwrap();
        assert_eq!(h.len(), 2);
        assert!(h[0].chomp && !h[0].expand);
        assert_eq!((h[1].name.as_str(), h[1].fd, h[1].expand), ("B", 3, false));
        assert!(heredocs_from_line(b"RUN echo '<<EOF").unwrap().is_empty());
    }
}
