//! Share links at the web edge. The codec (format, limits, hostile-input handling, committed
//! fixtures) is `stagecraft_share`; this module only maps it to the playground's state.

use crate::state::BuildSettings;
pub use stagecraft_share::{ShareError, ShareState as LinkState, CHAT_SAFE_LENGTH as LONG_LINK};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream`.
    #[wasm_bindgen(js_name = CompressionStream)]
    type DeflateStream;

    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<DeflateStream, JsValue>;

    /// The browser's `DecompressionStream`.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type InflateStream;

    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<InflateStream, JsValue>;
}

/// Decodes a share fragment: `stagecraft_share::decode`'s checks and errors, but inflated by
/// the browser's `DecompressionStream("deflate-raw")`, so the wasm carries no inflater either.
/// Reading stops (and the stream is cancelled) as soon as the output passes
/// [`stagecraft_share::MAX_INFLATED`]: a deflate bomb is never inflated in full.
pub async fn decode(fragment: &str) -> Result<LinkState, ShareError> {
    let compressed = stagecraft_share::compressed_payload(fragment)?;
    let json = inflate_raw(&compressed, stagecraft_share::MAX_INFLATED).await?;
    stagecraft_share::from_json(&json)
}

async fn inflate_raw(data: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let bad = |_| ShareError::BadCompression;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(bad)?;
    let pair: web_sys::ReadableWritablePair = InflateStream::new("deflate-raw")
        .map_err(bad)?
        .unchecked_into();
    let reader: web_sys::ReadableStreamDefaultReader = blob
        .stream()
        .pipe_through(&pair)
        .get_reader()
        .unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(bad)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(bad)?;
        if done.is_truthy() {
            return Ok(out);
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(bad)?
            .dyn_into()
            .map_err(bad)?;
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(ShareError::InflatesTooLarge);
        }
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        if let Some(dst) = out.get_mut(start..) {
            value.copy_to(dst);
        }
    }
}

/// Encodes `state` as a v1 fragment (without `#`): `v1/` + base64url of the raw DEFLATE of its
/// JSON, exactly what `stagecraft_share::encode` writes and `decode` reads, but compressed by
/// the browser's `CompressionStream("deflate-raw")`, so the wasm carries no compressor (about
/// 17 kB of code). `None` if the browser cannot compress.
pub async fn encode(state: &LinkState) -> Option<String> {
    let json = crate::saved::to_json(state);
    let compressed = deflate_raw(json.as_bytes()).await.ok()?;
    Some(stagecraft_share::fragment_of(&compressed))
}

async fn deflate_raw(data: &[u8]) -> Result<Vec<u8>, JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let pair: web_sys::ReadableWritablePair = DeflateStream::new("deflate-raw")?.unchecked_into();
    let stream = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

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
        // The browser's deflate-raw is any valid raw DEFLATE: miniz at two levels stands in.
        for (text, level) in [
            ("FROM golang AS build\n", 6),
            ("FROM alpine\nRUN echo \"é 😀\" \\\n\t&& true\n", 1),
            ("", 9),
        ] {
            let state = LinkState::of(text, &build);
            let json = crate::saved::to_json(&state);
            let link = stagecraft_share::fragment_of(&miniz_oxide::deflate::compress_to_vec(
                json.as_bytes(),
                level,
            ));
            assert!(link.starts_with("v1/"));
            // The browser inflates in the page; natively the share crate's own decoder reads
            // the same link.
            let back = stagecraft_share::decode(&link).expect("decodes");
            assert_eq!(back.text, text);
            assert_eq!(back.build(), build);
            // The same link the share crate writes, when the compressed bytes are the same.
            assert_eq!(
                stagecraft_share::decode(&stagecraft_share::encode(&state)).expect("decodes"),
                back
            );
        }
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
