package stats

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// Expected quantiles are from phe_quantile's formula evaluated in exact
// rational arithmetic (testdata/ci_reference2.py, phe_quantile).
func TestQuantiles(t *testing.T) {
	nan := math.NaN()
	a := []float64{5, 3, 3, 9, nan, 1, 7, 7, 2, 8, 4, 6, 10}
	tests := []struct {
		name   string
		values []float64
		n      int
		invert bool
		want   []int
	}{
		{"quintiles with ties and a missing value", a, 5, false, []int{3, 1, 1, 5, 0, 1, 3, 3, 1, 4, 2, 3, 5}},
		{"inverted", a, 5, true, []int{3, 4, 4, 1, 0, 5, 2, 2, 5, 1, 3, 3, 1}},
		{"fewer values than quantiles", []float64{1, 2, 3}, 5, true, []int{0, 0, 0}},
		{"deciles of 1 to 10", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10, false, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"all equal", []float64{4, 4, 4, 4, 4}, 5, false, []int{1, 1, 1, 1, 1}},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			got, err := Quantiles(c.values, c.n, c.invert)
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("Quantiles(%v, %d, %v) = %v, %v, want %v", c.values, c.n, c.invert, got, err, c.want)
			}
		})
	}
	if _, err := Quantiles(a, 0, true); err == nil {
		t.Errorf("Quantiles(a, 0, true): no error")
	}
}

func TestWriteQuantileTable(t *testing.T) {
	in := "group,area,value,invert\n" +
		"r1,a,5,FALSE\nr1,b,3,FALSE\nr1,c,3,FALSE\nr1,d,9,FALSE\nr1,e,,FALSE\nr1,f,1,\nr1,g,7,\nr1,h,7,\nr1,i,2,\nr1,j,8,\nr1,k,4,\nr1,l,6,\nr1,m,10,\n" +
		"r2,n,1,\nr2,o,2,\n"
	want := "group,area,value,invert,quantile,note\n" +
		"r1,a,5,FALSE,3,\nr1,b,3,FALSE,1,\nr1,c,3,FALSE,1,\nr1,d,9,FALSE,5,\nr1,e,,FALSE,,no value\nr1,f,1,,1,\nr1,g,7,,3,\nr1,h,7,,3,\nr1,i,2,,1,\nr1,j,8,,4,\nr1,k,4,,2,\nr1,l,6,,3,\nr1,m,10,,5,\n" +
		"r2,n,1,,,\"group has 2 values, fewer than 5 quantiles\"\nr2,o,2,,,\"group has 2 values, fewer than 5 quantiles\"\n"
	var out bytes.Buffer
	if err := WriteQuantileTable(&out, strings.NewReader(in), QuantileOptions{Quantiles: 5, Invert: false}); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("WriteQuantileTable =\n%s\nwant\n%s", out.String(), want)
	}
	bad := "group,value,invert\nr,1,TRUE\nr,2,FALSE\n"
	err := WriteQuantileTable(&out, strings.NewReader(bad), QuantileOptions{})
	if err == nil || !strings.Contains(err.Error(), "line 3, column invert: group \"r\": invert must take the same value") {
		t.Errorf("WriteQuantileTable(mixed invert) error = %v", err)
	}
}

// englandWards is about 7,000 values in about 300 local authorities, the
// size of all England's wards.
func englandWards() (groups []string, values []float64) {
	rng := rand.New(rand.NewSource(13))
	for la := 0; la < 300; la++ {
		n := 15 + rng.Intn(18)
		for i := 0; i < n; i++ {
			groups = append(groups, fmt.Sprintf("E%08d", la))
			values = append(values, math.Round(rng.Float64()*1000)/10)
		}
	}
	return groups, values
}

func BenchmarkQuantileTable(b *testing.B) {
	groups, values := englandWards()
	var in strings.Builder
	in.WriteString("group,value\n")
	for i := range values {
		fmt.Fprintf(&in, "%s,%v\n", groups[i], values[i])
	}
	s := in.String()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if err := WriteQuantileTable(&out, strings.NewReader(s), QuantileOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
