//! Every released link version decodes forever: links made by earlier builds are committed in
//! `fixtures/v1.jsonl` together with the state they must decode to, and hostile links in
//! `fixtures/hostile.jsonl` together with the error they must give.

#![allow(clippy::disallowed_methods)] // Tests read their fixtures; the library itself stays pure.

use stagecraft_share::{decode, encode, ShareError, ShareState};

fn fixture(name: &str) -> Vec<serde_json::Value> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect(&path);
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect(l))
        .collect()
}

#[test]
fn released_v1_links_still_decode() {
    let cases = fixture("v1.jsonl");
    assert!(cases.len() >= 5);
    for case in cases {
        let link = case["link"].as_str().unwrap();
        let want: ShareState = serde_json::from_value(case["state"].clone()).unwrap();
        assert_eq!(decode(link).as_ref(), Ok(&want), "{link}");
        // And today's encoder still round-trips the same state.
        assert_eq!(decode(&encode(&want)), Ok(want));
    }
}

#[test]
fn hostile_links_give_the_expected_error() {
    let cases = fixture("hostile.jsonl");
    assert!(cases.len() >= 5);
    for case in cases {
        let link = case["link"].as_str().unwrap();
        let got = decode(link);
        let kind = match &got {
            Err(ShareError::UnknownVersion(_)) => "unknown-version",
            Err(ShareError::BadEncoding) => "bad-encoding",
            Err(ShareError::TooLarge) => "too-large",
            Err(ShareError::InflatesTooLarge) => "inflates-too-large",
            Err(ShareError::BadCompression) => "bad-compression",
            Err(ShareError::BadContent(_)) => "bad-content",
            Ok(_) => "ok",
        };
        assert_eq!(kind, case["error"].as_str().unwrap(), "{}", case["why"]);
    }
}
