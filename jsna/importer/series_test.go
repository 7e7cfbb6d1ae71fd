package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
)

// TestImportSeriesGolden imports testdata/import/series.csv (synthetic):
// unemployment (93097) in five financial years for Riverside, four for
// Hillside (2019/20 missing), and Riverside's emergency admissions
// (93227) in three overlapping five-year periods, rows out of period
// order. Every period is kept, the latest as the indicator's own; the
// older England rows are skipped (a benchmark is of the current period).
func TestImportSeriesGolden(t *testing.T) {
	d, rep, err := importFile(t, "series.csv", Options{})
	if err != nil {
		t.Fatalf("Fingertips(series.csv) = %v", err)
	}
	checkGolden(t, "series.golden", importOutput(t, d, rep))
	if rep.Periods["93097"] != 5 || rep.Periods["93227"] != 3 {
		t.Errorf("Periods = %v, want 93097: 5, 93227: 3", rep.Periods)
	}
	if d.Indicators[0].Period != "2021/22" || d.Indicators[1].Period != "2016/17 - 20/21" {
		t.Errorf("indicator periods %q, %q; want the latest, 2021/22 and 2016/17 - 20/21", d.Indicators[0].Period, d.Indicators[1].Period)
	}
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ward, ind        string
		marker, noMarker string
		direction        string
	}{
		// Counts 40, 52, 64, 76, 88 of 2000: χ² well above 9.5495, no outlier.
		{"E05900001", "93097", stats.TrendIncreasing, "", "Increasing and getting worse"},
		{"E05900002", "93097", "", score.NoMarkerTooFew, ""},
		{"E05900001", "93227", "", score.NoMarkerPooled, ""},
	}
	for _, tt := range tests {
		var got *score.TrendMarker
		w := s.Ward(tt.ward)
		for i := range w.Values {
			if s.Indicators[i].Indicator == tt.ind {
				got = w.Trend(i)
			}
		}
		if got == nil || got.Marker != tt.marker || got.NoMarker != tt.noMarker || got.Direction != tt.direction {
			t.Errorf("%s %s trend = %+v, want marker %q, no marker %q, %q", tt.ward, tt.ind, got, tt.marker, tt.noMarker, tt.direction)
		}
	}
}

// The .ods importer shares the CSV's choices: the same series.
func TestImportSeriesODS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "import", "series.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ods := odsFromCSV(t, data)
	opts := Options{ID: "series", Title: "Series"}
	fromCSV, _, err := Fingertips("series.csv", bytes.NewReader(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	fromODS, rep, err := ODS("series.ods", bytes.NewReader(ods), int64(len(ods)), opts)
	if err != nil {
		t.Fatalf("ODS(series.ods) = %v", err)
	}
	if a, b := jsna.Canonical(fromCSV), jsna.Canonical(fromODS); !bytes.Equal(a, b) {
		t.Errorf("ODS differs from Fingertips:\nods: %s\ncsv: %s", b, a)
	}
	if rep.Periods["93097"] != 5 {
		t.Errorf("ODS Periods = %v, want 93097: 5", rep.Periods)
	}
}
