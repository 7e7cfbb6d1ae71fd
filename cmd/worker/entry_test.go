package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEntryShim runs entry.mjs under Node with a stand-in for the Go
// Worker: a malformed escape is answered 400 before the Worker runs, an
// exception thrown by the Worker is answered 500, both as the hub's JSON
// error with APIHeaders and without the exception's text; other requests
// reach the Worker.
func TestEntryShim(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	entry, err := os.ReadFile("entry.mjs")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"entry.mjs": string(entry),
		"worker.mjs": `export default {
  async fetch(req) {
    if (new URL(req.url).pathname === "/api/v1/throw") throw new Error("secret /root/go/hub.go:12");
    return new Response("worker " + new URL(req.url).pathname);
  },
  async scheduled() {},
};`,
		"run.mjs": `import entry from "./entry.mjs";
const out = [];
console.error = () => {};
for (const path of ["/api/v1/assessments/%zz/master", "/api/v1/a/%2", "/api/v1/throw", "/api/v1/assessments/a%2Fb/master?x=%zz"]) {
  const res = await entry.fetch(new Request("http://hub.test" + path), {}, {});
  out.push({path, status: res.status, headers: Object.fromEntries(res.headers), body: await res.text()});
}
console.log(JSON.stringify(out));`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(node, "run.mjs")
	cmd.Dir = dir
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("node run.mjs: %v", err)
	}
	var got []struct {
		Path    string
		Status  int
		Headers map[string]string
		Body    string
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("node output %s: %v", raw, err)
	}
	want := []struct {
		status int
		body   string
	}{
		{400, `{"error":{"status":400,"code":"bad_request","message":"hub: the path has a malformed percent escape"}}` + "\n"},
		{400, `{"error":{"status":400,"code":"bad_request","message":"hub: the path has a malformed percent escape"}}` + "\n"},
		{500, `{"error":{"status":500,"code":"internal","message":"hub: handle request failed"}}` + "\n"},
		{200, "worker /api/v1/assessments/a%2Fb/master"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d answers, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Status != w.status || g.Body != w.body {
			t.Errorf("%s = %d %q, want %d %q", g.Path, g.Status, g.Body, w.status, w.body)
		}
		if w.status == 200 {
			continue
		}
		for _, kv := range APIHeaders {
			if v := g.Headers[strings.ToLower(kv[0])]; v != kv[1] {
				t.Errorf("%s: %s = %q, want %q", g.Path, kv[0], v, kv[1])
			}
		}
		if ct := g.Headers["content-type"]; ct != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type = %q", g.Path, ct)
		}
	}
}
