package main

import (
	"context"
	"flag"
	"io"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

func init() {
	register(&command{
		name:    "example",
		usage:   "jsna example [-wards N] [-indicators M] [-seed S] [-practices] -o OUT",
		summary: "write a synthetic example borough (England scale: -wards 7000 -indicators 60)",
		run:     runExample,
	})
}

func runExample(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("example", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	wards := fs.Int("wards", 20, "number of wards")
	indicators := fs.Int("indicators", 30, "number of indicators")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same file")
	practices := fs.Bool("practices", false, "add a few synthetic GP practices serving the wards, as the shipped example has")
	out := fs.String("o", "", "output file (- for stdout)")
	const usage = "usage: jsna example [-wards N] [-indicators M] [-seed S] -o OUT"
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *out == "" {
		return usagef(usage)
	}
	if *wards < 1 || *wards > 999999 || *indicators < 1 || *indicators > 10000 || *seed == 0 {
		return usagef("jsna example: -wards must be 1-999999, -indicators 1-10000 and -seed above 0")
	}
	d := example.New(example.Options{Wards: *wards, Indicators: *indicators, Seed: *seed, Practices: *practices})
	if *out == "-" {
		return jsna.Encode(e.stdout, d)
	}
	return writeFileAtomic(*out, e.stderr, func(w io.Writer) error { return jsna.Encode(w, d) })
}
