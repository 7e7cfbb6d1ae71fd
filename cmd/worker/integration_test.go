//go:build hubintegration && linux

// The integration test builds the Worker, runs it under wrangler dev on a
// free loopback port with local D1 and R2 in a temporary directory, and
// drives the API over HTTP: `make test-hub` runs it (it needs the pinned
// wrangler from `make node`). The benchmarks here measure the CPU the
// Worker runtime spends per request:
//
//	go test -tags hubintegration -run '^$' -bench Wrangler ./cmd/worker

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/static"
)

const integrationAdminToken = "integration-admin-token"

// integrationBlobGrace is the blob grace period, in seconds, under test.
const integrationBlobGrace = 3

// wranglerHub is a wrangler dev process serving a fresh build of the hub.
type wranglerHub struct {
	url    string
	cmd    *exec.Cmd
	out    *syncBuffer
	master *jsna.Document
	id     string
	tokens map[string]string // by label

	// For wrangler's own commands on the local state (R2 reads).
	dir, state, conf, wrangler string
	env                        []string
}

// syncBuffer collects wrangler's output for failure messages.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// wranglerEnv keeps wrangler off the network (telemetry, error reports,
// the update check in its banner, miniflare's download of Request.cf
// data) and its files in dir.
func wranglerEnv(dir string) []string {
	return append(os.Environ(),
		"WRANGLER_SEND_METRICS=false",
		"WRANGLER_SEND_ERROR_REPORTS=false",
		"WRANGLER_HIDE_BANNER=true",
		"CLOUDFLARE_CF_FETCH_ENABLED=false", // miniflare would fetch workers.cloudflare.com/cf.json
		"CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV=false",
		"WRANGLER_LOG_PATH="+filepath.Join(dir, "logs"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"NO_COLOR=1",
		"CI=1",
	)
}

func run(tb testing.TB, dir string, env []string, name string, args ...string) {
	tb.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// startWrangler builds the Worker into a temporary directory, writes a
// copy of the committed wrangler.toml pointing at it, applies the D1
// migration locally and starts wrangler dev. It stops wrangler when the
// test ends.
func startWrangler(tb testing.TB) *wranglerHub {
	tb.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		tb.Fatal(err)
	}
	wrangler := filepath.Join(root, "node_modules", ".bin", "wrangler")
	if _, err := os.Stat(wrangler); err != nil {
		tb.Fatalf("wrangler is not installed (%v): run make node", err)
	}
	dir := tb.TempDir()
	build := filepath.Join(dir, "build")
	public := filepath.Join(build, "public")
	env := wranglerEnv(dir)
	// The same commands as make hub-build.
	run(tb, root, env, "go", "run", "github.com/syumai/workers/cmd/workers-assets-gen", "-mode=go", "-o", build)
	run(tb, root, append(env, "GOOS=js", "GOARCH=wasm"), "go", "build", "-tags", "validator_novalidatefn", "-ldflags=-s -w", "-trimpath",
		"-o", filepath.Join(build, "app.wasm"), "./cmd/worker")
	// The app's page stands for the assets: app.wasm is not needed to
	// check that wrangler serves static files and runs the Worker for
	// the API.
	if err := os.MkdirAll(public, 0o755); err != nil {
		tb.Fatal(err)
	}
	for src, dst := range map[string]string{"static/index.html": "public/index.html", "cmd/worker/_headers": "public/_headers", "cmd/worker/entry.mjs": "entry.mjs"} {
		data, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(build, dst), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	conf, err := os.ReadFile(filepath.Join(root, "wrangler.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	c := string(conf)
	for old, new := range map[string]string{
		`main = "cmd/worker/build/entry.mjs"`:        `main = "` + filepath.Join(build, "entry.mjs") + `"`,
		`directory = "cmd/worker/build/public"`:      `directory = "` + public + `"`,
		`migrations_dir = "cmd/worker/migrations"`:   `migrations_dir = "` + filepath.Join(root, "cmd/worker/migrations") + `"`,
		`run_worker_first = ["/api/*"]`:              `run_worker_first = ["/api/*"]`,
		`[[r2_buckets]]` + "\n" + `binding = "DOCS"`: `[[r2_buckets]]` + "\n" + `binding = "DOCS"`,
		`[[d1_databases]]` + "\n" + `binding = "DB"`: `[[d1_databases]]` + "\n" + `binding = "DB"`,
	} {
		if !strings.Contains(c, old) {
			tb.Fatalf("wrangler.toml has no %s", old)
		}
		c = strings.Replace(c, old, new, 1)
	}
	confPath := filepath.Join(dir, "wrangler.toml")
	if err := os.WriteFile(confPath, []byte(c), 0o644); err != nil {
		tb.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	run(tb, dir, env, wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state, "--config", confPath)

	// HUB_LOG_LEVEL=log shows the Worker's console (the hub's log).
	logLevel := "warn"
	if l := os.Getenv("HUB_LOG_LEVEL"); l != "" {
		logLevel = l
	}
	port := freePort(tb)
	h := &wranglerHub{url: fmt.Sprintf("http://127.0.0.1:%d", port), out: &syncBuffer{}, tokens: map[string]string{},
		dir: dir, state: state, conf: confPath, wrangler: wrangler, env: env}
	h.cmd = exec.Command(wrangler, "dev", "--config", confPath, "--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--inspector-port", strconv.Itoa(freePort(tb)), "--persist-to", state, "--log-level", logLevel, "--test-scheduled",
		"--var", "HUB_ADMIN_TOKEN_SHA256:"+HashToken(integrationAdminToken),
		// Orphan blobs are swept after 3 s, not 15 min, so the test can
		// see one go.
		"--var", "HUB_BLOB_GRACE_SECONDS:"+strconv.Itoa(integrationBlobGrace))
	h.cmd.Dir, h.cmd.Env = dir, env
	h.cmd.Stdout, h.cmd.Stderr = h.out, h.out
	h.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // wrangler, workerd and all: one group to stop
	if err := h.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- h.cmd.Wait() }()
	tb.Cleanup(func() {
		syscall.Kill(-h.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-h.cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if tb.Failed() {
			tb.Logf("wrangler dev output:\n%s", h.out.String())
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get(h.url + "/api/v1")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case err := <-exited:
			tb.Fatalf("wrangler dev exited: %v\n%s", err, h.out.String())
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			tb.Fatalf("wrangler dev did not answer on %s within 90s:\n%s", h.url, h.out.String())
		}
	}
	return h
}

// seed creates an assessment with example.New's master of this size, a
// coordinator and two contributors.
func (h *wranglerHub) seed(tb testing.TB, size example.Options) {
	tb.Helper()
	h.master = example.New(size)
	h.id = h.master.ID
	raw, err := jsna.Marshal(h.master)
	if err != nil {
		tb.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"master": json.RawMessage(raw), "coordinators": []string{"Jo Coordinator"}, "contributors": []string{"Dr Alice GP", "Cllr Bob"}})
	r := h.do(tb, "POST", "/api/v1/assessments", integrationAdminToken, body)
	if r.status != 201 {
		tb.Fatalf("create assessment = %d %s, want 201", r.status, r.body)
	}
	var out struct {
		Tokens []issuedToken `json:"tokens"`
	}
	r.decode(&out)
	for _, t := range out.Tokens {
		h.tokens[t.Label] = t.Token
	}
}

func (h *wranglerHub) do(tb testing.TB, method, path, token string, body []byte, header ...string) response {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, h.url+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return response{tb: tb, status: resp.StatusCode, header: resp.Header, body: data}
}

func (h *wranglerHub) path(rest string) string { return "/api/v1/assessments/" + h.id + rest }

func TestHubIntegration(t *testing.T) {
	h := startWrangler(t)
	h.seed(t, example.Options{Wards: 3, Indicators: 4, Seed: 7})
	alice, bob, jo := h.tokens["Dr Alice GP"], h.tokens["Cllr Bob"], h.tokens["Jo Coordinator"]
	if alice == "" || bob == "" || jo == "" {
		t.Fatalf("tokens = %v, want Alice's, Bob's and Jo's", h.tokens)
	}
	w0, w1, w2 := h.master.Wards[0].Code, h.master.Wards[1].Code, h.master.Wards[2].Code

	// Static assets come from wrangler's [assets] with the hub's headers;
	// the API and unknown paths run the Worker.
	page, _ := os.ReadFile("../../static/index.html")
	r := h.do(t, "GET", "/", "", nil)
	if r.status != 200 || !bytes.Equal(r.body, page) || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("GET / = %d %s, %d bytes, want 200 and static/index.html (%d bytes)", r.status, r.header.Get("Content-Type"), len(r.body), len(page))
	}
	headers, _ := os.ReadFile("_headers")
	for _, line := range strings.Split(string(headers), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if !strings.HasPrefix(line, "  ") || !ok {
			continue
		}
		if got := r.header.Get(k); got != v {
			t.Errorf("GET / %s = %q, want %q as _headers says", k, got, v)
		}
	}
	if r.header.Get("Content-Security-Policy") != static.ContentSecurityPolicy {
		t.Errorf("GET / Content-Security-Policy = %q, want %q", r.header.Get("Content-Security-Policy"), static.ContentSecurityPolicy)
	}
	if r := h.do(t, "GET", "/no-such-file.txt", "", nil); r.status != 404 || r.apiErr().Code != "not_found" {
		t.Errorf("GET /no-such-file.txt = %d %s, want the Worker's 404", r.status, r.body)
	}
	if r := h.do(t, "POST", "/api/v1/assessments", integrationAdminToken, []byte(`{"master":`+string(must(jsna.Marshal(h.master)))+`,"coordinators":["X"]}`)); r.status != 409 {
		t.Errorf("creating the assessment again = %d %s, want 409", r.status, r.body)
	}

	// Three drafts with two tokens, a resend and a second version.
	send := func(token string, data []byte, want int) submitResult {
		t.Helper()
		r := h.do(t, "POST", h.path("/drafts"), token, data)
		if r.status != want {
			t.Fatalf("POST drafts = %d %s, want %d", r.status, r.body, want)
		}
		var s submitResult
		r.decode(&s)
		return s
	}
	a1 := draft(t, h.master, "alice-hillwell", "Dr Alice", "gp", w0, setText(1, "Alice on Hillwell."))
	a2 := draft(t, h.master, "alice-abbeymead", "Dr Alice", "gp", w1, setText(0, "Alice on Abbeymead."))
	b1 := draft(t, h.master, "bob-hillwell", "Cllr Bob", "councillor", w0, func(w *jsna.Ward) {
		w.Sections[1].Text = "Bob on Hillwell."
		w.Sections[2].Text = "Bob's second section."
	})
	if s := send(alice, a1, 201); s.Draft.Version != 1 || !s.BaseKnown || s.Draft.SentBy != "Dr Alice GP" {
		t.Errorf("first draft = %+v, want version 1, base known, sent by Dr Alice GP", s)
	}
	send(alice, a2, 201)
	send(bob, b1, 201)
	if s := send(alice, a2, 200); !s.Duplicate || s.Draft.Version != 1 {
		t.Errorf("resend = %+v, want the stored version 1", s)
	}
	a2v2 := draftAt(t, h.master, "alice-abbeymead", "Dr Alice", "gp", w1, 10, func(w *jsna.Ward) {
		w.Sections[0].Text = "Alice on Abbeymead."
		w.Sections[1].Text = "Alice, later."
	})
	if s := send(alice, a2v2, 201); s.Draft.Version != 2 || s.Duplicate {
		t.Errorf("second version = %+v, want version 2", s)
	}

	// Roles and limits.
	for _, c := range []struct {
		name, method, path, token string
		body                      []byte
		ctype                     string
		status                    int
	}{
		{"no token", "GET", h.path("/master"), "", nil, "", 401},
		{"unknown token", "GET", h.path("/master"), "wwh_unknown", nil, "", 401},
		{"contributor merges", "POST", h.path("/merge"), alice, []byte(`{}`), "", 403},
		{"contributor resolves", "POST", h.path("/resolutions"), bob, []byte(`{"conflict":"c","take":1}`), "", 403},
		{"contributor makes a token", "POST", h.path("/tokens"), bob, []byte(`{"role":"coordinator","label":"Bob"}`), "", 403},
		{"admin merges", "POST", h.path("/merge"), integrationAdminToken, []byte(`{}`), "", 403},
		{"draft over 4 MiB", "POST", h.path("/drafts"), alice, bytes.Repeat([]byte(" "), DefaultDraftLimit+1), "", 413},
		{"draft as text/plain", "POST", h.path("/drafts"), alice, a1, "text/plain", 415},
		{"draft not valid", "POST", h.path("/drafts"), alice, []byte(`{"format":"jsna/1"}`), "", 422},
	} {
		var hdr []string
		if c.ctype != "" {
			hdr = []string{"Content-Type", c.ctype}
		}
		r := h.do(t, c.method, c.path, c.token, c.body, hdr...)
		if r.status != c.status || r.apiErr().Status != c.status {
			t.Errorf("%s: %s %s = %d %s, want %d", c.name, c.method, c.path, r.status, r.body, c.status)
		}
	}
	var own struct {
		Drafts []draftJSON `json:"drafts"`
	}
	h.do(t, "GET", h.path("/drafts"), alice, nil).decode(&own)
	var names []string
	for _, d := range own.Drafts {
		names = append(names, fmt.Sprintf("%s v%d %s", d.Draft, d.Version, d.State))
	}
	if got, want := strings.Join(names, ", "), "alice-abbeymead v1 pending, alice-abbeymead v2 pending, alice-hillwell v1 pending"; got != want {
		t.Errorf("Alice's drafts = %s, want %s", got, want)
	}

	// Merge, then read the master as a contributor.
	r = h.do(t, "POST", h.path("/merge"), jo, nil)
	var m mergeResult
	r.decode(&m)
	superseded := 0
	for _, d := range m.Merged {
		if d.Superseded {
			superseded++
		}
	}
	if r.status != 200 || !m.Changed || m.Master.Seq != 2 || len(m.Merged) != 4 || superseded != 1 || m.Report.Taken != 3 || len(m.Report.Conflicts) != 1 {
		t.Fatalf("merge = %d %s, want revision 2 from 4 draft versions, Alice's first Abbeymead version superseded by her second: 3 taken, 1 conflict", r.status, r.body)
	}
	r = h.do(t, "GET", h.path("/master"), bob, nil)
	master, err := jsna.Parse("master", r.body)
	if r.status != 200 || err != nil {
		t.Fatalf("GET master = %d %v", r.status, err)
	}
	if r.header.Get("ETag") != `"`+m.Master.Revision+`"` || jsna.Revision(master) != m.Master.Revision {
		t.Errorf("GET master: ETag %s, revision %s; want the merge's %s", r.header.Get("ETag"), jsna.Revision(master), m.Master.Revision)
	}
	for _, c := range []struct {
		ward string
		i    int
		want string
	}{{w1, 0, "Alice on Abbeymead."}, {w1, 1, "Alice, later."}, {w0, 2, "Bob's second section."}, {w0, 1, h.master.Wards[0].Sections[1].Text}} {
		if got := sectionText(master, c.ward, c.i); got != c.want {
			t.Errorf("master section %s[%d] = %q, want %q", c.ward, c.i, got, c.want)
		}
	}
	if r := h.do(t, "GET", h.path("/master"), alice, nil, "If-None-Match", `"`+m.Master.Revision+`"`); r.status != 304 {
		t.Errorf("GET master If-None-Match = %d, want 304", r.status)
	}

	// Two merges at once, each with drafts to merge: nothing is lost and
	// revisions stay one after another.
	send(bob, draft(t, master, "bob-elmbury", "Cllr Bob", "councillor", w2, setText(0, "Bob on Elmbury.")), 201)
	send(alice, draft(t, master, "alice-elmbury", "Dr Alice", "gp", w2, setText(1, "Alice on Elmbury.")), 201)
	var wg sync.WaitGroup
	results := make([]response, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = h.do(t, "POST", h.path("/merge"), jo, nil)
		}()
	}
	wg.Wait()
	changed := 0
	for _, r := range results {
		var m mergeResult
		r.decode(&m)
		if r.status != 200 {
			t.Errorf("concurrent merge = %d %s, want 200", r.status, r.body)
		}
		if m.Changed {
			changed++
		}
		t.Logf("concurrent merge: changed %v after %d attempts", m.Changed, m.Attempts)
	}
	if changed != 1 {
		t.Errorf("concurrent merges: %d made a revision, want 1 (the other finds both drafts merged): %s; %s", changed, results[0].body, results[1].body)
	}
	master, _ = jsna.Parse("master", h.do(t, "GET", h.path("/master"), jo, nil).body)
	if a, b := sectionText(master, w2, 0), sectionText(master, w2, 1); a != "Bob on Elmbury." || b != "Alice on Elmbury." {
		t.Errorf("after concurrent merges: %q and %q, want Bob's and Alice's Elmbury texts", a, b)
	}
	var all struct {
		Drafts []draftJSON `json:"drafts"`
	}
	h.do(t, "GET", h.path("/drafts"), jo, nil).decode(&all)
	if len(all.Drafts) != 6 {
		t.Errorf("drafts = %d, want 6", len(all.Drafts))
	}
	for _, d := range all.Drafts {
		if d.State != "merged" {
			t.Errorf("draft %s v%d is %s, want merged", d.Draft, d.Version, d.State)
		}
	}

	// Resolve the conflict and check the history.
	if len(master.Conflicts) != 1 {
		t.Fatalf("open conflicts = %d, want 1", len(master.Conflicts))
	}
	r = h.do(t, "POST", h.path("/resolutions"), jo, []byte(`{"conflict":"`+master.Conflicts[0].ID+`","take":1}`))
	if r.status != 200 {
		t.Fatalf("POST resolutions = %d %s, want 200", r.status, r.body)
	}
	master, _ = jsna.Parse("master", h.do(t, "GET", h.path("/master"), alice, nil).body)
	if got := sectionText(master, w0, 1); got != "Alice on Hillwell." || len(master.Conflicts) != 0 {
		t.Errorf("after resolving: %q, %d conflicts; want Alice's text and none", got, len(master.Conflicts))
	}
	var hist struct {
		Revisions []MasterRevision `json:"revisions"`
	}
	h.do(t, "GET", h.path("/history"), bob, nil).decode(&hist)
	var kinds []string
	for i, rv := range hist.Revisions {
		if rv.Seq != i+1 {
			t.Errorf("revision %d has seq %d", i+1, rv.Seq)
		}
		kinds = append(kinds, rv.Kind)
	}
	if got, want := strings.Join(kinds, " "), "create merge merge resolve"; got != want {
		t.Errorf("history = %s, want %s", got, want)
	}

	// Issue 19: ownership, errors before the handler, revocation, the
	// audit log, orphan blobs, rate limits.
	h.hardening(t, master)
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// cpuTicks is the CPU time (user + system, in clock ticks) used so far by
// the processes of group pgid whose name is comm ("" for all).
func cpuTicks(tb testing.TB, pgid int, comm string) int64 {
	tb.Helper()
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	var total int64
	for _, p := range procs {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s := string(data)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < 0 {
			continue
		}
		name := s[open+1 : close]
		f := strings.Fields(s[close+2:])
		// f[0] is the state; f[2] the process group; f[11], f[12] utime, stime.
		if len(f) < 13 {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g != pgid || (comm != "" && name != comm) {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		total += u + st
	}
	return total
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat times: 100 on Linux.
const clockTicks = 100

// measure runs op b.N times and reports the CPU milliseconds that workerd
// (which runs the Worker, D1 and R2 locally) and the whole wrangler group
// spent per op.
func measure(b *testing.B, h *wranglerHub, op func(i int)) {
	pgid := h.cmd.Process.Pid
	b.ResetTimer()
	w0, all0 := cpuTicks(b, pgid, "workerd"), cpuTicks(b, pgid, "")
	for i := 0; i < b.N; i++ {
		op(i)
	}
	w1, all1 := cpuTicks(b, pgid, "workerd"), cpuTicks(b, pgid, "")
	b.StopTimer()
	b.ReportMetric(float64(w1-w0)*1000/clockTicks/float64(b.N), "workerd-cpu-ms/op")
	b.ReportMetric(float64(all1-all0)*1000/clockTicks/float64(b.N), "all-cpu-ms/op")
}

// BenchmarkWrangler measures requests to the hub under wrangler dev, with
// the master of the app's example (20 wards, 30 indicators, 160 kB): the
// info route (Go start-up and routing only), sending a one-ward draft,
// reading the master, and merging one draft into the master.
func BenchmarkWrangler(b *testing.B) {
	h := startWrangler(b)
	h.seed(b, example.Options{})
	// Warm up: the first requests compile the Worker's WebAssembly.
	for range 5 {
		h.do(b, "GET", "/api/v1", "", nil)
		h.do(b, "GET", h.path("/master"), h.tokens["Dr Alice GP"], nil)
	}
	alice, jo := h.tokens["Dr Alice GP"], h.tokens["Jo Coordinator"]
	w0 := h.master.Wards[0].Code
	b.Run("info", func(b *testing.B) {
		measure(b, h, func(int) {
			if r := h.do(b, "GET", "/api/v1", "", nil); r.status != 200 {
				b.Fatalf("GET /api/v1 = %d", r.status)
			}
		})
	})
	n := 0
	b.Run("submit", func(b *testing.B) {
		drafts := make([][]byte, b.N)
		for i := range drafts {
			n++
			drafts[i] = draft(b, h.master, fmt.Sprintf("bench-submit-%d", n), "Dr Alice", "gp", w0, setText(0, fmt.Sprintf("Edit %d.", n)))
		}
		measure(b, h, func(i int) {
			if r := h.do(b, "POST", h.path("/drafts"), alice, drafts[i]); r.status != 201 {
				b.Fatalf("POST drafts = %d %s", r.status, r.body)
			}
		})
	})
	// Merge what submit sent, so that each merge below has one draft.
	if r := h.do(b, "POST", h.path("/merge"), jo, nil); r.status != 200 {
		b.Fatalf("POST merge = %d %s", r.status, r.body)
	}
	b.Run("master", func(b *testing.B) {
		measure(b, h, func(int) {
			if r := h.do(b, "GET", h.path("/master"), alice, nil); r.status != 200 {
				b.Fatalf("GET master = %d", r.status)
			}
		})
	})
	b.Run("merge", func(b *testing.B) {
		pgid := h.cmd.Process.Pid
		var ticks, allTicks int64
		for i := 0; i < b.N; i++ {
			n++
			m, err := jsna.Parse("master", h.do(b, "GET", h.path("/master"), alice, nil).body)
			if err != nil {
				b.Fatal(err)
			}
			data := draft(b, m, fmt.Sprintf("bench-merge-%d", n), "Dr Alice", "gp", w0, setText(1, fmt.Sprintf("Merge %d.", n)))
			if r := h.do(b, "POST", h.path("/drafts"), alice, data); r.status != 201 {
				b.Fatalf("POST drafts = %d %s", r.status, r.body)
			}
			w0, a0 := cpuTicks(b, pgid, "workerd"), cpuTicks(b, pgid, "")
			if r := h.do(b, "POST", h.path("/merge"), jo, nil); r.status != 200 {
				b.Fatalf("POST merge = %d %s", r.status, r.body)
			}
			w1, a1 := cpuTicks(b, pgid, "workerd"), cpuTicks(b, pgid, "")
			ticks += w1 - w0
			allTicks += a1 - a0
		}
		b.ReportMetric(float64(ticks)*1000/clockTicks/float64(b.N), "workerd-cpu-ms/op")
		b.ReportMetric(float64(allTicks)*1000/clockTicks/float64(b.N), "all-cpu-ms/op")
	})
}
