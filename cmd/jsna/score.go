package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
)

func init() {
	register(&command{
		name:    "score",
		usage:   "jsna score FILE [--json] [--level 95|99.8] [--weights size=1,severity=2,...]",
		summary: "compare every ward with the benchmark, summarise, rank wards by need and rank the needs",
		run:     runScore,
	})
}

// parseInterleaved parses flags that may come before or after the
// positional arguments and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseLevel reads a confidence level given as a percentage (95, 99.8) or
// a fraction (0.95, 0.998).
func parseLevel(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("level %q is not a number", s)
	}
	switch x {
	case 95, stats.Level95:
		return stats.Level95, nil
	case 99.8, stats.Level998:
		return stats.Level998, nil
	}
	return 0, fmt.Errorf("level %v is not offered: use 95 or 99.8", s)
}

// parseWeights reads "name=w,name=w".
func parseWeights(s string) (map[string]float64, error) {
	if s == "" {
		return nil, nil
	}
	weights := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("weight %q is not name=number", part)
		}
		w, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return nil, fmt.Errorf("weight %q is not name=number", part)
		}
		weights[strings.TrimSpace(name)] = w
	}
	return weights, nil
}

func runScore(ctx context.Context, e *env, args []string) error {
	const usage = "usage: jsna score FILE [--json] [--level 95|99.8] [--weights size=1,severity=2,...]"
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	level := fs.String("level", "95", "confidence level of the interval compared with the benchmark: 95 or 99.8")
	weightsFlag := fs.String("weights", "", "rank needs by a weighted score with these criterion weights instead of the Hanlon BPR")
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) != 1 {
		return usagef(usage)
	}
	conf, err := parseLevel(*level)
	if err != nil {
		return usagef("jsna score: %v\n%s", err, usage)
	}
	weights, err := parseWeights(*weightsFlag)
	if err != nil {
		return usagef("jsna score: %v\n%s", err, usage)
	}
	d, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	s, err := score.Score(d, score.Options{Confidence: conf, Weights: weights})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	return writeScoreTable(e.stdout, d, s)
}

// writeScoreTable writes the scores for people: each ward's values with
// their intervals, comparison and spine position, its summary, then the
// ward ranking and the ranked needs.
func writeScoreTable(w io.Writer, d *jsna.Document, s *score.Scores) error {
	bw := &errWriter{w: w}
	pct := strconv.FormatFloat(s.Confidence*100, 'g', -1, 64)
	bw.printf("%s\n", d.Title)
	bw.printf("Compared with %s at %s%% confidence", s.BenchmarkName(d), pct)
	if s.Confidence == stats.Level95 {
		bw.printf(" (best and worst: the 99.8%% interval also excludes the benchmark)")
	}
	bw.printf("\n")
	for _, b := range s.OtherBenchmarks {
		bw.printf("Also compared with %s%s, in the columns named after it\n", b.Name, kindPhrase(b.Kind))
	}
	if d.Synthetic {
		bw.printf("SYNTHETIC DATA: no figure describes a real place.\n")
	}
	for _, ws := range s.Wards {
		adj := ""
		if ws.Unadjusted {
			adj = " (unadjusted: some values have no interval)"
		}
		bw.printf("\n%s %s: need index %s%s, rank %d of %d\n", ws.Code, ws.Name, num(ws.NeedIndex), adj, ws.Rank, len(s.Wards))
		bw.printf("  %s\n", summary(ws.Total))
		for _, dc := range ws.Domains {
			name := dc.Domain
			if name == "" {
				name = "(no domain)"
			}
			bw.printf("    %s: %s\n", name, summary(dc))
		}
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		others := ""
		for _, b := range s.OtherBenchmarks {
			others += "\t" + short(b.Name, 24) + "\tvs " + short(b.Name, 24)
		}
		fmt.Fprintf(tw, "  indicator\tvalue\t%s%% CI\t%s\tcomparison%s\tspine\tnote\n", pct, "benchmark", others)
		for i := range ws.Values {
			writeScoreRow(tw, &s.Indicators[i], &ws, i)
		}
		tw.Flush()
	}
	bw.printf("\n* interval computed from the count and denominator by the indicator's method\n")
	bw.printf("spine: the ward's position on the indicator's spine chart, 0 worst end to 1 best end, benchmark at 0.5\n")
	writeRanges(bw, d, s)

	bw.printf("\nWards by need index (%s)\n", s.NeedIndex)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  rank\tward\tneed index\tsignificantly worse\tsignificantly better\tno effect\n")
	unadjusted := false
	for _, code := range s.Ranking {
		ws := s.Ward(code)
		mark := ""
		if ws.Unadjusted {
			mark, unadjusted = " †", true
		}
		fmt.Fprintf(tw, "  %d\t%s %s\t%s%s\t%d\t%d\t%d\n", ws.Rank, ws.Code, ws.Name, num(ws.NeedIndex), mark, ws.Total.Worse, ws.Total.Better, ws.Missing)
	}
	tw.Flush()
	if unadjusted {
		bw.printf("† unadjusted: some of the ward's values have no interval, so their differences are not shrunk for sampling error\n")
	}

	bw.printf("\nRanked needs\n")
	if len(s.Needs) == 0 {
		bw.printf("  no needs scored\n")
	}
	tw = tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  rank\tscore\tward\tneed\texplanation\n")
	for _, n := range s.Needs {
		rank := "-"
		if n.Rank > 0 {
			rank = strconv.Itoa(n.Rank)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", rank, num(n.Score), n.WardName, n.Title, n.Explain())
	}
	tw.Flush()
	return bw.err
}

// writeScoreRow writes the row of ward ws's value of the i-th indicator
// in the score table.
func writeScoreRow(tw io.Writer, ind *score.IndicatorScore, ws *score.WardScore, i int) {
	v := &ws.Values[i]
	ci := ""
	if lower, upper, ok := v.Interval(); ok {
		ci = num(lower) + " to " + num(upper)
		if v.Computed() {
			ci += " *"
		}
	}
	spine := ""
	if at, ok := v.SpineAt(); ok {
		spine = strconv.FormatFloat(at, 'f', 2, 64)
	}
	comparison := string(v.Comparison())
	if q := v.ByQuintile(); q != "" {
		comparison = q + " quintile"
	}
	value := ""
	if x, ok := v.Value(); ok {
		value = num(x)
	}
	others := ""
	for k, o := range ind.Others {
		others += "\t" + numPtr(o.Value) + "\t" + string(ws.Other(i, k))
	}
	fmt.Fprintf(tw, "  %s %s\t%s\t%s\t%s\t%s%s\t%s\t%s\n", ind.Indicator, short(ind.Name, 40),
		value, ci, numPtr(ind.Benchmark), comparison, others, spine, ws.Note(i))
}

// kindPhrase is " (local authority)" for a benchmark of that kind, "" for
// none.
func kindPhrase(kind string) string {
	if kind == "" {
		return ""
	}
	return " (" + strings.ReplaceAll(kind, "-", " ") + ")"
}

// writeRanges says where each spine range and the quintiles come from: the
// document's wards, or a reference file's (one line per reference).
func writeRanges(bw *errWriter, d *jsna.Document, s *score.Scores) {
	wards := 0
	for _, w := range d.Wards {
		if w.Code != d.Benchmark.Code && w.Code != d.Area.Code {
			wards++
		}
	}
	var fromWards []string
	byRef := map[string][]string{}
	var refs []string
	for _, is := range s.Indicators {
		if is.Range != score.RangeReference {
			fromWards = append(fromWards, is.Indicator)
			continue
		}
		c := is.Comparators
		k := fmt.Sprintf("all %d wards in %s, %s, %s (%s)", c.N, c.Area, c.Source, c.Period, c.File)
		if byRef[k] == nil {
			refs = append(refs, k)
		}
		byRef[k] = append(byRef[k], is.Indicator)
	}
	if len(refs) == 0 {
		bw.printf("spine range and quintiles: the %d wards of this document\n", wards)
		return
	}
	for _, k := range refs {
		bw.printf("spine range and quintiles of %s: %s\n", strings.Join(byRef[k], ", "), k)
	}
	if len(fromWards) > 0 {
		bw.printf("spine range and quintiles of %s: the %d wards of this document\n", strings.Join(fromWards, ", "), wards)
	}
}

func summary(dc score.DomainCount) string {
	parts := []string{
		fmt.Sprintf("better %d", dc.Better), fmt.Sprintf("similar %d", dc.Similar), fmt.Sprintf("worse %d", dc.Worse),
	}
	if dc.Higher+dc.Lower > 0 {
		parts = append(parts, fmt.Sprintf("higher %d", dc.Higher), fmt.Sprintf("lower %d", dc.Lower))
	}
	if dc.ByQuintile > 0 {
		parts = append(parts, fmt.Sprintf("by quintile %d", dc.ByQuintile))
	}
	if dc.NotCompared > 0 {
		parts = append(parts, fmt.Sprintf("not compared %d", dc.NotCompared))
	}
	return strings.Join(parts, ", ")
}

// num formats a figure for the table: up to four decimals, trailing
// zeros dropped. --json carries full precision.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func numPtr(p *float64) string {
	if p == nil {
		return ""
	}
	return num(*p)
}

func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// errWriter remembers the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, a ...any) { fmt.Fprintf(e, format, a...) }
