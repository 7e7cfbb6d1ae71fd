package main

import (
	"context"
	"flag"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

func init() {
	register(&command{
		name:    "ci",
		usage:   strings.TrimPrefix(ciUsage, "usage: "),
		summary: "compute values and confidence intervals for a CSV table on stdin, by the published methods",
		run:     runCI,
	})
	register(&command{
		name:    "compare",
		usage:   strings.TrimPrefix(compareUsage, "usage: "),
		summary: "compare values with their benchmark as Fingertips does, for a CSV table on stdin",
		run:     runCompare,
	})
}

const ciUsage = `usage: jsna ci METHOD [flags] < in.csv > out.csv

methods, their input columns ([optional]) and output, named as PHEindicatormethods names them:
  proportion  count,denominator[,group][,confidence][,multiplier]
                 -> the input columns,value,lower,upper (Wilson; multiplier 100);
                    with group, rows summed per group: group,count,denominator,value,lower,upper
  rate        the same columns as proportion (Byar's, exact below 10; multiplier 100000)
  dsr         group,count,denominator,standard per age band
                 -> group,count,denominator,value,lower,upper,note (Dobson; multiplier 100000;
                    a missing count is 0 and a missing denominator an error, as calculate_dsr)
  isr         group,count,denominator,reference_count,reference_denominator per age band
                 -> group,observed,expected,value,lower,upper,note (multiplier 100; missing cells
                    as calculate_ISRatio: count ignored, denominator and reference_count 0,
                    reference_denominator gives no ratio)
              with an eventfreq column, non-independent events (calculate_dsr's
              independent_events = FALSE): group,ageband,eventfreq,count,denominator,standard,
              count being the individuals with eventfreq events -> the same columns
  israte      the isr columns -> group,observed,expected,ref_rate,value,lowercl,uppercl,note
                    (calculate_ISRate: ISR x the reference rate; multiplier 100000)
  mean        group,value -> group,count,value,lower,upper (Student's t)
  quantile    value[,group][,invert] -> the input columns,quantile,note (phe_quantile;
                    --quantiles N, default 10; --invert=false puts the lowest values in quantile 1)
  funnel proportion|ratio|rate
              numerator,denominator[,rate] (ratio: observed and expected counts; rate: events and
                    population, or with rate the denominators derived from it, as the reference does)
                 -> the control limits of calculate_funnel_limits at 100 points built from the data
                    (or at --axis): proportion Population, ratio Observed_events, rate Events,
                    then [lower|upper]_[2s|3s]_limit (ratio and rate also _exp_events or
                    _population_1_year before each), baseline, statistic, method;
                    with --significance the input columns,significance (assign_funnel_significance:
                    High (0.001), High (0.025), Low (0.001), Low (0.025), Not significant)
  le          group,startage,deaths,population per age band (0, 1-4, 5-9, ..., 85-89, 90+)
                 -> group,startage,value,lowercl,uppercl,note (phe_life_expectancy: Chiang II,
                    Silcocks for 90+; none for a group with negative deaths, a population <= 0,
                    deaths above population, a total population <= 5,000 or a missing band;
                    a value whose 95% interval is wider than 20 years is suppressed)
  sii         quantile,population,value[,group][,value_type] and se or lower_cl,upper_cl (95%)
                 -> group,sii,sii_lower95_0cl,sii_upper95_0cl[,rii,rii_lower95_0cl,rii_upper95_0cl],note
                    (phe_sii: 5 to 100 quantiles; 99_8cl at 99.8%; limits simulated,
                    --repetitions at least 1000, default 100000, seeded by --seed)
  trend       period,count,denominator (proportions) or period,value,lower,upper (other),
              [group][,value_type][,polarity]
                 -> the input columns,trend,reason,slope: Fingertips' recent trend over the last
                    five annual periods (chi-squared test for trend / weighted regression against
                    9.5495; Increasing, Decreasing, No significant change, Cannot be calculated;
                    "and getting better/worse" with a polarity); --value-type proportion|other
empty cells are missing, and so are the results computed from them

flags:
  --confidence C   confidence level, 0.95 or 95 (default 95%)
  --multiplier M   multiplier (default by method)
  --quantiles N    quantile: the number of quantiles (default 10)
  --invert         quantile: quantile 1 holds the highest values (default true)
  --ratio-type T   funnel ratio: count or isr (required)
  --rate-type T    funnel rate: dsr or crude (required)
  --years-of-data Y  funnel rate: years the data cover (required)
  --axis X,Y,...   funnel: draw the limits at these points
  --significance   funnel: label each input row instead
  --value-type N   sii: 0 normal, 1 rate, 2 proportion, where a row has no value_type (default 0);
                   trend: proportion or other (default other)
  --transform      sii: the SII of log rates or logit proportions (default: simulated on that
                   scale, then transformed back); se is on the log/logit scale for value types 1, 2
  --repetitions R  sii: simulation repetitions (default 100000)
  --seed S         sii: seed of the simulation (default 1)
  --rii            sii: also the relative index of inequality`

const compareUsage = `usage: jsna compare [--method ci95|ci998|two-level|quintiles] < in.csv > out.csv

input columns value,lower,upper,benchmark,polarity[,lower998,upper998][,method][,group];
output the input columns and comparison. A method column overrides --method per row.
  ci95       the 95% interval against the benchmark: better, similar, worse (higher, lower)
  ci998      the 99.8% interval alone
  two-level  better/best, worse/worst, similar (Fingertips' SingleOverlappingCIsForTwoCiLevels);
             "not compared" where lower998 or upper998 is missing
  quintiles  "quintile 1" (lowest values) to "quintile 5" among the quintile rows of the group
without --method: two levels where lower998 and upper998 are given, else one`

// ciFlags are the flags of jsna ci; each method takes some of them.
type ciFlags struct {
	conf, mult *float64
	quantiles  *int
	invert     *bool
	ratioType  *string
	rateType   *string
	years      *float64
	axis       *string
	signif     *bool
	valueType  *string
	transform  *bool
	reps       *int
	seed       *int64
	rii        *bool
}

// ciMethodFlags names the flags each method accepts besides --confidence.
var ciMethodFlags = map[string][]string{
	jsna.MethodProportion: {"multiplier"},
	jsna.MethodRate:       {"multiplier"},
	jsna.MethodDSR:        {"multiplier"},
	jsna.MethodISR:        {"multiplier"},
	stats.MethodISRate:    {"multiplier"},
	jsna.MethodMean:       nil,
	"quantile":            {"quantiles", "invert"},
	"le":                  nil,
	"trend":               {"value-type"},
	"sii":                 {"multiplier", "value-type", "transform", "repetitions", "seed", "rii"},
	"funnel":              {"multiplier", "ratio-type", "rate-type", "years-of-data", "axis", "significance"},
}

func runCI(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ci", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	f := ciFlags{
		conf:      fs.Float64("confidence", stats.Level95, "confidence level, as a fraction (0.95) or a percentage (95)"),
		mult:      fs.Float64("multiplier", 0, "multiplier (default by method)"),
		quantiles: fs.Int("quantiles", 10, "quantile: number of quantiles"),
		invert:    fs.Bool("invert", true, "quantile: quantile 1 holds the highest values"),
		ratioType: fs.String("ratio-type", "", "funnel ratio: count or isr"),
		rateType:  fs.String("rate-type", "", "funnel rate: dsr or crude"),
		years:     fs.Float64("years-of-data", 0, "funnel rate: years of data"),
		axis:      fs.String("axis", "", "funnel: axis points, comma-separated"),
		signif:    fs.Bool("significance", false, "funnel: label each row"),
		valueType: fs.String("value-type", "", "sii: 0, 1 or 2; trend: proportion or other"),
		transform: fs.Bool("transform", false, "sii: transform before simulating"),
		reps:      fs.Int("repetitions", 100000, "sii: repetitions"),
		seed:      fs.Int64("seed", 1, "sii: seed"),
		rii:       fs.Bool("rii", false, "sii: also the RII"),
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) < 1 || len(pos) > 2 || (len(pos) == 2) != (strings.ToLower(pos[0]) == "funnel") {
		return usagef("%s", ciUsage)
	}
	method := strings.ToLower(pos[0])
	allowed, known := ciMethodFlags[method]
	if !known {
		return usagef("jsna ci: no method %q\n%s", pos[0], ciUsage)
	}
	if method != "funnel" && method != "quantile" {
		allowed = append(allowed, "confidence")
	}
	if err := checkFlags(fs, method, allowed); err != nil {
		return err
	}
	if *f.mult < 0 && method != "sii" {
		return usagef("jsna ci: --multiplier must be positive\n%s", ciUsage)
	}
	if _, err := stats.ConfidenceLevel(*f.conf); err != nil {
		return usagef("jsna ci: --confidence: %s\n%s", strings.TrimPrefix(err.Error(), "jsna: "), ciUsage)
	}
	switch method {
	case "funnel":
		return runFunnel(e, strings.ToLower(pos[1]), f)
	case "sii":
		if *f.reps < 1000 {
			return usagef("jsna ci sii: --repetitions must be 1000 or greater (as phe_sii requires)\n%s", ciUsage)
		}
		vt := map[string]int{"": 0, "0": 0, "1": 1, "2": 2}
		valueType, ok := vt[*f.valueType]
		if !ok {
			return usagef("jsna ci sii: --value-type should be 0, 1 or 2\n%s", ciUsage)
		}
		o := stats.SIIOptions{ValueType: valueType, Transform: *f.transform, Multiplier: *f.mult,
			Confidence: *f.conf, Repetitions: *f.reps, Seed: *f.seed, RII: *f.rii}
		return withInputName(stats.WriteSIITable(e.stdout, e.stdin, stats.SIITableOptions{SIIOptions: o}))
	case "trend":
		vt := *f.valueType
		if vt == "" {
			vt = stats.TrendOther
		}
		if vt != stats.TrendProportion && vt != stats.TrendOther {
			return usagef("jsna ci trend: --value-type should be proportion or other\n%s", ciUsage)
		}
		return withInputName(stats.WriteTrendTable(e.stdout, e.stdin, vt))
	case "le":
		return withInputName(stats.WriteLifeExpectancyTable(e.stdout, e.stdin, *f.conf))
	case "quantile":
		if *f.quantiles < 1 {
			return usagef("jsna ci: --quantiles must be at least 1\n%s", ciUsage)
		}
		return withInputName(stats.WriteQuantileTable(e.stdout, e.stdin, stats.QuantileOptions{Quantiles: *f.quantiles, Invert: *f.invert}))
	}
	return withInputName(stats.WriteCITable(e.stdout, e.stdin, method, stats.CSVOptions{Confidence: *f.conf, Multiplier: *f.mult}))
}

func runFunnel(e *env, statistic string, f ciFlags) error {
	o := stats.FunnelTableOptions{FunnelOptions: stats.FunnelOptions{
		Statistic: statistic, Multiplier: *f.mult, RatioType: *f.ratioType, RateType: *f.rateType, YearsOfData: *f.years,
	}, Significance: *f.signif}
	if o.Multiplier == 0 {
		o.Multiplier = map[string]float64{stats.FunnelProportion: 100, stats.FunnelRatio: 1, stats.FunnelRate: 100000}[statistic]
	}
	if *f.axis != "" {
		for _, s := range strings.Split(*f.axis, ",") {
			x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil || !(x > 0) || math.IsInf(x, 0) {
				return usagef("jsna ci funnel: --axis: %q is not a number above zero\n%s", s, ciUsage)
			}
			o.Axis = append(o.Axis, x)
		}
	}
	if err := o.FunnelOptions.Check(); err != nil {
		return usagef("jsna ci funnel: %s\n%s", strings.TrimPrefix(err.Error(), "jsna: funnel: "), ciUsage)
	}
	return withInputName(stats.WriteFunnelTable(e.stdout, e.stdin, o))
}

// checkFlags is a usage error when a flag was set that the method does
// not take.
func checkFlags(fs *flag.FlagSet, method string, allowed []string) error {
	var bad []string
	fs.Visit(func(fl *flag.Flag) {
		for _, a := range allowed {
			if a == fl.Name {
				return
			}
		}
		bad = append(bad, "--"+fl.Name)
	})
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	what := "a " + method
	if method == jsna.MethodISR {
		what = "an isr"
	}
	return usagef("jsna ci: %s takes no %s\n%s", what, strings.Join(bad, ", "), ciUsage)
}

func runCompare(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	method := fs.String("method", "", "comparison method: ci95, ci998, two-level or quintiles")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usagef("%s", compareUsage)
	}
	m := strings.ToLower(*method)
	if m != "" && !contains(stats.CompareMethods, m) {
		return usagef("jsna compare: --method %q is not one of %s\n%s", *method, strings.Join(stats.CompareMethods, ", "), compareUsage)
	}
	return withInputName(stats.WriteComparisonTable(e.stdout, e.stdin, stats.CompareOptions{Method: m}))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// withInputName says the bad input was standard input.
func withInputName(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: 1, msg: "jsna: stdin: " + strings.TrimPrefix(err.Error(), "jsna: ")}
}
