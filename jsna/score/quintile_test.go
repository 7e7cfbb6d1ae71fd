package score

import (
	"fmt"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// TestScoreByQuintile: values without intervals are placed by quintile
// among the wards (phe_quantile, five quantiles), named by polarity, and
// never called similar; with fewer than five wards they are not compared.
func TestScoreByQuintile(t *testing.T) {
	doc := func(n int) *jsna.Document {
		d := &jsna.Document{
			Area:      jsna.Area{Code: "E09000001", Name: "Borough"},
			Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
			Indicators: []jsna.Indicator{
				{ID: "L", Name: "L", Method: jsna.MethodOther, Polarity: jsna.LowerIsBetter},
				{ID: "H", Name: "H", Method: jsna.MethodOther, Polarity: jsna.HigherIsBetter},
				{ID: "N", Name: "N", Method: jsna.MethodOther, Polarity: jsna.NoJudgement},
			},
		}
		for i := range n {
			x := float64(10 * (i + 1))
			d.Wards = append(d.Wards, jsna.Ward{Code: fmt.Sprintf("W%d", i+1), Name: "W", Values: []jsna.Value{
				{Indicator: "L", Value: fp(x)}, {Indicator: "H", Value: fp(x)}, {Indicator: "N", Value: fp(x)},
			}})
		}
		return d
	}
	s, err := Score(doc(5), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][3]string{ // L, H, N for wards 10, 20, 30, 40, 50
		{"best", "worst", "lowest"},
		{"2nd-best", "2nd-worst", "2nd-lowest"},
		{"middle", "middle", "middle"},
		{"2nd-worst", "2nd-best", "2nd-highest"},
		{"worst", "best", "highest"},
	}
	for wi, w := range s.Wards {
		for i, vs := range w.Values {
			if vs.ByQuintile() != want[wi][i] || vs.Comparison() != stats.NotCompared || w.Note(i) != NoteByQuintile {
				t.Errorf("ward %s %s: %q, %s, %q; want %q, not compared, %q", w.Code, s.Indicators[i].Indicator, vs.ByQuintile(), vs.Comparison(), w.Note(i), want[wi][i], NoteByQuintile)
			}
		}
		if w.Total != (DomainCount{ByQuintile: 3}) {
			t.Errorf("ward %s total = %+v, want 3 by quintile", w.Code, w.Total)
		}
	}
	// The median of the wards is their benchmark: 30.
	if b := s.Indicators[0].Benchmark; b == nil || *b != 30 || s.BenchmarkSource != FromWardsMedian {
		t.Errorf("benchmark %v from %s, want 30 from the median", b, s.BenchmarkSource)
	}
	s, _ = Score(doc(4), Options{})
	if w := &s.Wards[0]; w.Values[0].ByQuintile() != "" || w.Note(0) != NoteNoInterval || w.Total.NotCompared != 3 {
		t.Errorf("4 wards: %q %q %+v; want not compared, %q", w.Values[0].ByQuintile(), w.Note(0), w.Total, NoteNoInterval)
	}
}
