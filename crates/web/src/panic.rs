//! A panic hook that reports the panic on the console and in an error banner.
//!
//! Release builds abort on panic (smaller wasm), so after a panic the Yew app is gone; the
//! banner is therefore written with plain DOM calls, not through Yew.

use std::fmt::Write as _;
use wasm_bindgen::JsCast;

/// Installs the hook; call once, first thing in `main`.
///
/// Through Yew's `set_custom_panic_hook`: a hook set with `std::panic::set_hook` alone is
/// replaced by Yew's default (console only) when the app is rendered.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let mut report = String::from("stagecraft crashed: ");
        let _ = write!(report, "{info}");
        web_sys::console::error_1(&report.as_str().into());
        show_banner(&report);
    }));
}

fn show_banner(report: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("error-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "error-banner");
    // Text only, never HTML: the report can contain user input.
    banner.set_text_content(Some(report));
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Copy report"));
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("class", "small-button");
        let text = report.to_string();
        let copy = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let _ = web_sys::window().map(|w| w.navigator().clipboard().write_text(&text));
        });
        let _ = button.add_event_listener_with_callback("click", copy.as_ref().unchecked_ref());
        // The page is going down with this panic; the listener must outlive this function.
        copy.forget();
        let _ = banner.append_with_str_1(" ");
        let _ = banner.append_with_node_1(&button);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
