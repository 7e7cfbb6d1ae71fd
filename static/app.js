// Wardwise loader: registers the service worker and starts the Go
// WebAssembly app. Everything else is in Go (ui/). No inline script: the
// Content-Security-Policy forbids it.
"use strict";

(function () {
  performance.mark("wardwise-boot");

  function bootMessage(en, cy) {
    var el = document.getElementById("boot-status");
    if (el) {
      el.textContent = en + " / " + cy;
      el.classList.add("app-boot-error");
    }
  }

  // The service worker is registered once the app has drawn its first
  // view (ui/ fires "wardwise-started") and the page has been idle a
  // moment, so that its install (which revalidates every file of the app)
  // does not compete with the first start, and finds app.wasm in the HTTP
  // cache (a 304, not a second download). An app that never starts still
  // gets it after ten seconds.
  var registered = false;
  function registerWorker() {
    if (registered || !("serviceWorker" in navigator) || !window.isSecureContext) return;
    registered = true;
    navigator.serviceWorker
      .register("sw.js", { scope: "./", updateViaCache: "none" })
      .catch(function (err) {
        // The app still works online without it.
        window.wardwiseServiceWorkerError = String(err);
      });
  }

  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    bootMessage(
      "Wardwise cannot start: this browser does not support WebAssembly, or the app has not been built (run make build).",
      "Ni all Wardwise ddechrau: nid yw’r porwr hwn yn cefnogi WebAssembly, neu nid yw’r ap wedi’i adeiladu (rhedwch make build)."
    );
    return;
  }

  var go = new Go();
  function start(result) {
    performance.mark("wardwise-wasm-ready");
    var running = go.run(result.instance);
    var later = function () {
      setTimeout(function () {
        if (window.requestIdleCallback) window.requestIdleCallback(registerWorker, { timeout: 2000 });
        else registerWorker();
      }, 1000);
    };
    window.addEventListener("wardwise-started", later, { once: true });
    setTimeout(registerWorker, 10000);
    return running;
  }
  function fail(err) {
    bootMessage(
      "Wardwise could not start: " + err,
      "Ni allai Wardwise ddechrau: " + err
    );
  }
  var req = fetch("app.wasm");
  var started = WebAssembly.instantiateStreaming
    ? WebAssembly.instantiateStreaming(req, go.importObject).catch(function () {
        // A server without the application/wasm type: compile from bytes.
        return fetch("app.wasm")
          .then(function (r) {
            if (!r.ok) throw new Error("app.wasm: " + r.status + " " + r.statusText);
            return r.arrayBuffer();
          })
          .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
      })
    : req.then(function (r) { return r.arrayBuffer(); })
         .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
  started.then(start).catch(fail);
})();
