package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"sync"
)

// leadingAge matches the first whole number in a start age cell, as
// phe_life_expectancy reads "1-4", "90 +" or "85 – 89". It is compiled on
// first use, so that a program that reads no such table (the browser's
// viewer) does without package regexp.
var (
	leadingAgeOnce     sync.Once
	leadingAgeCompiled *regexp.Regexp
)

func leadingAge() *regexp.Regexp {
	leadingAgeOnce.Do(func() { leadingAgeCompiled = regexp.MustCompile(`^\D*(\d+)`) })
	return leadingAgeCompiled
}

// WriteLifeExpectancyTable reads a CSV table with columns group,
// startage, deaths and population, one row per age band (0, 1–4, 5–9, …,
// 90+; a start age cell may be a label such as "1-4", whose first number
// is the start age), and writes the life expectancy at each start age of
// each group (LifeExpectancy) to w, as `jsna ci le` does: group,
// startage, value, lowercl, uppercl, note, groups in the order they
// first appear and ages in order. A group without exactly the 20 bands,
// or with a missing cell, gets no values, with a note, as the reference
// gives NAs. A cell that is not a number, or a start age that is not one
// of the bands, is an error naming its line and column.
func WriteLifeExpectancyTable(w io.Writer, r io.Reader, confidence float64) error {
	if confidence == 0 {
		confidence = Level95
	}
	if _, err := normConfidence(confidence); err != nil {
		return err
	}
	t, err := readTable(r, []string{"group", "startage", "deaths", "population"}, nil)
	if err != nil {
		return err
	}
	names, rows := t.groups()
	var out [][]string
	for _, g := range names {
		bands, note, err := t.lifeBands(rows[g])
		if err != nil {
			return err
		}
		sort.SliceStable(bands, func(i, j int) bool { return bands[i].StartAge < bands[j].StartAge })
		lb := make([]LifeBand, len(bands))
		for i, b := range bands {
			lb[i] = b.LifeBand
			if i > 0 && b.StartAge == bands[i-1].StartAge && note == "" {
				note = fmt.Sprintf("age band %v given twice", b.StartAge)
			}
		}
		if note == "" && len(bands) != len(LifeExpectancyAges) {
			note = "the group does not contain records for all age bands"
		}
		var res []LifeExpectancyAt
		if note == "" {
			res, err = LifeExpectancy(lb, confidence)
			if err != nil {
				return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
			}
		}
		for i, b := range bands {
			cells := []string{g, b.label, "", "", "", note}
			if res != nil && !math.IsNaN(res[i].Value) {
				cells[2], cells[3], cells[4] = formatNumber(res[i].Value), formatNumber(res[i].Lower), formatNumber(res[i].Upper)
			}
			if res != nil {
				cells[5] = res[i].Note
			}
			out = append(out, cells)
		}
	}
	return writeBuffered(w, func(cw *csv.Writer) error {
		WriteSpreadsheetRow(cw, []string{"group", "startage", "value", "lowercl", "uppercl", "note"})
		for _, cells := range out {
			WriteSpreadsheetRow(cw, cells)
		}
		return nil
	})
}

// lifeRow is one age band of a life expectancy table with its label.
type lifeRow struct {
	label string
	LifeBand
}

// lifeBands reads one group's age bands; note says why the group cannot
// have a life expectancy (a missing cell).
func (t *table) lifeBands(rows []int) (bands []lifeRow, note string, err error) {
	for _, k := range rows {
		label, _ := t.cell(k, "startage")
		m := leadingAge().FindStringSubmatch(label)
		if m == nil {
			return nil, "", t.errorf(k, "startage", fmt.Errorf("%q is not an age band", label))
		}
		age, _ := strconv.ParseFloat(m[1], 64)
		if !containsFloat(LifeExpectancyAges, age) {
			return nil, "", t.errorf(k, "startage", fmt.Errorf("%q does not start an age band (0, 1, 5, 10, …, 90)", label))
		}
		b := lifeRow{label: label, LifeBand: LifeBand{StartAge: age}}
		for _, col := range []string{"deaths", "population"} {
			x, ok, err := t.number(k, col)
			if err != nil {
				return nil, "", err
			}
			if !ok && note == "" {
				note = col + " missing"
			}
			if col == "deaths" {
				b.Deaths = x
			} else {
				b.Population = x
			}
		}
		bands = append(bands, b)
	}
	return bands, note, nil
}

func containsFloat(list []float64, x float64) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}
