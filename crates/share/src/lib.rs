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
    // Serializing plain strings and vectors cannot fail; fall back to an empty object regardless.
    let json = serde_json::to_vec(state).unwrap_or_else(|_| b"{}".to_vec());
    let compressed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    let mut out = String::with_capacity(VERSION_PREFIX.len() + compressed.len() * 4 / 3 + 4);
    out.push_str(VERSION_PREFIX);
    base64url::encode_into(&compressed, &mut out);
    out
}

/// Decode a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<ShareState, ShareError> {
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
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_INFLATED)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::InflatesTooLarge,
            _ => ShareError::BadCompression,
        })?;
    let state: ShareState =
        serde_json::from_slice(&json).map_err(|e| ShareError::BadContent(content_error(&e)))?;
    Ok(state)
}

/// A short reason without echoing user data back.
fn content_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => "not well-formed JSON".to_string(),
        Category::Data => "unexpected fields or types".to_string(),
        Category::Io => "unreadable".to_string(),
    }
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
