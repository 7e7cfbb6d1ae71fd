//go:build hubintegration && linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// rawRequest sends a request line as given, which Go's client would not
// send (a malformed escape, an unknown method), and reads the answer.
func (h *wranglerHub) rawRequest(tb testing.TB, method, target string) response {
	tb.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, strings.TrimPrefix(h.url, "http://"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{tb: tb, status: resp.StatusCode, header: resp.Header, body: body}
}

// r2Has reports whether the local R2 bucket holds key, asking wrangler.
func (h *wranglerHub) r2Has(tb testing.TB, key string) bool {
	tb.Helper()
	cmd := exec.Command(h.wrangler, "r2", "object", "get", "wardwise-hub-docs/"+key, "--local", "--persist-to", h.state, "--config", h.conf, "--pipe")
	cmd.Dir, cmd.Env = h.dir, h.env
	out, err := cmd.CombinedOutput()
	if err == nil {
		return true
	}
	if strings.Contains(string(out), "could not be found") || strings.Contains(string(out), "not found") || strings.Contains(string(out), "does not exist") {
		return false
	}
	tb.Fatalf("wrangler r2 object get %s: %v\n%s", key, err, out)
	return false
}

// hardening runs the issue 19 steps against the hub TestHubIntegration
// has filled: master is its current master.
func (h *wranglerHub) hardening(t *testing.T, master *jsna.Document) {
	alice, bob, jo := h.tokens["Dr Alice GP"], h.tokens["Cllr Bob"], h.tokens["Jo Coordinator"]
	w0 := master.Wards[0].Code

	// Bob takes Alice's draft id, claiming her name and a save in 2099.
	d, _ := jsna.Decode(draft(t, master, "alice-hillwell", "Dr Alice", "gp", w0, setText(0, "Bob's words.")))
	d.Draft.SavedAt = "2099-01-01T00:00:00Z"
	if r := h.do(t, "POST", h.path("/drafts"), bob, must(jsna.Marshal(d))); r.status != 403 || r.apiErr().Code != "draft_not_yours" {
		t.Errorf("draft id takeover = %d %s, want 403 draft_not_yours", r.status, r.body)
	}

	// Errors raised before the Go handler: JSON, the API's headers, no
	// stack trace or file path.
	for _, c := range []struct {
		method, target string
		status         int
		code           string
	}{
		{"GET", "/api/v1/assessments/%zz/master", 400, "bad_request"},
		{"GET", "/api/v1/assessments/%2/master", 400, "bad_request"},
		// A method the runtime does not know at all (BREW) is refused by
		// workerd, and in production by Cloudflare's edge, before the
		// Worker runs: 501 as text, not the hub's to answer.
		{"DELETE", h.path("/master"), 405, "method_not_allowed"},
		{"PATCH", "/api/v1", 405, "method_not_allowed"},
	} {
		r := h.rawRequest(t, c.method, c.target)
		if r.status != c.status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || r.apiErr().Code != c.code {
			t.Errorf("%s %s = %d %s %s, want %d %s in JSON", c.method, c.target, r.status, r.header.Get("Content-Type"), r.body, c.status, c.code)
		}
		for _, kv := range APIHeaders {
			if got := r.header.Get(kv[0]); got != kv[1] {
				t.Errorf("%s %s: %s = %q, want %q", c.method, c.target, kv[0], got, kv[1])
			}
		}
		if strings.Contains(string(r.body), ".go") || strings.Contains(string(r.body), "at ") {
			t.Errorf("%s %s: body %s shows the hub's insides", c.method, c.target, r.body)
		}
	}
	// No Content-Type: 415.
	req, _ := http.NewRequest("POST", h.url+h.path("/drafts"), strings.NewReader(`{"format":"jsna/1"}`))
	req.Header.Set("Authorization", "Bearer "+alice)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 415 {
		t.Errorf("draft with no Content-Type = %v %v, want 415", resp.StatusCode, err)
	} else {
		resp.Body.Close()
	}

	// The coordinator revokes Bob's token: refused from then on.
	var list struct {
		Tokens []tokenJSON `json:"tokens"`
	}
	h.do(t, "GET", h.path("/tokens"), jo, nil).decode(&list)
	bobID := ""
	for _, tk := range list.Tokens {
		if tk.Label == "Cllr Bob" {
			bobID = tk.ID
		}
	}
	if r := h.do(t, "POST", h.path("/tokens/"+bobID+"/revoke"), jo, nil); r.status != 200 {
		t.Fatalf("revoke Bob's token %q = %d %s, want 200", bobID, r.status, r.body)
	}
	if r := h.do(t, "GET", h.path("/master"), bob, nil); r.status != 401 || r.apiErr().Code != "token_revoked" {
		t.Errorf("revoked token = %d %s, want 401 token_revoked", r.status, r.body)
	}

	// A lost race on revision 1 (creating the assessment again, with
	// another master) leaves a blob no row references; after the grace
	// period, the next merge deletes it.
	other := *h.master
	other.Title += " (a second attempt)"
	body := []byte(`{"master":` + string(must(jsna.Marshal(&other))) + `,"coordinators":["X"]}`)
	if r := h.do(t, "POST", "/api/v1/assessments", integrationAdminToken, body); r.status != 409 {
		t.Fatalf("creating the assessment again = %d %s, want 409", r.status, r.body)
	}
	orphan := blobKey("masters", must(jsna.Marshal(&other)))
	if !h.r2Has(t, orphan) {
		t.Fatalf("the losing create's blob %s is not in R2", orphan)
	}
	time.Sleep((integrationBlobGrace + 1) * time.Second)
	h.do(t, "POST", h.path("/drafts"), alice, draft(t, master, "alice-late", "Dr Alice", "gp", w0, setText(2, "Late.")))
	if r := h.do(t, "POST", h.path("/merge"), jo, nil); r.status != 200 {
		t.Fatalf("merge = %d %s", r.status, r.body)
	}
	if h.r2Has(t, orphan) {
		t.Errorf("orphan blob %s is still in R2 after the sweep", orphan)
	}

	// The audit log shows every step.
	var audit struct {
		Retention int `json:"retention_days"`
		Entries   []struct {
			Action, Actor, Target string
		} `json:"entries"`
	}
	h.do(t, "GET", h.path("/audit"), jo, nil).decode(&audit)
	var steps []string
	for i := len(audit.Entries) - 1; i >= 0; i-- {
		e := audit.Entries[i]
		step := e.Action + " " + e.Actor
		if e.Action == "draft.send" || e.Action == "draft.refused" {
			step += " " + e.Target
		}
		if e.Action == "blob.removed" && e.Target == orphan {
			step += " orphan"
		}
		steps = append(steps, step)
	}
	want := "assessment.create admin, token.create admin, token.create admin, token.create admin, " +
		"draft.send Dr Alice GP alice-hillwell, draft.send Dr Alice GP alice-abbeymead, draft.send Cllr Bob bob-hillwell, draft.send Dr Alice GP alice-abbeymead, " +
		"merge Jo Coordinator, draft.send Cllr Bob bob-elmbury, draft.send Dr Alice GP alice-elmbury, merge Jo Coordinator, resolve Jo Coordinator, " +
		"draft.refused Cllr Bob alice-hillwell, token.revoke Jo Coordinator, draft.send Dr Alice GP alice-late, blob.removed hub orphan, merge Jo Coordinator"
	if got := strings.Join(steps, ", "); got != want || audit.Retention != 365 {
		t.Errorf("audit log (retention %d days) =\n%s\nwant\n%s", audit.Retention, got, want)
	}

	// The daily run, triggered by hand (wrangler dev --test-scheduled).
	if resp, err := http.Get(h.url + "/__scheduled?cron=17+3+*+*+*"); err != nil || resp.StatusCode != 200 {
		var body []byte
		if resp != nil {
			body, _ = io.ReadAll(resp.Body)
		}
		t.Errorf("scheduled run = %v %s, %v; want 200", resp, body, err)
	} else {
		resp.Body.Close()
		deadline := time.Now().Add(10 * time.Second)
		// Its log line shows only at HUB_LOG_LEVEL=log; an error would
		// show at any level.
		for !strings.Contains(h.out.String(), "hub: scheduled") && time.Now().Before(deadline) && os.Getenv("HUB_LOG_LEVEL") == "log" {
			time.Sleep(100 * time.Millisecond)
		}
		if out := h.out.String(); strings.Contains(out, "hub: scheduled run:") || (os.Getenv("HUB_LOG_LEVEL") == "log" && !strings.Contains(out, "hub: scheduled: 0 audit entries past retention deleted")) {
			t.Errorf("scheduled run: want its log line and no error")
		}
	}

	// Failed authentications from one address reach the limit: 429 with
	// Retry-After from the period. The binding's counts are approximate,
	// so the test asks only that the limit is reached.
	var limited response
	for i := 0; i < 200; i++ {
		r := h.do(t, "GET", h.path("/master"), fmt.Sprintf("wwh_wrong%d", i), nil)
		if r.status == 429 {
			limited = r
			t.Logf("429 after %d wrong tokens", i+1)
			break
		}
		if r.status != 401 {
			t.Fatalf("wrong token = %d %s, want 401 or 429", r.status, r.body)
		}
	}
	if limited.status != 429 || limited.header.Get("Retry-After") != "60" || limited.apiErr().Code != "rate_limited" {
		t.Errorf("200 wrong tokens: last = %d Retry-After %q %s, want 429 rate_limited, Retry-After: 60", limited.status, limited.header.Get("Retry-After"), limited.body)
	}
}
