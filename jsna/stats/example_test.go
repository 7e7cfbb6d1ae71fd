package stats_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

func ExampleProportionCI() {
	// 65 of 100 adults, as a percentage with its 95% Wilson interval.
	iv, err := stats.ProportionCI(65, 100, stats.Level95, 100)
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
		iv, _ := stats.RateCI(deaths, 3456, stats.Level95, 100000)
		fmt.Printf("%.0f: %.1f per 100,000 (%.1f to %.1f)\n", deaths, iv.Value, iv.Lower, iv.Upper)
	}
	// Output:
	// 9: 260.4 per 100,000 (119.1 to 494.4)
	// 10: 289.4 per 100,000 (138.5 to 532.2)
}

func ExampleDSRCI() {
	// Two age bands standardised to the ESP2013 weights of 65-69 and 70-74.
	bands := []stats.AgeBand{
		{Count: 40, Denominator: 5000, Standard: stats.ESP2013[13].Population},
		{Count: 70, Denominator: 4200, Standard: stats.ESP2013[14].Population},
	}
	iv, _ := stats.DSRCI(bands, stats.Level95, 100000)
	fmt.Printf("%.1f (%.1f to %.1f)\n", iv.Value, iv.Lower, iv.Upper)
	// Output: 1212.7 (996.5 to 1461.8)
}

func ExampleCompare() {
	england := 4.2
	lower, upper := 5.1, 6.3       // the ward's 95% interval
	lower998, upper998 := 4.8, 6.9 // and its 99.8% interval
	c := stats.Compare(&lower, &upper, &lower998, &upper998, &england, jsna.LowerIsBetter)
	fmt.Println(c, c.Class())
	// Output: worst worse
}

func ExampleWriteCITable() {
	in := strings.NewReader("area,count,denominator\nNorth,9,3456\nSouth,,2000\n")
	if err := stats.WriteCITable(os.Stdout, in, jsna.MethodRate, stats.CSVOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// area,count,denominator,value,lower,upper
	// North,9,3456,260.4166666666667,119.07908267877124,494.3519517193047
	// South,,2000,,,
}
