package plan_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/jsna/plan"
)

// Example plans the synthetic example borough against a budget of
// £1,000,000 for 2027/28, strictly in priority order, and lists who pays.
func Example() {
	d := example.New(example.Options{})
	budget := 1000000.0
	p, err := plan.Make(d, plan.Options{Budget: &budget, Year: 2027, Years: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d costed recommendations funded, %s\n", p.Funded, p.Costed, plan.Pounds(p.Committed))
	fmt.Printf("over %d years: %s, %s discounted\n", p.Years, plan.Pounds(p.Total), plan.Pounds(p.Discounted))
	if err := plan.WritePartnersCSV(os.Stdout, p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 14 of 32 costed recommendations funded, £964,000
	// over 5 years: £4,024,000, £3,780,094.75 discounted
	// kind,id,name,amount,via_pools,total,contributed,remaining
	// council,council,Example Borough Council (synthetic),322400.00,114870.00,437270.00,,
	// icb,icb,NHS Example Integrated Care Board (synthetic),228400.00,268030.00,496430.00,,
	// voluntary,vcs,Example Voluntary Action (synthetic),30300.00,0.00,30300.00,,
	// pooled,bcf,Better Care Fund (synthetic),382900.00,,,1000000.00,617100.00
}

// BenchmarkMakeExample plans the example borough (20 wards) for five
// years.
func BenchmarkMakeExample(b *testing.B) {
	d := example.New(example.Options{})
	budget := 1000000.0
	for b.Loop() {
		if _, err := plan.Make(d, plan.Options{Budget: &budget, Years: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMakeEngland plans an England-scale document (7,000 wards, of
// which the example costs the first 20's recommendations).
func BenchmarkMakeEngland(b *testing.B) {
	d := example.New(example.Options{Wards: 7000, Indicators: 5, Seed: 1})
	for b.Loop() {
		if _, err := plan.Make(d, plan.Options{Years: 5}); err != nil {
			b.Fatal(err)
		}
	}
}
