package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
	"github.com/wardwise/wardwise/jsna/importer"
	"github.com/wardwise/wardwise/jsna/practice"
	"github.com/wardwise/wardwise/jsna/stats"
)

const registrationsUsage = "usage: jsna import registrations REG.csv --lookup LOOKUP.csv [--lsoa11 LSOA11_LSOA21.csv] --into DOC.json [--json] -o OUT.json"

const practicesSynopsis = "jsna practices [--estimates] [--threshold N] DOC.json [-o OUT.csv]"

func init() {
	register(&command{
		name:    "practices",
		usage:   practicesSynopsis,
		summary: "write the document's ward–practice cells (patients, shares; small cells suppressed) or, with --estimates, the wards' estimates of practice-level indicators, as CSV",
		run:     runPractices,
	})
}

// registrationsResult is the --json output of jsna import registrations.
type registrationsResult struct {
	OK       bool                         `json:"ok"`
	Output   string                       `json:"output,omitempty"`
	Revision string                       `json:"revision,omitempty"`
	Report   *importer.RegistrationReport `json:"report"`
	Problems []jsna.Problem               `json:"problems,omitempty"`
	Error    string                       `json:"error,omitempty"`
}

// runImportRegistrations is jsna import registrations: the practices
// serving DOC's wards, from an NHS England registrations LSOA file and an
// ONS LSOA (2021) to ward lookup.
func runImportRegistrations(e *env, args []string) error {
	fs := flag.NewFlagSet("import registrations", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	lookupFile := fs.String("lookup", "", "the ONS LSOA (2021) to ward best-fit lookup CSV")
	lsoa11File := fs.String("lsoa11", "", "the ONS LSOA (2011) to LSOA (2021) lookup CSV, for a file on 2011 LSOAs")
	into := fs.String("into", "", "the jsna/1 document whose wards the practices serve")
	out := fs.String("o", "", "output file, written atomically")
	asJSON := fs.Bool("json", false, "print the report as JSON on stdout")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 || *lookupFile == "" || *into == "" || *out == "" || *out == "-" {
		return usagef(registrationsUsage)
	}
	d, rep, err := importRegistrations(pos[0], *lookupFile, *lsoa11File, *into)
	res := registrationsResult{Report: rep, Output: *out}
	if err == nil {
		res.Revision = jsna.Revision(d)
		err = writeFileAtomic(*out, e.stderr, func(w io.Writer) error { return jsna.Encode(w, d) })
	}
	res.OK = err == nil
	if err != nil {
		res.Output, res.Revision, res.Error = "", "", err.Error()
		if je, ok := err.(*jsna.Error); ok {
			res.Problems = je.Problems
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(res); jerr != nil {
			return jerr
		}
	} else if rep != nil && rep.Rows > 0 {
		w := e.stdout
		if err != nil {
			w = e.stderr
		}
		fmt.Fprint(w, rep.Summary())
	}
	if err != nil {
		if *asJSON {
			return &exitError{code: 1}
		}
		return &exitError{code: 1, msg: err.Error()}
	}
	if !*asJSON {
		fmt.Fprintf(e.stdout, "wrote %s (%s)\n", *out, res.Revision)
	}
	return nil
}

// importRegistrations reads the files of jsna import registrations.
func importRegistrations(reg, lookupFile, lsoa11File, into string) (*jsna.Document, *importer.RegistrationReport, error) {
	doc, err := readDocument(into)
	if err != nil {
		return nil, nil, err
	}
	var lookup *importer.WardLookup
	if err := withFile(lookupFile, func(f *os.File) (err error) {
		lookup, err = importer.ReadWardLookup(lookupFile, f)
		return err
	}); err != nil {
		return nil, nil, err
	}
	var opts importer.RegistrationOptions
	if lsoa11File != "" {
		if err := withFile(lsoa11File, func(f *os.File) (err error) {
			opts.LSOA11, err = importer.ReadLSOA11Lookup(lsoa11File, f)
			return err
		}); err != nil {
			return nil, nil, err
		}
	}
	var d *jsna.Document
	var rep *importer.RegistrationReport
	err = withFile(reg, func(f *os.File) (err error) {
		d, rep, err = importer.Registrations(reg, f, lookup, doc, opts)
		return err
	})
	return d, rep, err
}

// importPracticeValues is jsna import fingertips --into: the file's rows
// of Area Type GPs become values of the practices of the document into.
func importPracticeValues(name, into string, opts importer.Options) (*jsna.Document, *importer.Report, error) {
	doc, err := readDocument(into)
	if err != nil {
		return nil, nil, err
	}
	var d *jsna.Document
	var rep *importer.Report
	err = withFile(name, func(f *os.File) (err error) {
		d, rep, err = importer.FingertipsPractices(name, f, doc, opts)
		return err
	})
	return d, rep, err
}

// withFile opens name for f.
func withFile(name string, f func(*os.File) error) error {
	file, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("jsna: %w", err)
	}
	defer file.Close()
	return f(file)
}

func runPractices(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("practices", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	estimates := fs.Bool("estimates", false, "write the wards' estimates of the practice-level indicators instead of the cells")
	threshold := fs.Int("threshold", disclosure.DefaultThreshold, "cells with fewer patients are suppressed (left empty)")
	out := fs.String("o", "-", "output CSV file, written atomically (- for stdout)")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 || *threshold < 1 {
		return usagef("usage: " + practicesSynopsis)
	}
	d, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	if len(d.Practices) == 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("jsna: %s has no practices: import the GP registrations first (jsna import registrations)", pos[0])}
	}
	write := func(w io.Writer) error {
		if *estimates {
			return writeEstimates(w, d)
		}
		return writePracticeCells(w, d, disclosure.Options{Threshold: *threshold})
	}
	if *out == "-" {
		return write(e.stdout)
	}
	return writeFileAtomic(*out, e.stderr, write)
}

// writePracticeCells writes the ward–practice cells as CSV, suppressed
// cells with their patients and shares empty.
func writePracticeCells(w io.Writer, d *jsna.Document, opts disclosure.Options) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"practice_code", "practice_name", "ward_code", "ward_name", "patients", "share_of_practice", "share_of_ward"})
	for _, c := range disclosure.PracticeCells(d, opts) {
		row := []string{c.Practice, stats.SpreadsheetCell(c.PracticeName), c.Ward, stats.SpreadsheetCell(c.WardName), "", "", ""}
		if c.Patients != nil {
			row[4] = strconv.Itoa(*c.Patients)
		}
		row[5], row[6] = fraction(c.OfPractice), fraction(c.OfWard)
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// writeEstimates writes the wards' estimates of the practice-level
// indicators as CSV.
func writeEstimates(w io.Writer, d *jsna.Document) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"ward_code", "indicator", "value", "lower", "upper", "method"})
	for _, est := range practice.WardEstimates(d) {
		cw.Write([]string{est.Area, stats.SpreadsheetCell(est.Indicator), decimal(est.Value), decimal(est.Lower), decimal(est.Upper), est.Method})
	}
	cw.Flush()
	return cw.Error()
}

// fraction formats a share to six decimal places, without trailing zeros;
// empty for none.
func fraction(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(math.Round(*p*1e6)/1e6, 'f', -1, 64)
}

// decimal formats an estimate to four decimal places, without trailing
// zeros; empty for none.
func decimal(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(math.Round(*p*1e4)/1e4, 'f', -1, 64)
}
