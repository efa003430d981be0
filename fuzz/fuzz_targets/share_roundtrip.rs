//! Structured: an arbitrary `ShareState` → `encode` → `decode` gives it back exactly, and the
//! link is plain URL-fragment-safe ASCII.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use stagecraft_share::ShareState;

/// Mirror of `ShareState` (which does not derive `Arbitrary`).
#[derive(Debug, Arbitrary)]
struct State {
    text: String,
    target: Option<String>,
    build_args: Vec<(String, String)>,
    platform: Option<String>,
    panel: Option<String>,
}

fuzz_target!(|s: State| {
    let state = ShareState {
        text: s.text,
        target: s.target,
        build_args: s.build_args,
        platform: s.platform,
        panel: s.panel,
    };
    let link = stagecraft_share::encode(&state);
    assert!(link.starts_with("v1/"), "{link}");
    assert!(
        link.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'/')),
        "link has characters outside base64url: {link}"
    );
    // A state this small always fits the limits, so it must come back.
    if state.text.len() < 512 * 1024 {
        assert_eq!(stagecraft_share::decode(&link), Ok(state.clone()));
        assert_eq!(stagecraft_share::decode(&format!("#{link}")), Ok(state));
    }
});
