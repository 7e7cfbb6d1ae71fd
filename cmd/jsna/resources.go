package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna/plan"
)

const resourcesUsage = "usage: jsna resources DOC.json [--budget AMOUNT] [--year YYYY] [--years N] [--rate PCT] [--skip] [--by partner] [-o FILE]"

func init() {
	register(&command{
		name:    "resources",
		usage:   resourcesUsage[len("usage: "):],
		summary: "what a budget funds: the costed recommendations in priority order, or who pays (CSV)",
		run:     runResources,
	})
}

// resourcesFlags are the options of jsna resources.
type resourcesFlags struct {
	budget, by, out, rate string
	year, years           int
	skip                  bool
}

func runResources(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("resources", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var f resourcesFlags
	fs.StringVar(&f.budget, "budget", "", "what the partners can spend in the year, in pounds (1200000, 1,200,000 or £1.2m); none funds every costed recommendation")
	fs.IntVar(&f.year, "year", 0, "the financial year counted against the budget, by the year it starts (2027 for 2027/28); default the earliest year costed")
	fs.IntVar(&f.years, "years", 0, "add each recommendation's cost over this many years from --year, undiscounted and discounted")
	fs.StringVar(&f.rate, "rate", "", "discount rate a year, in per cent, for the years columns; default the Green Book's (3.5% for years 1-30, less after)")
	fs.BoolVar(&f.skip, "skip", false, "pass over a recommendation that does not fit and fund later ones that do (default: stop at the first that does not fit)")
	fs.StringVar(&f.by, "by", "", `"partner": totals per partner and pooled budget instead of the ranked list`)
	fs.StringVar(&f.out, "o", "", "output file, written atomically (default stdout)")
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) != 1 {
		return usagef(resourcesUsage)
	}
	opts, err := f.options()
	if err != nil {
		return usagef("jsna resources: %v\n%s", err, resourcesUsage)
	}
	d, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	p, err := plan.Make(d, opts)
	if err != nil {
		return err
	}
	// The table is made in full before anything is written, so that a
	// failure leaves nothing half-written.
	var buf bytes.Buffer
	if f.by == "partner" {
		err = plan.WritePartnersCSV(&buf, p)
	} else {
		err = plan.WriteCSV(&buf, p, f.years > 0)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, resourcesSummary(p, f.years > 0))
	if f.out == "" || f.out == "-" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(f.out, e.stderr, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
}

// options checks the flags and turns them into plan options.
func (f resourcesFlags) options() (plan.Options, error) {
	var o plan.Options
	if f.by != "" && f.by != "partner" {
		return o, fmt.Errorf("--by %q: the only grouping is partner", f.by)
	}
	if f.budget != "" {
		b, err := plan.ParseMoney(f.budget)
		if err != nil {
			return o, fmt.Errorf("--budget: %v", err)
		}
		o.Budget = &b
	}
	if f.year != 0 && (f.year < 2000 || f.year > 2100) {
		return o, fmt.Errorf("--year %d: give the year a financial year starts in, 2000 to 2100 (2027 for 2027/28)", f.year)
	}
	if f.years < 0 || f.years > 125 {
		return o, fmt.Errorf("--years %d: give 1 to 125 years", f.years)
	}
	if f.rate != "" {
		r, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(f.rate), "%"), 64)
		if err != nil || !(r > 0 && r < 100) {
			return o, fmt.Errorf("--rate %q: give a percentage above 0 and below 100, like 3.5", f.rate)
		}
		o.Rate = r / 100
	}
	o.Year, o.Years, o.Skip = f.year, f.years, f.skip
	return o, nil
}

// resourcesSummary says in one line what the table shows and under which
// rule, for stderr.
func resourcesSummary(p *plan.Plan, multiYear bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "jsna resources: %d/%02d: ", p.Year, (p.Year+1)%100)
	rule := "strictly in priority order, stopping at the first that does not fit"
	if p.Skip {
		rule = "in priority order, skipping what does not fit"
	}
	if p.Budget == nil {
		fmt.Fprintf(&b, "no budget given: all %d costed recommendations funded, %s", p.Costed, plan.Pounds(p.Committed))
	} else {
		fmt.Fprintf(&b, "a budget of %s funds %d of %d costed recommendations, %s, %s", plan.Pounds(*p.Budget), p.Funded, p.Costed, plan.Pounds(p.Committed), rule)
	}
	b.WriteString("; each counts its one-off cost plus its recurring cost in the year")
	if multiYear {
		rate := "the Green Book's rates (3.5% for years 1-30), year 0 undiscounted"
		if p.Rate != 0 {
			rate = strconv.FormatFloat(p.Rate*100, 'f', -1, 64) + "% a year, year 0 undiscounted"
		}
		fmt.Fprintf(&b, "; over %d years the funded ones cost %s, %s discounted at %s", p.Years, plan.Pounds(p.Total), plan.Pounds(p.Discounted), rate)
	}
	if len(p.PriceBases) > 0 {
		fmt.Fprintf(&b, "; prices: %s", strings.Join(p.PriceBases, ", "))
	}
	if len(p.PriceBases) > 1 {
		b.WriteString(" (more than one price basis: the totals mix them)")
	}
	return b.String()
}
