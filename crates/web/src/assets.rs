//! Content the page fetches from its own origin when it is first needed, instead of carrying
//! it in the wasm: rule documentation (`rule-docs.json`) and the gallery's example files
//! (`examples/<id>.Dockerfile`). Both are copied into the site by the build next to the page
//! (relative URLs, so the site works from any sub-path) and cached by the service worker once
//! fetched.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text of a same-origin file, or why it could not be had.
pub async fn text(url: &str) -> Result<String, String> {
    let failed = || format!("{url} could not be loaded (is the page offline?)");
    let window = gloo::utils::window();
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| failed())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed())?;
    if !response.ok() {
        return Err(failed());
    }
    let body = JsFuture::from(response.text().map_err(|_| failed())?)
        .await
        .map_err(|_| failed())?;
    body.as_string().ok_or_else(failed)
}

/// One rule's documentation page.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RuleDocText {
    /// What the rule reports.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// A Dockerfile on which it fires (may be empty).
    pub bad: String,
    /// The corrected Dockerfile (may be empty).
    pub good: String,
    /// How to fix it.
    pub fix: String,
}

thread_local! {
    /// `rule-docs.json`, parsed once (by the browser's `JSON.parse`: no JSON code in the wasm).
    static RULE_DOCS: RefCell<Option<js_sys::Object>> = const { RefCell::new(None) };
}

/// The documentation of rule `code` (loads `rule-docs.json` on first use).
pub async fn rule_doc(code: &str) -> Result<RuleDocText, String> {
    let cached = RULE_DOCS.with(|d| d.borrow().clone());
    let docs = match cached {
        Some(docs) => docs,
        None => {
            let json = text("rule-docs.json").await?;
            let docs: js_sys::Object = js_sys::JSON::parse(&json)
                .ok()
                .and_then(|v| v.dyn_into().ok())
                .ok_or_else(|| "rule-docs.json is damaged".to_string())?;
            RULE_DOCS.with(|d| *d.borrow_mut() = Some(docs.clone()));
            docs
        }
    };
    let entry = js_sys::Reflect::get(&docs, &code.into())
        .ok()
        .filter(|v| v.is_object())
        .ok_or_else(|| format!("no documentation for {code}"))?;
    let field = |name: &str| {
        js_sys::Reflect::get(&entry, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    Ok(RuleDocText {
        what: field("what"),
        why: field("why"),
        bad: field("bad"),
        good: field("good"),
        fix: field("fix"),
    })
}
