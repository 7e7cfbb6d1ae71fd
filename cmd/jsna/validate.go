package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wardwise/wardwise/jsna"
)

func init() {
	register(&command{
		name:    "validate",
		usage:   "jsna validate [--json] FILE...",
		summary: "check jsna/1 documents and report every problem with its JSON path",
		run:     runValidate,
	})
	register(&command{
		name:    "fmt",
		usage:   "jsna fmt [-w] FILE",
		summary: "write a document in canonical form to stdout, or rewrite it in place with -w",
		run:     runFmt,
	})
}

// fileReport is one file's result in `jsna validate --json`.
type fileReport struct {
	File     string         `json:"file"`
	Valid    bool           `json:"valid"`
	Revision string         `json:"revision,omitempty"`
	Problems []jsna.Problem `json:"problems,omitempty"`
	Omitted  int            `json:"omitted,omitempty"`
	Error    string         `json:"error,omitempty"` // a file that could not be read
}

func runValidate(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print a JSON report on stdout")
	if err := fs.Parse(args); err != nil {
		return usagef("usage: jsna validate [--json] FILE...")
	}
	if fs.NArg() == 0 {
		return usagef("usage: jsna validate [--json] FILE...")
	}
	var reports []fileReport
	bad := 0
	for _, name := range fs.Args() {
		r := fileReport{File: name}
		d, err := readDocument(name)
		var je *jsna.Error
		switch {
		case err == nil:
			r.Valid = true
			r.Revision = jsna.Revision(d)
		case errors.As(err, &je):
			r.Problems, r.Omitted = je.Problems, je.Omitted
		default:
			r.Error = err.Error()
		}
		if !r.Valid {
			bad++
		}
		if !*asJSON {
			switch {
			case r.Valid:
				fmt.Fprintf(e.stdout, "%s: valid (%s)\n", name, r.Revision)
			default:
				fmt.Fprintln(e.stderr, err)
			}
		}
		reports = append(reports, r)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reports); err != nil {
			return err
		}
	}
	if bad > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("jsna: %d of %d files invalid", bad, len(reports))}
	}
	return nil
}

// readDocument reads and validates the jsna/1 document in file name.
func readDocument(name string) (*jsna.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("jsna: %w", err)
	}
	defer f.Close()
	return jsna.Read(name, f)
}

func runFmt(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("fmt", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	write := fs.Bool("w", false, "rewrite the file in place (atomically) instead of printing it")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return usagef("usage: jsna fmt [-w] FILE")
	}
	name := fs.Arg(0)
	d, err := readDocument(name)
	if err != nil {
		return err
	}
	if !*write {
		return jsna.Encode(e.stdout, d)
	}
	return writeFileAtomic(name, e.stderr, func(w io.Writer) error { return jsna.Encode(w, d) })
}
