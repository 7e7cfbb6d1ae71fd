package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// TestDraftOwnership: a draft id belongs to the identity that first sent
// it. Another contributor sending a draft with that id, however late its
// saved_at, is refused and changes nothing; the owner keeps it through a
// token rotation; the master's provenance names both the author typed in
// the file and the sender's label.
func TestDraftOwnership(t *testing.T) {
	f := newFixture(t)
	w0 := f.master.Wards[0].Code
	f.submit(f.alice, draft(t, f.master, "hillwell-x", "Dr X", "gp", w0, setText(0, "X's work.")), 201)

	// Bob takes Alice's id, claims to be "Dr X" and saves in 2099.
	d, _ := jsna.Decode(draft(t, f.master, "hillwell-x", "Dr X", "gp", w0, setText(0, "Y's text.")))
	d.Draft.SavedAt = "2099-01-01T00:00:00Z"
	takeover, _ := jsna.Marshal(d)
	r := f.do("POST", f.path("/drafts"), f.bob, takeover)
	e := r.apiErr()
	if r.status != 403 || e.Code != "draft_not_yours" || !strings.Contains(e.Message, "belongs to the contributor who first sent it") ||
		len(e.Problems) != 1 || e.Problems[0].Path != "draft.id" {
		t.Fatalf("takeover = %d %s, want 403 draft_not_yours naming the rule", r.status, r.body)
	}
	// The coordinator's token is bound by the rule too.
	if r := f.do("POST", f.path("/drafts"), f.coordinator, takeover); r.status != 403 {
		t.Errorf("coordinator sending Alice's draft id = %d, want 403", r.status)
	}
	if ds := f.drafts(f.coordinator, ""); len(ds) != 1 || ds[0].SentBy != "Dr Alice GP" {
		t.Errorf("drafts after the takeover = %+v, want only Alice's", ds)
	}

	// Rotating Alice's token keeps her draft hers.
	aliceID := f.tokenID("Dr Alice GP")
	r = f.do("POST", f.path("/tokens/"+aliceID+"/rotate"), f.coordinator, nil)
	var rot struct {
		Token   issuedToken `json:"token"`
		Revoked tokenJSON   `json:"revoked"`
	}
	r.decode(&rot)
	if r.status != 201 || rot.Token.Label != "Dr Alice GP" || rot.Revoked.ID != aliceID || rot.Revoked.RevokedAt == "" || rot.Token.Identity != rot.Revoked.Identity {
		t.Fatalf("rotate = %d %s, want a new token for Alice's identity and the old one revoked", r.status, r.body)
	}
	if r := f.do("GET", f.path("/master"), f.alice, nil); r.status != 401 || r.apiErr().Code != "token_revoked" {
		t.Errorf("old token after rotation = %d %s, want 401 token_revoked", r.status, r.body)
	}
	f.submit(rot.Token.Token, draftAt(t, f.master, "hillwell-x", "Dr X", "gp", w0, 10, setText(0, "X's work, later.")), 201)
	if ds := f.drafts(rot.Token.Token, ""); len(ds) != 2 {
		t.Errorf("Alice's drafts with her new token = %d, want both versions", len(ds))
	}

	m := f.merge(200)
	if len(m.Merged) != 2 || m.Merged[1].Author != "Dr X" || m.Merged[1].SentBy != "Dr Alice GP" {
		t.Fatalf("merge = %+v, want Alice's two versions, author Dr X sent by Dr Alice GP", m.Merged)
	}
	master := f.currentMaster(f.coordinator)
	if got := sectionText(master, w0, 0); got != "X's work, later." {
		t.Errorf("master section = %q, want Alice's later text", got)
	}
	found := false
	for _, p := range master.Provenance {
		for _, s := range p.By {
			if s.Draft == "hillwell-x" {
				found = true
				if s.Author != "Dr X" || s.Sender != "Dr Alice GP" {
					t.Errorf("provenance %s = author %q sender %q, want Dr X and Dr Alice GP", p.Path, s.Author, s.Sender)
				}
			}
		}
	}
	if !found {
		t.Errorf("provenance = %+v, want an entry by hillwell-x", master.Provenance)
	}
}

// tokenID finds the public id of the first token with this label.
func (f *fixture) tokenID(label string) string {
	f.tb.Helper()
	var out struct {
		Tokens []tokenJSON `json:"tokens"`
	}
	f.do("GET", f.path("/tokens"), f.coordinator, nil).decode(&out)
	for _, t := range out.Tokens {
		if t.Label == label && t.RevokedAt == "" {
			return t.ID
		}
	}
	f.tb.Fatalf("no token labelled %q in %+v", label, out.Tokens)
	return ""
}

// TestErrorsAreJSON: every error, a panic included, is the documented
// JSON error with the API's headers and nothing of the hub's insides.
func TestErrorsAreJSON(t *testing.T) {
	f := newFixture(t)
	f.hub.Meta = panickyMeta{f.hub.Meta}
	for _, c := range []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"unknown route", "GET", "/api/v1/nothing", 404, "not_found"},
		{"outside the API", "GET", "/no-such-file.txt", 404, "not_found"},
		{"bad method", "BREW", f.path("/master"), 405, "method_not_allowed"},
		{"delete", "DELETE", f.path("/drafts"), 405, "method_not_allowed"},
		{"panic in a handler", "GET", f.path("/history"), 500, "internal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(c.method, c.path, f.coordinator, nil)
			e := r.apiErr()
			if r.status != c.status || e.Status != c.status || e.Code != c.code || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Errorf("%s %s = %d %s %s, want %d %s as JSON", c.method, c.path, r.status, r.header.Get("Content-Type"), r.body, c.status, c.code)
			}
			for _, kv := range APIHeaders {
				if got := r.header.Get(kv[0]); got != kv[1] {
					t.Errorf("%s = %q, want %q", kv[0], got, kv[1])
				}
			}
			if bytes.Contains(r.body, []byte(".go")) || bytes.Contains(r.body, []byte("goroutine")) || bytes.Contains(r.body, []byte("boom")) {
				t.Errorf("body %s shows the hub's insides", r.body)
			}
		})
	}
	if !strings.Contains(f.logs.String(), "panic: boom") {
		t.Errorf("log = %q, want the panic", f.logs.String())
	}
}

// panickyMeta panics where the history is read.
type panickyMeta struct{ Meta }

func (panickyMeta) Revisions(context.Context, string) ([]MasterRevision, error) { panic("boom") }

// TestEntryShimHeaders: entry.mjs, which answers what fails before the Go
// handler runs (bad escapes), sends the same headers.
func TestEntryShimHeaders(t *testing.T) {
	data, err := readFile("entry.mjs")
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range APIHeaders {
		if want := fmt.Sprintf("%q: %q", kv[0], kv[1]); !strings.Contains(data, want) {
			t.Errorf("entry.mjs has no %s", want)
		}
	}
}

// failingReader fails the test if the hub reads a body it should have
// refused unread.
type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("the hub read a body it should have refused by its headers")
	return 0, io.EOF
}

// slowReader sends its first bytes, then nothing until released.
type slowReader struct {
	first   []byte
	release chan struct{}
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.first) > 0 {
		n := copy(p, r.first)
		r.first = r.first[n:]
		return n, nil
	}
	<-r.release
	return 0, io.EOF
}

// TestBodyRules: a body must be application/json (415 otherwise, with no
// Content-Type too), within its limit by its declared length (413 before
// it is read) and arrive in time (408).
func TestBodyRules(t *testing.T) {
	f := newFixture(t, func(h *Hub) { h.Limits = Limits{Draft: 8000, Body: 200 * time.Millisecond} })
	small := draft(t, f.master, "small", "Dr Alice", "gp", f.master.Wards[0].Code, func(w *jsna.Ward) {
		w.Values, w.Assets, w.Voice, w.Needs = nil, nil, nil, nil
	})
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name   string
		ctype  string
		body   io.Reader
		length int64
		status int
		code   string
	}{
		{"no content type", "", bytes.NewReader(small), int64(len(small)), 415, "unsupported_media_type"},
		{"no content type, chunked", "", io.MultiReader(bytes.NewReader(small)), -1, 415, "unsupported_media_type"},
		{"text/plain", "text/plain", failingReader{t}, 10, 415, "unsupported_media_type"},
		{"declared 10^12 bytes", "application/json", failingReader{t}, 1e12, 413, "too_large"},
		{"slow body", "application/json", &slowReader{first: small[:10], release: release}, int64(len(small)), 408, "timeout"},
		{"json with charset", "application/json; charset=utf-8", bytes.NewReader(small), int64(len(small)), 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", f.path("/drafts"), tt.body)
			req.ContentLength = tt.length
			req.Header.Set("Authorization", "Bearer "+f.alice)
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			rec := httptest.NewRecorder()
			start := time.Now()
			f.hub.ServeHTTP(rec, req)
			r := response{tb: t, status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
			if r.status != tt.status {
				t.Fatalf("POST drafts = %d %s, want %d", r.status, r.body, tt.status)
			}
			if tt.code != "" && r.apiErr().Code != tt.code {
				t.Errorf("code = %s, want %s", r.apiErr().Code, tt.code)
			}
			if tt.status == 408 && time.Since(start) > 2*time.Second {
				t.Errorf("408 after %v, want about 200ms", time.Since(start))
			}
		})
	}
	// A merge with no body needs no Content-Type.
	if m := f.merge(200); !m.Changed {
		t.Errorf("merge = %+v, want the small draft merged", m)
	}
}

// countingLimiter allows limit requests per key, then refuses.
type countingLimiter struct {
	mu    sync.Mutex
	limit int
	n     map[string]int
	err   error
}

func (l *countingLimiter) Allow(ctx context.Context, key string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return false, l.err
	}
	if l.n == nil {
		l.n = map[string]int{}
	}
	l.n[key]++
	return l.n[key] <= l.limit, nil
}

func TestRateLimits(t *testing.T) {
	auth, writes := &countingLimiter{limit: 3}, &countingLimiter{limit: 2}
	f := newFixture(t, func(h *Hub) {
		h.AuthFailures = RateLimit{Limiter: auth, Period: 60 * time.Second}
		h.Writes = RateLimit{Limiter: writes, Period: 10 * time.Second}
	})
	// Failed authentications, per client address.
	var got []int
	for i := 0; i < 5; i++ {
		got = append(got, f.do("GET", f.path("/master"), fmt.Sprintf("wwh_wrong%d", i), nil).status)
	}
	if fmt.Sprint(got) != "[401 401 401 429 429]" {
		t.Errorf("wrong tokens = %v, want [401 401 401 429 429]", got)
	}
	r := f.do("GET", f.path("/master"), "wwh_wrong", nil)
	if r.header.Get("Retry-After") != "60" || r.apiErr().Code != "rate_limited" {
		t.Errorf("429 = %v %s, want Retry-After: 60 and rate_limited", r.header, r.body)
	}
	// Another address is not held up; a good token from this one works.
	if r := f.do("GET", f.path("/master"), "wwh_wrong", nil, "CF-Connecting-IP", "192.0.2.7"); r.status != 401 {
		t.Errorf("wrong token from another address = %d, want 401", r.status)
	}
	if r := f.do("GET", f.path("/master"), f.alice, nil); r.status != 200 {
		t.Errorf("good token = %d, want 200", r.status)
	}
	// Writes, per identity (the fixture's create was the admin's first).
	ward := f.master.Wards[0].Code
	got = nil
	for i := 0; i < 3; i++ {
		got = append(got, f.do("POST", f.path("/drafts"), f.alice, draft(t, f.master, fmt.Sprintf("w%d", i), "A", "gp", ward, setText(0, fmt.Sprint(i)))).status)
	}
	if fmt.Sprint(got) != "[201 201 429]" {
		t.Errorf("Alice's writes = %v, want [201 201 429]", got)
	}
	if r := f.do("POST", f.path("/merge"), f.coordinator, nil); r.status != 200 {
		t.Errorf("the coordinator's merge = %d, want 200: another identity", r.status)
	}
	if r := f.do("POST", f.path("/drafts"), f.alice, draft(t, f.master, "w9", "A", "gp", ward, setText(0, "9"))); r.header.Get("Retry-After") != "10" {
		t.Errorf("write 429 Retry-After = %q, want 10", r.header.Get("Retry-After"))
	}
	// A limiter that fails lets requests through.
	writes.err = errors.New("binding gone")
	if r := f.do("POST", f.path("/drafts"), f.alice, draft(t, f.master, "w9", "A", "gp", ward, setText(0, "9"))); r.status != 201 {
		t.Errorf("write with a failing limiter = %d, want 201", r.status)
	}
}

func TestTokenRoutes(t *testing.T) {
	f := newFixture(t)
	var list struct {
		Tokens []tokenJSON `json:"tokens"`
	}
	r := f.do("GET", f.path("/tokens"), f.coordinator, nil)
	r.decode(&list)
	var labels []string
	for _, tk := range list.Tokens {
		labels = append(labels, tk.Role+":"+tk.Label)
		if !strings.HasPrefix(tk.ID, "tok_") || len(tk.ID) != 20 || !strings.HasPrefix(tk.Identity, "idn_") || tk.RevokedAt != "" {
			t.Errorf("token %+v: want a tok_ id, an idn_ identity, not revoked", tk)
		}
		if strings.Contains(string(r.body), f.alice) {
			t.Errorf("the token list shows a token")
		}
	}
	if got := strings.Join(labels, ", "); got != "coordinator:Jo Coordinator, contributor:Dr Alice GP, contributor:Cllr Bob" {
		t.Errorf("tokens = %s", got)
	}
	bobID := f.tokenID("Cllr Bob")
	for _, c := range []struct {
		name, method, path, token string
		status                    int
	}{
		{"contributor lists", "GET", f.path("/tokens"), f.alice, 403},
		{"contributor revokes", "POST", f.path("/tokens/" + bobID + "/revoke"), f.alice, 403},
		{"admin lists", "GET", f.path("/tokens"), testAdminToken, 200},
		{"no such token", "POST", f.path("/tokens/tok_0000000000000000/revoke"), f.coordinator, 404},
		{"revoke by GET", "GET", f.path("/tokens/" + bobID + "/revoke"), f.coordinator, 405},
	} {
		if r := f.do(c.method, c.path, c.token, nil); r.status != c.status {
			t.Errorf("%s: %s %s = %d %s, want %d", c.name, c.method, c.path, r.status, r.body, c.status)
		}
	}
	var rev struct {
		Token   tokenJSON `json:"token"`
		Changed bool      `json:"changed"`
	}
	f.do("POST", f.path("/tokens/"+bobID+"/revoke"), testAdminToken, nil).decode(&rev)
	if !rev.Changed || rev.Token.RevokedAt == "" {
		t.Errorf("revoke = %+v, want changed", rev)
	}
	if r := f.do("POST", f.path("/tokens/"+bobID+"/revoke"), f.coordinator, nil); r.status != 200 || strings.Contains(string(r.body), `"changed":true`) {
		t.Errorf("revoke again = %d %s, want 200 and no change", r.status, r.body)
	}
	r = f.do("POST", f.path("/drafts"), f.bob, draft(t, f.master, "b", "Cllr Bob", "councillor", f.master.Wards[0].Code, setText(0, "B.")))
	if r.status != 401 || r.apiErr().Code != "token_revoked" {
		t.Errorf("revoked token = %d %s, want 401 token_revoked", r.status, r.body)
	}
	if r := f.do("POST", f.path("/tokens/"+bobID+"/rotate"), f.coordinator, nil); r.status != 409 {
		t.Errorf("rotating a revoked token = %d, want 409", r.status)
	}
}

// TestAuditLog: every step is in the log, newest first, and entries past
// the retention period go.
func TestAuditLog(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	f := newFixture(t, func(h *Hub) { h.Now = clock.Now })
	w0 := f.master.Wards[0].Code
	f.submit(f.alice, draft(t, f.master, "a", "Dr Alice", "gp", w0, setText(0, "Alice.")), 201)
	f.do("POST", f.path("/drafts"), f.bob, draft(t, f.master, "a", "Dr Alice", "gp", w0, setText(0, "Not Alice.")))
	f.submit(f.bob, draft(t, f.master, "b", "Cllr Bob", "councillor", w0, setText(0, "Bob.")), 201)
	m := f.merge(200)
	f.do("POST", f.path("/resolutions"), f.coordinator, []byte(`{"conflict":"`+m.Report.Conflicts[0].ID+`","take":1}`))
	f.do("POST", f.path("/tokens/"+f.tokenID("Cllr Bob")+"/revoke"), f.coordinator, nil)

	got := f.auditActions()
	want := "assessment.create admin, token.create admin Jo Coordinator, token.create admin Dr Alice GP, token.create admin Cllr Bob, " +
		"draft.send Dr Alice GP a, draft.refused Cllr Bob a, draft.send Cllr Bob b, merge Jo Coordinator 2, resolve Jo Coordinator " + m.Report.Conflicts[0].ID +
		", token.revoke Jo Coordinator Cllr Bob"
	if got != want {
		t.Errorf("audit log =\n%s\nwant\n%s", got, want)
	}
	if r := f.do("GET", f.path("/audit"), f.alice, nil); r.status != 403 {
		t.Errorf("contributor reading the audit log = %d, want 403", r.status)
	}
	var out struct {
		Retention int `json:"retention_days"`
	}
	f.do("GET", f.path("/audit"), f.coordinator, nil).decode(&out)
	if out.Retention != 365 {
		t.Errorf("retention_days = %d, want 365", out.Retention)
	}
	// A year and a day later only what happened since is kept.
	clock.mu.Lock()
	clock.t = clock.t.Add(AuditRetention + 24*time.Hour)
	clock.mu.Unlock()
	f.submit(f.alice, draft(t, f.master, "c", "Dr Alice", "gp", w0, setText(1, "Later.")), 201)
	if err := f.hub.Scheduled(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := f.auditActions(); got != "draft.send Dr Alice GP c" {
		t.Errorf("audit log after the retention period = %s, want only the last send", got)
	}
}

// auditActions is the audit log, oldest first, as "action actor target"
// (a token's label for its id).
func (f *fixture) auditActions() string {
	f.tb.Helper()
	var out struct {
		Entries []struct {
			Action, Actor, Target string
			Detail                map[string]any
		} `json:"entries"`
	}
	r := f.do("GET", f.path("/audit"), f.coordinator, nil)
	if r.status != 200 {
		f.tb.Fatalf("GET audit = %d %s", r.status, r.body)
	}
	r.decode(&out)
	var lines []string
	for i := len(out.Entries) - 1; i >= 0; i-- {
		e := out.Entries[i]
		target := e.Target
		if l, ok := e.Detail["label"].(string); ok && strings.HasPrefix(target, "tok_") {
			target = l
		}
		if e.Action == "assessment.create" {
			target = ""
		}
		lines = append(lines, strings.TrimSpace(e.Action+" "+e.Actor+" "+target))
	}
	return strings.Join(lines, ", ")
}

// TestOrphanBlobSwept: a merge that loses its race leaves its master's
// blob unreferenced; once the grace period is over the next merge deletes
// it, and the audit log says so. A blob a revision took is kept.
func TestOrphanBlobSwept(t *testing.T) {
	pm := &pausingMeta{}
	clock := &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	f := newFixture(t, func(h *Hub) { pm.Meta = h.Meta; h.Meta = pm; h.Now = clock.Now })
	w0, w1 := f.master.Wards[0].Code, f.master.Wards[1].Code
	f.submit(f.alice, draft(t, f.master, "a", "Dr Alice", "gp", w0, setText(0, "A.")), 201)
	paused, release := make(chan MasterRevision), make(chan bool)
	pm.pause = func(r MasterRevision) { paused <- r; <-release }
	first := make(chan mergeResult)
	go func() { first <- f.merge(200) }()
	lost := <-paused // its blob is written; its revision will be refused
	f.submit(f.bob, draft(t, f.master, "b", "Cllr Bob", "councillor", w1, setText(0, "B.")), 201)
	f.merge(200)
	close(release)
	<-first
	if !f.blobs.Has(lost.Blob) {
		t.Fatalf("the lost merge's blob %s is gone already", lost.Blob)
	}
	// Within the grace period, a merge keeps it.
	f.merge(200)
	if !f.blobs.Has(lost.Blob) {
		t.Fatalf("blob %s deleted within the grace period", lost.Blob)
	}
	clock.mu.Lock()
	clock.t = clock.t.Add(DefaultBlobGrace + time.Minute)
	clock.mu.Unlock()
	f.merge(200)
	if f.blobs.Has(lost.Blob) {
		t.Errorf("blob %s of the lost merge is still there after the grace period", lost.Blob)
	}
	head, _ := f.meta.Head(context.Background(), f.id)
	if !f.blobs.Has(head.Blob) {
		t.Errorf("the current master's blob %s was deleted", head.Blob)
	}
	if pending, _ := f.meta.PendingBlobs(context.Background(), "", "9999", 100); len(pending) != 0 {
		t.Errorf("pending blobs = %+v, want none", pending)
	}
	if got := f.auditActions(); !strings.Contains(got, "blob.removed hub "+lost.Blob) {
		t.Errorf("audit log = %s, want blob.removed %s", got, lost.Blob)
	}
}

func readFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

// rewritingMeta records a blob again, as a new writer of the same bytes
// would, while the sweep checks whether anything references it.
type rewritingMeta struct {
	Meta
	at string
}

func (m *rewritingMeta) BlobReferenced(ctx context.Context, key string) (bool, error) {
	used, err := m.Meta.BlobReferenced(ctx, key)
	m.Meta.AddPendingBlob(ctx, PendingBlob{Key: key, Assessment: "x", At: m.at})
	return used, err
}

// TestSweepSparesRewrittenBlob: a blob recorded again between the sweep's
// listing and its deletion is being written again, and stays.
func TestSweepSparesRewrittenBlob(t *testing.T) {
	meta, blobs := &MemMeta{}, &MemBlobs{}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	h := &Hub{Meta: &rewritingMeta{Meta: meta, at: now.Format(time.RFC3339)}, Blobs: blobs, Now: func() time.Time { return now }, Logf: t.Logf}
	ctx := context.Background()
	blobs.Put(ctx, "masters/old.json", []byte("{}"))
	blobs.Put(ctx, "masters/orphan.json", []byte("{}"))
	meta.AddPendingBlob(ctx, PendingBlob{Key: "masters/old.json", Assessment: "x", At: "2026-11-20T08:00:00Z"})
	if removed := h.sweep(ctx, "x"); len(removed) != 0 || !blobs.Has("masters/old.json") {
		t.Errorf("sweep removed %v, want nothing: the blob was recorded again", removed)
	}
	h.Meta = meta
	meta.AddPendingBlob(ctx, PendingBlob{Key: "masters/orphan.json", Assessment: "x", At: "2026-11-20T08:00:00Z"})
	if removed := h.sweep(ctx, "x"); fmt.Sprint(removed) != "[masters/orphan.json]" || blobs.Has("masters/orphan.json") || !blobs.Has("masters/old.json") {
		t.Errorf("sweep removed %v, want only masters/orphan.json", removed)
	}
}

// TestWranglerRateLimits: the rate limits wrangler.toml binds are those
// the hub documents (AuthFailureLimit, WriteLimit over RatePeriod), under
// the binding names main_js.go reads.
func TestWranglerRateLimits(t *testing.T) {
	conf, err := readFile("../../wrangler.toml")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^\[\[ratelimits\]\]\nname = "([A-Z_]+)"\nnamespace_id = "[0-9]+"\nsimple = \{ limit = ([0-9]+), period = ([0-9]+) \}$`)
	got := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(conf, -1) {
		got[m[1]] = m[2] + "/" + m[3]
	}
	period := fmt.Sprint(int(RatePeriod / time.Second))
	want := map[string]string{"AUTH_FAILURES": fmt.Sprint(AuthFailureLimit) + "/" + period, "WRITES": fmt.Sprint(WriteLimit) + "/" + period}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("wrangler.toml rate limits = %v, want %v", got, want)
	}
}
