package score

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/jsna/stats"
)

// partsExample is an example document with what the parts of Score's
// passes must join in ward order: notes and periods of the file's own
// (words), series (trends), values without an interval or without a
// value, a further benchmark, an indicator without a benchmark value
// (built from the wards) and the benchmark area's own row.
func partsExample() *jsna.Document {
	d := example.New(example.Options{Wards: 700, Indicators: 60, Seed: 3})
	d.Indicators[5].BenchmarkValue = nil
	d.OtherBenchmarks = []jsna.Benchmark{{Code: "E12000007", Name: "London", Kind: jsna.KindRegion, Values: []jsna.Value{
		{Indicator: d.Indicators[0].ID, Value: fp(10)}, {Indicator: d.Indicators[1].ID, Value: fp(20)},
	}}}
	d.Wards[3].Code = d.Benchmark.Code
	for wi := range d.Wards {
		w := &d.Wards[wi]
		for vi := range w.Values {
			v := &w.Values[vi]
			if v.Period != "" {
				continue
			}
			switch (wi*7 + vi) % 97 {
			case 0:
				v.Note = "suppressed: fewer than 5"
				v.Count, v.Value, v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil, nil, nil
			case 1:
				v.Note = "provisional"
			case 2:
				v.Period = d.Indicators[vi%len(d.Indicators)].Period
			case 3:
				v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil
			}
		}
	}
	return d
}

// TestScoreInParts: scoring in two or three parts, in a scratch another
// document used, gives the scores of one pass down the wards in a new
// one, in every number, word and trend, and in the order of the words
// and trends the values index.
func TestScoreInParts(t *testing.T) {
	d := partsExample()
	one, err := score(d, Options{}, 1, new(scratch))
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Wards[0].text.trends) == 0 || len(one.Wards[0].text.words) == len(fixedWords) {
		t.Fatalf("the example has %d trends and %d words of its own: want some of each",
			len(one.Wards[0].text.trends), len(one.Wards[0].text.words)-len(fixedWords))
	}
	want, err := json.Marshal(one)
	if err != nil {
		t.Fatal(err)
	}
	for _, parts := range []int{2, 3} {
		// A scratch another document left, and then garbage, is
		// written before it is read.
		sc := new(scratch)
		if _, err := score(example.New(example.Options{Wards: 900, Indicators: 60, Seed: 9}), Options{}, parts, sc); err != nil {
			t.Fatal(err)
		}
		for k := range sc.floats {
			sc.floats[k] = math.NaN()
		}
		for k := range sc.current {
			sc.current[k], sc.periods[k] = 7, 200
		}
		for k := range sc.of {
			sc.of[k] = 5
		}
		s, err := score(d, Options{}, parts, sc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("score in %d parts: the JSON differs from one pass's", parts)
		}
		if !reflect.DeepEqual(s.Wards[0].text, one.Wards[0].text) {
			t.Errorf("score in %d parts: the words and trends differ from one pass's", parts)
		}
		for wi := range s.Wards {
			if s.Wards[wi].text != s.Wards[0].text {
				t.Fatalf("score in %d parts: ward %d keeps its words apart", parts, wi)
			}
			if !reflect.DeepEqual(s.Wards[wi].Values, one.Wards[wi].Values) {
				t.Fatalf("score in %d parts: ward %d's values differ from one pass's", parts, wi)
			}
		}
	}
}

// TestInPartsPanic: a panic in any part reaches inParts' caller, once
// every part has stopped.
func TestInPartsPanic(t *testing.T) {
	for _, bad := range []int{0, 1, 2} {
		done := make([]bool, 3)
		func() {
			defer func() {
				if p := recover(); p != bad {
					t.Errorf("part %d panicked: recovered %v, want %d", bad, p, bad)
				}
			}()
			inParts(3, 30, func(k, lo, hi int) {
				if k == bad {
					panic(k)
				}
				done[k] = true
			})
		}()
		for k, ok := range done {
			if ok == (k == bad) {
				t.Errorf("part %d panicked: part %d done = %v", bad, k, ok)
			}
		}
	}
}

// TestBounds: the parts cover the items in order, without overlap.
func TestBounds(t *testing.T) {
	for _, n := range []int{0, 1, 7, 7000} {
		for parts := 1; parts <= 3; parts++ {
			next := 0
			for k := range parts {
				lo, hi := bounds(k, parts, n)
				if lo != next || hi < lo {
					t.Errorf("bounds(%d, %d, %d) = %d, %d; want from %d", k, parts, n, lo, hi, next)
				}
				next = hi
			}
			if next != n {
				t.Errorf("%d parts of %d end at %d", parts, n, next)
			}
		}
	}
}

// TestDomainCountSum: sum adds every count of a DomainCount, so that a
// ward's Total (the sum of its domains') counts every comparison.
func TestDomainCountSum(t *testing.T) {
	var c DomainCount
	rc := reflect.ValueOf(&c).Elem()
	for k := range rc.NumField() {
		if f := rc.Field(k); f.Kind() == reflect.Int {
			f.SetInt(int64(k + 1))
		}
	}
	total := DomainCount{Domain: "", Better: 100}
	total.sum(&c)
	total.sum(&c)
	rt := reflect.ValueOf(total)
	for k := range rt.NumField() {
		if f := rt.Field(k); f.Kind() == reflect.Int {
			want := 2 * int64(k+1)
			if rc.Type().Field(k).Name == "Better" {
				want += 100
			}
			if f.Int() != want {
				t.Errorf("sum: %s = %d, want %d", rc.Type().Field(k).Name, f.Int(), want)
			}
		}
	}
}

// comparisonCode tells the comparisons apart by their length and a
// letter, then one string comparison: a string of a comparison's length
// and letters that is not a comparison is not taken for one.
func TestComparisonCodeUnknown(t *testing.T) {
	for _, c := range []stats.Comparison{"unknown", "bust", "wurse", "lowe", "lowst", "lowest", "hetter", "similer", "x", "Best"} {
		if got := comparisonCode(c); got != comparisonNotCompared {
			t.Errorf("comparisonCode(%q) = %d, want that of not compared", c, got)
		}
	}
}

// BenchmarkScoreEnglandValuesOnly is BenchmarkScoreEngland of a file
// without benchmark values, as many councils publish: every indicator's
// benchmark is built from the wards' current values.
func BenchmarkScoreEnglandValuesOnly(b *testing.B) {
	if testing.Short() {
		b.Skip("England-scale benchmark skipped with -short")
	}
	d := englandExample()
	for i := range d.Indicators {
		d.Indicators[i].BenchmarkValue = nil
	}
	benchmarkScore(b, d)
}

// The benchmarks built from the wards are WardsBenchmark of the
// comparator wards' current values (jsna.CurrentValue), which locate
// finds: of series too, where the current value is not a ward's first of
// the indicator.
func TestBenchmarksOfCurrentValues(t *testing.T) {
	d := partsExample()
	for i := range d.Indicators {
		d.Indicators[i].BenchmarkValue = nil
	}
	for wi := 0; wi < len(d.Wards); wi += 2 {
		slices.Reverse(d.Wards[wi].Values) // the earlier periods before the current
	}
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	built := 0
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		if s.Indicators[i].BenchmarkSource == FromFile {
			continue
		}
		var values []*jsna.Value
		for wi := range d.Wards {
			if w := &d.Wards[wi]; w.Code != d.Benchmark.Code && w.Code != d.Area.Code {
				values = append(values, jsna.CurrentValue(w, ind))
			}
		}
		want, src := WardsBenchmark(ind, values)
		if got := s.Indicators[i].Benchmark; src != s.Indicators[i].BenchmarkSource || (got == nil) != (src == NoBenchmark) || got != nil && *got != want {
			t.Errorf("%s: benchmark %v from %s, want %v from %s", ind.ID, got, s.Indicators[i].BenchmarkSource, want, src)
		}
		built++
	}
	if built < len(d.Indicators)/2 {
		t.Errorf("%d of %d benchmarks built from the wards, want most", built, len(d.Indicators))
	}
}

// TestScoresKeepNothingOfScratch scores, then fills the scratch the
// scores were made in with garbage, as the next Score from the pool would
// overwrite it: the scores are unchanged, so nothing of them is in it.
func TestScoresKeepNothingOfScratch(t *testing.T) {
	d := partsExample()
	for _, parts := range []int{1, 2} {
		sc := new(scratch)
		s, err := score(d, Options{}, parts, sc)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		for k := range sc.floats {
			sc.floats[k] = math.NaN()
		}
		for k := range sc.current {
			sc.current[k], sc.periods[k] = 7, 200
		}
		for k := range sc.of {
			sc.of[k] = 5
		}
		got, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%d parts: the scores changed when their scratch was overwritten", parts)
		}
	}
}
