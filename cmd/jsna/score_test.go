package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
)

// sameCSVText compares CSV output cell by cell, numbers to 1e-13
// relative, so the last bit of a float may differ between platforms.
func sameCSVText(got, want string) bool {
	if got == want {
		return true
	}
	g, err1 := csv.NewReader(strings.NewReader(got)).ReadAll()
	w, err2 := csv.NewReader(strings.NewReader(want)).ReadAll()
	if err1 != nil || err2 != nil || len(g) != len(w) {
		return false
	}
	for i := range g {
		if len(g[i]) != len(w[i]) {
			return false
		}
		for j := range g[i] {
			if g[i][j] == w[i][j] {
				continue
			}
			a, errA := strconv.ParseFloat(g[i][j], 64)
			b, errB := strconv.ParseFloat(w[i][j], 64)
			if errA != nil || errB != nil || math.Abs(a-b) > 1e-13*math.Abs(b) {
				return false
			}
		}
	}
	return true
}

const exampleFile = "../../static/examples/example-borough.json"

func TestScoreCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "", "score", exampleFile)
	if code != 0 {
		t.Fatalf("jsna score = %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Compared with England at 95% confidence (best and worst: the 99.8% interval also excludes the benchmark)",
		"E05900014 Stoneworth: need index 1.3492, rank 1 of 20",
		"  better 0, similar 7, worse 22, higher 0, lower 1", // Stoneworth's summary
		"93097 Unemployment (% of the working age popu…",
		"worst",
		"Wards by need index (need index = the mean over domains (weighted equally unless stated)",
		"Ranked needs",
		"not ranked: the PEARL test's answer was no for resources",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("jsna score output lacks %q", want)
		}
	}

	code, out, errOut = runCLI(t, "", "score", exampleFile, "--json", "--level", "99.8")
	if code != 0 {
		t.Fatalf("jsna score --json = %d: %s", code, errOut)
	}
	var s struct {
		Confidence float64
		Wards      []struct {
			Code   string
			Values []struct {
				Comparison string
				Lower      *float64
			}
		}
		Ranking []string
		Needs   []struct{ Rank int }
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("jsna score --json: %v", err)
	}
	if s.Confidence != 0.998 || len(s.Wards) != 20 || len(s.Ranking) != 20 || len(s.Needs) == 0 || s.Needs[0].Rank != 1 {
		t.Errorf("jsna score --json: confidence %v, %d wards, %d ranked, %d needs", s.Confidence, len(s.Wards), len(s.Ranking), len(s.Needs))
	}
	kinds := map[string]bool{}
	for _, w := range s.Wards {
		for _, v := range w.Values {
			kinds[v.Comparison] = true
		}
	}
	if kinds["best"] || kinds["worst"] || !kinds["worse"] || !kinds["better"] {
		t.Errorf("comparisons at 99.8%%: %v, want better and worse, no best or worst", kinds)
	}

	for _, c := range []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"score"}, 2, "usage: jsna score FILE"},
		{[]string{"score", exampleFile, "--level", "90"}, 2, "jsna score: level 90 is not offered: use 95 or 99.8"},
		{[]string{"score", exampleFile, "--weights", "size"}, 2, `jsna score: weight "size" is not name=number`},
		{[]string{"score", exampleFile, "--weights", "size=1,wealth=2"}, 1, `jsna: no criterion "wealth"`},
		{[]string{"score", "nope.json"}, 1, "no such file or directory"},
	} {
		code, _, errOut := runCLI(t, "", c.args...)
		if code != c.wantCode || !strings.Contains(errOut, c.wantErr) {
			t.Errorf("jsna %s = %d %q, want %d %q", strings.Join(c.args, " "), code, errOut, c.wantCode, c.wantErr)
		}
	}
}
