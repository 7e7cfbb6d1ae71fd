//go:build js && wasm

package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
	"github.com/wardwise/wardwise/jsna/merge"
	"github.com/wardwise/wardwise/jsna/score"
)

// The catalogue's English for the sentences jsna writes must be jsna's,
// word for word: these tests make jsna write each one and compare.

// notesDoc is a small master on which score.Score and disclosure.Disclose write
// every note they have: no value, no interval, no benchmark, the
// benchmark area itself (a ward here), a small count (E05000001's 2 of
// 100) and the other count of its group (98 of the same 100).
const notesDoc = `{"format": "jsna/1", "id": "notes", "title": "Notes test",
 "area": {"code": "E09000099", "name": "Test Borough", "type": "local authority"},
 "benchmark": {"code": "E05000005", "name": "Comparator ward"},
 "indicators": [
  {"id": "p", "name": "Obesity", "domain": "child health", "method": "proportion", "polarity": "lower-is-better", "multiplier": 100, "benchmark_value": 10},
  {"id": "nb", "name": "Unbenchmarked", "method": "proportion", "polarity": "lower-is-better", "multiplier": 100},
  {"id": "v", "name": "Values only", "method": "other", "polarity": "lower-is-better"}],
 "wards": [
  {"code": "E05000001", "name": "One", "values": [{"indicator": "p", "count": 2, "denominator": 100, "value": 2}, {"indicator": "nb", "count": 98, "denominator": 100, "value": 98}]},
  {"code": "E05000002", "name": "Two", "values": [{"indicator": "p", "count": 50, "denominator": 400, "value": 12.5}]},
  {"code": "E05000003", "name": "Three", "values": [{"indicator": "p", "count": 60, "denominator": 300, "value": 20}]},
  {"code": "E05000004", "name": "Four", "values": [{"indicator": "p", "value": 5}, {"indicator": "v", "value": 3}]},
  {"code": "E05000006", "name": "Six", "values": [{"indicator": "p", "value": 7}]},
  {"code": "E05000005", "name": "Comparator ward", "values": [{"indicator": "p", "count": 1000, "denominator": 10000, "value": 10}]}]}`

func parseDoc(tb testing.TB, name, data string) *jsna.Document {
	tb.Helper()
	d, err := jsna.Parse(name, []byte(data))
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestNeedIndexFormula(t *testing.T) {
	if got := messagesEN["score.needindex"]; got != score.NeedIndexFormula {
		t.Errorf("messagesEN[score.needindex] = %q, want score.NeedIndexFormula %q", got, score.NeedIndexFormula)
	}
	s, err := score.Score(parseDoc(t, "notes.json", notesDoc), score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang    Lang
		formula string
		want    string
	}{
		{English, s.NeedIndex, score.NeedIndexFormula},
		{Welsh, s.NeedIndex, messagesCY["score.needindex"]},
		// A formula the catalogue does not know shows in jsna's English.
		{Welsh, "need index = something new", "\ue000en\ue001need index = something new\ue002 (yn Saesneg)"},
	}
	for _, tt := range tests {
		a := &App{lang: tt.lang}
		if got := a.needIndexText(tt.formula); got != tt.want {
			t.Errorf("needIndexText(%q) in %s = %q, want %q", tt.formula, tt.lang, got, tt.want)
		}
	}
}

func TestDisclosureRule(t *testing.T) {
	d := parseDoc(t, "notes.json", notesDoc)
	for _, threshold := range []int{0, 1, 2, 5, 10} {
		for _, showZero := range []bool{false, true} {
			opts := disclosure.Options{Threshold: threshold, ShowZero: showZero}
			_, rep := disclosure.Disclose(d, opts)
			if got := disclosureRule(English, threshold, showZero); got != rep.Rule {
				t.Errorf("disclosureRule(English, %d, %v) = %q, want jsna's %q", threshold, showZero, got, rep.Rule)
			}
			cy := (&App{lang: Welsh}).disclosureRuleText(rep, opts)
			if !strings.HasPrefix(cy, "Rheoli datgelu: ") || strings.Contains(cy, "suppressed") {
				t.Errorf("disclosureRuleText(%d, %v) in Welsh = %q, want the Welsh rule", threshold, showZero, cy)
			}
		}
	}
	tests := []struct {
		threshold int
		showZero  bool
		want      string
	}{
		{5, false, "Rheoli datgelu: caiff niferoedd o 0 i 4 eu hatal, ynghyd â’u gwerthoedd a’u cyfyngau hyder (ataliad sylfaenol). "},
		{10, true, "Rheoli datgelu: caiff niferoedd o 1 i 9 eu hatal, ynghyd â’u gwerthoedd a’u cyfyngau hyder (ataliad sylfaenol); dangosir niferoedd o sero. "},
		{1, true, "Rheoli datgelu: ni chaiff unrhyw nifer ei atal gyda’i werth a’i gyfyngau hyder (ataliad sylfaenol); dangosir niferoedd o sero. "},
	}
	for _, tt := range tests {
		if got := disclosureRule(Welsh, tt.threshold, tt.showZero); !strings.HasPrefix(got, tt.want) {
			t.Errorf("disclosureRule(Welsh, %d, %v) = %q, want it to start %q", tt.threshold, tt.showZero, got, tt.want)
		}
	}
	// NHS England's HES rule, a preset, is jsna's in English and
	// translated in Welsh.
	hes := disclosure.Options{Preset: disclosure.PresetNHSEnglandHES}
	_, hrep := disclosure.Disclose(&jsna.Document{}, hes)
	if got := (&App{lang: English}).disclosureRuleText(hrep, hes); got != hrep.Rule {
		t.Errorf("disclosureRuleText(HES) in English = %q, want jsna's %q", got, hrep.Rule)
	}
	if got := (&App{lang: Welsh}).disclosureRuleText(hrep, hes); !strings.HasPrefix(got, "Rheoli datgelu: methodoleg rheoli datgelu GIG Lloegr") {
		t.Errorf("disclosureRuleText(HES) in Welsh = %q", got)
	}
	// A rule jsna words differently shows in jsna's English.
	rep := disclosure.Report{Rule: "Disclosure control: a new rule."}
	if got, want := (&App{lang: Welsh}).disclosureRuleText(rep, disclosure.Options{}), "\ue000en\ue001Disclosure control: a new rule.\ue002 (yn Saesneg)"; got != want {
		t.Errorf("disclosureRuleText(new rule) = %q, want %q", got, want)
	}
}

func TestConflictReasons(t *testing.T) {
	for _, k := range jsna.ConflictKinds() {
		if got, want := messagesEN["merge.reason."+k], jsna.ConflictReason(k); got != want {
			t.Errorf("messagesEN[merge.reason.%s] = %q, want jsna.ConflictReason %q", k, got, want)
		}
		c := jsna.Conflict{Kind: k, Reason: jsna.ConflictReason(k)}
		if got, want := (&App{lang: Welsh}).conflictReasonText(c), messagesCY["merge.reason."+k]; got != want || want == "" {
			t.Errorf("conflictReasonText(%s) in Welsh = %q, want %q", k, got, want)
		}
		// A conflict recorded before kinds existed is known by its reason.
		c.Kind = ""
		if got, want := (&App{lang: Welsh}).conflictReasonText(c), messagesCY["merge.reason."+k]; got != want {
			t.Errorf("conflictReasonText(reason %q) in Welsh = %q, want %q", c.Reason, got, want)
		}
	}
	c := jsna.Conflict{Kind: "new-kind", Reason: "a reason this version does not know"}
	if got, want := (&App{lang: Welsh}).conflictReasonText(c), "\ue000en\ue001a reason this version does not know\ue002 (yn Saesneg)"; got != want {
		t.Errorf("conflictReasonText(unknown) = %q, want %q", got, want)
	}
	// A real merge: one draft deletes a need that another edits.
	m := parseDoc(t, "small.json", recordsDoc)
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	da, err := merge.NewDraft(m, merge.DraftOptions{ID: "a", Author: "Dr A", Role: jsna.RoleGP, Now: at})
	if err != nil {
		t.Fatal(err)
	}
	da.Wards[0].Needs = nil
	db, err := merge.NewDraft(m, merge.DraftOptions{ID: "b", Author: "Cllr B", Role: jsna.RoleCouncillor, Now: at})
	if err != nil {
		t.Fatal(err)
	}
	db.Wards[0].Needs[0].Size = 9
	out, _, err := merge.Merge(m, []*jsna.Document{da, db}, merge.Options{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Conflicts) != 1 {
		t.Fatalf("Merge gave %d conflicts, want 1: %+v", len(out.Conflicts), out.Conflicts)
	}
	if got, want := (&App{lang: Welsh}).conflictReasonText(out.Conflicts[0]), "wedi’i ddileu mewn un drafft ac wedi’i olygu mewn un arall"; got != want {
		t.Errorf("conflictReasonText(merge conflict) = %q, want %q", got, want)
	}
}

func TestValueNotes(t *testing.T) {
	d := parseDoc(t, "notes.json", notesDoc)
	notes := map[string]bool{}
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range s.Wards {
		for i := range w.Values {
			notes[w.Note(i)] = true
		}
	}
	// With a reference file's comparators, values without an interval are
	// placed among its wards.
	ref := d.Clone()
	for i := range ref.Indicators {
		ref.Indicators[i].Comparators = &jsna.Comparators{Source: "Fingertips", Area: "England", N: 10, Min: 0, Q25: 10, Median: 20, Q75: 30, Max: 1000, Quintiles: []float64{5, 15, 25, 35}}
	}
	if rs, err := score.Score(ref, score.Options{}); err == nil {
		for _, w := range rs.Wards {
			for i := range w.Values {
				notes[w.Note(i)] = true
			}
		}
	}
	disclosed, _ := disclosure.Disclose(d, disclosure.Options{Threshold: 5})
	for _, w := range disclosed.Wards {
		for _, v := range w.Values {
			notes[v.Note] = true
		}
	}
	en, cy := &App{lang: English}, &App{lang: Welsh}
	for _, k := range valueNotes {
		note := translate(English, "note."+k)
		if !notes[note] {
			t.Errorf("no value has the note %q of note.%s; jsna wrote %q", note, k, keys(notes))
		}
		if got := cy.noteText(note); got != messagesCY["note."+k] {
			t.Errorf("noteText(%q) in Welsh = %q, want %q", note, got, messagesCY["note."+k])
		}
	}
	primary := translate(English, "note.suppressed.primary", 5)
	if !notes[primary] {
		t.Errorf("no value has the note %q; jsna wrote %q", primary, keys(notes))
	}
	tests := []struct {
		a    *App
		note string
		want string
	}{
		{cy, primary, "wedi’i atal: nifer yn is na 5"},
		{cy, "suppressed: count below 12", "wedi’i atal: nifer yn is na 12"},
		{en, primary, primary},
		// Notes from the file stay as they are.
		{cy, "provisional figure", "provisional figure"},
		{cy, "suppressed: count below five", "suppressed: count below five"},
	}
	for _, tt := range tests {
		if got := tt.a.noteText(tt.note); got != tt.want {
			t.Errorf("noteText(%q) in %s = %q, want %q", tt.note, tt.a.lang, got, tt.want)
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestCountsOf(t *testing.T) {
	d := parseDoc(t, "notes.json", notesDoc)
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Every ward's split adds up to jsna's DomainCount.
	for _, w := range s.Wards {
		ex := extremesOf(s, &w)
		for _, dc := range w.Domains {
			c := countsOf(dc, ex[dc.Domain])
			if c.best+c.better != dc.Better || c.worse+c.worst != dc.Worse || c.best < 0 || c.better < 0 || c.worse < 0 || c.worst < 0 {
				t.Errorf("%s %s: countsOf(%+v, %v) = %+v, does not split jsna's counts", w.Code, dc.Domain, dc, ex[dc.Domain], c)
			}
		}
	}
	// Wilson intervals against 10%: E05000001's 2 of 100 is better at 95%
	// (0.55–7.0%) but not at 99.8% (up to 12%); E05000003's 60 of 300
	// (20%) is worse at 99.8% too (from 14.6%).
	for _, tt := range []struct {
		ward string
		want [2]int
	}{{"E05000001", [2]int{0, 0}}, {"E05000003", [2]int{0, 1}}} {
		if got := extremesOf(s, s.Ward(tt.ward))["child health"]; got != tt.want {
			t.Errorf("extremesOf(%s)[child health] = %v, want %v", tt.ward, got, tt.want)
		}
	}
	tests := []struct {
		dc       score.DomainCount
		extremes [2]int
		want     counts
	}{
		{score.DomainCount{Better: 3, Similar: 2, Worse: 4, Higher: 1, NotCompared: 1}, [2]int{1, 3}, counts{best: 1, better: 2, similar: 2, worse: 1, worst: 3, other: 2}},
		{score.DomainCount{Similar: 5, Lower: 2}, [2]int{}, counts{similar: 5, other: 2}},
	}
	for _, tt := range tests {
		if got := countsOf(tt.dc, tt.extremes); got != tt.want {
			t.Errorf("countsOf(%+v, %v) = %+v, want %+v", tt.dc, tt.extremes, got, tt.want)
		}
	}
}

// recordsDoc is a master with one need, one asset and one section.
const recordsDoc = `{"format": "jsna/1", "id": "records", "title": "Records test",
 "area": {"code": "E09000099", "name": "Test Borough", "type": "local authority"},
 "benchmark": {"code": "E92000001", "name": "England"},
 "indicators": [{"id": "90323", "name": "Reception: prevalence of obesity", "method": "proportion", "polarity": "lower-is-better", "multiplier": 100, "benchmark_value": 9.9}],
 "wards": [{"code": "E05000001", "name": "Riverside",
  "sections": [{"id": "s1", "title": "Who lives here", "text": "Line one.\nLine two."}],
  "assets": [{"id": "a1", "name": "Riverside library", "kind": "community space"}],
  "needs": [{"id": "n1", "title": "Childhood obesity", "indicators": ["90323"], "size": 6, "seriousness": 7, "effectiveness": 5,
   "pearl": {"propriety": true, "economics": false, "legality": true}, "recommendation": "Healthy schools programme.", "x_note": [1, 2]}]}]}`

func TestRecordFields(t *testing.T) {
	d := parseDoc(t, "records.json", recordsDoc)
	a := &App{lang: English}
	type row struct{ label, value string }
	tests := []struct {
		path string
		kind string
		want []row
	}{
		{"wards[E05000001].needs[n1]", "needs", []row{
			{"Need", "Childhood obesity"},
			{"A: size", "6"},
			{"B: seriousness", "7"},
			{"C: effectiveness", "5"},
			{"Basic priority rating", "100"}, // (A + 2B) × C = (6 + 14) × 5
			{"PEARL answers", "Propriety: Yes; Economics: No; Acceptability: Not answered; Resources: Not answered; Legality: Yes"},
			{"Indicators", "Reception: prevalence of obesity"},
			{"Recommendation", "Healthy schools programme."},
			{"x_note", "[1,2]"},
		}},
		{"wards[E05000001].sections[s1]", "sections", []row{{"Section title", "Who lives here"}, {"Text", "Line one.\nLine two."}}},
		{"wards[E05000001].assets[a1]", "assets", []row{{"Name", "Riverside library"}, {"Kind of asset", "community space"}}},
		{"wards[E05000001]", "wards", []row{
			{"Ward name", "Riverside"},
			{"Narrative sections", "1: Who lives here"},
			{"Community assets", "1: Riverside library"},
			{"Needs", "1: Childhood obesity"},
		}},
	}
	for _, tt := range tests {
		if got := recordKind(tt.path); got != tt.kind {
			t.Errorf("recordKind(%q) = %q, want %q", tt.path, got, tt.kind)
		}
		v := recordJSON(d, tt.path)
		if v == "" {
			t.Errorf("recordJSON(%q) = \"\", want the record", tt.path)
			continue
		}
		fields, ok := a.recordFieldsOf(d, tt.kind, v)
		if !ok {
			t.Errorf("recordFieldsOf(%s) is not ok", v)
			continue
		}
		var got []row
		for _, f := range fields {
			got = append(got, row{f.label, f.value})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("recordFieldsOf(%s) = %q, want %q", tt.path, got, tt.want)
		}
	}
	for _, p := range []string{"wards[E05000001].needs[n2]", "wards[E05000009]", "indicators[nope]"} {
		if got := recordJSON(d, p); got != "" {
			t.Errorf("recordJSON(%q) = %q, want \"\"", p, got)
		}
	}
	if got := recordKind("wards[E05000001].needs[n1].size"); got != "" {
		t.Errorf("recordKind(a field's path) = %q, want \"\"", got)
	}
}

func TestCandidateOrder(t *testing.T) {
	tests := []struct {
		c    jsna.Conflict
		want []int
	}{
		// A record: the master's, then the versions, then deleting it.
		{jsna.Conflict{Path: "wards[W].needs[n1]", Current: recordMark, Candidates: []jsna.Candidate{{Value: ""}, {Value: recordMark}, {Value: `{"id":"n1"}`}}}, []int{1, 2, 0}},
		// A field: as jsna gives them.
		{jsna.Conflict{Path: "wards[W].needs[n1].size", Current: "4", Candidates: []jsna.Candidate{{Value: "5"}, {Value: ""}, {Value: "6"}}}, []int{0, 1, 2}},
	}
	for _, tt := range tests {
		if got := candidateOrder(tt.c); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("candidateOrder(%s) = %v, want %v", tt.c.Path, got, tt.want)
		}
	}
}

func TestCandidateLabel(t *testing.T) {
	c := jsna.Conflict{Path: "wards[W].needs[n1]", Current: recordMark,
		Candidates: []jsna.Candidate{{Value: ""}, {Value: recordMark}, {Value: `{"id":"n1","size":1}`}, {Value: `{"id":"n1","size":2}`}}}
	gone := c
	gone.Current = ""
	tests := []struct {
		c    jsna.Conflict
		j    int
		want string
	}{
		{c, 0, "Delete this record"},
		{c, 1, "Keep the master’s version"},
		{c, 2, "Use version 1"},
		{c, 3, "Use version 2"},
		{gone, 0, "Leave the record deleted"},
	}
	for _, tt := range tests {
		if got := (&App{lang: English}).candidateLabel(tt.c, tt.j); got != tt.want {
			t.Errorf("candidateLabel(current %q, %d) = %q, want %q", tt.c.Current, tt.j, got, tt.want)
		}
	}
}
