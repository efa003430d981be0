// Starts the playground. A separate file (not an inline script) so the page runs under a strict
// Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval', no inline script, no eval.
import init from "./stagecraft-web.js";

init();

// Offline support (www/sw.js); best effort, the page works without it.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
