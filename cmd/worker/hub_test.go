package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/jsna/merge"
)

const testAdminToken = "admin-token-for-tests"

// testClock is a clock that moves one second a call, so that every
// revision and draft gets its own time.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// fixture is a hub over memory stores with one assessment: the master
// example.New makes for 3 wards and 4 indicators, a coordinator token
// and two contributor tokens.
type fixture struct {
	tb          testing.TB
	hub         *Hub
	srv         *httptest.Server
	meta        *MemMeta
	blobs       *MemBlobs
	master      *jsna.Document
	id          string
	coordinator string
	alice, bob  string // contributor tokens
	logs        *bytes.Buffer
}

func newFixture(tb testing.TB, configure ...func(*Hub)) *fixture {
	tb.Helper()
	f := &fixture{tb: tb, meta: &MemMeta{}, blobs: &MemBlobs{}, logs: &bytes.Buffer{}}
	var logMu sync.Mutex
	clock := &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	f.hub = &Hub{Meta: f.meta, Blobs: f.blobs, AdminTokenHash: HashToken(testAdminToken), Now: clock.Now,
		Logf: func(format string, args ...any) {
			logMu.Lock()
			defer logMu.Unlock()
			fmt.Fprintf(f.logs, format+"\n", args...)
		}}
	for _, c := range configure {
		c(f.hub)
	}
	f.srv = httptest.NewServer(f.hub)
	tb.Cleanup(f.srv.Close)
	f.master = example.New(example.Options{Wards: 3, Indicators: 4, Seed: 7})
	f.id = f.master.ID
	resp := f.create(f.master, []string{"Jo Coordinator"}, []string{"Dr Alice GP", "Cllr Bob"})
	if resp.status != http.StatusCreated {
		tb.Fatalf("create assessment = %d %s, want 201", resp.status, resp.body)
	}
	var created struct {
		Tokens []issuedToken `json:"tokens"`
	}
	resp.decode(&created)
	if len(created.Tokens) != 3 {
		tb.Fatalf("create assessment made %d tokens, want 3", len(created.Tokens))
	}
	f.coordinator, f.alice, f.bob = created.Tokens[0].Token, created.Tokens[1].Token, created.Tokens[2].Token
	return f
}

func (f *fixture) create(master *jsna.Document, coordinators, contributors []string) response {
	f.tb.Helper()
	raw, err := jsna.Marshal(master)
	if err != nil {
		f.tb.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"master": json.RawMessage(raw), "coordinators": coordinators, "contributors": contributors})
	return f.do("POST", "/api/v1/assessments", testAdminToken, body)
}

// response is an HTTP response with its body read.
type response struct {
	tb     testing.TB
	status int
	header http.Header
	body   []byte
}

func (r response) decode(v any) {
	r.tb.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		r.tb.Fatalf("decode %s: %v", r.body, err)
	}
}

// apiErr returns the error object of an error response.
func (r response) apiErr() apiError {
	r.tb.Helper()
	var e struct {
		Error apiError `json:"error"`
	}
	r.decode(&e)
	return e.Error
}

// do sends a request; header pairs follow the body.
func (f *fixture) do(method, path, token string, body []byte, header ...string) response {
	f.tb.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		f.tb.Fatal(err)
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
		f.tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		f.tb.Fatal(err)
	}
	return response{tb: f.tb, status: resp.StatusCode, header: resp.Header, body: data}
}

func (f *fixture) path(rest string) string {
	return "/api/v1/assessments/" + f.id + rest
}

// draft cuts a draft of one ward from master and lets edit change it.
func draft(tb testing.TB, master *jsna.Document, id, author, role, ward string, edit func(*jsna.Ward)) []byte {
	tb.Helper()
	return draftAt(tb, master, id, author, role, ward, 0, edit)
}

// draftAt is draft saved minutes after the time draft saves at: later
// saves of one draft.
func draftAt(tb testing.TB, master *jsna.Document, id, author, role, ward string, minutes int, edit func(*jsna.Ward)) []byte {
	tb.Helper()
	d, err := merge.NewDraft(master, merge.DraftOptions{ID: id, Author: author, Role: role, Wards: []string{ward},
		Now: time.Date(2026, 11, 19, 12, minutes, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	edit(&d.Wards[0])
	data, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// setText returns an edit that sets section i's text.
func setText(i int, text string) func(*jsna.Ward) {
	return func(w *jsna.Ward) { w.Sections[i].Text = text }
}

// submitResult is the body of a draft submission.
type submitResult struct {
	Draft     draftJSON `json:"draft"`
	Duplicate bool      `json:"duplicate"`
	BaseKnown bool      `json:"base_known"`
	Warning   string    `json:"warning"`
}

func (f *fixture) submit(token string, data []byte, want int) submitResult {
	f.tb.Helper()
	r := f.do("POST", f.path("/drafts"), token, data)
	if r.status != want {
		f.tb.Fatalf("POST drafts = %d %s, want %d", r.status, r.body, want)
	}
	var s submitResult
	r.decode(&s)
	return s
}

// mergeResult is the body of a merge.
type mergeResult struct {
	Master   MasterRevision `json:"master"`
	Changed  bool           `json:"changed"`
	Merged   []mergedDraft  `json:"merged"`
	Report   *merge.Report  `json:"report"`
	Attempts int            `json:"attempts"`
}

func (f *fixture) merge(want int) mergeResult {
	f.tb.Helper()
	r := f.do("POST", f.path("/merge"), f.coordinator, nil)
	if r.status != want {
		f.tb.Fatalf("POST merge = %d %s, want %d", r.status, r.body, want)
	}
	var m mergeResult
	r.decode(&m)
	return m
}

// currentMaster fetches and decodes the master.
func (f *fixture) currentMaster(token string) *jsna.Document {
	f.tb.Helper()
	r := f.do("GET", f.path("/master"), token, nil)
	if r.status != http.StatusOK {
		f.tb.Fatalf("GET master = %d %s, want 200", r.status, r.body)
	}
	d, err := jsna.Parse("master", r.body)
	if err != nil {
		f.tb.Fatalf("GET master: %v", err)
	}
	return d
}

func (f *fixture) drafts(token, query string) []draftJSON {
	f.tb.Helper()
	r := f.do("GET", f.path("/drafts"+query), token, nil)
	if r.status != http.StatusOK {
		f.tb.Fatalf("GET drafts = %d %s, want 200", r.status, r.body)
	}
	var out struct {
		Drafts []draftJSON `json:"drafts"`
	}
	r.decode(&out)
	return out.Drafts
}

func sectionText(d *jsna.Document, ward string, i int) string {
	for _, w := range d.Wards {
		if w.Code == ward {
			return w.Sections[i].Text
		}
	}
	return "(no ward " + ward + ")"
}

func TestInfo(t *testing.T) {
	f := newFixture(t, func(h *Hub) { h.Limits = Limits{Draft: 1000} })
	r := f.do("GET", "/api/v1", "", nil)
	want := `{"api":"v1","audit_retention_days":365,"format":"jsna/1","limits":{"draft_bytes":1000,"master_bytes":16777216,"request_bytes":65536},"service":"wardwise-hub"}` + "\n"
	if r.status != http.StatusOK || string(r.body) != want {
		t.Errorf("GET /api/v1 = %d %s, want 200 %s", r.status, r.body, want)
	}
}

func TestCreateAssessment(t *testing.T) {
	f := newFixture(t)
	// The fixture's assessment was created; its revision 1 is the master.
	revs, _ := f.meta.Revisions(context.Background(), f.id)
	if len(revs) != 1 || revs[0].Revision != jsna.Revision(f.master) || revs[0].Kind != "create" || revs[0].By != "admin" {
		t.Fatalf("revisions after create = %+v, want one create revision of %s by admin", revs, jsna.Revision(f.master))
	}
	for _, c := range []struct {
		token, role, label string
	}{{f.coordinator, RoleCoordinator, "Jo Coordinator"}, {f.alice, RoleContributor, "Dr Alice GP"}, {f.bob, RoleContributor, "Cllr Bob"}} {
		if !strings.HasPrefix(c.token, TokenPrefix) || len(c.token) != len(TokenPrefix)+43 {
			t.Errorf("token %q: want %s and 43 base64url characters", c.token, TokenPrefix)
		}
		tok, err := f.meta.Token(context.Background(), HashToken(c.token))
		if err != nil || tok.Role != c.role || tok.Label != c.label || tok.Assessment != f.id {
			t.Errorf("stored token for %s = %+v, %v; want role %s for %s", c.label, tok, err, c.role, f.id)
		}
	}
	if _, err := f.meta.Token(context.Background(), f.coordinator); !errors.Is(err, ErrNotFound) {
		t.Errorf("a token is stored in clear: Token(token) error = %v, want ErrNotFound", err)
	}

	other := example.New(example.Options{Wards: 2, Indicators: 2, Seed: 3})
	raw, _ := jsna.Marshal(other)
	asDraft, _ := merge.NewDraft(other, merge.DraftOptions{ID: "d", Author: "A", Role: "gp"})
	rawDraft, _ := jsna.Marshal(asDraft)
	badTitle := *other
	badTitle.Title = ""
	invalidRaw, _ := jsna.Marshal(&badTitle)
	invalid := string(invalidRaw)
	badID := *other
	badID.ID = "has space"
	rawBadID, _ := jsna.Marshal(&badID)
	body := func(master string, extra string) []byte {
		return []byte(`{"master":` + master + `,"coordinators":["C"]` + extra + `}`)
	}
	tests := []struct {
		name, token string
		body        []byte
		ctype       string
		status      int
		code        string
		path        string // the first problem's path, when a document is refused
	}{
		{"no token", "", body(string(raw), ""), "", 401, "unauthorized", ""},
		{"coordinator token", f.coordinator, body(string(raw), ""), "", 403, "forbidden", ""},
		{"exists", testAdminToken, body(func() string { b, _ := jsna.Marshal(f.master); return string(b) }(), ""), "", 409, "exists", ""},
		{"not json", testAdminToken, []byte(`{"master":`), "", 400, "bad_request", ""},
		{"unknown member", testAdminToken, body(string(raw), `,"contributer":["x"]`), "", 400, "bad_request", ""},
		{"no coordinator", testAdminToken, []byte(`{"master":` + string(raw) + `}`), "", 400, "bad_request", ""},
		{"control character in label", testAdminToken, []byte(`{"master":` + string(raw) + `,"coordinators":["a\tb"]}`), "", 400, "bad_request", ""},
		{"master not valid", testAdminToken, body(invalid, ""), "", 422, "invalid_document", "title"},
		{"master is a draft", testAdminToken, body(string(rawDraft), ""), "", 422, "invalid_document", "draft"},
		{"id not usable in a URL", testAdminToken, body(string(rawBadID), ""), "", 422, "invalid_document", "id"},
		{"wrong media type", testAdminToken, body(string(raw), ""), "text/plain", 415, "unsupported_media_type", ""},
		{"created", testAdminToken, body(string(raw), `,"contributors":["X","Y"]`), "", 201, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hdr []string
			if tt.ctype != "" {
				hdr = []string{"Content-Type", tt.ctype}
			}
			r := f.do("POST", "/api/v1/assessments", tt.token, tt.body, hdr...)
			if r.status != tt.status {
				t.Fatalf("POST assessments = %d %s, want %d", r.status, r.body, tt.status)
			}
			if tt.status == 201 {
				var out struct {
					Assessment string         `json:"assessment"`
					Master     MasterRevision `json:"master"`
					Tokens     []issuedToken  `json:"tokens"`
				}
				r.decode(&out)
				if out.Assessment != other.ID || out.Master.Seq != 1 || out.Master.Revision != jsna.Revision(other) || len(out.Tokens) != 3 ||
					out.Tokens[0].Role != "coordinator" || out.Tokens[2].Role != "contributor" || out.Tokens[2].Label != "Y" {
					t.Errorf("POST assessments = %s, want %s revision 1 with a coordinator and 2 contributor tokens", r.body, other.ID)
				}
				if loc := r.header.Get("Location"); loc != "/api/v1/assessments/"+other.ID {
					t.Errorf("Location = %q, want /api/v1/assessments/%s", loc, other.ID)
				}
				return
			}
			e := r.apiErr()
			if e.Code != tt.code || e.Status != tt.status || !strings.HasPrefix(e.Message, "hub: ") {
				t.Errorf("error = %+v, want code %s status %d and a message starting hub:", e, tt.code, tt.status)
			}
			if tt.path != "" && (len(e.Problems) == 0 || e.Problems[0].Path != tt.path) {
				t.Errorf("problems = %+v, want the first at %s", e.Problems, tt.path)
			}
		})
	}
}

func TestRoles(t *testing.T) {
	f := newFixture(t)
	other := example.New(example.Options{Wards: 2, Indicators: 2, Seed: 3})
	resp := f.create(other, []string{"Other coordinator"}, nil)
	var created struct {
		Tokens []issuedToken `json:"tokens"`
	}
	resp.decode(&created)
	otherCoordinator := created.Tokens[0].Token

	ward := f.master.Wards[0].Code
	seq := 0
	nextDraft := func() []byte {
		seq++
		return draft(t, f.master, fmt.Sprintf("roles-%d", seq), "Dr Alice", "gp", ward, setText(0, fmt.Sprintf("Edit %d.", seq)))
	}
	tests := []struct {
		name, method, path, token string
		body                      func() []byte
		status                    int
	}{
		{"anyone: info", "GET", "/api/v1", "", nil, 200},
		{"no token: master", "GET", f.path("/master"), "", nil, 401},
		{"unknown token: master", "GET", f.path("/master"), "wwh_nope", nil, 401},
		{"malformed header: master", "GET", f.path("/master"), "", nil, 401},
		{"contributor: summary", "GET", f.path(""), f.alice, nil, 200},
		{"contributor: master", "GET", f.path("/master"), f.alice, nil, 200},
		{"contributor: history", "GET", f.path("/history"), f.alice, nil, 200},
		{"contributor: conflicts", "GET", f.path("/conflicts"), f.alice, nil, 200},
		{"contributor: send draft", "POST", f.path("/drafts"), f.alice, nextDraft, 201},
		{"contributor: list own drafts", "GET", f.path("/drafts"), f.alice, nil, 200},
		{"contributor: merge", "POST", f.path("/merge"), f.alice, nil, 403},
		{"contributor: resolve", "POST", f.path("/resolutions"), f.alice, func() []byte { return []byte(`{"conflict":"c-1","take":1}`) }, 403},
		{"contributor: make token", "POST", f.path("/tokens"), f.alice, func() []byte { return []byte(`{"role":"contributor","label":"Z"}`) }, 403},
		{"contributor: create assessment", "POST", "/api/v1/assessments", f.alice, func() []byte { return []byte(`{}`) }, 403},
		{"coordinator: send draft", "POST", f.path("/drafts"), f.coordinator, nextDraft, 201},
		{"coordinator: merge", "POST", f.path("/merge"), f.coordinator, nil, 200},
		{"coordinator: merge with options", "POST", f.path("/merge"), f.coordinator, func() []byte { return []byte(`{"dry_run":true}`) }, 400},
		{"coordinator: make token", "POST", f.path("/tokens"), f.coordinator, func() []byte { return []byte(`{"role":"contributor","label":"Cllr Zed"}`) }, 201},
		{"coordinator: bad role", "POST", f.path("/tokens"), f.coordinator, func() []byte { return []byte(`{"role":"admin","label":"Zed"}`) }, 400},
		{"other assessment's coordinator: master", "GET", f.path("/master"), otherCoordinator, nil, 403},
		{"other assessment's coordinator: merge", "POST", f.path("/merge"), otherCoordinator, nil, 403},
		{"other assessment's coordinator: send draft", "POST", f.path("/drafts"), otherCoordinator, nextDraft, 403},
		{"admin: make token", "POST", f.path("/tokens"), testAdminToken, func() []byte { return []byte(`{"role":"coordinator","label":"Deputy"}`) }, 201},
		{"admin: summary", "GET", f.path(""), testAdminToken, nil, 200},
		{"admin: merge", "POST", f.path("/merge"), testAdminToken, nil, 403},
		{"admin: send draft", "POST", f.path("/drafts"), testAdminToken, nextDraft, 403},
		{"admin: token for no assessment", "POST", "/api/v1/assessments/nowhere/tokens", testAdminToken, func() []byte { return []byte(`{"role":"coordinator","label":"X"}`) }, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			if tt.body != nil {
				body = tt.body()
			}
			var hdr []string
			if strings.HasPrefix(tt.name, "malformed") {
				hdr = []string{"Authorization", "Basic Zm9vOmJhcg=="}
			}
			r := f.do(tt.method, tt.path, tt.token, body, hdr...)
			if r.status != tt.status {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, r.status, r.body, tt.status)
			}
			if r.status >= 400 {
				if e := r.apiErr(); e.Status != r.status || e.Message == "" {
					t.Errorf("error body = %s, want status %d and a message", r.body, r.status)
				}
			}
			if r.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
	// The summary names the caller's role; a contributor sees only their
	// own drafts.
	var sum struct {
		Role   string         `json:"role"`
		Label  string         `json:"label"`
		Drafts map[string]int `json:"drafts"`
	}
	f.do("GET", f.path(""), f.bob, nil).decode(&sum)
	if sum.Role != "contributor" || sum.Label != "Cllr Bob" || sum.Drafts["total"] != 0 {
		t.Errorf("Bob's summary = %+v, want contributor Cllr Bob with 0 drafts", sum)
	}
	if got := f.drafts(f.alice, ""); len(got) != 1 || got[0].Draft != "roles-1" || got[0].SentBy != "Dr Alice GP" {
		t.Errorf("Alice's drafts = %+v, want only roles-1", got)
	}
	if got := f.drafts(f.coordinator, ""); len(got) != 2 {
		t.Errorf("coordinator's drafts = %+v, want 2", got)
	}
	if r := f.do("GET", f.path("/drafts/roles-2/versions/1"), f.alice, nil); r.status != 404 {
		t.Errorf("Alice reading the coordinator's draft = %d, want 404", r.status)
	}
}

func TestLimits(t *testing.T) {
	f := newFixture(t, func(h *Hub) { h.Limits = Limits{Draft: 8000, Request: 100} })
	small := draft(t, f.master, "small", "Dr Alice", "gp", f.master.Wards[0].Code, func(w *jsna.Ward) {
		w.Values, w.Assets, w.Voice, w.Needs = nil, nil, nil, nil
	})
	if len(small) > 8000 {
		t.Fatalf("small draft is %d bytes, want at most 8000", len(small))
	}
	large := draft(t, f.master, "large", "Dr Alice", "gp", f.master.Wards[0].Code, setText(0, strings.Repeat("x", 8000)))
	tests := []struct {
		name    string
		path    string
		body    io.Reader
		length  int64 // -1: chunked, the length unknown until read
		status  int
		message string
	}{
		{"draft within limit", f.path("/drafts"), bytes.NewReader(small), int64(len(small)), 201, ""},
		{"draft over limit", f.path("/drafts"), bytes.NewReader(large), int64(len(large)), 413, "hub: draft larger than the limit of 8000 bytes"},
		{"draft over limit, chunked", f.path("/drafts"), io.MultiReader(bytes.NewReader(large)), -1, 413, "hub: draft larger than the limit of 8000 bytes"},
		{"merge body over limit", f.path("/merge"), strings.NewReader(strings.Repeat(" ", 101)), 101, 413, "hub: merge request larger than the limit of 100 bytes"},
		{"resolution over limit, chunked", f.path("/resolutions"), io.MultiReader(strings.NewReader(`{"conflict":"` + strings.Repeat("c", 200) + `"}`)), -1, 413, "hub: resolution larger than the limit of 100 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", f.srv.URL+tt.path, tt.body)
			req.ContentLength = tt.length
			req.Header.Set("Authorization", "Bearer "+f.coordinator)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			r := response{tb: t, status: resp.StatusCode, body: data}
			if r.status != tt.status {
				t.Fatalf("POST %s = %d %s, want %d", tt.path, r.status, data, tt.status)
			}
			if tt.message != "" {
				if e := r.apiErr(); e.Code != "too_large" || e.Message != tt.message {
					t.Errorf("error = %+v, want too_large %q", e, tt.message)
				}
			}
		})
	}
	if got := f.drafts(f.coordinator, ""); len(got) != 1 || got[0].Draft != "small" {
		t.Errorf("drafts after the limits = %+v, want only small", got)
	}
}

func TestSubmitDraftVersions(t *testing.T) {
	f := newFixture(t)
	ward := f.master.Wards[1].Code
	v1 := draft(t, f.master, "abbeymead-alice", "Dr Alice", "gp", ward, setText(0, "First words."))
	s := f.submit(f.alice, v1, 201)
	// The hub stores the draft with her token's label as its sender.
	stored1 := withSender(t, v1, "Dr Alice GP")
	rev1 := func() string {
		d, _ := jsna.Decode(stored1)
		return fmt.Sprintf("sha256:%x", sha(jsna.Canonical(d)))
	}()
	want := draftJSON{Draft: "abbeymead-alice", Version: 1, Revision: rev1, Author: "Dr Alice", Role: "gp", Base: jsna.Revision(f.master),
		SavedAt: "2026-11-19T12:00:00Z", SentBy: "Dr Alice GP", SenderDiffers: true, Bytes: len(stored1), State: "pending"}
	s.Draft.ReceivedAt = ""
	if s.Draft != want || s.Duplicate || !s.BaseKnown || s.Warning != "" {
		t.Fatalf("first submission = %+v, want %+v, not a duplicate, base known", s, want)
	}

	// The same draft again, however laid out, is the same version.
	var compact bytes.Buffer
	json.Compact(&compact, v1)
	for _, again := range [][]byte{v1, compact.Bytes()} {
		s := f.submit(f.alice, again, 200)
		if s.Draft.Version != 1 || !s.Duplicate || s.Draft.Revision != rev1 {
			t.Errorf("same draft again = %+v, want version 1, duplicate", s)
		}
	}
	// The same id with other content is a new version; the first stays.
	v2 := draft(t, f.master, "abbeymead-alice", "Dr Alice", "gp", ward, setText(0, "Second thoughts."))
	if s := f.submit(f.alice, v2, 201); s.Draft.Version != 2 || s.Duplicate {
		t.Errorf("changed draft = %+v, want version 2", s)
	}
	// Another contributor may not send a draft with Alice's id, even with
	// her content (TestDraftOwnership has the rest of the rule).
	if r := f.do("POST", f.path("/drafts"), f.bob, v2); r.status != 403 || r.apiErr().Code != "draft_not_yours" {
		t.Errorf("Bob sending Alice's version 2 = %d %s, want 403 draft_not_yours", r.status, r.body)
	}
	var versions struct {
		Versions []draftJSON `json:"versions"`
	}
	f.do("GET", f.path("/drafts/abbeymead-alice"), f.coordinator, nil).decode(&versions)
	if len(versions.Versions) != 2 || versions.Versions[0].Version != 1 || versions.Versions[1].Version != 2 ||
		versions.Versions[0].State != "pending" || versions.Versions[1].State != "pending" {
		t.Errorf("versions = %+v, want 1 and 2, pending", versions.Versions)
	}
	for n, sent := range map[int][]byte{1: stored1, 2: withSender(t, v2, "Dr Alice GP")} {
		r := f.do("GET", f.path(fmt.Sprintf("/drafts/abbeymead-alice/versions/%d", n)), f.alice, nil)
		if r.status != 200 || !bytes.Equal(r.body, sent) {
			t.Errorf("GET version %d = %d %d bytes, want 200 and the %d bytes sent", n, r.status, len(r.body), len(sent))
		}
	}
	if r := f.do("GET", f.path("/drafts/abbeymead-alice/versions/3"), f.alice, nil); r.status != 404 {
		t.Errorf("GET version 3 = %d, want 404", r.status)
	}

	// A draft whose base the hub does not know is stored, with a warning.
	d, _ := jsna.Decode(draft(t, f.master, "stray", "Cllr Bob", "councillor", ward, setText(1, "x")))
	d.Draft.Base = "sha256:" + strings.Repeat("0", 64)
	stray, _ := jsna.Marshal(d)
	if s := f.submit(f.bob, stray, 201); s.BaseKnown || !strings.Contains(s.Warning, "every difference from the master will be a conflict") {
		t.Errorf("draft with an unknown base = %+v, want base_known false and a warning", s)
	}
	// A draft id with a slash is reachable percent-encoded.
	f.submit(f.bob, draft(t, f.master, "team/one", "Cllr Bob", "councillor", ward, setText(2, "y")), 201)
	if r := f.do("GET", f.path("/drafts/"+url.PathEscape("team/one")+"/versions/1"), f.bob, nil); r.status != 200 {
		t.Errorf("GET team%%2Fone = %d %s, want 200", r.status, r.body)
	}
	if n := len(f.drafts(f.coordinator, "?state=pending")); n != 4 {
		t.Errorf("pending drafts = %d, want 4", n)
	}
}

// withSender returns a draft as the hub stores it: with draft.sender set
// to the label of the token that sent it.
func withSender(tb testing.TB, data []byte, label string) []byte {
	tb.Helper()
	d, err := jsna.Decode(data)
	if err != nil {
		tb.Fatal(err)
	}
	d.Draft.Sender = label
	out, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func sha(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}

func TestSubmitDraftInvalid(t *testing.T) {
	f := newFixture(t)
	ward := f.master.Wards[0].Code
	good := draft(t, f.master, "d1", "Dr Alice", "gp", ward, setText(0, "x"))
	other := example.New(example.Options{Wards: 2, Indicators: 2, Seed: 3})
	otherDraft := draft(t, other, "d2", "Dr Alice", "gp", other.Wards[0].Code, setText(0, "x"))
	noIDDoc, _ := jsna.Decode(good)
	noIDDoc.Draft.ID = ""
	noIDRaw, _ := jsna.Marshal(noIDDoc)
	noID := string(noIDRaw)
	noBlock, _ := jsna.Marshal(f.master)
	badScore := strings.Replace(string(good), `"size": `, `"size": 11, "x-was": `, 1)
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		probs  []jsna.Problem
	}{
		{"not json", `{"format": "jsna/1",`, 400, "invalid_json", []jsna.Problem{{Line: 1, Column: 21, Message: "file ends before the document does (truncated?)"}}},
		{"wrong type", `{"format": "jsna/1", "id": 7}`, 400, "invalid_json", []jsna.Problem{{Path: "id", Line: 1, Column: 28, Message: "must be a string, got the number 7"}}},
		{"hanlon score out of range", badScore, 422, "invalid_document", []jsna.Problem{{Path: "wards[0].needs[0].size", Message: "must be at most 10, got 11"}}},
		{"no draft block", string(noBlock), 422, "invalid_document", []jsna.Problem{{Path: "draft", Message: "a draft has a draft block naming its author, role and base; this document has none"}}},
		{"no draft id", noID, 422, "invalid_document", []jsna.Problem{{Path: "draft.id", Message: "a draft sent to the hub needs an id: sending it again must be recognisable"}}},
		{"other assessment", string(otherDraft), 422, "invalid_document", []jsna.Problem{{Path: "id", Message: `this is a draft of "example-borough-2-wards-seed-3", not of "example-borough-3-wards-seed-7"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do("POST", f.path("/drafts"), f.alice, []byte(tt.body))
			if r.status != tt.status {
				t.Fatalf("POST drafts = %d %s, want %d", r.status, r.body, tt.status)
			}
			e := r.apiErr()
			if e.Code != tt.code || len(e.Problems) == 0 {
				t.Fatalf("error = %+v, want %s with problems", e, tt.code)
			}
			if fmt.Sprint(e.Problems) != fmt.Sprint(tt.probs) {
				t.Errorf("problems = %+v, want %+v", e.Problems, tt.probs)
			}
		})
	}
	if n := len(f.drafts(f.coordinator, "")); n != 0 {
		t.Errorf("drafts stored after refusals = %d, want 0", n)
	}
	if n := f.blobs.Len(); n != 1 {
		t.Errorf("blobs after refusals = %d, want 1 (the master)", n)
	}
}

// TestMergeResolve sends three drafts with two tokens, merges, checks the
// master, resolves the one conflict and checks the history.
func TestMergeResolve(t *testing.T) {
	f := newFixture(t)
	w0, w1 := f.master.Wards[0].Code, f.master.Wards[1].Code
	a1 := draft(t, f.master, "alice-hillwell", "Dr Alice", "gp", w0, setText(1, "Alice on Hillwell."))
	a2 := draft(t, f.master, "alice-abbeymead", "Dr Alice", "gp", w1, setText(0, "Alice on Abbeymead."))
	b1 := draft(t, f.master, "bob-hillwell", "Cllr Bob", "councillor", w0, func(w *jsna.Ward) {
		w.Sections[1].Text = "Bob on Hillwell."
		w.Sections[2].Text = "Bob's second section."
	})
	f.submit(f.alice, a1, 201)
	f.submit(f.alice, a2, 201)
	f.submit(f.bob, b1, 201)

	m := f.merge(200)
	if !m.Changed || m.Master.Seq != 2 || m.Attempts != 1 || len(m.Merged) != 3 || m.Report == nil ||
		m.Report.Taken != 2 || len(m.Report.Conflicts) != 1 {
		t.Fatalf("merge = %+v, want revision 2 from 3 drafts: 2 taken, 1 conflict", m)
	}
	master := f.currentMaster(f.bob)
	if got := sectionText(master, w1, 0); got != "Alice on Abbeymead." {
		t.Errorf("Abbeymead section 0 = %q, want Alice's", got)
	}
	if got := sectionText(master, w0, 2); got != "Bob's second section." {
		t.Errorf("Hillwell section 2 = %q, want Bob's", got)
	}
	if got, want := sectionText(master, w0, 1), f.master.Wards[0].Sections[1].Text; got != want {
		t.Errorf("Hillwell section 1 = %q, want the old text %q until the conflict is resolved", got, want)
	}
	if len(master.Conflicts) != 1 || len(master.Conflicts[0].Candidates) != 2 ||
		master.Conflicts[0].Candidates[0].Value != `"Alice on Hillwell."` || master.Conflicts[0].Candidates[1].Value != `"Bob on Hillwell."` ||
		master.Conflicts[0].Candidates[0].By[0].Author != "Dr Alice" || master.Conflicts[0].Candidates[1].By[0].Author != "Cllr Bob" {
		t.Fatalf("conflicts = %+v, want Alice's and Bob's Hillwell texts", master.Conflicts)
	}
	if rev := jsna.Revision(master); rev != m.Master.Revision {
		t.Errorf("GET master revision = %s, want the merge's %s", rev, m.Master.Revision)
	}
	for _, d := range f.drafts(f.coordinator, "") {
		if d.State != "merged" || d.MergedIn != 2 {
			t.Errorf("draft %s = %s in %d, want merged in 2", d.Draft, d.State, d.MergedIn)
		}
	}
	// Nothing pending: merging again changes nothing.
	if again := f.merge(200); again.Changed || again.Master.Seq != 2 || len(again.Merged) != 0 {
		t.Errorf("second merge = %+v, want no change at revision 2", again)
	}

	cid := master.Conflicts[0].ID
	var conflicts struct {
		Conflicts []jsna.Conflict `json:"conflicts"`
	}
	f.do("GET", f.path("/conflicts"), f.alice, nil).decode(&conflicts)
	if len(conflicts.Conflicts) != 1 || conflicts.Conflicts[0].ID != cid {
		t.Fatalf("GET conflicts = %+v, want %s", conflicts.Conflicts, cid)
	}
	for _, bad := range []struct {
		body   string
		status int
	}{
		{`{"conflict":"` + cid + `"}`, 400},
		{`{"conflict":"` + cid + `","take":1,"delete":true}`, 400},
		{`{"conflict":"` + cid + `","take":3}`, 422},
		{`{"conflict":"c-000000000000","take":1}`, 409},
		{`{"conflict":"` + cid + `","tkae":1}`, 400},
	} {
		if r := f.do("POST", f.path("/resolutions"), f.coordinator, []byte(bad.body)); r.status != bad.status {
			t.Errorf("POST resolutions %s = %d %s, want %d", bad.body, r.status, r.body, bad.status)
		}
	}
	r := f.do("POST", f.path("/resolutions"), f.coordinator, []byte(`{"conflict":"`+cid+`","take":2}`))
	if r.status != 200 {
		t.Fatalf("POST resolutions = %d %s, want 200", r.status, r.body)
	}
	var res struct {
		Master     MasterRevision        `json:"master"`
		Resolution jsna.ResolutionRecord `json:"resolution"`
	}
	r.decode(&res)
	if res.Master.Seq != 3 || res.Master.OpenConflicts != 0 || res.Resolution.Chosen != `"Bob on Hillwell."` || res.Resolution.By != "Jo Coordinator" {
		t.Errorf("resolution = %+v, want revision 3 choosing Bob's text, by Jo Coordinator", res)
	}
	master = f.currentMaster(f.alice)
	if got := sectionText(master, w0, 1); got != "Bob on Hillwell." || len(master.Conflicts) != 0 {
		t.Errorf("after resolving: Hillwell section 1 = %q with %d conflicts, want Bob's text and none", got, len(master.Conflicts))
	}
	if r := f.do("POST", f.path("/resolutions"), f.coordinator, []byte(`{"conflict":"`+cid+`","take":2}`)); r.status != 409 || r.apiErr().Code != "conflict_not_open" {
		t.Errorf("resolving again = %d %s, want 409 conflict_not_open", r.status, r.body)
	}
	var hist struct {
		Revisions []struct {
			Seq    int             `json:"seq"`
			Kind   string          `json:"kind"`
			By     string          `json:"by"`
			Detail json.RawMessage `json:"detail"`
		} `json:"revisions"`
	}
	f.do("GET", f.path("/history"), f.alice, nil).decode(&hist)
	var kinds []string
	for _, h := range hist.Revisions {
		kinds = append(kinds, fmt.Sprintf("%d %s by %s", h.Seq, h.Kind, h.By))
	}
	if got, want := strings.Join(kinds, "; "), "1 create by admin; 2 merge by Jo Coordinator; 3 resolve by Jo Coordinator"; got != want {
		t.Errorf("history = %s, want %s", got, want)
	}
}

func TestMasterETag(t *testing.T) {
	f := newFixture(t)
	r := f.do("GET", f.path("/master"), f.alice, nil)
	etag := `"` + jsna.Revision(f.master) + `"`
	want, _ := jsna.Marshal(f.master)
	if r.status != 200 || r.header.Get("ETag") != etag || r.header.Get("Wardwise-Master-Seq") != "1" || !bytes.Equal(r.body, want) {
		t.Fatalf("GET master = %d ETag %s seq %s, want 200, ETag %s, seq 1 and the master's bytes", r.status, r.header.Get("ETag"), r.header.Get("Wardwise-Master-Seq"), etag)
	}
	if r := f.do("GET", f.path("/master"), f.alice, nil, "If-None-Match", etag); r.status != 304 || len(r.body) != 0 {
		t.Errorf("GET master If-None-Match current = %d, want 304", r.status)
	}
	if r := f.do("GET", f.path("/master"), f.alice, nil, "If-None-Match", `"sha256:old"`); r.status != 200 {
		t.Errorf("GET master If-None-Match old = %d, want 200", r.status)
	}
}

func TestRouting(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/api/v1/nothing", 404, ""},
		{"GET", "/api/v2", 404, ""},
		{"GET", "/index.html", 404, ""},
		{"DELETE", f.path("/master"), 405, "GET"},
		{"GET", f.path("/merge"), 405, "POST"},
		{"PUT", f.path("/drafts"), 405, "GET, POST"},
		{"GET", f.path("/drafts/x/versions/zero"), 404, ""},
		{"GET", "/api/v1/assessments/nowhere/master", 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := f.do(tt.method, tt.path, f.coordinator, nil)
			if r.status != tt.status || r.header.Get("Allow") != tt.allow || r.apiErr().Status != tt.status {
				t.Errorf("%s %s = %d Allow %q %s, want %d Allow %q", tt.method, tt.path, r.status, r.header.Get("Allow"), r.body, tt.status, tt.allow)
			}
		})
	}
	r := f.do("OPTIONS", f.path("/drafts"), "", nil)
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != "*" ||
		r.header.Get("Access-Control-Allow-Headers") != "Authorization, Content-Type, If-None-Match" {
		t.Errorf("OPTIONS = %d %v, want 204 with CORS headers", r.status, r.header)
	}
}

// pausingMeta lets a test stop a merge or resolution between reading the
// master and writing the next revision, where another writer can get in.
type pausingMeta struct {
	Meta
	mu     sync.Mutex
	pause  func(MasterRevision) // called before AppendRevision, once
	failMM error                // returned by MarkMerged when set
}

func (p *pausingMeta) AppendRevision(ctx context.Context, r MasterRevision) error {
	p.mu.Lock()
	pause := p.pause
	p.pause = nil
	p.mu.Unlock()
	if pause != nil {
		pause(r)
	}
	return p.Meta.AppendRevision(ctx, r)
}

func (p *pausingMeta) MarkMerged(ctx context.Context, assessment string, revisions []string, seq int) error {
	if p.failMM != nil {
		return p.failMM
	}
	return p.Meta.MarkMerged(ctx, assessment, revisions, seq)
}

// TestConcurrentMerges stops a merge just before it writes revision 2 and
// lets another merge, holding a draft the first has not seen, write it
// first. The first must notice, retry on the new master and lose nothing.
func TestConcurrentMerges(t *testing.T) {
	pm := &pausingMeta{}
	f := newFixture(t, func(h *Hub) { pm.Meta = h.Meta; h.Meta = pm })
	w0, w1 := f.master.Wards[0].Code, f.master.Wards[1].Code
	f.submit(f.alice, draft(t, f.master, "a", "Dr Alice", "gp", w0, setText(0, "From A.")), 201)

	paused, release := make(chan MasterRevision), make(chan bool)
	pm.pause = func(r MasterRevision) { paused <- r; <-release }
	first := make(chan mergeResult)
	go func() { first <- f.merge(200) }()
	r := <-paused // the first merge has merged A and is about to write revision 2
	if r.Seq != 2 {
		t.Fatalf("first merge writes revision %d, want 2", r.Seq)
	}
	f.submit(f.bob, draft(t, f.master, "c", "Cllr Bob", "councillor", w1, setText(0, "From C.")), 201)
	second := f.merge(200)
	if second.Master.Seq != 2 || len(second.Merged) != 2 || second.Attempts != 1 {
		t.Fatalf("second merge = %+v, want revision 2 from A and C at the first attempt", second)
	}
	close(release)
	got := <-first
	if got.Changed || got.Master.Seq != 2 || got.Attempts != 2 {
		t.Errorf("first merge = %+v, want no change at revision 2 after 2 attempts", got)
	}
	master := f.currentMaster(f.coordinator)
	if a, c := sectionText(master, w0, 0), sectionText(master, w1, 0); a != "From A." || c != "From C." {
		t.Errorf("master has %q and %q, want From A. and From C.", a, c)
	}

	// Now the other way round: the first merge has new work after losing.
	f.submit(f.alice, draft(t, master, "d", "Dr Alice", "gp", w0, setText(1, "From D.")), 201)
	pm.pause = func(r MasterRevision) { paused <- r; <-release }
	release = make(chan bool)
	go func() { first <- f.merge(200) }()
	<-paused
	f.submit(f.bob, draft(t, master, "e", "Cllr Bob", "councillor", w1, setText(1, "From E.")), 201)
	// A resolution or merge that wins: here a merge of D and E.
	if m := f.merge(200); m.Master.Seq != 3 || len(m.Merged) != 2 {
		t.Fatalf("winning merge = %+v, want revision 3 from D and E", m)
	}
	f.submit(f.bob, draft(t, master, "g", "Cllr Bob", "councillor", w1, setText(2, "From G.")), 201)
	close(release)
	got = <-first
	if !got.Changed || got.Master.Seq != 4 || got.Attempts != 2 || len(got.Merged) != 1 || got.Merged[0].Draft != "g" {
		t.Errorf("losing merge = %+v, want revision 4 from G at the second attempt", got)
	}
	master = f.currentMaster(f.coordinator)
	for _, c := range []struct {
		ward string
		i    int
		want string
	}{{w0, 0, "From A."}, {w1, 0, "From C."}, {w0, 1, "From D."}, {w1, 1, "From E."}, {w1, 2, "From G."}} {
		if got := sectionText(master, c.ward, c.i); got != c.want {
			t.Errorf("section %s[%d] = %q, want %q", c.ward, c.i, got, c.want)
		}
	}
	seqs := map[string]int{}
	for _, d := range f.drafts(f.coordinator, "") {
		seqs[d.Draft] = d.MergedIn
	}
	if want := map[string]int{"a": 2, "c": 2, "d": 3, "e": 3, "g": 4}; fmt.Sprint(seqs) != fmt.Sprint(want) {
		t.Errorf("merged in = %v, want %v", seqs, want)
	}
}

// TestResolutionRacesMerge stops a resolution before it writes and lets a
// merge in: the resolution is made again on the merged master, and both
// the resolution and the merged draft are in the end.
func TestResolutionRacesMerge(t *testing.T) {
	pm := &pausingMeta{}
	f := newFixture(t, func(h *Hub) { pm.Meta = h.Meta; h.Meta = pm })
	w0, w2 := f.master.Wards[0].Code, f.master.Wards[2].Code
	f.submit(f.alice, draft(t, f.master, "a", "Dr Alice", "gp", w0, setText(0, "Alice.")), 201)
	f.submit(f.bob, draft(t, f.master, "b", "Cllr Bob", "councillor", w0, setText(0, "Bob.")), 201)
	m := f.merge(200)
	if len(m.Report.Conflicts) != 1 {
		t.Fatalf("merge = %+v, want 1 conflict", m.Report)
	}
	cid := m.Report.Conflicts[0].ID

	paused, release := make(chan MasterRevision), make(chan bool)
	pm.pause = func(r MasterRevision) { paused <- r; <-release }
	done := make(chan response)
	go func() {
		done <- f.do("POST", f.path("/resolutions"), f.coordinator, []byte(`{"conflict":"`+cid+`","value":"Both of them."}`))
	}()
	if r := <-paused; r.Seq != 3 || r.Kind != "resolve" {
		t.Fatalf("paused write = %+v, want the resolution's revision 3", r)
	}
	f.submit(f.alice, draft(t, f.currentMaster(f.alice), "z", "Dr Alice", "gp", w2, setText(0, "Elmbury.")), 201)
	if m := f.merge(200); m.Master.Seq != 3 {
		t.Fatalf("merge during the resolution = %+v, want revision 3", m)
	}
	close(release)
	r := <-done
	var res struct {
		Master   MasterRevision `json:"master"`
		Attempts int            `json:"attempts"`
	}
	r.decode(&res)
	if r.status != 200 || res.Master.Seq != 4 || res.Attempts != 2 {
		t.Fatalf("resolution = %d %s, want revision 4 at the second attempt", r.status, r.body)
	}
	master := f.currentMaster(f.coordinator)
	if a, b := sectionText(master, w0, 0), sectionText(master, w2, 0); a != "Both of them." || b != "Elmbury." || len(master.Conflicts) != 0 {
		t.Errorf("master: %q, %q, %d conflicts; want the resolution, the merged draft and none", a, b, len(master.Conflicts))
	}
}

// TestMergeRecovers: a merge that writes its revision but dies before
// marking its drafts leaves them pending; the next merge finds them in
// the master, does not merge them again and marks them.
func TestMergeRecovers(t *testing.T) {
	pm := &pausingMeta{}
	f := newFixture(t, func(h *Hub) { pm.Meta = h.Meta; h.Meta = pm })
	f.submit(f.alice, draft(t, f.master, "a", "Dr Alice", "gp", f.master.Wards[0].Code, setText(0, "A.")), 201)
	pm.failMM = errors.New("d1 went away")
	if m := f.merge(200); !m.Changed || m.Master.Seq != 2 {
		t.Fatalf("merge = %+v, want revision 2", m)
	}
	if !strings.Contains(f.logs.String(), "merged revision 2 but could not mark its drafts: d1 went away") {
		t.Errorf("log = %q, want the failure to mark", f.logs.String())
	}
	if d := f.drafts(f.coordinator, ""); len(d) != 1 || d[0].State != "pending" {
		t.Fatalf("drafts = %+v, want a pending", d)
	}
	pm.failMM = nil
	if m := f.merge(200); m.Changed || m.Master.Seq != 2 {
		t.Errorf("recovering merge = %+v, want no change at revision 2", m)
	}
	if d := f.drafts(f.coordinator, ""); len(d) != 1 || d[0].State != "merged" || d[0].MergedIn != 2 {
		t.Errorf("drafts = %+v, want a merged in 2", d)
	}
}

// TestConcurrentStress runs senders and merges at once, for real, and
// checks that every draft's edit reaches the master and every revision
// number is used once.
func TestConcurrentStress(t *testing.T) {
	f := newFixture(t)
	const senders, each = 4, 5
	var wg sync.WaitGroup
	stop := make(chan bool)
	var merges sync.WaitGroup
	for m := 0; m < 2; m++ {
		merges.Add(1)
		go func() {
			defer merges.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				r := f.do("POST", f.path("/merge"), f.coordinator, nil)
				if r.status != 200 && r.status != 503 {
					t.Errorf("merge = %d %s, want 200 (or 503 when it lost 8 times)", r.status, r.body)
					return
				}
			}
		}()
	}
	// Each sender owns a ward and a section, and writes it in turn: each
	// draft starts from the master as it is, as people's drafts do.
	type slot struct{ ward, section int }
	slots := []slot{{0, 0}, {1, 1}, {2, 2}, {0, 1}}
	for s := 0; s < senders; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			token := []string{f.alice, f.bob}[s%2]
			for i := 0; i < each; i++ {
				m := f.currentMaster(token)
				code := m.Wards[slots[s].ward].Code
				data := draft(t, m, fmt.Sprintf("s%d-%d", s, i), "Sender", "gp", code, setText(slots[s].section, fmt.Sprintf("sender %d edit %d", s, i)))
				if r := f.do("POST", f.path("/drafts"), token, data); r.status != 201 {
					t.Errorf("send = %d %s, want 201", r.status, r.body)
				}
			}
		}(s)
	}
	wg.Wait()
	close(stop)
	merges.Wait()
	f.merge(200)
	for _, d := range f.drafts(f.coordinator, "") {
		if d.State != "merged" {
			t.Errorf("draft %s is %s, want merged", d.Draft, d.State)
		}
	}
	master := f.currentMaster(f.coordinator)
	// Every value any draft wrote is in the master or in a conflict.
	values := map[string]bool{}
	for _, c := range master.Conflicts {
		for _, cand := range c.Candidates {
			values[cand.Value] = true
		}
	}
	for s := 0; s < senders; s++ {
		for i := 0; i < each; i++ {
			v := fmt.Sprintf("sender %d edit %d", s, i)
			found := values[`"`+v+`"`]
			for _, r := range master.Resolutions {
				found = found || r.Chosen == `"`+v+`"`
			}
			for _, h := range master.History {
				for _, u := range h.Undo {
					found = found || u.Value == `"`+v+`"`
				}
			}
			if sectionText(master, master.Wards[slots[s].ward].Code, slots[s].section) == v {
				found = true
			}
			if !found {
				t.Errorf("%q is nowhere in the master, its history or its conflicts", v)
			}
		}
	}
	revs, _ := f.meta.Revisions(context.Background(), f.id)
	for i, r := range revs {
		if r.Seq != i+1 {
			t.Fatalf("revision %d has seq %d", i+1, r.Seq)
		}
	}
}

// TestMergeVersions: the versions of a draft are one author's successive
// saves. Pending versions are merged in one pass, the latest standing for
// the earlier ones; a version sent after an earlier one was merged is
// merged against it, so changing again what she wrote before is not a
// conflict with herself.
func TestMergeVersions(t *testing.T) {
	f := newFixture(t)
	w0 := f.master.Wards[0].Code
	old := f.master.Wards[0].Sections[0].Text
	f.submit(f.alice, draftAt(t, f.master, "a", "Dr Alice", "gp", w0, 0, setText(0, "One.")), 201)
	f.submit(f.alice, draftAt(t, f.master, "a", "Dr Alice", "gp", w0, 10, func(w *jsna.Ward) {
		w.Sections[0].Text = "One."
		w.Sections[1].Text = "Two."
	}), 201)
	v3 := draftAt(t, f.master, "a", "Dr Alice", "gp", w0, 20, func(w *jsna.Ward) {
		w.Sections[0].Text = "Changed."
		w.Sections[1].Text = "Two."
	})
	f.submit(f.alice, v3, 201)
	m := f.merge(200)
	var got []string
	for _, d := range m.Merged {
		got = append(got, fmt.Sprintf("%s v%d round %d superseded %v", d.Draft, d.Version, d.Round, d.Superseded))
	}
	if want := "a v1 round 1 superseded true, a v2 round 2 superseded true, a v3 round 3 superseded false"; strings.Join(got, ", ") != want || m.Master.Seq != 2 {
		t.Fatalf("merged %s into revision %d, want %s into 2", strings.Join(got, ", "), m.Master.Seq, want)
	}
	if len(m.Report.Drafts) != 1 || m.Report.Drafts[0].Changes != 2 || len(m.Report.Superseded) != 2 || len(m.Report.Conflicts) != 0 {
		t.Errorf("report = %+v, want v3's 2 changes, v1 and v2 superseded, no conflict", m.Report)
	}
	master := f.currentMaster(f.coordinator)
	if s0, s1 := sectionText(master, w0, 0), sectionText(master, w0, 1); s0 != "Changed." || s1 != "Two." || len(master.Conflicts) != 0 {
		t.Errorf("sections = %q, %q, conflicts %+v; want Changed., Two. and no conflict with herself", s0, s1, master.Conflicts)
	}
	oldJSON, _ := json.Marshal(old)
	kept := false
	for _, h := range master.History {
		for _, u := range h.Undo {
			kept = kept || u.Value == string(oldJSON)
		}
	}
	if !kept {
		t.Errorf("history %+v does not keep the text before the merge %s", master.History, oldJSON)
	}
	for _, d := range f.drafts(f.coordinator, "") {
		if d.State != "merged" || d.MergedIn != 2 {
			t.Errorf("draft a v%d = %s in %d, want merged in 2", d.Version, d.State, d.MergedIn)
		}
	}

	// She goes on from her local file, whose base is still the first
	// master, and sends again: merged against v3, what she had.
	f.submit(f.alice, draftAt(t, f.master, "a", "Dr Alice", "gp", w0, 30, func(w *jsna.Ward) {
		w.Sections[0].Text = "Changed again."
		w.Sections[1].Text = "Two."
	}), 201)
	m = f.merge(200)
	if len(m.Merged) != 1 || m.Merged[0].Version != 4 || len(m.Report.Drafts) != 1 || len(m.Report.Conflicts) != 0 {
		t.Fatalf("second merge = %+v, want v4 merged without conflict", m)
	}
	v3rev := ""
	for _, d := range f.drafts(f.coordinator, "") {
		if d.Version == 3 {
			v3rev = d.Revision
		}
	}
	if got := m.Report.Drafts[0]; got.Previous != v3rev || got.Changes != 1 {
		t.Errorf("v4 report = %+v, want 1 change against v3 (%s)", got, v3rev)
	}
	master = f.currentMaster(f.coordinator)
	if s0, s1 := sectionText(master, w0, 0), sectionText(master, w0, 1); s0 != "Changed again." || s1 != "Two." || len(master.Conflicts) != 0 {
		t.Errorf("after v4: sections = %q, %q, conflicts %+v; want Changed again., Two. and no conflict", s0, s1, master.Conflicts)
	}
}
