package merge

import (
	"reflect"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

func TestSummarise(t *testing.T) {
	for _, tt := range []struct {
		name    string
		changes []Change
		want    []RecordCount
	}{
		{"nothing", nil, []RecordCount{}},
		{"one voice note added counts once", []Change{
			{Path: "wards[E05000001].voice[v9]", To: "(record)"},
			{Path: "wards[E05000001].voice[v9].date", To: `"2026-11-01"`},
			{Path: "wards[E05000001].voice[v9].id", To: `"v9"`},
			{Path: "wards[E05000001].voice[v9].source", To: `"meeting"`},
			{Path: "wards[E05000001].voice[v9].text", To: `"Buses"`},
		}, []RecordCount{{Kind: "voice", Added: 1}}},
		{"two voice notes added, one section edited", []Change{
			{Path: "wards[E05000001].sections[health].text", From: `"a"`, To: `"b"`},
			{Path: "wards[E05000001].sections[health].title", From: `"a"`, To: `"b"`},
			{Path: "wards[E05000001].voice[v8]", To: "(record)"},
			{Path: "wards[E05000001].voice[v8].text", To: `"x"`},
			{Path: "wards[E05000002].voice[v9]", To: "(record)"},
		}, []RecordCount{{Kind: "sections", Edited: 1}, {Kind: "voice", Added: 2}}},
		{"a need deleted, a ward's population edited, the title", []Change{
			{Path: "title", From: `"a"`, To: `"b"`},
			{Path: "area.name", From: `"a"`, To: `"b"`},
			{Path: "wards[E05000001].needs[n1]", From: "(record)"},
			{Path: "wards[E05000001].needs[n1].size", From: "6"},
			{Path: "wards[E05000001].population", From: "1", To: "2"},
			{Path: "wards[E05000001].values[93085].value", From: "1", To: "2"},
			{Path: "zzz[k].x", From: "1", To: "2"},
		}, []RecordCount{{Kind: "wards", Edited: 1}, {Kind: "needs", Deleted: 1}, {Kind: "values", Edited: 1}, {Kind: "zzz", Edited: 1}, {Kind: "", Edited: 1}}},
		{"quoted keys", []Change{
			{Path: `wards[E05000001].assets["a b"]`, To: "(record)"},
			{Path: `wards[E05000001].assets["a b"].name`, To: `"Hall"`},
		}, []RecordCount{{Kind: "assets", Added: 1}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Summarise(tt.changes)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Summarise() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDraftChanges(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	w := m.Wards[0]
	// Someone else's merge moves the master on: the preview of a draft cut
	// before it must not show that merge undone.
	other := newDraft(t, m, "other", "Dr O", jsna.RoleGP)
	d := newDraft(t, m, "gp-a", "Dr A", jsna.RoleGP)
	other.Wards[1].Sections[0].Text = "Moved on by Dr O."
	m2, _ := mustMerge(t, m, other)

	d.Wards[0].Voice = append(d.Wards[0].Voice, jsna.Voice{ID: "v-new-1", Text: "The bus is cut."}, jsna.Voice{ID: "v-new-2", Text: "No GP on Fridays.", Source: "residents' meeting"})
	d.Wards[0].Sections[0].Text += "\nOne more line."
	changes, known := DraftChanges(m2, d)
	if !known {
		t.Fatal("DraftChanges: base not known")
	}
	got := Summarise(changes)
	want := []RecordCount{{Kind: "sections", Edited: 1}, {Kind: "voice", Added: 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summarise(DraftChanges()) = %+v, want %+v\nchanges: %+v", got, want, changes)
	}
	recs := Records(changes)
	if len(recs) != 3 || recs[0].Path != "wards["+w.Code+"].sections["+w.Sections[0].ID+"]" || recs[0].Change != Edited {
		t.Errorf("Records() = %+v", recs)
	}

	// On an unknown base the draft is compared with the master as it is.
	d.Draft.Base = "sha256:unknown"
	changes, known = DraftChanges(m2, d)
	if known {
		t.Error("DraftChanges: unknown base reported known")
	}
	if got := Summarise(changes); len(got) != 2 || got[0].Kind != "sections" || got[0].Edited != 2 {
		t.Errorf("Summarise(DraftChanges()) on an unknown base = %+v, want 2 sections edited (hers, and Dr O's undone) and 2 voice notes", got)
	}
}
