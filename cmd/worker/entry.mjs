// Wardwise hub: the Worker's entry point. It hands every request to the
// Go Worker (worker.mjs, made by workers-assets-gen) and answers, as the
// hub's documented JSON error with the API's headers, what fails before
// the Go handler runs: a path with a malformed percent escape, which Go's
// URL parser refuses inside syumai/workers, and any exception the Go side
// throws (never its message or stack: those go to the Worker's log).
// make hub-build copies this file next to worker.mjs; wrangler.toml names
// it as main. The headers are hub.go's APIHeaders (TestEntryShimHeaders).
import worker from "./worker.mjs";

const HEADERS = {
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Location, Retry-After, Wardwise-Master-Seq",
};

// A "%" not followed by two hex digits.
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

export function jsonError(status, code, message) {
  const headers = new Headers(HEADERS);
  headers.set("Content-Type", "application/json; charset=utf-8");
  const body = JSON.stringify({ error: { status, code, message } }) + "\n";
  return new Response(body, { status, headers });
}

// rawPath is the request's path as sent: URL objects keep a malformed
// escape as it is, but take the query off.
function rawPath(req) {
  const u = req.url;
  const start = u.indexOf("/", u.indexOf("//") + 2);
  if (start < 0) return "/";
  const end = u.search(/[?#]/);
  return end < 0 ? u.slice(start) : u.slice(start, end);
}

export default {
  async fetch(req, env, ctx) {
    const path = rawPath(req);
    if (BAD_ESCAPE.test(path)) {
      return jsonError(400, "bad_request", "hub: the path has a malformed percent escape");
    }
    try {
      return await worker.fetch(req, env, ctx);
    } catch (e) {
      console.error("hub: " + req.method + " " + path + ": " + (e && e.stack ? e.stack : e));
      return jsonError(500, "internal", "hub: handle request failed");
    }
  },
  async scheduled(event, env, ctx) {
    try {
      return await worker.scheduled(event, env, ctx);
    } catch (e) {
      console.error("hub: scheduled run: " + (e && e.stack ? e.stack : e));
      throw e;
    }
  },
};
