package merge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// TestValidDraft checks that a merge into a master known valid
// (jsna.SealValid), which validates only what each draft changes, refuses
// the drafts Validate refuses, with Validate's error: a changed record
// that breaks a rule of its own, and a value added beside one the draft
// has as the master has it, which together break a rule (two values of
// one indicator for its own period, one without a period and one with
// it); and that it merges a valid draft as a merge into a master not
// known valid does.
func TestValidDraft(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 3, Seed: 5})
	if err := jsna.SealValid(m); err != nil {
		t.Fatal(err)
	}
	if !jsna.Valid(m) {
		t.Fatal("jsna.Valid is false for a master SealValid found valid")
	}
	unknown := *m // a struct copy does not own the seal: not known valid
	if jsna.Valid(&unknown) {
		t.Fatal("jsna.Valid is true for a copy of a sealed master")
	}
	w0 := m.Wards[0].Code
	ind := m.Indicators[0]
	if ind.Period == "" {
		t.Fatalf("indicator %s has no period: the test needs one", ind.ID)
	}
	bad := []struct {
		name string
		edit func(d *jsna.Document)
		want string // part of Validate's message
	}{
		{"an interval above its value", func(d *jsna.Document) {
			v := &d.Wards[0].Values[0]
			lo := 1e9
			v.Lower = &lo
		}, "lower"},
		{"a value for the indicator's own period beside the value without one", func(d *jsna.Document) {
			v := d.Wards[0].Values[0]
			if v.Indicator != ind.ID || v.Period != "" {
				t.Fatalf("the first value is %s@%s, want %s without a period", v.Indicator, v.Period, ind.ID)
			}
			v.Period = ind.Period
			d.Wards[0].Values = append(d.Wards[0].Values, v)
		}, "two values for indicator"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			d := newDraft(t, m, "a", "Dr A", jsna.RoleGP, w0)
			tt.edit(d)
			verr := d.Validate()
			if verr == nil {
				t.Fatal("the draft validates: the test needs one that does not")
			}
			_, _, err := Merge(m, []*jsna.Document{d}, Options{Now: mergeNow})
			want := fmt.Sprintf("jsna: merge: draft %q: %v", "a", verr)
			if err == nil || err.Error() != want {
				t.Fatalf("Merge error %v, want %s", err, want)
			}
			if !bytes.Contains([]byte(want), []byte(tt.want)) {
				t.Errorf("Validate's error %q does not mention %q", want, tt.want)
			}
		})
	}
	d := newDraft(t, m, "a", "Dr A", jsna.RoleGP, w0)
	d.Wards[0].Needs[0].Size = 7
	got, _ := mustMerge(t, m, d)
	want, _ := mustMerge(t, &unknown, d)
	if !bytes.Equal(mustBytes(t, got), mustBytes(t, want)) {
		t.Error("merging into a master known valid differs from merging into one not known valid")
	}
}

// TestValidDraftMatchesValidate checks over random masters and drafts,
// some of them broken, that validDraft accepts exactly the drafts
// Validate accepts and otherwise returns Validate's error, and that a
// merge into a master known valid gives the same master, report and
// error as into one not known valid.
func TestValidDraftMatchesValidate(t *testing.T) {
	cases := 300
	if testing.Short() {
		cases = 50
	}
	checked, broken := 0, 0
	for c := range cases {
		rng := rand.New(rand.NewPCG(uint64(c), 7))
		mc := randomCase(rng)
		known := *mc.master
		if jsna.SealValid(&known) != nil {
			continue
		}
		for _, d := range mc.drafts {
			if rng.IntN(3) == 0 {
				breakDraft(rng, d)
			}
		}
		mg := &merger{master: &known, rep: &Report{}, masterRev: jsna.Revision(&known)}
		for _, d := range mc.drafts {
			checked++
			got, want := mg.validDraft(d, mg.sameAsMaster(d)), d.Validate()
			if want != nil {
				broken++
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("case %d, draft %s: validDraft %v, Validate %v", c, d.Draft.ID, got, want)
			}
		}
		a, arep, aerr := Merge(&known, mc.drafts, Options{Now: mergeNow})
		b, brep, berr := Merge(mc.master, mc.drafts, Options{Now: mergeNow})
		if fmt.Sprint(aerr) != fmt.Sprint(berr) {
			t.Fatalf("case %d: Merge errors differ: known valid %v, not known %v", c, aerr, berr)
		}
		if aerr == nil && (!bytes.Equal(mustBytes(t, a), mustBytes(t, b)) || fmt.Sprint(arep) != fmt.Sprint(brep)) {
			t.Fatalf("case %d: the merge into a master known valid differs", c)
		}
	}
	if broken < checked/10 || broken == checked {
		t.Errorf("%d of %d drafts broken: the test needs both kinds", broken, checked)
	}
}

// breakDraft makes one edit to a random ward of d that may break a rule
// of a record (an interval above its value, a negative count) or of two
// together (a value for its indicator's own period beside the one without
// a period).
func breakDraft(rng *rand.Rand, d *jsna.Document) {
	w := &d.Wards[rng.IntN(len(d.Wards))]
	if len(w.Values) == 0 {
		return
	}
	v := &w.Values[rng.IntN(len(w.Values))]
	big, neg := 1e12, -1.0
	switch rng.IntN(3) {
	case 0:
		v.Lower = &big
	case 1:
		v.Count = &neg
	case 2:
		for _, ind := range d.Indicators {
			if ind.ID == v.Indicator && v.Period == "" && ind.Period != "" {
				dup := *v
				dup.Period = ind.Period
				w.Values = append(w.Values, dup)
			}
		}
	}
}
