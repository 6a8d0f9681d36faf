/* {{ config.APP_NAME }}: keeps one public page for when there is no signal, the help
   numbers, and the files it needs. Nothing personal is ever cached: only these addresses,
   which are the same for everyone. Version {{ version }}. */
"use strict";
var CACHE = "offline-{{ version }}";
var OFFLINE = {{ kept[0]|tojson }};
var KEPT = {{ kept|tojson }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    /* Fetched without cookies, so they are the pages anyone signed out would get. */
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(KEPT.map(function (url) { return new Request(url, { credentials: "omit" }); }));
    })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    /* Every page comes from the network; with no signal, the help numbers instead. */
    event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE); }));
    return;
  }
  var url = new URL(request.url);
  if (url.origin === self.location.origin && KEPT.indexOf(url.pathname + url.search) !== -1) {
    event.respondWith(caches.match(request).then(function (kept) { return kept || fetch(request); }));
  }
});
