package static

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// testFS is a small app: a page, a script, a wasm with precompressed
// copies and a file that must not be served.
func testFS() fstest.MapFS {
	big := strings.Repeat("body { color: #0b0c0c; }\n", 100)
	return fstest.MapFS{
		"index.html":           {Data: []byte("<!DOCTYPE html><title>t</title>")},
		"app.js":               {Data: []byte("console.log(1)")},
		"app.css":              {Data: []byte(big)},
		"app.wasm":             {Data: []byte("\x00asm\x01\x00\x00\x00raw")},
		"app.wasm.br":          {Data: []byte("brotli-bytes")},
		"app.wasm.gz":          {Data: []byte("gzip-bytes")},
		"manifest.webmanifest": {Data: []byte(`{"name":"t"}`)},
		"icons/icon.svg":       {Data: []byte("<svg/>")},
		"icons/icon-192.png":   {Data: []byte("\x89PNG")},
		"examples/e.json":      {Data: []byte(`{"format":"jsna/1"}`)},
		"static.go":            {Data: []byte("package static")},
		"build.mjs":            {Data: []byte("//")},
		".hidden/x.txt":        {Data: []byte("secret")},
	}
}

func TestHandler(t *testing.T) {
	h := Handler(testFS())
	tests := []struct {
		name, method, path, accept string
		status                     int
		ctype, encoding, body      string
	}{
		{"root is the page", "GET", "/", "", 200, "text/html; charset=utf-8", "", "<!DOCTYPE html><title>t</title>"},
		{"query string ignored", "GET", "/?example", "", 200, "text/html; charset=utf-8", "", "<!DOCTYPE html><title>t</title>"},
		{"script", "GET", "/app.js", "", 200, "text/javascript; charset=utf-8", "", "console.log(1)"},
		{"wasm plain", "GET", "/app.wasm", "", 200, "application/wasm", "", "\x00asm\x01\x00\x00\x00raw"},
		{"wasm brotli preferred", "GET", "/app.wasm", "gzip, deflate, br", 200, "application/wasm", "br", "brotli-bytes"},
		{"wasm gzip", "GET", "/app.wasm", "gzip", 200, "application/wasm", "gzip", "gzip-bytes"},
		{"br refused with q=0", "GET", "/app.wasm", "br;q=0, gzip", 200, "application/wasm", "gzip", "gzip-bytes"},
		{"identity only", "GET", "/app.wasm", "identity", 200, "application/wasm", "", "\x00asm\x01\x00\x00\x00raw"},
		{"wildcard", "GET", "/app.wasm", "*", 200, "application/wasm", "br", "brotli-bytes"},
		{"manifest", "GET", "/manifest.webmanifest", "", 200, "application/manifest+json", "", `{"name":"t"}`},
		{"svg", "GET", "/icons/icon.svg", "", 200, "image/svg+xml", "", "<svg/>"},
		{"png", "GET", "/icons/icon-192.png", "gzip", 200, "image/png", "", "\x89PNG"},
		{"json", "GET", "/examples/e.json", "", 200, "application/json", "", `{"format":"jsna/1"}`},
		{"go source not served", "GET", "/static.go", "", 404, "", "", ""},
		{"build script not served", "GET", "/build.mjs", "", 404, "", "", ""},
		{"compressed copy not served directly", "GET", "/app.wasm.br", "", 404, "", "", ""},
		{"dot directory not served", "GET", "/.hidden/x.txt", "", 404, "", "", ""},
		{"missing", "GET", "/nope.js", "", 404, "", "", ""},
		{"traversal", "GET", "/../static.go", "", 404, "", "", ""},
		{"post refused", "POST", "/", "", 405, "", "", ""},
		{"head", "HEAD", "/app.js", "", 200, "text/javascript; charset=utf-8", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("%s %s: status = %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
			}
			if got := res.Header.Get("Content-Security-Policy"); got != ContentSecurityPolicy {
				t.Errorf("%s %s: Content-Security-Policy = %q, want %q", tt.method, tt.path, got, ContentSecurityPolicy)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s %s: X-Content-Type-Options = %q, want nosniff", tt.method, tt.path, got)
			}
			if tt.status != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("%s %s: Content-Type = %q, want %q", tt.method, tt.path, got, tt.ctype)
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("%s %s: Content-Encoding = %q, want %q", tt.method, tt.path, got, tt.encoding)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("%s %s: Cache-Control = %q, want no-cache", tt.method, tt.path, got)
			}
			if res.Header.Get("ETag") == "" {
				t.Errorf("%s %s: no ETag", tt.method, tt.path)
			}
			body, _ := io.ReadAll(res.Body)
			if string(body) != tt.body {
				t.Errorf("%s %s: body = %q, want %q", tt.method, tt.path, body, tt.body)
			}
		})
	}
}

// TestHandlerGzipOnTheFly checks that a text file without a precompressed
// copy is gzipped for a client that accepts it, and decompresses to the
// file.
func TestHandlerGzipOnTheFly(t *testing.T) {
	fsys := testFS()
	h := Handler(fsys)
	req := httptest.NewRequest("GET", "/app.css", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	if got := res.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", got)
	}
	if got := res.Header.Get("Vary"); got != "Accept-Encoding" {
		t.Errorf("Vary = %q, want Accept-Encoding", got)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, fsys["app.css"].Data) {
		t.Errorf("gunzipped body differs from app.css (%d bytes, want %d)", len(plain), len(fsys["app.css"].Data))
	}
	if n := rec.Body.Len(); n >= len(fsys["app.css"].Data) {
		t.Errorf("gzipped body is %d bytes, not smaller than %d", n, len(fsys["app.css"].Data))
	}
}

// TestHandlerNotModified checks revalidation: the ETag comes back as 304
// with no body, and differs between encodings.
func TestHandlerNotModified(t *testing.T) {
	h := Handler(testFS())
	get := func(accept, inm string) *http.Response {
		req := httptest.NewRequest("GET", "/app.wasm", nil)
		req.Header.Set("Accept-Encoding", accept)
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	br := get("br", "")
	tag := br.Header.Get("ETag")
	if again := get("br", tag); again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %s: status = %d, want 304", tag, again.StatusCode)
	}
	if gz := get("gzip", ""); gz.Header.Get("ETag") == tag {
		t.Errorf("gzip and brotli representations share ETag %s", tag)
	}
	if gz := get("gzip", tag); gz.StatusCode != http.StatusOK {
		t.Errorf("gzip with the brotli ETag: status = %d, want 200", gz.StatusCode)
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"", "gzip", false},
		{"gzip", "gzip", true},
		{"GZIP", "gzip", true},
		{"deflate, gzip;q=0.5", "gzip", true},
		{"gzip;q=0", "gzip", false},
		{"gzip; q=0.0", "gzip", false},
		{"*", "br", true},
		{"*;q=0, gzip", "br", false},
		{"br;q=0, *", "br", false},
		{"gzip, br", "br", true},
		{"x-br", "br", false},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

// TestFilesEmbedded checks that the committed app files are in the binary.
func TestFilesEmbedded(t *testing.T) {
	for _, name := range []string{"index.html", "app.js", "app.css", "sw.js", "manifest.webmanifest", "icons/icon.svg", "icons/icon-192.png", "icons/icon-512.png", "icons/maskable-512.png"} {
		if _, err := Files.Open(name); err != nil {
			t.Errorf("Files.Open(%q): %v", name, err)
		}
	}
	for _, name := range []string{"static.go", "handler.go", "build.mjs"} {
		if _, err := Files.Open(name); err == nil {
			t.Errorf("Files holds %s, which is not part of the app", name)
		}
	}
}

// TestPageHasNoInlineScript checks index.html against the policy: every
// script is a file of the app.
func TestPageHasNoInlineScript(t *testing.T) {
	b, err := Files.ReadFile("index.html")
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script>", "onload=", "onclick=", "style=", "http://", "https://", "javascript:"} {
		if strings.Contains(page, bad) {
			t.Errorf("index.html contains %q", bad)
		}
	}
	for _, src := range []string{`<script src="version.js"`, `<script src="wasm_exec.js"`, `<script src="app.js"`} {
		if !strings.Contains(page, src) {
			t.Errorf("index.html lacks %s", src)
		}
	}
}

// TestIndexMetaCSP checks that index.html's meta Content-Security-Policy
// is the header's policy without frame-ancestors (which a meta element
// cannot set), so that the page is as locked down on any host.
func TestIndexMetaCSP(t *testing.T) {
	b, err := fs.ReadFile(Files, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindSubmatch(b)
	if m == nil {
		t.Fatal("index.html has no Content-Security-Policy meta element")
	}
	want := strings.TrimSuffix(ContentSecurityPolicy, "; frame-ancestors 'none'")
	if got := string(m[1]); got != want {
		t.Errorf("index.html CSP = %q, want %q", got, want)
	}
}

// TestFilesHoldExample checks that the embedded app holds the example the
// start page and /?example open, and that it is served as JSON.
func TestFilesHoldExample(t *testing.T) {
	want, err := fs.ReadFile(Files, "examples/example-borough.json")
	if err != nil {
		t.Fatalf("the example is not embedded: %v", err)
	}
	rec := httptest.NewRecorder()
	Handler(Files).ServeHTTP(rec, httptest.NewRequest("GET", "/examples/example-borough.json", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" || !bytes.Equal(rec.Body.Bytes(), want) {
		t.Errorf("GET /examples/example-borough.json = %d %q, %d bytes; want 200 application/json, %d bytes",
			rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len(), len(want))
	}
}
