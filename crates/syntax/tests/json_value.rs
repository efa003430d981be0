//! Differential test: `json_value::parse` against `serde_json::from_str::<Value>` (the reader
//! it replaces on the playground's path). Same accept/reject, same value, same object order.

use serde_json::Value;
use stagecraft_syntax::json_value::{parse, JsonValue};

/// Our value as serde_json's, numbers through serde_json's own reading of the kept text.
fn to_serde(v: &JsonValue) -> Value {
    match v {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(raw) => {
            let n: Value = serde_json::from_str(raw).expect("kept number text is JSON");
            assert!(n.is_number(), "{raw}");
            n
        }
        JsonValue::String(s) => Value::String(s.clone()),
        JsonValue::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        JsonValue::Object(entries) => {
            let mut m = serde_json::Map::new();
            for (k, v) in entries {
                assert!(m.insert(k.clone(), to_serde(v)).is_none(), "duplicate {k}");
            }
            Value::Object(m)
        }
    }
}

/// Objects are sorted by key with unique keys, and iterate in serde_json's order.
fn check_order(ours: &JsonValue, theirs: &Value) {
    match (ours, theirs) {
        (JsonValue::Object(entries), Value::Object(map)) => {
            let a: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
            let b: Vec<&str> = map.keys().map(String::as_str).collect();
            assert_eq!(a, b);
            for ((_, v), w) in entries.iter().zip(map.values()) {
                check_order(v, w);
            }
        }
        (JsonValue::Array(items), Value::Array(theirs)) => {
            for (v, w) in items.iter().zip(theirs) {
                check_order(v, w);
            }
        }
        _ => {}
    }
}

/// Both readers agree on `text`; returns whether it was accepted.
fn same(text: &str) -> bool {
    let ours = parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(o), Ok(t)) => {
            assert_eq!(&to_serde(o), t, "value of {text:?}");
            check_order(o, t);
            true
        }
        (Err(e), Err(_)) => {
            assert!(e.offset as usize <= text.len(), "{text:?}: {e}");
            false
        }
        _ => panic!(
            "{text:?}: ours {:?}, serde_json {:?}",
            ours.map(|_| ()),
            theirs.map(|_| ())
        ),
    }
}

fn nested(depth: usize, open: &str, close: &str, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn tricky_inputs_agree_with_serde_json() {
    let accepted: &[&str] = &[
        "null",
        "true",
        "false",
        "0",
        "-0",
        "-0.0",
        "1e5",
        "1E+5",
        "1e-5",
        "-12.5e-3",
        "123456789012345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "1e308",
        "1e-400",
        "0e999999",
        "\"\"",
        r#""a\"b\\c\/d\b\f\n\r\t""#,
        r#""\u0000\u001f\u00e9\u20AC\uFFFF""#,
        r#""\ud83d\udc33 whale""#,
        r#""\uD83D\uDC33""#,
        "\"é🐳\u{2028}\u{7f}\"",
        "[]",
        "{}",
        " \t\n\r[1, 2 ,3 ] \n",
        r#"{"b":1,"a":2,"c":{"z":[],"y":{}}}"#,
        r#"{"a":1,"a":2}"#,
        r#"{"a":1,"b":0,"a":{"x":1},"a":[3]}"#,
        r#"{"":null,"\u0000":1," ":2}"#,
        r#"{"é":1,"z":2,"Z":3,"🐳":4,"\uffff":5}"#,
        r#"[null,true,false,"x",-1.5,[],{}]"#,
    ];
    let rejected: &[&str] = &[
        "",
        " ",
        "\u{feff}{}",
        "01",
        "-01",
        "00",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "1.e5",
        "0x10",
        "NaN",
        "Infinity",
        "1e400",
        "-1e400",
        "1e99999999999999999999",
        "[1,]",
        "[,1]",
        "[1 2]",
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{a:1}"#,
        r#"{'a':1}"#,
        r#"{"a":1 "b":2}"#,
        "{1:2}",
        "[1] [2]",
        "[1]x",
        "nul",
        "nulls",
        "tru",
        "True",
        "[",
        "]",
        "{",
        r#"{"a""#,
        r#"{"a":"#,
        "\"abc",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"\u{0}\"",
        "\"\u{1f}\"",
        r#""\x41""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\ud83d""#,
        r#""\ud83dx""#,
        r#""\ud83d\n""#,
        r#""\ud83d\u0041""#,
        r#""\ud83d\ud83d""#,
        r#""\udc33""#,
        r#""\udc33\ud83d""#,
        r#"{"\ud800":1}"#,
        "/* c */ 1",
        "1 // c",
        "[1]\u{a0}",
        "\u{b}1",
        "\u{c}1",
    ];
    for text in accepted {
        assert!(same(text), "should be accepted: {text:?}");
    }
    for text in rejected {
        assert!(!same(text), "should be rejected: {text:?}");
    }
}

#[test]
fn nesting_limit_is_serde_jsons() {
    for depth in [1, 2, 126, 127, 128, 129, 1000, 100_000] {
        let arrays = nested(depth, "[", "]", "");
        let objects = nested(depth, "{\"k\":", "}", "1");
        let mixed = nested(depth, "[{\"k\":", "}]", "0");
        let accepted = same(&arrays);
        assert_eq!(accepted, depth <= 127, "arrays {depth}");
        assert_eq!(same(&objects), depth <= 127, "objects {depth}");
        // Two levels per repetition.
        assert_eq!(same(&mixed), depth * 2 <= 127, "mixed {depth}");
    }
    // Unbalanced deep input fails without overflowing the stack.
    assert!(!same(&"[".repeat(1_000_000)));
}

#[test]
fn big_documents_agree() {
    let big_array = format!(
        "[{}]",
        (0..100_000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(same(&big_array));
    // A package-lock.json shaped like a large real one (~4 MB), keys out of order.
    let mut lock =
        String::from(r#"{"name":"app","lockfileVersion":3,"packages":{"":{"name":"app"}"#);
    for i in (0..12_000).rev() {
        lock.push_str(&format!(
            r#","node_modules/pkg-{i}":{{"version":"1.{i}.0","resolved":"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz","integrity":"sha512-{}","dev":{},"dependencies":{{"b":"^1","a":"~2"}}}}"#,
            "A".repeat(180),
            i % 3 == 0
        ));
    }
    lock.push_str("}}");
    assert!(lock.len() > 3_500_000, "{}", lock.len());
    assert!(same(&lock));
}

/// Random documents and single-byte mutations of them: the readers agree on every one.
#[test]
fn random_mutations_agree() {
    let mut seed = 0x1234_5678_u32;
    let mut next = move |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % n
    };
    const PIECES: &[&str] = &[
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        " ",
        "\n",
        "\"a\"",
        "\"b\"",
        "\"\\u00e9\"",
        "\"\\ud83d\"",
        "\"\\udc33\"",
        "\\",
        "\"",
        "0",
        "1",
        "-",
        ".",
        "e",
        "+",
        "12",
        "true",
        "null",
        "é",
        "x",
    ];
    let mut agreed = 0;
    for _ in 0..30_000 {
        let len = 1 + next(12);
        let text: String = (0..len)
            .map(|_| PIECES[next(PIECES.len() as u32) as usize])
            .collect();
        if same(&text) {
            agreed += 1;
        }
    }
    // Mutations of valid documents find the edges of the grammar.
    let base = r#"{"a":[1,-2.5e3,{"b":"c\u00e9\ud83d\udc33"}],"d":null,"a":true}"#;
    let bytes: Vec<char> = base.chars().collect();
    let alphabet: Vec<char> = "[]{},:\" \\0123456789-+.eEtrufalsn/u\u{1}é"
        .chars()
        .collect();
    for i in 0..bytes.len() {
        for &c in &alphabet {
            for mode in 0..3 {
                let mut m = bytes.clone();
                match mode {
                    0 => m[i] = c,
                    1 => m.insert(i, c),
                    _ => {
                        m.remove(i);
                    }
                }
                let text: String = m.into_iter().collect();
                if same(&text) {
                    agreed += 1;
                }
            }
        }
    }
    // Some of each, or the table above tests nothing.
    assert!(agreed > 100, "{agreed}");
}

#[test]
fn accessors() {
    let v = parse(r#"{"n":18446744073709551615,"big":18446744073709551616,"neg":-0,"f":1.0,"e":1e5,"s":"x","t":true,"a":[1],"o":{"k":null}}"#).unwrap();
    let theirs: Value = serde_json::from_str(
        r#"{"n":18446744073709551615,"big":18446744073709551616,"neg":-0,"f":1.0,"e":1e5,"s":"x","t":true,"a":[1],"o":{"k":null}}"#,
    )
    .unwrap();
    for key in ["n", "big", "neg", "f", "e", "s", "t", "a", "o", "missing"] {
        let ours = v.get(key);
        let want = theirs.get(key);
        assert_eq!(ours.is_some(), want.is_some(), "{key}");
        assert_eq!(
            ours.and_then(JsonValue::as_u64),
            want.and_then(Value::as_u64),
            "{key}"
        );
        assert_eq!(
            ours.and_then(JsonValue::as_str),
            want.and_then(Value::as_str),
            "{key}"
        );
        assert_eq!(
            ours.and_then(JsonValue::as_bool),
            want.and_then(Value::as_bool),
            "{key}"
        );
        assert_eq!(
            ours.and_then(JsonValue::as_array).map(<[_]>::len),
            want.and_then(Value::as_array).map(Vec::len),
            "{key}"
        );
        assert_eq!(
            ours.and_then(JsonValue::as_object).map(<[_]>::len),
            want.and_then(Value::as_object).map(serde_json::Map::len),
            "{key}"
        );
    }
    assert_eq!(v.get("o").and_then(|o| o.get("k")), Some(&JsonValue::Null));
    assert_eq!(JsonValue::Null.get("k"), None);
    let e = parse("[1,\n2,]").unwrap_err();
    assert_eq!((e.offset, e.message), (6, "trailing comma"));
    assert_eq!(e.to_string(), "trailing comma at byte 6");
}
