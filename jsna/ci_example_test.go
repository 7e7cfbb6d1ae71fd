package jsna_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

func ExampleProportionCI() {
	// 65 of 100 adults, as a percentage with its 95% Wilson interval.
	iv, err := jsna.ProportionCI(65, 100, jsna.Level95, 100)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.1f%% (%.2f to %.2f)\n", iv.Value, iv.Lower, iv.Upper)
	// Output: 65.0% (55.25 to 73.64)
}

func ExampleRateCI() {
	// 9 deaths in 3,456 people: below 10 events the exact Poisson
	// interval is used; at 10 and above Byar's method.
	for _, deaths := range []float64{9, 10} {
		iv, _ := jsna.RateCI(deaths, 3456, jsna.Level95, 100000)
		fmt.Printf("%.0f: %.1f per 100,000 (%.1f to %.1f)\n", deaths, iv.Value, iv.Lower, iv.Upper)
	}
	// Output:
	// 9: 260.4 per 100,000 (119.1 to 494.4)
	// 10: 289.4 per 100,000 (138.5 to 532.2)
}

func ExampleDSRCI() {
	// Two age bands standardised to the ESP2013 weights of 65-69 and 70-74.
	bands := []jsna.AgeBand{
		{Count: 40, Denominator: 5000, Standard: jsna.ESP2013[13].Population},
		{Count: 70, Denominator: 4200, Standard: jsna.ESP2013[14].Population},
	}
	iv, _ := jsna.DSRCI(bands, jsna.Level95, 100000)
	fmt.Printf("%.1f (%.1f to %.1f)\n", iv.Value, iv.Lower, iv.Upper)
	// Output: 1212.7 (996.5 to 1461.8)
}

func ExampleCompare() {
	england := 4.2
	lower, upper := 5.1, 6.3       // the ward's 95% interval
	lower998, upper998 := 4.8, 6.9 // and its 99.8% interval
	c := jsna.Compare(&lower, &upper, &lower998, &upper998, &england, jsna.LowerIsBetter)
	fmt.Println(c, c.Class())
	// Output: worst worse
}

func ExampleScore() {
	d := jsna.Example(jsna.ExampleOptions{})
	s, err := jsna.Score(d, jsna.ScoreOptions{})
	if err != nil {
		panic(err)
	}
	top := s.Ward(s.Ranking[0])
	fmt.Printf("%d wards; highest need: %s, %d of %d indicators significantly worse than %s\n",
		len(s.Wards), top.Name, top.Total.Worse, len(top.Values), s.Benchmark.Name)
	fmt.Println("top need:", s.Needs[0].Title, "-", s.Needs[0].Explain())
	// Output:
	// 20 wards; highest need: Stoneworth, 22 of 30 indicators significantly worse than England
	// top need: Percentage of physically inactive adults - rank 1, tied with other needs scoring 208
}

func ExampleDisclose() {
	count := func(x float64) *float64 { return &x }
	d := &jsna.Document{
		Indicators: []jsna.Indicator{{ID: "a", Method: jsna.MethodRate}},
		Wards: []jsna.Ward{
			{Code: "W1", Values: []jsna.Value{{Indicator: "a", Count: count(3), Denominator: count(1000)}}},
			{Code: "W2", Values: []jsna.Value{{Indicator: "a", Count: count(40), Denominator: count(1200)}}},
			{Code: "W3", Values: []jsna.Value{{Indicator: "a", Count: count(12), Denominator: count(900)}}},
		},
	}
	_, rep := jsna.Disclose(d, jsna.DisclosureOptions{})
	for _, c := range rep.Suppressed {
		fmt.Println(c.Ward, c.Indicator, c.Reason)
	}
	fmt.Println(strings.HasPrefix(rep.Rule, "Disclosure control: counts from 0 to 4"))
	// Output:
	// W1 a primary
	// W3 a secondary
	// true
}

func ExampleWriteCITable() {
	in := strings.NewReader("area,count,denominator\nNorth,9,3456\nSouth,,2000\n")
	if err := jsna.WriteCITable(os.Stdout, in, jsna.MethodRate, jsna.CSVOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// area,count,denominator,value,lower,upper
	// North,9,3456,260.4166666666667,119.07908267877124,494.3519517193047
	// South,,2000,,,
}
