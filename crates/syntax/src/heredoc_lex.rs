//! The slice of BuildKit's shell lexer that the parser itself uses to find heredocs:
//! `ProcessWords` with an empty environment and `SkipUnsetEnv` (unset variables are kept as
//! written), with or without raw quotes and raw escapes. The escape character is always `\`
//! here, whatever `# escape=` says, because BuildKit's parser hard-codes it for heredocs.
//!
//! Quirk kept on purpose: BuildKit shares one word buffer between nested `${…}` levels, so a
//! partial word before `${x:-y}` is dropped from the word list. We reproduce that.

use crate::go;

/// Deeper `${` nesting than this is treated as a lexing failure (BuildKit would recurse on;
/// we refuse rather than risk the stack). Such lines then have no heredocs.
const MAX_DEPTH: u32 = 200;

pub(crate) struct Lex {
    chars: Vec<char>,
    pos: usize,
    raw_quotes: bool,
    raw_escapes: bool,
    words_buf: String,
    depth: u32,
}

struct Words {
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
            depth: 0,
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

    fn add_char(&mut self, w: &mut Words, ch: char) {
        if go::is_space(ch) {
            if w.in_word && !self.words_buf.is_empty() {
                w.words.push(std::mem::take(&mut self.words_buf));
                w.in_word = false;
            }
        } else {
            self.words_buf.push(ch);
            w.in_word = true;
        }
    }

    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<String>), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("nesting too deep".into());
        }
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let r = self.stop_on_inner(stop);
        self.raw_escapes = saved;
        self.depth -= 1;
        r
    }

    fn stop_on_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), String> {
        let mut result = String::new();
        self.words_buf.clear();
        let mut words = Words {
            words: Vec::new(),
            in_word: false,
        };
        while let Some(ch) = self.peek() {
            if stop == Some(ch) {
                self.next();
                let ws = self.get_words(&mut words);
                return Ok((result, ws));
            }
            match ch {
                '$' => {
                    let tmp = self.process_dollar()?;
                    result.push_str(&tmp);
                    for c in tmp.chars() {
                        self.add_char(&mut words, c);
                    }
                }
                '<' | '\'' | '"' => {
                    let tmp = match ch {
                        '<' => self.possible_heredoc(),
                        '\'' => self.single_quote()?,
                        _ => self.double_quote()?,
                    };
                    result.push_str(&tmp);
                    self.words_buf.push_str(&tmp);
                    words.in_word = true;
                }
                _ => {
                    self.next();
                    let mut ch = ch;
                    if ch == '\\' {
                        if self.raw_escapes {
                            self.words_buf.push(ch);
                            words.in_word = true;
                            result.push(ch);
                        }
                        match self.next() {
                            None => break,
                            Some(c) => ch = c,
                        }
                        self.words_buf.push(ch);
                        words.in_word = true;
                    } else {
                        self.add_char(&mut words, ch);
                    }
                    result.push(ch);
                }
            }
        }
        if let Some(s) = stop {
            return Err(format!(
                "unexpected end of statement while looking for matching {s}"
            ));
        }
        let ws = self.get_words(&mut words);
        Ok((result, ws))
    }

    fn get_words(&mut self, w: &mut Words) -> Vec<String> {
        if !self.words_buf.is_empty() {
            w.words.push(std::mem::take(&mut self.words_buf));
            w.in_word = false;
        }
        std::mem::take(&mut w.words)
    }

    fn single_quote(&mut self) -> Result<String, String> {
        let mut result = String::new();
        let open = self.next();
        if self.raw_quotes {
            result.extend(open);
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
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(c) => result.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> Result<String, String> {
        let mut result = String::new();
        let open = self.next();
        if self.raw_quotes {
            result.extend(open);
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
                    let v = self.process_dollar()?;
                    result.push_str(&v);
                }
                Some(_) => {
                    let Some(mut ch) = self.next() else { continue };
                    if ch == '\\' {
                        if self.raw_escapes {
                            result.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some('"' | '$' | '\\') => {
                                if let Some(c) = self.next() {
                                    ch = c;
                                }
                            }
                            Some(_) => {}
                        }
                    }
                    result.push(ch);
                }
            }
        }
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

    fn process_dollar(&mut self) -> Result<String, String> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(format!("${name}"));
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
        let mut null_is_unset = false;
        let mut modch = ch;
        match ch {
            Some('}') => return Ok(format!("${{{name}}}")),
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
                let pattern = match self.process_stop_on(Some('/'), true) {
                    Ok((p, _)) => p,
                    Err(e) => {
                        if self.peek().is_none() {
                            return Err("syntax error: missing '/' in ${}".into());
                        }
                        return Err(e);
                    }
                };
                let replacement = match self.process_stop_on(Some('}'), true) {
                    Ok((r, _)) => r,
                    Err(e) => {
                        if self.peek().is_none() {
                            return Err("syntax error: missing '}'".into());
                        }
                        return Err(e);
                    }
                };
                return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
            }
            _ => return Err(format!("unsupported modifier ({chs}) in substitution")),
        }
        let raw = matches!(modch, Some('#' | '%'));
        if null_is_unset && raw {
            return Err(format!("unsupported modifier ({chs}) in substitution"));
        }
        let word = match self.process_stop_on(Some('}'), raw) {
            Ok((w, _)) => w,
            Err(e) => {
                if self.peek().is_none() {
                    return Err("syntax error: missing '}'".into());
                }
                return Err(e);
            }
        };
        Ok(format!("${{{name}{chs}{word}}}"))
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
    let raw = lex.raw_escapes;
    match lex.process_stop_on(None, raw) {
        Ok((_, words)) => Ok(words),
        Err(e) => Err(format!(
            "failed to process {}: {e}",
            crate::dump::go_quote(src)
        )),
    }
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
