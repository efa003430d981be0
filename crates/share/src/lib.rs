//! Share links: the playground's state ↔ a URL fragment such as `#v1/…`.
//!
//! Format `v1`: `v1/` + base64url (no padding) of raw DEFLATE of a compact JSON object
//! (`{"text":…,"target":…,"build_args":[[k,v]…],"platform":…,"panel":…}`; absent fields
//! omitted, unknown fields ignored so later versions can add some).
//! Every released version must decode forever: the fixtures in `tests/fixtures/` are checked in CI.
//!
//! Decoding is hardened: the encoded payload is limited to [`MAX_COMPRESSED`] bytes and the
//! inflated JSON to [`MAX_INFLATED`] bytes (deflate bombs stop at the limit, they are not
//! inflated), and every failure is a [`ShareError`] with a message fit for a banner.

mod base64url;

use serde::{Deserialize, Serialize};
use stagecraft_syntax::json_value::{self, JsonValue};
use stagecraft_syntax::write_json_string as json_string;
use std::fmt;

/// Largest compressed payload accepted (bytes after base64 decoding).
pub const MAX_COMPRESSED: usize = 64 * 1024;
/// Largest inflated JSON accepted.
pub const MAX_INFLATED: usize = 1024 * 1024;
/// Links longer than this are cut by some chat apps; the share dialog warns above it.
pub const CHAT_SAFE_LENGTH: usize = 2000;

/// What a share link carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareState {
    /// The Dockerfile.
    #[serde(default)]
    pub text: String,
    /// `--target`, if chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `--build-arg` pairs in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub build_args: Vec<(String, String)>,
    /// `--platform`, if chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The open panel (an identifier of the web app's, kept opaque here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panel: Option<String>,
}

/// Why a link could not be read. `Display` is a sentence for the error banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No `vN/` prefix, or a version this build does not know.
    UnknownVersion(String),
    /// The payload is not base64url.
    BadEncoding,
    /// The payload is larger than [`MAX_COMPRESSED`].
    TooLarge,
    /// The payload inflates past [`MAX_INFLATED`].
    InflatesTooLarge,
    /// The payload is not valid raw DEFLATE data.
    BadCompression,
    /// The inflated data is not the JSON this version expects.
    BadContent(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::UnknownVersion(v) if v.is_empty() => {
                f.write_str("This link has no stagecraft state (expected #v1/…).")
            }
            ShareError::UnknownVersion(v) => write!(
                f,
                "This link was made by a newer or unknown version of stagecraft ({v}); it cannot be opened here."
            ),
            ShareError::BadEncoding => {
                f.write_str("This link is damaged: its data is not valid base64url (was it cut or edited?).")
            }
            ShareError::TooLarge => write!(
                f,
                "This link is too large to open (more than {} KB of compressed data).",
                MAX_COMPRESSED / 1024
            ),
            ShareError::InflatesTooLarge => write!(
                f,
                "This link expands to more than {} MB of text and was not opened.",
                MAX_INFLATED / (1024 * 1024)
            ),
            ShareError::BadCompression => {
                f.write_str("This link is damaged: its data could not be decompressed (was it cut or edited?).")
            }
            ShareError::BadContent(why) => write!(f, "This link's contents are not valid: {why}."),
        }
    }
}

impl std::error::Error for ShareError {}

/// The current link version prefix.
pub const VERSION_PREFIX: &str = "v1/";

/// Encode `state` as a fragment (without the leading `#`), e.g. `v1/…`.
pub fn encode(state: &ShareState) -> String {
    let json = to_json(state);
    fragment_of(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

/// The fragment for `compressed`, the raw DEFLATE of [`to_json`]'s output: `v1/` + base64url.
/// For callers that compress by other means (the web app uses the browser's
/// `CompressionStream`, so the wasm carries no compressor); [`decode`] reads the result.
pub fn fragment_of(compressed: &[u8]) -> String {
    let mut out = String::with_capacity(VERSION_PREFIX.len() + compressed.len() * 4 / 3 + 4);
    out.push_str(VERSION_PREFIX);
    base64url::encode_into(compressed, &mut out);
    out
}

/// Decode a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<ShareState, ShareError> {
    let compressed = compressed_payload(fragment)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_INFLATED)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::InflatesTooLarge,
            _ => ShareError::BadCompression,
        })?;
    from_json(&json)
}

/// The first half of [`decode`]: the fragment's version, length and base64url checked, the raw
/// DEFLATE payload returned. For callers that inflate by other means (the web app uses the
/// browser's `DecompressionStream`, stopping at [`MAX_INFLATED`], then [`from_json`]).
pub fn compressed_payload(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = fragment.strip_prefix(VERSION_PREFIX) else {
        let version = fragment
            .split_once('/')
            .map(|(v, _)| v)
            .filter(|v| {
                v.len() <= 16
                    && v.starts_with('v')
                    && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
            })
            .unwrap_or("");
        return Err(ShareError::UnknownVersion(version.to_string()));
    };
    // Reject before decoding so hostile lengths cost nothing.
    if payload.len() > MAX_COMPRESSED / 3 * 4 + 4 {
        return Err(ShareError::TooLarge);
    }
    let compressed =
        base64url::decode(payload.trim_end_matches('=')).ok_or(ShareError::BadEncoding)?;
    if compressed.len() > MAX_COMPRESSED {
        return Err(ShareError::TooLarge);
    }
    Ok(compressed)
}

/// The JSON text of `state`, as links (and the playground's autosave) carry it: exactly what
/// serde's derived `Serialize` writes (a test checks it), written by hand so the wasm needs no
/// serializer.
pub fn to_json(state: &ShareState) -> String {
    let mut out = String::with_capacity(state.text.len() + 64);
    out.push_str("{\"text\":");
    json_string(&mut out, &state.text);
    if let Some(target) = &state.target {
        out.push_str(",\"target\":");
        json_string(&mut out, target);
    }
    if !state.build_args.is_empty() {
        out.push_str(",\"build_args\":[");
        for (i, (k, v)) in state.build_args.iter().enumerate() {
            out.push_str(if i == 0 { "[" } else { ",[" });
            json_string(&mut out, k);
            out.push(',');
            json_string(&mut out, v);
            out.push(']');
        }
        out.push(']');
    }
    for (key, value) in [("platform", &state.platform), ("panel", &state.panel)] {
        if let Some(value) = value {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            json_string(&mut out, value);
        }
    }
    out.push('}');
    out
}

/// Reads [`to_json`]'s format (any valid JSON of that shape: `null` options, unknown fields
/// ignored) through `stagecraft_syntax::json_value`, the one JSON reader the core carries (for
/// lock files too), instead of serde's derived `Deserialize` over serde_json. What it accepts
/// is what serde_json's `Value` accepted (a duplicate field keeps its last value).
pub fn from_json(json: &[u8]) -> Result<ShareState, ShareError> {
    let text = std::str::from_utf8(json).map_err(|_| bad_json())?;
    state_of(&json_value::parse(text).map_err(|_| bad_json())?)
}

/// A JSON array of states, newest first (the playground's history): `[` + [`to_json`]… + `]`.
pub fn list_to_json(states: &[ShareState]) -> String {
    let mut out = String::from("[");
    for (i, s) in states.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&to_json(s));
    }
    out.push(']');
    out
}

/// Reads [`list_to_json`]'s format; any element that is not a state makes it an error.
pub fn list_from_json(json: &str) -> Result<Vec<ShareState>, ShareError> {
    match json_value::parse(json).map_err(|_| bad_json())? {
        JsonValue::Array(items) => items.iter().map(state_of).collect(),
        _ => Err(bad_shape()),
    }
}

fn bad_json() -> ShareError {
    ShareError::BadContent("not well-formed JSON".to_string())
}

fn bad_shape() -> ShareError {
    ShareError::BadContent("unexpected fields or types".to_string())
}

fn state_of(value: &JsonValue) -> Result<ShareState, ShareError> {
    if value.as_object().is_none() {
        return Err(bad_shape());
    }
    let string = |key: &str| -> Result<Option<String>, ShareError> {
        match value.get(key) {
            None | Some(JsonValue::Null) => Ok(None),
            Some(JsonValue::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad_shape()),
        }
    };
    let mut build_args = Vec::new();
    match value.get("build_args") {
        None | Some(JsonValue::Null) => {}
        Some(JsonValue::Array(pairs)) => {
            for pair in pairs {
                match pair.as_array() {
                    Some([JsonValue::String(k), JsonValue::String(v)]) => {
                        build_args.push((k.clone(), v.clone()));
                    }
                    _ => return Err(bad_shape()),
                }
            }
        }
        Some(_) => return Err(bad_shape()),
    }
    Ok(ShareState {
        text: string("text")?.unwrap_or_default(),
        target: string("target")?,
        build_args,
        platform: string("platform")?,
        panel: string("panel")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ShareState {
        ShareState {
            text: "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine\nCOPY --from=build /app /app\n"
                .into(),
            target: Some("build".into()),
            build_args: vec![("GO_VERSION".into(), "1.22".into())],
            platform: Some("linux/arm64".into()),
            panel: Some("findings".into()),
        }
    }

    /// The hand-written JSON is byte-for-byte what serde's derive writes, so links made
    /// before and after read the same.
    #[test]
    fn json_matches_serde() {
        let mut all: Vec<ShareState> = vec![sample(), ShareState::default()];
        let odd: String = (0u32..0x80)
            .filter_map(char::from_u32)
            .chain("é🐳\u{2028}\u{feff}".chars())
            .collect();
        all.push(ShareState {
            text: odd.clone(),
            target: Some(odd.clone()),
            build_args: vec![(odd.clone(), odd.clone()), ("A".into(), String::new())],
            platform: None,
            panel: Some(odd),
        });
        for s in all {
            assert_eq!(to_json(&s), serde_json::to_string(&s).unwrap());
            assert_eq!(from_json(to_json(&s).as_bytes()), Ok(s));
        }
    }

    #[test]
    fn fragments_are_unpadded_base64url() {
        assert_eq!(fragment_of(b""), "v1/");
        assert_eq!(fragment_of(b"f"), "v1/Zg");
        assert_eq!(fragment_of(b"fo"), "v1/Zm8");
        assert_eq!(fragment_of(b"foo"), "v1/Zm9v");
        assert_eq!(fragment_of(&[0xfb, 0xff]), "v1/-_8");
    }

    #[test]
    fn lists_round_trip_and_reject_non_states() {
        let all = vec![sample(), ShareState::default()];
        assert_eq!(list_from_json(&list_to_json(&all)), Ok(all));
        assert_eq!(list_from_json("[]"), Ok(vec![]));
        for bad in ["{}", "[1]", "[{\"text\":1}]", "[", ""] {
            assert!(list_from_json(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trips_exactly() {
        let s = sample();
        let link = encode(&s);
        assert!(link.starts_with("v1/"));
        assert!(link[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&link), Ok(s.clone()));
        assert_eq!(decode(&format!("#{link}")), Ok(s));
    }

    #[test]
    fn round_trips_unicode_and_empty() {
        for text in ["", "FROM scratch\n# café 🐳 \u{0}\r\n", "\u{feff}FROM a\n"] {
            let s = ShareState {
                text: text.into(),
                ..ShareState::default()
            };
            assert_eq!(decode(&encode(&s)), Ok(s));
        }
    }

    #[test]
    fn rejects_unknown_versions_and_missing_prefix() {
        assert_eq!(
            decode("v9/abc"),
            Err(ShareError::UnknownVersion("v9".into()))
        );
        assert_eq!(decode(""), Err(ShareError::UnknownVersion(String::new())));
        assert_eq!(
            decode("#hello"),
            Err(ShareError::UnknownVersion(String::new()))
        );
    }

    #[test]
    fn rejects_bad_base64_and_bad_deflate() {
        assert_eq!(decode("v1/***"), Err(ShareError::BadEncoding));
        assert_eq!(decode("v1/A"), Err(ShareError::BadEncoding));
        // Valid base64url of bytes that are not a deflate stream.
        let mut junk = String::from("v1/");
        base64url::encode_into(&[0xff; 32], &mut junk);
        assert_eq!(decode(&junk), Err(ShareError::BadCompression));
    }

    #[test]
    fn rejects_json_that_is_not_state() {
        for json in [
            &b"[1,2]"[..],
            b"{\"text\":5}",
            b"not json",
            b"{\"text\":\"a\"",
        ] {
            let mut link = String::from("v1/");
            base64url::encode_into(&miniz_oxide::deflate::compress_to_vec(json, 6), &mut link);
            assert!(
                matches!(decode(&link), Err(ShareError::BadContent(_))),
                "{json:?}"
            );
        }
    }

    #[test]
    fn stops_deflate_bombs_at_the_limit() {
        // 64 MB of zeros compresses to ~64 KB; it must be refused without inflating it all.
        let zeros = vec![b' '; 8 * MAX_INFLATED];
        let bomb = miniz_oxide::deflate::compress_to_vec(&zeros, 10);
        assert!(bomb.len() <= MAX_COMPRESSED, "bomb is {} bytes", bomb.len());
        let mut link = String::from("v1/");
        base64url::encode_into(&bomb, &mut link);
        assert_eq!(decode(&link), Err(ShareError::InflatesTooLarge));
    }

    #[test]
    fn refuses_oversized_payloads_before_decoding() {
        let link = format!("v1/{}", "A".repeat(200_000));
        assert_eq!(decode(&link), Err(ShareError::TooLarge));
    }

    #[test]
    fn error_messages_do_not_echo_input() {
        let payload = "<script>alert(1)</script>";
        let err = decode(&format!("v1/{payload}")).unwrap_err();
        assert!(!err.to_string().contains("script"));
    }
}
