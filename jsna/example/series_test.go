package example

import (
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna/score"
)

// The shipped example's series: unemployment's five annual periods have
// a marker in every ward; the other series never do, and say why. The
// wards worse than England and getting worse are listed so that a change
// to the generator shows here.
func TestExampleSeries(t *testing.T) {
	d := New(Options{})
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	noMarker := map[string]string{"93701": score.NoMarkerTooFew, "93227": score.NoMarkerPooled, "93250": score.NoMarkerPooled}
	var worsening []string
	for _, w := range s.Wards {
		for i := range w.Values {
			id, tr := s.Indicators[i].Indicator, w.Trend(i)
			switch {
			case len(earlierPeriods[id]) == 0:
				if tr != nil {
					t.Errorf("%s %s: trend %+v for a single period", w.Code, id, tr)
				}
			case tr == nil || tr.Periods != len(earlierPeriods[id])+1:
				t.Errorf("%s %s: trend %+v, want %d periods", w.Code, id, tr, len(earlierPeriods[id])+1)
			case id == "93097" && tr.Marker == "":
				t.Errorf("%s 93097: no marker (%s), want one", w.Code, tr.NoMarker)
			case id != "93097" && tr.NoMarker != noMarker[id]:
				t.Errorf("%s %s: no marker %q, want %q", w.Code, id, tr.NoMarker, noMarker[id])
			}
			if w.WorseAndWorsening(i) {
				worsening = append(worsening, w.Code+"/"+id)
			}
		}
	}
	if got, want := strings.Join(worsening, " "), "E05900003/93097 E05900012/93097 E05900014/93097 E05900019/93097"; got != want {
		t.Errorf("worse and getting worse: %s, want %s", got, want)
	}
}
