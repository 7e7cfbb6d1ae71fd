package merge

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// TestSharedRecords checks that a merge leaves out of the master's flat
// form the records no draft changed (a ward's values), flattens those a
// draft changed (the edited need and section), and that the new master
// shares the unchanged records with the master instead of copying them,
// while the master itself is left as it was.
func TestSharedRecords(t *testing.T) {
	m := example.New(example.Options{Wards: 4, Indicators: 3, Seed: 7})
	jsna.Seal(m)
	before := jsna.Canonical(m)
	w0, w1 := m.Wards[0].Code, m.Wards[1].Code
	a := newDraft(t, m, "a", "Dr A", jsna.RoleGP, w0)
	a.Wards[0].Needs[0].Size = 9
	b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor, w0, w1)
	b.Wards[0].Sections[0].Text += "\nmore"
	b.Wards[1].Name = "Renamed" // the ward rebuilt whole: its shared values flattened then

	mg := &merger{master: m, opts: Options{Now: mergeNow}, rep: &Report{}, masterRev: jsna.Revision(m)}
	all, err := mg.admit([]*jsna.Document{a, b})
	if err != nil {
		t.Fatal(err)
	}
	mg.orderSaves(all)
	mg.scopeSaves()
	k := "wards[" + w0 + "]"
	val := k + ".values[" + m.Wards[0].Values[0].Indicator + "]"
	need := k + ".needs[" + m.Wards[0].Needs[0].ID + "]"
	sec := k + ".sections[" + m.Wards[0].Sections[0].ID + "]"
	if !mg.cur.shares.record(val) || mg.cur.values[val] != "" {
		t.Errorf("value %s: shared %v, flattened %q; want shared, not flattened", val, mg.cur.shares.record(val), mg.cur.values[val])
	}
	for _, rp := range []string{need, sec, k} {
		if mg.cur.shares.record(rp) || mg.cur.values[rp] != recordMark {
			t.Errorf("%s: shared %v, flattened %q; want flattened", rp, mg.cur.shares.record(rp), mg.cur.values[rp])
		}
	}

	out, _ := mustMerge(t, m, a, b)
	if !bytes.Equal(jsna.Canonical(m), before) {
		t.Fatal("Merge changed the master")
	}
	if &out.Wards[0].Values[0] != &m.Wards[0].Values[0] {
		t.Error("an unchanged value of a ward in scope was copied, not shared")
	}
	if &out.Wards[3].Needs[0] != &m.Wards[3].Needs[0] {
		t.Error("a ward outside the scope was copied, not shared")
	}
	if &out.Wards[0].Needs[0] == &m.Wards[0].Needs[0] || out.Wards[0].Needs[0].Size != 9 {
		t.Errorf("the changed need: shared with the master %v, size %v; want a copy of size 9", &out.Wards[0].Needs[0] == &m.Wards[0].Needs[0], out.Wards[0].Needs[0].Size)
	}
	if got, want := out.Wards[1].Name, "Renamed"; got != want || len(out.Wards[1].Values) != len(m.Wards[1].Values) {
		t.Errorf("renamed ward: name %q, %d values; want %q, %d", got, len(out.Wards[1].Values), want, len(m.Wards[1].Values))
	}

	scopedFlat = false
	whole, _ := mustMerge(t, m, a, b)
	scopedFlat = true
	if !bytes.Equal(mustBytes(t, out), mustBytes(t, whole)) {
		t.Error("the merge sharing records differs from the whole-document merge")
	}
}

// TestChangedContent checks that a merge in a scope validates the wards it
// changed with the document-wide members, not the wards it left as they
// were, and everything once a document-wide member changed.
func TestChangedContent(t *testing.T) {
	m := example.New(example.Options{Wards: 4, Indicators: 3, Seed: 7})
	jsna.Seal(m)
	w0, w1 := m.Wards[0].Code, m.Wards[1].Code
	run := func(edit func(d *jsna.Document)) *jsna.Document {
		d := newDraft(t, m, "a", "Dr A", jsna.RoleGP, w0, w1)
		edit(d)
		mg := &merger{master: m, opts: Options{Now: mergeNow}, rep: &Report{}, masterRev: jsna.Revision(m)}
		all, err := mg.admit([]*jsna.Document{d})
		if err != nil {
			t.Fatal(err)
		}
		mg.orderSaves(all)
		mg.scopeSaves()
		mg.findChanges()
		mg.decide()
		if err := mg.apply(); err != nil {
			t.Fatal(err)
		}
		return mg.changedContent()
	}
	c := run(func(d *jsna.Document) { d.Wards[1].Needs[0].Size = 9 })
	if len(c.Wards) != 1 || c.Wards[0].Code != w1 || len(c.Indicators) != 3 {
		t.Errorf("one ward edited: validated %d wards (first %q), %d indicators; want only %s, 3 indicators", len(c.Wards), c.Wards[0].Code, len(c.Indicators), w1)
	}
	c = run(func(d *jsna.Document) { d.Title = "New title" })
	if len(c.Wards) != 2 {
		t.Errorf("the title edited: validated %d wards, want the 2 in scope", len(c.Wards))
	}
}

// TestSameValueRecord holds sameValueRecord, the typed comparison of two
// values, to sameValue: equal for a value and its copy, and for each
// field of jsna.Value (found by reflection, so that a field added later
// is checked too), unequal where only that field differs, whether set,
// changed or cleared.
func TestSameValueRecord(t *testing.T) {
	n := func(f float64) *float64 { return &f }
	a := jsna.Value{Indicator: "93085", Count: n(3), Denominator: n(10), Value: n(30), Lower: n(10), Upper: n(60),
		Lower998: n(5), Upper998: n(70), Note: "note", Period: "2019/20", Extra: jsna.Extra{"x": []byte(`1`)}}
	same := func(x, y *jsna.Value) (bool, bool) {
		return sameValueRecord(x, y), sameValue(reflect.ValueOf(x).Elem(), reflect.ValueOf(y).Elem())
	}
	c := a
	if typed, generic := same(&a, &c); !typed || !generic {
		t.Fatalf("a value and its copy: typed %v, generic %v; want both true", typed, generic)
	}
	vt := reflect.TypeOf(a)
	for i := range vt.NumField() {
		if !vt.Field(i).IsExported() {
			continue
		}
		for _, change := range []string{"changed", "cleared"} {
			b := a
			f := reflect.ValueOf(&b).Elem().Field(i)
			switch {
			case change == "cleared":
				f.Set(reflect.Zero(f.Type()))
			case f.Kind() == reflect.String:
				f.SetString(f.String() + "x")
			case f.Kind() == reflect.Pointer:
				f.Set(reflect.ValueOf(n(*f.Interface().(*float64) + 1)))
			case f.Kind() == reflect.Map:
				f.Set(reflect.ValueOf(jsna.Extra{"x": []byte(`2`)}))
			default:
				t.Fatalf("field %s of kind %s: TestSameValueRecord does not know how to change it", vt.Field(i).Name, f.Kind())
			}
			if typed, generic := same(&a, &b); typed || generic {
				t.Errorf("field %s %s: typed %v, generic %v; want both false", vt.Field(i).Name, change, typed, generic)
			}
		}
	}
	z, negz := a, a
	z.Value, negz.Value = n(0), n(math.Copysign(0, -1))
	if typed, generic := same(&z, &negz); typed || generic {
		t.Errorf("0 and -0: typed %v, generic %v; want both false (numbers bit for bit)", typed, generic)
	}
	e1, e2 := a, a
	e1.Extra, e2.Extra = nil, jsna.Extra{}
	if typed, generic := same(&e1, &e2); typed != generic {
		t.Errorf("nil and empty Extra: typed %v, generic %v; want the same", typed, generic)
	}
}
