package disclosure_test

import (
	"fmt"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
)

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
	_, rep := disclosure.Disclose(d, disclosure.Options{})
	for _, c := range rep.Suppressed {
		fmt.Println(c.Ward, c.Indicator, c.Reason)
	}
	fmt.Println(strings.HasPrefix(rep.Rule, "Disclosure control: counts from 0 to 4"))
	// Output:
	// W1 a primary
	// W3 a secondary
	// true
}
