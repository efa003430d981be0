// Starts the playground. A separate file (not an inline script) so the page runs under a strict
// Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval', no inline script, no eval.
import init from "./stagecraft-web.js";

init();

// Offline support (www/sw.js); best effort, the page works without it.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}

// Embed auto-height: in embed mode inside a frame, tell the parent page how tall the content
// is, on load and whenever it changes, so it can size the <iframe> to fit (README, "Embedding
// in docs"). Only a number is sent; the parent checks the message's source.
const embedded = /(^|[?&])embed(=1)?(&|$)/.test(location.search.slice(1));
if (embedded && window.parent !== window && "ResizeObserver" in window) {
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height > 0 && height !== last) {
      last = height;
      window.parent.postMessage({ type: "stagecraft:height", height }, "*");
    }
  };
  new ResizeObserver(post).observe(document.body);
  addEventListener("load", post);
}
