package merge

import (
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

func TestKeepAll(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	code := m.Wards[0].Code
	a := newDraft(t, m, "draft-a", "Dr A", jsna.RoleGP)
	b := newDraft(t, m, "cllr-b", "Cllr B", jsna.RoleCouncillor)
	a.Wards[0].Voice = append(a.Wards[0].Voice, jsna.Voice{ID: "v-new", Text: "Buses stop at six.", Source: "surgery"})
	b.Wards[0].Voice = append(b.Wards[0].Voice, jsna.Voice{ID: "v-new", Text: "The library is closing.", Date: "2026-11-02"})
	out, _ := mustMerge(t, m, a, b)
	var c jsna.Conflict
	for _, x := range out.Conflicts {
		if x.Path == "wards["+code+"].voice[v-new]" {
			c = x
		}
	}
	if c.ID == "" {
		t.Fatalf("no conflict on the added voice note; conflicts: %+v", out.Conflicts)
	}
	ids, err := KeptIDs(out, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Trim(strings.Join(ids, ","), ","); got != "v-new,v-new-draft-a" && got != "v-new,v-new-cllr-b" {
		t.Fatalf("KeptIDs() = %q", ids)
	}
	res, err := Resolve(out, c.ID, Resolution{KeepAll: true, By: "Coordinator C", At: mergeNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != len(out.Conflicts)-1 {
		t.Errorf("open conflicts %d, want %d", len(res.Conflicts), len(out.Conflicts)-1)
	}
	texts := map[string]string{}
	for _, v := range res.Wards[0].Voice {
		texts[v.ID] = v.Text
	}
	for i, cand := range c.Candidates {
		if ids[i] == "" {
			continue
		}
		var text string
		if strings.Contains(cand.Value, "Buses") {
			text = "Buses stop at six."
		} else {
			text = "The library is closing."
		}
		if texts[ids[i]] != text {
			t.Errorf("voice %s = %q, want %q (voice: %v)", ids[i], texts[ids[i]], text, texts)
		}
		// Provenance follows each version: its draft, then the resolver.
		var by []jsna.Source
		for _, p := range res.Provenance {
			if p.Path == "wards["+code+"].voice["+ids[i]+"]" {
				by = p.By
			}
		}
		if len(by) != 2 || by[0].Author != cand.By[0].Author || by[1].Author != "Coordinator C" {
			t.Errorf("provenance of %s = %+v, want %s then Coordinator C", ids[i], by, cand.By[0].Author)
		}
	}
	if r := res.Resolutions[len(res.Resolutions)-1]; strings.Join(r.Kept, ",") != strings.Trim(strings.Join(ids, ","), ",") {
		t.Errorf("resolution kept %q, want %q", r.Kept, ids)
	}
	// Undoing the resolution gives the master back.
	if h := res.History[len(res.History)-1]; h.Revision != jsna.Revision(out) || len(h.Undo) == 0 {
		t.Errorf("history entry = %+v", h)
	}

	// Not for a field, nor for a ward's values.
	if _, err := KeptIDs(out, jsna.Conflict{ID: "c-x", Path: "wards[" + code + "].sections[s].text", Candidates: c.Candidates}); err == nil {
		t.Error("KeptIDs on a field: no error")
	}
	if _, err := KeptIDs(out, jsna.Conflict{ID: "c-x", Path: "wards[" + code + "].values[1]", Candidates: c.Candidates}); err == nil {
		t.Error("KeptIDs on a value: no error")
	}
}

func TestFreeID(t *testing.T) {
	long := strings.Repeat("x", 120)
	for _, tt := range []struct {
		id    string
		taken []string
		want  string
	}{
		{"v1-draft-b", nil, "v1-draft-b"},
		{"v1-draft-b", []string{"v1-draft-b"}, "v1-draft-b-2"},
		{"v1-draft-b", []string{"v1-draft-b", "v1-draft-b-2"}, "v1-draft-b-3"},
		{long, nil, long[:100]},
		{long, []string{long[:100]}, long[:98] + "-2"},
	} {
		taken := map[string]bool{}
		for _, s := range tt.taken {
			taken[s] = true
		}
		if got := freeID(tt.id, taken); got != tt.want {
			t.Errorf("freeID(%q, %v) = %q, want %q", tt.id, tt.taken, got, tt.want)
		}
	}
}
