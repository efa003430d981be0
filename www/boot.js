// Starts the playground. A separate file (not an inline script) so the page runs under a strict
// Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval', no inline script, no eval.
import init from "./stagecraft-web.js";

init();
