//! The stagecraft playground: a Yew app that renders what the Rust core reports.
//!
//! The web crate is an edge: it owns the DOM, the editor bridge, the URL and storage, and it
//! never interprets Dockerfiles itself — every fact it shows comes from
//! [`stagecraft_analysis::analyze`], run in a worker (`worker`) or on the page.

mod app;
mod assets;
mod codec;
mod dom;
mod editor;
mod panels;
mod panic;
mod saved;
mod share;
mod state;
mod storage;
mod view;
mod worker;

use wasm_bindgen::JsCast;

/// talc instead of std's default dlmalloc: every keystroke re-runs the analysis, which
/// allocates heavily (strings and vectors of the views), and talc is both faster and smaller
/// in wasm. The page and the analysis worker are single-threaded (no `atomics`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // The same wasm runs in the analysis worker (www/worker.js), where there is no page.
    if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
        // A panic is reported on the console (there is no page to show a banner on); the
        // page sees the worker die and says so.
        panic::install();
        worker::serve(scope);
        return;
    }
    panic::install();
    wasm_bindgen_futures::spawn_local(async {
        storage::prepare_boot().await;
        yew::Renderer::<app::App>::new().render();
    });
}
