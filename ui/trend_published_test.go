//go:build js && wasm

package ui

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
)

// TestPublishedText checks what a trend chart says of the published trend
// beside the calculated one, for each verdict, in English and in Welsh.
func TestPublishedText(t *testing.T) {
	ind := &jsna.Indicator{ID: "93097", Period: "2021/22", Polarity: jsna.LowerIsBetter}
	worse := &score.TrendMarker{Periods: 5, Marker: stats.TrendIncreasing, Direction: "Increasing and getting worse", Worsening: true}
	none := &score.TrendMarker{Periods: 3, NoMarker: score.NoMarkerTooFew}
	series := func(published string, t *score.TrendMarker) trendSeries {
		old := &jsna.Value{Indicator: "93097", Period: "2020/21"}
		cur := &jsna.Value{Indicator: "93097"}
		cur.SetPublishedTrend(published)
		return trendSeries{ind: ind, values: []*jsna.Value{old, cur}, trend: t}
	}
	tests := []struct {
		published string
		trend     *score.TrendMarker
		en, cy    string
	}{
		{"Increasing and getting worse", worse,
			"Fingertips publishes the same recent trend: increasing and getting worse (the file’s Recent Trend column).",
			"Mae Fingertips yn cyhoeddi’r un duedd ddiweddar: yn cynyddu ac yn gwaethygu (colofn Recent Trend y ffeil)."},
		{"No significant change", worse,
			"Fingertips publishes a different recent trend: no significant change (the file’s Recent Trend column). Fingertips calculates it over its own series, which may have periods or figures this file does not.",
			"Mae Fingertips yn cyhoeddi tuedd ddiweddar wahanol: dim newid arwyddocaol (colofn Recent Trend y ffeil). Mae Fingertips yn ei chyfrifo dros ei gyfres ei hun, a all fod â chyfnodau neu ffigurau nad ydynt yn y ffeil hon."},
		{"Decreasing & getting better", none,
			"Recent trend published by Fingertips: decreasing and getting better (the file’s Recent Trend column).",
			"Tuedd ddiweddar a gyhoeddwyd gan Fingertips: yn gostwng ac yn gwella (colofn Recent Trend y ffeil)."},
		{"Could not be calculated", worse,
			"Fingertips could not calculate a recent trend: its Recent Trend column says cannot be calculated.",
			"Ni allai Fingertips gyfrifo tuedd ddiweddar: mae ei golofn Recent Trend yn dweud ni ellir ei chyfrifo."},
		{"Rising a bit", none,
			"The file’s Recent Trend column says “Rising a bit”, which this version does not read as a recent trend.",
			"Mae colofn Recent Trend y ffeil yn dweud “Rising a bit”, nad yw’r fersiwn hon yn ei darllen fel tuedd ddiweddar."},
		{"", worse, "", ""},
	}
	for _, tt := range tests {
		for _, l := range []struct {
			lang Lang
			want string
		}{{English, tt.en}, {Welsh, tt.cy}} {
			a := &App{lang: l.lang}
			if got := a.publishedText(series(tt.published, tt.trend)); got != l.want {
				t.Errorf("%s: publishedText(%q) = %q, want %q", l.lang, tt.published, got, l.want)
			}
		}
	}
}

func TestSubHeading(t *testing.T) {
	for in, want := range map[string]string{"h2": "h3", "h3": "h4", "h5": "h6", "h6": "h6"} {
		if got := subHeading(in); got != want {
			t.Errorf("subHeading(%q) = %q, want %q", in, got, want)
		}
	}
}
