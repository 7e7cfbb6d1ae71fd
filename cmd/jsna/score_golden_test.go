package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestScoreGolden scores two files, as JSON at both levels and as the
// table, and compares the output byte for byte with testdata/golden:
// score/series.json (Fingertips series, with trends, computed intervals
// and a current value of its own period, made by `jsna import fingertips`
// from jsna/importer/testdata/import/series.csv) and score/values-only.json
// (values without intervals, compared by quintile, from values-only.csv).
// The golden files were written by `jsna score` before ValueScore held its
// numbers by value (issue 15): the representation must not change them
// (run go test -update only for a change of behaviour, and say so).
func TestScoreGolden(t *testing.T) {
	for _, name := range []string{"series", "values-only"} {
		in := filepath.Join("testdata", "score", name+".json")
		for _, c := range []struct {
			suffix string
			args   []string
		}{
			{"", []string{"--json"}},
			{"-998", []string{"--json", "--level", "99.8"}},
			{"-table", nil},
		} {
			golden := filepath.Join("testdata", "golden", "score-"+name+c.suffix+".golden")
			code, out, errOut := runCLI(t, "", append([]string{"score", in}, c.args...)...)
			if code != 0 {
				t.Fatalf("jsna score %s %v = %d: %s", in, c.args, code, errOut)
			}
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("jsna score %s %v differs from %s", in, c.args, golden)
			}
		}
	}
}
