package merge

import (
	"bytes"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

func TestAtRevision(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	a := newDraft(t, m, "gp-a", "Dr A", jsna.RoleGP)
	b := newDraft(t, m, "cllr-b", "Cllr B", jsna.RoleCouncillor)
	a.Wards[0].Sections[0].Text = "From A."
	a.Wards[1].Voice = append(a.Wards[1].Voice, jsna.Voice{ID: "v-a", Text: "Said to A."})
	b.Wards[0].Sections[0].Text = "From B."
	m2, _ := mustMerge(t, m, a, b)
	m3, err := Resolve(m2, m2.Conflicts[0].ID, Resolution{Take: 1, By: "C", At: mergeNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		rev  string
		want *jsna.Document
	}{
		{"the first", jsna.Revision(m), m},
		{"after the merge", jsna.Revision(m2), m2},
		{"its own", jsna.Revision(m3), m3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AtRevision(m3, tt.rev)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := content(got), content(tt.want); !bytes.Equal(g, w) {
				t.Errorf("AtRevision(%s) content differs:\n%s\nwant\n%s", tt.rev, g, w)
			}
		})
	}
	if _, err := AtRevision(m3, "sha256:nope"); err == nil {
		t.Error("AtRevision of an unknown revision: no error")
	}
	if got := Diff(mustAt(t, m3, jsna.Revision(m)), m3); len(Records(got)) != 2 {
		t.Errorf("Diff(first, now) = %d records, want 2 (the section, the voice note): %+v", len(Records(got)), got)
	}
}

func mustAt(tb testing.TB, m *jsna.Document, rev string) *jsna.Document {
	tb.Helper()
	d, err := AtRevision(m, rev)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
