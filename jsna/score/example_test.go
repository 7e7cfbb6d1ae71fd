package score_test

import (
	"fmt"

	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/jsna/score"
)

func ExampleScore() {
	d := example.New(example.Options{})
	s, err := score.Score(d, score.Options{})
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
