package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ContentSecurityPolicy is sent with every response. It allows the app's
// own origin only: scripts from files (no inline script, no eval),
// WebAssembly compilation ('wasm-unsafe-eval'), styles from files (no
// inline style), images from files (the charts are inline SVG), and no
// request to any other origin. Downloads use blob: URLs, which need no
// entry here. index.html repeats it in a meta element (without
// frame-ancestors, which a meta element cannot set) for hosts that serve
// the files without this handler.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self'; " +
	"font-src 'self'; " +
	"connect-src 'self'; " +
	"worker-src 'self'; " +
	"manifest-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'self'; " +
	"frame-ancestors 'none'"

// types maps the extensions served to their media types. A file with any
// other extension (Go source, build scripts, the compressed copies
// themselves) is not served.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".txt":         "text/plain; charset=utf-8",
}

// compressible lists the extensions worth compressing on the fly when no
// precompressed copy exists.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".wasm": true,
	".webmanifest": true, ".svg": true, ".txt": true,
}

// Handler serves the files of fsys (Files, or a directory in tests) for the
// browser app:
//
//   - GET and HEAD only; "/" and any path ending in "/" serve index.html
//     of that directory, and the query string is ignored, so "/?example"
//     is the page.
//   - each response carries its media type (application/wasm for the
//     WebAssembly build, application/manifest+json for the manifest),
//     ContentSecurityPolicy, nosniff and a strong ETag of its bytes.
//   - "Cache-Control: no-cache" on everything: the browser revalidates
//     each time (a 304 when unchanged), so a new build is picked up at
//     once and the service worker's update check sees a new version.js.
//   - when the client accepts it, a file with a precompressed copy
//     (name.br, name.gz) is sent as that copy with Content-Encoding; other
//     text files and wasm are gzipped once, on first request, and kept.
func Handler(fsys fs.FS) http.Handler {
	return &handler{fsys: fsys}
}

type handler struct {
	fsys  fs.FS
	cache sync.Map // encoded name ("app.wasm" + "\x00gzip") -> *entry
}

// entry is one representation of a file ready to send.
type entry struct {
	body     []byte
	etag     string
	encoding string // "", "br" or "gzip"
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
	hdr.Set("Cross-Origin-Resource-Policy", "same-origin")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	name = strings.TrimPrefix(name, "/")
	ctype, ok := types[path.Ext(name)]
	if !ok || hasDotSegment(name) {
		http.NotFound(w, r)
		return
	}
	e, err := h.entry(name, r.Header.Get("Accept-Encoding"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	hdr.Set("Content-Type", ctype)
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", e.etag)
	if compressible[path.Ext(name)] {
		hdr.Set("Vary", "Accept-Encoding")
	}
	if e.encoding != "" {
		hdr.Set("Content-Encoding", e.encoding)
	}
	// ServeContent answers If-None-Match with 304 and HEAD without a body.
	// It would also serve byte ranges, which make no sense of a
	// compressed representation, so those are refused by dropping Range.
	if e.encoding != "" {
		r.Header.Del("Range")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(e.body))
}

// hasDotSegment reports whether a path segment starts with a dot
// (.git, .env and the like are never served).
func hasDotSegment(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// entry returns the best representation of name for a client sending
// acceptEncoding.
func (h *handler) entry(name, acceptEncoding string) (*entry, error) {
	br, gz := accepts(acceptEncoding, "br"), accepts(acceptEncoding, "gzip")
	if br {
		if e, err := h.load(name, ".br", "br"); err == nil {
			return e, nil
		}
	}
	if gz {
		if e, err := h.load(name, ".gz", "gzip"); err == nil {
			return e, nil
		}
	}
	plain, err := h.load(name, "", "")
	if err != nil {
		return nil, err
	}
	if !gz || !compressible[path.Ext(name)] || len(plain.body) < 1024 {
		return plain, nil
	}
	key := name + "\x00gzip-dynamic"
	if v, ok := h.cache.Load(key); ok {
		return v.(*entry), nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(plain.body)
	zw.Close()
	e := &entry{body: buf.Bytes(), etag: etag(buf.Bytes()), encoding: "gzip"}
	v, _ := h.cache.LoadOrStore(key, e)
	return v.(*entry), nil
}

// load reads name+suffix from the file system, once.
func (h *handler) load(name, suffix, encoding string) (*entry, error) {
	key := name + "\x00" + suffix
	if v, ok := h.cache.Load(key); ok {
		return v.(*entry), nil
	}
	body, err := fs.ReadFile(h.fsys, name+suffix)
	if err != nil {
		return nil, err
	}
	e := &entry{body: body, etag: etag(body), encoding: encoding}
	v, _ := h.cache.LoadOrStore(key, e)
	return v.(*entry), nil
}

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// accepts reports whether an Accept-Encoding header value admits coding:
// named (or "*") with a quality above zero.
func accepts(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		tok, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tok = strings.ToLower(strings.TrimSpace(tok))
		if tok != coding && tok != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		if tok == coding {
			return q > 0
		}
		star = q > 0
	}
	return star
}
