package main

import (
	"context"
	"flag"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

func init() {
	register(&command{
		name:    "ci",
		usage:   "jsna ci proportion|rate|dsr|isr|mean [--confidence 0.95] [--multiplier M] < in.csv > out.csv",
		summary: "compute values and confidence intervals for a CSV table on stdin, by the published methods",
		run:     runCI,
	})
	register(&command{
		name:    "compare",
		usage:   "jsna compare < in.csv > out.csv",
		summary: "compare values with their benchmark as Fingertips does, for a CSV table on stdin",
		run:     runCompare,
	})
}

const ciUsage = `usage: jsna ci proportion|rate|dsr|isr|mean [--confidence 0.95] [--multiplier M] < in.csv > out.csv

input columns, and output:
  proportion  count,denominator[,confidence][,multiplier]  -> the input columns,value,lower,upper (Wilson; multiplier 100)
  rate        count,denominator[,confidence][,multiplier]  -> the input columns,value,lower,upper (Byar's, exact below 10; multiplier 100000)
  dsr         group,count,denominator,standard per age band -> group,count,denominator,value,lower,upper (Dobson; multiplier 100000)
  isr         group,count,denominator,reference_count,reference_denominator per age band
                                                            -> group,observed,expected,value,lower,upper (multiplier 100)
  mean        group,value                                   -> group,count,value,lower,upper (Student's t)
empty cells are missing, and so are the results computed from them`

func runCI(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ci", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	conf := fs.Float64("confidence", stats.Level95, "confidence level, as a fraction (0.95) or a percentage (95)")
	mult := fs.Float64("multiplier", 0, "multiplier (default by method: proportion 100, rate and dsr 100000, isr 100)")
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) != 1 {
		return usagef(ciUsage)
	}
	method := strings.ToLower(pos[0])
	known := false
	for _, m := range stats.CITableMethods {
		known = known || m.Method == method
	}
	if !known {
		return usagef("jsna ci: no method %q\n%s", pos[0], ciUsage)
	}
	if method == jsna.MethodMean && *mult != 0 {
		return usagef("jsna ci: a mean takes no --multiplier\n%s", ciUsage)
	}
	if *mult < 0 {
		return usagef("jsna ci: --multiplier must be positive\n%s", ciUsage)
	}
	if _, err := stats.ConfidenceLevel(*conf); err != nil {
		return usagef("jsna ci: --confidence: %s\n%s", strings.TrimPrefix(err.Error(), "jsna: "), ciUsage)
	}
	return withInputName(stats.WriteCITable(e.stdout, e.stdin, method, stats.CSVOptions{Confidence: *conf, Multiplier: *mult}))
}

func runCompare(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usagef("usage: jsna compare < in.csv > out.csv\n\ninput columns value,lower,upper,benchmark,polarity[,lower998,upper998];\noutput the input columns and comparison")
	}
	return withInputName(stats.WriteComparisonTable(e.stdout, e.stdin))
}

// withInputName says the bad input was standard input.
func withInputName(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: 1, msg: "jsna: stdin: " + strings.TrimPrefix(err.Error(), "jsna: ")}
}
