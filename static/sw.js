// Wardwise service worker: keeps the app shell, the WebAssembly builds (the
// viewer, app.viewer.wasm, and the full app, app.wasm) and
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
  "app.viewer.wasm",
  "app.cy.json",
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

// Background Sync: a draft queued in the outbox while offline goes when
// the network returns, even with every tab closed, where the browser has
// Background Sync (the page registers SYNC_TAG; ui/outbox_sync.go). The
// outbox and the tokens the user asked to remember are in the app's
// IndexedDB store (database "wardwise", object store "work", slots
// "outbox" and "hub-sync"). Only queued items of an assessment with a
// remembered token are sent; a sent item is marked as the page marks it,
// with its change counter raised so that an open tab takes this copy. A
// refusal (a 4xx but 408 and 429) is left queued for the page, which
// shows the hub's message when it next sends. A network failure, a 5xx,
// 408 or 429 fails the sync event, and the browser tries it again later.
// Elsewhere the page's own outbox keeps sending while a tab is open.
var SYNC_TAG = "wardwise-outbox";
var DB_NAME = "wardwise";
var DB_STORE = "work";

function idbRequest(req) {
  return new Promise(function (resolve, reject) {
    req.onsuccess = function () { resolve(req.result); };
    req.onerror = function () { reject(req.error); };
  });
}

function openWork() {
  return new Promise(function (resolve, reject) {
    var req = indexedDB.open(DB_NAME);
    req.onupgradeneeded = function () {
      // No store yet: the app has never run here; nothing to send.
      if (!req.result.objectStoreNames.contains(DB_STORE)) req.result.createObjectStore(DB_STORE);
    };
    req.onsuccess = function () { resolve(req.result); };
    req.onerror = function () { reject(req.error); };
  });
}

function readSlot(db, slot) {
  var tx = db.transaction(DB_STORE, "readonly");
  return idbRequest(tx.objectStore(DB_STORE).get(slot)).then(function (raw) {
    if (typeof raw !== "string" || raw === "") return null;
    try { return JSON.parse(raw); } catch (e) { return null; }
  });
}

// markSent writes the sent items back into the outbox as it is now (a
// tab may have changed it while the sends were under way), in one
// transaction: an item the tab moved on meanwhile (a higher rev) is kept.
function markSent(db, sent) {
  var tx = db.transaction(DB_STORE, "readwrite");
  var os = tx.objectStore(DB_STORE);
  var req = os.get("outbox");
  req.onsuccess = function () {
    var box;
    try { box = JSON.parse(req.result); } catch (e) { return; }
    var items = JSON.parse(box.data || "[]");
    items = items.map(function (it) {
      var s = it && sent[it.id];
      return s && s.rev > (it.rev || 0) ? s : it;
    });
    box.data = JSON.stringify(items);
    box.saved_at = new Date().toISOString();
    os.put(JSON.stringify(box), "outbox");
  };
  return new Promise(function (resolve, reject) {
    tx.oncomplete = function () { resolve(); };
    tx.onerror = function () { reject(tx.error); };
  });
}

function draftsPath(assessment) {
  return "api/v1/assessments/" + encodeURIComponent(assessment) + "/drafts";
}

// sendItem posts one outbox item; it resolves to the hub's answer for a
// send that got through, null for a refusal left to the page, and
// rejects when the sync should be tried again.
function sendItem(item, token) {
  return fetch(draftsPath(item.assessment), {
    method: "POST",
    headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json", "Accept": "application/json" },
    body: item.data,
    credentials: "omit",
    cache: "no-store"
  }).then(function (resp) {
    if (resp.status === 200 || resp.status === 201) return resp.json();
    if (resp.status >= 500 || resp.status === 408 || resp.status === 429) throw new Error("hub: " + resp.status);
    return null;
  });
}

function syncOutbox() {
  return openWork().then(function (db) {
    return Promise.all([readSlot(db, "outbox"), readSlot(db, "hub-sync")]).then(function (got) {
      var box = got[0], sync = got[1];
      var tokens = (sync && sync.data && JSON.parse(sync.data)) || {};
      var items = (box && box.data && JSON.parse(box.data)) || [];
      var sent = {}, changed = false, retry = null;
      var chain = Promise.resolve();
      items.forEach(function (item) {
        if (!item || (item.state !== "queued" && item.state !== "sending") || !item.data || !tokens[item.assessment]) return;
        chain = chain.then(function () {
          return sendItem(item, tokens[item.assessment]).then(function (body) {
            if (!body || !body.draft || !(body.draft.version >= 1)) return;
            var now = new Date().toISOString();
            item.state = "sent";
            item.data = "";
            item.why = "";
            item.sent_at = now;
            item.version = body.draft.version;
            item.received = body.draft.received_at || "";
            item.duplicate = !!body.duplicate;
            item.warning = body.warning || "";
            item.hub_state = body.draft.state || "";
            item.merged_in = body.draft.merged_in || 0;
            item.checked = now;
            item.rev = (item.rev || 0) + 1;
            sent[item.id] = item;
            changed = true;
          }, function (err) { retry = retry || err; });
        });
      });
      return chain.then(function () {
        return changed ? markSent(db, sent) : null;
      }).then(function () {
        if (retry) throw retry;
      });
    });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === SYNC_TAG) event.waitUntil(syncOutbox());
});
