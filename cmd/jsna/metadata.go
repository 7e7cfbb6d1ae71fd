package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/wardwise/wardwise/jsna"
)

func init() {
	register(&command{
		name:    "metadata",
		usage:   "jsna metadata META.csv DOC (-o OUT | -w)",
		summary: "give a document's indicators their definitions, methods, units and polarities from a Fingertips indicator metadata CSV",
		run:     runMetadata,
	})
}

func runMetadata(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("metadata", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output file, written atomically (- for stdout)")
	inPlace := fs.Bool("w", false, "rewrite DOC in place (atomically)")
	const usage = "usage: jsna metadata META.csv DOC (-o OUT | -w)"
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 || (*out == "") == !*inPlace {
		return usagef(usage)
	}
	meta, name := pos[0], pos[1]
	d, err := readDocument(name)
	if err != nil {
		return err
	}
	lines, err := applyMetadataFile(d, meta)
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
