package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// benchHub is a hub over memory stores with the app example's master
// (20 wards, 30 indicators) and a coordinator and a contributor.
func benchHub(b *testing.B) (h *Hub, master *jsna.Document, coordinator, contributor string) {
	b.Helper()
	h = &Hub{Meta: &MemMeta{}, Blobs: &MemBlobs{}, AdminTokenHash: HashToken(testAdminToken)}
	master = example.New(example.Options{})
	raw, err := jsna.Marshal(master)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"master": json.RawMessage(raw), "coordinators": []string{"C"}, "contributors": []string{"A"}})
	rec := call(h, "POST", "/api/v1/assessments", testAdminToken, body)
	if rec.Code != 201 {
		b.Fatalf("create = %d %s", rec.Code, rec.Body)
	}
	var out struct {
		Tokens []issuedToken `json:"tokens"`
	}
	json.Unmarshal(rec.Body.Bytes(), &out)
	return h, master, out.Tokens[0].Token, out.Tokens[1].Token
}

func call(h *Hub, method, path, token string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if len(body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// BenchmarkSubmit measures the handler's own work to receive a one-ward
// draft (decode, validate, canonical encoding, store in memory); the
// Worker adds the Go start-up and D1 and R2 round trips.
func BenchmarkSubmit(b *testing.B) {
	h, master, _, contributor := benchHub(b)
	path := "/api/v1/assessments/" + master.ID + "/drafts"
	drafts := make([][]byte, b.N)
	for i := range drafts {
		drafts[i] = draft(b, master, fmt.Sprintf("d%d", i), "A", "gp", master.Wards[i%len(master.Wards)].Code, setText(0, fmt.Sprintf("Edit %d.", i)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rec := call(h, "POST", path, contributor, drafts[i]); rec.Code != 201 {
			b.Fatalf("submit = %d %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkMerge measures merging one pending one-ward draft into the
// master: read and decode the master, merge, encode and store it.
func BenchmarkMerge(b *testing.B) {
	h, master, coordinator, contributor := benchHub(b)
	base := "/api/v1/assessments/" + master.ID
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cur, err := jsna.Decode(call(h, "GET", base+"/master", contributor, nil).Body.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		d := draft(b, cur, fmt.Sprintf("m%d", i), "A", "gp", cur.Wards[i%len(cur.Wards)].Code, setText(1, fmt.Sprintf("Merge %d.", i)))
		if rec := call(h, "POST", base+"/drafts", contributor, d); rec.Code != 201 {
			b.Fatalf("submit = %d %s", rec.Code, rec.Body)
		}
		b.StartTimer()
		if rec := call(h, "POST", base+"/merge", coordinator, nil); rec.Code != 200 {
			b.Fatalf("merge = %d %s", rec.Code, rec.Body)
		}
	}
}
