//! Link lengths of the gallery examples: every tutorial-sized example must give a chat-safe
//! link (under [`CHAT_SAFE_LENGTH`]), and every example must round-trip. Run with
//! `--nocapture` to see the figures.

#![allow(clippy::disallowed_methods)] // Tests read their fixtures; the library itself stays pure.

use stagecraft_share::{decode, encode, ShareState, CHAT_SAFE_LENGTH};

/// A link as the playground builds it: origin, path and `#` fragment.
const ORIGIN: &str = "https://stagecraft.example/#";

#[test]
fn gallery_links_are_chat_safe_and_round_trip() {
    let dir = format!("{}/../../examples", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "examples found: {}", paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("example");
        let state = ShareState {
            text: text.clone(),
            ..ShareState::default()
        };
        let fragment = encode(&state);
        let len = ORIGIN.len() + fragment.len();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        println!(
            "{len:>6} chars  {:>6} bytes of Dockerfile  {name}",
            text.len()
        );
        assert_eq!(decode(&fragment), Ok(state), "{name}");
        // Tutorial-sized files (a few dozen lines) must fit in a chat message; large real files
        // are allowed to exceed it (the share dialog warns).
        if text.lines().count() <= 40 {
            assert!(len < CHAT_SAFE_LENGTH, "{name}: {len} chars");
        }
    }
}
