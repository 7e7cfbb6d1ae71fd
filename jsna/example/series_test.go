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
		for _, v := range w.Values {
			switch {
			case len(earlierPeriods[v.Indicator]) == 0:
				if v.Trend != nil {
					t.Errorf("%s %s: trend %+v for a single period", w.Code, v.Indicator, v.Trend)
				}
			case v.Trend == nil || v.Trend.Periods != len(earlierPeriods[v.Indicator])+1:
				t.Errorf("%s %s: trend %+v, want %d periods", w.Code, v.Indicator, v.Trend, len(earlierPeriods[v.Indicator])+1)
			case v.Indicator == "93097" && v.Trend.Marker == "":
				t.Errorf("%s 93097: no marker (%s), want one", w.Code, v.Trend.NoMarker)
			case v.Indicator != "93097" && v.Trend.NoMarker != noMarker[v.Indicator]:
				t.Errorf("%s %s: no marker %q, want %q", w.Code, v.Indicator, v.Trend.NoMarker, noMarker[v.Indicator])
			}
			if v.WorseAndWorsening() {
				worsening = append(worsening, w.Code+"/"+v.Indicator)
			}
		}
	}
	if got, want := strings.Join(worsening, " "), "E05900003/93097 E05900012/93097 E05900014/93097 E05900019/93097"; got != want {
		t.Errorf("worse and getting worse: %s, want %s", got, want)
	}
}
