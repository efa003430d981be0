//! Arbitrary text → `share::decode`. Invariants: no panic (hostile links are errors, never
//! crashes); the error message is one line; whatever decodes re-encodes to a link that decodes
//! to the same state.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Half the inputs get a valid prefix so the fuzzer spends its time past the version check.
    let fragment = if data.first().is_some_and(|b| b & 1 == 0) {
        format!("#v1/{}", &text)
    } else {
        text.into_owned()
    };
    match stagecraft_share::decode(&fragment) {
        Ok(state) => {
            let again = stagecraft_share::encode(&state);
            assert_eq!(
                stagecraft_share::decode(&again),
                Ok(state),
                "re-encode round trip"
            );
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.is_empty() && !msg.contains('\n'),
                "banner message {msg:?}"
            );
        }
    }
});
