package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
)

func init() {
	register(&command{
		name:    "comparators",
		usage:   "jsna comparators REF.csv DOC (-o OUT | -w)",
		summary: "take each indicator's spine range and quintiles from a Fingertips file of all wards in England (or Wales) instead of the document's wards",
		run:     runComparators,
	})
}

func runComparators(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("comparators", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output file, written atomically (- for stdout)")
	inPlace := fs.Bool("w", false, "rewrite DOC in place (atomically)")
	period := fs.String("period", "", "summarise this time period of the reference file instead of each indicator's latest")
	const usage = "usage: jsna comparators REF.csv DOC (-o OUT | -w) [-period PERIOD]"
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 || (*out == "") == !*inPlace {
		return usagef(usage)
	}
	ref, name := pos[0], pos[1]
	d, err := readDocument(name)
	if err != nil {
		return err
	}
	lines, err := applyComparatorsFile(d, ref, importer.Options{Period: *period})
	w := e.stdout
	if *out == "-" || err != nil {
		w = e.stderr
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	target := *out
	if *inPlace {
		target = name
	}
	if target == "-" {
		return jsna.Encode(e.stdout, d)
	}
	if err := writeFileAtomic(target, w, func(w io.Writer) error { return jsna.Encode(w, d) }); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s (%s)\n", target, jsna.Revision(d))
	return nil
}

// applyComparatorsFile reads the reference file name and gives d's
// indicators its summaries; it returns a line per indicator.
func applyComparatorsFile(d *jsna.Document, name string, opts importer.Options) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("jsna: %w", err)
	}
	defer f.Close()
	ref, rep, err := importer.Comparators(name, f, opts)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, c := range importer.ApplyComparators(d, ref) {
		if c.Set {
			r := ref[c.Indicator]
			lines = append(lines, fmt.Sprintf("indicator %s: range and quintiles of all %d wards in %s, %s", c.Indicator, c.N, r.Area, r.Period))
		} else {
			lines = append(lines, fmt.Sprintf("indicator %s: kept the document's wards: %s", c.Indicator, c.Why))
		}
	}
	for _, n := range rep.Notes {
		lines = append(lines, name+": "+n)
	}
	if err := d.Validate(); err != nil {
		return lines, fmt.Errorf("jsna: with the comparators of %s: %w", name, err)
	}
	return lines, nil
}
