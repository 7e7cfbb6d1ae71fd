package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
)

const importSynopsis = "jsna import fingertips|ods [-into DOC.json] [-sex S] [-age A] [-category C] [-period P] [-parent CODE] [-area-code CODE] [-area-name NAME] [-id ID] [-title TITLE] [-sheet NAME] [-metadata META.csv] [-v] [--json] FILE -o OUT"

func init() {
	register(&command{
		name:    "import",
		usage:   importSynopsis,
		summary: "make a jsna/1 document of the wards in a Fingertips data CSV or an OHID Local Health .ods download; registrations: add the GP practices serving a document's wards",
		run:     runImport,
	})
}

// importResult is the --json output of jsna import.
type importResult struct {
	OK       bool             `json:"ok"`
	Output   string           `json:"output,omitempty"`
	Revision string           `json:"revision,omitempty"`
	Report   *importer.Report `json:"report"`
	Metadata []string         `json:"metadata,omitempty"` // what -metadata changed, and its notes
	Problems []jsna.Problem   `json:"problems,omitempty"`
	Error    string           `json:"error,omitempty"`
}

const importUsage = "usage: " + importSynopsis

func runImport(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "registrations" {
		return runImportRegistrations(e, args[1:])
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var opts importer.Options
	fs.StringVar(&opts.Sex, "sex", "", `import only this sex ("Persons", "Male", "Female"); default Persons where an indicator has it`)
	fs.StringVar(&opts.Age, "age", "", `import only this age band ("All ages", "<75 yrs"); default All ages where an indicator has it`)
	fs.StringVar(&opts.Category, "category", "", "import the rows of this category instead of those without one")
	fs.StringVar(&opts.Period, "period", "", `import this time period ("2016 - 20") instead of each indicator's latest`)
	fs.StringVar(&opts.Parent, "parent", "", "import only wards whose parent area has this code or name")
	fs.StringVar(&opts.AreaCode, "area-code", "", "GSS code of the assessment's area (default: the wards' parent)")
	fs.StringVar(&opts.AreaName, "area-name", "", "name of the assessment's area")
	fs.StringVar(&opts.ID, "id", "", "the document's id")
	fs.StringVar(&opts.Title, "title", "", "the document's title")
	fs.StringVar(&opts.Sheet, "sheet", "", "the .ods sheet to read (default: the first with a Fingertips header)")
	out := fs.String("o", "", "output file, written atomically (- for stdout)")
	metaFile := fs.String("metadata", "", "a Fingertips indicator metadata CSV giving the indicators' definitions, methods and polarities")
	into := fs.String("into", "", "fingertips: add the file's rows of Area Type GPs to the practices of this document")
	verbose := fs.Bool("v", false, "list every skipped row one by one, after the rows grouped by reason")
	asJSON := fs.Bool("json", false, "print the report as JSON on stdout")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 || *out == "" {
		return usagef(importUsage)
	}
	kind, name := pos[0], pos[1]
	if kind != "fingertips" && kind != "ods" {
		return usagef("jsna import: the kind of file is fingertips, ods or registrations, not %q\n%s\n%s", kind, importUsage, registrationsUsage)
	}
	if opts.Sheet != "" && kind != "ods" {
		return usagef("jsna import: -sheet is for ods files")
	}
	if *out == "-" && *asJSON {
		return usagef("jsna import: --json prints the report on stdout, so -o must name a file")
	}

	if *into != "" && kind != "fingertips" {
		return usagef("jsna import: -into is for fingertips files")
	}
	d, rep, err := importInto(kind, name, *into, opts)
	var metaNotes []string
	if err == nil && *metaFile != "" {
		metaNotes, err = applyMetadataFile(d, *metaFile)
	}
	res := importResult{Report: rep, Output: *out, Metadata: metaNotes}
	if err == nil {
		res.Revision = jsna.Revision(d)
		if *out == "-" {
			err = jsna.Encode(e.stdout, d)
		} else {
			err = writeFileAtomic(*out, e.stderr, func(w io.Writer) error { return jsna.Encode(w, d) })
		}
	}
	res.OK = err == nil
	if err != nil {
		res.Output, res.Revision = "", ""
		var je *jsna.Error
		if errors.As(err, &je) {
			res.Problems = je.Problems
		}
		res.Error = err.Error()
	}

	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(res); jerr != nil {
			return jerr
		}
		if err != nil {
			return &exitError{code: 1}
		}
		return nil
	}
	// The report is for people, on stderr, never mixed with the document:
	// the skipped rows by reason with what to do, and with -v every
	// skipped row too.
	w := e.stderr
	if rep != nil && rep.Rows > 0 {
		max := -1
		if *verbose {
			max = 0
		}
		fmt.Fprint(w, rep.Summary(max))
	}
	for _, n := range metaNotes {
		fmt.Fprintf(w, "metadata: %s\n", n)
	}
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	if *out != "-" {
		fmt.Fprintf(w, "wrote %s (%s)\n", *out, res.Revision)
	}
	return nil
}

// applyMetadataFile gives d's indicators the definitions in the metadata
// CSV name, and returns what it changed and the file's notes, a line each.
// d must still validate.
func applyMetadataFile(d *jsna.Document, name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("jsna: %w", err)
	}
	defer f.Close()
	meta, mrep, err := importer.ReadMetadata(name, f)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, c := range importer.ApplyMetadata(d, meta) {
		from := c.From
		if from == "" {
			from = "(none)"
		}
		lines = append(lines, fmt.Sprintf("indicator %s: %s %s → %s", c.Indicator, c.Field, clipText(from, 60), clipText(c.To, 60)))
	}
	for _, r := range importer.SkipReasons(mrep.Groups) {
		lines = append(lines, fmt.Sprintf("%s: %s: %s", name, r.What(), r.Todo()))
	}
	for _, n := range mrep.Notes {
		lines = append(lines, name+": "+n)
	}
	if err := d.Validate(); err != nil {
		return lines, fmt.Errorf("jsna: with the metadata of %s: %w", name, err)
	}
	return lines, nil
}

// clipText shortens s to n characters for a report line.
func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// importInto imports the file name of the given kind, into the practices
// of the document into when it is not "" (practices.go).
func importInto(kind, name, into string, opts importer.Options) (*jsna.Document, *importer.Report, error) {
	if into != "" {
		return importPracticeValues(name, into, opts)
	}
	return importFile(kind, name, opts)
}

// importFile imports the file name of the given kind.
func importFile(kind, name string, opts importer.Options) (*jsna.Document, *importer.Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("jsna: %w", err)
	}
	defer f.Close()
	if kind == "fingertips" {
		return importer.Fingertips(name, f, opts)
	}
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("jsna: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("jsna: %s: not a regular file", name)
	}
	return importer.ODS(name, f, fi.Size(), opts)
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments ("FILE -o OUT" as well as "-o OUT FILE"), and
// returns the positional ones. "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		if strings.HasPrefix(rest[0], "-") && rest[0] != "-" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
