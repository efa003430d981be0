//! A small reader for the shell commands inside `RUN`: splits the script into simple
//! commands (on `&&`, `||`, `;`, `|`, `&`, newlines and parentheses) and words (quotes
//! removed), keeping where each command starts in the source so findings can point at it.
//!
//! This is not a shell: it only needs to recognise commands such as `apt-get install`,
//! `pip install`, `rm -rf` and `chmod` reliably enough for the size rules.

use stagecraft_syntax::{Args, Command, Instruction, TextRange};

/// One simple command.
#[derive(Debug, Clone)]
pub(crate) struct SimpleCommand {
    /// Words with quotes removed (variables left as written).
    pub words: Vec<String>,
    /// Where the command is written (first to last word), or the RUN's span when the
    /// script is not a plain copy of the source (exec form, heredoc with tabs stripped…).
    pub range: TextRange,
}

impl SimpleCommand {
    /// The command name without a leading path (`/usr/bin/pip` → `pip`), skipping `sudo`,
    /// `env`-style assignments and `exec`.
    pub fn name(&self) -> Option<&str> {
        self.args_from_name().first().map(|w| {
            let w = w.as_str();
            w.rsplit('/').next().unwrap_or(w)
        })
    }

    /// The words from the command name on.
    pub fn args_from_name(&self) -> &[String] {
        let mut i = 0;
        while i < self.words.len() {
            let w = &self.words[i];
            let assignment = w.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            });
            if assignment
                || w == "sudo"
                || w == "exec"
                || w == "command"
                || w == "time"
                || w == "nohup"
            {
                i += 1;
            } else {
                break;
            }
        }
        &self.words[i..]
    }
}

/// The script of a RUN (shell form text, `sh -c` of exec form, or heredoc bodies) with a
/// map back into the source.
pub(crate) fn run_commands(text: &str, ins: &Instruction, escape: char) -> Vec<SimpleCommand> {
    let mut out = Vec::new();
    match &ins.args {
        Args::Run {
            command: Some(Command::Shell(w)),
        } => {
            let map = source_map(text, w.range, &w.text, escape);
            split(&w.text, &map, ins.span, &mut out);
            if !ins.heredocs.is_empty() {
                // `RUN <<EOF`: the markers are not commands; the bodies follow below.
                for c in &mut out {
                    c.words.retain(|w| !w.starts_with("<<"));
                }
                out.retain(|c| !c.words.is_empty());
            }
        }
        Args::Run {
            command: Some(Command::Exec(words)),
        } => {
            let ws: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
            if ws.len() >= 3 && matches!(ws[1], "-c" | "-ec" | "-xc" | "-exc" | "-lc") {
                split(ws[2], &[], ins.span, &mut out);
            } else if !ws.is_empty() {
                out.push(SimpleCommand {
                    words: ws.iter().map(|s| s.to_string()).collect(),
                    range: ins.span,
                });
            }
        }
        _ => {}
    }
    for h in &ins.heredocs {
        if matches!(ins.args, Args::Run { .. }) {
            let map = source_map(text, h.body_range, &h.body, '\0');
            split(&h.body, &map, ins.span, &mut out);
        }
    }
    out
}

/// For each byte of `script`, its offset in the source, when `script` is the source text of
/// `range` with escaped newlines (and the comment/empty lines inside a continuation) removed.
/// Empty when the two cannot be aligned.
fn source_map(text: &str, range: TextRange, script: &str, escape: char) -> Vec<u32> {
    let src = text.get(range.as_usize()).unwrap_or("");
    let sb = src.as_bytes();
    let mut map = Vec::with_capacity(script.len());
    let mut i = 0usize;
    for &c in script.as_bytes() {
        loop {
            if i >= sb.len() {
                return Vec::new();
            }
            if sb[i] == c {
                break;
            }
            // Skip an escaped newline and any comment/blank lines that follow it.
            if escape != '\0' && sb[i] == escape as u8 {
                let mut j = i + 1;
                while j < sb.len() && (sb[j] == b' ' || sb[j] == b'\t' || sb[j] == b'\r') {
                    j += 1;
                }
                if j < sb.len() && sb[j] == b'\n' {
                    i = j + 1;
                    continue;
                }
            }
            if sb[i] == b'\r' || sb[i] == b'\n' || sb[i] == b'#' {
                // Inside a continuation, whole comment lines and empty lines are dropped.
                let nl = src[i..].find('\n').map_or(sb.len(), |k| i + k + 1);
                i = nl;
                continue;
            }
            return Vec::new();
        }
        map.push(range.start + i as u32);
        i += 1;
    }
    map
}

fn split(script: &str, map: &[u32], fallback: TextRange, out: &mut Vec<SimpleCommand>) {
    let b = script.as_bytes();
    let at = |i: usize| -> Option<u32> { map.get(i).copied() };
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut cmd_start: Option<usize> = None;
    let mut last_end = 0usize;
    let mut i = 0usize;
    let flush_cmd = |words: &mut Vec<String>,
                     cmd_start: &mut Option<usize>,
                     last_end: usize,
                     out: &mut Vec<SimpleCommand>| {
        if !words.is_empty() {
            let range = match (cmd_start.and_then(at), last_end.checked_sub(1).and_then(at)) {
                (Some(s), Some(e)) if e >= s => TextRange::new(s, e + 1),
                _ => fallback,
            };
            out.push(SimpleCommand {
                words: std::mem::take(words),
                range,
            });
        }
        *cmd_start = None;
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'\'' => {
                cmd_start.get_or_insert(i);
                in_word = true;
                let end = script[i + 1..].find('\'').map_or(b.len(), |k| i + 1 + k);
                cur.push_str(&script[i + 1..end]);
                i = (end + 1).min(b.len());
                last_end = i;
                continue;
            }
            b'"' => {
                cmd_start.get_or_insert(i);
                in_word = true;
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' && j + 1 < b.len() {
                        j += 1;
                    }
                    j += 1;
                }
                let inner = script.get(i + 1..j.min(b.len())).unwrap_or("");
                cur.push_str(&inner.replace("\\\"", "\"").replace("\\\\", "\\"));
                i = (j + 1).min(b.len());
                last_end = i;
                continue;
            }
            b'\\' => {
                if i + 1 < b.len() && b[i + 1] == b'\n' {
                    i += 2;
                    continue;
                }
                cmd_start.get_or_insert(i);
                in_word = true;
                if let Some(ch) = script[i + 1..].chars().next() {
                    cur.push(ch);
                    i += 1 + ch.len_utf8();
                } else {
                    i += 1;
                }
                last_end = i;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
                i += 1;
                continue;
            }
            b'#' if !in_word => {
                // A comment runs to the end of the line.
                let nl = script[i..].find('\n').map_or(b.len(), |k| i + k);
                i = nl;
                continue;
            }
            b'&' | b'|' | b';' | b'\n' | b'(' | b')' => {
                // `2>&1`, `>&2`: a redirection, not a separator.
                if c == b'&' && i > 0 && b[i - 1] == b'>' {
                    cur.push('&');
                    i += 1;
                    continue;
                }
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
                flush_cmd(&mut words, &mut cmd_start, last_end, out);
                i += 1;
                continue;
            }
            _ => {
                cmd_start.get_or_insert(i);
                in_word = true;
                let ch = script[i..].chars().next().unwrap_or(' ');
                cur.push(ch);
                i += ch.len_utf8();
                last_end = i;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    flush_cmd(&mut words, &mut cmd_start, last_end, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmds(src: &str) -> Vec<Vec<String>> {
        let parse = stagecraft_syntax::parse(src);
        let ins = parse.file.instructions.last().unwrap();
        run_commands(src, ins, '\\')
            .into_iter()
            .map(|c| c.words)
            .collect()
    }

    #[test]
    fn splits_commands_and_maps_ranges() {
        let src = "FROM a\nRUN apt-get update && \\\n    apt-get install -y 'g cc' \"x\" ; echo hi 2>&1 | cat\n";
        assert_eq!(
            cmds(src),
            vec![
                vec!["apt-get", "update"],
                vec!["apt-get", "install", "-y", "g cc", "x"],
                vec!["echo", "hi", "2>&1"],
                vec!["cat"],
            ]
        );
        let parse = stagecraft_syntax::parse(src);
        let ins = parse.file.instructions.last().unwrap();
        let c = &run_commands(src, ins, '\\')[1];
        assert_eq!(&src[c.range.as_usize()], "apt-get install -y 'g cc' \"x\"");
    }

    #[test]
    fn exec_form_and_heredoc() {
        assert_eq!(
            cmds("FROM a\nRUN [\"sh\", \"-c\", \"rm -rf /x\"]\n"),
            vec![vec!["rm", "-rf", "/x"]]
        );
        assert_eq!(
            cmds("FROM a\nRUN <<EOF\npip install x\nEOF\n"),
            vec![vec!["pip", "install", "x"]]
        );
    }
}
