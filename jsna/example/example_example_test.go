package example_test

import (
	"fmt"

	"github.com/wardwise/wardwise/jsna/example"
)

func ExampleNew() {
	d := example.New(example.Options{Wards: 20, Indicators: 30, Seed: 1})
	fmt.Println(d.Synthetic, len(d.Wards), len(d.Indicators), d.Validate() == nil)
	fmt.Println(d.Wards[0].Code, d.Indicators[0].ID, d.Indicators[0].Method, d.Indicators[0].Polarity)
	// Output:
	// true 20 30 true
	// E05900000 93097 proportion lower-is-better
}
