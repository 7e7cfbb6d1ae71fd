package main

import (
	"strings"
	"testing"
)

func TestCICommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantOut  string // exact stdout
		wantErr  string // substring of stderr
	}{
		{"proportion", []string{"ci", "proportion"}, "count,denominator\n65,100\n,100\n", 0,
			"count,denominator,value,lower,upper\n65,100,65,55.25444329688797,73.63575175690247\n,100,,,\n", ""},
		{"proportion per mille at 99.8%", []string{"ci", "proportion", "--confidence", "0.998", "--multiplier", "1000"}, "count,denominator\n1,1000\n", 0,
			"count,denominator,value,lower,upper\n1,1000,1,0.0872489685187424,11.353037315210217\n", ""},
		{"percentage level", []string{"ci", "rate", "--confidence=99.8", "--multiplier=100"}, "count,denominator\n6500,10000\n", 0,
			"count,denominator,value,lower,upper\n6500,10000,65,62.53702263927419,67.53016492802685\n", ""},
		{"rate default per 100,000", []string{"ci", "rate"}, "count,denominator\n0,1000\n", 0,
			"count,denominator,value,lower,upper\n0,1000,0,0,368.88794541139356\n", ""},
		{"isr", []string{"ci", "isr"}, "group,count,denominator,reference_count,reference_denominator\nx,1,2500,800,3000000\nx,2,2200,5200,2800000\nx,4,1800,30100,2500000\n", 0,
			"group,observed,expected,value,lower,upper,note\nx,7,26.424380952380954,26.490686811602557,10.650630024565554,54.580939427467765,\n", ""},
		{"mean", []string{"ci", "mean"}, "group,value\na,12.1\na,15.3\na,9.8\na,11.4\na,14.9\na,10.2\na,13.7\n", 0,
			"group,count,value,lower,upper\na,7,12.485714285714286,10.452856085343129,14.518572486085443\n", ""},
		{"dsr too few events", []string{"ci", "dsr"}, "group,count,denominator,standard\na,3,1000,5000\na,6,2000,5500\n", 0,
			"group,count,denominator,value,lower,upper,note\na,9,3000,,,,dsr not calculated for a total count below 10 (as calculate_dsr)\n", ""},
		{"compare", []string{"compare"}, "value,lower,upper,benchmark,polarity,lower998,upper998\n1.5,1,2,3,lower-is-better,0.5,2.5\n4.5,4,5,3,no-judgement,,\n,,,3,lower-is-better,,\n", 0,
			"value,lower,upper,benchmark,polarity,lower998,upper998,comparison\n1.5,1,2,3,lower-is-better,0.5,2.5,best\n4.5,4,5,3,no-judgement,,,higher\n,,,3,lower-is-better,,,not compared\n", ""},
		{"quantile", []string{"ci", "quantile", "--quantiles", "2", "--invert=false"}, "value\n3\n1\n2\n4\n", 0,
			"value,quantile,note\n3,2,\n1,1,\n2,1,\n4,2,\n", ""},
		{"funnel ratio significance", []string{"ci", "funnel", "ratio", "--ratio-type", "count", "--significance"}, "numerator,denominator\n893,706.7669173\n", 0,
			"numerator,denominator,significance\n893,706.7669173,High (0.001)\n", ""},
		{"funnel ratio needs its type", []string{"ci", "funnel", "ratio"}, "", 2, "", `jsna ci funnel: ratio type must be count or isr, not ""`},
		{"funnel takes no confidence", []string{"ci", "funnel", "proportion", "--confidence", "99.8"}, "", 2, "", "jsna ci: a funnel takes no --confidence"},
		{"compare two-level", []string{"compare", "--method", "two-level"}, "value,lower,upper,benchmark,polarity\n1.5,1,2,3,lower-is-better\n", 0,
			"value,lower,upper,benchmark,polarity,comparison\n1.5,1,2,3,lower-is-better,not compared\n", ""},
		{"compare bad method", []string{"compare", "--method", "ci90"}, "", 2, "", `jsna compare: --method "ci90" is not one of`},
		{"le incomplete", []string{"ci", "le"}, "group,startage,deaths,population\na,0,1,1000\n", 0,
			"group,startage,value,lowercl,uppercl,note\na,0,,,,the group does not contain records for all age bands\n", ""},
		{"sii too few repetitions", []string{"ci", "sii", "--repetitions", "999"}, "", 2, "", "jsna ci sii: --repetitions must be 1000 or greater"},
		{"sii too few quantiles", []string{"ci", "sii"}, "quantile,population,value,se\n1,10,1,1\n", 1, "", "jsna: stdin: sii: number of quantiles must be between 5 and 100, not 1"},
		{"trend", []string{"ci", "trend"}, "period,value,lower,upper\n2019,1,0,2\n", 0,
			"period,value,lower,upper,trend,reason,slope\n2019,1,0,2,Cannot be calculated,Not enough data points,\n", ""},
		{"trend quarters", []string{"ci", "trend", "--value-type", "proportion"}, "period,count,denominator\n2019 Q1,1,2\n", 1, "", "jsna: stdin: line 2, column period: period \"2019 Q1\" is not a year"},
		// O = 1, E = 100·800/3e6, R = 800/3e6 × 1e5: value O/E·R = 1000, limits
		// the exact Poisson limits of 1 (ci_reference.py) × R/E.
		{"israte", []string{"ci", "israte"}, "group,count,denominator,reference_count,reference_denominator\nx,1,100,800,3000000\n", 0,
			"group,observed,expected,ref_rate,value,lowercl,uppercl,note\nx,1,0.02666666666666667,26.666666666666668,1000,25.317807984289896,5571.643390938897,\n", ""},
		{"bad cell", []string{"ci", "rate"}, "count,denominator\n1,10\n2,ten\n", 1, "", `jsna: stdin: line 3, column denominator: "ten" is not a number`},
		{"zero denominator", []string{"ci", "proportion"}, "count,denominator\n0,0\n", 1, "", "jsna: stdin: line 2, column denominator: denominator is zero (count 0)"},
		{"negative count", []string{"ci", "rate"}, "count,denominator\n-2,10\n", 1, "", "jsna: stdin: line 2, column count: count -2 is negative"},
		{"missing column", []string{"ci", "isr"}, "group,count,denominator\n", 1, "", "jsna: stdin: line 1: missing column reference_count, reference_denominator"},
		{"compare bad polarity", []string{"compare"}, "value,lower,upper,benchmark,polarity\n1,0,2,1,good\n", 1, "", `jsna: stdin: line 2, column polarity: "good" is not a polarity`},
		{"no method", []string{"ci"}, "", 2, "", "usage: jsna ci METHOD"},
		{"unknown method", []string{"ci", "median"}, "", 2, "", `jsna ci: no method "median"`},
		{"bad confidence flag", []string{"ci", "rate", "--confidence", "1"}, "", 2, "", "jsna ci: --confidence: confidence 1 is neither"},
		{"multiplier for a mean", []string{"ci", "mean", "--multiplier", "10"}, "", 2, "", "jsna ci: a mean takes no --multiplier"},
		{"compare takes no args", []string{"compare", "x.csv"}, "", 2, "", "usage: jsna compare"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, c.stdin, c.args...)
			if code != c.wantCode || !sameCSVText(out, c.wantOut) || !strings.Contains(errOut, c.wantErr) {
				t.Errorf("jsna %s = %d\n%s\n%s\nwant %d\n%s\n%s", strings.Join(c.args, " "), code, out, errOut, c.wantCode, c.wantOut, c.wantErr)
			}
		})
	}
}
