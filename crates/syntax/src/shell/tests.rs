//! Unit tests of the shell lexer: each modifier, each error path, spans, robustness.

use super::*;

fn env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("SET", "value"),
        ("EMPTY", ""),
        ("SP", "a  b "),
        ("PATH", "/usr/local/bin/tool.tar.gz"),
    ]
}

fn word(w: &str) -> Result<String, String> {
    Lexer::new('\\')
        .process_word(w, &env())
        .map(|p| p.value)
        .map_err(|e| e.to_string())
}

fn reason(w: &str) -> String {
    match Lexer::new('\\').process_word(w, &env()) {
        Ok(p) => panic!("{w:?} should fail, gave {:?}", p.value),
        Err(e) => e.reason(),
    }
}

#[test]
fn plain_and_braced_references() {
    assert_eq!(word("$SET"), Ok("value".into()));
    assert_eq!(word("${SET}x"), Ok("valuex".into()));
    assert_eq!(word("$SETx"), Ok(String::new()));
    assert_eq!(word("$UNSET-$EMPTY-"), Ok("--".into()));
    // `$` before something that is not a name stays.
    assert_eq!(word("a$ b$.c$"), Ok("a$ b$.c$".into()));
    // Positional and special parameters are names but never set.
    assert_eq!(word("$1x$@y${10}z"), Ok("xyz".into()));
    // Case-sensitive lookup.
    assert_eq!(word("$set"), Ok(String::new()));
}

#[test]
fn default_and_alternative_modifiers() {
    assert_eq!(
        word("${UNSET:-d}|${EMPTY:-d}|${SET:-d}"),
        Ok("d|d|value".into())
    );
    assert_eq!(
        word("${UNSET-d}|${EMPTY-d}|${SET-d}"),
        Ok("d||value".into())
    );
    assert_eq!(word("${UNSET:+a}|${EMPTY:+a}|${SET:+a}"), Ok("||a".into()));
    assert_eq!(word("${UNSET+a}|${EMPTY+a}|${SET+a}"), Ok("|a|a".into()));
    assert_eq!(word("${UNSET:-${NOPE:-${SET}}}"), Ok("value".into()));
    assert_eq!(word("${UNSET:-a b}"), Ok("a b".into()));
    assert_eq!(word("${UNSET:-\\}}"), Ok("}".into()));
    assert_eq!(word("${UNSET:-'}'}"), Ok("}".into()));
}

#[test]
fn required_modifiers() {
    assert_eq!(word("${SET:?m}${SET?m}"), Ok("valuevalue".into()));
    assert_eq!(word("${EMPTY?m}"), Ok(String::new()));
    assert_eq!(reason("${EMPTY:?}"), "EMPTY: is not allowed to be empty");
    assert_eq!(reason("${UNSET:?}"), "UNSET: is not allowed to be unset");
    assert_eq!(reason("${UNSET?}"), "UNSET: is not allowed to be unset");
    assert_eq!(reason("${UNSET?need $SET}"), "UNSET: need value");
    assert_eq!(
        word("${UNSET:?boom}"),
        Err("failed to process \"${UNSET:?boom}\": UNSET: boom".into())
    );
}

#[test]
fn prefix_and_suffix_patterns() {
    assert_eq!(word("${PATH#*/}"), Ok("usr/local/bin/tool.tar.gz".into()));
    assert_eq!(word("${PATH##*/}"), Ok("tool.tar.gz".into()));
    assert_eq!(word("${PATH%.*}"), Ok("/usr/local/bin/tool.tar".into()));
    assert_eq!(word("${PATH%%.*}"), Ok("/usr/local/bin/tool".into()));
    assert_eq!(word("${PATH#/usr}"), Ok("/local/bin/tool.tar.gz".into()));
    assert_eq!(
        word("${PATH#nomatch}"),
        Ok("/usr/local/bin/tool.tar.gz".into())
    );
    assert_eq!(word("${PATH%?z}"), Ok("/usr/local/bin/tool.tar.".into()));
    assert_eq!(word("${UNSET#x}"), Ok(String::new()));
    assert_eq!(
        reason("${SET:#x}"),
        "unsupported modifier (:#) in substitution"
    );
    assert_eq!(
        reason("${SET:%x}"),
        "unsupported modifier (:%) in substitution"
    );
    assert_eq!(
        reason("${SET#a\\b}"),
        "invalid pattern (a\\b) in substitution: invalid escape '\\b'"
    );
    // For `%` BuildKit reports the reversed pattern.
    assert_eq!(
        reason("${SET%a\\b}"),
        "invalid pattern (\\ba) in substitution: invalid escape '\\b'"
    );
}

#[test]
fn replace_patterns() {
    assert_eq!(
        word("${PATH/\\//:}"),
        Ok(":usr/local/bin/tool.tar.gz".into())
    );
    assert_eq!(
        word("${PATH//\\//:}"),
        Ok(":usr:local:bin:tool.tar.gz".into())
    );
    assert_eq!(word("${PATH//.*/}"), Ok("/usr/local/bin/tool".into()));
    assert_eq!(word("${SET//?/x}"), Ok("xxxxx".into()));
    assert_eq!(word("${SET/nomatch/x}"), Ok("value".into()));
    assert_eq!(word("${UNSET//a/b}"), Ok(String::new()));
    assert_eq!(reason("${SET/a"), "syntax error: missing '/' in ${}");
    assert_eq!(reason("${SET/a/b"), "syntax error: missing '}'");
    assert_eq!(
        reason("${SET/\\q/b}"),
        "invalid pattern (\\q) in substitution: invalid escape '\\q'"
    );
}

#[test]
fn quoting_and_escapes() {
    assert_eq!(
        word(r#"'a $SET' "b $SET" c\ \$SET"#),
        Ok("a $SET b value c $SET".into())
    );
    assert_eq!(word(r#""a\"b\\c\d\$""#), Ok(r#"a"b\c\d$"#.into()));
    assert_eq!(word(r"trailing\"), Ok("trailing".into()));
    let bt = Lexer::new('`');
    assert_eq!(
        bt.process_word(r#"C:\dir `$SET "`"x""#, &env())
            .unwrap()
            .value,
        r#"C:\dir $SET "x"#
    );
    let raw = Lexer::new('\\')
        .with_raw_quotes(true)
        .with_raw_escapes(true);
    assert_eq!(
        raw.process_word(r#"'a' "b" \c"#, &env()).unwrap().value,
        r#"'a' "b" \c"#
    );
    let skip = Lexer::new('\\').with_skip_process_quotes(true);
    assert_eq!(
        skip.process_word(r#"'$SET' "$SET""#, &env()).unwrap().value,
        r#"'value' "value""#
    );
}

#[test]
fn skip_unset_keeps_references() {
    let lexer = Lexer::new('\\').with_skip_unset_env(true);
    let out = lexer
        .process_word("$U ${U} ${U:-d} ${U#p} ${U//a/b} $SET", &env())
        .unwrap();
    assert_eq!(out.value, "$U ${U} ${U:-d} ${U#p} ${U/a/b} value");
}

#[test]
fn matched_and_unmatched_are_tracked() {
    let out = Lexer::new('\\')
        .process_word("${SET:-$A} ${EMPTY:+$B} $C ${D:-x}", &env())
        .unwrap();
    let names = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>();
    // `$A` and `$B` sit in defaults that are processed (and so looked up) either way.
    assert_eq!(names(&out.matched), ["EMPTY", "SET"]);
    assert_eq!(names(&out.unmatched), ["A", "B", "C", "D"]);
}

#[test]
fn word_splitting() {
    let l = Lexer::new('\\');
    let split = |w: &str| l.process_words(w, &env()).unwrap();
    assert_eq!(split("  a  b\t c "), ["a", "b", "c"]);
    assert_eq!(split("x${SP}y"), ["xa", "b", "y"]);
    assert_eq!(split("x\"${SP}\"y"), ["xa  b y"]);
    assert_eq!(split("a\\ b 'c d'"), ["a b", "c d"]);
    assert_eq!(split("cat << EOF"), ["cat", "<< EOF"]);
    // BuildKit quirk: a modifier's inner processing resets the shared word buffer.
    assert_eq!(split("pre${UNSET:-x}post"), ["xpost"]);
    assert_eq!(split("''"), Vec::<String>::new());
}

#[test]
fn syntax_errors_and_spans() {
    let l = Lexer::new('\\');
    let err = |w: &str| l.process_word(w, &NoEnv).unwrap_err();

    let e = err("ab'cd");
    assert_eq!(e.kind(), &ShellErrorKind::UnterminatedSingleQuote);
    assert_eq!((e.range().start, e.range().end), (2, 5));

    let e = err("x\"cd");
    assert_eq!(e.kind(), &ShellErrorKind::UnterminatedDoubleQuote);
    assert_eq!(e.offset(), 1);

    let e = err("ab${");
    assert_eq!(e.kind(), &ShellErrorKind::MissingBrace);
    assert_eq!(e.offset(), 2);

    let e = err("ab${}cd");
    assert_eq!(e.kind(), &ShellErrorKind::BadSubstitution);
    assert_eq!((e.range().start, e.range().end), (2, 5));
    assert_eq!(
        e.to_string(),
        "failed to process \"ab${}cd\": syntax error: bad substitution"
    );

    assert_eq!(reason("${{a}"), "syntax error: bad substitution");
    assert_eq!(reason("${:-a}"), "syntax error: bad substitution");
    assert_eq!(
        reason("${a:=b}"),
        "unsupported modifier (:=) in substitution"
    );
    assert_eq!(reason("${a.}"), "unsupported modifier (.) in substitution");
    // The end of the word shows as U+FFFD, as in Go.
    assert_eq!(
        reason("${abc"),
        "unsupported modifier (\u{FFFD}) in substitution"
    );
    assert_eq!(reason("${a:-b"), "syntax error: missing '}'");
    assert_eq!(reason("${a:-'b}"), "syntax error: missing '}'");
    // A nested failure that ran into the end of the word is reported as the missing brace.
    assert_eq!(reason("${a:-${b:?x}"), "syntax error: missing '}'");

    let e = err("pre ${a:-${b:?gone}} post");
    assert_eq!(e.reason(), "b: gone");
    assert_eq!((e.range().start, e.range().end), (9, 19));
}

#[test]
fn error_word_is_go_quoted() {
    let e = Lexer::new('\\')
        .process_word("a\"\t\u{a0}é\u{1}", &NoEnv)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "failed to process \"a\\\"\\t\\u00a0é\\x01\": \
         unexpected end of statement while looking for matching double-quote"
    );
}

#[test]
fn env_impls_agree() {
    let pairs = [("K", "1"), ("K", "2")];
    let map: BTreeMap<String, String> = [("K".to_string(), "2".to_string())].into();
    let l = Lexer::default();
    assert_eq!(l.process_word("$K", &pairs).unwrap().value, "2");
    assert_eq!(l.process_word("$K", &pairs[..]).unwrap().value, "2");
    assert_eq!(l.process_word("$K", &map).unwrap().value, "2");
    assert_eq!(l.process_word("$K", &&map).unwrap().value, "2");
    assert_eq!(l.process_word("$K", &NoEnv).unwrap().value, "");
    let borrowed: BTreeMap<&str, &str> = [("K", "3")].into();
    assert_eq!(l.process_word("$K", &borrowed).unwrap().value, "3");
}

#[test]
fn unicode_names_follow_go() {
    let env = [("안녕", "hi"), ("x", "X")];
    let l = Lexer::default();
    assert_eq!(l.process_word("$안녕!", &env).unwrap().value, "hi!");
    // U+093F (a combining vowel sign) is Alphabetic for Rust but not a letter for Go,
    // so it ends the name.
    assert_eq!(l.process_word("$x\u{93f}", &env).unwrap().value, "X\u{93f}");
    // Arabic-Indic digits are Go digits: a positional parameter.
    assert_eq!(l.process_word("$\u{663}x", &env).unwrap().value, "x");
    // A leading byte-order mark is dropped, as Go's scanner does.
    assert_eq!(l.process_word("\u{feff}$x", &env).unwrap().value, "X");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 10_000;
    let w = format!("{}x{}", "${a:-".repeat(depth), "}".repeat(depth));
    let e = Lexer::default().process_word(&w, &NoEnv).unwrap_err();
    assert_eq!(e.kind(), &ShellErrorKind::TooDeep);
    // Also through double quotes, and unterminated.
    let w = "\"${a:-".repeat(depth);
    assert!(Lexer::default().process_word(&w, &NoEnv).is_err());
    // Just under the limit works.
    let n = MAX_NESTING as usize;
    let w = format!("{}x{}", "${a:-".repeat(n), "}".repeat(n));
    assert_eq!(
        Lexer::default().process_word(&w, &NoEnv).unwrap().value,
        "x"
    );
}

#[test]
fn pathological_patterns_stay_bounded() {
    let value = "ab".repeat(200_000);
    let env = [("V", value.as_str())];
    let l = Lexer::default();
    // Each of these either finishes or hits the budget; none runs away.
    for w in [
        "${V//*a*a*a*a*/x}",
        "${V##*a*a*a*a*b}",
        "${V%%*a*a*a*a*c}",
        "${V//?/x}",
        "${V#*c}",
    ] {
        match l.process_word(w, &env) {
            Ok(_) => {}
            Err(e) => assert_eq!(e.kind(), &ShellErrorKind::PatternTooComplex, "{w}"),
        }
    }
    assert_eq!(
        l.process_word("${V//?/x}", &env).unwrap().value.len(),
        value.len()
    );
}

#[test]
fn long_words_are_linear() {
    let w = "a$b${c:-d}'e'\"f\" ".repeat(100_000);
    let out = Lexer::default().process_words(&w, &NoEnv).unwrap();
    assert_eq!(out.len(), 100_000);
}

/// xorshift64*: a deterministic stream for the no-panic test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn arbitrary_input_never_panics() {
    const PIECES: &[&str] = &[
        "$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "\\", "`", "'", "\"", " ", "\t", "\n",
        "a", "Z", "_", "0", "9", "@", "*", "!", "<", "<<", "${", "${a", ":-", "//", "##", "%%",
        "\u{feff}", "\u{0}", "é", "안", "\u{93f}", "\u{663}", "\u{2028}", "🖖", "\u{85}",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let values = ["", "a", "a b", "*?", "\\", "a\nb", "ab".repeat(50).leak()];
    for _ in 0..20_000 {
        let len = rng.below(24);
        let word: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        let env = [
            ("a", values[rng.below(values.len())]),
            ("Z", values[rng.below(values.len())]),
        ];
        let escape = if rng.below(4) == 0 { '`' } else { '\\' };
        let lexer = Lexer::new(escape)
            .with_raw_quotes(rng.below(3) == 0)
            .with_raw_escapes(rng.below(3) == 0)
            .with_skip_process_quotes(rng.below(5) == 0)
            .with_skip_unset_env(rng.below(4) == 0);
        match lexer.process_word(&word, &env) {
            Ok(_) => {}
            Err(e) => {
                // Spans stay inside the word and on character boundaries.
                let r = e.range();
                assert!(r.start <= r.end && r.end as usize <= word.len(), "{word:?}");
                assert!(word.is_char_boundary(r.start as usize), "{word:?}");
                assert!(word.is_char_boundary(r.end as usize), "{word:?}");
                assert!(!e.to_string().is_empty());
            }
        }
        // The plain-word fast path agrees with full processing.
        let full = Run::new(&lexer, &word, &env, false).process_top();
        let fast = lexer.process_word(&word, &env);
        assert_eq!(full.map(|r| r.0), fast.map(|p| p.value), "{word:?}");
        let full = Run::new(&lexer, &word, &env, true).process_top();
        assert_eq!(
            full.map(|r| r.1),
            lexer.process_words(&word, &env),
            "{word:?}"
        );
    }
}

#[test]
fn max_nesting_fits_a_small_stack() {
    // wasm32 gives Rust 1 MiB of stack: the deepest accepted nesting must fit in it, even in
    // an unoptimised build (whose frames are several times larger).
    let n = MAX_NESTING as usize;
    let w = format!("{}x{}", "\"${a:-".repeat(n), "}\"".repeat(n));
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || Lexer::default().process_words(&w, &NoEnv))
        .unwrap();
    assert_eq!(handle.join().unwrap().unwrap(), ["x"]);
}
