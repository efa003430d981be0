//! Share links at the web edge. The codec (format, limits, hostile-input handling, committed
//! fixtures) is `stagecraft_share`; this module only maps it to the playground's state.

use crate::state::BuildSettings;
pub use stagecraft_share::{
    decode, encode, ShareState as LinkState, CHAT_SAFE_LENGTH as LONG_LINK,
};

/// The playground's view of a [`LinkState`].
pub trait LinkStateExt {
    /// The shareable part of the state.
    fn of(text: &str, build: &BuildSettings) -> Self;
    /// The build options it carries.
    fn build(&self) -> BuildSettings;
}

impl LinkStateExt for LinkState {
    fn of(text: &str, build: &BuildSettings) -> Self {
        LinkState {
            text: text.to_string(),
            target: build.target.clone(),
            build_args: build.build_args.clone(),
            platform: build.platform.clone(),
            panel: None,
        }
    }

    fn build(&self) -> BuildSettings {
        BuildSettings {
            target: self.target.clone(),
            build_args: self.build_args.clone(),
            platform: self.platform.clone(),
        }
    }
}

/// True when `fragment` looks like a share link of any version (`#v<digits>/…`), so a bad one
/// gets a banner while ordinary `#anchors` are left alone.
pub fn is_share_fragment(fragment: &str) -> bool {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some((version, _)) = f.split_once('/') else {
        return false;
    };
    version.len() > 1
        && version.starts_with('v')
        && version
            .bytes()
            .skip(1)
            .all(|b| b.is_ascii_digit() || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_a_link() {
        let build = BuildSettings {
            target: Some("build".into()),
            build_args: vec![("GO".into(), "1.22".into())],
            platform: Some("linux/arm64".into()),
        };
        let state = LinkState::of("FROM golang AS build\n", &build);
        let back = decode(&encode(&state)).expect("decodes");
        assert_eq!(back.text, "FROM golang AS build\n");
        assert_eq!(back.build(), build);
    }

    #[test]
    fn share_fragments_are_recognised() {
        assert!(is_share_fragment("#v1/abc"));
        assert!(is_share_fragment("v9/x"));
        assert!(!is_share_fragment("#section"));
        assert!(!is_share_fragment("#v/x"));
        assert!(!is_share_fragment("#very/long"));
        assert!(!is_share_fragment(""));
    }
}
