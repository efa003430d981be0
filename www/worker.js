// The analysis worker: the playground's own wasm, run off the main thread so that a large
// Dockerfile never freezes typing. Loading the module runs the wasm's `main`, which sees it is
// in a worker, answers the page's requests (crates/web/src/worker.rs) and says "ready".
// Same origin, no inline code: allowed by the page's CSP (script-src 'self').
import init from "./stagecraft-web.js";

init();
