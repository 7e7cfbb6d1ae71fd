// Wardwise loader: registers the service worker and starts the Go
// WebAssembly app. Everything else is in Go (ui/). No inline script: the
// Content-Security-Policy forbids it.
//
// Two modules (docs/design.md, "Size"): when the address shows a stored
// document's area or ward (/?example, #/area, #/ward/E05…), the viewer
// (app.viewer.wasm, ui built with the tag wardwise_viewer) starts first and
// draws that view; once it has been painted, the full app (app.wasm) is
// fetched and compiled, and as soon as it is ready the viewer is stopped
// (wardwiseViewerStop: its Go program exits) and the full app starts, into
// a hidden #app of its own, drawing the same document at the same address
// (the viewer writes nothing, so the full app starts as on a cold start).
// When the full app has drawn its first view ("wardwise-started"), it takes
// the viewer's place. Only one Go program runs at a time: both use the one
// Go class of wasm_exec.js, and the window.wardwise* hooks are the full
// app's. Any other address starts the full app at once.
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

  function fail(err) {
    bootMessage(
      "Wardwise could not start: " + err,
      "Ni allai Wardwise ddechrau: " + err
    );
  }

  // compile fetches and compiles a module of the app's own origin.
  function compile(url) {
    function fromBytes() {
      return fetch(url)
        .then(function (r) {
          if (!r.ok) throw new Error(url + ": " + r.status + " " + r.statusText);
          return r.arrayBuffer();
        })
        .then(function (b) { return WebAssembly.compile(b); });
    }
    if (!WebAssembly.compileStreaming) return fromBytes();
    // A server without the application/wasm type: compile from bytes.
    return WebAssembly.compileStreaming(fetch(url)).catch(fromBytes);
  }

  // run starts a compiled module as a Go program; the promise resolves
  // when its main returns.
  function run(module, mark) {
    var go = new Go();
    return WebAssembly.instantiate(module, go.importObject).then(function (instance) {
      performance.mark(mark);
      return { exited: go.run(instance) };
    });
  }

  // startApp starts the full app; the service worker is registered once
  // it has drawn its first view.
  function startApp(module) {
    window.addEventListener("wardwise-started", function () {
      setTimeout(function () {
        if (window.requestIdleCallback) window.requestIdleCallback(registerWorker, { timeout: 2000 });
        else registerWorker();
      }, 1000);
    }, { once: true });
    setTimeout(registerWorker, 10000);
    return (module || compile("app.wasm")).then(function (m) { return run(m, "wardwise-wasm-ready"); });
  }

  // viewerShows is whether the viewer draws the address's view itself
  // (ui/viewer.go, viewerShows): the area, or a ward's indicators.
  function viewerShows() {
    var h = location.hash.replace(/^#\/?/, "").replace(/\/$/, "");
    if (/(^\?|&)example(=|&|$)/.test(location.search)) {
      return h === "" || h === "area" || /^ward\/[^/]+$/.test(h);
    }
    return h === "area" || /^ward\/[^/]+$/.test(h);
  }

  if (!viewerShows()) {
    startApp().catch(fail);
    return;
  }

  // The example is asked for now, while the module downloads and
  // compiles, not once Go has started: ui/fetch.go's fetchBegin takes the
  // response from here (once; a later fetch goes to the network or cache).
  if (/(^\?|&)example(=|&|$)/.test(location.search)) {
    var pre = fetch("examples/example-borough.json", { credentials: "same-origin" });
    pre.catch(function () {}); // a failure is reported when the app reads it
    window.wardwisePrefetch = { "examples/example-borough.json": pre };
  }

  // The viewer first; without it (or if it fails), the full app alone.
  var viewer = compile("app.viewer.wasm").then(function (m) { return run(m, "wardwise-viewer-ready"); });
  viewer.catch(function () { startApp().catch(fail); });
  var app = null; // the full app's compiled module, once asked for
  function loadApp() {
    if (!app) {
      app = compile("app.wasm");
      app.then(handOver).catch(fail);
    }
  }
  // After the viewer's first view is painted (a frame, then a task), the
  // full app is fetched; the viewer asks for it at once when the user
  // wants something only the full app has, or it cannot show the document.
  window.addEventListener("wardwise-viewer-drawn", function () {
    requestAnimationFrame(function () { setTimeout(loadApp, 0); });
  }, { once: true });
  window.addEventListener("wardwise-viewer-needs-app", loadApp);

  // handOver stops the viewer and starts the full app in a hidden #app of
  // its own, which takes the viewer's place once it has drawn.
  function handOver(module) {
    return viewer.then(function (v) {
      if (window.wardwiseViewerStop) window.wardwiseViewerStop();
      return v.exited;
    }).then(function () {
      performance.mark("wardwise-viewer-stopped");
      var old = document.getElementById("app");
      var fresh = document.createElement("div");
      fresh.id = "app";
      fresh.hidden = true;
      // Before the viewer's copy, so that the full app's ids are the ones
      // found while both are in the page.
      old.parentNode.insertBefore(fresh, old);
      old.id = "app-viewer";
      window.addEventListener("wardwise-started", function () {
        var focused = document.activeElement && old.contains(document.activeElement) ? document.activeElement.id : "";
        var y = window.scrollY;
        fresh.hidden = false;
        old.remove();
        window.scrollTo(0, y);
        var again = focused && document.getElementById(focused);
        if (again) again.focus({ preventScroll: true });
        performance.mark("wardwise-app-took-over");
      }, { once: true });
      return startApp(Promise.resolve(module));
    });
  }
})();
