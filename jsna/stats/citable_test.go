package stats

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

// The numbers below are this package's output on amd64, printed with
// strconv 'g' -1; each agrees with the mpmath values of ci_test.go (from
// testdata/ci_reference.py) in all but the last digit. They are compared
// with sameCSV, which allows 1e-13 relative so that a platform whose math
// functions round the last bit differently (GOARCH=wasm uses no assembly)
// still passes.
func TestWriteCITable(t *testing.T) {
	tests := []struct {
		name, method, in string
		opts             CSVOptions
		want             string
	}{
		{"proportion", "proportion", "area,count,denominator\nA,65,100\nB,,100\nC,0,50\n", CSVOptions{},
			"area,count,denominator,value,lower,upper\n" +
				"A,65,100,65,55.25444329688797,73.63575175690247\n" +
				"B,,100,,,\n" +
				"C,0,50,0,0,7.134759913335871\n"},
		{"proportion per-row level and multiplier", "proportion", "count,denominator,confidence,multiplier\n1,1000,0.998,\n3,7,90,100\n65,100,,1\n", CSVOptions{},
			"count,denominator,confidence,multiplier,value,lower,upper\n" +
				"1,1000,0.998,,0.1,0.00872489685187424,1.1353037315210217\n" +
				"3,7,90,100,42.857142857142854,18.644319036395597,71.05229089864072\n" +
				"65,100,,1,0.65,0.5525444329688797,0.7363575175690247\n"},
		{"rate", "rate", "count,denominator\n9,3456\n10,3456\n0,1000\n", CSVOptions{},
			"count,denominator,value,lower,upper\n" +
				"9,3456,260.4166666666667,119.07908267877124,494.3519517193047\n" +
				"10,3456,289.35185185185185,138.5257498254503,532.1602605832313\n" +
				"0,1000,0,0,368.88794541139356\n"},
		{"rate at 99.8% per 100", "rate", "count,denominator\n6500,10000\n", CSVOptions{Confidence: 0.998, Multiplier: 100},
			"count,denominator,value,lower,upper\n6500,10000,65,62.53702263927419,67.53016492802685\n"},
		{"isr", "isr", "group,count,denominator,reference_count,reference_denominator\n" +
			"x,3,2500,800,3000000\nx,12,2200,5200,2800000\nx,41,1800,30100,2500000\nx,87,900,61000,1200000\n" +
			"y,1,100,800,3000000\ny,,100,5200,2800000\n" +
			"z,2,,800,3000000\nz,1,100,,2800000\nz,0,100,800,3000000\nw,4,100,800,3000000\nw,5,100,5200,\n", CSVOptions{},
			// y, z: calculate_ISRatio's rules for missing cells. O = 1,
			// E = 100·800/3e6 + 100·5200/2.8e6, and the exact Poisson limits
			// of 1 (0.025317807984289895, 5.571643390938897, as in the rate
			// rows of this table) × 100/E; z: O = 3, E = 0 + 0 + 100·800/3e6,
			// the exact limits of 3 by bisection of the Poisson sums in
			// 50-digit decimals (testdata/ci_reference2.py); w: no ratio.
			"group,observed,expected,value,lower,upper,note\n" +
				"x,143,72.17438095238096,198.13124562072545,166.98687816659833,233.39714735204618,\n" +
				"y,1,0.2123809523809524,470.8520179372197,11.92094097914995,2623.419533850153,\"count missing in 1 age band, left out of the observed count (as calculate_ISRatio)\"\n" +
				"z,3,0.026666666666666666,11250,2320.0204608585048,32877.27401153372,\"denominator missing in 1 age band, counted as 0 (as calculate_ISRatio); reference_count missing in 1 age band, counted as 0 (as calculate_ISRatio)\"\n" +
				"w,9,,,,,\"reference_denominator missing in 1 age band, so no expected count (as calculate_ISRatio)\"\n"},
		{"mean", "mean", "group,value\na,12.1\na,15.3\nb,4\na,9.8\na,11.4\na,14.9\na,10.2\na,13.7\nc,\n", CSVOptions{},
			"group,count,value,lower,upper\n" +
				"a,7,12.485714285714286,10.452856085343129,14.518572486085443\n" +
				"b,1,4,,\n" +
				"c,0,,,\n"},
		{"bom and spaces in header", "rate", "\ufeff count , denominator\n1,1000\n", CSVOptions{},
			"count,denominator,value,lower,upper\n1,1000,100,2.5317807984289895,557.1643390938897\n"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := WriteCITable(&out, strings.NewReader(c.in), c.method, c.opts); err != nil {
				t.Fatalf("WriteCITable(%s): %v", c.name, err)
			}
			if !sameCSV(out.String(), c.want) {
				t.Errorf("WriteCITable(%s) =\n%s\nwant\n%s", c.name, out.String(), c.want)
			}
		})
	}
}

// The DSR table reproduces DSRCI and leaves groups of fewer than 10
// events empty, as phe_dsr does.
func TestWriteCITableDSR(t *testing.T) {
	var in strings.Builder
	in.WriteString("group,count,denominator,standard\n")
	for _, b := range dsrBands() {
		in.WriteString("g," + formatNumber(b.Count) + "," + formatNumber(b.Denominator) + "," + formatNumber(b.Standard) + "\n")
	}
	in.WriteString("few,3,1000,5000\nfew,6,2000,5500\nmissing,,1000,5000\n")
	var out bytes.Buffer
	if err := WriteCITable(&out, strings.NewReader(in.String()), "dsr", CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	// missing: calculate_dsr counts a missing count as 0.
	want := "group,count,denominator,value,lower,upper,note\n" +
		"g,767,98600,936.5714716289888,870.8600639760526,1005.8925277179823,\n" +
		"few,9,3000,,,,dsr not calculated for a total count below 10 (as calculate_dsr)\n" +
		"missing,0,1000,,,,\"count missing in 1 age band, counted as 0 (as calculate_dsr); dsr not calculated for a total count below 10 (as calculate_dsr)\"\n"
	if !sameCSV(out.String(), want) {
		t.Errorf("WriteCITable(dsr) =\n%s\nwant\n%s", out.String(), want)
	}
}

// sameCSV reports whether two CSV texts have the same cells, numbers
// agreeing to 1e-13 relative.
func sameCSV(got, want string) bool {
	g, err1 := csv.NewReader(strings.NewReader(got)).ReadAll()
	w, err2 := csv.NewReader(strings.NewReader(want)).ReadAll()
	if err1 != nil || err2 != nil || len(g) != len(w) {
		return false
	}
	for i := range g {
		if len(g[i]) != len(w[i]) {
			return false
		}
		for j := range g[i] {
			if g[i][j] == w[i][j] {
				continue
			}
			a, errA := strconv.ParseFloat(g[i][j], 64)
			b, errB := strconv.ParseFloat(w[i][j], 64)
			if errA != nil || errB != nil || !relClose(a, b, 1e-13) {
				return false
			}
		}
	}
	return true
}

func TestWriteCITableErrors(t *testing.T) {
	tests := []struct {
		name, method, in string
		want             string
	}{
		{"unknown method", "median", "x\n", `jsna: no ci method "median" (methods: proportion, rate, dsr, isr, israte, mean)`},
		{"empty", "rate", "", "jsna: empty input: expected a header row with columns count,denominator"},
		{"missing column", "rate", "count,pop\n1,2\n", "jsna: line 1: missing column denominator (the input needs columns count,denominator)"},
		{"twice", "rate", "count,count,denominator\n", "jsna: line 1, column count: column named twice"},
		{"output column in input", "rate", "count,denominator,value\n", "jsna: line 1, column value: is an output column and cannot be in the input"},
		{"not a number", "proportion", "count,denominator\n1,10\nx,10\n", `jsna: line 3, column count: "x" is not a number`},
		{"nan", "proportion", "count,denominator\nNaN,10\n", `jsna: line 2, column count: "NaN" is not a number`},
		{"zero denominator", "rate", "count,denominator\n1,0\n", "jsna: line 2, column denominator: denominator is zero (count 1)"},
		{"negative count", "rate", "count,denominator\n-1,10\n", "jsna: line 2, column count: count -1 is negative"},
		{"count above denominator", "proportion", "count,denominator\n11,10\n", "jsna: line 2, column count: count 11 exceeds denominator 10 for a proportion"},
		{"bad confidence cell", "proportion", "count,denominator,confidence\n1,10,1.5\n", "jsna: line 2, column confidence: confidence 1.5 is neither a fraction between 0 and 1 nor a percentage from 50 to 100"},
		{"bad multiplier cell", "rate", "count,denominator,multiplier\n1,10,-3\n", "jsna: line 2, column multiplier: multiplier -3 must be a positive number"},
		{"ragged row", "rate", "count,denominator\n1,10\n1,10,3\n", "jsna: line 3: wrong number of fields (every row must have as many as the header)"},
		{"bare quote", "rate", "count,denominator\n1,1\"0\n", `jsna: line 2: bare " in non-quoted-field`},
		{"dsr zero population", "dsr", "group,count,denominator,standard\na,3,0,100\n", "jsna: line 2, column denominator: denominator is zero (count 3)"},
		{"isr zero reference", "isr", "group,count,denominator,reference_count,reference_denominator\na,3,10,5,0\n", "jsna: line 2, column reference_denominator: denominator is zero (reference count 5)"},
		{"isr zero expected", "isr", "group,count,denominator,reference_count,reference_denominator\na,3,0,5,100\n", `jsna: line 2: group "a": expected count is zero (observed 3)`},
		{"mean not a number", "mean", "group,value\na,1\na,one\n", `jsna: line 3, column value: "one" is not a number`},
		{"spaces as a count", "proportion", "count,denominator\n1,10\n  ,10\n", `jsna: line 3, column count: "  " is not a number`},
		{"tab as a confidence", "rate", "count,denominator,confidence\n1,10,\t\n", `jsna: line 2, column confidence: "\t" is not a number`},
		{"spaces as a dsr standard", "dsr", "group,count,denominator,standard\na,3,10, \n", `jsna: line 2, column standard: " " is not a number`},
		{"spaces as a mean value", "mean", "group,value\na,1\na, \n", `jsna: line 3, column value: " " is not a number`},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			err := WriteCITable(&out, strings.NewReader(c.in), c.method, CSVOptions{})
			if err == nil || err.Error() != c.want {
				t.Errorf("WriteCITable(%s) error = %v, want %q", c.name, err, c.want)
			}
			if out.Len() != 0 {
				t.Errorf("WriteCITable(%s) wrote %q before failing", c.name, out.String())
			}
		})
	}
}

func TestWriteComparisonTable(t *testing.T) {
	in := "area,value,lower,upper,benchmark,polarity,lower998,upper998\n" +
		"a,1.5,1,2,3,lower-is-better,0.5,2.5\n" +
		"b,1.5,1,2,3,lower-is-better,0.5,3.5\n" +
		"c,4.5,4,5,3,lower-is-better,3.5,6\n" +
		"d,3,2,4,3,higher-is-better,,\n" +
		"e,4.5,4,5,3,no-judgement,,\n" +
		"f,4.5,4,5,3,not-applicable,,\n" +
		"g,,4,5,3,lower-is-better,,\n" +
		"h,4.5,4,5,,lower-is-better,,\n" +
		"i,1.5,1,2,3,higher-is-better,0.5,2.9\n" +
		"j,4.5,4,5,3,,,\n"
	want := "area,value,lower,upper,benchmark,polarity,lower998,upper998,comparison\n" +
		"a,1.5,1,2,3,lower-is-better,0.5,2.5,best\n" +
		"b,1.5,1,2,3,lower-is-better,0.5,3.5,better\n" +
		"c,4.5,4,5,3,lower-is-better,3.5,6,worst\n" +
		"d,3,2,4,3,higher-is-better,,,similar\n" +
		"e,4.5,4,5,3,no-judgement,,,higher\n" +
		"f,4.5,4,5,3,not-applicable,,,not compared\n" +
		"g,,4,5,3,lower-is-better,,,not compared\n" +
		"h,4.5,4,5,,lower-is-better,,,not compared\n" +
		"i,1.5,1,2,3,higher-is-better,0.5,2.9,worst\n" +
		"j,4.5,4,5,3,,,,not compared\n"
	var out bytes.Buffer
	if err := WriteComparisonTable(&out, strings.NewReader(in), CompareOptions{}); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("WriteComparisonTable =\n%s\nwant\n%s", out.String(), want)
	}
	for _, c := range []struct{ name, in, want string }{
		{"bad polarity", "value,lower,upper,benchmark,polarity\n1,0,2,1,up\n",
			`jsna: line 2, column polarity: "up" is not a polarity (lower-is-better, higher-is-better, no-judgement, not-applicable)`},
		{"crossed interval", "value,lower,upper,benchmark,polarity\n1,2,0,1,no-judgement\n", "jsna: line 2, column lower: lower 2 is above upper 0"},
		{"missing column", "value,lower,upper,polarity\n", "jsna: line 1: missing column benchmark (the input needs columns value,lower,upper,benchmark,polarity)"},
		{"spaces as a value", "value,lower,upper,benchmark,polarity\n   ,0,2,1,no-judgement\n", `jsna: line 2, column value: "   " is not a number`},
	} {
		out.Reset()
		err := WriteComparisonTable(&out, strings.NewReader(c.in), CompareOptions{})
		if err == nil || err.Error() != c.want || out.Len() != 0 {
			t.Errorf("WriteComparisonTable(%s) error = %v (wrote %d bytes), want %q", c.name, err, out.Len(), c.want)
		}
	}
}

// TestCITableSpreadsheetSafe checks that text cells a spreadsheet would
// evaluate (OWASP's CSV injection: starting with = + - @, a tab or a
// carriage return) are written after a single quote, and that numbers,
// negative ones too, are written as they are.
func TestCITableSpreadsheetSafe(t *testing.T) {
	tests := []struct {
		name, method, in, want string
	}{
		{"proportion", "proportion",
			"@area,count,denominator\n" +
				"\"=HYPERLINK(\"\"http://x\"\")\",1,10\n" +
				"+cmd,1,10\n" +
				"-2+3,1,10\n" +
				"@SUM(A1),1,10\n" +
				"\"\tTab\",1,10\n" +
				"\"\rCR\",1,10\n" +
				"-1.5,1,10\n" +
				"+2e-3,1,10\n" +
				"\" -7 \",1,10\n" +
				"-,1,10\n" +
				"a=b,1,10\n",
			"'@area,count,denominator,value,lower,upper\n" +
				"\"'=HYPERLINK(\"\"http://x\"\")\",1,10,10,1.7876213095072906,40.41500267952385\n" +
				"'+cmd,1,10,10,1.7876213095072906,40.41500267952385\n" +
				"'-2+3,1,10,10,1.7876213095072906,40.41500267952385\n" +
				"'@SUM(A1),1,10,10,1.7876213095072906,40.41500267952385\n" +
				"'\tTab,1,10,10,1.7876213095072906,40.41500267952385\n" +
				"\"'\rCR\",1,10,10,1.7876213095072906,40.41500267952385\n" +
				"-1.5,1,10,10,1.7876213095072906,40.41500267952385\n" +
				"+2e-3,1,10,10,1.7876213095072906,40.41500267952385\n" +
				"\" -7 \",1,10,10,1.7876213095072906,40.41500267952385\n" +
				"'-,1,10,10,1.7876213095072906,40.41500267952385\n" +
				"a=b,1,10,10,1.7876213095072906,40.41500267952385\n"},
		{"mean with negative values", "mean",
			"group,value\n=1+1,-1.5\n=1+1,-2.5\n=1+1,-0.5\n-3,-4\n",
			"group,count,value,lower,upper\n" +
				"'=1+1,3,-1.5,-3.9841377117503294,0.9841377117503294\n" +
				"-3,1,-4,,\n"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := WriteCITable(&out, strings.NewReader(c.in), c.method, CSVOptions{}); err != nil {
				t.Fatalf("WriteCITable(%s): %v", c.name, err)
			}
			if !sameCSV(out.String(), c.want) {
				t.Errorf("WriteCITable(%s) =\n%q\nwant\n%q", c.name, out.String(), c.want)
			}
		})
	}
	in := "area,value,lower,upper,benchmark,polarity\n" +
		"=cmd|' /C calc'!A0,-1.5,-2,-1,0,lower-is-better\n" +
		"-5,-1.5,-2,-1,0,higher-is-better\n"
	want := "area,value,lower,upper,benchmark,polarity,comparison\n" +
		"'=cmd|' /C calc'!A0,-1.5,-2,-1,0,lower-is-better,better\n" +
		"-5,-1.5,-2,-1,0,higher-is-better,worse\n"
	var out bytes.Buffer
	if err := WriteComparisonTable(&out, strings.NewReader(in), CompareOptions{}); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("WriteComparisonTable =\n%q\nwant\n%q", out.String(), want)
	}
}

// FuzzCITable feeds arbitrary CSV to every method. The reader must never
// panic; when it succeeds, the output is CSV whose rows all have the
// header's width, every non-empty number cell parses, and no text cell
// would be evaluated by a spreadsheet.
func FuzzCITable(f *testing.F) {
	f.Add("proportion", "count,denominator\n65,100\n,3\n0,0\n")
	f.Add("rate", "count,denominator,confidence,multiplier\n9,3456,0.998,100\n")
	f.Add("dsr", "group,count,denominator,standard\na,10,1000,5000\na,3,200,5500\n")
	f.Add("isr", "group,count,denominator,reference_count,reference_denominator\nx,3,2500,800,3000000\n")
	f.Add("mean", "group,value\na,1\na,2\nb,\n")
	f.Add("compare", "value,lower,upper,benchmark,polarity,lower998,upper998\n1,0,2,3,lower-is-better,,\n")
	f.Fuzz(func(t *testing.T, method, in string) {
		var out bytes.Buffer
		var err error
		if method == "compare" {
			err = WriteComparisonTable(&out, strings.NewReader(in), CompareOptions{})
		} else {
			err = WriteCITable(&out, strings.NewReader(in), method, CSVOptions{})
		}
		if err != nil {
			if out.Len() != 0 {
				t.Fatalf("wrote %q and failed with %v", out.String(), err)
			}
			return
		}
		recs, rerr := csv.NewReader(&out).ReadAll()
		if rerr != nil {
			t.Fatalf("output is not CSV: %v\n%s", rerr, out.String())
		}
		if len(recs) == 0 {
			t.Fatalf("no header in the output")
		}
		for _, r := range recs {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !decimalRE().MatchString(strings.Trim(cell, " ")) {
					t.Fatalf("output cell %q would be evaluated by a spreadsheet", cell)
				}
			}
		}
		for i, name := range recs[0] {
			if name != "value" && name != "lower" && name != "upper" {
				continue
			}
			for _, r := range recs[1:] {
				if r[i] == "" {
					continue
				}
				if _, ok, perr := (&table{header: recs[0], col: map[string]int{name: i}, rows: [][]string{r}, lines: []int{0}}).number(0, name); !ok || perr != nil {
					t.Fatalf("output cell %s = %q is not a number", name, r[i])
				}
			}
		}
	})
}
