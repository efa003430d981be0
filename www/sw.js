// Offline support: after one visit the playground works with the network off.
// Network first (so a new build is picked up at once), the cache when offline. Only this
// origin's GET requests are handled; nothing is ever sent anywhere.
const CACHE = "stagecraft-v2";
const ASSETS = [
  "./",
  "./index.html",
  "./boot.js",
  "./worker.js",
  "./stagecraft-web.js",
  "./stagecraft-web_bg.wasm",
  "./editor.js",
  "./style.css",
  "./favicon.svg",
  "./manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true })
          .then((hit) => hit ?? (request.mode === "navigate" ? caches.match("./") : Response.error())),
      ),
  );
});
