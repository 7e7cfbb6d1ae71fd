package jsna

import (
	"strings"
	"testing"
)

func TestPeriodSpan(t *testing.T) {
	tests := []struct {
		in         string
		start, end float64
		ok         bool
	}{
		{"2019", 2019, 2020, true},
		{"2019/20", 2019.25, 2020.25, true},
		{"2019-20", 2019.25, 2020.25, true},
		{"1999/00", 1999.25, 2000.25, true},
		{"2017 - 21", 2017, 2022, true},
		{"2015-2019", 2015, 2020, true},
		{"2020/21 - 22/23", 2020.25, 2023.25, true},
		{"2016/17 - 20/21", 2016.25, 2021.25, true},
		{"2019/21", 0, 0, false},    // a financial year is one year
		{"2021 - 17", 0, 0, false},  // ends before it starts
		{"2019/20 Q3", 0, 0, false}, // quarters are not read
		{"2020/21 - 19/20", 0, 0, false},
		{"latest", 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := PeriodSpan(tt.in)
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("PeriodSpan(%q) = %v, %v, %v, want %v, %v, %v", tt.in, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestComparePeriods(t *testing.T) {
	// Earliest first, as the doc comment of ComparePeriods orders them.
	ordered := []string{"", "Q3 2019", "latest", "2019", "2019/20", "2017 - 21", "2021", "2020/21 - 22/23"}
	for i := range ordered {
		for j := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := ComparePeriods(ordered[i], ordered[j]); got != want {
				t.Errorf("ComparePeriods(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func TestCurrentValueAndSeries(t *testing.T) {
	ind := &Indicator{ID: "93085", Period: "2019/20"}
	w := &Ward{Values: []Value{
		{Indicator: "93085", Period: "2017/18", Value: ptr(3.0)},
		{Indicator: "93085", Value: ptr(5.0)}, // the indicator's period, 2019/20
		{Indicator: "90000", Period: "2021/22", Value: ptr(9.0)},
		{Indicator: "93085", Period: "2018/19", Value: ptr(4.0)},
	}}
	if v := CurrentValue(w, ind); v == nil || *v.Value != 5 {
		t.Fatalf("CurrentValue = %v, want the value 5 of 2019/20", v)
	}
	var got []float64
	for _, v := range Series(w, ind) {
		got = append(got, *v.Value)
	}
	if len(got) != 3 || got[0] != 3 || got[1] != 4 || got[2] != 5 {
		t.Errorf("Series values = %v, want [3 4 5]", got)
	}
	if v := CurrentValue(w, &Indicator{ID: "none"}); v != nil {
		t.Errorf("CurrentValue of an indicator without values = %v, want nil", v)
	}
	if k := w.Values[0].Key(); k != "93085@2017/18" {
		t.Errorf("Key() = %q, want 93085@2017/18", k)
	}
	if k := w.Values[1].Key(); k != "93085" {
		t.Errorf("Key() = %q, want 93085", k)
	}
}

// A value's period decodes, encodes back and is checked for its type; a
// file without periods encodes as it did.
func TestValuePeriodCodec(t *testing.T) {
	const in = `{"format":"jsna/1","id":"x","title":"X","area":{"code":"E09000099","name":"A"},"benchmark":{"code":"E92000001","name":"England"},` +
		`"indicators":[{"id":"1","name":"One","method":"count","polarity":"no-judgement","period":"2020"}],` +
		`"wards":[{"code":"E05000001","name":"W","values":[{"indicator":"1","value":2},{"indicator":"1","period":"2019","value":1}]}]}`
	d, err := Parse("series.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Wards[0].Values[1].Period; got != "2019" {
		t.Fatalf("period = %q, want 2019", got)
	}
	b, err := Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `{"indicator": "1", "period": "2019", "value": 1}`) || strings.Count(string(b), `"period"`) != 2 {
		t.Errorf("Marshal = %s, want the 2019 value with its period and the 2020 one without", b)
	}
	_, err = Parse("bad.json", []byte(strings.Replace(in, `"period":"2019"`, `"period":2019`, 1)))
	if err == nil || !strings.Contains(err.Error(), "wards[0].values[1].period") {
		t.Errorf("Parse(period 2019 as a number) = %v, want an error at wards[0].values[1].period", err)
	}
}

// Periods.Compare is ComparePeriods, the spans remembered: the order of
// ComparePeriods' doc comment and periods it cannot read.
func TestPeriodsCompare(t *testing.T) {
	periods := []string{"2019", "2019/20", "2017 - 21", "2021", "2020/21 - 22/23", "2019 Q1", "", "later", "2018-19", "2016/17 - 20/21"}
	p := make(Periods)
	for round := 0; round < 2; round++ { // the second from the memo
		for _, a := range periods {
			for _, b := range periods {
				if got, want := p.Compare(a, b), ComparePeriods(a, b); got != want {
					t.Errorf("Periods.Compare(%q, %q) = %d, want %d", a, b, got, want)
				}
			}
		}
	}
	if len(p) != len(periods) {
		t.Errorf("Periods remembered %d periods, want %d", len(p), len(periods))
	}
}

// Periods.SortSeries is SortSeries: earliest first, values of one period
// (and of the indicator's own, an empty period) kept in their order, in
// series short and longer than its room for spans.
func TestPeriodsSortSeries(t *testing.T) {
	ind := &Indicator{ID: "x", Period: "2019/20"}
	periods := []string{"2021", "", "2019", "2017 - 21", "later", "2019/20", "2021", "2020/21 - 22/23", "2019 Q1", "2019", "", "2018-19"}
	p := make(Periods)
	for n := 0; n <= len(periods); n++ {
		for shift := range max(n, 1) {
			var values []Value
			for k := range n {
				values = append(values, Value{Indicator: "x", Period: periods[(k+shift)%n], Note: string(rune('a' + k))})
			}
			got, want := make([]*Value, n), make([]*Value, n)
			for k := range values {
				got[k], want[k] = &values[k], &values[k]
			}
			p.SortSeries(got, ind)
			SortSeries(want, ind)
			for k := range got {
				if got[k] != want[k] {
					t.Errorf("%d values from %d: Periods.SortSeries has %q (%s) at %d, SortSeries %q (%s)",
						n, shift, got[k].Period, got[k].Note, k, want[k].Period, want[k].Note)
				}
			}
		}
	}
}
