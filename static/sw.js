// Wardwise service worker: keeps the app shell, the WebAssembly build and
// the example in a cache named after the build version, so that after one
// visit the app starts and works with no network. A new build has a new
// version.js, which makes the browser install this worker again under a
// new cache name; activation deletes every older cache, so no stale wasm is
// ever served next to a new page.
"use strict";

importScripts("version.js");

var VERSION = self.WARDWISE_VERSION || "unversioned";
var CACHE = "wardwise-" + VERSION;
var PREFIX = "wardwise-";
var SHELL = [
  "./",
  "index.html",
  "version.js",
  "app.js",
  "wasm_exec.js",
  "app.wasm",
  "app.css",
  "govuk-frontend.css",
  "manifest.webmanifest",
  "icons/icon.svg",
  "icons/icon-192.png",
  "icons/icon-512.png",
  "icons/maskable-512.png"
];
// The example is cached when present, but a build without it still works
// offline for the user's own files.
var OPTIONAL = ["examples/example-borough.json"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // cache: "no-cache" revalidates every file with the server (ETag),
      // so the files are this build's, while a file the page has just
      // loaded costs a 304, not a second download.
      return cache.addAll(SHELL.map(function (u) { return new Request(u, { cache: "no-cache" }); }))
        .then(function () {
          return Promise.all(OPTIONAL.map(function (u) {
            return cache.add(new Request(u, { cache: "no-cache" })).catch(function () {});
          }));
        });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (k) {
        if (k.indexOf(PREFIX) === 0 && k !== CACHE) return caches.delete(k);
        return null;
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    // Every page address (with ?example or a #route) is the one page.
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match("index.html").then(function (hit) {
          return hit || fetch(req);
        });
      })
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(req, { ignoreSearch: true }).then(function (hit) {
        return hit || fetch(req);
      });
    })
  );
});

self.addEventListener("message", function (event) {
  if (event.data === "version" && event.source) {
    event.source.postMessage({ version: VERSION });
  }
});
