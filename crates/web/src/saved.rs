//! The JSON of the autosave and history entries in localStorage.
//!
//! The format is the one earlier versions stored through serde, which is also what share links
//! carry: an autosave is one object `{"text":…,"target":…,"build_args":[[k,v],…],"platform":…,
//! "panel":…}` (absent options and empty lists omitted), the history an array of them.
//! `stagecraft_share` writes and reads it; reading accepts any valid JSON of that shape
//! (`null` options, unknown fields ignored), so nothing a user has stored is lost; anything
//! else is `None`, never a panic.

use crate::share::LinkState;

/// One saved buffer as JSON.
pub fn to_json(state: &LinkState) -> String {
    stagecraft_share::to_json(state)
}

/// A history (newest first) as a JSON array.
pub fn history_to_json(history: &[LinkState]) -> String {
    stagecraft_share::list_to_json(history)
}

/// Reads one saved buffer.
pub fn from_json(json: &str) -> Option<LinkState> {
    stagecraft_share::from_json(json.as_bytes()).ok()
}

/// Reads a history.
pub fn history_from_json(json: &str) -> Option<Vec<LinkState>> {
    stagecraft_share::list_from_json(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> LinkState {
        LinkState {
            text: "FROM alpine AS \"x\"\n\tRUN echo \\ é 😀 \u{1}\r\n".into(),
            target: Some("build".into()),
            build_args: vec![("A".into(), "1".into()), ("B\"".into(), String::new())],
            platform: Some("linux/arm64".into()),
            panel: Some("graph".into()),
        }
    }

    #[test]
    fn saved_buffers_round_trip() {
        for state in [sample(), LinkState::default()] {
            assert_eq!(from_json(&to_json(&state)), Some(state.clone()));
        }
        let history = vec![sample(), LinkState::default(), sample()];
        assert_eq!(history_from_json(&history_to_json(&history)), Some(history));
        assert_eq!(history_from_json("[]"), Some(vec![]));
        // Absent options and empty lists are omitted, as the serde version wrote them.
        assert_eq!(to_json(&LinkState::default()), "{\"text\":\"\"}");
    }

    #[test]
    fn what_the_serde_version_stored_still_reads() {
        // Written by the previous playground (serde_json of stagecraft_share::ShareState).
        let old = r#"{"text":"FROM golang:1.22 AS build\nRUN go build -o /app .\n# caf\u00e9 \ud83d\ude00 \"q\" \\ \/","target":"build","build_args":[["GO","1.22"],["X",""]],"platform":"linux/arm64"}"#;
        let state = from_json(old).expect("reads");
        assert_eq!(
            state.text,
            "FROM golang:1.22 AS build\nRUN go build -o /app .\n# café 😀 \"q\" \\ /"
        );
        assert_eq!(state.target.as_deref(), Some("build"));
        assert_eq!(
            state.build_args,
            vec![("GO".into(), "1.22".into()), ("X".into(), String::new())]
        );
        assert_eq!(state.platform.as_deref(), Some("linux/arm64"));
        assert_eq!(state.panel, None);
        // Whitespace, nulls and unknown fields (of any JSON type) are fine.
        let loose = " { \"future\" : {\"a\":[1,-2.5e3,true,null,\"s\"]}, \"text\" : \"x\" , \"target\":null } ";
        assert_eq!(
            from_json(loose),
            Some(LinkState {
                text: "x".into(),
                ..LinkState::default()
            })
        );
        let history = format!("[{old}, {{\"text\":\"\"}}]");
        assert_eq!(history_from_json(&history).map(|h| h.len()), Some(2));
    }

    #[test]
    fn damaged_entries_are_none_not_panics() {
        let good = to_json(&sample());
        for n in 0..good.len() {
            if let Some(prefix) = good.get(..n) {
                assert_eq!(from_json(prefix), None, "prefix {n}");
            }
        }
        for bad in [
            "",
            "null",
            "[]",
            "{\"text\":1}",
            "{\"text\":\"\\ud83d\"}",
            "{\"text\":\"\\udc00\"}",
            "{\"text\":\"\\u12\"}",
            "{\"text\":\"\\q\"}",
            "{\"text\":\"a\"} x",
            "{\"build_args\":[[\"a\"]]}",
            "{\"x\":nope}",
        ] {
            assert_eq!(from_json(bad), None, "{bad}");
        }
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(from_json(&deep), None);
        assert_eq!(history_from_json("{}"), None);
    }
}
