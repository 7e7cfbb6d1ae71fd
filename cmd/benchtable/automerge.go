package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/jsna/merge"
)

// The Automerge comparison: 50 drafts, each cut for 1% of the wards of a
// master of 300 or 700 wards by 60 indicators and setting a need's size
// and appending a line to a section's text in each of its wards, merged
// by merge.Merge (natively, in this process) and, as the same edits made
// as Automerge changes, applied by Automerge's applyChanges to the master
// as an Automerge document loaded from its saved form (automerge.mjs
// under Node, with the pinned @automerge/automerge of package.json). Each
// is the median of 3 runs; neither reading the files nor Automerge's
// loading of the master (Automerge.from, load) nor making its changes is
// counted.
var automergeWards = []int{300, 700}

const automergeDrafts, automergeRuns = 50, 3

// automergeEdit is one ward's edit in one draft, for automerge.mjs.
type automergeEdit struct {
	Draft   int     `json:"draft"`
	Ward    string  `json:"ward"`
	Need    string  `json:"need"`
	Size    float64 `json:"size"`
	Section string  `json:"section"`
	Append  string  `json:"append"`
}

// automergeRows measures the comparison at each size of automergeWards,
// unless only (benchtable -run) names other benchmarks.
func automergeRows(ctx context.Context, tmp, only string, stderr io.Writer) []Row {
	if only != "" && !strings.Contains("Automerge", only) {
		return nil
	}
	var rows []Row
	for _, w := range automergeWards {
		fmt.Fprintf(stderr, "benchtable: Automerge comparison, %d wards\n", w)
		rows = append(rows, automergePair(ctx, tmp, w)...)
	}
	return rows
}

// automergePair is the two rows, Wardwise's and Automerge's, of a master
// of wards wards.
func automergePair(ctx context.Context, tmp string, wards int) []Row {
	what := fmt.Sprintf("merge %d drafts (1%% of the wards each) into %d wards x 60 indicators", automergeDrafts, wards)
	ww := Row{What: what + ": Wardwise", Where: "native", Unit: "s/op", Source: "cmd/benchtable automerge.go, merge.Merge (median of 3)"}
	am := Row{What: what + ": Automerge applyChanges", Where: "node " + nodeVersion(), Unit: "s/op", Source: "cmd/benchtable automerge.mjs (median of 3)"}
	m, drafts, edits, err := automergeCase(wards)
	if err != nil {
		ww.Failed, am.Failed = err.Error(), err.Error()
		return []Row{ww, am}
	}
	var times []float64
	for range automergeRuns {
		start := time.Now()
		if _, _, err := merge.Merge(m, drafts, merge.Options{Now: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)}); err != nil {
			ww.Failed = err.Error()
			break
		}
		times = append(times, time.Since(start).Seconds())
	}
	if ww.Failed == "" {
		slices.Sort(times)
		ww.Value = times[len(times)/2]
	}
	res, err := runAutomerge(ctx, tmp, m, edits)
	if err != nil {
		am.Failed = err.Error()
		return []Row{ww, am}
	}
	am.Value = res.ApplyMS / 1000
	am.Extra = fmt.Sprintf("Automerge %s, %d changes; loading the master took %.1f s", res.Automerge, res.Changes, res.FromMS/1000)
	if ww.Failed == "" && ww.Value > 0 {
		am.Extra += fmt.Sprintf("; %.1f x Wardwise's time", am.Value/ww.Value)
	}
	return []Row{ww, am}
}

// automergeCase makes the master (sealed, as one read from a file is),
// its drafts and their edits.
func automergeCase(wards int) (*jsna.Document, []*jsna.Document, []automergeEdit, error) {
	m := example.New(example.Options{Wards: wards, Indicators: 60, Seed: 1})
	jsna.Seal(m)
	rng := rand.New(rand.NewPCG(uint64(wards), 2))
	per := max(1, wards/100)
	var drafts []*jsna.Document
	var edits []automergeEdit
	for i := range automergeDrafts {
		seen := map[string]bool{}
		var codes []string
		for len(codes) < per {
			if c := m.Wards[rng.IntN(len(m.Wards))].Code; !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
		d, err := merge.NewDraft(m, merge.DraftOptions{ID: fmt.Sprintf("d%03d", i), Author: "A", Role: jsna.RoleGP, Wards: codes, Now: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, nil, nil, err
		}
		for j := range d.Wards {
			w := &d.Wards[j]
			e := automergeEdit{Draft: i, Ward: w.Code, Need: w.Needs[0].ID, Size: float64(rng.IntN(11)), Section: w.Sections[0].ID, Append: fmt.Sprintf("\nedited by %d", i)}
			w.Needs[0].Size = e.Size
			w.Sections[0].Text += e.Append
			edits = append(edits, e)
		}
		drafts = append(drafts, d)
	}
	return m, drafts, edits, nil
}

// automergeResult is what automerge.mjs prints.
type automergeResult struct {
	Automerge string  `json:"automerge"`
	FromMS    float64 `json:"from_ms"`
	Changes   int     `json:"changes"`
	ApplyMS   float64 `json:"apply_ms"`
}

// runAutomerge writes the master and the edits for automerge.mjs and
// runs it.
func runAutomerge(ctx context.Context, tmp string, m *jsna.Document, edits []automergeEdit) (automergeResult, error) {
	var res automergeResult
	master, err := jsna.Marshal(m)
	if err != nil {
		return res, err
	}
	ej, err := json.Marshal(edits)
	if err != nil {
		return res, err
	}
	in := filepath.Join(tmp, fmt.Sprintf("automerge-%d.json", len(m.Wards)))
	body := append(append(append(append([]byte(`{"master":`), master...), `,"edits":`...), ej...), '}')
	if err := os.WriteFile(in, body, 0o644); err != nil {
		return res, err
	}
	cmd := exec.CommandContext(ctx, "node", filepath.Join("cmd", "benchtable", "automerge.mjs"), in, fmt.Sprint(automergeRuns))
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		return res, fmt.Errorf("node automerge.mjs: %v: %s", err, lastLine(errs.String()))
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return res, fmt.Errorf("node automerge.mjs printed %q: %v", lastLine(out.String()), err)
	}
	return res, nil
}
