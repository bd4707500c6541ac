{% autoescape off %}// Career Co-Pilot's service worker (copilot/pwa.py explains what it caches, and why pages are not cached).
"use strict";
const CONFIG = {{ config }};
const PREFIX = "copilot-shell-";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CONFIG.cache).then((cache) => cache.addAll(CONFIG.shell)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CONFIG.cache)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages always come from the server; only when it cannot be reached, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(CONFIG.offline)));
    return;
  }
  if (CONFIG.shell.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
  }
});
{% endautoescape %}
