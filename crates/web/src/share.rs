//! Share links: the user's state, JSON → raw DEFLATE → base64url, in the URL fragment behind a
//! version prefix (`#v1/…`). Decoding treats the link as hostile: size limits before and after
//! inflating (no deflate bombs), and every malformed input is an error value, never a panic.

use crate::state::BuildSettings;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The prefix of version 1 links (after `#`). Released versions decode forever.
pub const V1: &str = "v1/";
/// Longest encoded fragment accepted (the compressed payload is ~3/4 of it).
pub const MAX_ENCODED: usize = 64 * 1024 * 4 / 3 + 8;
/// Largest decompressed JSON accepted.
pub const MAX_DECODED: usize = 1024 * 1024;
/// Links longer than this get a warning: chat apps cut them.
pub const LONG_LINK: usize = 2000;

/// What a link carries (field names are part of the v1 format: never rename them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkState {
    /// The Dockerfile.
    pub text: String,
    /// `--target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `--build-arg` pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub build_args: Vec<(String, String)>,
    /// `--platform`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
}

impl LinkState {
    /// The shareable part of the state.
    pub fn new(text: &str, build: &BuildSettings) -> Self {
        Self {
            text: text.to_string(),
            target: build.target.clone(),
            build_args: build.build_args.clone(),
            platform: build.platform.clone(),
        }
    }

    /// The build options it carries.
    pub fn build(&self) -> BuildSettings {
        BuildSettings {
            target: self.target.clone(),
            build_args: self.build_args.clone(),
            platform: self.platform.clone(),
        }
    }
}

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not a `v1/` link (or an unknown future version).
    UnknownVersion,
    /// Longer than [`MAX_ENCODED`].
    TooLong,
    /// Not base64url.
    BadBase64,
    /// Not raw DEFLATE, or inflates past [`MAX_DECODED`].
    BadDeflate,
    /// Not the JSON a link carries.
    BadJson,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ShareError::UnknownVersion => {
                "this link was made by a different version of stagecraft (unknown format)"
            }
            ShareError::TooLong => "this link is too long (over 64 KB compressed)",
            ShareError::BadBase64 => "this link is damaged (not valid base64url)",
            ShareError::BadDeflate => {
                "this link is damaged or too large once decompressed (over 1 MB)"
            }
            ShareError::BadJson => "this link is damaged (its contents are not a stagecraft state)",
        })
    }
}

/// The fragment (without `#`) for `shared`.
pub fn encode(shared: &LinkState) -> String {
    let json = serde_json::to_vec(shared).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{V1}{}", base64url_encode(&deflated))
}

/// Decodes a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<LinkState, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = fragment
        .strip_prefix(V1)
        .ok_or(ShareError::UnknownVersion)?;
    if payload.len() > MAX_ENCODED {
        return Err(ShareError::TooLong);
    }
    let deflated = base64url_decode(payload).ok_or(ShareError::BadBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_DECODED)
        .map_err(|_| ShareError::BadDeflate)?;
    serde_json::from_slice(&json).map_err(|_| ShareError::BadJson)
}

/// True when `fragment` looks like a share link of any version (so a bad one gets a banner).
pub fn is_share_fragment(fragment: &str) -> bool {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    f.len() > 2
        && f.starts_with('v')
        && f[1..]
            .split('/')
            .next()
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url with or without padding; `None` on any other character or bad length.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A lone trailing character (6 bits) cannot come from any byte sequence.
    if text.len() % 4 == 1 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> LinkState {
        LinkState {
            text: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine\nCOPY --from=build /app /app\n".into(),
            target: Some("build".into()),
            build_args: vec![("GO".into(), "1.22".into())],
            platform: Some("linux/arm64".into()),
        }
    }

    #[test]
    fn a_link_round_trips_exactly() {
        for shared in [
            sample(),
            LinkState {
                text: String::new(),
                target: None,
                build_args: vec![],
                platform: None,
            },
        ] {
            let link = encode(&shared);
            assert!(link.starts_with("v1/"));
            assert!(
                link.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_/".contains(&b)),
                "{link}"
            );
            assert_eq!(decode(&link), Ok(shared.clone()));
            assert_eq!(decode(&format!("#{link}")), Ok(shared));
        }
    }

    #[test]
    fn unicode_and_hostile_text_round_trip() {
        let shared = LinkState {
            text: "FROM alpine AS <img src=x onerror=alert(1)>\n# é 😀 \u{0}\n".into(),
            ..sample()
        };
        assert_eq!(decode(&encode(&shared)), Ok(shared));
    }

    /// A link made by this version, committed: it must decode the same forever.
    #[test]
    fn the_committed_v1_fixture_still_decodes() {
        let fixture = include_str!("../tests/fixtures/share-v1.txt").trim();
        let shared = decode(fixture).expect("v1 fixture decodes");
        assert_eq!(shared, sample());
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn hostile_links_are_errors_not_panics() {
        assert_eq!(decode("v2/AAAA"), Err(ShareError::UnknownVersion));
        assert_eq!(decode("hello"), Err(ShareError::UnknownVersion));
        assert_eq!(decode("v1/%%%"), Err(ShareError::BadBase64));
        assert_eq!(decode("v1/A"), Err(ShareError::BadBase64));
        assert_eq!(decode("v1/AAAAAAAA"), Err(ShareError::BadDeflate));
        assert_eq!(
            decode(&format!("v1/{}", "A".repeat(MAX_ENCODED + 1))),
            Err(ShareError::TooLong)
        );
        let not_json = miniz_oxide::deflate::compress_to_vec(b"not json", 9);
        assert_eq!(
            decode(&format!("v1/{}", base64url_encode(&not_json))),
            Err(ShareError::BadJson)
        );
        // A deflate bomb: 2 MB of zeros compresses to a few KB but must not be inflated.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 2 * 1024 * 1024], 9);
        let link = format!("v1/{}", base64url_encode(&bomb));
        assert!(link.len() < MAX_ENCODED);
        assert_eq!(decode(&link), Err(ShareError::BadDeflate));
    }

    #[test]
    fn share_fragments_are_recognised() {
        assert!(is_share_fragment("#v1/abc"));
        assert!(is_share_fragment("v9/x"));
        assert!(!is_share_fragment("#section"));
        assert!(!is_share_fragment(""));
    }
}
